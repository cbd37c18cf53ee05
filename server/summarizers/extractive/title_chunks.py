"""Phrase titles cut from the idea's own detail, for ideas whose best keyphrase is one bare word.

A bare word ("Education", "Home", "Haven't") says little about the idea it names, while the
detail nearly always holds a short run of words that does ("vested interest in education",
"Grown men and women"). Such a run is taken whole from one clause of the detail: it opens
on a content word (never a pronoun, a function word or an adverb), closes on a word the talk uses
as a noun, holds no subject pronoun or clause-joining word (so it never spans two thoughts), and
holds no filler. Runs naming the word the keyphrase chose, and words the talk says often, win;
one in an aside ("so they can go home and write a paper") loses. When no run qualifies, a closing
clause "..., it's a little awkward to leave." says the point better than the bare word.
Words and their order are the transcript's own: nothing is invented.
"""

from __future__ import annotations

import math

from .text import Stream
from .title_words import _DETERMINERS, _NO_END, _PREPS, _adverb, _cap, _core, _stops
from .wordclass import WordClass
from .wordlists import INTERJECTIONS, LEADING_ADVERBS, VAGUE_HEADS

MIN_WORDS, MAX_WORDS = 2, 6
# Words that join clauses or introduce one: a run holding one reads as two thoughts glued.
_JOINERS = frozenset("because if when but so which while although though since unless until whether where who "
                     "whose than then like".split())
# Words that open an aside: a run after one in its sentence is not the idea's point.
_ASIDES = frozenset("so because until cause".split())
# Subject pronouns and their contractions: "what we can't grasp" leans on a "we" the title cannot show.
_SUBJECTS = frozenset("i we you they he she it i'm we're you're they're he's she's it's that's there's i've "
                      "we've you've they've i'd we'd you'd they'd i'll we'll you'll they'll let's".split())
# Function words proper, and words of talk that carry nothing alone: a title's glue, never its edge.
# (STOPWORDS is wider: it also holds "true", "questions", "working", which may well open a title.)
_GLUE = frozenset(
    "a an the this that these those my your our their his her its some any all each every no of to in on at for "
    "with from by as into onto about over under after before through and or nor is are was were be been being am "
    "do does did have has had can could would should will may might must not us them him me what how why "
    "thing things stuff kind sort lot lots way ways bit yes okay ok just really actually basically literally maybe "
    "probably sure right guess gonna wanna gotta mean know think thought say says said tell told let lets "
    "something anything everything nothing somebody someone everybody everyone there here also very able up down out off back most many much more less few several".split()
)
_VERB_CUES = frozenset("to can could will would should must might don't didn't doesn't won't can't not gonna wanna "
                       "gotta".split())
# Ends a bench reader (and a person) takes for an adjective or participle, not a noun.
_NOT_NOUN_ENDS = ("ed", "able", "ible", "ous", "ful", "less", "ly")


def chunk_title(stream: Stream, kept: list[int], wc: WordClass, anchor: str = "",
                shown: frozenset[str] | set[str] = frozenset()) -> str:
    """The best 2-6 word run of the detail `kept` that reads as a title, or "" when none does.

    `anchor` is the bare keyphrase the idea was going to be called: a run holding it keeps the
    idea's name and says more. A run whose wording is in `shown` (casefolded) is skipped, so
    titles stay distinct within a video.
    """
    best: tuple[float, str] | None = None
    keys = [stream.key[i] for i in kept]
    for s in range(len(kept)):
        if not _may_start(keys[s]):
            continue
        for e in range(s + 1, min(len(kept), s + MAX_WORDS)):
            k = keys[e]
            if _stops(stream, kept[e - 1]) or not k or k in INTERJECTIONS or k in _JOINERS or k in _SUBJECTS or \
                    stream.brk[kept[e]] or (k == "that" and wc.nounish(keys[e - 1]) and wc.score(keys[e - 1]) > 0):
                break  # a clause ends, or a relative clause opens ("questions that kids ask")
            paired = _paired_noun(keys, s, e, wc)
            ends = paired or (_may_end(k, keys[e - 1], wc) and not _verb_slot(keys[e - 1], k, wc))
            if e - s + 1 >= MIN_WORDS and ends \
                    and not _name_goes_on(stream, kept, e):
                score = _score(keys, s, e, wc, anchor) - (3.0 if _in_aside(stream, kept, keys, s) else 0.0)
                text = _cap(" ".join(_core(stream.text[i]) for i in kept[s:e + 1]))
                if score > 0 and text.casefold() not in shown and (best is None or score > best[0]):
                    best = (score, text)
    return best[1] if best else _it_clause(stream, kept, shown)


