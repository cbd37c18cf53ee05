"""Speed (and hit rate) of the offline Ask over ../shared/corpus: index build, one question, one API request.

Run from the repo root: `.venv/bin/python bench/ask.py [--runs 5]`. Budget: a question on a
3-hour transcript answered within 50 ms, index build included (the API caches the index, so
follow-up questions cost only the query). Times are the best of `--runs`, in milliseconds.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
sys.path.insert(0, str(ROOT / "tests"))

from summarizer import LONG_FILE, corpus_files, load  # noqa: E402  (one corpus listing for all benchmarks)
from ask_samples import QUESTIONS, is_hit  # noqa: E402
from server.ask.retrieval import TranscriptIndex  # noqa: E402

BUDGET_MS = 50.0
GENERIC = ["what does he think about the future", "why is this important", "how did it start",
           "what is the biggest mistake people make", "which book would you recommend"]


def best_ms(call, runs: int) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        call()
        times.append((time.perf_counter() - started) * 1000)
    return min(times)


def api_ms(path: Path, runs: int) -> tuple[float, float]:
    """One POST .../ask through Flask on a stored transcript: cold (index built) and warm (index cached)."""
    from server import create_app

    data = json.loads(path.read_text())
    with tempfile.TemporaryDirectory() as folder:
        app = create_app({"DATABASE": f"{folder}/bench.db", "RATE_LIMIT": 0})
        client = app.test_client()
        body = {"transcript": {"language": "en", "segments": data["segments"]}, "video": {"title": data.get("title")}}
        stored = client.post("/api/v1/videos/benchVideo1/summary", json=body)
        assert stored.status_code == 200, stored.get_json()

        def ask():
            reply = client.post("/api/v1/videos/benchVideo1/ask", json={"question": GENERIC[0]})
            assert reply.status_code == 200 and reply.get_json()["moments"], reply.get_json()
        cold = []
        for _ in range(runs):
            app.extensions.pop("glance.ask_indexes", None)
            cold.append(best_ms(ask, 1))
        return min(cold), best_ms(ask, runs)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    files = corpus_files()
    if files is None:
        return 0
    print("| file | min | pieces | build ms | question ms | build + question ms | hits in top 3 |")
    print("|---|---|---|---|---|---|---|")
    for path in files:
        transcript, _video, _chapters = load(path)
        build = best_ms(lambda: TranscriptIndex(transcript), args.runs)
        index = TranscriptIndex(transcript)
        question = max(best_ms(lambda: index.search(q), args.runs) for q in GENERIC)
        asked = QUESTIONS.get(path.name, [])
        hits = sum(any(is_hit(m, q["at"]) for m in index.search(q["question"])) for q in asked)
        print(f"| {path.name} | {transcript.duration / 60:.0f} | {len(index.pieces)} | {build:.1f} | {question:.2f} "
              f"| {build + question:.1f} | {f'{hits}/{len(asked)}' if asked else '-'} |")
    cold, warm = api_ms(next(p for p in files if p.name == LONG_FILE), args.runs)
    print(f"\nPOST .../ask on {LONG_FILE} through Flask (stored transcript read and parsed each time): "
          f"{cold:.1f} ms with the index built, {warm:.1f} ms with it cached; budget {BUDGET_MS:.0f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
