"""Who holds each sentence unit in an interview: the host's turns told from the guest's.

Speaker labels decide when the transcript has them. Otherwise the evidence is turn-taking:
questions and the lead-ins that go with them ("you mentioned...", "let me ask"), formulations
of the guest's view ("so you don't..."), the host's intro ("this is a conversation with...") and
outro, `>>` turn marks, receipts that open a reply ("oh", "okay", "yeah"), names said alone (people
address each other by first name), the show's name (the host's, but "your podcast" is the guest's),
and how long each side usually holds the floor.
A two-state hidden Markov model weighs that evidence; forward-backward gives each unit the
probability that the host said it, so callers can act only on confident calls. The weights are
log-odds measured on one labelled 97-minute interview (rounded by hand); the cues from names, the
show, "I love that", "we" and an opening "and" were counted on all four labelled conversations of
the corpus and kept where none points the other way (the Lex one is neutral on "we" and never says
"I love that"), at weights below the smallest measured; a cue that two of them give only to the
other side was dropped (a bare "so you're"). bench/speakers.py reports how well it all carries over.
"""

from __future__ import annotations

import math
import re

import numpy as np

from .sentences import Unit
from .text import Stream

# log-odds (host over guest) of what a unit holds, beyond the base rate
_CUES = (
    (re.compile(r" (?:you said|you mentioned|you talked|you wrote|your book|you've written|you were|you've|"
                r"you describe|you also|you have|your work|you think) "), 1.4),
    # a formulation: the host sums up what the guest just said ("oh okay, so you don't have ...", "so
    # you're saying"). A bare "so you're" is a guest's generic you as often ("So you're now working with
    # an input, output, and a process."): two of the four labelled conversations give it only to the guest
    (re.compile(r" (?:so you're saying|so what you're saying|so you don't|so you do|oh okay so) "), 1.4),
    (re.compile(r" (?:fascinating|beautiful|interesting|brilliant|amazing|incredible|profound|romantic) "), 1.2),
    (re.compile(r" (?:let me|let's talk|i'd love|to ask|talk about|ask you|i'm curious|is that true|"
                r"tell us|on the podcast|in the podcast|on this podcast|folks listening|"
                r"you're describing|you're saying|you talk about|you just said) "), 0.9),
    (re.compile(r" i think "), -1.0),
    (re.compile(r" (?:i|i'm|i've|my|me) "), -0.3),
    # the show is the host's: "come on this podcast", "we had Brian Chesky in the podcast", "my newsletter";
    # "your podcast", "your listeners" is the guest speaking to the host about it (12 lines in the
    # labelled conversations, none the host's)
    (re.compile(r"(?<! your) (?:podcast|newsletter|episode|episodes) "), 1.2),
    (re.compile(r"(?<! your) listeners "), 0.9),
    (re.compile(r" your (?:podcast|newsletter|episode|episodes|audience|listeners|show) "), -2.0),
    # the host's receipt of an answer ("I love that advice", "love this")
    (re.compile(r" (?:i love that|i love this|love that|love this) "), 1.0),
    # the host steers the show: sums up, moves on, announces what comes next
    (re.compile(r" (?:follow that thread|mirror back|to summarize|to recap|line of questioning|lightning round|"
                r"one more question|last question|final question|segue|segway|i wanted to (?:ask|talk|spend|get)|"
                r"spend (?:a little|some) time|let's (?:dig|dive|shift|move|switch|get into|zoom)|go back to asking|"
                r"out of time) "), 1.2),
    # a guest speaks for the company or team they come from
    (re.compile(r" (?:we|we're|we've|our|us) "), -0.4),
)
_QUESTION = 1.7
_BASE = math.log(0.4 / 0.6)  # the host says about 40% of the sentences of a talk-show interview
# Only phrases that open a show: a generic "this is the ..." or "welcome to ..." said by the guest in the
# first minutes would hand everything before it to the host.
_INTRO = re.compile(r" (?:conversation with|my guest|joining me|welcome to (?:the )?(?:\S+ )?(?:show|podcast)|"
                    r"this is the (?:\S+ ){0,3}(?:show|podcast)|today we have) ")
