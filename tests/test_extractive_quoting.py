"""Quote picking (extractive/quoting.py): honest ends, nested quotation marks, edges that cost more,
lead-ins dropped but never a negation, garbled captions refused, no quote that repeats an idea, every quote verbatim.

Every transcript here is written for these tests.
"""

import numpy as np

from server.models import Transcript, VideoInfo
from server.summarizers.extractive import ExtractiveSummarizer
from server.summarizers.extractive.display import finish, quote_marks
from server.summarizers.extractive.quote_pool import SpanPool
from server.summarizers.extractive.quote_spans import _edge_penalty, _span, candidates, pool_entries, span_pool
from server.summarizers.extractive.quoting import garbled
from server.summarizers.extractive.sentences import split_units
from server.summarizers.extractive.text import build_stream, is_punctuated
from server.verbatim import is_verbatim_at, words

from extractive_samples import BIKES, BREAD, GARDEN, STOP_OR_MODIFIER, auto_caption, segments_from, transcript
from test_extractive_turns import INTERVIEW, _interview, _units


VIDEO = VideoInfo("abcdefghijk", "Jane Doe: Gardens and Bread | Weekend Podcast #3", "Weekend Podcast")

STORY = ('Then the boy said, "I am painting the whole river." And his aunt said, "But nobody knows what the river '
         'looks like." ')


def _span_text(text: str) -> str:
    stream = build_stream(transcript(text))
    span = _span(stream, 0, len(stream), 0, 0.0, None)
    return quote_marks(finish([stream.text[i] for i in span.kept]))


# A quote never loses the last word of a sentence, and nested quotes come out balanced.

def test_trim_keeps_the_last_word_of_a_sentence_inside_closing_quotes():
    text = _span_text(STORY)
    assert text.endswith("looks like.'")
    assert text.count('"') == 0 and text.count("'") == 4


def test_filler_like_at_an_open_end_is_still_trimmed():
    text = _span_text("we walked down to the harbour at dawn and the water was like")
    assert text.endswith("water was.") or text.endswith("water.")


def test_a_quote_keeps_like_when_it_is_a_verb_or_preposition():
    assert _span_text("nobody in the village could say what the old mill looked like").endswith("looked like.")


def test_quote_with_inner_quotes_is_verbatim_in_the_summary():
    tr = transcript((GARDEN + STORY + BIKES + BREAD) * 3)
    cards = ExtractiveSummarizer({}).summarize(tr, VideoInfo("abcdefghijk", "Gardens (Jane Doe, TEDx 2020)", None))
    for q in cards.quotes:
        assert is_verbatim_at(tr, q.text, q.start)
        assert '"' not in q.text and "“" not in q.text


# Garbled auto-caption quotes are dropped.

def test_garbled_caption_spans_are_detected():
    assert garbled("i need a few hours because just to find the geometric just o find".split())
    assert garbled("the plan was the plan was to go home early".split())
    assert not garbled("compost feeds the worms and the worms keep the soil loose".split())


def test_auto_caption_quotes_hold_no_one_letter_non_words():
    noisy = (GARDEN + "i need a few hours to think because just to find the geometric just o find the answer. ") * 3
    tr = auto_caption(noisy + BIKES * 3)
    cards = ExtractiveSummarizer({}).summarize(tr, VideoInfo("abcdefghijk", "Gardens", None))
    assert cards.quotes
    for q in cards.quotes:
        assert " o " not in f" {q.text.lower()} "
        assert is_verbatim_at(tr, q.text, q.start)


def test_quote_ending_on_a_dangling_modifier_costs_more():
    text = ("the key fact about deep learning is that it was underestimated for years by almost everyone "
            "the key fact about deep")
    segs = tuple(segments_from(text, words_per_segment=6))
    stream = build_stream(Transcript(segs, "en", "generated", "file"))
    good = _span(stream, 0, 16, 0, 0.0, None)
    bad = _span(stream, 16, len(stream), 0, 0.0, None)
    whole = _span(stream, 4, len(stream), 0, 0.0, None)
    assert good is not None and whole is not None
    assert _edge_penalty(stream, whole, False, set()) > _edge_penalty(stream, good, False, set())
    assert bad is None or _edge_penalty(stream, bad, False, set()) >= 1.0


