"""Cards as files: Markdown (as the panel's Copy all), Obsidian notes with YAML front matter, a zip of many."""

from __future__ import annotations

import io
import re
import zipfile


from .markdown import cards_to_markdown, timestamp

FORMATS = ("markdown", "obsidian")
_UNSAFE = re.compile(r'[\\/:*?"<>|#^\[\]\x00-\x1f]+')  # not allowed in file names, or in Obsidian note names


def watch_url(video_id: str, seconds: float | None = None) -> str:
    return f"https://www.youtube.com/watch?v={video_id}" + (f"&t={int(seconds)}" if seconds is not None else "")


def tag(topic: str) -> str:
    """An Obsidian tag: letters, digits, - and _ only, no spaces ("machine learning" -> machine-learning)."""
    cleaned = re.sub(r"[^\w-]+", "-", topic.strip().lower()).strip("-_")
    return cleaned if cleaned and not cleaned.isdigit() else ""


def front_matter(cards: dict) -> dict:
    video = cards.get("video") or {}
    meta = cards.get("meta") or {}
    tags = list(dict.fromkeys(t for t in (tag(topic) for topic in cards.get("topics") or []) if t))
    return {
        "title": video.get("title") or cards["video_id"],
        "channel": video.get("channel"),
        "url": watch_url(cards["video_id"]),
        "date": video.get("published"),
        "duration": timestamp(video["duration"]) if video.get("duration") else None,
        "tags": ["youtube", *tags],
        "summarized": meta.get("created_at"),
        "summarizer": meta.get("summarizer"),
    }


def to_obsidian(cards: dict) -> str:
    """An Obsidian-ready note: YAML front matter (safe_dump, so any title stays valid YAML), then the Markdown."""
    known = {key: value for key, value in front_matter(cards).items() if value is not None}
    import yaml  # here, not at import: only Obsidian notes need it

    header = yaml.safe_dump(known, sort_keys=False, allow_unicode=True, width=1000)
    return f"---\n{header}---\n\n{cards_to_markdown(cards)}"


def render(cards: dict, fmt: str) -> str:
    return to_obsidian(cards) if fmt == "obsidian" else cards_to_markdown(cards)


def file_name(cards: dict) -> str:
    """'Title (VIDEOID).md': readable, unique per video, safe on every file system."""
    title = _UNSAFE.sub(" ", (cards.get("video") or {}).get("title") or "").strip(" .")
    title = " ".join(title.split())[:100].rstrip(" .")
    return f"{title} ({cards['video_id']}).md" if title else f"{cards['video_id']}.md"


def zip_of(all_cards: list[dict], fmt: str) -> bytes:
    """One file per video in a zip (deflated), named by file_name()."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for cards in all_cards:
            archive.writestr(file_name(cards), render(cards, fmt))
    return buffer.getvalue()
