"""The store on a real SQLite file and a real PostgreSQL database: stored text served as it is,
transcripts compressed at rest, leases of jobs, the shared rate limit, migrations, and faults named
as StorageError (reused SQLite connections and SQLite's own faults at the end)."""

from __future__ import annotations

import gzip
import json
import multiprocessing
import sqlite3
from importlib import resources
import time
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor

import pytest

from stores import BOTH_STORES
from server import create_app
from server.models import Segment, Transcript
from server.store import StorageError, compact_json, open_store
from service_helpers import LineSummarizer, transcript_body

VIDEO = "dQw4w9WgXcQ"


@pytest.fixture
def store(database):
    store = open_store(database)
    yield store
    store.close()


def raw_rows(database: str, sql: str, params=()) -> list[tuple]:
    """Rows read past the store, straight from the database ('?' placeholders on both)."""
    if database.startswith("postgresql://"):
        import psycopg

        with psycopg.connect(database, autocommit=True) as conn:
            return [tuple(bytes(v) if isinstance(v, memoryview) else v for v in row)
                    for row in conn.execute(sql.replace("?", "%s"), params).fetchall()]
    with sqlite3.connect(database) as conn:
        return conn.execute(sql, params).fetchall()


def cards(language="en", headline="Hello", origin="generated", summarizer="lines"):
    """Cards in the served shape (the API serves stored text as it is, and tests check it against the OpenAPI)."""
    return {"video_id": VIDEO, "video": {"title": "Ünïcode", "channel": None, "published": None, "duration": None,
                                         "people": []},
            "about": {"headline": headline, "points": []}, "ideas": [], "quotes": [], "topics": [], "chapters": [],
            "meta": {"origin": origin, "summarizer": summarizer, "version": "1", "language": language,
                     "transcript": None, "transcript_source": None, "partial": False,
                     "created_at": "2026-12-01T10:00:00Z"}}


def transcript(language="en", lines=3):
    return Transcript(tuple(Segment(i * 2.0, 2.0, f"line number {i}") for i in range(lines)), language, "manual", "client")


def test_every_column_type_means_the_same_in_postgresql(store, tmp_path):
    """The schema is shared with a PostgreSQL store: its REAL is 4 bytes (a lease's unix time would be
    rounded to 128 s) and it has no BLOB."""
    portable = {"TEXT", "INTEGER", "DOUBLE PRECISION", "BYTEA"}
    conn = sqlite3.connect(tmp_path / "glance.db")
    shared = "".join(path.read_text() for path in resources.files("server").joinpath("migrations").iterdir()
                     if path.name.endswith(".sql"))  # not SQLite's own FTS5 index
    tables = [row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
              if f"CREATE TABLE IF NOT EXISTS {row[0]} " in shared]
    types = {(table, column[1]): column[2] for table in tables for column in conn.execute(f"PRAGMA table_info({table})")}
    conn.close()
    assert {place: kind for place, kind in types.items() if kind not in portable} == {}
    assert types[("jobs", "lease_until")] == "DOUBLE PRECISION"


def test_connections_are_reused_and_the_wal_stays_between_calls(tmp_path):
    store = open_store(str(tmp_path / "glance.db"))
    store.save_cards(cards())
    with ThreadPoolExecutor(max_workers=4) as pool:
        list(pool.map(lambda _: store.load_cards_json(VIDEO, "en", "lines"), range(400)))
    assert len(store._opened) <= 5  # one per concurrent caller at most, not one per call
    assert (tmp_path / "glance.db-wal").exists()  # never checkpointed away by a close between requests


@BOTH_STORES
def test_cards_are_stored_and_served_as_compact_text(store, database):
    text = store.save_cards(cards())
    assert text == compact_json(cards()) and "Ünïcode" in text and ": " not in text
    assert store.load_cards_json(VIDEO, "en", "lines") == text
    app = create_app({"DATABASE": database, "SUMMARIZER": LineSummarizer(), "RATE_LIMIT": 0})
    response = app.test_client().get(f"/api/v1/videos/{VIDEO}/summary?lang=en&fetch=0")
    assert response.data == text.encode() and response.mimetype == "application/json"


