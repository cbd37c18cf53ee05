"""The panel beside the video: mounts at the top of the right column, renders every
section of the example cards (tests/data/cards.json), seeks the video from every kind
of time link, copies a quote and the Markdown, and searches the transcript.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from e2e_support import MAIN_VIDEO

VIDEO_JS = "document.querySelector('#movie_player video')"


def test_panel_mounts_first_in_the_right_column_and_gets_ready(page, open_video):
    panel = open_video(page, MAIN_VIDEO)
    where = page.evaluate(
        """() => {
            const host = document.querySelector('#glance-panel');
            return {parent: host.parentElement.id, first: host.parentElement.firstElementChild === host,
                    count: document.querySelectorAll('#glance-panel').length,
                    shadow: Boolean(host.shadowRoot), placement: host.dataset.placement, theme: host.dataset.theme};
        }"""
    )
    assert where == {"parent": "secondary-inner", "first": True, "count": 1, "shadow": True,
                     "placement": "side", "theme": "light"}
    assert panel.get_attribute("data-video-id") == MAIN_VIDEO
    box, player = panel.bounding_box(), page.locator("#movie_player").bounding_box()
    assert box["x"] > player["x"] + player["width"]  # beside the player, not over it
    assert abs(box["y"] - player["y"]) < 5  # level with the top of the player


def test_every_section_of_the_cards_is_rendered(page, open_video, load_data):
    cards = load_data("cards.json")
    panel = open_video(page, MAIN_VIDEO)
    video = cards["video"]

    assert panel.locator("h2.title").inner_text() == video["title"]
    facts = panel.locator(".facts").inner_text()
    assert video["channel"] in facts and "2026" in facts and "10 min" in facts
    assert facts.endswith(" · With Maya Lind (host), Tomas Berg (guest)")  # one line: the header stays compact

    order = panel.locator("[data-section]").evaluate_all("els => els.map(e => e.dataset.section)")
    assert order == ["about", "ideas", "quotes", "topics", "chapters", "transcript", "ask"]

    about = panel.locator('[data-section="about"]')
    assert about.locator(".headline").inner_text() == cards["about"]["headline"]
    assert about.locator("ol.points li").all_inner_texts() == cards["about"]["points"]

    ideas = panel.locator('[data-section="ideas"] .idea')
    assert ideas.count() == len(cards["ideas"])
    for i, idea in enumerate(cards["ideas"]):
        assert ideas.nth(i).locator("strong").inner_text() == idea["title"]
        assert ideas.nth(i).locator("p").inner_text() == idea["detail"]
        assert float(ideas.nth(i).locator("[data-seek]").get_attribute("data-seek")) == idea["start"]

    quotes = panel.locator("[data-quote]")
    assert quotes.count() == len(cards["quotes"])
    for i, quote in enumerate(cards["quotes"]):
        assert quotes.nth(i).locator("blockquote").inner_text().strip("“”") == quote["text"]
        speaker = quotes.nth(i).locator(".speaker")
        assert (speaker.inner_text() if speaker.count() else None) == quote["speaker"]  # unknown: left out
        assert float(quotes.nth(i).locator("[data-seek]").get_attribute("data-seek")) == quote["start"]
        assert quotes.nth(i).locator('button[data-action="copy-quote"]').get_attribute("aria-label") == "Copy quote"

    assert panel.locator('[data-section="topics"] .chip').all_inner_texts() == cards["topics"]
    chapters = panel.locator('[data-section="chapters"] a.chapter')
    assert chapters.count() == len(cards["chapters"])
    assert [float(s) for s in chapters.evaluate_all("els => els.map(e => e.dataset.seek)")] == [c["start"] for c in cards["chapters"]]
    assert chapters.nth(1).inner_text().split("\n") == ["1:18", "Soil that holds water"]

    assert panel.locator(".provenance").inner_text() == "Curated summary from the creator's captions."

    timeline = panel.locator("[data-part=timeline]")
    assert timeline.locator(".tl-seg").count() == len(cards["chapters"])
    assert timeline.locator(".tl-mark.tl-idea").count() == len(cards["ideas"])
    assert timeline.locator(".tl-mark.tl-quote").count() == len(cards["quotes"])

    panel.get_by_role("tab", name="Transcript").click()
    transcript = load_data("cards-transcript.json")["segments"]
    lines = panel.locator('[data-section="transcript"] .tr-line')
    lines.first.wait_for()
    assert lines.count() == len(transcript)
    assert lines.nth(3).locator(".tr-text").inner_text() == transcript[3]["text"]
    assert panel.locator('button[data-action="copy-markdown"]').is_visible()


def _wait_for_seek(page, target: float):
    page.wait_for_function(f"Math.abs({VIDEO_JS}.currentTime - {target}) < 1.5", timeout=5_000)
    return page.evaluate(f"({{t: {VIDEO_JS}.currentTime, paused: {VIDEO_JS}.paused}})")


@pytest.mark.parametrize(
    "where",
    ["idea", "quote", "chapter", "timeline mark", "transcript line"],
)
def test_time_links_seek_the_player_and_play(page, open_video, where):
    panel = open_video(page, MAIN_VIDEO)
    page.wait_for_function(f"{VIDEO_JS}.readyState >= 1")
    if where == "transcript line":
        panel.get_by_role("tab", name="Transcript").click()
    target = {
        "idea": panel.locator('[data-section="ideas"] [data-seek]').nth(2),
        "quote": panel.locator("[data-quote] [data-seek]").nth(1),
        "chapter": panel.locator('[data-section="chapters"] [data-seek]').nth(3),
        "timeline mark": panel.locator(".tl-mark.tl-quote").nth(2),
        "transcript line": panel.locator(".tr-line .tr-text").nth(20),
    }[where]
    seconds = float(target.evaluate("el => el.closest('[data-seek]').dataset.seek"))
    assert seconds > 30
    target.click()
    state = _wait_for_seek(page, seconds)
    assert state["paused"] is False
    # the panel follows: timeline cursor moved, transcript line current
    left = panel.locator(".tl-cursor").evaluate("el => parseFloat(el.style.left)")
    assert abs(left - seconds / 600 * 100) < 1


def test_clicking_the_timeline_bar_seeks_to_that_point(page, open_video):
    panel = open_video(page, MAIN_VIDEO)
    page.wait_for_function(f"{VIDEO_JS}.readyState >= 1")
    track = panel.locator(".tl-track")
    box = track.bounding_box()
    track.hover(position={"x": box["width"] * 0.85, "y": box["height"] / 2})
    tip = panel.locator(".tl-tip")
    assert tip.is_visible() and re.fullmatch(r"8:[23]\d · One hour this weekend", tip.inner_text())
    track.click(position={"x": box["width"] * 0.85, "y": box["height"] / 2})
    _wait_for_seek(page, 510)
    assert track.get_attribute("aria-valuetext").endswith("One hour this weekend")
    # keyboard: the bar is a slider
    track.focus()
    page.keyboard.press("Home")
    _wait_for_seek(page, 0)


def test_copy_quote_puts_text_speaker_title_and_moment_on_the_clipboard(page, open_video, load_data):
    cards = load_data("cards.json")
    panel = open_video(page, MAIN_VIDEO)
    quote = cards["quotes"][1]
    button = panel.locator("[data-quote]").nth(1).locator('button[data-action="copy-quote"]')
    button.click()
    expected = f'"{quote["text"]}" — {quote["speaker"]}, “{cards["video"]["title"]}” (https://youtu.be/{MAIN_VIDEO}?t={int(quote["start"])})'
    page.wait_for_function("async (want) => (await navigator.clipboard.readText()) === want", arg=expected)
    assert button.inner_text() == "Copied"
    assert panel.locator(".toast").inner_text() == "Quote copied"
    # a quote with no known speaker is credited to the channel that published it, never to a guess
    panel.locator("[data-quote]").nth(3).locator('button[data-action="copy-quote"]').press("Enter")
    unknown = cards["quotes"][3]
    want = f'"{unknown["text"]}" — via {cards["video"]["channel"]}, “{cards["video"]["title"]}” (https://youtu.be/{MAIN_VIDEO}?t=442)'
    page.wait_for_function("async (want) => (await navigator.clipboard.readText()) === want", arg=want)


def test_copy_all_gives_clean_markdown(page, open_video, load_data):
    cards = load_data("cards.json")
    panel = open_video(page, MAIN_VIDEO)
    panel.locator('button[data-action="copy-markdown"]').click()
    page.wait_for_function("async () => (await navigator.clipboard.readText()).startsWith('# ')")
    text = page.evaluate("navigator.clipboard.readText()")
    assert text.startswith(f"# {cards['video']['title']}\n")
    for heading in ["## What it's really about", "## Ideas worth remembering", "## Words worth saving", "## Topics", "## Chapters"]:
        assert f"\n{heading}\n" in text
    assert f"**{cards['about']['headline']}**" in text
    assert "1. Feed the soil with compost every autumn so it holds water like a sponge." in text
    assert f"- **Soil is a sponge** {cards['ideas'][0]['detail']} ([1:28](https://youtu.be/{MAIN_VIDEO}?t=88))" in text
    assert f'> "{cards["quotes"][0]["text"]}" — Tomas Berg ([0:36](https://youtu.be/{MAIN_VIDEO}?t=36))' in text
    assert f"- [3:19](https://youtu.be/{MAIN_VIDEO}?t=199) How and when to water" in text
    assert "<" not in text and "\n\n\n" not in text
    assert panel.locator('button[data-action="copy-markdown"]').inner_text() == "Copied"


def wait_until(page, condition, what: str):
    """Let the page run (route handlers answer meanwhile) until condition() holds."""
    for _ in range(300):
        if condition():
            return
        page.wait_for_timeout(100)
    raise AssertionError(f"never happened: {what}")


def test_copy_all_copies_the_services_markdown_kept_when_the_cards_showed_even_once_it_is_gone(
        page, open_video, load_data, routes, glance_server):
    from e2e_support import api_matcher

    cards = load_data("cards.json")
    sent, written = [], []

    def record(route):
        sent.append(route.request.post_data_json)
        response = route.fetch()
        written.append(response.json()["markdown"])
        route.fulfill(response=response)

    routes.add(api_matcher(glance_server.url, MAIN_VIDEO, "markdown"), record)
    panel = open_video(page, MAIN_VIDEO)
    wait_until(page, lambda: written, "the panel asked for the Markdown of the cards it shows")
    assert sent[0]["about"] == cards["about"] and sent[0]["quotes"] == cards["quotes"]
    routes.remove_all()
    refused = []
    routes.add(api_matcher(glance_server.url, MAIN_VIDEO, "markdown"), lambda route: (refused.append(1), route.abort()))
    panel.locator('button[data-action="copy-markdown"]').click()  # the service has stopped answering
    page.wait_for_function("async () => (await navigator.clipboard.readText()).startsWith('# ')")
    assert page.evaluate("navigator.clipboard.readText()") == written[0]
    assert f"\n{cards['video']['channel']} · " in written[0] and f" · https://youtu.be/{MAIN_VIDEO}\n" in written[0]
    assert len(sent) == 1 and refused == []  # copied what it kept, without asking again


def test_copy_all_asks_again_at_the_click_when_the_markdown_was_not_written_and_says_why_when_it_cannot(
        page, open_video, routes, glance_server):
    from e2e_support import api_matcher

    refused = []
    routes.add(api_matcher(glance_server.url, MAIN_VIDEO, "markdown"), lambda route: (refused.append(1), route.abort()))
    panel = open_video(page, MAIN_VIDEO)
    wait_until(page, lambda: refused, "the panel asked for the Markdown of the cards it shows")
    button = panel.locator('button[data-action="copy-markdown"]')
    page.evaluate("navigator.clipboard.writeText('before')")
    button.click()
    expect(button).to_have_text("Copy failed")
    assert panel.locator(".toast").inner_text() == "Copying failed: The Glance server isn't running."
    assert page.evaluate("navigator.clipboard.readText()") == "before"  # nothing half-written
    assert len(refused) == 2  # asked again at the click
    routes.remove_all()  # the service answers again: the next click asks and copies
    expect(button).not_to_have_text("Copy failed")  # the failure's feedback is over
    button.click()
    expect(button).to_have_text("Copied")
    assert page.evaluate("navigator.clipboard.readText()").startswith("# ")


def test_transcript_search_filters_highlights_and_counts(page, open_video, load_data):
    segments = load_data("cards-transcript.json")["segments"]
    panel = open_video(page, MAIN_VIDEO)
    panel.get_by_role("tab", name="Transcript").click()
    lines = panel.locator(".tr-line")
    lines.first.wait_for()
    box = panel.locator('input[data-action="search-transcript"]')
    box.fill("Mulch")
    matching = [s for s in segments if "mulch" in s["text"].lower()]
    hits = sum(s["text"].lower().count("mulch") for s in matching)
    expect(panel.locator(".tr-count")).to_have_text(f"{hits} matches in {len(matching)} lines")  # after the debounce
    visible = panel.locator(".tr-line:not([hidden])")
    assert visible.count() == len(matching)
    assert panel.locator(".tr-line:not([hidden]) mark").count() == hits
    assert panel.locator(".tr-line:not([hidden]) mark").first.inner_text().lower() == "mulch"
    # a matching line still seeks
    visible.nth(1).click()
    _wait_for_seek(page, matching[1]["start"])
    box.fill("no such words")
    expect(panel.locator(".tr-count")).to_have_text("No matches")
    box.press("Escape")
    assert box.input_value() == ""
    assert panel.locator(".tr-line:not([hidden])").count() == len(segments)
    assert panel.locator(".tr-line mark").count() == 0


def test_topic_chip_searches_the_transcript(page, open_video, load_data):
    segments = load_data("cards-transcript.json")["segments"]
    panel = open_video(page, MAIN_VIDEO)
    panel.locator('[data-section="topics"] .chip', has_text="watering").click()
    assert panel.get_by_role("tab", name="Transcript").get_attribute("aria-selected") == "true"
    assert panel.locator('input[data-action="search-transcript"]').input_value() == "watering"
    expected = sum("watering" in s["text"].lower() for s in segments)
    assert expected >= 2
    assert panel.locator(".tr-line:not([hidden])").count() == expected


def test_current_line_follows_playback_and_autoscroll_stops_when_the_person_scrolls(page, open_video, load_data):
    segments = load_data("cards-transcript.json")["segments"]
    panel = open_video(page, MAIN_VIDEO)
    page.wait_for_function(f"{VIDEO_JS}.readyState >= 1")
    panel.get_by_role("tab", name="Transcript").click()
    panel.locator(".tr-line").first.wait_for()
    page.evaluate(f"{VIDEO_JS}.currentTime = 400")
    current = panel.locator('.tr-line[aria-current="true"]')
    current.wait_for()
    assert float(current.get_attribute("data-seek")) == 398.0  # the line that started last
    lines = panel.locator(".tr-lines")
    top = lines.evaluate("el => el.scrollTop")
    assert top > 0 and current.is_visible()
    # the person scrolls: auto-scroll stops, a button offers to follow again
    lines.hover()
    page.mouse.wheel(0, -400)
    follow = panel.get_by_role("button", name="Follow the video")
    follow.wait_for()
    page.wait_for_timeout(100)
    scrolled = lines.evaluate("el => el.scrollTop")
    page.evaluate(f"{VIDEO_JS}.currentTime = 560")
    panel.locator('.tr-line[aria-current="true"][data-seek="560"]').wait_for()
    assert lines.evaluate("el => el.scrollTop") == scrolled
    follow.click()
    assert lines.evaluate("el => el.scrollTop") > scrolled
    assert panel.locator('.tr-line[data-seek="560"]').is_visible()
    assert len(segments) > 40


def test_everything_is_labelled_and_works_from_the_keyboard(page, open_video):
    panel = open_video(page, MAIN_VIDEO)
    unnamed = panel.evaluate(
        """host => [...host.shadowRoot.querySelectorAll('button, a, input, [role=slider], [role=tab]')]
            .filter(el => !(el.getAttribute('aria-label') || el.textContent.trim()))
            .map(el => el.outerHTML.slice(0, 80))"""
    )
    assert unnamed == []
    # tabs: arrow keys move between Summary and Transcript
    summary_tab = panel.get_by_role("tab", name="Summary")
    summary_tab.focus()
    page.keyboard.press("ArrowRight")
    assert panel.get_by_role("tab", name="Transcript").get_attribute("aria-selected") == "true"
    assert panel.locator('[data-view="transcript"]').is_visible()
    # a time link seeks with Enter
    page.keyboard.press("ArrowLeft")
    page.wait_for_function(f"{VIDEO_JS}.readyState >= 1")
    panel.locator('[data-section="chapters"] [data-seek]').nth(2).focus()
    page.keyboard.press("Enter")
    _wait_for_seek(page, 199)


SPARSE_CARDS = {
    # every optional field unknown (null) or empty, as the contract allows
    "nulls": {"video_id": MAIN_VIDEO, "video": {"title": None, "channel": None, "published": None, "duration": None, "people": []},
              "about": {"headline": "Only a headline is known.", "points": []},
              "ideas": [{"title": "An idea", "detail": "", "start": 12.0}],
              "quotes": [{"text": "A quote nobody is named for.", "speaker": None, "start": 30.0}],
              "topics": [], "chapters": [],
              "meta": {"origin": "generated", "summarizer": "extractive", "version": "1", "language": None,
                       "transcript": None, "transcript_source": None, "partial": False, "created_at": None}},
    # optional fields left out altogether, and null where a list or object would be
    "missing": {"about": {"headline": "Nothing else was sent.", "points": None}, "video": None, "ideas": None,
                "quotes": [{"text": "A quote without a time.", "speaker": None, "start": None}], "meta": None},
}


@pytest.mark.parametrize("kind", list(SPARSE_CARDS))
def test_cards_lacking_every_optional_field_show_no_placeholder(page, open_video, routes, glance_server, kind):
    import json

    from e2e_support import api_matcher

    body = json.dumps(SPARSE_CARDS[kind])
    routes.add(api_matcher(glance_server.url, MAIN_VIDEO, stored=True),
               lambda route: route.fulfill(status=200, body=body, content_type="application/json"))
    panel = open_video(page, MAIN_VIDEO)
    text = panel.evaluate("el => el.shadowRoot.querySelector('.panel').innerText")
    for word in ("null", "undefined", "NaN", "[object"):
        assert not re.search(rf"\b{re.escape(word)}\b", text), f"{word!r} shown: {text!r}"
    assert panel.locator(".facts").count() == 0  # nothing known, so no facts line at all
    assert panel.locator("h2.title").inner_text() == "Gardening Through a Dry Summer"  # the page's title
    panel.locator('button[data-action="copy-markdown"]').click()
    page.wait_for_function("async () => (await navigator.clipboard.readText()).startsWith('# ')")
    markdown = page.evaluate("navigator.clipboard.readText()")
    assert "null" not in markdown and "undefined" not in markdown
    panel.locator('button[data-action="copy-quote"]').click()
    page.wait_for_function("async () => (await navigator.clipboard.readText()).startsWith('\"A quote')")
    assert "null" not in page.evaluate("navigator.clipboard.readText()")
