"""Idea titles: a short phrase naming the idea's point, built from words of the idea's own sentence.

A bare keyphrase made poor titles ("Seeing", "Agents", "Deep learning plus"), so a keyphrase is
extended where the sentence says something about it: "X is/means/needs ..." ("Vulnerability is
the core of shame") or "X of/with/for ..." ("Kids with degrees"). Candidates never end on a
function word or a modifier that wants a noun after it, and one bare common word is the last
resort. Words are the transcript's own, in order (fillers dropped): nothing is invented.
"""

from __future__ import annotations

import math
from collections import Counter

from .keyphrases import Phrases
from .text import Stream
from .wordclass import WordClass
from .wordlists import DANGLING_MODIFIERS, ENGLISH_STOP_WORDS, INTERJECTIONS, LEADING_ADVERBS, STOPWORDS, VAGUE_HEADS

MAX_WORDS = 8
# Verbs after which a sentence says what its subject is or does ("farming is", "code needs").
_CLAIM_VERBS = frozenset(
    "is are was were means mean matters makes make needs need has have gives leads drives becomes requires helps "
    "can't doesn't don't isn't aren't won't will can should must changes creates depends solves".split()
)
_PREPS = frozenset("of with for in on without from about behind between versus against".split())
_DETERMINERS = frozenset("the a an our your their my his her its this these those".split())
# Words that may sit inside a title but not end it, beyond stopwords and dangling modifiers.
_NO_END = DANGLING_MODIFIERS | _CLAIM_VERBS | _PREPS | _DETERMINERS
_BAD_START = _CLAIM_VERBS | _PREPS | _DETERMINERS | LEADING_ADVERBS
_NOUN_ENDINGS = ("s", "tion", "sion", "ment", "ness", "ity", "ism", "ance", "ence", "ship", "ogy", "ure", "ice",
                 "ist", "er", "or")


def idea_title(stream: Stream, kept: list[int], phrases: Phrases, df: Counter, total: int, unit: int,
               taken: set[str], extra_units: tuple[int, ...] = (), shown_before: set[str] = frozenset()) -> str:
    """The best title for the idea whose (displayed) tokens are `kept`, or "" when none reads well.

    `df` counts the units each phrase occurs in, `total` the units; `taken` holds keyphrases
    used by earlier titles, so two ideas are not named alike, and a title whose wording is in
    `shown_before` (casefolded) is never given again: two cards with one title read as a bug.
    """
    found = list(phrases.per_unit[unit])
    for u in extra_units:
        found += phrases.per_unit[u]
    tf = Counter(found)
    keys = [stream.key[i] for i in kept]
    scored: list[tuple[float, str, str]] = []
    for p in tf:
        if (" " not in p and df[p] < 2) or not _phrase_ok(p, df) or any(p != t and f" {p} " in f" {t} " for t in taken):
            continue
        weight = _weight(p, df, total)
        if p in taken:
            weight *= 0.3
        shown = phrases.shown[p]
        bare = " " not in p and not shown[:1].isupper()
        if bare and (p.endswith("ed") or _adverb(p)):
            continue
        shaped = p.endswith(_NOUN_ENDINGS) and not p.endswith(("ss", "us", "ous"))
        scored.append((weight * ((0.4 if shaped else 0.15) if bare else 1.0), p, _cap(shown)))
        at = _find(keys, p.split())
        if at is None:
            continue
        for factor, words in ((1.6, _claim(stream, kept, at, p.count(" ") + 1, df, phrases.classes)),
                              (1.25, _prep_phrase(stream, kept, at, p.count(" ") + 1, df, phrases.classes))):
            if words:
                scored.append((weight * factor, p, _cap(" ".join(words))))
    scored = [s for s in scored if s[2].casefold() not in shown_before]
    if not scored:
        return ""
    scored.sort(key=lambda s: (-s[0], s[2]))
    _, key, title = scored[0]
    taken.add(key)
    return title


def _phrase_ok(p: str, df: Counter) -> bool:
    """A keyphrase may stand as a title: no modifier or adverb at its edges ("always operated",
    "strengths firmly"), and an "-ing"/"-ed" ending only when the phrase recurs ("deep learning")."""
    parts = p.split()
    first, last = parts[0], parts[-1]
    if last in _NO_END or first in _BAD_START or _adverb(first) or _adverb(last):
        return False
    if df[p] >= 2:
        return True
    # said once: only when it ends on a word shaped like a noun ("research papers", "experience")
    return last.endswith(_NOUN_ENDINGS) and not last.endswith(("ss", "us", "ous"))


def _adverb(word: str) -> bool:
    """ "firmly", "usually", "partially" (not "daily", "family")."""
    return word.endswith("ly") and len(word) > 5 and not word.endswith("ily")


