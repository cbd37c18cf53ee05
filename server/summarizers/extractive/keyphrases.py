"""Keyphrases: topics for the whole video and titles for each chapter, from 1-3 word phrases."""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from dataclasses import dataclass

from .sentences import Unit
from .text import Stream
from .wordlists import CONNECTORS, FILLERS, STOPWORDS, WEAK_ALONE

_EDGE = re.compile(r"^[^\w]+|[^\w]+$")
_WORDLIKE = re.compile(r"^[^\W\d_][\w'’-]*$")


@dataclass
class Phrases:
    """Candidate phrases: how often each occurs per unit, and how a person would write it."""

    per_unit: list[list[str]]
    shown: dict[str, str]


def extract(stream: Stream, units: list[Unit], banned: set[str] = frozenset()) -> Phrases:
    """Collect 1-3 word phrases that open and close on a content word, outside sponsor reads."""
    forms: dict[str, Counter] = defaultdict(Counter)
    per_unit = []
    for u in units:
        found: list[str] = []
        if not u.sponsor:
            run: list[tuple[str, str]] = []
            for i in range(u.first, u.last):
                tok = stream.text[i]
                core = _EDGE.sub("", tok)
                key = core.lower().replace("’", "'")
                if not _WORDLIKE.match(core) or key in FILLERS or key in banned:
                    _grams(run, found, forms)
                    run = []
                    continue
                run.append((key, core))
                if core != tok and tok[-1] in ".,;:?!\"”)":
                    _grams(run, found, forms)
                    run = []
            _grams(run, found, forms)
        per_unit.append(found)
    shown = {k: c.most_common(1)[0][0] for k, c in forms.items()}
    return Phrases(per_unit, shown)


def _grams(run, found, forms) -> None:
    for n in (1, 2, 3):
        for a in range(len(run) - n + 1):
            part = run[a:a + n]
            keys = [k for k, _ in part]
            if keys[0] in STOPWORDS or keys[-1] in STOPWORDS or len(set(keys)) < n:
                continue
            if any(k in STOPWORDS and k not in CONNECTORS for k in keys[1:-1]):
                continue
            if n == 1 and (len(keys[0]) < 4 or keys[0] in WEAK_ALONE):
                continue
            key = " ".join(keys)
            found.append(key)
            forms[key][_display(part)] += 1


def _display(part) -> str:
    words = [core if core[:1].isupper() and core[1:].islower() and len(core) > 1 or core.isupper() else core.lower()
             for _, core in part]
    return " ".join(words)


def _weight(key: str, shown: str) -> float:
    n = key.count(" ") + 1
    proper = shown[:1].isupper()
    return (1.0 + 0.6 * (n - 1)) * (1.3 if proper else 1.0)


def topics(phrases: Phrases, limit: int = 8, minimum: int = 5) -> list[str]:
    """The phrases a person would list as the video's topics, best first, without overlaps."""
    counts = Counter(k for found in phrases.per_unit for k in set(found))
    spread = Counter()
    for found in phrases.per_unit:
        for k in set(found):
            spread[k] += 1
    scored = sorted(
        ((math.log1p(c) * _weight(k, phrases.shown[k]), k) for k, c in counts.items() if c >= 2),
        key=lambda sk: (-sk[0], sk[1]),
    )
    ranked = _absorb([k for _, k in scored], counts)
    single = [k for k in ranked if " " not in k and not phrases.shown[k][:1].isupper()]
    ranked = [k for k in ranked if k not in single[3:]]
    picked = _distinct(ranked, limit)
    if len(picked) < minimum:
        picked = _distinct(ranked + sorted(counts, key=lambda k: (-counts[k], k)), limit)
    return [phrases.shown[k] for k in picked]


def chapter_titles(phrases: Phrases, bounds: list[tuple[int, int]]) -> list[str]:
    """One title per chapter (units [a, b)), from phrases frequent there and rare elsewhere."""
    total = Counter(k for found in phrases.per_unit for k in found)
    used: set[str] = set()
    titles = []
    for a, b in bounds:
        local = Counter(k for found in phrases.per_unit[a:b] for k in found)
        share = max(b - a, 1) / max(len(phrases.per_unit), 1)
        whole = set(_absorb(sorted(local), local))
        scored = sorted(
            ((c * math.log1p(c / (share * total[k] + 1e-9)) * _weight(k, phrases.shown[k]), k)
             for k, c in local.items() if k not in used and k in whole),
            key=lambda sk: (-sk[0], sk[1]),
        )
        best = _distinct([k for _, k in scored], 2)
        used.update(best)
        titles.append(_title([phrases.shown[k] for k in best]))
    return titles


def _title(parts: list[str]) -> str:
    if not parts:
        return ""
    joiner = ", " if any(" and " in p for p in parts) else " and "
    text = parts[0] if len(parts) == 1 or len(parts[0]) + len(parts[1]) > 44 else parts[0] + joiner + parts[1]
    return text[:1].upper() + text[1:]


def _absorb(keys: list[str], counts: Counter) -> list[str]:
    """Drop a phrase when longer candidates holding it cover at least half its uses ("neural")."""
    longer = [k for k in keys if " " in k]
    out = []
    for k in keys:
        pad = f" {k} "
        if sum(counts[o] for o in longer if o != k and pad in f" {o} ") * 2 >= counts[k]:
            continue
        out.append(k)
    return out


def _distinct(keys: list[str], limit: int) -> list[str]:
    """Keep keys, in order, that share no word stem with a key already kept."""
    kept: list[str] = []
    stems: set[str] = set()
    for k in keys:
        mine = {_stem(w) for w in k.split() if w not in CONNECTORS}
        if k in kept or mine & stems:
            continue
        kept.append(k)
        stems |= mine
        if len(kept) == limit:
            break
    return kept


def _stem(word: str) -> str:
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    for suffix in ("ing", "es", "s", "ed"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)]
    return word
