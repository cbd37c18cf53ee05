"""Conventions kept by tiny tests: the README documents every setting and every dependency."""

from __future__ import annotations

import re
from pathlib import Path

from server.settings import SETTINGS

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_every_setting_is_in_the_readme():
    missing = [name for name, _, _ in SETTINGS if f"GLANCE_{name}" not in README]
    assert not missing


def test_every_dependency_is_explained_in_the_readme():
    names = []
    for file in ("requirements.txt", "requirements-test.txt"):
        for line in (ROOT / file).read_text().splitlines():
            match = re.match(r"^([A-Za-z0-9_.-]+)==", line.strip())
            if match:
                names.append(match.group(1).lower())
    missing = [name for name in names if name not in README.lower()]
    assert not missing


def test_every_dependency_is_pinned():
    for file in ("requirements.txt", "requirements-test.txt"):
        for line in (ROOT / file).read_text().splitlines():
            line = line.split("#")[0].strip()
            if line and not line.startswith("-r"):
                assert re.match(r"^[A-Za-z0-9_.\[\]-]+==\S+$", line), line


def test_readme_gives_the_two_commands():
    assert "./bin/serve" in README and "./bin/test" in README
