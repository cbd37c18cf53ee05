"""Every setting with its default and a line of help; `GLANCE_<NAME>` overrides each."""

from __future__ import annotations

import math
import os

PREFIX = "GLANCE"

# (name, default, help). docs/configuration.md's settings table is checked against this list.
SETTINGS: list[tuple[str, object, str]] = [
    ("DATABASE", "instance/glance.db", "SQLite file holding transcripts and cards (created on first start)"),
    ("DATABASE_URL", None, "postgresql://user:password@host:5432/dbname: a PostgreSQL database instead of the SQLite file (a team server)"),
    ("DATABASE_POOL", 8, "most PostgreSQL connections one process keeps open"),
    ("SUMMARIZER", "extractive", "which summarizer writes new cards: extractive (offline) or llm"),
    ("ADMIN_TOKEN", None, "token for PUT/DELETE of cards (Authorization: Bearer ...); unset disables them"),
    ("AUTH", "open", "open: anyone who reaches the server may use it (one person's machine); tokens: writes, refreshes and generation need a token from `python -m server token create NAME`"),
    ("AUTH_READS", "open", "with GLANCE_AUTH=tokens: open lets anyone read stored cards and transcripts; tokens requires a token for reads too"),
    ("TRUSTED_PROXIES", 0, "reverse proxies in front of the server whose X-Forwarded-For/-Proto to believe (1 behind one nginx); 0: none"),
    ("ALLOWED_HOSTS", "", "host names the service answers to besides localhost, 127.0.0.1 and ::1, comma-separated"),
    ("ALLOWED_ORIGINS", "", "web origins allowed by CORS and to write, comma-separated, matched exactly (https://host[:port])"),
    ("EXTENSION_IDS", "", "Chrome extension ids allowed besides Glance's own (e.g. a store-published build), comma-separated"),
    ("MAX_BODY_BYTES", 5_000_000, "largest request body accepted, in bytes"),
    ("MAX_SEGMENTS", 30_000, "most transcript segments accepted in one body"),
    ("MAX_TRANSCRIPT_CHARS", 1_000_000, "most transcript characters accepted in one body"),
    ("LANGUAGES", "en", "preferred transcript languages for server-side fetches, comma-separated"),
    ("YOUTUBE_PROXY", None, "proxy URL (http://, https:// or socks5://) for fetching from YouTube"),
    ("YOUTUBE_TIMEOUT", 10.0, "seconds before one request to YouTube is given up"),
    ("GENERATION_WAIT", 600.0, "seconds a request waits for its cards (or a fetched transcript) before it gets an error; with the LLM at least GLANCE_LLM_JOB_BUDGET plus a minute"),
    ("REGENERATE", "local", "who may ask for new cards (refresh) and forget generated ones: local (requests from this machine), anyone, or admin (GLANCE_ADMIN_TOKEN)"),
    ("WORKERS", 2, "workers that make cards: processes beside `serve`'s gunicorn, threads of the process with --debug; 0: none (run `python -m server worker`)"),
    ("JOB_LEASE", 30.0, "seconds a worker holds a job without renewing it; a job of a dead worker is taken over after that"),
    ("RATE_LIMIT", 60, "requests per minute one client may make that fetch from YouTube or generate cards; 0 disables"),
    ("HOST", "127.0.0.1", "address `python -m server serve` listens on"),
    ("PORT", 8765, "port `python -m server serve` listens on"),
    ("PROCESSES", 2, "server processes `python -m server serve` starts (gunicorn workers)"),
    ("THREADS", 8, "request threads per server process; a request waiting for new cards holds one, so there are more than cores; idle and slow connections wait in a poller, not in a thread"),
    ("LLM_PROVIDER", "openai", "LLM wire format: openai (chat completions) or anthropic (messages)"),
    ("LLM_BASE_URL", None, "LLM API base URL (any OpenAI-compatible server); the provider's public API when unset"),
    ("LLM_MODEL", None, "model name sent to the LLM service; required with GLANCE_SUMMARIZER=llm"),
    ("LLM_API_KEY", None, "API key for the LLM service; never logged or returned"),
    ("LLM_TIMEOUT", 120.0, "seconds before one LLM request is given up"),
    ("LLM_MAX_OUTPUT_TOKENS", 4096, "most tokens the LLM may write per request"),
    ("LLM_CONTEXT_TOKENS", 128_000, "the model's context window; longer transcripts are split"),
    ("LLM_RETRIES", 2, "retries after a failed LLM request (timeouts, 429, 5xx, bad JSON)"),
    ("LLM_BACKOFF", 1.0, "seconds before the first LLM retry; doubles each time"),
    ("LLM_BACKOFF_MAX", 30.0, "longest wait between LLM retries, Retry-After included"),
    ("LLM_JSON_MODE", "schema", "structured output for openai: schema, object or none (steps down by itself)"),
    ("LLM_TEMPERATURE", 0.2, "LLM sampling temperature"),
    ("LLM_FALLBACK", None, "set to extractive to serve offline cards when the LLM fails"),
    ("LLM_CONCURRENCY", 0, "LLM requests in flight at once for one long video; 0: 1 for a server on this machine or network, 4 for a hosted API"),
    ("LLM_JOB_BUDGET", 1800.0, "seconds one video's LLM summary may take in all; then it stops and the fallback's cards stand"),
]

DEFAULTS = {name: default for name, default, _ in SETTINGS}


def as_list(value) -> list[str]:
    """A comma-separated setting (or a list) as a list of non-empty stripped strings."""
    if value is None:
        return []
    if isinstance(value, (list, tuple)):
        return [str(v).strip() for v in value if str(v).strip()]
    return [part.strip() for part in str(value).split(",") if part.strip()]


def environ_overrides(environ=os.environ) -> dict:
    """Settings given as GLANCE_<NAME>, typed like their defaults."""
    out = {}
    for name, default, _ in SETTINGS:
        raw = environ.get(f"{PREFIX}_{name}")
        if raw is None:
            continue
        out[name] = _typed(name, raw, default)
    return out


def _typed(name: str, raw: str, default):
    if isinstance(default, bool):
        return raw.strip().lower() in {"1", "true", "yes", "on"}
    if isinstance(default, (int, float)):
        try:
            value = type(default)(float(raw)) if isinstance(default, int) else float(raw)
            if not math.isfinite(value):
                raise ValueError
        except (ValueError, OverflowError):
            raise ValueError(f"{PREFIX}_{name} must be a number, not {raw!r}") from None
        if value < 0:
            raise ValueError(f"{PREFIX}_{name} must not be negative")
        return value
    return raw
