"""Words worth saving: verbatim spans of the transcript, scored for being quotable on their own."""

from __future__ import annotations

import heapq
from itertools import accumulate, compress
from dataclasses import dataclass
from typing import NamedTuple

import numpy as np

from ...models import Quote, Transcript
from ...verbatim import index_of, is_verbatim_at, words
from .display import ends_sentence, finish, keep_tokens, quote_marks
from .quotability import quotability, score_bound, word_kind
from .quote_cuts import (DASHES, EXAMPLE_OPENERS, MAX_WORDS, MIN_SENTENCE, MIN_WORDS, clause_ends, sentence_ends,
                         starts)
from .scoring import mmr, strip_openers
from .sentences import Unit, gap_score
from .sponsor import is_sponsor_text
from .text import STUTTER, Stream, is_punctuated
from .turns import TAGS, near_host, tag_question
from .wordlists import STOPWORDS, DANGLING_ENDINGS, DANGLING_MODIFIERS, DANGLING_PAIRS, DISCOURSE_OPENERS

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
               hostp: np.ndarray | None = None, punctuated: bool = True, clipped: set[int] = frozenset(),
               skip: set[int] = frozenset(), best: int | None = None) -> list[Span]:
    """Every quotable span: each sentence, without its openers, after a self-repair, or joined to a follower;
    a statement with a tag question, without the tag; none from a unit surely the host's (HOST_SURE)
    or in `skip` (units another card took).

    Unpunctuated text has no sure sentence edges, so there a span is judged by how sentence-like
    its edges look; tokens the caption archiver clipped (`clipped`) count against a span.

    With `best`, only the spans that could be among the `best` best are scored and returned (every
    one of those is; see _could_be_best): a video has thousands of spans and shows a handful.
    """
    drafts: list[tuple[_Draft, float, bool, float]] = []  # (span, centrality, answers, cost of its edges and host)
    kinds = [word_kind(k) for k in stream.key]
    stops = sentence_ends(stream)
    inside = _inside_quotation(stream)
    near = near_host(hostp, punctuated) if hostp is not None else None
    sums = _running_sums(stream)
    clipped_in_order = sorted(clipped)
    for ui, u in enumerate(units):
        tagged = u.question and tag_question(stream, u)
        if ui in skip or u.sponsor or (u.question and not tagged) or (hostp is not None and hostp[ui] >= HOST_SURE):
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
                    drafts.append((draft, centrality, answers,
                                   _edge_penalty(stream, draft, punctuated, clipped, u.first) + cost))
    if best is not None:
        return _could_be_best(drafts, best, stream, speaker)
    return [_costed(stream, entry, speaker) for entry in drafts]


def _costed(stream: Stream, entry: tuple, speaker: str | None) -> Span:
    """The scored span of a (draft, centrality, answers, cost) entry, its cost taken off."""
    draft, centrality, answers, cost = entry
    span = _scored(stream, draft, centrality, speaker, answers)
    span.score -= cost
    return span


def _could_be_best(drafts: list, best: int, stream: Stream, speaker: str | None) -> list:
    """The drafts that may rank among the `best` best spans, in their order: drafts are scored from
    the highest score bound (quotability.score_bound) down until `best` of them score above every
    bound left, so none left out could have ranked before them."""
    bounds = [score_bound(d.keys, d.kinds, answers, centrality, d.cut) - cost
              for d, centrality, answers, cost in drafts]
    scores: list[float] = []  # a heap of the best `best` scores so far
    taken: list[tuple[int, Span]] = []
    for j in sorted(range(len(drafts)), key=bounds.__getitem__, reverse=True):
        if len(scores) == best and bounds[j] + 1e-9 < scores[0]:
            break
        span = _costed(stream, drafts[j], speaker)
        (heapq.heappush if len(scores) < best else heapq.heappushpop)(scores, span.score)
        taken.append((j, span))
    taken.sort(key=lambda pair: pair[0])
    return [span for _, span in taken]


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
    """The scored span of tokens [a, b) of unit `ui`, or None when those words cannot be a quote."""
    draft = _draft(stream, a, b, ui, kinds, unit, inside, mid_sentence)
    return None if draft is None else _scored(stream, draft, centrality, speaker, answers)


