"""Shared fixtures: an app on a temporary SQLite file, its client and CLI, replayed YouTube, a real HTTP server."""

from __future__ import annotations

import threading

import pytest
from werkzeug.serving import make_server

from server import create_app
from service_helpers import LineSummarizer
from youtube_replay import YouTubeReplay, replay_session, routes

ADMIN_TOKEN = "test-admin-token"


@pytest.fixture
def summarizer():
    return LineSummarizer()


@pytest.fixture
def youtube():
    """The recorded YouTube, success path; tests swap routes on `youtube.routes`."""
    return YouTubeReplay(routes())


@pytest.fixture
def app(tmp_path, summarizer, youtube):
    return create_app({
        "DATABASE": str(tmp_path / "glance.db"),
        "SUMMARIZER": summarizer,
        "ADMIN_TOKEN": ADMIN_TOKEN,
        "YOUTUBE_HTTP_CLIENT": lambda: replay_session(youtube),
        "RATE_LIMIT": 0,
    })


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def admin_headers():
    return {"Authorization": f"Bearer {ADMIN_TOKEN}"}


@pytest.fixture
def serve():
    """Start an app on a real HTTP server in this process; the fixture gives its base URL."""
    servers = []

    def start(app):
        server = make_server("127.0.0.1", 0, app, threaded=True)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return f"http://127.0.0.1:{server.server_port}"

    yield start
    for server in servers:
        server.shutdown()
