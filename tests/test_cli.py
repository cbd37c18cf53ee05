"""The command line: serve, summarize (JSON/VTT/SRT/corpus files, Markdown), import; clear errors."""

from __future__ import annotations

import gc
import json
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
import requests

from server.__main__ import main

ROOT = Path(__file__).resolve().parents[1]
VIDEO = "abcdefghijk"
LINES = [
    "Welcome to the show about gardening in small spaces.",
    "Tomatoes need at least six hours of sun every single day to ripen well.",
    "Most people water too often, and shallow roots are the result of that habit.",
    "Compost is the cheapest way to feed a small garden through the whole season.",
]


@pytest.fixture
def env(tmp_path, monkeypatch):
    monkeypatch.setenv("GLANCE_DATABASE", str(tmp_path / "cli.db"))
    monkeypatch.setenv("GLANCE_SUMMARIZER", "extractive")
    return tmp_path


def write(path: Path, text: str) -> str:
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_summarize_json_segments_prints_cards(env, capsys):
    file = write(env / "t.json", json.dumps([{"start": i * 5.0, "duration": 5.0, "text": t} for i, t in enumerate(LINES)]))
    assert main(["summarize", f"https://youtu.be/{VIDEO}?t=3", "--transcript", file]) == 0
    cards = json.loads(capsys.readouterr().out)
    assert cards["video_id"] == VIDEO and cards["meta"]["transcript_source"] == "file"
    assert cards["about"]["headline"]


