"""Connections to one SQLite file, and what its faults mean: which are storage faults
(StorageError), when the file has vanished or been put back, and the store's health. Each
write changes the file's stamp (sqlite_stamp.py), so every process knows it happened."""

from __future__ import annotations

import os
import queue
import sqlite3
import threading
import time
from contextlib import contextmanager
from pathlib import Path

from . import migrations
from .sqlite_stamp import Stamp
from .store import STORE_OK, STORE_READ_ONLY, STORE_UNAVAILABLE, StorageError

# SQLite result codes that mean the storage failed rather than the query being wrong.
_FAULTS = ("SQLITE_FULL", "SQLITE_READONLY", "SQLITE_IOERR", "SQLITE_CANTOPEN", "SQLITE_BUSY",
           "SQLITE_CORRUPT", "SQLITE_NOTADB", "SQLITE_PERM", "SQLITE_LOCKED", "SQLITE_PROTOCOL")

# Faults that leave reading possible: health says read_only for a while after one of these.
_WRITE_FAULTS = ("SQLITE_FULL", "SQLITE_READONLY", "SQLITE_IOERR", "SQLITE_PERM")
WRITE_FAULT_MEMORY = 30.0  # seconds health remembers a failed write (a write after it tells again)
LOW_SPACE_BYTES = 1 << 20   # less free space than this on the database's file system counts as full


