"""Generation as jobs in the store: submitting and waiting (request side), and the workers that run them.

A request that needs new cards submits a job (or joins the active one with the same key, in
any process) and waits for it; workers, threads of the server process by default or
`python -m server worker` processes, claim jobs with a short lease and renew it while they
work. A worker killed mid-job stops renewing, and another claims the job once the lease has
run out. A failed job hands every waiter the same error; the next request submits afresh.
"""

from __future__ import annotations

import logging
import os
import socket
import threading
import time
import uuid
from typing import Callable

from . import errors
from .store import DONE, FAILED, Job, StorageError, Store

log = logging.getLogger(__name__)

# A handler does a job's work and returns its result text (or None); `report(progress, note)` records
# how far it got (0..1), written to the store with the next heartbeat; a new note ("part 2 of 4")
# is written at once, so a panel following the job sees each step.
Handler = Callable[[Job, Callable[..., None]], "str | None"]


class WaitTimeout(Exception):
    """The job did not finish within the time the request may wait."""


class Jobs:
    """The job queue of one store, with the handlers that know how to run each kind of job."""

    def __init__(self, store: Store, lease_seconds: float = 30.0, max_attempts: int = 3,
                 keep_seconds: float = 600.0, poll_seconds: float = 0.25):
        self.store = store
        self.lease_seconds = float(lease_seconds)
        self.max_attempts = int(max_attempts)
        self.keep_seconds = keep_seconds  # finished jobs stay this long, for late waiters and panels
        self.poll_seconds = poll_seconds  # how often a waiter looks at a job another process runs
        self.handlers: dict[str, Handler] = {}
        self._changed = threading.Condition()
        self._local_failures: dict[str, BaseException] = {}  # for waiters here when the store cannot say
        self._last_purge = 0.0
        self.pool: WorkerPool | None = None  # this process's worker threads, if it has any

    def register(self, kind: str, handler: Handler) -> None:
        self.handlers[kind] = handler

    # -- request side ------------------------------------------------------------

    def run(self, key: str, kind: str, video_id: str, payload: dict, wait_seconds: float) -> str | None:
        """Submit (or join) the job for `key` and wait for its result."""
        return self.wait(self.submit(key, kind, video_id, payload).id, wait_seconds)

    def submit(self, key: str, kind: str, video_id: str, payload: dict) -> Job:
        """Submit (or join) the job for `key` without waiting: a panel follows it by the video's status."""
        job, new = self.store.submit_job(key, kind, video_id, payload)
        if self.pool:
            self.pool.ensure_running()
        if new:
            self._notify()
        return job

    def wait(self, job_id: str, wait_seconds: float) -> str | None:
        """The job's result once it is done; its error, raised, once it failed."""
        deadline = time.monotonic() + wait_seconds
        while True:
            failure = self._local_failures.get(job_id)
            if failure is not None:
                raise failure
            job = self.store.get_job(job_id, with_payload=False)  # a partial transcript's payload is large
            if job is None:  # purged before this waiter looked: rare, and trying again is right
                raise errors.SummarizerError("These cards were being made but their job is gone; try again.")
            if job.state == DONE:
                return job.result
            if job.state == FAILED:
                raise error_of(job)
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise WaitTimeout(job_id)
            if self.pool:  # a waiting process keeps its workers up, so a dead worker's job is taken over
                self.pool.ensure_running()
            with self._changed:  # workers of this process wake us at once; others are seen by polling
                self._changed.wait(min(self.poll_seconds, remaining))

    def _notify(self) -> None:
        with self._changed:
            self._changed.notify_all()

    # -- worker side -----------------------------------------------------------------

    def claim(self, owner: str) -> Job | None:
        now = time.time()
        if now - self._last_purge > 60:
            self._last_purge = now
            self.store.purge_jobs(now - self.keep_seconds)
        return self.store.claim_job(owner, self.lease_seconds, self.max_attempts)

    def execute(self, job: Job, owner: str) -> None:
        """Run one claimed job under a heartbeat, and record how it ended."""
        handler = self.handlers.get(job.kind)
        heartbeat = Heartbeat(self.store, job.id, owner, self.lease_seconds)
        heartbeat.start()
        try:
            if handler is None:
                raise errors.InternalError(f"This server cannot run jobs of kind {job.kind!r}.")
            result = handler(job, heartbeat.report)
            recorded = self.store.finish_job(job.id, owner, result)
        except errors.ApiError as error:
            recorded = self._fail(job, owner, error)
        except StorageError as error:
            log.error("job %s: %s", job.id, error)
            recorded = self._fail(job, owner, error)
        except Exception:
            log.exception("job %s (%s of %s) failed", job.id, job.kind, job.video_id)
            recorded = self._fail(job, owner, errors.InternalError(
                f"Glance hit a bug while making these cards (job {job.id[:12]}); the server log has the details."))
        finally:
            heartbeat.stop()
        if not recorded:
            log.warning("job %s was taken over by another worker; its result here is dropped", job.id)
        self._notify()

    def _fail(self, job: Job, owner: str, error: BaseException) -> bool:
        code = getattr(error, "code", "internal_error")
        message = getattr(error, "message", str(error))
        if isinstance(error, StorageError):  # the details (paths, SQLite's words) belong in the log
            message = errors.StorageUnavailable.message
        try:
            return self.store.fail_job(job.id, owner, code, message)
        except StorageError:  # the waiters of this process still hear why; others see the lease run out
            if len(self._local_failures) >= 100:  # only the recent ones can still have waiters
                del self._local_failures[next(iter(self._local_failures))]
            self._local_failures[job.id] = error
            return False

    def work(self, owner: str, stop: threading.Event, idle_seconds: float = 1.0,
             idle_exit: float | None = None) -> None:
        """Claim and run jobs until `stop` is set (or, with `idle_exit`, after that long without one).

        Between jobs the worker waits to be woken by a submission in this process, or polls
        every `idle_seconds` for jobs submitted elsewhere and for leases that ran out.
        """
        idle_since = time.monotonic()
        fault_logged_at = None  # a store that stays down is logged once a minute, not every poll
        while not stop.is_set() and not self.store.closed:
            try:
                job = self.claim(owner)
                if fault_logged_at is not None:
                    log.info("claiming jobs again: the database answers")
                    fault_logged_at = None
            except StorageError as error:
                if self.store.closed:  # closed under this worker (the process is ending): nothing to report
                    return
                if fault_logged_at is None or time.monotonic() - fault_logged_at > 60:
                    log.error("cannot claim jobs: %s", error)
                    fault_logged_at = time.monotonic()
                job = None
            if job is None:
                if idle_exit is not None and time.monotonic() - idle_since > idle_exit:
                    return
                with self._changed:
                    self._changed.wait(idle_seconds)
                continue
            self.execute(job, owner)
            idle_since = time.monotonic()


