"""Host or guest, quotes worth saving, claim titles, standalone points, subject-first topics.

Every transcript here is written for these tests.
"""

from server.models import Segment, Transcript, VideoInfo
from server.verbatim import words
from server.summarizers.extractive import ExtractiveSummarizer
from server.summarizers.extractive.ideas import whole_point
from server.summarizers.extractive.quotability import quotability
from server.summarizers.extractive.quoting import candidates, garbled
from server.summarizers.extractive.sentences import split_units
from server.summarizers.extractive.subjects import subject_first
from server.summarizers.extractive.text import build_stream
from server.summarizers.extractive.titles import claim_title
from server.summarizers.extractive.turns import host_probability

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


def test_lines_worth_saving_outscore_set_ups_lists_stories_and_logistics():
    def score(text):
        stream = build_stream(transcript(text))
        return quotability(stream.key, stream.text)
    claim = score("Patience is the hardest lesson for new bakers, not technique.")
    assert claim > score("The second thing is that patience is the hardest lesson for new bakers.")
    assert claim > score("If you look at new bakers, they usually take a while to learn about patience.")
    assert claim > score('My aunt said, "Patience was the hardest lesson," and then she went home.')
    assert claim > score("I have to publish this podcast early next week because your book is coming out.")


def test_punctuated_speech_may_repeat_a_word_on_purpose():
    keys = words("I think that most leaders, especially technical leaders, assume they have to have all the answers.")
    assert not garbled(keys, punctuated=True)
    assert garbled("i need a few hours because just to find the geometric just o find".split(), punctuated=True)
    assert garbled("leaders especially technical leaders assume they have to have all the answers".split())


def _claim(text: str) -> str:
    stream = build_stream(transcript(text))
    return claim_title(stream, list(range(len(stream))))


def test_idea_titles_state_the_claim():
    assert _claim("I think that we are still massively underestimating deep learning.") == \
        "We are still massively underestimating deep learning"
    assert _claim("Every technology problem is a people problem first.") == "Every technology problem is a people problem"
    assert _claim("I feel evals are important, production monitoring is important, too.") == "Evals are important"
    assert _claim("It is a great algorithm because it solves a problem.") == ""  # no subject to name
    assert _claim("I think you can see how humans are part of this process.") == ""  # a report, not a claim


def test_points_stand_alone():
    assert whole_point("Mulch keeps the moisture in the ground and stops most weeds before they start.")
    assert not whole_point("Troubleshooting these systems has two different modes and of course.")
    assert not whole_point("The second is academic ability, which has come to dominate our view of intelligence.")
    assert not whole_point("That works in practice and.")


def test_topics_name_the_subject_before_places_and_people():
    keys = words("creativity matters and creativity grows and creativity fades and creativity wins in schools")
    topics = subject_first(["Los Angeles", "Gillian", "education system", "Stratford"],
                           "Do schools kill creativity? (Sir Ken Robinson, TED 2006)", keys, {"ken", "robinson"})
    assert topics == ["creativity", "education system", "Los Angeles", "Gillian"]


def test_no_quote_repeats_an_idea():
    cards = ExtractiveSummarizer({}).summarize(_interview(labelled=True), INTERVIEW)
    for q in cards.quotes:
        mine = {w for w in words(q.text) if len(w) > 3}
        for idea in cards.ideas:
            assert len(mine & set(words(idea.detail))) * 2 < len(mine), (q.text, idea.detail)
