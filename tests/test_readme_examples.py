"""The examples of the README and the docs, run as a newcomer would run them: each `$ command` in a
```console block of a page, in order, against a real Glance server of its own (YouTube replayed from
recordings), must print what the page shows under it (`...` stands for any text) and exit 0, or 2
when it shows an `error:` line."""

from __future__ import annotations

import contextlib
import io
import os
import re
import shlex
import shutil
import subprocess
import threading
from pathlib import Path

import pytest
from werkzeug.serving import make_server

import server
from server import settings
from server.__main__ import main
from youtube_replay import YouTubeReplay, replay_session, routes

ROOT = Path(__file__).resolve().parents[1]
# Each page's examples run in order on a fresh server: a page may build on its own earlier examples.
PAGES = ["README.md", "docs/api.md", "docs/command-line.md"]
TEXTS = {page: (ROOT / page).read_text(encoding="utf-8") for page in PAGES}
README = TEXTS["README.md"]
README_ADDRESS = "http://127.0.0.1:8765"
README_ADMIN_TOKEN = "my-secret"  # the token the docs start the service with
CLI_PREFIX = ".venv/bin/python -m server "


def console_examples(text: str) -> list[tuple[str, str]]:
    """(command, expected output) pairs from every ```console block, in order."""
    examples = []
    for block in re.findall(r"^```console\n(.*?)^```", text, re.DOTALL | re.MULTILINE):
        lines = block.rstrip("\n").split("\n")
        i = 0
        while i < len(lines):
            assert lines[i].startswith("$ "), f"a console block must start with '$ ': {lines[i]!r}"
            command = lines[i][2:]
            while command.endswith("\\"):  # a command continued on the next line
                i += 1
                command = command[:-1] + lines[i].strip()
            i += 1
            output = []
            while i < len(lines) and not lines[i].startswith("$ "):
                output.append(lines[i])
                i += 1
            examples.append((command.strip(), "\n".join(output)))
    return examples


def matches(expected: str, actual: str) -> bool:
    """Line by line, trailing spaces ignored; `...` matches any text, newlines included."""
    tidy = lambda text: "\n".join(line.rstrip() for line in text.strip("\n").split("\n"))
    pattern = ".*?".join(re.escape(part) for part in tidy(expected).split("..."))
    return re.fullmatch(pattern, tidy(actual), re.DOTALL) is not None


@pytest.fixture
def workdir(tmp_path, monkeypatch):
    """A folder like a fresh clone's: the repository's docs, no database yet, no GLANCE_* settings."""
    (tmp_path / "docs").symlink_to(ROOT / "docs")
    for name in [name for name in os.environ if name.startswith("GLANCE_")]:
        monkeypatch.delenv(name)
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.fixture
def youtube_replay(monkeypatch):
    """The server and the command line in this test talk to recorded YouTube (a default setting both read)."""
    youtube = YouTubeReplay(routes())
    monkeypatch.setitem(settings.DEFAULTS, "YOUTUBE_HTTP_CLIENT", lambda: replay_session(youtube))
    return youtube


@pytest.fixture
def glance_server(workdir, youtube_replay):
    """The service as `GLANCE_ADMIN_TOKEN=my-secret ./bin/serve` runs it, on a free port."""
    app = server.create_app({"DATABASE": str(workdir / "instance" / "glance.db"), "ADMIN_TOKEN": README_ADMIN_TOKEN})
    http = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=http.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{http.server_port}"
    http.shutdown()
    thread.join()


def run_curl(command: str, address: str) -> tuple[int, str]:
    result = subprocess.run(["bash", "-o", "pipefail", "-euc", command.replace(README_ADDRESS, address)],
                            capture_output=True, text=True, timeout=120)
    return result.returncode, result.stdout + result.stderr


def run_cli(command: str) -> tuple[int, str]:
    """In this process, so the command line reads the replayed YouTube too; stdout and stderr interleaved."""
    output = io.StringIO()
    with contextlib.redirect_stdout(output), contextlib.redirect_stderr(output):
        status = main(shlex.split(command[len(CLI_PREFIX):]))
    return status, output.getvalue()


def test_the_readme_has_examples_for_the_service_and_the_command_line():
    commands = [command for command, _ in console_examples(README)]
    assert any(c.startswith("curl") for c in commands) and any(c.startswith(CLI_PREFIX) for c in commands)
    assert f"GLANCE_ADMIN_TOKEN={README_ADMIN_TOKEN} ./bin/serve" in TEXTS["docs/api.md"]


def test_every_page_with_examples_is_run():
    """A page of docs/ with console examples that PAGES forgets would go unchecked."""
    with_examples = {str(path.relative_to(ROOT)) for path in [ROOT / "README.md", *(ROOT / "docs").glob("*.md")]
                     if console_examples(path.read_text(encoding="utf-8"))}
    assert with_examples == set(PAGES)


@pytest.mark.parametrize("page", PAGES)
def test_every_example_prints_what_its_page_says(glance_server, page):
    if shutil.which("curl") is None and not os.environ.get("CI"):
        pytest.skip("curl is not installed")
    for command, expected in console_examples(TEXTS[page]):
        if command.startswith("curl "):
            status, output = run_curl(command, glance_server)
        elif command.startswith(CLI_PREFIX):
            status, output = run_cli(command)
        else:
            pytest.fail(f"{page} runs a command this test does not know how to run: {command}")
        wanted_status = 2 if expected.startswith("error:") else 0
        assert status == wanted_status and matches(expected, output), (
            f"\n{page}: $ {command}\nexit status {status} (the page implies {wanted_status})\n"
            f"--- {page} says:\n{expected}\n--- it printed:\n{output}")


@pytest.mark.parametrize("page", PAGES)
def test_no_example_hides_a_failure_in_a_pipe(page):
    """Without `set -o pipefail` a failed first step still lets the next one print something normal."""
    for command, _ in console_examples(TEXTS[page]):
        tokens = list(shlex.shlex(command, posix=True, punctuation_chars=True))
        assert "|" not in tokens, command


@pytest.mark.parametrize("page", PAGES)
def test_user_facing_examples_need_nothing_but_the_clone(page):
    """The team's corpus lives beside the repository only on the team's machines."""
    code = "\n".join(re.findall(r"^```\w*\n(.*?)^```", TEXTS[page], re.DOTALL | re.MULTILINE))
    assert "../shared" not in code
    for path in re.findall(r"docs/[\w./-]+\.\w+", TEXTS[page]):
        assert (ROOT / path).exists(), path


def test_the_matcher_can_fail():
    assert matches('{"a":1,...}', '{"a":1,"b":2}')
    assert not matches('{"a":1,...}', '{"a":2,"b":2}')
    assert not matches("error: x", "WARNING something\nerror: x")
