"""Load benchmark of the service under its production server (run by hand, one Markdown report).

    .venv/bin/python bench/load.py [--seconds 5] [--rounds 3] [--skip-slow] [--baseline DIR]

Measures, side by side in one run, on the 3-hour corpus transcript (../shared/corpus beside
the repo; the script says so and stops when it is missing):
  1. stored-cards GET: requests/s of Glance against a bare Flask app returning the same bytes
     under the same gunicorn settings (2 processes x 4 threads), at concurrency 1 and 8, in
     interleaved rounds, with wrk: Glance under that same gunicorn command, and Glance as
     `python -m server serve` starts it (what ./bin/serve runs: gunicorn with 2 x 8 threads plus
     its job worker processes). Beside each rate, the CPU time the server's processes spent per request,
     which a busy machine disturbs less than the rates;
  2. stored-read latency (p50/p99, concurrency 4) while 8 uncached long transcripts are summarized,
     on the defaults (2 x 8) and with 4 threads per process (a POST waiting for its cards holds a thread);
  3. idle and half-open connections: health checks answered while 50 connections hold
     partial requests, Glance's gthread workers against gunicorn's sync workers;
  4. cold start to the first 200 on /health (production and --debug), and the command line's
     whole-process time for the 3-hour transcript, in interleaved rounds.
It ends with a table of the targets, each PASS or FAIL. With --baseline DIR (a checkout of an
older version, e.g. `git archive <commit> | tar -x -C DIR`) that version is measured in the same
rounds, so the numbers compare on the same machine load; without it the start and command-line
times are compared with the ones recorded for the baseline (61804a2) on a quiet machine.
Every version runs from compiled bytecode (a cache in the run's temporary folder, also where
PYTHONDONTWRITEBYTECODE is set), as an installed service does.
Other work on the machine lowers every rate; the load average is printed at the start and the end.
About 5 minutes with the defaults and --baseline.
"""

from __future__ import annotations

import argparse
import os
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

sys.path.insert(0, str(Path(__file__).resolve().parent))

from servers import CORPUS, LONG, PYTHON, ROOT, Server, glance, gunicorn, post_body, wrk  # noqa: E402

# What the baseline (61804a2) took on a quiet machine, for runs without --baseline.
RECORDED_BASELINE = {"cold start": 0.53, "command line": 1.44}


class Targets:
    """The issue's targets, each checked where it is measured, printed together at the end."""

    def __init__(self):
        self.rows: list[str] = []

    def check(self, target: str, measured: str, passed: bool) -> None:
        self.rows.append(f"| {target} | {measured} | **{'PASS' if passed else 'FAIL'}** |")

    def report(self, load_before: str) -> list[str]:
        return ["## Targets", "", f"Load average before: {load_before}; after: {load_average()} (2 cores: above 2, "
                "other work shares the CPU and every rate is lower than on a quiet machine).", "",
                "| target | measured | |", "|---|---|---|", *self.rows]


def load_average() -> str:
    return " ".join(f"{x:.1f}" for x in os.getloadavg())


