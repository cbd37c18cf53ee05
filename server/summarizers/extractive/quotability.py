"""How worth saving a span of speech is on its own: the quote score.

Lines people save are short (8-20 words), say something evaluative or general in the present
tense ("All concepts are very easy in retrospect."), often open an answer, and make sense without
what came before. Explanations ("If you look at..."), enumerations ("The second thing is..."),
anecdotes in the past tense, hedges and show logistics ("I have to publish this podcast...") are
what a transcript holds most of and what nobody copies. Each of these is one feature; their weights
were fitted on the tuning half of bench/quote_refs.json (bench/fit_quote_weights.py) and are checked
on the held-out half (bench/quote_eval.py).
"""

from __future__ import annotations

import re

from .scoring import idea_score
from .wordlists import STOPWORDS

_EVALUATIVE = frozenset(
    "best worst most least only never always every everything nothing nobody everyone everybody all "
    "important key real truth true wrong beautiful amazing powerful fundamental fundamentally huge massive "
    "hard easy dangerous simple impossible crucial matters matter greatest biggest incredible unbelievable "
    "wise unwise necessary essential core problem secret".split()
)
_CLAIM = re.compile(r" (?:is|are|isn't|aren't|was not|means|makes|becomes|has to be|should|must|can't|cannot|"
                    r"won't|will never|don't|doesn't) ")
_CONTRAST = re.compile(r" not \w+(?: \w+){0,6} but | rather than | instead of | the more \w+(?: \w+){0,5} the "
                       r"| but (?:also|rather) |, not ")
_NARRATIVE = frozenset("was were had said told went did got came asked thought realized remember "
                       "remembered happened called wrote gave took".split())
_HEDGES = re.compile(r"(?<= )(?:i don't know|i guess|maybe|probably|sort of|kind of|i'm not sure|i would say|"
                     r"i feel like|something like)(?= )")
_FILLERS = re.compile(r"(?<= )(?:you know|i mean|um|uh)(?= )")
_QUOTE_MARKS = frozenset("'\"“‘")
# openings that set up an explanation, a list item, an example or a story rather than state a point
_SETUP = ("if you look", "if you go", "if you think", "if you take", "when you look", "let's say", "let's suppose",
          "for example", "for instance", "imagine", "say you", "suppose", "what i mean", "what happens is",
          "the way i", "so if", "and if")
_ORDINAL = ("the first", "the second", "the third", "the next", "the last", "first,", "second,", "third,", "first of",
            "number one", "number two", "finally", "one is", "another one", "the other thing", "one thing", "lastly",
            "next,", "and then")
_BACK = frozenset("it this that they he she these those there him her them which who that's it's this's "
                  "they're he's she's".split())
_LOGISTICS = re.compile(r" (?:podcast|episode|this conversation|publish|newsletter|website|link|we'll talk|talk about "
                        r"that later|let me ask|let me just|i want to ask|coming out|book is|my book|the book|"
                        r"sponsor|listeners|subscribe|today we|welcome) ")


FEATURES = ("claim-likeness", "centrality", "content share", "8-20 words", "21-26 words", "over 26 words",
            "glued sentences", "evaluative words", "claim verb", "contrast", "opens an answer", "past tense",
            "reported speech", "echo", "hedges", "fillers", "set-up opening", "list opening", "points back",
            "logistics", "repetitive")
# Fitted by bench/fit_quote_weights.py on the tuning half of bench/quote_refs.json, rounded.
WEIGHTS = (0.6, 0.3, 0.6, 0.0, 0.0, 0.0, 0.1, 0.6, 1.0, 0.1, 0.3, -0.4, -0.4, 0.15, -0.15, 0.1, -0.35,
           -0.5, -0.4, -0.8, -0.4)


def features(keys: list[str], texts: list[str], answers: bool = False, centrality: float = 0.0) -> list[float]:
    """The measures behind the quote score, in FEATURES order; `answers` when the words open a reply.

    This runs for every candidate span (thousands per video), so each list is walked once."""
    n = len(keys)
    line = " " + " ".join(keys) + " "
    head = " ".join(keys[:4])
    content = evaluative = narrative = 0
    for k in keys:
        if k in _EVALUATIVE:
            evaluative += 1
        elif k in _NARRATIVE:
            narrative += 1
        if len(k) > 2 and k not in STOPWORDS:
            content += 1
    return [
        idea_score(keys),
        centrality,
        content / n,
        float(8 <= n <= 20),
        float(20 < n <= 26),
        float(n > 26),
        float(sum(1 for t in texts[:-1] if t[-1:] in ".!?;")),
        float(min(evaluative, 2)),
        float(bool(_CLAIM.search(line[:60]))),
        float(bool(_CONTRAST.search(line))),
        float(answers),
        float(narrative),
        float(any(t[:1] in _QUOTE_MARKS for t in texts)),
        float(_echoes(keys, texts)),
        float(len(_HEDGES.findall(line))),
        float(len(_FILLERS.findall(line))),
        float(head.startswith(_SETUP)),
        float(head.startswith(_ORDINAL)),
        float(keys[0] in _BACK and not head.startswith(("it's not", "there is no", "there's no"))),
        float(bool(_LOGISTICS.search(line))),
        float(len(set(keys)) < 0.7 * n),
    ]


def quotability(keys: list[str], texts: list[str], answers: bool = False, centrality: float = 0.0) -> float:
    """Score of the words `keys` (display tokens `texts`) as a quote: the weighted features."""
    if not keys:
        return -9.0
    return sum(w * f for w, f in zip(WEIGHTS, features(keys, texts, answers, centrality)))


def _echoes(keys: list[str], texts: list[str]) -> bool:
    """True for a line that turns on a word said again across a comma ("we don't grow into
    creativity, we grow out of it"); a topic word repeated in passing does not count."""
    seen: dict[str, int] = {}
    commas = [n for n, t in enumerate(texts) if t.endswith((",", ";", "--", "—"))]
    for n, k in enumerate(keys):
        if len(k) > 3 and k not in STOPWORDS:
            if k in seen and n - seen[k] >= 3 and any(seen[k] <= c < n for c in commas):
                return True
            seen.setdefault(k, n)
    return False


def opens_a_list_or_story(keys: list[str]) -> bool:
    """True for words that open a list item ("The second is ...") or a set-up ("If you look at ...")."""
    head = " ".join(keys[:4])
    return head.startswith(_ORDINAL) or head.startswith(_SETUP)
