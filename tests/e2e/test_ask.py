"""The Ask tab in real Chromium: moments with marked words and click-to-seek, questions kept
per video in chrome.storage (shown again on the next visit), the server's error sentence,
and the "All your videos" link to the library of the configured server.
"""

from __future__ import annotations

import re

from playwright.sync_api import expect

from e2e_support import MAIN_VIDEO, ROOT, api_matcher, error_body

ARTIFACTS = ROOT / "tests" / "e2e" / "artifacts"
VIDEO_JS = "document.querySelector('#movie_player video')"


def ask(panel, question):
    panel.get_by_role("tab", name="Ask").click()
    box = panel.get_by_role("searchbox", name="Ask a question about this video")
    expect(box).to_be_focused()
    box.fill(question)
    box.press("Enter")


def test_moments_answer_the_question_and_seek_the_video(page, open_video):
    panel = open_video(page, MAIN_VIDEO)
    page.wait_for_function(f"{VIDEO_JS}.readyState >= 1")
    ask(panel, "Is watering at noon harmful?")
    moments = panel.locator(".ask-moment")
    moments.first.wait_for()
    assert 1 <= moments.count() <= 3
    first = moments.first
    expect(first.locator(".time")).to_have_text(re.compile(r"^\d+:\d\d$"))
    assert "noon" in first.inner_text().lower()
    marks = {m.lower() for m in first.locator("mark").all_inner_texts()}
    assert "noon" in marks and "harmful" in marks
    seek_to = float(first.locator("a.ask-jump").get_attribute("data-seek"))
    first.locator("a.ask-jump").click()
    page.wait_for_function(f"Math.abs({VIDEO_JS}.currentTime - {seek_to}) < 1.5")
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "ask-tab.png"))


def test_questions_are_kept_per_video_in_this_browser(page, open_video, extension):
    panel = open_video(page, MAIN_VIDEO)
    ask(panel, "What do worms do?")
    panel.locator(".ask-moment").first.wait_for()
    stored = extension._page.evaluate(f"() => chrome.storage.local.get('ask:{MAIN_VIDEO}')")
    assert stored[f"ask:{MAIN_VIDEO}"] == ["What do worms do?"]

    panel = open_video(page, MAIN_VIDEO)  # the next visit
    panel.get_by_role("tab", name="Ask").click()
    again = panel.get_by_role("button", name="What do worms do?")
    again.click()
    expect(panel.locator(".ask-block")).to_have_count(1)
    panel.locator(".ask-moment").first.wait_for()
    assert "worm" in panel.locator(".ask-moment").first.inner_text().lower()


def test_nothing_found_and_server_errors_are_said(page, open_video, routes, glance_server):
    panel = open_video(page, MAIN_VIDEO)
    ask(panel, "quantum chromodynamics")
    expect(panel.locator(".ask-none")).to_contain_text("Nothing in the transcript matches")
    routes.add(api_matcher(glance_server.url, MAIN_VIDEO, "ask"),
               lambda route: route.fulfill(status=404, content_type="application/json",
                                           body=error_body("no_transcript", "This video has no transcript Glance can read.")))
    ask(panel, "mulch")
    expect(panel.locator(".ask-error")).to_have_text("This video has no transcript Glance can read.")


def test_all_your_videos_links_to_the_library(page, open_video, glance_server):
    panel = open_video(page, MAIN_VIDEO)
    panel.get_by_role("tab", name="Ask").click()
    link = panel.locator("#glance-ask").get_by_role("link", name="All your videos")
    expect(link).to_have_attribute("href", f"{glance_server.url}/library")
    assert link.get_attribute("target") == "_blank"


def test_a_written_answer_follows_the_moments_with_checked_citations(page, open_video, routes, glance_server):
    """The server's LLM answer (faked here at the HTTP boundary: the e2e server has no model)."""
    import json

    text = "Water at noon loses more to the air [4:15]. Roses love it [9:59]."
    asked = []

    def answer(route):
        body = json.loads(route.request.post_data)
        asked.append(body)
        if body["answer"]:  # held until the test has seen the panel say it is writing
            routes.held.append(route)
            return
        real = route.fetch().json()  # the real moments, from the real server
        real["can_answer"] = True
        route.fulfill(status=200, content_type="application/json", body=json.dumps(real))

    def release(route):
        body = json.loads(route.request.post_data)
        real = route.fetch(post_data=json.dumps({**body, "answer": False})).json()
        real["can_answer"] = True
        real["answer"] = {"text": text, "model": "test-model", "dropped": 1, "citations": [
            {"offset": text.index("[4:15]"), "length": 6, "label": "[4:15]", "start": 255.0, "verified": True, "reason": None},
            {"offset": text.index("[9:59]"), "length": 6, "label": "[9:59]", "start": 599.0, "verified": False,
             "reason": "no transcript line starts at this time"}]}
        route.fulfill(status=200, content_type="application/json", body=json.dumps(real))

    routes.add(api_matcher(glance_server.url, MAIN_VIDEO, "ask"), answer)
    panel = open_video(page, MAIN_VIDEO)
    page.wait_for_function(f"{VIDEO_JS}.readyState >= 1")
    ask(panel, "Is watering at noon harmful?")
    writing = panel.locator(".ask-status")
    expect(writing).to_have_text("Writing an answer from these moments…")  # the moments are there, the answer comes
    assert panel.locator(".ask-moment").count() >= 1 and panel.locator(".ask-answer").count() == 0
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "ask-writing.png"))
    for _ in range(200):  # the panel sends the request just after it says so: let it reach the handler
        if routes.held:
            break
        page.wait_for_timeout(50)
    release(routes.held.pop())
    written = panel.locator(".ask-answer")
    written.wait_for()
    expect(writing).to_have_count(0)
    assert [b["answer"] for b in asked] == [False, True]  # moments first, then the answer
    assert panel.locator(".ask-moment").count() >= 1
    cite = written.locator("a.cite")
    expect(cite).to_have_text("[4:15]")
    expect(written.locator(".unverified")).to_have_text("[9:59]?")
    assert written.locator(".unverified").get_attribute("title") == "Glance could not find this in the transcript"
    expect(written.locator(".provenance")).to_contain_text("1 citation(s) not found")
    page.screenshot(path=str(ARTIFACTS / "ask-answer.png"))
    cite.click()
    page.wait_for_function(f"Math.abs({VIDEO_JS}.currentTime - 255) < 1.5")
