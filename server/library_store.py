"""SQL for Ask and the library: the transcript's freshness stamp, the FTS5 search index, listings.

Kept apart from db.py (which owns the core tables) so it can move into the storage class as
one piece; every function takes the open connection. The search index is a derived copy of
the cards and transcripts tables: refresh_index() brings it up to date before each search.
"""

from __future__ import annotations

import json
import re
import sqlite3

from .db import _language_clause


def transcript_stamp(conn: sqlite3.Connection, video_id: str, language: str | None) -> tuple | None:
    """(language, rowid, created_at) of the transcript db.load_transcript would return; None when none is stored.

    Cheap to read, so the Ask cache can tell a stored transcript it has indexed from a newer one
    (INSERT OR REPLACE gives the new row a new rowid, even within the same second).
    """
    where, params = _language_clause(language)
    row = conn.execute(
        f"SELECT language, rowid, created_at FROM transcripts WHERE video_id = ? AND {where}"
        " ORDER BY language = ? DESC, created_at DESC LIMIT 1",
        [video_id, *params, language or ""],
    ).fetchone()
    return (row["language"], row["rowid"], row["created_at"]) if row else None


# The library's listing ----------------------------------------------------------------

# The card set shown for each video: curated first, then the newest (any language, any summarizer).
_BEST_CARDS = """
    SELECT video_id, language, summarizer, origin, body, created_at, rowid AS card_row FROM (
        SELECT *, rowid, ROW_NUMBER() OVER (PARTITION BY video_id ORDER BY origin = 'curated' DESC, created_at DESC,
                                                                          rowid DESC) AS rank
        FROM cards) WHERE rank = 1
"""
SORTS = {
    "summarized": "created_at",
    "title": "lower(coalesce(json_extract(body, '$.video.title'), video_id))",
    "channel": "lower(coalesce(json_extract(body, '$.video.channel'), ''))",
    "published": "coalesce(json_extract(body, '$.video.published'), '')",
    "duration": "coalesce(json_extract(body, '$.video.duration'), 0)",
}


def count_videos(conn: sqlite3.Connection) -> int:
    return conn.execute("SELECT count(DISTINCT video_id) FROM cards").fetchone()[0]


def list_videos(conn: sqlite3.Connection, sort: str, descending: bool, limit: int, offset: int) -> list[dict]:
    """One page of the library: each video's shown cards, sorted by one of SORTS (ties by when they were stored)."""
    direction = "DESC" if descending else "ASC"
    rows = conn.execute(
        f"SELECT * FROM ({_BEST_CARDS}) ORDER BY {SORTS[sort]} {direction}, card_row {direction} LIMIT ? OFFSET ?",
        (limit, offset),
    ).fetchall()
    return [_listed(row) for row in rows]


def all_cards(conn: sqlite3.Connection, video_ids: list[str] | None = None) -> list[dict]:
    """The shown cards of every video (or of the given ones), newest first: what export writes."""
    rows = conn.execute(f"SELECT * FROM ({_BEST_CARDS}) ORDER BY created_at DESC, video_id").fetchall()
    wanted = set(video_ids) if video_ids is not None else None
    return [json.loads(row["body"]) for row in rows if wanted is None or row["video_id"] in wanted]


def _listed(row: sqlite3.Row) -> dict:
    cards = json.loads(row["body"])
    video = cards.get("video") or {}
    return {"video_id": row["video_id"], "title": video.get("title"), "channel": video.get("channel"),
            "published": video.get("published"), "duration": video.get("duration"), "language": row["language"],
            "summarizer": row["summarizer"], "origin": row["origin"], "summarized": row["created_at"]}


# Full-text search (FTS5) ---------------------------------------------------------------

