"""Idea titles: a short phrase naming the idea's point, built from words of the idea's own sentence.

A bare keyphrase made poor titles ("Seeing", "Agents", "Deep learning plus"), so a keyphrase is
extended where the sentence says something about it: "X is/means/needs ..." ("Vulnerability is
the core of shame") or "X of/with/for ..." ("Kids with degrees"). Candidates never end on a
function word or a modifier that wants a noun after it, and one bare common word is the last
resort. Words are the transcript's own, in order (fillers dropped): nothing is invented.
"""

from __future__ import annotations

import math
from collections import Counter

from .claim_titles import claim_title, in_quotation, subject_title  # noqa: F401  (ideas.py takes all its titles from here)
from .keyphrases import Phrases
from .text import Stream
from .title_words import _CLAIM_VERBS, _DETERMINERS, _NO_END, _PREPS, _adverb, _cap, _core, _stops, _verb_form
from .wordclass import WordClass
from .wordlists import LEADING_ADVERBS, STOPWORDS

MAX_WORDS = 8
_BAD_START = _CLAIM_VERBS | _PREPS | _DETERMINERS | LEADING_ADVERBS
_NOUN_ENDINGS = ("s", "tion", "sion", "ment", "ness", "ity", "ism", "ance", "ence", "ship", "ogy", "ure", "ice",
                 "ist", "er", "or")


def idea_title(stream: Stream, kept: list[int], phrases: Phrases, df: Counter, total: int, unit: int,
               taken: set[str], extra_units: tuple[int, ...] = (), shown_before: set[str] = frozenset()) -> str:
    """The best title for the idea whose (displayed) tokens are `kept`, or "" when none reads well.

    `df` counts the units each phrase occurs in, `total` the units; `taken` holds keyphrases
    used by earlier titles, so two ideas are not named alike, and a title whose wording is in
    `shown_before` (casefolded) is never given again: two cards with one title read as a bug.
    """
    found = list(phrases.per_unit[unit])
    for u in extra_units:
        found += phrases.per_unit[u]
    tf = Counter(found)
    keys = [stream.key[i] for i in kept]
    scored: list[tuple[float, str, str]] = []
    for p in tf:
        if (" " not in p and df[p] < 2) or not _phrase_ok(p, df) or any(p != t and f" {p} " in f" {t} " for t in taken):
            continue
        weight = _weight(p, df, total)
        if p in taken:
            weight *= 0.3
        shown = phrases.shown[p]
        bare = " " not in p and not shown[:1].isupper()
        if bare and (p.endswith("ed") or _adverb(p)):
            continue
        shaped = p.endswith(_NOUN_ENDINGS) and not p.endswith(("ss", "us", "ous"))
        scored.append((weight * ((0.4 if shaped else 0.15) if bare else 1.0), p, _cap(shown)))
        at = _find(keys, p.split())
        if at is None or in_quotation(stream, kept, at):
            continue  # a phrase inside someone's reported words names no claim of the talk
        for factor, words in ((1.6, _claim(stream, kept, at, p.count(" ") + 1, df, phrases.classes)),
                              (1.25, _prep_phrase(stream, kept, at, p.count(" ") + 1, df, phrases.classes))):
            if words:
                scored.append((weight * factor, p, _cap(" ".join(words))))
    scored = [s for s in scored if s[2].casefold() not in shown_before]
    if not scored:
        return ""
    scored.sort(key=lambda s: (-s[0], s[2]))
    _, key, title = scored[0]
    taken.add(key)
    return title


def _phrase_ok(p: str, df: Counter) -> bool:
    """A keyphrase may stand as a title: no modifier or adverb at its edges ("always operated",
    "strengths firmly"), and an "-ing"/"-ed" ending only when the phrase recurs ("deep learning")."""
    parts = p.split()
    first, last = parts[0], parts[-1]
    if last in _NO_END or first in _BAD_START or _adverb(first) or _adverb(last):
        return False
    if df[p] >= 2:
        return True
    # said once: only when it ends on a word shaped like a noun ("research papers", "experience")
    return last.endswith(_NOUN_ENDINGS) and not last.endswith(("ss", "us", "ous"))


