"""With a language model configured, in real Chromium with the real extension: the offline cards at
once, a line naming the model with its progress, the model's cards replacing them in place (tab and
scroll kept, no click, no error state in between however slow the model is), both sets to switch
between, the stored summary at once on reopening, a failing model's reason, Regenerate and Forget.

The LLM is the fake server of tests/llm_fake_server.py behind the real Glance app on its own port.
"""

from __future__ import annotations

import json
import threading
import time

import pytest
from llm_fake_server import FakeLLM, cards_for, error_reply, lines_of, llm_config, model_answer, openai_reply

from e2e_support import ROOT
from server.models import Transcript

VIDEO = "llmVideo001"
PANEL = "#glance-panel"
ARTIFACTS = ROOT / "tests" / "e2e" / "artifacts"
# The panel's longest wait for one answer (main.js GENERATE_MS: the worker's 45 s and a margin):
# the held model below answers later than that.
LONGEST_PANEL_TIMEOUT = 47.0


@pytest.fixture
def llm(tmp_path, load_data, extension):
    """start(**settings) -> (fake, app): the real app with SUMMARIZER=llm over a fake model, the
    video's transcript stored (as if the server had fetched it), the extension pointed at it."""
    from werkzeug.serving import make_server

    from server import create_app

    fake = FakeLLM().start()
    servers = []

    def start(**settings):
        app = create_app({"DATABASE": str(tmp_path / "glance.db"), "SUMMARIZER": "llm", "RATE_LIMIT": 0,
                          **llm_config(fake, LLM_RETRIES="0", LLM_TIMEOUT="120", **settings)})
        app.extensions["glance.store"].save_transcript(VIDEO, Transcript.from_dict(load_data("cards-transcript.json")))
        server = make_server("127.0.0.1", 0, app, threaded=True)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        extension.set_settings(serverUrl=f"http://127.0.0.1:{server.server_port}", autoOpen=True)
        return fake, app

    yield start
    for server in servers:
        server.shutdown()
    fake.stop()


def held(fake, headline=None, from_request=1):
    """Make answers from request `from_request` on wait for the returned event (a model on a slow
    laptop, slower than anything), optionally with a new headline."""
    release = threading.Event()

    def answer(request):
        if len(fake.requests) >= from_request:
            release.wait(300)
        if headline is None:
            return model_answer(request)
        return openai_reply({**cards_for(lines_of(request)), "headline": headline})

    fake.default = answer
    return release


def state(page) -> dict:
    return page.evaluate("""() => {
        const host = document.querySelector('#glance-panel');
        const root = host?.shadowRoot;
        const line = root?.querySelector('.gs-line');
        return {state: host?.dataset.state, error: host?.dataset.error || null,
                line: line && !line.hidden ? line.textContent : null,
                provenance: root?.querySelector('.provenance')?.textContent || null,
                headline: root?.querySelector('.headline')?.textContent || null,
                scroll: root?.querySelector('#glance-summary')?.scrollTop ?? null,
                maxScroll: (() => { const v = root?.querySelector('#glance-summary'); return v ? v.scrollHeight - v.clientHeight : null; })()};
    }""")


def shoot(page, name):
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"))


def wait_for(page, condition: str, timeout=30_000):
    page.wait_for_function(f"() => {{ const root = document.querySelector('#glance-panel')?.shadowRoot; return Boolean(root && ({condition})); }}",
                           timeout=timeout)


def test_offline_cards_at_once_then_the_models_replace_them_in_place(page, llm, open_video):
    fake, app = llm(LLM_CONTEXT_TOKENS="3500", LLM_MAX_OUTPUT_TOKENS="700")  # four parts, then a merge
    release = held(fake, from_request=2)  # part 1 answers; part 2 takes longer than the panel waits for anything
    panel = open_video(page, VIDEO)
    first = state(page)
    assert first["provenance"].startswith("Summarized on your computer")  # the offline cards, at once
    wait_for(page, "root.querySelector('.gs-line')?.textContent.includes('part 2 of 4')")
    assert state(page)["line"] == "A fuller summary is being written by test-model · part 2 of 4"
    shoot(page, "llm-writing")
    summary = panel.locator("#glance-summary")
    summary.evaluate("(el) => (el.scrollTop = 80)")
    scrolled = summary.evaluate("(el) => el.scrollTop")
    assert scrolled > 0
    # The model takes longer than any of the panel's own timeouts: the panel stays as it is.
    held_since = time.monotonic()
    while time.monotonic() - held_since < LONGEST_PANEL_TIMEOUT + 3:
        now = state(page)
        assert now["state"] == "ready" and now["error"] is None, now
        assert now["line"] == "A fuller summary is being written by test-model · part 2 of 4", now
        time.sleep(1.0)
    assert len(fake.requests) == 2  # part 2, still being answered
    release.set()
    wait_for(page, "root.querySelector('.provenance')?.textContent.startsWith('Written by test-model')", timeout=20_000)
    page.wait_for_timeout(500)  # anything that would shift the view after the swap has happened by now
    after = state(page)
    assert after["state"] == "ready" and after["line"] is None
    assert after["headline"] == "The whole video in one line"  # the merge's headline
    asked = len(fake.requests)
    assert asked == 5
    assert after["maxScroll"] > scrolled and abs(after["scroll"] - scrolled) <= 1  # where the reader was
    assert panel.locator('[data-set="summary"]').get_attribute("aria-pressed") == "true"
    shoot(page, "llm-ready")

    panel.locator('[data-set="highlights"]').click()  # the offline set is kept: switch and copy it
    wait_for(page, "root.querySelector('.provenance')?.textContent.startsWith('Summarized on your computer')")
    assert state(page)["headline"] == first["headline"]
    panel.locator('button[data-action="copy-markdown"]').click()
    page.wait_for_function("async (want) => (await navigator.clipboard.readText()).includes(want)", arg=first["headline"])
    panel.locator('[data-set="summary"]').click()
    wait_for(page, "root.querySelector('.provenance')?.textContent.startsWith('Written by test-model')")

    open_video(page, VIDEO)  # reopening: the model's cards at once, no new request to it
    again = state(page)
    assert again["provenance"].startswith("Written by test-model") and again["line"] is None
    assert again["headline"] == "The whole video in one line" and len(fake.requests) == asked


