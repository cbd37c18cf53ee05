"""The extractive summarizer's cards (extractive/summarizer.py, docs/contract.md) on small transcripts written
for these tests, and its invariants on generated transcripts: verbatim quotes, times inside, chapters."""

import dataclasses

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from server.models import Chapter, Segment, Transcript, VideoInfo
from server.summarizers import make_summarizer
from server.summarizers.extractive import ExtractiveSummarizer
from server.summarizers.extractive.people import people
from server.verbatim import is_verbatim_at

from extractive_samples import BIKES, BREAD, GARDEN, auto_caption, long_talk, segments_from, transcript


VIDEO = VideoInfo("abcdefghijk", "Jane Doe: Gardens, Bikes and Bread | Weekend Podcast #12", "Weekend Podcast")


def summarize(tr, video=VIDEO):
    return ExtractiveSummarizer({}).summarize(tr, video)


def check_contract(tr, cards):
    """What every card set must satisfy, whatever the input."""
    duration = tr.duration
    for q in cards.quotes:
        assert is_verbatim_at(tr, q.text, q.start), q.text
        assert 8 <= len(q.text.split()) <= 40 and "?" not in q.text
    for t in [i.start for i in cards.ideas] + [q.start for q in cards.quotes] + [c.start for c in cards.chapters]:
        assert 0 <= t <= max(duration, 0.0)
    starts = [c.start for c in cards.chapters]
    assert starts and starts[0] == 0 and starts == sorted(set(starts))
    assert all(c.title for c in cards.chapters)
    assert cards.meta.summarizer == "extractive" and cards.meta.version == ExtractiveSummarizer.version


def test_registry_builds_it_with_an_empty_config():
    summarizer = make_summarizer("extractive", {})
    assert summarizer.name == "extractive" and isinstance(summarizer.version, str)


def test_punctuated_talk_gives_full_cards():
    tr = long_talk(minutes_per_topic=8)
    cards = summarize(tr)
    check_contract(tr, cards)
    assert cards.video_id == "abcdefghijk"
    assert 3 <= len(cards.about.points) <= 5 and cards.about.headline
    assert "Jane Doe" in cards.about.headline
    assert 3 <= len(cards.ideas) <= 5 and 3 <= len(cards.quotes) <= 5
    assert all(len(i.title.split()) <= 8 for i in cards.ideas)
    assert 5 <= len(cards.topics) <= 8
    assert 3 <= len(cards.chapters) <= 8
    assert cards.meta.language == "en" and cards.meta.transcript == "manual" and cards.meta.transcript_source == "file"


def test_nothing_comes_from_the_sponsor_read():
    tr = long_talk(minutes_per_topic=6)
    cards = summarize(tr)
    texts = [i.detail for i in cards.ideas] + [q.text for q in cards.quotes] + list(cards.about.points) + cards.topics
    for text in texts:
        assert not any(w in text.lower() for w in ("acme", "sponsored", "subscribe", "code garden"))


def test_topics_have_no_filler_words():
    cards = summarize(long_talk(minutes_per_topic=6))
    for topic in cards.topics:
        assert not set(topic.lower().split()) & {"yeah", "thing", "kind", "um", "like"}


def test_generated_chapters_follow_the_topics():
    tr = long_talk(minutes_per_topic=8)
    cards = summarize(tr)
    garden_end = next(s.start for s in tr.segments if s.text.startswith("A bicycle"))
    assert any(abs(c.start - garden_end) <= 60 for c in cards.chapters)


def test_creator_chapters_are_kept_unchanged():
    chapters = (Chapter(0.0, "Soil"), Chapter(100.0, "Bikes"))
    cards = summarize(long_talk(4), dataclasses.replace(VIDEO, chapters=chapters))
    assert cards.chapters == list(chapters)


def test_auto_captions_give_readable_verbatim_quotes():
    tr = auto_caption(GARDEN + BIKES + BREAD + GARDEN + BIKES)
    cards = summarize(tr)
    check_contract(tr, cards)
    assert cards.quotes and all(q.text[0].isupper() and q.text.endswith(".") for q in cards.quotes)
    assert cards.meta.transcript == "generated"


def test_speaker_labels_give_quote_speakers():
    segs = segments_from(BIKES, speaker="Jane Doe") + segments_from(GARDEN, start=200, speaker="Sam Host")
    tr = Transcript(tuple(segs), "en", "manual")
    cards = summarize(tr, VideoInfo("abcdefghijk", channel="Sam Host"))
    check_contract(tr, cards)
    assert cards.quotes and {q.speaker for q in cards.quotes} <= {"Jane Doe", "Sam Host"}
    assert {p.name: p.role for p in people(VideoInfo("x", channel="Sam Host"), [])} == {"Sam Host": "host"}


def test_unlabelled_interviews_have_no_speaker():
    cards = summarize(long_talk(4))
    assert all(q.speaker is None for q in cards.quotes)


def test_twenty_second_video():
    tr = transcript("Compost feeds the worms and the worms keep the soil loose and healthy all year round. "
                    "Water deeply but rarely so the roots grow down.", seconds_per_word=0.8)
    assert tr.duration <= 25
    cards = summarize(tr)
    check_contract(tr, cards)
    assert [c.start for c in cards.chapters] == [0.0]


