"""The one error shape: every code in docs/contract.md's table, its status, and no leaked internals."""

from __future__ import annotations

import pytest

from server import create_app, errors
from server.summarizers import SummarizerFailed
from youtube_replay import FIXTURE_VIDEO, replay_session

from service_helpers import LineSummarizer, transcript_body


class Failing:
    name, version = "failing", "test"

    def __init__(self, error):
        self.error = error

    def summarize(self, transcript, video):
        raise self.error


def _post_empty(client):
    return client.post(f"/api/v1/videos/{FIXTURE_VIDEO}/summary", json={"transcript": {"segments": []}})


def _get(client):
    return client.get(f"/api/v1/videos/{FIXTURE_VIDEO}/summary")


def _post(client, video=FIXTURE_VIDEO):
    return client.post(f"/api/v1/videos/{video}/summary", json={"transcript": transcript_body("Hello there.")})


def _post_on_a_full_database(client):
    """SQLite's own "database or disk is full": the file may not grow by a page (no disk is filled)."""
    store = client.application.extensions["glance.store"]
    for conn in store._opened:
        conn.execute(f"PRAGMA max_page_count = {conn.execute('PRAGMA page_count').fetchone()[0]}")
    return client.post(f"/api/v1/videos/{FIXTURE_VIDEO}/summary",
                       json={"transcript": transcript_body(*[f"Line {i} of a transcript to store." for i in range(5000)])})


# code -> (status, config overrides, YouTube player reply or None, request)
CASES = {
    "invalid_video_id": (400, {}, None, lambda c: c.get("/api/v1/videos/not-an-id/summary")),
    "invalid_request": (400, {}, None, lambda c: c.post(f"/api/v1/videos/{FIXTURE_VIDEO}/summary", data="{nope",
                                                         content_type="application/json")),
    "unauthorized": (401, {}, None, lambda c: c.put(f"/api/v1/videos/{FIXTURE_VIDEO}/summary", json={})),
    "host_not_allowed": (403, {}, None, lambda c: c.get("/api/v1/health", headers={"Host": "evil.example"})),
    "origin_not_allowed": (403, {}, None, lambda c: c.get(f"/api/v1/videos/{FIXTURE_VIDEO}/summary",
                                                           headers={"Sec-Fetch-Site": "cross-site"})),
    "not_found": (404, {}, None, lambda c: c.get("/api/v1/nothing-here")),
    "no_transcript": (404, {}, None, _post_empty),
    "video_unavailable": (404, {}, "youtube_video_unavailable.innertube.json.static", _get),
    "payload_too_large": (413, {"MAX_BODY_BYTES": 100}, None, _post),
    "video_restricted": (422, {}, "youtube_age_restricted.innertube.json.static", _get),
    "rate_limited": (429, {"RATE_LIMIT": 1}, None, lambda c: (_post(c), _post(c, "otherVideo1"))[1]),
    "youtube_blocked": (503, {}, "youtube_request_blocked.innertube.json.static", _get),
    "youtube_error": (502, {}, (500, b"oops"), _get),
    "summarizer_error": (502, {"SUMMARIZER": Failing(SummarizerFailed("The LLM service did not answer."))}, None, _post),
    "storage_unavailable": (503, {}, None, _post_on_a_full_database),
    "internal_error": (500, {"SUMMARIZER": Failing(RuntimeError("secret /etc/passwd traceback"))}, None, _post),
}


@pytest.mark.parametrize("code", sorted(CASES))
def test_error_status_and_shape(code, tmp_path, youtube):
    status, overrides, player, make_request = CASES[code]
    if player is not None:
        youtube.routes[("POST", "/youtubei/v1/player")] = [player if isinstance(player, tuple) else (200, player)]
    config = {"DATABASE": str(tmp_path / "g.db"), "SUMMARIZER": LineSummarizer(),
              "ADMIN_TOKEN": "t", "RATE_LIMIT": 0, "YOUTUBE_HTTP_CLIENT": lambda: replay_session(youtube)}
    config.update(overrides)
    response = make_request(create_app(config).test_client())

    assert response.status_code == status
    body = response.get_json()
    assert set(body) == {"error"}
    assert set(body["error"]) == {"code", "message"}
    assert body["error"]["code"] == code
    message = body["error"]["message"]
    assert message.endswith((".", ")")) and "\n" not in message
    assert "Traceback" not in response.get_data(as_text=True)
    assert "secret" not in message and "webshare" not in message.lower()
    if code in ("rate_limited", "storage_unavailable"):
        assert int(response.headers["Retry-After"]) >= 1
    if code == "storage_unavailable":
        assert "database" in message and str(tmp_path) not in message


def test_every_error_class_is_covered():
    codes = {cls.code for cls in vars(errors).values()
             if isinstance(cls, type) and issubclass(cls, errors.ApiError) and cls is not errors.ApiError}
    assert codes == set(CASES)
