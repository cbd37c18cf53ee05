"""The PostgreSQL store's library queries: the listing, export's cards, and full-text search.

A mixin of PostgresStore (it uses the store's connections and its transcript read). The search
index is a table of the rows `library_text.search_rows` makes, each with a tsvector under a GIN
index, in a text search configuration of Glance's own: accents dropped (unaccent), then the
English Snowball stemmer without a stop-word list (so, like SQLite's FTS5 index, every word
counts). Like the SQLite store, each search first re-indexes the videos whose `video_versions`
counters moved since they were indexed; the re-indexing holds an advisory lock, so two hosts
searching at once index a video once.
"""

from __future__ import annotations

import json

import psycopg
from psycopg.rows import dict_row

from .library_text import search_rows
from .models import Transcript
from .store import LIBRARY_SORTS, MARK_END, MARK_START, ListedVideo, SearchHit, search_words

CONFIG = "glance_search"
_SETUP_LOCK = 7_131_417  # advisory locks of Glance's own: one process sets the index up, one re-indexes
_INDEX_LOCK = 7_131_418

# What only PostgreSQL has, set up at start after the migrations (as SQLite's FTS5 table is).
# Text search objects have no IF NOT EXISTS: each is made only when missing.
SEARCH_SETUP = f"""
DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_ts_dict WHERE dictname = 'glance_stem') THEN
        -- english_stem without its stop words: a search for 'the who' finds them, as in SQLite
        CREATE TEXT SEARCH DICTIONARY glance_stem (TEMPLATE = snowball, Language = english);
    END IF;
    IF NOT EXISTS (SELECT 1 FROM pg_ts_config WHERE cfgname = '{CONFIG}') THEN
        CREATE TEXT SEARCH CONFIGURATION {CONFIG} (COPY = simple);
        ALTER TEXT SEARCH CONFIGURATION {CONFIG}
            ALTER MAPPING FOR asciiword, asciihword, hword_asciipart, word, hword, hword_part WITH glance_stem;
        BEGIN  -- accents ignored when the unaccent extension can be had (it comes with PostgreSQL)
            CREATE EXTENSION IF NOT EXISTS unaccent;
            ALTER TEXT SEARCH CONFIGURATION {CONFIG}
                ALTER MAPPING FOR asciiword, asciihword, hword_asciipart, word, hword, hword_part
                WITH unaccent, glance_stem;
        EXCEPTION WHEN OTHERS THEN
            RAISE NOTICE 'unaccent is not available: library search compares accents';
        END;
    END IF;
END
$$;
CREATE TABLE IF NOT EXISTS library_search (
    video_id TEXT NOT NULL,
    title    TEXT NOT NULL,
    kind     TEXT NOT NULL,
    start    DOUBLE PRECISION NOT NULL,
    text     TEXT NOT NULL,
    document tsvector GENERATED ALWAYS AS (to_tsvector('{CONFIG}'::regconfig, text)) STORED
);
CREATE INDEX IF NOT EXISTS library_search_words ON library_search USING GIN (document);
CREATE INDEX IF NOT EXISTS library_search_by_video ON library_search (video_id);
-- The video_versions counters ('cards:transcript') each video's rows in library_search were made at.
CREATE TABLE IF NOT EXISTS library_indexed (video_id TEXT PRIMARY KEY, stamp TEXT NOT NULL);
"""

# The card set shown for each video: curated first, then the newest (any language, any summarizer);
# ties by language and summarizer, so the pick never changes between calls.
_RANK = "origin = 'curated' DESC, created_at DESC, language, summarizer"
_SHOWN_CARDS = f"""
    SELECT video_id, language, summarizer, origin, body, created_at FROM (
        SELECT *, ROW_NUMBER() OVER (PARTITION BY video_id ORDER BY {_RANK}) AS rank FROM cards) ranked
    WHERE rank = 1
"""
_SORT_KEYS = {
    "summarized": "created_at",
    "title": "lower(coalesce(body::jsonb #>> '{video,title}', video_id))",
    "channel": "lower(coalesce(body::jsonb #>> '{video,channel}', ''))",
    "published": "coalesce(body::jsonb #>> '{video,published}', '')",
    "duration": "coalesce((body::jsonb #>> '{video,duration}')::double precision, 0)",
}
assert set(_SORT_KEYS) == set(LIBRARY_SORTS)

_CURRENT_STAMPS = """
    SELECT c.video_id, coalesce(v.cards, 0) || ':' || coalesce(v.transcript, 0)
    FROM (SELECT DISTINCT video_id FROM cards) c LEFT JOIN video_versions v ON v.video_id = c.video_id
"""
_QUERY = f"to_tsquery('{CONFIG}'::regconfig, %s)"


def set_up_search(conn: psycopg.Connection) -> None:
    """Make the search index's configuration and tables where they are missing (one process at a time)."""
    with conn.transaction():
        conn.execute("SELECT pg_advisory_xact_lock(%s)", (_SETUP_LOCK,))
        conn.execute(SEARCH_SETUP)


def tsquery_text(words: list[str]) -> str:
    """Every word, quoted as a plain lexeme (no operator reaches PostgreSQL), joined by &."""
    return " & ".join("'" + word.replace("'", "''").replace("\\", "\\\\") + "'" for word in words)


