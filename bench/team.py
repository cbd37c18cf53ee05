"""Team-server benchmark: PostgreSQL against SQLite, several hosts, sizes (run by hand, one Markdown report).

    .venv/bin/python bench/team.py [--seconds 5] [--rounds 3]

Side by side in one run, with a PostgreSQL server it starts itself (tests/postgres_server.py,
Debian's postgresql package) and the corpus in ../shared/corpus beside the repo (it says so
and stops when that is missing):
  1. stored-cards GET of the 3-hour transcript's cards, requests/s at concurrency 1 and 8 (wrk):
     bare Flask with the same bytes, Glance on SQLite, Glance on PostgreSQL, and Glance on
     PostgreSQL with GLANCE_AUTH=tokens and GLANCE_AUTH_READS=tokens (a token look-up per read);
     each `python -m server serve` with 2 processes x 4 threads, in interleaved rounds;
  2. 8 uncached corpus videos POSTed at once, spread over two "hosts" (two `serve` processes,
     one job worker each) on one PostgreSQL, against one host on SQLite: wall time, how many
     jobs ran, and which hosts' workers ran them;
  3. what the corpus takes in PostgreSQL per video (transcripts gzip, cards, indexes), for sizing.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import requests

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from servers import CORPUS, LONG, PYTHON, ROOT, Server, glance, gunicorn, post_body, wrk  # noqa: E402
from postgres_server import PostgresServer, find_bindir  # noqa: E402

EIGHT = ["13CZPWmke6A", "1GDVum5IarI", "3LWNY70Oj4A", "Gfr50f6ZBvo", "Hhjb3GyfQkY", "KZnGSVwIpeU",
         "O9upVbGSBFo", "ew8U43IXTfk"]


def corpus_files() -> list[Path]:
    return sorted(path for path in CORPUS.glob("*.json") if "__" not in path.name)


def stored_gets(servers: dict[str, Server], path: str, seconds: float, rounds: int, headers: dict) -> list[str]:
    results = {(name, c): [] for name in servers for c in (1, 8)}
    for _ in range(rounds):
        for c in (1, 8):
            for name, server in servers.items():
                results[(name, c)].append(wrk(server.url(path), c, seconds, headers.get(name))["rps"])
    others = [name for name in servers if name != "bare Flask"]
    lines = ["| concurrency | bare Flask req/s | " + " | ".join(f"{n} req/s (x bare)" for n in others) + " |",
             "|---|---|" + "---|" * len(others)]
    for c in (1, 8):
        bare = results[("bare Flask", c)]
        cells = [f"{statistics.median(bare):.0f}"]
        for name in others:
            ratio = statistics.median(g / b for g, b in zip(results[(name, c)], bare))
            cells.append(f"{statistics.median(results[(name, c)]):.0f} (**{ratio:.2f}x**)")
        lines.append(f"| {c} | " + " | ".join(cells) + " |")
    return lines


def eight_uncached(label: str, hosts: list[Server], store_url: str | None) -> str:
    """POST 8 corpus videos at once, round robin over `hosts`; the wall time until all 8 have cards."""
    bodies = {video: post_body(CORPUS / f"{video}.json") for video in EIGHT}
    failures: list[str] = []

    def send(i: int, video: str) -> None:
        response = post(hosts[i % len(hosts)], video, bodies[video])
        if response.status_code != 200:
            failures.append(f"{video}: {response.status_code}")

    started = time.perf_counter()
    threads = [threading.Thread(target=send, args=(i, video)) for i, video in enumerate(EIGHT)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    wall = time.perf_counter() - started
    ran = ""
    if store_url:
        import psycopg

        with psycopg.connect(store_url) as conn:
            owners = [row[0] for row in conn.execute("SELECT owner FROM jobs WHERE state = 'done'")]
        by_host = {}
        for owner in owners:
            by_host.setdefault(owner.split(":")[1], 0)
            by_host[owner.split(":")[1]] += 1
        ran = f"{len(owners)} jobs, by worker process: {sorted(by_host.values(), reverse=True)}"
    return f"| {label} | {wall:.1f} | {ran or '8 jobs, one worker'} | {', '.join(failures) or 'none'} |"


def post(server: Server, video: str, body: dict) -> requests.Response:
    return requests.post(server.url(f"/api/v1/videos/{video}/summary"), json=body, timeout=900)


def sizes(store_url: str, videos: int) -> list[str]:
    import psycopg

    with psycopg.connect(store_url) as conn:
        t_gzip, t_count = conn.execute("SELECT sum(octet_length(body)), count(DISTINCT video_id) FROM transcripts").fetchone()
        c_bytes, c_count = conn.execute("SELECT sum(octet_length(body)), count(DISTINCT video_id) FROM cards").fetchone()
        tables = {name: conn.execute("SELECT pg_total_relation_size(%s)", (name,)).fetchone()[0]
                  for name in ("transcripts", "cards", "videos", "jobs")}
        database = conn.execute("SELECT pg_database_size(current_database())").fetchone()[0]
    total = sum(tables.values())
    kb = lambda n: f"{n / 1024:.0f} KB"
    return ["| what | bytes |", "|---|---|",
            f"| videos stored | {videos} (transcripts of {t_count}, cards of {c_count}) |",
            f"| transcripts (gzip of the served JSON), per video | {kb(t_gzip / t_count)} |",
            f"| cards (compact JSON), per video | {kb(c_bytes / c_count)} |",
            f"| tables with indexes and TOAST, per video | **{kb(total / videos)}** |",
            f"| tables: {', '.join(f'{n} {kb(s)}' for n, s in tables.items())} | {kb(total)} |",
            f"| whole database (with PostgreSQL's own catalog, about 7.5 MB) | {kb(database)} |"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seconds", type=float, default=5.0, help="length of one wrk run")
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    if not (CORPUS / f"{LONG}.json").exists():
        print(f"skipped: no corpus at {CORPUS} (the benchmarks read ../shared/corpus beside the repo)")
        return
    if not shutil.which("wrk") or find_bindir() is None:
        raise SystemExit("wrk and PostgreSQL are needed (Debian: apt-get install wrk postgresql)")
    workdir = Path(tempfile.mkdtemp(prefix="glance-team-"))
    postgres = PostgresServer(find_bindir()).start()
    servers: dict[str, Server] = {}
    try:
        reads_url, team_url = postgres.new_database(), postgres.new_database()
        sqlite_env = {"GLANCE_DATABASE": str(workdir / "glance.db"), "GLANCE_RATE_LIMIT": "0", "GLANCE_WORKERS": "1"}
        pg_env = {"GLANCE_DATABASE_URL": reads_url, "GLANCE_RATE_LIMIT": "0", "GLANCE_WORKERS": "1"}
        token_env = {**pg_env, "GLANCE_AUTH": "tokens", "GLANCE_AUTH_READS": "tokens"}
        token = subprocess.run([PYTHON, "-m", "server", "token", "create", "bench"], cwd=ROOT, check=True, text=True,
                               capture_output=True, env={**os.environ, **pg_env}).stdout.strip()
        body = post_body(CORPUS / f"{LONG}.json")
        path = f"/api/v1/videos/{LONG}/summary?lang=en"
        servers["Glance on SQLite"] = glance(sqlite_env)
        servers["Glance on PostgreSQL"] = glance(pg_env)
        for name in ("Glance on SQLite", "Glance on PostgreSQL"):
            post(servers[name], LONG, body).raise_for_status()
        cards = requests.get(servers["Glance on PostgreSQL"].url(path)).content
        (workdir / "cards.json").write_bytes(cards)
        servers["PostgreSQL, token on every read"] = glance(token_env)
        servers["bare Flask"] = gunicorn({"BARE_BODY_FILE": str(workdir / "cards.json")}, ROOT / "bench", "bare_app:app")
        servers = {name: servers[name] for name in ("bare Flask", "Glance on SQLite", "Glance on PostgreSQL",
                                                    "PostgreSQL, token on every read")}
        headers = {"PostgreSQL, token on every read": f"Authorization: Bearer {token}"}
        assert requests.get(servers["PostgreSQL, token on every read"].url(path),
                            headers={"Authorization": f"Bearer {token}"}).status_code == 200
        print(f"# Team-server benchmark ({os.cpu_count()} cores; stored cards of the 3-hour transcript: "
              f"{len(cards)} bytes)\n")
        print("\n".join(stored_gets(servers, path, args.seconds, args.rounds, headers)) + "\n")
        for server in servers.values():
            server.stop()
        servers = {}

        lines = ["| 8 uncached corpus videos POSTed at once | wall s | jobs run | errors |", "|---|---|---|---|"]
        one = glance({**sqlite_env, "GLANCE_DATABASE": str(workdir / "one.db")}, "--processes", "1")
        lines.append(eight_uncached("one host on SQLite (1 server process, 1 job worker)", [one], None))
        one.stop()
        team_env = {"GLANCE_DATABASE_URL": team_url, "GLANCE_RATE_LIMIT": "0", "GLANCE_WORKERS": "1"}
        hosts = [glance(team_env, "--processes", "1") for _ in range(2)]
        lines.append(eight_uncached("two hosts on one PostgreSQL (1 server process and 1 job worker each)",
                                    hosts, team_url))
        print("\n".join(lines) + "\n")
        rest = [path for path in corpus_files() if path.stem not in EIGHT]
        for file in rest:
            post(hosts[0], file.stem, post_body(file)).raise_for_status()
        for host in hosts:
            host.stop()
        print("\n".join(sizes(team_url, len(EIGHT) + len(rest))))
    finally:
        for server in servers.values():
            server.stop()
        postgres.stop()
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
