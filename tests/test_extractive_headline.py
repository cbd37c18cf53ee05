"""The headline (extractive/headline.py): the title's subject words and the stated thesis, never half a name."""

from server.models import Person
from server.summarizers.extractive.headline import headline
from server.summarizers.extractive.sentences import split_units
from server.summarizers.extractive.text import build_stream

from extractive_samples import transcript


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


def test_headline_reads_the_list_after_a_teaser_or_a_lead_in():
    text = ("Slow bread needs time. " * 4 + "Raw flour is alive. " * 4 + "Good ovens bake evenly. " * 4 +
            "The local bakery model works. " * 4)
    people = (Person("Jane Doe", "guest"), Person("Sam Roe", "host"))
    line = _headline(text, "How Mill Street bakes great loaves: The local bakery model, raw flour & slow bread",
                     people=people)
    assert line == "Jane Doe talks with Sam Roe about the local bakery model, raw flour and slow bread"
    line = _headline(text, "A guide to slow bread, raw flour, and good ovens", people=people)
    assert line == "Jane Doe talks with Sam Roe about slow bread, raw flour and good ovens"
