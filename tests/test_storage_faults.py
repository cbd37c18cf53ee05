"""Storage faults are named, not bugs: 503 `storage_unavailable` with Retry-After, reads that keep
working while only writing fails, health that says so, no empty database in place of a vanished
one, and recovery without a restart.

Real faults where this machine allows them (root: a small tmpfs filled up, a tmpfs mounted
read-only); SQLite's own limit on a file's pages and a deleted folder run everywhere.
"""

from __future__ import annotations

import errno
import glob
import hashlib
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from server import create_app
from server.store import StorageError

from service_helpers import LineSummarizer, transcript_body

ROOT = Path(__file__).resolve().parents[1]
VIDEO, OTHER = "abcdefghijk", "otherVideo1"
ADMIN = {"Authorization": "Bearer t"}
CURATED = {"about": {"headline": "Kept through the fault", "points": ["One point"]}, "meta": {"language": "en"}}


APPS = []


@pytest.fixture(autouse=True)
def stop_apps():
    yield
    stop_all_apps()


def stop_all_apps():
    """Worker threads and connections end with each test (before its file system is unmounted)."""
    while APPS:
        app = APPS.pop()
        if app.extensions["glance.jobs"].pool:
            app.extensions["glance.jobs"].pool.stop()
        app.extensions["glance.store"].close()


def make_app(database: Path, check_storage: bool = True, **config):
    app = create_app({"DATABASE": str(database), "SUMMARIZER": LineSummarizer(), "ADMIN_TOKEN": "t",
                      "RATE_LIMIT": 0, **config}, check_storage=check_storage)
    APPS.append(app)
    return app


def stored(client, video=VIDEO):
    return client.get(f"/api/v1/videos/{video}/summary?fetch=0")


def put(client, video=VIDEO):
    return client.put(f"/api/v1/videos/{video}/summary", json=CURATED, headers=ADMIN)


def post_big(client, video=OTHER):
    """A transcript that does not compress away (about 150 KB stored): it needs new pages."""
    lines = [hashlib.sha256(str(i).encode()).hexdigest() for i in range(5000)]
    return client.post(f"/api/v1/videos/{video}/summary", json={"transcript": transcript_body(*lines)})


def health(client):
    response = client.get("/api/v1/health")
    return response.status_code, response.get_json()


def assert_storage_fault(response):
    assert response.status_code == 503, response.get_data(as_text=True)
    assert response.get_json()["error"]["code"] == "storage_unavailable"
    assert "database" in response.get_json()["error"]["message"]
    assert int(response.headers["Retry-After"]) >= 1


# -- everywhere: SQLite's page limit, a deleted folder ----------------------------------------


def test_a_full_database_serves_stored_cards_and_names_the_failed_write(tmp_path):
    app = make_app(tmp_path / "g.db", WORKERS=0)  # no worker threads: every connection gets the limit below
    client = app.test_client()
    assert put(client).status_code == 200
    store = app.extensions["glance.store"]
    for conn in store._opened:  # SQLite's own "database or disk is full", without filling a disk
        conn.execute(f"PRAGMA max_page_count = {conn.execute('PRAGMA page_count').fetchone()[0]}")

    assert_storage_fault(post_big(client))
    assert stored(client).get_json()["about"]["headline"] == "Kept through the fault"
    assert health(client) == (200, {**health(client)[1], "status": "ok", "store": "read_only"})

    for conn in store._opened:  # room again: no restart
        conn.execute("PRAGMA max_page_count = 1073741823")
    assert put(client, OTHER).status_code == 200
    assert health(client)[1]["store"] == "ok"


def test_a_deleted_database_folder_is_an_error_until_the_database_is_back(tmp_path):
    folder = tmp_path / "data"
    app = make_app(folder / "g.db", WORKERS=0)
    client = app.test_client()
    assert put(client).status_code == 200
    store = app.extensions["glance.store"]
    with sqlite3.connect(tmp_path / "backup.db") as backup:
        store._opened[0].backup(backup)

    shutil.rmtree(folder)
    assert_storage_fault(stored(client))
    assert_storage_fault(put(client, OTHER))
    status, body = health(client)
    assert status == 503 and body["error"]["code"] == "storage_unavailable"
    assert not folder.exists()  # not created again, empty, behind the operator's back

    folder.mkdir()  # an empty folder is not the database either
    assert_storage_fault(stored(client))
    assert list(folder.iterdir()) == []

    shutil.copy(tmp_path / "backup.db", folder / "g.db")  # restored: used again without a restart
    assert stored(client).get_json()["about"]["headline"] == "Kept through the fault"
    assert put(client, OTHER).status_code == 200
    assert health(client)[1]["store"] == "ok"
    app.extensions["glance.store"].close()
    with sqlite3.connect(folder / "g.db") as check:  # the write went to the restored file, not the deleted one
        assert check.execute("SELECT count(*) FROM cards WHERE video_id = ?", (OTHER,)).fetchone()[0] == 1


