"""The PostgreSQL store, for a team server on several processes and hosts: the same schema and methods as SQLite.

Connections come from psycopg's pool. Jobs are claimed with `FOR UPDATE SKIP LOCKED` (two
workers never take the same row, and neither waits for the other), leases are compared with
the database's clock (so hosts whose clocks differ agree on when one ran out), and the rate
limit counts under a per-client advisory lock, so it holds exactly across hosts.
"""

from __future__ import annotations

import atexit
import json
import math
import threading
import time
import uuid
from contextlib import contextmanager

import psycopg
from psycopg.conninfo import conninfo_to_dict
from psycopg.rows import dict_row
from psycopg_pool import ConnectionPool, PoolTimeout

from . import migrations
from .models import Transcript, utc_now
from .postgres_library import PostgresLibrary, set_up_search
from .store import (ACTIVE_STATES, DONE, FAILED, QUEUED, RUNNING, STORE_OK, STORE_READ_ONLY, STORE_UNAVAILABLE, Job,
                    StorageError, Store, compact_json, language_key, pack_transcript, stamp_language, transcript_gzip,
                    unpack_transcript)

_JOB_COLUMNS = ("id, key, kind, video_id, state, payload, progress, attempts, owner, lease_until,"
                " error_code, error_message, result, note, created_at, updated_at")
_NOW = "extract(epoch from clock_timestamp())"  # the database's clock, the same for every host
_SWEEP_SECONDS = 60.0  # how often one process deletes every client's old rate-limit hits
_OPEN: set["PostgresStore"] = set()  # closed at exit: a pool dropped unclosed would be closed by the collector,
# on whatever thread it runs, even one of the pool's own (which psycopg cannot do)

# Errors that mean the database failed or cannot be reached, rather than a wrong query.
_FAULTS = (psycopg.OperationalError, psycopg.errors.InsufficientResources, psycopg.errors.ReadOnlySqlTransaction,
           psycopg.errors.AdminShutdown, PoolTimeout)
# Faults that leave reading possible: health says read_only for a while after one of these.
_WRITE_FAULTS = (psycopg.errors.InsufficientResources, psycopg.errors.ReadOnlySqlTransaction)
WRITE_FAULT_MEMORY = 30.0  # seconds health remembers a failed write (a write after it tells again)


def describe(url: str) -> str:
    """The URL without user or password, for logs, banners and error messages."""
    try:
        parts = conninfo_to_dict(url)
    except psycopg.ProgrammingError:
        return "postgresql://(an unreadable URL)"
    return f"postgresql://{parts.get('host', 'localhost')}:{parts.get('port', 5432)}/{parts.get('dbname', '')}"


