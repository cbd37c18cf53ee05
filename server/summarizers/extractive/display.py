"""Readable text from a run of transcript tokens, changing nothing but fillers, stutters, case and end marks."""

from __future__ import annotations

from ...quotes import FILLERS, words
from .text import Stream

_TRAIL = ",;:-–—…"


def tidy(stream: Stream, first: int, last: int) -> str:
    """Return tokens [first, last) as a sentence: fillers and stutters dropped, capitalised, end mark added."""
    kept = keep_tokens(stream, first, last)
    return finish([stream.text[i] for i in kept])


def keep_tokens(stream: Stream, first: int, last: int) -> list[int]:
    """Indexes of the tokens a reader should see: drop lone fillers and single-word stutters."""
    kept: list[int] = []
    for i in range(first, last):
        found = stream.words[i]
        if len(found) == 1 and found[0] in FILLERS:
            continue
        if len(found) == 1 and i + 1 < last and stream.words[i + 1][:1] == found and not stream.brk[i + 1]:
            continue
        kept.append(i)
    return kept


def finish(tokens: list[str]) -> str:
    """Join tokens, capitalise the first letter and a lone "i", and end with a full stop."""
    out = ["I" + t[1:] if t.lower() == "i" or t.lower().startswith(("i'", "i’")) else t for t in tokens]
    text = " ".join(out).strip().lstrip(_TRAIL + " ")
    text = text.rstrip(_TRAIL + " ")
    if not text:
        return ""
    text = _balance_quotes(text)
    if not text:
        return ""
    text = text[0].upper() + text[1:]
    if text[-1] not in ".?!\"'”’)":
        text += "."
    return text


def _balance_quotes(text: str) -> str:
    """Drop a quotation mark left open or closed by the cut (punctuation only, words untouched)."""
    straight = text.count('"') % 2 == 1
    curly = text.count("“") != text.count("”")
    if straight or curly:
        if text[-1] in '"”' and (text.count('"') + text.count("“")) >= 1:
            text = text[:-1].rstrip()
        elif text[0] in '"“':
            text = text[1:].lstrip()
    return text


def word_count(text: str) -> int:
    """Words as the verbatim check counts them."""
    return len(words(text))
