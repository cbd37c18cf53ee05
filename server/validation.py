"""Checking request bodies against the contract; every failure names the field."""

from __future__ import annotations

import math
import re
from typing import Mapping

from . import card_schema as schema
from .errors import InvalidRequest, NoTranscript
from .models import TRANSCRIPT_KINDS, TRANSCRIPT_SOURCES, Chapter, Segment, Transcript, VideoInfo

# Control characters, and lone surrogates (JSON's "\\ud800" escapes decode to them; they are
# not text and cannot be stored as UTF-8).
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff]")
_LANGUAGE = re.compile(r"[A-Za-z]{2,3}([-_][A-Za-z0-9]{1,8})*")
MAX_TITLE = 500
MAX_DESCRIPTION = 20_000
MAX_CHAPTERS = 500
MAX_SEGMENT_CHARS = 50_000  # a whole speaker turn of a podcast transcript can be long
MAX_SECONDS = 7 * 24 * 3600
SHORT = 200  # meta's names and a person's role in curated cards


def clean_text(value: str) -> str:
    """Drop control characters and lone surrogates (a hostile transcript may carry them); keep the rest as text."""
    return _CONTROL.sub("", value).replace("\r", " ")


def parse_language(value, field: str = "lang") -> str | None:
    if value in (None, ""):
        return None
    if not isinstance(value, str) or not _LANGUAGE.fullmatch(value) or len(value) > 20:
        raise InvalidRequest(f"'{field}' must be a language code such as 'en' or 'pt-BR'.")
    return value.replace("_", "-").lower()  # one spelling per language: en-US, en_us and EN-us are en-us


def parse_summary_body(body, video_id: str, limits: Mapping) -> tuple[Transcript | None, VideoInfo, bool]:
    """Validate a POST body; return (transcript or None when none was sent, video info, refresh)."""
    if not isinstance(body, dict):
        raise InvalidRequest("The body must be a JSON object.")
    unknown = set(body) - {"transcript", "video", "refresh"}
    if unknown:
        raise InvalidRequest(f"Unknown field '{sorted(unknown)[0]}' in the body.")
    refresh = body.get("refresh", False)
    if not isinstance(refresh, bool):
        raise InvalidRequest("'refresh' must be true or false.")
    video = parse_video(body.get("video"), video_id)
    raw = body.get("transcript")
    transcript = None if raw is None else parse_transcript(raw, limits)
    return transcript, video, refresh


def parse_transcript(raw, limits: Mapping) -> Transcript:
    """Validate a transcript object; an empty one is `no_transcript`, not a bad request."""
    if not isinstance(raw, dict):
        raise InvalidRequest("'transcript' must be an object with 'segments'.")
    segments_raw = raw.get("segments")
    if not isinstance(segments_raw, list):
        raise InvalidRequest("'transcript.segments' must be a list.")
    if len(segments_raw) > int(limits["MAX_SEGMENTS"]):
        raise InvalidRequest(f"'transcript.segments' has more than {limits['MAX_SEGMENTS']} segments.")
    kind = raw.get("kind")
    if kind is not None and kind not in TRANSCRIPT_KINDS:
        raise InvalidRequest("'transcript.kind' must be 'manual', 'generated' or null.")
    source = raw.get("source") or "client"
    if source not in TRANSCRIPT_SOURCES:
        raise InvalidRequest(f"'transcript.source' must be one of {', '.join(TRANSCRIPT_SOURCES)}.")
    language = parse_language(raw.get("language"), "transcript.language")
    partial = raw.get("partial", False)
    if not isinstance(partial, bool):
        raise InvalidRequest("'transcript.partial' must be true or false.")
    segments, total_chars = [], 0
    for i, item in enumerate(segments_raw):
        segment = _parse_segment(item, f"transcript.segments[{i}]")
        total_chars += len(segment.text)
        if segment.text.strip():
            segments.append(segment)
    if total_chars > int(limits["MAX_TRANSCRIPT_CHARS"]):
        raise InvalidRequest(f"'transcript.segments' holds more than {limits['MAX_TRANSCRIPT_CHARS']} characters.")
    if not segments:
        raise NoTranscript("The transcript that was sent is empty.")
    segments.sort(key=lambda s: s.start)
    return Transcript(tuple(segments), language, kind, source, partial)


