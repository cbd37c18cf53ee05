"""How worth saving a span of speech is on its own: the quote score.

Lines people save are short (8-20 words), say something evaluative or general in the present
tense ("All concepts are very easy in retrospect."), often open an answer, and make sense without
what came before. Explanations ("If you look at..."), enumerations ("The second thing is..."),
anecdotes in the past tense, hedges and show logistics ("I have to publish this podcast...") are
what a transcript holds most of and what nobody copies; so is a line full of "I" and "my" (the
speaker's own story) and a piece cut out of a long, winding sentence. Each of these is one feature;
their weights are fitted on all of bench/quote_refs.json (bench/fit_quote_weights.py), and
bench/quote_eval.py --cv checks how they carry over by fitting them again without each video in turn.
"""

from __future__ import annotations

import re
from functools import lru_cache
from operator import mul

from .point_shape import opens_a_story
from .scoring import idea_score, idea_score_bound
from .wordlists import STOPWORDS

_EVALUATIVE = frozenset(
    "best worst most least only never always every everything nothing nobody everyone everybody all "
    "important key real truth true wrong beautiful amazing powerful fundamental fundamentally huge massive "
    "hard easy dangerous simple impossible crucial matters matter greatest biggest incredible unbelievable "
    "wise unwise necessary essential core problem secret profound negative positive perfect perfectly terrible "
    "awful wonderful absurd ridiculous stupid tragic harmful valuable meaningful remarkable extraordinary".split()
)
# "you'll never come up with anything original" is "you will never ...": the contraction counts too
_CLAIM = re.compile(r"(?: (?:is|are|isn't|aren't|was not|means|makes|becomes|has to be|should|must|can't|cannot|"
                    r"won't|will never|don't|doesn't)|'ll never) ")
_CONTRAST = re.compile(r" not \w+(?: \w+){0,6} but | rather than | instead of | the more \w+(?: \w+){0,5} the "
                       r"| but (?:also|rather) |, not ")
_NARRATIVE = frozenset("was were had said told went did got came asked thought realized remember "
                       "remembered happened called wrote gave took".split())
_HEDGES = re.compile(r"(?<= )(?:i don't know|i guess|maybe|probably|sort of|kind of|i'm not sure|i would say|"
                     r"i feel like|something like)(?= )")
_FILLERS = re.compile(r"(?<= )(?:you know|i mean|um|uh)(?= )")
_HEDGE_WORDS = frozenset("know guess maybe probably sort kind sure say feel like".split())  # a hedge holds one of these
_FILLER_WORDS = frozenset("know mean um uh".split())
_CLAIM_GATE = frozenset("is are isn't aren't was means makes becomes has should must can't cannot won't will don't "
                        "doesn't never".split())  # a claim verb holds one of these
# a sentence end inside a span needs one of these; a semicolon joins the halves of one sentence
# ("I call it a breakdown; my therapist calls it a spiritual awakening.")
_ENDS_GATE = re.compile("[.!?]")
_COMMA_GATE = re.compile("[,;]|--|—")  # an echo across a comma needs one of these
_QUOTED = re.compile("(?<= )['\"“‘]")  # a token that opens a quotation
# someone else's view reported: "people like Noam Chomsky believe that ...", "he says that ..."
_REPORTED = re.compile(r"^ (?!i |we )(?:\S+ ){1,4}(?:believe|believes|think|thinks|say|says|argue|argues|claim|claims) that ")
_REPORT_GATE = frozenset("believe believes think thinks say says argue argues claim claims".split())
# openings that set up an explanation, a list item, an example or a story rather than state a point
_SETUP = ("if you look", "if you go", "if you think", "if you take", "when you look", "let's say", "let's suppose",
          "for example", "for instance", "imagine", "say you", "suppose", "what i mean", "what happens is",
          "the question is", "my question is", "so the question",
          "the way i", "so if", "and if")
_ORDINAL = ("the first", "the second", "the third", "the next", "the last", "first,", "second,", "third,", "first of",
            "number one", "number two", "finally", "one is", "another one", "the other thing", "one thing", "lastly",
            "next,", "and then", "firstly", "secondly", "thirdly")
# words of the speaker's own life ("I", "my"): a line full of them tells the speaker's story, not a view
_FIRST_PERSON = frozenset("i i'm i've i'd i'll my me myself".split())
# a story opens on one of these, or on "he"/"she" within a few words (point_shape.opens_a_story):
# asking only then keeps the test off the thousands of spans that open otherwise
_STORY_OPENERS = frozenset("i my we our".split())
# sweeping words: a claim about everyone or always reads as a verdict ("we're all just trying to live our life")
_SWEEPING = frozenset("every everything nothing nobody everyone everybody all only never always most least".split())
_BACK = frozenset("it this that they he she these those there him her them which who that's it's this's "
                  "they're he's she's".split())
