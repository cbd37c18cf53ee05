"""Checking request bodies (server/validation.py). Through HTTP: odd input a careless parser crashes on gets
a 400 in the one error shape (or is cleaned): deep JSON, lone surrogates, integers beyond float range, over-long
curated cards, and the one spelling per language that DELETE matches. Called directly: what the parsers keep,
drop, sort and refuse, each refusal naming its field."""

from __future__ import annotations

import pytest

from server.errors import InvalidRequest, NoTranscript
from server.models import Chapter, Segment, VideoInfo
from server.validation import (
    MAX_CHAPTERS, MAX_SECONDS, MAX_TITLE, clean_text, parse_cards, parse_language, parse_summary_body,
    parse_transcript, parse_video,
)
from service_helpers import transcript_body

VIDEO = "abcdefghijk"
URL = f"/api/v1/videos/{VIDEO}/summary"


def _error(response, status=400, code="invalid_request"):
    assert response.status_code == status, response.get_data(as_text=True)
    body = response.get_json()
    assert body["error"]["code"] == code
    return body["error"]["message"]


@pytest.mark.parametrize("depth", [2_000, 100_000])
def test_json_nested_too_deep_is_a_clear_error(client, admin_headers, depth):
    raw = "[" * depth + "]" * depth
    _error(client.post(URL, data=raw, content_type="application/json"))
    _error(client.put(URL, data='{"about": ' + raw + "}", content_type="application/json", headers=admin_headers))


def test_lone_surrogates_are_removed_from_sent_text(client):
    raw = ('{"transcript": {"language": "en", "segments": [{"start": 0, "text": "Half \\ud800 a pair\\udfff."}]},'
           ' "video": {"title": "T\\udc00itle", "chapters": [{"start": 0, "title": "\\ud83d"}]}}')
    response = client.post(URL, data=raw, content_type="application/json")
    assert response.status_code == 200
    assert response.get_json()["about"]["headline"] == "Half a pair."
    assert client.get(f"/api/v1/videos/{VIDEO}/transcript").get_json()["segments"][0]["text"] == "Half a pair."


def test_lone_surrogates_are_removed_from_curated_cards(client, admin_headers):
    raw = ('{"about": {"headline": "Head\\ud800line", "points": ["p\\udfff"]}, "topics": ["\\ud800x"],'
           ' "quotes": [{"text": "q", "speaker": "\\udc00", "start": 1}], "video": {"people": [{"name": "N\\ud800", "role": "r\\ud800"}]},'
           ' "meta": {"summarizer": "me\\ud800", "version": "\\ud800"}}')
    response = client.put(URL, data=raw, content_type="application/json", headers=admin_headers)
    assert response.status_code == 200, response.get_data(as_text=True)
    stored = client.get(URL + "?fetch=0").get_json()
    assert stored["about"] == {"headline": "Headline", "points": ["p"]}
    assert stored["video"]["people"] == [{"name": "N", "role": "r"}]
    assert stored["meta"]["summarizer"] == "me" and stored["topics"] == ["x"]


@pytest.mark.parametrize("number", ["1" + "0" * 400, "-" + "9" * 400, "1e400", "9" * 5000])
def test_numbers_beyond_float_range_are_a_clear_error(client, admin_headers, number):
    raw = '{"transcript": {"segments": [{"start": %s, "text": "Hi."}]}}' % number
    _error(client.post(URL, data=raw, content_type="application/json"))
    _error(client.post(URL, data='{"video": {"duration": %s}}' % number, content_type="application/json"))
    cards = '{"about": {"headline": "h"}, "ideas": [{"title": "t", "detail": "d", "start": %s}]}' % number
    _error(client.put(URL, data=cards, content_type="application/json", headers=admin_headers))


@pytest.mark.parametrize("cards, field", [
    ({"about": {"headline": "h" * 7_000_000}}, "about.headline"),
    ({"about": {"headline": "h", "points": ["p" * 5_001]}}, "about.points[0]"),
    ({"about": {"headline": "h", "points": ["p"] * 51}}, "about.points"),
    ({"about": {"headline": "h"}, "topics": ["t"] * 101}, "topics"),
    ({"about": {"headline": "h"}, "ideas": [{"title": "t", "detail": "d", "start": 0}] * 301}, "ideas"),
    ({"about": {"headline": "h"}, "quotes": [{"text": "q", "speaker": 7, "start": 0}]}, "quotes[0].speaker"),
    ({"about": {"headline": "h"}, "meta": {"summarizer": {"a": 1}}}, "meta.summarizer"),
    ({"about": {"headline": "h"}, "meta": {"version": 2}}, "meta.version"),
    ({"about": {"headline": "h"}, "meta": ["x"]}, "meta"),
    ({"about": {"headline": "h"}, "video": {"people": [{"name": "n" * 201}]}}, "video.people[0].name"),
])
def test_curated_cards_are_checked_for_types_and_lengths(tmp_path, summarizer, cards, field):
    from server import create_app

    app = create_app({"DATABASE": str(tmp_path / "p.db"), "SUMMARIZER": summarizer, "ADMIN_TOKEN": "t",
                      "MAX_BODY_BYTES": 10_000_000})
    client = app.test_client()
    message = _error(client.put(URL, json=cards, headers={"Authorization": "Bearer t"}))
    assert f"'{field}'" in message
    assert client.get(URL + "?fetch=0").status_code == 404


