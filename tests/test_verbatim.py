"""The verbatim check (server/verbatim.py) every summarizer's quotes pass: the words compared, the
hesitations and stutters a quote may skip, where a quote begins, and the shared word index."""

from __future__ import annotations

import gc

from server.models import Segment, Transcript
from server.verbatim import HESITATIONS, WordIndex, index_of, is_verbatim_at, runs, words

TALK = Transcript((
    Segment(0.0, 4.0, "Well, um, good soil is the the foundation"),
    Segment(4.0, 4.0, "of every healthy garden. I’m sure of it."),
    Segment(8.0, 4.0, "Good soil is cheap, uh, and good soil is the foundation."),
))


def test_words_are_casefolded_without_punctuation_and_with_one_apostrophe():
    assert words("I’m SURE—it's “fine”, Straße!") == ["i'm", "sure", "it's", "fine", "strasse"]
    assert words("under_score 3.5 l'été") == ["under", "score", "3", "5", "l'été"]
    assert words("... — !") == []


def locate(index: WordIndex, quote: str) -> tuple[int, int] | None:
    """(first, last) word positions of the first run `quote` could be cut from."""
    return next(runs(index, quote), None)


def test_a_quote_may_skip_hesitations_and_stutters_and_nothing_else():
    index = WordIndex.build(TALK)
    assert locate(index, "Good soil is the foundation of every healthy garden.") == (2, 11)  # skips "the the"
    assert locate(index, "good soil is cheap and good soil") is not None  # skips "uh"
    assert locate(index, "Well, good soil") == (0, 3)  # skips "um"
    assert locate(index, "good soil is the foundation of every garden") is None  # "healthy" is a word said
    assert locate(index, "soil good") is None


def test_every_run_a_quote_could_be_cut_from_is_found():
    index = WordIndex.build(TALK)
    assert [index.segment_of[first] for first, _ in runs(index, "good soil is the foundation")] == [0, 2]


def test_a_quote_of_hesitations_only_is_no_quote():
    assert {"um", "uh"} <= HESITATIONS
    assert list(runs(WordIndex.build(TALK), "Um, uh.")) == []
    assert list(runs(WordIndex.build(TALK), "")) == []
    assert not is_verbatim_at(TALK, "um", 0.0)


def test_the_quote_starts_where_its_first_word_is_said():
    assert is_verbatim_at(TALK, "the foundation of every healthy garden", 0.0)  # across two segments
    assert is_verbatim_at(TALK, "I'm sure of it", 4.0)  # the typographic apostrophe matches
    assert is_verbatim_at(TALK, "and good soil is the foundation", 8.0)
    assert not any(is_verbatim_at(TALK, "bad soil", start) for start in (0.0, 4.0, 8.0))


def test_verbatim_at_a_time_means_a_run_beginning_in_that_segment():
    assert is_verbatim_at(TALK, "good soil is the foundation", 0.0)
    assert is_verbatim_at(TALK, "good soil is the foundation", 8.0)  # the second time it is said
    assert not is_verbatim_at(TALK, "good soil is the foundation", 4.0)
    assert not is_verbatim_at(TALK, "good soil is the whole foundation", 0.0)


def test_the_index_is_built_once_per_transcript_and_forgotten_with_it():
    first = index_of(TALK)
    assert index_of(TALK) is first and first == WordIndex.build(TALK)
    copy = Transcript(tuple(TALK.segments))  # equal words, another object: its own index
    assert index_of(copy) is not first and index_of(copy) == first
    short = Transcript((Segment(0.0, 1.0, "Mulch is cheap."),))
    assert index_of(short).words == ("mulch", "is", "cheap")
    from server import verbatim

    held = len(verbatim._indexes)
    del short
    gc.collect()
    assert len(verbatim._indexes) == held - 1
