"""End-to-end fixtures: real Chromium with the unpacked extension, a routed fake YouTube,
and the real Glance service running in this process. Recipe: docs/browser-testing.md.

Browser tests skip when /usr/bin/chromium (or Playwright) is missing, unless the CI
environment variable is set: then they fail, so CI never goes green by skipping.

Reusable fixtures (session-scoped unless marked "per test"):

- ``glance_server`` -> GlanceServer: the real Flask app (``server.create_app``) on a free
  port, with a temporary SQLite file, admin token ``test-admin-token`` and no rate limit.
  ``.url``; ``.app``; ``.seed(video_id, transcript, cards=None)`` POSTs the transcript
  (stored, offline cards generated) and, when given, PUTs ``cards`` as curated cards;
  ``.serve_on(port)`` starts a second listener for the same app (a server "coming up").
  The example videos below are seeded once per session.
- ``load_data(name)`` -> the parsed JSON of ``tests/data/<name>`` (e.g. ``cards.json``).
- ``extension`` -> Extension: ``.context`` (the persistent Chromium context), ``.id`` (the
  unpacked extension's id), ``.set_settings(serverUrl=..., autoOpen=..., language=...)``
  writes chrome.storage.local like the options page does, ``.reset_settings()`` (the
  test defaults: this server, autoOpen on), ``.worker()`` (the live service worker),
  ``.toggle(page)`` presses the toolbar button for that tab, ``.url(path)`` for
  extension pages. It is a copy of extension/ whose panel shadow root is open (Playwright
  locators see only into open roots). ``real_extension`` (per module) is extension/ as
  shipped, closed root and all, in a Chromium of its own (test_hostile_page.py). Clipboard read/write is granted for https://www.youtube.com.
- ``fake_youtube`` (per test) -> FakeYouTube: answers every https://www.youtube.com/**
  request. ``.watch_url(video_id)``; ``.videos[video_id] = {"title", "channel"}`` fills
  the default page (``pages/watch.html``); ``.pages[video_id] = html`` serves your own
  HTML for one video; ``.dark = True`` serves the pages with ``html[dark]``. The silent
  WAV (``SILENT_WAV``, 10 minutes, served with ``Accept-Ranges: bytes`` so the video is
  seekable) is at ``/fixture-media/silence.wav``. Reset after each test.
- ``page`` (per test) -> a new tab in the extension's context, closed after the test;
  settings are reset to the test defaults before it opens.
- ``routes`` (per test) -> ``routes.add(matcher, handler)`` adds a ``context.route``
  (e.g. on the server's URL to delay or fake one reply), removed after the test.
  ``routes.held`` collects routes that ``routes.hold(matcher)`` keeps unanswered.
- ``open_video(page, video_id, state="ready")`` (per test) -> goes to the watch page and
  waits for ``#glance-panel[data-state=<state>]`` (state=None: no wait); returns the panel
  locator (Playwright locators pierce the test copy's open shadow root).

Helpers to import: ``require_browser()``, ``free_port()``, ``api_matcher(server_url,
video_id, "summary"|"transcript", stored=True|False|None)`` (a URL predicate for
``routes``), ``error_body(code, message)`` (the API's error JSON), ``SILENT_WAV``, and the
seeded ids ``MAIN_VIDEO`` (tests/data/cards.json over cards-transcript.json),
``SECOND_VIDEO`` and ``HOSTILE_VIDEO`` (cards-hostile*.json).

The fake watch page (pages/watch.html) also offers, in the page's own world,
``fakeNavigate(url, {title, channel})`` (an in-page navigation ending in
``yt-navigate-finish``) and ``setTheater(on)``; it drops ``is-two-columns_`` below 1016 px.
"""

from __future__ import annotations

import html
import io
import json
import os
import re
import shutil
import socket
import threading
import wave
from pathlib import Path

import pytest

