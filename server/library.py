"""The library web page: every video with cards, sorted and paged, full-text search, and export.

Server-rendered HTML (Flask's Jinja templates, one stylesheet, no JavaScript). Every read goes
through the Store (listing, search, the cards to export); file formats live in export.
"""

from __future__ import annotations

from dataclasses import asdict

from flask import Blueprint, Response, current_app, redirect, render_template, request, url_for

from .api import checked_video_id
from .errors import InvalidRequest, NotFound
from .export import FORMATS, file_name, render, watch_url, zip_of
from .markdown import timestamp
from .store import LIBRARY_SORTS, MARK_END, MARK_START, SearchHit, Store

bp = Blueprint("library", __name__)

PAGE_SIZE = 25
SORT_NAMES = {"summarized": "Summarized", "title": "Title", "channel": "Channel", "published": "Published",
              "duration": "Length"}
assert tuple(SORT_NAMES) == LIBRARY_SORTS
KIND_NAMES = {"title": "Title", "about": "About", "idea": "Idea", "quote": "Quote", "chapter": "Chapter",
              "topic": "Topics", "transcript": "Transcript"}


def store() -> Store:
    return current_app.extensions["glance.store"]


@bp.get("/")
def home():
    return redirect(url_for("library.library"))


@bp.get("/library")
def library():
    query = request.args.get("q", "").strip()
    page = _page_number()
    if query:
        if len(query) > 200:
            raise InvalidRequest("'q' is longer than 200 characters; search for fewer words.")
        total, hits = store().search_library(query, PAGE_SIZE, (page - 1) * PAGE_SIZE)
        return render_template("library.html", query=query, total=total, hits=[_hit(h) for h in hits],
                               page=page, pages=_pages(total), kinds=KIND_NAMES, sort=None)
    sort = request.args.get("sort", "summarized")
    if sort not in SORT_NAMES:
        raise InvalidRequest(f"'sort' must be one of {', '.join(SORT_NAMES)}.")
    order = request.args.get("order", "asc" if sort in ("title", "channel") else "desc")
    if order not in ("asc", "desc"):
        raise InvalidRequest("'order' must be asc or desc.")
    total = store().count_videos()
    videos = store().list_videos(sort, order == "desc", PAGE_SIZE, (page - 1) * PAGE_SIZE)
    return render_template("library.html", query="", total=total, videos=videos, page=page, pages=_pages(total),
                           sort=sort, order=order, sorts=SORT_NAMES)


@bp.get("/library/videos/<video_id>.md")
def export_one(video_id: str):
    video_id = checked_video_id(video_id)
    fmt = _format()
    cards = store().shown_cards([video_id])
    if not cards:
        raise NotFound("No cards are stored for this video.")
    return _download(render(cards[0], fmt).encode(), file_name(cards[0]), "text/markdown; charset=utf-8")


@bp.get("/library/export.zip")
def export_all():
    fmt = _format()
    body = zip_of(store().shown_cards(), fmt)
    return _download(body, f"glance-{fmt}.zip", "application/zip")


def _download(body: bytes, name: str, mimetype: str) -> Response:
    response = Response(body, mimetype=mimetype)
    response.headers.set("Content-Disposition", "attachment", filename=name)
    return response


def _format() -> str:
    fmt = request.args.get("format", "markdown")
    if fmt not in FORMATS:
        raise InvalidRequest(f"'format' must be {' or '.join(FORMATS)}.")
    return fmt


def _page_number() -> int:
    raw = request.args.get("page", "1")
    if not raw.isdigit() or not 1 <= int(raw) <= 100_000:
        raise InvalidRequest("'page' must be a whole number from 1.")
    return int(raw)


def _pages(total: int) -> int:
    return max(1, -(-total // PAGE_SIZE))


def _hit(hit: SearchHit) -> dict:
    """A search hit for the template: its link to the moment and its snippet as (text, matched) parts."""
    parts, marked = [], False
    for piece in hit.snippet.replace(MARK_END, MARK_START).split(MARK_START):
        if piece:
            parts.append((piece, marked))
        marked = not marked
    return {**asdict(hit), "parts": parts, "url": watch_url(hit.video_id, hit.start), "time": timestamp(hit.start)}


@bp.app_template_filter("clock")
def clock(seconds) -> str:
    return timestamp(float(seconds)) if seconds else ""
