"""Shared fixtures: an app on a temporary SQLite file, its client and CLI, replayed YouTube."""

from __future__ import annotations

import pytest

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
