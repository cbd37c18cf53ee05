"""How central and how idea-like each sentence unit is; the shared signals behind every card."""

from __future__ import annotations

import re

import numpy as np

from .sentences import Unit
from .text import Stream
from .wordlists import DANGLING_OPENERS, DISCOURSE_OPENERS, HOUSEKEEPING, REASONING, STANCE, STOPWORDS

_HEDGES = ("i don't know", "i guess", "i mean", "you know", "sort of", "kind of", "no i", "yes i")
_SPOKEN_FILLERS = ("you know", "i mean", "sort of", "kind of", " like ", " um ", " uh ")
# `idea_score` runs for every unit and candidate quote: its "is any of these in the text" tests are
# built once as one pattern (or one tuple of openings) instead of a loop over the markers each time.
_REASONING = re.compile("|".join(re.escape(f" {m} ") for m in REASONING))
_CONTRAST = re.compile("|".join(re.escape(m) for m in (" not ", " rather than ", " instead of ", " but ")))
_HOUSEKEEPING_OPENS = tuple(f" {h}" for h in HOUSEKEEPING)
# A pattern can only match when a word it needs is among the keys: a set test skips most searches.
_REASONING_GATE = frozenset(m.split()[-1] for m in REASONING)
_CONTRAST_GATE = frozenset("not rather instead but".split())
_FILLER_GATE = frozenset("know mean sort kind like um uh".split())
_HEDGE_OPENS = tuple(f" {h} " for h in _HEDGES)


def centrality(vectors, units: list[Unit], starts: list[int]) -> np.ndarray:
    """Cosine of each unit to the whole talk and to its chapter, z-scored (sponsor units at the bottom)."""
    n = len(units)
    if n == 0 or vectors is None:
        return np.zeros(n)
    content = np.array([not u.sponsor for u in units], dtype=np.float32)
    score = _cos_to(vectors, content)
    bounds = list(starts) + [n]
    for a, b in zip(bounds, bounds[1:]):
        mask = np.zeros(n, dtype=np.float32)
        mask[a:b] = content[a:b]
        score[a:b] += _cos_to(vectors, mask)[a:b]
    score = (score - score.mean()) / (score.std() or 1.0)
    score[content == 0] = -5.0
    return score


def _cos_to(vectors, mask: np.ndarray) -> np.ndarray:
    centroid = np.asarray(vectors.T @ mask).ravel()
    norm = np.linalg.norm(centroid)
    if norm == 0:
        return np.zeros(vectors.shape[0])
    return np.asarray(vectors @ (centroid / norm)).ravel()


def idea_score(keys: list[str], text: str | None = None, content: int | None = None,
               keyset: set[str] | None = None) -> float:
    """How much a run of words reads like a self-contained claim (higher is better); the quote
    score passes the joined `text`, the `content` word count and the set of the words it has
    already worked out."""
    n = len(keys)
    if n == 0:
        return -9.0
    if text is None:
        text = " " + " ".join(keys) + " "
    if content is None:
        content = sum(1 for k in keys if k not in STOPWORDS and len(k) > 2)
    if keyset is None:
        keyset = set(keys)
    score = 1.5 * content / n
    if not STANCE.isdisjoint(keyset):
        score += 0.3 * min(sum(1 for k in keys if k in STANCE), 3)
    score += 0.4 * (not _REASONING_GATE.isdisjoint(keyset) and bool(_REASONING.search(text)))
    score += 0.2 * (keys[0] in ("i", "we") or " i " in text[:12])
    score += 0.3 * (not _CONTRAST_GATE.isdisjoint(keyset) and bool(_CONTRAST.search(text)))
    if not _FILLER_GATE.isdisjoint(keyset):
        score -= 0.3 * sum(text.count(f) for f in _SPOKEN_FILLERS)
    score -= 0.6 * (keys[0] in DANGLING_OPENERS)
    distinct = len(keyset)
    if distinct < n:  # a word said twice in a row needs a repeated word
        score -= 0.3 * sum(1 for a, b in zip(keys, keys[1:]) if a == b)
    score -= 1.0 * (distinct < 0.7 * n)
    score -= 2.0 * text.startswith(_HOUSEKEEPING_OPENS)
    score -= 0.6 * text.startswith(_HEDGE_OPENS)
    score -= 0.5 * (content < 3)
    return score


def idea_score_bound(keys: list[str], content: int, keyset: set[str]) -> float:
    """An upper bound on idea_score(keys) with no pattern searched: each test that needs a search
    counts as met when it can help and as failed when it can only cost (quotability.score_bound)."""
    n = len(keys)
    if n == 0:
        return -9.0
    score = 1.5 * content / n
    if not STANCE.isdisjoint(keyset):
        score += 0.3 * min(sum(1 for k in keys if k in STANCE), 3)
    score += 0.4 * (not _REASONING_GATE.isdisjoint(keyset)) + 0.2 + 0.3 * (not _CONTRAST_GATE.isdisjoint(keyset))
    score -= 0.6 * (keys[0] in DANGLING_OPENERS)
    score -= 1.0 * (len(keyset) < 0.7 * n)
    score -= 0.5 * (content < 3)
    return score


def strip_openers(stream: Stream, first: int, last: int) -> int:
    """Index of the first token after opening discourse markers ("so", "and", "you know", "I mean")."""
    i = first
    while i < last - 1:
        k = stream.key[i]
        if k in DISCOURSE_OPENERS:
            i += 1
        elif (k, stream.key[i + 1]) in {("i", "mean"), ("you", "know")}:
            i += 2
        else:
            break
    return i


def mmr(scores: list[float], rows: list[int], times: list[float], vectors,
        k: int, lam: float, spacing: float, pool: int = 200) -> list[int]:
    """Pick k candidate positions by maximal marginal relevance, `spacing` seconds apart.

    Candidate j has quality scores[j], the vector vectors[rows[j]] and the time times[j].
    """
    order = sorted(range(len(scores)), key=lambda j: (-scores[j], times[j]))[:pool]
    if not order:
        return []
    mat = vectors[[rows[j] for j in order]]
    sims = mat @ mat.T
    sims = sims.toarray() if hasattr(sims, "toarray") else np.asarray(sims)
    picked: list[int] = []
    for _ in range(k):
        best, best_value = None, -np.inf
        for a, j in enumerate(order):
            if a in picked or any(abs(times[j] - times[order[p]]) < spacing for p in picked):
                continue
            overlap = max((sims[a, p] for p in picked), default=0.0)
            value = lam * scores[j] - (1 - lam) * 3.0 * overlap
            if value > best_value:
                best, best_value = a, value
        if best is None:
            break
        picked.append(best)
    return [order[a] for a in picked]
