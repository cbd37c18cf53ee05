"""Where a candidate quote may begin and end inside its sentence unit: after openers, a lead-in, a
self-repair, ", but" or a missed sentence end; before a dash or a clause joined on by ", but" or
", which"; a cut never drops a negation or a condition; which words dangle at an end, and which sit
inside a quotation (quote_spans.py cuts the spans)."""

from __future__ import annotations

from bisect import bisect_left

from .display import ends_sentence
from .scoring import strip_openers
from .sentences import Unit
from .text import Stream
from .wordlists import DANGLING_ENDINGS

MIN_WORDS, MAX_WORDS = 8, 40
MIN_SENTENCE = 4  # a whole sentence may be shorter: "All concepts are very easy in retrospect."

_CLAUSE_OPENERS = frozenset("i i'm it's the we we're that's you people everything nothing all".split())
# ", but | the human brain is perfectly suited for ...": the clause after a comma and one of these stands alone
_COORDINATORS = frozenset("but and so".split())
# "... my current view is that | happiness comes from ...", "I like to call it | pain is the new moat"
_LEAD_INS = frozenset({("is", "that"), ("call", "it"), ("think", "that"), ("believe", "that"), ("is", "this:")})
# Cutting a lead-in or a leading clause off must not change what was said: never after a negation
# ("I don't mean to say that | being wrong is ..."), never dropping a condition ("If ..., | I think ...").
_NEGATIONS = frozenset("not no never don't doesn't didn't isn't wasn't won't wouldn't can't cannot".split())
_CONDITIONS = frozenset("if when unless although though while whereas whether once until".split())
_SPEAKER = frozenset("i my we our".split())
_KNOWN_CLAUSE = frozenset("how what why where who when whether that".split())
EXAMPLE_OPENERS = frozenset({("for", "example"), ("for", "instance")})
_CLAUSE_JOINERS = frozenset("but and because so which whereas especially although".split())


def starts(stream: Stream, u: Unit, clipped: list[int] = (), stops: list[int] = ()) -> list[int]:
    """Where a quote may begin inside unit u: its start, after its openers, after a self-repair
    comma, after ", but" and the like, after a lead-in ("my view is that ..."), or after a clipped
    caption word (`clipped`, in order), or after a sentence end inside the unit (`stops`: sentence_ends)."""
    first = strip_openers(stream, u.first, u.last)
    key, text = stream.key, stream.text
    if first > u.first and key[first - 1] == "know" and key[first] in _KNOWN_CLAUSE:
        first = u.first  # "And you know | how there are people that ...": the clause is the object of "know"
    starts = {u.first, first}
    speaker = key[first] in _SPEAKER
    for i in range(first + 1, u.last - 5):
        k = key[i - 1]  # the words before i grow by one each step
        if k in _NEGATIONS or k in _CONDITIONS:
            break
        speaker = speaker or k in _SPEAKER
        if i == first + 1:
            continue
        if text[i - 1].endswith(",") and key[i] in _CLAUSE_OPENERS:
            starts.add(i)
        elif k in _COORDINATORS and i - 2 > first and text[i - 2].endswith(","):
            starts.add(i)
        elif speaker and i - first <= 7 and ((key[i - 2], text[i - 1].lower()) in _LEAD_INS
                                             or text[i - 1].lower() == "is,"):  # "what we do know is, ..."
            starts.add(i)
        elif key[i] in (key[i - 2], key[i - 3], key[i - 4]) and _restarts(key, first, i):  # cheap test first
            starts.add(i)
    starts.update(i + 1 for i in clipped[bisect_left(clipped, u.first):bisect_left(clipped, u.last - MIN_WORDS)])
    # "For example, to provide the best product ..." illustrates a point made before: the quote, if
    # any, is what follows the opener
    starts = {i + 2 if (key[i], key[i + 1]) in EXAMPLE_OPENERS else i for i in starts if i + 1 < u.last}
    # a sentence end the sentence splitter took for an abbreviation ("... your meaning of life is X. |
    # I think what's going on is that we exist ..."): a quote may start after it
    if stops:
        lo = bisect_left(stops, u.first)
        starts.update(i + 1 for i in stops[lo:bisect_left(stops, u.last - MIN_SENTENCE)])
    return sorted(starts)


_END_MARKS = frozenset(".!?\"'”’)]»")


def sentence_ends(stream: Stream) -> list[int]:
    """Every token that ends a sentence, in order (found once per transcript, not once per unit)."""
    ends = {t for t in set(stream.text) if t[-1:] in _END_MARKS and ends_sentence(t)}  # each distinct token once
    return [i for i, t in enumerate(stream.text) if t in ends]



def _restarts(key: list[str], first: int, i: int) -> bool:
    """True when the speaker starts over at token i, saying the 2-4 words before it again ("I think
    that it's | I think that it's unwise to bet ..."): the second try is where the sentence begins."""
    return any(i - n >= first and key[i - n:i] == key[i:i + n] for n in (2, 3, 4))


DASHES = frozenset({"--", "—", "–"})  # "... anything original -- if you're not prepared ...": an aside or a repeat follows


def clause_ends(stream: Stream, u: Unit, punctuated: bool = True) -> list[int]:
    """Where a quote may stop early: after a comma that a new clause follows (", but I feel ...").
    Captions without punctuation have no commas: there before "and"/"but"/"so" that opens a clause
    with its own subject ("... about what we learn | and i think this kind of ...")."""
    key, text = stream.key, stream.text
    if punctuated:
        return [i + 1 for i in range(u.first + 5, u.last - 3)
                if text[i].endswith(",") and key[i + 1] in _CLAUSE_JOINERS] + \
            [i for i in range(u.first + 5, u.last - 3) if text[i] in DASHES]
    return [i + 1 for i in range(u.first + 5, u.last - 3)
            if key[i + 1] in _COORDINATORS and key[i + 2] in _CLAUSE_OPENERS]


_OPEN_MARKS, _CLOSE_MARKS = ('"', "“"), ('"', "”")
# A quotation mark left open this long (or never closed) is a stray one: nothing counts as inside it.
_LONGEST_QUOTATION = 120


def inside_quotation(stream: Stream) -> list[bool]:
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


def repeats_tail(stream: Stream, kept: list[int], b: int, end: int) -> bool:
    """True when the words after the span, up to its unit's end, only say again what the span said
    ("... you'll never come up with anything original | -- if you're not prepared to be wrong."):
    stopping before them leaves nothing of the sentence out."""
    said = {stream.key[i] for i in kept}
    rest = [k for k in stream.key[b:end] if k]
    return bool(rest) and all(k in said for k in rest)


# "like" ends a thought as a filler only after these ("it was like", "I'm like"); elsewhere it is
# a verb or a preposition ("what God looks like", "things I like") and must stay.
_FILLER_LIKE_AFTER = frozenset("was is it's i'm he's she's they're we're you're were just and kinda".split())


def dangles(stream: Stream, i: int) -> bool:
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
