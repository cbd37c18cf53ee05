"""Claim clauses: where a clause's verb is and where the claim it makes ends, for claim titles.

A subject meets its verb within a few words ("the file system in Unix | is"), past any clause of its
own ("asking if a problem is hard | is slightly wrong"); the claim ends on a content word where a
phrase ends, after the verb's object or complement, never inside "between X and Y", before a word's
"of" ("that part | of their brain") or on a bare verb.
"""

from __future__ import annotations

from .text import Stream
from .title_words import _CLAIM_VERBS, _DETERMINERS, _NO_END, _PREPS, _adverb, _stops, _verb_form
from .wordclass import WordClass
from .wordlists import DANGLING_MODIFIERS, ENGLISH_STOP_WORDS, INTERJECTIONS, LEADING_ADVERBS, VAGUE_HEADS

_PLURAL_SUBJECTS = frozenset("we you they us people kids children humans companies leaders teachers parents".split())
_NOT_CLAIMS = frozenset("see know think say look feel mean guess wonder remember said thought talk talked talking "
                        "tell told saying asked".split())
# Words that take a "that" clause ("we want people to feel | that ..."): never a claim's end before it.
_THAT_VERBS = _NOT_CLAIMS | frozenset("hope show understand realize believe".split())
# Words no claim ends on or runs past ("we talked about like | having", "yes | deep learning").
_BREAKS = frozenset("yes yeah okay".split())
# Claim verbs that are nouns as often ("small changes in the data", "the needs of users").
_NOUN_TOO = frozenset("changes needs makes leads drives helps means gives".split())
_PERFECTS = frozenset("i've we've you've they've".split())
_TIME_OPENERS = frozenset("every each last next".split())
_JOINERS = frozenset("because which while whereas although unless".split())  # a clause of its own follows
_CLAUSE_SUBJECTS = frozenset("i i'm it it's they they're we we're you you're he he's she she's that's there's".split())
# Verbs whose object wants its "to" ("we want people | to feel").
_WANT_VERBS = frozenset("want wants wanted need needs allow allows allowed help helps ask asks expect expects".split())
_SOFT = frozenset("still never always often really just also even only actually can can't should could would "
                  "don't do must will won't gonna wanna gotta".split())
# A subject holding one of these after "and"/"but" is two clauses ("proud of and they | made").
_PRONOUNS = frozenset("they he she we you it".split())
_BE = frozenset("is are isn't aren't was were wasn't weren't".split())
_PARTICLES = frozenset("up out off down away back over".split())
# Words that want their "of" ("that part | of their brain", "capable | of reasoning"): never a claim's end.
_OF_HEADS = frozenset("part parts piece pieces capable incapable aware afraid full kind sort type lot lots number "
                      "rest source sources hundreds thousands millions dozens couple".split())
# Prepositions whose "-ing" object may end a claim ("capable of reasoning") unless it has an object of its own.
_GERUND_PREPS = frozenset("of at about for in by without".split())
_OBJECT_OPENERS = _DETERMINERS | frozenset("that it them him her me us some all any".split())
# Words that open a clause inside a subject ("asking if | a problem is hard | is slightly wrong"): the
# first verb after one is that clause's own.
_EMBEDDERS = frozenset("if whether who that which".split())
# Past forms no ending tells ("the universe built the human mind", "one guy became a god").
_IRREGULAR = frozenset("built became came went got made took gave grew began lost won left brought taught kept led "
                       "ran wrote drove broke fell held".split())
CLAIM_WORDS = 8
_FUNCTION = ENGLISH_STOP_WORDS | INTERJECTIONS  # "important" may end a claim title though it never makes a topic

def _soft(key: str) -> bool:
    return key in _SOFT or key in LEADING_ADVERBS or _adverb(key)

