"""Ideas worth remembering and the "what it's really about" card, picked from central, claim-like units."""

from __future__ import annotations

from collections import Counter

import numpy as np

from ...models import About, Idea, Person
from .display import drop_hedges, finish, keep_tokens, tidy
from .keyphrases import Phrases
from .people import title_parts
from .scoring import idea_score, mmr, strip_openers
from .sentences import Unit, gap_score
from .text import Stream
from .titles import clause_title, idea_title

_CONTINUERS = {"because", "so", "which", "and", "but", "that's"}


def unit_scores(stream: Stream, units: list[Unit], cent: np.ndarray, host: str | None = None,
                clipped: set[int] = frozenset()) -> list[float]:
    """Quality of each unit as an idea or a point: claim-likeness plus centrality (hosts mostly ask).

    Units holding a caption word the archiver clipped ("ou'd") or opening on a self-repair
    ("Programs that, programming languages ...") read badly whatever they say, so they lose.
    """
    out = []
    for ui, u in enumerate(units):
        a = strip_openers(stream, u.first, u.last)
        n = u.last - a
        if u.sponsor or u.question or not 8 <= n <= 50:
            out.append(-99.0)
            continue
        penalty = 0.7 * (host is not None and u.speaker == host) + 0.8 * u.rough
        penalty += 1.0 * any(u.first <= i < u.last for i in clipped) + 0.6 * _repairs(stream, a, u.last)
        out.append(idea_score(stream.key[a:u.last]) + float(cent[ui]) - penalty)
    return out


def _repairs(stream: Stream, a: int, b: int) -> bool:
    """True when the first few words restart ("it's, I don't know, that's", "programs that, programming")."""
    head = stream.text[a:min(a + 4, b)]
    return any(t.endswith((",", "-", "—")) for t in head[:3]) and len(head) == 4 and \
        stream.key[a + len(head) - 1][:4] != stream.key[a][:4] and \
        (stream.key[a] in ("it's", "that's", "no", "yes", "i") or any(
            stream.key[a + k + 1][:4] == stream.key[a][:4] for k in range(len(head) - 1)))


def pick_ideas(stream: Stream, units: list[Unit], scores: list[float], vectors, phrases: Phrases,
               used: set[int], fallback: list[str], k: int = 5) -> list[Idea]:
    """About k ideas spread over the video, each titled by the best phrase it contains.

    `fallback[i]` titles unit i when it holds no telling phrase (its chapter's title).
    """
    pool = [i for i, s in enumerate(scores) if s > -99 and i not in used]
    spacing = max(stream.duration, 1.0) / 12
    picks = mmr([scores[i] for i in pool], pool, [units[i].start for i in pool], vectors, k, 0.6, spacing)
    chosen = sorted(pool[j] for j in picks)
    weights = Counter(p for found in phrases.per_unit for p in set(found))
    total = max(len(phrases.per_unit), 1)
    titles: set[str] = set()
    ideas = []
    for i in chosen:
        kept, end = _detail(stream, units, i)
        used.update({i, i + 1} if end > units[i].last else {i})
        extra = (i + 1,) if end > units[i].last else ()
        title = idea_title(stream, kept, phrases, weights, total, i, titles, extra)
        if " " not in title:  # one bare word: the idea's own opening, its chapter's title, then the word
            title = clause_title(stream, kept, weights) or _related(fallback[i], kept, stream) or title
        detail = finish([stream.text[k] for k in kept])
        ideas.append(Idea(title or _fallback_title(detail), detail, stream.seg_start[stream.seg[kept[0]]]))
    return ideas


def _detail(stream: Stream, units: list[Unit], i: int) -> tuple[list[int], int]:
    """The tokens shown as the idea's detail (the unit, maybe its continuation), and where it ends."""
    u = units[i]
    a = strip_openers(stream, u.first, u.last)
    b = u.last
    nxt = units[i + 1] if i + 1 < len(units) else None
    if nxt and not nxt.sponsor and not nxt.question and nxt.speaker == u.speaker and \
            (stream.key[nxt.first] in _CONTINUERS or b - a < 14) and nxt.last - a <= 45:
        b = nxt.last
    return drop_hedges(stream, keep_tokens(stream, a, b)), b


