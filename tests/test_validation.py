"""Odd input that used to crash the service gets a 400 in the one error shape (or is cleaned):
deep JSON, lone surrogates, integers beyond float range, over-long curated cards, and the
language DELETE matches."""

from __future__ import annotations

import pytest

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
