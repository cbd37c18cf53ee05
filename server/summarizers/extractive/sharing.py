"""Ideas and quotes picked together: which card keeps a sentence that both would show.

Ideas are chosen first and their sentences are closed to the quotes (a line must never be shown
twice). That can leave a stretch of the video without any quote although its best line would
beat a quote the card holds: then the idea moves to a neighbouring sentence of the same moment,
when one is nearly as good an idea, and the quotes are picked again.
"""

from __future__ import annotations

from ...models import Transcript
from .ideas import IdeaPicks, detail_units, idea_details, make_room
from .quote_pool import SpanPool
from .quote_spans import Span
from .quoting import POOL, apart, pick_quotes, quote_spacing, readable
from .sentences import Unit
from .text import Stream

# How much better than the card's weakest quote a line must score before an idea gives it up: on the
# corpus the lines that gained less (0.04 and 0.07) were no better reads than the quotes they displaced.
QUOTE_MARGIN = 0.1


def ideas_and_quotes(transcript: Transcript, stream: Stream, units: list[Unit], picks: IdeaPicks,
                     spans: SpanPool, vectors, used: set[int], k: int) -> tuple[IdeaPicks, list[Span]]:
    """The ideas' units and k quotes that share no sentence; the quotes' units join `used`."""
    shown = _shown(stream, units, picks, used)
    pool = readable(stream, spans.best(POOL, shown))
    quotes = pick_quotes(transcript, stream, pool, vectors, k, idea_details(stream, units, picks))
    wanted = wanted_by_quotes(stream, spans, picks.units, quotes, k)
    if wanted:
        moved = make_room(stream, units, picks, wanted, {s.unit for s in quotes})
        if moved.units != picks.units:
            picks, before, shown = moved, shown, _shown(stream, units, moved, used)
            # the pool already read, less the moved ideas' sentences, plus those they left
            freed = readable(stream, spans.of_units(before - shown), None)
            pool = sorted([s for s in pool if s.unit not in shown] + freed, key=lambda s: (-s.score, s.start))
            quotes = pick_quotes(transcript, stream, pool, vectors, k, idea_details(stream, units, picks))
    used.update(s.unit for s in quotes)
    return picks, quotes


def _shown(stream: Stream, units: list[Unit], picks: IdeaPicks, used: set[int]) -> set[int]:
    """The units no quote may come from: those already used and those the ideas show."""
    return set(used).union(*(detail_units(stream, units, i) for i in picks.units))


def wanted_by_quotes(stream: Stream, spans: SpanPool, idea_units: list[int], quotes: list[Span], k: int) -> set[int]:
    """Idea units holding a readable quote candidate that starts a quote spacing away from every quote
    picked and scores more than QUOTE_MARGIN above the weakest of them (above nothing when fewer than
    k were found): the quote card lost a better line of a moment it does not cover."""
    bar = min(s.score for s in quotes) + QUOTE_MARGIN if quotes and len(quotes) >= k else float("-inf")
    spacing = quote_spacing(stream)
    # the score and the spacing are cheap to test, so only the few spans that pass are read for wording
    good = [s for s in spans.of_units(set(idea_units), bar) if apart(s, quotes, spacing)]
    return {s.unit for s in readable(stream, good, None)} if good else set()  # most often none pass
