"""Conventions kept by tiny tests: docs/configuration.md documents every setting, the README every
dependency, and the README and docs/ link only to files that exist."""

from __future__ import annotations

import re
from pathlib import Path

from server.settings import SETTINGS

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")
CONFIGURATION = (ROOT / "docs" / "configuration.md").read_text(encoding="utf-8")
PAGES = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]


def test_every_setting_is_in_the_settings_table():
    table = [line for line in CONFIGURATION.splitlines() if line.startswith("| `GLANCE_")]
    missing = [name for name, _, _ in SETTINGS if not any(line.startswith(f"| `GLANCE_{name}` |") for line in table)]
    assert not missing


def test_the_settings_table_has_no_setting_the_service_lacks():
    known = {f"GLANCE_{name}" for name, _, _ in SETTINGS}
    listed = re.findall(r"^\| `(GLANCE_\w+)` \|", CONFIGURATION, re.MULTILINE)
    assert set(listed) <= known and len(listed) == len(set(listed))


def test_every_link_between_pages_leads_somewhere():
    """Relative links and their #anchors (GitHub's heading slugs) in the README and docs/."""
    for page in PAGES:
        for target in re.findall(r"\]\(([^)\s]+)\)", page.read_text(encoding="utf-8")):
            if re.match(r"[a-z]+:", target):
                continue
            path, _, anchor = target.partition("#")
            file = (page.parent / path).resolve() if path else page
            assert file.exists(), f"{page.name}: {target}"
            if anchor and file.suffix == ".md":
                assert anchor in heading_slugs(file), f"{page.name}: {target}"


def heading_slugs(page: Path) -> set[str]:
    text = re.sub(r"^```.*?^```", "", page.read_text(encoding="utf-8"), flags=re.DOTALL | re.MULTILINE)
    slugs = set()
    for title in re.findall(r"^#+ (.+)$", text, re.MULTILINE):
        slugs.add(re.sub(r"[^\w\- ]", "", title.strip().lower()).replace(" ", "-"))
    return slugs


def test_every_dependency_is_explained_in_the_readme():
    """The team's rule: each pinned package has a line in the README's dependency list saying why."""
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
