-- Glance's tables. Created on first start (CREATE ... IF NOT EXISTS); a Store is the only reader/writer.
-- Plain SQL that SQLite and PostgreSQL both accept, so every store has the same schema. Types mean the
-- same in both: DOUBLE PRECISION, since PostgreSQL's REAL is 4 bytes (unix times 128 s apart);
-- BYTEA, which PostgreSQL has instead of BLOB (SQLite keeps the bytes as they are).

-- The transcript a video's cards are made from, per language ('und' when unknown).
CREATE TABLE IF NOT EXISTS transcripts (
    video_id   TEXT NOT NULL,
    language   TEXT NOT NULL,
    kind       TEXT,                -- manual | generated | NULL
    source     TEXT NOT NULL,       -- player | panel | server | file | client
    body       BYTEA NOT NULL,      -- gzip of the served JSON (older rows: the JSON text)
    created_at TEXT NOT NULL,
    PRIMARY KEY (video_id, language)
);

-- Page metadata (title, channel, chapters...) last sent for a video.
CREATE TABLE IF NOT EXISTS videos (
    video_id   TEXT PRIMARY KEY,
    body       TEXT NOT NULL,       -- JSON: VideoInfo.to_dict()
    updated_at TEXT NOT NULL
);

-- Cards per video, language and summarizer; a curated row wins over a generated one.
CREATE TABLE IF NOT EXISTS cards (
    video_id   TEXT NOT NULL,
    language   TEXT NOT NULL,
    summarizer TEXT NOT NULL,
    origin     TEXT NOT NULL CHECK (origin IN ('generated', 'curated')),
    body       TEXT NOT NULL,       -- compact JSON: the cards exactly as served
    created_at TEXT NOT NULL,
    PRIMARY KEY (video_id, language, summarizer, origin)
);

-- A counter per video, raised in the same transaction as every save of its transcripts or
-- cards (and every delete of cards): copies made from them (the library's search index, Ask's
-- parsed transcripts) compare counters to know they are stale. No row yet: both are 0.
CREATE TABLE IF NOT EXISTS video_versions (
    video_id   TEXT PRIMARY KEY,
    transcript INTEGER NOT NULL DEFAULT 0,
    cards      INTEGER NOT NULL DEFAULT 0
);

-- Generation work (summaries, YouTube fetches). A worker holds a running job by a short lease
-- that it renews while it works; when the lease runs out (the worker died) another claims it.
CREATE TABLE IF NOT EXISTS jobs (
    id            TEXT PRIMARY KEY,
    key           TEXT NOT NULL,    -- the same work has the same key
    kind          TEXT NOT NULL,    -- cards | transcript
    video_id      TEXT NOT NULL,
    state         TEXT NOT NULL CHECK (state IN ('queued', 'running', 'done', 'failed')),
    payload       TEXT NOT NULL,    -- JSON: what the job needs besides the stored transcript
    progress      DOUBLE PRECISION NOT NULL DEFAULT 0,
    attempts      INTEGER NOT NULL DEFAULT 0,
    owner         TEXT,
    lease_until   DOUBLE PRECISION, -- unix time
    error_code    TEXT,
    error_message TEXT,
    result        TEXT,             -- cards JSON when done
    note          TEXT,             -- where the work is, for a panel: "part 2 of 4"
    created_at    DOUBLE PRECISION NOT NULL,
    updated_at    DOUBLE PRECISION NOT NULL
);
-- Single flight: at most one queued or running job per key, across every process.
CREATE UNIQUE INDEX IF NOT EXISTS jobs_one_active_per_key ON jobs (key) WHERE state IN ('queued', 'running');
CREATE INDEX IF NOT EXISTS jobs_by_state ON jobs (state, created_at);
CREATE INDEX IF NOT EXISTS jobs_by_video ON jobs (video_id, created_at);

-- Requests that fetched or generated, per client, for the rate limit shared by all processes.
-- A request may weigh several (a long sent transcript costs the summarizer more).
CREATE TABLE IF NOT EXISTS weighted_hits (
    client TEXT NOT NULL,
    at     DOUBLE PRECISION NOT NULL,  -- unix time
    cost   INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX IF NOT EXISTS weighted_hits_by_client ON weighted_hits (client, at);

-- Databases made before jobs had a note get the column in sqlite_store.py (ADD COLUMN has no IF NOT EXISTS).

-- Replaced by jobs.
DROP TABLE IF EXISTS generation_leases;
-- Replaced by weighted_hits (its rows had no cost; they held only the last minute anyway).
DROP TABLE IF EXISTS rate_hits;
