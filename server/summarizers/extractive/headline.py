"""The headline of the "what it's really about" card: who talks, about what, and the thesis if stated.

The title says what the video is meant to be about far better than frequency does ("Deep Work",
"creativity"), but titles are also lists, questions and teasers. So the title's subject words
are used when the speakers keep saying them, the keyphrase topics fill in, and a topic that is a
bare piece of a longer name ("Gillian" of "Gillian Lynne") never closes the line.
"""

from __future__ import annotations

import re
from collections import Counter

from ...models import Person
from .display import tidy
from .people import title_parts
from .sentences import Unit
from .text import Stream
from .wordlists import STOPWORDS

_LOWER_FIRST = {"The", "A", "An", "How", "Why", "What", "When", "Where", "Who", "Our", "My", "Your", "This"}
_LIST_SPLIT = re.compile(r"\s*(?:,\s*(?:and\s+)?|\s&\s|\s-\s|\s—\s|:\s)\s*")
# "My contention is that X": a speaker stating the one claim the talk argues.
_THESIS = re.compile(r"\b(?:my (?:contention|argument|thesis|claim|point|view|case) is(?: that)?)\s+(.*)", re.I)
_MAX_THESIS = 16
_LEAD_IN = re.compile(r"(?:a|an|the) (?:guide|introduction|primer) (?:to|on) |how to ", re.I)


def headline(stream: Stream, units: list[Unit], people: list[Person], topics: list[str], title: str | None) -> str:
    """Who talks about what, in one line: "Guest talks with Host about Subject[: thesis]"."""
    _, topic, _ = title_parts(title)
    counts = _stem_counts(stream)
    subject = _subject(topic, topics, counts, stream)
    hosts = [p.name for p in people if p.role == "host"]
    others = [p.name for p in people if p.role != "host"]
    thesis = _thesis(stream, units, counts, topic)
    if hosts and others:
        verb = "talk" if len(others) > 1 else "talks"
        line = f"{_join(others)} {verb} with {_join(hosts)} about {subject}"
    elif others or hosts:
        line = f"{_join(others or hosts)} on {subject}"
    else:
        short = topic and not topic.endswith("?") and len(topic.split()) <= 7
        line = topic if short else f"A conversation about {subject}"
    return f"{line}: {thesis}" if thesis else line


def _subject(topic: str | None, topics: list[str], counts: Counter, stream: Stream) -> str:
    """The title's topic when it is a short phrase; else its items or words the talk keeps saying."""
    if topic and not topic.endswith("?") and len(topic.split()) <= 7:
        return topic[0].lower() + topic[1:] if topic.split()[0] in _LOWER_FIRST else topic
    fill = [t for t in topics if not _fragment(stream, t)]
    if not topic:
        return _join(fill[:3]) or "this video"
    items = _items(topic)
    if len(items) >= 3 and all(len(i.split()) <= 4 for i in items[:-1]) and len(items[-1].split()) <= 6:
        # a list ("Heroin, Cocaine, MDMA, Alcohol & the Role of Drugs in Society"): its first item
        # if said, then the most said others, in title order
        keep = [i for i in items if _said(i, counts) >= 3]
        keep = sorted(keep, key=lambda i: (i != items[0], -_said(i, counts)))[:3]
        chosen = [_lower_first(i) for i in items if i in keep]
    elif topic.rstrip().endswith("?"):  # a question ("Do schools kill creativity?"): its words said often
        words = [w.strip(",.:;!?\"'()") for w in topic.split()]
        chosen = [_form(w, stream) for w in words if _content(w) and counts[_stem(w)] >= 5][:2]
    else:  # a teaser or a sentence: the topics say it better
        chosen = []
    if not chosen:
        return _join(fill[:3]) or "this video"
    known = {_stem(w) for c in chosen for w in c.split()}
    extra = [t for t in fill if not {_stem(w) for w in t.split()} & known]
    return _join(chosen + extra[:max(0, 2 - len(chosen))])