class PostgresStore(PostgresLibrary, Store):
    """All methods of Store on one PostgreSQL database; connections are autocommit, with explicit
    transactions where several statements must hold together."""

    def __init__(self, url: str, pool_size: int = 8, connect_timeout: float = 10.0):
        self.url, self.name = url, describe(url)
        self._last_sweep = 0.0
        self._sweep_lock = threading.Lock()
        self._pool: ConnectionPool | None = None
        self._write_failed_at: float | None = None
        try:
            # One plain connection first: a wrong URL fails at once with PostgreSQL's reason (the pool
            # would retry until its timeout), and the migrations run on it before anyone reads.
            with psycopg.connect(url, autocommit=True, connect_timeout=max(1, int(connect_timeout))) as conn:
                migrations.apply_postgres(conn)
                set_up_search(conn)
            self._pool = ConnectionPool(url, min_size=1, max_size=max(1, int(pool_size)), open=True,
                                        timeout=connect_timeout, kwargs={"autocommit": True}, name="glance")
            _OPEN.add(self)
        except (psycopg.Error, PoolTimeout) as error:
            self.close()
            raise StorageError(f"cannot open the database {self.name}: {_reason(error)}") from None

    @contextmanager
    def _db(self, transaction: bool = False):
        """A pooled connection for one call (in one transaction if asked); faults come out as StorageError."""
        try:
            with self._pool.connection() as conn:
                if transaction:
                    with conn.transaction():
                        yield conn
                else:
                    yield conn
        except _FAULTS as error:
            if isinstance(error, _WRITE_FAULTS):
                self._write_failed_at = time.monotonic()
            raise StorageError(f"the database {self.name} failed: {_reason(error)}") from error

    def health(self) -> str:
        """Unavailable when a read fails; read-only on a standby, a read-only database, or when a
        write failed (disk full, read-only) within WRITE_FAULT_MEMORY."""
        try:
            with self._db() as conn:
                standby, read_only = conn.execute(
                    "SELECT pg_is_in_recovery(), current_setting('transaction_read_only') = 'on'").fetchone()
        except StorageError:
            return STORE_UNAVAILABLE
        if standby or read_only:
            return STORE_READ_ONLY
        if self._write_failed_at is not None and time.monotonic() - self._write_failed_at < WRITE_FAULT_MEMORY:
            return STORE_READ_ONLY
        return STORE_OK

    def check_writable(self) -> None:
        """A real write (a row in and out again in one transaction), so a standby or read-only database fails here."""
        try:
            with self._db(transaction=True) as conn:
                conn.execute("INSERT INTO weighted_hits (client, at, cost) VALUES ('', 0, 0)")
                conn.execute("DELETE FROM weighted_hits WHERE client = '' AND at = 0")
        except StorageError as error:
            raise StorageError(f"cannot write the database {self.name}: {_reason(error.__cause__ or error)}") from None

    def close(self) -> None:
        self.closed = True
        _OPEN.discard(self)
        if self._pool is not None:
            self._pool.close()

    # -- transcripts -----------------------------------------------------------

    def save_transcript(self, video_id: str, transcript: Transcript, also_for: str | None = None) -> None:
        body = pack_transcript(video_id, transcript)
        languages = sorted({language_key(transcript.language), *([also_for] if also_for else [])})
        with self._db(transaction=True) as conn:
            for language in languages:
                conn.execute(
                    "INSERT INTO transcripts (video_id, language, kind, source, body, created_at)"
                    " VALUES (%s, %s, %s, %s, %s, %s) ON CONFLICT (video_id, language) DO UPDATE SET"
                    " kind = excluded.kind, source = excluded.source, body = excluded.body,"
                    " created_at = excluded.created_at",
                    (video_id, language, transcript.kind, transcript.source, body, utc_now()))
            _raise_version(conn, video_id, "transcript")

    def load_transcript_gzip(self, video_id: str, language: str | None) -> bytes | None:
        with self._db() as conn:
            row = _transcript_row(conn, video_id, language)
        return transcript_gzip(video_id, bytes(row[1])) if row else None

    def _stored_transcript(self, conn: psycopg.Connection, video_id: str, language: str | None) -> Transcript | None:
        """load_transcript on a connection already in use (the library's index runs in a transaction)."""
        row = _transcript_row(conn, video_id, language)
        return unpack_transcript(bytes(row[1])) if row else None

    def transcript_version(self, video_id: str, language: str | None) -> str | None:
        with self._db() as conn:
            row = _transcript_row(conn, video_id, language)
            if row is None:
                return None
            version = conn.execute("SELECT transcript FROM video_versions WHERE video_id = %s", (video_id,)).fetchone()
        return f"{row[0]}:{version[0] if version else 0}"

    def save_ask_index(self, video_id: str, version: str, body: bytes) -> None:
        with self._db() as conn:
            conn.execute("INSERT INTO ask_indexes (video_id, language, version, body) VALUES (%s, %s, %s, %s)"
                         " ON CONFLICT (video_id, language) DO UPDATE SET version = excluded.version, body = excluded.body",
                         (video_id, stamp_language(version), version, body))

    def load_ask_index(self, video_id: str, version: str) -> bytes | None:
        with self._db() as conn:
            row = conn.execute("SELECT body FROM ask_indexes WHERE video_id = %s AND language = %s AND version = %s",
                               (video_id, stamp_language(version), version)).fetchone()
        return bytes(row[0]) if row else None

    # -- video metadata ----------------------------------------------------------

    def save_video(self, video_id: str, info: dict) -> None:
        with self._db() as conn:
            conn.execute("INSERT INTO videos (video_id, body, updated_at) VALUES (%s, %s, %s)"
                         " ON CONFLICT (video_id) DO UPDATE SET body = excluded.body, updated_at = excluded.updated_at",
                         (video_id, compact_json(info), utc_now()))

    def load_video(self, video_id: str) -> dict | None:
        with self._db() as conn:
            row = conn.execute("SELECT body FROM videos WHERE video_id = %s", (video_id,)).fetchone()
        return json.loads(row[0]) if row else None

    # -- cards -------------------------------------------------------------------

    def save_cards(self, cards: dict, also_for: str | None = None) -> str:
        with self._db(transaction=True) as conn:
            return _insert_cards(conn, cards, also_for)

    def save_many_cards(self, all_cards: list[dict]) -> None:
        with self._db(transaction=True) as conn:
            for cards in all_cards:
                _insert_cards(conn, cards, None)

    def load_cards_json(self, video_id: str, language: str | None, summarizer: str,
                        include_generated: bool = True) -> str | None:
        where, params = _language_clause(language)
        if include_generated:
            origin = "(origin = 'curated' OR (origin = 'generated' AND summarizer = %s))"
            params.append(summarizer)
        else:
            origin = "origin = 'curated'"
        with self._db() as conn:
            row = conn.execute(
                f"SELECT body FROM cards WHERE video_id = %s AND {where} AND {origin}"
                " ORDER BY origin = 'curated' DESC, language = %s DESC, created_at DESC LIMIT 1",
                [video_id, *params, language or ""]).fetchone()
        return row[0] if row else None

    def delete_cards(self, video_id: str, language: str | None, origin: str | None = None) -> int:
        # matched as load_cards_json matches, so 'en-US' deletes the 'en' cards a read for 'en-US' finds
        where, params = _language_clause(language)
        if origin:
            where, params = f"{where} AND origin = %s", [*params, origin]
        with self._db(transaction=True) as conn:
            cursor = conn.execute(f"DELETE FROM cards WHERE video_id = %s AND {where}", [video_id, *params])
            if cursor.rowcount:
                _raise_version(conn, video_id, "cards")
            return cursor.rowcount

    # -- jobs --------------------------------------------------------------------

    def submit_job(self, key: str, kind: str, video_id: str, payload: dict) -> tuple[Job, bool]:
        with self._db() as conn:
            while True:
                # The partial unique index is the single flight: of two hosts inserting at once, one
                # inserts and the other's row is skipped; it then reads the winner's.
                row = _fetch_job(conn, "INSERT INTO jobs (id, key, kind, video_id, state, payload, created_at, updated_at)"
                                 f" VALUES (%s, %s, %s, %s, %s, %s, {_NOW}, {_NOW})"
                                 " ON CONFLICT (key) WHERE state IN ('queued', 'running') DO NOTHING"
                                 f" RETURNING {_JOB_COLUMNS}",
                                 (uuid.uuid4().hex, key, kind, video_id, QUEUED, compact_json(payload)))
                if row:
                    return row, True
                active = _fetch_job(conn, f"SELECT {_JOB_COLUMNS} FROM jobs WHERE key = %s AND state IN (%s, %s)",
                                    (key, *ACTIVE_STATES))
                if active:  # else it finished between the two statements: insert again
                    return active, False

    def get_job(self, job_id: str, with_payload: bool = True) -> Job | None:
        columns = _JOB_COLUMNS if with_payload else _JOB_COLUMNS.replace(" payload,", " '{}' AS payload,")
        with self._db() as conn:
            return _fetch_job(conn, f"SELECT {columns} FROM jobs WHERE id = %s", (job_id,))

    def jobs_for_video(self, video_id: str) -> list[Job]:
        with self._db() as conn:
            with conn.cursor(row_factory=dict_row) as cursor:
                rows = cursor.execute(f"SELECT {_JOB_COLUMNS} FROM jobs WHERE video_id = %s"
                                      " ORDER BY created_at DESC", (video_id,)).fetchall()
        return [_job(row) for row in rows]

    def claim_job(self, owner: str, lease_seconds: float, max_attempts: int) -> Job | None:
        claimable = f"state = %s OR (state = %s AND lease_until < {_NOW})"
        with self._db() as conn:  # a plain read first: idle workers polling lock nothing
            if conn.execute(f"SELECT 1 FROM jobs WHERE {claimable} LIMIT 1", (QUEUED, RUNNING)).fetchone() is None:
                return None
        with self._db(transaction=True) as conn:
            while True:
                # SKIP LOCKED: a row another worker is claiming right now is passed over, not waited for.
                row = conn.execute(f"SELECT id, attempts FROM jobs WHERE {claimable} ORDER BY created_at LIMIT 1"
                                   " FOR UPDATE SKIP LOCKED", (QUEUED, RUNNING)).fetchone()
                if row is None:
                    return None
                job_id, attempts = row
                if attempts >= max_attempts:
                    conn.execute(f"UPDATE jobs SET state = %s, owner = NULL, error_code = %s, error_message = %s,"
                                 f" payload = '{{}}', updated_at = {_NOW} WHERE id = %s",
                                 (FAILED, "internal_error", f"Making this stopped {attempts} times (the worker died); "
                                  "the server log may say why.", job_id))
                    continue
                return _fetch_job(conn, f"UPDATE jobs SET state = %s, owner = %s, lease_until = {_NOW} + %s,"
                                  f" attempts = attempts + 1, updated_at = {_NOW} WHERE id = %s RETURNING {_JOB_COLUMNS}",
                                  (RUNNING, owner, float(lease_seconds), job_id))

    def renew_lease(self, job_id: str, owner: str, lease_seconds: float, progress: float | None = None,
                    note: str | None = None) -> bool:
        with self._db() as conn:
            cursor = conn.execute(
                f"UPDATE jobs SET lease_until = {_NOW} + %s, progress = COALESCE(%s, progress),"
                f" note = COALESCE(%s::text, note), updated_at = {_NOW} WHERE id = %s AND owner = %s AND state = %s",
                (float(lease_seconds), progress, note, job_id, owner, RUNNING))
            return cursor.rowcount == 1

    def finish_job(self, job_id: str, owner: str, result: str | None) -> bool:
        with self._db() as conn:
            cursor = conn.execute(
                f"UPDATE jobs SET state = %s, progress = 1, result = %s, payload = '{{}}', lease_until = NULL,"
                f" updated_at = {_NOW}"
                " WHERE id = %s AND owner = %s AND state = %s", (DONE, result, job_id, owner, RUNNING))
            return cursor.rowcount == 1

    def fail_job(self, job_id: str, owner: str | None, code: str, message: str) -> bool:
        with self._db() as conn:
            cursor = conn.execute(
                f"UPDATE jobs SET state = %s, error_code = %s, error_message = %s, payload = '{{}}', lease_until = NULL,"
                f" updated_at = {_NOW}"
                " WHERE id = %s AND (owner = %s OR %s::text IS NULL) AND state IN (%s, %s)",
                (FAILED, code, message, job_id, owner, owner, *ACTIVE_STATES))
            return cursor.rowcount == 1

    def purge_jobs(self, finished_before: float) -> int:
        with self._db() as conn:
            cursor = conn.execute("DELETE FROM jobs WHERE state IN (%s, %s) AND updated_at < %s",
                                  (DONE, FAILED, finished_before))
            return cursor.rowcount

    # -- rate limit ----------------------------------------------------------------

    def count_hit(self, client: str, now: float, window: float, limit: int, cost: int = 1) -> float | None:
        with self._db(transaction=True) as conn:
            # One transaction per client at a time, on every host: two hits cannot both see room for one.
            conn.execute("SELECT pg_advisory_xact_lock(hashtextextended(%s, 0))", (f"glance-rate:{client}",))
            conn.execute("DELETE FROM weighted_hits WHERE client = %s AND at <= %s", (client, now - window))
            hits = conn.execute("SELECT at, cost FROM weighted_hits WHERE client = %s ORDER BY at",
                                (client,)).fetchall()
            over = sum(weight for _, weight in hits) + cost - limit
            if over > 0:
                for at, weight in hits:  # the hits that must leave the window before this one fits
                    over -= weight
                    if over <= 0:
                        return max(1.0, math.ceil(window - (now - at)))
                return max(1.0, window)  # heavier than the limit itself: the caller caps the cost
            conn.execute("INSERT INTO weighted_hits (client, at, cost) VALUES (%s, %s, %s)", (client, now, cost))
        self._sweep(now - window)
        return None

    def _sweep(self, before: float) -> None:
        """Now and then delete the old hits of clients that stopped coming (each client's own go at each hit)."""
        with self._sweep_lock:
            if time.monotonic() - self._last_sweep < _SWEEP_SECONDS:
                return
            self._last_sweep = time.monotonic()
        with self._db() as conn:
            conn.execute("DELETE FROM weighted_hits WHERE at <= %s", (before,))

    # -- tokens ----------------------------------------------------------------------

    def create_token(self, name: str, token_hash: str, created_at: str) -> bool:
        with self._db() as conn:  # one statement: a live token of that name is left alone
            cursor = conn.execute(
                "INSERT INTO tokens (name, hash, created_at) VALUES (%s, %s, %s) ON CONFLICT (name) DO UPDATE"
                " SET hash = excluded.hash, created_at = excluded.created_at, revoked_at = NULL"
                " WHERE tokens.revoked_at IS NOT NULL", (name, token_hash, created_at))
            return cursor.rowcount == 1

    def revoke_token(self, name: str, revoked_at: str) -> bool:
        with self._db() as conn:
            cursor = conn.execute("UPDATE tokens SET revoked_at = %s WHERE name = %s AND revoked_at IS NULL",
                                  (revoked_at, name))
            return cursor.rowcount == 1

    def token_name(self, token_hash: str) -> str | None:
        with self._db() as conn:
            row = conn.execute("SELECT name FROM tokens WHERE hash = %s AND revoked_at IS NULL",
                               (token_hash,)).fetchone()
        return row[0] if row else None

    def list_tokens(self) -> list[dict]:
        with self._db() as conn:
            with conn.cursor(row_factory=dict_row) as cursor:
                return cursor.execute("SELECT name, created_at, revoked_at FROM tokens ORDER BY name").fetchall()


