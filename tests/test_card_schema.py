"""The card schema is the one place a section is declared: models, validation, both summarizers,
the LLM's JSON schema, prompt and merge, the Markdown export and the panel all follow it."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import pytest

from server import card_schema
from server.card_schema import Count, Field, Section
from server.errors import InvalidRequest
from server.markdown import cards_to_markdown
from server.models import About, Cards, Chapter, Idea, Quote
from server.summarizers.extractive import ExtractiveSummarizer
from server.summarizers.llm import merge, prompt
from server.summarizers.llm.schema import CARDS_SCHEMA, cards_schema, read_cards
from server.validation import parse_cards

from extractive_samples import BIKES, BREAD, GARDEN, transcript

VIDEO_ID = "abcdefghijk"
ROOT = Path(__file__).resolve().parent.parent
ITEM_MODELS = {"ideas": Idea, "quotes": Quote, "chapters": Chapter}
# Two sections a newcomer might add: a list of strings, and items at a time in the video.
QUESTIONS = Section("questions", "Questions it raises", "strings", Count(aim=3, most=4), curated_most=6, longest=80,
                    ask=("questions: {range} open questions the video raises.",))
MOMENTS = Section("moments", "Moments to rewatch", "items", Count(aim=2, most=3), curated_most=5, fields=(
    Field("label", longest=40, guide="at most 4 words"), Field("start", "seconds")),
    ask=("moments: {count} moments worth rewatching: label of {label}, line = where it starts.",))


def sample_item(section: Section, text: str = "x") -> dict:
    return {f.name: (12.0 if f.kind == "seconds" else text) for f in section.fields}


def sample_cards(sections=card_schema.SECTIONS, items: int = 1, only: str | None = None) -> dict:
    """Cards with `items` items in every section (or only in section `only`, one in the others)."""
    cards = {"video_id": VIDEO_ID, "video": {"title": "A talk", "channel": "Chan", "duration": 600.0}}
    many = items
    for section in sections:
        items = many if only in (None, section.name) else 1
        if section.shape == "about":
            cards["about"] = {"headline": "It is about soil.", "points": ["Soil holds water."] * items}
        elif section.shape == "strings":
            cards[section.name] = [f"{section.name} {i}" for i in range(items)]
        else:
            cards[section.name] = [sample_item(section, f"{section.name} {i}") for i in range(items)]
    return cards


def test_every_section_is_declared_once_with_a_shape_a_heading_and_fields():
    names = card_schema.section_names()
    assert len(set(names)) == len(names) and not set(names) & set(card_schema.FRAME)
    for section in card_schema.SECTIONS:
        assert section.shape in ("about", "strings", "items") and section.heading and section.ask
        assert section.shape != "items" or [f.name for f in section.fields if f.kind == "seconds"] == ["start"]
        assert section.count.aim <= section.count.most
        assert section.count.per_part is None or section.count.per_part <= section.count.aim


def test_the_models_hold_exactly_the_schema_sections_and_fields():
    assert [f.name for f in dataclasses.fields(Cards)] == ["video_id", "video", *card_schema.section_names(), "meta"]
    assert [f.name for f in dataclasses.fields(About)] == [f.name for f in card_schema.ABOUT.fields]
    for name, model in ITEM_MODELS.items():
        assert {f.name for f in dataclasses.fields(model)} == {f.name for f in card_schema.BY_NAME[name].fields}


def test_counts_grow_gently_with_the_length_of_the_video():
    minutes = (10, 29, 45, 70, 100, 130, 200)
    assert [card_schema.IDEAS.count.for_duration(m * 60) for m in minutes] == [5, 5, 5, 6, 7, 8, 8]
    assert [card_schema.QUOTES.count.for_duration(m * 60) for m in minutes] == [5, 5, 5, 6, 7, 8, 8]
    assert {card_schema.ABOUT.count.for_duration(m * 60) for m in minutes} == {card_schema.ABOUT.count.aim}


def test_the_llm_json_schema_has_one_property_per_section_field():
    properties = CARDS_SCHEMA["properties"]
    expected = []
    for section in card_schema.SECTIONS:
        expected += ["headline", "points"] if section.shape == "about" else [section.name]
        if section.shape == "strings":
            assert properties[section.name] == {"type": "array", "items": {"type": "string"}}
        if section.shape == "items":
            item = properties[section.name]["items"]
            wire = ["line" if f.kind == "seconds" else f.name for f in section.fields]
            assert list(item["properties"]) == wire and item["required"] == wire  # strict mode: all required
            for f in section.fields:
                kind = item["properties"]["line" if f.kind == "seconds" else f.name]["type"]
                assert kind == ("integer" if f.kind == "seconds" else "string" if f.required else ["string", "null"])
    assert list(properties) == [*expected, "people"] and CARDS_SCHEMA["required"] == list(properties)


def test_a_new_section_reaches_the_llm_schema_prompt_and_reader(monkeypatch):
    sections = (*card_schema.SECTIONS, QUESTIONS, MOMENTS)
    schema = cards_schema(sections)
    assert schema["properties"]["questions"]["items"] == {"type": "string"}
    assert list(schema["properties"]["moments"]["items"]["properties"]) == ["label", "line"]
    rules = prompt.section_rules(None, True, sections)
    assert "- questions: 3 to 4 open questions" in rules and "- moments: 2 moments worth rewatching: label of at most 4 words" in rules
    assert '"questions": ["..."]' in prompt._shape(True, sections) and '"moments": [{"label": "...", "line": 1}]' in prompt._shape(True, sections)
    monkeypatch.setattr(card_schema, "SECTIONS", sections)
    answer = read_cards({"headline": "H", "questions": ["Why?", 3, None], "moments": [{"label": "Start", "line": "L4"}, {"line": 2}]})
    assert answer["questions"] == ["Why?", "3"] and answer["moments"] == [{"label": "Start", "line": 4}]


def test_the_prompt_asks_for_every_section_with_the_schema_counts():
    whole, part = prompt.cards_system(None, True), prompt.cards_system((2, 3), True)
    for section in card_schema.SECTIONS:
        for key in (["headline", "points"] if section.shape == "about" else [section.name]):
            assert f"\n- {key}: " in whole
    assert f"- ideas: about {card_schema.IDEAS.count.aim} ideas" in whole
    assert f"- ideas: about {card_schema.IDEAS.count.per_part} ideas" in part
    assert f"- quotes: about {card_schema.QUOTES.count.per_part} memorable" in part
    assert f"- topics: {card_schema.TOPICS.count.aim} to {card_schema.TOPICS.count.most} short" in whole
    assert "title of at most 6 words" in whole and "(8 to 40 words," in whole
    assert "- chapters: an empty list (the video has its own chapters)." in prompt.cards_system(None, False)
    changed = tuple(dataclasses.replace(s, count=Count(aim=7, most=9, per_part=3)) if s.name == "ideas" else s
                    for s in card_schema.SECTIONS)
    assert "- ideas: about 7 ideas" in prompt.section_rules(None, True, changed)
    assert "- ideas: about 3 ideas" in prompt.section_rules((1, 2), True, changed)
    pick = prompt.pick_system()
    assert f"the ids of the {card_schema.IDEAS.count.aim} best ideas" in pick
    assert f"the ids of the {card_schema.QUOTES.count.aim} best quotes" in pick


def test_the_merge_keeps_the_schema_aim():
    assert (merge.IDEAS, merge.QUOTES) == (card_schema.IDEAS.count.aim, card_schema.QUOTES.count.aim)
    parts = [merge.PartCards(f"Part {k}", [f"Point {k}"], [Idea(f"I{k}.{i}", "d", 100.0 * k + i) for i in range(4)],
                             [Quote(f"Q{k}.{i}", None, 100.0 * k + i) for i in range(4)], [f"t{k}.{i}" for i in range(6)],
                             begin=100.0 * k, end=100.0 * k + 99) for k in range(3)]
    plain = merge.plain_merge(parts, 300.0)
    assert len(plain["ideas"]) == card_schema.IDEAS.count.aim and len(plain["quotes"]) == card_schema.QUOTES.count.aim
    assert len(merge.unique(plain["topics"])) <= card_schema.TOPICS.count.most


@pytest.mark.parametrize("section", card_schema.SECTIONS, ids=lambda s: s.name)
def test_curated_cards_are_held_to_the_schema_limits(section):
    most = sample_cards(items=section.curated_most, only=section.name)
    assert parse_cards(most, VIDEO_ID)  # exactly at the limit is fine
    with pytest.raises(InvalidRequest, match=f"at most {section.curated_most}"):
        parse_cards(sample_cards(items=section.curated_most + 1, only=section.name), VIDEO_ID)
    for field in section.text_fields or (Field(section.name, longest=section.longest),):
        cards = sample_cards()
        if section.shape == "about":
            too_long = "x" * (field.longest + 1)
            cards["about"] = {**cards["about"], field.name: too_long if field.name == "headline" else [too_long]}
        elif section.shape == "strings":
            cards[section.name] = ["x" * (section.longest + 1)]
        else:
            cards[section.name][0][field.name] = "x" * (field.longest + 1)
        with pytest.raises(InvalidRequest, match=f"longer than {field.longest} characters"):
            parse_cards(cards, VIDEO_ID)


def test_a_new_section_is_validated_and_exported_with_its_limits(monkeypatch):
    monkeypatch.setattr(card_schema, "SECTIONS", (*card_schema.SECTIONS, QUESTIONS, MOMENTS))
    cards = parse_cards(sample_cards(card_schema.SECTIONS, items=2), VIDEO_ID)
    assert list(cards) == ["video_id", "video", *card_schema.section_names(), "meta"]
    assert cards["questions"] == ["questions 0", "questions 1"] and cards["moments"][1] == {"label": "moments 1", "start": 12.0}
    with pytest.raises(InvalidRequest, match="'moments' must be a list of at most 5 items"):
        parse_cards(sample_cards(card_schema.SECTIONS, items=6, only="moments"), VIDEO_ID)
    with pytest.raises(InvalidRequest, match="'moments\\[0\\].label' is longer than 40"):
        parse_cards({**sample_cards(card_schema.SECTIONS), "moments": [{"label": "x" * 41, "start": 1}]}, VIDEO_ID)
    with pytest.raises(InvalidRequest, match="'moments\\[0\\].start' lies after the end of the video"):
        parse_cards({**sample_cards(card_schema.SECTIONS), "moments": [{"label": "x", "start": 601}]}, VIDEO_ID)
    text = cards_to_markdown(cards)
    assert "## Questions it raises\n\nquestions 0, questions 1\n" in text
    assert "## Moments to rewatch\n\n- moments 0 ([0:12](https://youtu.be/abcdefghijk?t=12))\n" in text


def test_markdown_headings_are_the_schema_headings_in_order():
    text = cards_to_markdown(parse_cards(sample_cards(), VIDEO_ID))
    assert re.findall(r"^## (.+)$", text, re.M) == [s.heading for s in card_schema.SECTIONS]


def test_the_panel_titles_each_section_as_the_schema_does():
    """The panel renders the sections itself (it is the one place that draws them); its names and
    headings must be the schema's, in the schema's order."""
    view = next(ROOT.glob("extension/content/**/cards-view.js")).read_text(encoding="utf-8")
    shown = re.findall(r'section\("(\w+)", "([^"]+)"', view)
    assert shown == [(s.name, s.heading) for s in card_schema.SECTIONS]


@pytest.mark.parametrize("count", [Count(aim=2, most=2), Count(aim=3, most=3)], ids=["two", "three"])
def test_the_offline_summarizer_writes_the_schema_counts(monkeypatch, count):
    monkeypatch.setattr(card_schema, "IDEAS", dataclasses.replace(card_schema.IDEAS, count=count))
    monkeypatch.setattr(card_schema, "QUOTES", dataclasses.replace(card_schema.QUOTES, count=count))
    monkeypatch.setattr(card_schema, "TOPICS", dataclasses.replace(card_schema.TOPICS, count=Count(aim=2, most=count.most)))
    from server.models import VideoInfo

    cards = ExtractiveSummarizer({}).summarize(transcript(GARDEN + BIKES + BREAD), VideoInfo(VIDEO_ID, "Gardens, bikes and bread"))
    assert len(cards.ideas) == count.aim and len(cards.quotes) == count.aim
    assert 2 <= len(cards.topics) <= count.most
