"""The tests' own layout (tests/README.md): every test file is named after the module it tests, or is
one of the few whole-service tests the README lists, so a newcomer finds a module's tests by its name."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TESTS = ROOT / "tests"
PACKAGES = {"extractive": "server/summarizers/extractive", "llm": "server/summarizers/llm", "ask": "server/ask"}
# Not one module's tests: the command line (server/__main__.py) and the checks of the whole service.
WHOLE_SERVICE = {"cli", "conventions", "docs", "fuzz", "hostile_input", "readme_examples", "setup_script",
                 "storage_faults"}


def module_of(name: str) -> Path | None:
    """The module `tests/test_<name>.py` tests: <name>, or <module>_<part> for a module's second file;
    a package's name stands for its `__init__.py`; `extractive_`, `llm_` and `ask_` name a module of
    that package (`ask_api` is server/ask_api.py)."""
    prefix = name.split("_")[0]
    places = [(PACKAGES[prefix], name[len(prefix) + 1:])] if prefix in PACKAGES else []
    for folder, rest in places + [("server", name)]:
        parts = rest.split("_")
        for cut in range(len(parts), 0, -1):  # the longest module name first: title_chunks before title
            stem = ROOT / folder / "_".join(parts[:cut])
            for module in (stem.with_suffix(".py"), stem / "__init__.py"):  # a module, or a package's seam
                if module.exists():
                    return module
    return None


def test_every_test_file_is_named_after_a_module_or_listed_as_a_whole_service_test():
    names = sorted(path.stem.removeprefix("test_") for path in TESTS.glob("test_*.py"))
    strays = [f"tests/test_{name}.py" for name in names if name not in WHOLE_SERVICE and module_of(name) is None]
    assert not strays, f"name these after the module they test (tests/README.md): {strays}"


def test_the_readme_lists_every_whole_service_test():
    readme = (TESTS / "README.md").read_text(encoding="utf-8")
    missing = [f"test_{name}.py" for name in sorted(WHOLE_SERVICE) if f"test_{name}.py" not in readme]
    assert not missing, f"tests/README.md does not mention {missing}"


def test_names_resolve_to_the_module_they_mirror():
    assert module_of("cards") == ROOT / "server/cards.py"
    assert module_of("cards_quick") == ROOT / "server/cards.py"
    assert module_of("extractive_title_chunks") == ROOT / "server/summarizers/extractive/title_chunks.py"
    assert module_of("llm_openai_chat") == ROOT / "server/summarizers/llm/openai_chat.py"
    assert module_of("ask_retrieval") == ROOT / "server/ask/retrieval.py"
    assert module_of("ask_api") == ROOT / "server/ask_api.py"
    assert module_of("summarizers") == ROOT / "server/summarizers/__init__.py"
    assert module_of("extractive_nothing") is None and module_of("quotes") is None
