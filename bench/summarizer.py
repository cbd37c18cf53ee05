"""Quality and speed benchmark of the extractive summarizer over ../shared/corpus (one Markdown table).

Run from the repo root: `.venv/bin/python bench/summarizer.py [--runs 3] [--no-cli | --cli-only] [--baseline DIR]`.
Creator chapters are hidden from the summarizer and used only to score generated chapters.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus"
LONG_FILE = "y3Umo_jd5AA.json"
sys.path.insert(0, str(ROOT))

from server.models import Segment, Transcript, VideoInfo  # noqa: E402
try:
    from server.verbatim import WordIndex, is_verbatim_at, words  # noqa: E402
except ImportError:  # an older checkout scored with --root, from before the module was named verbatim
    from server.quotes import WordIndex, is_verbatim_at, words  # noqa: E402
from server.summarizers import make_summarizer  # noqa: E402

# The benchmark's own idea of a sponsor read (independent of the summarizer's detector).
SPONSOR = re.compile(
    r"sponsor|promo code|use code|brought to you by|free trial|\.com/|dot com slash|patreon|"
    r"\bsubscribe\b|supporting the podcast|check out our sponsors|cash app|expressvpn|squarespace|"
    r"masterclass|athletic greens|betterhelp|magic spoon|eight sleep|8 sleep|audible",
    re.I,
)


def corpus_files() -> list[Path] | None:
    """The corpus transcripts that have segments, or None (after saying so) when the corpus is missing."""
    if not CORPUS.is_dir():
        print(f"skipped: no corpus at {CORPUS} (the benchmarks read ../shared/corpus beside the repo)")
        return None
    return sorted(p for p in CORPUS.glob("*.json") if "segments" in json.loads(p.read_text()))


def load(path: Path) -> tuple[Transcript, VideoInfo, list[float]]:
    """A corpus file as the service would get it, plus the hidden creator chapter starts."""
    data = json.loads(path.read_text())
    kind = "generated" if "youtube_asr" in data.get("transcript_kind", "") else "manual"
    segments = tuple(Segment(float(s["start"]), float(s.get("duration") or 0.0), s["text"], s.get("speaker"))
                     for s in data["segments"])
    transcript = Transcript(segments, data.get("language"), kind, "file")
    video = VideoInfo(data["video_id"], data.get("title"), data.get("channel"))
    return transcript, video, [float(c["start"]) for c in data.get("chapters") or []]


def boundary_f1(pred: list[float], ref: list[float], tol: float = 60.0) -> float:
    """F1 of chapter boundaries (start 0 excluded), one-to-one matches within `tol` seconds."""
    pred, ref = [p for p in pred if p > 0], [r for r in ref if r > 0]
    if not pred or not ref:
        return 0.0
    free, hits = set(range(len(ref))), 0
    for p in pred:
        near = [(abs(p - ref[k]), k) for k in free if abs(p - ref[k]) <= tol]
        if near:
            free.discard(min(near)[1])
            hits += 1
    return 0.0 if hits == 0 else 2 * hits / (len(pred) + len(ref))


def pk(pred: list[float], ref: list[float], duration: float, step: float = 5.0) -> float:
    """Pk on a 5-second grid; k is half the mean creator chapter length."""
    grid = [i * step for i in range(int(duration // step))]

    def label(starts):
        starts = sorted(starts)
        return [sum(1 for s in starts if s <= t) for t in grid]

    a, b = label(ref), label(pred)
    k = max(1, round(duration / len(ref) / 2 / step))
    pairs = range(len(grid) - k)
    return sum((a[i] == a[i + k]) != (b[i] == b[i + k]) for i in pairs) / max(len(pairs), 1)


def coverage(times: list[float], duration: float, bins: int = 10) -> float:
    """Normalised entropy of the cited moments over equal time bins (1.0 = evenly spread)."""
    if not times or duration <= 0:
        return 0.0
    counts = [0] * bins
    for t in times:
        counts[min(int(t / duration * bins), bins - 1)] += 1
    probs = [c / len(times) for c in counts if c]
    return -sum(p * math.log(p) for p in probs) / math.log(bins)


_STOP = frozenset("a an the and or but of to in on at for with is are was were be it this that i you we they "
                  "he she so as if not do does did have has had just like what which who".split())


def max_similarity(texts: list[str]) -> float:
    """Largest bag-of-words cosine (stopwords left out) between two of the texts (0 when fewer than two)."""
    bags = [Counter(w for w in words(t) if w not in _STOP) for t in texts]
    best = 0.0
    for i in range(len(bags)):
        for j in range(i + 1, len(bags)):
            a, b = bags[i], bags[j]
            dot = sum(a[w] * b[w] for w in a.keys() & b.keys())
            norm = math.sqrt(sum(v * v for v in a.values()) * sum(v * v for v in b.values()))
            best = max(best, dot / norm if norm else 0.0)
    return best


def sponsor_items(transcript: Transcript, cards) -> int:
    """Card items that sit inside a sponsor read or read like one."""
    spans, seg = [], transcript.segments
    for s in seg:
        if SPONSOR.search(s.text):
            if spans and s.start - spans[-1][1] <= 60:
                spans[-1][1] = s.end
            else:
                spans.append([s.start, s.end])
    timed = [(i.start, i.title + " " + i.detail) for i in cards.ideas] + [(q.start, q.text) for q in cards.quotes]
    bad = sum(1 for t, text in timed if SPONSOR.search(text) or any(a <= t < b for a, b in spans))
    return bad + sum(1 for text in list(cards.about.points) + cards.topics if SPONSOR.search(text))


def measure(summarizer, path: Path, runs: int) -> dict:
    transcript, video, ref = load(path)
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        cards = summarizer.summarize(transcript, video)
        times.append(time.perf_counter() - t0)
    tracemalloc.start()
    summarizer.summarize(transcript, video)
    peak = tracemalloc.get_traced_memory()[1] / 2**20
    tracemalloc.stop()
    index = WordIndex.build(transcript)
    verbatim = [is_verbatim_at(transcript, q.text, q.start, index) for q in cards.quotes]
    duration = transcript.duration
    starts = [c.start for c in cards.chapters]
    cited = [i.start for i in cards.ideas] + [q.start for q in cards.quotes]
    row = {
        "file": path.name, "minutes": duration / 60, "time": min(times), "peak": peak,
        "verbatim": 100.0 * sum(verbatim) / len(verbatim) if verbatim else float("nan"),
        "sponsor": sponsor_items(transcript, cards), "coverage": coverage(cited, duration),
        "sim_ideas": max_similarity([i.detail for i in cards.ideas]),
        "sim_quotes": max_similarity([q.text for q in cards.quotes]),
        "inside": all(0 <= t <= duration for t in cited + starts),
        "chapters": len(starts), "ref": len(ref),
    }
    if ref:
        equal = [duration * k / len(starts) for k in range(len(starts))]
        row.update(f1=boundary_f1(starts, ref), f1_eq=boundary_f1(equal, ref),
                   pk=pk(starts, ref, duration), pk_eq=pk(equal, ref, duration))
    return row


COLUMNS = [("file", "file", "{}"), ("min", "minutes", "{:.0f}"), ("time s", "time", "{:.2f}"),
           ("peak MB", "peak", "{:.0f}"), ("verbatim %", "verbatim", "{:.0f}"), ("sponsor items", "sponsor", "{}"),
           ("chapters (creator)", None, None), ("F1@60s", "f1", "{:.2f}"), ("F1 equal parts", "f1_eq", "{:.2f}"),
           ("Pk", "pk", "{:.2f}"), ("Pk equal parts", "pk_eq", "{:.2f}"), ("coverage", "coverage", "{:.2f}"),
           ("max sim ideas", "sim_ideas", "{:.2f}"), ("max sim quotes", "sim_quotes", "{:.2f}")]


def table(rows: list[dict]) -> str:
    lines = ["| " + " | ".join(c[0] for c in COLUMNS) + " |", "|" + "---|" * len(COLUMNS)]
    for r in rows + [_means(rows)]:
        cells = []
        for _, key, fmt in COLUMNS:
            if key is None:
                cells.append(f"{r['chapters']} ({r['ref'] or '-'})" if "chapters" in r else "")
            elif key in r and r[key] == r[key]:
                cells.append(fmt.format(r[key]))
            else:
                cells.append("-")
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def _means(rows: list[dict]) -> dict:
    out = {"file": "**mean**"}
    for key in ("minutes", "time", "peak", "verbatim", "coverage", "sim_ideas", "sim_quotes", "f1", "f1_eq", "pk", "pk_eq"):
        vals = [r[key] for r in rows if key in r and r[key] == r[key]]
        if vals:
            out[key] = sum(vals) / len(vals)
    out["sponsor"] = sum(r["sponsor"] for r in rows)
    return out


def cli_runs(runs: int, baseline: Path | None) -> list[str]:
    """Whole `python -m server summarize` commands on the 3-hour transcript: wall s, CPU s, peak RSS.

    With a baseline checkout the two versions take turns in every round, so both see the same
    machine load. Each version reads compiled bytecode from a cache of its own in a temporary
    folder (also where PYTHONDONTWRITEBYTECODE is set), after one untimed run that fills it.
    """
    versions = {"this version": ROOT, **({"baseline": baseline.resolve()} if baseline else {})}
    cache = Path(tempfile.mkdtemp(prefix="glance-cli-"))
    timed: dict[str, list[tuple[float, float, float]]] = {name: [] for name in versions}
    for round_ in range(runs + 1):
        for name, root in versions.items():
            env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "",
                   "PYTHONPYCACHEPREFIX": str(cache / name.replace(" ", "-"))}
            started = time.perf_counter()
            child = subprocess.Popen([sys.executable, "-m", "server", "summarize", LONG_FILE[:11], "--transcript",
                                      str(CORPUS / LONG_FILE)], cwd=root, env=env, stdout=subprocess.DEVNULL)
            _, status, usage = os.wait4(child.pid, 0)
            if status:
                raise SystemExit(f"{name}: the command failed ({status})")
            if round_:  # the first round compiles the bytecode
                cpu = usage.ru_utime + usage.ru_stime
                timed[name].append((time.perf_counter() - started, cpu, usage.ru_maxrss / 1024))
    shutil.rmtree(cache, ignore_errors=True)
    med = statistics.median
    lines = [f"`python -m server summarize --transcript {LONG_FILE}`, median of {runs} (load average "
             f"{os.getloadavg()[0]:.1f} at the end):", "", "| version | wall s | CPU s | peak RSS MB | wall runs |",
             "|---|---|---|---|---|"]
    for name, rows in timed.items():
        lines.append(f"| {name} | {med(r[0] for r in rows):.2f} | {med(r[1] for r in rows):.2f} | "
                     f"{med(r[2] for r in rows):.0f} | {', '.join(f'{r[0]:.2f}' for r in rows)} |")
    if baseline:
        ours, theirs = timed["this version"], timed["baseline"]
        lines.append(f"\nthis version / baseline: wall {med(r[0] for r in ours) / med(r[0] for r in theirs):.2f}x, "
                     f"CPU {med(r[1] for r in ours) / med(r[1] for r in theirs):.2f}x")
    return lines


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="timed runs per file (the best is shown)")
    parser.add_argument("--no-cli", action="store_true", help="skip timing the command line")
    parser.add_argument("--cli-only", action="store_true", help="only time the command line")
    parser.add_argument("--baseline", type=Path, help="a checkout of an older version (`git archive <commit> | "
                                                      "tar -x -C DIR`) whose command line takes turns with this one")
    args = parser.parse_args()
    files = corpus_files()
    if files is None:
        return 0
    if args.cli_only:
        print("\n".join(cli_runs(args.runs, args.baseline)))
        return 0
    summarizer = make_summarizer("extractive", {})
    rows = [measure(summarizer, p, args.runs) for p in files]
    print(table(rows))
    scored = [r for r in rows if "f1" in r]
    print(f"\nchapters: mean F1@60s {sum(r['f1'] for r in scored) / len(scored):.3f} (target >= 0.60), "
          f"mean Pk {sum(r['pk'] for r in scored) / len(scored):.3f} (target <= 0.33), "
          f"files below equal parts: {sum(r['f1'] < r['f1_eq'] for r in scored)}")
    print(f"every start inside the video: {all(r['inside'] for r in rows)}; "
          f"process peak RSS: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")
    if not args.no_cli:
        print("\n".join(cli_runs(args.runs, args.baseline)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
