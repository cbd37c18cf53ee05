"""The panel's states other than a plain "ready": loading steps, the server being down
(and Retry once it is up), a timeout, errors by code with a sentence a person can act
on, empty cards, and hostile text shown as text.
"""

from __future__ import annotations

import json
import time

import pytest

from e2e_support import HOSTILE_VIDEO, MAIN_VIDEO, ROOT, api_matcher, error_body, free_port

UNSTORED = "unstoredVd1"
ARTIFACTS = ROOT / "tests" / "e2e" / "artifacts"


def test_server_down_shows_how_to_start_it_and_retry_works_once_it_is_up(page, open_video, extension, glance_server):
    port = free_port()
    extension.set_settings(serverUrl=f"http://127.0.0.1:{port}")
    panel = open_video(page, MAIN_VIDEO, state="error")
    assert panel.get_attribute("data-error") == "server_unreachable"
    alert = panel.get_by_role("alert")
    assert "The Glance server isn't running" in alert.inner_text()
    assert f"http://127.0.0.1:{port}" in alert.inner_text()
    assert alert.locator("code").inner_text() == "./bin/serve"
    with extension.context.expect_page() as options:
        alert.get_by_role("button", name="Open Glance settings").click()
    assert options.value.url == extension.url("options/options.html")
    options.value.close()
    retry = alert.get_by_role("button", name="Try again")
    server = glance_server.serve_on(port)  # the person starts the server
    try:
        retry.click()
        page.wait_for_selector('#glance-panel[data-state="ready"]')
        assert panel.locator("[data-quote]").count() == 5
    finally:
        server.shutdown()


def test_a_server_that_never_answers_ends_in_a_timeout_with_retry(page, open_video, routes, glance_server):
    routes.hold(api_matcher(glance_server.url, MAIN_VIDEO, stored=True))
    started = time.monotonic()
    panel = open_video(page, MAIN_VIDEO, state="loading")
    assert "saved summary" in panel.locator(".step").inner_text()
    page.wait_for_selector('#glance-panel[data-state="error"]', timeout=15_000)
    assert 4 < time.monotonic() - started < 12
    assert panel.get_attribute("data-error") == "timeout"
    assert panel.get_by_role("button", name="Try again").is_visible()


@pytest.mark.parametrize(
    "status, code, words",
    [
        (404, "no_transcript", "No transcript for this video"),
        (503, "youtube_blocked", "Show transcript"),
        (429, "rate_limited", "wait 30 seconds"),
        (503, "storage_unavailable", "Press Retry in 30 seconds"),
        (502, "summarizer_error", "summarizer failed"),
        (500, "brand_new_code", "A sentence for a person."),
    ],
)
def test_server_errors_become_sentences_a_person_can_act_on(page, open_video, routes, glance_server, status, code, words):
    # not stored (the real server says so), then the server's own fetch fails with `code`
    def fail(route):
        route.fulfill(status=status, body=error_body(code), content_type="application/json",
                      headers={"Retry-After": "30"})

    routes.add(api_matcher(glance_server.url, UNSTORED, stored=False), fail)
    panel = open_video(page, UNSTORED, state="error")
    assert panel.get_attribute("data-error") == code
    assert words in panel.get_by_role("alert").inner_text()
    assert panel.get_by_role("button", name="Try again").is_visible()


def test_server_fetch_path_shows_its_step_then_the_cards(page, open_video, routes, glance_server, load_data):
    cards = {**load_data("cards.json"), "video_id": UNSTORED}
    transcript = {"video_id": UNSTORED, **load_data("cards-transcript.json")}
    held = []
    page.add_init_script("""
        window.__steps = [];
        new MutationObserver((changes) => {
            for (const c of changes) if (c.target.id === "glance-panel") window.__steps.push(c.target.dataset.step);
        }).observe(document, {subtree: true, attributes: true, attributeFilter: ["data-step"]});
    """)
    routes.add(api_matcher(glance_server.url, UNSTORED, stored=False), lambda route: held.append(route))
    routes.add(api_matcher(glance_server.url, UNSTORED, "transcript"),
               lambda route: route.fulfill(status=200, body=json.dumps(transcript), content_type="application/json"))
    panel = open_video(page, UNSTORED, state="loading")
    deadline = time.monotonic() + 60
    while not held and time.monotonic() < deadline:
        page.wait_for_timeout(100)
    assert held, "the panel never asked the server to fetch"
    assert panel.get_attribute("data-step") == "Fetching the transcript and summarizing…"
    assert panel.get_attribute("data-state") == "loading"
    # the page reader (captions the player fetched, then the transcript panel) found no captions
    # on the fixture page, so the server fetches
    assert page.evaluate("window.__steps") == ["Reading transcript…", "Fetching the transcript and summarizing…"]
    held[0].fulfill(status=200, body=json.dumps(cards), content_type="application/json")
    page.wait_for_selector('#glance-panel[data-state="ready"]')
    panel.get_by_role("tab", name="Transcript").click()
    assert panel.locator(".tr-line").count() == len(transcript["segments"])


def test_cards_with_nothing_in_them_show_the_empty_state(page, open_video, routes, glance_server, load_data):
    empty = {**load_data("cards.json"), "about": {"headline": "", "points": []}, "ideas": [], "quotes": [], "topics": [], "chapters": []}
    routes.add(api_matcher(glance_server.url, MAIN_VIDEO, stored=True),
               lambda route: route.fulfill(status=200, body=json.dumps(empty), content_type="application/json"))
    panel = open_video(page, MAIN_VIDEO, state="empty")
    assert "Nothing to summarize yet" in panel.locator(".notice").inner_text()
    assert panel.locator('button[data-action="copy-markdown"]').is_hidden()
    panel.get_by_role("tab", name="Transcript").click()
    panel.locator(".tr-line").first.wait_for()


