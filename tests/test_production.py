"""The job worker processes `serve` starts beside gunicorn: one that dies is replaced, one told to stop is not."""

from __future__ import annotations

import os
import signal

from server.production import JobWorkers
from service_helpers import wait_for


def test_a_killed_worker_is_replaced_and_one_told_to_stop_is_not(tmp_path):
    workers = JobWorkers(1, {"DATABASE": str(tmp_path / "glance.db")})
    workers.start()
    try:
        [first] = workers.processes
        os.kill(first.pid, signal.SIGKILL)  # died: the watcher starts another
        wait_for(lambda: workers.processes[0] is not first, "a replacement worker")
        second = workers.processes[0]
        assert second.poll() is None

        # The Ctrl+C of a terminal reaches the workers before `serve` has stopped gunicorn:
        # a worker that stopped because it was told to (SIGTERM here: SIGINT before the worker
        # has set its handlers is Python's KeyboardInterrupt) is not started again.
        os.kill(second.pid, signal.SIGTERM)
        assert second.wait(60) in (0, -signal.SIGTERM)
        workers.replace_dead()  # the watcher's round, here and now
        assert workers.processes == [second]
    finally:
        workers.stop()
    assert all(process.poll() is not None for process in workers.processes)