@atexit.register
def close_all() -> None:
    """Close every store still open (at exit, and before a test's PostgreSQL server stops)."""
    for store in list(_OPEN):
        store.close()


def _insert_cards(conn: psycopg.Connection, cards: dict, also_for: str | None) -> str:
    """Store cards under their video, language(s), summarizer and origin (see the SQLite store); return the text."""
    meta = cards["meta"]
    text = compact_json(cards)
    for language in sorted({language_key(meta.get("language")), *([also_for] if also_for else [])}):
        conn.execute(
            "INSERT INTO cards (video_id, language, summarizer, origin, body, created_at)"
            " VALUES (%s, %s, %s, %s, %s, %s) ON CONFLICT (video_id, language, summarizer, origin)"
            " DO UPDATE SET body = excluded.body, created_at = excluded.created_at",
            (cards["video_id"], language, meta["summarizer"], meta["origin"], text, meta.get("created_at") or utc_now()))
    _raise_version(conn, cards["video_id"], "cards")
    return text


def _raise_version(conn: psycopg.Connection, video_id: str, counter: str) -> None:
    """Count one more change of the video's transcripts or cards (inside the write's own transaction)."""
    conn.execute(f"INSERT INTO video_versions (video_id, {counter}) VALUES (%s, 1)"
                 f" ON CONFLICT (video_id) DO UPDATE SET {counter} = video_versions.{counter} + 1", (video_id,))


