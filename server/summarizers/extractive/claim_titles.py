"""Claim titles: a clause of the idea's detail that states what the idea says ("Social media is
reducing relationships"), cut from the detail's own words (fillers dropped), nothing invented.

A clause qualifies when it names its own subject (a thing, or "we"/"you" in the opening clause)
followed by its verb, and the title ends where a phrase ends, on a content word, holding the
verb's object or complement. Clauses that only report ("you can see"), lean on a pronoun, or sit
in an aside ("so ...", "because ...") give no claim. A noun phrase that "they" takes up again
("Some banks, for example, they don't allow ...") is the clause's subject, and "There isn't an X
that ..." says "No X ...". When the claim is too long to stand, `subject_title` names what it is
about ("Serious problems in certain kinds of machine learning"). Where a clause's verb is and where
its claim ends is claim_clauses.py's.
"""

from __future__ import annotations

from .claim_clauses import _BE, _CLAIM_VERBS, _EMBEDDERS, _FUNCTION, _PLURAL_SUBJECTS, CLAIM_WORDS, _claim_end, _soft, _verb_at
from .text import Stream
from .title_words import _DETERMINERS, _NO_END, _PREPS, _adverb, _cap, _core, _stops
from .wordclass import WordClass
from .wordlists import LEADING_ADVERBS, VAGUE_HEADS
# Lead-ins a claim sits behind ("I think that | we are still underestimating deep learning").
_LEAD_INS = (("i", "think", "that"), ("i", "think"), ("i", "believe", "that"), ("i", "believe"), ("i", "feel", "like"),
             ("my", "contention", "is", "that"), ("my", "contention", "is"), ("the", "thing", "is"),
             ("what", "i", "find", "is"), ("i", "would", "say", "that"), ("i", "would", "say"), ("i", "know", "that"),
             ("the", "truth", "is"), ("the", "point", "is"), ("i", "mean"), ("you", "know"), ("i", "feel"),
             ("i", "know", "that"), ("i", "know"), ("i'm", "sure", "that"), ("i'm", "sure"), ("we", "know", "that"), ("what", "we", "know", "is"),
             ("i", "found", "that"), ("i", "find", "that"), ("i", "find"), ("it", "turns", "out", "that"), ("i", "guess"), ("i", "realized", "that"))
_LEAD_FIRST = frozenset(lead[0] for lead in _LEAD_INS)
# A claim title names its subject: none that points back or leans on a clause before it.
_NO_SUBJECT = frozenset("it this that they he she there i if when because so and but which who what how where "
                        "why or then also just well yeah here these those them his her its one it's that's "
                        "there's i'm he's she's they're whenever whether unless although though while once since "
                        "until cause as like i've i'd i'll".split())
# Pronouns that point back ("those are ...") unless a noun follows ("those middle school years are ...",
# "one guy in North Korea became a god").
_DEMONSTRATIVES = frozenset("this these those one".split())
# A sentence opening on these puts its main clause after the first comma.
_CONDITIONS = frozenset("if when whenever although though while once unless".split())
# Words that open an aside: no clause after them (in their sentence) is the detail's point.
_ASIDES = frozenset("so because when until since cause".split())
# Words a clause may open on before its subject: dropped from the title.
_OPENERS = LEADING_ADVERBS | frozenset("sometimes often and but then".split())
_QUANTIFIERS = frozenset("some many most all".split())
# Verbs after "I"/"we" that report a claim the next clause makes ("I worry that | social media is ...").
_REPORTS = frozenset("think believe know worry find found realized learned argue suspect".split())

def claim_title(stream: Stream, kept: list[int], wc: WordClass | None = None) -> str:
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
    kept = [i for n, i in enumerate(kept) if not _filler(stream, kept, n)]
    keys = [stream.key[i] for i in kept]
    pronoun = ""
    for n, s in enumerate(_clause_starts(stream, kept, keys)):
        if keys[s] in ("we", "you") and (n or pronoun):
            continue  # "we"/"you" may head a title only as the detail's opening clause
        title = _claim_from(stream, kept, keys, s, wc)
        if title and keys[s] not in ("we", "you"):
            return title
        pronoun = pronoun or title
    return _resumed(stream, kept, keys, wc) or pronoun


