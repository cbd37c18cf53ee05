"""Shared fixtures: an app on a temporary database, its client and CLI, replayed YouTube; and every
/api/v1 response any test gets is checked against server/openapi.yaml (tests/openapi_check.py).

The database is a SQLite file unless a module asks for both stores with
`pytestmark = BOTH_STORES` (tests/stores.py): then each of its tests runs on SQLite and on a real PostgreSQL
server the suite starts itself (skipped where PostgreSQL is not installed, never in CI).

Which file a test goes in: tests/README.md (tests/test_<module>.py mirrors server/<module>.py).
"""

from __future__ import annotations

import os
import threading

import pytest
from werkzeug.serving import make_server

import openapi_check

from server import create_app
from service_helpers import LineSummarizer
from youtube_replay import YouTubeReplay, replay_session, routes

from stores import ADMIN_TOKEN, close_app  # noqa: E402

openapi_check.install()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_setup(item):
    openapi_check.take()  # what an earlier test's server threads answered late is not this test's
    return (yield)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item):
    """A test fails when any /api/v1 response it (or its fixtures) got does not fit server/openapi.yaml."""
    result = yield
    found = openapi_check.take()
    if found:
        pytest.fail("responses that break server/openapi.yaml:\n" + "\n".join(found), pytrace=False)
    return result


@pytest.fixture(scope="session")
def postgres():
    """One PostgreSQL server for the whole run, started on first use and stopped at the end."""
    from postgres_server import PostgresServer, find_bindir

    bindir = find_bindir()
    if bindir is None:
        if os.environ.get("CI"):
            pytest.fail("PostgreSQL is not installed (bin/test installs Debian's postgresql package)")
        pytest.skip("PostgreSQL is not installed here: apt-get install postgresql (bin/test does it as root)")
    server = PostgresServer(bindir).start()
    yield server
    from server.postgres_store import close_all

    close_all()  # stores of apps a test left open, before their server goes (their pools would retry it)
    server.stop()


@pytest.fixture
def database(request, tmp_path):
    """Where the test's app keeps its data: a SQLite file, or a fresh PostgreSQL database's URL."""
    if getattr(request, "param", "sqlite") == "postgresql":
        return request.getfixturevalue("postgres").new_database()
    return str(tmp_path / "glance.db")


@pytest.fixture
def summarizer():
    return LineSummarizer()


@pytest.fixture
def youtube():
    """The recorded YouTube, success path; tests swap routes on `youtube.routes`."""
    return YouTubeReplay(routes())


@pytest.fixture
def app(database, summarizer, youtube):
    app = create_app({
        "DATABASE": database,
        "SUMMARIZER": summarizer,
        "ADMIN_TOKEN": ADMIN_TOKEN,
        "YOUTUBE_HTTP_CLIENT": lambda: replay_session(youtube),
        "RATE_LIMIT": 0,
    })
    yield app
    close_app(app)


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
