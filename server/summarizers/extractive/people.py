"""People in the video: speaker labels, the title ("Guest: Topic | Host Podcast #N"), the channel
("Lenny's Podcast" is Lenny's) and the host's intro ("Today, my guest is Jane Doe.")."""

from __future__ import annotations

import re
from collections import Counter

from ...models import Person, VideoInfo
from .sentences import Unit
from .text import Stream
from .wordlists import STOPWORDS

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


def people(video: VideoInfo, units: list[Unit], stream: Stream | None = None) -> list[Person]:
    """The host and guests, named by labels, metadata or the host's intro (`stream`); nobody is guessed."""
    guest, _, host = title_parts(video.title)
    channel = (video.channel or "").strip()
    talk = [n for n, _ in Counter(u.speaker for u in units if u.speaker).most_common()]
    if not host:
        host = channel if _looks_like_name(channel) else next((n for n in talk if _hosts(channel, n)), None)
    if not host and stream is not None:
        host = _show_owner(channel, stream) or _show_owner(title_show(video.title), stream)
    # only a host introduces guests: a talk's "I had a conversation with John Smith" names no one on stage
    introduced = intro_guests(stream) if stream is not None and host else []
    out: list[Person] = []
    for name in [host, guest] + talk + introduced:
        if name and not any(_same(name, p.name) for p in out):
            role = "host" if name == host else "guest" if host else "speaker"
            out.append(Person(name, role))
    return out


def _same(a: str, b: str) -> bool:
    """The same person: the same name, or the same first name where one side gives only that or
    spells the rest differently ("Ilya Sotskever" in a transcript, "Ilya Sutskever" in the title), or
    the same surname after a first name spelled differently ("Sergei Levine", "Sergey Levine")."""
    a_parts, b_parts = a.casefold().split(), b.casefold().split()
    if a_parts == b_parts or a_parts[0] == b_parts[0]:
        return True
    return len(a_parts) > 1 and len(b_parts) > 1 and a_parts[-1] == b_parts[-1] and a_parts[0][:3] == b_parts[0][:3]


def title_show(title: str | None) -> str:
    """The show part of a "Topic | Show" title ("" without one)."""
    return (title or "").rpartition("|")[2].strip() if "|" in (title or "") else ""


_OWNED_SHOW = re.compile(r"^([A-Z][a-z]{2,})['’]s\s+(?i:podcast|show)\b")


def _show_owner(show: str, stream: Stream) -> str | None:
    """The first name a show is named after ("Lenny's Podcast": Lenny), when the transcript says it:
    "Founder's Podcast" names no one, and nobody in it is called "Founder"."""
    found = _OWNED_SHOW.match(show or "")
    if not found:
        return None
    name = found.group(1)
    said = any(t.strip(",.!?;:\"'”’") == name for t in stream.text)
    return name if said and name.casefold() not in STOPWORDS else None


# The host's own intro names the guests: "Today, my guest is Jane Doe.", "my guests are A B and C D",
# "The following is a conversation with Jane Doe,"
_INTRODUCES = re.compile(r"(?:my guests? (?:is|are|today (?:is|are))|conversation with|joining me (?:today )?(?:is|are))$")
_CAPITAL = re.compile(r"^[A-Z][a-z][\w'’-]*$")


def intro_guests(stream: Stream, within: float = 0.15) -> list[str]:
    """The guests the host introduces in the first part of the show, by name (capitalised, so only in
    transcripts that have case); nobody when there is no intro line."""
    names: list[str] = []
    limit = within * max(stream.duration, 1.0)
    for i in range(len(stream.key)):
        if stream.time[i] > limit:
            break
        if stream.key[i] not in ("is", "are", "with") or not _INTRODUCES.search(" ".join(stream.key[max(0, i - 3):i + 1])):
            continue
        j = i + 1
        while j < len(stream.text):
            run = []
            while j < len(stream.text) and len(run) < 3 and _CAPITAL.match(stream.text[j].rstrip(",.;:!?")):
                run.append(stream.text[j].rstrip(",.;:!?"))
                j += 1
                if stream.text[j - 1][-1:] in ",.;:!?":
                    break
            if len(run) >= 2 and _looks_like_name(" ".join(run)):
                names.append(" ".join(run))
            if j < len(stream.key) and stream.key[j] == "and" and run and stream.text[j - 1][-1:] not in ".;:!?":
                j += 1
                continue
            break
    return names


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