def _resumed(stream: Stream, kept: list[int], keys: list[str], wc: WordClass | None) -> str:
    """ "Some banks, for example, they don't allow you to withdraw": a plural noun phrase that "they"
    takes up again after a comma, or after a clause of time ("these systems when they get big enough
    they end up ..."), is the subject of the pronoun's clause ("Some banks don't allow ...")."""
    for p in range(2, len(keys)):
        if keys[p] != "they":
            continue
        if stream.text[kept[p - 1]].endswith(","):
            c = p - 3 if keys[p - 2:p] == ["for", "example"] and stream.text[kept[p - 3]].endswith(",") else p - 1
        else:  # the noun phrase, then "when/if/once" and its clause (no pause: auto-captions), then "they"
            w = next((j for j in range(p - 3, max(p - 8, 0), -1) if keys[j] in ("when", "if", "once")), None)
            if w is None or keys[w + 1] != "they" or any(_stops(stream, kept[j]) for j in range(w - 1, p)):
                continue
            c = w - 1
        a = c
        while a > 0 and keys[a - 1] not in _FUNCTION and not _stops(stream, kept[a - 1]) and \
                keys[a - 1] not in _CLAIM_VERBS and not _adverb(keys[a - 1]):
            a -= 1  # back to the noun phrase's first content word ("(those) | larger language models")
        before = keys[a - 1] if a else ""
        if not (keys[c].endswith("s") or keys[c] in _PLURAL_SUBJECTS) or keys[c] in _FUNCTION or \
                not (a == 0 or before in _DETERMINERS | _OPENERS | _QUANTIFIERS or _stops(stream, kept[a - 1])):
            continue
        a -= before in _QUANTIFIERS  # "Some banks" keeps its quantifier
        subject = c - a + 1
        end = _claim_end(stream, kept, keys, p, wc, CLAIM_WORDS - subject + 1)
        if end is not None and end > p + 1:
            return _cap(" ".join(_core(stream.text[i]) for i in kept[a:c + 1] + kept[p + 1:end + 1]))
    return ""


def _filler(stream: Stream, kept: list[int], n: int) -> bool:
    """ "that part of our like planet": a "like" between a determiner and its noun says nothing."""
    return stream.key[kept[n]] == "like" and n > 0 and stream.key[kept[n - 1]] in _DETERMINERS | {"that"} and \
        not _stops(stream, kept[n - 1])


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
        if keys[j - 1] in ("where", "how") and keys[j - 2:j - 1] != ["is"] or \
                stream.text[kept[j - 1]] in ("--", "—", "–") or \
                (condition and stream.text[kept[j - 1]].endswith(",")):
            starts.append(j)  # "If you can train a big network, | a big network can represent ..."
            condition = False
        elif keys[j - 1] in _REPORTS and keys[j - 2:j - 1] in (["i"], ["we"]):
            starts.append(j + 1 if j < len(keys) and keys[j] == "that" else j)  # "I worry (that) | ..."
    found = []
    for s in starts:
        for lead in _LEAD_INS if keys[s] in _LEAD_FIRST else ():
            if tuple(keys[s:s + len(lead)]) == lead:
                s += len(lead)
                break
            if keys[s:s + 1] == list(lead[:1]) and s + 1 < len(keys) and _soft(keys[s + 1]) and \
                    tuple(keys[s:s + 1] + keys[s + 2:s + len(lead) + 1]) == lead:
                s += len(lead) + 1  # "I still think | ...", "I really believe | ..."
                break
        while s < len(keys) and (keys[s] in _OPENERS or _adverb(keys[s])):
            s += 1  # "Sometimes | people design their team ...", "And then | those years are ..."
        if s < len(keys) and s not in found and not in_quotation(stream, kept, s):
            found.append(s)
    return found


def in_quotation(stream: Stream, kept: list[int], n: int) -> bool:
    """Whether the n-th kept word is inside quotation marks: someone else's words the speaker reports
    ("... wrote to her parents and said, "We think Gillian has a learning disorder.""), no claim of the
    talk's own."""
    inside = False
    for j, i in enumerate(kept[:n + 1]):
        word = stream.text[i]
        inside = inside or word.startswith(('"', "“"))
        if j == n:
            return inside
        if word.rstrip(".,!?;:").endswith(('"', "”")):
            inside = False
    return False

