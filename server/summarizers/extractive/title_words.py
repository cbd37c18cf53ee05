"""The word sets and token helpers idea titles share: which words a title may not end on, how a
transcript token is shown in one (its punctuation stripped, the first letter capitalised), and
which inflected words the talk uses as verbs."""

from __future__ import annotations

from .text import Stream
from .wordclass import WordClass
from .wordlists import DANGLING_MODIFIERS

# Verbs after which a sentence says what its subject is or does ("farming is", "code needs").
_CLAIM_VERBS = frozenset(
    "is are was were means mean matters makes make needs need has have gives leads drives becomes requires helps "
    "can't doesn't don't isn't aren't won't will can should must changes creates depends solves".split()
)
_PREPS = frozenset("of with for in on without from about behind between versus against".split())
_DETERMINERS = frozenset("the a an our your their my his her its this these those".split())
# Words that may sit inside a title but not end it, beyond stopwords and dangling modifiers.
_NO_END = DANGLING_MODIFIERS | _CLAIM_VERBS | _PREPS | _DETERMINERS


def _adverb(word: str) -> bool:
    """ "firmly", "usually", "partially" (not "daily", "family")."""
    return word.endswith("ly") and len(word) > 5 and not word.endswith("ily")


def _stops(stream: Stream, i: int) -> bool:
    return stream.text[i].endswith((",", ".", ";", ":", "?", "!", "-", "—"))


def _core(token: str) -> str:
    return token.strip(",.;:?!\"'“”()[]—-")


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def _verb_form(key: str, wc: WordClass) -> bool:
    """ "builds", "built", "arises": an inflected word whose base form the talk says as a verb more than as a noun."""
    for ending in ("es", "s", "ed", "d"):
        base = key[:-len(ending)]
        if key.endswith(ending) and not key.endswith("ss") and len(base) > 2:
            n, v, _ = wc.counts(base)
            if v >= 1 and v > n and wc.noun[key] == 0:
                return True
    return False
