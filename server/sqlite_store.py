"""The SQLite store: one file in WAL mode, connections reused, the only module with SQL."""

from __future__ import annotations

import json
import math
import queue
import sqlite3
import threading
import time
import uuid
from contextlib import contextmanager
from pathlib import Path

from . import migrations
from .models import Transcript, utc_now
from .store import (ACTIVE_STATES, DONE, FAILED, QUEUED, RUNNING, Job, StorageError, Store, compact_json,
                    language_key, pack_transcript, transcript_gzip)

# SQLite result codes that mean the storage failed rather than the query being wrong.
_FAULTS = ("SQLITE_FULL", "SQLITE_READONLY", "SQLITE_IOERR", "SQLITE_CANTOPEN", "SQLITE_BUSY",
           "SQLITE_CORRUPT", "SQLITE_NOTADB", "SQLITE_PERM", "SQLITE_LOCKED", "SQLITE_PROTOCOL")

_JOB_COLUMNS = ("id, key, kind, video_id, state, payload, progress, attempts, owner, lease_until,"
                " error_code, error_message, result, created_at, updated_at")


class SQLiteStore(Store):
    """Connections come from a small pool and go back after each call; one always stays open,
    so SQLite never checkpoints and deletes the WAL between requests. The folder, the PRAGMAs'
    persistent part and the schema are done once, here."""

    def __init__(self, path: str):
        self.path = path
        self._memory = path == ":memory:"
        self._idle: queue.SimpleQueue[sqlite3.Connection] = queue.SimpleQueue()
        self._opened: list[sqlite3.Connection] = []
        self._lock = threading.Lock()
        try:
            if not self._memory:
                Path(path).parent.mkdir(parents=True, exist_ok=True)
            conn = self._open()
            conn.execute("PRAGMA journal_mode = WAL")
            migrations.apply_sqlite(conn)
        except (OSError, sqlite3.Error) as error:
            self.close()
            raise StorageError(f"cannot open the database {path}: {error}") from None
        self._idle.put(conn)

    def _open(self) -> sqlite3.Connection:
        conn = sqlite3.connect(self.path, timeout=30, isolation_level=None, check_same_thread=False)
        conn.row_factory = sqlite3.Row
        conn.execute("PRAGMA busy_timeout = 30000")
        conn.execute("PRAGMA synchronous = NORMAL")
        with self._lock:
            self._opened.append(conn)
        return conn

    @contextmanager
    def _db(self):
        """A connection for one call; storage faults come out as StorageError."""
        if self._memory:
            conn = self._idle.get()  # ':memory:' is one database per connection: everyone shares the one
        else:
            try:
                conn = self._idle.get_nowait()
            except queue.Empty:
                conn = self._translated(self._open)
        try:
            yield conn
        except BaseException as error:
            if conn.in_transaction:
                try:
                    conn.execute("ROLLBACK")
                except sqlite3.Error:
                    pass
            if isinstance(error, sqlite3.Error) and getattr(error, "sqlite_errorname", "").startswith(_FAULTS):
                raise StorageError(f"the database {self.path} failed: {error}") from error
            raise
        finally:
            self._idle.put(conn)

    def _translated(self, fn):
        try:
            return fn()
        except sqlite3.Error as error:
            raise StorageError(f"the database {self.path} failed: {error}") from error

    @contextmanager
    def _transaction(self):
        with self._db() as conn:
            conn.execute("BEGIN IMMEDIATE")
            yield conn
            conn.execute("COMMIT")

    def close(self) -> None:
        self.closed = True
        with self._lock:
            opened, self._opened = self._opened, []
        for conn in opened:
            conn.close()

    # -- transcripts -----------------------------------------------------------

    def save_transcript(self, video_id: str, transcript: Transcript, also_for: str | None = None) -> None:
        body = pack_transcript(video_id, transcript)
        languages = {language_key(transcript.language), *([also_for] if also_for else [])}
        with self._transaction() as conn:
            for language in languages:
                conn.execute(
                    "INSERT OR REPLACE INTO transcripts (video_id, language, kind, source, body, created_at)"
                    " VALUES (?, ?, ?, ?, ?, ?)",
                    (video_id, language, transcript.kind, transcript.source, body, utc_now()))

    def load_transcript_gzip(self, video_id: str, language: str | None) -> bytes | None:
        where, params = _language_clause(language)
        with self._db() as conn:
            row = conn.execute(
                f"SELECT body FROM transcripts WHERE video_id = ? AND {where}"
                " ORDER BY language = ? DESC, created_at DESC LIMIT 1",
                [video_id, *params, language or ""]).fetchone()
        return transcript_gzip(video_id, row[0]) if row else None

    # -- video metadata ----------------------------------------------------------

    def save_video(self, video_id: str, info: dict) -> None:
        with self._db() as conn:
            conn.execute("INSERT OR REPLACE INTO videos (video_id, body, updated_at) VALUES (?, ?, ?)",
                         (video_id, compact_json(info), utc_now()))

    def load_video(self, video_id: str) -> dict | None:
        with self._db() as conn:
            row = conn.execute("SELECT body FROM videos WHERE video_id = ?", (video_id,)).fetchone()
        return json.loads(row[0]) if row else None

    # -- cards -------------------------------------------------------------------

    def save_cards(self, cards: dict, also_for: str | None = None) -> str:
        with self._transaction() as conn:
            return _insert_cards(conn, cards, also_for)

    def save_many_cards(self, all_cards: list[dict]) -> None:
        with self._transaction() as conn:
            for cards in all_cards:
                _insert_cards(conn, cards, None)

    def load_cards_json(self, video_id: str, language: str | None, summarizer: str,
                        include_generated: bool = True) -> str | None:
        where, params = _language_clause(language)
        if include_generated:
            origin = "(origin = 'curated' OR (origin = 'generated' AND summarizer = ?))"
            params.append(summarizer)
        else:
            origin = "origin = 'curated'"
        with self._db() as conn:
            row = conn.execute(
                f"SELECT body FROM cards WHERE video_id = ? AND {where} AND {origin}"
                " ORDER BY origin = 'curated' DESC, language = ? DESC, created_at DESC LIMIT 1",
                [video_id, *params, language or ""]).fetchone()
        return row[0] if row else None

    def delete_cards(self, video_id: str, language: str | None) -> int:
        with self._db() as conn:
            if language:
                cursor = conn.execute("DELETE FROM cards WHERE video_id = ? AND language = ?", (video_id, language))
            else:
                cursor = conn.execute("DELETE FROM cards WHERE video_id = ?", (video_id,))
            return cursor.rowcount

    # -- jobs --------------------------------------------------------------------

    def submit_job(self, key: str, kind: str, video_id: str, payload: dict) -> tuple[Job, bool]:
        now = time.time()
        with self._transaction() as conn:
            row = conn.execute(f"SELECT {_JOB_COLUMNS} FROM jobs WHERE key = ? AND state IN (?, ?)",
                               (key, *ACTIVE_STATES)).fetchone()
            if row:
                return _job(row), False
            job_id = uuid.uuid4().hex
            conn.execute(
                "INSERT INTO jobs (id, key, kind, video_id, state, payload, created_at, updated_at)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (job_id, key, kind, video_id, QUEUED, compact_json(payload), now, now))
            row = conn.execute(f"SELECT {_JOB_COLUMNS} FROM jobs WHERE id = ?", (job_id,)).fetchone()
            return _job(row), True

    def get_job(self, job_id: str) -> Job | None:
        with self._db() as conn:
            row = conn.execute(f"SELECT {_JOB_COLUMNS} FROM jobs WHERE id = ?", (job_id,)).fetchone()
        return _job(row) if row else None

    def jobs_for_video(self, video_id: str) -> list[Job]:
        with self._db() as conn:
            rows = conn.execute(f"SELECT {_JOB_COLUMNS} FROM jobs WHERE video_id = ?"
                                " ORDER BY created_at DESC", (video_id,)).fetchall()
        return [_job(row) for row in rows]

    def claim_job(self, owner: str, lease_seconds: float, max_attempts: int) -> Job | None:
        claimable = "state = ? OR (state = ? AND lease_until < ?)"
        now = time.time()
        with self._db() as conn:  # a read first, so idle workers polling take no write lock
            if conn.execute(f"SELECT 1 FROM jobs WHERE {claimable} LIMIT 1", (QUEUED, RUNNING, now)).fetchone() is None:
                return None
        with self._transaction() as conn:
            while True:
                row = conn.execute(f"SELECT {_JOB_COLUMNS} FROM jobs WHERE {claimable} ORDER BY created_at LIMIT 1",
                                   (QUEUED, RUNNING, now)).fetchone()
                if row is None:
                    return None
                if row["attempts"] >= max_attempts:
                    conn.execute(
                        "UPDATE jobs SET state = ?, owner = NULL, error_code = ?, error_message = ?, updated_at = ?"
                        " WHERE id = ?",
                        (FAILED, "internal_error", f"Making this stopped {row['attempts']} times (the worker died); "
                         "the server log may say why.", now, row["id"]))
                    continue
                conn.execute("UPDATE jobs SET state = ?, owner = ?, lease_until = ?, attempts = attempts + 1,"
                             " updated_at = ? WHERE id = ?", (RUNNING, owner, now + lease_seconds, now, row["id"]))
                return _job(conn.execute(f"SELECT {_JOB_COLUMNS} FROM jobs WHERE id = ?", (row["id"],)).fetchone())

    def renew_lease(self, job_id: str, owner: str, lease_seconds: float, progress: float | None = None) -> bool:
        now = time.time()
        with self._db() as conn:
            cursor = conn.execute(
                "UPDATE jobs SET lease_until = ?, progress = COALESCE(?, progress), updated_at = ?"
                " WHERE id = ? AND owner = ? AND state = ?", (now + lease_seconds, progress, now, job_id, owner, RUNNING))
            return cursor.rowcount == 1

    def finish_job(self, job_id: str, owner: str, result: str | None) -> bool:
        with self._db() as conn:
            cursor = conn.execute(
                "UPDATE jobs SET state = ?, progress = 1, result = ?, lease_until = NULL, updated_at = ?"
                " WHERE id = ? AND owner = ? AND state = ?", (DONE, result, time.time(), job_id, owner, RUNNING))
            return cursor.rowcount == 1

    def fail_job(self, job_id: str, owner: str | None, code: str, message: str) -> bool:
        with self._db() as conn:
            cursor = conn.execute(
                "UPDATE jobs SET state = ?, error_code = ?, error_message = ?, lease_until = NULL, updated_at = ?"
                " WHERE id = ? AND (owner = ? OR ? IS NULL) AND state IN (?, ?)",
                (FAILED, code, message, time.time(), job_id, owner, owner, *ACTIVE_STATES))
            return cursor.rowcount == 1

    def purge_jobs(self, finished_before: float) -> int:
        with self._db() as conn:
            cursor = conn.execute("DELETE FROM jobs WHERE state IN (?, ?) AND updated_at < ?",
                                  (DONE, FAILED, finished_before))
            return cursor.rowcount

    # -- rate limit ----------------------------------------------------------------

    def count_hit(self, client: str, now: float, window: float, limit: int) -> float | None:
        with self._transaction() as conn:
            conn.execute("DELETE FROM rate_hits WHERE at <= ?", (now - window,))
            count, oldest = conn.execute("SELECT count(*), min(at) FROM rate_hits WHERE client = ?", (client,)).fetchone()
            if count >= limit:
                return max(1.0, math.ceil(window - (now - oldest)))
            conn.execute("INSERT INTO rate_hits (client, at) VALUES (?, ?)", (client, now))
            return None

    # -- tokens ----------------------------------------------------------------------

    def create_token(self, name: str, token_hash: str, created_at: str) -> bool:
        with self._transaction() as conn:
            if conn.execute("SELECT 1 FROM tokens WHERE name = ? AND revoked_at IS NULL", (name,)).fetchone():
                return False
            conn.execute("INSERT OR REPLACE INTO tokens (name, hash, created_at, revoked_at) VALUES (?, ?, ?, NULL)",
                         (name, token_hash, created_at))
            return True

    def revoke_token(self, name: str, revoked_at: str) -> bool:
        with self._db() as conn:
            cursor = conn.execute("UPDATE tokens SET revoked_at = ? WHERE name = ? AND revoked_at IS NULL",
                                  (revoked_at, name))
            return cursor.rowcount == 1

    def token_name(self, token_hash: str) -> str | None:
        with self._db() as conn:
            row = conn.execute("SELECT name FROM tokens WHERE hash = ? AND revoked_at IS NULL", (token_hash,)).fetchone()
        return row[0] if row else None

    def list_tokens(self) -> list[dict]:
        with self._db() as conn:
            rows = conn.execute("SELECT name, created_at, revoked_at FROM tokens ORDER BY name").fetchall()
        return [dict(row) for row in rows]


def _insert_cards(conn: sqlite3.Connection, cards: dict, also_for: str | None) -> str:
    """Store cards under their video, language(s), summarizer and origin; return the stored text.

    `also_for` stores them for a second language too: the one that was asked for when the
    video had no transcript in it, so the next request for that language finds them.
    """
    meta = cards["meta"]
    text = compact_json(cards)
    for language in {language_key(meta.get("language")), *([also_for] if also_for else [])}:
        conn.execute(
            "INSERT OR REPLACE INTO cards (video_id, language, summarizer, origin, body, created_at)"
            " VALUES (?, ?, ?, ?, ?, ?)",
            (cards["video_id"], language, meta["summarizer"], meta["origin"], text, meta.get("created_at") or utc_now()))
    return text


def _language_clause(language: str | None) -> tuple[str, list]:
    """Match a language exactly or by its base language ('en' finds 'en-gb'); exact matches sort first.

    A range instead of LIKE: SQLite prepares a LIKE with a bound pattern again for every new value.
    """
    if not language:
        return "1", []
    base = language.split("-")[0]
    return "(language = ? OR language = ? OR (language > ? AND language < ?))", [language, base, f"{base}-", f"{base}."]


def _job(row: sqlite3.Row) -> Job:
    values = dict(row)
    values["payload"] = json.loads(values["payload"])
    return Job(**values)
