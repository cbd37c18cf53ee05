"""Reading a transcript file for the command line: JSON segments, the corpus format, WebVTT or SRT.

A WebVTT file's header may name its language (`Language: en`, as YouTube's and yt-dlp's files do),
and Glance also reads `Title:` and `Channel:` there, so a saved talk keeps its name.
"""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

_CUE_TIME = re.compile(
    r"(?P<start>(?:\d+:)?\d{1,2}:\d{2}[.,]\d{1,3})\s*-->\s*(?P<end>(?:\d+:)?\d{1,2}:\d{2}[.,]\d{1,3})"
)
_TAG = re.compile(r"<[^>]+>")
_HEADER_FIELD = re.compile(r"^(?P<key>Language|Title|Channel)\s*:\s*(?P<value>.+?)\s*$", re.IGNORECASE)


class TranscriptFileError(ValueError):
    """The file cannot be read as a transcript; the message says why."""


def read_transcript_file(path: str | Path) -> tuple[dict, dict]:
    """Return (transcript body, video body) as the POST endpoint would receive them."""
    path = Path(path)
    text = read_text(path)
    suffix = path.suffix.lower()
    if suffix in {".vtt", ".srt"}:
        header = vtt_header(text) if suffix == ".vtt" else {}
        try:
            segments = parse_cues(text)
        except TranscriptFileError as error:
            raise TranscriptFileError(f"{path}: {error}") from None
        return {"segments": segments, "kind": None, "language": header.pop("language", None)}, header
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise TranscriptFileError(f"{path} is not JSON, WebVTT (.vtt) or SRT (.srt): {error}") from None
    return _from_json(data, path)


def read_text(path: str | Path) -> str:
    """A file the user named, as text; the error says what is wrong in plain words, without errno numbers."""
    path = Path(path)
    try:
        return path.read_text(encoding="utf-8-sig")
    except OSError as error:
        raise TranscriptFileError(f"cannot read {path}: {error.strerror or error}") from None
    except UnicodeDecodeError:
        raise TranscriptFileError(f"cannot read {path}: it is not UTF-8 text") from None


def _from_json(data, path: Path) -> tuple[dict, dict]:
    if isinstance(data, list):
        return {"segments": data}, {}
    if not isinstance(data, dict):
        raise TranscriptFileError(f"{path}: expected a list of segments or an object with 'segments'")
    if "transcript" in data and isinstance(data["transcript"], dict):  # a POST body
        return data["transcript"], data.get("video") or {}
    segments = data.get("segments")
    if segments is None and isinstance(data.get("turns"), list):  # speaker turns, some without times
        segments = _turns_to_segments(data["turns"])
    if not isinstance(segments, list):
        raise TranscriptFileError(f"{path}: no 'segments' list")
    kind = data.get("kind")
    if kind is None and "transcript_kind" in data:
        kind = "generated" if "youtube_asr" in str(data["transcript_kind"]) else "manual"
    video = {key: data[key] for key in ("title", "channel", "published", "duration", "description") if key in data}
    if isinstance(data.get("chapters"), list):
        video["chapters"] = data["chapters"]
    return {"segments": segments, "language": data.get("language"), "kind": kind}, video


def _turns_to_segments(turns: list) -> list[dict]:
    """Speaker turns to segments; a turn without a time starts where the one before did."""
    segments, last = [], 0.0
    for i, turn in enumerate(turns):
        if not isinstance(turn, dict):
            raise TranscriptFileError(f"turns[{i}] is not an object with start, speaker and text")
        start = turn.get("start")
        if start is not None and (isinstance(start, bool) or not isinstance(start, (int, float))):
            raise TranscriptFileError(f"turns[{i}].start is not a number of seconds")
        start = float(start) if start is not None else last
        last = start
        segments.append({"start": start, "duration": 0.0, "text": turn.get("text", ""), "speaker": turn.get("speaker")})
    return segments


def vtt_header(text: str) -> dict:
    """`language`, `title` and `channel` from the lines between `WEBVTT` and the first blank line."""
    lines = text.replace("\r\n", "\n").split("\n")
    if not lines or not lines[0].startswith("WEBVTT"):
        return {}
    fields = {}
    for line in lines[1:]:
        if not line.strip() or "-->" in line:
            break
        match = _HEADER_FIELD.match(line)
        if match:
            fields.setdefault(match["key"].lower(), match["value"])
    return fields


def parse_cues(text: str) -> list[dict]:
    """Segments from WebVTT or SRT cues; tags and entities removed, empty cues dropped."""
    segments = []
    for block in re.split(r"\n\s*\n", text.replace("\r\n", "\n")):
        lines = block.strip().split("\n")
        for i, line in enumerate(lines):
            match = _CUE_TIME.search(line)
            if match:
                start, end = _seconds(match["start"]), _seconds(match["end"])
                body = html.unescape(_TAG.sub("", " ".join(lines[i + 1:]))).strip()
                if body:
                    segments.append({"start": start, "duration": max(0.0, end - start), "text": body})
                break
    if not segments:
        raise TranscriptFileError("no cues with times found")
    return segments


def _seconds(stamp: str) -> float:
    parts = stamp.replace(",", ".").split(":")
    seconds = 0.0
    for part in parts:
        seconds = seconds * 60 + float(part)
    return seconds

