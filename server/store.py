"""The storage interface: every query Glance makes goes through one `Store`.

SQLite is the embedded default (`sqlite_store.py`); PostgreSQL (`postgres_store.py`) is for a
team server on several processes and hosts: the same methods and the same schema (migrations.py). Nothing outside a store sees a connection or SQL.
Stored cards and transcripts travel as their stored text (compact JSON, gzip for transcripts),
so a read serves bytes without parsing them again.
"""

from __future__ import annotations

import gzip
import json
from abc import ABC, abstractmethod
from dataclasses import dataclass

from .models import Transcript

UNKNOWN_LANGUAGE = "und"

# Job states: queued -> running -> done | failed. A running job whose lease ran out is
# claimed again (its worker died); `attempts` counts claims so a job that kills every
# worker ends as failed instead of going round for ever.
QUEUED, RUNNING, DONE, FAILED = "queued", "running", "done", "failed"
ACTIVE_STATES = (QUEUED, RUNNING)


class StorageError(Exception):
    """The database cannot be read or written (disk full, read-only, gone): a fault, not a bug.

    It carries a machine code like the API's errors, so a job that failed with it hands its
    waiters that code, and the API can answer it with its own status.
    """

    code = "storage_unavailable"

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class Job:
    """One unit of generation work (a summary, or a fetch from YouTube) and where it stands."""

    id: str
    key: str                 # jobs with the same key are the same work: one active job per key
    kind: str                # "cards" or "transcript"
    video_id: str
    state: str
    payload: dict
    progress: float = 0.0    # 0..1, for a panel that follows the job
    attempts: int = 0
    owner: str | None = None
    lease_until: float | None = None
    error_code: str | None = None
    error_message: str | None = None
    result: str | None = None  # the cards' JSON text when done (also for cards that are not stored)
    created_at: float = 0.0
    updated_at: float = 0.0

    @property
    def finished(self) -> bool:
        return self.state in (DONE, FAILED)


def language_key(language: str | None) -> str:
    return language or UNKNOWN_LANGUAGE