_LOGISTICS_WORDS = frozenset("podcast episode publish newsletter website link sponsor listeners subscribe welcome".split())
_LOGISTICS = re.compile(r" (?:this conversation|we'll talk|talk about that later|let me ask|let me just|i want to ask|"
                        r"coming out|book is|my book|today we) ")
_LOGISTICS_GATE = frozenset("conversation talk let ask coming book today".split())  # words the phrases hold


FEATURES = ("claim-likeness", "centrality", "content share", "8-20 words", "21-26 words", "over 26 words",
            "glued sentences", "evaluative words", "claim verb", "contrast", "opens an answer", "past tense",
            "reported speech", "echo", "hedges", "fillers", "set-up opening", "list opening", "points back",
            "logistics", "repetitive", "first person", "sweeping words", "joined to the next sentence",
            "stops before its sentence ends", "long sentence", "starts mid-sentence", "false start", "story opening")
# Fitted by bench/fit_quote_weights.py on all 12 videos of bench/quote_refs.json, rounded (each video
# ranked with weights fitted on the other 11 is the held-out measure: bench/quote_eval.py --cv).
# Two are set by rule instead (BY_RULE), and every fit, the held-out ones too, keeps them as set:
# two sentences glued into one quote cost (the fit gives about 0, but a glued pair such as "They rate
# themselves as only slightly tired. So here is my first suggestion." is never one line), and so does
# a story opening (the fit gives about 0, as few candidates open one; but "My husband left town with
# the kids ..." starts an anecdote, which nobody copies out on its own).
BY_RULE = {"glued sentences": -0.30, "story opening": -0.40}
WEIGHTS = (0.99, 0.48, 0.25, 0.39, 0.04, -0.28, -0.30, 0.31, 0.64, 0.27, 0.39, -0.31, -0.28, -0.09, 0.06,
           -0.08, -0.09, -0.37, 0.19, -0.18, -0.14, -0.42, 0.30, -0.34, -0.59, -0.30, -0.12, -0.21, -0.40)


def features(keys: list[str], texts: list[str], answers: bool = False, centrality: float = 0.0,
             kinds: list[int] | None = None, cut: tuple = (False, False, 0)) -> list[float]:
    """The measures behind the quote score, in FEATURES order; `answers` when the words open a reply;
    `kinds` the words' word_kind() when the caller has them at hand; `cut` how the span sits in its
    sentence unit: (runs on into the next unit, stops before the unit's end, the unit's length in tokens,
    and optionally: starts inside a quotation opened before it, starts where an earlier unit's sentence goes on).

    This runs for every candidate span that could make the best few (thousands per video), so each list
    is walked once."""
    n = len(keys)
    if kinds is None:
        kinds = [word_kind(k) for k in keys]
    counted, counts = _counted(keys, kinds, answers, centrality, cut)
    content = counts & 255
    line = " " + " ".join(keys) + " "
    head = " ".join(keys[:4])
    shown = " " + " ".join(texts)  # a mark absent from the whole line is absent from every token
    keyset = set(keys)
    # an echo needs a word that may echo said twice: no fewer distinct such words than such tokens, no echo
    echo_words = [k for k, kind in zip(keys, kinds) if kind & _ECHO]
    echoable = len(set(echo_words)) < len(echo_words)
    searched = (
        idea_score(keys, line, content, keyset),
        float(sum(t[-1:] in ".!?" for t in texts[:-1]) if _ENDS_GATE.search(shown, 0, len(shown) - 1) else 0),
        float(not _CLAIM_GATE.isdisjoint(keyset) and bool(_CLAIM.search(line[:60]))),
        float((" not " in line or " rather than " in line or " instead of " in line or " the more " in line)
              and bool(_CONTRAST.search(line))),
        float(bool(_QUOTED.search(shown)) or (len(cut) > 3 and cut[3])
              or (not _REPORT_GATE.isdisjoint(keyset) and bool(_REPORTED.match(line)))),
        float(echoable and _COMMA_GATE.search(shown) is not None and _echoes(keys, texts, kinds)),
        float(len(_HEDGES.findall(line)) if not _HEDGE_WORDS.isdisjoint(keyset) else 0),
        float(len(_FILLERS.findall(line)) if not _FILLER_WORDS.isdisjoint(keyset) else 0),
        float(head.startswith(_SETUP)),
        float(head.startswith(_ORDINAL)),
        float(keys[0] in _BACK and not head.startswith(("it's not", "there is no", "there's no"))),
        float(not _LOGISTICS_WORDS.isdisjoint(keyset) or (not _LOGISTICS_GATE.isdisjoint(keyset)
                                                        and bool(_LOGISTICS.search(line)))),
        float(len(keyset) < 0.7 * n),
        float(min(_false_starts(line), 2)) if (counts >> 48) & 255 > 1 else 0.0,
        # "My husband left town with the kids ...": the speaker's own past opens a story, not a view
        float((keys[0] in _STORY_OPENERS or "he" in keys[:5] or "she" in keys[:5]) and opens_a_story(keys)),
    )
    values = [0.0] * len(FEATURES)
    for at, value in zip(_COUNTED_AT, counted):
        values[at] = value
    for at, value in zip(_SEARCHED_AT, searched):
        values[at] = value
    return values


