"""Generated chapters: undoing the cuts between neighbouring chapters that read alike."""

import numpy as np

from server.summarizers.extractive.chapters import MERGE_SHARE, _merge_alike


def topic_windows(topics: list[int], dims: int = 6) -> np.ndarray:
    """One normalised window per entry, pointing along its topic's axis plus a shared background."""
    win = np.full((len(topics), dims), 0.2)
    for i, t in enumerate(topics):
        win[i, t] += 1.0
    return win / np.linalg.norm(win, axis=1, keepdims=True)


def test_the_cut_inside_one_topic_goes_first():
    # topics 0 | 1 | 1 | 2: the cut at 8 splits topic 1 and is the one to undo
    win = topic_windows([0] * 4 + [1] * 8 + [2] * 4)
    assert _merge_alike(win, [4, 8, 12], 1) == [4, 12]


def test_a_loud_shared_background_still_leaves_the_inner_cut_first():
    """Words of the whole talk in every window (its general subject) must not hide the topic changes."""
    topics = [0] * 4 + [1] * 4 + [1] * 4 + [2] * 4
    win = topic_windows(topics)
    loud = win + 3.0  # the whole talk's subject dominates every window
    loud /= np.linalg.norm(loud, axis=1, keepdims=True)
    assert _merge_alike(loud, [4, 8, 12], 1) == [4, 12]


def test_nothing_to_undo_leaves_the_cuts_and_never_runs_out():
    win = topic_windows([0] * 4 + [1] * 4 + [2] * 4)
    assert _merge_alike(win, [8, 4], 0) == [4, 8]
    assert _merge_alike(win, [4, 8], 5) == []
    assert _merge_alike(win, [], 2) == []


def test_deterministic_and_a_minority_share():
    rng = np.random.default_rng(7)
    win = rng.random((40, 12))
    win /= np.linalg.norm(win, axis=1, keepdims=True)
    cuts = [4, 9, 14, 19, 24, 29, 34]
    assert _merge_alike(win, cuts, 2) == _merge_alike(win, list(cuts), 2)
    assert 0 < MERGE_SHARE < 0.5