def test_quotes_stay_verbatim_and_never_end_on_a_function_word():
    tr = transcript((GARDEN + BIKES + BREAD) * 3)
    cards = ExtractiveSummarizer({}).summarize(tr, VIDEO)
    for q in cards.quotes:
        assert is_verbatim_at(tr, q.text, q.start)
        assert q.text.rstrip(".").split()[-1].lower() not in STOP_OR_MODIFIER


def _spans(text: str) -> list[str]:
    stream, units = _units(transcript(text))
    import numpy as np
    return [" ".join(stream.text[i] for i in s.kept) for s in candidates(stream, units, np.zeros(len(units)), None)]


def test_a_quote_may_drop_a_lead_in_but_never_a_negation_or_a_condition():
    spans = _spans("My view is that good soil is the foundation of every healthy garden. "
                   "I don't mean to say that being wrong is the same thing as being creative. "
                   "If you water deeply but rarely, the roots grow down instead of spreading near the surface.")
    assert "good soil is the foundation of every healthy garden." in spans
    assert not any(s.lower().startswith("being wrong") for s in spans)
    assert not any(s.startswith("the roots grow down") for s in spans)


def test_punctuated_speech_may_repeat_a_word_on_purpose():
    keys = words("I think that most leaders, especially technical leaders, assume they have to have all the answers.")
    assert not garbled(keys, punctuated=True)
    assert garbled("i need a few hours because just to find the geometric just o find".split(), punctuated=True)
    assert garbled("leaders especially technical leaders assume they have to have all the answers".split())


def test_no_quote_repeats_an_idea():
    cards = ExtractiveSummarizer({}).summarize(_interview(labelled=True), INTERVIEW)
    for q in cards.quotes:
        mine = {w for w in words(q.text) if len(w) > 3}
        for idea in cards.ideas:
            assert len(mine & set(words(idea.detail))) * 2 < len(mine), (q.text, idea.detail)


def test_a_yeah_inside_unpunctuated_words_is_a_reply_not_part_of_a_quote():
    tr = auto_caption("all the systems do that but here's the thing they don't do yeah but i don't have that "
                      "with humans who continue to impress me every single day of the week")
    stream, units, spans = _candidates(tr, punctuated=False)
    assert not is_punctuated(stream)
    inside = [s for s in spans if any(stream.key[i] == "yeah" for i in s.kept[1:])]
    assert spans and not inside


def _candidates(tr: Transcript, punctuated: bool = True):
    """The stream, units and candidate quotes of a transcript, with no centrality, host or turn evidence."""
    stream = build_stream(tr)
    units = split_units(stream, punctuated)
    return stream, units, candidates(stream, units, np.zeros(len(units)), None, None, punctuated, set())


def test_a_quote_may_start_after_a_comma_and_but():
    from extractive_samples import transcript
    tr = transcript("Maybe we're a little above ground zero, but the human brain is perfectly suited for "
                    "that creative, flexible thinking.")
    stream, units, spans = _candidates(tr)
    firsts = {" ".join(stream.text[s.kept[0]:s.kept[0] + 3]) for s in spans}
    assert "the human brain" in firsts


def test_a_quote_never_starts_after_but_when_a_condition_came_first():
    from extractive_samples import transcript
    tr = transcript("If you never practise at all, but the brain is perfectly suited for that, nothing grows in the end.")
    stream, units, spans = _candidates(tr)
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


def test_a_quote_may_start_where_the_speaker_starts_over():
    tr = auto_caption("it's more a statement of i think that it's i think that it's unwise to bet against "
                      "the patience of good gardeners")
    stream, units, spans = _candidates(tr, punctuated=False)
    texts = [" ".join(stream.key[i] for i in s.kept) for s in spans]
    assert any(t.startswith("i think that it's unwise to bet") for t in texts), texts
    # the second try is the sentence: no start inside the first copy
    assert not any(t.startswith("that it's i think") for t in texts)


