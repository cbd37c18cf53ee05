"""Idea titles (extractive/titles.py): what the sentence says about its subject, a claim stated, no dangling
end, no phrase an earlier idea took, distinct titles on whole talks.

Every transcript here is written for these tests (tests/extractive_samples.py, tests/data).
"""

import json
from collections import Counter
from pathlib import Path

import pytest

from server.models import Transcript, VideoInfo
from server.summarizers.extractive import ExtractiveSummarizer
from server.summarizers.extractive.display import keep_tokens
from server.summarizers.extractive.keyphrases import Phrases
from server.summarizers.extractive.text import build_stream
from server.summarizers.extractive.text import build_stream as _build
from server.summarizers.extractive.titles import claim_title, idea_title, subject_title
from server.validation import parse_transcript
from server.verbatim import words

from extractive_samples import BIKES, BREAD, GARDEN, STOP_OR_MODIFIER, auto_caption, long_talk, transcript


VIDEO = VideoInfo("abcdefghijk", "Jane Doe: Gardens and Bread | Weekend Podcast #3", "Weekend Podcast")


def _stream(text: str):
    return build_stream(transcript(text))


def test_idea_titles_are_distinct():
    repeated = ("The garden club met again at the garden club hall to plan the garden club fair. " * 2 + GARDEN) * 4
    cards = ExtractiveSummarizer({}).summarize(transcript(repeated + BREAD * 4), VideoInfo("abcdefghijk", "Clubs", None))
    titles = [i.title.casefold() for i in cards.ideas]
    assert len(titles) == len(set(titles))


def _title(text: str, phrases: dict[str, int], taken=None) -> str:
    """Title the first unit of `text` given how many units each phrase occurs in."""
    stream = _stream(text)
    kept = keep_tokens(stream, 0, len(stream))
    found = [p for p in phrases if f" {p} " in " " + " ".join(stream.key) + " "]
    per_unit = [found] + [[] for _ in range(10)]
    df = Counter({p: n for p, n in phrases.items()})
    shown = {p: p for p in phrases}
    return idea_title(stream, kept, Phrases(per_unit, shown), df, 40, 0, set() if taken is None else taken)


def test_title_states_what_the_sentence_says_about_its_subject():
    text = "Honestly the compost heap is the engine of a healthy garden, and everyone should start one."
    title = _title(text, {"compost heap": 4, "healthy garden": 3, "garden": 9, "engine": 2})
    assert title.startswith("The compost heap is the engine") and len(title.split()) <= 8


def test_title_extends_a_bare_word_with_its_prepositional_phrase():
    text = "Ladders with rubber feet rarely slip on a tiled floor in the kitchen."
    title = _title(text, {"ladders": 3, "rubber feet": 2, "feet": 2})
    assert len(title.split()) >= 2 and title.split()[-1].lower() not in STOP_OR_MODIFIER


def test_title_never_ends_on_a_dangling_modifier_or_function_word():
    text = "What I would say is that gardening is going to be soil plus some patience plus luck."
    title = _title(text, {"gardening": 5, "soil plus": 2, "soil": 4, "patience": 3})
    assert title and title.split()[-1].lower() not in STOP_OR_MODIFIER


def test_titles_avoid_reusing_a_phrase_an_earlier_idea_took():
    text = "Sourdough starters need daily feeding with flour and water to stay lively."
    phrases = {"sourdough starters": 5, "daily feeding": 3}
    assert _title(text, phrases).casefold() == "sourdough starters"  # the phrase it takes when it is free
    title = _title(text, phrases, {"sourdough starters"})
    assert title and "sourdough starters" not in title.casefold()
    assert _is_run_of(title, text) and title[0].isupper() and title.split()[-1].lower() not in STOP_OR_MODIFIER


def _is_run_of(title: str, text: str) -> bool:
    """True when the title's words are said one after another in `text` (a phrase cut from it)."""
    mine, theirs = words(title), words(text)
    return bool(mine) and any(theirs[i:i + len(mine)] == mine for i in range(len(theirs)))