def test_hostile_text_is_shown_as_text(page, open_video, load_data):
    hostile = load_data("cards-hostile.json")
    panel = open_video(page, HOSTILE_VIDEO)
    panel.get_by_role("tab", name="Transcript").click()
    panel.locator(".tr-line").first.wait_for()
    page.wait_for_timeout(300)  # an injected <img onerror> would have fired by now
    assert page.evaluate("window.__glancePwned") is None
    counts = page.evaluate(
        """() => {
            const root = document.querySelector('#glance-panel').shadowRoot;
            return {bad: root.querySelectorAll('img, script, iframe, [onerror]').length,
                    text: root.textContent};
        }"""
    )
    assert counts["bad"] == 0
    assert panel.locator("h2.title").inner_text() == hostile["video"]["title"]
    assert hostile["about"]["headline"] in counts["text"]
    assert hostile["quotes"][0]["text"] in counts["text"]
    assert '<script>window.__glancePwned=2</script>' in counts["text"]
    assert panel.locator(".tr-line .tr-text").first.inner_text() == load_data("cards-hostile-transcript.json")["segments"][0]["text"]
    # search highlighting builds marks from text too
    panel.locator('input[data-action="search-transcript"]').fill("<img")
    assert panel.locator(".tr-line mark").first.inner_text() == "<img"
    assert page.evaluate("document.querySelector('#glance-panel').shadowRoot.querySelectorAll('img').length") == 0


def test_the_servers_own_message_is_shown_with_plain_advice(page, open_video, routes, glance_server):
    message = "This server could not reach YouTube; check its network connection."

    def fail(route):
        route.fulfill(status=502, body=error_body("youtube_error", message), content_type="application/json")

    routes.add(api_matcher(glance_server.url, UNSTORED, stored=False), fail)
    panel = open_video(page, UNSTORED, state="error")
    assert panel.get_attribute("data-error") == "youtube_error"
    text = panel.get_by_role("alert").inner_text()
    assert message in text
    # the fixture page has no captions, and the server could not fetch them: say so
    assert "This page has no captions Glance could read, and the server couldn't fetch them from YouTube either." in text
    assert "Press Retry" in text
    assert "youtube_error" not in text


def test_an_address_with_a_wrong_path_is_not_glance(page, open_video, extension, glance_server):
    extension.set_settings(serverUrl=f"{glance_server.url}/glance")  # a real Glance server, wrong path
    panel = open_video(page, MAIN_VIDEO, state="error")
    assert panel.get_attribute("data-error") == "not_glance"
    alert = panel.get_by_role("alert")
    text = alert.inner_text()
    assert "That address doesn't look like a Glance server" in text
    assert f"{glance_server.url}/glance" in text
    said = text.replace(f"{glance_server.url}/glance", "")  # the address itself may hold "404" (port 34041)
    assert "404" not in said and "http_" not in said and "endpoint" not in said
    assert alert.get_by_role("button", name="Open Glance settings").is_visible()
    assert alert.get_by_role("button", name="Try again").is_visible()


@pytest.mark.parametrize("status, body, content_type", [
    (404, "<!doctype html><h1>Not Found</h1>", "text/html"),
    (200, "<!doctype html><h1>It works!</h1>", "text/html"),
    (404, '{"detail": "Not Found"}', "application/json"),
    (200, '{"hello": "world"}', "application/json"),
])
def test_another_web_server_is_not_glance(page, open_video, extension, routes, status, body, content_type):
    other = f"http://127.0.0.1:{free_port()}"
    routes.add(lambda url: url.startswith(other), lambda route: route.fulfill(status=status, body=body, content_type=content_type))
    extension.set_settings(serverUrl=other)
    panel = open_video(page, MAIN_VIDEO, state="error")
    assert panel.get_attribute("data-error") == "not_glance"
    assert "doesn't look like a Glance server" in panel.get_by_role("alert").inner_text()


def test_an_offline_server_error_reads_as_what_happened_then_what_to_do(page, open_video, routes, glance_server):
    """The page had no captions and the server could not reach YouTube: one paragraph on what
    happened, one on what to do, and the alert starts right under the bar (no empty header)."""
    message = "This server could not reach YouTube; check its network connection."

    def fail(route):
        route.fulfill(status=502, body=error_body("youtube_error", message), content_type="application/json")

    routes.add(api_matcher(glance_server.url, UNSTORED, stored=False), fail)
    panel = open_video(page, UNSTORED, state="error")
    alert = panel.get_by_role("alert")
    paragraphs = alert.locator("p").all_inner_texts()
    assert paragraphs[0] == "The server couldn't get the transcript from YouTube"
    assert paragraphs[1] == ("This page has no captions Glance could read, and the server couldn't fetch them"
                             f" from YouTube either. {message}")
    assert paragraphs[2] == "Press Retry in a moment."
    assert len(paragraphs) == 3
    bar = panel.locator(".bar").bounding_box()
    title = alert.locator(".notice-title").bounding_box()
    assert title["y"] - (bar["y"] + bar["height"]) < 24, "an empty gap above the error title"
    page.screenshot(path=str(ARTIFACTS / "error-offline.png"))