def test_an_unpunctuated_quote_may_stop_before_and_opening_a_new_clause():
    tr = auto_caption("we are super selective about what we learn and i think this kind of active learning "
                      "would be very nice to have for every gardener")
    stream, units, spans = _candidates(tr, punctuated=False)
    texts = [" ".join(stream.key[i] for i in s.kept) for s in spans]
    assert "we are super selective about what we learn" in texts, texts


def _candidate_texts(text: str) -> list[str]:
    stream, units, spans = _candidates(transcript(text))
    return [" ".join(stream.text[i] for i in s.kept) for s in spans]


def test_a_statement_with_a_tag_question_is_a_quote_without_the_tag():
    texts = _candidate_texts("Gardens teach patience to everyone. The more you give to the soil, the richer "
                             "the harvest feels, right? Tomatoes need sun.")
    assert "The more you give to the soil, the richer the harvest feels," in texts, texts
    assert not any("right?" in t for t in texts)
    # a real question stays out
    assert not any("soil" in t for t in _candidate_texts("Gardens teach patience. Why does the soil "
                                                         "feel so much richer after rain?"))


def test_a_quote_may_start_after_a_sentence_end_inside_a_unit():
    # "X." reads as an initial to the sentence splitter, so both sentences share one unit
    stream, units, spans = _candidates(transcript("The answer people want is that the meaning of life is X. "
                                                  "I think what is going on is that we exist and that's amazing."))
    texts = [" ".join(stream.text[i] for i in s.kept) for s in spans]
    assert any(t.startswith("I think what is going on") for t in texts), texts


def test_a_short_whole_sentence_may_be_a_quote_but_not_a_short_fragment():
    texts = _candidate_texts("We talked for a long while about email and meetings. Context switching is poison. "
                             "That is the whole problem with the modern office, and it hurts.")
    assert "Context switching is poison." in texts, texts
    assert not any(len(t.split()) < 6 and not t.endswith(".") for t in texts)


def test_a_cut_knows_how_it_sits_in_its_sentence():
    stream, units, spans = _candidates(transcript("Good soil in a kitchen garden holds water for weeks, and the "
                                                  "roots grow deep in it every summer. "
                                                  "And the worms keep it loose for the next crop of beans and peas."))
    joined = [s for s in spans if s.unit == 0 and s.last > units[0].last]
    short = [s for s in spans if s.unit == 0 and s.last < units[0].last - 1]
    assert joined and all(s.cut[0] and not s.cut[1] for s in joined)
    assert short and all(s.cut[1] and not s.cut[0] for s in short)
    assert all(s.cut[2] == units[s.unit].last - units[s.unit].first for s in spans)


def test_a_labelled_host_turn_gives_no_candidate_quote():
    tr = _interview(labelled=True)
    stream, units = _units(tr)
    from server.summarizers.extractive.turns import host_probability
    hostp = host_probability(stream, units, "Sam Host", interview=True)
    spans = candidates(stream, units, np.zeros(len(units)), None, hostp, True, set())
    assert spans and all(units[s.unit].speaker == "Jane Doe" for s in spans)


def test_an_example_is_quoted_without_its_opener_a_pseudo_cleft_without_its_lead_in():
    spans = _spans("For example, good soil is the foundation of every healthy garden we have ever planted. "
                   "What we do know is, if you never water the roots, the tomatoes will never grow tall. "
                   "Gardens differ from town to town, but for example, you always plant the beans in May.")
    assert not any("for example" in s.lower() for s in spans)  # an illustration of a point made elsewhere
    assert "good soil is the foundation of every healthy garden we have ever planted." in spans
    assert "if you never water the roots, the tomatoes will never grow tall." in spans


def test_a_quote_may_stop_before_a_dash_and_never_holds_a_thought_trailing_off():
    spans = _spans("If you are not prepared to be wrong, you will never grow anything original -- if you are "
                   "not prepared to be wrong. My aunt was baking a loaf at home, which is not often ... thankfully.")
    assert "If you are not prepared to be wrong, you will never grow anything original" in spans
    assert not any("..." in s[:-3] or "…" in s for s in spans)


