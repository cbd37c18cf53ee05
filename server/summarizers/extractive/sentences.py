"""Sentence units rebuilt across caption segments, punctuated or not, each with its time."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .text import Stream

_ABBREV = frozenset(
    "mr mrs ms dr prof st jr sr vs etc e.g i.e a.m p.m u.s u.k inc ltd co no vol fig approx dept".split()
)
_CLOSERS = "\"'”’)]»"
_QUESTION_OPENERS = (
    "what", "why", "how", "who", "where", "when", "which", "do you", "did you", "does", "is it",
    "is there", "are you", "are there", "can you", "could you", "would you", "have you", "should",
    "was it", "were you", "will you", "isn't it", "don't you",
)

# Unpunctuated captions: how strongly a word suggests a sentence starts right before it,
# or ends right after it (by hand, after the cues listed in the research notes, §3.1).
_START_CUE = {
    "so": 2.0, "yeah": 2.0, "okay": 2.0, "um": 1.5, "uh": 1.2, "well": 1.5, "now": 1.2,
    "but": 1.2, "and": 0.5, "i": 0.8, "what": 0.9, "why": 0.8, "how": 0.7, "it's": 0.6,
    "that's": 0.6, "there's": 0.6, "we": 0.5, "you": 0.3, "if": 0.6, "because": 0.3,
    "let's": 1.0, "no": 1.0, "right": 0.6, "oh": 1.2, "actually": 0.6, "the": 0.2, "this": 0.4,
}
_END_CUE = {"right": 1.2, "yeah": 1.2, "okay": 1.0, "too": 0.6, "anyway": 1.0, "though": 0.8, "know": 0.4}
_NEVER_AFTER = frozenset(
    "a an the and or but of to in on at for with from by as is was are were be i my your our their his her "
    "its like that's it's than very so if because about into just this that these those we you they he she "
    "can could would should will do don't not have has had".split()
)
_ASKING = ("do you think", "what do you", "how do you", "why do you", "do you", "can you", "would you", "is it",
           "does the", "do we", "is there", "are we", "should we")
_MIN_WORDS, _MAX_WORDS = 8, 30


@dataclass
class Unit:
    """A sentence (or sentence-like stretch): tokens [first, last) of the stream."""

    first: int
    last: int
    start: float
    speaker: str | None
    question: bool = False
    sponsor: bool = False
    rough: bool = False  # cut by length, not at a likely sentence edge (unpunctuated text)

    def size(self) -> int:
        return self.last - self.first


def split_units(stream: Stream, punctuated: bool) -> list[Unit]:
    """Cut the stream into sentence units, never across a speaker change or a sound tag."""
    cuts, forced = (_punct_cuts(stream), set()) if punctuated else _auto_cuts(stream)
    units = []
    for a, b in zip(cuts, cuts[1:]):
        if b > a:
            unit = _unit(stream, a, b, punctuated)
            unit.rough = a in forced or b in forced
            units.append(unit)
    return units


def _unit(stream: Stream, a: int, b: int, punctuated: bool) -> Unit:
    last = stream.text[b - 1].rstrip(_CLOSERS)
    if punctuated:
        question = last.endswith(("?", "？"))
    else:
        head = " ".join(stream.key[a:a + 2])
        body = " " + " ".join(stream.key[a:b]) + " "
        question = head.startswith(_QUESTION_OPENERS) or any(f" {q} " in body for q in _ASKING)
    return Unit(a, b, stream.time[a], stream.speaker[a], question)


def _ends_sentence(stream: Stream, i: int) -> bool:
    tok = stream.text[i].rstrip(_CLOSERS)
    if tok.endswith(("。", "？", "！")):
        return True
    if not tok.endswith((".", "?", "!")):
        return False
    if tok.endswith(".") and (tok[:-1].lower().strip("(\"'") in _ABBREV or re.fullmatch(r"[A-Z]\.", tok)):
        return False
    if i + 1 < len(stream.text):
        nxt = stream.text[i + 1].lstrip("\"'“‘([¿¡-")
        return not nxt or not nxt[0].islower()
    return True


def _punct_cuts(stream: Stream) -> list[int]:
    n, cuts, begun = len(stream), [0], 0
    for i in range(n):
        if i > begun and stream.brk[i]:
            cuts.append(i)
            begun = i
        if _ends_sentence(stream, i):
            cuts.append(i + 1)
            begun = i + 1
        elif i + 1 - begun > 60 and stream.text[i].endswith((",", ";", ":")):
            cuts.append(i + 1)
            begun = i + 1
        elif i + 1 - begun > 90:
            cuts.append(i + 1)
            begun = i + 1
    cuts.append(n)
    return sorted(set(cuts))


def gap_score(stream: Stream, j: int) -> float:
    """How likely a sentence boundary sits right before token j (unpunctuated text)."""
    if stream.brk[j]:
        return 99.0
    prev, nxt = stream.key[j - 1], stream.key[j]
    if prev in _NEVER_AFTER:
        return -3.0
    score = _START_CUE.get(nxt, 0.0) + _END_CUE.get(prev, 0.0)
    if nxt == prev:
        score -= 2.0
    if stream.seg[j] != stream.seg[j - 1]:
        score += 0.3
    return score


def _auto_cuts(stream: Stream) -> tuple[list[int], set[int]]:
    """Cut points of unpunctuated text, and those of them forced by the length limit."""
    n, cuts, forced, a = len(stream), [0], set(), 0
    while n - a > _MAX_WORDS:
        hard = next((j for j in range(a + 1, a + _MAX_WORDS + 1) if stream.brk[j]), None)
        if hard is not None:
            a = hard
        else:
            window = range(a + _MIN_WORDS, a + _MAX_WORDS + 1)
            scores = [(gap_score(stream, j), j) for j in window]
            good = next((j for s, j in scores if s >= 1.8), None)
            if good is None:
                score, good = max(scores, key=lambda sj: (sj[0], -sj[1]))
                if score < 1.0:
                    forced.add(good)
            a = good
        cuts.append(a)
    for j in range(a + 1, n):
        if stream.brk[j]:
            cuts.append(j)
    cuts.append(n)
    return sorted(set(cuts)), forced
