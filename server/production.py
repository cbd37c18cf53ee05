"""The production HTTP server: gunicorn with threaded workers, started from Python.

The gthread worker keeps idle keep-alive connections, and connections that have sent nothing
yet, in a poller rather than in a thread, so idle or half-open clients do not take the
threads that serve requests (bench/load.py measures it). Each gunicorn worker process builds
its own app after the fork: its own store connections and its own job workers.
"""

from __future__ import annotations

import sys


def serve(host: str, port: int, processes: int, threads: int, overrides: dict) -> int:
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
                "proc_name": "glance",
            }.items():
                self.cfg.set(name, value)

        def load(self):
            from . import create_app

            return create_app(overrides)

    Glance().run()
    return 0