def _items(topic: str) -> list[str]:
    """The title's list items. A teaser before a colon ("How Revolut trains PMs: X, Y & Z") or a lead-in
    ("A guide to X, Y, and Z") is not an item when the rest is a list of three or more."""
    def split(text: str) -> list[str]:
        return [i for i in (i.strip(" ?!.") for i in _LIST_SPLIT.split(text.rstrip("?!. "))) if i]
    items = split(topic)
    head, colon, tail = topic.partition(": ")
    if colon and len(split(tail)) >= 3:
        items = split(tail)
    lead = _LEAD_IN.match(items[0]) if items else None
    if lead and len(items) >= 3:
        items[0] = items[0][lead.end():]
    return items


def _lower_first(item: str) -> str:
    first = item.split()[0] if item.split() else ""
    return item[0].lower() + item[1:] if first in _LOWER_FIRST else item


def _thesis(stream: Stream, units: list[Unit], counts: Counter, topic: str | None) -> str:
    """The clause after "my contention is that ..." when it names a subject word of the title."""
    wanted = {_stem(w) for w in (topic or "").split() if _content(w.strip(",.:;!?\"'()"))}
    for u in units:
        if u.sponsor or u.question:
            continue
        text = " ".join(stream.text[u.first:u.last])
        found = _THESIS.search(text)
        if not found:
            continue
        offset = len(text[:found.start(1)].split())
        a = u.first + offset
        b = a
        while b < u.last and b - a < _MAX_THESIS and not stream.text[b].endswith((",", ".", ";", "!", "?", "--")):
            b += 1
        b = min(b + 1, u.last)
        keys = {_stem(k) for k in stream.key[a:b]}
        if 5 <= b - a <= _MAX_THESIS and (not wanted or keys & wanted):
            clause = tidy(stream, a, b).rstrip(".!")
            return clause[:1].lower() + clause[1:]
    return ""


def _fragment(stream: Stream, phrase: str) -> bool:
    """A one-word capitalised topic that is mostly said as part of a longer name ("Gillian" Lynne)."""
    if " " in phrase or not phrase[:1].isupper() or phrase.isupper():
        return False
    key = phrase.lower()
    hits = [i for i, k in enumerate(stream.key) if k == key]
    longer = sum(1 for i in hits if i + 1 < len(stream) and stream.text[i + 1][:1].isupper()
                 and not stream.text[i].endswith((".", ",", "!", "?")))
    return bool(hits) and longer * 5 >= len(hits)


def _said(item: str, counts: Counter) -> int:
    """How often the talk says a title item: its most said content word's count (0 for none), so
    "the Role of Drugs in Society" counts as often as "drugs" is said."""
    found = [counts[_stem(w)] for w in item.split() if _content(w)]
    return max(found) if found and len(found) <= 3 else 0


def _form(word: str, stream: Stream) -> str:
    """A title word as the talk writes it: kept when all caps (AI), else the transcript's usual case."""
    if word.isupper() and len(word) > 1:
        return word
    forms = Counter(t.strip(",.:;!?\"'()") for t, k in zip(stream.text, stream.key) if k == word.lower())
    best = forms.most_common(1)
    return best[0][0] if best and best[0][0][:1].isupper() and best[0][1] * 2 > sum(forms.values()) \
        else word.lower()


def _content(word: str) -> bool:
    """A word that can carry a subject: not a function word or a number; "AI" counts though short."""
    if word.isupper() and len(word) >= 2:
        return True
    return len(word) > 2 and word.lower() not in STOPWORDS and not word[:1].isdigit()


def _stem(word: str) -> str:
    return word.lower().strip(",.:;!?\"'()").rstrip("s")[:7]


def _stem_counts(stream: Stream) -> Counter:
    out: Counter = Counter()
    for key, n in Counter(stream.key).items():
        if key:
            out[_stem(key)] += n
    return out


def _join(items: list[str]) -> str:
    items = [i for i in items if i]
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]
