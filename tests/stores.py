"""Running a test on both stores: `pytestmark = BOTH_STORES` (or the decorator) parametrizes the
`database` fixture of conftest.py, so the test's app uses a SQLite file, then a PostgreSQL database."""

from __future__ import annotations

import pytest

BOTH_STORES = pytest.mark.parametrize("database", ["sqlite", "postgresql"], indirect=True)
ON_POSTGRES = pytest.mark.parametrize("database", ["postgresql"], indirect=True)

ADMIN_TOKEN = "test-admin-token"


def close_app(app) -> None:
    """Stop the app's worker threads, then close its store (a PostgreSQL pool holds connections)."""
    pool = app.extensions["glance.jobs"].pool
    if pool is not None:
        pool.stop(timeout=10)
    app.extensions["glance.store"].close()
