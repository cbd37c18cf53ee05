"""Glance's service: create_app() wires settings, storage, CORS, the summarizer and the API."""

from __future__ import annotations

import logging
from functools import partial
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from flask import Flask

__version__ = "0.1.0"
LOG_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


def create_app(test_config: dict | None = None, *, check_storage: bool = True) -> Flask:
    """Build the app: defaults, then GLANCE_* environment variables, then `test_config`.

    `check_storage` makes a database that cannot be written fail here, at start. The processes
    a running service starts again later (gunicorn's) pass False: they start while the disk is
    read-only or full, serve what can be read, and report it on /api/v1/health.
    """
    from flask import Flask  # here, not at the top: the command line's `summarize` runs without Flask

    from . import api, ask_api, auth, compression, cors, errors, guard, library, openapi, settings
    from .cards import CardMaker
    from .jobs import Jobs, WorkerPool
    from .ratelimit import RateLimiter
    from .store import open_store
    from .summarizers import make_summarizer

    app = Flask(__name__)
    app.config.from_mapping(settings.DEFAULTS)
    app.config.update(settings.environ_overrides())
    if test_config:
        app.config.update(test_config)
    app.config["MAX_CONTENT_LENGTH"] = int(app.config["MAX_BODY_BYTES"])
    if app.config["REGENERATE"] not in ("local", "anyone", "admin"):
        raise ValueError(f"GLANCE_REGENERATE must be local, anyone or admin, not {app.config['REGENERATE']!r}")
    app.json.sort_keys = False
    # A doubled slash is a 404 in the one error shape, not Werkzeug's HTML redirect to the merged path.
    app.url_map.merge_slashes = False
    logging.basicConfig(level=logging.INFO, format=LOG_FORMAT)

    errors.init_app(app)
    compression.init_app(app)
    guard.init_app(app)
    cors.init_app(app, guard.allowed_origins(app.config))

    # the folder, WAL and migrations (or the pool and migrations) once, here: a bad setting fails at start
    store = open_store(database_setting(app.config), pool_size=int(app.config["DATABASE_POOL"]))
    if check_storage:
        try:
            store.check_writable()
        except BaseException:
            store.close()
            raise
    jobs = Jobs(store, lease_seconds=float(app.config["JOB_LEASE"]))
    workers = int(app.config["WORKERS"])
    if workers:
        jobs.pool = WorkerPool(jobs, workers)  # threads start with the first job and stop when idle
    fetch = transcript_fetcher(app.config)
    app.extensions["glance.store"] = store
    app.extensions["glance.jobs"] = jobs
    summarizer = make_summarizer(app.config["SUMMARIZER"], app.config)
    app.extensions["glance.cards"] = CardMaker(
        store=store,
        jobs=jobs,
        summarizer=summarizer,
        fetch_transcript=fetch,
        wait_seconds=generation_wait(app.config, summarizer),
        # a slow summarizer gets the offline one beside it, for panels that want cards at once
        quick=None if summarizer.name == "extractive" else make_summarizer("extractive", app.config),
    )
    app.extensions["glance.ratelimit"] = RateLimiter(int(app.config["RATE_LIMIT"]), store)
    auth.init_app(app, store)
    proxies = int(app.config["TRUSTED_PROXIES"])
    if proxies:  # the client's address (rate limit, log) and scheme as the proxy saw them
        from werkzeug.middleware.proxy_fix import ProxyFix

        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=proxies, x_proto=proxies)
    app.register_blueprint(api.bp)
    ask_api.init_app(app)
    app.register_blueprint(openapi.bp)
    app.register_blueprint(library.bp)
    return app


def database_setting(config) -> str:
    """GLANCE_DATABASE_URL (PostgreSQL) when set, else the SQLite file of GLANCE_DATABASE."""
    return config.get("DATABASE_URL") or config["DATABASE"]


def generation_wait(config, summarizer) -> float:
    """How long a request waits for its cards: never less than the LLM's own time budget (plus a
    minute for the fallback and storing), so a waiting client does not give up on a job that is
    still allowed to run."""
    wait = float(config["GENERATION_WAIT"])
    budget = getattr(getattr(summarizer, "settings", None), "job_budget", None)
    return max(wait, float(budget) + 60.0) if budget else wait


def transcript_fetcher(config):
    """fetch(video_id, language) -> Transcript, from YouTube with the configured languages, timeout and proxy."""
    from . import settings

    return partial(
        _fetch_transcript,
        preferences=settings.as_list(config["LANGUAGES"]),
        timeout=float(config["YOUTUBE_TIMEOUT"]),
        proxy=config.get("YOUTUBE_PROXY") or None,
        http_client=config.get("YOUTUBE_HTTP_CLIENT"),  # tests only: a replay of YouTube
    )


def _fetch_transcript(video_id, language, *, preferences, timeout, proxy, http_client):
    """The wanted language first, then the configured preferences (transcripts.fetch tries the rest).

    The YouTube client stack is imported here, on the first fetch, not at start.
    """
    from .transcripts import fetch as fetcher

    languages = ([language] if language else []) + [code for code in preferences if code != language]
    return fetcher(video_id, languages, timeout=timeout, proxy=proxy, http_client=http_client)
