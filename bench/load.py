"""Load benchmark of the service under its production server (run by hand, one Markdown report).

    .venv/bin/python bench/load.py [--seconds 5] [--rounds 3] [--skip-slow] [--baseline DIR]

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
With --baseline DIR (a checkout of an older version, e.g. `git archive <commit> | tar -x -C DIR`)
that version is measured in the same rounds, so the numbers compare on the same machine load.
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

    def __init__(self, args: list[str], env: dict, root: Path = ROOT):
        self.port = free_port()
        args = [a.replace("{port}", str(self.port)) for a in args]
        self.started = time.perf_counter()
        self.process = subprocess.Popen(args, cwd=root, env={**os.environ, **env},
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


def glance(env: dict, *extra: str, root: Path = ROOT) -> Server:
    return Server([PYTHON, "-m", "server", "serve", "--port", "{port}", *extra], env, root)


def gunicorn(env: dict, root: Path, app: str = "server:create_app()", settings=GUNICORN_SETTINGS) -> Server:
    return Server([PYTHON, "-m", "gunicorn", *settings, "-b", "127.0.0.1:{port}", app], env, root)


def wrk(url: str, connections: int, seconds: float, header: str | None = None) -> dict:
    extra = ["-H", header] if header else []
    out = subprocess.run(["wrk", "-t1", f"-c{connections}", f"-d{max(1, round(seconds))}s", "--latency", *extra, url],
                         capture_output=True, text=True, check=True).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    latency = {p: _ms(v) for p, v in re.findall(r"^\s+(50|99)%\s+(\d\S*)", out, re.M)}
    if rps == 0:  # wrk prints zeros for the latencies of requests that never came back
        latency = {}
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return {"rps": rps, "p50": latency.get("50"), "p99": latency.get("99"), "non2xx": int(errors.group(1)) if errors else 0}


def _ms(value: str) -> float:
    number, unit = re.match(r"([\d.]+)(us|ms|s)", value).groups()
    return float(number) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]


def post_body(path: Path) -> dict:
    data = json.loads(path.read_text())
    return {"transcript": {"language": data.get("language"), "kind": "manual", "segments": data["segments"]},
            "video": {"title": data.get("title"), "channel": data.get("channel")}}


def stored_get_vs_bare(env: dict, cards_file: Path, seconds: float, rounds: int, baseline: dict | None) -> list[str]:
    path = f"/api/v1/videos/{LONG}/summary?lang=en"
    servers = {"bare": gunicorn({"BARE_BODY_FILE": str(cards_file)}, ROOT / "bench", "bare_app:app"),
               "glance": glance(env)}
    if baseline:
        servers["baseline"] = gunicorn(baseline["env"], baseline["root"])
    assert requests.get(servers["glance"].url(path)).content == cards_file.read_bytes()
    assert requests.get(servers["bare"].url(path)).content == cards_file.read_bytes()
    results = {(name, c): [] for name in servers for c in (1, 8)}
    try:
        for _ in range(rounds):
            for c in (1, 8):
                for name, server in servers.items():
                    results[(name, c)].append(wrk(server.url(path), c, seconds)["rps"])
    finally:
        for server in servers.values():
            server.stop()
    others = [name for name in servers if name != "bare"]
    lines = ["| concurrency | bare Flask req/s | " + " | ".join(f"{n} req/s | {n} / bare, per round | {n} / bare, median"
                                                       for n in others) + " |",
             "|---|---|" + "---|---|---|" * len(others)]
    for c in (1, 8):
        cells = [f"{statistics.median(results[('bare', c)]):.0f}"]
        for name in others:
            ratios = [g / b for g, b in zip(results[(name, c)], results[("bare", c)])]
            cells += [f"{statistics.median(results[(name, c)]):.0f}", ", ".join(f"{r:.2f}" for r in ratios),
                      f"**{statistics.median(ratios):.2f}x**"]
        lines.append(f"| {c} | " + " | ".join(cells) + " |")
    return lines


def reads_while_summarizing(served: Server, body: dict, seconds: float, label: str) -> list[str]:
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
    cells = lambda r: (f"{r['rps']:.0f} | {r['p50']:.1f} | **{r['p99']:.1f}**" if r["p99"] is not None
                       else f"{r['rps']:.0f} | none answered in {seconds:.0f} s | none answered")
    return [
        f"| {label}: idle | {cells(quiet)} |",
        f"| {label}: while 8 uncached 3-hour transcripts are summarized ({still_running} of 8 still running when "
        f"the measurement ended; all 8 done after {total:.1f} s) | {cells(busy)} |",
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


def cli_run(env: dict, long_file: Path, root: Path) -> tuple[float, float]:
    """Wall and CPU seconds of one `summarize` process."""
    before = os.times()
    started = time.perf_counter()
    subprocess.run([PYTHON, "-m", "server", "summarize", LONG, "--transcript", str(long_file)], cwd=root,
                   check=True, stdout=subprocess.DEVNULL, env={**os.environ, **env})
    after = os.times()
    return time.perf_counter() - started, (after.children_user - before.children_user) + (after.children_system - before.children_system)


def starts(env: dict, long_file: Path, baseline: dict | None) -> list[str]:
    med = statistics.median
    rows = [("`python -m server serve` (gunicorn 2 x 4, 2 job workers)", lambda: glance(env)),
            ("`python -m server serve --debug` (development server)", lambda: glance(env, "--debug"))]
    if baseline:
        rows.append(("baseline `python -m server serve` (its development server)",
                     lambda: glance(baseline["env"], root=baseline["root"])))
    lines = ["| what | wall s, median of 3 | CPU s |", "|---|---|---|"]
    for label, start in rows:
        times = []
        for _ in range(3):
            server = start()
            times.append(server.cold_start)
            server.stop()
        lines.append(f"| cold start to the first 200 on /health: {label} | {med(times):.2f} | |")
    versions = [("this version", env, ROOT)] + ([("baseline", baseline["env"], baseline["root"])] if baseline else [])
    for label, version_env, root in versions:
        runs = [cli_run(version_env, long_file, root) for _ in range(3)]
        lines.append(f"| `python -m server summarize` of the 3-hour transcript, whole process: {label} | "
                     f"{med([w for w, _ in runs]):.2f} | {med([c for _, c in runs]):.2f} |")
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seconds", type=float, default=5.0, help="length of one wrk run")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--skip-slow", action="store_true", help="only the stored-GET comparison")
    parser.add_argument("--baseline", type=Path, help="a checkout of an older version to measure side by side")
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
    baseline = None
    if args.baseline:
        baseline = {"root": args.baseline.resolve(),
                    "env": {"GLANCE_DATABASE": str(workdir / "baseline.db"), "GLANCE_RATE_LIMIT": "0"}}
        old = glance(baseline["env"], root=baseline["root"])
        requests.post(old.url(f"/api/v1/videos/{LONG}/summary"), json=body, timeout=600).raise_for_status()
        old.stop()
    print(f"# Load benchmark ({os.cpu_count()} cores; stored cards of the 3-hour transcript: {len(cards.content)} bytes)\n")
    print("\n".join(stored_get_vs_bare(env, cards_file, args.seconds, args.rounds, baseline)) + "\n")
    if not args.skip_slow:
        lines = ["| stored GET, concurrency 4 | req/s | p50 ms | p99 ms |", "|---|---|---|---|"]
        lines += reads_while_summarizing(glance(env), body, args.seconds, "this version")
        if baseline:
            lines += reads_while_summarizing(gunicorn(baseline["env"], baseline["root"]), body, args.seconds,
                                             "baseline (gunicorn 2 x 4)")
        print("\n".join(lines) + "\n")
        print("\n".join(slow_clients(env)) + "\n")
        print("\n".join(starts(env, long_file, baseline)))
    shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
