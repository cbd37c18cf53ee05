"""Fit the quote-score weights (server/summarizers/extractive/quotability.py) on the tuning half of the
quote evaluation set, so that the lines people picked rank above the other candidates.

Run from the repo root: `.venv/bin/python bench/fit_quote_weights.py [--split tune]`; it prints the
weights to paste into WEIGHTS (rounded by hand). Then `bench/quote_eval.py --split held_out` says
whether they carry over to videos they were not fitted on.

Method: pairwise logistic ranking. For each tuning video every candidate span is a feature vector
(quotability.features); spans that match a reference line are positives, the others negatives.
The loss is the mean of log(1 + exp(-(score(p) - score(n)))) over positive/negative pairs of the same
video, where score = fixed costs (edges, host, rough cuts; not fitted) + weights . features, plus an
L2 pull towards the hand-set starting weights (PRIOR; its size chosen by leaving one tuning video out, --cv) so that rare features keep their sign and size.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from server.summarizers.extractive.quotability import FEATURES, WEIGHTS, features, quotability  # noqa: E402
from server.summarizers.extractive.quoting import readable  # noqa: E402
from server.summarizers.extractive.summarizer import analyse, quote_spans  # noqa: E402
from quote_eval import REFS, matches  # noqa: E402
from summarizer import CORPUS, load  # noqa: E402

NEGATIVES = 3000  # per video, the best-scored ones (those are the ones a positive must beat)
PULL = 0.3
# The hand-set weights the fit starts from and is pulled towards (same order as FEATURES).
PRIOR = (0.5, 0.3, 0.6, 0.3, 0.1, -0.5, -0.2, 0.12, 0.15, 0.2, 0.15, -0.15, -0.25, 0.2, -0.15, -0.15, -0.3,
         -0.4, -0.25, -0.75, -0.5)
STEPS, RATE = 600, 0.5


def video_matrix(entry: dict):
    """Features, fixed costs and labels of every readable candidate of one video."""
    transcript, video, _ = load(CORPUS / f"{entry['id']}.json")
    a = analyse(transcript, video)
    spans = readable(a.stream, quote_spans(a), limit=None)
    rows, fixed, labels = [], [], []
    for span in spans[:NEGATIVES]:
        keys = [a.stream.key[i] for i in span.kept]
        texts = [a.stream.text[i] for i in span.kept]
        f = features(keys, texts, span.answers, float(a.cent[span.unit]))
        rows.append(f)
        fixed.append(span.score - quotability(keys, texts, span.answers, float(a.cent[span.unit])))
        labels.append(any(matches(span.start, span.text, line) for line in entry["lines"]))
    return np.array(rows), np.array(fixed), np.array(labels)


def median_rank(video, w) -> float:
    """Median over the reference spans of their rank among the video's candidates (by span, not unit)."""
    x, c, y = video
    s = c + x @ w
    order = np.argsort(-s)
    rank = np.empty(len(s), dtype=int)
    rank[order] = np.arange(1, len(s) + 1)
    return float(np.median(rank[y])) if y.any() else float("nan")


def fit(videos, pull: float = PULL) -> np.ndarray:
    w0 = np.array(PRIOR, dtype=float)
    w = w0.copy()
    for _ in range(STEPS):
        grad = pull * 2 * (w - w0)
        pairs = 0
        for x, c, y in videos:
            s = c + x @ w
            pos, neg = np.where(y)[0], np.where(~y)[0]
            if not len(pos) or not len(neg):
                continue
            diff = s[pos][:, None] - s[neg][None, :]  # P x N
            g = -1 / (1 + np.exp(np.clip(diff, -30, 30)))  # d loss / d diff
            grad_pairs = (g.sum(axis=1) @ x[pos]) - (g.sum(axis=0) @ x[neg])
            grad += grad_pairs / diff.size
            pairs += 1
        w -= RATE * grad / max(pairs, 1) * len(videos)
    return w


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", default="tune", choices=["tune", "held_out", "fresh", "all"])
    parser.add_argument("--cv", action="store_true", help="choose the L2 pull by leaving one video out")
    args = parser.parse_args()
    if not CORPUS.is_dir():
        print(f"skipped: no corpus at {CORPUS} (the benchmarks read ../shared/corpus beside the repo)")
        return 0
    entries = [e for e in json.loads(REFS.read_text())["videos"] if args.split in ("all", e["split"])]
    videos = [video_matrix(e) for e in entries]
    pull = PULL
    if args.cv:
        best = None
        for pull in (0.1, 0.3, 1.0):
            ranks = [median_rank(v, fit(videos[:k] + videos[k + 1:], pull)) for k, v in enumerate(videos)]
            logs = float(np.mean(np.log(ranks)))
            print(f"pull {pull}: left-out median span ranks {ranks} (mean log {logs:.2f})")
            best = min(best or (logs, pull), (logs, pull))
        pull = best[1]
    w = fit(videos, pull)
    for name, old, new in zip(FEATURES, PRIOR, w):
        print(f"{name:18s} {old:+.3f} -> {new:+.3f}")
    print("WEIGHTS = (" + ", ".join(f"{v:.2f}" for v in w) + ")")
    return 0


if __name__ == "__main__":
    sys.exit(main())