def _weight(p: str, df: Counter, total: int) -> float:
    """Frequent in the video but not everywhere; a phrase said once is judged by its words."""
    if df[p] >= 2:
        base = math.log1p(df[p]) * math.log(total / df[p] + 1)
    else:
        parts = [math.log1p(df[w]) * math.log(total / df[w] + 1) for w in p.split() if df[w] >= 2]
        base = 0.7 * sum(parts) / len(p.split())
    return base * (1 + 0.6 * p.count(" "))


def _find(keys: list[str], target: list[str]) -> int | None:
    n = len(target)
    return next((i for i in range(len(keys) - n + 1) if keys[i:i + n] == target), None)


def _claim(stream: Stream, kept: list[int], at: int, n: int, df: Counter, wc: WordClass) -> list[str]:
    """ "Subject verb complement" when the phrase at kept[at:at+n] is followed by a claim verb, or by
    a word in "-s"/"-ed" the talk uses as a verb ("the universe built", "a conversation arises")."""
    verb = at + n
    if verb >= len(kept) or _stops(stream, kept[verb - 1]):
        return []
    if stream.key[kept[verb]] not in _CLAIM_VERBS and not _verb_form(stream.key[kept[verb]], wc):
        return []
    if at > 0 and not _may_precede_subject(stream, kept[at - 1]):
        return []
    start = at - 1 if at > 0 and stream.key[kept[at - 1]] == "the" else at
    return _cut(stream, kept, start, verb + 1, df, min_extra=1)


def _prep_phrase(stream: Stream, kept: list[int], at: int, n: int, df: Counter, wc: WordClass) -> list[str]:
    """ "Phrase of/with/for something" ("cause of aging", "kids with degrees"), ending on a word the
    talk uses as a noun (not "interest on daily")."""
    prep = at + n
    if prep >= len(kept) or stream.key[kept[prep]] not in _PREPS or _stops(stream, kept[prep - 1]):
        return []
    words = _cut(stream, kept, at, prep + 1, df, min_extra=1, limit=6)
    return words if len(words) <= 6 and words and wc.nounish(words[-1].lower()) else []


def _cut(stream: Stream, kept: list[int], start: int, rest: int, df: Counter, min_extra: int,
         limit: int = MAX_WORDS) -> list[str]:
    """Words kept[start:end] for the longest end up to `limit` words that ends well, within one clause."""
    best = None
    for end in range(rest, min(len(kept), start + limit)):
        if end - rest + 1 >= min_extra and _ends_well(stream, kept, end, df):
            best = end
        if _stops(stream, kept[end]) or (end + 1 < len(kept) and stream.brk[kept[end + 1]]):
            break
    if best is None:
        return []
    return [_core(stream.text[i]) for i in kept[start:best + 1]]


def _ends_well(stream: Stream, kept: list[int], end: int, df: Counter) -> bool:
    """A title may end on a recurring content word that is not a modifier, an adverb or a bare verb
    form ("often heading", "was read"); "-ing"/"-ed" only inside a known phrase ("deep learning")."""
    key = stream.key[kept[end]]
    if not key or key in STOPWORDS or key in _NO_END or _adverb(key):
        return False
    if df[key] < 2 and not stream.text[kept[end]][:1].isupper():
        return False
    if key.endswith(("ing", "ed")):
        return end > 0 and df[f"{stream.key[kept[end - 1]]} {key}"] >= 2
    return True


def _may_precede_subject(stream: Stream, i: int) -> bool:
    key = stream.key[i]
    return _stops(stream, i) or key in _DETERMINERS or key in ("because", "that", "and", "but", "so", "why", "think")


def clause_title(stream: Stream, kept: list[int], df: Counter) -> str:
    """The detail's own opening words as a title, when it opens on a noun rather than a pronoun."""
    first = stream.key[kept[0]] if kept else ""
    if not first or first in STOPWORDS or first in _NO_END or _adverb(first) or df[first] < 2:
        return ""
    words = _cut(stream, kept, 0, 1, df, min_extra=1, limit=6)
    return _cap(" ".join(words)) if len(words) >= 2 else ""
