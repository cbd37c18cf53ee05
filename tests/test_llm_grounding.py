"""Grounding: quotes become exact transcript words (exact, normalized, fuzzy) or are dropped; times from lines."""

from __future__ import annotations

from llm_synthetic import TALK, short_transcript

from server.models import Chapter, Segment, Transcript
from server.verbatim import is_verbatim_at
from server.summarizers.llm.grounding import Grounder, ground_chapters, tidy_chapters
from server.summarizers.llm.lines import build_lines, clock
from server.summarizers.llm.schema import parse_json, read_cards


def grounder(transcript=None):
    transcript = transcript or short_transcript()
    return Grounder(transcript, build_lines(transcript))


def test_lines_are_numbered_with_times():
    lines = build_lines(short_transcript())
    assert lines[0].render().startswith("[1 0:00] Welcome back")
    assert [line.number for line in lines] == list(range(1, len(lines) + 1))
    assert clock(3725) == "1:02:05"


def test_exact_quote_keeps_its_words_and_gets_the_segment_start():
    quote, how = grounder().quote("The first thing I always do is write down what I want the thing to measure.", 1, None)
    assert how == "exact" and quote.text == TALK[1] and quote.start == 12.0


def test_a_quote_that_starts_or_ends_mid_sentence_takes_the_whole_sentence():
    quote, how = grounder().quote("tin the pads before you bring the pin in", 4, None)
    assert quote.text == TALK[6] and quote.start == 72.0 and how == "exact, widened to whole sentences"


def test_quote_across_two_segments_takes_both_whole_sentences():
    quote, _ = grounder().quote("understand every wire. If you cannot explain a part", 2, None)
    assert quote.text == f"{TALK[3]} {TALK[4]}" and quote.start == 36.0
    assert is_verbatim_at(short_transcript(), quote.text, quote.start)


def test_a_quote_whose_sentence_is_too_long_is_dropped():
    rambling = "and then " * 50 + "we stopped."
    t = Transcript((Segment(0, 5, "Short start."), Segment(5, 60, f"So {rambling}"), Segment(65, 5, "The end.")), "en")
    assert grounder(t).quote("and then and then and then we stopped", 2, None) is None


def test_sentence_edges_ignore_decimals_abbreviations_and_follow_speakers():
    t = Transcript((Segment(0, 5, "Dr. Berg measured 3.5 litres of rain in one night, which is a lot."),
                    Segment(5, 5, "Far more than last year", "Maya"), Segment(10, 5, "said the forecast", "Tomas")), "en")
    g = grounder(t)
    assert g.quote("measured 3.5 litres of rain", 1, None)[0].text == t.segments[0].text
    assert g.quote("Far more than last year", 2, None)[0].text == "Far more than last year"  # a turn ends it
    assert g.quote("more than last year", 2, None) is None  # four words: too short to quote
    assert g.quote("than last year said the forecast", 2, None)[0].text == "Far more than last year said the forecast"


def test_unpunctuated_captions_have_no_sentences_to_widen_to():
    words_ = "so the thing about compost is you want it warm and wet and turned every week or so".split()
    t = Transcript(tuple(Segment(2.0 * i, 2.0, " ".join(words_[i * 4 : i * 4 + 4])) for i in range(5)), "en", "generated")
    quote, _ = grounder(t).quote("you want it warm and wet", 1, None)
    assert quote.text == "you want it warm and wet"


def test_fuzzy_quote_is_snapped_within_the_cited_lines_only():
    g = grounder()
    near = "after a week of data you begin to see the house breathing, warm by day and cool at night"
    quote, how = g.quote(near, 5, None)
    assert how == "fuzzy" and quote.text == TALK[9]
    assert g.quote(near, 1, None) is None  # cited far away: not searched there


def test_too_short_or_invented_quotes_are_dropped():
    g = grounder()
    assert g.quote("the code", 4, None) is None
    assert g.quote("Solar panels will replace every power station within ten years.", 3, None) is None


def test_speaker_from_the_transcript_wins():
    t = Transcript((Segment(0, 5, "I have always believed that small tools teach the most.", "Grace"),), "en")
    quote, _ = grounder(t).quote("I have always believed that small tools teach the most", 1, "Someone Else")
    assert quote.speaker == "Grace"


def test_chapters_start_at_zero_ascend_and_stay_inside():
    g = grounder()
    chapters = ground_chapters(g, [{"line": 3, "title": "Solder"}, {"line": 1, "title": "Start"},
                                   {"line": 99, "title": "Nowhere"}, {"line": 2, "title": "x" * 80}], 156.0)
    assert [c.start for c in chapters] == [0.0, 24.0, 48.0]
    assert len(chapters[1].title) <= 50
    long = tidy_chapters([Chapter(30.0, "a"), Chapter(50.0, "too close"), Chapter(700.0, "b")], 1200.0)
    assert [c.start for c in long] == [0.0, 700.0]


def test_json_reader_tolerates_fences_and_prose():
    assert parse_json('Here:\n```json\n{"headline": "h"}\n```')["headline"] == "h"
    assert parse_json('ok {"headline": "a } in a string"} trailing')["headline"] == "a } in a string"
    cards = read_cards({"headline": " h ", "ideas": [{"title": "t", "detail": "d", "line": "7"}, {"title": "no line"}],
                        "quotes": [{"text": "q", "line": 3}]})
    assert cards["ideas"] == [{"title": "t", "detail": "d", "line": 7}]
    assert cards["quotes"] == [{"text": "q", "line": 3, "speaker": None}]
