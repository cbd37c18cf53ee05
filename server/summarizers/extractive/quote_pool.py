"""A pool of candidate quotes, each scored only when a question needs it (quote_spans.py makes them)."""

from __future__ import annotations

import heapq
from typing import TYPE_CHECKING, Callable

if TYPE_CHECKING:
    from .quote_spans import Span


class SpanPool:
    """The candidate spans of one transcript, each scored in full only when a question needs it.

    A video has thousands of candidate spans and shows a handful. A span's score bound
    (quotability.score_bound) costs a fraction of its score, and for most spans it says they cannot
    be among the best: those are never scored. Every answer holds the very spans (same objects, same
    order) that scoring them all would give. The bounds are worked out with the quote weights of the
    moment the pool is made: a caller that replaces quotability.WEIGHTS makes a new pool."""

    def __init__(self, units: list[int], bounds: list[float], score: Callable[[int], Span]):
        """Span j is of unit units[j], scores at most bounds[j], and score(j) scores it."""
        self._units, self._bounds, self._score = units, bounds, score
        self._spans: dict[int, Span] = {}  # span index -> its scored span

    @classmethod
    def of_spans(cls, spans: list[Span]) -> SpanPool:
        """A pool of spans already scored (a caller's own list): each one's bound is its score."""
        return cls([s.unit for s in spans], [s.score for s in spans], spans.__getitem__)

    def __len__(self) -> int:
        return len(self._units)

    def every(self) -> list[Span]:
        """All the spans, scored."""
        return [self._span(j) for j in range(len(self._units))]

    def best(self, n: int, skip: set[int] = frozenset()) -> list[Span]:
        """Every span outside the units `skip` that may rank among the n best of them (by score, then
        start), and maybe a few more: spans are scored from the highest bound down until n of them
        score above every bound left."""
        if n <= 0:
            return []
        bounds = self._bounds
        scores: list[float] = []  # a heap of the n best scores so far
        taken = []
        for j in sorted(range(len(self._units)), key=bounds.__getitem__, reverse=True):
            if self._units[j] in skip:
                continue
            if len(scores) == n and bounds[j] + 1e-9 < scores[0]:
                break
            score = self._span(j).score
            (heapq.heappush if len(scores) < n else heapq.heappushpop)(scores, score)
            taken.append(j)
        return [self._span(j) for j in sorted(taken)]

    def of_units(self, units: set[int], above: float = float("-inf")) -> list[Span]:
        """Every span of the units `units` that scores above `above`."""
        bounds = self._bounds
        return [self._span(j) for j, unit in enumerate(self._units)
                if unit in units and bounds[j] + 1e-9 >= above and self._span(j).score > above]

    def _span(self, j: int) -> Span:
        span = self._spans.get(j)
        if span is None:
            span = self._spans[j] = self._score(j)
        return span