# The features a pattern search or a walk over the words settles (features), and the ones that
# follow from the counts of word kinds alone (_counted), each in FEATURES order.
_SEARCHED = ("claim-likeness", "glued sentences", "claim verb", "contrast", "reported speech", "echo", "hedges",
             "fillers", "set-up opening", "list opening", "points back", "logistics", "repetitive", "false start",
             "story opening")
_COUNTED = tuple(name for name in FEATURES if name not in _SEARCHED)
_SEARCHED_AT = tuple(FEATURES.index(name) for name in _SEARCHED)
_COUNTED_AT = tuple(FEATURES.index(name) for name in _COUNTED)


def _counted(keys: list[str], kinds: list[int], answers: bool, centrality: float,
             cut: tuple) -> tuple[tuple, int]:
    """The features of _COUNTED, in that order, and the summed word kinds."""
    n = len(keys)
    counts = sum(kinds)  # one sum counts every kind: each has its own 8-bit field
    return (
        min(centrality, 1.0),  # on the subject is enough: a line that only repeats the topic words is no better
        (counts & 255) / n,  # content share
        float(8 <= n <= 20),
        float(20 < n <= 26),
        float(n > 26),
        float(min((counts >> 8) & 255, 2)),  # evaluative words
        float(answers),
        float((counts >> 16) & 255 > 0),  # past tense: one verb makes a story; a second one says no more
        min((counts >> 32) & 255, 3) / 3,  # first person
        float(min((counts >> 40) & 255, 2)),  # sweeping words
        float(cut[0]),  # joined to the next sentence
        float(cut[1]),  # stops before its sentence ends
        min(cut[2] / 40, 2.0),  # long sentence: a cut from a winding one is rarely one a person saves
        float(len(cut) > 4 and cut[4]),  # starts mid-sentence
    ), counts


# searched features whose value lies in [0, most] whatever the words: (name, most)
_FIXED_RANGES = (("echo", 1.0), ("set-up opening", 1.0), ("list opening", 1.0), ("logistics", 1.0),
                 ("repetitive", 1.0), ("false start", 2.0), ("story opening", 1.0))
_by_name: list = [None, {}]  # the WEIGHTS the dict was made from, and the dict
_CONTRAST_WORDS = frozenset("not rather instead more".split())  # each contrast phrase holds one of these


def score_bound(keys: list[str], kinds: list[int], answers: bool = False, centrality: float = 0.0,
                cut: tuple = (False, False, 0)) -> float:
    """An upper bound on quotability() with no pattern searched: each searched feature counts at the
    end of its range that helps the score most, its range narrowed by which words are there at all.

    Most candidate spans could never make the best few a video shows; their bound says so at a
    fraction of the cost of their score (quote_pool.SpanPool scores in full only the ones it must)."""
    if not keys:
        return -9.0
    w = _weights_by_name()
    n = len(keys)
    counted, counts = _counted(keys, kinds, answers, centrality, cut)
    keyset = set(keys)
    total = w["searched at their best"] + sum(map(mul, w["counted"], counted))
    claim_like = w["claim-likeness"]
    if claim_like < 0:
        return float("inf")  # an idea score has no floor: a weight that punishes it bounds nothing
    total += claim_like * idea_score_bound(keys, counts & 255, keyset)
    total += max(w["glued sentences"], 0.0) * (n - 1) + max(w["fillers"], 0.0) * n
    total += max(w["claim verb"], 0.0) * (not _CLAIM_GATE.isdisjoint(keyset))
    total += max(w["contrast"], 0.0) * (not _CONTRAST_WORDS.isdisjoint(keyset))
    total += max(w["points back"], 0.0) * (keys[0] in _BACK)
    reported = w["reported speech"]  # starting inside a quotation is reported speech for sure
    total += reported if reported > 0 else reported * (len(cut) > 3 and bool(cut[3]))
    if w["hedges"] > 0 and not _HEDGE_WORDS.isdisjoint(keyset):  # each hedge holds a word of _HEDGE_WORDS
        total += w["hedges"] * sum(k in _HEDGE_WORDS for k in keys)
    return total