def _transcript_row(conn: psycopg.Connection, video_id: str, language: str | None) -> tuple | None:
    """(language, body) of the transcript load_transcript serves: in `language` (exact first, else its base), else the newest."""
    where, params = _language_clause(language)
    return conn.execute(
        f"SELECT language, body FROM transcripts WHERE video_id = %s AND {where}"
        " ORDER BY language = %s DESC, created_at DESC LIMIT 1",
        [video_id, *params, language or ""]).fetchone()


def _language_clause(language: str | None) -> tuple[str, list]:
    """Match a language exactly or by its base language ('en' finds 'en-gb'); exact matches sort first."""
    if not language:
        return "TRUE", []
    base = language.split("-")[0]
    # starts_with, not a range: PostgreSQL's collations order text by language rules, not bytes
    return "(language = %s OR language = %s OR starts_with(language, %s))", [language, base, f"{base}-"]


def _fetch_job(conn: psycopg.Connection, query: str, params) -> Job | None:
    with conn.cursor(row_factory=dict_row) as cursor:
        row = cursor.execute(query, params).fetchone()
    return _job(row) if row else None


def _job(row: dict) -> Job:
    return Job(**{**row, "payload": json.loads(row["payload"])})


def _reason(error: BaseException) -> str:
    """What went wrong, in one line, without the connection string."""
    return str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
