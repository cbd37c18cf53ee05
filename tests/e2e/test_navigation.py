"""The panel lives by the video id: YouTube's in-page navigation replaces it, a late
reply for the previous video is dropped, leaving watch pages removes it, the toolbar
button opens and closes it, and it follows the layout (narrow window, theater mode).
"""

from __future__ import annotations

from e2e_support import MAIN_VIDEO, SECOND_VIDEO, api_matcher


def navigate(page, video_id: str | None, title: str = ""):
    url = f"/watch?v={video_id}" if video_id else "/results?search_query=soil"
    page.evaluate("([url, title]) => fakeNavigate(url, {title})", [url, title])


def panels(page):
    return page.evaluate("() => [...document.querySelectorAll('#glance-panel')].map(p => p.dataset.videoId)")


def test_navigating_to_another_video_replaces_the_panel(page, open_video):
    panel = open_video(page, MAIN_VIDEO)
    panel.locator('[data-section="transcript"] .tr-line').first.wait_for(state="attached")
    navigate(page, SECOND_VIDEO, "Saving Seeds for Next Year")
    page.wait_for_selector(f'#glance-panel[data-video-id="{SECOND_VIDEO}"][data-state="ready"]')
    assert panels(page) == [SECOND_VIDEO]
    assert panel.locator("h2.title").inner_text() == "Saving Seeds for Next Year"
    assert panel.locator("[data-quote]").count() == 1
    # and back again (history): the first video's panel returns
    page.go_back()
    page.wait_for_selector(f'#glance-panel[data-video-id="{MAIN_VIDEO}"][data-state="ready"]')
    assert panels(page) == [MAIN_VIDEO]


def test_a_slow_reply_for_the_previous_video_is_dropped(page, open_video, routes, glance_server):
    routes.hold(api_matcher(glance_server.url, MAIN_VIDEO, stored=True))
    open_video(page, MAIN_VIDEO, state="loading")
    page.wait_for_function("() => true")  # let the worker's request reach the route
    for _ in range(50):
        if routes.held:
            break
        page.wait_for_timeout(50)
    assert routes.held, "the first video's request never went out"
    navigate(page, SECOND_VIDEO, "Saving Seeds for Next Year")
    page.wait_for_selector(f'#glance-panel[data-video-id="{SECOND_VIDEO}"][data-state="ready"]')
    # now the first video's reply arrives, from the real server
    with page.context.expect_event("requestfinished", predicate=lambda r: MAIN_VIDEO in r.url):
        routes.held.pop().continue_()
    page.wait_for_timeout(300)
    assert panels(page) == [SECOND_VIDEO]
    panel = page.locator("#glance-panel")
    assert panel.get_attribute("data-state") == "ready"
    assert panel.locator("h2.title").inner_text() == "Saving Seeds for Next Year"


def test_leaving_watch_pages_removes_the_panel(page, open_video):
    open_video(page, MAIN_VIDEO)
    navigate(page, None)
    page.wait_for_function("() => !document.querySelector('#glance-panel')")
    navigate(page, SECOND_VIDEO, "Saving Seeds for Next Year")
    page.wait_for_selector('#glance-panel[data-state="ready"]')
    assert panels(page) == [SECOND_VIDEO]


def test_toolbar_button_opens_and_closes_the_panel(page, open_video, extension):
    extension.set_settings(autoOpen=False)
    open_video(page, MAIN_VIDEO, state=None)
    page.wait_for_timeout(500)
    assert panels(page) == []
    extension.toggle(page)
    page.wait_for_selector('#glance-panel[data-state="ready"]')
    # once opened it follows the tab to the next video
    navigate(page, SECOND_VIDEO)
    page.wait_for_selector(f'#glance-panel[data-video-id="{SECOND_VIDEO}"][data-state="ready"]')
    extension.toggle(page)
    page.wait_for_function("() => !document.querySelector('#glance-panel')")
    # the panel's own close button, then the button again
    extension.toggle(page)
    panel = page.locator('#glance-panel[data-state="ready"]')
    panel.get_by_role("button", name="Close Glance").click()
    page.wait_for_function("() => !document.querySelector('#glance-panel')")
    navigate(page, MAIN_VIDEO)
    page.wait_for_timeout(300)
    assert panels(page) == []


def test_narrow_window_puts_the_panel_below_the_player_and_back(page, open_video):
    panel = open_video(page, MAIN_VIDEO)
    page.set_viewport_size({"width": 900, "height": 800})
    page.wait_for_selector('#glance-panel[data-placement="below"]', state="attached")
    assert page.evaluate("document.querySelector('#glance-panel').parentElement.id") == "below"
    assert page.evaluate("document.querySelector('#glance-panel').previousElementSibling.tagName") == "YTD-WATCH-METADATA"
    assert panel.is_visible() and panel.get_attribute("data-state") == "ready"
    title = page.locator("ytd-watch-metadata h1").bounding_box()
    assert panel.bounding_box()["y"] >= title["y"] + title["height"]  # below the player and its title
    page.set_viewport_size({"width": 1280, "height": 800})
    page.wait_for_selector('#glance-panel[data-placement="side"]', state="attached")
    assert page.evaluate("document.querySelector('#glance-panel').parentElement.id") == "secondary-inner"
    assert panels(page) == [MAIN_VIDEO]


def test_theater_mode_keeps_the_panel_in_the_right_column(page, open_video):
    panel = open_video(page, MAIN_VIDEO)
    page.evaluate("setTheater(true)")
    page.wait_for_timeout(200)
    assert page.evaluate("document.querySelector('#glance-panel').parentElement.id") == "secondary-inner"
    player = page.locator("#movie_player").bounding_box()
    assert panel.is_visible()
    assert panel.bounding_box()["y"] >= player["y"] + player["height"]  # the column now starts below the player
    assert panel.get_attribute("data-state") == "ready"


def test_a_click_while_the_page_is_still_loading_is_not_lost(page, open_video, extension):
    """The button is pressed while the content script is still reading its settings."""
    extension.set_settings(autoOpen=False)
    worker = extension.worker()
    # The worker presses the button for the tab the moment that tab's content script asks
    # for its settings, i.e. before the settings' answer can have arrived.
    worker.evaluate(
        """() => {
            self.__glanceEarlyClick = (message, sender) => {
                if (message?.type !== "settings" || !sender.tab) return;
                chrome.runtime.onMessage.removeListener(self.__glanceEarlyClick);
                self.togglePanel(sender.tab);
            };
            chrome.runtime.onMessage.addListener(self.__glanceEarlyClick);
        }"""
    )
    try:
        open_video(page, MAIN_VIDEO, state="ready")
        assert panels(page) == [MAIN_VIDEO]
    finally:
        worker.evaluate("() => chrome.runtime.onMessage.removeListener(self.__glanceEarlyClick)")
