"""Generated chapters: the split of the talk into coherent stretches that a dynamic programme finds best,
less the cuts between neighbours that read alike."""

from __future__ import annotations

import numpy as np
from scipy import sparse

from .sentences import Unit

WINDOW = 30.0  # seconds of talk per window vector
MIN_WINDOWS = 4  # a chapter lasts at least this many windows (2 minutes)
SECONDS_PER_CHAPTER = 300.0  # creator chapters in the corpus average 5-6 minutes
SMOOTH = 0.5  # share of each neighbouring window mixed into a window
TURN_BONUS = 0.3  # reward for a chapter whose first window holds a question
SNAP = 15.0  # seconds a cut may move to reach a question or a new speaker
MERGE_SHARE = 0.22  # share of the programme's cuts undone where the two chapters read alike


def chapter_starts(units: list[Unit], vectors, duration: float) -> list[int]:
    """Return the indexes of the units that open each chapter; the first is always 0.

    `vectors` holds one L2-normalised (sparse or dense) row per unit.
    """
    if not units:
        return []
    content = [i for i, u in enumerate(units) if not u.sponsor]
    intro = content[0] if content and units[content[0]].start >= 20.0 else 0
    t0 = units[intro].start
    wanted = int(round(max(duration - t0, 0.0) / SECONDS_PER_CHAPTER))
    if wanted < 2 or len(units) < 6:
        return sorted({0, intro})
    win, owner = _windows(units, vectors, t0, duration)
    if win.shape[0] < 2 * MIN_WINDOWS:
        return sorted({0, intro})
    cuts = _best_split(win, min(wanted, win.shape[0] // MIN_WINDOWS), _turn_bonus(units, owner, win.shape[0]))
    cuts = _merge_alike(win, cuts, int(round(MERGE_SHARE * len(cuts))))
    return sorted({0, intro} | {_snap(units, t0 + c * WINDOW) for c in cuts})


def _windows(units, vectors, t0, duration):
    """Sum unit vectors (weighted by length) into fixed windows of talk; sponsor units left out."""
    count = max(int(np.ceil((duration - t0) / WINDOW)), 1)
    owner = np.array([min(int((u.start - t0) // WINDOW), count - 1) if u.start >= t0 else -1 for u in units])
    keep = np.array([o >= 0 and not u.sponsor for o, u in zip(owner, units)])
    weights = np.array([u.size() for u in units], dtype=np.float32) * keep
    assign = sparse.csr_matrix((weights, (np.where(keep, owner, 0), np.arange(len(units)))), shape=(count, len(units)))
    win = assign @ vectors
    win = win.toarray() if sparse.issparse(win) else np.asarray(win)
    norms = np.linalg.norm(win, axis=1, keepdims=True)
    win = win / np.where(norms == 0, 1.0, norms)
    mixed = win.copy()
    mixed[1:] += SMOOTH * win[:-1]
    mixed[:-1] += SMOOTH * win[1:]
    return mixed, owner


def _turn_bonus(units, owner, count):
    """Reward cuts at windows where a question is asked: interviews change topic with a question.

    A change of speaker earns nothing here. In transcripts with one segment per speaker turn the
    speaker changes every 40 s or so, which marks nearly every window and so says nothing about
    topics; the bonus then pulled cuts off the questions (one file tied equal-length parts).
    Speaker changes still break ties when a cut is snapped to a unit (`_snap`).
    """
    bonus = np.zeros(count + 1)
    for i, u in enumerate(units):
        if owner[i] >= 0 and u.question:
            bonus[owner[i]] = TURN_BONUS
    return bonus


def _best_split(win: np.ndarray, parts: int, bonus: np.ndarray) -> list[int]:
    """Window indexes where `parts` segments begin (besides 0), maximising total coherence.

    The coherence of a segment is the length of the sum of its normalised window vectors,
    i.e. the summed cosine of each window to the segment's centroid direction.
    """
    n = win.shape[0]
    norms = np.linalg.norm(win, axis=1, keepdims=True)
    prefix = np.vstack([np.zeros((1, win.shape[1])), np.cumsum(win / np.where(norms == 0, 1, norms), 0)])
    gram = prefix @ prefix.T
    diag = np.diag(gram)
    score = np.sqrt(np.maximum(diag[None, :] + diag[:, None] - 2 * gram, 0.0))
    idx = np.arange(n + 1)
    score = np.where(idx[None, :] - idx[:, None] >= MIN_WINDOWS, score, -np.inf) + bonus[:, None]
    best, back = score[0].copy(), []
    for _ in range(1, parts):
        total = best[:, None] + score
        arg = np.argmax(total, axis=0)
        back.append(arg)
        best = total[arg, idx]
    cuts, end = [], n
    for arg in reversed(back):
        end = int(arg[end])
        cuts.append(end)
    return sorted(c for c in cuts if c > 0)


def _merge_alike(win: np.ndarray, cuts: list[int], drops: int) -> list[int]:
    """Undo `drops` cuts, each time the one between the two most alike neighbouring chapters.

    The programme must fill its quota of one chapter per 5 minutes, so where a talk stays on one
    subject it still cuts it somewhere. Those are the cuts where the content does not change:
    the chapters on both sides point the same way. Similarity is taken after subtracting the
    talk's mean window, so the vocabulary of the whole conversation (its general subject) does
    not make every pair look alike. Measured on the 12 files with creator chapters, undoing 22%
    of the cuts took mean Pk from 0.338 to 0.309 at F1@60s 0.635. Asking the programme for 22%
    fewer chapters instead gave Pk 0.355, undoing the same share at random 0.361, and the same
    merge without subtracting the mean 0.320: it is the choice of cut that helps, not the count.
    """
    x = win - win.mean(axis=0)
    cuts = sorted(cuts)
    for _ in range(min(drops, len(cuts))):
        sums = np.add.reduceat(x, [0] + cuts, axis=0)
        norms = np.linalg.norm(sums, axis=1, keepdims=True)
        cents = sums / np.where(norms == 0, 1.0, norms)
        cuts.pop(int(np.argmax(np.einsum("ij,ij->i", cents[:-1], cents[1:]))))
    return cuts


def _snap(units: list[Unit], t: float) -> int:
    """The unit to open a chapter near time t: prefer a question or a new speaker, then the nearest."""
    best, best_score = None, -np.inf
    for i, u in enumerate(units):
        d = abs(u.start - t)
        if d > SNAP:
            continue
        new_speaker = i > 0 and units[i - 1].speaker != u.speaker
        score = -d / SNAP + (0.6 if u.question else 0.0) + (0.3 if new_speaker else 0.0)
        if score > best_score:
            best, best_score = i, score
    if best is None:
        best = min(range(len(units)), key=lambda i: abs(units[i].start - t))
    return best