def test_delete_of_a_regional_language_deletes_the_cards_get_finds(client, admin_headers):
    client.post(URL, json={"transcript": transcript_body("Generated.", language="en")})
    client.put(URL, json={"about": {"headline": "Curated"}, "meta": {"language": "en"}}, headers=admin_headers)
    assert client.get(URL + "?lang=en-US&fetch=0").status_code == 200
    deleted = client.delete(URL + "?lang=en-US", headers=admin_headers)
    assert deleted.status_code == 200 and deleted.get_json() == {"deleted": 2}
    assert client.get(URL + "?lang=en-US&fetch=0").status_code == 404
    assert client.get(URL + "?lang=en&fetch=0").status_code == 404


def test_delete_of_one_language_keeps_the_others(client, admin_headers):
    client.post(URL, json={"transcript": transcript_body("English.", language="en")})
    client.post(URL, json={"transcript": transcript_body("Deutsch.", language="de")})
    assert client.delete(URL + "?lang=en-GB", headers=admin_headers).get_json() == {"deleted": 1}
    assert client.get(URL + "?lang=de&fetch=0").get_json()["about"]["headline"] == "Deutsch."


LIMITS = {"MAX_SEGMENTS": 3, "MAX_TRANSCRIPT_CHARS": 40}


def _refused(call, field: str):
    """`call` raises InvalidRequest whose message names `field`."""
    with pytest.raises(InvalidRequest) as refused:
        call()
    assert f"'{field}'" in refused.value.message, refused.value.message


@pytest.mark.parametrize("sent, kept", [("en", "en"), ("pt-BR", "pt-br"), ("en_US", "en-us"), ("EN-us", "en-us"),
                                        ("zh-Hant-TW", "zh-hant-tw"), (None, None), ("", None)])
def test_one_spelling_per_language(sent, kept):
    assert parse_language(sent) == kept


@pytest.mark.parametrize("sent", ["e", "english!", "en-", "12", "en-" + "x" * 20, 7, ["en"]])
def test_a_language_that_is_no_code_is_refused_by_name(sent):
    _refused(lambda: parse_language(sent, "transcript.language"), "transcript.language")


def test_a_sent_transcript_is_cleaned_sorted_and_keeps_its_origin():
    raw = {"language": "en_GB", "kind": "generated", "source": "panel", "segments": [
        {"start": 9, "duration": 2, "text": "second\r\nline \x00here", "speaker": "  Ann\x07 "},
        {"start": 1.5, "text": "  first   line  "},
        {"start": 4, "duration": 1, "text": "   ", "speaker": "Bo"},
    ]}
    transcript = parse_transcript(raw, {"MAX_SEGMENTS": 10, "MAX_TRANSCRIPT_CHARS": 1_000})
    assert transcript.segments == (Segment(1.5, 0.0, "first line", None), Segment(9.0, 2.0, "second line here", "Ann"))
    assert (transcript.language, transcript.kind, transcript.source) == ("en-gb", "generated", "panel")
    assert transcript.partial is False
    assert parse_transcript({"segments": [{"start": 0, "text": "x"}]}, LIMITS).source == "client"


def test_a_transcript_of_blank_lines_is_no_transcript_not_a_bad_request():
    with pytest.raises(NoTranscript):
        parse_transcript({"segments": [{"start": 0, "text": " "}, {"start": 1, "text": "\x00"}]}, LIMITS)
    with pytest.raises(NoTranscript):
        parse_transcript({"segments": []}, LIMITS)


