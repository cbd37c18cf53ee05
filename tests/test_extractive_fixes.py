"""QA fixes of the extractive cards: honest quote ends, nested quotation marks, distinct idea titles,
the headline, standalone points, whole idea details, card counts, garbled captions, caption case.

Every transcript here is written for these tests.
"""

from server.models import Person, Transcript, VideoInfo
from server.quotes import is_verbatim_at
from server.summarizers.extractive import ExtractiveSummarizer
from server.summarizers.extractive.display import finish, quote_marks, recase, title_case_map
from server.summarizers.extractive.headline import headline
from server.summarizers.extractive.ideas import _context_cost, _detail, _whole_bonus
from server.summarizers.extractive.quoting import _span, garbled
from server.summarizers.extractive.sentences import split_units
from server.summarizers.extractive.text import build_stream

from extractive_samples import BIKES, BREAD, GARDEN, auto_caption, segments_from, transcript

STORY = ('Then the boy said, "I am painting the whole river." And his aunt said, "But nobody knows what the river '
         'looks like." ')


def _span_text(text: str) -> str:
    stream = build_stream(transcript(text))
    span = _span(stream, 0, len(stream), 0, 0.0, None)
    return quote_marks(finish([stream.text[i] for i in span.kept]))


# 1. A quote never loses the last word of a sentence, and nested quotes come out balanced.

def test_trim_keeps_the_last_word_of_a_sentence_inside_closing_quotes():
    text = _span_text(STORY)
    assert text.endswith("looks like.'")
    assert text.count('"') == 0 and text.count("'") == 4


def test_filler_like_at_an_open_end_is_still_trimmed():
    text = _span_text("we walked down to the harbour at dawn and the water was like")
    assert text.endswith("water was.") or text.endswith("water.")


def test_a_quote_keeps_like_when_it_is_a_verb_or_preposition():
    assert _span_text("nobody in the village could say what the old mill looked like").endswith("looked like.")


def test_an_unmatched_inner_quote_mark_is_dropped():
    assert finish('and the teacher said, "But nobody knows the answer'.split()) == \
        "And the teacher said, But nobody knows the answer."
    assert finish('He said, "Stop." and left the room'.split()).count('"') == 2


def test_quote_with_inner_quotes_is_verbatim_in_the_summary():
    tr = transcript((GARDEN + STORY + BIKES + BREAD) * 3)
    cards = ExtractiveSummarizer({}).summarize(tr, VideoInfo("abcdefghijk", "Gardens (Jane Doe, TEDx 2020)", None))
    for q in cards.quotes:
        assert is_verbatim_at(tr, q.text, q.start)
        assert '"' not in q.text and "“" not in q.text


# 2. Idea titles are distinct.

def test_idea_titles_are_distinct():
    repeated = ("The garden club met again at the garden club hall to plan the garden club fair. " * 2 + GARDEN) * 4
    cards = ExtractiveSummarizer({}).summarize(transcript(repeated + BREAD * 4), VideoInfo("abcdefghijk", "Clubs", None))
    titles = [i.title.casefold() for i in cards.ideas]
    assert len(titles) == len(set(titles))


# 3. The headline uses the title's subject words and a stated thesis.

def _headline(text: str, title: str, people=(Person("Jane Doe", "speaker"),), topics=("Mill Street", "Tom")):
    stream = build_stream(transcript(text))
    units = split_units(stream, True)
    return headline(stream, units, list(people), list(topics), title)


def test_headline_takes_frequent_words_of_a_question_title_and_the_thesis():
    text = ("Gardens matter. " * 6 + "Schools matter too, and schools teach. " * 3 +
            "My contention is that gardens now are as important in schools as reading, and we should act. ")
    line = _headline(text, "Do schools need gardens? (Jane Doe, TEDx 2020)")
    assert line.startswith("Jane Doe on ") and "gardens" in line and "schools" in line
    assert line.endswith("gardens now are as important in schools as reading")


def test_headline_keeps_the_first_item_of_a_title_list():
    text = "Slow bread is good. " * 5 + "Email is noisy. " * 9 + "Social media is loud. " * 8 + "Focus helps. " * 2
    line = _headline(text, "Jane Doe: Slow Bread, Focus, Email, Phones, and Social Media | Weekend Podcast #3",
                     people=(Person("Jane Doe", "guest"), Person("Sam Roe", "host")))
    assert "Slow Bread" in line and "Email" in line and "Social Media" in line and "Focus" not in line


def test_headline_never_ends_on_a_piece_of_a_name():
    text = "Tom Baker came in. Then Tom Baker sat down. Mill Street was busy and Tom Baker left. " * 3
    line = _headline(text, None, topics=("Mill Street", "Tom", "bread"))
    assert "Tom" not in line and line.endswith("bread")


# 4. Points stand on their own.

def test_points_that_lean_on_context_cost_more():
    stream = build_stream(transcript(
        "We were pleased about that, frankly, because she was leaving. "
        "Compost feeds the worms, and the worms keep the soil loose. "
        "In ways that is unfair, then friendship is the, that's the buffer for all of it. "
        "I used to be on the board of the garden trust, as you can see. "))
    units = split_units(stream, True)
    costs = [_context_cost(stream, u.first, u.last) for u in units]
    assert costs[1] == 0 and min(costs[0], costs[2], costs[3]) > 0


# 5. Idea details start and end at sentence edges.

def test_detail_skips_a_reply_lead_in_and_prefers_whole_sentences():
    stream = build_stream(transcript(
        "A little bit, but yeah, listen. But two years ago, I wrote a long book about quiet gardens and slow bread. "
        "Good soil is the foundation of every healthy garden and the worms keep it loose who is ..."))
    units = split_units(stream, True)
    kept, _ = _detail(stream, units, 0)
    assert stream.text[kept[0]] == "Two" or stream.key[kept[0]] == "two"
    last = len(units) - 1
    assert _whole_bonus(stream, _detail(stream, units, last)[0]) < _whole_bonus(stream, kept)


# 7. Auto-caption case follows the title and the transcript.

def test_recase_uses_the_title_caps_and_digit_words():
    stream = build_stream(auto_caption("we trained gpt2 and then we talked about agi and paris"))
    forms = title_case_map("Jane Doe: AGI, GPT2 and the Future | Weekend Podcast #3", stream)
    assert recase("agi system", forms) == "AGI system"
    assert recase("Gpt2 models", forms) == "GPT2 models"
    assert recase("deep learning", forms) == "deep learning"


# 8. Garbled auto-caption quotes are dropped.

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