def _sample(name: str) -> Transcript:
    if name == "cards-transcript.json":  # the podcast the HTTP tests serve, in the shape a client sends
        raw = json.loads((Path(__file__).parent / "data" / name).read_text(encoding="utf-8"))
        return parse_transcript(raw, {"MAX_SEGMENTS": 10_000, "MAX_TRANSCRIPT_CHARS": 1_000_000})
    body = (GARDEN + BIKES + BREAD) * 3
    return {"punctuated": transcript(body), "auto captions": auto_caption(body), "long talk": long_talk()}[name]


@pytest.mark.parametrize("name", ["punctuated", "auto captions", "long talk", "cards-transcript.json"])
def test_ideas_have_phrase_titles_on_a_real_sized_talk(name):
    """Every idea title is a short phrase of its own detail's words, capitalised, without a dangling end,
    and no two ideas share one."""
    cards = ExtractiveSummarizer({}).summarize(_sample(name), VIDEO)
    assert len(cards.ideas) >= 3
    for idea in cards.ideas:
        title = idea.title
        assert 1 <= len(title.split()) <= 8, title
        assert _is_run_of(title, idea.detail), (title, idea.detail)
        assert title[0].isupper() and title[-1] not in ".,;:!?", title
        assert title.split()[-1].lower().strip(".,") not in STOP_OR_MODIFIER, title
    titles = [words(i.title) for i in cards.ideas]
    assert len({tuple(t) for t in titles}) == len(titles), titles


def _claim(text: str) -> str:
    stream = build_stream(transcript(text))
    return claim_title(stream, list(range(len(stream))))


def test_idea_titles_state_the_claim():
    assert _claim("I think that we are still massively underestimating deep learning.") == \
        "We are still massively underestimating deep learning"
    assert _claim("Every technology problem is a people problem first.") == "Every technology problem is a people problem"
    assert _claim("I feel evals are important, production monitoring is important, too.") == "Evals are important"
    assert _claim("It is a great algorithm because it solves a problem.") == ""  # no subject to name
    assert _claim("I think you can see that it is.") == ""  # a report, not a claim
    # ... but the clause it reports may state one
    assert _claim("I think you can see how humans are part of this process.") == "Humans are part of this process"


def test_claim_titles_come_from_the_detail_main_or_reported_clause():
    # a clause after "where", after "I worry that", or after an opening condition names its own subject
    assert _claim("We're running education systems where mistakes are the worst thing you can make.") == \
        "Mistakes are the worst thing"
    assert _claim("I worry that social media is reducing relationships, strong relationships.") == \
        "Social media is reducing relationships"
    assert _claim("If you can train a big neural network, a big neural network can represent very complicated "
                  "functions.") == "Big neural network can represent very complicated functions"
    assert _claim("Sometimes people design their team with strengths and gifts that they don't have.") == \
        "People design their team with strengths and gifts"
    # an aside after "so", a subject broken by a pronoun, or a verb that only reports is no claim
    assert _claim("Grown men and women writhing uncontrollably, off the beat. Waiting until it ends, so they can "
                  "go home and write a paper about it.") == ""
    assert _claim("You're, I hope you write many more books.") == ""
    assert _claim("I know you probably know this stat, startups fail.") == ""
    assert _claim("I think a lot of kids start to give up on themselves.") == ""  # "give" wants its "up"
    # a heading may drop "the" when that lets the claim end where its phrase ends
    assert _claim("Our job -- the definition of research is to control and predict, to study.") == \
        "Definition of research is to control and predict"
    assert _claim("The product is built, but then.") == "The product is built"
    # "there is/are" states a claim when it names something specific and its clause ends with the title
    assert _claim("I'm sure there are gays in North Korea.") == "There are gays in North Korea"
    # ... and "There isn't an X (on the planet) that ..." says "No X ...": the point is in what follows
    assert _claim("There isn't an education system on the planet that teaches dance every day to children.") == \
        "No education system teaches dance every day"
    assert _claim("There was always something interesting to work on.") == ""
    assert _claim("There are serious problems in certain kinds of machine learning.") == ""


