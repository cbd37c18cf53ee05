"""Host or guest (extractive/turns.py): from labels, from questions and lead-ins, from turn marks; interview
cards come from the guest.

Every transcript here is written for these tests.
"""

from server.models import Segment, Transcript, VideoInfo
from server.verbatim import words
from server.summarizers.extractive import ExtractiveSummarizer
from server.summarizers.extractive.sentences import split_units
from server.summarizers.extractive.text import build_stream
from server.summarizers.extractive.turns import host_odds, host_probability

from extractive_samples import BIKES, BREAD, GARDEN, segments_from, transcript

INTERVIEW = VideoInfo("abcdefghijk", "Jane Doe: Gardens and Bread | Weekend Podcast #12", "Weekend Podcast")
HOST_LINES = [
    "You mentioned compost earlier and I find that fascinating. What do you think the worms actually do?",
    "Let me ask you about bread, because your book talks about patience. Why does a long fermentation matter?",
    "That is a beautiful way to put it. Do you think tomatoes really need that much sun?",
    "Let me ask about bicycles too, since you said you ride to work. How do you set the saddle height?",
]


def _interview(labelled: bool, marks: bool = False) -> Transcript:
    """Host questions with lead-ins, each answered by a few sentences of the guest."""
    answers = [GARDEN, BREAD, GARDEN.replace("Good soil", "Healthy soil"), BIKES]
    segs, t = [], 0.0
    for _ in range(6):
        for question, answer in zip(HOST_LINES, answers):
            for who, text in (("Sam Host", question), ("Jane Doe", answer)):
                part = segments_from(text, start=t, speaker=who if labelled else None)
                if marks:
                    part[0] = Segment(part[0].start, part[0].duration, ">> " + part[0].text, part[0].speaker)
                segs += part
                t = part[-1].end
    return Transcript(tuple(segs), "en", "manual", "file")


def _units(tr):
    stream = build_stream(tr)
    return stream, split_units(stream, True)


def _is_host_text(text: str) -> bool:
    mine = set(words(text))
    return any(len(mine & set(words(line))) * 2 > len(mine) for line in HOST_LINES)


def test_labels_decide_who_is_the_host():
    stream, units = _units(_interview(labelled=True))
    p = host_probability(stream, units, "Sam Host", interview=True)
    assert all(p[n] == (1.0 if u.speaker == "Sam Host" else 0.0) for n, u in enumerate(units))


def test_without_labels_questions_and_lead_ins_mark_the_host():
    stream, units = _units(_interview(labelled=False))
    p = host_probability(stream, units, "Sam Host", interview=True)
    text = [" ".join(stream.text[u.first:u.last]) for u in units]
    host = [p[n] for n, t in enumerate(text) if _is_host_text(t)]
    guest = [p[n] for n, t in enumerate(text) if not _is_host_text(t)]
    assert min(host) > 0.5 and sum(guest) / len(guest) < 0.35


def test_turn_marks_hand_the_floor_over():
    stream, units = _units(_interview(labelled=False, marks=True))
    assert any(stream.turn)
    p = host_probability(stream, units, "Sam Host", interview=True)
    text = [" ".join(stream.text[u.first:u.last]) for u in units]
    after = [p[n] for n in range(1, len(units)) if stream.turn[units[n].first] and not _is_host_text(text[n])]
    assert after and max(after) < 0.5  # the first sentence after a mark that ends a question is the guest's


def test_nobody_is_a_host_outside_interviews():
    stream, units = _units(transcript(GARDEN + BREAD))
    assert not host_probability(stream, units, "Sam Host", interview=False).any()
    assert not host_probability(stream, units, None, interview=True).any()


def test_interview_cards_come_from_the_guest():
    for labelled in (True, False):
        cards = ExtractiveSummarizer({}).summarize(_interview(labelled), INTERVIEW)
        items = list(cards.about.points) + [i.detail for i in cards.ideas] + [q.text for q in cards.quotes]
        assert items and not any(_is_host_text(t) for t in items), items
        if labelled:
            assert all(q.speaker == "Jane Doe" for q in cards.quotes)
        else:
            assert all(q.speaker is None for q in cards.quotes)  # no guess shown as fact


GUEST = ("The soil holds water for weeks when it is full of roots. Compost feeds the worms that keep it loose. "
         "Most gardeners dig far too often and break what the roots built. ")


