"""Long videos: the grounded cards of each part, merged into one set that covers the whole timeline."""

from __future__ import annotations

from dataclasses import dataclass, field

from ... import card_schema as schema
from ...models import Chapter, Idea, Person, Quote
from .lines import clock

IDEAS = schema.IDEAS.count.aim  # what the merge keeps of every part's candidates
QUOTES = schema.QUOTES.count.aim


@dataclass
class PartCards:
    """One part's answer after grounding: every time already from the transcript."""

    headline: str
    points: list[str]
    ideas: list[Idea]
    quotes: list[Quote]
    topics: list[str]
    chapters: list[Chapter] = field(default_factory=list)
    people: list[Person] = field(default_factory=list)
    begin: float = 0.0
    end: float = 0.0


def candidates(parts: list[PartCards], per_part: int) -> tuple[list[dict], dict[str, Idea], dict[str, Quote]]:
    """What the merge request shows (ids like "2.3"), and the id -> item maps to resolve its choice."""
    shown, ideas, quotes = [], {}, {}
    for k, part in enumerate(parts, 1):
        entry = {"part": k, "from": clock(part.begin), "to": clock(part.end), "headline": part.headline,
                 "points": part.points, "topics": part.topics, "ideas": [], "quotes": []}
        for i, idea in enumerate(part.ideas[:per_part], 1):
            ideas[f"{k}.{i}"] = idea
            entry["ideas"].append({"id": f"{k}.{i}", "time": clock(idea.start), "title": idea.title, "detail": idea.detail})
        for i, quote in enumerate(part.quotes[:per_part], 1):
            quotes[f"{k}.{i}"] = quote
            entry["quotes"].append({"id": f"{k}.{i}", "time": clock(quote.start), "text": quote.text})
        shown.append(entry)
    return shown, ideas, quotes


def chosen(ids: list[str], pool: dict, count: int, duration: float) -> list:
    """The picked items (unknown ids ignored), topped up and rebalanced so each third of the video has one."""
    picked = []
    for key in ids:
        item = pool.get(key.strip())
        if item is not None and item not in picked:
            picked.append(item)
    picked = picked[:count]
    for item in _round_robin(pool):
        if len(picked) >= count:
            break
        if item not in picked:
            picked.append(item)
    return cover(picked, list(pool.values()), duration)


def cover(picked: list, pool: list, duration: float) -> list:
    """Swap items so no third of the video is left out when the pool has something there."""
    third = lambda item: min(2, int(3 * item.start / max(duration, 1.0)))  # noqa: E731
    picked = list(picked)
    for wanted in range(3):
        if any(third(item) == wanted for item in picked):
            continue
        spare = next((item for item in pool if third(item) == wanted and item not in picked), None)
        counts = [sum(third(item) == t for item in picked) for t in range(3)]
        if spare is None or max(counts) < 2:
            continue
        crowded = counts.index(max(counts))
        victim = max(i for i, item in enumerate(picked) if third(item) == crowded)
        picked[victim] = spare
    return picked


def plain_merge(parts: list[PartCards], duration: float) -> dict:
    """A merge without the model: headline of the opening part, items taken from every part in turn."""
    pool_ideas = {f"{k}.{i}": idea for k, p in enumerate(parts, 1) for i, idea in enumerate(p.ideas, 1)}
    pool_quotes = {f"{k}.{i}": quote for k, p in enumerate(parts, 1) for i, quote in enumerate(p.quotes, 1)}
    step = max(1, len(parts) // 4)
    return {
        "headline": parts[0].headline,
        "points": [p.points[0] for p in parts[::step] if p.points][:schema.ABOUT.count.aim],
        "topics": unique(_interleave([p.topics for p in parts])),
        "ideas": chosen([], pool_ideas, IDEAS, duration),
        "quotes": chosen([], pool_quotes, QUOTES, duration),
    }


def merged_chapters(parts: list[PartCards]) -> list[Chapter]:
    return [c for p in parts for c in p.chapters]


def merged_people(parts: list[PartCards]) -> list[Person]:
    seen, people = set(), []
    for person in (p for part in parts for p in part.people):
        if person.name.casefold() not in seen:
            seen.add(person.name.casefold())
            people.append(person)
    return people


def unique(texts, limit: int = schema.TOPICS.count.most) -> list[str]:
    """First occurrence of each text, case aside, at most `limit`."""
    seen, out = set(), []
    for text in texts:
        if text.casefold() not in seen:
            seen.add(text.casefold())
            out.append(text)
    return out[:limit]


def _round_robin(pool: dict) -> list:
    """Items ordered rank by rank across parts: every part's first, then every part's second..."""
    by_part: dict[str, list] = {}
    for key, item in pool.items():
        by_part.setdefault(key.split(".")[0], []).append(item)
    return _interleave(list(by_part.values()))


def _interleave(lists: list[list]) -> list:
    out = []
    for rank in range(max((len(x) for x in lists), default=0)):
        out.extend(x[rank] for x in lists if rank < len(x))
    return out
