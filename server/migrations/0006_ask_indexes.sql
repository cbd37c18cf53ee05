-- Ask's search index of each stored transcript (server/ask/index.py), so the first question in any
-- process reads it instead of parsing and indexing the transcript. `version` is the transcript's
-- transcript_version stamp when the index was built: readers ask for the current stamp, so the
-- index of a transcript saved again since is never used (the next build replaces it).
CREATE TABLE IF NOT EXISTS ask_indexes (
    video_id TEXT NOT NULL,
    language TEXT NOT NULL,             -- the transcript row's language (the stamp's own)
    version  TEXT NOT NULL,             -- the transcript_version stamp it was built from
    body     BYTEA NOT NULL,            -- zlib of the packed index
    PRIMARY KEY (video_id, language)
);