class PostgresLibrary:
    """Library methods of PostgresStore; they need its `_db` and `_stored_transcript`."""

    def count_videos(self) -> int:
        with self._db() as conn:
            return conn.execute("SELECT count(DISTINCT video_id) FROM cards").fetchone()[0]

    def list_videos(self, sort: str, descending: bool, limit: int, offset: int) -> list[ListedVideo]:
        direction = "DESC" if descending else "ASC"
        with self._db() as conn, conn.cursor(row_factory=dict_row) as cursor:
            rows = cursor.execute(
                f"SELECT * FROM ({_SHOWN_CARDS}) shown ORDER BY {_SORT_KEYS[sort]} {direction}, video_id {direction}"
                " LIMIT %s OFFSET %s", (limit, offset)).fetchall()
        return [_listed(row) for row in rows]

    def shown_cards(self, video_ids: list[str] | None = None) -> list[dict]:
        with self._db() as conn:
            rows = conn.execute(f"SELECT video_id, body FROM ({_SHOWN_CARDS}) shown ORDER BY created_at DESC, video_id"
                                ).fetchall()
        wanted = set(video_ids) if video_ids is not None else None
        return [json.loads(body) for video_id, body in rows if wanted is None or video_id in wanted]

    def search_library(self, query: str, limit: int, offset: int) -> tuple[int, list[SearchHit]]:
        words = search_words(query)
        if not words:
            return 0, []
        self.refresh_search_index()
        text = tsquery_text(words)
        with self._db() as conn, conn.cursor(row_factory=dict_row) as cursor:
            total = cursor.execute(f"SELECT count(*) AS n FROM library_search WHERE document @@ {_QUERY}",
                                   (text,)).fetchone()["n"]
            rows = cursor.execute(
                f"SELECT video_id, title, kind, start, text, ts_headline('{CONFIG}'::regconfig, text, q, %s) AS snippet"
                f" FROM library_search, {_QUERY} q WHERE document @@ q"
                " ORDER BY ts_rank(document, q) DESC, video_id, start LIMIT %s OFFSET %s",
                (f'StartSel="{MARK_START}", StopSel="{MARK_END}", MaxWords=16, MinWords=8, HighlightAll=false',
                 text, limit, offset)).fetchall()
        return total, [SearchHit(row["video_id"], row["title"], row["kind"], float(row["start"] or 0),
                                 _with_cuts(row["snippet"], row["text"])) for row in rows]

    def refresh_search_index(self) -> int:
        """Re-index the videos whose cards or transcripts changed, drop those without cards; return how many."""
        with self._db() as conn:  # a read first: a search that finds the index current takes no lock
            if not _stale(conn)[0]:
                return 0
        with self._db(transaction=True) as conn:
            conn.execute("SELECT pg_advisory_xact_lock(%s)", (_INDEX_LOCK,))
            changed, current = _stale(conn)  # again, under the lock: another host may have done it
            for video_id in changed:
                conn.execute("DELETE FROM library_search WHERE video_id = %s", (video_id,))
                conn.execute("DELETE FROM library_indexed WHERE video_id = %s", (video_id,))
                if video_id in current:
                    self._index_video(conn, video_id, current[video_id])
            return len(changed)

    def _index_video(self, conn: psycopg.Connection, video_id: str, stamp: str) -> None:
        body = conn.execute(f"SELECT body FROM cards WHERE video_id = %s ORDER BY {_RANK} LIMIT 1",
                            (video_id,)).fetchone()[0]
        cards = json.loads(body)
        language = (cards.get("meta") or {}).get("language") or None
        transcript: Transcript | None = (self._stored_transcript(conn, video_id, language)
                                         or self._stored_transcript(conn, video_id, None))
        title = (cards.get("video") or {}).get("title") or video_id
        with conn.cursor() as cursor:
            cursor.executemany("INSERT INTO library_search (video_id, title, kind, start, text)"
                               " VALUES (%s, %s, %s, %s, %s)",
                               [(video_id, title, kind, float(start or 0), text)
                                for kind, start, text in search_rows(cards, transcript)])
        conn.execute("INSERT INTO library_indexed (video_id, stamp) VALUES (%s, %s)", (video_id, stamp))


def _with_cuts(snippet: str, text: str) -> str:
    """'…' where ts_headline left text out at either end, as the SQLite store's snippet() does."""
    plain = snippet.replace(MARK_START, "").replace(MARK_END, "").strip()
    if not plain:
        return snippet
    return ("" if text.lstrip().startswith(plain[:20]) else "…") + snippet + ("" if text.rstrip().endswith(plain[-20:]) else "…")


def _stale(conn: psycopg.Connection) -> tuple[list[str], dict[str, str]]:
    """(videos whose search rows are missing, out of date or left over; every video's current stamp)."""
    current = dict(conn.execute(_CURRENT_STAMPS).fetchall())
    indexed = dict(conn.execute("SELECT video_id, stamp FROM library_indexed").fetchall())
    changed = [v for v, stamp in current.items() if indexed.get(v) != stamp] + [v for v in indexed if v not in current]
    return changed, current


def _listed(row: dict) -> ListedVideo:
    video = json.loads(row["body"]).get("video") or {}
    return ListedVideo(video_id=row["video_id"], title=video.get("title"), channel=video.get("channel"),
                       published=video.get("published"), duration=video.get("duration"), language=row["language"],
                       summarizer=row["summarizer"], origin=row["origin"], summarized=row["created_at"])
