"""Turning whatever a user pastes (a link or an id) into YouTube's 11-character video id."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

VIDEO_ID = re.compile(r"[A-Za-z0-9_-]{11}")

_YOUTUBE_HOSTS = {"youtube.com", "www.youtube.com", "m.youtube.com", "music.youtube.com",
                  "youtube-nocookie.com", "www.youtube-nocookie.com"}
_SHORT_HOSTS = {"youtu.be", "www.youtu.be"}
# Path forms that carry the id as the next path part: /shorts/ID, /embed/ID, /live/ID, /v/ID.
_PATH_PREFIXES = {"shorts", "embed", "live", "v", "e"}


def is_video_id(value: str) -> bool:
    return bool(VIDEO_ID.fullmatch(value))


def parse_video_id(value: str) -> str | None:
    """Return the video id in `value` (a bare id or any YouTube watch link), else None."""
    if not isinstance(value, str):
        return None
    text = value.strip()
    if is_video_id(text):
        return text
    if "://" not in text and re.match(r"^(www\.|m\.|music\.)?(youtube\.com|youtu\.be|youtube-nocookie\.com)/", text):
        text = "https://" + text
    try:
        parts = urlsplit(text)
    except ValueError:
        return None
    if parts.scheme not in {"http", "https"}:
        return None
    host = (parts.hostname or "").lower()
    path = [p for p in parts.path.split("/") if p]
    candidate = None
    if host in _SHORT_HOSTS:
        candidate = path[0] if len(path) == 1 else None
    elif host in _YOUTUBE_HOSTS:
        if path == ["watch"]:
            ids = parse_qs(parts.query).get("v", [])
            candidate = ids[0] if len(ids) == 1 else None
        elif len(path) == 2 and path[0] in _PATH_PREFIXES:
            candidate = path[1]
    return candidate if candidate and is_video_id(candidate) else None
