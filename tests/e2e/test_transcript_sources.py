"""The extension reads the transcript from the page (content/page/), in real Chromium with the real
extension and the real server (in-process, temporary SQLite, YouTube replayed).

Fake watch pages (pages/sources/) where (a) a fake player fetches json3 captions when they
are turned on, (b) only the transcript panel exists, in either markup, (c) neither exists,
so the server fetches (replayed), (d) an ad plays first. Each must end with cards in the
panel, the right meta.transcript / meta.transcript_source, and the page's caption setting
as it was. Re-opening a video uses the stored cards.
"""

from __future__ import annotations

import json
import threading
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
import requests

YOUTUBE = "https://www.youtube.com"
PAGES = Path(__file__).resolve().parent / "pages" / "sources"
READY = "#glance-panel[data-state=ready]"


@pytest.fixture(scope="module")
def sources_server(tmp_path_factory):
    """The real Glance app on its own port, fetching from a replay of recorded YouTube
    responses (layer 3), with the real offline summarizer. Logs every API call it gets."""
    from werkzeug.serving import make_server

    from server import create_app
    from youtube_replay import replay_session

    app = create_app({
        "DATABASE": str(tmp_path_factory.mktemp("sources") / "glance.db"),
        "SUMMARIZER": "extractive",
        "RATE_LIMIT": 0,
        "YOUTUBE_HTTP_CLIENT": replay_session(),
    })
    calls = []

    @app.before_request
    def _log():
        from flask import request
        calls.append((request.method, request.path, request.query_string.decode()))

    server = make_server("127.0.0.1", 0, app, threaded=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    server.url = f"http://127.0.0.1:{server.server_port}"
    server.calls = calls
    yield server
    server.shutdown()


class SourcePages:
    """The fake watch pages of these tests, their scripts and the player's caption requests."""

    CAPTIONS = {  # (lang, kind) -> json3 file; the pot token is required, as on YouTube
        ("en", ""): "captions-en.json3",
        ("en", "asr"): "captions-en-asr.json3",
        ("de", ""): "captions-de.json3",
    }

    def __init__(self, fake_youtube):
        self.fake_youtube = fake_youtube
        self.timedtext: list[dict] = []

    def watch(self, video_id: str, fake: dict, player_response: dict | None = None):
        html = (PAGES / "watch.html").read_text(encoding="utf-8")
        html = html.replace("/*FAKE*/null", json.dumps(fake).replace("</", "<\\/"))
        html = html.replace("/*PLAYER_RESPONSE*/null", json.dumps(player_response).replace("</", "<\\/"))
        self.fake_youtube.pages[video_id] = html

    def script(self, route):
        name = urlsplit(route.request.url).path.rsplit("/", 1)[1]
        if (PAGES / name).is_file() and name.endswith(".js"):
            return route.fulfill(status=200, body=(PAGES / name).read_bytes(), content_type="text/javascript")
        return route.fulfill(status=404, body="")

    def captions(self, route):
        query = {k: v[0] for k, v in parse_qs(urlsplit(route.request.url).query).items()}
        self.timedtext.append(query)
        if not query.get("pot"):  # what YouTube does without the player's token
            return route.fulfill(status=200, body="", content_type="application/json")
        if query.get("v", "").startswith("AdVideo"):
            name = "captions-ad.json3"
        else:
            name = self.CAPTIONS.get((query.get("lang"), query.get("kind", "")))
        if not name:
            return route.fulfill(status=404, body="")
        return route.fulfill(status=200, body=(PAGES / name).read_bytes(), content_type="application/json")


@pytest.fixture
def sources(extension, sources_server, fake_youtube, routes):
    """Per test: the extension pointed at the replaying server, the fake pages routed."""
    pages = SourcePages(fake_youtube)
    routes.add(f"{YOUTUBE}/fixture/sources/**", pages.script)
    routes.add(f"{YOUTUBE}/api/timedtext**", pages.captions)
    pages.server = sources_server
    return pages


@pytest.fixture
def glance_browser(page, extension, sources):
    """A fresh tab; the extension talks to the replaying server, panel opening by itself."""
    extension.set_settings(serverUrl=sources.server.url, autoOpen=True, language="")
    page.set_language = lambda code: extension.set_settings(language=code)
    return page


def open_watch(page, video_id, timeout=40_000):
    if not hasattr(page, "errors"):
        page.errors = []  # uncaught exceptions in the page's own world: Glance must cause none
        page.on("pageerror", lambda error: page.errors.append(error))
    page.goto(f"{YOUTUBE}/watch?v={video_id}")
    page.wait_for_selector(f"{READY}, #glance-panel[data-state=error]", timeout=timeout)
    return page


def stored(server, video_id, what="summary"):
    query = "?fetch=0" if what == "summary" else ""
    response = requests.get(f"{server.url}/api/v1/videos/{video_id}/{what}{query}", timeout=10)
    assert response.status_code == 200, response.text
    return response.json()


def posts(server, video_id):
    """The transcripts sent: POSTs of the summary (the panel's POST for Copy all's Markdown is not one)."""
    return [c for c in server.calls if c[0] == "POST" and c[1] == f"/api/v1/videos/{video_id}/summary"]


TRACKS = [
    {"languageCode": "en", "languageName": "English", "vss_id": ".en", "kind": ""},
    {"languageCode": "en", "languageName": "English (auto-generated)", "vss_id": "a.en", "kind": "asr"},
    {"languageCode": "de", "languageName": "German", "vss_id": ".de", "kind": ""},
]


def player_response(video_id, title, description="", length=60):
    return {
        "videoDetails": {"videoId": video_id, "title": title, "author": "Workshop Channel",
                         "lengthSeconds": str(length), "shortDescription": description},
        "microformat": {"playerMicroformatRenderer": {"publishDate": "2026-03-14T09:00:00-07:00"}},
        "captions": {"playerCaptionsTracklistRenderer": {"captionTracks": [
            {"languageCode": t["languageCode"], "vssId": t["vss_id"], "kind": t["kind"] or None,
             "name": {"simpleText": t["languageName"]}} for t in TRACKS]}},
    }


# ---- (a) the player's own captions -----------------------------------------------------------

def test_player_captions_when_captions_are_off(glance_browser, sources):
    vid = "PlayerVid01"
    description = "Build a stool.\n\n0:00 Marking\n0:16 Cutting\n0:32 Gluing\n0:44 Finishing"
    response = player_response(vid, "A stool in a weekend", description)
    sources.watch(vid, {"video": {"id": vid, "title": "A stool in a weekend", "channel": "Workshop Channel",
                                  "description": description},
                        "player": {"tracks": TRACKS, "captionsOn": None, "transport": "fetch",
                                   "playerResponse": response}})
    page = open_watch(glance_browser, vid)
    assert page.locator(READY).count() == 1

    cards = stored(sources.server, vid)
    assert cards["meta"]["transcript"] == "manual"
    assert cards["meta"]["transcript_source"] == "player"
    assert cards["video"]["title"] == "A stool in a weekend"
    assert cards["video"]["channel"] == "Workshop Channel"
    assert [c["title"] for c in cards["chapters"]] == ["Marking", "Cutting", "Gluing", "Finishing"]
    transcript = stored(sources.server, vid, "transcript")
    texts = [s["text"] for s in transcript["segments"]]
    assert texts[0] == "Welcome back to the workshop. Today we build a small"
    assert "First we mark the legs & the seat with a pencil, then we check every line twice." in texts
    assert texts[-1] == "That's it: a sturdy stool in one weekend."

    # the player asked with its token, for the English manual track; the setting is back to off
    assert [(q["v"], q["lang"], q.get("kind")) for q in sources.timedtext] == [(vid, "en", None)]
    assert page.evaluate("fakeCaptionState()") == {"on": False, "moduleLoaded": False, "track": None}
    # the page's own player still got its captions, and nothing threw in the page
    assert page.locator(".caption-window").text_content() == "Welcome back to the workshop. Today we build a small "
    assert page.errors == []
    # the panel shows the transcript it was made from
    page.locator('[data-section="transcript"]').get_by_text("a sturdy stool in one weekend").first.wait_for(state="attached", timeout=10_000)


def test_player_captions_restore_the_users_track(glance_browser, sources):
    """XHR transport; the user watches with German captions, Glance wants English (auto-generated only)."""
    vid = "PlayerVid02"
    tracks = [TRACKS[1], TRACKS[2]]
    sources.watch(vid, {"video": {"id": vid, "title": "Stool (XHR)", "channel": "Workshop Channel"},
                        "player": {"tracks": tracks, "captionsOn": {"languageCode": "de", "kind": ""},
                                   "transport": "xhr", "playerResponse": None}})
    glance_browser.set_language("en")
    page = open_watch(glance_browser, vid)
    assert page.locator(READY).count() == 1
    cards = stored(sources.server, vid)
    assert cards["meta"]["transcript"] == "generated"
    assert cards["meta"]["transcript_source"] == "player"
    segments = stored(sources.server, vid, "transcript")["segments"]
    assert segments[0]["text"].startswith("so welcome back to the workshop")
    for a, b in zip(segments, segments[1:]):  # rolling auto-caption cues were cut, not overlapping
        assert a["start"] + a["duration"] <= b["start"] + 1e-6
    assert [(q["lang"], q.get("kind")) for q in sources.timedtext] == [("de", None), ("en", "asr"), ("de", None)]
    assert page.evaluate("fakeCaptionState()") == {"on": True, "moduleLoaded": True, "track": "de/"}
    assert page.errors == []


# ---- (b) the transcript panel -------------------------------------------------------------

PANEL_SEGMENTS = [
    "Getting started",
    ["0:00", "Good morning and welcome to the garden."],
    ["0:07", "Today we plant tomatoes in deep pots."],
    ["0:15", "Water them well, but never let the pots stand in water."],
    "Care",
    ["0:24", "Tomatoes love sun: six hours a day at least."],
    ["0:41", "Tie the stems to a cane as they grow."],
    ["1:02", "Pick the fruit when it is deep red and a little soft."],
]
PANEL_STORED = [
    (0, "Good morning and welcome to the garden."), (7, "Today we plant tomatoes in deep pots."),
    (15, "Water them well, but never let the pots stand in water."),
    (24, "Tomatoes love sun: six hours a day at least."), (41, "Tie the stems to a cane as they grow."),
    (62, "Pick the fruit when it is deep red and a little soft."),
]


def panel_page(sources, vid, panel, description="", length=75):
    """A page with only the transcript panel; the video's length is in the inline data."""
    response = player_response(vid, "Tomatoes in pots", description, length)
    del response["captions"]  # no caption tracks: the panel is the only source
    sources.watch(vid, {"video": {"id": vid, "title": "Tomatoes in pots", "channel": "Garden Channel",
                                  "description": description},
                        "player": None, "panel": panel}, response)


@pytest.mark.parametrize("markup, label, kind", [
    ("old", "English (auto-generated)", "generated"),
    ("old", "English", "manual"),
    ("new", None, None),
    ("macro", None, None),
])
def test_transcript_panel(glance_browser, sources, markup, label, kind):
    """Rows stream in three batches 0.7 s apart; the whole transcript is read in every variant."""
    vid = f"Panel{markup.title()}{'A' if kind == 'generated' else 'M' if kind else 'N'}000"[:11]
    panel_page(sources, vid, {"markup": markup, "label": label, "segments": PANEL_SEGMENTS},
               "0:00 Hello\n0:15 Watering\n0:41 Support")
    page = open_watch(glance_browser, vid)
    assert page.locator(READY).count() == 1
    cards = stored(sources.server, vid)
    assert cards["meta"]["transcript_source"] == "panel"
    assert cards["meta"]["transcript"] == kind
    assert cards["meta"]["partial"] is False
    assert cards["video"]["title"] == "Tomatoes in pots"
    # the creator's chapters (from the description) win over the panel's headings
    assert [c["title"] for c in cards["chapters"]] == ["Hello", "Watering", "Support"]
    segments = stored(sources.server, vid, "transcript")["segments"]
    # every row, without the hidden "0 seconds"-style labels and without the headings
    assert [(s["start"], s["text"]) for s in segments] == PANEL_STORED
    assert segments[0]["duration"] == 7
    # opened, read, closed again; the page is scrolled back where the user had it
    assert page.evaluate("fakePanelLog") == ["open", "close"]
    assert page.evaluate("window.scrollY") == 0
    visibility = page.evaluate("document.querySelector('ytd-engagement-panel-section-list-renderer').getAttribute('visibility')")
    assert visibility == "ENGAGEMENT_PANEL_VISIBILITY_HIDDEN"


@pytest.mark.parametrize("markup", ["old", "new", "macro"])
def test_panel_headings_are_the_chapters_when_the_page_has_none(glance_browser, sources, markup):
    vid = f"Heads{markup.title()}000"[:11]
    panel_page(sources, vid, {"markup": markup, "segments": PANEL_SEGMENTS})
    open_watch(glance_browser, vid)
    cards = stored(sources.server, vid)
    assert [(c["start"], c["title"]) for c in cards["chapters"]] == [(0, "Getting started"), (24, "Care")]


LONG_SEGMENTS = [[f"{(i * 15) // 60}:{(i * 15) % 60:02d}", f"Sentence number {i} of the long talk."] for i in range(48)]


def test_a_long_panel_is_read_to_its_end(glance_browser, sources):
    """48 rows (12 minutes) for a 12-minute video: two batches 1.2 s apart, the last 8 rows only
    once the list is scrolled to its end. All of them are stored."""
    vid = "PanelLong01"
    panel_page(sources, vid, {"markup": "new", "segments": LONG_SEGMENTS, "onScroll": 8,
                              "batches": [[20, 200], [40, 1400]]}, length=720)
    page = open_watch(glance_browser, vid)
    cards = stored(sources.server, vid)
    assert cards["meta"]["partial"] is False
    segments = stored(sources.server, vid, "transcript")["segments"]
    assert len(segments) == 48 and segments[-1]["text"] == "Sentence number 47 of the long talk."
    assert page.evaluate("fakePanelLog") == ["open", "scrolled to the end", "close"]


def test_a_panel_that_stops_early_is_sent_as_partial_and_not_stored(glance_browser, sources):
    """The rows end at 1:02 of a 10-minute video however long Glance waits and scrolls: the cards
    are shown, flagged, and neither they nor the transcript are stored."""
    vid = "PanelPart01"
    panel_page(sources, vid, {"markup": "new", "segments": PANEL_SEGMENTS}, length=600)
    page = open_watch(glance_browser, vid)
    assert page.locator(READY).count() == 1
    response = requests.get(f"{sources.server.url}/api/v1/videos/{vid}/summary?fetch=0", timeout=10)
    assert response.status_code == 404
    post = [c for c in posts(sources.server, vid)]
    assert len(post) == 1
    note = page.locator("#glance-panel [data-note=partial]")
    assert "1:12 of 10:00" in note.text_content()
    # the transcript tab shows what was read, without asking the server to fetch one
    assert not [c for c in sources.server.calls if c[1].endswith(f"{vid}/transcript")]
    page.locator('[data-section="transcript"]').get_by_text("deep red and a little soft").first.wait_for(state="attached")


# ---- (c) neither: the server fetches (replayed YouTube) ------------------------------------

def test_server_fetch_when_the_page_has_no_transcript(glance_browser, sources):
    vid = "GJLlxj_dtq8"  # the video the recorded YouTube responses belong to
    sources.watch(vid, {"video": {"id": vid, "title": "Surface Go Review", "channel": "Dave2D"}, "player": None})
    page = open_watch(glance_browser, vid)
    assert page.locator(READY).count() == 1
    cards = stored(sources.server, vid)
    assert cards["meta"]["transcript_source"] == "server"
    assert cards["meta"]["transcript"] == "manual"
    assert [s["text"] for s in stored(sources.server, vid, "transcript")["segments"]] == [
        "Hey, this is just a test", "this is not the original transcript",
        "just something shorter, I made up for testing"]
    assert not posts(sources.server, vid)  # nothing was read from the page, so nothing was sent
    assert sources.timedtext == []


# ---- (d) an ad plays first ------------------------------------------------------------------

def test_ad_captions_are_ignored(glance_browser, sources):
    vid = "AdFirst0001"
    sources.watch(vid, {"video": {"id": vid, "title": "Stool after an ad", "channel": "Workshop Channel"},
                        "player": {"tracks": TRACKS, "captionsOn": {"languageCode": "en", "kind": ""},
                                   "transport": "fetch", "ad": {"videoId": "AdVideo0001", "ms": 2500, "captionsAfterMs": 1500},
                                   "playerResponse": player_response(vid, "Stool after an ad")}})
    page = open_watch(glance_browser, vid)
    assert page.locator(READY).count() == 1
    cards = stored(sources.server, vid)
    assert cards["meta"]["transcript_source"] == "player"
    assert cards["meta"]["transcript"] == "manual"
    text = " ".join(s["text"] for s in stored(sources.server, vid, "transcript")["segments"])
    assert "SuperSoap" not in text and text.startswith("Welcome back to the workshop.")
    assert [q["v"] for q in sources.timedtext] == ["AdVideo0001", vid]  # Glance added no request of its own
    assert page.evaluate("fakeCaptionState()") == {"on": True, "moduleLoaded": True, "track": "en/"}
    assert page.errors == []


# ---- idempotent sending ---------------------------------------------------------------------

def test_reopening_a_video_uses_the_stored_cards(glance_browser, sources):
    vid = "PlayerVid03"
    sources.watch(vid, {"video": {"id": vid, "title": "Stool again", "channel": "Workshop Channel"},
                        "player": {"tracks": TRACKS, "captionsOn": None, "transport": "fetch",
                                   "playerResponse": player_response(vid, "Stool again")}})
    open_watch(glance_browser, vid)
    first = stored(sources.server, vid)
    assert len(posts(sources.server, vid)) == 1 and len(sources.timedtext) == 1
    page = open_watch(glance_browser, vid)  # a full reload: the panel opens again for the same video
    page.reload()
    page.wait_for_selector(READY, timeout=30_000)
    assert len(posts(sources.server, vid)) == 1  # no second POST: the stored cards were shown
    assert len(sources.timedtext) == 1  # and captions were not turned on again
    assert stored(sources.server, vid)["meta"]["created_at"] == first["meta"]["created_at"]


def test_a_panel_the_person_has_open_is_read_and_left_as_it_was(glance_browser, sources, extension):
    """The person opened the transcript and scrolled it: Glance reads it without closing it,
    and the list is back where the person had scrolled it."""
    vid = "PanelOpen01"
    panel_page(sources, vid, {"markup": "old", "segments": LONG_SEGMENTS}, length=720)
    extension.set_settings(autoOpen=False)
    page = glance_browser
    page.goto(f"{YOUTUBE}/watch?v={vid}")
    page.locator("ytd-video-description-transcript-section-renderer button").click()
    page.wait_for_function("document.querySelectorAll('ytd-transcript-segment-renderer').length === 48")
    page.evaluate("document.getElementById('segments-container').scrollTop = 100")
    extension.toggle(page)
    page.wait_for_selector(READY, timeout=40_000)
    assert len(stored(sources.server, vid, "transcript")["segments"]) == 48
    assert page.evaluate("fakePanelLog") == ["open"]  # not closed: it was the person's
    assert page.evaluate("document.getElementById('segments-container').scrollTop") == 100