def compact_json(value) -> str:
    """The one JSON spelling Glance stores and serves: compact, UTF-8, keys in their order."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def pack_transcript(video_id: str, transcript: Transcript) -> bytes:
    """A transcript as stored at rest: the gzip of exactly the JSON the transcript endpoint serves."""
    text = compact_json({"video_id": video_id, **transcript.to_dict()})
    return gzip.compress(text.encode(), compresslevel=6, mtime=0)


def unpack_transcript(body: bytes | str) -> Transcript:
    """Rebuild a stored transcript; rows written before compression hold plain JSON text."""
    data = json.loads(body if isinstance(body, str) else gzip.decompress(body))
    return Transcript.from_dict(data)


def transcript_gzip(video_id: str, body: bytes | str) -> bytes:
    """The served form of a stored transcript; rows from before compression are packed on the way."""
    return pack_transcript(video_id, unpack_transcript(body)) if isinstance(body, str) else body


class Store(ABC):
    """Transcripts, video metadata, cards, generation jobs and rate-limit hits.

    Every method may raise StorageError when the database itself fails.
    """

    closed = False  # set by close(): workers of a closed store stop instead of failing at every poll

    # -- transcripts -----------------------------------------------------------

    @abstractmethod
    def save_transcript(self, video_id: str, transcript: Transcript, also_for: str | None = None) -> None:
        """Store a transcript under its language (and `also_for`, the language that was asked for)."""

    @abstractmethod
    def load_transcript_gzip(self, video_id: str, language: str | None) -> bytes | None:
        """The stored transcript as gzip of its served JSON: in `language` (or its base), else the newest."""

    def load_transcript(self, video_id: str, language: str | None) -> Transcript | None:
        body = self.load_transcript_gzip(video_id, language)
        return unpack_transcript(body) if body is not None else None

    # -- video metadata ----------------------------------------------------------

    @abstractmethod
    def save_video(self, video_id: str, info: dict) -> None: ...

    @abstractmethod
    def load_video(self, video_id: str) -> dict | None: ...

    # -- cards -------------------------------------------------------------------

    @abstractmethod
    def save_cards(self, cards: dict, also_for: str | None = None) -> str:
        """Store cards (replacing older ones of the same video, language, summarizer, origin); return the text."""

    @abstractmethod
    def save_many_cards(self, all_cards: list[dict]) -> None:
        """Store several card sets in one transaction: all of them or none."""

    @abstractmethod
    def load_cards_json(self, video_id: str, language: str | None, summarizer: str,
                        include_generated: bool = True) -> str | None:
        """Curated cards for the video (and language) first, then this summarizer's generated ones."""

    def load_cards(self, video_id: str, language: str | None, summarizer: str,
                   include_generated: bool = True) -> dict | None:
        text = self.load_cards_json(video_id, language, summarizer, include_generated)
        return json.loads(text) if text is not None else None

    @abstractmethod
    def delete_cards(self, video_id: str, language: str | None) -> int:
        """Forget the video's card sets (in one language, or its base language's, when given); return how many."""

    # -- jobs --------------------------------------------------------------------

    @abstractmethod
    def submit_job(self, key: str, kind: str, video_id: str, payload: dict) -> tuple[Job, bool]:
        """The active job with `key`, or a new queued one; the flag says whether it is new."""

    @abstractmethod
    def get_job(self, job_id: str) -> Job | None: ...

    @abstractmethod
    def jobs_for_video(self, video_id: str) -> list[Job]:
        """The video's jobs, newest first (finished ones until they are purged)."""

    @abstractmethod
    def claim_job(self, owner: str, lease_seconds: float, max_attempts: int) -> Job | None:
        """Take the oldest queued job, or a running one whose lease ran out; None when there is none.

        A job already claimed `max_attempts` times is failed instead (it took its workers down).
        """

    @abstractmethod
    def renew_lease(self, job_id: str, owner: str, lease_seconds: float, progress: float | None = None) -> bool:
        """Extend the lease (the heartbeat); False when `owner` no longer holds the job."""

    @abstractmethod
    def finish_job(self, job_id: str, owner: str, result: str | None) -> bool:
        """Mark the job done with its result; False when `owner` lost it meanwhile."""

    @abstractmethod
    def fail_job(self, job_id: str, owner: str | None, code: str, message: str) -> bool:
        """Mark the job failed with the error every waiter gets; False when `owner` lost it."""

    @abstractmethod
    def purge_jobs(self, finished_before: float) -> int:
        """Delete jobs that finished before this unix time; return how many."""

    # -- rate limit ----------------------------------------------------------------

    @abstractmethod
    def count_hit(self, client: str, now: float, window: float, limit: int) -> float | None:
        """Count one hit of `client` unless it made `limit` in the last `window` seconds.

        Returns None when counted, else the seconds until the oldest hit leaves the window.
        Counting in the store makes the limit hold across all server processes.
        """

    # -- tokens ----------------------------------------------------------------------

    @abstractmethod
    def create_token(self, name: str, token_hash: str, created_at: str) -> bool:
        """Keep a token's hash under `name` (replacing a revoked one); False when `name` has a live token."""

    @abstractmethod
    def revoke_token(self, name: str, revoked_at: str) -> bool:
        """Stop `name`'s token from working; False when it has no live token."""

    @abstractmethod
    def token_name(self, token_hash: str) -> str | None:
        """The name of the live token with this hash, or None (unknown or revoked)."""

    @abstractmethod
    def list_tokens(self) -> list[dict]:
        """Every token's name, created_at and revoked_at (never a hash), by name."""

    # -- life ----------------------------------------------------------------------

    @abstractmethod
    def close(self) -> None:
        """Close every connection (at shutdown, never between requests)."""


def open_store(database: str, pool_size: int = 8) -> Store:
    """The store for a database setting: a postgresql:// URL, else a SQLite file path (or ':memory:')."""
    if database.startswith(("postgresql://", "postgres://")):
        from .postgres_store import PostgresStore  # psycopg is imported only by servers that use it

        return PostgresStore(database, pool_size=pool_size)
    from .sqlite_store import SQLiteStore

    return SQLiteStore(database)


def database_name(database: str) -> str:
    """The database as logs and banners may show it: a PostgreSQL URL without its user and password."""
    if database.startswith(("postgresql://", "postgres://")):
        from .postgres_store import describe

        return describe(database)
    return database