class Connections:
    """Connections come from a small pool and go back after each call; one always stays open,
    so SQLite never checkpoints and deletes the WAL between requests. The folder, the PRAGMAs'
    persistent part and the schema are done once, here."""

    def __init__(self, path: str, extra_schema: str = ""):
        self.path = path
        self._memory = path == ":memory:"
        self._idle: queue.SimpleQueue[_Connection] = queue.SimpleQueue()
        self.opened: list[_Connection] = []
        self._lock = threading.Lock()
        self._identity = None   # (device, inode) of the file the store opened: a new file is not it
        self._write_failed_at: float | None = None
        self._generation = 0    # connections of an older generation are closed, not reused
        self._stamp = None if self._memory else Stamp(path)
        try:
            if not self._memory:
                Path(path).parent.mkdir(parents=True, exist_ok=True)
            conn = self._open(create=True)  # the only open that may create the file: at start
            conn.execute("PRAGMA journal_mode = WAL")
            migrations.apply_sqlite(conn)  # the schema both stores share, one numbered file at a time
            conn.executescript(extra_schema)  # what only SQLite has (the library's FTS5 index)
            if not self._memory:
                self._identity = conn.identity = _identity(path)
                if conn.total_changes:  # a migration changed rows: what other processes kept is old
                    self._stamp.change(self._identity)
        except (OSError, sqlite3.Error) as error:
            self.close()
            raise StorageError(f"cannot open the database {path}: {error}{location_hint(path)}") from None
        self._idle.put(conn)

    def _open(self, create: bool = False) -> _Connection:
        # After the start, mode=rw: SQLite must not create an empty database where one vanished.
        target = self.path if create or self._memory else f"file:{_uri_path(self.path)}?mode=rw"
        conn = sqlite3.connect(target, timeout=30, isolation_level=None, check_same_thread=False,
                               uri=not (create or self._memory), factory=_Connection)
        conn.row_factory = sqlite3.Row
        conn.execute("PRAGMA busy_timeout = 30000")
        conn.execute("PRAGMA synchronous = NORMAL")
        conn.identity, conn.generation = self._identity, self._generation
        # Opened while the file cannot be written, a connection stays read-only after the file
        # system is writable again (with every connection of this process sharing its -shm):
        # such a connection serves one call and is closed.
        conn.reusable = self._memory or _writable(self.path)
        with self._lock:
            self.opened.append(conn)
        return conn

    @contextmanager
    def use(self):
        """A connection for one call; storage faults come out as StorageError."""
        if self._memory:
            conn = self._idle.get()  # ':memory:' is one database per connection: everyone shares the one
        else:
            conn = self._checkout()
        changes = conn.total_changes
        try:
            yield conn
        except BaseException as error:
            if conn.in_transaction:
                try:
                    conn.execute("ROLLBACK")
                except sqlite3.Error:
                    pass
            name = getattr(error, "sqlite_errorname", "") if isinstance(error, sqlite3.Error) else ""
            if name.startswith(_FAULTS):
                if name.startswith(_WRITE_FAULTS):
                    self._write_failed_at = time.monotonic()
                if name.startswith("SQLITE_READONLY"):
                    # A connection opened while the file system was read-only stays read-only, and
                    # so do all of this process's connections to the file (they share its -shm):
                    # all are replaced, so writing works again once the file system does.
                    self._generation += 1
                    self._discard_idle()
                raise StorageError(f"the database {self.path} failed: {error}") from error
            raise
        else:
            if conn.total_changes != changes:  # a write went through: writing works again
                self._write_failed_at = None
        finally:
            if self._stamp is not None and conn.total_changes != changes:  # committed (or rolled back: a needless change)
                self._stamp.change(conn.identity)
            if self._memory or (conn.reusable and conn.generation == self._generation):
                self._idle.put(conn)
            else:
                self._discard(conn)

    def _checkout(self) -> _Connection:
        """An idle connection to the file the store opened, or a new one; none to a file that is gone.

        An open connection keeps working on a deleted file, and what it writes there is lost:
        so each call first checks that the path still names the file the connection holds.
        A file put back (a restore) is a new file: connections to the old one are closed.
        """
        current = self._current_identity()
        while True:
            try:
                conn = self._idle.get_nowait()
            except queue.Empty:
                self._identity = current
                return self._translated(self._open)
            if conn.identity == current and conn.generation == self._generation:
                return conn
            self._discard(conn)

    def _current_identity(self) -> tuple[int, int]:
        try:
            return _identity(self.path)
        except FileNotFoundError:
            raise StorageError(f"the database {self.path} is gone (deleted while Glance runs?); "
                               "restore it, or restart Glance to start an empty one") from None
        except OSError as error:
            raise StorageError(f"the database {self.path} cannot be reached: {error.strerror}") from None

    def stamp(self) -> tuple | None:
        """What changes whenever a store in any process writes the file, or the file is replaced;
        None when it cannot be known (a database in memory, a stamp that cannot be read).
        A StorageError when the file is gone, as for every call."""
        if self._stamp is None:
            return None
        current = self._current_identity()
        stamp = self._stamp.read(current)
        return None if stamp is None else (current, stamp)

    def _discard_idle(self) -> None:
        while True:
            try:
                self._discard(self._idle.get_nowait())
            except queue.Empty:
                return

    def _discard(self, conn: _Connection) -> None:
        with self._lock:
            if conn in self.opened:
                self.opened.remove(conn)
        conn.close()

    def _translated(self, fn):
        try:
            return fn()
        except sqlite3.Error as error:
            raise StorageError(f"the database {self.path} failed: {error}") from error

    @contextmanager
    def transaction(self):
        with self.use() as conn:
            conn.execute("BEGIN IMMEDIATE")
            yield conn
            conn.execute("COMMIT")

    # -- health --------------------------------------------------------------------

    def health(self) -> str:
        """Unavailable when a read fails; read-only when the file system says it cannot be written
        (read-only, or under LOW_SPACE_BYTES free) or a write failed within WRITE_FAULT_MEMORY."""
        try:
            with self.use() as conn:
                conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        except StorageError:
            return STORE_UNAVAILABLE
        if self._memory:
            return STORE_OK
        if self._write_failed_at is not None and time.monotonic() - self._write_failed_at < WRITE_FAULT_MEMORY:
            return STORE_READ_ONLY
        try:
            full = os.statvfs(self.path).f_bavail * os.statvfs(self.path).f_frsize < LOW_SPACE_BYTES
        except (OSError, AttributeError):  # no statvfs on Windows: the failed-write memory above still tells
            full = False
        return STORE_READ_ONLY if full or not _writable(self.path) else STORE_OK

    def close(self) -> None:
        with self._lock:
            opened, self.opened = self.opened, []
        for conn in opened:
            conn.close()
        if self._stamp is not None:
            self._stamp.close()


class _Connection(sqlite3.Connection):
    """A connection that remembers which file (device, inode) it was opened on."""

    identity: tuple[int, int] | None = None
    generation = 0
    reusable = True


def _writable(path: str) -> bool:
    try:
        return not os.statvfs(path).f_flag & os.ST_RDONLY and os.access(path, os.W_OK)
    except (OSError, AttributeError):  # no statvfs (Windows): only a failed write tells
        return True


def _identity(path: str) -> tuple[int, int]:
    status = os.stat(path)
    return status.st_dev, status.st_ino


def location_hint(path: str) -> str:
    """Why the database's folder cannot take it, when the file system says so ('' when it does not)."""
    folder = Path(os.path.abspath(path)).parent
    while not folder.exists() and folder != folder.parent:
        folder = folder.parent
    try:
        space = os.statvfs(folder)
        if space.f_flag & os.ST_RDONLY:
            return f" ({folder} is on a read-only file system)"
        if space.f_bavail * space.f_frsize < LOW_SPACE_BYTES:
            return f" (the disk holding {folder} is full)"
    except (OSError, AttributeError):
        pass
    return "" if os.access(folder, os.W_OK) else f" ({folder} cannot be written by this user)"


def _uri_path(path: str) -> str:
    from urllib.parse import quote

    return quote(os.path.abspath(path))