def test_summarize_corpus_format_uses_its_title_and_chapters(env, capsys):
    corpus = {"video_id": VIDEO, "title": "Small gardens | Garden Talk", "channel": "Garden Talk", "language": "en",
              "transcript_kind": "human_subtitles_punctuated",
              "segments": [{"start": i * 5.0, "duration": 5.0, "text": t} for i, t in enumerate(LINES)],
              "chapters": [{"start": 0, "title": "Hello"}, {"start": 10, "title": "Watering"}]}
    file = write(env / "corpus.json", json.dumps(corpus))
    assert main(["summarize", VIDEO, "--transcript", file, "--format", "markdown"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("# Small gardens | Garden Talk")
    assert "[0:10](https://youtu.be/abcdefghijk?t=10) Watering" in out


def test_summarize_imports_nothing_of_the_service_it_does_not_use(tmp_path):
    """It prints cards and stores none: no web app, database or YouTube client is loaded (each costs start-up time)."""
    unused = ["flask", "werkzeug", "jinja2", "sqlite3", "psycopg", "yaml", "requests", "youtube_transcript_api",
              "server.api", "server.sqlite_store", "server.migrations", "server.summarizers.llm"]
    code = ("import sys\nfrom server.__main__ import main\n"
            "main(['summarize', 'sample-talk', '--transcript', 'docs/examples/sample-talk.vtt'], own_process=True)\n"
            f"print([m for m in {unused!r} if m in sys.modules], file=sys.stderr)")
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60,
                            env={**os.environ, "GLANCE_DATABASE": str(tmp_path / "x.db")})
    assert result.returncode == 0 and json.loads(result.stdout)["video_id"] == "sample-talk"
    assert result.stderr.splitlines()[-1] == "[]"
    assert not (tmp_path / "x.db").exists()


def test_summarize_in_a_longer_process_leaves_it_as_it_was(env, capsys, monkeypatch):
    """Tuning for one summary and a quick exit (BLAS threads, the cycle collector) is for its own process only."""
    monkeypatch.delenv("OPENBLAS_NUM_THREADS", raising=False)
    assert main(["summarize", "sample-talk", "--transcript", str(ROOT / "docs/examples/sample-talk.vtt")]) == 0
    assert json.loads(capsys.readouterr().out)["video_id"] == "sample-talk"
    assert gc.isenabled() and gc.get_freeze_count() == 0 and "OPENBLAS_NUM_THREADS" not in os.environ


VTT = """WEBVTT

00:00:00.000 --> 00:00:05.000
<v Ann>Welcome to the show about gardening in small spaces.

00:00:05.000 --> 00:00:10.000
Tomatoes need at least six hours of sun &amp; warmth to ripen well.
"""

SRT = """1
00:00:00,000 --> 00:00:05,000
Welcome to the show about gardening in small spaces.

2
00:01:05,500 --> 00:01:10,000
Tomatoes need at least six hours of sun to ripen well.
"""


@pytest.mark.parametrize("name, text, second_start", [("t.vtt", VTT, 5.0), ("t.srt", SRT, 65.5)])
def test_summarize_reads_vtt_and_srt(env, capsys, name, text, second_start):
    from server.transcript_files import read_transcript_file

    file = write(env / name, text)
    transcript, _ = read_transcript_file(file)
    assert [s["start"] for s in transcript["segments"]] == [0.0, second_start]
    assert "<v" not in transcript["segments"][0]["text"] and "&amp;" not in json.dumps(transcript)
    assert main(["summarize", VIDEO, "--transcript", file]) == 0
    assert json.loads(capsys.readouterr().out)["video_id"] == VIDEO


@pytest.mark.parametrize("args, message", [
    (["summarize", "not a video"], "not a YouTube link"),
    (["summarize", VIDEO, "--transcript", "/no/such/file.json"], "cannot read"),
    (["summarize", VIDEO, "--transcript", "{bad}"], "is not JSON"),
    (["summarize", VIDEO, "--transcript", "{empty}"], "empty"),
    (["summarize", VIDEO, "--transcript", "{badturns}"], "turns[0].start"),
    (["summarize", "my-talk", "--transcript", "{bad}"], "an id is 11 letters"),
    (["summarize", VIDEO, "--transcript", "{novtt}"], "novtt.vtt: no cues with times found"),
    (["import", "/no/such/cards.json"], "cannot read /no/such/cards.json: No such file or directory"),
    (["import", "{bad}"], "bad.json is not JSON"),
    (["import", "{binary}"], "binary.json: it is not UTF-8 text"),
    (["import", "{badcards}"], "about.headline"),
])
def test_errors_are_one_clear_line_and_exit_non_zero(env, capsys, args, message):
    files = {"{bad}": write(env / "bad.json", "{not json"),
             "{empty}": write(env / "empty.json", "[]"),
             "{badturns}": write(env / "turns.json", json.dumps({"turns": [{"start": "abc", "text": "x"}]})),
             "{badcards}": write(env / "cards.json", json.dumps({"video_id": VIDEO, "about": {}})),
             "{novtt}": write(env / "novtt.vtt", "WEBVTT\n\n"),
             "{binary}": str(env / "binary.json")}
    (env / "binary.json").write_bytes(b'{"video_id": "\xff\xfe"}')
    args = [files.get(a, a) for a in args]
    assert main(args) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: ") and message in err and "Errno" not in err and len(err.splitlines()) == 1


def test_import_stores_curated_cards_all_or_nothing(env, capsys):
    from server.store import open_store

    good = {"video_id": VIDEO, "about": {"headline": "Curated", "points": []}, "ideas": [], "quotes": [],
            "topics": [], "chapters": [], "meta": {"language": "en"}}
    bad = {"video_id": "nope", "about": {"headline": "x"}}
    assert main(["import", write(env / "two.json", json.dumps([good, bad]))]) == 2
    store = open_store(str(env / "cli.db"))
    assert store.load_cards(VIDEO, None, "extractive") is None
    assert main(["import", write(env / "one.json", json.dumps([{**good, "video_id": f"https://youtu.be/{VIDEO}"}]))]) == 0
    assert store.load_cards(VIDEO, "en", "extractive")["meta"]["origin"] == "curated"
    assert "Stored 1 curated" in capsys.readouterr().out


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.mark.parametrize("flags", [[], ["--debug"]])
def test_serve_starts_on_the_given_port_and_makes_cards(tmp_path, flags):
    """Production (gunicorn, with job worker processes) and the development server alike."""
    port = free_port()
    env = {**os.environ, "GLANCE_DATABASE": str(tmp_path / "serve.db"), "GLANCE_PROCESSES": "1", "GLANCE_WORKERS": "1"}
    process = subprocess.Popen([sys.executable, "-m", "server", "serve", "--port", str(port), *flags], cwd=ROOT,
                               env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        for _ in range(100):
            try:
                body = requests.get(f"http://127.0.0.1:{port}/api/v1/health", timeout=1).json()
                break
            except requests.ConnectionError:
                time.sleep(0.1)
        else:
            pytest.fail("the server did not start: " + process.stdout.read())
        assert body["status"] == "ok" and body["summarizer"] == "extractive"
        assert (tmp_path / "serve.db").exists()
        lines = [f"Sentence number {i} is about the {topic} that the talk covers." for i, topic in
                 enumerate(["weather", "garden", "river", "music", "bread", "train"] * 5)]
        posted = requests.post(f"http://127.0.0.1:{port}/api/v1/videos/{VIDEO}/summary", timeout=120,
                               json={"transcript": {"language": "en", "segments": [
                                   {"start": i * 5.0, "duration": 5.0, "text": text} for i, text in enumerate(lines)]}})
        assert posted.status_code == 200 and posted.json()["meta"]["summarizer"] == "extractive"
    finally:
        process.terminate()
        process.wait(10)


def test_serve_reports_a_busy_port(tmp_path):
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        env = {**os.environ, "GLANCE_DATABASE": str(tmp_path / "x.db")}
        result = subprocess.run([sys.executable, "-m", "server", "serve", "--port", str(port)], cwd=ROOT, env=env,
                                capture_output=True, text=True, timeout=60)
    assert result.returncode == 2 and result.stderr.splitlines() == [
        f"error: cannot listen on 127.0.0.1:{port}: Address already in use (pick another port with --port, or GLANCE_PORT)"]


def test_bad_setting_is_a_clear_error(tmp_path):
    env = {**os.environ, "GLANCE_DATABASE": str(tmp_path / "x.db"), "GLANCE_PORT": "eighty"}
    result = subprocess.run([sys.executable, "-m", "server", "serve"], cwd=ROOT, env=env, capture_output=True,
                            text=True, timeout=60)
    assert result.returncode == 2 and "GLANCE_PORT must be a number" in result.stderr


@pytest.mark.parametrize("variable, value, message", [
    ("GLANCE_RATE_LIMIT", "inf", "GLANCE_RATE_LIMIT must be a number"),
    ("GLANCE_YOUTUBE_TIMEOUT", "nan", "GLANCE_YOUTUBE_TIMEOUT must be a number"),
    ("GLANCE_DATABASE", "/", "cannot start"),
])
def test_bad_settings_stop_the_command_with_one_line(env, capsys, monkeypatch, variable, value, message):
    monkeypatch.setenv(variable, value)
    assert main(["import", write(env / "c.json", "[]")]) == 2
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err


VTT_WITH_HEADER = """WEBVTT
Kind: captions
Language: en-GB
Title: Small gardens
Channel: Garden Talk

NOTE a comment block, not a cue

00:00:00.000 --> 00:00:05.000
Welcome to the show about gardening in small spaces.

00:00:05.000 --> 00:00:10.000
Tomatoes need at least six hours of sun every single day to ripen well.
"""


def test_a_vtt_header_gives_title_channel_and_language(env, capsys):
    file = write(env / "talk.vtt", VTT_WITH_HEADER)
    assert main(["summarize", VIDEO, "--transcript", file]) == 0
    cards = json.loads(capsys.readouterr().out)
    assert cards["video"]["title"] == "Small gardens" and cards["video"]["channel"] == "Garden Talk"
    assert cards["meta"]["language"] == "en-gb"


def test_title_channel_and_lang_flags_override_the_file(env, capsys):
    file = write(env / "talk.vtt", VTT_WITH_HEADER)
    assert main(["summarize", VIDEO, "--transcript", file, "--title", "My talk", "--channel", "Me",
                 "--lang", "de", "--format", "markdown"]) == 0
    out = capsys.readouterr().out
    assert out.startswith(f"# My talk\n\nMe · 0:10 · https://youtu.be/{VIDEO}\n")
    assert main(["summarize", VIDEO, "--transcript", file, "--lang", "de"]) == 0
    assert json.loads(capsys.readouterr().out)["meta"]["language"] == "de"


def test_flags_give_a_bare_vtt_its_title(env, capsys):
    file = write(env / "t.vtt", VTT)
    assert main(["summarize", VIDEO, "--transcript", file, "--title", "Gardening", "--format", "markdown"]) == 0
    assert capsys.readouterr().out.startswith("# Gardening\n")
    assert main(["summarize", VIDEO, "--transcript", file, "--lang", "not a language"]) == 2
    assert "'--lang' must be a language code" in capsys.readouterr().err


def closed_port_proxy() -> str:
    return f"http://127.0.0.1:{free_port()}"  # nothing listens there: the fetch fails at once, offline


def test_a_failed_fetch_prints_one_error_line_and_logs_only_with_verbose(tmp_path):
    env = {**os.environ, "GLANCE_DATABASE": str(tmp_path / "x.db"), "GLANCE_YOUTUBE_PROXY": closed_port_proxy()}
    quiet = subprocess.run([sys.executable, "-m", "server", "summarize", f"https://youtu.be/{VIDEO}"], cwd=ROOT,
                           env=env, capture_output=True, text=True, timeout=60)
    assert quiet.returncode == 2 and quiet.stdout == ""
    assert quiet.stderr.splitlines() == ["error: The configured YouTube proxy could not be reached."]
    verbose = subprocess.run([sys.executable, "-m", "server", "summarize", VIDEO, "--verbose"], cwd=ROOT,
                             env=env, capture_output=True, text=True, timeout=60)
    assert verbose.returncode == 2 and "WARNING server.transcripts" in verbose.stderr
    assert verbose.stderr.splitlines()[-1].startswith("error: ")


def test_errors_from_youtube_speak_of_the_command_line_not_a_server(env, capsys, monkeypatch):
    from server import settings
    from youtube_replay import replay_session

    for overrides, wanted in (({"player": "youtube_request_blocked.innertube.json.static"}, "--transcript FILE"),
                              ({"watch": requests.exceptions.ConnectionError("refused")}, "Glance could not reach")):
        monkeypatch.setitem(settings.DEFAULTS, "YOUTUBE_HTTP_CLIENT", lambda o=overrides: replay_session(**o))
        assert main(["summarize", VIDEO]) == 2
        err = capsys.readouterr().err
        assert err.startswith("error: ") and wanted in err and "server" not in err.lower()


def test_no_command_line_message_speaks_of_a_server():
    from server import errors
    from server.cli_messages import command_line_message

    kinds = [kind for kind in vars(errors).values() if isinstance(kind, type) and issubclass(kind, errors.ApiError)]
    messages = [command_line_message(kind()) for kind in kinds]
    messages.append(command_line_message(errors.YouTubeError("This server could not reach YouTube; check its network connection.")))
    assert len(messages) > 10 and not [m for m in messages if "server" in m.lower()]
