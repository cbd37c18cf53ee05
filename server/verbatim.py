"""Finding a quote in a transcript: the check behind "every quote is verbatim"."""

from __future__ import annotations

import re
import weakref
from dataclasses import dataclass

from .models import Transcript

# Sounds of hesitation a quote may leave out of the transcript run it comes from (docs/contract.md); the extractive
# summarizer drops the same sounds from what it shows, so its quotes stay verbatim.
HESITATIONS = frozenset({"um", "uh", "umm", "uhm", "erm", "er", "ah", "hmm", "mm", "mhm"})

_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*", re.UNICODE)


def words(text: str) -> list[str]:
    """Lower-cased words without punctuation, apostrophes unified: what matching compares."""
    return [w.replace("’", "'") for w in _WORD.findall(text.casefold())]


@dataclass(frozen=True)
class WordIndex:
    """Every word of a transcript with the index of the segment it sits in."""

    words: tuple[str, ...]
    segment_of: tuple[int, ...]

    @classmethod
    def build(cls, transcript: Transcript) -> "WordIndex":
        flat, owners = [], []
        for i, segment in enumerate(transcript.segments):
            for w in words(segment.text):
                flat.append(w)
                owners.append(i)
        return cls(tuple(flat), tuple(owners))


_indexes: dict[int, tuple[weakref.ref, WordIndex]] = {}


def index_of(transcript: Transcript) -> WordIndex:
    """The transcript's word index, built once per transcript object: the summarizer's quote
    picking and the verbatim check of the finished cards share it."""
    key = id(transcript)
    entry = _indexes.get(key)
    if entry is not None and entry[0]() is transcript:
        return entry[1]
    index = WordIndex.build(transcript)
    # Forgotten when the transcript is: the callback runs before its id can be reused.
    _indexes[key] = (weakref.ref(transcript, lambda _ref: _indexes.pop(key, None)), index)
    return index


def runs(index: WordIndex, quote: str):
    """Yield (first, last) word positions of every run `quote` could be cut from.

    A run holds the quote's words in order, contiguously, except that fillers and
    immediate repeats (stutters) of the run may be skipped.
    """
    wanted = [w for w in words(quote) if w not in HESITATIONS]
    if not wanted:
        return
    source = index.words
    for first, word in enumerate(source):
        if word != wanted[0]:
            continue
        pos, k = first + 1, 1
        while k < len(wanted) and pos < len(source):
            if source[pos] == wanted[k]:
                k += 1
            elif not (source[pos] in HESITATIONS or source[pos] == source[pos - 1]):
                break
            pos += 1
        if k == len(wanted):
            yield first, pos - 1


def is_verbatim_at(transcript: Transcript, quote: str, start: float, index: WordIndex | None = None) -> bool:
    """True when `quote` is cut from the transcript at a run beginning in a segment starting at `start`."""
    index = index or WordIndex.build(transcript)
    return any(
        abs(transcript.segments[index.segment_of[first]].start - start) < 1e-6
        for first, _ in runs(index, quote)
    )