# -- real file systems (root only) --------------------------------------------------------------


@pytest.fixture
def tmpfs(tmp_path):
    """A 4 MB tmpfs of its own; skipped where this process may not mount."""
    point = tmp_path / "mnt"
    point.mkdir()
    result = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=4m", "tmpfs", str(point)],
                            capture_output=True, text=True)
    if result.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {result.stderr.strip() or result.returncode}")
    try:
        yield point
    finally:
        stop_all_apps()
        subprocess.run(["umount", "-l", str(point)], check=False)


def remount(point: Path, mode: str) -> None:
    subprocess.run(["mount", "-o", f"remount,{mode}", str(point)], check=True, capture_output=True)


def fill(point: Path) -> Path:
    filler = point / "filler"
    with open(filler, "wb") as out:
        try:
            while True:
                out.write(b"\0" * 65536)
                out.flush()
        except OSError as error:
            assert error.errno == errno.ENOSPC
    return filler


def test_a_full_disk_keeps_reads_and_recovers_when_there_is_room(tmpfs):
    client = make_app(tmpfs / "g.db").test_client()
    assert put(client).status_code == 200
    filler = fill(tmpfs)

    assert_storage_fault(post_big(client))
    assert stored(client).get_json()["about"]["headline"] == "Kept through the fault"
    assert health(client)[1]["store"] == "read_only"

    filler.unlink()
    response = post_big(client)
    assert response.status_code == 200 and response.get_json()["video_id"] == OTHER
    assert health(client)[1]["store"] == "ok"


def test_a_read_only_file_system_keeps_reads_and_recovers_when_writable_again(tmp_path, tmpfs):
    # Another process of the service holds the database open (so its -wal and -shm exist) when
    # the file system turns read-only; this process starts then, like a gunicorn worker replaced.
    source = tmp_path / "source"
    holder = make_app(source / "g.db")
    assert put(holder.test_client()).status_code == 200
    for path in glob.glob(str(source / "g.db*")):
        shutil.copy(path, tmpfs)
    holder.extensions["glance.store"].close()
    remount(tmpfs, "ro")

    with pytest.raises(StorageError, match="cannot write"):
        make_app(tmpfs / "g.db")  # the start-up check of `serve`
    client = make_app(tmpfs / "g.db", check_storage=False).test_client()
    assert stored(client).get_json()["about"]["headline"] == "Kept through the fault"
    assert health(client)[1]["store"] == "read_only"
    assert_storage_fault(put(client, OTHER))
    page_post = client.post(f"/api/v1/videos/{VIDEO}/summary",  # what the panel sends: metadata is not stored,
                            json={"transcript": transcript_body("Words."), "video": {"title": "A newer title"}})
    assert page_post.status_code == 200  # but the stored cards are served
    assert page_post.get_json()["about"]["headline"] == "Kept through the fault"

    remount(tmpfs, "rw")
    assert put(client, OTHER).status_code == 200
    assert health(client)[1]["store"] == "ok"


def test_serve_on_a_read_only_file_system_fails_with_one_line(tmp_path, tmpfs):
    make_app(tmpfs / "g.db").extensions["glance.store"].close()
    remount(tmpfs, "ro")
    for database in (tmpfs / "g.db", tmpfs / "new" / "g.db"):  # an existing database, and a new one
        env = {**os.environ, "GLANCE_DATABASE": str(database), "GLANCE_PORT": "1"}
        result = subprocess.run([sys.executable, "-m", "server", "serve"], cwd=ROOT, env=env,
                                capture_output=True, text=True, timeout=60)
        lines = result.stderr.splitlines()
        assert result.returncode == 2 and len(lines) == 1, result.stderr
        assert lines[0].startswith("error: cannot start: ") and "read-only" in lines[0].lower(), lines[0]
