"""The content scripts' pure parsers, run in real Chromium: json3 captions (captions.js),
track choice, description chapters and page metadata (page-data.js).

The scripts are loaded as plain scripts into a blank page, as the extension loads them.
All caption bodies here are hand-written in YouTube's json3 shape.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PAGE_SCRIPTS = ROOT / "extension" / "content" / "page"
VIDEO_ID_SCRIPT = ROOT / "extension" / "video-id.js"  # youtube.js reads watch URLs with it
WATCH_FIXTURE = ROOT / "tests" / "data" / "youtube" / "youtube.html.static"
if not WATCH_FIXTURE.exists():
    WATCH_FIXTURE = Path("/work/shared/fixtures/youtube/youtube.html.static")


@pytest.fixture(scope="module")
def js(extension):
    """A blank tab (in the shared extension browser) with video-id.js, youtube.js, captions.js
    and page-data.js loaded as plain scripts, in the manifest's order; `js.js(expression, arg)`
    evaluates there."""
    page = extension.context.new_page()
    page.goto("about:blank")
    for path in (VIDEO_ID_SCRIPT, *(PAGE_SCRIPTS / name for name in ("youtube.js", "captions.js", "page-data.js"))):
        page.add_script_tag(content=path.read_text(encoding="utf-8"))
    page.js = lambda expression, arg=None: page.evaluate(expression, arg)
    yield page
    page.close()


# ---- json3 -------------------------------------------------------------------------------

MANUAL_JSON3 = {
    "wireMagic": "pb3",
    "pens": [{}],
    "wsWinStyles": [{}, {"mhModeHint": 2, "juJustifCode": 0}],
    "wpWinPositions": [{}, {"apPoint": 6, "ahHorPos": 20, "avVerPos": 100}],
    "events": [
        # a window event: no segs
        {"tStartMs": 0, "dDurationMs": 120000, "id": 1, "wpWinPosId": 1, "wsWinStyleId": 1},
        {"tStartMs": 500, "dDurationMs": 2500, "segs": [{"utf8": "Welcome to the\nkitchen lab."}]},
        {"tStartMs": 3000, "dDurationMs": 3000, "segs": [{"utf8": "Salt &amp; pepper, "}, {"utf8": "that&#39;s all &quot;you&quot; need"}]},
        {"tStartMs": 6000, "dDurationMs": 1000, "segs": [{"utf8": "   "}]},
        {"tStartMs": 7000, "dDurationMs": 2000, "segs": [{"utf8": "caf&#xe9; &lt;noir&gt; &bogus; &amp;amp;"}]},
    ],
}

ASR_JSON3 = {
    "wireMagic": "pb3",
    "pens": [{}],
    "events": [
        {"tStartMs": 0, "dDurationMs": 9000, "id": 1, "wpWinPosId": 1, "wsWinStyleId": 1},
        {"tStartMs": 80, "dDurationMs": 4400, "wWinId": 1,
         "segs": [{"utf8": "so", "acAsrConf": 0}, {"utf8": " today", "tOffsetMs": 240, "acAsrConf": 0},
                  {"utf8": " we", "tOffsetMs": 560, "acAsrConf": 0}]},
        {"tStartMs": 2110, "dDurationMs": 2370, "wWinId": 1, "aAppend": 1, "segs": [{"utf8": "\n"}]},
        {"tStartMs": 2120, "dDurationMs": 4100, "wWinId": 1,
         "segs": [{"utf8": "bake", "acAsrConf": 0}, {"utf8": " bread", "tOffsetMs": 300, "acAsrConf": 0}]},
        {"tStartMs": 4470, "dDurationMs": 1750, "wWinId": 1, "aAppend": 1, "segs": [{"utf8": "\n"}]},
        # the same cue twice (YouTube repeats cues around window changes)
        {"tStartMs": 4480, "dDurationMs": 3000, "wWinId": 1, "segs": [{"utf8": "at home"}]},
        {"tStartMs": 4480, "dDurationMs": 3000, "wWinId": 1, "segs": [{"utf8": "at home"}]},
        # the last cue has no duration
        {"tStartMs": 6210, "wWinId": 1, "segs": [{"utf8": "[Music]"}]},
    ],
}


def test_json3_manual_track_skips_window_and_blank_events_and_decodes_entities(js):
    segments = js.js("b => GlanceCaptions.parseJson3(b)", json.dumps(MANUAL_JSON3))
    assert segments == [
        {"start": 0.5, "duration": 2.5, "text": "Welcome to the kitchen lab."},
        {"start": 3.0, "duration": 3.0, "text": 'Salt & pepper, that\'s all "you" need'},
        {"start": 7.0, "duration": 2.0, "text": "café <noir> &bogus; &amp;"},
    ]


def test_json3_auto_captions_drop_newline_events_cut_overlaps_and_repeats(js):
    segments = js.js("b => GlanceCaptions.parseJson3(b)", json.dumps(ASR_JSON3))
    assert segments == [
        {"start": 0.08, "duration": 2.04, "text": "so today we"},
        {"start": 2.12, "duration": 2.36, "text": "bake bread"},
        {"start": 4.48, "duration": 1.73, "text": "at home"},
        {"start": 6.21, "duration": 0, "text": "[Music]"},
    ]
    for a, b in zip(segments, segments[1:]):
        assert a["start"] + a["duration"] <= b["start"] + 1e-9


def test_json3_unsorted_events_and_odd_fields(js):
    body = {"events": [
        {"tStartMs": 5000, "dDurationMs": 1000, "segs": [{"utf8": "second"}]},
        {"tStartMs": "1000", "dDurationMs": "9000", "segs": [{"utf8": "first"}, {}, None, {"utf8": 7}]},
        {"tStartMs": None, "segs": [{"utf8": "no start"}]},
        {"dDurationMs": 10, "segs": "not a list"},
        None,
    ]}
    assert js.js("b => GlanceCaptions.parseJson3(b)", json.dumps(body)) == [
        {"start": 1.0, "duration": 4.0, "text": "first"},
        {"start": 5.0, "duration": 1.0, "text": "second"},
    ]


@pytest.mark.parametrize("body", ["", "   ", "{}", '{"events": 3}', "{not json", "<transcript><text"])
def test_timedtext_rejects_bodies_that_are_not_captions(js, body):
    error = js.js("b => { try { GlanceCaptions.parseTimedText(b); return null } catch (e) { return String(e) } }", body)
    assert error


def test_timedtext_falls_back_to_xml_formats(js):
    legacy = ('<?xml version="1.0" encoding="utf-8" ?><transcript>'
              '<text start="0" dur="1.5">Hello &amp;amp; welcome</text>'
              '<text start="1.5" dur="2">this is &lt;i&gt;made up&lt;/i&gt;</text><text start="4" dur="1"></text></transcript>')
    assert js.js("b => GlanceCaptions.parseTimedText(b)", legacy) == [
        {"start": 0, "duration": 1.5, "text": "Hello & welcome"},
        {"start": 1.5, "duration": 2, "text": "this is made up"},
    ]
    srv3 = '<timedtext format="3"><body><p t="1200" d="800">one</p><p t="2000" d="500"><s>two</s><s t="200"> words</s></p></body></timedtext>'
    assert js.js("b => GlanceCaptions.parseTimedText(b)", srv3) == [
        {"start": 1.2, "duration": 0.8, "text": "one"},
        {"start": 2.0, "duration": 0.5, "text": "two words"},
    ]


# ---- tracks --------------------------------------------------------------------------------

def test_track_from_timedtext_url(js):
    info = js.js("u => GlanceCaptions.trackFromUrl(u)",
                 "https://www.youtube.com/api/timedtext?v=abcdefghijk&caps=asr&kind=asr&lang=en&pot=XYZ&fmt=json3&c=WEB")
    assert info == {"videoId": "abcdefghijk", "language": "en", "kind": "generated"}
    info = js.js("u => GlanceCaptions.trackFromUrl(u)", "/api/timedtext?v=abcdefghijk&lang=de&fmt=json3")
    assert info == {"videoId": "abcdefghijk", "language": "de", "kind": "manual"}
    info = js.js("u => GlanceCaptions.trackFromUrl(u)", "/api/timedtext?v=abcdefghijk&lang=de&tlang=fr")
    assert info == {"videoId": "abcdefghijk", "language": "fr", "kind": "generated"}


TRACKS = [  # the player's tracklist shape and the player response's shape, mixed
    {"languageCode": "en", "kind": "asr", "vss_id": "a.en", "languageName": "English (auto-generated)"},
    {"languageCode": "de", "vssId": ".de", "name": {"simpleText": "German"}},
    {"languageCode": "en-GB", "vssId": ".en-GB", "name": {"runs": [{"text": "English (UK)"}]}},
    {"languageCode": "pt", "kind": "asr", "vssId": "a.pt", "name": {"simpleText": "Portuguese (auto-generated)"}},
]


@pytest.mark.parametrize("setting, browser, expected", [
    ("de", ["en-US"], ("de", "manual")),
    ("en", [], ("en-GB", "manual")),         # base-language match, manual over auto-generated exact code
    ("en-GB", [], ("en-GB", "manual")),
    ("pt-BR", [], ("pt", "generated")),      # only an auto-generated track in that language
    ("", ["fr-FR", "de-AT"], ("de", "manual")),
    ("ja", ["ja"], ("de", "manual")),        # nothing preferred: the first manual track
])
def test_choose_track(js, setting, browser, expected):
    chosen = js.js("([t, s, b]) => GlanceCaptions.chooseTrack(t, GlanceCaptions.preferredLanguages(s, b))",
                   [TRACKS, setting, browser])
    assert (chosen["language"], chosen["kind"]) == expected


def test_choose_track_exact_code_prefers_manual(js):
    tracks = [{"languageCode": "en", "kind": "asr"}, {"languageCode": "en", "vssId": ".en"}]
    assert js.js("t => GlanceCaptions.chooseTrack(t, ['en']).kind", tracks) == "manual"
    assert js.js("t => GlanceCaptions.chooseTrack(t, ['en'])", []) is None
    assert js.js("t => GlanceCaptions.chooseTrack(t, ['en'])", [{"kind": "asr"}, None, "x"]) is None


# ---- description chapters ----------------------------------------------------------------

def chapters(js, text, duration=None):
    return js.js("([t, d]) => GlancePageData.parseDescriptionChapters(t, d)", [text, duration])


def test_chapters_plain_list(js):
    assert chapters(js, "My video.\n\n0:00 Intro\n1:23 The dough\n10:05 Baking\n1:02:03 Tasting") == [
        {"start": 0, "title": "Intro"}, {"start": 83, "title": "The dough"},
        {"start": 605, "title": "Baking"}, {"start": 3723, "title": "Tasting"},
    ]


def test_chapters_tricky_formats(js):
    text = "\r\n".join([
        "Chapters:",
        "[00:00] Intro",
        "1. (0:45) Why salt matters: a primer",
        "▶ 02:10 – Kneading",
        "Shaping — 3:30",
        "0:05:00-0:06:10 Proofing | part 1",
        "• 7:00 - 5 tips",
        "Follow me https://example.com/watch?t=8:00 8:00",
        "At 12:30 he says something",
        "9:75 not a time",
    ])
    assert chapters(js, text) == [
        {"start": 0, "title": "Intro"},
        {"start": 45, "title": "Why salt matters: a primer"},
        {"start": 130, "title": "Kneading"},
        {"start": 210, "title": "Shaping"},
        {"start": 300, "title": "Proofing | part 1"},
        {"start": 420, "title": "5 tips"},
    ]


def test_chapters_skip_lines_whose_time_goes_back_and_times_past_the_end(js):
    text = "0:00 Intro\n2:00 Middle\n1:00 sponsor segment mentioned twice\n4:00 End\n9:00 After the end"
    assert chapters(js, text, 500) == [
        {"start": 0, "title": "Intro"}, {"start": 120, "title": "Middle"}, {"start": 240, "title": "End"},
    ]


@pytest.mark.parametrize("text", [
    "",
    None,
    "0:00 Intro\n1:00 Only two",                       # YouTube needs at least three
    "0:30 Intro\n1:00 Middle\n2:00 End",               # YouTube needs the first at 0:00
    "Watch at 0:00, 1:00 and 2:00 for the good bits",  # times inside a sentence
    "0:00\n1:00\n2:00",                                # no titles
])
def test_no_chapters(js, text):
    assert chapters(js, text) == []


# ---- page metadata -----------------------------------------------------------------------

def _player_response(video_id, title, description="", length="316"):
    return {
        "videoDetails": {"videoId": video_id, "title": title, "author": "Some Channel", "lengthSeconds": length,
                         "shortDescription": description},
        "microformat": {"playerMicroformatRenderer": {"publishDate": "2024-02-29T06:00:08-07:00"}},
    }


def _load_page(js, body_html):
    js.js("html => { document.body.replaceChildren(); document.body.insertAdjacentHTML('beforeend', html) }", body_html)


def test_metadata_from_live_player_response(js):
    response = _player_response("AAAAAAAAAAA", "Bread & butter {1/2}", "0:00 Intro\n1:00 Dough\n2:00 Bake")
    video = js.js("r => GlancePageData.collect('AAAAAAAAAAA', {playerResponse: r})", response)
    assert video == {
        "title": "Bread & butter {1/2}", "channel": "Some Channel", "published": "2024-02-29", "duration": 316,
        "description": "0:00 Intro\n1:00 Dough\n2:00 Bake",
        "chapters": [{"start": 0, "title": "Intro"}, {"start": 60, "title": "Dough"}, {"start": 120, "title": "Bake"}],
    }


def test_stale_inline_data_is_ignored_after_navigation(js):
    stale = _player_response("FIRSTvideo1", 'The first video "}"')
    _load_page(js, (
        f'<script type="text/plain">var ytInitialPlayerResponse = {json.dumps(stale)};var meta = {{}};</script>'
        '<ytd-watch-flexy video-id="SECONDvideo"><ytd-watch-metadata><div id="title"><h1> The second video </h1></div>'
        '<ytd-channel-name><a href="/@two">Channel Two</a></ytd-channel-name>'
        '<div id="description-inline-expander"><yt-attributed-string>0:00 A\n0:10 B\n0:20 C</yt-attributed-string></div>'
        '</ytd-watch-metadata></ytd-watch-flexy>'
    ))
    first = js.js("() => GlancePageData.collect('FIRSTvideo1')")
    assert first["title"] == 'The first video "}"' and first["published"] == "2024-02-29"
    second = js.js("() => GlancePageData.collect('SECONDvideo')")
    assert second["title"] == "The second video" and second["channel"] == "Channel Two"
    assert second["published"] is None and second["description"] == "0:00 A\n0:10 B\n0:20 C"
    assert [c["title"] for c in second["chapters"]] == ["A", "B", "C"]
    # the DOM itself still shows another video: nothing is trusted
    assert js.js("() => GlancePageData.collect('THIRDvideo1')") is None


def test_youtube_chapter_data_wins_and_auto_chapters_are_not_the_creators(js):
    def marker(key, items):
        return {"key": key, "value": {"chapters": [
            {"chapterRenderer": {"title": {"simpleText": t}, "timeRangeStartMillis": ms}} for t, ms in items]}}
    data = {
        "currentVideoEndpoint": {"watchEndpoint": {"videoId": "AAAAAAAAAAA"}},
        "playerOverlays": {"playerOverlayRenderer": {"decoratedPlayerBarRenderer": {"decoratedPlayerBarRenderer": {
            "playerBar": {"multiMarkersPlayerBarRenderer": {"markersMap": [
                marker("AUTO_CHAPTERS", [("Auto one", 0), ("Auto two", 5000)]),
                marker("DESCRIPTION_CHAPTERS", [("Opening", 0), ("Main part", 61500)]),
            ]}}}}}},
    }
    assert js.js("d => GlancePageData.chaptersFromInitialData(d, 'AAAAAAAAAAA')", data) == [
        {"start": 0, "title": "Opening"}, {"start": 61.5, "title": "Main part"}]
    assert js.js("d => GlancePageData.chaptersFromInitialData(d, 'BBBBBBBBBBB')", data) == []
    del data["playerOverlays"]["playerOverlayRenderer"]["decoratedPlayerBarRenderer"]["decoratedPlayerBarRenderer"][
        "playerBar"]["multiMarkersPlayerBarRenderer"]["markersMap"][1]
    assert js.js("d => GlancePageData.chaptersFromInitialData(d, 'AAAAAAAAAAA')", data) == []


def test_recorded_watch_page(js):
    """The real watch page recorded from YouTube (shared fixtures): metadata and caption tracks."""
    html = WATCH_FIXTURE.read_text(encoding="utf-8")
    scripts = [m for m in re.findall(r"<script[^>]*>(.*?)</script>", html, flags=re.S)
               if "var ytInitialPlayerResponse = " in m or "var ytInitialData = " in m]
    assert len(scripts) == 2
    js.js("""texts => { document.body.replaceChildren();
        for (const t of texts) { const s = document.createElement('script'); s.type = 'text/plain';
                                 s.textContent = t; document.body.append(s); } }""", scripts)
    video = js.js("() => GlancePageData.collect('GJLlxj_dtq8')")
    assert video["title"] == "Surface Go Review - It\u2019s Awesome"
    assert video["channel"] == "Dave2D" and video["published"] == "2018-08-02" and video["duration"] == 316
    assert video["description"].startswith("Dave2D review of the Microsoft Surface Go.")
    assert video["chapters"] == []  # YouTube's auto chapters are not the creator's
    chosen = js.js("""() => {
        const r = GlancePageData.inlineJson(document, GlanceYouTube.DATA.inlinePlayerResponse);
        const tracks = GlancePageData.dig(r, GlanceYouTube.DATA.paths.captionTracks);
        return [tracks.length, GlanceCaptions.chooseTrack(tracks, ['en']), GlanceCaptions.chooseTrack(tracks, ['fr'])];
    }""")
    assert chosen[0] == 9
    assert (chosen[1]["language"], chosen[1]["kind"], chosen[1]["name"]) == ("en", "manual", "English")
    assert chosen[2]["language"] == "zh"  # no French: the first manual track
