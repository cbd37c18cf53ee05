"""Getting cards (server/cards.py): one generation per video at a time, simultaneous requests sharing one fetch and
one summary (SQLite and PostgreSQL); and the contract every summarizer's cards are held to before they are stored."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import requests

from stores import BOTH_STORES
from server import create_app
from youtube_replay import FIXTURE_VIDEO, YouTubeReplay, replay_session, routes

from server.cards import finish_cards
from server.models import About, Cards, Chapter, Idea, Meta, Quote, Segment, Transcript, VideoInfo, video_header
from service_helpers import LineSummarizer


def make_app(database, summarizer, youtube):
    return create_app({"DATABASE": database, "SUMMARIZER": summarizer, "RATE_LIMIT": 0,
                       "YOUTUBE_HTTP_CLIENT": lambda: replay_session(youtube)})


@BOTH_STORES
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


@BOTH_STORES
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


@BOTH_STORES
def test_a_failure_reaches_every_waiting_request_and_nothing_is_stored(database, serve):
    youtube = YouTubeReplay(routes(player="youtube_request_blocked.innertube.json.static"))
    base = serve(make_app(database, LineSummarizer(), youtube))
    url = f"{base}/api/v1/videos/{FIXTURE_VIDEO}/summary"
    with ThreadPoolExecutor(max_workers=6) as pool:
        responses = list(pool.map(lambda _: requests.get(url, timeout=30), range(6)))
    assert {r.json()["error"]["code"] for r in responses} == {"youtube_blocked"}
    assert requests.get(url + "?fetch=0", timeout=5).status_code == 404


TALK = Transcript((Segment(0.0, 5.0, "Mulch keeps the soil moist."), Segment(5.0, 5.0, "Worms do the rest.")),
                  "en-gb", "generated", "player")


def _cards(**parts) -> Cards:
    video = VideoInfo("abcdefghijk", "Soil", duration=parts.pop("duration", None))
    base = dict(video_id="abcdefghijk", video=video_header(video, [], TALK.duration),
                about=About(headline="Soil.", points=()), ideas=[], quotes=[], topics=[], chapters=[],
                meta=Meta(summarizer="lines", version="test"))
    return Cards(**{**base, **parts})


def test_finished_cards_are_stamped_with_their_origin_and_transcript():
    meta = finish_cards(_cards(), TALK)["meta"]
    assert meta["origin"] == "generated" and meta["created_at"]
    assert (meta["language"], meta["transcript"], meta["transcript_source"]) == ("en-gb", "generated", "player")
    own = _cards(meta=Meta(summarizer="lines", version="test", language="en"))
    assert finish_cards(own, TALK)["meta"]["language"] == "en"  # a summarizer that knows the language keeps it


def test_only_verbatim_quotes_at_their_own_time_are_kept():
    quotes = [Quote("Worms do the rest.", None, 5.0), Quote("Worms do the rest.", None, 0.0),
              Quote("Worms do all the rest.", None, 5.0), Quote("mulch keeps the soil", "Ann", 0.0)]
    kept = finish_cards(_cards(quotes=quotes), TALK)["quotes"]
    assert [(q["text"], q["start"]) for q in kept] == [("Worms do the rest.", 5.0), ("mulch keeps the soil", 0.0)]


def test_times_outside_the_video_are_dropped_and_chapters_sorted():
    ideas = [Idea("In", "Inside.", 9.5), Idea("Late", "After the end.", 10.5), Idea("Early", "Before it.", -1.0),
             Idea("Odd", "Not a time.", float("nan"))]
    chapters = [Chapter(5.0, "Worms"), Chapter(0.0, "Mulch"), Chapter(60.0, "Never")]
    body = finish_cards(_cards(ideas=ideas, chapters=chapters), TALK)
    assert [i["title"] for i in body["ideas"]] == ["In"]
    assert [(c["start"], c["title"]) for c in body["chapters"]] == [(0.0, "Mulch"), (5.0, "Worms")]
    longer = finish_cards(_cards(ideas=ideas, chapters=chapters, duration=90.0), TALK)  # the page knows the length
    assert [i["title"] for i in longer["ideas"]] == ["In", "Late"] and len(longer["chapters"]) == 3
