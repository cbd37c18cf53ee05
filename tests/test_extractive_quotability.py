"""How quotable a line is (extractive/quotability.py): claims outscore set-ups, lists, stories and logistics."""

import random

import pytest

from server.summarizers.extractive.quotability import FEATURES, features, quotability
from server.summarizers.extractive.text import build_stream

from extractive_samples import transcript


def test_lines_worth_saving_outscore_set_ups_lists_stories_and_logistics():
    def score(text):
        stream = build_stream(transcript(text))
        return quotability(stream.key, stream.text)
    claim = score("Patience is the hardest lesson for new bakers, not technique.")
    assert claim > score("The second thing is that patience is the hardest lesson for new bakers.")
    assert claim > score("If you look at new bakers, they usually take a while to learn about patience.")
    assert claim > score('My aunt said, "Patience was the hardest lesson," and then she went home.')
    assert claim > score("I have to publish this podcast early next week because your book is coming out.")


def _f(text: str) -> dict[str, float]:
    texts = text.split()
    keys = [t.lower().strip(".,;!?") for t in texts]
    return dict(zip(FEATURES, features(keys, texts)))


def test_a_semicolon_joins_one_sentence_not_two():
    assert _f("I call it a breakdown; my therapist calls it a spiritual awakening.")["glued sentences"] == 0
    assert _f("They rate themselves as only slightly tired. So here is my first suggestion.")["glued sentences"] == 1


def test_a_story_in_the_past_tense_counts_once_however_many_verbs_it_has():
    one = _f("My position as chairman was far more detrimental to my health than drugs.")
    two = _f("My position as chairman was far more detrimental to my health than my drug use ever was.")
    assert one["past tense"] == two["past tense"] == 1
    assert _f("Addiction has almost nothing to do with the drugs themselves.")["past tense"] == 0


def test_talking_about_a_book_is_not_show_logistics():
    assert _f("I was reading the book and it says we create systems that nobody understands.")["logistics"] == 0
    assert _f("I have to publish this podcast early next week because my book is out.")["logistics"] == 1


def test_evaluative_words_include_verdicts_like_profound_and_negative():
    assert _f("One statement can have a profound negative impact.")["evaluative words"] == 2


def test_centrality_counts_up_to_being_on_the_subject():
    keys = "the human brain is perfectly suited for creative flexible thinking".split()
    on = dict(zip(FEATURES, features(keys, keys, centrality=1.0)))
    far = dict(zip(FEATURES, features(keys, keys, centrality=3.5)))
    assert on["centrality"] == far["centrality"] == 1.0


def test_someone_elses_view_reported_is_reported_speech():
    assert _f("People like Noam Chomsky believe that language is fundamental to everything.")["reported speech"] == 1
    assert _f("I believe that language is fundamental to everything we do.")["reported speech"] == 0


def test_secondly_opens_a_list_item_like_the_second():
    assert _f("Secondly, intelligence is dynamic and it grows with use.")["list opening"] == 1
    assert _f("Intelligence is dynamic and it grows with use.")["list opening"] == 0


def test_the_speakers_own_story_and_sweeping_words_are_measured():
    mine = _f("I think my own view is that I was lucky with my teachers.")
    assert mine["first person"] == 1.0 and _f("Teachers shape what children believe.")["first person"] == 0
    assert _f("Everyone is always learning, all the time.")["sweeping words"] == 2


def test_a_contracted_will_never_is_a_claim_verb():
    assert _f("If you're not prepared to be wrong, you'll never come up with anything original.")["claim verb"] == 1
    assert _f("If you're not prepared to be wrong, you will never come up with anything original.")["claim verb"] == 1
    assert _f("If you're not prepared to be wrong, you'll come up with something else.")["claim verb"] == 0


