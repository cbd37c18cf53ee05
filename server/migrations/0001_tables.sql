-- Glance's tables: migration 1. Every store applies the migrations in this folder in order at start
-- and records each in schema_migrations (server/migrations.py). Plain SQL that SQLite and PostgreSQL
-- both accept, so both have the same schema: BYTEA (a blob in SQLite too), DOUBLE PRECISION (SQLite's
-- REAL; PostgreSQL's REAL has too few digits for a unix time). IF NOT EXISTS: databases made before
-- migrations were recorded already hold these tables.

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
    lease_until   DOUBLE PRECISION, -- unix time (the database's clock on PostgreSQL)
    error_code    TEXT,
    error_message TEXT,
    result        TEXT,             -- cards JSON when done
    created_at    DOUBLE PRECISION NOT NULL,
    updated_at    DOUBLE PRECISION NOT NULL
);
-- Single flight: at most one queued or running job per key, across every process.
CREATE UNIQUE INDEX IF NOT EXISTS jobs_one_active_per_key ON jobs (key) WHERE state IN ('queued', 'running');
CREATE INDEX IF NOT EXISTS jobs_by_state ON jobs (state, created_at);
CREATE INDEX IF NOT EXISTS jobs_by_video ON jobs (video_id, created_at);

-- Requests that fetched or generated, per client, for the rate limit shared by all processes
-- (replaced by weighted_hits in migration 5).
CREATE TABLE IF NOT EXISTS rate_hits (
    client TEXT NOT NULL,
    at     DOUBLE PRECISION NOT NULL -- unix time
);
CREATE INDEX IF NOT EXISTS rate_hits_by_client ON rate_hits (client, at);

-- Replaced by jobs.
DROP TABLE IF EXISTS generation_leases;
