"""Idea details (extractive/ideas.py): details cut at sentence edges, claims worth more as ideas."""

from server.summarizers.extractive.ideas import CLAIM_BONUS, _claim_bonus, _detail, _whole_bonus
from server.summarizers.extractive.keyphrases import Phrases
from server.summarizers.extractive.sentences import split_units
from server.summarizers.extractive.text import build_stream

from extractive_samples import transcript


def test_detail_skips_a_reply_lead_in_and_prefers_whole_sentences():
    stream = build_stream(transcript(
        "A little bit, but yeah, listen. But two years ago, I wrote a long book about quiet gardens and slow bread. "
        "Good soil is the foundation of every healthy garden and the worms keep it loose who is ..."))
    units = split_units(stream, True)
    kept, _ = _detail(stream, units, 0)
    assert stream.text[kept[0]] == "Two" or stream.key[kept[0]] == "two"
    last = len(units) - 1
    assert _whole_bonus(stream, _detail(stream, units, last)[0]) < _whole_bonus(stream, kept)


def test_a_detail_that_states_a_claim_is_worth_more_as_an_idea():
    stream = build_stream(transcript(
        "Good soil is the foundation of every healthy garden. "
        "We can also say, okay, the worms were there in the morning. "
        "We numb vulnerability when we wait for the call. "))
    units = split_units(stream, True)
    phrases = Phrases([[] for _ in units], {})
    bonus = [_claim_bonus(stream, _detail(stream, units, i)[0], phrases) for i in range(len(units))]
    # a thing's claim wins; a report ("we can also say") and a claim about "we" (a host says as often) do not
    assert bonus == [CLAIM_BONUS, 0.0, 0.0]
