"""The panel with real cards: cards the offline summarizer makes from real transcripts of the
team corpus (a 19-minute talk, a 97-minute and a 3-hour podcast), in real Chromium with the
real extension, at 1280 and 900 px, light and dark. The corpus is third-party text and stays
outside the repository: it is read from ../shared/corpus (relative to the repository) and
these tests are skipped, saying so, when it is missing.

Saves screenshots in tests/e2e/artifacts/; the ones the README and docs/extension.md show (named in
README_SHOTS) go to GLANCE_SCREENSHOTS_DIR when it is set (GLANCE_SCREENSHOTS_DIR=docs/screenshots).
"""

from __future__ import annotations

import json
import os
import re

import pytest
from playwright.sync_api import expect

from e2e_support import ROOT

CORPUS = ROOT.parent / "shared" / "corpus"
ARTIFACTS = ROOT / "tests" / "e2e" / "artifacts"
SHOTS = ROOT / os.environ["GLANCE_SCREENSHOTS_DIR"] if os.environ.get("GLANCE_SCREENSHOTS_DIR") else ARTIFACTS
README_SHOTS = {"real-podcast-1280-light", "real-long-1280-dark", "real-podcast-900-light", "real-podcast-900-dark",
                "real-talk-search-light", "real-talk-search-dark"}
# Corpus file -> the video id its page is served under (the corpus' own ids).
VIDEOS = {"talk": "iG9CE55wbtY", "podcast": "13CZPWmke6A", "long": "y3Umo_jd5AA"}
VIDEO_JS = "document.querySelector('#movie_player video')"


def corpus_file(video_id: str) -> dict:
    path = CORPUS / f"{video_id}.json"
    if not path.is_file():
        pytest.skip(f"the transcript corpus is missing ({CORPUS}); these tests read real transcripts from it")
    return json.loads(path.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def real_cards(glance_server):
    """Cards made now by the real offline summarizer from each corpus transcript, as the
    extension would send it (transcript + page metadata), keyed like VIDEOS."""
    client = glance_server.app.test_client()
    made = {}
    for name, video_id in VIDEOS.items():
        data = corpus_file(video_id)
        segments = [{"start": s["start"], "duration": s.get("duration") or 0, "text": s["text"]} for s in data["segments"]]
        duration = max(s["start"] + s["duration"] for s in segments)
        body = {"transcript": {"language": "en", "kind": "manual", "source": "player", "segments": segments},
                "video": {"title": data["title"], "channel": data["channel"], "duration": round(duration),
                          "chapters": data.get("chapters") or []}}
        reply = client.post(f"/api/v1/videos/{video_id}/summary", json=body)
        assert reply.status_code == 200, reply.get_json()
        made[name] = reply.get_json()
    return made


@pytest.fixture
def show(page, open_video, fake_youtube, real_cards):
    """Open the watch page of one of the real videos at a width and theme; returns the panel."""
    def go(name, width=1280, height=800, dark=False):
        cards = real_cards[name]
        video_id = VIDEOS[name]
        fake_youtube.videos[video_id] = {"title": cards["video"]["title"], "channel": cards["video"]["channel"]}
        fake_youtube.dark = dark
        page.set_viewport_size({"width": width, "height": height})
        return open_video(page, video_id)
    return go


def shoot(page, name):
    folder = SHOTS if name in README_SHOTS else ARTIFACTS
    folder.mkdir(parents=True, exist_ok=True)
    page.mouse.move(0, 0)  # no hover text in the picture
    page.screenshot(path=str(folder / f"{name}.png"))


def luminance(css: str) -> float:
    """WCAG relative luminance of a computed 'rgb(r, g, b)' colour."""
    r, g, b = (int(v) / 255 for v in re.findall(r"[\d.]+", css)[:3])
    lin = lambda c: c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4
    return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b)