def _parse_segment(item, field: str) -> Segment:
    if not isinstance(item, dict):
        raise InvalidRequest(f"'{field}' must be an object with start, duration and text.")
    start = _seconds(item.get("start"), f"{field}.start", required=True)
    duration = _seconds(item.get("duration", 0.0), f"{field}.duration", required=False) or 0.0
    text = item.get("text")
    if not isinstance(text, str):
        raise InvalidRequest(f"'{field}.text' must be a string.")
    if len(text) > MAX_SEGMENT_CHARS:
        raise InvalidRequest(f"'{field}.text' is longer than {MAX_SEGMENT_CHARS} characters.")
    speaker = item.get("speaker")
    if speaker is not None and (not isinstance(speaker, str) or len(speaker) > 200):
        raise InvalidRequest(f"'{field}.speaker' must be a short string or null.")
    speaker = clean_text(speaker).strip() or None if speaker else None
    return Segment(start, duration, " ".join(clean_text(text).split()), speaker)


def _seconds(value, field: str, *, required: bool) -> float | None:
    if value is None and not required:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise InvalidRequest(f"'{field}' must be a number of seconds.")
    if isinstance(value, int) and not 0 <= value <= MAX_SECONDS:  # a huge int has no float
        raise InvalidRequest(f"'{field}' must be a finite, non-negative number of seconds.")
    value = float(value)
    if not math.isfinite(value) or value < 0 or value > MAX_SECONDS:
        raise InvalidRequest(f"'{field}' must be a finite, non-negative number of seconds.")
    return value


def parse_video(raw, video_id: str) -> VideoInfo:
    """Validate the optional page metadata; every field may be missing or null."""
    if raw is None:
        return VideoInfo(video_id)
    if not isinstance(raw, dict):
        raise InvalidRequest("'video' must be an object.")
    out = {}
    for key, limit in (("title", MAX_TITLE), ("channel", MAX_TITLE), ("published", 40), ("description", MAX_DESCRIPTION)):
        value = raw.get(key)
        if value is None:
            continue
        if not isinstance(value, str):
            raise InvalidRequest(f"'video.{key}' must be a string.")
        out[key] = clean_text(value)[:limit].strip() or None
    duration = _seconds(raw.get("duration"), "video.duration", required=False)
    chapters = _parse_chapters(raw.get("chapters"), duration)
    return VideoInfo(video_id, out.get("title"), out.get("channel"), out.get("published"), duration,
                     out.get("description"), chapters)


def _parse_chapters(raw, duration: float | None) -> tuple[Chapter, ...]:
    if raw is None:
        return ()
    if not isinstance(raw, list) or len(raw) > MAX_CHAPTERS:
        raise InvalidRequest(f"'video.chapters' must be a list of at most {MAX_CHAPTERS} chapters.")
    chapters = []
    for i, item in enumerate(raw):
        field = f"video.chapters[{i}]"
        if not isinstance(item, dict) or not isinstance(item.get("title"), str):
            raise InvalidRequest(f"'{field}' must be an object with start and title.")
        start = _seconds(item.get("start"), f"{field}.start", required=True)
        if duration is not None and start > duration:
            raise InvalidRequest(f"'{field}.start' lies after the end of the video.")
        chapters.append(Chapter(start, clean_text(item["title"]).strip()[:MAX_TITLE]))
    chapters.sort(key=lambda c: c.start)
    return tuple(chapters)


def parse_cards(raw, video_id: str) -> dict:
    """Validate curated cards (PUT or import) and return them in the served shape, origin curated."""
    if not isinstance(raw, dict):
        raise InvalidRequest("Cards must be a JSON object.")
    if raw.get("video_id") not in (None, video_id):
        raise InvalidRequest("'video_id' in the body does not match the video in the URL.")
    about = raw.get("about")
    if not isinstance(about, dict):
        raise InvalidRequest("'about.headline' must be a string.")
    meta_in = raw.get("meta") if raw.get("meta") is not None else {}
    if not isinstance(meta_in, dict):
        raise InvalidRequest("'meta' must be an object.")
    cards = {"video_id": video_id, "video": _curated_video(raw.get("video"))}
    for section in schema.SECTIONS:
        cards[section.name] = _curated_section(section, raw)
    cards.update({
        "meta": {
            "origin": "curated",
            "summarizer": _text(meta_in.get("summarizer"), "meta.summarizer", SHORT, required=False) or "curated",
            "version": _text(meta_in.get("version"), "meta.version", SHORT, required=False) or "1",
            "language": parse_language(meta_in.get("language"), "meta.language"),
            "transcript": meta_in.get("transcript") if meta_in.get("transcript") in TRANSCRIPT_KINDS else None,
            "transcript_source": meta_in.get("transcript_source") if meta_in.get("transcript_source") in TRANSCRIPT_SOURCES else None,
            "partial": False,
            "created_at": None,
        },
    })
    cards["chapters"].sort(key=lambda c: c["start"])
    duration = cards["video"]["duration"]
    for section in schema.timed_sections():
        field = section.name
        for i, item in enumerate(cards[field]):
            if duration is not None and item["start"] > duration:
                raise InvalidRequest(f"'{field}[{i}].start' lies after the end of the video.")
    return cards


