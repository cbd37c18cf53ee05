"""A shared server (GLANCE_AUTH=tokens) with the real extension: without a token the panel says what to
do; the token pasted in the options is sent as `Authorization: Bearer`, and the server logs its name."""

from __future__ import annotations

import logging
import re
import threading

from werkzeug.serving import make_server

from e2e_support import MAIN_VIDEO


def test_the_token_from_the_options_is_sent_and_the_panel_explains_a_missing_one(
        page, open_video, extension, tmp_path, caplog, load_data):
    from server import auth, create_app
    from server.validation import parse_transcript

    app = create_app({"DATABASE": str(tmp_path / "shared.db"), "RATE_LIMIT": 0, "AUTH": "tokens"})
    store = app.extensions["glance.store"]
    token = auth.create(store, "alice")
    # the transcript is on the server already (this machine reaches no YouTube): making the cards is the step
    store.save_transcript(MAIN_VIDEO, parse_transcript(load_data("cards-transcript.json"), app.config))
    shared = make_server("127.0.0.1", 0, app, threaded=True)
    threading.Thread(target=shared.serve_forever, daemon=True).start()
    caplog.set_level(logging.INFO, logger="glance.access")
    try:
        extension.set_settings(serverUrl=f"http://127.0.0.1:{shared.server_port}", token="")
        panel = open_video(page, MAIN_VIDEO, state="error")  # stored cards: none; making them: refused
        assert panel.get_attribute("data-error") == "unauthorized"
        alert = panel.get_by_role("alert")
        assert "This Glance server needs a token" in alert.inner_text()
        assert "token" in alert.inner_text() and alert.get_by_role("button", name="Open Glance settings").is_visible()

        options = extension.context.new_page()
        options.goto(extension.url("options/options.html"))
        field = options.get_by_label("Token")
        assert field.get_attribute("type") == "password"
        field.fill(f"  {token} ")
        options.get_by_role("button", name="Use token").click()
        options.wait_for_selector("#token-status[data-kind=ok]")
        assert options.evaluate("chrome.storage.local.get('token')")["token"] == token
        options.close()

        alert.get_by_role("button", name="Try again").click()
        page.wait_for_selector('#glance-panel[data-state="ready"]')
        assert panel.locator("[data-quote]").count() > 0
    finally:
        shared.shutdown()
        extension.reset_settings()
    access = [record.getMessage() for record in caplog.records if record.name == "glance.access"]
    # the panel asks for its cards with ?quick=1 (offline cards at once when a model writes its own)
    assert any(re.search(r"/summary(\?\S*)? 401 token=-$", line) for line in access), access
    assert any(re.search(r"/summary(\?\S*)? 200 token=alice$", line) for line in access), access
    assert not [record for record in caplog.records if token in record.getMessage()]
