"""The transcript tab in real windows: the list shrinks so its last line and the "Follow
the video" chip stay inside the panel in short windows; search waits for typing to
settle and marks matches only from two letters; "Name:" prefixes and `speaker` fields
become speaker labels. Also the header's tooltip and the provenance sentence.
"""

from __future__ import annotations

import json

import pytest
from playwright.sync_api import expect

from e2e_support import MAIN_VIDEO, ROOT, api_matcher

ARTIFACTS = ROOT / "tests" / "e2e" / "artifacts"
VIDEO_JS = "document.querySelector('#movie_player video')"


def inside(inner: dict, outer: dict, slack: float = 0.5) -> bool:
    return (inner["y"] >= outer["y"] - slack and inner["y"] + inner["height"] <= outer["y"] + outer["height"] + slack
            and inner["x"] >= outer["x"] - slack and inner["x"] + inner["width"] <= outer["x"] + outer["width"] + slack)


@pytest.mark.parametrize("height", [720, 600])
def test_last_transcript_line_and_follow_chip_stay_inside_the_panel(page, open_video, height):
    page.set_viewport_size({"width": 1280, "height": height})
    panel = open_video(page, MAIN_VIDEO)
    page.wait_for_function(f"{VIDEO_JS}.readyState >= 1")
    panel.get_by_role("tab", name="Transcript").click()
    lines = panel.locator(".tr-lines")
    panel.locator(".tr-line").first.wait_for()
    # the person scrolls to the end of the list (so the chip to follow the video again shows)
    lines.hover()
    page.mouse.wheel(0, 100_000)
    follow = panel.get_by_role("button", name="Follow the video")
    follow.wait_for()
    page.mouse.wheel(0, 100_000)  # the chip took some of the list's height: to the end again
    page.wait_for_function(
        "() => { const l = document.querySelector('#glance-panel').shadowRoot.querySelector('.tr-lines');"
        " return l.scrollTop > 0 && l.scrollTop + l.clientHeight >= l.scrollHeight - 1; }")
    shell = panel.locator(".panel").bounding_box()
    last = panel.locator(".tr-line").last.bounding_box()
    chip = follow.bounding_box()
    list_box = lines.bounding_box()
    assert shell["y"] + shell["height"] <= height, (shell, height)  # the panel fits the window
    assert inside(last, shell), (last, shell)
    assert inside(last, list_box), (last, list_box)  # not hidden under the list's own edge
    assert inside(chip, shell), (chip, shell)
    assert list_box["height"] >= 80  # still a usable list
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"transcript-end-1280x{height}.png"))  # for people to look at


def test_one_letter_filters_without_marks_and_typing_is_debounced(page, open_video, load_data):
    segments = load_data("cards-transcript.json")["segments"]
    panel = open_video(page, MAIN_VIDEO)
    panel.get_by_role("tab", name="Transcript").click()
    panel.locator(".tr-line").first.wait_for()
    count = panel.locator(".tr-count")
    page.evaluate("""() => {
        const el = document.querySelector('#glance-panel').shadowRoot.querySelector('.tr-count');
        window.__countChanges = 0;
        new MutationObserver(() => window.__countChanges++).observe(el, {childList: true, characterData: true, subtree: true});
    }""")
    box = panel.locator('input[data-action="search-transcript"]')
    box.press_sequentially("w")
    with_w = [s for s in segments if "w" in s["text"].lower()]
    hits = sum(s["text"].lower().count("w") for s in with_w)
    expect(count).to_have_text(f"{hits} matches in {len(with_w)} lines; type one more letter to highlight")
    assert panel.locator(".tr-line:not([hidden])").count() == len(with_w)
    assert panel.locator(".tr-line mark").count() == 0
    page.evaluate("window.__countChanges = 0")
    box.press_sequentially("ater", delay=20)  # faster than the debounce: one search at the end
    water = [s for s in segments if "water" in s["text"].lower()]
    expect(count).to_have_text(f"{sum(s['text'].lower().count('water') for s in water)} matches in {len(water)} lines")
    page.wait_for_timeout(300)
    assert page.evaluate("window.__countChanges") == 1
    assert panel.locator(".tr-line:not([hidden]) mark").first.inner_text().lower() == "water"


