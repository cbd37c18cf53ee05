"""CPU time of the extractive summarizer, this version against another, side by side in one run.

Run from the repo root: `.venv/bin/python bench/versus.py --baseline DIR [--rounds 5] [FILE ...]`
where DIR is a checkout of the other version (e.g. `git archive 61804a2 | tar -x -C DIR`). FILEs are
corpus names (default: the 3-hour y3Umo_jd5AA and four shorter ones of other kinds).

Each version runs in its own long-lived worker process (imports and caches warmed once, as in the
service); the workers take turns file by file, round by round, in alternating order, so a busy
neighbour on the shared machine slows both alike. Each run is timed as the worker's CPU time
(time.process_time), not wall time. The table shows per file the median CPU seconds of each version
and their ratio; the last line is the ratio of the summed medians.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus"
DEFAULT = ["y3Umo_jd5AA", "13CZPWmke6A", "13CZPWmke6A__yt_auto", "iG9CE55wbtY", "z7T1pCxgvlA"]


def worker(root: Path) -> None:
    """Summarize each corpus file named on stdin; answer with the CPU seconds it took."""
    sys.path[:0] = [str(root), str(root / "bench")]
    from server.summarizers import make_summarizer
    from summarizer import load
    summarizer = make_summarizer("extractive", {})
    for line in sys.stdin:
        transcript, video, _ = load(CORPUS / f"{line.strip()}.json")
        t0 = time.process_time()
        summarizer.summarize(transcript, video)
        print(f"{time.process_time() - t0:.6f}", flush=True)


def start(root: Path) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, __file__, "--worker", str(root)], stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, text=True, cwd=root)


def ask(proc: subprocess.Popen, name: str) -> float:
    proc.stdin.write(name + "\n")
    proc.stdin.flush()
    return float(proc.stdout.readline())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="*", default=DEFAULT)
    parser.add_argument("--baseline", type=Path, help="a checkout of the other version")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--worker", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        worker(args.worker)
        return 0
    if not CORPUS.is_dir():
        print(f"skipped: no corpus at {CORPUS} (the benchmarks read ../shared/corpus beside the repo)")
        return 0
    if not args.baseline:
        parser.error("--baseline DIR is needed")
    procs = {"this": start(ROOT), "baseline": start(args.baseline.resolve())}
    times = {(v, f): [] for v in procs for f in args.files}
    for f in args.files:  # warm-up run of each, not counted
        for v, p in procs.items():
            ask(p, f)
    for r in range(args.rounds):
        for f in args.files:
            order = list(procs) if r % 2 == 0 else list(reversed(procs))
            for v in order:
                times[(v, f)].append(ask(procs[v], f))
    for p in procs.values():
        p.stdin.close()
        p.wait()
    print("| file | this version CPU s | baseline CPU s | ratio |")
    print("|---|---|---|---|")
    total = {"this": 0.0, "baseline": 0.0}
    for f in args.files:
        med = {v: statistics.median(times[(v, f)]) for v in procs}
        for v in procs:
            total[v] += med[v]
        print(f"| {f} | {med['this']:.3f} | {med['baseline']:.3f} | {med['this'] / med['baseline']:.3f} |")
    print(f"| **sum** | {total['this']:.3f} | {total['baseline']:.3f} | {total['this'] / total['baseline']:.3f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
