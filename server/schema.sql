-- Glance's tables. Created on first start (CREATE ... IF NOT EXISTS); a Store is the only reader/writer.
-- Plain SQL that SQLite and PostgreSQL both accept, so every store has the same schema.

-- The transcript a video's cards are made from, per language ('und' when unknown).
CREATE TABLE IF NOT EXISTS transcripts (
    video_id   TEXT NOT NULL,
    language   TEXT NOT NULL,
    kind       TEXT,                -- manual | generated | NULL
    source     TEXT NOT NULL,       -- player | panel | server | file | client
    body       BLOB NOT NULL,       -- gzip of the served JSON (older rows: the JSON text)
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
    progress      REAL NOT NULL DEFAULT 0,
    attempts      INTEGER NOT NULL DEFAULT 0,
    owner         TEXT,
    lease_until   REAL,             -- unix time
    error_code    TEXT,
    error_message TEXT,
    result        TEXT,             -- cards JSON when done
    created_at    REAL NOT NULL,
    updated_at    REAL NOT NULL
);
-- Single flight: at most one queued or running job per key, across every process.
CREATE UNIQUE INDEX IF NOT EXISTS jobs_one_active_per_key ON jobs (key) WHERE state IN ('queued', 'running');
CREATE INDEX IF NOT EXISTS jobs_by_state ON jobs (state, created_at);
CREATE INDEX IF NOT EXISTS jobs_by_video ON jobs (video_id, created_at);

-- Requests that fetched or generated, per client, for the rate limit shared by all processes.
-- A request may weigh several (a long sent transcript costs the summarizer more).
CREATE TABLE IF NOT EXISTS weighted_hits (
    client TEXT NOT NULL,
    at     REAL NOT NULL,           -- unix time
    cost   INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX IF NOT EXISTS weighted_hits_by_client ON weighted_hits (client, at);

-- Replaced by jobs.
DROP TABLE IF EXISTS generation_leases;
-- Replaced by weighted_hits (its rows had no cost; they held only the last minute anyway).
DROP TABLE IF EXISTS rate_hits;
