"""Conventions of the extension's files, checked for every file (no browser needed): the
manifest names files that exist, in an order where each content script finds the namespaces
it uses already defined; every file opens with a header that says what it owns, and every
content script is written in one idiom (one arrow-function scope that sets the one
globalThis.Glance* namespace its header names, optional chaining rather than `x && x.y`);
no HTML or code is ever parsed from strings; only the service worker makes requests; the
selectors of YouTube's page sit in one table; the service worker keeps no state in globals;
the example cards use only keys the panel renders; comments give reasons, not issue numbers.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from e2e_support import DATA_DIR, EXTENSION_DIR
from extension_source import (code_of, exposed_names, header, namespaces_defined, rel, selector_table, source,
                              strings_of)

MANIFEST = json.loads((EXTENSION_DIR / "manifest.json").read_text(encoding="utf-8"))
ALL_FILES = sorted(p for p in EXTENSION_DIR.rglob("*") if p.suffix in {".js", ".css", ".html"})
JS_FILES = [p for p in ALL_FILES if p.suffix == ".js"]
CONTENT = EXTENSION_DIR / "content"
PAGE_HALF = CONTENT / "page"  # reading YouTube
PANEL_HALF = CONTENT / "panel"  # the sidebar
YOUTUBE = PAGE_HALF / "youtube.js"  # the one selector table
# Every content script, in the order Chrome runs them: document_start first, then document_idle.
CONTENT_SCRIPTS = [(entry.get("world", "ISOLATED"), name)
                   for entry in sorted(MANIFEST["content_scripts"], key=lambda e: e["run_at"] != "document_start")
                   for name in entry["js"]]
# The ES modules: the service worker, the settings it shares with the options page, the options page.
MODULES = ["service-worker.js", "settings.js", "options/options.js"]


# ---- the manifest ----------------------------------------------------------------------------


def test_manifest_files_exist_and_every_script_is_loaded():
    names = [MANIFEST["background"]["service_worker"], MANIFEST["options_ui"]["page"],
             *MANIFEST["icons"].values(), *MANIFEST["web_accessible_resources"][0]["resources"]]
    names += [name for _, name in CONTENT_SCRIPTS]
    for name in names:
        assert (EXTENSION_DIR / name).is_file(), name
    # every script under content/ runs, and every stylesheet there is one the panel links
    scripts = {rel(p) for p in CONTENT.rglob("*.js")}
    assert scripts <= {name for _, name in CONTENT_SCRIPTS}
    styles = {rel(p) for p in CONTENT.rglob("*.css")}
    assert styles == set(MANIFEST["web_accessible_resources"][0]["resources"])
    linked = {s for p in PANEL_HALF.glob("*.js") for s in strings_of(p) if s.endswith(".css")}
    assert linked == styles  # chrome.runtime.getURL(...) of each, from the panel's own files
    assert MANIFEST["background"]["type"] == "module"
    assert "http://127.0.0.1/*" in MANIFEST["host_permissions"]
    assert "_execute_action" in MANIFEST["commands"]


def test_content_scripts_run_in_an_order_where_every_namespace_they_use_exists():
    # the page hook's private channel is taken at document_start, before any page script
    starts = [(e.get("world", "ISOLATED"), e["js"]) for e in MANIFEST["content_scripts"] if e["run_at"] == "document_start"]
    assert starts == [("ISOLATED", ["content/page/hook-channel.js"]), ("MAIN", ["content/page/page-hook.js"])]
    idle = [e for e in MANIFEST["content_scripts"] if e["run_at"] == "document_idle"]
    assert len(idle) == 1 and idle[0].get("world", "ISOLATED") == "ISOLATED"
    js = idle[0]["js"]
    # the shared video-id pattern, the page half, the panel half, then main.js joins them
    halves = [name.split("/")[1] if name.count("/") == 2 else name for name in js]
    assert halves == ["video-id.js", *["page"] * halves.count("page"), *["panel"] * halves.count("panel"), "content/main.js"]
    defined: set[str] = set()
    for world, name in CONTENT_SCRIPTS:
        path = EXTENSION_DIR / name
        used = set(re.findall(r"\bGlance[A-Z]\w*", code_of(path)))
        if world == "MAIN":
            assert used == set(), f"{name} runs in the page's world, where no Glance namespace exists"
            continue
        own = set(namespaces_defined(path))
        assert used - own <= defined, f"{name} uses {sorted(used - own - defined)} before they are defined"
        defined |= own


# ---- headers and the one idiom ---------------------------------------------------------------


@pytest.mark.parametrize("path", ALL_FILES, ids=rel)
def test_every_file_opens_with_a_header_that_says_what_it_owns(path):
    prose, _ = header(path)
    described = re.sub(r"Exposes (nothing|globalThis\.\w+)[^.]*\.?", "", prose)
    assert len(described.split()) >= 10, f"{rel(path)}: the header should say what the file owns: {prose!r}"


@pytest.mark.parametrize("name", [name for _, name in CONTENT_SCRIPTS], ids=str)
def test_every_content_script_is_one_scope_that_sets_the_namespace_its_header_names(name):
    path = EXTENSION_DIR / name
    prose, rest = header(path)
    body = "\n".join(line for line in rest.splitlines() if not line.startswith("//")).strip()
    assert body.startswith("(() => {\n") and body.endswith("\n})();"), f"{name}: one (() => {{ ... }})(); and nothing else"
    own = namespaces_defined(path)
    exposed = re.findall(r"Exposes (?:globalThis\.(Glance\w+)|(nothing))", prose)
    assert len(exposed) == 1, f"{name}: the header says 'Exposes globalThis.Glance...' or 'Exposes nothing' once"
    assert own == ([] if exposed[0][1] else [exposed[0][0]]), (name, own, exposed)
    assert len(re.findall(r"\bglobalThis\.Glance\w+ =", code_of(path))) == len(own)


@pytest.mark.parametrize("path", JS_FILES, ids=rel)
def test_one_idiom_optional_chaining_and_no_var(path):
    code = code_of(path)
    assert not re.search(r"^\s*var\s", code, re.M), "const or let, never var"
    guard = re.search(r"(?<![\w$.])([A-Za-z_$][\w$]*) && \1\.|if \(([A-Za-z_$][\w$]*)\) \2\.\w+\(", code)
    assert guard is None, f"{rel(path)}: write {guard and guard.group(0)!r} with ?. instead"
    if rel(path) in MODULES:
        assert not namespaces_defined(path), "ES modules export; only classic scripts set namespaces"


def test_every_name_a_namespace_exposes_is_used_by_another_file():
    # Used: ns.name, alias.name (const F = GlanceFormat) or destructured (const {h} = GlanceDom),
    # in another extension file, a browser test or a test page.
    others = {p: code_of(p) for p in JS_FILES}
    others |= {p: source(p) for p in Path(__file__).parent.rglob("*") if p.suffix in {".py", ".html", ".js"}}
    for path in JS_FILES:
        namespaces = namespaces_defined(path)
        if not namespaces:
            continue
        ns = namespaces[0]
        names = exposed_names(path)
        assert names, rel(path)
        for name in names:
            def uses(text):
                aliases = [ns, *re.findall(rf"const (\w+) = {ns};", text)]
                if any(re.search(rf"\b{a}\??\.{name}\b", text) for a in aliases):
                    return True
                return any(re.search(rf"\b{name}\b", d) for d in re.findall(rf"const \{{([^}}]*)\}} = {ns};", text))
            assert any(uses(text) for other, text in others.items() if other != path), f"{ns}.{name} is used nowhere"


# ---- what no file does -----------------------------------------------------------------------


@pytest.mark.parametrize("path", [*ALL_FILES, *sorted(Path(__file__).parent.glob("*.py"))], ids=lambda p: p.name)
def test_comments_give_reasons_not_issue_numbers(path):
    # a reader has the code, not the tracker: a ticket number says nothing about why
    assert not re.search(r"\bissues? #?\d+\b", source(path), re.I), path.name


@pytest.mark.parametrize("path", JS_FILES, ids=rel)
def test_no_html_and_no_code_is_parsed_from_strings(path):
    code = code_of(path)
    assert not re.search(r"innerHTML|outerHTML|insertAdjacentHTML|document\.write|createContextualFragment|"
                         r"setHTMLUnsafe|parseHTMLUnsafe|\beval\(|new Function\(", code)
    # Caption bodies may come as XML (srv3): parsed as XML, which never runs a script or
    # loads anything; a DOMParser never reads HTML.
    parsers = re.findall(r"new DOMParser\(\)\.parseFromString\(\w+, (\"[^\"]*\")\)", code)
    assert len(parsers) == code.count("DOMParser")
    assert set(parsers) <= {'"text/xml"'}


@pytest.mark.parametrize("path", JS_FILES, ids=rel)
def test_only_the_service_worker_makes_requests(path):
    code = code_of(path)
    requests = re.findall(r"\bfetch\(|new XMLHttpRequest\b|sendBeacon\(|new WebSocket\b|new EventSource\b|\bimportScripts\(", code)
    assert requests == (["fetch("] if rel(path) == "service-worker.js" else []), rel(path)
    # The page hook wraps the player's own fetch and XHR to keep a copy of caption bodies:
    # the real functions are called only with the page's own `this` and arguments, unchanged.
    calls = re.findall(r"\breal(?:Fetch|Open)\b(?!\s*=)(?!\s*===)(\.\w+\([^)]*\)|\()?", code)
    assert set(calls) <= {"", ".apply(this, arguments)"}, calls


def test_service_worker_keeps_no_state_in_globals():
    text = source(EXTENSION_DIR / "service-worker.js")
    top_level = [line for line in text.splitlines() if re.match(r"(let|var)\s", line)]
    assert top_level == []
    consts = re.findall(r"^const (\w+) = (.*)$", text, re.M)
    for name, value in consts:  # numbers, a regex, or the table of request builders
        assert re.match(r"[\d_]+;|/.*/;|\{$", value), (name, value)
    assert "fetch(" in text


# ---- one definition of each thing about YouTube --------------------------------------------


def test_youtube_page_selectors_sit_in_one_table():
    table = selector_table()
    assert len(table) >= 30  # the whole table was read
    for name in ["ytd-watch-flexy", "#movie_player", "#movie_player video", "#movie_player.ad-showing",
                 "ytd-watch-metadata #title h1", "ytd-transcript-segment-renderer", "script:not([src])"]:
        assert name in table, name
    assert len(set(table)) == len(table), "each element has one entry"
    defined = [rel(p) for p in JS_FILES if re.search(r"\bconst (SELECTORS|SOURCES)\b", code_of(p))]
    assert defined == [rel(YOUTUBE)]
    yt_strings = strings_of(YOUTUBE)
    for selector in table:
        assert yt_strings.count(selector) == 1, f"youtube.js repeats {selector!r} outside its table"
        if re.fullmatch(r"[a-z0-9]+", selector):
            continue  # a bare tag or attribute name ("h2", "visibility") is not YouTube's alone
        for path in JS_FILES:
            if path != YOUTUBE:
                assert selector not in strings_of(path), f"{rel(path)} repeats {selector!r}: use GlanceYouTube.SELECTORS"


@pytest.mark.parametrize("path", [EXTENSION_DIR / name for _, name in CONTENT_SCRIPTS], ids=rel)
def test_only_youtube_js_writes_selectors_for_youtube_s_page(path):
    code = code_of(path)
    # a selector written out in the call (a template built from the table's entries is not)
    literal = re.findall(r"(?:querySelector(?:All)?|closest|matches)\(\s*(\"[^\"]*\"|'[^']*'|`[^`$]*`)", code)
    if PANEL_HALF in path.parents:
        # the panel's files look only at the elements they built, inside the panel's shadow root
        assert not re.search(r"\bdocument\.(querySelector|getElement|body\b|documentElement)", code), rel(path)
    elif path.name == "main.js":
        assert set(literal) <= {'"#glance-panel"'}  # the panel's own host element
    else:
        assert literal == [], f"{rel(path)}: selectors come from GlanceYouTube.SELECTORS"


def test_the_ad_check_the_video_id_pattern_and_the_caption_path_are_written_once():
    def files_with(pattern):
        return [rel(p) for p in JS_FILES if re.search(pattern, code_of(p), re.M)]

    assert files_with(r"ad-showing") == ["content/page/youtube.js"]
    assert files_with(r"function isAdPlaying\(") == ["content/page/youtube.js"]
    assert files_with(r"\{11\}") == ["video-id.js"]
    assert files_with(r"^import \"\./video-id\.js\";") == ["service-worker.js"]
    # The page hook runs in YouTube's world before any content script exists, so it repeats
    # the caption path; nothing else does.
    assert files_with(r"\"/api/timedtext\"") == ["content/page/page-hook.js", "content/page/youtube.js"]
    sleeps = files_with(r"function sleep\(")
    assert sleeps == ["content/page/wait.js"]
    # the page hook and the hook channel name the same two events
    events = {rel(p): re.findall(r'const (\w+_EVENT) = ("[^"]+")', source(p))
              for p in [PAGE_HALF / "page-hook.js", PAGE_HALF / "hook-channel.js"]}
    assert len(set(map(tuple, events.values()))) == 1 and len(next(iter(events.values()))) == 2, events


# ---- the example cards ---------------------------------------------------------------------


def test_example_cards_have_every_card_the_panel_renders():
    cards = json.loads((DATA_DIR / "cards.json").read_text(encoding="utf-8"))
    assert set(cards) == {"video_id", "video", "about", "ideas", "quotes", "topics", "chapters", "meta"}
    assert set(cards["video"]) == {"title", "channel", "published", "duration", "people"}
    panel = source(PANEL_HALF / "cards-view.js")
    for section in ["about", "ideas", "quotes", "topics", "chapters"]:
        assert f'section("{section}"' in panel
