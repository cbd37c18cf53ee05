"""Generated chapters: topic shifts found by comparing neighbouring windows of talk (TextTiling-style)."""

from __future__ import annotations

import numpy as np

from .sentences import Unit

WINDOW = 45.0  # seconds of talk per window vector
BLOCK = 3  # windows compared on each side of a gap
SECONDS_PER_CHAPTER = 330.0  # creator chapters in the corpus average about 5.5 minutes


def chapter_starts(units: list[Unit], vectors: np.ndarray, duration: float) -> list[int]:
    """Return the indexes of the units that open each chapter; the first is always 0."""
    if not units:
        return []
    content = [i for i, u in enumerate(units) if not u.sponsor]
    intro = content[0] if content and units[content[0]].start >= 20.0 else 0
    talk_from = units[intro].start
    talk = max(duration - talk_from, 0.0)
    wanted = int(round(talk / SECONDS_PER_CHAPTER))
    if wanted < 2 or len(units) < 6:
        return sorted({0, intro})
    times = _valleys(units, vectors, talk_from, duration, wanted - 1)
    starts = {0, intro} | {_snap(units, t) for t in times}
    return sorted(starts)


def _windows(units, vectors, t0, duration):
    count = max(int(np.ceil((duration - t0) / WINDOW)), 1)
    win = np.zeros((count, vectors.shape[1]), dtype=np.float32)
    for u, v in zip(units, vectors):
        if u.start >= t0 and not u.sponsor:
            win[min(int((u.start - t0) // WINDOW), count - 1)] += v * u.size()
    return win


def _valleys(units, vectors, t0, duration, cuts):
    """Times of the `cuts` deepest similarity valleys between windows, kept apart."""
    win = _windows(units, vectors, t0, duration)
    n = len(win)
    if n < 3:
        return []
    sims = np.zeros(n - 1)
    for g in range(n - 1):
        left = win[max(0, g - BLOCK + 1): g + 1].sum(0)
        right = win[g + 1: g + 1 + BLOCK].sum(0)
        denom = np.linalg.norm(left) * np.linalg.norm(right)
        sims[g] = float(left @ right / denom) if denom else 0.0
    sims = np.convolve(np.pad(sims, 1, mode="edge"), [0.25, 0.5, 0.25], mode="valid")
    depth = _depth(sims)
    spacing = max(2, int(0.5 * (duration - t0) / (cuts + 1) / WINDOW))
    chosen: list[int] = []
    for g in np.argsort(-depth, kind="stable"):
        if all(abs(g - c) >= spacing for c in chosen) and g >= spacing - 1 and n - 1 - g >= spacing:
            chosen.append(int(g))
        if len(chosen) == cuts:
            break
    return sorted(t0 + (g + 1) * WINDOW for g in chosen)


def _depth(sims: np.ndarray) -> np.ndarray:
    """TextTiling depth: how far similarity climbs on both sides of each gap."""
    depth = np.zeros_like(sims)
    for g, s in enumerate(sims):
        lp = s
        for x in sims[g::-1]:
            if x < lp:
                break
            lp = x
        rp = s
        for x in sims[g:]:
            if x < rp:
                break
            rp = x
        depth[g] = lp + rp - 2 * s
    return depth


def _snap(units: list[Unit], t: float) -> int:
    """The unit to open a chapter near time t: prefer a question, then the nearest start."""
    best, best_score = 0, -1e9
    for i, u in enumerate(units):
        d = abs(u.start - t)
        if d > WINDOW:
            continue
        score = -d / WINDOW + (0.6 if u.question else 0.0) + (0.3 if i and units[i - 1].speaker != u.speaker else 0.0)
        if score > best_score:
            best, best_score = i, score
    if best_score == -1e9:
        best = min(range(len(units)), key=lambda i: abs(units[i].start - t))
    return best
