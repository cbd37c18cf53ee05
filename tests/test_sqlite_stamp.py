"""Stored cards a SQLite store keeps between reads (server/sqlite_stamp.py): never served after a
write by any store in any process (a save, a forget, a curated PUT over the API), nor after the
file was replaced; a process that cannot open the stamp reads every time."""

from __future__ import annotations

import json
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from server import create_app
from server.sqlite_stamp import KeptReads
from server.store import StorageError, compact_json, open_store
from service_helpers import LineSummarizer

ROOT = Path(__file__).resolve().parents[1]
VIDEO = "dQw4w9WgXcQ"


def cards(headline: str, origin: str = "generated") -> dict:
    return {"video_id": VIDEO, "about": {"headline": headline, "points": []},
            "meta": {"origin": origin, "summarizer": "lines", "language": "en", "created_at": "2026-12-01T10:00:00Z"}}


def headline(store) -> str | None:
    text = store.load_cards_json(VIDEO, "en", "lines")
    return json.loads(text)["about"]["headline"] if text else None


@pytest.fixture
def path(tmp_path) -> str:
    return str(tmp_path / "glance.db")


@pytest.fixture
def stores(path):
    opened = []

    def make():
        opened.append(open_store(path))
        return opened[-1]

    yield make
    for store in opened:
        store.close()


def test_kept_cards_are_served_until_a_store_writes(path, stores):
    reader = stores()
    reader.save_cards(cards("First"))
    assert headline(reader) == "First"
    with sqlite3.connect(path) as outside:  # a write past every store does not change the stamp...
        outside.execute("UPDATE cards SET body = ?", (compact_json(cards("Outside")),))
    assert headline(reader) == "First"  # ...so this read was kept, not read again

    writer = stores()  # another store on the file: what another process does
    writer.save_cards(cards("Second"))
    assert headline(reader) == "Second"
    writer.save_cards(cards("Curated", origin="curated"))
    assert headline(reader) == "Curated"
    assert writer.delete_cards(VIDEO, "en") == 2  # forgetting
    assert headline(reader) is None
    writer.save_cards(cards("Third"))
    assert headline(reader) == "Third"

    reader.delete_cards(VIDEO, "en", "generated")  # its own writes too
    assert headline(reader) is None


def test_a_write_in_another_process_is_seen(path, stores):
    reader = stores()
    reader.save_cards(cards("Before"))
    assert headline(reader) == "Before"
    script = ("import sys; from server.store import open_store; s = open_store(sys.argv[1]); "
              f"s.save_cards({cards('From another process')!r}); s.close()")
    subprocess.run([sys.executable, "-c", script, path], cwd=ROOT, check=True)
    assert headline(reader) == "From another process"


def test_the_api_serves_a_curated_put_and_a_forget_made_through_another_app(path):
    apps = [create_app({"DATABASE": path, "SUMMARIZER": LineSummarizer(), "ADMIN_TOKEN": "t", "RATE_LIMIT": 0,
                        "WORKERS": 0}) for _ in range(2)]
    reader, writer = (app.test_client() for app in apps)
    url = f"/api/v1/videos/{VIDEO}/summary?lang=en&fetch=0"
    try:
        assert reader.get(url).status_code == 404
        assert writer.put(f"/api/v1/videos/{VIDEO}/summary", json={"about": {"headline": "Curated", "points": ["A"]},
                                                                   "meta": {"language": "en"}},
                          headers={"Authorization": "Bearer t"}).status_code == 200
        assert reader.get(url).get_json()["about"]["headline"] == "Curated"
        assert reader.get(url).get_json()["about"]["headline"] == "Curated"
        assert writer.delete(f"/api/v1/videos/{VIDEO}/summary?lang=en", headers={"Authorization": "Bearer t"}).status_code == 200
        assert reader.get(url).status_code == 404
    finally:
        for app in apps:
            app.extensions["glance.store"].close()


def test_a_replaced_file_is_read_again_and_a_missing_one_is_an_error(tmp_path):
    folder = tmp_path / "data"
    folder.mkdir()
    other = open_store(str(tmp_path / "other.db"))
    other.save_cards(cards("Restored"))
    other.close()
    reader = open_store(str(folder / "glance.db"))
    try:
        reader.save_cards(cards("Original"))
        assert headline(reader) == "Original"

        shutil.rmtree(folder)  # the file, its -wal, -shm and stamp
        with pytest.raises(StorageError, match="is gone"):
            headline(reader)
        folder.mkdir()
        shutil.copy(tmp_path / "other.db", folder / "glance.db")  # a restore: a new file, with a new stamp
        assert headline(reader) == "Restored"
        reader.save_cards(cards("Written after the restore"))
        assert headline(reader) == "Written after the restore"
    finally:
        reader.close()


def test_without_a_stamp_every_read_goes_to_the_database(path, stores):
    Path(path + "-stamp").mkdir()  # cannot be opened as a file
    reader, writer = stores(), stores()
    writer.save_cards(cards("First"))
    assert headline(reader) == "First"
    with sqlite3.connect(path) as outside:
        outside.execute("UPDATE cards SET body = ?", (compact_json(cards("Outside")),))
    assert headline(reader) == "Outside"


def test_kept_reads_are_bounded():
    reads = []
    kept = KeptReads(lambda: "same stamp", size=2)
    for key in ("a", "b", "a", "c", "a"):
        kept.get(key, lambda: reads.append(key) or key.upper())
    assert reads == ["a", "b", "c", "a"]  # "c" found the memory full: it starts again