def test_a_cut_before_a_tail_that_only_repeats_it_is_a_whole_sentence():
    stream, units, spans = _candidates(transcript(
        "If you are not prepared to be wrong, you will never grow anything original -- if you are not prepared "
        "to be wrong. Good soil in a kitchen garden holds water for weeks, and the roots grow deep in it every summer."))
    before_dash = [s for s in spans if s.unit == 0 and stream.text[s.last - 1] == "original"]
    assert before_dash and not any(s.cut[1] for s in before_dash)
    # stopping before words the quote has not said yet is still a cut
    short = [s for s in spans if s.unit == len(units) - 1 and s.last < units[-1].last - 1]
    assert short and all(s.cut[1] for s in short)


def test_words_inside_someone_elses_quotation_are_reported_speech():
    stream, units, spans = _candidates(transcript(
        'And she said, "Well, I saw your garden, and I am afraid that nobody will come to see the beans in it." '
        "Good soil in a kitchen garden holds water for weeks, and the roots grow deep in it every summer."))
    quoted = [s for s in spans if stream.text[s.kept[0]] == "I"]
    assert quoted and all(s.cut[3] for s in quoted)
    assert all(not s.cut[3] for s in spans if s.unit == len(units) - 1)


def test_you_know_before_how_is_kept_with_its_clause():
    texts = _candidate_texts("And you know how there are people that, when they see the first frost coming, "
                             "they cover every single plant in the garden.")
    assert not any(t.startswith("how") for t in texts), texts


def test_a_quote_from_the_second_half_of_a_long_sentence_starts_mid_sentence():
    long = ("Over the years I went to gardens in every town and village along the river, and in each of them I "
            "met growers who had their own way with beans, peas, onions, leeks and tomatoes, who kept notebooks "
            "of every frost and every rain, who shared seeds with their neighbours every spring, who dug their "
            "long beds by hand with old wooden spades, "
            "and growers who were always wondering whether their soil was good enough for the beans. "
            "Good soil holds water for weeks.")
    stream, units, spans = _candidates(transcript(long))
    assert len(units) == 3  # the splitter cut the long sentence at a comma
    second = [s for s in spans if s.unit == 1]
    assert second and all(s.cut[4] for s in second if s.first <= units[1].first + 1)
    assert not any(s.cut[4] for s in spans if s.unit in (0, 2))


def _caption_stream(text: str):
    segs = tuple(segments_from(text, words_per_segment=6))
    return build_stream(Transcript(segs, "en", "generated", "file"))


def test_an_unpunctuated_edge_costs_by_how_unlikely_a_sentence_boundary_is_there():
    from server.summarizers.extractive.quote_spans import _weak_edge
    stream = _caption_stream("we planted the beans early so the roots grow deep and the soil holds water")
    at = {k: i for i, k in reversed(list(enumerate(stream.key)))}
    assert _weak_edge(stream, at["so"]) == 0.0  # "so" opens a sentence
    assert 0.0 < _weak_edge(stream, at["deep"]) < _weak_edge(stream, at["roots"])  # no cue either way
    assert _weak_edge(stream, at["roots"]) == 1.0  # right after "the": the worst


def test_a_span_that_only_drops_its_units_openers_starts_where_the_unit_does():
    stream = _caption_stream("the beans are up now well thinking about gardens that grow very big they are "
                             "almost all wild")
    lead = stream.key.index("well")
    dropped = _span(stream, lead + 1, len(stream), 0, 0.0, None)
    # without the unit's start, the edge sits between "well" and "thinking"
    assert _edge_penalty(stream, dropped, False, set(), lead) < _edge_penalty(stream, dropped, False, set())


def test_a_quotation_mark_never_closed_is_a_stray_one():
    from server.summarizers.extractive.quote_cuts import inside_quotation
    stray = build_stream(transcript('He wrote "good soil ' + "and the roots grow deep in it every summer " * 15 + "."))
    assert not any(inside_quotation(stray))
    closed = build_stream(transcript('She said, "Good soil holds water." Beans grow tall.'))
    inside = [t for t, q in zip(closed.text, inside_quotation(closed)) if q]
    assert inside == ["soil", "holds", 'water."']


def _ranked(spans) -> list[tuple]:
    return [(s.first, s.last, s.unit, s.score) for s in sorted(spans, key=lambda s: (-s.score, s.start))]