def _claim_end(stream: Stream, kept: list[int], keys: list[str], s: int, wc: WordClass | None,
               limit: int = CLAIM_WORDS, verb: int | None = None) -> int | None:
    """Where the claim of the clause whose subject opens at s ends (an index into kept), or None."""
    if verb is None:
        verb = s + 1 if keys[s] == "there" else _verb_at(keys, s, wc)
    if verb is None or any(k in ("i", "them") or _stops(stream, kept[j]) or
                           (k in _PRONOUNS and keys[j - 1] in ("and", "but", "or", "so")) or
                           (j > s and k in _CLAUSE_SUBJECTS | _PERFECTS and keys[s] not in _TIME_OPENERS)
                           for j, k in zip(range(s, verb), keys[s:verb])):
        # "You're, I hope you write", "Some of them will", "Proud of and they | made", "many lower bounds
        # you | can smash": not one phrase ("Every week they | have" is: a time, then the subject)
        return None
    main = verb
    while main + 1 < len(keys) and _soft(keys[main]):
        main += 1  # "can | see", "can also | say"
    if keys[verb] in _NOT_CLAIMS or keys[main] in _NOT_CLAIMS or \
            (keys[main] in _BE and keys[main + 1:main + 2] and keys[main + 1] in _CLAUSE_SUBJECTS | {"that"}):
        return None  # "you can see", "the gist of it is | that ...", "the problem is | it pulls": another clause
    ends, boundary = [], []
    for e in range(verb, min(len(kept), s + limit)):
        key = keys[e]
        if key in _BREAKS or key in _JOINERS or \
                (key in ("and", "but", "or") and keys[e + 1:e + 2] and keys[e + 1] in _CLAUSE_SUBJECTS):
            break  # "cost functions are great | and they serve", "... | because": a new clause, or a caption's "yes"
        if key and key != "like" and key not in _NOT_CLAIMS and key not in _SOFT and key not in _FUNCTION and (key not in _NO_END or _predicative(keys, verb, e)) and not _adverb(key) \
                and len(key) > 2 \
                and (not key.endswith("ing") or keys[e - 1] not in _FUNCTION | _SOFT | {keys[verb]} or
                     _gerund(keys, e)) \
                and e > main:  # the verb has its object or complement: never "... can represent"
            ends.append(e)
            # a phrase ends here when a function word or a pause follows ("... maths experience | of")
            if e + 1 == len(kept) or _stops(stream, kept[e]) or not keys[e + 1] or \
                    ((keys[e + 1] in _FUNCTION or _adverb(keys[e + 1])) and not _wants(keys, e) and not _pair_open(keys, s, e)):
                boundary.append(e)
        if _stops(stream, kept[e]) or (e + 1 < len(kept) and stream.brk[kept[e + 1]]):
            break
    end = (boundary or [None])[-1]  # never "... can represent very complicated | function"
    if end is not None and (any(k in _BE or (k in _CLAUSE_SUBJECTS and k not in ("you", "it"))
                                for k in keys[main + 1:end + 1]) or
                            (keys[end + 1:end + 2] and keys[end + 1] in _BE and not _stops(stream, kept[end]))):
        return None  # "the only difference is | a marriage is rooted ...": the complement is a clause
    return None if end is None or end - s + 1 < 3 else end


def _predicative(keys: list[str], verb: int, e: int) -> bool:
    """ "AA is really good | for social interactions": a modifier right after "is" (and adverbs) is the
    claim's complement, not a word waiting for its noun."""
    return keys[e] in DANGLING_MODIFIERS and keys[verb] in _BE and all(_soft(k) for k in keys[verb + 1:e]) and \
        (e + 1 == len(keys) or keys[e + 1] in _FUNCTION)


def _gerund(keys: list[str], e: int) -> bool:
    """ "capable of | reasoning": an "-ing" word after a preposition names an activity and may end the
    claim, unless an object follows it ("better at building | that part")."""
    return keys[e - 1] in _GERUND_PREPS and (e + 1 == len(keys) or keys[e + 1] not in _OBJECT_OPENERS)


def _pair_open(keys: list[str], s: int, e: int) -> bool:
    """ "between deep learning | and biology", "from X | to Y": the pair's second half comes next, so
    the phrase is not done."""
    closer = {"between": "and", "from": "to"}
    for j in range(e, s - 1, -1):
        if keys[j] in closer:
            return keys[e + 1] == closer[keys[j]] and closer[keys[j]] not in keys[j + 1:e + 1]
    return False


def _wants(keys: list[str], e: int) -> bool:
    """Word e is not done without the next: "start to give | up", "certain kinds | of", "something
    to work | on", "haven't explored | that", "a problem of the structure | of proteins", "want people | to"."""
    after = keys[e + 1]
    return after in _PARTICLES or (after == "of" and (keys[e] in VAGUE_HEADS | _OF_HEADS or keys[e - 2:e] == ["of", "the"])) or \
        (after == "that" and keys[e] in _THAT_VERBS) or (after == "to" and any(k in _WANT_VERBS for k in keys[e - 3:e])) or \
        (keys[e - 1] == "to" and after in _PREPS) or (keys[e].endswith("ed") and keys[e - 1] not in _BE)


def _verb_at(keys: list[str], s: int, wc: WordClass | None = None) -> int | None:
    """Where the subject starting at s meets its verb (within 5 words: "the file system in Unix | is"), or
    None. A clause inside the subject has its own verb first ("asking if a problem is hard | is slightly
    wrong", "the people who don't experience shame | have"): the main verb is a later one."""
    inner: int | None = None
    embedded = False
    for v in range(s + 1, min(len(keys), s + 8)):
        if _adverb(keys[v]):
            continue  # "you probably | know"
        if keys[v] in _EMBEDDERS and not embedded:
            embedded = True
            continue
        if keys[v] in _NOUN_TOO and keys[v + 1:v + 2] in (["of"], ["in"]):
            continue  # "small changes | in the data set": a noun here
        finite = keys[v] in _CLAIM_VERBS or keys[v] in _IRREGULAR or \
            (wc is not None and keys[v] not in _FUNCTION and "'" not in keys[v] and _verb_form(keys[v], wc))
        after = (keys[v - 1] in _PLURAL_SUBJECTS or (keys[v - 1] in _SOFT and v - 1 > s and keys[v - 2] not in _DETERMINERS)) and keys[v] not in _FUNCTION \
            and keys[v] not in _SOFT  # not "(the) only | people"
        if embedded:
            if inner is None and (finite or after):
                inner = v
            elif inner is not None and v > inner + 1 and (keys[v] in _CLAIM_VERBS or keys[v] in _IRREGULAR):
                return v
            continue
        if v > s + 5:
            return None
        if finite or after:
            return v
    return None
