"""Replaying recorded YouTube responses to the real youtube-transcript-api (transcripts.md, section 6)."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

import requests
from requests.adapters import BaseAdapter

FIXTURES = Path(__file__).parent / "data" / "youtube"
FIXTURE_VIDEO = "GJLlxj_dtq8"  # the video the recorded responses belong to


class NoNetwork(BaseAdapter):
    """Refuses every request it is asked to send, so a test never reaches the network."""

    def send(self, request, **kwargs):
        raise requests.exceptions.ConnectionError(f"tests may not reach {request.url}")

    def close(self):
        pass


class YouTubeReplay(BaseAdapter):
    """Answers YouTube's three endpoints from recorded files; each route holds a queue of replies.

    A reply is (status, file name or bytes), an exception instance to raise, or a function
    returning either. The last reply
    of a queue repeats; `calls` records every request in order.
    """

    def __init__(self, routes: dict):
        super().__init__()
        self.routes = {key: list(value) for key, value in routes.items()}
        self.calls: list[requests.PreparedRequest] = []

    def send(self, request, **kwargs):
        self.calls.append(request)
        queue = self.routes.get((request.method, urlsplit(request.url).path))
        if not queue:
            raise requests.exceptions.ConnectionError(f"no recorded reply for {request.method} {request.url}")
        reply = queue[0] if len(queue) == 1 else queue.pop(0)
        if callable(reply):  # e.g. a slow YouTube: waits, then gives the real reply
            reply = reply()
        if isinstance(reply, BaseException):
            raise reply
        status, body = reply
        response = requests.Response()
        response.status_code, response.url, response.request = status, request.url, request
        response.encoding, response.reason = "utf-8", "OK" if status < 400 else "Error"
        response._content = (FIXTURES / body).read_bytes() if isinstance(body, str) else body
        return response

    def close(self):
        pass


def routes(player="youtube.innertube.json.static", watch="youtube.html.static", timedtext="transcript.xml.static"):
    """The default route table: the success path unless a failure file or reply is given."""
    as_queue = lambda reply: reply if isinstance(reply, list) else [reply if isinstance(reply, (tuple, BaseException)) else (200, reply)]
    return {
        ("GET", "/watch"): as_queue(watch),
        ("POST", "/youtubei/v1/player"): as_queue(player),
        ("GET", "/api/timedtext"): as_queue(timedtext),
    }


def replay_session(adapter: YouTubeReplay | None = None, **route_overrides) -> requests.Session:
    """A requests.Session that answers from the recordings and reaches nothing else."""
    session = requests.Session()
    session.mount("http://", NoNetwork())
    session.mount("https://", NoNetwork())
    session.mount("https://www.youtube.com/", adapter or YouTubeReplay(routes(**route_overrides)))
    return session
