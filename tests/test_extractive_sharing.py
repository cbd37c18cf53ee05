"""Ideas and quotes picked together (extractive/sharing.py, ideas.make_room): a stretch the quotes
left empty gets its best line back from an idea when the idea has a near sentence nearly as good.

Every transcript here is written for these tests.
"""

from server.models import VideoInfo
from server.summarizers.extractive import summarizer as pipeline
from server.summarizers.extractive.ideas import MOVE_LOSS, IdeaPicks, choose_ideas, detail_units, make_room, unit_scores
from server.summarizers.extractive.quote_pool import SpanPool
from server.summarizers.extractive.quote_spans import Span
from server.summarizers.extractive.quoting import quote_spacing
from server.summarizers.extractive.sharing import QUOTE_MARGIN, ideas_and_quotes, wanted_by_quotes
from server.summarizers.extractive.sentences import split_units
from server.summarizers.extractive.text import build_stream

from extractive_samples import long_talk, transcript

SUBJECTS = ("Good soil", "Slow bread", "A quiet garden", "Fresh water", "Old seeds", "Warm compost", "Tall hedges",
            "Clay pots", "Morning light", "Wild bees", "Deep roots", "Sharp tools", "Narrow paths", "Green moss",
            "Cold frames", "Ripe plums", "Dry leaves", "Thick mulch", "Young trees", "Stone walls")


def _talk(short: int = -1):
    """Twenty sentences of fifteen words (unit `short` of eight), one every few seconds."""
    sentences = []
    for n, subject in enumerate(SUBJECTS):
        if n == short:
            sentences.append(f"{subject} matter for every patient gardener here.")
        else:
            sentences.append(f"{subject} matter more than most people think when they plan a garden for number {n}.")
    stream = build_stream(transcript(" ".join(sentences), seconds_per_word=1.0))
    return stream, split_units(stream, True)


def _span(stream, units, ui: int, score: float) -> Span:
    u = units[ui]
    return Span(u.first, u.last, ui, "", stream.seg_start[stream.seg[u.first]], None, score, list(range(u.first, u.last)))


def test_an_idea_line_is_wanted_only_where_no_quote_is_near_and_it_beats_the_weakest_quote():
    stream, units = _talk()
    assert len(units) == 20 and quote_spacing(stream) > units[1].start - units[0].start
    quotes = [_span(stream, units, ui, score) for ui, score in ((0, 2.0), (5, 1.0), (10, 2.0), (15, 2.0))]
    ideas = {1: 3.0, 8: 1.0 + QUOTE_MARGIN + 0.5, 12: 1.0 + QUOTE_MARGIN / 2}
    spans = quotes + [_span(stream, units, ui, score) for ui, score in ideas.items()]
    # unit 1 is the best line of all but sits next to a quote; unit 12 is barely better than the weakest
    assert wanted_by_quotes(stream, SpanPool.of_spans(spans), list(ideas), quotes, 4) == {8}
    # a card short of quotes wants every idea line a spacing away from its quotes
    assert wanted_by_quotes(stream, SpanPool.of_spans(spans), list(ideas), quotes, 5) == {8, 12}


def test_an_idea_moves_to_its_best_near_sentence_that_is_nearly_as_good():
    stream, units = _talk()
    picks = IdeaPicks([3, 8], {3: 1.0, 5: 3.0, 7: 2.0, 8: 3.0, 9: 2.4, 11: 3.0})
    moved = make_room(stream, units, picks, {8}, set())
    assert moved.units == [3, 9]  # units 5 and 11 are better ideas, but three units away is another moment
    assert make_room(stream, units, IdeaPicks([8], {7: 3.0 - MOVE_LOSS - 0.1, 8: 3.0}), {8}, set()).units == [8]


def test_a_moved_idea_never_shows_the_wanted_line_or_a_quote():
    stream, units = _talk(short=9)
    assert detail_units(stream, units, 9) == {9, 10}  # a short sentence takes the next one as its detail
    picks = IdeaPicks([8], {7: 2.0, 8: 3.0, 9: 2.8})
    assert make_room(stream, units, picks, {8}, {10}).units == [7]
    stream, units = _talk(short=7)
    assert make_room(stream, units, IdeaPicks([8], {7: 2.9, 8: 3.0}), {8}, set()).units == [8]  # 7 shows 8


def test_ideas_and_quotes_never_share_a_sentence():
    tr = long_talk(3.0)
    video = VideoInfo("abcdefghijk", "Gardens and Bread", "Weekend Podcast")
    a = pipeline.analyse(tr, video)
    scores = unit_scores(a.stream, a.units, a.cent, a.hostp, a.clipped)
    used: set[int] = set()
    picks = choose_ideas(a.stream, a.units, scores, a.vectors, a.phrases, used, 5)
    picks, quotes = ideas_and_quotes(tr, a.stream, a.units, picks, pipeline.quote_pool(a), a.vectors, used, 5)
    shown = set().union(*(detail_units(a.stream, a.units, i) for i in picks.units))
    assert quotes and picks.units
    assert not shown & {s.unit for s in quotes}
    assert {s.unit for s in quotes} <= used
