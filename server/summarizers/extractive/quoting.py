"""Words worth saving: the quotes picked from the candidate spans (quote_spans.py), spread out,
readable and each checked verbatim."""

from __future__ import annotations

from ...models import Quote, Transcript
from ...verbatim import index_of, is_verbatim_at, words
from .display import finish, quote_marks
from .quote_spans import Span
from .scoring import mmr
from .sponsor import is_sponsor_text
from .text import Stream, is_punctuated
from .wordlists import STOPWORDS

_ONE_LETTER_WORDS = frozenset("a i".split())


def garbled(keys: list[str], window: int = 8, punctuated: bool = False) -> bool:
    """True for words a caption recogniser mangled: a one-letter non-word ("just o find"), a word
    three-word run said twice within a few words, or (in unpunctuated captions) two words both repeated
    there ("just to find the geometric just o find"). A quote must read as something a person said on
    purpose. Punctuated text repeats words on purpose ("leaders, especially technical leaders, have to
    have"), so there only the first two count."""
    if any(len(k) == 1 and k.isalpha() and k not in _ONE_LETTER_WORDS for k in keys):
        return True
    triple_window = 5 if punctuated else window  # "the quality of our relationships determines the quality of our life"
    last_seen: dict = {}
    repeats: list[tuple[int, str]] = []  # (position, word) of each word said again within the window
    for n, key in enumerate(keys):
        triple = tuple(keys[n:n + 3])
        if len(triple) == 3 and n - last_seen.get(triple, -99) < triple_window:
            return True
        last_seen[triple] = n
        if len(key) > 3:
            if n - last_seen.get(key, -99) < window:
                repeats.append((n, key))
            last_seen[key] = n
    return not punctuated and any(b[0] - a[0] < window and a[1] != b[1] for a, b in zip(repeats, repeats[1:]))


# How many of the best spans the picking looks at (readable's limit).
POOL = 250


def readable(stream: Stream, spans: list[Span], limit: int | None = POOL) -> list[Span]:
    """The best `limit` spans (all when None), best first, with their display text; sponsor-like and
    garbled wording removed."""
    out, punctuated = [], is_punctuated(stream)
    for span in sorted(spans, key=lambda s: (-s.score, s.start))[:limit]:
        if garbled([stream.key[i] for i in span.kept], punctuated=punctuated):
            continue
        span.text = quote_marks(finish([stream.text[i] for i in span.kept]))
        if not is_sponsor_text(span.text):
            out.append(span)
    return out


def quote_spacing(stream: Stream) -> float:
    """How far apart in seconds two quotes must start: a fifteenth of the video."""
    return max(stream.duration, 1.0) / 15


def pick_quotes(transcript: Transcript, stream: Stream, pool: list[Span], vectors, k: int = 5,
                ideas: list[str] = ()) -> list[Span]:
    """Choose k distinct, spread-out quotes from `pool` (readable candidates, best first), in time
    order; each one is checked verbatim before it is kept.

    A quote that says what an idea's detail already says (`ideas`) is left out: the same words
    twice on one page read as a bug."""
    shown = [_content_words(text) for text in ideas]
    spacing = quote_spacing(stream)
    index = index_of(transcript)
    chosen: list[Span] = []
    while pool and len(chosen) < k:
        picks = mmr([s.score for s in pool], [s.unit for s in pool], [s.start for s in pool], vectors,
                    k - len(chosen), 0.7, spacing)
        if not picks:
            break
        bad = set()
        for j in picks:
            span = pool[j]
            fresh = not any(_repeats(_content_words(span.text), seen) for seen in shown)
            if fresh and is_verbatim_at(transcript, span.text, span.start, index) and apart(span, chosen, spacing):
                chosen.append(span)
            else:
                bad.add(j)
        taken = {s.unit for s in chosen}
        pool = [s for j, s in enumerate(pool) if j not in bad and s.unit not in taken]
        pool = [s for s in pool if apart(s, chosen, spacing)]
    return sorted(chosen, key=lambda s: s.start)


def as_quotes(chosen: list[Span]) -> list[Quote]:
    """The quote card's items: each picked span's words, speaker and start."""
    return [Quote(s.text, s.speaker, s.start) for s in chosen]


def apart(span: Span, chosen: list[Span], spacing: float) -> bool:
    return all(abs(span.start - c.start) >= spacing for c in chosen if c is not span)


def _content_words(text: str) -> set[str]:
    return {w for w in words(text) if w not in STOPWORDS and len(w) > 2}


def _repeats(mine: set[str], seen: set[str]) -> bool:
    """True when half or more of a quote's content words are in an idea's detail."""
    return bool(mine) and len(mine & seen) * 2 >= len(mine)
