"""Readability rules of the extractive cards: titles, outro plugs, hedges, clipped caption words, quote edges.

Every transcript here is written for these tests.
"""

from collections import Counter

from server.models import Segment, Transcript, VideoInfo
from server.verbatim import is_verbatim_at
from server.summarizers.extractive import ExtractiveSummarizer
from server.summarizers.extractive.display import drop_hedges, keep_tokens
from server.summarizers.extractive.fragments import clipped_tokens
from server.summarizers.extractive.keyphrases import Phrases
from server.summarizers.extractive.quoting import _edge_penalty, _span
from server.summarizers.extractive.sponsor import mark_sponsors
from server.summarizers.extractive.sentences import split_units
from server.summarizers.extractive.text import build_stream
from server.summarizers.extractive.titles import idea_title

from extractive_samples import BIKES, BREAD, GARDEN, segments_from, transcript

VIDEO = VideoInfo("abcdefghijk", "Jane Doe: Gardens and Bread | Weekend Podcast #3", "Weekend Podcast")
STOP_OR_MODIFIER = {"the", "a", "of", "and", "to", "plus", "deep", "more", "with", "is"}


def _stream(text: str):
    return build_stream(transcript(text))


def _title(text: str, phrases: dict[str, int], taken=None) -> str:
    """Title the first unit of `text` given how many units each phrase occurs in."""
    stream = _stream(text)
    kept = keep_tokens(stream, 0, len(stream))
    found = [p for p in phrases if f" {p} " in " " + " ".join(stream.key) + " "]
    per_unit = [found] + [[] for _ in range(10)]
    df = Counter({p: n for p, n in phrases.items()})
    shown = {p: p for p in phrases}
    return idea_title(stream, kept, Phrases(per_unit, shown), df, 40, 0, set() if taken is None else taken)


def test_title_states_what_the_sentence_says_about_its_subject():
    text = "Honestly the compost heap is the engine of a healthy garden, and everyone should start one."
    title = _title(text, {"compost heap": 4, "healthy garden": 3, "garden": 9, "engine": 2})
    assert title.startswith("The compost heap is the engine") and len(title.split()) <= 8


def test_title_extends_a_bare_word_with_its_prepositional_phrase():
    text = "Ladders with rubber feet rarely slip on a tiled floor in the kitchen."
    title = _title(text, {"ladders": 3, "rubber feet": 2, "feet": 2})
    assert len(title.split()) >= 2 and title.split()[-1].lower() not in STOP_OR_MODIFIER


def test_title_never_ends_on_a_dangling_modifier_or_function_word():
    text = "What I would say is that gardening is going to be soil plus some patience plus luck."
    title = _title(text, {"gardening": 5, "soil plus": 2, "soil": 4, "patience": 3})
    assert title and title.split()[-1].lower() not in STOP_OR_MODIFIER


def test_titles_avoid_reusing_a_phrase_an_earlier_idea_took():
    text = "Sourdough starters need daily feeding with flour and water to stay lively."
    taken = {"sourdough starters"}
    title = _title(text, {"sourdough starters": 5, "daily feeding": 3}, taken)
    assert "Sourdough starters" != title


def test_ideas_have_phrase_titles_on_a_real_sized_talk():
    body = (GARDEN + BIKES + BREAD) * 3
    cards = ExtractiveSummarizer({}).summarize(transcript(body), VIDEO)
    assert cards.ideas
    for idea in cards.ideas:
        words = idea.title.split()
        assert 1 <= len(words) <= 8
        assert words[-1].lower().strip(".,") not in STOP_OR_MODIFIER


def test_outro_plug_in_the_last_minutes_is_kept_off_the_cards():
    plug = ("If you want to hear more from practical gardeners and bakers who have been in the weeds, "
            "you can follow my work on my website where I write every single week about compost and bread. ")
    body = (GARDEN + BIKES + BREAD) * 3
    segs = segments_from(body) + segments_from(plug, start=segments_from(body)[-1].end + 1)
    tr = Transcript(tuple(segs), "en", "manual", "file")
    cards = ExtractiveSummarizer({}).summarize(tr, VIDEO)
    texts = [i.detail for i in cards.ideas] + [q.text for q in cards.quotes] + list(cards.about.points)
    assert not any("follow my work" in t.lower() for t in texts)


def test_plug_words_early_in_the_talk_are_not_an_outro():
    early = "You can follow my work on compost if you like, I write about soil every week for gardeners. "
    tr = transcript(early + (GARDEN + BIKES + BREAD) * 3)
    stream = build_stream(tr)
    units = split_units(stream, True)
    mark_sponsors(stream, units)
    assert sum(u.sponsor for u in units) <= 1  # at most the plug sentence itself, never the talk after it


def test_hedges_leave_ideas_but_only_by_deletion():
    stream = _stream("The dough is kind of sticky at first, you know, and that is basically fine, right")
    kept = drop_hedges(stream, keep_tokens(stream, 0, len(stream)))
    shown = [stream.text[i] for i in kept]
    assert "kind" not in shown and "basically" not in shown and shown[-1] != "right"
    it = iter(stream.text)
    assert all(tok in it for tok in shown)  # a subsequence: nothing added, nothing reordered


def test_literal_kind_of_is_kept():
    stream = _stream("What kind of flour makes the best bread for a beginner baker at home")
    kept = drop_hedges(stream, keep_tokens(stream, 0, len(stream)))
    assert [stream.text[i] for i in kept][:3] == ["What", "kind", "of"]


def test_clipped_caption_words_are_found_only_at_cue_starts():
    cues = ["you'd water the roots deeply", "ou'd think the soil would dry", "and you'd be right about that",
            "roots grow where you'd expect", "you'd better mulch the beds"]
    segs = tuple(Segment(float(i * 2), 2.0, t) for i, t in enumerate(cues))
    stream = build_stream(Transcript(segs, "en", "generated", "file"))
    found = {stream.key[i] for i in clipped_tokens(stream)}
    assert found == {"ou'd"}


def test_quote_ending_on_a_dangling_modifier_costs_more():
    text = ("the key fact about deep learning is that it was underestimated for years by almost everyone "
            "the key fact about deep")
    segs = tuple(segments_from(text, words_per_segment=6))
    stream = build_stream(Transcript(segs, "en", "generated", "file"))
    good = _span(stream, 0, 16, 0, 0.0, None)
    bad = _span(stream, 16, len(stream), 0, 0.0, None)
    whole = _span(stream, 4, len(stream), 0, 0.0, None)
    assert good is not None and whole is not None
    assert _edge_penalty(stream, whole, False, set()) > _edge_penalty(stream, good, False, set())
    assert bad is None or _edge_penalty(stream, bad, False, set()) >= 1.0


def test_quotes_stay_verbatim_with_the_new_rules():
    tr = transcript((GARDEN + BIKES + BREAD) * 3)
    cards = ExtractiveSummarizer({}).summarize(tr, VIDEO)
    for q in cards.quotes:
        assert is_verbatim_at(tr, q.text, q.start)
        assert q.text.rstrip(".").split()[-1].lower() not in STOP_OR_MODIFIER
