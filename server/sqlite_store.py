"""The SQLite store: its queries (with sqlite_library.py, the only SQL). One file in WAL mode;
sqlite_connections.py owns the connections and faults."""

from __future__ import annotations

import json
import math
import sqlite3
import time
import uuid

from .models import Transcript, utc_now
from .sqlite_connections import Connections, location_hint
from .sqlite_library import SEARCH_SCHEMA, SQLiteLibrary
from .sqlite_stamp import KeptReads
from .store import (ACTIVE_STATES, DONE, FAILED, QUEUED, RUNNING, Job, StorageError, Store, compact_json,
                    language_key, pack_transcript, stamp_language, transcript_gzip, unpack_transcript)

_JOB_COLUMNS = ("id, key, kind, video_id, state, payload, progress, attempts, owner, lease_until,"
                " error_code, error_message, result, note, created_at, updated_at")


class SQLiteStore(SQLiteLibrary, Store):
    """Every query of the Store interface, on connections lent by `Connections` for one call each."""

    def __init__(self, path: str):
        self.path = path
        self._connections = Connections(path, extra_schema=SEARCH_SCHEMA)
        self._db, self._transaction = self._connections.use, self._connections.transaction
        self._kept = KeptReads(self._connections.stamp)

    @property
    def _opened(self) -> list:
        return self._connections.opened

    def health(self) -> str:
        return self._connections.health()

    def check_writable(self) -> None:
        """A real write (a row in and out again in one transaction), so a read-only file or folder fails here."""
        try:
            with self._transaction() as conn:
                conn.execute("INSERT INTO weighted_hits (client, at, cost) VALUES ('', 0, 0)")
                conn.execute("DELETE FROM weighted_hits WHERE client = '' AND at = 0")
        except StorageError as error:
            raise StorageError(f"cannot write the database {self.path}: {error.__cause__ or error}"
                               f"{location_hint(self.path) or ' (is its folder read-only, or the disk full?)'}") from None

    def close(self) -> None:
        self.closed = True
        self._connections.close()

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
            _raise_version(conn, video_id, "transcript")

    def load_transcript_gzip(self, video_id: str, language: str | None) -> bytes | None:
        with self._db() as conn:
            row = _transcript_row(conn, video_id, language)
        return transcript_gzip(video_id, row["body"]) if row else None

    def _stored_transcript(self, conn: sqlite3.Connection, video_id: str, language: str | None) -> Transcript | None:
        """load_transcript on a connection already in use (the library's index runs in a transaction)."""
        row = _transcript_row(conn, video_id, language)
        return unpack_transcript(row["body"]) if row else None

    def transcript_version(self, video_id: str, language: str | None) -> str | None:
        with self._db() as conn:
            row = _transcript_row(conn, video_id, language)
            if row is None:
                return None
            version = conn.execute("SELECT transcript FROM video_versions WHERE video_id = ?", (video_id,)).fetchone()
        return f"{row['language']}:{version[0] if version else 0}"

    def save_ask_index(self, video_id: str, version: str, body: bytes) -> None:
        with self._db() as conn:
            conn.execute("INSERT OR REPLACE INTO ask_indexes (video_id, language, version, body) VALUES (?, ?, ?, ?)",
                         (video_id, stamp_language(version), version, body))

    def load_ask_index(self, video_id: str, version: str) -> bytes | None:
        with self._db() as conn:
            row = conn.execute("SELECT body FROM ask_indexes WHERE video_id = ? AND language = ? AND version = ?",
                               (video_id, stamp_language(version), version)).fetchone()
        return bytes(row[0]) if row else None

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
        """Kept from an earlier read while no process has written the database since (sqlite_stamp.py)."""
        return self._kept.get(("cards", video_id, language, summarizer, include_generated),
                              lambda: self._read_cards_json(video_id, language, summarizer, include_generated))

    def _read_cards_json(self, video_id: str, language: str | None, summarizer: str,
                         include_generated: bool) -> str | None:
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

    def delete_cards(self, video_id: str, language: str | None, origin: str | None = None) -> int:
        # matched as load_cards_json matches, so 'en-US' deletes the 'en' cards a read for 'en-US' finds
        where, params = _language_clause(language)
        if origin:
            where, params = f"{where} AND origin = ?", [*params, origin]
        with self._transaction() as conn:
            cursor = conn.execute(f"DELETE FROM cards WHERE video_id = ? AND {where}", [video_id, *params])
            if cursor.rowcount:
                _raise_version(conn, video_id, "cards")
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

    def get_job(self, job_id: str, with_payload: bool = True) -> Job | None:
        columns = _JOB_COLUMNS if with_payload else _JOB_COLUMNS.replace(" payload,", " '{}' AS payload,")
        with self._db() as conn:
            row = conn.execute(f"SELECT {columns} FROM jobs WHERE id = ?", (job_id,)).fetchone()
        return _job(row) if row else None

    def jobs_for_video(self, video_id: str) -> list[Job]:
        with self._db() as conn:
            rows = conn.execute(f"SELECT {_JOB_COLUMNS} FROM jobs WHERE video_id = ?"
                                " ORDER BY created_at DESC", (video_id,)).fetchall()
        return [_job(row) for row in rows]

    def claim_job(self, owner: str, lease_seconds: float, max_attempts: int) -> Job | None:
        claimable = "state = ? OR (state = ? AND lease_until < ?)"
        with self._db() as conn:  # a read first, so idle workers polling take no write lock
            if conn.execute(f"SELECT 1 FROM jobs WHERE {claimable} LIMIT 1",
                            (QUEUED, RUNNING, time.time())).fetchone() is None:
                return None
        with self._transaction() as conn:
            now = time.time()  # after the write lock, which may take seconds: the lease starts now
            while True:
                row = conn.execute(f"SELECT {_JOB_COLUMNS} FROM jobs WHERE {claimable} ORDER BY created_at LIMIT 1",
                                   (QUEUED, RUNNING, now)).fetchone()
                if row is None:
                    return None
                if row["attempts"] >= max_attempts:
                    conn.execute(
                        "UPDATE jobs SET state = ?, owner = NULL, error_code = ?, error_message = ?, payload = '{}',"
                        " updated_at = ?"
                        " WHERE id = ?",
                        (FAILED, "internal_error", f"Making this stopped {row['attempts']} times (the worker died); "
                         "the server log may say why.", now, row["id"]))
                    continue
                conn.execute("UPDATE jobs SET state = ?, owner = ?, lease_until = ?, attempts = attempts + 1,"
                             " updated_at = ? WHERE id = ?", (RUNNING, owner, now + lease_seconds, now, row["id"]))
                return _job(conn.execute(f"SELECT {_JOB_COLUMNS} FROM jobs WHERE id = ?", (row["id"],)).fetchone())

    def renew_lease(self, job_id: str, owner: str, lease_seconds: float, progress: float | None = None,
                    note: str | None = None) -> bool:
        now = time.time()
        with self._db() as conn:
            cursor = conn.execute(
                "UPDATE jobs SET lease_until = ?, progress = COALESCE(?, progress), note = COALESCE(?, note),"
                " updated_at = ? WHERE id = ? AND owner = ? AND state = ?",
                (now + lease_seconds, progress, note, now, job_id, owner, RUNNING))
            return cursor.rowcount == 1

    def finish_job(self, job_id: str, owner: str, result: str | None) -> bool:
        with self._db() as conn:
            cursor = conn.execute(
                "UPDATE jobs SET state = ?, progress = 1, result = ?, payload = '{}', lease_until = NULL,"
                " updated_at = ?"
                " WHERE id = ? AND owner = ? AND state = ?", (DONE, result, time.time(), job_id, owner, RUNNING))
            return cursor.rowcount == 1

    def fail_job(self, job_id: str, owner: str | None, code: str, message: str) -> bool:
        with self._db() as conn:
            cursor = conn.execute(
                "UPDATE jobs SET state = ?, error_code = ?, error_message = ?, payload = '{}', lease_until = NULL,"
                " updated_at = ?"
                " WHERE id = ? AND (owner = ? OR ? IS NULL) AND state IN (?, ?)",
                (FAILED, code, message, time.time(), job_id, owner, owner, *ACTIVE_STATES))
            return cursor.rowcount == 1

    def purge_jobs(self, finished_before: float) -> int:
        with self._db() as conn:
            cursor = conn.execute("DELETE FROM jobs WHERE state IN (?, ?) AND updated_at < ?",
                                  (DONE, FAILED, finished_before))
            return cursor.rowcount

    # -- rate limit ----------------------------------------------------------------

    def count_hit(self, client: str, now: float, window: float, limit: int, cost: int = 1) -> float | None:
        with self._transaction() as conn:  # BEGIN IMMEDIATE: two processes cannot both see room for one hit
            conn.execute("DELETE FROM weighted_hits WHERE at <= ?", (now - window,))
            hits = conn.execute("SELECT at, cost FROM weighted_hits WHERE client = ? ORDER BY at", (client,)).fetchall()
            over = sum(weight for _, weight in hits) + cost - limit
            if over > 0:
                for at, weight in hits:  # the hits that must leave the window before this one fits
                    over -= weight
                    if over <= 0:
                        return max(1.0, math.ceil(window - (now - at)))
                return max(1.0, window)  # heavier than the limit itself: the caller caps the cost
            conn.execute("INSERT INTO weighted_hits (client, at, cost) VALUES (?, ?, ?)", (client, now, cost))
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
    _raise_version(conn, cards["video_id"], "cards")
    return text


