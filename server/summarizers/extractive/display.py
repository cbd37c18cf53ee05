"""Readable text from a run of transcript tokens, changing nothing but fillers, stutters, case and end marks."""

from __future__ import annotations

from ...quotes import FILLERS, words
from .text import Stream

_TRAIL = ",;:-–—…"


def tidy(stream: Stream, first: int, last: int, hedges: bool = False) -> str:
    """Return tokens [first, last) as a sentence: fillers and stutters dropped, capitalised, end mark added.

    With `hedges`, spoken hedges ("kind of", "you know,", "basically") go too: for ideas and points,
    which are shown tidied; quotes keep them, as only fillers and stutters may leave a quote.
    """
    kept = keep_tokens(stream, first, last)
    if hedges:
        kept = drop_hedges(stream, kept)
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


# "kind of" after these is literal ("what kind of tree"), not a hedge.
_LITERAL_KIND = frozenset("what this that the a any some same every which one other different no new".split())
_HEDGE_WORDS = frozenset({"basically"})
_HEDGE_PAIRS = frozenset({("kind", "of"), ("sort", "of")})
_TAG_ENDS = frozenset({"right", "basically"})
# A closing "right" after these is meant ("that's right", "the right"), not a tag question.
_MEANT_RIGHT = frozenset("that's is was it's you're all the exactly quite just not be are were".split())


def drop_hedges(stream: Stream, kept: list[int]) -> list[int]:
    """Tokens of `kept` without hedges: "kind of"/"sort of" (not "what kind of"), "you know," and
    "I mean," set off by commas, "basically", and a tag "right" at the very end. Deletion only."""
    out: list[int] = []
    skip = 0
    for n, i in enumerate(kept):
        if skip:
            skip -= 1
            continue
        key = stream.key[i]
        nxt = stream.key[kept[n + 1]] if n + 1 < len(kept) else ""
        prev = stream.key[out[-1]] if out else ""
        if (key, nxt) in _HEDGE_PAIRS and prev not in _LITERAL_KIND and n + 2 < len(kept) \
                and not stream.text[i].endswith(","):
            skip = 1
            continue
        if (key, nxt) in {("you", "know"), ("i", "mean")} and stream.text[kept[n + 1]].endswith(",") and out:
            skip = 1
            continue
        if key in _HEDGE_WORDS and out and n + 1 < len(kept):
            continue
        out.append(i)
    while len(out) > 3 and stream.key[out[-1]] in _TAG_ENDS and stream.key[out[-2]] not in _MEANT_RIGHT \
            and not stream.text[out[-2]].endswith((".", "!", "?")):
        out.pop()
    return out


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
