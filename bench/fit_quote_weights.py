"""Fit the quote-score weights (server/summarizers/extractive/quotability.py) on the quote evaluation set,
so that the lines people picked rank above the other candidates, and measure how well that carries
over to a video the fit never saw.

Run from the repo root: `.venv/bin/python bench/fit_quote_weights.py [--cv]`. It prints the weights
fitted on all 12 videos, to paste into WEIGHTS (rounded). With --cv it first fits 12 times, each time
on 11 videos, and ranks the 12th with those weights (leave one video out): the held-out measure,
since every video of the set has been read while the score was being built.
`bench/quote_eval.py --cv` does the same through the whole summarizer (hits included).

Method: a ranking loss (softmax cross-entropy). Per video every readable candidate span is a feature vector
(quotability.features). A reference line's score is the soft maximum (log-sum-exp) over the spans
that hold it, since the line only needs one good cut; every span of a sentence unit that holds no
reference line is a negative. The loss is, per line, -log(exp(score(line)) / (exp(score(line)) + the
sum of exp(score(negative)) over the video's negatives)), averaged over a video's lines and then
over videos (each video counts the same): it weighs most the negatives that outrank the line, which
is what the ranks measure. Here score = fixed costs (edges, host, rough cuts; not fitted) +
weights . features, plus an L2 pull of the weights towards 0 (PULL, fixed beforehand, not tuned on
the held-out ranks). The weights in quotability.BY_RULE are not fitted: they stay at their set values
in every fit, the leave-one-out ones included, so the held-out measure sees the rule as shipped.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import numpy as np
from scipy.optimize import minimize

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from server.summarizers.extractive.quotability import BY_RULE, FEATURES, WEIGHTS, features, quotability  # noqa: E402
from server.summarizers.extractive.quoting import readable  # noqa: E402
from server.summarizers.extractive.summarizer import analyse, quote_spans  # noqa: E402
from quote_eval import REFS, matches  # noqa: E402
from summarizer import CORPUS, load  # noqa: E402

PULL = 0.02


def video_matrix(entry: dict) -> dict:
    """Features, fixed costs, units and the lines each readable candidate of one video holds."""
    transcript, video, _ = load(CORPUS / f"{entry['id']}.json")
    a = analyse(transcript, video)
    spans = readable(a.stream, quote_spans(a), limit=None)
    rows, fixed = [], []
    for span in spans:
        keys = [a.stream.key[i] for i in span.kept]
        texts = [a.stream.text[i] for i in span.kept]
        f = features(keys, texts, span.answers, float(a.cent[span.unit]), cut=span.cut)
        rows.append(f)
        fixed.append(span.score - quotability(keys, texts, span.answers, float(a.cent[span.unit]), cut=span.cut))
    held = np.array([[matches(s.start, s.text, line) for s in spans] for line in entry["lines"]],
                    dtype=bool).reshape(len(entry["lines"]), len(spans))
    units = np.array([s.unit for s in spans], dtype=int)
    line_units = np.isin(units, units[held.any(axis=0)])  # every cut of a unit that holds a line
    return {"id": entry["id"], "x": np.array(rows, dtype=float).reshape(len(spans), len(FEATURES)),
            "c": np.array(fixed), "units": units, "held": held, "neg": ~line_units}


def _loss(w: np.ndarray, videos: list[dict], pull: float) -> tuple[float, np.ndarray]:
    """The ranking loss and its gradient: per line, -log of its share of exp(score) among itself and
    all negatives of its video (so the negatives at the top of the ranking weigh most)."""
    total, grad = pull * float(w @ w), 2 * pull * w
    for v in videos:
        x, s = v["x"], v["c"] + v["x"] @ w
        neg = np.where(v["neg"])[0]
        lines = [np.where(h)[0] for h in v["held"] if h.any()]
        if not lines or not len(neg):
            continue
        pos, pos_x = [], []
        for idx in lines:  # soft maximum over the cuts that hold the line, and its gradient
            e = np.exp(s[idx] - s[idx].max())
            pos.append(s[idx].max() + np.log(e.sum()))
            pos_x.append((e / e.sum()) @ x[idx])
        pos, pos_x = np.array(pos), np.array(pos_x)
        top = max(s[neg].max(), pos.max())
        en, ep = np.exp(s[neg] - top), np.exp(pos - top)
        z = en.sum() + ep  # per line
        total += float(np.mean(np.log(z) + top - pos)) / len(videos)
        g = ((en @ x[neg])[None, :] + ep[:, None] * pos_x) / z[:, None] - pos_x
        grad += g.mean(axis=0) / len(videos)
    grad[_RULED] = 0.0  # weights set by rule stay where they start
    return total, grad


_RULED = [FEATURES.index(name) for name in BY_RULE]


def fit(videos: list[dict], pull: float = PULL) -> np.ndarray:
    """Weights minimising the ranking loss over `videos` (a convex loss: the start does not matter),
    the ones set by rule (quotability.BY_RULE) held at their values."""
    start = np.zeros(len(FEATURES))
    for name, weight in BY_RULE.items():
        start[FEATURES.index(name)] = weight
    result = minimize(_loss, start, args=(videos, pull), jac=True, method="L-BFGS-B",
                      options={"maxiter": 300})
    return result.x


def unit_ranks(v: dict, w: np.ndarray) -> list[int]:
    """Each line's rank as bench/quote_eval.py counts it: 1 + the other units whose best cut scores higher."""
    s = v["c"] + v["x"] @ w
    best: dict[int, float] = {}
    for u, value in zip(v["units"].tolist(), s.tolist()):
        if value > best.get(u, -np.inf):
            best[u] = value
    values = np.array(list(best.values()))
    out = []
    for h in v["held"]:
        if not h.any():
            out.append(len(best) + 1)
            continue
        j = np.where(h)[0][np.argmax(s[h])]
        out.append(int((values > s[j]).sum() - (best[v["units"][j]] > s[j])) + 1)
    return out


def cross_validated(videos: list[dict], pull: float = PULL) -> list[np.ndarray]:
    """For each video, the weights fitted on all the others."""
    return [fit(videos[:k] + videos[k + 1:], pull) for k in range(len(videos))]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cv", action="store_true", help="rank each video with weights fitted on the others")
    parser.add_argument("--pull", type=float, default=PULL)
    args = parser.parse_args()
    if not CORPUS.is_dir():
        print(f"skipped: no corpus at {CORPUS} (the benchmarks read ../shared/corpus beside the repo)")
        return 0
    entries = json.loads(REFS.read_text())["videos"]
    videos = [video_matrix(e) for e in entries]
    if args.cv:
        shipped = np.array(WEIGHTS, dtype=float)
        for v, w in zip(videos, cross_validated(videos, args.pull)):
            print(f"{v['id']:22s} left out: median rank {np.median(unit_ranks(v, w)):7.1f}"
                  f"   (shipped weights: {np.median(unit_ranks(v, shipped)):7.1f})")
    w = fit(videos, args.pull)
    for name, old, new in zip(FEATURES, WEIGHTS, w):
        print(f"{name:18s} {old:+.3f} -> {new:+.3f}")
    print("WEIGHTS = (" + ", ".join(f"{v:.2f}" for v in w) + ")")
    return 0


if __name__ == "__main__":
    sys.exit(main())
