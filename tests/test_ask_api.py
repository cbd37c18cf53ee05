"""POST /api/v1/videos/<id>/ask: moments from the stored transcript, follow-ups, every bad input in the one error shape."""

from __future__ import annotations

import pytest

from ask_samples import QUESTIONS, TALK, is_hit, talk_body
from service_helpers import transcript_body
from stores import BOTH_STORES

pytestmark = BOTH_STORES

VIDEO = "beesOnRoof1"
ASK = f"/api/v1/videos/{VIDEO}/ask"


@pytest.fixture
def talk(client):
    assert client.post(f"/api/v1/videos/{VIDEO}/summary", json=talk_body()).status_code == 200
    return client


def test_ask_returns_the_moments_of_the_stored_transcript(talk):
    response = talk.post(ASK, json={"question": "How do you treat mites?"})
    assert response.status_code == 200
    body = response.get_json()
    assert set(body) == {"video_id", "question", "language", "moments", "answer", "can_answer"}
    assert body["video_id"] == VIDEO and body["question"] == "How do you treat mites?" and body["language"] == "en"
    assert body["answer"] is None and body["can_answer"] is False  # no LLM configured
    assert 1 <= len(body["moments"]) <= 3
    for moment in body["moments"]:
        assert set(moment) == {"start", "end", "text", "score", "highlights"}
        assert 0 <= moment["start"] < moment["end"] <= 252
        assert all(0 <= a < b <= len(moment["text"]) for a, b in moment["highlights"])
    assert is_hit(body["moments"][0], [[84, 112]])


def test_every_question_of_the_talk_through_the_api(talk):
    hits = [any(is_hit(m, q["at"]) for m in talk.post(ASK, json={"question": q["question"]}).get_json()["moments"])
            for q in QUESTIONS[TALK]]
    assert sum(hits) >= 0.8 * len(hits)


def test_limit_and_follow_up_history(talk):
    one = talk.post(ASK, json={"question": "honey", "limit": 1}).get_json()["moments"]
    four = talk.post(ASK, json={"question": "honey", "limit": 4}).get_json()["moments"]
    assert len(one) == 1 and len(four) == 4 and four[0] == one[0]
    follow = talk.post(ASK, json={"question": "When should I do that?", "history": ["How do you treat varroa mites?"]})
    assert "oxalic" in follow.get_json()["moments"][0]["text"]


def test_a_question_nothing_matches_gives_no_moments(talk):
    body = talk.post(ASK, json={"question": "quantum chromodynamics"}).get_json()
    assert body["moments"] == []


def test_a_new_transcript_is_searched_not_the_cached_one(talk):
    talk.post(ASK, json={"question": "mites"})
    talk.post(f"/api/v1/videos/{VIDEO}/summary", json={"transcript": transcript_body("Now about wasps and hornets."),
                                                       "refresh": True})
    assert talk.post(ASK, json={"question": "hornets"}).get_json()["moments"][0]["start"] == 0


@pytest.mark.parametrize("body, field", [
    ({"question": ""}, "'question' is empty"),
    ({"question": "   \n "}, "'question' is empty"),
    ({"question": "x" * 501}, "'question' is longer than 500"),
    ({"question": 42}, "'question' must be a string"),
    ({}, "'question' must be a string"),
    ({"question": "bees", "extra": 1}, "Unknown field 'extra'"),
    ({"question": "bees", "limit": 0}, "'limit'"),
    ({"question": "bees", "limit": True}, "'limit'"),
    ({"question": "bees", "history": "bees"}, "'history'"),
    ({"question": "bees", "answer": "yes"}, "'answer'"),
    ([1, 2], "JSON object"),
])
def test_bad_questions_are_invalid_requests_that_name_the_field(talk, body, field):
    response = talk.post(ASK, json=body)
    assert response.status_code == 400
    error = response.get_json()["error"]
    assert error["code"] == "invalid_request" and field in error["message"]


def test_a_body_that_is_not_json_is_refused(talk):
    response = talk.post(ASK, data="question=bees", content_type="application/x-www-form-urlencoded")
    assert response.status_code == 400 and response.get_json()["error"]["code"] == "invalid_request"


def test_a_bad_video_id(client):
    response = client.post("/api/v1/videos/bad!id/ask", json={"question": "bees"})
    assert response.status_code == 400 and response.get_json()["error"]["code"] == "invalid_video_id"


def test_a_video_without_transcript_is_no_transcript(client, youtube):
    youtube.routes[("POST", "/youtubei/v1/player")] = [(200, "youtube_transcripts_disabled.innertube.json.static")]
    response = client.post("/api/v1/videos/GJLlxj_dtq8/ask", json={"question": "bees"})
    assert response.status_code == 404
    assert response.get_json()["error"]["code"] == "no_transcript"