def _weight(p: str, df: Counter, total: int) -> float:
    """Frequent in the video but not everywhere; a phrase said once is judged by its words."""
    if df[p] >= 2:
        base = math.log1p(df[p]) * math.log(total / df[p] + 1)
    else:
        parts = [math.log1p(df[w]) * math.log(total / df[w] + 1) for w in p.split() if df[w] >= 2]
        base = 0.7 * sum(parts) / len(p.split())
    return base * (1 + 0.6 * p.count(" "))


def _find(keys: list[str], target: list[str]) -> int | None:
    n = len(target)
    return next((i for i in range(len(keys) - n + 1) if keys[i:i + n] == target), None)


def _claim(stream: Stream, kept: list[int], at: int, n: int, df: Counter, wc: WordClass) -> list[str]:
    """ "Subject verb complement" when the phrase at kept[at:at+n] is followed by a claim verb, or by
    a word in "-s"/"-ed" the talk uses as a verb ("the universe built", "a conversation arises")."""
    verb = at + n
    if verb >= len(kept) or _stops(stream, kept[verb - 1]):
        return []
    if stream.key[kept[verb]] not in _CLAIM_VERBS and not _verb_form(stream.key[kept[verb]], wc):
        return []
    if at > 0 and not _may_precede_subject(stream, kept[at - 1]):
        return []
    start = at - 1 if at > 0 and stream.key[kept[at - 1]] == "the" else at
    return _cut(stream, kept, start, verb + 1, df, min_extra=1)


def _verb_form(key: str, wc: WordClass) -> bool:
    """ "builds", "built", "arises": an inflected word whose base form the talk says as a verb more than as a noun."""
    for ending in ("es", "s", "ed", "d"):
        base = key[:-len(ending)]
        if key.endswith(ending) and not key.endswith("ss") and len(base) > 2:
            n, v, _ = wc.counts(base)
            if v >= 1 and v > n and wc.noun[key] == 0:
                return True
    return False


def _prep_phrase(stream: Stream, kept: list[int], at: int, n: int, df: Counter, wc: WordClass) -> list[str]:
    """ "Phrase of/with/for something" ("cause of aging", "kids with degrees"), ending on a word the
    talk uses as a noun (not "interest on daily")."""
    prep = at + n
    if prep >= len(kept) or stream.key[kept[prep]] not in _PREPS or _stops(stream, kept[prep - 1]):
        return []
    words = _cut(stream, kept, at, prep + 1, df, min_extra=1, limit=6)
    return words if len(words) <= 6 and words and wc.nounish(words[-1].lower()) else []


def _cut(stream: Stream, kept: list[int], start: int, rest: int, df: Counter, min_extra: int,
         limit: int = MAX_WORDS) -> list[str]:
    """Words kept[start:end] for the longest end up to `limit` words that ends well, within one clause."""
    best = None
    for end in range(rest, min(len(kept), start + limit)):
        if end - rest + 1 >= min_extra and _ends_well(stream, kept, end, df):
            best = end
        if _stops(stream, kept[end]) or (end + 1 < len(kept) and stream.brk[kept[end + 1]]):
            break
    if best is None:
        return []
    return [_core(stream.text[i]) for i in kept[start:best + 1]]


def _ends_well(stream: Stream, kept: list[int], end: int, df: Counter) -> bool:
    """A title may end on a recurring content word that is not a modifier, an adverb or a bare verb
    form ("often heading", "was read"); "-ing"/"-ed" only inside a known phrase ("deep learning")."""
    key = stream.key[kept[end]]
    if not key or key in STOPWORDS or key in _NO_END or _adverb(key):
        return False
    if df[key] < 2 and not stream.text[kept[end]][:1].isupper():
        return False
    if key.endswith(("ing", "ed")):
        return end > 0 and df[f"{stream.key[kept[end - 1]]} {key}"] >= 2
    return True


def _may_precede_subject(stream: Stream, i: int) -> bool:
    key = stream.key[i]
    return _stops(stream, i) or key in _DETERMINERS or key in ("because", "that", "and", "but", "so", "why", "think")


def _stops(stream: Stream, i: int) -> bool:
    return stream.text[i].endswith((",", ".", ";", ":", "?", "!", "-", "—"))


def _core(token: str) -> str:
    return token.strip(",.;:?!\"'“”()[]—-")


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def clause_title(stream: Stream, kept: list[int], df: Counter) -> str:
    """The detail's own opening words as a title, when it opens on a noun rather than a pronoun."""
    first = stream.key[kept[0]] if kept else ""
    if not first or first in STOPWORDS or first in _NO_END or _adverb(first) or df[first] < 2:
        return ""
    words = _cut(stream, kept, 0, 1, df, min_extra=1, limit=6)
    return _cap(" ".join(words)) if len(words) >= 2 else ""


