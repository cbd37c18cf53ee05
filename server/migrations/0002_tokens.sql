-- Tokens of a shared server (GLANCE_AUTH=tokens), made with `python -m server token create NAME`.
-- Only a token's SHA-256 is kept: a token is 256 random bits, so a fast hash is as safe as a slow one
-- (slow salted hashes are for passwords people choose), and each request's check is one index look-up.
CREATE TABLE IF NOT EXISTS tokens (
    name       TEXT PRIMARY KEY,    -- who the token is for; requests are logged with it
    hash       TEXT NOT NULL UNIQUE,-- hex SHA-256 of the token
    created_at TEXT NOT NULL,
    revoked_at TEXT                 -- set by `token revoke`: the token no longer works
);