@BOTH_STORES
def test_transcripts_are_gzip_at_rest_and_old_plain_rows_still_read(store, database):
    long = transcript(lines=2000)
    store.save_transcript(VIDEO, long)
    [(raw,)] = raw_rows(database, "SELECT body FROM transcripts")
    served = json.loads(gzip.decompress(raw))
    assert served["video_id"] == VIDEO and len(served["segments"]) == 2000
    assert len(raw) * 4 < len(gzip.decompress(raw))
    assert store.load_transcript(VIDEO, "en") == long

    if database.startswith("postgresql://"):
        return  # PostgreSQL databases were never written before compression
    plain = json.dumps(transcript("de").to_dict())  # a row written before transcripts were compressed
    with sqlite3.connect(database) as conn:
        conn.execute("INSERT INTO transcripts VALUES (?, 'de', 'manual', 'client', ?, '2026-01-01T00:00:00Z')",
                     (VIDEO, plain))
    assert store.load_transcript(VIDEO, "de") == transcript("de")
    assert json.loads(gzip.decompress(store.load_transcript_gzip(VIDEO, "de")))["video_id"] == VIDEO


@BOTH_STORES
def test_transcript_endpoint_sends_the_stored_gzip_to_clients_that_take_it(database):
    app = create_app({"DATABASE": database, "SUMMARIZER": LineSummarizer(), "RATE_LIMIT": 0})
    client = app.test_client()
    body = transcript_body(*[f"words of line {i}" for i in range(500)])
    assert client.post(f"/api/v1/videos/{VIDEO}/summary", json={"transcript": body}).status_code == 200
    url = f"/api/v1/videos/{VIDEO}/transcript?lang=en"
    zipped = client.get(url, headers={"Accept-Encoding": "gzip"})
    plain = client.get(url)
    assert zipped.headers["Content-Encoding"] == "gzip" and "Accept-Encoding" in zipped.headers["Vary"]
    assert json.loads(gzip.decompress(zipped.data)) == plain.get_json()
    assert plain.get_json()["segments"][499]["text"] == "words of line 499"
    cards_response = client.get(f"/api/v1/videos/{VIDEO}/summary?lang=en", headers={"Accept-Encoding": "br"})
    assert cards_response.headers["Content-Encoding"] == "br"  # compressed on the way out


@BOTH_STORES
def test_language_matching_by_base_language_without_false_prefixes(store):
    store.save_cards(cards(language="en-gb", headline="British"))
    store.save_cards(cards(language="eng", headline="Not English"))
    assert json.loads(store.load_cards_json(VIDEO, "en", "lines"))["about"]["headline"] == "British"
    assert json.loads(store.load_cards_json(VIDEO, "en-GB".lower(), "lines"))["about"]["headline"] == "British"
    store.delete_cards(VIDEO, "en-gb")
    assert store.load_cards_json(VIDEO, "en", "lines") is None


@BOTH_STORES
def test_deleting_a_regional_language_deletes_what_a_read_for_it_finds(store):
    store.save_cards(cards(language="en", headline="English"))
    store.save_cards(cards(language="en", headline="Curated", origin="curated"))
    store.save_cards(cards(language="de", headline="Deutsch"))
    store.save_cards(cards(language="eng", headline="Not English"))
    assert json.loads(store.load_cards_json(VIDEO, "en-us", "lines"))["about"]["headline"] == "Curated"
    assert store.delete_cards(VIDEO, "en-us") == 2
    assert store.load_cards_json(VIDEO, "en-us", "lines") is None
    assert json.loads(store.load_cards_json(VIDEO, "de", "lines"))["about"]["headline"] == "Deutsch"
    assert json.loads(store.load_cards_json(VIDEO, "eng", "lines"))["about"]["headline"] == "Not English"
    assert store.delete_cards(VIDEO, None) == 2


@BOTH_STORES
def test_one_active_job_per_key_and_a_lease_that_runs_out(store):
    job, new = store.submit_job("k", "cards", VIDEO, {"language": "en"})
    again, new_again = store.submit_job("k", "cards", VIDEO, {"language": "en"})
    assert new and not new_again and again.id == job.id and job.state == "queued"

    claimed = store.claim_job("worker-a", lease_seconds=60, max_attempts=3)
    assert claimed.id == job.id and claimed.owner == "worker-a" and claimed.attempts == 1
    assert store.claim_job("worker-b", lease_seconds=60, max_attempts=3) is None  # the lease holds
    assert store.renew_lease(job.id, "worker-a", 60, progress=0.5)
    assert not store.renew_lease(job.id, "worker-b", 60)
    assert store.get_job(job.id).progress == 0.5

    assert store.renew_lease(job.id, "worker-a", -1)  # as if worker-a stopped beating a while ago
    taken = store.claim_job("worker-b", lease_seconds=60, max_attempts=3)
    assert taken.id == job.id and taken.owner == "worker-b" and taken.attempts == 2
    assert not store.finish_job(job.id, "worker-a", "late")  # the old owner's result is dropped
    assert store.finish_job(job.id, "worker-b", '{"ok":true}')
    done = store.get_job(job.id)
    assert done.state == "done" and done.result == '{"ok":true}' and done.progress == 1

    _, new = store.submit_job("k", "cards", VIDEO, {"language": "en"})
    assert new  # a finished job does not hold its key
    assert [j.state for j in store.jobs_for_video(VIDEO)] == ["queued", "done"]
    assert store.purge_jobs(time.time() + 1) == 1


