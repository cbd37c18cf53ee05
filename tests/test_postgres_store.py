"""What only the PostgreSQL store has: a bounded pool, jobs claimed with SKIP LOCKED by many workers at
once, faults named as StorageError without the password, and the URL setting."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import psycopg
import pytest

from server import create_app
from server.store import StorageError, database_name, open_store
from service_helpers import LineSummarizer
from stores import ON_POSTGRES
from test_store import VIDEO, cards, transcript



@ON_POSTGRES
def test_the_pool_stays_bounded_under_many_callers(database):
    store = open_store(database, pool_size=4)
    store.save_cards(cards())
    with ThreadPoolExecutor(max_workers=16) as pool:
        texts = set(pool.map(lambda _: store.load_cards_json(VIDEO, "en", "lines"), range(400)))
    assert len(texts) == 1
    assert store._pool.get_stats()["pool_max"] <= 4
    store.close()


@ON_POSTGRES
def test_workers_on_two_stores_claim_every_job_exactly_once(database):
    stores = [open_store(database), open_store(database)]
    submitted = {stores[0].submit_job(f"k{i}", "cards", VIDEO, {})[0].id for i in range(30)}

    def drain(worker: int) -> list[str]:
        store, taken = stores[worker % 2], []
        while (job := store.claim_job(f"w{worker}", lease_seconds=60, max_attempts=3)) is not None:
            taken.append(job.id)
        return taken

    with ThreadPoolExecutor(max_workers=8) as pool:
        claims = [job_id for taken in pool.map(drain, range(8)) for job_id in taken]
    assert sorted(claims) == sorted(submitted)  # none twice, none left
    for store in stores:
        store.close()


@ON_POSTGRES
def test_concurrent_submissions_of_one_key_make_one_job(database):
    stores = [open_store(database) for _ in range(2)]
    with ThreadPoolExecutor(max_workers=12) as pool:
        results = list(pool.map(lambda i: stores[i % 2].submit_job("same", "cards", VIDEO, {}), range(24)))
    assert len({job.id for job, _ in results}) == 1 and [new for _, new in results].count(True) == 1
    for store in stores:
        store.close()


def test_a_database_that_cannot_be_reached_is_a_storage_error_without_the_password(postgres):
    url = f"postgresql://glance:s3cret-pass@127.0.0.1:{postgres.port}/no_such_database"
    with pytest.raises(StorageError) as caught:
        open_store(url)
    assert "s3cret-pass" not in caught.value.message
    assert 'database "no_such_database" does not exist' in caught.value.message
    assert database_name(url) == f"postgresql://127.0.0.1:{postgres.port}/no_such_database"


@ON_POSTGRES
def test_a_read_only_database_is_a_storage_error_and_a_job_fails_with_it(database):
    app = create_app({"DATABASE": database, "SUMMARIZER": LineSummarizer(), "RATE_LIMIT": 0, "WORKERS": 0})
    store, jobs = app.extensions["glance.store"], app.extensions["glance.jobs"]
    job, _ = store.submit_job("k", "transcript", VIDEO, {"language": "en"})
    claimed = store.claim_job("w", 30, 3)
    with psycopg.connect(database, autocommit=True) as conn:  # as a full disk or a failed-over replica would
        conn.execute(f"ALTER DATABASE {database.rsplit('/', 1)[1]} SET default_transaction_read_only = on")
    store._pool.close()  # new connections pick the setting up
    store._pool = type(store._pool)(database, min_size=1, max_size=2, open=True,
                                      kwargs={"autocommit": True})
    with pytest.raises(StorageError):
        store.save_transcript(VIDEO, transcript())
    assert store.load_transcript(VIDEO, "en") is None  # reads still work

    app.extensions["glance.cards"].fetch_transcript = lambda video_id, language: transcript()
    jobs.execute(claimed, "w")  # storing fails, and so does recording the failure: waiters here still hear why
    assert type(jobs._local_failures[job.id]).__name__ == "StorageError"
    assert store.get_job(job.id).state == "running"  # another worker takes it once the lease runs out
    store.close()


@ON_POSTGRES
def test_the_url_setting_selects_postgresql_and_the_banner_hides_the_password(database, monkeypatch, capsys):
    from server.__main__ import main

    with_password = database.replace("glance@", "glance:hidden-pw@")
    monkeypatch.setenv("GLANCE_DATABASE_URL", with_password)
    monkeypatch.setenv("GLANCE_DATABASE", "/nonexistent/never-used.db")
    app = create_app({"SUMMARIZER": LineSummarizer()})
    assert type(app.extensions["glance.store"]).__name__ == "PostgresStore"
    app.extensions["glance.store"].close()
    assert main(["import", "docs/examples/curated-cards.json"]) == 0
    out = capsys.readouterr().out
    assert "postgresql://127.0.0.1:" in out and "hidden-pw" not in out