def test_a_claim_never_ends_inside_a_between_or_from_pair():
    # "between X" wants its "and Y", "from X" its "to Y": the claim ends before the pair, or not at all
    assert _claim("Brains are a bridge between deep learning and biology.") == "Brains are a bridge"
    assert _claim("Kids move from maths classes to art classes.") == "Kids move from maths classes to art classes"
    assert _claim("Kids move from maths classes to drawing.") == ""  # "drawing" cannot end it, nor "classes"
    assert _claim("Kids move from maths classes, they say.") == "Kids move from maths classes"
    assert _claim("I think there are not terrible analogies between deep learning and biology.") == ""


def test_a_demonstrative_before_a_noun_heads_a_claim():
    assert _claim("And then those middle school years are really important.") == \
        "Those middle school years are really important"
    assert _claim("Those are really important years.") == ""  # "those" alone points back
    assert _claim("I know those kinds of movies are the reason.") == ""  # "those kinds" leans on what came before


def test_a_claim_may_sit_behind_i_find():
    assert _claim("I find physicists are often better at maths.") == "Physicists are often better at maths"


def test_no_claim_is_taken_from_inside_an_aside():
    assert _claim("So I was in this milieu where focus was their tier one skill.") == ""
    assert _claim("When you train a big network, a big network can represent complicated functions.") == \
        "Big network can represent complicated functions"


def _there(text: str) -> str:
    stream = _build(transcript(text))
    return subject_title(stream, list(range(len(stream))))


def test_a_claim_too_long_to_stand_names_what_it_is_about():
    assert _there("I think there are serious problems in certain kinds of machine learning at least.") == \
        "Serious problems in certain kinds of machine learning"
    assert _there("I think there are not terrible analogies between deep learning and biology.") == \
        "Not terrible analogies between deep learning and biology"
    assert _there("There is a chance.") == ""  # too little to name
    assert _there("There are no easy answers here.") == ""  # "no" would turn the point around
    # a subject with a clause of its own names what a claim too long to stand is about
    assert _there("The only people who don't experience shame have no capacity for human empathy.") == \
        "The only people who don't experience shame"
    assert _there("Kids with degrees are often heading home.") == ""  # no clause inside: the claim says it


def test_a_subject_meets_its_own_verb_past_a_clause_inside_it():
    assert _claim("Asking if a problem is hard is wrong, I think.") == "Asking if a problem is hard is wrong"
    # the verb inside the subject's clause is never taken for the main one
    assert _claim("The only people who don't experience shame have no capacity for human empathy.") == ""
    # a condition word never heads a claim
    assert _claim("I think that whenever we can do things because with cost functions we should.") == ""


def test_a_claim_verb_may_be_one_the_talk_inflects():
    stream = _build(transcript("The universe built the human mind that now is building computers. " * 1))
    assert claim_title(stream, list(range(len(stream)))) == "The universe built the human mind"
    assert _claim("One guy in North Korea became a god.") == "One guy in North Korea became a god"
    # "that's" is no verb, however often it follows "I"
    assert _claim("Forget most of the information that's not useful that process.") == ""


def test_a_claim_ends_where_its_phrase_does():
    # "part" wants its "of", "capable" too; an "-ing" after a preposition may end the claim unless an object follows
    assert _claim("Neural networks are capable of reasoning but if you train them.") == \
        "Neural networks are capable of reasoning"
    assert _claim("Physicists are often better at building that part of their brain.") == "Physicists are often better"
    assert _claim("You haven't explored that part of our like planet.") == \
        "You haven't explored that part of our planet"  # the filler "like" dropped
    # after "is", a modifier is the claim's complement ("good"), not a word waiting for its noun
    assert _claim("I think Alcohol Anonymous AA is really good for social interactions, making sure.") == \
        "Alcohol Anonymous AA is really good"
    assert _claim("This is a good example of that.") == ""
    # a claim ends before an adverb closes its phrase ("... withdraw | instantly")
    assert _claim("Some banks don't allow you to withdraw instantly and there are delays.") == \
        "Some banks don't allow you to withdraw"