def stored_get_vs_bare(env: dict, cards_file: Path, seconds: float, rounds: int, baseline: dict | None,
                       targets: Targets) -> list[str]:
    path = f"/api/v1/videos/{LONG}/summary?lang=en"
    servers = {"bare": gunicorn({"BARE_BODY_FILE": str(cards_file)}, ROOT / "bench", "bare_app:app"),
               "gunicorn": gunicorn({**env, "GLANCE_WORKERS": "0"}, ROOT),
               "serve": glance(env)}
    if baseline:
        servers["baseline"] = gunicorn(baseline["env"], baseline["root"])
    labels = {"gunicorn": "Glance, same gunicorn command", "serve": "Glance, `python -m server serve`",
              "baseline": "baseline, same gunicorn command"}
    results = {(name, c): [] for name in servers for c in (1, 8)}
    try:
        for name in ("bare", "gunicorn", "serve"):  # the baseline's cards are its own summarizer's
            assert requests.get(servers[name].url(path)).content == cards_file.read_bytes(), name
        for _ in range(rounds):
            for c in (1, 8):
                for name, server in servers.items():
                    results[(name, c)].append(wrk(server.url(path), c, seconds, server=server))
    finally:
        for server in servers.values():
            server.stop()
    med = statistics.median
    others = [name for name in servers if name != "bare"]
    lines = ["| concurrency | server | req/s (median) | x bare, per round | **x bare, median** | server CPU µs per request | x bare CPU |",
             "|---|---|---|---|---|---|---|"]
    ratio, cpu_ratio = {}, {}
    for c in (1, 8):
        bare = results[("bare", c)]
        bare_cpu = med(r["cpu_us"] for r in bare)
        lines.append(f"| {c} | bare Flask | {med(r['rps'] for r in bare):.0f} | | | {bare_cpu:.0f} | |")
        for name in others:
            runs = results[(name, c)]
            ratios = [g["rps"] / b["rps"] for g, b in zip(runs, bare)]
            ratio[(name, c)] = med(ratios)
            cpu = med(r["cpu_us"] for r in runs)
            cpu_ratio[(name, c)] = bare_cpu / cpu
            lines.append(f"| {c} | {labels[name]} | {med(r['rps'] for r in runs):.0f} | "
                         f"{', '.join(f'{r:.2f}' for r in ratios)} | **{ratio[(name, c)]:.2f}x** | {cpu:.0f} | "
                         f"{bare_cpu / cpu:.2f}x |")
    steadier = lambda name, c: f"{ratio[(name, c)]:.2f}x (bare's server CPU per request / Glance's: {cpu_ratio[(name, c)]:.2f}x)"
    for c in (1, 8):
        targets.check(f"stored GET, gunicorn 2 x 4, concurrency {c}: >= 0.7x bare Flask",
                      steadier("gunicorn", c), ratio[("gunicorn", c)] >= 0.7)
    targets.check("stored GET, `python -m server serve` (./bin/serve), concurrency 8: >= 0.5x bare Flask",
                  steadier("serve", 8), ratio[("serve", 8)] >= 0.5)
    return lines


def reads_while_summarizing(served: Server, body: dict, seconds: float, label: str,
                            targets: Targets | None = None, ids: str = "benchload") -> list[str]:
    path = served.url(f"/api/v1/videos/{LONG}/summary?lang=en")
    quiet = wrk(path, 4, seconds)
    done: list[float] = []

    def summarize(i: int) -> None:
        started = time.perf_counter()
        video_id = f"{ids}{i:02d}"  # 11 characters, new to the database
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
    if targets:
        targets.check(f"stored-read p99 ({label}) at concurrency 4 while 8 uncached 3-hour transcripts are summarized "
                      f"({still_running} of 8 still running at the end): <= 100 ms",
                      f"{busy['p99']:.1f} ms" if busy["p99"] is not None else "none answered",
                      busy["p99"] is not None and busy["p99"] <= 100 and still_running > 0)
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
            f"| Glance (`python -m server serve`: gunicorn gthread, 2 x 8) | **{ours}** |",
            f"| gunicorn sync workers (2) | {theirs} |"]


def cli_run(env: dict, long_file: Path, root: Path) -> tuple[float, float]:
    """Wall and CPU seconds of one `summarize` process."""
    before = os.times()
    started = time.perf_counter()
    subprocess.run([PYTHON, "-m", "server", "summarize", LONG, "--transcript", str(long_file)], cwd=root,
                   check=True, stdout=subprocess.DEVNULL, env={**os.environ, **env})
    after = os.times()
    return time.perf_counter() - started, (after.children_user - before.children_user) + (after.children_system - before.children_system)