def _pools():
    """A punctuated talk and auto-captions, with centrality and host odds of their own, as the pool sees them."""
    from extractive_samples import long_talk
    from server.summarizers.extractive.fragments import clipped_tokens
    rng = np.random.default_rng(3)
    fillers = "Well, um, the the roots of a garden grow deep when you, uh, water them rarely but well. "  # words to drop
    for tr, punctuated in ((long_talk(2.0), True), (auto_caption((GARDEN + STORY + BIKES + BREAD) * 4), False),
                           (transcript((GARDEN + fillers + BIKES + fillers) * 3), True)):
        stream = build_stream(tr)
        units = split_units(stream, punctuated)
        cent, hostp = rng.normal(size=len(units)), rng.uniform(0, 0.9, size=len(units))
        clipped = set() if punctuated else clipped_tokens(stream)
        yield stream, units, cent, hostp, punctuated, clipped


def test_each_pool_entry_scores_as_its_span_cut_and_scored_on_its_own():
    from server.summarizers.extractive.quote_cuts import inside_quotation
    from server.summarizers.extractive.quote_spans import HOST_QUOTE_COST, HOST_QUOTE_POWER, _draft, _scored
    from server.summarizers.extractive.quotability import word_kind
    from server.summarizers.extractive.turns import near_host
    for stream, units, cent, hostp, punctuated, clipped in _pools():
        entries, kinds = pool_entries(stream, units, cent, hostp, punctuated, clipped)
        spans = span_pool(stream, units, cent, None, hostp, punctuated, clipped).every()
        inside, near = inside_quotation(stream), near_host(hostp, punctuated)
        assert len(spans) == len(entries) > 40
        assert kinds == [word_kind(k) for k in stream.key]
        for entry, span in zip(entries, spans):
            u = units[entry.unit]
            # cut again the slow way (display.keep_tokens, no running sums) and costed by hand
            draft = _draft(stream, entry.first, entry.last, entry.unit, kinds, u, inside, entry.cut[4])
            cost = _edge_penalty(stream, draft, punctuated, clipped, u.first) \
                + HOST_QUOTE_COST * ((near[entry.unit] + hostp[entry.unit]) / 2) ** HOST_QUOTE_POWER
            alone = _scored(stream, draft, float(cent[entry.unit]), None, entry.answers)
            assert (span.kept, span.score) == (draft.kept, alone.score - cost)
            assert entry.bound + 1e-9 >= span.score  # the bound of a real span, its costs taken off


def test_the_pool_gives_the_very_spans_scoring_every_span_would():
    for stream, units, cent, hostp, punctuated, clipped in _pools():
        every = candidates(stream, units, cent, None, hostp, punctuated, clipped)
        skip = set(range(0, len(units), 3))
        left = [s for s in every if s.unit not in skip]
        assert len(left) > 30
        for best in range(1, len(left) + 2, 2):  # every cut-off, so a bound close to a score is met
            pool = span_pool(stream, units, cent, None, hostp, punctuated, clipped)
            few = pool.best(best, skip)
            assert _ranked(few)[:best] == _ranked(left)[:best]
            chosen = {id(s) for s in few}
            assert few == [s for s in pool.every() if id(s) in chosen]  # in the order scoring them all gives
            assert best > len(left) // 10 or len(few) < len(left) // 2  # the point: most spans are never scored
        pool = span_pool(stream, units, cent, None, hostp, punctuated, clipped)
        assert pool.best(0) == []
        some, bar = set(range(1, len(units), 4)), float(np.median([s.score for s in every]))
        in_order = lambda spans: [(s.first, s.last, s.unit, s.score) for s in spans]  # noqa: E731
        assert in_order(pool.of_units(some, bar)) == in_order([s for s in every if s.unit in some and s.score > bar])
        assert in_order(pool.of_units(some)) == in_order([s for s in every if s.unit in some])
        given = SpanPool.of_spans(every)  # a pool of spans already scored answers the same
        assert _ranked(given.best(5, skip))[:5] == _ranked(left)[:5]
        assert in_order(given.of_units(some, bar)) == in_order(pool.of_units(some, bar)) and len(given) == len(every)
