"""Sentence units (extractive/sentences.py): rebuilt across segments with their own time, bounded in auto-captions."""

from server.summarizers.extractive.sponsor import unit_text
from server.summarizers.extractive.text import is_punctuated

from extractive_samples import GARDEN, auto_caption, transcript, units_of


def test_sentences_are_rebuilt_across_segments_with_their_own_time():
    stream, units = units_of(transcript(GARDEN, words_per_segment=5))
    texts = [unit_text(stream, u) for u in units]
    assert texts[0] == "Good soil is the foundation of every healthy garden."
    assert texts[1].startswith("Compost feeds the worms")
    assert 0 < units[1].start < units[2].start
    # "Compost" is the 10th word, said in the second segment (words 6-10) at about 0.4 s a word.
    assert abs(units[1].start - 3.6) < 0.5


def test_auto_captions_are_split_into_bounded_units():
    tr = auto_caption(GARDEN * 3)
    stream, units = units_of(tr)
    assert not is_punctuated(stream)
    assert all(1 <= u.size() <= 30 for u in units)
    assert sum(u.size() for u in units) == len(stream)
