"""Servers and load for the benchmarks: a service process on a free port, its CPU time, one wrk run.

bench/load.py and bench/team.py start Glance, a bare Flask app and older versions with these.
"""

from __future__ import annotations

import json
import os
import re
import socket
import subprocess
import sys
import time
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus"
LONG = "y3Umo_jd5AA"
PYTHON = sys.executable
GUNICORN_SETTINGS = ["-k", "gthread", "-w", "2", "--threads", "4", "--keep-alive", "5", "--timeout", "120",
                     "--log-level", "warning"]  # the same as server/production.py
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


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

    def cpu_seconds(self) -> float:
        """CPU time (user + system) of the server process and every process under it, now."""
        return sum(_cpu_of(pid) for pid in _tree(self.process.pid))

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(15)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


def _tree(root: int) -> list[int]:
    parents = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                parents[int(entry.name)] = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, ValueError, IndexError):
                pass
    pids, todo = [], [root]
    while todo:
        pid = todo.pop()
        pids.append(pid)
        todo += [child for child, parent in parents.items() if parent == pid]
    return pids


def _cpu_of(pid: int) -> float:
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / CLOCK_TICKS  # utime and stime


def glance(env: dict, *extra: str, root: Path = ROOT) -> Server:
    return Server([PYTHON, "-m", "server", "serve", "--port", "{port}", *extra], env, root)


def gunicorn(env: dict, root: Path, app: str = "server:create_app()", settings=GUNICORN_SETTINGS) -> Server:
    return Server([PYTHON, "-m", "gunicorn", *settings, "-b", "127.0.0.1:{port}", app], env, root)


def wrk(url: str, connections: int, seconds: float, header: str | None = None, server: Server | None = None) -> dict:
    """One wrk run; with `server`, also the CPU microseconds its processes spent per request."""
    extra = ["-H", header] if header else []
    cpu_before = server.cpu_seconds() if server else 0.0
    out = subprocess.run(["wrk", "-t1", f"-c{connections}", f"-d{max(1, round(seconds))}s", "--latency", *extra, url],
                         capture_output=True, text=True, check=True).stdout
    cpu = server.cpu_seconds() - cpu_before if server else None
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    count = int(re.search(r"(\d+) requests in", out).group(1))
    latency = {p: _ms(v) for p, v in re.findall(r"^\s+(50|99)%\s+(\d\S*)", out, re.M)}
    if rps == 0:  # wrk prints zeros for the latencies of requests that never came back
        latency = {}
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return {"rps": rps, "p50": latency.get("50"), "p99": latency.get("99"), "non2xx": int(errors.group(1)) if errors else 0,
            "cpu_us": cpu / count * 1e6 if cpu is not None and count else None}


def _ms(value: str) -> float:
    number, unit = re.match(r"([\d.]+)(us|ms|s)", value).groups()
    return float(number) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]


def post_body(path: Path) -> dict:
    data = json.loads(path.read_text())
    return {"transcript": {"language": data.get("language"), "kind": "manual", "segments": data["segments"]},
            "video": {"title": data.get("title"), "channel": data.get("channel")}}