def parse_shown_cards(raw, video_id: str) -> dict:
    """Cards as a summary endpoint may serve them, read for rendering (the panel's Copy all): any
    optional field may be null or left out and an item's time may be unknown; wrong types and
    texts past the card schema's limits are still clear errors."""
    if not isinstance(raw, dict):
        raise InvalidRequest("Cards must be a JSON object.")
    if raw.get("video_id") not in (None, video_id):
        raise InvalidRequest("'video_id' in the body does not match the video in the URL.")
    if raw.get("video") is not None and not isinstance(raw["video"], dict):
        raise InvalidRequest("'video' must be an object.")
    cards = {"video_id": video_id, "video": _curated_video(raw.get("video"))}
    for section in schema.SECTIONS:
        value = raw.get(section.name)
        if section.shape == "about":
            about = value if value is not None else {}
            if not isinstance(about, dict):
                raise InvalidRequest("'about' must be an object.")
            cards["about"] = {
                "headline": _text(about.get("headline"), "about.headline", schema.HEADLINE.longest, required=False),
                "points": _strings(about.get("points") or [], "about.points", section.curated_most, schema.POINTS.longest)}
        elif section.shape == "strings":
            cards[section.name] = _strings(value or [], section.name, section.curated_most, section.longest)
        else:
            cards[section.name] = _items(value or [], section, lenient=True)
    return cards


def _curated_section(section: schema.Section, raw: dict):
    """One section of curated cards, checked against the card schema's fields and limits."""
    if section.shape == "about":  # parse_cards checked that it is an object
        about = raw["about"]
        return {"headline": _text(about.get("headline"), "about.headline", schema.HEADLINE.longest),
                "points": _strings(about.get("points", []), "about.points", section.curated_most, schema.POINTS.longest)}
    value = raw.get(section.name, [])
    if section.shape == "strings":
        return _strings(value, section.name, section.curated_most, section.longest)
    return _items(value, section)


def _text(value, field: str, limit: int, *, required: bool = True) -> str | None:
    """A string field of curated cards, cleaned; too long or not a string is a clear error."""
    if value is None and not required:
        return None
    if not isinstance(value, str):
        raise InvalidRequest(f"'{field}' must be a string.")
    if len(value) > limit:
        raise InvalidRequest(f"'{field}' is longer than {limit} characters.")
    return clean_text(value)


def _curated_video(raw) -> dict:
    raw = raw if isinstance(raw, dict) else {}
    people = raw.get("people") or []
    if (not isinstance(people, list) or len(people) > schema.PEOPLE_MOST
            or not all(isinstance(p, dict) and isinstance(p.get("name"), str) for p in people)):
        raise InvalidRequest(f"'video.people' must be a list of at most {schema.PEOPLE_MOST} {{name, role}}.")
    info = parse_video({k: raw.get(k) for k in ("title", "channel", "published", "duration")}, "")
    short = schema.PEOPLE_LONGEST
    return {"title": info.title, "channel": info.channel, "published": info.published, "duration": info.duration,
            "people": [{"name": _text(p["name"], f"video.people[{i}].name", short),
                        "role": _text(p.get("role"), f"video.people[{i}].role", short, required=False)
                        if isinstance(p.get("role"), str) else None}
                       for i, p in enumerate(people)]}


def _strings(raw, field: str, most: int, longest: int) -> list[str]:
    if not isinstance(raw, list) or len(raw) > most or not all(isinstance(v, str) for v in raw):
        raise InvalidRequest(f"'{field}' must be a list of at most {most} strings.")
    return [_text(v, f"{field}[{i}]", longest) for i, v in enumerate(raw)]


def _items(raw, section: schema.Section, lenient: bool = False) -> list[dict]:
    """Items in the served key order: required texts, optional texts, then `start`.

    `lenient` (cards read for rendering) lets every text and the start be null or missing."""
    field, most = section.name, section.curated_most
    if not isinstance(raw, list) or len(raw) > most:
        raise InvalidRequest(f"'{field}' must be a list of at most {most} items.")
    texts = sorted(section.text_fields, key=lambda f: not f.required)
    items = []
    for i, item in enumerate(raw):
        name = f"{field}[{i}]"
        if not isinstance(item, dict):
            raise InvalidRequest(f"'{name}' must be an object.")
        out = {}
        for f in texts:
            value = _text(item.get(f.name), f"{name}.{f.name}", f.longest, required=f.required and not lenient)
            out[f.name] = value if f.required and not lenient else value or None
        out["start"] = _seconds(item.get("start"), f"{name}.start", required=not lenient)
        items.append(out)
    return items
