"""The panel follows YouTube's theme (html[dark]), live, and its styles stay inside its
shadow root. Saves screenshots of the panel with the example cards in both themes (PNG) in
tests/e2e/artifacts/ for people to look at (the README's come from test_real_cards.py).
"""

from __future__ import annotations

import pytest

from e2e_support import MAIN_VIDEO, ROOT

SHOTS = ROOT / "tests" / "e2e" / "artifacts"

BACKGROUND = "el => getComputedStyle(el.shadowRoot.querySelector('.panel')).backgroundColor"


@pytest.mark.parametrize("dark", [False, True], ids=["light", "dark"])
def test_panel_follows_youtube_theme_and_screenshot(page, open_video, fake_youtube, dark):
    fake_youtube.dark = dark
    page.set_viewport_size({"width": 1280, "height": 900})
    panel = open_video(page, MAIN_VIDEO)
    panel.get_by_role("tab", name="Summary").wait_for()
    assert panel.get_attribute("data-theme") == ("dark" if dark else "light")
    assert panel.evaluate(BACKGROUND) == ("rgb(15, 15, 15)" if dark else "rgb(255, 255, 255)")
    page.wait_for_function("document.querySelector('#movie_player video').readyState >= 1")
    page.evaluate("document.querySelector('#movie_player video').currentTime = 160")
    page.wait_for_timeout(200)
    SHOTS.mkdir(parents=True, exist_ok=True)
    name = "dark" if dark else "light"
    panel.screenshot(path=str(SHOTS / f"panel-{name}.png"))
    page.screenshot(path=str(SHOTS / f"watch-page-{name}.png"))
    panel.get_by_role("tab", name="Transcript").click()
    panel.locator('input[data-action="search-transcript"]').fill("water")
    panel.locator(".tr-line mark").first.wait_for()  # the search runs once typing settles
    panel.screenshot(path=str(SHOTS / f"transcript-{name}.png"))
    assert (SHOTS / f"panel-{name}.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_theme_switch_on_youtube_switches_the_panel_live(page, open_video):
    panel = open_video(page, MAIN_VIDEO)
    page.evaluate("document.documentElement.setAttribute('dark', '')")
    page.wait_for_selector('#glance-panel[data-theme="dark"]', state="attached")
    assert panel.evaluate(BACKGROUND) == "rgb(15, 15, 15)"
    page.evaluate("document.documentElement.removeAttribute('dark')")
    page.wait_for_selector('#glance-panel[data-theme="light"]', state="attached")


def test_styles_do_not_leak_either_way(page, open_video):
    panel = open_video(page, MAIN_VIDEO)
    page.add_style_tag(content="h3, button, .title { color: rgb(1, 2, 3) !important; font-size: 40px !important; }")
    assert panel.locator("h3").first.evaluate("el => getComputedStyle(el).color") != "rgb(1, 2, 3)"
    assert panel.locator("h2.title").evaluate("el => getComputedStyle(el).fontSize") == "16px"
    # the panel's own classes (.section, .chip, .title ...) do not style YouTube's page
    assert page.evaluate("getComputedStyle(document.querySelector('#related .meta')).fontWeight") == "500"
    assert page.evaluate("[...document.styleSheets].every(s => !s.href || !s.href.startsWith('chrome-extension:'))")
