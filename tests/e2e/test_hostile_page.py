"""A hostile script on youtube.com against the real extension (closed shadow root, as shipped),
in real Chromium with the real server. The script runs in the page's own world before the
player and tries each forgery an audit found: taking the page hook's port, posting forged
captions and replies with the old message tag, wrapping what the hook calls (postMessage,
MessagePort, Response.text, the XHR getters) to read or forge its messages, replacing
attachShadow to read the panel, dispatching fake navigation events, and calling the Glance
server itself. Each must fail: the stored transcript is the player's real one, the page sees
nothing of Glance's, and the server stores nothing the page sent.
"""

from __future__ import annotations

import json
import time

import pytest
import requests

from e2e_support import ROOT
from test_transcript_sources import TRACKS, SourcePages, player_response, sources_server  # noqa: F401

YOUTUBE = "https://www.youtube.com"
READY = "#glance-panel[data-state=ready]"
FORGED = "FORGED by the page"

FORGED_JSON3 = json.dumps({"events": [{"tStartMs": i * 4000, "dDurationMs": 3800, "segs": [{"utf8": f"{FORGED} {i}."}]}
                                      for i in range(12)]})

# Runs in the page's world as the first script of <head>, after Glance's document_start scripts.
HOSTILE = """<script>
(() => {
  const forged = %(forged)s;
  const seen = window.HOSTILE = { portEvents: 0, glanceMessages: [], portPosts: 0, attachShadow: 0, textCalls: 0 };
  // 1. take the hook's port, or ask for it again
  document.addEventListener("glance:page-hook-port", (e) => { seen.portEvents++; e.preventDefault(); }, true);
  window.addEventListener("glance:page-hook-port", () => seen.portEvents++, true);
  document.dispatchEvent(new Event("glance:page-hook-hello"));
  // 2. read whatever is posted on the window
  addEventListener("message", (e) => { if (!(e.data && e.data.hostile)) seen.glanceMessages.push(String(JSON.stringify(e.data)).slice(0, 200)); }, true);
  // 3. wrap what the hook calls, to read or forge what it sends
  const realPortPost = MessagePort.prototype.postMessage;
  MessagePort.prototype.postMessage = function () { seen.portPosts++; return realPortPost.apply(this, arguments); };
  const realText = Response.prototype.text;
  Response.prototype.text = function () { seen.textCalls++; return Promise.resolve(forged); };
  Object.defineProperty(XMLHttpRequest.prototype, "responseText", { get() { return forged; } });
  // 4. forged captures and replies with the old window.postMessage tag, all the time
  const capture = () => ({ url: location.origin + "/api/timedtext?v=" + new URLSearchParams(location.search).get("v") + "&lang=en&pot=x",
                           body: forged, at: Date.now() });
  const forge = () => {
    window.postMessage({ hostile: true, tag: "glance:page-hook:v1", from: "page", type: "timedtext", capture: capture() }, "*");
    for (let id = 0; id < 5; id++) window.postMessage({ hostile: true, tag: "glance:page-hook:v1", from: "page", type: "reply",
      id: "glance-" + id, ok: true, result: [capture()] }, "*");
  };
  forge();
  setInterval(forge, 50);
  // 5. open the panel's shadow root for the page
  const realAttach = Element.prototype.attachShadow;
  Element.prototype.attachShadow = function (init) { seen.attachShadow++; return realAttach.call(this, { ...init, mode: "open" }); };
})();
</script>"""


@pytest.fixture
def hostile_page(real_extension, sources_server):  # noqa: F811
    context = real_extension.context
    pages = SourcePages(context.youtube)
    context.route(f"{YOUTUBE}/fixture/sources/**", pages.script)
    context.route(f"{YOUTUBE}/api/timedtext**", pages.captions)
    real_extension.reset_settings()
    real_extension.set_settings(serverUrl=sources_server.url, autoOpen=True, language="")
    tab = context.new_page()
    tab.errors = []
    tab.on("pageerror", lambda error: tab.errors.append(error))
    yield pages, tab, sources_server
    tab.close()
    context.unroute(f"{YOUTUBE}/fixture/sources/**", pages.script)
    context.unroute(f"{YOUTUBE}/api/timedtext**", pages.captions)
    context.youtube.reset()


def hostile_watch(pages, video_id: str, title: str):
    response = player_response(video_id, title)
    pages.watch(video_id, {"video": {"id": video_id, "title": title, "channel": "Workshop Channel"},
                           "player": {"tracks": TRACKS, "captionsOn": None, "transport": "fetch", "playerResponse": response}})
    html = pages.fake_youtube.pages[video_id]
    pages.fake_youtube.pages[video_id] = html.replace("<head>", "<head>" + HOSTILE % {"forged": json.dumps(FORGED_JSON3)}, 1)
    assert pages.fake_youtube.pages[video_id] != html


def stored(server, video_id, what):
    query = "?fetch=0" if what == "summary" else ""
    return requests.get(f"{server.url}/api/v1/videos/{video_id}/{what}{query}", timeout=10)