def _it_clause(stream: Stream, kept: list[int], shown: frozenset[str] | set[str]) -> str:
    """ "(You and I in a room, ...,) it's a little awkward to leave": when no run names the idea, a
    clause opening on "it's" after a pause and running whole to its sentence's end says its point."""
    keys = [stream.key[i] for i in kept]
    for s in range(1, len(kept)):
        if keys[s] not in ("it's", "it’s") or not _stops(stream, kept[s - 1]) or \
                stream.text[kept[s - 1]].endswith((".", "?", "!")):
            continue  # not after a comma inside the sentence: "it" may point anywhere
        for e in range(s + 3, min(len(kept), s + 7)):
            if _stops(stream, kept[e - 1]):
                break
            if stream.text[kept[e]].endswith((".", "!")) and keys[e] not in _GLUE and len(keys[e]) > 2:
                text = _cap(" ".join(_core(stream.text[i]) for i in kept[s:e + 1]))
                if text.casefold() not in shown:
                    return text
    return ""


def _may_start(key: str) -> bool:
    return bool(key) and key.isascii() and key not in _GLUE and key not in _PREPS and key not in _DETERMINERS and key not in LEADING_ADVERBS and key not in _SUBJECTS and key not in _JOINERS and \
        key not in INTERJECTIONS and key not in VAGUE_HEADS and not _adverb(key) and "'" not in key


def _may_end(key: str, before: str, wc: WordClass) -> bool:
    """A title closes on a noun or a name, never a modifier, participle or verb."""
    if not key or len(key) < 3 or key in _GLUE or key in INTERJECTIONS or key in _NO_END or "'" in key:
        return False
    if wc.is_name(key):
        return True
    if key.endswith(_NOT_NOUN_ENDS) and not key.endswith(("eed", "ss")) or wc.verbish(key):
        return False
    if key.endswith("ing"):  # "better understanding", "deep learning"; not "looking"
        return wc.solid(key) or before in _DETERMINERS or before in ("better", "deeper", "greater")
    return wc.nounish(key) and wc.score(key) > 0  # the talk must have used it as a noun ("awkward" is not)


def _paired_noun(keys: list[str], s: int, e: int, wc: WordClass) -> bool:
    """ "Grown men and women": the second of two words joined by "and" closes a run as the first would,
    when the talk gives no sign against either being a noun (a pair of nouns is said once, not tallied)."""
    return e - s >= 2 and keys[e - 1] == "and" and len(keys[e]) > 2 and keys[e] not in _GLUE and \
        not keys[e].endswith(_NOT_NOUN_ENDS) and wc.nounish(keys[e]) and wc.nounish(keys[e - 2]) and \
        keys[e - 2] not in _GLUE and not wc.verbish(keys[e])


def _in_aside(stream: Stream, kept: list[int], keys: list[str], s: int) -> bool:
    """ "(Waiting until it ends,) so they can | go home and write a paper": a run after "so", "because"
    or "until" in its sentence tells what happens by the way, not the idea's point."""
    for j in range(s - 1, -1, -1):
        if stream.text[kept[j]].endswith((".", "?", "!", ";")):
            return False
        if keys[j] in _ASIDES:
            return True
    return False


def _name_goes_on(stream: Stream, kept: list[int], e: int) -> bool:
    """ "One guy in North" out of "North Korea": a capitalised name must not be cut in two."""
    if e + 1 >= len(kept) or _stops(stream, kept[e]):
        return False
    return stream.text[kept[e]][:1].isupper() and stream.text[kept[e + 1]][:1].isupper()


def _verb_slot(before: str, key: str, wc: WordClass) -> bool:
    """ "to write", "can grasp", "and write": the last word is a verb here, whatever it is elsewhere."""
    if before in _VERB_CUES:
        return True
    return before == "and" and not wc.solid(key)


def _score(keys: list[str], s: int, e: int, wc: WordClass, anchor: str) -> float:
    """Words the talk says often, the keyphrase's own word, and few glue words make a better title."""
    run = keys[s:e + 1]
    content = [k for k in run if k not in _GLUE]
    if len(content) < 2:
        return 0.0
    score = sum(min(math.log1p(wc.seen[k]), 3.0) for k in content) / len(content) * min(len(content), 3)
    score -= 0.4 * (len(run) - len(content)) + 0.3 * max(0, len(run) - 4)
    if anchor and anchor in run:
        score += 3.0
    # a run that holds a verb ("(they can) go home and write a paper") names an action, not the idea's
    # subject: any noun phrase of the detail does better
    if wc.verbish(run[0]) or (s > 0 and (keys[s - 1] in _SUBJECTS or _verb_slot(keys[s - 1], run[0], wc))) or \
            any(keys[j] == "and" and _verb_slot("and", keys[j + 1], wc) and not _paired_noun(keys, s, j + 1, wc)
                for j in range(s, e)):
        score -= 3.0
    # a run that cuts a noun phrase in two ("interest in it" out of "vested interest") reads torn
    if s > 0 and keys[s - 1] not in _GLUE and keys[s - 1] not in _SUBJECTS:
        score -= 0.5
    return score

