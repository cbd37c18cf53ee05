"""Cards as clean Markdown: the one writer, for `summarize --format markdown`, the library's export
and the panel's Copy all (which asks the service through its worker).

Sections come in the card schema's order under its headings; every text from the cards is escaped
by one rule (escape) so a caption's `*`, `_` or `<b>` stays text and never turns into markup.
"""

from __future__ import annotations

import re

from . import card_schema

_MARKUP = re.compile(r"([\\`*_\[\]<>])")


def escape(text) -> str:
    """Text as Markdown shows it literally: emphasis, code, link and HTML characters backslashed."""
    return _MARKUP.sub(r"\\\1", str(text if text is not None else ""))


def timestamp(seconds: float) -> str:
    """1:02:03 or 2:03, as YouTube shows times."""
    seconds = int(seconds)
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


def video_link(video_id: str) -> str:
    return f"https://youtu.be/{video_id}"


def moment_link(video_id: str, seconds: float) -> str:
    return f"{video_link(video_id)}?t={int(seconds)}"


def cards_to_markdown(cards: dict) -> str:
    """Title, one line of facts ending in the video's link (so pasted notes lead back to it), then
    each section that has something under its heading."""
    video_id = cards["video_id"]
    video = cards.get("video") or {}
    lines = [f"# {escape(video.get('title') or video_id)}", ""]
    people = ", ".join(p["name"] + (f" ({p['role']})" if p.get("role") else "") for p in video.get("people") or [])
    facts = [video.get("channel"), video.get("published"),
             timestamp(video["duration"]) if video.get("duration") else None, people or None]
    # The link is not escaped: an id's "_" is part of the address, and a bare address stays a link.
    lines += [" · ".join([*(escape(f) for f in facts if f), video_link(video_id)]), ""]
    for section in card_schema.SECTIONS:
        body = _WRITERS[section.shape](section, cards, video)
        if any(body):  # an empty card gets no heading
            while body and not body[-1]:
                body = body[:-1]
            lines += [f"## {section.heading}", "", *body, ""]
    return "\n".join(lines).rstrip() + "\n"


def _about(section, cards: dict, video: dict) -> list[str]:
    about = cards.get(section.name) or {}
    head = [f"**{escape(about['headline'])}**", ""] if about.get("headline") else []
    return head + [f"{i}. {escape(point)}" for i, point in enumerate(about.get("points") or [], 1)]


def _strings(section, cards: dict, video: dict) -> list[str]:
    values = cards.get(section.name) or []
    return [", ".join(escape(v) for v in values)] if values else []


def _items(section, cards: dict, video: dict) -> list[str]:
    link = lambda start: f"[{timestamp(start)}]({moment_link(cards['video_id'], start)})"  # noqa: E731
    write = _ITEM_LINES.get(section.name, _item)
    return [line for item in cards.get(section.name) or [] for line in write(item, link, video)]


def _idea(idea: dict, link, video: dict) -> list[str]:
    detail = f" {escape(idea['detail'])}" if idea.get("detail") else ""
    return [f"- **{escape(idea.get('title'))}**{detail}{_at(link, idea)}"]


def _quote(quote: dict, link, video: dict) -> list[str]:
    return [f"> \"{escape(quote.get('text'))}\"{_attribution(quote, video.get('channel'))}{_at(link, quote)}", ""]


def _chapter(chapter: dict, link, video: dict) -> list[str]:
    at = f"{link(chapter['start'])} " if chapter.get("start") is not None else ""
    return [f"- {at}{escape(chapter.get('title'))}"]


def _item(item: dict, link, video: dict) -> list[str]:
    """Any other section's item: its texts, then its time."""
    texts = [escape(item[name]) for name in item if name != "start" and item.get(name)]
    return [f"- {' — '.join(texts)}{_at(link, item)}"]


def _at(link, item: dict) -> str:
    """" ([1:15](link))" after an item; nothing when its time is unknown (cards a client holds may lack it)."""
    return f" ({link(item['start'])})" if item.get("start") is not None else ""


_WRITERS = {"about": _about, "strings": _strings, "items": _items}
# How one item of each "items" section reads; a new timed section adds its line here.
_ITEM_LINES = {"ideas": _idea, "quotes": _quote, "chapters": _chapter}


def _attribution(quote: dict, channel: str | None) -> str:
    """ " — Speaker" when the speaker is known, else " — via Channel" (the channel published the words,
    it did not necessarily say them), else nothing."""
    if quote.get("speaker"):
        return f" — {escape(quote['speaker'])}"
    return f" — via {escape(channel)}" if channel else ""
