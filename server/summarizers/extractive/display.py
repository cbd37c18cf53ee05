"""Readable text from a run of transcript tokens, changing nothing but fillers, stutters, case and end marks."""

from __future__ import annotations

from collections import Counter

from .text import STUTTER, Stream

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
    drop = stream.drop
    return [i for i in range(first, last) if not drop[i] or (drop[i] == STUTTER and i + 1 == last)]


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


_CLOSERS = "\"'”’)]»"
_OPEN_BEFORE = " ([{—–-/"


def ends_sentence(token: str) -> bool:
    """True for a token that closes a sentence, maybe inside quotes or brackets ("like.\"", "done!)").
    A trailing "..." trails off rather than ends, so it does not count."""
    core = token.rstrip(_CLOSERS)
    return core.endswith((".", "!", "?")) and not core.endswith("..")


def _balance_quotes(text: str) -> str:
    """Drop every double quotation mark left without its partner by the cut, wherever it sits.

    A straight mark opens when it starts the text or follows a space or bracket, and closes
    otherwise; curly marks say which they are. Only punctuation goes: the words are untouched.
    """
    stack: list[int] = []
    unmatched: list[int] = []
    for n, ch in enumerate(text):
        if ch == "“" or (ch == '"' and (n == 0 or text[n - 1] in _OPEN_BEFORE)):
            stack.append(n)
        elif ch in '"”':
            if stack:
                stack.pop()
            else:
                unmatched.append(n)
    unmatched += stack
    if not unmatched:
        return text
    out = "".join(ch for n, ch in enumerate(text) if n not in set(unmatched))
    return " ".join(out.split())


def quote_marks(text: str) -> str:
    """A quote card's text with its inner double quotation marks turned into single ones.

    The card itself is shown and copied inside double quotes, so nested ones would read as the
    quote ending early. Changing " to ' is punctuation, which the verbatim check ignores.
    """
    return text.replace('"', "'").replace("“", "‘").replace("”", "’")


def title_case_map(title: str | None, stream: Stream) -> dict[str, str]:
    """How to write words that auto-captions lowercase: the title's all-caps words and words mixing
    letters and digits ("AGI", "GPT2"), else a form the transcript itself capitalises more often
    than not (names mid-sentence). Only case changes: the words stay the speakers'."""
    out: dict[str, str] = {}
    for raw in (title or "").split():
        word = raw.strip(",.:;!?\"'()|#")
        mixed = any(c.isdigit() for c in word) and any(c.isalpha() for c in word)
        if len(word) >= 2 and (word.isupper() or mixed) and word.isalnum():
            out[word.lower()] = word
    seen: dict[str, Counter] = {}
    text = stream.text
    for n, key in enumerate(stream.key):
        if key and n > 0 and not text[n - 1].endswith((".", "!", "?")):
            forms = seen.get(key)
            if forms is None:  # not setdefault: that built a throwaway Counter for every token
                forms = seen[key] = Counter()
            forms[text[n].strip(",.:;!?\"'()“”‘’")] += 1
    for key, forms in seen.items():
        form, n = forms.most_common(1)[0]
        if key not in out and form[:1].isupper() and n * 2 > sum(forms.values()) and form.lower() == key \
                and key != "i":
            out[key] = form
    return out


def recase(text: str, forms: dict[str, str]) -> str:
    """`text` with each word written as `forms` says (case only), keeping a capital first letter."""
    words_out = [forms.get(w.lower(), w) if w[:1].islower() or w.lower() in forms else w for w in text.split(" ")]
    out = " ".join(words_out)
    return out[:1].upper() + out[1:] if text[:1].isupper() else out
