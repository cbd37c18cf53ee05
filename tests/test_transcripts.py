"""Server-side fetching through the real youtube-transcript-api, replayed from recorded responses."""

from __future__ import annotations

import json
import threading
import time
import xml.etree.ElementTree as ElementTree
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
import requests

from server import errors, transcripts
from youtube_replay import FIXTURE_VIDEO, YouTubeReplay, replay_session, routes


def fetch(languages=("en",), **route_overrides):
    adapter = YouTubeReplay(routes(**route_overrides))
    return transcripts.fetch(FIXTURE_VIDEO, list(languages), http_client=replay_session(adapter)), adapter


def test_success_path_gives_the_recorded_lines():
    transcript, adapter = fetch()
    assert [(s.start, s.duration, s.text) for s in transcript.segments] == [
        (0.0, 1.54, "Hey, this is just a test"),
        (1.54, 4.16, "this is not the original transcript"),
        (5.7, 3.239, "just something shorter, I made up for testing"),
    ]
    assert (transcript.language, transcript.kind, transcript.source) == ("en", "manual", "server")
    assert [(c.method, c.path_url.split("?")[0]) for c in adapter.calls] == [
        ("GET", "/watch"), ("POST", "/youtubei/v1/player"), ("GET", "/api/timedtext")]
    assert json.loads(adapter.calls[1].body)["videoId"] == FIXTURE_VIDEO


def timedtext_lang(adapter):
    return requests.utils.urlparse(adapter.calls[-1].url).query.split("lang=")[1].split("&")[0]


def test_requested_language_wins_then_manual_before_generated():
    transcript, adapter = fetch(["de", "en"])
    assert transcript.language == "de" and transcript.kind == "manual"
    assert timedtext_lang(adapter) == "de"


def test_unknown_language_falls_back_to_a_manual_track():
    transcript, adapter = fetch(["xx"])
    assert transcript.kind == "manual"


def test_regional_code_matches_the_base_language():
    transcript, _ = fetch(["en-GB"])
    assert transcript.language == "en"


def test_english_only_video_falls_back_from_german():
    transcript, adapter = fetch(["de", "en"], player="youtube_ww1_nl_en.innertube.json.static")
    assert transcript.language == "en" and transcript.kind == "manual"


def test_consent_page_is_passed():
    transcript, adapter = fetch(watch=[(200, "youtube_consent_page.html.static"), (200, "youtube.html.static")])
    assert len(transcript.segments) == 3
    assert len(adapter.calls) == 4


@pytest.mark.parametrize("overrides, expected", [
    ({"player": "youtube_transcripts_disabled.innertube.json.static"}, errors.NoTranscript),
    ({"player": "youtube_video_unavailable.innertube.json.static"}, errors.VideoUnavailable),
    ({"player": "youtube_age_restricted.innertube.json.static"}, errors.VideoRestricted),
    ({"player": "youtube_unplayable.innertube.json.static"}, errors.VideoRestricted),
    ({"player": "youtube_request_blocked.innertube.json.static"}, errors.YouTubeBlocked),
    ({"player": "youtube_po_token_required.innertube.json.static"}, errors.YouTubeBlocked),
    ({"watch": "youtube_too_many_requests.html.static"}, errors.YouTubeBlocked),
    ({"watch": (429, b"")}, errors.YouTubeBlocked),
    ({"timedtext": (429, b"")}, errors.YouTubeBlocked),
    ({"player": (500, b"server error")}, errors.YouTubeError),
    ({"watch": (503, b"")}, errors.YouTubeError),
    ({"timedtext": (200, b"")}, errors.YouTubeBlocked),  # empty body: a proof-of-origin token is needed
    ({"player": (200, b"<html>not json</html>")}, errors.YouTubeError),
    ({"watch": (200, b"<html>no api key here</html>")}, errors.YouTubeError),
    ({"player": requests.exceptions.ReadTimeout("read timed out")}, errors.YouTubeError),
    ({"watch": requests.exceptions.ConnectionError("refused")}, errors.YouTubeError),
    ({"player": requests.exceptions.RetryError("too many 429")}, errors.YouTubeBlocked),
])
def test_every_failure_maps_to_our_error(overrides, expected):
    with pytest.raises(expected) as caught:
        fetch(**overrides)
    message = caught.value.message
    assert "webshare" not in message.lower() and "http" not in message.lower() and "\n" not in message


def test_empty_caption_body_is_the_libraries_parse_error():
    """Pins the unwrapped exception the mapping relies on (transcripts.md §3)."""
    from youtube_transcript_api import YouTubeTranscriptApi

    session = replay_session(YouTubeReplay(routes(timedtext=(200, b""))))
    with pytest.raises(ElementTree.ParseError):
        YouTubeTranscriptApi(http_client=session).fetch(FIXTURE_VIDEO)


class _Slow(BaseHTTPRequestHandler):
    def do_GET(self):
        time.sleep(2)
        self.send_response(200)
        self.end_headers()

    def log_message(self, *args):
        pass


def test_timeout_adapter_cuts_a_slow_server():
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Slow)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        session = requests.Session()
        session.mount("http://127.0.0.1", transcripts.TimeoutAdapter(0.3))
        started = time.monotonic()
        with pytest.raises(requests.exceptions.Timeout):
            session.get(f"http://127.0.0.1:{server.server_address[1]}/")
        assert time.monotonic() - started < 1.5
        assert isinstance(transcripts.translate_error(requests.exceptions.ReadTimeout(), "x"), errors.YouTubeError)
    finally:
        server.shutdown()


def test_default_session_times_out_youtube_requests():
    session = transcripts.default_session(3.0)
    assert session.get_adapter("https://www.youtube.com/watch").timeout == 3.0


def test_proxy_setting_reaches_the_session():
    adapter = YouTubeReplay(routes())
    session = replay_session(adapter)
    transcripts.fetch(FIXTURE_VIDEO, ["en"], http_client=session, proxy="http://proxy.invalid:8080")
    assert session.proxies == {"http": "http://proxy.invalid:8080", "https": "http://proxy.invalid:8080"}


def test_api_fetches_stores_and_serves_the_transcript(client, youtube):
    response = client.get(f"/api/v1/videos/{FIXTURE_VIDEO}/transcript?lang=en")
    assert response.status_code == 200
    body = response.get_json()
    assert body["video_id"] == FIXTURE_VIDEO and body["kind"] == "manual" and body["source"] == "server"
    assert len(body["segments"]) == 3
    calls = len(youtube.calls)
    assert client.get(f"/api/v1/videos/{FIXTURE_VIDEO}/transcript?lang=en").get_json() == body
    assert len(youtube.calls) == calls  # served from the store
