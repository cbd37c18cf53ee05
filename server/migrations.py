"""Schema migrations: the numbered SQL files in server/migrations/, applied in order by every store at start.

A file is named NNNN_what.sql and holds plain SQL that SQLite and PostgreSQL both accept, so
both stores have one schema. Each applied file is recorded in `schema_migrations`; a store
applies the files it has not recorded, all in one transaction under the database's own lock,
so two processes (or hosts) starting at once apply each file once. Files are never edited
once released: a change to the schema is a new file.
"""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass
from importlib import resources

from .models import utc_now

TABLE = ("CREATE TABLE IF NOT EXISTS schema_migrations ("
         "version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)")
RECORD = "INSERT INTO schema_migrations (version, name, applied_at) VALUES ({0}, {0}, {0})"

_FILE_NAME = re.compile(r"^(\d{4})_([a-z0-9_]+)\.sql$")
_POSTGRES_LOCK = 7_131_416  # an advisory lock number of Glance's own: one migrating process at a time


@dataclass(frozen=True)
class Migration:
    version: int
    name: str
    sql: str

    def record_params(self) -> tuple[int, str, str]:
        return self.version, self.name, utc_now()


def all_migrations() -> list[Migration]:
    """Every migration shipped with this version of Glance, oldest first."""
    found = []
    for entry in resources.files(__package__).joinpath("migrations").iterdir():
        match = _FILE_NAME.match(entry.name)
        if match:
            found.append(Migration(int(match[1]), match[2], entry.read_text(encoding="utf-8")))
    found.sort(key=lambda migration: migration.version)
    versions = [migration.version for migration in found]
    if len(set(versions)) != len(versions):
        raise RuntimeError(f"two migrations share a number: {versions}")
    return found


def pending(applied: set[int]) -> list[Migration]:
    """The migrations a database that recorded `applied` still needs, in order."""
    return [migration for migration in all_migrations() if migration.version not in applied]


def apply_sqlite(conn: sqlite3.Connection) -> None:
    """Apply what a SQLite file lacks, in one write transaction (BEGIN IMMEDIATE takes the lock first)."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        conn.execute(TABLE)
        applied = {row[0] for row in conn.execute("SELECT version FROM schema_migrations")}
        for migration in pending(applied):
            for statement in _sqlite_statements(migration.sql):
                _execute_sqlite(conn, statement)
            conn.execute(RECORD.format("?"), migration.record_params())
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise


def apply_postgres(conn) -> None:
    """Apply what a PostgreSQL database lacks, in one transaction under an advisory lock (DDL is transactional)."""
    with conn.transaction():
        conn.execute("SELECT pg_advisory_xact_lock(%s)", (_POSTGRES_LOCK,))
        conn.execute(TABLE)
        applied = {row[0] for row in conn.execute("SELECT version FROM schema_migrations")}
        for migration in pending(applied):
            conn.execute(migration.sql)  # no parameters: psycopg sends the file's statements as one script
            conn.execute(RECORD.format("%s"), migration.record_params())


def _execute_sqlite(conn: sqlite3.Connection, statement: str) -> None:
    """One statement; an ADD COLUMN whose column exists counts as done (files made by the schema of
    before migrations already have it, and SQLite's ADD COLUMN has no IF NOT EXISTS)."""
    try:
        conn.execute(statement)
    except sqlite3.OperationalError as error:
        if not ("duplicate column name" in str(error) and "ADD COLUMN" in statement.upper()):
            raise


def _sqlite_statements(sql: str) -> list[str]:
    """A file split into statements (executescript would commit on its own, mid-transaction)."""
    statements, buffer = [], ""
    for line in sql.splitlines(keepends=True):
        buffer += line
        if sqlite3.complete_statement(buffer):
            statements.append(buffer.strip())
            buffer = ""
    if any(line.strip() and not line.strip().startswith("--") for line in buffer.splitlines()):
        raise RuntimeError("a migration ends in a statement without its ';'")
    return statements
