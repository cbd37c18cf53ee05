"""Chapter titles and topics: names of things, not phrases cut in half (text written for these tests)."""

from extractive_samples import long_talk, transcript

from server.models import VideoInfo
from server.summarizers.extractive import keyphrases
from server.summarizers.extractive.keyphrases import _stems, chapter_titles, extract, topics
from server.summarizers.extractive.sentences import split_units
from server.summarizers.extractive.summarizer import build_cards
from server.summarizers.extractive.text import build_stream

# Made-up talk: "denied", "fully" and "available" are said often, but never as nouns.
TRAVEL = (
    "My visa was denied twice. They denied it because the form was not fully complete. "
    "The new form is available online and the office is available on Mondays. "
    "We moved to Los Angeles in the spring. Los Angeles has a huge port. "
    "I fully expected the embassy to call. The embassy never called, so the visa was denied again. "
    "The harbour in Los Angeles is busy, and the port handles most of the cargo. "
    "The visa office said the appointment was available, and the embassy confirmed the appointment. "
)


def phrases_of(text: str):
    stream = build_stream(transcript(text))
    units = split_units(stream, True)
    return extract(stream, units), units


def test_names_with_a_function_word_stay_whole():
    phrases, _ = phrases_of(TRAVEL * 2)
    found = topics(phrases)
    assert "Los Angeles" in found
    assert "Angeles" not in found


def test_topics_are_distinct_nouns_without_filler():
    phrases, _ = phrases_of(TRAVEL * 2)
    found = topics(phrases)
    assert 5 <= len(found) <= 8
    lowered = [t.lower() for t in found]
    assert not {"denied", "fully", "available", "yeah", "thing", "kind"} & set(lowered)
    for a in lowered:
        for b in lowered:
            assert a == b or not (_stems(a) <= _stems(b)), (a, b)


def test_chapter_titles_never_end_on_a_dangling_word():
    phrases, units = phrases_of(TRAVEL * 3)
    half = len(units) // 2
    titles = chapter_titles(phrases, [(0, half), (half, len(units))])
    assert all(titles)
    for title in titles:
        last = title.split()[-1].lower()
        assert last not in ("denied", "fully", "available")
        assert 1 <= len(title.split()) <= keyphrases.TITLE_WORDS
    assert titles[0] != titles[1]


def test_stems_join_word_forms():
    assert _stems("language") == _stems("languages")
    assert _stems("programming") == _stems("program")
    assert _stems("systems") == _stems("system")


def test_generated_chapters_have_short_distinct_noun_titles_and_are_deterministic():
    talk = long_talk(minutes_per_topic=6.0)
    video = VideoInfo("abcdefghijk", "A talk", "A channel")
    first = build_cards(talk, video)
    again = build_cards(talk, video)
    assert [c.title for c in first.chapters] == [c.title for c in again.chapters]
    assert first.topics == again.topics
    assert first.chapters[0].start == 0.0
    starts = [c.start for c in first.chapters]
    assert starts == sorted(set(starts))
    titles = [c.title for c in first.chapters]
    for a, b in zip(titles, titles[1:]):
        assert a != b
    for title in titles:
        assert len(title.split()) <= keyphrases.TITLE_WORDS
        assert " and " not in title or all(part.strip() for part in title.split(" and "))
