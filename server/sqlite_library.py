"""The SQLite store's library queries: the listing, export's cards, and full-text search (FTS5).

A mixin of SQLiteStore (it uses the store's connections and its transcript read). The search
index is a copy derived from the cards and transcripts tables; each search first re-indexes the
videos whose `video_versions` counters moved since they were indexed.
"""

from __future__ import annotations

import json
import sqlite3

from .library_text import search_rows
from .models import Transcript
from .store import LIBRARY_SORTS, MARK_END, MARK_START, ListedVideo, SearchHit, search_words

SEARCH_SCHEMA = """
CREATE VIRTUAL TABLE IF NOT EXISTS library_search USING fts5(
    video_id UNINDEXED, title UNINDEXED, kind UNINDEXED, start UNINDEXED, text,
    tokenize = 'porter unicode61 remove_diacritics 2'
);
-- The video_versions counters ('cards:transcript') each video's rows in library_search were made at.
CREATE TABLE IF NOT EXISTS library_indexed (video_id TEXT PRIMARY KEY, stamp TEXT NOT NULL);
"""

# The card set shown for each video: curated first, then the newest (any language, any summarizer).
_SHOWN_CARDS = """
    SELECT video_id, language, summarizer, origin, body, created_at, rowid AS card_row FROM (
        SELECT *, rowid, ROW_NUMBER() OVER (PARTITION BY video_id ORDER BY origin = 'curated' DESC, created_at DESC,
                                                                          rowid DESC) AS rank
        FROM cards) WHERE rank = 1
"""
_SORT_KEYS = {
    "summarized": "created_at",
    "title": "lower(coalesce(json_extract(body, '$.video.title'), video_id))",
    "channel": "lower(coalesce(json_extract(body, '$.video.channel'), ''))",
    "published": "coalesce(json_extract(body, '$.video.published'), '')",
    "duration": "coalesce(json_extract(body, '$.video.duration'), 0)",
}
assert set(_SORT_KEYS) == set(LIBRARY_SORTS)

# Every video with cards, with the counters its search rows must be made at.
_CURRENT_STAMPS = """
    SELECT c.video_id, coalesce(v.cards, 0) || ':' || coalesce(v.transcript, 0)
    FROM (SELECT DISTINCT video_id FROM cards) c LEFT JOIN video_versions v ON v.video_id = c.video_id
"""


class SQLiteLibrary:
    """Library methods of SQLiteStore; they need its `_db`, `_transaction` and `_stored_transcript`."""

    def count_videos(self) -> int:
        with self._db() as conn:
            return conn.execute("SELECT count(DISTINCT video_id) FROM cards").fetchone()[0]

    def list_videos(self, sort: str, descending: bool, limit: int, offset: int) -> list[ListedVideo]:
        direction = "DESC" if descending else "ASC"
        with self._db() as conn:
            rows = conn.execute(
                f"SELECT * FROM ({_SHOWN_CARDS}) ORDER BY {_SORT_KEYS[sort]} {direction}, card_row {direction}"
                " LIMIT ? OFFSET ?", (limit, offset)).fetchall()
        return [_listed(row) for row in rows]

    def shown_cards(self, video_ids: list[str] | None = None) -> list[dict]:
        with self._db() as conn:
            rows = conn.execute(f"SELECT video_id, body FROM ({_SHOWN_CARDS}) ORDER BY created_at DESC, video_id"
                                ).fetchall()
        wanted = set(video_ids) if video_ids is not None else None
        return [json.loads(row["body"]) for row in rows if wanted is None or row["video_id"] in wanted]

    def search_library(self, query: str, limit: int, offset: int) -> tuple[int, list[SearchHit]]:
        words = search_words(query)
        if not words:
            return 0, []
        expression = " ".join('"' + word + '"' for word in words)  # quoted: each is a plain word, all must occur
        self.refresh_search_index()
        with self._db() as conn:
            total = conn.execute("SELECT count(*) FROM library_search WHERE library_search MATCH ?",
                                 (expression,)).fetchone()[0]
            rows = conn.execute(
                "SELECT video_id, title, kind, start, snippet(library_search, 4, ?, ?, '…', 16) AS snippet"
                " FROM library_search WHERE library_search MATCH ? ORDER BY bm25(library_search), video_id, start"
                " LIMIT ? OFFSET ?", (MARK_START, MARK_END, expression, limit, offset)).fetchall()
        return total, [SearchHit(row["video_id"], row["title"], row["kind"], float(row["start"] or 0),
                                 row["snippet"]) for row in rows]

    def refresh_search_index(self) -> int:
        """Re-index the videos whose cards or transcripts changed, drop those without cards; return how many."""
        with self._db() as conn:  # a read first: a search that finds the index current takes no write lock
            if not _stale(conn)[0]:
                return 0
        with self._transaction() as conn:
            changed, current = _stale(conn)  # again, under the write lock: another process may have done it
            for video_id in changed:
                conn.execute("DELETE FROM library_search WHERE video_id = ?", (video_id,))
                conn.execute("DELETE FROM library_indexed WHERE video_id = ?", (video_id,))
                if video_id in current:
                    self._index_video(conn, video_id, current[video_id])
            return len(changed)

    def _index_video(self, conn: sqlite3.Connection, video_id: str, stamp: str) -> None:
        row = conn.execute("SELECT body FROM cards WHERE video_id = ?"  # the shown set, as _SHOWN_CARDS picks it
                           " ORDER BY origin = 'curated' DESC, created_at DESC, rowid DESC LIMIT 1", (video_id,)).fetchone()
        cards = json.loads(row["body"])
        language = (cards.get("meta") or {}).get("language") or None
        transcript: Transcript | None = (self._stored_transcript(conn, video_id, language)
                                         or self._stored_transcript(conn, video_id, None))
        title = (cards.get("video") or {}).get("title") or video_id
        conn.executemany("INSERT INTO library_search (video_id, title, kind, start, text) VALUES (?, ?, ?, ?, ?)",
                         [(video_id, title, kind, start, text) for kind, start, text in search_rows(cards, transcript)])
        conn.execute("INSERT INTO library_indexed (video_id, stamp) VALUES (?, ?)", (video_id, stamp))


def _stale(conn: sqlite3.Connection) -> tuple[list[str], dict[str, str]]:
    """(videos whose search rows are missing, out of date or left over; every video's current stamp)."""
    current = dict(conn.execute(_CURRENT_STAMPS).fetchall())
    indexed = dict(conn.execute("SELECT video_id, stamp FROM library_indexed").fetchall())
    changed = [v for v, stamp in current.items() if indexed.get(v) != stamp] + [v for v in indexed if v not in current]
    return changed, current


def _listed(row: sqlite3.Row) -> ListedVideo:
    video = json.loads(row["body"]).get("video") or {}
    return ListedVideo(video_id=row["video_id"], title=video.get("title"), channel=video.get("channel"),
                       published=video.get("published"), duration=video.get("duration"), language=row["language"],
                       summarizer=row["summarizer"], origin=row["origin"], summarized=row["created_at"])