def test_a_hostile_page_cannot_forge_the_transcript_or_see_glance(hostile_page):
    pages, page, server = hostile_page
    vid = "HostileVid1"
    hostile_watch(pages, vid, "A stool, watched on a hostile page")
    page.goto(f"{YOUTUBE}/watch?v={vid}")
    page.wait_for_selector(f"{READY}, #glance-panel[data-state=error]", timeout=40_000)
    assert page.locator(READY).count() == 1

    # the stored transcript is the player's real one, read through the hook's own bindings
    segments = stored(server, vid, "transcript").json()["segments"]
    texts = " ".join(s["text"] for s in segments)
    assert FORGED not in texts and texts.startswith("Welcome back to the workshop.")
    cards = stored(server, vid, "summary").json()
    assert cards["meta"]["transcript_source"] == "player" and FORGED not in json.dumps(cards)
    # the page's own player got the forged text (its Response.text is the page's), Glance did not
    assert page.evaluate("HOSTILE.textCalls") >= 1

    seen = page.evaluate("HOSTILE")
    assert seen["portEvents"] == 0  # the port was handed over before any page script ran
    assert seen["glanceMessages"] == []  # Glance posts nothing on the window
    assert seen["portPosts"] == 0  # the hook's replies never go through the page's MessagePort
    assert seen["attachShadow"] == 0  # the content script's attachShadow is not the page's
    # the panel's closed root: the page cannot read the cards shown
    shown = [*cards["about"]["points"], *(idea["detail"] for idea in cards["ideas"])]
    assert shown and page.locator(READY).get_attribute("data-video-id") == vid
    assert page.evaluate("document.querySelector('#glance-panel').shadowRoot") is None
    page_text = page.evaluate("document.documentElement.innerText + document.documentElement.textContent")
    assert not [text for text in shown if text in page_text]
    selected = page.evaluate("() => { getSelection().selectAllChildren(document.body); const t = String(getSelection());"
                             " getSelection().removeAllRanges(); return t; }")
    assert not [text for text in shown if text in selected]
    assert page.errors == []
    artifacts = ROOT / "tests" / "e2e" / "artifacts"
    artifacts.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(artifacts / "hostile-page.png"))  # for people to look at: the panel works


def test_fake_navigation_events_do_not_restart_glance(hostile_page):
    pages, page, server = hostile_page
    vid = "HostileVid2"
    hostile_watch(pages, vid, "Navigation forgeries")
    page.goto(f"{YOUTUBE}/watch?v={vid}")
    page.wait_for_selector(READY, timeout=40_000)
    # A ready panel goes on to ask for the transcript, the summary's status and the cards'
    # Markdown (kept for Copy all): counted once all have arrived, so a slow machine's late
    # requests are not taken for a restart.
    follow_ups = {f"/api/v1/videos/{vid}/{what}" for what in ("transcript", "summary/status", "markdown")}
    deadline = time.monotonic() + 30
    while not follow_ups <= {c[1] for c in server.calls} and time.monotonic() < deadline:
        page.wait_for_timeout(100)
    assert follow_ups <= {c[1] for c in server.calls}
    calls = len([c for c in server.calls if vid in c[1]])
    # The extension's listeners run during dispatchEvent, so a restart would show at once:
    # the panel the page marked would be gone, or a new request would have been made.
    replaced = page.evaluate("""() => {
        const host = document.querySelector('#glance-panel');
        host.dataset.marked = 'yes';
        document.dispatchEvent(new CustomEvent('yt-navigate-finish', {bubbles: true}));
        window.dispatchEvent(new CustomEvent('yt-navigate-finish'));
        window.dispatchEvent(new PopStateEvent('popstate', {state: {}}));
        if (window.navigation) navigation.dispatchEvent(new Event('navigatesuccess'));
        const now = document.querySelector('#glance-panel');
        return !now || now !== host || now.dataset.marked !== 'yes';
    }""")
    assert replaced is False
    # a real change of address does move Glance: the events above were heard, and ignored
    other = "HostileVid3"
    hostile_watch(pages, other, "After a real navigation")
    page.evaluate(f"""() => {{
        history.pushState({{}}, '', '/watch?v={other}');
        document.dispatchEvent(new CustomEvent('yt-navigate-finish', {{bubbles: true}}));
    }}""")
    page.wait_for_selector(f"#glance-panel[data-video-id={other}]", timeout=40_000)
    assert len([c for c in server.calls if vid in c[1]]) == calls


def test_the_page_cannot_write_to_the_glance_server_itself(hostile_page):
    """A page's own requests: a text/plain POST (no preflight), a beacon, a JSON fetch (preflight)."""
    pages, page, server = hostile_page
    vid = "HostileVid4"
    hostile_watch(pages, vid, "Direct calls")
    page.goto(f"{YOUTUBE}/watch?v={vid}")
    page.wait_for_selector(READY, timeout=40_000)
    target = "PlantedVid1"
    body = json.dumps({"transcript": {"segments": [{"start": 0, "text": FORGED}]}})
    outcomes = page.evaluate("""async ([base, target, body]) => {
        const url = `${base}/api/v1/videos/${target}/summary`;
        const out = {};
        const attempt = async (name, run) => { try { out[name] = await run(); } catch (e) { out[name] = 'refused: ' + e.name; } };
        await attempt('plain', () => fetch(url, {method: 'POST', mode: 'no-cors', body, headers: {'Content-Type': 'text/plain'}}).then(r => r.type));
        await attempt('beacon', () => navigator.sendBeacon(url, body));
        await attempt('json', () => fetch(url, {method: 'POST', body, headers: {'Content-Type': 'application/json'}}).then(r => r.status));
        await attempt('read', () => fetch(`${base}/api/v1/videos/${target}/summary?fetch=0`).then(r => r.status));
        return out;
    }""", [server.url, target, body])
    assert not isinstance(outcomes["json"], int), outcomes  # no answer reaches the page
    assert not isinstance(outcomes["read"], int), outcomes
    assert stored(server, target, "summary").status_code == 404  # nothing was planted (test_guard.py: why)
