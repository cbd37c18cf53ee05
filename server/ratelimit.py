"""A per-client sliding window of requests, so one client cannot flood YouTube or the summarizer.

The hits are counted in the store, so the limit holds across every server process sharing it.
"""

from __future__ import annotations

import time

from .errors import RateLimited
from .store import Store

WINDOW_SECONDS = 60.0


class RateLimiter:
    """Allow `per_minute` requests per client in any 60 seconds; 0 allows everything."""

    def __init__(self, per_minute: int, store: Store, clock=time.time):
        self.per_minute = int(per_minute)
        self.store = store
        self.clock = clock

    def check(self, client: str) -> None:
        """Count one request of `client`; raise RateLimited (with Retry-After) when over the limit."""
        if self.per_minute <= 0:
            return
        retry_after = self.store.count_hit(client, self.clock(), WINDOW_SECONDS, self.per_minute)
        if retry_after is not None:
            seconds = int(retry_after)
            raise RateLimited(f"Too many requests from this client; try again in {seconds} s.",
                              headers={"Retry-After": str(seconds)})
