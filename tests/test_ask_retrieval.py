"""Offline Ask: the right moment within the top 3 for our questions, stems, highlights, follow-ups."""

from __future__ import annotations

import pytest

from ask_samples import QUESTIONS, TALK, is_hit, load, path_of
from server.ask.retrieval import TranscriptIndex
from server.models import Segment, Transcript


@pytest.mark.parametrize("name", sorted(QUESTIONS))
def test_right_moment_in_the_top_three_for_most_questions(name):
    if not path_of(name).exists():
        pytest.skip(f"{path_of(name)} is missing (the team's corpus, beside the repo)")
    index = TranscriptIndex(load(name))
    questions = QUESTIONS[name]
    misses = [q["question"] for q in questions if not any(is_hit(m, q["at"]) for m in index.search(q["question"]))]
    assert len(questions) - len(misses) >= 0.8 * len(questions), misses


def test_stems_match_other_forms_and_highlights_mark_them():
    index = TranscriptIndex(load(TALK))
    best = index.search("treating a mite")[0]
    assert 76 <= best.start <= 91 and "treat" in best.text  # "treating" found "treat", "mite" found "mites"
    marked = {best.text[a:b].lower() for a, b in best.highlights}
    assert {"treat", "mites"} <= marked
    assert all(best.text[a:b].lower() not in {"i", "my", "with"} for a, b in best.highlights)


def test_moments_do_not_overlap_and_come_best_first():
    moments = TranscriptIndex(load(TALK)).search("honey", limit=5)
    assert len(moments) >= 3
    assert [m.score for m in moments] == sorted((m.score for m in moments), reverse=True)
    spans = sorted((m.start, m.end) for m in moments)
    assert all(a_end <= b_start for (_, a_end), (b_start, _) in zip(spans, spans[1:]))


def test_a_follow_up_keeps_the_earlier_question_in_mind():
    index = TranscriptIndex(load(TALK))
    alone = index.search("When should I do that?")
    follow_up = index.search("When should I do that?", follow_up_of="How do you treat varroa mites?")
    assert follow_up and 76 <= follow_up[0].start <= 105 and "treat" in follow_up[0].text
    assert not alone or not (76 <= alone[0].start <= 105)


def test_questions_of_stopwords_only_or_unknown_words_find_nothing():
    index = TranscriptIndex(load(TALK))
    assert index.search("what is it about?") == []
    assert index.search("quantum chromodynamics") == []


def test_a_long_speaker_turn_is_cut_into_timed_sentences():
    turn = " ".join(f"Sentence number {i} talks about topic{i} at length with several more words." for i in range(30))
    index = TranscriptIndex(Transcript((Segment(100.0, 300.0, turn, "Ana"),), language="en"))
    assert len(index.pieces) > 5
    best = index.search("topic25")[0]
    assert 300 < best.start < 400 and "topic25" in best.text and len(best.text.split()) < 80


def test_a_language_without_a_stemmer_still_matches_words():
    transcript = Transcript((Segment(0, 5, "Habari za asubuhi rafiki"), Segment(5, 5, "Leo tunazungumza kuhusu kahawa")),
                            language="sw")
    assert TranscriptIndex(transcript).search("kahawa")[0].start == 5


def test_time_stamps_inside_a_long_turn_give_exact_times_and_are_not_shown():
    first = " ".join(f"Opening words number {i} about gardens." for i in range(12))
    later = " ".join(f"Closing words number {i} about tomatoes." for i in range(12))
    turn = f"{first} (00:03:20): {later} (00:99:99) the end."
    index = TranscriptIndex(Transcript((Segment(100.0, 300.0, turn, "Ana"),), language="en"))
    assert all("(00:" not in p.text for p in index.pieces)
    tomato = index.search("tomatoes")[0]
    assert tomato.start >= 199.0 and "(00:03:20)" not in tomato.text  # at or after the stamp's 200 s
    assert index.search("gardens")[0].start < 200.0
    assert "(00:99:99)" in turn and all(p.start <= 400.0 for p in index.pieces)  # a stamp outside the turn is ignored
