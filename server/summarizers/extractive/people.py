"""People in the video: speaker labels, the title ("Guest: Topic | Host Podcast #N") and the channel."""

from __future__ import annotations

import re
from collections import Counter

from ...models import Person, VideoInfo
from .sentences import Unit

_NAME = re.compile(r"^(?:(?:Sir|Dr\.?|Prof\.?)\s+)?[A-Z][\w'’.-]+(?:\s+[A-Z][\w'’.-]+){1,3}$")
_SHOW = re.compile(r"\s*(?:podcast|show|live|tv|channel|radio|interview|talks?)\b.*$", re.I)
_NOT_NAMES = {"Deep Learning", "Machine Learning", "Artificial Intelligence", "The Future"}


def title_parts(title: str | None) -> tuple[str | None, str | None, str | None]:
    """Split a title into (guest, topic, show host) when it follows "Guest: Topic | Host Show"."""
    if not title:
        return None, None, None
    main, _, show = (p.strip() for p in title.partition("|"))
    if _SHOW.search(main) and show and not _SHOW.search(show):
        main, show = show, main
    guest, sep, topic = (p.strip() for p in main.partition(":"))
    if not (sep and _looks_like_name(guest)):
        guest, topic = None, main
    paren = _PAREN.search(topic)
    if paren:
        topic = re.sub(r"\s*\([^()]*\)", "", topic).strip()
        if not guest and _looks_like_name(paren.group(1).strip()):
            guest = paren.group(1).strip()
    host = _SHOW.sub("", show).strip() if show and _SHOW.search(show) else None
    return guest, topic or None, host if host and _looks_like_name(host) else None


_SHOW_WORDS = {"podcast", "show", "tv", "channel", "news", "official", "media", "studio", "studios", "radio"}
_PAREN = re.compile(r"\((?:Sir\s+)?([^,()]+)[,)]")


def _looks_like_name(text: str) -> bool:
    lowered = {w.casefold().split("'")[0].split("’")[0] for w in text.split()}
    return bool(_NAME.match(text)) and text not in _NOT_NAMES and not lowered & _SHOW_WORDS


def people(video: VideoInfo, units: list[Unit]) -> list[Person]:
    """The host and guests, named by labels or metadata; nobody is guessed."""
    guest, _, host = title_parts(video.title)
    channel = (video.channel or "").strip()
    talk = [n for n, _ in Counter(u.speaker for u in units if u.speaker).most_common()]
    if not host:
        host = channel if _looks_like_name(channel) else next((n for n in talk if _hosts(channel, n)), None)
    out: list[Person] = []
    for name in [host, guest] + talk:
        if name and not any(_same(name, p.name) for p in out):
            role = "host" if name == host else "guest" if host else "speaker"
            out.append(Person(name, role))
    return out


def _same(a: str, b: str) -> bool:
    return a.casefold() == b.casefold()


def _hosts(channel: str, name: str) -> bool:
    """True when the channel is named after this person ("Lenny's Podcast" and "Lenny Rachitsky")."""
    first = name.split()[0].casefold()
    head = channel.casefold().replace("’", "'").split("'")[0].split()
    return bool(head) and head[0] == first


_TALK_SHOW = re.compile(
    r"podcast|interview|conversation|episode|\bwith\b|\bft\.?\b|\bfeat|\||\bvs\.?\b|panel|debate", re.I
)


def lone_speaker(video: VideoInfo, everyone: list[Person], labelled: bool) -> str | None:
    """The one person who speaks in a talk or monologue, when metadata says so; else None."""
    if labelled or len(everyone) != 1:
        return None
    if _TALK_SHOW.search(f"{video.title or ''} {video.channel or ''}"):
        return None
    return everyone[0].name
