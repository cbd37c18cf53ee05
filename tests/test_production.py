"""`serve`'s processes: a job worker that dies is replaced, one told to stop is not; a gunicorn worker
quits on Ctrl+C whatever its main thread was doing."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
from concurrent.futures import ThreadPoolExecutor

from gunicorn.config import Config
from gunicorn.workers.gthread import ThreadWorker

from server.production import JobWorkers, quit_without_deadlock
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


def test_a_server_worker_quits_on_ctrl_c_while_its_main_thread_holds_the_thread_pools_lock():
    """The signal can land while the main thread is in the pool's submit(), which holds the pool's
    lock: gunicorn's own handler then waits for that lock for ever (the worker was killed 30 s later)."""
    worker = ThreadWorker(0, os.getppid(), [], None, 30, Config(), None)
    worker.tpool = ThreadPoolExecutor(max_workers=1)
    saved = {signum: signal.getsignal(signum) for signum in (signal.SIGINT, signal.SIGQUIT)}
    try:
        quit_without_deadlock(worker)
        handlers = [signal.getsignal(signum) for signum in saved]
    finally:
        for signum, handler in saved.items():
            signal.signal(signum, handler)

    def signal_during_submit(handler, ended: list):
        with worker.tpool._shutdown_lock:  # what submit() holds while it starts a pool thread
            try:
                handler(signal.SIGQUIT, None)
            except SystemExit as exit:
                ended.append(exit.code)

    for handler in handlers:  # a daemon thread: one that deadlocks is left behind, not waited for
        ended = []
        thread = threading.Thread(target=signal_during_submit, args=(handler, ended), daemon=True)
        thread.start()
        thread.join(30)
        assert ended == [0], "the quit handler waited for the thread pool's lock"
    assert not worker.alive
    worker.tmp.close()
    worker.tpool.shutdown()


def gone(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as stat:
            return stat.read().rsplit(")", 1)[1].split()[0] in ("Z", "X")  # ended, not yet reaped
    except FileNotFoundError:
        return True


def test_job_workers_stop_when_serve_is_killed_outright(tmp_path):
    """kill -9 of `serve` leaves no worker behind polling the database for ever."""
    starter = ("import os, sys, time\n"
               "from server.production import JobWorkers\n"
               f"workers = JobWorkers(1, {{'DATABASE': {str(tmp_path / 'glance.db')!r}}})\n"
               "workers.start()\n"
               "print(workers.processes[0].pid, flush=True)\n"
               "time.sleep(600)\n")
    serve = subprocess.Popen([sys.executable, "-c", starter], stdout=subprocess.PIPE, text=True)
    try:
        worker = int(serve.stdout.readline())
        wait_for(lambda: (tmp_path / "glance.db").exists(), "the worker to open the database")
        serve.kill()
        serve.wait()
        wait_for(lambda: gone(worker), "the orphaned worker to stop")
    finally:
        if serve.poll() is None:
            serve.kill()
