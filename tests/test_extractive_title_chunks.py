"""Idea titles cut from the detail: a phrase of the detail's own words, never a bare pronoun or a torn name."""

from server.summarizers.extractive.text import Stream
from server.summarizers.extractive.title_chunks import chunk_title
from server.summarizers.extractive.wordclass import learn


def _stream(text: str) -> tuple[Stream, list[int], object]:
    tokens = text.split()
    keys = [t.strip(",.;:?!\"'").lower() for t in tokens]
    starts = [i == 0 or tokens[i - 1].endswith((".", "?", "!")) for i in range(len(tokens))]
    stream = Stream(text=tokens, key=keys, brk=[False] * len(tokens))
    # the talk uses "garden" and "soil" as nouns many times, so the word class knows them
    talk = "the garden . the soil . a garden . the soil . my garden . the tomatoes .".split()
    wc = learn(keys + [w for w in talk if w != "."], tokens + talk, starts + [w == "." for w in talk])
    return stream, list(range(len(tokens))), wc


def test_bare_word_grows_into_a_phrase_of_the_detail():
    stream, kept, wc = _stream("We think healthy soil feeds the garden, and it grows tomatoes.")
    title = chunk_title(stream, kept, wc, "garden")
    assert len(title.split()) >= 2
    assert "garden" in title.lower()
    assert all(w.lower().strip(",.") in stream.key for w in title.split())  # nothing invented
    assert not title.endswith(("the", "and", "of"))


def test_never_opens_on_a_pronoun_or_spans_two_clauses():
    stream, kept, wc = _stream("You haven't seen it, but we planted the garden because the soil was rich.")
    title = chunk_title(stream, kept, wc, "garden")
    assert title and title.split()[0].lower() not in ("you", "we", "haven't", "it")
    assert "because" not in title.lower() and "," not in title


def test_titles_already_shown_are_skipped_and_nothing_is_forced():
    stream, kept, wc = _stream("Healthy soil feeds the garden.")
    first = chunk_title(stream, kept, wc, "garden")
    second = chunk_title(stream, kept, wc, "garden", {first.casefold()})
    assert first and second != first
    stream, kept, wc = _stream("It is what it is.")
    assert chunk_title(stream, kept, wc, "") == ""


def test_a_bare_contraction_is_never_a_title():
    from server.summarizers.extractive.ideas import names_something

    assert not names_something("Haven't") and not names_something("Don’t")
    assert names_something("Soil") and names_something("Don't water at noon")


def test_the_opening_words_fallback_never_ends_on_a_function_word():
    from server.summarizers.extractive.ideas import _fallback_title

    assert _fallback_title("You haven't explored that part of our planet yet.") == "You haven't explored…"
    assert _fallback_title("Soil holds water.") == "Soil holds water"


def test_an_action_yields_to_a_noun_phrase_naming_the_subject():
    # "(they can) grow garden soil" is something done in passing; "Garden soil" names what it is about
    stream, kept, wc = _stream("Garden party guests left, so they can grow garden soil tomatoes.")
    assert chunk_title(stream, kept, wc, "soil") == "Garden soil"


def test_a_run_inside_an_aside_yields_to_one_before_it():
    # after "so" the sentence tells what happens by the way: "(so they can) go home and write a paper"
    stream, kept, wc = _stream("Rich soil stays, so the garden soil grows.")
    assert chunk_title(stream, kept, wc, "") == "Rich soil"
    stream, kept, wc = _stream("Rich soil stays. The garden soil grows.")
    assert chunk_title(stream, kept, wc, "") == "Garden soil"  # the same run, outside an aside, wins


def test_two_nouns_joined_by_and_close_a_run():
    # "men" and "women" are said once, with no sign for or against a noun: the pair still names who it is about
    stream, kept, wc = _stream("Grown men and women writhing uncontrollably, off the beat.")
    assert chunk_title(stream, kept, wc, "") == "Grown men and women"


def test_an_it_clause_that_ends_its_sentence_names_an_idea_no_run_names():
    stream, kept, wc = _stream("You and I in a room, when it's just you and I, it's a little awkward to leave.")
    assert chunk_title(stream, kept, wc, "room") == "It's a little awkward to leave"
    # not when "it's" opens the sentence (it points back), nor when its clause runs on past the title's length
    stream, kept, wc = _stream("It's a little awkward to leave.")
    assert chunk_title(stream, kept, wc, "") == ""
    stream, kept, wc = _stream("You and I, it's a little awkward to leave when the two of us sit there.")
    assert chunk_title(stream, kept, wc, "") == ""