def _text_units(text: str):
    stream = build_stream(Transcript(tuple(segments_from(text)), "en", "manual", "file"))
    return stream, split_units(stream, True)


def test_a_formulation_of_the_guests_view_counts_for_the_host():
    stream, units = _text_units("Oh okay, so you don't dig your garden at all. Compost feeds the worms that keep it loose.")
    odds = host_odds(stream, units)
    assert odds[0] > odds[1]


def test_a_sentence_that_opens_with_a_receipt_is_more_likely_a_reply():
    # After the host's lead-in the floor usually stays with the host; a sentence opening with "Okay"
    # is more likely the other side's reply than the same sentence without it.
    lead_in = "You mentioned compost earlier, and I find that fascinating. "
    plain = lead_in + "So the soil holds water for weeks after rain. " + GUEST
    receipt = lead_in + "Okay, so the soil holds water for weeks after rain. " + GUEST
    p_plain = host_probability(*_text_units(plain), "Sam Host", interview=True)
    p_receipt = host_probability(*_text_units(receipt), "Sam Host", interview=True)
    assert p_receipt[1] < p_plain[1]


def test_a_guests_this_is_the_in_the_first_minutes_is_not_the_shows_intro():
    # The host opens the show; the guest says "This is the difference ..." a few minutes in: only the
    # host's opening is the intro, so the guest's first answers stay the guest's.
    intro = "The following is a conversation with Jane Doe. She grows bread and gardens. "
    guest = ("Compost feeds the worms that keep the soil loose. " * 3 + "This is the difference between a garden "
             "and a field. " + "Good soil holds water for weeks after rain, and roots grow deep. " * 3)
    rest = " ".join(f"{q} {GUEST}" for q in HOST_LINES * 6)
    stream, units = _text_units(intro + guest + rest)
    p = host_probability(stream, units, "Sam Host", interview=True)
    text = [" ".join(stream.text[u.first:u.last]) for u in units]
    assert p[0] > 0.9
    assert all(p[n] < 0.9 for n, t in enumerate(text) if t.startswith(("Compost feeds", "Good soil holds")))


def test_a_tag_question_is_not_a_question_to_the_guest():
    stream, units = _text_units("The more you give to the soil, the richer the harvest feels, right? "
                                "Why does the soil feel richer after rain?")
    odds = host_odds(stream, units)
    assert units[0].question and units[1].question
    assert odds[0] < odds[1]


def test_a_generic_your_is_no_sign_of_the_host_but_your_book_is():
    # guests say "your brain" for anyone's brain; a host says "your book" to the guest
    generic = host_odds(*_text_units("Struggling is probably a really good time for your brain to grow."))
    plain = host_odds(*_text_units("Struggling is probably a really good time for the brain to grow."))
    book = host_odds(*_text_units("Struggling is probably a theme of your book on the brain."))
    assert generic[0] == plain[0] < book[0]


def test_a_first_name_said_alone_is_the_other_side_addressing_its_owner():
    stream, units = _text_units("Thank you, Sam, the soil holds water. So Jane, the soil holds water. "
                                "The soil holds water. Use code Sam at checkout, the soil holds water. "
                                "This is the Sam Host podcast, the soil holds water.")
    odds = host_odds(stream, units, "Sam Host", ("Jane Doe",))
    plain = odds[2]
    assert odds[0] < plain < odds[1]  # the guest thanks Sam; the host turns to Jane
    assert odds[3] >= plain and odds[4] >= plain  # the host's own name in an ad read or the show's name


def test_the_show_and_a_receipt_of_the_answer_count_for_the_host():
    stream, units = _text_units("Many people come on this podcast with stories of success. "
                                "Many people come here with stories of success. "
                                "I love that, many people come here with stories of success. "
                                "Many people read the newsletter for stories of success.")
    odds = host_odds(stream, units)
    assert odds[0] > odds[1] and odds[2] > odds[1] and odds[3] > odds[1]


def test_the_guest_speaking_of_the_hosts_show_counts_for_the_guest():
    # "this podcast", "listeners" are the host's words; "your podcast", "your listeners" the guest's to the host
    stream, units = _text_units("Many people come on this podcast with stories of success. "
                                "Many people come here with stories of success. "
                                "Many people come on your podcast with stories of success. "
                                "Many listeners come here with stories of success. "
                                "Many of your listeners come here with stories of success.")
    odds = host_odds(stream, units)
    assert odds[2] < odds[1] < odds[0]
    assert odds[4] < odds[1] < odds[3]


