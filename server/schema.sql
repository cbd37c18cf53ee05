-- Glance's tables. Created on first start (CREATE ... IF NOT EXISTS); db.py is the only reader/writer.

-- The transcript a video's cards are made from, per language ('und' when unknown).
CREATE TABLE IF NOT EXISTS transcripts (
    video_id   TEXT NOT NULL,
    language   TEXT NOT NULL,
    kind       TEXT,                -- manual | generated | NULL
    source     TEXT NOT NULL,       -- player | panel | server | file | client
    body       TEXT NOT NULL,       -- JSON: Transcript.to_dict()
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
    body       TEXT NOT NULL,       -- JSON: the cards exactly as served
    created_at TEXT NOT NULL,
    PRIMARY KEY (video_id, language, summarizer, origin)
);

-- Who is generating which cards right now, so several server processes generate once.
CREATE TABLE IF NOT EXISTS generation_leases (
    key        TEXT PRIMARY KEY,
    owner      TEXT NOT NULL,
    expires_at REAL NOT NULL        -- unix time; an expired lease may be taken over
);
