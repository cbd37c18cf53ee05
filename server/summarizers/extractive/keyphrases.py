"""Keyphrases: topics for the whole video and titles for each chapter, from 1-3 word phrases.

Both cards list names of things, so a phrase must read as one (`Phrases.reads_as_name`): it ends
on a word the talk uses as a noun and does not open on an adverb or a bare verb. Joining two
phrases with "and" made titles like "Romantic and denied"; now the second phrase joins only when
both are plainly nouns and the second is nearly as telling as the first.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from .sentences import Unit
from .text import Stream
from .wordclass import WordClass, learn
from .wordlists import (CONNECTORS, DANGLING_MODIFIERS, ENGLISH_STOP_WORDS, INTERJECTIONS, LEADING_ADVERBS,
                        VAGUE_HEADS, WEAK_ALONE)
from .wordlists import PHRASE_STOPWORDS as STOPWORDS

JOIN_SHARE = 0.5  # a second phrase joins a chapter title with "and" when it scores at least this share of the first
JOIN_SHARE_WORD = 0.25  # ... or of a first phrase that is one word ("Shame"), which alone says little
TITLE_WORDS = 6  # longest chapter title, in words
SINGLE_TOPIC = 0.6  # weight of a bare common word among topics, against the phrases that name something specific
_SENTENCE_END = (".", "?", "!", ":", ";")

_EDGE = re.compile(r"^[^\w]+|[^\w]+$")
_WORDLIKE = re.compile(r"^[^\W\d_][\w'’-]*$")


@dataclass
class Phrases:
    """Candidate phrases: how often each occurs per unit, and how a person would write it."""

    per_unit: list[list[str]]
    shown: dict[str, str]
    classes: WordClass = field(default_factory=WordClass)
    df: Counter = field(default_factory=Counter)
    _names: dict[str, bool] = field(default_factory=dict, repr=False)

    def reads_as_name(self, key: str) -> bool:
        """The phrase names a thing: it ends on a noun (or a name) and opens on neither an adverb nor a
        bare verb ("fully", "take MDMA"); an "-ing" ending only in a phrase said often ("deep learning").
        Kept per key: asked again for every chapter, and nothing behind it changes after `extract`."""
        known = self._names.get(key)
        if known is None:
            known = self._names[key] = self._reads_as_name(key)
        return known

    def _reads_as_name(self, key: str) -> bool:
        parts = key.split()
        first, last = parts[0], parts[-1]
        wc = self.classes
        if all(wc.is_name(p) for p in parts if p not in CONNECTORS):
            return True
        if len(first) < 2 or len(last) < 2:  # "D and vitamin"
            return False
        if all(p in WEAK_ALONE or p in DANGLING_MODIFIERS or p in CONNECTORS for p in parts):
            return False  # nothing but vague words: "huge problem", "small model"
        if "and" in parts[1:-1] and not wc.nounish(parts[parts.index("and") - 1]):
            return False  # "hot and fast", "control and predict"
        if _adverb(first, wc) or first in VAGUE_HEADS or (wc.verbish(first) and not first.endswith("ing")):
            return False
        if wc.nounish(last):
            return len(parts) > 1 or not last.endswith("ing") or wc.solid(last)
        return len(parts) > 1 and last.endswith("ing") and self.df[key] >= 3

    def solid(self, key: str) -> bool:
        """Plainly a noun phrase, fit to stand beside another in "X and Y"."""
        last = key.split()[-1]
        return self.reads_as_name(key) and (self.classes.solid(last) or (" " in key and self.df[key] >= 3))


def extract(stream: Stream, units: list[Unit], banned: set[str] = frozenset()) -> Phrases:
    """Collect 1-3 word phrases that open and close on a content word, outside sponsor reads."""
    forms: dict[str, Counter] = defaultdict(Counter)
    per_unit = []
    starts = _sentence_starts(stream, units)
    cores: dict[str, tuple] = {}  # token -> _core(token): each distinct token once
    for u in units:
        found: list[str] = []
        if not u.sponsor:
            run: list[tuple[str, str, bool, bool]] = []
            for i in range(u.first, u.last):
                tok = stream.text[i]
                cached = cores.get(tok)
                if cached is None:
                    cached = cores[tok] = _core(tok)
                key, wordlike, shown, stop, capital, closes = cached
                if not wordlike or key in INTERJECTIONS or key in banned:
                    _grams(run, found, forms)
                    run = []
                    continue
                # capitalised mid-sentence: part of a name, even when a stopword ("Los Angeles", "New York")
                run.append((key, shown, stop, capital and not starts[i]))
                if closes:
                    _grams(run, found, forms)
                    run = []
            _grams(run, found, forms)
        per_unit.append(found)
    shown = {k: c.most_common(1)[0][0] for k, c in forms.items()}
    df = Counter(k for found in per_unit for k in set(found))
    return Phrases(per_unit, shown, learn(stream.key, stream.text, starts), df)


def _sentence_starts(stream: Stream, units: list[Unit]) -> list[bool]:
    """True for each token that opens a sentence, so its capital letter says nothing about names."""
    text, brk = stream.text, stream.brk
    ends = {t: t.rstrip("\"'”’)]").endswith(_SENTENCE_END) for t in set(text)}  # each distinct token once
    starts = [True] + [brk[i] or ends[text[i - 1]] for i in range(1, len(text))]
    for u in units:
        if u.first < len(starts):
            starts[u.first] = True
    return starts


def _core(tok: str) -> tuple[str, bool, str, bool, bool, bool]:
    """A token's word key, whether it is a word at all, its form as shown in a phrase (as written when
    capitalised: "Unix", "AGI"; else lower-cased), whether it is a stopword, whether its capital
    would make it part of a name mid-sentence, and whether a mark after it ends a phrase."""
    core = _EDGE.sub("", tok)
    key = core.lower().replace("’", "'")
    shown = core if core[:1].isupper() and core[1:].islower() and len(core) > 1 or core.isupper() else core.lower()
    return (key, bool(_WORDLIKE.match(core)), shown, key in STOPWORDS,
            core[:1].isupper() and key not in ENGLISH_STOP_WORDS, core != tok and tok[-1] in ".,;:?!\"”)")


def _grams(run, found, forms) -> None:
    """Add the 1-3 word phrases of `run` (key, shown form, stopword?, part of a name? per token) to
    `found` (singles, then pairs, then triples) and count how each was written in `forms`."""
    if not run:
        return
    keys, shown, stop, names = zip(*run)
    size = len(run)
    for a, k in enumerate(keys):
        if not stop[a] and len(k) >= 4 and k not in WEAK_ALONE:
            found.append(k)
            forms[k][shown[a]] += 1
    for a in range(size - 1):
        name = names[a] and names[a + 1]
        if (stop[a] or stop[a + 1]) and not name or keys[a] == keys[a + 1]:
            continue
        key = keys[a] + " " + keys[a + 1]
        found.append(key)
        forms[key][shown[a] + " " + shown[a + 1]] += 1
    for a in range(size - 2):
        name = names[a] and names[a + 1] and names[a + 2]
        if (stop[a] or stop[a + 2]) and not name or len({keys[a], keys[a + 1], keys[a + 2]}) < 3:
            continue
        if stop[a + 1] and keys[a + 1] not in CONNECTORS and not name:
            continue
        key = " ".join(keys[a:a + 3])
        found.append(key)
        forms[key][" ".join(shown[a:a + 3])] += 1


def _weight(key: str, shown: str) -> float:
    n = key.count(" ") + 1
    proper = shown[:1].isupper()
    return (1.0 + 0.6 * (n - 1)) * (1.3 if proper else 1.0)


def topics(phrases: Phrases, limit: int = 8, minimum: int = 5) -> list[str]:
    """The phrases a person would list as the video's topics, best first, without overlaps.

    A bare common word ("language", "data") is down-weighted so that the specific phrases holding
    the same subject ("programming languages") come first, and at most two make the list.
    """
    counts = phrases.df
    scored = sorted(
        ((math.log1p(c) * _weight(k, phrases.shown[k]) * (SINGLE_TOPIC if _bare(phrases, k) else 1.0), k)
         for k, c in counts.items() if c >= 2 and phrases.reads_as_name(k)),
        key=lambda sk: (-sk[0], sk[1]),
    )
    ranked = _absorb([k for _, k in scored], counts)
    single = [k for k in ranked if _bare(phrases, k)]
    ranked = [k for k in ranked if k not in single[2:]]
    picked = _distinct(ranked, limit)
    if len(picked) < minimum:
        picked = _distinct(ranked + single[2:] + sorted(counts, key=lambda k: (-counts[k], k)), limit)
    return [phrases.shown[k] for k in picked]


def _bare(phrases: Phrases, key: str) -> bool:
    return " " not in key and not phrases.shown[key][:1].isupper()


def chapter_titles(phrases: Phrases, bounds: list[tuple[int, int]]) -> list[str]:
    """One title per chapter (units [a, b)), from phrases frequent there and rare elsewhere.

    The title is the best phrase that reads as a name, joined by a second one only when both are
    plain noun phrases, distinct, and the second scores at least JOIN_SHARE of the first. A phrase
    titles one chapter at most, and shares no word stem with the title just before it.
    """
    total = Counter(k for found in phrases.per_unit for k in found)
    used: set[str] = set()
    before: set[str] = set()
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
        named = [(sc, k) for sc, k in scored if phrases.reads_as_name(k) and not _stems(k) & before]
        best = _pick(phrases, named) or _distinct([k for _, k in scored], 1)
        used.update(best)
        before = set().union(*map(_stems, best))
        titles.append(_title([phrases.shown[k] for k in best]))
    return titles


def _pick(phrases: Phrases, named: list[tuple[float, str]]) -> list[str]:
    """The best phrase, plus a second solid one to join it ("Rest and recovery") when it earns its place.

    One bare word ("Meetings") says little: a phrase of the same chapter that narrows it ("Zoom meetings")
    takes its place when it scores at least JOIN_SHARE_WORD / 2 of it.
    """
    if not named:
        return []
    top_score, top = named[0]
    if _bare(phrases, top):
        stem = _stem(top)
        top_score, top = next(((sc, k) for sc, k in named[1:] if sc >= JOIN_SHARE_WORD / 2 * top_score
                               and _stem(k.split()[-1]) == stem and _specifies(phrases.classes, k)), named[0])
    if not phrases.solid(top) or " and " in top:
        return [top]
    share = JOIN_SHARE if " " in top else JOIN_SHARE_WORD
    for sc, k in named[1:]:
        if sc < share * top_score:
            break
        if _stems(k) & _stems(top) or not phrases.solid(k) or " and " in k:
            continue
        if len(f"{top} {k}".split()) + 1 <= TITLE_WORDS and len(top) + len(k) <= 40:
            return [top, k]
    return [top]


def _specifies(wc: WordClass, key: str) -> bool:
    """ "Zoom meetings", "customer problems": a noun or name narrowing the noun, not a verb, an
    adjective or a preposition before it ("achieve mastery", "horrible home", "treadmill of content")."""
    parts = key.split()
    return len(parts) == 2 and parts[0] not in CONNECTORS and not parts[0].endswith(("'s", "ing")) and (
        wc.is_name(parts[0]) or wc.solid(parts[0]))


def _title(parts: list[str]) -> str:
    if not parts:
        return ""
    joiner = ", " if any(" and " in p for p in parts) else " and "
    text = joiner.join(parts)
    return text[:1].upper() + text[1:]


def _adverb(word: str, wc: WordClass) -> bool:
    """ "always", "fully", "ultimately": never the first word of a name (unless the talk says "the X")."""
    return word in LEADING_ADVERBS or (word.endswith("ly") and len(word) > 4 and not wc.nounish(word))


def _absorb(keys: list[str], counts: Counter) -> list[str]:
    """Drop a phrase when longer candidates holding it cover at least half its uses ("neural").

    Each longer phrase credits its own inner word runs (at most 5) instead of every pair of
    phrases being compared: the same sums, without the quadratic scan."""
    held: dict[str, int] = {}  # inner word run -> summed counts of the longer phrases holding it
    for o in (k for k in keys if " " in k):
        parts = o.split(" ")
        inner = {" ".join(parts[i:j]) for i in range(len(parts)) for j in range(i + 1, len(parts) + 1)} - {o}
        for k in inner:
            held[k] = held.get(k, 0) + counts[o]
    return [k for k in keys if held.get(k, 0) * 2 < counts[k]]


def _distinct(keys: list[str], limit: int) -> list[str]:
    """Keep keys, in order, that share no word stem with a key already kept."""
    kept: list[str] = []
    stems: set[str] = set()
    for k in keys:
        mine = _stems(k)
        if k in kept or mine & stems:
            continue
        kept.append(k)
        stems |= mine
        if len(kept) == limit:
            break
    return kept


def _stems(key: str) -> set[str]:
    return {_stem(w) for w in key.split() if w not in CONNECTORS}


def _stem(word: str) -> str:
    """A crude stem, enough to see "language"/"languages" and "program"/"programming" as one word."""
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    for suffix in ("ing", "es", "s", "ed"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            word = word[: -len(suffix)]
            break
    if word.endswith("e") and len(word) > 4:
        word = word[:-1]
    if len(word) > 4 and word[-1] == word[-2] and word[-1] not in "aeiouls":
        word = word[:-1]
    return word
