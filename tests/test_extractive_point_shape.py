"""The shape of an about-point (extractive/point_shape.py): a main verb, no story's opening scene, no aside."""

from server.summarizers.extractive.point_shape import breaks_off, has_main_verb, leans_back, opens_a_story, restarts
from server.verbatim import words


def test_a_point_needs_a_verb_outside_a_relative_clause():
    assert has_main_verb(words("Compost feeds the worms, and the worms keep the soil loose."))
    assert has_main_verb(words("We numb vulnerability."))
    assert has_main_verb(words("The long drought taught us patience."))
    assert has_main_verb(words("Good mulch means fewer weeds in the beds."))
    assert has_main_verb(words("The gardener solved this problem with straw."))
    assert not has_main_verb(words("Understanding it as a living system and actually soil being the most basic "
                                   "unit of the garden rather than water or sun."))
    assert not has_main_verb(words("Certainly with gardeners who are growing tomato related plants, not all, "
                                   "but most."))
    assert not has_main_verb(words("To be precise, not just a random plant, but to find the hardy one that's "
                                   "also useful."))


def test_the_opening_scene_of_an_anecdote_is_a_story():
    assert opens_a_story(words("My neighbour left town with the kids because I always dig all weekend."))
    assert opens_a_story(words("I remember the first summer the beans failed."))
    assert opens_a_story(words("I mentioned in the seed catalogue that the tomatoes ripen late."))
    assert not opens_a_story(words("My big unified theory of gardens is that soil matters most."))
    assert not opens_a_story(words("I think compost is the most important thing in a garden."))
    assert not opens_a_story(words("Most gardens need more shade than they get."))
    assert opens_a_story(words("With some coaching, he realized he was watering the beds too often."))
    assert not opens_a_story(words("With some coaching, she is a better gardener than most of us."))


def test_a_dash_inside_the_sentence_breaks_off_into_an_aside():
    assert breaks_off("If you're at a garden party , and you say you grow roses -- actually , you're not often "
                      "at garden parties , frankly .".split())
    assert not breaks_off("Roses need sun , water and patience .".split())


def test_a_sentence_that_points_back_or_lost_its_subject_leans_on_the_one_before():
    assert leans_back(words("She eventually graduated from the garden school and opened her own nursery."))
    assert leans_back(words("That's happened inside greenhouses because we had to think like gardeners."))
    assert leans_back(words("I think this is first an open question, and I can speculate a little bit."))
    assert leans_back(words("To then, and I usually don't tell people because they say water more."))
    assert leans_back(words("Actually affects it and I think gardeners are beginning to use mulch."))
    assert not leans_back(words("I think that compost feeds the worms and the worms keep the soil loose."))
    assert not leans_back(words("It sounds odd, but mulch keeps the moisture in the ground."))
    assert not leans_back(words("Actually, roses need less water than most people think."))
    assert leans_back(words("For that, we need to understand the soil in every bed of the garden."))
    assert not leans_back(words("For most gardeners, the hardest part is waiting for the frost to pass."))


def test_a_second_subject_before_any_verb_restarts_the_sentence():
    assert restarts(words("I ideally we should be deliberate in how we grow the garden."))
    assert restarts(words("I don't I just don't see a tolerance for weeds in the beds."))
    assert not restarts(words("I think I know why the roses failed this year."))
    assert not restarts(words("I push you towards clay soil because it holds the water."))
