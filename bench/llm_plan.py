"""What the LLM summarizer sends for real transcripts, per context window, and what that costs on a laptop.

Run from the repo root: `.venv/bin/python bench/llm_plan.py [--windows 8192,32768] [--files a.json,b.json]`.
It runs the real summarizer against the tests' fake LLM server on loopback (answering at once)
over ../shared/corpus, and counts requests, parts, merge requests and tokens as the fake
counts them (a pessimistic 3.5 bytes a token). Minutes are estimates, not measurements: the
tokens divided by a model's reading and writing speeds, one request at a time, with the
output of a part taken as ANSWER_TOKENS (a real cards answer; the fake's are shorter).
"""

from __future__ import annotations

import argparse
import logging
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "bench"))

from llm_fake_server import FakeLLM, is_pick, llm_config  # noqa: E402
from summarizer import corpus_files, load  # noqa: E402

from server.summarizers.llm import LLMSummarizer  # noqa: E402

ANSWER_TOKENS, PICK_TOKENS = 900, 250
# (name, prompt tokens/s, output tokens/s): rough published rates for an 8B model at 4 bits.
SPEEDS = [("laptop GPU (M-series, 8B)", 300.0, 25.0), ("laptop CPU only (8B)", 40.0, 6.0)]


def run(path: Path, window: int) -> dict:
    transcript, video, _ = load(path)
    fake = FakeLLM().start()
    fake.time_scale, fake.window = 0, window
    try:
        config = llm_config(fake, LLM_CONTEXT_TOKENS=str(window), LLM_CONCURRENCY="1")
        began = time.perf_counter()
        LLMSummarizer(config).summarize(transcript, video)
        seconds = time.perf_counter() - began
    finally:
        fake.stop()
    parts = [size for r, size in zip(fake.requests, fake.sizes) if not is_pick(r)]
    picks = [r for r in fake.requests if is_pick(r)]
    prompt = sum(size - r["body"]["max_tokens"] for r, size in zip(fake.requests, fake.sizes))
    output = ANSWER_TOKENS * len(parts) + PICK_TOKENS * len(picks)
    return {"file": path.name, "minutes": transcript.duration / 60, "window": window, "parts": len(parts),
            "picks": len(picks), "largest": max(fake.sizes), "refused": len(fake.oversized), "prompt": prompt,
            "output": output, "seconds": seconds}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--windows", default="8192,16384,32768,131072")
    parser.add_argument("--files", default="-kPpd21bFrE.json,Gfr50f6ZBvo.json,y3Umo_jd5AA.json")
    args = parser.parse_args()
    logging.disable(logging.WARNING)
    files = corpus_files()
    if files is None:
        return
    wanted = [f for f in files if f.name in args.files.split(",")]
    print("| video | length | window | parts | merge requests | largest request (prompt + max output) | refused |"
          " prompt tokens | " + " | ".join(f"minutes, {name}" for name, _, _ in SPEEDS) + " |")
    print("|---|---|---|---|---|---|---|---|" + "---|" * len(SPEEDS))
    for path in wanted:
        for window in (int(w) for w in args.windows.split(",")):
            row = run(path, window)
            minutes = [(row["prompt"] / read + row["output"] / write) / 60 for _, read, write in SPEEDS]
            print(f"| {row['file']} | {row['minutes']:.0f} min | {window} | {row['parts']} | {row['picks']} |"
                  f" {row['largest']} | {row['refused']} | {row['prompt']} | " + " | ".join(f"{m:.0f}" for m in minutes) + " |")


if __name__ == "__main__":
    main()
