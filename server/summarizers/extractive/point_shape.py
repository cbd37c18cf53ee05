"""The shape of a sentence as an about-point: does it hold a main verb, open a story, or break into an aside?

A point is one sentence the viewer reads without the video around it, so it must state something
(a finite verb outside a relative clause: "Understanding it as an information universe ..." and
"Certainly with people who are experiencing ..." state nothing), and it should not be the scene of
an anecdote ("My husband left town with the kids ...", "I remember ...") or a set-up the speaker
breaks off ("If you're at a dinner party ... -- actually, you're not often at dinner parties").
Glance has no tagger: the checks read the words around each word. A point without a main verb is
never shown; a story's opening or an aside only costs (points.py weighs them).
"""

from __future__ import annotations

_AUXILIARIES = frozenset(
    "is are was were am isn't aren't wasn't weren't has have had hasn't haven't hadn't do does did don't doesn't "
    "didn't can can't cannot could couldn't will won't would wouldn't should shouldn't must may might shall gonna "
    "i'm i've i'll i'd you're you've you'll you'd we're we've we'll we'd they're they've they'll they'd he's she's "
    "it's there's here's what's it'll let's".split()
)
# Common verbs said in the third person ("Grass fed means animals ..."), found without a pronoun before them.
_THIRD_PERSON = frozenset("means makes takes gives helps needs wants gets comes goes says thinks knows seems becomes "
                          "works matters leads shows requires depends happens changes allows lets keeps".split())
# not "it": as often an object ("understanding it as ...") as a subject; "it's" counts as an auxiliary
_SUBJECTS = frozenset("i you we they he she people nobody everybody everyone someone".split())
_BRIDGE = frozenset("just really also all actually still never always often sometimes only even".split())
_RELATIVE = frozenset("who which that whom whose where".split())
_OBJECTS = frozenset("us them him me".split())
_OBJECT_HEADS = _OBJECTS | frozenset("the a an this that these those my your our their his her its it".split())
_NOT_VERB_BEFORE = frozenset("the a an of to in on at for with from by my your our their his her its this".split())
_NOT_VERB = _NOT_VERB_BEFORE | _RELATIVE | _BRIDGE | frozenset(
    "and or but so because if when as than not too about into like that these those there here".split())
_PAST = frozenset("was were had went met told said saw got came took made left thought knew found remember "
                  "remembered decided started moved grew heard asked".split())
_STORY_SUBJECTS = frozenset("i my we our".split())
_ASIDE_MARKS = ("--", "—", "–")


def has_main_verb(keys: list[str]) -> bool:
    """A finite verb not opening a relative clause: an auxiliary, a word right after a subject
    ("we numb"), a word before an object pronoun ("helps us"), or an "-ed"/"-s" word before its object
    ("solved this", "feeds the")."""
    for n, k in enumerate(keys):
        prev = keys[n - 1] if n else ""
        if prev in _RELATIVE or k == "that's" and n > 0:
            continue
        if k in _AUXILIARIES or k in _THIRD_PERSON and n:
            return True
        if n and (prev in _SUBJECTS or n > 1 and keys[n - 2] in _SUBJECTS and prev in _BRIDGE) \
                and k not in _NOT_VERB and k.isalpha():
            return True
        if n + 1 < len(keys) and keys[n + 1] in _OBJECTS and n and prev not in _NOT_VERB_BEFORE \
                and k not in _NOT_VERB:
            return True
        if k.endswith(("ed", "s")) and not k.endswith("ss") and len(k) > 3 and n \
                and prev not in _NOT_VERB | _AUXILIARIES and k not in _NOT_VERB \
                and n + 1 < len(keys) and keys[n + 1] in _OBJECT_HEADS:  # "solved this", not "drug related problem"
            return True
    return False


# Words that open a sentence only by pointing back at the one before ("She eventually graduated ...",
# "That's happened inside data centers ...", "I think this is first an open problem ..."): not "it", which
# as often looks ahead ("It sounds counterintuitive, but ...").
_POINTS_BACK = frozenset("he she they them him his her their this these those which who whom also then and but or "
                         "that that's they're he's she's than of".split())
_LEAD_INS = frozenset("think believe guess suspect feel mean".split())
_SAYING = frozenset("know hope said say wish bet promise realized found knew thought told tell".split())
# "For that, we need to ...", "After this, ...": the opening points at something said before.
_PREPOSITIONS = frozenset("for after because like besides despite from with without given beyond".split())


def leans_back(keys: list[str]) -> bool:
    """The sentence opens, maybe after an "I think (that)" lead-in, on a word that needs the sentence
    before it, restarts at once ("To then, and I usually ..."), or has lost its subject to the caption
    cut ("Actually affects it and ..."): it cannot stand alone."""
    n = 0
    if keys[:1] == ["i"] and len(keys) > 2 and keys[1] in _LEAD_INS and keys[2] not in ("of", "about"):
        n = 3 if keys[2] == "that" else 2
    head = keys[n:n + 3]
    if not head:
        return False
    subjectless = len(head) == 3 and head[0] in _BRIDGE and head[1].endswith("s") and head[2] in _OBJECT_HEADS
    pointer = len(head) > 1 and head[0] in _PREPOSITIONS and head[1] in ("that", "this", "those", "these", "which")
    return head[0] in _POINTS_BACK or "and" in head[1:3] and head[0] in ("to", "for", "with") or subjectless \
        or pointer


_NOMINATIVE = frozenset("i we they he she".split())  # not "you": as often the object ("I push you towards ...")


def restarts(keys: list[str]) -> bool:
    """The speaker starts over in the first words: a second subject before any verb but a lead-in
    ("I ideally we should ...", "I don't I just don't ..."); "I think I know" goes on, it does not restart."""
    return len(keys) > 3 and keys[0] in _SUBJECTS and keys[1] not in _LEAD_INS | _SAYING \
        and (keys[2] in _NOMINATIVE or keys[1] in _BRIDGE and keys[3] in _NOMINATIVE)


def opens_a_story(keys: list[str]) -> bool:
    """The opening clause tells the speaker's own past: "I/my/we ..." and a past verb within a few words
    ("My husband left town", "I remember", "We went to ..."), before any present-tense verb; or someone
    else's, told of as "he"/"she" ("With some coaching, he realized ...")."""
    teller = next((n for n, k in enumerate(keys[:5]) if k in ("he", "she")), None)
    if teller is not None and teller + 1 < len(keys) and _past(keys[teller + 1]):
        return True
    if not keys or keys[0] not in _STORY_SUBJECTS:
        return False
    for n, k in enumerate(keys[1:5], 1):
        if k in _PAST or n == 1 and keys[0] in ("i", "we") and k.endswith("ed") and len(k) > 4:  # "I mentioned"
            return True
        if k in _AUXILIARIES:
            return False
    return False


def _past(key: str) -> bool:
    return key in _PAST or key.endswith("ed") and len(key) > 4


def breaks_off(texts: list[str]) -> bool:
    """A dash in the middle of the sentence: the speaker broke off into an aside."""
    return any(t in _ASIDE_MARKS or t.endswith(_ASIDE_MARKS) for t in texts[1:-2])
