"""A per-client sliding window of requests, so one client cannot flood YouTube or the summarizer.

A request may count as several (`cost`): a long sent transcript costs the summarizer more.
"""

from __future__ import annotations

import math
import threading
import time
from collections import defaultdict, deque

from .errors import RateLimited


class RateLimiter:
    """Allow `per_minute` requests per client in any 60 seconds; 0 allows everything."""

    def __init__(self, per_minute: int, clock=time.monotonic):
        self.per_minute = int(per_minute)
        self.clock = clock
        self._hits: dict[str, deque] = defaultdict(deque)
        self._lock = threading.Lock()

    def check(self, client: str, cost: int = 1) -> None:
        """Count `cost` requests of `client`; raise RateLimited (with Retry-After) when over the limit."""
        if self.per_minute <= 0:
            return
        cost = max(1, min(int(cost), self.per_minute))  # the largest accepted body still gets through alone
        now = self.clock()
        with self._lock:
            for other in [c for c, h in self._hits.items() if h and now - h[-1][0] >= 60]:
                del self._hits[other]  # clients quiet for a minute are forgotten, so memory stays bounded
            hits = self._hits[client]
            while hits and now - hits[0][0] >= 60:
                hits.popleft()
            if sum(weight for _, weight in hits) + cost > self.per_minute:
                retry_after = max(1, math.ceil(60 - (now - hits[0][0])))
                raise RateLimited(
                    f"Too many requests from this client; try again in {retry_after} s.",
                    headers={"Retry-After": str(retry_after)},
                )
            hits.append((now, cost))
