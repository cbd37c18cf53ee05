"""Words worth saving: verbatim spans of the transcript, scored for being quotable on their own."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ...models import Quote, Transcript
from ...quotes import index_of, is_verbatim_at
from .display import ends_sentence, finish, keep_tokens, quote_marks
from .scoring import idea_score, mmr, strip_openers
from .sentences import Unit
from .sponsor import is_sponsor_text
from .sentences import gap_score
from .text import Stream
from .wordlists import DANGLING_ENDINGS, DANGLING_MODIFIERS, DANGLING_PAIRS, DISCOURSE_OPENERS

MIN_WORDS, MAX_WORDS = 8, 40
_JOINERS = {"but", "because", "so", "and"}
_BACK_POINTING = frozenset("it that this them there these those".split())


@dataclass
class Span:
    """A candidate quote: tokens [first, last) cut from unit `unit`."""

    first: int
    last: int
    unit: int
    text: str
    start: float
    speaker: str | None
    score: float
    kept: list[int]


def candidates(stream: Stream, units: list[Unit], cent: np.ndarray, speaker: str | None,
               host: str | None = None, punctuated: bool = True, clipped: set[int] = frozenset()) -> list[Span]:
    """Every quotable span: each sentence, without its openers, after a self-repair, or joined to a follower.

    Unpunctuated text has no sure sentence edges, so there a span is judged by how sentence-like
    its edges look; tokens the caption archiver clipped (`clipped`) count against a span.
    """
    out: list[Span] = []
    for ui, u in enumerate(units):
        if u.sponsor or u.question:
            continue
        ends = [u.last]
        nxt = units[ui + 1] if ui + 1 < len(units) else None
        if nxt and not (nxt.sponsor or nxt.question or stream.brk[nxt.first]) and stream.key[nxt.first] in _JOINERS:
            ends.append(nxt.last)
        for a in _starts(stream, u, clipped):
            for b in ends:
                penalty = 1.4 * (host is not None and u.speaker == host) + 1.0 * u.rough
                span = _span(stream, a, b, ui, float(cent[ui]) - penalty, speaker)
                if span:
                    span.score -= _edge_penalty(stream, span, punctuated, clipped)
                    out.append(span)
    return out


def _starts(stream: Stream, u: Unit, clipped: set[int] = frozenset()) -> list[int]:
    starts = {u.first, strip_openers(stream, u.first, u.last)}
    for i in range(u.first + 3, u.last - MIN_WORDS):
        if stream.text[i - 1].endswith(",") and stream.key[i] in ("i", "it's", "the", "we", "that's", "you"):
            starts.add(i)
    starts.update(i + 1 for i in clipped if u.first <= i < u.last - MIN_WORDS)
    return sorted(starts)


def _edge_penalty(stream: Stream, span: Span, punctuated: bool, clipped: set[int]) -> float:
    """Cost of a span that starts or stops mid-phrase, or holds a clipped caption word."""
    kept = span.kept
    last, before = stream.key[kept[-1]], stream.key[kept[-2]] if len(kept) > 1 else ""
    cost = 1.2 * (last in DANGLING_MODIFIERS or (before, last) in DANGLING_PAIRS)
    cost += 2.5 * any(i in clipped for i in kept)
    cost += 0.6 * (last in _BACK_POINTING)  # "... propagate that." leans on what was said before
    if not punctuated:
        a, b = kept[0], kept[-1] + 1
        cost += 0.5 * (a > 0 and gap_score(stream, a) < 1.0)
        cost += 0.5 * (b < len(stream) and gap_score(stream, b) < 1.0)
    return cost


def _span(stream: Stream, a: int, b: int, ui: int, centrality: float, speaker: str | None) -> Span | None:
    while b > a and _dangles(stream, b - 1):
        b -= 1
    if any(stream.brk[a + 1:b]):
        return None
    kept = keep_tokens(stream, a, b)
    words = stream.words
    n = sum([len(words[i]) for i in kept])
    if not MIN_WORDS <= n <= MAX_WORDS or any(["?" in stream.text[i] for i in kept]):
        return None
    keys = [stream.key[i] for i in kept]
    score = idea_score(keys) + 0.5 * centrality + (0.5 if 12 <= n <= 30 else 0.0)
    score -= 0.5 * stream.text[b - 1].endswith(("-", ",", "…", "..."))
    score -= 0.6 * (keys[0] in DISCOURSE_OPENERS)
    start = stream.seg_start[stream.seg[kept[0]]]
    return Span(a, b, ui, "", start, stream.speaker[kept[0]] or speaker, score, kept)


# "like" ends a thought as a filler only after these ("it was like", "I'm like"); elsewhere it is
# a verb or a preposition ("what God looks like", "things I like") and must stay.
_FILLER_LIKE_AFTER = frozenset("was is it's i'm he's she's they're we're you're were just and kinda".split())


def _dangles(stream: Stream, i: int) -> bool:
    """True when token i may be trimmed off the end of a quote: a dangling word that does not end a
    sentence. Trimming the last word of a sentence would change what was said ("looks like." -> "looks.")."""
    if not stream.key[i] and stream.text[i] in ("...", "…"):  # a trailing-off mark of its own
        return True
    if ends_sentence(stream.text[i]) or stream.key[i] not in DANGLING_ENDINGS:
        return False
    if stream.key[i] == "like":
        return i > 0 and stream.key[i - 1] in _FILLER_LIKE_AFTER
    return True


_ONE_LETTER_WORDS = frozenset("a i".split())


def garbled(keys: list[str], window: int = 8) -> bool:
    """True for words a caption recogniser mangled: a one-letter non-word ("just o find"), a word
    three-word run said twice within a few words, or two words both repeated there ("just to find the
    geometric just o find"). A quote must read as something a person said on purpose."""
    if any(len(k) == 1 and k.isalpha() and k not in _ONE_LETTER_WORDS for k in keys):
        return True
    last_seen: dict = {}
    repeats: list[tuple[int, str]] = []  # (position, word) of each word said again within the window
    for n, key in enumerate(keys):
        triple = tuple(keys[n:n + 3])
        if len(triple) == 3 and n - last_seen.get(triple, -99) < window:
            return True
        last_seen[triple] = n
        if len(key) > 3:
            if n - last_seen.get(key, -99) < window:
                repeats.append((n, key))
            last_seen[key] = n
    return any(b[0] - a[0] < window and a[1] != b[1] for a, b in zip(repeats, repeats[1:]))


def _readable(stream: Stream, spans: list[Span], limit: int = 250) -> list[Span]:
    """The best `limit` spans with their display text, sponsor-like and garbled wording removed."""
    out = []
    for span in sorted(spans, key=lambda s: (-s.score, s.start))[:limit]:
        if garbled([stream.key[i] for i in span.kept]):
            continue
        span.text = quote_marks(finish([stream.text[i] for i in span.kept]))
        if not is_sponsor_text(span.text):
            out.append(span)
    return out


def pick_quotes(transcript: Transcript, stream: Stream, spans: list[Span], vectors, used: set[int],
                k: int = 5) -> list[Quote]:
    """Choose k distinct, spread-out quotes; each one is checked verbatim before it is kept."""
    pool = _readable(stream, [s for s in spans if s.unit not in used])
    spacing = max(stream.duration, 1.0) / 15
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
            if is_verbatim_at(transcript, span.text, span.start, index) and _apart(span, chosen, spacing):
                chosen.append(span)
            else:
                bad.add(j)
        taken = {s.unit for s in chosen}
        pool = [s for j, s in enumerate(pool) if j not in bad and s.unit not in taken]
        pool = [s for s in pool if _apart(s, chosen, spacing)]
    chosen.sort(key=lambda s: s.start)
    used.update(s.unit for s in chosen)
    return [Quote(s.text, s.speaker, s.start) for s in chosen]


def _apart(span: Span, chosen: list[Span], spacing: float) -> bool:
    return all(abs(span.start - c.start) >= spacing for c in chosen if c is not span)
