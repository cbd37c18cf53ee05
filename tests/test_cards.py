"""One generation per video at a time: simultaneous requests share one fetch and one summary (SQLite and PostgreSQL)."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import requests

from stores import BOTH_STORES
from server import create_app
from youtube_replay import FIXTURE_VIDEO, YouTubeReplay, replay_session, routes

from service_helpers import LineSummarizer


pytestmark = BOTH_STORES


def make_app(database, summarizer, youtube):
    return create_app({"DATABASE": database, "SUMMARIZER": summarizer, "RATE_LIMIT": 0,
                       "YOUTUBE_HTTP_CLIENT": lambda: replay_session(youtube)})


def test_many_requests_for_one_uncached_video_generate_once(database, serve):
    summarizer, youtube = LineSummarizer(delay=0.4), YouTubeReplay(routes())
    base = serve(make_app(database, summarizer, youtube))
    url = f"{base}/api/v1/videos/{FIXTURE_VIDEO}/summary?lang=en"
    with ThreadPoolExecutor(max_workers=12) as pool:
        responses = list(pool.map(lambda _: requests.get(url, timeout=30), range(12)))
    assert {r.status_code for r in responses} == {200}
    assert len({r.text for r in responses}) == 1
    assert summarizer.calls == 1
    assert len([c for c in youtube.calls if c.path_url.startswith("/api/timedtext")]) == 1


def test_two_server_processes_on_one_database_generate_once(database, serve):
    """Two apps stand for two gunicorn workers: they share only the SQLite file."""
    youtube = YouTubeReplay(routes())
    first, second = LineSummarizer(delay=0.4), LineSummarizer(delay=0.4)
    bases = [serve(make_app(database, first, youtube)), serve(make_app(database, second, youtube))]
    urls = [f"{base}/api/v1/videos/{FIXTURE_VIDEO}/summary?lang=en" for base in bases] * 4
    with ThreadPoolExecutor(max_workers=8) as pool:
        responses = list(pool.map(lambda url: requests.get(url, timeout=30), urls))
    assert {r.status_code for r in responses} == {200}
    assert len({r.text for r in responses}) == 1
    assert first.calls + second.calls == 1


def test_a_failure_reaches_every_waiting_request_and_nothing_is_stored(database, serve):
    youtube = YouTubeReplay(routes(player="youtube_request_blocked.innertube.json.static"))
    base = serve(make_app(database, LineSummarizer(), youtube))
    url = f"{base}/api/v1/videos/{FIXTURE_VIDEO}/summary"
    with ThreadPoolExecutor(max_workers=6) as pool:
        responses = list(pool.map(lambda _: requests.get(url, timeout=30), range(6)))
    assert {r.json()["error"]["code"] for r in responses} == {"youtube_blocked"}
    assert requests.get(url + "?fetch=0", timeout=5).status_code == 404
