"""How the extractive summary's cost grows with the transcript: the 3-hour corpus file repeated 1x, 4x, ...

Run from the repo root: `.venv/bin/python bench/scale.py [--scales 1,4] [--runs 3]`.
Each measurement runs in its own process, so that its peak RSS is its own; the scales take turns
within each round (1x, 4x, 1x, 4x, ...) so that a busy machine slows them alike, and the best
run per scale is shown beside its ratio to the first scale, in wall time and in the process's CPU
time (steadier when other work shares the machine).
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.summarizer import CORPUS, LONG_FILE, load  # noqa: E402
from server.models import Segment, Transcript  # noqa: E402

GAP = 5.0  # seconds of silence between two copies of the talk


def repeated(transcript: Transcript, times: int) -> Transcript:
    """The transcript played `times` times in a row, each copy shifted past the end of the one before."""
    step = transcript.duration + GAP
    segments = tuple(Segment(s.start + k * step, s.duration, s.text, s.speaker)
                     for k in range(times) for s in transcript.segments)
    return Transcript(segments, transcript.language, transcript.kind, transcript.source)


def child(scale: int) -> dict:
    """One timed summary at `scale` in this process (after one untimed run), with its chapter stage alone."""
    from server.summarizers import make_summarizer
    from server.summarizers.extractive import summarizer as pipeline

    transcript, video, _ = load(CORPUS / LONG_FILE)
    transcript = repeated(transcript, scale)
    summarizer = make_summarizer("extractive", {})
    summarizer.summarize(transcript, video)
    spent = []
    chapter_starts = pipeline.chaptering.chapter_starts

    def timed_chapters(*args):
        t0 = time.perf_counter()
        try:
            return chapter_starts(*args)
        finally:
            spent.append(time.perf_counter() - t0)

    pipeline.chaptering.chapter_starts = timed_chapters
    t0, cpu0 = time.perf_counter(), time.process_time()
    cards = summarizer.summarize(transcript, video)
    seconds, cpu = time.perf_counter() - t0, time.process_time() - cpu0
    return {"scale": scale, "minutes": transcript.duration / 60, "seconds": seconds, "cpu": cpu, "chapters": sum(spent),
            "chapter_count": len(cards.chapters), "rss": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}


def run_child(scale: int) -> dict:
    out = subprocess.run([sys.executable, str(Path(__file__).resolve()), "--child", str(scale)],
                         cwd=ROOT, check=True, capture_output=True, text=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scales", default="1,4", help="comma-separated repeat counts; the first is the baseline")
    parser.add_argument("--runs", type=int, default=3, help="rounds; the best run per scale is shown")
    parser.add_argument("--child", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(child(args.child)))
        return 0
    if not (CORPUS / LONG_FILE).is_file():
        print(f"skipped: no {LONG_FILE} in {CORPUS} (the benchmarks read ../shared/corpus beside the repo)")
        return 0
    scales = [int(s) for s in args.scales.split(",")]
    results: dict[int, list[dict]] = {s: [] for s in scales}
    for _ in range(args.runs):
        for scale in scales:
            results[scale].append(run_child(scale))
    base = {key: min(r[key] for r in results[scales[0]]) for key in ("seconds", "cpu")}
    print("| transcript | minutes | chapters | summary s (best) | ratio | CPU s (best) | CPU ratio "
          "| chapter stage s | peak RSS MB |")
    print("|---|---|---|---|---|---|---|---|---|")
    for scale in scales:
        rows = results[scale]
        wall, cpu = min(r["seconds"] for r in rows), min(r["cpu"] for r in rows)
        print(f"| {LONG_FILE[:11]} x{scale} | {rows[0]['minutes']:.0f} | {rows[0]['chapter_count']} | {wall:.2f} "
              f"| {wall / base['seconds']:.1f}x | {cpu:.2f} | {cpu / base['cpu']:.1f}x "
              f"| {min(r['chapters'] for r in rows):.3f} | {max(r['rss'] for r in rows):.0f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
