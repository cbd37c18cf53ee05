"""Topics ordered subject first (extractive/subjects.py): the talk's subject before places and people."""

from server.summarizers.extractive.subjects import subject_first
from server.verbatim import words


def test_topics_name_the_subject_before_places_and_people():
    keys = words("creativity matters and creativity grows and creativity fades and creativity wins in schools")
    topics = subject_first(["Los Angeles", "Gillian", "education system", "Stratford"],
                           "Do schools kill creativity? (Sir Ken Robinson, TED 2006)", keys, {"ken", "robinson"})
    assert topics == ["creativity", "education system", "Los Angeles", "Gillian"]


def test_two_title_words_the_talk_says_together_are_one_topic():
    keys = words("difficult conversations are hard " * 4 + "so have difficult conversations early and teams trust")
    topics = subject_first(["one-page plan", "active listening", "Stripe"],
                           "A guide to difficult conversations and trust | Lenny's Podcast", keys, {"lenny"})
    assert topics == ["difficult conversations", "one-page plan", "active listening"]