from e2e_support import (  # noqa: F401  (re-exported for fixtures below)
    ROOT, EXTENSION_DIR, DATA_DIR, PAGES_DIR, CHROMIUM, ADMIN_TOKEN, YOUTUBE, MAIN_VIDEO, SECOND_VIDEO, HOSTILE_VIDEO,
    free_port, api_matcher, error_body,
)

def require_browser():
    """Skip (or fail under CI) when Chromium or Playwright is not installed."""
    problem = None
    if not Path(CHROMIUM).exists():
        problem = f"{CHROMIUM} is not installed"
    else:
        try:
            import playwright.sync_api  # noqa: F401
        except ImportError:
            problem = "playwright is not installed"
    if problem:
        if os.environ.get("CI"):
            pytest.fail(f"{problem}, and CI is set: browser tests must run in CI")
        pytest.skip(problem)


def _silent_wav(seconds: int = 600, rate: int = 4000) -> bytes:
    buf = io.BytesIO()
    with wave.open(buf, "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(1)
        w.setframerate(rate)
        w.writeframes(b"\x80" * rate * seconds)
    return buf.getvalue()


SILENT_WAV = _silent_wav()


@pytest.fixture(scope="session")
def load_data():
    def load(name: str):
        return json.loads((DATA_DIR / name).read_text(encoding="utf-8"))

    return load


# ---- The Glance service ------------------------------------------------------------------


class GlanceServer:
    def __init__(self, app):
        from werkzeug.serving import make_server

        self.app = app
        self._servers = []
        srv = make_server("127.0.0.1", 0, app, threaded=True)
        self._start(srv)
        self.url = f"http://127.0.0.1:{srv.server_port}"

    def _start(self, srv):
        threading.Thread(target=srv.serve_forever, daemon=True).start()
        self._servers.append(srv)
        return srv

    def serve_on(self, port: int):
        """Listen on one more port (same app and database); returns the werkzeug server."""
        from werkzeug.serving import make_server

        return self._start(make_server("127.0.0.1", port, self.app, threaded=True))

    def seed(self, video_id: str, transcript: dict, cards: dict | None = None) -> dict:
        """Store a transcript (and its generated cards), then curated `cards` if given."""
        client = self.app.test_client()
        reply = client.post(f"/api/v1/videos/{video_id}/summary", json={"transcript": transcript})
        assert reply.status_code == 200, reply.get_json()
        if cards is not None:
            body = {**cards, "video_id": video_id}
            reply = client.put(f"/api/v1/videos/{video_id}/summary", json=body,
                               headers={"Authorization": f"Bearer {ADMIN_TOKEN}"})
            assert reply.status_code == 200, reply.get_json()
        return reply.get_json()

    def close(self):
        for srv in self._servers:
            srv.shutdown()


@pytest.fixture(scope="session")
def glance_server(tmp_path_factory, load_data):
    from server import create_app

    db = tmp_path_factory.mktemp("glance") / "glance.db"
    app = create_app({"DATABASE": str(db), "ADMIN_TOKEN": ADMIN_TOKEN, "RATE_LIMIT": 0})
    server = GlanceServer(app)
    cards = load_data("cards.json")
    server.seed(MAIN_VIDEO, load_data("cards-transcript.json"), cards)
    server.seed(SECOND_VIDEO, load_data("cards-transcript.json"), second_video_cards(cards))
    server.seed(HOSTILE_VIDEO, load_data("cards-hostile-transcript.json"), load_data("cards-hostile.json"))
    yield server
    server.close()


def second_video_cards(cards: dict) -> dict:
    """A second, different-looking video made from the example cards."""
    return {
        **cards,
        "video": {**cards["video"], "title": "Saving Seeds for Next Year", "published": "2026-06-21"},
        "about": {"headline": "Seeds from this year's best plants are next year's garden.", "points": cards["about"]["points"][:2]},
        "ideas": cards["ideas"][:2],
        "quotes": cards["quotes"][:1],
    }


# ---- Chromium with the extension ---------------------------------------------------------


class Extension:
    def __init__(self, context, extension_id: str, server_url: str):
        self.context = context
        self.id = extension_id
        self.server_url = server_url
        self._page = context.new_page()  # an extension page for chrome.* calls
        self._page.goto(self.url("options/options.html?helper"))  # the query keeps it apart from openOptionsPage()

    def url(self, path: str) -> str:
        return f"chrome-extension://{self.id}/{path}"

    def set_settings(self, **settings):
        self._page.evaluate("(s) => chrome.storage.local.set(s)", settings)

    def reset_settings(self):
        self._page.evaluate("() => chrome.storage.local.clear()")
        self.set_settings(serverUrl=self.server_url, autoOpen=True)

    def worker(self):
        """The running service worker (waking it with a message if Chrome stopped it)."""
        for worker in self.context.service_workers:
            if worker.url.startswith(f"chrome-extension://{self.id}/"):
                return worker
        with self.context.expect_event("serviceworker") as event:
            self._page.evaluate("() => chrome.runtime.sendMessage({type: 'settings'})")
        return event.value

    def toggle(self, page):
        """What a click on the toolbar button does, for the tab showing `page`.

        The extension has no "tabs" permission, so the tab is found as the active one.
        """
        page.bring_to_front()
        self.worker().evaluate(
            """async () => {
                const [tab] = await chrome.tabs.query({active: true, lastFocusedWindow: true});
                await self.togglePanel(tab);
            }"""
        )


def extension_with_open_shadow_root(target: Path) -> Path:
    """A copy of the extension whose panel uses an open shadow root: one constant changed.

    The real panel's root is closed so page scripts cannot read it; Playwright's locators
    only see into open roots. tests/e2e/test_hostile_page.py loads the real, closed one.
    """
    shutil.copytree(EXTENSION_DIR, target)
    panel = target / "content" / "panel" / "panel.js"
    source = panel.read_text(encoding="utf-8")
    assert source.count('const SHADOW_MODE = "closed";') == 1
    panel.write_text(source.replace('const SHADOW_MODE = "closed";', 'const SHADOW_MODE = "open";'), encoding="utf-8")
    return target


def launch_with_extension(pw, profile: Path, extension_dir: Path):
    """Chromium (headless, new mode) with one unpacked extension loaded."""
    return pw.chromium.launch_persistent_context(
        str(profile),
        executable_path=CHROMIUM,
        headless=True,
        ignore_default_args=["--disable-extensions"],
        args=[f"--disable-extensions-except={extension_dir}", f"--load-extension={extension_dir}"],
        viewport={"width": 1280, "height": 800},
    )


@pytest.fixture(scope="session")
def extension(tmp_path_factory, glance_server):
    require_browser()
    from playwright.sync_api import sync_playwright

    testable = extension_with_open_shadow_root(tmp_path_factory.mktemp("ext") / "extension")
    with sync_playwright() as pw:
        context = launch_with_extension(pw, tmp_path_factory.mktemp("profile"), testable)
        worker = context.service_workers[0] if context.service_workers else context.wait_for_event("serviceworker", timeout=10_000)
        context.grant_permissions(["clipboard-read", "clipboard-write"], origin=YOUTUBE)
        context.set_default_timeout(10_000)
        context.youtube = FakeYouTube()
        context.route(f"{YOUTUBE}/**", context.youtube.handle)
        ext = Extension(context, worker.url.split("/")[2], glance_server.url)
        ext.playwright = pw  # one Playwright per process: real_extension launches from it too
        yield ext
        context.close()


@pytest.fixture(scope="module")
def real_extension(extension, tmp_path_factory, glance_server):
    """The extension exactly as shipped (closed shadow root), in a Chromium of its own, with its
    own FakeYouTube at ``.context.youtube``; same API as ``extension``."""
    context = launch_with_extension(extension.playwright, tmp_path_factory.mktemp("real-profile"), EXTENSION_DIR)
    worker = context.service_workers[0] if context.service_workers else context.wait_for_event("serviceworker", timeout=10_000)
    context.set_default_timeout(10_000)
    context.youtube = FakeYouTube()
    context.route(f"{YOUTUBE}/**", context.youtube.handle)
    ext = Extension(context, worker.url.split("/")[2], glance_server.url)
    yield ext
    context.close()


# ---- Fake YouTube ------------------------------------------------------------------------


class FakeYouTube:
    """Answers https://www.youtube.com/** from the fixture page; see the module docstring."""

    TEMPLATE = (PAGES_DIR / "watch.html").read_text(encoding="utf-8")

    def __init__(self):
        self.reset()

    def reset(self):
        self.videos = {
            MAIN_VIDEO: {"title": "Gardening Through a Dry Summer", "channel": "Green Thumbs Weekly"},
            SECOND_VIDEO: {"title": "Saving Seeds for Next Year", "channel": "Green Thumbs Weekly"},
        }
        self.pages = {}
        self.dark = False

    @staticmethod
    def watch_url(video_id: str) -> str:
        return f"{YOUTUBE}/watch?v={video_id}"

    def render(self, video_id: str) -> str:
        info = self.videos.get(video_id, {})
        fill = {
            "VIDEO_ID": video_id,
            "TITLE": info.get("title", f"Video {video_id}"),
            "CHANNEL": info.get("channel", "Fixture channel"),
        }
        out = re.sub(r"\{\{(VIDEO_ID|TITLE|CHANNEL)\}\}", lambda m: html.escape(fill[m.group(1)]), self.TEMPLATE)
        return out.replace("{{DARK}}", "dark" if self.dark else "")

    def handle(self, route):
        url = route.request.url
        path = url[len(YOUTUBE):]
        if path.startswith("/fixture-media/"):
            route.fulfill(status=200, body=SILENT_WAV, headers={"Content-Type": "audio/wav", "Accept-Ranges": "bytes"})
        elif path.startswith("/watch"):
            match = re.search(r"[?&]v=([A-Za-z0-9_-]{11})", path)
            video_id = match.group(1) if match else ""
            body = self.pages.get(video_id) or self.render(video_id)
            route.fulfill(status=200, body=body, content_type="text/html; charset=utf-8")
        elif path in ("", "/") or path.startswith("/results"):
            route.fulfill(status=200, body="<!doctype html><title>YouTube</title><p>Home</p>", content_type="text/html")
        else:
            route.fulfill(status=404, body="")


@pytest.fixture
def fake_youtube(extension):
    yield extension.context.youtube
    extension.context.youtube.reset()


@pytest.fixture
def page(extension, fake_youtube):
    extension.reset_settings()
    tab = extension.context.new_page()
    yield tab
    tab.close()


class Routes:
    def __init__(self, context):
        self.context = context
        self.added = []
        self.held = []

    def add(self, matcher, handler):
        self.context.route(matcher, handler)
        self.added.append((matcher, handler))

    def hold(self, matcher):
        """Leave matching requests unanswered (in self.held) until the test answers them."""
        self.add(matcher, lambda route: self.held.append(route))

    def remove_all(self):
        for matcher, handler in self.added:
            self.context.unroute(matcher, handler)
        for route in self.held:
            try:
                route.abort()
            except Exception:  # already answered by the test, or its page closed
                pass


@pytest.fixture
def routes(extension):
    helper = Routes(extension.context)
    yield helper
    helper.remove_all()


@pytest.fixture
def open_video(fake_youtube):
    def go(page, video_id: str, state: str | None = "ready"):
        page.goto(fake_youtube.watch_url(video_id))
        panel = page.locator("#glance-panel")
        if state:
            page.wait_for_selector(f"#glance-panel[data-state={state}]")
        return panel

    return go
