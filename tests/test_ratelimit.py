"""The per-client sliding window (server/ratelimit.py) on a real store: the limit, the Retry-After it
names, the window sliding on, weighted requests, clients counted apart. SQLite and PostgreSQL.

The clock is a variable the test moves, so nothing here waits."""

from __future__ import annotations

import pytest

from server.errors import RateLimited
from server.ratelimit import WINDOW_SECONDS, RateLimiter
from server.store import open_store
from stores import BOTH_STORES

pytestmark = BOTH_STORES


class Clock:
    """A clock the test sets: `now` seconds since the epoch."""

    def __init__(self, now: float = 1_000_000.0):
        self.now = now

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def store(database):
    store = open_store(database)
    yield store
    store.close()


def _refusal(limiter: RateLimiter, client: str, cost: int = 1) -> RateLimited:
    with pytest.raises(RateLimited) as refused:
        limiter.check(client, cost)
    return refused.value


def test_the_request_over_the_limit_is_told_when_the_oldest_leaves_the_window(store):
    clock = Clock()
    limiter = RateLimiter(3, store, clock)
    for _ in range(3):
        limiter.check("1.2.3.4")
        clock.now += 10
    refused = _refusal(limiter, "1.2.3.4")  # 30 s after the first of three hits
    assert refused.status == 429 and refused.code == "rate_limited"
    assert refused.headers == {"Retry-After": "30"}
    assert "30 s" in refused.message


def test_the_window_slides_and_a_refused_request_is_not_counted(store):
    clock = Clock()
    limiter = RateLimiter(2, store, clock)
    limiter.check("1.2.3.4")
    clock.now += 20
    limiter.check("1.2.3.4")
    for _ in range(5):  # refusals do not fill the window
        _refusal(limiter, "1.2.3.4")
    clock.now += WINDOW_SECONDS - 20 + 0.5  # the first hit has left, the second is 40.5 s old
    limiter.check("1.2.3.4")
    assert _refusal(limiter, "1.2.3.4").headers["Retry-After"] == "20"


def test_clients_are_counted_apart(store):
    clock = Clock()
    limiter = RateLimiter(1, store, clock)
    limiter.check("1.2.3.4")
    limiter.check("token:alice")
    _refusal(limiter, "1.2.3.4")
    _refusal(limiter, "token:alice")
    limiter.check("5.6.7.8")


def test_a_heavy_request_counts_as_several(store):
    clock = Clock()
    limiter = RateLimiter(5, store, clock)
    limiter.check("1.2.3.4", cost=3)
    _refusal(limiter, "1.2.3.4", cost=3)  # 3 + 3 > 5
    limiter.check("1.2.3.4", cost=2)  # 3 + 2 fills it exactly
    _refusal(limiter, "1.2.3.4")


def test_a_request_heavier_than_the_limit_still_gets_through_alone(store):
    """The cost is capped at the limit, so the largest body the service accepts is never refused forever."""
    clock = Clock()
    limiter = RateLimiter(4, store, clock)
    limiter.check("1.2.3.4", cost=1_000)
    _refusal(limiter, "1.2.3.4")
    clock.now += WINDOW_SECONDS + 1
    limiter.check("1.2.3.4", cost=1_000)


def test_a_limit_of_zero_allows_everything(store):
    limiter = RateLimiter(0, store, Clock())
    for _ in range(200):
        limiter.check("1.2.3.4", cost=50)
    RateLimiter(1, store, Clock()).check("1.2.3.4")  # nothing was counted while the limit was off


def test_two_servers_on_one_database_share_the_count(database, store):
    """What keeps the limit with several gunicorn workers or hosts: the hits live in the database."""
    clock = Clock()
    other = open_store(database)
    try:
        first, second = RateLimiter(2, store, clock), RateLimiter(2, other, clock)
        first.check("1.2.3.4")
        second.check("1.2.3.4")
        _refusal(first, "1.2.3.4")
        _refusal(second, "1.2.3.4")
    finally:
        other.close()
