"""A Glance server or worker in its own process, for the tests that kill processes or span several.

    python tests/glance_process.py serve|worker DATABASE COUNTS_DIR [--delay S] [--stall] [--lease S]

It is the real app and the real job workers; only YouTube is the recorded replay and the
summarizer the honest stand-in, both of which append a line to a file in COUNTS_DIR per
call (`fetches`, `summaries`), so a test counts the work done across processes. `--stall`
makes the summarizer hang after counting, so the test can kill the process mid-job.
`serve` prints its port on the first line of stdout.
"""

from __future__ import annotations

import argparse
import os
import sys
import threading
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
sys.path.insert(0, str(Path(__file__).parent.parent))

from server import create_app  # noqa: E402
from server.jobs import WorkerPool  # noqa: E402
from service_helpers import LineSummarizer  # noqa: E402
from youtube_replay import YouTubeReplay, replay_session, routes  # noqa: E402


def count(counts: Path, name: str) -> None:
    fd = os.open(counts / name, os.O_WRONLY | os.O_CREAT | os.O_APPEND)
    try:
        os.write(fd, f"{os.getpid()}\n".encode())
    finally:
        os.close(fd)


class CountingSummarizer(LineSummarizer):
    def __init__(self, counts: Path, delay: float, stall: bool):
        super().__init__(delay)
        self.counts, self.stall = counts, stall

    def summarize(self, transcript, video):
        count(self.counts, "summaries")
        if self.stall:
            threading.Event().wait()  # until the test kills this process
        return super().summarize(transcript, video)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("role", choices=["serve", "worker"])
    parser.add_argument("database")
    parser.add_argument("counts", type=Path)
    parser.add_argument("--delay", type=float, default=0.0)
    parser.add_argument("--stall", action="store_true")
    parser.add_argument("--lease", type=float, default=30.0)
    args = parser.parse_args()

    def counted_timedtext():
        count(args.counts, "fetches")
        return (200, "transcript.xml.static")

    replay_routes = routes()
    replay_routes[("GET", "/api/timedtext")] = [counted_timedtext]
    youtube = YouTubeReplay(replay_routes)
    app = create_app({
        "DATABASE": args.database,
        "SUMMARIZER": CountingSummarizer(args.counts, args.delay, args.stall),
        "RATE_LIMIT": 0,
        "JOB_LEASE": args.lease,
        "WORKERS": 2 if args.role == "serve" else 0,
        "YOUTUBE_HTTP_CLIENT": lambda: replay_session(youtube),
    })
    if args.role == "serve":
        from werkzeug.serving import make_server

        server = make_server("127.0.0.1", 0, app, threaded=True)
        print(server.server_port, flush=True)
        server.serve_forever()
    else:
        WorkerPool(app.extensions["glance.jobs"], 1, idle_exit=None).ensure_running()
        print("ready", flush=True)
        threading.Event().wait()


if __name__ == "__main__":
    main()
