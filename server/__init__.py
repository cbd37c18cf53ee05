"""Glance's service: create_app() wires settings, storage, CORS, the summarizer and the API."""

from __future__ import annotations

import logging
from functools import partial

from flask import Flask
from flask_cors import CORS

__version__ = "0.1.0"


def create_app(test_config: dict | None = None) -> Flask:
    """Build the app: defaults, then GLANCE_* environment variables, then `test_config`."""
    from . import api, db, errors, guard, settings, transcripts
    from .cards import CardMaker
    from .ratelimit import RateLimiter
    from .summarizers import make_summarizer

    app = Flask(__name__)
    app.config.from_mapping(settings.DEFAULTS)
    app.config.update(settings.environ_overrides())
    if test_config:
        app.config.update(test_config)
    app.config["MAX_CONTENT_LENGTH"] = int(app.config["MAX_BODY_BYTES"])
    app.json.sort_keys = False
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")

    errors.init_app(app)
    db.init_app(app)
    guard.init_app(app)
    CORS(app, resources={r"/api/*": {"origins": guard.allowed_origins(app.config)}},
         allow_headers=["Content-Type", "Authorization"], methods=["GET", "POST", "PUT", "DELETE"])

    fetch = partial(
        _fetch_transcript,
        preferences=settings.as_list(app.config["LANGUAGES"]),
        timeout=float(app.config["YOUTUBE_TIMEOUT"]),
        proxy=app.config.get("YOUTUBE_PROXY") or None,
        http_client=app.config.get("YOUTUBE_HTTP_CLIENT"),  # tests only: a replay of YouTube
        fetcher=transcripts.fetch,
    )
    app.extensions["glance.cards"] = CardMaker(
        database=app.config["DATABASE"],
        summarizer=make_summarizer(app.config["SUMMARIZER"], app.config),
        fetch_transcript=fetch,
        wait_seconds=float(app.config["GENERATION_WAIT"]),
    )
    app.extensions["glance.ratelimit"] = RateLimiter(int(app.config["RATE_LIMIT"]))
    app.register_blueprint(api.bp)
    return app


def _fetch_transcript(video_id, language, *, preferences, timeout, proxy, http_client, fetcher):
    """The wanted language first, then the configured preferences (transcripts.fetch tries the rest)."""
    languages = ([language] if language else []) + [code for code in preferences if code != language]
    return fetcher(video_id, languages, timeout=timeout, proxy=proxy, http_client=http_client)