def test_a_bare_so_youre_is_no_formulation_but_so_youre_saying_is():
    # a guest explains with a generic you ("So you're now working with ..."); "so you're saying" sums up
    stream, units = _text_units("So you're working with the soil every week. "
                                "So people are working with the soil every week. "
                                "So you're saying people work with the soil every week.")
    odds = host_odds(stream, units)
    assert odds[0] == odds[1] < odds[2]


def test_speaking_for_a_team_counts_for_the_guest():
    stream, units = _text_units("People ship a product every week. We ship a product every week.")
    odds = host_odds(stream, units)
    assert odds[1] < odds[0]


def test_a_sentence_going_on_with_and_stays_on_the_turn_and_one_opening_on_yeah_answers():
    # After the host's lead-in the next plain sentence is the host's as often as not; the same
    # sentence opening with "And" goes on the host's turn, with "Yeah," it is more likely the reply.
    lead_in = "You mentioned compost earlier, and I find that fascinating. "
    rest = "the soil holds water for weeks after rain. " + GUEST
    plain = host_probability(*_text_units(lead_in + "So " + rest), "Sam Host", interview=True)
    going_on = host_probability(*_text_units(lead_in + "And " + rest), "Sam Host", interview=True)
    reply = host_probability(*_text_units(lead_in + "Yeah, " + rest), "Sam Host", interview=True)
    assert reply[1] < plain[1] < going_on[1]


def test_steering_the_show_counts_for_the_host():
    stream, units = _text_units("This is a good segue to something I wanted to spend a little time on, which is soil. "
                                "This is a good example of something that matters a lot, which is soil.")
    odds = host_odds(stream, units)
    assert odds[0] > odds[1]


def test_in_unpunctuated_captions_a_unit_beside_a_likely_host_line_counts_as_likely_the_hosts():
    import numpy as np
    from server.summarizers.extractive.turns import near_host
    p = np.array([0.1, 0.1, 0.9, 0.2, 0.1])
    assert near_host(p, punctuated=True).tolist() == p.tolist()  # a turn ends a sentence: punctuated units stay
    assert near_host(p, punctuated=False).tolist() == [0.1, 0.9, 0.9, 0.9, 0.2]
    assert p.tolist() == [0.1, 0.1, 0.9, 0.2, 0.1]  # the caller's probabilities are left as they were


def test_an_idea_beside_a_likely_host_line_in_captions_costs_more_than_in_punctuated_text():
    import numpy as np
    from server.summarizers.extractive.ideas import unit_scores
    line = "good soil holds water like a sponge and feeds the roots of every plant in the bed"
    tr = transcript(f"{line} what do you think the worms actually do in there {line}")
    stream = build_stream(tr)
    units = split_units(stream, False)
    hostp = np.zeros(len(units))
    asked = next(n for n, u in enumerate(units) if "worms" in stream.key[u.first:u.last])
    hostp[asked] = 0.9
    beside = asked - 1 if asked else asked + 1
    cent = np.zeros(len(units))
    plain = unit_scores(stream, units, cent, np.zeros(len(units)))
    scored = unit_scores(stream, units, cent, hostp)
    assert scored[beside] < plain[beside]


def test_each_cue_is_searched_only_where_a_word_it_can_begin_with_is_present():
    from server.summarizers.extractive.turns import _GATED_CUES, _first_words, _name_calls
    cues = [(cue, first) for cue, _, first in _GATED_CUES]
    cues += [(cue, _first_words(cue)) for cue, _ in _name_calls("Lex Fridman", ("Jean-Luc Picard",))]
    phrases = ["you said", "your book", "oh okay so", "so you're saying", "fascinating", "let me", "i'd love",
               "tell us", "is that true", "on the podcast", "i think", "my", "me", "newsletter", "listeners",
               "your listeners", "your podcast", "i love that",
               "love this", "follow that thread", "i wanted to ask", "spend some time", "let's dig",
               "go back to asking", "out of time", "one more question", "we've", "our", "lex", "jean-luc"]
    found = 0
    for phrase in phrases:
        for cue, first in cues:
            match = cue.search(f" well {phrase} then ")
            if match:
                found += 1
                assert match.group(0).split()[0] in first, (phrase, cue.pattern)
    assert found >= len(phrases)  # every phrase is some cue's match
