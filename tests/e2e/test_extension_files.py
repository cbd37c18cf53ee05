"""Conventions of the extension's files, kept by small checks (no browser needed):
the manifest names files that exist, in the order the content scripts need; every file
says what it owns on its first line; no HTML is ever parsed from strings; the service
worker keeps no state in globals; the example cards use only keys the panel renders.
"""

from __future__ import annotations

import json
import re

import pytest

from e2e_support import DATA_DIR, EXTENSION_DIR

MANIFEST = json.loads((EXTENSION_DIR / "manifest.json").read_text(encoding="utf-8"))
ALL_FILES = sorted(p for p in EXTENSION_DIR.rglob("*") if p.suffix in {".js", ".css", ".html"})
# Issue 5's transcript readers keep their own conventions (captions.js parses caption
# XML with DOMParser, page-hook.js runs in YouTube's world); these checks cover the rest.
ISSUE_5 = {"page-hook.js", "captions.js", "transcript-panel.js", "page-data.js", "transcript-source.js"}
OWN_FILES = [p for p in ALL_FILES if p.name not in ISSUE_5]


def test_manifest_files_exist_and_content_scripts_are_ordered():
    names = [MANIFEST["background"]["service_worker"], MANIFEST["options_ui"]["page"],
             *MANIFEST["icons"].values(), *MANIFEST["web_accessible_resources"][0]["resources"]]
    for entry in MANIFEST["content_scripts"]:
        names += entry["js"]
    for name in names:
        assert (EXTENSION_DIR / name).is_file(), name
    isolated = [e for e in MANIFEST["content_scripts"] if e.get("world", "ISOLATED") == "ISOLATED"
                and e["run_at"] == "document_idle"]
    assert len(isolated) == 1
    js = isolated[0]["js"]
    # the page hook's private channel is taken at document_start, before any page script
    starts = [(e.get("world", "ISOLATED"), e["js"]) for e in MANIFEST["content_scripts"] if e["run_at"] == "document_start"]
    assert starts == [("ISOLATED", ["content/page/hook-channel.js"]), ("MAIN", ["content/page/page-hook.js"])]
    # youtube.js and the helpers first; the panel, then main.js (which uses them all) last
    assert js[0] == "content/page/youtube.js"
    assert js[-2:] == ["content/panel/panel.js", "content/main.js"]
    for helper in ["content/panel/format.js", "content/panel/dom.js", "content/panel/timeline.js", "content/panel/cards-view.js",
                   "content/panel/transcript-view.js", "content/panel/messages.js"]:
        assert js.index(helper) < js.index("content/panel/panel.js")
    assert MANIFEST["background"]["type"] == "module"
    assert "http://127.0.0.1/*" in MANIFEST["host_permissions"]
    assert "_execute_action" in MANIFEST["commands"]


@pytest.mark.parametrize("path", ALL_FILES, ids=lambda p: str(p.relative_to(EXTENSION_DIR)))
def test_every_file_opens_with_what_it_owns(path):
    first = path.read_text(encoding="utf-8").lstrip()
    assert first.startswith(("//", "/*", "<!doctype html>\n<!--", "<!--")), path


@pytest.mark.parametrize("path", [p for p in OWN_FILES if p.suffix == ".js"], ids=lambda p: p.name)
def test_no_html_is_parsed_from_strings(path):
    source = path.read_text(encoding="utf-8")
    assert not re.search(r"innerHTML|outerHTML|insertAdjacentHTML|document\.write|DOMParser|createContextualFragment", source)


def test_service_worker_keeps_no_state_in_globals():
    source = (EXTENSION_DIR / "service-worker.js").read_text(encoding="utf-8")
    top_level = [line for line in source.splitlines() if re.match(r"(let|var)\s", line)]
    assert top_level == []
    consts = re.findall(r"^const (\w+) = (.*)$", source, re.M)
    for name, value in consts:  # numbers, a regex, or the table of request builders
        assert re.match(r"[\d_]+;|/.*/;|\{$", value), (name, value)
    assert "fetch(" in source


def test_only_the_service_worker_calls_the_server():
    callers = [p.name for p in OWN_FILES if p.suffix == ".js" and re.search(r"\bfetch\(", p.read_text(encoding="utf-8"))]
    assert callers == ["service-worker.js"]


def test_example_cards_have_every_card_the_panel_renders():
    cards = json.loads((DATA_DIR / "cards.json").read_text(encoding="utf-8"))
    assert set(cards) == {"video_id", "video", "about", "ideas", "quotes", "topics", "chapters", "meta"}
    assert set(cards["video"]) == {"title", "channel", "published", "duration", "people"}
    panel = (EXTENSION_DIR / "content" / "panel" / "cards-view.js").read_text(encoding="utf-8")
    for section in ["about", "ideas", "quotes", "topics", "chapters"]:
        assert f'section("{section}"' in panel


def test_shared_helpers_and_selectors_are_defined_once():
    content = EXTENSION_DIR / "content"
    sleeps = [p.name for p in content.rglob("*.js") if re.search(r"function sleep\(", p.read_text(encoding="utf-8"))]
    assert sleeps == ["wait.js"]
    js = next(e for e in MANIFEST["content_scripts"] if e["run_at"] == "document_idle")["js"]
    for user in ["content/page/transcript-panel.js", "content/page/transcript-source.js"]:
        assert js.index("content/page/wait.js") < js.index(user)
    youtube = (content / "page" / "youtube.js").read_text(encoding="utf-8")
    for selector in ['"#movie_player video"', '"#movie_player.ad-showing"', '"ytd-watch-metadata #title h1"',
                     '"ytd-watch-metadata ytd-channel-name a"', '"ytd-watch-flexy"']:
        assert youtube.count(selector) == 1, selector
