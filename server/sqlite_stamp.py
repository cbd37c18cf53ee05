"""A stamp beside the SQLite file that every Glance process changes after each write, and the
reads a process keeps until it changes (the stored cards a GET serves).

Reading stored cards is most of a stored GET's own work (a connection, a statement, the row).
SQLite can tell a connection that another one wrote (PRAGMA data_version), but asking it costs
a connection and a statement too. Eight bytes in `<database>-stamp`, read with one pread,
tell every process on the host the same: each write through a store (any process, any
table) puts new random bytes there after it commits, so a value read before a read of the
database changes after any later write. A database file replaced (a restore) is a new file
with a stamp of its own.

A process that cannot open the stamp (a read-only folder, a file of another user) keeps
nothing and reads every time; one that wrote but cannot change the stamp logs it, since other
processes may then serve what they kept from before that write.
"""

from __future__ import annotations

import logging
import os
import threading
from typing import Callable, Hashable

log = logging.getLogger(__name__)

STAMP_SUFFIX = "-stamp"
KEPT = 256  # reads kept per process; a 3-hour video's cards are about 6 KB


class Stamp:
    """The stamp file of one database file (identified by its device and inode)."""

    def __init__(self, database: str):
        self.path = database + STAMP_SUFFIX
        self._fd: int | None = None
        self._writable = False
        self._identity: tuple[int, int] | None = None
        self._lock = threading.Lock()
        self._warned = False

    def read(self, identity: tuple[int, int]) -> bytes | None:
        """The stamp of the database file `identity` names; None when it cannot be read."""
        with self._lock:  # a restore reopens the file: no thread reads a closed (or reused) descriptor
            if self._identity != identity:
                self._open(identity)
            try:
                return None if self._fd is None else os.pread(self._fd, 8, 0)
            except OSError:
                return None

    def change(self, identity: tuple[int, int] | None) -> None:
        """After a write: new bytes, so every process reads the database again."""
        if identity is None:
            return
        with self._lock:
            if self._identity != identity or not self._writable:
                self._open(identity)
            try:
                if not self._writable:
                    raise PermissionError("it cannot be opened for writing")
                os.pwrite(self._fd, os.urandom(8), 0)
            except OSError as error:
                if not self._warned:
                    self._warned = True
                    log.warning("cannot change %s (%s): other Glance processes may serve stored cards from before "
                                "this write until they restart; give it the database file's owner", self.path, error)

    def _open(self, identity: tuple[int, int]) -> None:
        self._close()
        try:
            mode = os.stat(self.path.removesuffix(STAMP_SUFFIX)).st_mode & 0o666  # as SQLite's -wal and -shm
            self._fd, self._writable = os.open(self.path, os.O_RDWR | os.O_CREAT, mode), True
        except OSError:
            try:  # a read-only file system: nothing can write, yet what others wrote can be read
                self._fd = os.open(self.path, os.O_RDONLY)
            except OSError:
                return
        self._identity = identity

    def close(self) -> None:
        with self._lock:
            self._close()

    def _close(self) -> None:
        if self._fd is not None:
            os.close(self._fd)
        self._fd, self._writable, self._identity = None, False, None


class KeptReads:
    """Results of reads, each kept with the stamp read before it and served while the stamp is the same."""

    def __init__(self, stamp: Callable[[], Hashable | None], size: int = KEPT):
        self.stamp = stamp
        self.size = size
        self._items: dict[Hashable, tuple[Hashable, object]] = {}

    def get(self, key: Hashable, read: Callable[[], object]):
        stamp = self.stamp()  # before the read: a write after this point changes it
        if stamp is None:
            return read()
        kept = self._items.get(key)
        if kept is not None and kept[0] == stamp:
            return kept[1]
        value = read()
        if len(self._items) >= self.size:
            self._items.clear()
        self._items[key] = (stamp, value)
        return value
