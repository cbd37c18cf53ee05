"""Cards as clean Markdown, for `summarize --format markdown`."""

from __future__ import annotations


def timestamp(seconds: float) -> str:
    """1:02:03 or 2:03, as YouTube shows times."""
    seconds = int(seconds)
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


def moment_link(video_id: str, seconds: float) -> str:
    return f"https://youtu.be/{video_id}?t={int(seconds)}"


def cards_to_markdown(cards: dict) -> str:
    video_id = cards["video_id"]
    video = cards.get("video") or {}
    link = lambda start: f"[{timestamp(start)}]({moment_link(video_id, start)})"
    lines = [f"# {video.get('title') or video_id}", ""]
    facts = [video.get("channel"), video.get("published"),
             timestamp(video["duration"]) if video.get("duration") else None]
    people = ", ".join(p["name"] + (f" ({p['role']})" if p.get("role") else "") for p in video.get("people") or [])
    if people:
        facts.append(people)
    if any(facts):
        lines += [" · ".join(f for f in facts if f), ""]
    about = cards["about"]
    sections = [
        ("What it's really about", [about["headline"], ""] * bool(about["headline"])
         + [f"{i}. {point}" for i, point in enumerate(about["points"], 1)]),
        ("Ideas worth remembering", [f"- **{idea['title']}** {idea['detail']} {link(idea['start'])}" for idea in cards["ideas"]]),
        ("Words worth saving", [line for quote in cards["quotes"] for line in (
            f"> \"{quote['text']}\"{_attribution(quote, video.get('channel'))} {link(quote['start'])}", "")]),
        ("Topics", [", ".join(cards["topics"])] * bool(cards["topics"])),
        ("Chapters", [f"- {link(chapter['start'])} {chapter['title']}" for chapter in cards["chapters"]]),
    ]
    for heading, body in sections:
        if any(body):  # an empty card gets no heading
            while body and not body[-1]:
                body = body[:-1]
            lines += [f"## {heading}", "", *body, ""]
    return "\n".join(lines).rstrip() + "\n"


def _attribution(quote: dict, channel: str | None) -> str:
    """ " — Speaker" when the speaker is known, else " — via Channel" (the channel published the words,
    it did not necessarily say them), else nothing."""
    if quote.get("speaker"):
        return f" — {quote['speaker']}"
    return f" — via {channel}" if channel else ""
