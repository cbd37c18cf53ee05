"""Candidate quotes: every span of the transcript that could be quoted on its own, cut out and
checked, and scored (quotability.py) only when a caller could see it (quote_pool.py); quoting.py
picks from them."""

from __future__ import annotations

from dataclasses import dataclass
from itertools import accumulate, compress
from typing import NamedTuple

import numpy as np

from .display import ends_sentence, keep_tokens
from .quote_pool import SpanPool
from .quotability import quotability, score_bound, word_kind
from .quote_cuts import (DASHES, EXAMPLE_OPENERS, MAX_WORDS, MIN_SENTENCE, MIN_WORDS, clause_ends, dangles,
                         inside_quotation, repeats_tail, sentence_ends, starts)
from .scoring import strip_openers
from .sentences import Unit, gap_score
from .text import STUTTER, Stream
from .turns import TAGS, near_host, tag_question
from .wordlists import DANGLING_MODIFIERS, DANGLING_PAIRS, DISCOURSE_OPENERS

# What a quote pays for P(host) = p: HOST_QUOTE_COST * p ** 1.5. Without speaker labels many host
# lines sit at p 0.3-0.6, so a doubtful call must cost something (1.2 at 0.5), a sure one a lot.
HOST_QUOTE_COST, HOST_QUOTE_POWER = 3.5, 1.5
# A unit this surely the host's (a labelled host turn, the show's opening read) is never a quote:
# not scoring its spans at all saves a third of the candidate work on a labelled interview.
HOST_SURE = 0.99
# A follower this much likelier the host's than the sentence before is taken as the other side's
# turn ("... the source of happiness. | So your academic accomplishments ..."): never glued on.
TURN_SHIFT = 0.25
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
    answers: bool = False  # opens a reply to a question
    cut: tuple = (False, False, 0)  # how it sits in its unit and its speech (quotability.features)


def candidates(stream: Stream, units: list[Unit], cent: np.ndarray, speaker: str | None,
               hostp: np.ndarray | None = None, punctuated: bool = True, clipped: set[int] = frozenset()) -> list[Span]:
    """Every quotable span: each sentence, without its openers, after a self-repair, or joined to a follower;
    a statement with a tag question, without the tag; none from a unit surely the host's (HOST_SURE).

    Unpunctuated text has no sure sentence edges, so there a span is judged by how sentence-like
    its edges look; tokens the caption archiver clipped (`clipped`) count against a span.
    """
    return span_pool(stream, units, cent, speaker, hostp, punctuated, clipped).every()


def span_pool(stream: Stream, units: list[Unit], cent: np.ndarray, speaker: str | None,
              hostp: np.ndarray | None = None, punctuated: bool = True, clipped: set[int] = frozenset()) -> SpanPool:
    """The spans of candidates(), not yet scored: a SpanPool scores them when asked."""
    entries, kinds = pool_entries(stream, units, cent, hostp, punctuated, clipped)
    return SpanPool([entry.unit for entry in entries], [entry.bound for entry in entries],
                    lambda j: _costed(stream, entries[j], kinds, speaker))


def pool_entries(stream: Stream, units: list[Unit], cent: np.ndarray, hostp: np.ndarray | None = None,
                 punctuated: bool = True, clipped: set[int] = frozenset()) -> tuple[list[_Entry], list[int]]:
    """Every candidate span as a pool entry, in order, and the stream's word kinds (quotability.word_kind)."""
    entries: list[_Entry] = []
    kinds = [word_kind(k) for k in stream.key]
    stops = sentence_ends(stream)
    inside = inside_quotation(stream)
    near = near_host(hostp, punctuated) if hostp is not None else None
    sums = _running_sums(stream)
    clipped_in_order = sorted(clipped)
    for ui, u in enumerate(units):
        tagged = u.question and tag_question(stream, u)
        if u.sponsor or (u.question and not tagged) or (hostp is not None and hostp[ui] >= HOST_SURE):
            continue
        # "..., the stronger the connection feels, right?" states a view: the quote stops before the tag
        ends = [u.last - 1] if tagged else [u.last] + clause_ends(stream, u, punctuated)
        nxt = units[ui + 1] if ui + 1 < len(units) else None
        if nxt and not (nxt.sponsor or nxt.question or stream.brk[nxt.first]) and stream.key[nxt.first] in _JOINERS \
                and not (hostp is not None and hostp[ui + 1] - hostp[ui] > TURN_SHIFT):
            ends.append(nxt.last)
        answers = any(units[j].question and not tag_question(stream, units[j]) for j in range(max(0, ui - 2), ui))
        # a long sentence split at a comma ("... and folks who struggle for it, | and folks who are always
        # wondering ..."): a quote from the unit's start begins in the middle of that sentence
        goes_on = punctuated and u.first > 0 and not stream.brk[u.first] and not ends_sentence(stream.text[u.first - 1])
        # a quote is cut inside its unit, so a host neighbour (turns.near_host) counts half as much as for an idea
        host = (near[ui] + hostp[ui]) / 2 if hostp is not None else 0.0
        cost = HOST_QUOTE_COST * host ** HOST_QUOTE_POWER
        centrality = float(cent[ui])
        for a in starts(stream, u, clipped_in_order, stops):
            for b in ends:
                draft = _draft(stream, a, b, ui, kinds, u, inside,
                               goes_on and a <= strip_openers(stream, u.first, u.last), sums)
                if draft and (punctuated or not _turn_inside(stream, draft)):
                    entries.append(_entry(draft, centrality, answers,
                                          _edge_penalty(stream, draft, punctuated, clipped, u.first) + cost))
    return entries, kinds