def test_reported_speech_and_a_mid_sentence_start_come_from_how_the_span_sits():
    keys = "i am afraid that nobody will come to see the beans".split()
    assert dict(zip(FEATURES, features(keys, keys, cut=(False, False, 12, True))))["reported speech"] == 1
    assert dict(zip(FEATURES, features(keys, keys, cut=(False, False, 12))))["reported speech"] == 0
    assert dict(zip(FEATURES, features(keys, keys, cut=(False, False, 12, False, True))))["starts mid-sentence"] == 1


def test_a_subject_dropped_for_another_is_a_false_start():
    assert _f("I ideally we should be deliberate in how we grow these systems.")["false start"] == 1
    assert _f("I don't I just don't see a tolerance for failure, and I'm we've been shielded.")["false start"] == 2
    assert _f("I think we should be deliberate in how we grow these systems.")["false start"] == 0
    assert _f("I mean we should be deliberate in how we grow these systems.")["false start"] == 0


def test_a_story_opening_costs_by_rule_and_the_fit_keeps_it():
    from server.summarizers.extractive.quotability import BY_RULE, WEIGHTS
    story = _f("My neighbour left town with the kids because I always dig all weekend.")
    view = _f("Maybe stories are just data with a soul.")
    assert story["story opening"] == 1 and view["story opening"] == 0
    assert WEIGHTS[FEATURES.index("story opening")] == BY_RULE["story opening"] < 0
    assert WEIGHTS[FEATURES.index("glued sentences")] == BY_RULE["glued sentences"] < 0


# The bound that lets quote_pool.SpanPool leave most spans unscored must never fall below a score,
# with the shipped weights or any others (bench/quote_eval.py --cv ranks with weights of its own).
_WORDS = ("is are won't never the of and I I'm my we you he she it this was said realized maybe probably "
          "sort kind of like know mean um uh feel guess sure say not rather than instead the more but because "
          "if look first second finally podcast book today conversation let ask best always everyone "
          "problem key reason point truth beautiful garden soil roots water everything nothing").split()
_MARKS = ("", "", "", ",", ".", ";", "--", '"')


def _lines(count: int = 300) -> list[tuple[list[str], list[str], bool, float, tuple]]:
    """Spans of words that trip every feature, some many times over, with every kind of cut."""
    rng = random.Random(11)
    out = []
    for _ in range(count):
        tokens = [(rng.choice(_WORDS), rng.choice(_MARKS)) for _ in range(rng.randint(1, 40))]
        texts = [word + mark if mark != '"' else '"' + word for word, mark in tokens]
        cut = (rng.random() < 0.3, rng.random() < 0.3, rng.randint(0, 120), rng.random() < 0.3, rng.random() < 0.3)
        out.append(([word.lower() for word, _ in tokens], texts, rng.random() < 0.3, rng.uniform(-3, 3), cut))
    return out


def _bound_holds(weights: tuple, lines) -> bool:
    from server.summarizers.extractive import quotability as q
    shipped = q.WEIGHTS
    try:
        q.WEIGHTS = weights
        for keys, texts, answers, centrality, cut in lines:
            kinds = [q.word_kind(k) for k in keys]
            if quotability(keys, texts, answers, centrality, kinds, cut) > \
                    q.score_bound(keys, kinds, answers, centrality, cut) + 1e-9:
                return False
        return True
    finally:
        q.WEIGHTS = shipped


@pytest.mark.parametrize("name", FEATURES)
def test_the_score_bound_holds_for_each_feature_alone_either_way(name):
    # one feature alone: no other feature's slack can hide its range being too narrow
    lines = _lines()
    for sign in (1.0, -1.0):
        assert _bound_holds(tuple(sign * (other == name) for other in FEATURES), lines), (name, sign)


def test_the_score_bound_holds_for_the_shipped_weights_and_random_ones():
    from server.summarizers.extractive.quotability import WEIGHTS
    lines, rng = _lines(), random.Random(5)
    assert _bound_holds(WEIGHTS, lines)
    for _ in range(20):
        assert _bound_holds(tuple(rng.uniform(-2, 2) for _ in FEATURES), lines)
