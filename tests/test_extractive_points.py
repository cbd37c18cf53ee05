"""Points of the about card (extractive/points.py): whole sentences that stand alone, no story, no host line."""

import numpy as np

from server.summarizers.extractive.points import _context_cost, _point_bonus, _points, whole_point
from server.summarizers.extractive.sentences import Unit, split_units
from server.summarizers.extractive.text import build_stream

from extractive_samples import auto_caption, transcript


def test_points_that_lean_on_context_cost_more():
    stream = build_stream(transcript(
        "We were pleased about that, frankly, because she was leaving. "
        "Compost feeds the worms, and the worms keep the soil loose. "
        "In ways that is unfair, then friendship is the, that's the buffer for all of it. "
        "I used to be on the board of the garden trust, as you can see. "))
    units = split_units(stream, True)
    costs = [_context_cost(stream, u.first, u.last) for u in units]
    assert costs[1] == 0 and min(costs[0], costs[2], costs[3]) > 0


def test_points_stand_alone():
    assert whole_point("Mulch keeps the moisture in the ground and stops most weeds before they start.")
    assert not whole_point("Troubleshooting these systems has two different modes and of course.")
    assert not whole_point("The second is academic ability, which has come to dominate our view of intelligence.")
    assert not whole_point("That works in practice and.")
    assert not whole_point("She eventually graduated from the garden school and opened her own nursery.")


def test_points_that_are_cut_off_asked_or_verbless_do_not_stand():
    assert not whole_point("Sometimes underneath the fairly simple beds lies the complexity because oftentimes.")
    assert not whole_point("The soil stays loose and the roots go deep underneath without.")
    assert not whole_point("How does your compost turn into one of those rich soils to begin with.")
    assert not whole_point("How there are gardeners that, when they see the frost coming, that they cover the beds.")
    assert not whole_point("Understanding it as a living system and actually soil being the most basic unit.")
    assert whole_point("What I find is that every gardener has an opinion about compost.")
    assert not whole_point("What it wasn't in the garden the hose wasn't long enough for the roses.")
    assert not whole_point("There are definite ideas of how to plant a hedge along the fence you know.")


def test_story_openings_asides_repeats_and_a_bare_it_cost_a_point():
    stream = build_stream(transcript(
        "Compost feeds the worms, and the worms keep the soil loose. "
        "My neighbour left town with the kids because I always dig all weekend in the garden. "
        "If you're at a garden party, and you say you grow roses -- actually, you're not often at parties. "
        "It meant you only had to water the beds once a week, which is important. "
        "I don't I don't want to imply that the roses are easy to grow in any garden. "
        "The good part of that is the roses bloom twice a year in most gardens. "
        "There is no better way to end this conversation than with the roses in bloom. "
        "I think what I'll do is just call you a gardener from now on in this garden. "))
    units = split_units(stream, True)
    costs = [_context_cost(stream, u.first, u.last) for u in units]
    assert costs[0] == 0 and all(c > 0 for c in costs[1:])


def test_a_likely_host_line_gets_no_lift_from_the_quote_score():
    stream = build_stream(transcript(
        "Gardens are the most important thing we can build for our children today. "
        "The soil in the north field was dug over in the spring by the farm crew. "))
    units = split_units(stream, True)
    scores = [1.0, 1.0]
    assert _points(stream, units, scores, set(), 1) == ["Gardens are the most important thing we can build "
                                                         "for our children today."]
    picked = _points(stream, units, scores, set(), 1, np.array([0.9, 0.1]))
    assert picked == ["The soil in the north field was dug over in the spring by the farm crew."]


def test_an_auto_caption_point_that_starts_mid_phrase_costs_more():
    said = "mulch keeps the moisture in the ground all summer long and stops most weeds"
    alone = build_stream(auto_caption(said))
    mid = build_stream(auto_caption("good compost and " + said))
    n = len(alone)
    assert _point_bonus(mid, Unit(3, 3 + n, 0.0, None)) < _point_bonus(alone, Unit(0, n, 0.0, None))


def test_a_point_that_starts_over_costs_more():
    over = build_stream(transcript("I ideally we should plant the roses where the sun reaches them all day."))
    clean = build_stream(transcript("Ideally we should plant the roses where the sun reaches them all day."))
    assert _context_cost(over, 0, len(over)) > _context_cost(clean, 0, len(clean))