def starts(env: dict, long_file: Path, baseline: dict | None, targets: Targets) -> list[str]:
    """Cold starts and command-line runs, three rounds with every version in each round."""
    med = statistics.median
    servers = {"serve": ("`python -m server serve` (gunicorn 2 x 8, 2 job workers)", lambda: glance(env)),
               "debug": ("`python -m server serve --debug` (development server)", lambda: glance(env, "--debug"))}
    if baseline:
        servers["baseline"] = ("baseline `python -m server serve` (its development server)",
                               lambda: glance(baseline["env"], root=baseline["root"]))
    versions = {"this version": (env, ROOT)}
    if baseline:
        versions["baseline"] = (baseline["env"], baseline["root"])
    cold = {name: [] for name in servers}
    cli = {name: [] for name in versions}
    for version_env, root in versions.values():  # compiles what only the command line imports
        cli_run(version_env, long_file, root)
    for _ in range(3):
        for name, (_label, start) in servers.items():
            server = start()
            cold[name].append(server.cold_start)
            server.stop()
        for name, (version_env, root) in versions.items():
            cli[name].append(cli_run(version_env, long_file, root))
    lines = ["| what | wall s, median of 3 | CPU s |", "|---|---|---|"]
    for name, (label, _start) in servers.items():
        lines.append(f"| cold start to the first 200 on /health: {label} | {med(cold[name]):.2f} | |")
    for name, runs in cli.items():
        lines.append(f"| `python -m server summarize` of the 3-hour transcript, whole process: {name} | "
                     f"{med([w for w, _ in runs]):.2f} | {med([c for _, c in runs]):.2f} |")
    ours, wall = med(cold["serve"]), med([w for w, _ in cli["this version"]])
    if baseline:
        theirs, their_wall = med(cold["baseline"]), med([w for w, _ in cli["baseline"]])
        against = "the baseline in the same rounds"
    else:
        theirs, their_wall = RECORDED_BASELINE["cold start"], RECORDED_BASELINE["command line"]
        against = "the baseline's time recorded on a quiet machine"
    targets.check(f"cold start to the first 200 on /health (`serve`): not slower than {against}",
                  f"{ours:.2f} s against {theirs:.2f} s", ours <= theirs)
    targets.check(f"the command line's whole process for the 3-hour transcript: not slower than {against}",
                  f"{wall:.2f} s against {their_wall:.2f} s", wall <= their_wall)
    return lines


def bytecode_cache(workdir: Path, name: str) -> dict:
    """Each version's processes read compiled bytecode, as an installed service does, even where the
    environment says not to write it (PYTHONDONTWRITEBYTECODE): otherwise every start and command
    compiles all the source again, and the version with more code looks slower for that alone."""
    return {"PYTHONDONTWRITEBYTECODE": "", "PYTHONPYCACHEPREFIX": str(workdir / f"bytecode-{name}")}


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
    load_before, began = load_average(), time.perf_counter()
    workdir = Path(tempfile.mkdtemp(prefix="glance-load-"))
    env = {"GLANCE_DATABASE": str(workdir / "glance.db"), "GLANCE_RATE_LIMIT": "0", **bytecode_cache(workdir, "glance")}
    body = post_body(long_file)
    setup = glance(env)
    cards = requests.post(setup.url(f"/api/v1/videos/{LONG}/summary"), json=body, timeout=600)
    setup.stop()
    cards_file = workdir / "cards.json"
    cards_file.write_bytes(cards.content)
    baseline = None
    if args.baseline:
        baseline = {"root": args.baseline.resolve(),
                    "env": {"GLANCE_DATABASE": str(workdir / "baseline.db"), "GLANCE_RATE_LIMIT": "0",
                            **bytecode_cache(workdir, "baseline")}}
        old = glance(baseline["env"], root=baseline["root"])
        requests.post(old.url(f"/api/v1/videos/{LONG}/summary"), json=body, timeout=600).raise_for_status()
        old.stop()
    targets = Targets()
    print(f"# Load benchmark ({os.cpu_count()} cores, load average {load_before}; stored cards of the 3-hour "
          f"transcript: {len(cards.content)} bytes)\n")
    print("\n".join(stored_get_vs_bare(env, cards_file, args.seconds, args.rounds, baseline, targets)) + "\n")
    if not args.skip_slow:
        lines = ["| stored GET, concurrency 4 | req/s | p50 ms | p99 ms |", "|---|---|---|---|"]
        lines += reads_while_summarizing(glance(env), body, args.seconds, "`serve`, 2 x 8", targets)
        # each waiting POST holds a request thread: with 2 x 4 (the old default), eight of them leave none for reads
        lines += reads_while_summarizing(glance(env, "--threads", "4"), body, args.seconds,
                                         "this version, 4 threads per process (GLANCE_THREADS=4)", ids="benchmore")
        if baseline:
            lines += reads_while_summarizing(gunicorn(baseline["env"], baseline["root"]), body, args.seconds,
                                             "baseline (gunicorn 2 x 4)")
        print("\n".join(lines) + "\n")
        print("\n".join(slow_clients(env)) + "\n")
        print("\n".join(starts(env, long_file, baseline, targets)) + "\n")
    print("\n".join(targets.report(load_before)))
    print(f"\n({time.perf_counter() - began:.0f} s in all)")
    shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