_SEARCH_SCHEMA = """
CREATE VIRTUAL TABLE IF NOT EXISTS library_search USING fts5(
    video_id UNINDEXED, title UNINDEXED, kind UNINDEXED, start UNINDEXED, text,
    tokenize = 'porter unicode61 remove_diacritics 2'
);
-- Which version of each video's cards and transcript library_search holds.
CREATE TABLE IF NOT EXISTS library_indexed (video_id TEXT PRIMARY KEY, stamp TEXT NOT NULL);
"""
MARK_START, MARK_END = "\x02", "\x03"  # around matched words in snippets (never in stored text: control characters are cleaned)
_TOKEN = re.compile(r"\w+", re.UNICODE)


def refresh_index(conn: sqlite3.Connection) -> int:
    """Bring library_search up to date with the cards and transcripts tables; return how many videos changed.

    A video is re-indexed when its shown cards or its transcripts are new rows (INSERT OR REPLACE
    gives every save a new rowid), and dropped when its cards were deleted.
    """
    conn.executescript(_SEARCH_SCHEMA)
    current = _stamps(conn)
    indexed = dict(conn.execute("SELECT video_id, stamp FROM library_indexed").fetchall())
    if current == indexed:
        return 0
    conn.execute("BEGIN IMMEDIATE")
    try:
        current, indexed = _stamps(conn), dict(conn.execute("SELECT video_id, stamp FROM library_indexed").fetchall())
        changed = [v for v, stamp in current.items() if indexed.get(v) != stamp] + [v for v in indexed if v not in current]
        for video_id in changed:
            conn.execute("DELETE FROM library_search WHERE video_id = ?", (video_id,))
            conn.execute("DELETE FROM library_indexed WHERE video_id = ?", (video_id,))
            if video_id in current:
                _index_video(conn, video_id, current[video_id])
        conn.execute("COMMIT")
        return len(changed)
    except BaseException:
        conn.execute("ROLLBACK")
        raise


def _stamps(conn: sqlite3.Connection) -> dict[str, str]:
    rows = conn.execute(
        f"SELECT b.video_id, b.card_row || ':' || coalesce((SELECT group_concat(t.rowid) FROM transcripts t"
        f" WHERE t.video_id = b.video_id), '') FROM ({_BEST_CARDS}) b"
    ).fetchall()
    return dict(rows)


def _index_video(conn: sqlite3.Connection, video_id: str, stamp: str) -> None:
    from .db import load_transcript
    from .library_text import search_rows

    row = conn.execute(f"SELECT body, language FROM ({_BEST_CARDS}) WHERE video_id = ?", (video_id,)).fetchone()
    cards = json.loads(row["body"])
    transcript = load_transcript(conn, video_id, cards.get("meta", {}).get("language") or None) or \
        load_transcript(conn, video_id, None)
    title = (cards.get("video") or {}).get("title") or video_id
    conn.executemany("INSERT INTO library_search (video_id, title, kind, start, text) VALUES (?, ?, ?, ?, ?)",
                     [(video_id, title, kind, start, text) for kind, start, text in search_rows(cards, transcript)])
    conn.execute("INSERT INTO library_indexed (video_id, stamp) VALUES (?, ?)", (video_id, stamp))


def match_expression(query: str) -> str | None:
    """The person's words as an FTS5 query: every word must occur (each quoted, so no FTS syntax leaks in)."""
    words = _TOKEN.findall(query)
    return " ".join(f'"{w}"' for w in words[:20]) or None


def search(conn: sqlite3.Connection, query: str, limit: int, offset: int) -> tuple[int, list[dict]]:
    """(total hits, one page of hits best first) for the words of `query` in titles, cards and transcripts."""
    expression = match_expression(query)
    if expression is None:
        return 0, []
    refresh_index(conn)
    total = conn.execute("SELECT count(*) FROM library_search WHERE library_search MATCH ?", (expression,)).fetchone()[0]
    rows = conn.execute(
        "SELECT video_id, title, kind, start, snippet(library_search, 4, ?, ?, '…', 16) AS snippet"
        " FROM library_search WHERE library_search MATCH ? ORDER BY bm25(library_search), video_id, start"
        " LIMIT ? OFFSET ?",
        (MARK_START, MARK_END, expression, limit, offset),
    ).fetchall()
    return total, [dict(row) for row in rows]