def _raise_version(conn: sqlite3.Connection, video_id: str, counter: str) -> None:
    """Count one more change of the video's transcripts or cards (inside the write's own transaction)."""
    conn.execute(f"INSERT INTO video_versions (video_id, {counter}) VALUES (?, 1)"
                 f" ON CONFLICT (video_id) DO UPDATE SET {counter} = video_versions.{counter} + 1", (video_id,))


def _transcript_row(conn: sqlite3.Connection, video_id: str, language: str | None) -> sqlite3.Row | None:
    """The transcript row load_transcript serves: in `language` (exact first, else its base), else the newest."""
    where, params = _language_clause(language)
    return conn.execute(
        f"SELECT language, body FROM transcripts WHERE video_id = ? AND {where}"
        " ORDER BY language = ? DESC, created_at DESC LIMIT 1",
        [video_id, *params, language or ""]).fetchone()


def _language_clause(language: str | None) -> tuple[str, list]:
    """Match a language exactly or by its base language ('en' finds 'en-gb'); exact matches sort first.

    A range instead of LIKE: SQLite prepares a LIKE with a bound pattern again for every new value.
    """
    if not language:
        return "TRUE", []
    base = language.split("-")[0]
    return "(language = ? OR language = ? OR (language > ? AND language < ?))", [language, base, f"{base}-", f"{base}."]


def _job(row: sqlite3.Row) -> Job:
    values = dict(row)
    values["payload"] = json.loads(values["payload"])
    return Job(**values)
