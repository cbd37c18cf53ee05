"""Load benchmark of the service under its production server (run by hand, one Markdown report).

    .venv/bin/python bench/load.py [--seconds 5] [--rounds 3] [--skip-slow]

Measures, side by side in one run, on the 3-hour corpus transcript (../shared/corpus beside
the repo; the script says so and stops when it is missing):
  1. stored-cards GET: requests/s of Glance (`python -m server serve`, what ./bin/serve starts)
     against a bare Flask app returning the same bytes under the same gunicorn settings, at
     concurrency 1 and 8, in interleaved rounds, with wrk;
  2. stored-read latency (p50/p99, concurrency 4) while 8 uncached long transcripts are summarized;
  3. idle and half-open connections: health checks answered while 50 connections hold
     partial requests, Glance's gthread workers against gunicorn's sync workers;
  4. cold start to the first 200 on /health (production and --debug), and the command line's
     whole-process time for the 3-hour transcript.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus"
LONG = "y3Umo_jd5AA"
PYTHON = sys.executable
GUNICORN_SETTINGS = ["-k", "gthread", "-w", "2", "--threads", "4", "--keep-alive", "5", "--timeout", "120",
                     "--log-level", "warning"]  # the same as server/production.py


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_healthy(port: int, seconds: float = 60.0) -> float:
    started = time.perf_counter()
    while time.perf_counter() - started < seconds:
        try:
            if requests.get(f"http://127.0.0.1:{port}/api/v1/health", timeout=1).status_code == 200:
                return time.perf_counter() - started
        except requests.RequestException:
            pass
        time.sleep(0.01)
    raise SystemExit(f"nothing answered on port {port}")


class Server:
    """A server process on a free port, stopped (SIGTERM, then SIGKILL) on exit."""

    def __init__(self, args: list[str], env: dict):
        self.port = free_port()
        args = [a.replace("{port}", str(self.port)) for a in args]
        self.started = time.perf_counter()
        self.process = subprocess.Popen(args, cwd=ROOT, env={**os.environ, **env},
                                        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        self.cold_start = wait_healthy(self.port)

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(15)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


def glance(env: dict, *extra: str) -> Server:
    return Server([PYTHON, "-m", "server", "serve", "--port", "{port}", *extra], env)


def wrk(url: str, connections: int, seconds: float) -> dict:
    out = subprocess.run(["wrk", "-t1", f"-c{connections}", f"-d{max(1, round(seconds))}s", "--latency", url],
                         capture_output=True, text=True, check=True).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    latency = {p: _ms(v) for p, v in re.findall(r"^\s+(50|99)%\s+(\S+)", out, re.M)}
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return {"rps": rps, "p50": latency.get("50"), "p99": latency.get("99"), "non2xx": int(errors.group(1)) if errors else 0}


def _ms(value: str) -> float:
    number, unit = re.match(r"([\d.]+)(us|ms|s)", value).groups()
    return float(number) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]


def post_body(path: Path) -> dict:
    data = json.loads(path.read_text())
    return {"transcript": {"language": data.get("language"), "kind": "manual", "segments": data["segments"]},
            "video": {"title": data.get("title"), "channel": data.get("channel")}}


def stored_get_vs_bare(env: dict, cards_file: Path, seconds: float, rounds: int) -> list[str]:
    bare = Server([PYTHON, "-m", "gunicorn", *GUNICORN_SETTINGS, "-b", "127.0.0.1:{port}", "--chdir", "bench",
                   "bare_app:app"], {"BARE_BODY_FILE": str(cards_file)})
    served = glance(env)
    path = f"/api/v1/videos/{LONG}/summary?lang=en"
    assert requests.get(served.url(path)).content == requests.get(bare.url(path)).content == cards_file.read_bytes()
    results = {(name, c): [] for name in ("glance", "bare") for c in (1, 8)}
    try:
        for _ in range(rounds):
            for c in (1, 8):
                for name, server in (("bare", bare), ("glance", served)):
                    results[(name, c)].append(wrk(server.url(path), c, seconds)["rps"])
    finally:
        bare.stop()
        served.stop()
    lines = ["| concurrency | bare Flask req/s | Glance req/s | Glance / bare (per round) | median ratio |", "|---|---|---|---|---|"]
    for c in (1, 8):
        ratios = [g / b for g, b in zip(results[("glance", c)], results[("bare", c)])]
        lines.append(f"| {c} | {statistics.median(results[('bare', c)]):.0f} | {statistics.median(results[('glance', c)]):.0f}"
                     f" | {', '.join(f'{r:.2f}' for r in ratios)} | **{statistics.median(ratios):.2f}x** |")
    return lines


def reads_while_summarizing(env: dict, body: dict, seconds: float) -> list[str]:
    served = glance(env)
    path = served.url(f"/api/v1/videos/{LONG}/summary?lang=en")
    quiet = wrk(path, 4, seconds)
    done: list[float] = []

    def summarize(i: int) -> None:
        started = time.perf_counter()
        video_id = f"benchload{i:02d}"
        response = requests.post(served.url(f"/api/v1/videos/{video_id}/summary"), json=body, timeout=600)
        assert response.status_code == 200, response.text
        done.append(time.perf_counter() - started)

    threads = [threading.Thread(target=summarize, args=(i,)) for i in range(8)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    time.sleep(0.5)  # the 8 POSTs are in and their jobs queued or running
    busy = wrk(path, 4, seconds)
    still_running = 8 - len(done)
    for thread in threads:
        thread.join()
    total = time.perf_counter() - started
    served.stop()
    return [
        "| stored GET, concurrency 4 | req/s | p50 ms | p99 ms |", "|---|---|---|---|",
        f"| idle server | {quiet['rps']:.0f} | {quiet['p50']:.1f} | {quiet['p99']:.1f} |",
        f"| while 8 uncached 3-hour transcripts are summarized ({still_running} of 8 still running when the "
        f"measurement ended; all 8 done after {total:.1f} s) | {busy['rps']:.0f} | {busy['p50']:.1f} | **{busy['p99']:.1f}** |",
    ]


def half_open(server: Server, holders: int = 50, checks: int = 10) -> int:
    """Health checks answered within 2 s while `holders` connections each sit on a partial request."""
    sockets = []
    for _ in range(holders):
        s = socket.create_connection(("127.0.0.1", server.port))
        s.sendall(b"GET /api/v1/health HTTP/1.1\r\nHost: 127.0.0.1\r\n")  # and never the blank line
        sockets.append(s)
    time.sleep(0.5)
    answered = 0
    for _ in range(checks):
        try:
            answered += requests.get(server.url("/api/v1/health"), timeout=2).status_code == 200
        except requests.RequestException:
            pass
    for s in sockets:
        s.close()
    return answered


def slow_clients(env: dict) -> list[str]:
    served = glance(env)
    sync = Server([PYTHON, "-m", "gunicorn", "-k", "sync", "-w", "2", "--timeout", "120", "--log-level", "warning",
                   "-b", "127.0.0.1:{port}", "server:create_app()"], env)
    try:
        ours, theirs = half_open(served), half_open(sync)
    finally:
        served.stop()
        sync.stop()
    return ["| server | health checks answered (of 10, 2 s timeout) with 50 half-open connections |", "|---|---|",
            f"| Glance (`python -m server serve`: gunicorn gthread, 2 x 4) | **{ours}** |",
            f"| gunicorn sync workers (2) | {theirs} |"]


def starts(env: dict, long_file: Path) -> list[str]:
    production = [glance(env) for _ in range(3)]
    debug = [glance(env, "--debug") for _ in range(3)]
    for server in production + debug:
        server.stop()
    cli = []
    for _ in range(3):
        started = time.perf_counter()
        subprocess.run([PYTHON, "-m", "server", "summarize", LONG, "--transcript", str(long_file)], cwd=ROOT,
                       check=True, stdout=subprocess.DEVNULL, env={**os.environ, **env})
        cli.append(time.perf_counter() - started)
    med = lambda values: statistics.median(values)
    return ["| what | median of 3, seconds |", "|---|---|",
            f"| cold start to the first 200 on /health, `python -m server serve` (gunicorn 2 x 4) | {med([s.cold_start for s in production]):.2f} |",
            f"| the same with `--debug` (development server) | {med([s.cold_start for s in debug]):.2f} |",
            f"| `python -m server summarize` of the 3-hour transcript, whole process | {med(cli):.2f} |"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seconds", type=float, default=5.0, help="length of one wrk run")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--skip-slow", action="store_true", help="only the stored-GET comparison")
    args = parser.parse_args()
    long_file = CORPUS / f"{LONG}.json"
    if not long_file.exists():
        print(f"skipped: no corpus at {CORPUS} (the benchmarks read ../shared/corpus beside the repo)")
        return
    if not shutil.which("wrk"):
        raise SystemExit("wrk is needed (Debian: apt-get install wrk)")
    workdir = Path(tempfile.mkdtemp(prefix="glance-load-"))
    env = {"GLANCE_DATABASE": str(workdir / "glance.db"), "GLANCE_RATE_LIMIT": "0"}
    body = post_body(long_file)
    setup = glance(env)
    cards = requests.post(setup.url(f"/api/v1/videos/{LONG}/summary"), json=body, timeout=600)
    setup.stop()
    cards_file = workdir / "cards.json"
    cards_file.write_bytes(cards.content)
    print(f"# Load benchmark ({os.cpu_count()} cores; stored cards of the 3-hour transcript: {len(cards.content)} bytes)\n")
    print("\n".join(stored_get_vs_bare(env, cards_file, args.seconds, args.rounds)) + "\n")
    if not args.skip_slow:
        print("\n".join(reads_while_summarizing(env, body, args.seconds)) + "\n")
        print("\n".join(slow_clients(env)) + "\n")
        print("\n".join(starts(env, long_file)))
    shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
