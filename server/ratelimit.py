"""A per-client sliding window of requests, so one client cannot flood YouTube or the summarizer.

A request may count as several (`cost`): a long sent transcript costs the summarizer more.
The hits and their weights are counted in the store, so the limit holds across every server
process sharing it.
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

    def check(self, client: str, cost: int = 1) -> None:
        """Count `cost` requests of `client`; raise RateLimited (with Retry-After) when over the limit."""
        if self.per_minute <= 0:
            return
        cost = max(1, min(int(cost), self.per_minute))  # the largest accepted body still gets through alone
        retry_after = self.store.count_hit(client, self.clock(), WINDOW_SECONDS, self.per_minute, cost)
        if retry_after is not None:
            seconds = int(retry_after)
            raise RateLimited(f"Too many requests from this client; try again in {seconds} s.",
                              headers={"Retry-After": str(seconds)})
