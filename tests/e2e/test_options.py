"""The options page: shows the defaults, tests the connection through the service worker,
saves the server address, the language and when the panel opens (chrome.storage.local).
"""

from __future__ import annotations

import re

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
    page.wait_for_selector("#server-status[data-kind=warn]")  # saved, but nothing answers there
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


def test_an_address_without_scheme_tests_and_saves_and_stale_status_goes(page, extension, glance_server):
    page.goto(extension.url("options/options.html"))
    address = page.get_by_label("Glance server address")
    status = page.locator("#server-status")
    bare = glance_server.url.removeprefix("http://")  # "127.0.0.1:PORT", as people type it
    page.evaluate("chrome.storage.local.set({serverUrl: 'http://127.0.0.1:1'})")
    address.fill(bare)
    page.get_by_role("button", name="Test connection").click()
    expect(status).to_have_attribute("data-kind", "ok")
    assert status.inner_text().startswith("Connected: Glance")
    address.press("End")
    address.type("0")  # any edit: the green line spoke about the old text
    expect(status).to_have_text("")
    address.fill(bare)
    page.get_by_role("button", name="Save").click()
    expect(status).to_have_text(re.compile(r"^Saved\. Connected: Glance"))
    assert status.get_attribute("data-kind") == "ok"
    assert address.input_value() == glance_server.url
    assert stored(page)["serverUrl"] == glance_server.url


def test_saving_an_address_where_nothing_answers_warns(page, extension):
    page.goto(extension.url("options/options.html"))
    closed = f"127.0.0.1:{free_port()}"
    page.get_by_label("Glance server address").fill(closed)
    page.get_by_role("button", name="Save").click()
    status = page.locator("#server-status")
    expect(status).to_have_attribute("data-kind", "warn")
    assert status.inner_text().startswith("Saved, but no Glance server answers there yet.")
    assert stored(page)["serverUrl"] == f"http://{closed}"


def test_a_wrong_path_is_reported_in_one_plain_sentence(page, extension, glance_server):
    page.goto(extension.url("options/options.html"))
    page.get_by_label("Glance server address").fill(f"{glance_server.url}/glance")
    page.get_by_role("button", name="Test connection").click()
    status = page.locator("#server-status")
    expect(status).to_have_attribute("data-kind", "error")
    text = status.inner_text()
    assert "isn't a Glance server" in text
    assert ".." not in text and "endpoint" not in text


def test_the_options_page_says_where_the_library_is(page, extension, glance_server):
    page.goto(extension.url("options/options.html"))
    link = page.locator("#library-url")
    expect(link).to_have_text(f"{glance_server.url}/library")
    assert link.get_attribute("href") == f"{glance_server.url}/library"
    other = f"http://127.0.0.1:{free_port()}"
    page.get_by_label("Glance server address").fill(other)
    page.get_by_role("button", name="Save").click()
    page.wait_for_selector("#server-status[data-kind=warn]")
    expect(link).to_have_text(f"{other}/library")


def test_test_connection_names_a_read_only_or_missing_database(page, extension, tmp_path):
    """A Glance whose disk is full says so on Test connection; one whose database is gone is Glance too."""
    import shutil
    import threading

    from werkzeug.serving import make_server

    from server import create_app

    app = create_app({"DATABASE": str(tmp_path / "data" / "g.db"), "WORKERS": 0, "RATE_LIMIT": 0})
    store = app.extensions["glance.store"]
    for conn in store._opened:  # SQLite's own "database or disk is full"
        conn.execute(f"PRAGMA max_page_count = {conn.execute('PRAGMA page_count').fetchone()[0]}")
    segments = [{"start": i, "duration": 1, "text": f"Line {i} of words to store."} for i in range(3000)]
    failed = app.test_client().post("/api/v1/videos/abcdefghijk/summary", json={"transcript": {"segments": segments}})
    assert failed.status_code == 503
    server = make_server("127.0.0.1", 0, app, threaded=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        page.goto(extension.url("options/options.html"))
        page.get_by_label("Glance server address").fill(f"http://127.0.0.1:{server.server_port}")
        status = page.locator("#server-status")

        page.get_by_role("button", name="Test connection").click()
        page.wait_for_selector("#server-status[data-kind=warn]")
        assert status.inner_text().startswith("Connected: Glance") and "read-only" in status.inner_text()

        shutil.rmtree(tmp_path / "data")
        page.get_by_role("button", name="Test connection").click()
        page.wait_for_selector("#server-status[data-kind=error]")
        assert "The Glance server at" in status.inner_text() and "database" in status.inner_text()
        assert "not as Glance" not in status.inner_text()
    finally:
        server.shutdown()
        store.close()
        extension.reset_settings()