_OUTRO = re.compile(r" (?:thanks for listening|thank you for listening|thanks for watching|thank you for watching) ")
# P(next unit is the host's | this unit's side, whether it asked)
_TO_HOST = {("host", True): 0.5, ("host", False): 0.75, ("guest", True): 0.3, ("guest", False): 0.22}
_AT_MARK = 0.9  # a `>>` mark almost always hands the floor over
# Receipt tokens open a reply more often than they go on a turn: the floor changes hands at them
# more often than elsewhere, though far from always ("yeah, and then ..." inside a long answer).
_RECEIPTS = frozenset("oh okay ok".split())
_AT_RECEIPT = 0.5
# An answer opens on agreement ("Yeah, ...", "Exactly.", "Well, ..."): in the labelled conversations the
# floor changes hands there two times in three. A sentence that goes on with "and" goes on the same
# turn: the floor changes hands there at most one time in fourteen, against one in five elsewhere.
_REPLIES = frozenset("yeah yes exactly well".split())
_AT_REPLY = 0.7
_GOES_ON = frozenset({"and"})
_AT_GOING_ON = 0.05
CONFIDENT = 0.1  # below this P(host) a unit is the guest's for sure enough to name the guest on a quote


TAGS = frozenset({"right?", "no?", "yeah?", "okay?"})


def tag_question(stream: Stream, u: Unit) -> bool:
    """True for a statement with a tag ("... the stronger the connection feels, right?"): the "?"
    asks for a nod, not an answer, so it is the speaker's view, quotable without the tag."""
    return u.last - u.first > 6 and stream.text[u.last - 1].lower() in TAGS \
        and stream.text[u.last - 2].endswith(",") and "?" not in "".join(stream.text[u.first:u.last - 1])


def host_odds(stream: Stream, units: list[Unit], host: str | None = None, guests: tuple[str, ...] = ()) -> np.ndarray:
    """Per unit, the log-odds that the host said it, from its own words alone (and whose names it says)."""
    out = np.full(len(units), _BASE)
    calls = [(cue, w, _first_words(cue)) for cue, w in _name_calls(host, guests)]
    for n, u in enumerate(units):
        keys = stream.key[u.first:u.last]
        present = set(keys)
        text = " " + " ".join(keys) + " "
        asks = u.question and not tag_question(stream, u)
        out[n] += _QUESTION * asks + sum(w for cue, w, first in _GATED_CUES if not first.isdisjoint(present)
                                         and cue.search(text))
        out[n] += sum(w for cue, w, first in calls if not first.isdisjoint(present) and cue.search(text))
    _frame(stream, units, out)
    return out


def _first_words(cue: re.Pattern) -> frozenset[str]:
    """The words a cue's match can begin with. Every cue matches whole words between spaces, so a
    unit that holds none of them cannot match it: the cheap set test spares most of the searches."""
    body = cue.pattern
    if body.startswith("(?<"):
        body = body[body.index(")") + 1:]  # past a lookbehind ("(?<! code)")
    body = body[1:].rstrip(" ")  # past the opening space
    if body.startswith("(?:") and body.endswith(")"):
        body = body[3:-1]
    firsts, depth, start = set(), 0, 0
    for at, ch in enumerate(body + "|"):
        depth += (ch == "(") - (ch == ")")
        if ch == "|" and depth == 0:
            firsts.add(re.split(r"[ (]", body[start:at], maxsplit=1)[0].replace("\\", ""))
            start = at + 1
    return frozenset(firsts)


_GATED_CUES = [(cue, w, _first_words(cue)) for cue, w in _CUES]


_CALLED = 1.5  # log-odds of a name said alone: people address each other by first name


def _name_calls(host: str | None, guests: tuple[str, ...]) -> list[tuple[re.Pattern, float]]:
    """Cues from names: a first name said alone is the other side addressing its owner ("Thank you,
    Lenny."; "So Ilya, ..."). The host's name with the surname or in a code ("lex podcast", "code lex",
    "merge.dev/lenny") is the host's own ad read, so it counts for nothing."""
    out = []
    for name, weight in [(host, -_CALLED)] + [(g, _CALLED) for g in guests]:
        parts = (name or "").casefold().split()
        if not parts or len(parts[0]) < 3:
            continue
        # captions misspell surnames ("Lex Friedman"): their first letters are enough
        first, last = re.escape(parts[0]), re.escape(parts[-1][:3]) if len(parts) > 1 else "$^"
        out.append((re.compile(rf"(?<! code) {first} (?!{last}|podcast |'s )"), weight))
    return out


