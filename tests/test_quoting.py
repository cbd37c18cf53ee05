"""Candidate quotes (server/summarizers/extractive/quoting.py) from unpunctuated captions."""

import numpy as np

from server.summarizers.extractive.quoting import candidates
from server.summarizers.extractive.sentences import split_units
from server.summarizers.extractive.text import build_stream, is_punctuated

from extractive_samples import auto_caption


def test_a_yeah_inside_unpunctuated_words_is_a_reply_not_part_of_a_quote():
    tr = auto_caption("all the systems do that but here's the thing they don't do yeah but i don't have that "
                      "with humans who continue to impress me every single day of the week")
    stream = build_stream(tr)
    assert not is_punctuated(stream)
    units = split_units(stream, False)
    spans = candidates(stream, units, np.zeros(len(units)), None, None, False, set())
    inside = [s for s in spans if any(stream.key[i] == "yeah" for i in s.kept[1:])]
    assert spans and not inside


def test_a_quote_may_start_after_a_comma_and_but():
    from extractive_samples import transcript
    tr = transcript("Maybe we're a little above ground zero, but the human brain is perfectly suited for "
                    "that creative, flexible thinking.")
    stream = build_stream(tr)
    units = split_units(stream, True)
    spans = candidates(stream, units, np.zeros(len(units)), None, None, True, set())
    firsts = {" ".join(stream.text[s.kept[0]:s.kept[0] + 3]) for s in spans}
    assert "the human brain" in firsts


def test_a_quote_never_starts_after_but_when_a_condition_came_first():
    from extractive_samples import transcript
    tr = transcript("If you never practise at all, but the brain is perfectly suited for that, nothing grows in the end.")
    stream = build_stream(tr)
    units = split_units(stream, True)
    spans = candidates(stream, units, np.zeros(len(units)), None, None, True, set())
    assert all(stream.key[s.kept[0]] != "the" for s in spans)


def test_a_follower_that_is_likely_the_other_speakers_turn_is_not_glued_on():
    from extractive_samples import transcript
    tr = transcript("I don't think that is the source of happiness at all for anyone. "
                    "So your academic accomplishments, all the papers, you're one of the most cited people.")
    stream = build_stream(tr)
    units = split_units(stream, True)
    assert len(units) == 2
    same = candidates(stream, units, np.zeros(2), None, np.array([0.3, 0.4]), True, set())
    shift = candidates(stream, units, np.zeros(2), None, np.array([0.3, 0.7]), True, set())
    assert any(s.unit == 0 and s.last > units[0].last for s in same)
    assert not any(s.unit == 0 and s.last > units[0].last for s in shift)