def contrast(a: str, b: str) -> float:
    hi, lo = sorted((luminance(a), luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def computed(panel, selector: str, prop: str) -> str:
    return panel.evaluate(f"(host, sel) => getComputedStyle(host.shadowRoot.querySelector(sel)).{prop}", selector)


@pytest.mark.parametrize("name", list(VIDEOS))
def test_real_cards_render_without_placeholders(show, page, name):
    panel = show(name)
    page.wait_for_function(f"{VIDEO_JS}.readyState >= 1")
    page.evaluate(f"{VIDEO_JS}.currentTime = 400")  # the strip and the chapters show where we are
    panel.locator(".tl-fill").first.wait_for()
    page.wait_for_timeout(100)
    shoot(page, f"real-{name}-1280-light")
    text = panel.evaluate("el => el.shadowRoot.querySelector('.panel').innerText")
    for word in ("null", "undefined", "NaN", "[object"):
        assert not re.search(rf"\b{re.escape(word)}\b", text), f"{word!r} shown in the panel"
    # the cards say what they are about, and times are times
    assert panel.locator(".headline").inner_text().strip()
    assert all(re.fullmatch(r"(\d+:)?\d{1,2}:\d{2}", t) for t in panel.locator("a.time").all_inner_texts())


def test_the_header_is_compact_and_the_cards_get_the_height(show):
    """Bar, facts and strip together take at most 130 px (they took 223 of 706 before)."""
    panel = show("podcast")
    box = panel.evaluate("""host => {
        const r = (sel) => host.shadowRoot.querySelector(sel).getBoundingClientRect();
        return {top: r('.panel').top, view: r('[data-view=summary]').top, bottom: r('.panel').bottom};
    }""")
    header = box["view"] - box["top"]
    assert header <= 130, header
    assert header / (box["bottom"] - box["top"]) < 0.2
    # the headline outweighs the section headings
    assert int(computed(panel, ".headline", "fontWeight")) > int(computed(panel, "h3", "fontWeight"))
    assert float(computed(panel, ".headline", "fontSize")[:-2]) > float(computed(panel, "h3", "fontSize")[:-2])


def test_every_section_ends_with_air_above_the_next_ones_line(show):
    """The last line, card or chip of a section stands clear of the divider under it (topics' chips touched it)."""
    panel = show("long")
    gaps = panel.evaluate("""host => [...host.shadowRoot.querySelectorAll('[data-view=summary] .section + .section')]
        .map(s => [s.previousElementSibling.dataset.section,
                   s.getBoundingClientRect().top - s.previousElementSibling.lastElementChild.getBoundingClientRect().bottom])""")
    assert [name for name, _ in gaps] == ["about", "ideas", "quotes", "topics"]
    assert {name: gap for name, gap in gaps if gap < 10} == {}


@pytest.mark.parametrize("dark", [False, True], ids=["light", "dark"])
def test_the_strip_has_contrast_a_legend_and_time_labels(show, page, dark):
    panel = show("long", dark=dark)
    page.wait_for_function(f"{VIDEO_JS}.readyState >= 1")
    page.evaluate(f"{VIDEO_JS}.currentTime = 400")
    page.wait_for_timeout(100)
    theme = "dark" if dark else "light"
    shoot(page, f"real-long-1280-{theme}")
    background = computed(panel, ".panel", "backgroundColor")
    assert background == ("rgb(15, 15, 15)" if dark else "rgb(255, 255, 255)")
    # every part of the strip stands out from the panel by 3:1 at least (WCAG 1.4.11)
    for part in (".tl-seg", ".tl-fill", ".tl-mark.tl-idea", ".tl-mark.tl-quote", ".tl-key-hit"):
        ratio = contrast(computed(panel, part, "backgroundColor"), background)
        assert ratio >= 3, f"{part}: {ratio:.2f}:1"
    assert contrast(computed(panel, ".tl-info", "color"), background) >= 4.5  # its text
    # 25+ chapters still read as one bar: cuts of 1 px, not dashes
    cuts = panel.locator(".tl-seg").evaluate_all("els => els.map(e => parseFloat(getComputedStyle(e).borderRightWidth))")
    assert len(cuts) >= 20 and max(cuts) <= 1
    info = panel.locator(".tl-info")
    assert info.locator(".tl-time").all_inner_texts() == ["0:00", "3:02:58"]
    assert info.locator(".tl-legend").inner_text().split() == ["Ideas", "Quotes"]
    # the hover text takes the legend's line: it covers nothing else
    track = panel.locator(".tl-track")
    track.hover(position={"x": 40, "y": 6})
    tip = panel.locator(".tl-tip")
    assert tip.is_visible() and tip.inner_text()
    tip_box, strip_box = tip.bounding_box(), panel.locator("[data-part=timeline]").bounding_box()
    view_top = panel.locator("[data-view=summary]").bounding_box()["y"]
    assert tip_box["y"] >= strip_box["y"] and tip_box["y"] + tip_box["height"] <= view_top


@pytest.mark.parametrize("dark", [False, True], ids=["light", "dark"])
def test_transcript_search_shows_context_keeps_its_height_and_marks_the_strip(show, page, dark):
    panel = show("talk", dark=dark)
    panel.get_by_role("tab", name="Transcript").click()
    lines = panel.locator(".tr-line")
    lines.first.wait_for()
    # the captions' "--" is shown as a dash (this talk's transcript has 14 of them)
    shown = panel.locator(".tr-lines").inner_text()
    assert "--" not in shown and " — " in shown
    assert "--" not in panel.evaluate("el => el.shadowRoot.querySelector('[data-view=summary]').innerText")
    box = panel.locator('input[data-action="search-transcript"]')
    clear = panel.locator('button[data-action="clear-search"]')
    assert clear.is_hidden()
    height = panel.bounding_box()["height"]
    box.fill("creativity")
    count = panel.locator(".tr-count")
    count.filter(has_text="match").wait_for()
    hits = panel.locator(".tr-line:not([hidden])")
    assert 2 <= hits.count() < lines.count()
    assert abs(panel.bounding_box()["height"] - height) < 2  # no jump as the list shrinks
    # a hit inside a sentence shows the words around it from the neighbouring lines
    assert panel.locator(".tr-line:not([hidden]) .tr-context:not([hidden])").count() > 0
    # the strip marks where the hits are, and the legend counts them
    assert panel.locator(".tl-hit").count() >= 2
    assert "found" in panel.locator(".tl-legend").inner_text()
    shoot(page, f"real-talk-search-{'dark' if dark else 'light'}")
    # the clear button shows while the box has text, focused or not
    panel.get_by_role("tab", name="Summary").focus()
    assert clear.is_visible()
    panel.get_by_role("tab", name="Transcript").click()
    clear.click()
    assert box.input_value() == "" and clear.is_hidden()
    assert panel.locator(".tl-hit").count() == 0
    assert panel.locator(".tr-line:not([hidden])").count() == lines.count()


def test_copy_an_idea_and_the_feedback_covers_no_card(show, page, real_cards):
    panel = show("talk")
    idea = real_cards["talk"]["ideas"][0]
    panel.locator("[data-idea]").first.locator('button[data-action="copy-idea"]').click()
    want = f"{idea['title']}: {idea['detail']} — {real_cards['talk']['video']['title']} (https://youtu.be/{VIDEOS['talk']}?t={int(idea['start'])})"
    page.wait_for_function("async (want) => (await navigator.clipboard.readText()) === want", arg=want)
    quote = panel.locator("[data-quote]").first
    quote.locator('button[data-action="copy-quote"]').click()
    toast = panel.locator(".toast")
    expect(toast).to_have_text("Quote copied")
    # it sits in the top bar, and the bar ends where the cards begin
    t, bar = toast.bounding_box(), panel.locator(".bar").bounding_box()
    assert bar["y"] <= t["y"] and t["y"] + t["height"] <= bar["y"] + bar["height"]
    assert bar["y"] + bar["height"] <= panel.locator("[data-view=summary]").bounding_box()["y"]


@pytest.mark.parametrize("dark", [False, True], ids=["light", "dark"])
def test_at_900_px_the_panel_is_shown_when_opened_and_a_seek_brings_the_video_back(page, fake_youtube, extension, real_cards, dark):
    """Narrow window: the panel sits under the description; opening it scrolls it into view,
    and clicking a time scrolls the video back into view."""
    cards = real_cards["podcast"]
    video_id = VIDEOS["podcast"]
    fake_youtube.videos[video_id] = {"title": cards["video"]["title"], "channel": cards["video"]["channel"]}
    fake_youtube.dark = dark
    extension.set_settings(autoOpen=False)
    page.set_viewport_size({"width": 900, "height": 800})
    page.goto(fake_youtube.watch_url(video_id))
    page.wait_for_selector("ytd-watch-flexy:not([is-two-columns_])", state="attached")
    page.wait_for_timeout(300)  # the content script has started (it listens for the button)
    extension.toggle(page)
    page.wait_for_selector("#glance-panel[data-state=ready]")
    panel = page.locator("#glance-panel")
    assert panel.get_attribute("data-placement") == "below"
    top = panel.bounding_box()["y"]
    assert 0 <= top < 800 * 0.5, top  # in sight, not below the fold
    shoot(page, f"real-podcast-900-{'dark' if dark else 'light'}")
    page.wait_for_function(f"{VIDEO_JS}.readyState >= 1")
    video = page.locator("#movie_player video")
    assert video.bounding_box()["y"] + video.bounding_box()["height"] < 64  # scrolled out of view
    # the first idea or quote time the page's media (a 10-minute silent WAV) can reach
    links = panel.locator('[data-section="ideas"] a.time, [data-section="quotes"] a.time')
    target = next(link for link in links.all() if 5 < float(link.get_attribute("data-seek")) < 590)
    seconds = float(target.get_attribute("data-seek"))
    target.click()
    page.wait_for_function(f"Math.abs({VIDEO_JS}.currentTime - {seconds}) < 1.5")
    seen = video.bounding_box()
    assert seen["y"] >= 56 and seen["y"] + seen["height"] <= 800
