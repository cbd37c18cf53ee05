"""Idea details and points (extractive/ideas.py): points that stand alone, details cut at sentence edges."""

from server.summarizers.extractive.ideas import CLAIM_BONUS, _claim_bonus, _context_cost, _detail, _whole_bonus, whole_point
from server.summarizers.extractive.keyphrases import Phrases
from server.summarizers.extractive.sentences import split_units
from server.summarizers.extractive.text import build_stream

from extractive_samples import transcript


def test_points_that_lean_on_context_cost_more():
    stream = build_stream(transcript(
        "We were pleased about that, frankly, because she was leaving. "
        "Compost feeds the worms, and the worms keep the soil loose. "
        "In ways that is unfair, then friendship is the, that's the buffer for all of it. "
        "I used to be on the board of the garden trust, as you can see. "))
    units = split_units(stream, True)
    costs = [_context_cost(stream, u.first, u.last) for u in units]
    assert costs[1] == 0 and min(costs[0], costs[2], costs[3]) > 0


def test_detail_skips_a_reply_lead_in_and_prefers_whole_sentences():
    stream = build_stream(transcript(
        "A little bit, but yeah, listen. But two years ago, I wrote a long book about quiet gardens and slow bread. "
        "Good soil is the foundation of every healthy garden and the worms keep it loose who is ..."))
    units = split_units(stream, True)
    kept, _ = _detail(stream, units, 0)
    assert stream.text[kept[0]] == "Two" or stream.key[kept[0]] == "two"
    last = len(units) - 1
    assert _whole_bonus(stream, _detail(stream, units, last)[0]) < _whole_bonus(stream, kept)


def test_points_stand_alone():
    assert whole_point("Mulch keeps the moisture in the ground and stops most weeds before they start.")
    assert not whole_point("Troubleshooting these systems has two different modes and of course.")
    assert not whole_point("The second is academic ability, which has come to dominate our view of intelligence.")
    assert not whole_point("That works in practice and.")


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