class Heartbeat:
    """Renews a job's lease every third of it while the job runs, writing the latest progress."""

    def __init__(self, store: Store, job_id: str, owner: str, lease_seconds: float):
        self.store, self.job_id, self.owner, self.lease_seconds = store, job_id, owner, lease_seconds
        self._stop = threading.Event()
        self._progress: float | None = None
        self._note: str | None = None
        self._thread = threading.Thread(target=self._beat, name=f"heartbeat-{job_id[:8]}", daemon=True)

    def report(self, progress: float, note: str | None = None) -> None:
        self._progress = max(0.0, min(1.0, float(progress)))
        if note is not None and note != self._note:
            self._note = note
            try:
                self.store.renew_lease(self.job_id, self.owner, self.lease_seconds, self._progress, note)
            except StorageError as error:  # the next beat tries again; the work goes on
                log.error("job %s: cannot record its progress: %s", self.job_id, error)

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        self._thread.join()

    def _beat(self) -> None:
        while not self._stop.wait(self.lease_seconds / 3):
            try:
                if not self.store.renew_lease(self.job_id, self.owner, self.lease_seconds, self._progress, self._note):
                    log.warning("job %s: lease lost (another worker took it over)", self.job_id)
                    return
            except StorageError as error:
                log.error("job %s: cannot renew the lease: %s", self.job_id, error)


class WorkerPool:
    """Worker threads inside this process: the default, so one command runs everything.

    Threads start with the first job and end after a minute without one, so an idle server
    (or a test's app) does not poll the store for ever; a process with a waiting request
    keeps them running.
    """

    def __init__(self, jobs: Jobs, count: int, idle_exit: float | None = 60.0, name: str = "worker"):
        self.jobs, self.count, self.idle_exit, self.name = jobs, count, idle_exit, name
        self.stop_event = threading.Event()
        self.threads: list[threading.Thread] = []
        self._lock = threading.Lock()

    def ensure_running(self) -> None:
        with self._lock:
            if self.stop_event.is_set():
                return
            self.threads = [t for t in self.threads if t.is_alive()]
            for i in range(len(self.threads), self.count):
                owner = worker_name(f"{self.name}{i}")
                thread = threading.Thread(target=self.jobs.work, name=f"glance-{self.name}{i}", daemon=True,
                                          args=(owner, self.stop_event), kwargs={"idle_exit": self.idle_exit})
                thread.start()
                self.threads.append(thread)

    def stop(self, timeout: float | None = None) -> None:
        """Stop claiming; running jobs finish first (up to `timeout` seconds)."""
        self.stop_event.set()
        self.jobs._notify()
        for thread in self.threads:
            thread.join(timeout)


def worker_name(label: str) -> str:
    """Who holds a lease: host, process and thread, plus a random part so a restarted pid differs."""
    return f"{socket.gethostname()}:{os.getpid()}:{label}:{uuid.uuid4().hex[:8]}"


def error_of(job: Job) -> errors.ApiError:
    """The error a failed job hands every waiter: the same class, code and message it failed with."""
    for cls in _api_error_classes(errors.ApiError):
        if cls.code == job.error_code:
            return cls(job.error_message)
    error = errors.InternalError(job.error_message)
    return error


def _api_error_classes(base):
    for cls in base.__subclasses__():
        yield cls
        yield from _api_error_classes(cls)
