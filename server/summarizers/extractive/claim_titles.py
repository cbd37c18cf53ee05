"""Claim titles: a clause of the idea's detail that states what the idea says ("Social media is
reducing relationships"), cut from the detail's own words (fillers dropped), nothing invented.

A clause qualifies when it names its own subject (a thing, or "we"/"you" in the opening clause)
followed by its verb, and the title ends where a phrase ends, on a content word, holding the
verb's object or complement. Clauses that only report ("you can see"), lean on a pronoun, or sit
in an aside ("so ...", "because ...") give no claim.
"""

from __future__ import annotations

from .text import Stream
from .title_words import _CLAIM_VERBS, _DETERMINERS, _NO_END, _PREPS, _adverb, _cap, _core, _stops
from .wordlists import ENGLISH_STOP_WORDS, INTERJECTIONS, LEADING_ADVERBS, VAGUE_HEADS

# Lead-ins a claim sits behind ("I think that | we are still underestimating deep learning").
_LEAD_INS = (("i", "think", "that"), ("i", "think"), ("i", "believe", "that"), ("i", "believe"), ("i", "feel", "like"),
             ("my", "contention", "is", "that"), ("my", "contention", "is"), ("the", "thing", "is"),
             ("what", "i", "find", "is"), ("i", "would", "say", "that"), ("i", "would", "say"), ("i", "know", "that"),
             ("the", "truth", "is"), ("the", "point", "is"), ("i", "mean"), ("you", "know"), ("i", "feel"),
             ("i", "know", "that"), ("i", "know"), ("i'm", "sure", "that"), ("i'm", "sure"), ("we", "know", "that"), ("what", "we", "know", "is"),
             ("i", "found", "that"), ("i", "find", "that"), ("i", "find"), ("it", "turns", "out", "that"), ("i", "guess"), ("i", "realized", "that"))
# A claim title names its subject: none that points back or leans on a clause before it.
_NO_SUBJECT = frozenset("it this that they he she there i if when because so and but which who what how where "
                        "why or then also just well yeah here these those them his her its one it's that's "
                        "there's i'm he's she's they're".split())
# Pronouns that point back ("those are ...") unless a noun follows ("those middle school years are ...").
_DEMONSTRATIVES = frozenset("this these those".split())
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
_REPORTS = frozenset("think believe know worry find found realized learned argue suspect".split())
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
        # "There is X" says its point in what follows ("There isn't an education system on the planet |
        # that teaches dance"): it stands only when its clause ends with it, and not when vague
        end = _claim_end(stream, kept, keys, s)
        if end is None or not (end + 1 == len(kept) or _stops(stream, kept[end])):
            return ""
        title = _claim_words(stream, kept, keys, s)
        vague = len(title.split()) < 5 or any(k.endswith("thing") for k in keys[s + 2:s + 4])
        return "" if vague else title
    pointing = keys[s] in _DEMONSTRATIVES and s + 1 < len(keys) and keys[s + 1] not in _FUNCTION | _CLAIM_VERBS | VAGUE_HEADS \
        and not _stops(stream, kept[s])  # "those middle school years are ...": a determiner, not a pronoun
    if not keys[s] or (keys[s] in _NO_SUBJECT and not pointing) or keys[s] in _CLAIM_VERBS | _PREPS:
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
    end = _claim_end(stream, kept, keys, s)
    return "" if end is None else _cap(" ".join(_core(stream.text[i]) for i in kept[s:end + 1]))


def _claim_end(stream: Stream, kept: list[int], keys: list[str], s: int) -> int | None:
    """Where the claim of the clause whose subject opens at s ends (an index into kept), or None."""
    verb = s + 1 if keys[s] == "there" else _verb_at(keys, s)
    if verb is None or any(k in ("i", "them") or _stops(stream, kept[j])
                           for j, k in zip(range(s, verb), keys[s:verb])):
        return None  # "You're, I hope you write", "Some of them will": the subject is not one phrase
    main = verb + 1 if keys[verb] in _SOFT and verb + 1 < len(keys) else verb  # "can | see"
    if keys[verb] in _NOT_CLAIMS or keys[main] in _NOT_CLAIMS:
        return None
    ends, boundary = [], []
    for e in range(verb, min(len(kept), s + CLAIM_WORDS)):
        key = keys[e]
        if key and key not in _FUNCTION and key not in _NO_END and not _adverb(key) and len(key) > 2 \
                and (not key.endswith("ing") or keys[e - 1] not in _FUNCTION | _SOFT | {keys[verb]}) \
                and e > main:  # the verb has its object or complement: never "... can represent"
            ends.append(e)
            # a phrase ends here when a function word or a pause follows ("... maths experience | of")
            if e + 1 == len(kept) or _stops(stream, kept[e]) or not keys[e + 1] or \
                    (keys[e + 1] in _FUNCTION and not _wants(keys, e) and not _pair_open(keys, s, e)):
                boundary.append(e)
        if _stops(stream, kept[e]) or (e + 1 < len(kept) and stream.brk[kept[e + 1]]):
            break
    end = (boundary or [None])[-1]  # never "... can represent very complicated | function"
    return None if end is None or end - s + 1 < 3 else end


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