def _draft(stream: Stream, a: int, b: int, ui: int, kinds: list[int] | None = None, unit: Unit | None = None,
           inside: list[bool] | None = None, mid_sentence: bool = False, sums: tuple | None = None) -> _Draft | None:
    """Tokens [a, b) of unit `ui` trimmed and checked as a quote (length, no question, no trailing
    off, not an example), or None. `sums` (_running_sums) lets a span's length be read off, and a
    span with no word to drop be sliced, without a walk over its tokens."""
    while b > a and _dangles(stream, b - 1):
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
    cut = (b > unit.last, b < unit.last - 1 and not (stream.text[b] in DASHES and _repeats_tail(stream, kept, b, unit.last)),
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


_OPEN_MARKS, _CLOSE_MARKS = ('"', "“"), ('"', "”")
# A quotation mark left open this long (or never closed) is a stray one: nothing counts as inside it.
_LONGEST_QUOTATION = 120


def _inside_quotation(stream: Stream) -> list[bool]:
    """For each token, True when a double quotation opened before it is still open: words of someone
    the speaker is quoting ('And she said, "Well, ... | I'm afraid if I call you a researcher, no one
    will come."'), a story's dialogue, not the speaker's own view."""
    text = stream.text
    out = [False] * len(text)
    joined = " ".join(text)
    if '"' not in joined and "“" not in joined and "”" not in joined:  # most transcripts hold none
        return out
    opened = -1  # where the open quotation began, -1 when none is open
    # only tokens with a quotation mark can open or close one
    for i in [i for i, t in enumerate(text) if '"' in t or "“" in t or "”" in t]:
        t = text[i]
        if opened >= 0 and i - opened > _LONGEST_QUOTATION:
            opened = -1  # a stray mark: nothing was inside it
        if opened < 0 and t.startswith(_OPEN_MARKS):
            opened = i
        word = t.rstrip(".,;:!?")
        if opened >= 0 and word.endswith(_CLOSE_MARKS) and (i > opened or len(word) > 1):  # '"Okay."' closes itself
            out[opened + 1:i + 1] = [True] * (i - opened)
            opened = -1
    return out


def _repeats_tail(stream: Stream, kept: list[int], b: int, end: int) -> bool:
    """True when the words after the span, up to its unit's end, only say again what the span said
    ("... you'll never come up with anything original | -- if you're not prepared to be wrong."):
    stopping before them leaves nothing of the sentence out."""
    said = {stream.key[i] for i in kept}
    rest = [k for k in stream.key[b:end] if k]
    return bool(rest) and all(k in said for k in rest)


# "like" ends a thought as a filler only after these ("it was like", "I'm like"); elsewhere it is
# a verb or a preposition ("what God looks like", "things I like") and must stay.
_FILLER_LIKE_AFTER = frozenset("was is it's i'm he's she's they're we're you're were just and kinda".split())


def _dangles(stream: Stream, i: int) -> bool:
    """True when token i may be trimmed off the end of a quote: a dangling word that does not end a
    sentence. Trimming the last word of a sentence would change what was said ("looks like." -> "looks.")."""
    if not stream.key[i] and stream.text[i] in ("...", "…"):  # a trailing-off mark of its own
        return True
    if stream.key[i] == "so" and i > 0 and stream.text[i - 1].endswith(","):  # "... to go up against, so."
        return True
    if ends_sentence(stream.text[i]) or stream.key[i] not in DANGLING_ENDINGS:
        return False
    if stream.key[i] == "like":
        return i > 0 and stream.key[i - 1] in _FILLER_LIKE_AFTER
    return True


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


def pick_quotes(transcript: Transcript, stream: Stream, spans: list[Span], vectors, used: set[int],
                k: int = 5, ideas: list[str] = ()) -> list[Quote]:
    """Choose k distinct, spread-out quotes; each one is checked verbatim before it is kept.

    A quote that says what an idea's detail already says (`ideas`) is left out: the same words
    twice on one page read as a bug."""
    shown = [_content_words(text) for text in ideas]
    pool = readable(stream, [s for s in spans if s.unit not in used])
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
            fresh = not any(_repeats(_content_words(span.text), seen) for seen in shown)
            if fresh and is_verbatim_at(transcript, span.text, span.start, index) and _apart(span, chosen, spacing):
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


def _content_words(text: str) -> set[str]:
    return {w for w in words(text) if w not in STOPWORDS and len(w) > 2}


def _repeats(mine: set[str], seen: set[str]) -> bool:
    """True when half or more of a quote's content words are in an idea's detail."""
    return bool(mine) and len(mine & seen) * 2 >= len(mine)
