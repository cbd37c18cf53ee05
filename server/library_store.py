"""SQL for Ask and the library: the transcript's freshness stamp, the FTS5 search index, listings.

Kept apart from db.py (which owns the core tables) so it can move into the storage class as
one piece; every function takes the open connection. The search index is a derived copy of
the cards and transcripts tables: refresh_index() brings it up to date before each search.
"""

from __future__ import annotations

import json
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
