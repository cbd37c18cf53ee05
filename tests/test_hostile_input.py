"""Whatever a client sends, the answer is cards or a clear error in the one shape, never a crash."""

from __future__ import annotations

import json

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from service_helpers import LineSummarizer
from youtube_replay import YouTubeReplay, replay_session, routes

json_values = st.recursive(
    st.none() | st.booleans() | st.floats(allow_nan=False) | st.integers() | st.text(max_size=20),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=10), children, max_size=4),
    max_leaves=12,
)
segment = st.fixed_dictionaries({
    "start": st.one_of(st.floats(allow_nan=False), st.integers(), st.text(max_size=3), st.none()),
    "duration": st.one_of(st.floats(allow_nan=False), st.none()),
    "text": st.one_of(st.text(max_size=40), st.integers()),
})
bodies = st.one_of(
    json_values,
    st.fixed_dictionaries({"transcript": st.fixed_dictionaries({
        "segments": st.lists(segment, max_size=5),
        "language": st.one_of(st.none(), st.sampled_from(["en", "pt-BR", "zz-", ""]), st.text(max_size=4)),
        "kind": st.sampled_from([None, "manual", "generated", "other"]),
    })}),
)


def _app(tmp_path):
    from server import create_app

    youtube = YouTubeReplay(routes(player="youtube_transcripts_disabled.innertube.json.static"))
    return create_app({"DATABASE": str(tmp_path / "fuzz.db"), "SUMMARIZER": LineSummarizer(), "RATE_LIMIT": 0,
                       "YOUTUBE_HTTP_CLIENT": lambda: replay_session(youtube)})


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(body=bodies)
def test_any_json_body_gives_cards_or_a_clear_error(tmp_path, body):
    client = _app(tmp_path).test_client()
    response = client.post("/api/v1/videos/abcdefghijk/summary", data=json.dumps(body),
                           content_type="application/json")
    assert response.status_code in {200, 400, 404}
    data = response.get_json()
    if response.status_code == 200:
        assert data["video_id"] == "abcdefghijk" and "error" not in data and data["about"]["headline"].strip()
    else:
        assert _is_error(data, {400: "invalid_request", 404: "no_transcript"}[response.status_code]), data
    client.delete("/api/v1/videos/abcdefghijk/summary")


def _json_object(raw: bytes) -> dict | None:
    """The JSON object `raw` holds, read as Flask reads a body (UTF-8, -16 or -32), or None."""
    try:
        value = json.loads(raw)
    except (ValueError, RecursionError):
        return None
    return value if isinstance(value, dict) else None


def _is_error(data, code: str) -> bool:
    """The one error shape with `code` and a sentence for the user."""
    return (set(data) == {"error"} and set(data["error"]) == {"code", "message"} and data["error"]["code"] == code
            and isinstance(data["error"]["message"], str) and data["error"]["message"].strip() != "")


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(raw=st.binary(max_size=200))
@example(raw=b"")
@example(raw=b"  \n")
@example(raw=b"\x00")
@example(raw=b"{")
@example(raw=b"null")
@example(raw=b"[]")
@example(raw=b"12")
@example(raw=b'"text"')
@example(raw=b"NaN")
@example(raw=b"\xef\xbb\xbf{}")  # a JSON object after a UTF-8 byte order mark
@example(raw=b"{}")
def test_any_bytes_give_a_clear_error(tmp_path, raw):
    """Bytes that are not a JSON object are a 400 `invalid_request`; an object is a request like any other."""
    client = _app(tmp_path).test_client()
    response = client.post("/api/v1/videos/abcdefghijk/summary", data=raw, content_type="application/json")
    data = response.get_json()
    if _json_object(raw) is None:
        assert response.status_code == 400 and _is_error(data, "invalid_request"), (raw, response.status_code, data)
    else:  # read like any JSON body: without a transcript it asks YouTube, which has none for this video
        expected = {400: "invalid_request", 404: "no_transcript"}
        assert _is_error(data, expected.get(response.status_code, "")), (raw, response.status_code, data)
    if raw.strip(b" \n") == b"{}":
        assert response.status_code == 404


def test_a_body_that_is_not_utf8_is_invalid_request(tmp_path):
    response = _app(tmp_path).test_client().post("/api/v1/videos/abcdefghijk/summary", data=b"\xff\xfe{",
                                                 content_type="application/json")
    assert response.status_code == 400 and response.get_json()["error"]["code"] == "invalid_request"