def test_a_finished_job_keeps_no_payload_and_waiters_read_a_job_without_it(store):
    """A partial transcript travels in its job's payload: large, polled by waiters, and never kept."""
    payload = {"language": "en", "transcript": {"segments": [{"start": 0, "text": "words " * 1000}]}}
    done, _ = store.submit_job("a", "cards", VIDEO, payload)
    failed, _ = store.submit_job("b", "cards", VIDEO, payload)
    assert store.get_job(done.id).payload == payload
    light = store.get_job(done.id, with_payload=False)
    assert light.payload == {} and light.state == "queued" and light.key == "a" and light.created_at == done.created_at

    for job in (done, failed):
        assert store.claim_job("w", lease_seconds=60, max_attempts=3).payload == payload  # the worker gets it
    assert store.finish_job(done.id, "w", "{}")
    assert store.fail_job(failed.id, "w", "internal_error", "broke")
    assert [j.payload for j in store.jobs_for_video(VIDEO)] == [{}, {}]
    assert store.get_job(done.id).result == "{}" and store.get_job(failed.id).error_message == "broke"


def test_a_lease_starts_when_the_claim_gets_the_write_lock(store, tmp_path):
    """A claim that waited for another writer still holds the job for the whole lease afterwards."""
    job, _ = store.submit_job("k", "cards", VIDEO, {})
    other = sqlite3.connect(tmp_path / "glance.db", isolation_level=None)
    other.execute("BEGIN IMMEDIATE")  # another process writing
    with ThreadPoolExecutor(max_workers=1) as pool:
        claiming = pool.submit(store.claim_job, "w", 30, 3)
        time.sleep(1.0)  # the claim waits for the lock meanwhile
        released = time.time()
        other.execute("COMMIT")
        claimed = claiming.result(timeout=60)
    other.close()
    assert claimed.id == job.id and claimed.lease_until >= released + 30


@BOTH_STORES
def test_a_job_that_kills_its_workers_ends_failed(store):
    job, _ = store.submit_job("k", "cards", VIDEO, {})
    for worker in ("a", "b"):
        assert store.claim_job(worker, lease_seconds=-1, max_attempts=2).id == job.id
    assert store.claim_job("c", lease_seconds=60, max_attempts=2) is None
    failed = store.get_job(job.id)
    assert failed.state == "failed" and failed.error_code == "internal_error" and "2 times" in failed.error_message


@BOTH_STORES
def test_rate_limit_counts_across_stores_on_one_database(database):
    first, second = open_store(database), open_store(database)
    now = 1000.0
    assert first.count_hit("1.2.3.4", now, 60, 2) is None
    assert second.count_hit("1.2.3.4", now + 1, 60, 2) is None
    assert first.count_hit("1.2.3.4", now + 2, 60, 2) == 58
    assert second.count_hit("5.6.7.8", now + 2, 60, 2) is None
    assert second.count_hit("1.2.3.4", now + 61, 60, 2) is None  # the first hit left the window
    first.close(), second.close()


@BOTH_STORES
def test_the_rate_limit_holds_exactly_under_concurrent_hits(database):
    stores = [open_store(database) for _ in range(2)]
    with ThreadPoolExecutor(max_workers=16) as pool:
        answers = list(pool.map(lambda i: stores[i % 2].count_hit("9.9.9.9", 5000.0, 60, 10), range(40)))
    assert answers.count(None) == 10
    for store in stores:
        store.close()


@BOTH_STORES
def test_migrations_are_recorded_once_and_a_second_start_applies_none(store, database):
    from server import migrations

    again = open_store(database)  # a second process (or host) starting on the same database
    again.close()
    rows = raw_rows(database, "SELECT version, name FROM schema_migrations ORDER BY version")
    assert rows == [(m.version, m.name) for m in migrations.all_migrations()]
    assert rows[0] == (1, "tables")


