"""SQLite storage of transcripts and cards. The only module with SQL."""

from __future__ import annotations

import json
import sqlite3
import time
from importlib import resources
from pathlib import Path

from flask import Flask, current_app, g

from .models import Transcript, utc_now

UNKNOWN_LANGUAGE = "und"


def connect(path: str) -> sqlite3.Connection:
    """Open the database (creating file, folder and tables on first use) in WAL mode."""
    if path != ":memory:":
        Path(path).parent.mkdir(parents=True, exist_ok=True)
    conn = sqlite3.connect(path, timeout=30, isolation_level=None, check_same_thread=False)
    conn.row_factory = sqlite3.Row
    conn.execute("PRAGMA busy_timeout = 30000")
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = NORMAL")
    conn.executescript(resources.files(__package__).joinpath("schema.sql").read_text())
    return conn


def get_db() -> sqlite3.Connection:
    """The request's connection, opened on first use and closed at teardown."""
    if "db" not in g:
        g.db = connect(current_app.config["DATABASE"])
    return g.db


def close_db(_error=None) -> None:
    conn = g.pop("db", None)
    if conn is not None:
        conn.close()


def init_app(app: Flask) -> None:
    """Create the tables now, so a broken database path fails at start, not at first request."""
    connect(app.config["DATABASE"]).close()
    app.teardown_appcontext(close_db)


def language_key(language: str | None) -> str:
    return language or UNKNOWN_LANGUAGE


# Transcripts ---------------------------------------------------------------

def save_transcript(conn: sqlite3.Connection, video_id: str, transcript: Transcript, also_for: str | None = None) -> None:
    """Store a transcript under its language (and `also_for`, the language that was asked for)."""
    for language in {language_key(transcript.language), *([also_for] if also_for else [])}:
        conn.execute(
            "INSERT OR REPLACE INTO transcripts (video_id, language, kind, source, body, created_at)"
            " VALUES (?, ?, ?, ?, ?, ?)",
            (video_id, language, transcript.kind, transcript.source,
             json.dumps(transcript.to_dict(), ensure_ascii=False), utc_now()),
        )


def load_transcript(conn: sqlite3.Connection, video_id: str, language: str | None) -> Transcript | None:
    """The stored transcript in `language` (or its base language), or (language None) the newest one."""
    where, params = _language_clause(language)
    row = conn.execute(
        f"SELECT body FROM transcripts WHERE video_id = ? AND {where} ORDER BY language = ? DESC, created_at DESC LIMIT 1",
        [video_id, *params, language or ""],
    ).fetchone()
    return Transcript.from_dict(json.loads(row["body"])) if row else None


# Video metadata ------------------------------------------------------------

def save_video(conn: sqlite3.Connection, video_id: str, info: dict) -> None:
    conn.execute(
        "INSERT OR REPLACE INTO videos (video_id, body, updated_at) VALUES (?, ?, ?)",
        (video_id, json.dumps(info, ensure_ascii=False), utc_now()),
    )


def load_video(conn: sqlite3.Connection, video_id: str) -> dict | None:
    row = conn.execute("SELECT body FROM videos WHERE video_id = ?", (video_id,)).fetchone()
    return json.loads(row["body"]) if row else None


# Cards ---------------------------------------------------------------------

def save_cards(conn: sqlite3.Connection, cards: dict, also_for: str | None = None) -> None:
    """Store cards under their video, language, summarizer and origin, replacing older ones.

    `also_for` stores them for a second language too: the one that was asked for when the
    video had no transcript in it, so the next request for that language finds them.
    """
    meta = cards["meta"]
    languages = {language_key(meta.get("language")), *([also_for] if also_for else [])}
    for language in languages:
        conn.execute(
            "INSERT OR REPLACE INTO cards (video_id, language, summarizer, origin, body, created_at)"
            " VALUES (?, ?, ?, ?, ?, ?)",
            (cards["video_id"], language, meta["summarizer"], meta["origin"],
             json.dumps(cards, ensure_ascii=False), meta.get("created_at") or utc_now()),
        )


def save_many_cards(conn: sqlite3.Connection, all_cards: list[dict]) -> None:
    """Store several card sets in one transaction: all of them or none."""
    with conn:
        conn.execute("BEGIN")
        for cards in all_cards:
            save_cards(conn, cards)


def _language_clause(language: str | None) -> tuple[str, list]:
    """Match a language code exactly or by its base language ('en' finds 'en-gb'); exact matches sort first."""
    if not language:
        return "1", []
    base = language.split("-")[0]
    return "(language = ? OR language = ? OR language LIKE ?)", [language, base, f"{base}-%"]


def load_cards(conn: sqlite3.Connection, video_id: str, language: str | None, summarizer: str,
               include_generated: bool = True) -> dict | None:
    """Curated cards for the video (and language) first, then this summarizer's generated ones."""
    where, params = _language_clause(language)
    origin = "(origin = 'curated' OR (origin = 'generated' AND summarizer = ?))" if include_generated else "origin = 'curated'"
    if include_generated:
        params.append(summarizer)
    row = conn.execute(
        f"SELECT body FROM cards WHERE video_id = ? AND {where} AND {origin}"
        " ORDER BY origin = 'curated' DESC, language = ? DESC, created_at DESC LIMIT 1",
        [video_id, *params, language or ""],
    ).fetchone()
    return json.loads(row["body"]) if row else None


def delete_cards(conn: sqlite3.Connection, video_id: str, language: str | None) -> int:
    """Forget every stored card set of the video (in one language when given, matched as
    load_cards matches it, so 'en-US' deletes the 'en' cards a GET for 'en-US' finds); return how many."""
    where, params = _language_clause(language)
    return conn.execute(f"DELETE FROM cards WHERE video_id = ? AND {where}", [video_id, *params]).rowcount


# Generation leases ---------------------------------------------------------

def try_lease(conn: sqlite3.Connection, key: str, owner: str, seconds: float) -> bool:
    """Take the lease on `key` unless another owner holds an unexpired one."""
    now = time.time()
    conn.execute("BEGIN IMMEDIATE")
    try:
        row = conn.execute("SELECT owner, expires_at FROM generation_leases WHERE key = ?", (key,)).fetchone()
        if row and row["owner"] != owner and row["expires_at"] > now:
            conn.execute("COMMIT")
            return False
        conn.execute("INSERT OR REPLACE INTO generation_leases (key, owner, expires_at) VALUES (?, ?, ?)",
                     (key, owner, now + seconds))
        conn.execute("COMMIT")
        return True
    except BaseException:
        conn.execute("ROLLBACK")
        raise


def release_lease(conn: sqlite3.Connection, key: str, owner: str) -> None:
    conn.execute("DELETE FROM generation_leases WHERE key = ? AND owner = ?", (key, owner))