def test_a_failing_model_leaves_the_offline_cards_and_says_why_in_one_line(page, llm, open_video):
    fake, app = llm()
    fake.default = lambda request: error_reply(500, "server_error", "boom")
    open_video(page, VIDEO)
    wait_for(page, "root.querySelector('.gs-line[data-kind=failed]')")
    now = state(page)
    assert now["state"] == "ready" and now["error"] is None
    assert now["provenance"].startswith("Summarized on your computer")
    assert now["line"] == ("The language model service was busy or could not be reached. "
                           "These are the highlights made on your computer.")
    shoot(page, "llm-failed")


def test_regenerate_gives_new_cards_and_forget_forgets_them(page, llm, open_video):
    fake, app = llm()
    panel = open_video(page, VIDEO)
    wait_for(page, "root.querySelector('.provenance')?.textContent.startsWith('Written by test-model')")
    release = held(fake, headline="A second, better take on small tools")
    panel.locator('[data-action="more"]').click()
    shoot(page, "llm-menu")
    panel.get_by_role("menuitem", name="Regenerate").click()
    wait_for(page, "root.querySelector('.gs-line[data-kind=writing]')")
    assert state(page)["headline"].startswith("How the speakers")  # the old cards stay until the new ones are in
    panel.get_by_role("tab", name="Transcript").click()
    release.set()
    wait_for(page, "root.querySelector('.headline')?.textContent === 'A second, better take on small tools'")
    assert panel.get_by_role("tab", name="Transcript").get_attribute("aria-selected") == "true"  # the tab is kept
    assert len(fake.requests) == 2
    panel.get_by_role("tab", name="Summary").click()
    panel.locator('[data-action="more"]').click()
    panel.get_by_role("menuitem", name="Forget stored cards").click()
    wait_for(page, "root.querySelector('.gs-line')?.textContent.includes('forgotten')")
    client = app.test_client()
    assert client.get(f"/api/v1/videos/{VIDEO}/summary?fetch=0&quick=1").status_code == 404
    assert json.loads(client.get(f"/api/v1/videos/{VIDEO}/summary/status").data)["state"] == "done"


@pytest.mark.parametrize("width", [1280, 900])
@pytest.mark.parametrize("dark", [False, True], ids=["light", "dark"])
def test_the_switch_and_menu_sit_under_the_compact_header(page, llm, open_video, fake_youtube, width, dark):
    fake, app = llm()
    fake_youtube.dark = dark
    page.set_viewport_size({"width": width, "height": 900})
    panel = open_video(page, VIDEO)
    wait_for(page, "root.querySelector('.provenance')?.textContent.startsWith('Written by test-model')")
    panel.locator('[data-action="more"]').click()
    menu = panel.locator(".gs-menu")
    menu.wait_for()
    box = lambda selector: panel.locator(selector).bounding_box()
    shell, bar, row, switch = box(".panel"), box(".bar"), box(".gs-row"), box(".gs-switch")
    assert row["y"] >= bar["y"] + bar["height"]  # under the top bar's tabs, not beside them
    assert abs(switch["y"] + switch["height"] / 2 - (box(".gs-more")["y"] + box(".gs-more")["height"] / 2)) <= 1
    menu_box = menu.bounding_box()  # the open menu stays inside the panel
    assert shell["x"] <= menu_box["x"] and menu_box["x"] + menu_box["width"] <= shell["x"] + shell["width"]
    text = panel.evaluate("(el) => el.shadowRoot.querySelector('.panel').innerText")
    assert "null" not in text and "undefined" not in text
    shoot(page, f"llm-header-{width}-{'dark' if dark else 'light'}")