def _claim_from(stream: Stream, kept: list[int], keys: list[str], s: int, wc: WordClass | None) -> str:
    """The claim title of the clause opening at s, or ""."""
    if keys[s] == "there" and s + 2 < len(keys) and keys[s + 1] in _BE:
        # "There is X" says its point in what follows ("There isn't an education system on the planet |
        # that teaches dance"): it stands only when its clause ends with it, and not when vague
        if keys[s + 1].endswith("n't") or keys[s + 2] == "no":
            return _nothing_that(stream, kept, keys, s, wc)
        end = _claim_end(stream, kept, keys, s, wc)
        if end is None or not (end + 1 == len(kept) or _stops(stream, kept[end])):
            return ""
        title = _claim_words(stream, kept, keys, s, wc)
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
        bare, whole = _claim_from(stream, kept, keys, s + 1, wc), _claim_words(stream, kept, keys, s, wc)
        return bare if len(bare.split()) > len(whole.split()) else whole
    return _claim_words(stream, kept, keys, s, wc)


def _nothing_that(stream: Stream, kept: list[int], keys: list[str], s: int, wc: WordClass | None) -> str:
    """ "There isn't an education system (on the planet) that teaches dance every day" says "No education
    system teaches dance every day": the noun, then the verb phrase of the clause that describes it."""
    n = s + 2 + (keys[s + 2] in ("a", "an", "any", "no"))
    h = n
    while h + 1 < len(keys) and keys[h + 1] not in _FUNCTION and not _stops(stream, kept[h]):
        h += 1  # the noun phrase: "education system"
    r = next((j for j in range(h + 1, min(len(keys), h + 6)) if keys[j] in ("that", "who")), None)
    if n >= len(keys) or keys[n] in _FUNCTION or h - n > 2 or r is None or r + 1 >= len(keys) or \
            any(_stops(stream, kept[j]) for j in range(h, r)) or keys[r + 1] in _FUNCTION:
        return ""
    kept, keys = kept[:h + 1] + kept[r + 1:], keys[:h + 1] + keys[r + 1:]
    end = _claim_end(stream, kept, keys, n, wc, CLAIM_WORDS - 1, verb=h + 1)
    return "" if end is None else "No " + " ".join(_core(stream.text[i]) for i in kept[n:end + 1])


def subject_title(stream: Stream, kept: list[int], wc: WordClass | None = None) -> str:
    """What a detail's claim is about, as a noun phrase, for a claim too long to stand whole: the thing
    it says exists ("(I think there are) serious problems in certain kinds of machine learning"; "not
    terrible analogies" keeps its "not"), or a subject with a clause of its own ("The only people who
    don't experience shame (have no capacity for human empathy)")."""
    keys = [stream.key[i] for i in kept]
    for s in _clause_starts(stream, kept, keys):
        if keys[s] == "there":
            if s + 3 >= len(keys) or keys[s + 1] not in ("is", "are") or keys[s + 2] == "no":
                continue
            n = s + 2 + (keys[s + 2] in ("a", "an"))
            if n + 1 >= len(keys) or keys[n] in _FUNCTION and keys[n] != "not" or keys[n + 1] in ("a", "an", "any", "the"):
                continue
            end = _claim_end(stream, kept, keys, s, None, n - s + CLAIM_WORDS, verb=s + 1)
            if end is not None and 2 <= end - n + 1 <= CLAIM_WORDS:
                return _cap(" ".join(_core(stream.text[i]) for i in kept[n:end + 1]))
            continue
        verb = _verb_at(keys, s, wc) if keys[s] not in _NO_SUBJECT else None
        if verb is not None and 4 <= verb - s <= CLAIM_WORDS and any(k in _EMBEDDERS for k in keys[s + 1:verb]) and \
                keys[verb - 1] not in _FUNCTION | _NO_END and not any(_stops(stream, kept[j]) for j in range(s, verb - 1)):
            return _cap(" ".join(_core(stream.text[i]) for i in kept[s:verb]))
    return ""


def _claim_words(stream: Stream, kept: list[int], keys: list[str], s: int, wc: WordClass | None) -> str:
    """The claim of the clause whose subject opens at s, article and all, or ""."""
    end = _claim_end(stream, kept, keys, s, wc)
    return "" if end is None else _cap(" ".join(_core(stream.text[i]) for i in kept[s:end + 1]))