@pytest.mark.parametrize("raw, field", [
    ({"segments": [{"start": 0, "text": "x"}] * 4}, "transcript.segments"),  # over MAX_SEGMENTS
    ({"segments": [{"start": 0, "text": "x" * 41}]}, "transcript.segments"),  # over MAX_TRANSCRIPT_CHARS
    ({"segments": [{"start": True, "text": "x"}]}, "transcript.segments[0].start"),  # a boolean is no number
    ({"segments": [{"start": MAX_SECONDS + 1, "text": "x"}]}, "transcript.segments[0].start"),
    ({"segments": [{"start": 0, "duration": -1, "text": "x"}]}, "transcript.segments[0].duration"),
    ({"segments": [{"start": 0, "text": "x", "speaker": "s" * 201}]}, "transcript.segments[0].speaker"),
    ({"segments": ["x"]}, "transcript.segments[0]"),
    ({"source": "elsewhere", "segments": []}, "transcript.source"),
    ("segments", "transcript"),
])
def test_a_bad_transcript_is_refused_by_field(raw, field):
    _refused(lambda: parse_transcript(raw, LIMITS), field)


def test_the_last_second_of_a_week_is_still_a_time():
    transcript = parse_transcript({"segments": [{"start": MAX_SECONDS, "text": "x"}]}, LIMITS)
    assert transcript.segments[0].start == float(MAX_SECONDS)


def test_page_metadata_is_optional_trimmed_and_its_chapters_sorted():
    assert parse_video(None, "abcdefghijk") == VideoInfo("abcdefghijk")
    video = parse_video({"title": "  T" + "x" * MAX_TITLE, "channel": " \x01 ", "duration": 90,
                         "chapters": [{"start": 60, "title": " End "}, {"start": 0, "title": "Start"}]}, "abcdefghijk")
    assert len(video.title) == MAX_TITLE - 2 and video.title.startswith("T")  # cut to the limit, then stripped
    assert video.channel is None  # nothing but a control character and spaces
    assert video.chapters == (Chapter(0.0, "Start"), Chapter(60.0, "End"))


@pytest.mark.parametrize("raw, field", [
    ({"title": 5}, "video.title"),
    ({"duration": "long"}, "video.duration"),
    ({"duration": 10, "chapters": [{"start": 11, "title": "late"}]}, "video.chapters[0].start"),
    ({"chapters": [{"start": 0}]}, "video.chapters[0]"),
    ({"chapters": [{"start": 0, "title": "c"}] * (MAX_CHAPTERS + 1)}, "video.chapters"),
])
def test_bad_page_metadata_is_refused_by_field(raw, field):
    _refused(lambda: parse_video(raw, "abcdefghijk"), field)


def test_a_summary_body_may_be_empty_and_nothing_else_unknown():
    assert parse_summary_body({}, "abcdefghijk", LIMITS) == (None, VideoInfo("abcdefghijk"), False)
    transcript, video, refresh = parse_summary_body(
        {"transcript": {"segments": [{"start": 0, "text": "Hi."}]}, "video": {"title": "T"}, "refresh": True},
        "abcdefghijk", LIMITS)
    assert transcript.segments[0].text == "Hi." and video.title == "T" and refresh is True
    _refused(lambda: parse_summary_body({"transcript": None, "lang": "en"}, "abcdefghijk", LIMITS), "lang")


def test_curated_cards_come_back_in_the_served_shape_marked_curated():
    cards = parse_cards({"about": {"headline": "Soil first."},
                         "chapters": [{"title": "B", "start": 30}, {"title": "A", "start": 0}],
                         "meta": {"transcript": "robot", "language": "EN_us"}}, "abcdefghijk")
    assert cards["video_id"] == "abcdefghijk"
    assert cards["about"] == {"headline": "Soil first.", "points": []}
    assert [c["title"] for c in cards["chapters"]] == ["A", "B"]
    assert cards["ideas"] == cards["quotes"] == cards["topics"] == []
    assert cards["meta"]["origin"] == "curated" and cards["meta"]["summarizer"] == "curated"
    assert cards["meta"]["language"] == "en-us" and cards["meta"]["transcript"] is None  # an unknown kind is dropped
    assert cards["video"] == {"title": None, "channel": None, "published": None, "duration": None, "people": []}


@pytest.mark.parametrize("raw, field", [
    ({"video_id": "otherVideo1", "about": {"headline": "h"}}, "video_id"),
    ({"about": {"headline": "h"}, "video": {"duration": 10}, "quotes": [{"text": "q", "start": 11}]},
     "quotes[0].start"),
    ({"about": {"headline": "h"}, "ideas": [{"title": "t", "start": 0}]}, "ideas[0].detail"),
    ({"about": {"headline": "h"}, "ideas": ["t"]}, "ideas[0]"),
    ({"about": "h"}, "about.headline"),
])
def test_bad_curated_cards_are_refused_by_field(raw, field):
    _refused(lambda: parse_cards(raw, "abcdefghijk"), field)


def test_clean_text_drops_control_characters_and_lone_surrogates_only():
    assert clean_text("a\x00b\x1fc\x7fd\ud800e\tf\ng\rh é 🌱") == "abcde\tf\ng h é 🌱"