def _frame(stream: Stream, units: list[Unit], odds: np.ndarray) -> None:
    """The host opens and closes the show: everything up to the intro line, and from the outro on."""
    duration = max(stream.duration, 1.0)
    texts = [" " + " ".join(stream.key[u.first:u.last]) + " " for u in units]
    intro = [n for n, u in enumerate(units) if u.start < 0.15 * duration and _INTRO.search(texts[n])]
    if intro:
        odds[:intro[-1] + 1] += 4.0
    outro = [n for n, u in enumerate(units) if u.start > 0.85 * duration and _OUTRO.search(texts[n])]
    if outro:
        odds[outro[0]:] += 4.0


def host_probability(stream: Stream, units: list[Unit], host: str | None, interview: bool,
                     guests: tuple[str, ...] = ()) -> np.ndarray:
    """P(host said unit n) for every unit: 1/0 from speaker labels, else forward-backward over turns.
    `guests` are the guests' names where the metadata gives them.

    Outside interviews (a talk, a monologue, no host known) nobody is a host: all zeros."""
    n = len(units)
    if n == 0 or not host or not interview:
        return np.zeros(n)
    named = [u.speaker for u in units if u.speaker]
    if host and named and len(named) * 2 > n:
        return np.array([1.0 if u.speaker == host else 0.0 for u in units])
    odds = host_odds(stream, units, host, guests)
    to_host = [_to_host(stream, units, k) for k in range(n - 1)]  # (from host, from guest)
    return _forward_backward(odds, to_host)


def _forward_backward(odds: np.ndarray, to_host: list[tuple[float, float]]) -> np.ndarray:
    """P(host) per unit from the per-unit log-odds and the turn-taking odds between units."""
    n = len(odds)
    # two states, so plain floats: numpy's per-call cost would dominate a loop over every unit
    like_h = (1 / (1 + np.exp(-odds))).tolist()
    like_g = (1 - 1 / (1 + np.exp(-odds))).tolist()
    fwd = [(0.5 * like_h[0], 0.5 * like_g[0])]
    for k in range(1, n):
        h, g = fwd[-1]
        th, tg = to_host[k - 1]
        a, b = like_h[k] * (h * th + g * tg), like_g[k] * (h * (1 - th) + g * (1 - tg))
        fwd.append((a / (a + b), b / (a + b)))
    out = [0.0] * n
    bh = bg = 1.0
    for k in range(n - 1, -1, -1):
        if k < n - 1:
            th, tg = to_host[k]
            nh, ng = like_h[k + 1] * bh, like_g[k + 1] * bg
            bh, bg = th * nh + (1 - th) * ng, tg * nh + (1 - tg) * ng
            total = bh + bg
            bh, bg = bh / total, bg / total
        h, g = fwd[k][0] * bh, fwd[k][1] * bg
        out[k] = h / (h + g)
    return np.array(out)


def _to_host(stream: Stream, units: list[Unit], k: int) -> tuple[float, float]:
    """P(unit k+1 is the host's) from the host and from the guest, given unit k."""
    nxt = units[k + 1]
    if nxt.first < len(stream.turn) and stream.turn[nxt.first]:  # a `>>` mark before it
        return 1 - _AT_MARK, _AT_MARK
    asked = units[k].question
    opener = stream.key[nxt.first]
    if opener in _GOES_ON:
        return 1 - _AT_GOING_ON, _AT_GOING_ON
    if opener in _REPLIES:
        return 1 - _AT_REPLY, _AT_REPLY
    if opener in _RECEIPTS:  # "oh", "okay": a reply to what was just said, or a turn going on
        return 1 - _AT_RECEIPT, _AT_RECEIPT
    return _TO_HOST[("host", asked)], _TO_HOST[("guest", asked)]


def near_host(hostp: np.ndarray, punctuated: bool) -> np.ndarray:
    """P(host) as the cards weigh it. Unpunctuated captions are cut into units without any sight of
    the turns, so a unit beside a likely host line often holds the host's words too (the end of a
    question, an aside before it): there each unit takes the largest P(host) of itself and its two
    neighbours. Punctuated units end where sentences do, and a turn ends a sentence: there it stays."""
    if punctuated or len(hostp) < 2:
        return hostp
    out = hostp.copy()
    out[1:] = np.maximum(out[1:], hostp[:-1])
    out[:-1] = np.maximum(out[:-1], hostp[1:])
    return out
