"""The store's library methods on a real SQLite file and a real PostgreSQL database: the version
stamps that tell copies they are stale, the search index following every write (compressed
transcripts indexed as text), the listing and export's shown cards."""

from __future__ import annotations

import sqlite3

import pytest

from server.migrations import all_migrations
from server.models import Segment, Transcript
from server.store import MARK_END, MARK_START, ListedVideo, open_store, search_words
from stores import BOTH_STORES

VIDEO, OTHER = "dQw4w9WgXcQ", "otherVideo1"
SAME_SECOND = "2026-12-01T10:00:00Z"  # every save below is stamped with this created_at


@pytest.fixture
def store(database):
    store = open_store(database)
    yield store
    store.close()


def cards(video_id=VIDEO, title="Bees on the roof", headline="Keeping bees", origin="generated", summarizer="lines",
          created_at=SAME_SECOND, **video):
    return {"video_id": video_id, "video": {"title": title, **video}, "about": {"headline": headline, "points": []},
            "ideas": [], "quotes": [], "topics": [], "chapters": [],
            "meta": {"origin": origin, "summarizer": summarizer, "language": "en", "created_at": created_at}}


def transcript(*lines, language="en"):
    return Transcript(tuple(Segment(i * 30.0, 5.0, text) for i, text in enumerate(lines)), language, "manual", "client")


def found(store, query):
    return [(hit.video_id, hit.kind, hit.start) for hit in store.search_library(query, 50, 0)[1]]


@BOTH_STORES
def test_transcript_version_changes_with_every_save_even_of_the_same_text_in_the_same_second(store):
    assert store.transcript_version(VIDEO, "en") is None
    store.save_transcript(VIDEO, transcript("Hello there."))
    first = store.transcript_version(VIDEO, "en")
    store.save_transcript(VIDEO, transcript("Hello there."))
    second = store.transcript_version(VIDEO, "en")
    assert None not in (first, second) and first != second
    store.save_cards(cards())
    assert store.transcript_version(VIDEO, "en") == second  # cards do not make Ask parse the transcript again
    assert store.transcript_version(VIDEO, None) == second and store.transcript_version(VIDEO, "fr") is None
    assert store.transcript_version(OTHER, None) is None


@BOTH_STORES
def test_search_reads_the_compressed_transcript_as_text_and_follows_a_new_one(store):
    store.save_transcript(VIDEO, transcript("Nothing here.", "The varroa mites arrive in August."))
    store.save_cards(cards())
    total, hits = store.search_library("varroa mite", 10, 0)
    assert total == 1 and (hits[0].kind, hits[0].start) == ("transcript", 30.0)  # its own passage
    assert f"{MARK_START}varroa{MARK_END}" in hits[0].snippet and hits[0].title == "Bees on the roof"
    store.save_transcript(VIDEO, transcript("Only wasps now."))  # same second, cards untouched
    assert found(store, "varroa") == [] and found(store, "wasps") == [(VIDEO, "transcript", 0.0)]


@BOTH_STORES
def test_only_changed_videos_are_indexed_again(store):
    for video_id in (VIDEO, OTHER):
        store.save_transcript(video_id, transcript(f"Words of {video_id}."))
        store.save_cards(cards(video_id))
    assert store.refresh_search_index() == 2
    assert store.refresh_search_index() == 0
    store.save_cards(cards(OTHER, headline="Keeping hornets"))
    assert store.refresh_search_index() == 1 and found(store, "hornets") == [(OTHER, "about", 0.0)]
    store.delete_cards(OTHER, None)
    assert store.refresh_search_index() == 1 and found(store, "hornets") == []
    assert store.count_videos() == 1


def test_a_database_from_before_the_version_counters_is_indexed(tmp_path):
    path = tmp_path / "old.db"
    open_store(str(path)).close()
    with sqlite3.connect(path) as conn:  # a row written by a store that did not count versions yet
        conn.execute("INSERT INTO cards VALUES (?, 'en', 'lines', 'generated', ?, ?)",
                     (VIDEO, '{"video_id":"%s","video":{"title":"Old swarms"},"meta":{"language":"en"}}' % VIDEO,
                      SAME_SECOND))
    store = open_store(str(path))
    try:
        assert found(store, "swarm") == [(VIDEO, "title", 0.0)]
    finally:
        store.close()


@BOTH_STORES
def test_listing_shows_curated_first_then_the_newest_and_export_takes_the_same(store):
    store.save_cards(cards(VIDEO, title="Generated", created_at="2026-12-01T10:00:05Z"))
    store.save_cards(cards(VIDEO, title="Curated", origin="curated", summarizer="curated"))
    store.save_cards(cards(OTHER, title="apple", duration=60, created_at="2026-12-01T09:00:00Z"))
    listed = store.list_videos("summarized", True, 10, 0)
    assert [(v.video_id, v.title) for v in listed] == [(VIDEO, "Curated"), (OTHER, "apple")]
    assert isinstance(listed[1], ListedVideo) and listed[1].duration == 60 and listed[1].summarized.startswith("2026")
    assert [v.title for v in store.list_videos("title", False, 10, 0)] == ["apple", "Curated"]
    assert [v.title for v in store.list_videos("title", False, 1, 1)] == ["Curated"]
    assert [c["video"]["title"] for c in store.shown_cards()] == ["Curated", "apple"]
    assert [c["video"]["title"] for c in store.shown_cards([OTHER, "missingVid1"])] == ["apple"]


def test_search_words_are_plain_words():
    assert search_words('bees* AND "title:roof" NEAR(a b)') == ["bees", "AND", "title", "roof", "NEAR", "a", "b"]
    assert search_words("- ^ '") == [] and len(search_words("w " * 50)) == 20


@BOTH_STORES
def test_search_compares_stems_ignoring_case_and_accents(store):
    store.save_transcript(VIDEO, transcript("The CAFÉ owners were Running their hives."))
    store.save_cards(cards())
    assert found(store, "cafe") == [(VIDEO, "transcript", 0.0)]
    assert found(store, "café run") == [(VIDEO, "transcript", 0.0)]
    assert found(store, "owner RUNS") == [(VIDEO, "transcript", 0.0)]
    assert found(store, "the were") == [(VIDEO, "transcript", 0.0)]  # common words count too
    assert found(store, "cafe wasps") == []  # every word must occur
    snippet = store.search_library("running", 10, 0)[1][0].snippet
    assert f"{MARK_START}Running{MARK_END}" in snippet and "\\x02" not in snippet


def test_a_database_from_before_migrations_with_a_job_note_opens(tmp_path):
    path = tmp_path / "before.db"
    with sqlite3.connect(path) as conn:  # the schema of the version before numbered migrations: note already there
        conn.execute("CREATE TABLE jobs (id TEXT PRIMARY KEY, key TEXT NOT NULL, kind TEXT NOT NULL,"
                     " video_id TEXT NOT NULL, state TEXT NOT NULL, payload TEXT NOT NULL, progress REAL NOT NULL DEFAULT 0,"
                     " attempts INTEGER NOT NULL DEFAULT 0, owner TEXT, lease_until REAL, error_code TEXT,"
                     " error_message TEXT, result TEXT, note TEXT, created_at REAL NOT NULL, updated_at REAL NOT NULL)")
    store = open_store(str(path))
    try:
        job, _ = store.submit_job("k", "cards", VIDEO, {})
        assert store.get_job(job.id).note is None
    finally:
        store.close()
    with sqlite3.connect(path) as conn:
        assert [row[0] for row in conn.execute("SELECT version FROM schema_migrations ORDER BY version")] == [m.version for m in all_migrations()]
