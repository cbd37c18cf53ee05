"""The production HTTP server: gunicorn with threaded workers, plus job workers as their own processes.

The gthread worker keeps idle keep-alive connections, and connections that have sent nothing
yet, in a poller rather than in a thread, so idle clients do not take the threads that serve
requests (bench/load.py measures it, half-open requests included). Each gunicorn worker
process builds its own app after the fork: its own store connections.

Cards are made by `python -m server worker` processes started beside gunicorn at a lower
CPU priority, not by threads of the serving processes: a summary holds Python's GIL for
seconds, and stored reads in the same process would wait for it.
"""

from __future__ import annotations

import os
import subprocess
import sys
import threading


def serve(host: str, port: int, processes: int, threads: int, job_workers: int, overrides: dict) -> int:
    try:
        from gunicorn.app.base import BaseApplication
    except ImportError:  # gunicorn does not run on Windows
        print("gunicorn is not available here: run `python -m server serve --debug` for one process, "
              "or serve server:create_app() with waitress or another WSGI server.", file=sys.stderr)
        return 2

    class Glance(BaseApplication):
        def load_config(self):
            for name, value in {
                "bind": f"[{host}]:{port}" if ":" in host else f"{host}:{port}",
                "workers": max(1, processes),
                "threads": max(1, threads),
                "worker_class": "gthread",
                # A request may wait minutes for its cards: the gthread worker's own loop
                # keeps beating, so this only bounds a worker that hangs outright.
                "timeout": 120,
                "graceful_timeout": 30,
                "keepalive": 5,
                "accesslog": None,
                "errorlog": "-",
                "loglevel": "warning",
            }.items():
                self.cfg.set(name, value)

        def load(self):
            from . import create_app

            # `serve` checked the database before starting; a worker process started again later
            # (gunicorn replaces one that died) must come up even while the disk is read-only.
            return create_app({**overrides, "WORKERS": 0}, check_storage=False)

    workers = JobWorkers(job_workers, overrides)
    workers.start()
    try:
        Glance().run()
    finally:
        workers.stop()
    return 0


class JobWorkers:
    """`count` worker processes (one job at a time each), restarted when one dies."""

    def __init__(self, count: int, overrides: dict):
        self.count = count
        self.env = {**os.environ, **{f"GLANCE_{k}": str(v) for k, v in overrides.items()}}
        self.processes: list[subprocess.Popen] = []
        self._stopping = threading.Event()

    def start(self) -> None:
        self.processes = [self._spawn() for _ in range(self.count)]
        if self.count:
            threading.Thread(target=self._watch, name="glance-job-workers", daemon=True).start()

    def _spawn(self) -> subprocess.Popen:
        return subprocess.Popen([sys.executable, "-m", "server", "worker", "--threads", "1", "--quiet"],
                                env=self.env, preexec_fn=_lower_priority)

    def _watch(self) -> None:
        while not self._stopping.wait(1.0):
            for i, process in enumerate(self.processes):
                if process.poll() is not None and not self._stopping.is_set():
                    print(f"job worker {process.pid} ended; starting another", file=sys.stderr)
                    self.processes[i] = self._spawn()

    def stop(self) -> None:
        self._stopping.set()
        for process in self.processes:
            process.terminate()
        for process in self.processes:
            try:
                process.wait(30)
            except subprocess.TimeoutExpired:
                process.kill()


def _lower_priority() -> None:
    os.nice(10)
