"""Generated chapters (extractive/chapters.py): the programme's split, its coherence scores, undoing cuts that
read alike, snapping, the bonus for questions."""

import itertools

import numpy as np
from scipy import sparse

from server.summarizers.extractive.chapters import (
    MAX_WINDOWS, MERGE_SHARE, MIN_WINDOWS, _best_split, _coherence, _merge_alike, _snap_all, _turn_bonus,
)
from server.summarizers.extractive.sentences import Unit


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


def test_merging_sparse_windows_undoes_the_same_cuts_as_dense_ones():
    rng = np.random.default_rng(3)
    win = rng.random((60, 30)) * (rng.random((60, 30)) < 0.2)
    cuts = list(range(5, 60, 5))
    assert _merge_alike(sparse.csr_matrix(win), cuts, 4) == _merge_alike(win, cuts, 4)


def random_windows(count: int, seed: int, dims: int = 40) -> sparse.csr_matrix:
    """Sparse non-negative windows (a few words each), some of them empty like a sponsor stretch."""
    rng = np.random.default_rng(seed)
    win = rng.random((count, dims)) * (rng.random((count, dims)) < 0.15)
    win[rng.integers(0, count, 2)] = 0.0
    return sparse.csr_matrix(win)


def unit_rows(win: sparse.csr_matrix) -> np.ndarray:
    dense = win.toarray()
    norms = np.linalg.norm(dense, axis=1, keepdims=True)
    return dense / np.where(norms == 0, 1, norms)


def test_coherence_is_the_length_of_each_segments_sum():
    win = random_windows(23, seed=1)
    unit = unit_rows(win)
    score = _coherence(win, 9)
    for i in range(23):
        for d in range(1, 10):
            if i + d <= 23:
                assert np.isclose(score[i, d], np.linalg.norm(unit[i:i + d].sum(axis=0)))


def exhaustive_split(win: sparse.csr_matrix, parts: int, bonus: np.ndarray) -> list[int]:
    """Every way to cut the windows into `parts` segments of at least MIN_WINDOWS, scored directly."""
    unit, n = unit_rows(win), win.shape[0]

    def total(cuts):
        bounds = (0, *cuts, n)
        return sum(np.linalg.norm(unit[a:b].sum(axis=0)) + bonus[a] for a, b in zip(bounds, bounds[1:]))

    options = [c for c in itertools.combinations(range(1, n), parts - 1)
               if all(b - a >= MIN_WINDOWS for a, b in zip((0, *c), (*c, n)))]
    return list(max(options, key=total))


def test_the_split_is_the_best_of_all_possible_splits():
    for seed in range(6):
        win = random_windows(17, seed)
        bonus = np.zeros(18)
        bonus[np.random.default_rng(seed).integers(0, 18, 3)] = 0.3
        for parts in (2, 3, 4):
            assert _best_split(win, parts, bonus) == exhaustive_split(win, parts, bonus), (seed, parts)


def test_topic_changes_are_found_in_a_long_talk():
    """Far more windows than one chapter may last: the cuts still land on every change of topic."""
    lengths = [8, 12, 6, 20, 9, 14, 7, 11] * 6
    topics = [t for t, size in enumerate(lengths) for _ in range(size)]
    win = sparse.csr_matrix(topic_windows([t % 6 for t in topics]))
    assert len(topics) > 10 * MAX_WINDOWS
    changes = list(itertools.accumulate(lengths))[:-1]
    assert _best_split(win, len(lengths), np.zeros(len(topics) + 1)) == changes


def unit(start: float, speaker: str = "A", question: bool = False) -> Unit:
    return Unit(0, 1, start, speaker, question=question)


def test_a_cut_moves_to_a_question_within_reach_else_to_the_nearest_unit():
    units = [unit(s, speaker="A" if s < 156 else "B") for s in range(0, 300, 4)]  # B takes over at 156 s
    units[24] = unit(96.0, question=True)
    assert _snap_all(units, [88.0, 162.0, 201.0]) == {24, 39, 50}  # 8 s to a question, 6 s to B, nearest
    assert _snap_all(units, [112.0]) == {28}  # the question 16 s away is out of reach
    gap = [unit(0.0), unit(10.0), unit(100.0), unit(101.0)]
    assert _snap_all(gap, [60.0, 4.0]) == {2, 0}  # nothing within 15 s of 60 s: the nearest opens


def test_snapping_does_not_depend_on_the_units_being_in_time_order():
    units = [unit(s) for s in (30.0, 0.0, 62.0, 45.0, 90.0, 47.0)]
    units[3] = unit(45.0, question=True)
    assert _snap_all(units, [50.0, 88.0, 0.0]) == {3, 4, 1}


def test_chapter_bonus_goes_to_questions_not_to_every_speaker_turn():
    """One segment per speaker turn changes speaker in nearly every window: only questions count."""
    units = [Unit(i, i + 1, 20.0 * i, "Host" if i % 2 else "Guest", question=(i == 6)) for i in range(10)]
    owner = np.array([int(u.start // 30.0) for u in units])
    bonus = _turn_bonus(units, owner, 7)
    assert bonus[owner[6]] > 0
    assert np.count_nonzero(bonus) == 1