class _Entry(NamedTuple):
    """A span of the pool before it is scored: as little as it takes to score it later (`kept` is
    None when it is every token from first to last), and its score bound. Thousands stay alive at
    once, so each is one small tuple (fewer objects for the garbage collector to walk)."""

    first: int
    last: int
    unit: int
    kept: list[int] | None
    cut: tuple
    centrality: float
    answers: bool
    cost: float  # of its edges and of the host (quote_spans._edge_penalty, HOST_QUOTE_COST)
    bound: float


def _entry(draft: _Draft, centrality: float, answers: bool, cost: float) -> _Entry:
    """The pool's entry for a draft, with its score bound worked out while its word lists are at hand."""
    bound = score_bound(draft.keys, draft.kinds, answers, centrality, draft.cut) - cost
    whole = len(draft.kept) == draft.last - draft.first
    return _Entry(draft.first, draft.last, draft.unit, None if whole else draft.kept, draft.cut, centrality, answers,
                  cost, bound)


def _costed(stream: Stream, entry: _Entry, kinds: list[int], speaker: str | None) -> Span:
    """The entry's span, scored, the cost of its edges and of the host taken off."""
    span = _scored(stream, _redraft(stream, entry, kinds), entry.centrality, speaker, entry.answers)
    span.score -= entry.cost
    return span


def _redraft(stream: Stream, entry: _Entry, kinds: list[int]) -> _Draft:
    """The draft an entry was made from, its word lists sliced out again."""
    a, b = entry.first, entry.last
    if entry.kept is None:
        return _Draft(a, b, entry.unit, list(range(a, b)), stream.key[a:b], stream.text[a:b], kinds[a:b], entry.cut)
    kept = entry.kept
    return _Draft(a, b, entry.unit, kept, [stream.key[i] for i in kept], [stream.text[i] for i in kept],
                  [kinds[i] for i in kept], entry.cut)


def _turn_inside(stream: Stream, span: Span | _Draft) -> bool:
    """In unpunctuated captions a "yeah" inside a span is most often the other speaker's reply
    ("... here's the thing they don't do yeah but I don't have that with humans"): two turns, not a quote."""
    return any(stream.key[i] == "yeah" for i in span.kept[1:])


def _edge_penalty(stream: Stream, span: Span | _Draft, punctuated: bool, clipped: set[int], lead: int = -1) -> float:
    """Cost of a span that starts or stops mid-phrase, or holds a clipped caption word. `lead` is where
    the span's unit starts: a span that only drops the unit's openers ("Well | thinking about ...")
    starts where the unit does, not between "well" and the next word."""
    kept = span.kept
    last, before = stream.key[kept[-1]], stream.key[kept[-2]] if len(kept) > 1 else ""
    cost = 1.2 * (last in DANGLING_MODIFIERS or (before, last) in DANGLING_PAIRS)
    if clipped:  # only unpunctuated captions have clipped words
        cost += 2.5 * any(i in clipped for i in kept)
    cost += 0.3 * (last in _BACK_POINTING)  # "... propagate that." leans on what was said before
    if not punctuated:
        a, b = kept[0], kept[-1] + 1
        if 0 <= lead < a and a <= strip_openers(stream, lead, b):
            a = lead
        cost += _weak_edge(stream, a) + _weak_edge(stream, b)
    return cost


def _weak_edge(stream: Stream, j: int) -> float:
    """Cost of a quote edge right before token j in unpunctuated text, by how unlikely a sentence
    boundary is there (sentences.gap_score): none at a likely one, 0.5 where no cue speaks for it,
    up to 1.0 right after a word no sentence ends on ("the", "of")."""
    if j <= 0 or j >= len(stream):
        return 0.0
    return 0.5 * min(max(1.0 - gap_score(stream, j), 0.0), 2.0)


