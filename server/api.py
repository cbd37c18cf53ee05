"""The HTTP API, /api/v1: URL -> call -> JSON. No SQL, no YouTube, no summarizing here."""

from __future__ import annotations

import gzip
import hmac
import ipaddress
from functools import partial

from flask import Blueprint, Response, current_app, request

from . import __version__
from .guard import query_value, read_body
from .cards import CardMaker
from .compression import mark_stored
from .markdown import cards_to_markdown
from .models import utc_now
from .errors import InvalidRequest, InvalidVideoId, NotFound, StorageUnavailable, Unauthorized
from .store import STORE_UNAVAILABLE
from .summarizers import REGISTRY
from .validation import parse_cards, parse_language, parse_shown_cards, parse_summary_body
from .video_ids import parse_video_id

bp = Blueprint("api", __name__, url_prefix="/api/v1")


def maker() -> CardMaker:
    return current_app.extensions["glance.cards"]


def checked_video_id(video_id: str) -> str:
    parsed = parse_video_id(video_id)
    if parsed is None or parsed != video_id:
        raise InvalidVideoId(f"'{video_id[:40]}' is not an 11-character YouTube video id.")
    return parsed


# A sent transcript counts one request per this many characters (at least one), so the rate
# limit bounds the summarizer's work, not only the number of requests.
CHARS_PER_REQUEST = 100_000


def limit_rate(cost: int = 1) -> None:
    current_app.extensions["glance.ratelimit"].check(current_app.extensions["glance.auth"].rate_client(), cost)


def transcript_cost(transcript) -> int:
    if transcript is None:
        return 1
    return 1 + sum(len(segment.text) for segment in transcript.segments) // CHARS_PER_REQUEST


def before_generating(cost: int = 1) -> None:
    """Work is about to start (a fetch or a summary): a shared server wants a token, then the rate limit counts."""
    current_app.extensions["glance.auth"].require_writer()
    limit_rate(cost)


def require_writer() -> None:
    current_app.extensions["glance.auth"].require_writer()


def json_text(text: str) -> Response:
    """A stored JSON text served as it is: no parsing and dumping again (nor compressing again)."""
    body = text.encode()
    mark_stored(body)
    return Response(body, mimetype="application/json")


def gzip_json(body: bytes) -> Response:
    """Gzip-compressed JSON: sent compressed to clients that take gzip (no work at all), else unpacked."""
    if "gzip" in request.accept_encodings:
        response = Response(body, mimetype="application/json")
        response.headers["Content-Encoding"] = "gzip"
        response.vary.add("Accept-Encoding")
        return response
    return Response(gzip.decompress(body), mimetype="application/json")


def is_admin() -> bool:
    token = current_app.config.get("ADMIN_TOKEN")
    header = request.headers.get("Authorization", "")
    given = header[7:] if header.startswith("Bearer ") else ""
    return bool(token) and hmac.compare_digest(given.encode(), str(token).encode())


def require_admin() -> None:
    if not is_admin():
        raise Unauthorized()


def require_regenerate() -> None:
    """New cards on request, or forgetting generated ones: who may is GLANCE_REGENERATE.

    On a shared server (GLANCE_AUTH=tokens) a token comes first, as for every write; then
    GLANCE_REGENERATE says which of the token holders may ("anyone": every one of them).

    "local" means requests from this machine (the extension beside its own server); a shared
    server sets "admin", so only holders of the admin token can throw cards away.
    """
    require_writer()
    policy = current_app.config["REGENERATE"]
    if policy == "anyone" or is_admin():
        return
    if policy == "local" and is_loopback(request.remote_addr):
        return
    raise Unauthorized("This server lets only its administrator regenerate or forget cards.")


def is_loopback(address: str | None) -> bool:
    try:
        return ipaddress.ip_address(address or "").is_loopback
    except ValueError:
        return False


def wants_quick(args=None) -> bool:
    """`?quick=1`: answer at once with the offline cards while the (slow) summarizer writes its own."""
    return query_value("quick", args) == "1"