def _weights_by_name() -> dict:
    """WEIGHTS by feature name, and what the searched features of _FIXED_RANGES add at most; made
    again whenever WEIGHTS is replaced (bench/quote_eval.py --cv ranks with weights of its own)."""
    if _by_name[0] is not WEIGHTS:
        named = dict(zip(FEATURES, WEIGHTS))
        named["searched at their best"] = sum(max(named[name], 0.0) * most for name, most in _FIXED_RANGES)
        named["counted"] = tuple(named[name] for name in _COUNTED)
        _by_name[:] = [WEIGHTS, named]
    return _by_name[1]


def quotability(keys: list[str], texts: list[str], answers: bool = False, centrality: float = 0.0,
                kinds: list[int] | None = None, cut: tuple = (False, False, 0)) -> float:
    """Score of the words `keys` (display tokens `texts`) as a quote: the weighted features."""
    if not keys:
        return -9.0
    return sum(map(mul, WEIGHTS, features(keys, texts, answers, centrality, kinds, cut)))


# A span holds at most MAX_WORDS (40) tokens, so a count never spills out of its 8 bits.
_CONTENT, _EVAL, _PAST, _ECHO, _FIRST, _SWEEP, _SUBJECT = 1, 1 << 8, 1 << 16, 1 << 24, 1 << 32, 1 << 40, 1 << 48
# who a clause is about: a second one right after the first, before any verb, means the speaker
# dropped the first try ("I ideally we should ...", "I don't I just don't see ...", "I'm we've been ...")
_SUBJECTS = frozenset("i i'm i've i'd we we're we've you you're they they're he she".split())
_SUBJECT_WORDS = "|".join(sorted(_SUBJECTS, key=len, reverse=True))
# "don't", "just", "was", "am" or an "-ly" adverb may sit between the two tries; the second one may not
# end the match, so "I don't I just don't" and "I'm we've" both count
_FALSE_START = re.compile(rf"(?<= )(?:{_SUBJECT_WORDS}) (?:\S+ly |don't |just |was |am )?(?=(?:{_SUBJECT_WORDS}) )")


@lru_cache(maxsize=65536)
def word_kind(key: str) -> int:
    """What one word is, as bits (content word, evaluative, past tense, may echo, first person,
    sweeping): worked out once per word, as every candidate span asks again."""
    content = len(key) > 2 and key not in STOPWORDS
    return (_CONTENT * content | _EVAL * (key in _EVALUATIVE) | _PAST * (key in _NARRATIVE)
            | _ECHO * (content and len(key) > 3) | _FIRST * (key in _FIRST_PERSON) | _SWEEP * (key in _SWEEPING)
            | _SUBJECT * (key in _SUBJECTS))


def _false_starts(line: str) -> int:
    """How often a clause's subject is dropped for another one straight away: subject, at most one
    "-ly" adverb or "don't"/"just", then a subject again ("I mean we ..." is a filler, not a new try)."""
    return len(_FALSE_START.findall(line))


def _echoes(keys: list[str], texts: list[str], kinds: list[int]) -> bool:
    """True for a line that turns on a word said again across a comma ("we don't grow into
    creativity, we grow out of it"); a topic word repeated in passing does not count."""
    seen: dict[str, int] = {}
    comma = -1  # position of the last comma so far
    for n, k in enumerate(keys):
        if kinds[n] & _ECHO:
            first = seen.setdefault(k, n)
            if first <= comma and n - first >= 3:
                return True
        t = texts[n]
        if t[-1:] in ",;" or t.endswith(("--", "—")):
            comma = n
    return False


def opens_a_list_or_story(keys: list[str]) -> bool:
    """True for words that open a list item ("The second is ...") or a set-up ("If you look at ...")."""
    head = " ".join(keys[:4])
    return head.startswith(_ORDINAL) or head.startswith(_SETUP)
