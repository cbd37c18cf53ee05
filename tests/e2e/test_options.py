"""The options page: shows the defaults, tests the connection through the service worker,
saves the server address, the language and when the panel opens (chrome.storage.local).
"""

from __future__ import annotations

from playwright.sync_api import expect

from e2e_support import free_port


def stored(page):
    return page.evaluate("chrome.storage.local.get(null)")


def test_defaults_are_shown(extension):
    page = extension.context.new_page()
    try:
        page.goto(extension.url("options/options.html"))
        page.evaluate("chrome.storage.local.clear()")
        page.reload()
        expect(page.get_by_label("Glance server address")).to_have_value("http://127.0.0.1:8765")
        expect(page.get_by_label("Preferred transcript language")).to_have_value("")
        expect(page.get_by_label("Only when I click the Glance button")).to_be_checked()
    finally:
        extension.reset_settings()
        page.close()


def test_test_connection_save_and_choices(page, extension, glance_server):
    page.goto(extension.url("options/options.html"))
    address = page.get_by_label("Glance server address")
    expect(address).to_have_value(glance_server.url)
    status = page.locator("#server-status")

    page.get_by_role("button", name="Test connection").click()
    page.wait_for_selector("#server-status[data-kind=ok]")
    assert status.inner_text().startswith("Connected: Glance")
    assert "extractive" in status.inner_text()

    closed = f"http://127.0.0.1:{free_port()}"
    address.fill(closed)
    page.get_by_role("button", name="Test connection").click()
    page.wait_for_selector("#server-status[data-kind=error]")
    assert "No Glance server answers" in status.inner_text() and "./bin/serve" in status.inner_text()

    address.fill("localhost:9999/")
    page.get_by_role("button", name="Save").click()
    page.wait_for_selector("#server-status[data-kind=ok]")
    assert address.input_value() == "http://localhost:9999"
    assert stored(page)["serverUrl"] == "http://localhost:9999"

    address.fill("ftp://example.com")
    page.get_by_role("button", name="Save").click()
    page.wait_for_selector("#server-status[data-kind=error]")
    assert stored(page)["serverUrl"] == "http://localhost:9999"

    page.get_by_label("Preferred transcript language").select_option("de")
    page.get_by_label("On every video I watch").check()
    page.wait_for_function("async () => (await chrome.storage.local.get('autoOpen')).autoOpen === true")
    assert stored(page)["language"] == "de"
    page.get_by_label("Only when I click the Glance button").check()
    page.wait_for_function("async () => (await chrome.storage.local.get('autoOpen')).autoOpen === false")


def test_preferred_language_is_sent_to_the_server(page, open_video, extension, glance_server, routes):
    seen = []

    def spy(route):
        seen.append(route.request.url)
        route.continue_()

    routes.add(lambda url: url.startswith(glance_server.url), spy)
    extension.set_settings(language="en")
    open_video(page, "gardenTalk1")
    page.locator("#glance-panel .tr-line").first.wait_for(state="attached")
    assert any("summary?lang=en&fetch=0" in url for url in seen), seen
    assert any("transcript?lang=en" in url for url in seen), seen