def _related(title: str, kept: list[int], stream: Stream) -> str:
    """The chapter's title, when it is a phrase and shares a word with the idea it would name."""
    mine = {stream.key[k][:5] for k in kept if len(stream.key[k]) > 3}
    for part in title.replace(", ", " and ").split(" and "):
        if " " in part.strip() and {w.lower()[:5] for w in part.split() if len(w) > 3} & mine:
            return part.strip()[:1].upper() + part.strip()[1:]
    return ""


def _fallback_title(detail: str) -> str:
    words = detail.rstrip(".!?").split()
    return " ".join(words[:6]) + ("…" if len(words) > 6 else "")


def about(stream: Stream, units: list[Unit], scores: list[float], used: set[int], people: list[Person],
          topics: list[str], title: str | None, k: int = 4) -> About:
    """A one-line headline and up to k points, one from each stretch of the talk, in order."""
    return About(headline(people, topics, title), tuple(_points(stream, units, scores, used, k)))


def _points(stream, units, scores, used, k) -> list[str]:
    content = [i for i, s in enumerate(scores) if s > -99]
    if not content:
        return []
    t0, t1 = units[content[0]].start, units[content[-1]].start
    parts = min(k, len(content))
    points = []
    for p in range(parts):
        lo, hi = t0 + (t1 - t0) * p / parts, t0 + (t1 - t0) * (p + 1) / parts
        inside = [i for i in content if lo <= units[i].start <= hi and i not in used and units[i].size() <= 45]
        ranked = sorted(inside, key=lambda i: (-(scores[i] + _point_bonus(stream, units[i])), i))
        for best in ranked:
            text = tidy(stream, strip_openers(stream, units[best].first, units[best].last), units[best].last, True)
            if text.lower() not in {seen.lower() for seen in points}:
                used.add(best)
                points.append(text)
                break
    return points


def _point_bonus(stream: Stream, unit: Unit) -> float:
    """Points read best as whole statements of 14-35 words that do not lean on what came before.

    Auto-captions have no full stops, so a unit there may run two sentences together or stop
    mid-thought: there a short unit with sentence-like edges and no likely sentence break
    inside is worth more than a long one.
    """
    a = strip_openers(stream, unit.first, unit.last)
    n = unit.last - a
    second_person = any(k in ("you", "your") for k in stream.key[a:a + 4])
    bonus = -0.6 * (stream.key[a] in _SUBORDINATE) - 0.4 * second_person
    if any(t.endswith((".", "?", "!")) for t in stream.text[a:unit.last]):
        return bonus + (0.5 if 14 <= n <= 35 else -0.5)
    inside = sum(1 for j in range(a + 4, unit.last - 3) if gap_score(stream, j) >= 1.8)
    weak_end = unit.last < len(stream) and gap_score(stream, unit.last) < 1.0
    return bonus + (0.5 if 10 <= n <= 22 else -0.3) - 0.5 * inside - 0.5 * weak_end


_LOWER_FIRST = {"The", "A", "An", "How", "Why", "What", "When", "Where", "Who", "Our", "My", "Your", "This"}
_SUBORDINATE = {"if", "when", "because", "beyond", "actually", "although", "while", "whereas", "since", "unless"}


def headline(people: list[Person], topics: list[str], title: str | None) -> str:
    """Who talks about what, in one line: "Guest talks with Host about Subject"."""
    _, topic, _ = title_parts(title)
    if topic and (len(topic.split()) > 7 or topic.endswith("?")):
        topic = None
    if topic and topic.split()[0] in _LOWER_FIRST:
        topic = topic[0].lower() + topic[1:]
    subject = topic or _join(topics[:3]) or "this video"
    hosts = [p.name for p in people if p.role == "host"]
    others = [p.name for p in people if p.role != "host"]
    if hosts and others:
        verb = "talk" if len(others) > 1 else "talks"
        return f"{_join(others)} {verb} with {_join(hosts)} about {subject}"
    if others or hosts:
        return f"{_join(others or hosts)} on {subject}"
    return f"A conversation about {subject}" if not topic else topic


def _join(items: list[str]) -> str:
    items = [i for i in items if i]
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]