# Lead-ins a claim sits behind ("I think that | we are still underestimating deep learning").
_LEAD_INS = (("i", "think", "that"), ("i", "think"), ("i", "believe", "that"), ("i", "believe"), ("i", "feel", "like"),
             ("my", "contention", "is", "that"), ("my", "contention", "is"), ("the", "thing", "is"),
             ("what", "i", "find", "is"), ("i", "would", "say", "that"), ("i", "would", "say"), ("i", "know", "that"),
             ("the", "truth", "is"), ("the", "point", "is"), ("i", "mean"), ("you", "know"), ("i", "feel"),
             ("i", "know", "that"), ("i", "know"), ("i'm", "sure", "that"), ("i'm", "sure"), ("we", "know", "that"), ("what", "we", "know", "is"),
             ("i", "found", "that"), ("it", "turns", "out", "that"), ("i", "guess"), ("i", "realized", "that"))
# A claim title names its subject: none that points back or leans on a clause before it.
_NO_SUBJECT = frozenset("it this that they he she there i if when because so and but which who what how where "
                        "why or then also just well yeah here these those them his her its one it's that's "
                        "there's i'm he's she's they're".split())
# A sentence opening on these puts its main clause after the first comma.
_CONDITIONS = frozenset("if when whenever although though while once unless".split())
# Words that open an aside: no clause after them (in their sentence) is the detail's point.
_ASIDES = frozenset("so because when until since cause".split())
# Words a clause may open on before its subject: dropped from the title.
_OPENERS = LEADING_ADVERBS | frozenset("sometimes often and but then".split())
_PLURAL_SUBJECTS = frozenset("we you us people kids children humans companies leaders teachers parents".split())
_NOT_CLAIMS = frozenset("see know think say look feel mean guess wonder remember said thought".split())
_SOFT = frozenset("still never always often really just also even only actually can can't should could would "
                  "don't do must will won't".split())
# Verbs after "I"/"we" that report a claim the next clause makes ("I worry that | social media is ...").
_REPORTS = frozenset("think believe know worry found realized learned argue suspect".split())
_BE = frozenset("is are isn't aren't was were wasn't weren't".split())
_PARTICLES = frozenset("up out off down away back over".split())
CLAIM_WORDS = 8
_FUNCTION = ENGLISH_STOP_WORDS | INTERJECTIONS  # "important" may end a claim title though it never makes a topic


def claim_title(stream: Stream, kept: list[int]) -> str:
    """A title that states the detail's claim in its own words ("Every technology problem is a people
    problem first"): a clause with a subject and its verb, cut to at most 8 words that end on a
    content word, at the end of a phrase where one can be found; "" when no clause names its subject.

    The clauses tried, in the detail's order: each sentence's opening (after a lead-in such as "I
    think that"), a clause reported after "I know that"/"I worry that", a clause after "where", "how"
    or a dash ("education systems where | mistakes are the worst thing"), the main clause after an
    opening condition ("If ..., | a big network can ..."); never one after "so", "when",
    "because" or "until", which is not the detail's point. A clause whose subject is a thing wins
    over one whose subject is "we"/"you"; one opening on a pronoun, a condition or the speaker
    ("I ..."), or whose verb only reports ("you can see"), is no claim at all.
    """
    keys = [stream.key[i] for i in kept]
    pronoun = ""
    for n, s in enumerate(_clause_starts(stream, kept, keys)):
        if keys[s] in ("we", "you") and (n or pronoun):
            continue  # "we"/"you" may head a title only as the detail's opening clause
        title = _claim_from(stream, kept, keys, s)
        if title and keys[s] not in ("we", "you"):
            return title
        pronoun = pronoun or title
    return pronoun


def _clause_starts(stream: Stream, kept: list[int], keys: list[str]) -> list[int]:
    """Where a main or reported clause may open: sentence starts, after a lead-in, after "where"; none
    inside an aside ("so I was in this milieu where | ...", "because I think | ...")."""
    starts, condition, aside = [0], keys[0] in _CONDITIONS if keys else False, False
    for j in range(1, len(kept)):
        if stream.text[kept[j - 1]].endswith((".", "?", "!", ";")):
            starts.append(j)
            condition, aside = keys[j] in _CONDITIONS, False
            continue
        aside = aside or (keys[j - 1] in _ASIDES and not (condition and j - 1 == starts[-1]))  # "When ..., | X"
        if aside:
            continue
        if keys[j - 1] in ("where", "how") or stream.text[kept[j - 1]] in ("--", "—", "–") or \
                (condition and stream.text[kept[j - 1]].endswith(",")):
            starts.append(j)  # "If you can train a big network, | a big network can represent ..."
            condition = False
        elif keys[j - 1] in _REPORTS and keys[j - 2:j - 1] in (["i"], ["we"]):
            starts.append(j + 1 if j < len(keys) and keys[j] == "that" else j)  # "I worry (that) | ..."
    found = []
    for s in starts:
        for lead in _LEAD_INS:
            if tuple(keys[s:s + len(lead)]) == lead:
                s += len(lead)
                break
        while s < len(keys) and keys[s] in _OPENERS:
            s += 1  # "Sometimes | people design their team ...", "And then | those years are ..."
        if s < len(keys) and s not in found:
            found.append(s)
    return found