def json_body():
    """The parsed JSON body, which every POST and PUT must send as application/json.

    Requiring the JSON content type means a web page on another site cannot post to the
    service without a CORS preflight, which the CORS rules refuse; an empty body (what
    `navigator.sendBeacon` sends) is refused too.
    """
    raw = read_body()
    if not request.is_json:
        raise InvalidRequest("Send the body as JSON with 'Content-Type: application/json'.")
    if not raw.strip():
        raise InvalidRequest("The body is empty; send a JSON object ({} asks for the cards).")
    try:
        body = request.get_json(silent=True)
    except RecursionError:  # the JSON decoder recurses once per nesting level
        raise InvalidRequest("The body's JSON is nested too deeply.") from None
    if body is None:
        raise InvalidRequest("The body is not valid JSON.")
    return body


def parse_summarizer(name: str | None) -> str | None:
    if name is None or name in REGISTRY:
        return name
    raise InvalidRequest(f"'summarizer' must be one of {', '.join(REGISTRY)}.")


@bp.get("/health")
def health():
    """200 while stored cards can be served (`store` says whether writing works too), else 503.

    A load balancer that checks only the status keeps a read-only node, which still serves
    every stored card, and drops one that cannot read its database.
    """
    store = maker().store.health()
    if store == STORE_UNAVAILABLE:
        raise StorageUnavailable("Glance cannot read its database right now (it may be missing or its disk failed); "
                                 "try again in a minute.")
    return {"status": "ok", "store": store, "version": __version__, "summarizer": maker().summarizer.name}


@bp.get("/videos/<video_id>/summary")
def get_summary(video_id: str):
    video_id = checked_video_id(video_id)
    args = request.args  # looked up once: each `request` is a context lookup
    language = parse_language(query_value("lang", args))
    quick = wants_quick(args)
    if query_value("fetch", args) == "0":  # only what is stored: never fetches or generates
        stored = maker().stored_cards_json(video_id, language, parse_summarizer(query_value("summarizer", args)),
                                           quick=quick)
        if stored is None:
            raise NotFound("No cards are stored for this video yet.")
        return json_text(stored)
    make = maker().quick_cards_json if quick else maker().get_cards_json
    return json_text(make(video_id, language=language, before_generating=before_generating))


@bp.get("/videos/<video_id>/summary/status")
def get_summary_status(video_id: str):
    """Where the video's background summary is; a panel polls this (docs/summarizers.md says why not SSE)."""
    return maker().status(checked_video_id(video_id))


@bp.post("/videos/<video_id>/summary")
def post_summary(video_id: str):
    video_id = checked_video_id(video_id)
    require_writer()  # it stores the page's metadata (and maybe a transcript) even when cards are stored
    transcript, video, refresh = parse_summary_body(json_body(), video_id, current_app.config)
    language = parse_language(request.args.get("lang"))
    if refresh:
        require_regenerate()
    make = maker().quick_cards_json if wants_quick() else maker().get_cards_json
    return json_text(make(video_id, language=language, transcript=transcript, video=video,
                          refresh=refresh,
                          before_generating=partial(before_generating, transcript_cost(transcript))))


@bp.post("/videos/<video_id>/markdown")
def post_markdown(video_id: str):
    """The cards in the body (as a summary endpoint served them) as Markdown, `{"markdown": text}`.

    The panel's Copy all asks for this, so the service's writer is the only Markdown writer; it
    reads only the body, never the store, so cards that were not stored (a fallback's) copy too.
    """
    cards = parse_shown_cards(json_body(), checked_video_id(video_id))
    return {"markdown": cards_to_markdown(cards)}


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
    origin = request.args.get("origin")
    if origin not in (None, "generated"):
        raise InvalidRequest("'origin' may only be 'generated' (leave it out to forget every card set).")
    if origin == "generated":  # what the panel's "Forget" asks for: curated cards stay
        require_regenerate()
    else:
        require_admin()
    deleted = maker().store.delete_cards(video_id, parse_language(request.args.get("lang")), origin)
    if not deleted:
        raise NotFound("No cards are stored for this video.")
    return {"deleted": deleted}