def test_rate_limit_weighs_each_hit_by_its_cost(store):
    now = 1000.0
    assert store.count_hit("1.2.3.4", now, 60, 6, cost=4) is None
    assert store.count_hit("1.2.3.4", now + 1, 60, 6, cost=1) is None
    # 5 of 6 used: a hit of 2 waits until the first hit (4) leaves, a hit of 1 still fits
    assert store.count_hit("1.2.3.4", now + 2, 60, 6, cost=2) == 58
    assert store.count_hit("1.2.3.4", now + 3, 60, 6, cost=1) is None
    # full: a hit of 3 waits for the 4 to leave; a hit of the whole limit waits for all three hits
    assert store.count_hit("1.2.3.4", now + 10, 60, 6, cost=3) == 50
    assert store.count_hit("1.2.3.4", now + 10, 60, 6, cost=6) == 53
    assert store.count_hit("1.2.3.4", now + 60, 60, 6, cost=3) is None  # the 4 left the window


def test_a_database_with_the_unweighted_hits_table_opens_and_limits(tmp_path):
    path = tmp_path / "old.db"
    with sqlite3.connect(path) as conn:  # the table from before hits had a weight
        conn.execute("CREATE TABLE rate_hits (client TEXT NOT NULL, at REAL NOT NULL)")
        conn.execute("INSERT INTO rate_hits VALUES ('1.2.3.4', 1000.0)")
    store = open_store(str(path))
    assert store.count_hit("1.2.3.4", 1001.0, 60, 2, cost=2) is None
    assert store.count_hit("1.2.3.4", 1002.0, 60, 2, cost=1) == 59
    store.close()


def _spend(path: str, client: str, now: float, tries: int) -> int:
    """In a separate process: try `tries` hits of cost 3 against a limit of 30; return how many counted."""
    store = open_store(path)
    try:
        return sum(store.count_hit(client, now, 60, 30, cost=3) is None for _ in range(tries))
    finally:
        store.close()


def test_weighted_rate_limit_holds_across_processes(tmp_path):
    """Four processes race on one file: together they get exactly the limit's weight, no more."""
    path = str(tmp_path / "r.db")
    open_store(path).close()
    with ProcessPoolExecutor(4, mp_context=multiprocessing.get_context("spawn")) as pool:
        counted = list(pool.map(_spend, [path] * 4, ["1.2.3.4"] * 4, [1000.0] * 4, [6] * 4))
    assert sum(counted) == 10  # 10 hits of 3 fill the limit of 30; the other 14 were refused
    other = open_store(path)
    assert other.count_hit("1.2.3.4", 1001.0, 60, 30, cost=1) == 59
    assert other.count_hit("5.6.7.8", 1001.0, 60, 30, cost=30) is None  # another client has its own window
    other.close()


def test_a_full_database_is_a_storage_error_and_a_job_fails_with_it(tmp_path):
    app = create_app({"DATABASE": str(tmp_path / "glance.db"), "SUMMARIZER": LineSummarizer(), "RATE_LIMIT": 0})
    store, jobs = app.extensions["glance.store"], app.extensions["glance.jobs"]
    job, _ = store.submit_job("k", "transcript", VIDEO, {"language": "en"})
    pages = store._opened[0].execute("PRAGMA page_count").fetchone()[0]
    for conn in store._opened:  # SQLite's own "database or disk is full", without filling a disk
        conn.execute(f"PRAGMA max_page_count = {pages}")
    with pytest.raises(StorageError):
        store.save_transcript(VIDEO, transcript(lines=5000))
    assert store.load_transcript(VIDEO, "en") is None  # reads still work

    def fetch_then_store(video_id, language):
        return transcript(lines=5000)

    app.extensions["glance.cards"].fetch_transcript = fetch_then_store
    jobs.execute(store.claim_job("w", 30, 3), "w")
    failed = store.get_job(job.id)
    assert failed.state == "failed" and failed.error_code == "storage_unavailable"
    assert "database" in failed.error_message and str(tmp_path) not in failed.error_message


def test_a_database_that_cannot_be_opened_is_a_storage_error(tmp_path):
    (tmp_path / "file").write_text("not a folder")
    with pytest.raises(StorageError):
        open_store(str(tmp_path / "file" / "glance.db"))
