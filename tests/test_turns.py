"""Who holds the floor (server/summarizers/extractive/turns.py): receipts and formulations as turn cues.

Every transcript here is written for these tests.
"""

from server.models import Transcript
from server.summarizers.extractive.sentences import split_units
from server.summarizers.extractive.text import build_stream
from server.summarizers.extractive.turns import host_odds, host_probability

from extractive_samples import segments_from

GUEST = ("The soil holds water for weeks when it is full of roots. Compost feeds the worms that keep it loose. "
         "Most gardeners dig far too often and break what the roots built. ")


def _units(text: str):
    stream = build_stream(Transcript(tuple(segments_from(text)), "en", "manual", "file"))
    return stream, split_units(stream, True)


def test_a_formulation_of_the_guests_view_counts_for_the_host():
    stream, units = _units("Oh okay, so you don't dig your garden at all. Compost feeds the worms that keep it loose.")
    odds = host_odds(stream, units)
    assert odds[0] > odds[1]


def test_a_sentence_that_opens_with_a_receipt_is_more_likely_a_reply():
    # After the host's lead-in the floor usually stays with the host; a sentence opening with "Okay"
    # is more likely the other side's reply than the same sentence without it.
    lead_in = "You mentioned compost earlier, and I find that fascinating. "
    plain = lead_in + "So the soil holds water for weeks after rain. " + GUEST
    receipt = lead_in + "Okay, so the soil holds water for weeks after rain. " + GUEST
    p_plain = host_probability(*_units(plain), "Sam Host", interview=True)
    p_receipt = host_probability(*_units(receipt), "Sam Host", interview=True)
    assert p_receipt[1] < p_plain[1]