def test_a_verb_that_only_reports_is_no_claim_past_soft_words():
    assert _claim("We can also say, okay, we won't be selling them.") == ""
    assert _claim("I still think new languages are a good idea in many respects.") == "New languages are a good idea"


def test_a_noun_phrase_taken_up_by_they_heads_the_claim():
    assert _claim("Some banks, for example, they don't allow you to withdraw instantly.") == \
        "Some banks don't allow you to withdraw"
    assert _claim("It seems that when you inspect those larger language models, they exhibit signs of understanding "
                  "the semantics.") == "Larger language models exhibit signs"
    assert _claim("If you give the kids toys, they play.") == ""  # too little is left to claim
    # auto-captions have no comma: a clause of time between the noun phrase and "they" does the same
    assert _claim("Actually these systems when they get big enough they end up looking almost biological.") == \
        "Systems end up looking almost biological"
    assert _claim("These kids when they grow up they build bridges.") == "Kids build bridges"
    # a subject that runs into a new clause is two phrases
    assert _claim("Proud of and they made me happy for himself for some time.") == ""


def _claim_in_talk(text: str, talk: str) -> str:
    """The claim title of `text`, with verbs known from the rest of the talk (`talk`)."""
    from server.summarizers.extractive.wordclass import learn
    stream = _build(transcript(text + " " + talk))
    wc = learn(stream.key, stream.text, [i == 0 or stream.text[i - 1].endswith(".") for i in range(len(stream))])
    return claim_title(stream, list(range(len(_build(transcript(text))))), wc)


def test_a_claim_never_runs_into_another_clause():
    assert _claim("Cost functions are great and they serve us really well.") == "Cost functions are great"
    assert _claim("Teams are respecting these people because they solve problems.") == \
        "Teams are respecting these people"
    # a complement that is a clause of its own, or a subject holding one, gives no claim of this subject
    assert _claim("The only difference is a marriage is rooted in love.") == ""
    assert _claim("The problem with these is it pulls you in.") == ""
    assert _claim("I wonder how many lower bounds you can smash open with this.") == ""
    assert _claim("Somehow they've been balanced by humanity over hundreds of years.") == ""
    assert _claim("Every week they have product reviews with every team.") == "Every week they have product reviews"
    # a caption's "yes" and a filler "like" end nothing; "talked", "see", "feel (that)" only report
    assert _claim("You keep learning for self-driving yes deep learning for self-driving.") == ""
    assert _claim("We talked about like having data center employees.") == ""
    assert _claim("Here's how I think the P not equals NP proof is gonna eventually happen.") == ""  # not "... is gonna"
    assert _claim("The integrative nature of robotics research helps us see the perspectives.") == ""
    assert _claim("We also want people to feel that we love our customers.") == ""


def test_a_claim_verb_that_is_a_noun_here_is_no_verb():
    assert _claim("Small changes in the data set actually lead to large changes.") == ""
    # "the structure | of proteins" wants its "of": the claim ends on the phrase before
    assert _claim_in_talk("AlphaFold solved this huge problem of the structure of proteins, but biology is dynamic.",
                          "We want to solve it. They solve it.") == "AlphaFold solved this huge problem"


def test_no_claim_is_taken_from_words_the_speaker_reports_in_quotation_marks():
    reported = 'Then the school said, "We think Jane has a gardening disorder."'
    assert _claim(reported) == ""
    assert " has " not in _title(reported, {"jane": 3, "gardening disorder": 2})  # a phrase, not their claim
    assert _claim('Then the school said this. Jane has a gardening disorder.') == "Jane has a gardening disorder"


def test_a_place_named_by_is_where_opens_no_claim():
    assert "father" not in _claim("Then we lived in a village, which is where the gardener's father was born.")
    assert _claim("Then we run gardens where mistakes are the worst thing you can make.") == \
        "Mistakes are the worst thing"
