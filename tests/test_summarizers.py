"""The summarizer seam: the offline summarizer is built on its first use, so a process that only
serves stored cards starts without numpy, scipy, the stemmer or YAML."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from server.models import Segment, Transcript, VideoInfo
from server.summarizers import Deferred, make_summarizer

ROOT = Path(__file__).resolve().parents[1]
HEAVY = ["numpy", "scipy", "Stemmer", "yaml", "server.summarizers.extractive.summarizer", "server.ask.retrieval",
         "server.summarizers.llm"]


def test_the_offline_summarizer_is_deferred_and_builds_on_first_use():
    summarizer = make_summarizer("extractive", {})
    assert isinstance(summarizer, Deferred) and summarizer.name == "extractive" and summarizer.settings is None
    lines = ["Tomatoes need at least six hours of sun every single day to ripen well in a garden.",
             "Most people water too often, and shallow roots are the result of that habit in the end.",
             "Compost is the cheapest way to feed a small garden through the whole long season."] * 4
    transcript = Transcript(tuple(Segment(i * 5.0, 5.0, line) for i, line in enumerate(lines)), "en", "manual")
    cards = summarizer.summarize(transcript, VideoInfo("abcdefghijk", "Gardens", None))
    assert cards.meta.summarizer == "extractive" and cards.meta.version == summarizer.version
    assert summarizer.real() is summarizer.real()  # built once


def test_an_app_that_serves_stored_cards_imports_none_of_the_heavy_modules(tmp_path):
    script = (f"import sys; from server import create_app; create_app({{'DATABASE': {str(tmp_path / 'g.db')!r}}})\n"
              f"print(__import__('json').dumps([m for m in {HEAVY!r} if m in sys.modules]))")
    out = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, check=True).stdout
    assert json.loads(out.strip().splitlines()[-1]) == []
