"""The HTTP API, /api/v1: URL -> call -> JSON. No SQL, no YouTube, no summarizing here."""

from __future__ import annotations

import gzip
import hmac

from flask import Blueprint, Response, current_app, request

from . import __version__
from .cards import CardMaker
from .models import utc_now
from .errors import InvalidRequest, InvalidVideoId, NotFound, Unauthorized
from .validation import parse_cards, parse_language, parse_summary_body
from .video_ids import parse_video_id

bp = Blueprint("api", __name__, url_prefix="/api/v1")


def maker() -> CardMaker:
    return current_app.extensions["glance.cards"]


def checked_video_id(video_id: str) -> str:
    parsed = parse_video_id(video_id)
    if parsed is None or parsed != video_id:
        raise InvalidVideoId(f"'{video_id[:40]}' is not an 11-character YouTube video id.")
    return parsed


def limit_rate() -> None:
    current_app.extensions["glance.ratelimit"].check(current_app.extensions["glance.auth"].rate_client())


def before_generating() -> None:
    """Work is about to start (a fetch or a summary): a shared server wants a token, then the rate limit counts."""
    current_app.extensions["glance.auth"].require_writer()
    limit_rate()


def require_writer() -> None:
    current_app.extensions["glance.auth"].require_writer()


def json_text(text: str) -> Response:
    """A stored JSON text served as it is: no parsing and dumping again."""
    return Response(text, mimetype="application/json")


def gzip_json(body: bytes) -> Response:
    """Gzip-compressed JSON: sent compressed to clients that take gzip (no work at all), else unpacked."""
    if "gzip" in request.accept_encodings:
        response = Response(body, mimetype="application/json")
        response.headers["Content-Encoding"] = "gzip"
        response.vary.add("Accept-Encoding")
        return response
    return Response(gzip.decompress(body), mimetype="application/json")


def require_admin() -> None:
    token = current_app.config.get("ADMIN_TOKEN")
    header = request.headers.get("Authorization", "")
    given = header[7:] if header.startswith("Bearer ") else ""
    if not token or not hmac.compare_digest(given.encode(), str(token).encode()):
        raise Unauthorized()


def json_body():
    """The parsed JSON body (None when there is none); it must be sent as application/json.

    Requiring the JSON content type means a web page on another site cannot post to the
    service without a CORS preflight, which the CORS rules refuse.
    """
    if not request.get_data(cache=True):
        return None
    if not request.is_json:
        raise InvalidRequest("Send the body as JSON with 'Content-Type: application/json'.")
    body = request.get_json(silent=True)
    if body is None:
        raise InvalidRequest("The body is not valid JSON.")
    return body


@bp.get("/health")
def health():
    return {"status": "ok", "version": __version__, "summarizer": maker().summarizer.name}


@bp.get("/videos/<video_id>/summary")
def get_summary(video_id: str):
    video_id = checked_video_id(video_id)
    language = parse_language(request.args.get("lang"))
    if request.args.get("fetch") == "0":  # only what is stored: never fetches or generates
        stored = maker().stored_cards_json(video_id, language)
        if stored is None:
            raise NotFound("No cards are stored for this video yet.")
        return json_text(stored)
    return json_text(maker().get_cards_json(video_id, language=language, before_generating=before_generating))


@bp.post("/videos/<video_id>/summary")
def post_summary(video_id: str):
    video_id = checked_video_id(video_id)
    require_writer()  # it stores the page's metadata (and maybe a transcript) even when cards are stored
    body = json_body()
    transcript, video, refresh = parse_summary_body(body if body is not None else {}, video_id, current_app.config)
    language = parse_language(request.args.get("lang"))
    return json_text(maker().get_cards_json(video_id, language=language, transcript=transcript, video=video,
                                            refresh=refresh, before_generating=before_generating))


@bp.get("/videos/<video_id>/transcript")
def get_transcript(video_id: str):
    video_id = checked_video_id(video_id)
    language = parse_language(request.args.get("lang"))
    return gzip_json(maker().get_transcript_gzip(video_id, language, before_fetching=before_generating))


@bp.put("/videos/<video_id>/summary")
def put_summary(video_id: str):
    video_id = checked_video_id(video_id)
    require_admin()
    cards = parse_cards(json_body(), video_id)
    cards["meta"]["created_at"] = utc_now()
    return json_text(maker().store.save_cards(cards))


@bp.delete("/videos/<video_id>/summary")
def delete_summary(video_id: str):
    video_id = checked_video_id(video_id)
    require_admin()
    deleted = maker().store.delete_cards(video_id, parse_language(request.args.get("lang")))
    if not deleted:
        raise NotFound("No cards are stored for this video.")
    return {"deleted": deleted}
