-- The rate limit counts each request with its weight: a long sent transcript costs the summarizer
-- more than a short one. The unweighted hits are dropped (they held only the last minute anyway).
CREATE TABLE IF NOT EXISTS weighted_hits (
    client TEXT NOT NULL,
    at     DOUBLE PRECISION NOT NULL,  -- unix time
    cost   INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX IF NOT EXISTS weighted_hits_by_client ON weighted_hits (client, at);
DROP TABLE IF EXISTS rate_hits;