def test_single_segment():
    tr = Transcript((Segment(0.0, 6.0, "Weighing the flour on a scale is far more reliable than measuring cups."),))
    cards = summarize(tr, VideoInfo("abcdefghijk"))
    check_contract(tr, cards)
    assert len(cards.quotes) <= 1


@pytest.mark.parametrize("segments", [(), (Segment(0.0, 1.0, "   "),), (Segment(0.0, 2.0, "[Music]"),)])
def test_empty_transcripts_do_not_crash(segments):
    tr = Transcript(segments)
    cards = summarize(tr, VideoInfo("abcdefghijk", "A title"))
    assert cards.quotes == [] and cards.ideas == []
    assert [c.start for c in cards.chapters] == [0.0]


@pytest.mark.parametrize("text", [
    "El compost alimenta a las lombrices y las lombrices mantienen el suelo suelto. " * 30,
    "Der Kompost füttert die Würmer, und die Würmer halten den Boden locker. " * 30,
    "堆肥喂养蚯蚓，蚯蚓让土壤保持松软。" * 40,
    "Компост кормит червей, а черви рыхлят почву. " * 30,
])
def test_non_english_does_not_crash(text):
    tr = Transcript(tuple(segments_from(text)), "xx", "manual")
    cards = summarize(tr, VideoInfo("abcdefghijk"))
    check_contract(tr, cards)
    assert cards.meta.language == "xx"


def test_same_input_same_cards():
    tr = long_talk(5)
    first, second = summarize(tr).to_dict(), summarize(tr).to_dict()
    first["meta"].pop("created_at"), second["meta"].pop("created_at")
    assert first == second


def test_a_talk_by_one_named_person_credits_the_quotes():
    tr = long_talk(4)
    cards = summarize(tr, VideoInfo("abcdefghijk", "Why soil matters (Jane Doe, GardenCon 2024)", "GardenCon"))
    assert cards.quotes and all(q.speaker == "Jane Doe" for q in cards.quotes)


def test_spanish_topics_do_not_start_or_end_with_function_words():
    text = ("El compost alimenta a las lombrices y las lombrices mantienen el suelo suelto. "
            "La rotación de cultivos es importante porque la misma planta atrae las mismas plagas cada año. "
            "El riego profundo pero poco frecuente hace que las raíces crezcan hacia abajo. ")
    cards = summarize(Transcript(tuple(segments_from(text * 12)), "es", "manual"), VideoInfo("abcdefghijk"))
    for topic in cards.topics:
        first, *_, last = topic.lower().split() * 2
        assert first not in {"el", "la", "de", "que", "las"} and last not in {"el", "la", "de", "que", "las"}
    assert len({p.lower() for p in cards.about.points}) == len(cards.about.points)


def test_the_speaker_the_channel_is_named_after_is_the_host():
    segs = segments_from(GARDEN, speaker="Sam Rivers") + segments_from(BIKES, start=100, speaker="Jane Doe")
    tr = Transcript(tuple(segs), "en", "manual")
    cards = summarize(tr, VideoInfo("abcdefghijk", "Why soil matters", "Sam's Podcast"))
    assert cards.video["people"] == [{"name": "Sam Rivers", "role": "host"}, {"name": "Jane Doe", "role": "guest"}]


WORDS = sorted(set((GARDEN + BIKES + BREAD).split())) + ["um", "uh", ">>", "[Music]", "ANNA:", "-", "I-", "I"]


SUMMARIZER = ExtractiveSummarizer({})


@st.composite
def transcripts(draw):
    """Transcripts of 1-120 segments: shuffled or real sentences, any case, gaps and overlaps, odd tokens."""
    count = draw(st.integers(1, 120))
    source = draw(st.sampled_from(["words", "sentences"]))
    lower = draw(st.booleans())
    pool = (GARDEN + BIKES + BREAD).split()
    segments, t, pos = [], draw(st.floats(0, 5)), draw(st.integers(0, len(pool) - 1))
    for _ in range(count):
        n = draw(st.integers(1, 14))
        if source == "words":
            tokens = draw(st.lists(st.sampled_from(WORDS), min_size=n, max_size=n))
        else:
            tokens = [pool[(pos + k) % len(pool)] for k in range(n)]
            pos += n
        text = " ".join(tokens)
        if lower:
            text = "".join(c for c in text.lower() if c.isalnum() or c in " '")
        duration = draw(st.floats(0.2, 8))
        segments.append(Segment(round(t, 2), round(duration, 2), text, draw(st.sampled_from([None, None, "Ann", "Bo"]))))
        t += draw(st.floats(0, duration + 1))
    return Transcript(tuple(segments), "en", "generated" if lower else "manual")


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(transcripts())
def test_cards_keep_their_invariants(tr):
    cards = SUMMARIZER.summarize(tr, VideoInfo("abcdefghijk", "Ann Lee: Soil | Bo Ray Podcast #1"))
    duration = tr.duration
    for q in cards.quotes:
        assert is_verbatim_at(tr, q.text, q.start), q.text
    for t in [i.start for i in cards.ideas] + [q.start for q in cards.quotes] + [c.start for c in cards.chapters]:
        assert 0 <= t <= duration
    starts = [c.start for c in cards.chapters]
    assert starts[0] == 0 and starts == sorted(set(starts))
    assert all(c.title for c in cards.chapters)
