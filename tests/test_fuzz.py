"""10,000 generated requests (tests/fuzz_requests.py) get a clear answer, never a 500: through
Flask's test client, and a smaller set (malformed chunked bodies included) through a real
gunicorn. Derandomized, so every run sends the same requests."""

from __future__ import annotations

import http.client
import json
import os
import socket
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings

from fuzz_requests import ADMIN_TOKEN, requests
from server import create_app
from service_helpers import LineSummarizer
from youtube_replay import YouTubeReplay, replay_session, routes

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = int(os.environ.get("GLANCE_FUZZ_EXAMPLES", 10_000))
FUZZ = dict(derandomize=True, database=None, deadline=None, print_blob=True,
            suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much])


def check_answer(status: int, method: str, raw: bytes, content_type: str) -> None:
    assert status < 500, raw[:500]
    if method in ("HEAD", "OPTIONS") or status < 400:
        return
    assert content_type.startswith("application/json"), (status, raw[:200])
    body = json.loads(raw)
    assert set(body) == {"error"} and set(body["error"]) == {"code", "message"}


def fuzz_app(tmp_path):
    youtube = YouTubeReplay(routes())
    return create_app({"DATABASE": str(tmp_path / "fuzz.db"), "SUMMARIZER": LineSummarizer(), "RATE_LIMIT": 0,
                       "ADMIN_TOKEN": ADMIN_TOKEN, "YOUTUBE_HTTP_CLIENT": lambda: replay_session(youtube)})


def test_ten_thousand_generated_requests_never_get_a_500(tmp_path):
    client = fuzz_app(tmp_path).test_client()
    statuses: Counter = Counter()

    @settings(max_examples=EXAMPLES, **FUZZ)
    @given(request=requests)
    def send(request):
        response = client.open(request.url, method=request.method, headers=request.headers, data=request.body)
        statuses[response.status_code] += 1
        check_answer(response.status_code, request.method, response.get_data(), response.content_type or "")

    send()
    assert sum(statuses.values()) >= EXAMPLES
    # the requests reach every part of the service, not only the first check
    assert {200, 400, 401, 403, 404} <= set(statuses), statuses


# -- a real gunicorn ---------------------------------------------------------------

GUNICORN_APP = """
import os, sys
sys.path[:0] = [{root!r}, {tests!r}]
from server import create_app
from service_helpers import LineSummarizer
from youtube_replay import YouTubeReplay, replay_session, routes
_youtube = YouTubeReplay(routes())
app = create_app({{"DATABASE": os.environ["FUZZ_DATABASE"], "SUMMARIZER": LineSummarizer(), "RATE_LIMIT": 0,
                   "ADMIN_TOKEN": {token!r}, "YOUTUBE_HTTP_CLIENT": lambda: replay_session(_youtube)}})
"""


@pytest.fixture(scope="module")
def gunicorn(tmp_path_factory):
    tmp_path = tmp_path_factory.mktemp("gunicorn")
    (tmp_path / "fuzz_wsgi.py").write_text(GUNICORN_APP.format(root=str(ROOT), tests=str(ROOT / "tests"), token=ADMIN_TOKEN))
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    env = {**os.environ, "FUZZ_DATABASE": str(tmp_path / "g.db"), "OPENBLAS_NUM_THREADS": "1"}
    process = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "--workers", "2", "--bind", f"127.0.0.1:{port}", "--chdir", str(tmp_path),
         "--timeout", "60", "--log-level", "warning", "fuzz_wsgi:app"],
        env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
    )
    try:
        for _ in range(300):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                if process.poll() is not None:
                    pytest.fail(process.stdout.read().decode())
                time.sleep(0.1)
        yield port
    finally:
        process.terminate()
        log = process.communicate(timeout=30)[0].decode()
        assert "Traceback" not in log, log[-3000:]


def send_raw(port: int, head: bytes, body: bytes = b"") -> tuple[int, bytes, str]:
    """Send bytes as they are and read one HTTP answer (status, body, content type)."""
    with socket.create_connection(("127.0.0.1", port), timeout=30) as conn:
        conn.sendall(head + body)
        conn.shutdown(socket.SHUT_WR)  # a truncated body ends here
        response = http.client.HTTPResponse(conn, method="HEAD" if head.startswith(b"HEAD ") else "GET")
        response.begin()
        return response.status, response.read(), response.getheader("Content-Type") or ""


def request_head(method: str, url: str, headers: dict, framing: str) -> bytes:
    lines = [f"{method} {url} HTTP/1.1"]
    if "Host" not in headers:
        lines.append("Host: localhost")
    lines += [f"{name}: {value}" for name, value in headers.items()]
    lines += [framing, "Connection: close", "", ""]
    return "\r\n".join(line for line in lines if line is not None).encode("utf-8", "surrogateescape")


# chunked bodies gunicorn must refuse in a clear answer (the request framing is the client's fault)
MALFORMED_CHUNKED = [
    b"zz\r\n{}\r\n0\r\n\r\n",  # not a hex size
    b"2\r\n{}0\r\n\r\n",  # chunk without its CRLF
    b"ffffffffffffffffffff\r\n{}",  # a size beyond any limit
    b"5\r\n{}",  # truncated mid-chunk
    b"2\r\n{}\r\n",  # no last chunk
    b"-2\r\n{}\r\n0\r\n\r\n",
    b"2;ext=\x00\r\n{}\r\n0\r\n\r\n",
    b"2\r\n{}\r\n0\r\nBad Trailer\r\n\r\n",
]


@pytest.mark.parametrize("body", MALFORMED_CHUNKED)
def test_malformed_chunked_bodies_under_gunicorn_are_not_a_500(gunicorn, body):
    head = request_head("POST", "/api/v1/videos/abcdefghijk/summary", {"Content-Type": "application/json"},
                        "Transfer-Encoding: chunked")
    status, raw, content_type = send_raw(gunicorn, head, body)
    assert 400 <= status < 500, (status, raw)
    check_answer(status, "POST", raw, content_type)


def test_a_well_formed_chunked_body_under_gunicorn_works(gunicorn):
    payload = json.dumps({"transcript": {"language": "en", "segments": [{"start": 0, "text": "Chunked hello."}]}}).encode()
    chunked = b"".join(b"%x\r\n%s\r\n" % (len(part), part) for part in (payload[:10], payload[10:])) + b"0\r\n\r\n"
    head = request_head("POST", "/api/v1/videos/abcdefghijk/summary", {"Content-Type": "application/json"},
                        "Transfer-Encoding: chunked")
    status, raw, _ = send_raw(gunicorn, head, chunked)
    assert status == 200 and json.loads(raw)["about"]["headline"] == "Chunked hello."


def test_generated_requests_through_gunicorn_never_get_a_500(gunicorn):
    statuses: Counter = Counter()

    @settings(max_examples=300, **FUZZ)
    @given(request=requests)
    def send(request):
        body = request.body or b""
        framing = f"Content-Length: {len(body)}" if request.method != "GET" or body else None
        headers = {name: value for name, value in request.headers.items() if "\r" not in value and "\n" not in value}
        status, raw, content_type = send_raw(gunicorn, request_head(request.method, request.url, headers, framing), body)
        statuses[status] += 1
        if status == 400 and not content_type.startswith("application/json"):
            return  # gunicorn itself refused a request line or header it cannot parse, before the app
        check_answer(status, request.method, raw, content_type)

    send()
    assert sum(statuses.values()) >= 300 and 200 in statuses
