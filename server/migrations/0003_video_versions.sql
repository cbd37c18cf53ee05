-- A counter per video, raised in the same transaction as every save of its transcripts or
-- cards (and every delete of cards): copies made from them (the library's search index, Ask's
-- parsed transcripts) compare counters to know they are stale. No row yet: both are 0.
CREATE TABLE IF NOT EXISTS video_versions (
    video_id   TEXT PRIMARY KEY,
    transcript INTEGER NOT NULL DEFAULT 0,
    cards      INTEGER NOT NULL DEFAULT 0
);