def _claim_from(stream: Stream, kept: list[int], keys: list[str], s: int) -> str:
    """The claim title of the clause opening at s, or ""."""
    if keys[s] == "there" and s + 1 < len(keys) and keys[s + 1] in _BE:
        # "There isn't an education system on the planet"; not "There are serious problems" (too vague)
        title = _claim_words(stream, kept, keys, s)
        vague = len(title.split()) < 5 or any(k.endswith("thing") for k in keys[s + 2:s + 4])
        return "" if vague else title
    if not keys[s] or keys[s] in _NO_SUBJECT or keys[s] in _CLAIM_VERBS | _PREPS:
        return ""
    if keys[s] in ("a", "an") and s + 1 < len(keys) and keys[s + 1] not in ("lot", "few", "bit", "couple"):
        s += 1  # a heading drops the article: "(A) big neural network can represent ..."
    if keys[s] == "the" and s + 1 < len(keys) and keys[s + 1] not in _FUNCTION:
        # "the" stays unless dropping it lets the claim end where its phrase ends
        bare, whole = _claim_from(stream, kept, keys, s + 1), _claim_words(stream, kept, keys, s)
        return bare if len(bare.split()) > len(whole.split()) else whole
    return _claim_words(stream, kept, keys, s)


def _claim_words(stream: Stream, kept: list[int], keys: list[str], s: int) -> str:
    """The claim of the clause whose subject opens at s, article and all, or ""."""
    verb = s + 1 if keys[s] == "there" else _verb_at(keys, s)
    if verb is None or any(k in ("i", "them") or _stops(stream, kept[j])
                           for j, k in zip(range(s, verb), keys[s:verb])):
        return ""  # "You're, I hope you write", "Some of them will": the subject is not one phrase
    main = verb + 1 if keys[verb] in _SOFT and verb + 1 < len(keys) else verb  # "can | see"
    if keys[verb] in _NOT_CLAIMS or keys[main] in _NOT_CLAIMS:
        return ""
    ends, boundary = [], []
    for e in range(verb, min(len(kept), s + CLAIM_WORDS)):
        key = keys[e]
        if key and key not in _FUNCTION and key not in _NO_END and not _adverb(key) and len(key) > 2 \
                and (not key.endswith("ing") or keys[e - 1] not in _FUNCTION | _SOFT | {keys[verb]}) \
                and e > main:  # the verb has its object or complement: never "... can represent"
            ends.append(e)
            # a phrase ends here when a function word or a pause follows ("... maths experience | of")
            if e + 1 == len(kept) or _stops(stream, kept[e]) or not keys[e + 1] or \
                    (keys[e + 1] in _FUNCTION and not _wants(keys, e)):
                boundary.append(e)
        if _stops(stream, kept[e]) or (e + 1 < len(kept) and stream.brk[kept[e + 1]]):
            break
    end = (boundary or [None])[-1]  # never "... can represent very complicated | function"
    if end is None or end - s + 1 < 3:
        return ""
    return _cap(" ".join(_core(stream.text[i]) for i in kept[s:end + 1]))


def _wants(keys: list[str], e: int) -> bool:
    """Word e is not done without the next: "start to give | up", "certain kinds | of", "something
    to work | on", "haven't explored | that"."""
    after = keys[e + 1]
    return after in _PARTICLES or (after == "of" and keys[e] in VAGUE_HEADS) or \
        (keys[e - 1] == "to" and after in _PREPS) or (keys[e].endswith("ed") and keys[e - 1] not in _BE)


def _verb_at(keys: list[str], s: int) -> int | None:
    """Where the subject starting at s meets its verb (within 5 words: "the file system in Unix | is"), or None."""
    for v in range(s + 1, min(len(keys), s + 6)):
        if _adverb(keys[v]):
            continue  # "you probably | know"
        if keys[v] in _CLAIM_VERBS:
            return v
        if keys[v - 1] in _PLURAL_SUBJECTS | _SOFT and keys[v] not in _FUNCTION and keys[v] not in _SOFT:
            return v
        if keys[v] in _PREPS | _DETERMINERS or keys[v] in ("and", "or", "but", "because"):
            continue
    return None
