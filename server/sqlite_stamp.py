"""A stamp beside the SQLite file that every Glance process changes after each write, and the
reads a process keeps until it changes (the stored cards a GET serves).

Reading stored cards is most of a stored GET's own work (a connection, a statement, the row).
SQLite can tell a connection that another one wrote (PRAGMA data_version), but asking it costs
a connection and a statement too. Eight bytes in `<database>-stamp`, mapped into memory,
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
import mmap
import os
import threading
from typing import Callable, Hashable

log = logging.getLogger(__name__)

STAMP_SUFFIX = "-stamp"
SIZE = 8  # bytes of randomness: two writes never leave the same stamp
KEPT = 256  # reads kept per process; a 3-hour video's cards are about 6 KB


class Stamp:
    """The stamp file of one database file (identified by its device and inode), mapped into memory.

    Mapped as SQLite maps its -shm file: a read is a memory read, with no system call (which
    would let another request thread take the GIL) and no lock. The map is one tuple, replaced
    whole when the database file is replaced; the old map stays until `close`, so no thread
    ever reads a map that was closed under it.
    """

    def __init__(self, database: str):
        self.database, self.path = database, database + STAMP_SUFFIX
        self._file: tuple[tuple[int, int], mmap.mmap, bool] | None = None  # (database identity, map, writable)
        self._replaced: list[mmap.mmap] = []
        self._lock = threading.Lock()  # for opening and writing
        self._warned = False

    def read(self, identity: tuple[int, int]) -> bytes | None:
        """The stamp of the database file `identity` names; None when it cannot be read."""
        file = self._file
        if file is None or file[0] != identity:
            with self._lock:
                file = self._open(identity)
            if file is None:
                return None
        return file[1][:SIZE]

    def change(self, identity: tuple[int, int] | None) -> None:
        """After a write: new bytes, so every process reads the database again."""
        if identity is None:
            return
        with self._lock:
            file = self._open(identity, writing=True)
            if file is not None and file[2]:
                file[1][:SIZE] = os.urandom(SIZE)
            elif not self._warned:
                self._warned = True
                log.warning("cannot write %s: other Glance processes may serve stored cards from before this "
                            "write until they restart; give it the database file's owner", self.path)

    def _open(self, identity: tuple[int, int], writing: bool = False):
        """The mapped stamp of `identity` (mapped now when it is not, or is but read-only and `writing`)."""
        file = self._file
        if file is not None and file[0] == identity and (file[2] or not writing):
            return file
        try:
            mode = os.stat(self.database).st_mode & 0o666  # as SQLite's -wal and -shm
            fd, writable = os.open(self.path, os.O_RDWR | os.O_CREAT, mode), True
        except OSError:
            if file is not None and file[0] == identity:
                return file  # still only readable
            try:  # a read-only file system: nothing can write, yet what others wrote can be read
                fd, writable = os.open(self.path, os.O_RDONLY), False
            except OSError:
                return None
        try:
            if writable and os.fstat(fd).st_size < SIZE:
                os.ftruncate(fd, SIZE)  # a new stamp: zeros, until the first write
            mapped = mmap.mmap(fd, SIZE, access=mmap.ACCESS_WRITE if writable else mmap.ACCESS_READ)
        except (OSError, ValueError):  # a read-only stamp shorter than SIZE cannot be mapped
            return None
        finally:
            os.close(fd)  # the map holds the file
        if self._file is not None:
            self._replaced.append(self._file[1])
        self._file = (identity, mapped, writable)
        return self._file

    def close(self) -> None:
        with self._lock:
            for mapped in self._replaced + ([self._file[1]] if self._file else []):
                mapped.close()
            self._file, self._replaced = None, []


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