SPEAKER_SEGMENTS = [
    {"start": 0.0, "duration": 4.0, "text": "Maya Lind: Welcome back to the garden."},
    {"start": 4.0, "duration": 4.0, "text": "Dr. Tomas Berg: Thanks for having me."},
    {"start": 8.0, "duration": 4.0, "text": "Let me say this: water early."},
    {"start": 12.0, "duration": 4.0, "text": "The Big Four Rules Of Mulch: thick, late, loose, light."},
    {"start": 16.0, "duration": 4.0, "text": "Keep the soil covered.", "speaker": "Maya Lind"},
    {"start": 20.0, "duration": 4.0, "text": "At 10:30 we water."},
]


def test_speaker_turns_show_the_name_as_a_label(page, open_video, routes, glance_server):
    body = {"video_id": MAIN_VIDEO, "language": "en", "kind": "manual", "segments": SPEAKER_SEGMENTS}
    routes.add(api_matcher(glance_server.url, MAIN_VIDEO, "transcript"),
               lambda route: route.fulfill(status=200, body=json.dumps(body), content_type="application/json"))
    panel = open_video(page, MAIN_VIDEO)
    panel.get_by_role("tab", name="Transcript").click()
    lines = panel.locator(".tr-line")
    expect(lines).to_have_count(len(SPEAKER_SEGMENTS))
    speakers = [lines.nth(i).locator(".tr-speaker") for i in range(len(SPEAKER_SEGMENTS))]
    texts = [lines.nth(i).locator(".tr-text").inner_text() for i in range(len(SPEAKER_SEGMENTS))]
    assert [s.inner_text() if s.count() else None for s in speakers] == [
        "Maya Lind:", "Dr. Tomas Berg:", None, None, "Maya Lind:", None]
    assert texts == ["Welcome back to the garden.", "Thanks for having me.", "Let me say this: water early.",
                     "The Big Four Rules Of Mulch: thick, late, loose, light.", "Keep the soil covered.", "At 10:30 we water."]


@pytest.mark.parametrize(
    "meta, sentence",
    [
        ({"origin": "generated", "summarizer": "extractive", "transcript": "generated"},
         "Summarized on your computer from YouTube's automatic captions."),
        ({"origin": "generated", "summarizer": "extractive", "fallback": True, "fallback_reason": None, "transcript": "manual"},
         "The language model was unavailable; summarized on your computer from the creator's captions instead."),
        ({"origin": "generated", "summarizer": "extractive", "fallback": True, "transcript": "generated",
          "fallback_reason": "The language model took longer than the time allowed for one video."},
         "The language model took longer than the time allowed for one video. "
         "Summarized on your computer from YouTube's automatic captions instead."),
        ({"origin": "generated", "summarizer": "extractive", "fallback": False, "fallback_reason": None, "transcript": "manual"},
         "Summarized on your computer from the creator's captions."),
        ({"origin": "generated", "summarizer": "llm", "transcript": "manual"},
         "Written by a language model from the creator's captions."),
        ({"origin": "generated", "summarizer": "llm", "model": "gpt-4o-mini", "transcript": None},
         "Written by gpt-4o-mini from the video's captions."),
        ({"origin": "generated", "summarizer": "something_internal_v2", "transcript": "manual"},
         "Summarized from the creator's captions."),
    ],
)
def test_footer_says_where_the_cards_come_from_in_plain_words(page, open_video, routes, glance_server, load_data, meta, sentence):
    long_title = "A very long title about watering a garden through a dry summer " * 4
    cards = load_data("cards.json")
    cards = {**cards, "video": {**cards["video"], "title": long_title}, "meta": {**cards["meta"], **meta}}
    routes.add(api_matcher(glance_server.url, MAIN_VIDEO, stored=True),
               lambda route: route.fulfill(status=200, body=json.dumps(cards), content_type="application/json"))
    panel = open_video(page, MAIN_VIDEO)
    assert panel.locator(".provenance").inner_text() == sentence
    assert panel.locator("h2.title").get_attribute("title") == long_title  # clamped to 2 lines: the tooltip has it all
