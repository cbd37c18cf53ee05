"""What the largest accepted POST costs: CPU seconds and peak memory of one request, each
in a fresh process, for the longest corpus transcript (~3 hours, ../shared/corpus) and for
it repeated to 12 hours and to the configured limits (the worst bodies the service takes).

Run from the repo root: `.venv/bin/python bench/body_cost.py`. The limits in docs/configuration.md come from
this table: every accepted body should stay within ~30 s of CPU and ~500 MB on a 2-core machine.
"""

from __future__ import annotations

import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
CORPUS = ROOT.parent / "shared" / "corpus"
LONGEST = "y3Umo_jd5AA.json"  # 3.05 hours, 4,853 segments, 430 KB as a POST body


def body(copies: float, *, max_chars: int | None = None, max_segments: int | None = None, words_per_segment=None):
    """The longest transcript repeated `copies` times end to end, cut at the given limits."""
    source = json.loads((CORPUS / LONGEST).read_text())["segments"]
    length = source[-1]["start"] + source[-1].get("duration", 0)
    segments, chars, i = [], 0, 0
    while True:
        seg = source[i % len(source)]
        text = seg["text"] if words_per_segment is None else " ".join(seg["text"].split()[:words_per_segment]) or "so"
        if i >= copies * len(source) or (max_chars and chars + len(text) > max_chars) \
                or (max_segments and len(segments) >= max_segments):
            break
        segments.append({"start": round(seg["start"] + length * (i // len(source)), 2),
                         "duration": seg.get("duration", 0), "text": text})
        chars += len(text)
        i += 1
    return {"transcript": {"language": "en", "kind": "manual", "segments": segments}}


def measure(path: str) -> None:
    """Child process: POST the body in `path` once; print CPU seconds and peak RSS (MB) as JSON."""
    from server import create_app

    raw = Path(path).read_bytes()
    with tempfile.TemporaryDirectory() as tmp:
        app = create_app({"DATABASE": f"{tmp}/cost.db", "RATE_LIMIT": 0, "MAX_BODY_BYTES": 50_000_000,
                          "MAX_SEGMENTS": 10**7, "MAX_TRANSCRIPT_CHARS": 10**9})
        client = app.test_client()
        client.get("/api/v1/health")
        before = resource.getrusage(resource.RUSAGE_SELF)
        cpu, wall = time.process_time(), time.perf_counter()
        response = client.post("/api/v1/videos/abcdefghijk/summary", data=raw, content_type="application/json")
        cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"status": response.status_code, "cpu": cpu, "wall": wall, "peak_mb": peak,
                      "start_mb": before.ru_maxrss / 1024}))


def main() -> int:
    if not (CORPUS / LONGEST).exists():
        print(f"skipped: no corpus at {CORPUS} (the benchmarks read ../shared/corpus beside the repo)")
        return 0
    from server.settings import DEFAULTS

    chars, segs = int(DEFAULTS["MAX_TRANSCRIPT_CHARS"]), int(DEFAULTS["MAX_SEGMENTS"])
    cases = [
        ("3 h corpus transcript", body(1)),
        ("12 h (the 3 h one x4)", body(4)),
        (f"at the limits: {chars:,} chars", body(100, max_chars=chars, max_segments=segs)),
        (f"at the limits: {segs:,} short segments", body(100, max_chars=chars, max_segments=segs, words_per_segment=3)),
        ("at both limits", body(100, max_chars=chars, max_segments=segs, words_per_segment=6)),
    ]
    if "--old" in sys.argv:  # the limits before they were set from real videos
        cases.append(("old limits: 3,000,000 chars", body(100, max_chars=3_000_000, max_segments=60_000)))
    print("| body | segments | characters | body bytes | status | CPU s | wall s | peak MB |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    for name, data in cases:
        raw = json.dumps(data, ensure_ascii=False).encode()
        with tempfile.NamedTemporaryFile(suffix=".json") as handle:
            handle.write(raw)
            handle.flush()
            out = subprocess.run([sys.executable, __file__, "--child", handle.name], capture_output=True, text=True,
                                 cwd=ROOT, env={"OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1", "PATH": "/usr/bin"})
        if out.returncode:
            print(out.stderr[-2000:])
            return 1
        result = json.loads(out.stdout.strip().splitlines()[-1])
        segments = data["transcript"]["segments"]
        print(f"| {name} | {len(segments):,} | {sum(len(s['text']) for s in segments):,} | {len(raw):,} | {result['status']}"
              f" | {result['cpu']:.1f} | {result['wall']:.1f} | {result['peak_mb']:.0f} |", flush=True)
    return 0


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--child":
        measure(sys.argv[2])
    else:
        sys.exit(main())