class _Draft(NamedTuple):
    """A span cut out and checked, not yet scored: tokens [first, last) of unit `unit`, the ones a
    reader sees (`kept`) with their keys, display texts and word kinds, and how it sits in its unit."""

    first: int
    last: int
    unit: int
    kept: list[int]
    keys: list[str]
    texts: list[str]
    kinds: list[int] | None
    cut: tuple


def _span(stream: Stream, a: int, b: int, ui: int, centrality: float, speaker: str | None,
          answers: bool = False, kinds: list[int] | None = None, unit: Unit | None = None,
          inside: list[bool] | None = None, mid_sentence: bool = False) -> Span | None:
    """The scored span of tokens [a, b) of unit `ui`, or None when those words cannot be a quote: one
    span on its own, without a pool (the tests cut spans this way)."""
    draft = _draft(stream, a, b, ui, kinds, unit, inside, mid_sentence)
    return None if draft is None else _scored(stream, draft, centrality, speaker, answers)


def _draft(stream: Stream, a: int, b: int, ui: int, kinds: list[int] | None = None, unit: Unit | None = None,
           inside: list[bool] | None = None, mid_sentence: bool = False, sums: tuple | None = None) -> _Draft | None:
    """Tokens [a, b) of unit `ui` trimmed and checked as a quote (length, no question, no trailing
    off, not an example), or None. `sums` (_running_sums) lets a span's length be read off, and a
    span with no word to drop be sliced, without a walk over its tokens."""
    while b > a and dangles(stream, b - 1):
        b -= 1
    if any(stream.brk[a + 1:b]):
        return None
    words = stream.words
    if sums is None:
        kept = keep_tokens(stream, a, b)
        n = sum([len(words[i]) for i in kept])
    else:
        kept_words, dropped = sums
        n = kept_words[b] - kept_words[a] + (stream.drop[b - 1] == STUTTER) * len(words[b - 1])  # keep_tokens' rule
    if not MIN_SENTENCE <= n <= MAX_WORDS:
        return None
    if sums is None or dropped[b] != dropped[a]:
        kept = keep_tokens(stream, a, b) if sums is not None else kept
        texts = [stream.text[i] for i in kept]
        keys = [stream.key[i] for i in kept]
        kinds = None if kinds is None else [kinds[i] for i in kept]
    else:
        kept, texts, keys = list(range(a, b)), stream.text[a:b], stream.key[a:b]
        kinds = None if kinds is None else kinds[a:b]
    inner = "".join(texts[:-1])
    if "?" in inner or "?" in texts[-1] or "..." in inner or "…" in inner:  # a question; a thought trailing off
        return None
    if n < MIN_WORDS and not (ends_sentence(stream.text[b - 1]) and (a == 0 or ends_sentence(stream.text[a - 1]))):
        return None
    if ("example" in keys or "instance" in keys) and any(p in EXAMPLE_OPENERS for p in zip(keys, keys[1:])):
        return None  # "..., but for example, you always pay in dollars": an illustration of a point made elsewhere
    cut = (b > unit.last, b < unit.last - 1 and not (stream.text[b] in DASHES and repeats_tail(stream, kept, b, unit.last)),
           unit.last - unit.first, bool(inside and inside[kept[0]]), mid_sentence) if unit else (False, False, 0)
    return _Draft(a, b, ui, kept, keys, texts, kinds, cut)


def _running_sums(stream: Stream) -> tuple[list[int], list[int]]:
    """Before each token (and after the last): how many words the tokens a reader sees hold so far
    (display.keep_tokens drops fillers and stutters), and how many tokens were dropped so far."""
    lengths = list(map(len, stream.words))
    for i in compress(range(len(lengths)), stream.drop):
        lengths[i] = 0
    return list(accumulate(lengths, initial=0)), list(accumulate(map(bool, stream.drop), initial=0))


def _scored(stream: Stream, draft: _Draft, centrality: float, speaker: str | None, answers: bool) -> Span:
    """The draft as a Span with its quote score (before the costs of its edges and of the host)."""
    a, b, ui, kept, keys, texts, kinds, cut = draft
    score = quotability(keys, texts, answers, centrality, kinds, cut)
    tag_next = b < len(stream) and stream.text[b].lower() in TAGS  # "feels, | right?": the comma is the tag's
    score -= 0.5 * (stream.text[b - 1].endswith(("-", ",", "…", "...")) and not tag_next)
    score -= 0.6 * (keys[0] in DISCOURSE_OPENERS)
    start = stream.seg_start[stream.seg[kept[0]]]
    return Span(a, b, ui, "", start, stream.speaker[kept[0]] or speaker, score, kept, answers, cut)
