"""One computation per key at a time inside a process; concurrent callers share its result."""

from __future__ import annotations

import threading
from typing import Callable, TypeVar

T = TypeVar("T")


class WaitTimeout(Exception):
    """The computation another caller started did not finish in time."""


class _Call:
    def __init__(self):
        self.done = threading.Event()
        self.result = None
        self.error: BaseException | None = None


class SingleFlight:
    """Run `fn` once per key for all callers that arrive while it runs."""

    def __init__(self):
        self._lock = threading.Lock()
        self._calls: dict[str, _Call] = {}

    def run(self, key: str, fn: Callable[[], T], wait_seconds: float) -> T:
        with self._lock:
            call = self._calls.get(key)
            leader = call is None
            if leader:
                call = self._calls[key] = _Call()
        if not leader:
            if not call.done.wait(wait_seconds):
                raise WaitTimeout(key)
            if call.error is not None:
                raise call.error
            return call.result
        try:
            call.result = fn()
        except BaseException as error:
            call.error = error
            raise
        finally:
            with self._lock:
                del self._calls[key]
            call.done.set()
        return call.result
