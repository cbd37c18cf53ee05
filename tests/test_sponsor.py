"""Sponsor cues (server/summarizers/extractive/sponsor.py) whatever the letter case."""

from server.summarizers.extractive.sponsor import is_sponsor_text


def test_cues_match_in_any_letter_case():
    assert is_sponsor_text("This episode is Brought To You By Squarespace.")
    assert is_sponsor_text("Use code LEX for 20 Percent Off at ExpressVPN")
    assert not is_sponsor_text("The soil holds water for weeks when it is full of roots.")
