"""The storage interface: every query Glance makes goes through one `Store`.

SQLite is the embedded default (`sqlite_store.py`); PostgreSQL (`postgres_store.py`) is for a
team server on several processes and hosts: the same methods and the same schema (migrations.py). Nothing outside a store sees a connection or SQL.
Stored cards and transcripts travel as their stored text (compact JSON, gzip for transcripts),
so a read serves bytes without parsing them again.
"""

from __future__ import annotations

import gzip
import json
import re
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
    waiters that code, and the API answers it with its own status (503, Retry-After). The
    message is for the log: it may name paths and the driver's words, which clients never see.
    """

    code = "storage_unavailable"

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


# What `Store.health()` reports (and /api/v1/health shows as "store").
STORE_OK, STORE_READ_ONLY, STORE_UNAVAILABLE = "ok", "read_only", "unavailable"


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
    note: str | None = None  # where the work is, in words a panel shows ("part 2 of 4")
    created_at: float = 0.0
    updated_at: float = 0.0

    @property
    def finished(self) -> bool:
        return self.state in (DONE, FAILED)


# The library: how its listing can be sorted, and how search hits mark the words that matched.
LIBRARY_SORTS = ("summarized", "title", "channel", "published", "duration")
MARK_START, MARK_END = "\x02", "\x03"  # never in stored text: validation removes control characters
MAX_SEARCH_WORDS = 20
_WORD = re.compile(r"\w+", re.UNICODE)


@dataclass(frozen=True)
class ListedVideo:
    """One row of the library page: the facts of the card set shown for a video."""

    video_id: str
    title: str | None
    channel: str | None
    published: str | None
    duration: float | None
    language: str
    summarizer: str
    origin: str
    summarized: str          # the shown cards' created_at


@dataclass(frozen=True)
class SearchHit:
    """One indexed row that holds every word searched for."""

    video_id: str
    title: str               # the video's title, or its id when it has none
    kind: str                # title | about | idea | quote | chapter | topic | transcript
    start: float             # the second the item (or transcript passage) starts at; 0 for whole-video rows
    snippet: str             # the row's text cut to ~16 words around the match ('…' where cut),
                             # each matched word between MARK_START and MARK_END


def search_words(query: str) -> list[str]:
    """The words a library search looks for (at most MAX_SEARCH_WORDS): no query syntax reaches a store."""
    return _WORD.findall(query)[:MAX_SEARCH_WORDS]


def language_key(language: str | None) -> str:
    return language or UNKNOWN_LANGUAGE


def stamp_language(version: str) -> str:
    """The transcript row's language in a transcript_version stamp ("<language>:<counter>")."""
    return version.rpartition(":")[0]


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
    """Transcripts, video metadata, cards, generation jobs, rate-limit hits, and the library over them.

    The storage-fault contract every implementation keeps, whatever its database:
    - Any method, and the constructor, raises `StorageError` (never the driver's own exception)
      when the database itself fails for reasons outside the request: it cannot be reached or
      opened, a file or the server is gone, the disk is full, the file system or the database
      is read-only, permissions, I/O errors, corruption, a lock or connection that timed out.
      A wrong query stays a bug (any other exception): the API answers that with a 500.
    - A write that raises StorageError has changed nothing (its transaction is rolled back).
    - Reads keep working while only writing is impossible (a full disk, a read-only mount).
    - A database that vanishes while running is never replaced by a new empty one: that is a
      StorageError until it is back, and the store then uses it again without a restart.
    - `health()` says which of ok / read_only / unavailable holds now, cheaply (a load
      balancer may ask every few seconds); `check_writable()` raises StorageError at start
      when nothing could be stored, so the service refuses to start instead of failing later.
    """

    closed = False  # set by close(): workers of a closed store stop instead of failing at every poll

    def health(self) -> str:
        """STORE_OK, STORE_READ_ONLY (reads work, writes fail) or STORE_UNAVAILABLE (reads fail too).

        This default only knows whether a read works; a store that can tell a read-only
        database from a working one says so.
        """
        try:
            self.load_video("health-check")
        except StorageError:
            return STORE_UNAVAILABLE
        return STORE_OK

    def check_writable(self) -> None:
        """Raise StorageError when the database cannot be written (run once, at start)."""

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
    def delete_cards(self, video_id: str, language: str | None, origin: str | None = None) -> int:
        """Forget the video's card sets (in one language when given; only `origin`'s when given); return how many."""

    # -- jobs --------------------------------------------------------------------

    @abstractmethod
    def submit_job(self, key: str, kind: str, video_id: str, payload: dict) -> tuple[Job, bool]:
        """The active job with `key`, or a new queued one; the flag says whether it is new."""

    @abstractmethod
    def get_job(self, job_id: str, with_payload: bool = True) -> Job | None:
        """The job; without its payload (an empty dict) for waiters, who poll and never read it."""

    @abstractmethod
    def jobs_for_video(self, video_id: str) -> list[Job]:
        """The video's jobs, newest first (finished ones until they are purged)."""

    @abstractmethod
    def claim_job(self, owner: str, lease_seconds: float, max_attempts: int) -> Job | None:
        """Take the oldest queued job, or a running one whose lease ran out; None when there is none.

        A job already claimed `max_attempts` times is failed instead (it took its workers down).
        """

    @abstractmethod
    def renew_lease(self, job_id: str, owner: str, lease_seconds: float, progress: float | None = None,
                    note: str | None = None) -> bool:
        """Extend the lease (the heartbeat), writing progress and note when given; False when `owner` lost the job."""

    @abstractmethod
    def finish_job(self, job_id: str, owner: str, result: str | None) -> bool:
        """Mark the job done with its result; False when `owner` lost it meanwhile.

        A finished job keeps no payload: a partial transcript travels in it and is never kept.
        """

    @abstractmethod
    def fail_job(self, job_id: str, owner: str | None, code: str, message: str) -> bool:
        """Mark the job failed with the error every waiter gets, dropping its payload; False when `owner` lost it."""

    @abstractmethod
    def purge_jobs(self, finished_before: float) -> int:
        """Delete jobs that finished before this unix time; return how many."""

    # -- rate limit ----------------------------------------------------------------

    @abstractmethod
    def count_hit(self, client: str, now: float, window: float, limit: int, cost: int = 1) -> float | None:
        """Count a hit of `client` weighing `cost`, unless its hits of the last `window` seconds
        plus `cost` would weigh more than `limit`.

        Returns None when counted, else the seconds until enough hits leave the window for this one.
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

    # -- the library: listing, search, export -------------------------------------
    #
    # A video is in the library when it has cards. It shows one card set: curated before
    # generated, then the newest stored (any language, any summarizer).
    #
    # Every store raises the video's `video_versions` counters (migrations/0003_video_versions.sql) in the same
    # transaction as each save of its transcripts (`transcript`) or cards (`cards`, also when
    # cards are deleted): `INSERT ... ON CONFLICT (video_id) DO UPDATE SET n = n + 1` is the
    # same SQL in SQLite and PostgreSQL. transcript_version and the search index rest on them.

    @abstractmethod
    def transcript_version(self, video_id: str, language: str | None) -> str | None:
        """A stamp of the transcript `load_transcript(video_id, language)` returns; None when there is none.

        The stamp changes with every save of the video's transcripts (even of the same text in
        the same second), so Ask's in-process cache of a parsed transcript, keyed by it, is never
        stale. Read on every question: it must be cheap (the SQLite store reads a counter that
        each save raises in the same transaction, `video_versions`, migrations/0003_video_versions.sql).
        """

    @abstractmethod
    def save_ask_index(self, video_id: str, version: str, body: bytes) -> None:
        """Keep Ask's packed index (ask/index.py) of the transcript whose stamp was `version`, replacing
        the one of its row; `version` is a stamp transcript_version returned before the transcript was read."""

    @abstractmethod
    def load_ask_index(self, video_id: str, version: str) -> bytes | None:
        """The packed index stored under exactly this stamp, else None (none yet, or one of an older transcript)."""

    @abstractmethod
    def count_videos(self) -> int:
        """How many videos have cards."""

    @abstractmethod
    def list_videos(self, sort: str, descending: bool, limit: int, offset: int) -> list[ListedVideo]:
        """One page of the library, sorted by one of LIBRARY_SORTS.

        summarized: the shown cards' created_at; title: case-insensitive, the video id when there is
        none; channel: case-insensitive, '' when none; published: '' when none; duration: 0 when none.
        Ties keep one stable order (the SQLite store: the order the cards were stored).
        """

    @abstractmethod
    def shown_cards(self, video_ids: list[str] | None = None) -> list[dict]:
        """The shown card set of every video (or of the given ones), newest first: what export writes."""

    @abstractmethod
    def search_library(self, query: str, limit: int, offset: int) -> tuple[int, list[SearchHit]]:
        """(how many rows match, one page of them best first) for the words of `query`.

        What is searched: for each video, `library_text.search_rows(cards, transcript)` of its
        shown cards and its transcript (in the cards' language, else the newest), so every store
        indexes the same rows. A row matches when it holds every word of `search_words(query)`
        (none: no hits), compared by stem, ignoring case and accents. Best first by relevance,
        ties by video id, then start.

        The answer reflects every save and delete made before the call. The SQLite store keeps
        an FTS5 table (Porter stemmer, unicode61 without diacritics, bm25, snippet()) and, at the
        start of each search, re-indexes the videos whose `video_versions` row differs from the
        one it indexed (and drops videos without cards). A PostgreSQL store can do the same with
        a table of (video_id, title, kind, start, text, tsvector) under a GIN index: to_tsvector
        and a tsquery of the words joined by & (e.g. the 'english' configuration, plus unaccent
        when installed), ts_rank to order, ts_headline(StartSel=MARK_START, StopSel=MARK_END,
        MaxWords=16) for the snippet.
        """

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
