"""The "what it's really about" card: a headline and up to four points, one whole sentence of the
guest's from each stretch of the talk, that states something and stands without the line before it."""

from __future__ import annotations

import numpy as np

from ...models import About, Person
from ...verbatim import words
from .display import tidy
from .headline import headline
from .point_shape import breaks_off, has_main_verb, leans_back, opens_a_story, restarts
from .quotability import opens_a_list_or_story, quotability
from .scoring import strip_openers
from .sentences import Unit, gap_score
from .text import Stream
from .wordlists import DANGLING_ENDINGS, LEANING_OPENERS


def about(stream: Stream, units: list[Unit], scores: list[float], used: set[int], people: list[Person],
          topics: list[str], title: str | None, k: int = 4, hostp: np.ndarray | None = None) -> About:
    """A one-line headline and up to k points, one from each stretch of the talk, in order."""
    return About(headline(stream, units, people, topics, title), tuple(_points(stream, units, scores, used, k, hostp)))


def _points(stream, units, scores, used, k, hostp=None) -> list[str]:
    content = [i for i, s in enumerate(scores) if s > -99]
    if not content:
        return []
    t0, t1 = units[content[0]].start, units[content[-1]].start
    parts = min(k, len(content))
    # the quote score cannot tell who speaks: a line more likely the host's than not gets none of it
    guest = (lambda i: float(hostp[i] <= 0.5)) if hostp is not None else (lambda i: 1.0)
    points = []
    for p in range(parts):
        lo, hi = t0 + (t1 - t0) * p / parts, t0 + (t1 - t0) * (p + 1) / parts
        inside = [i for i in content if lo <= units[i].start <= hi and i not in used and units[i].size() <= 45]
        # the quote score is costly per unit: it only reorders the 20 best by the point's own measures
        bonus = _best_by_bonus(stream, units, scores, inside, 20)
        ranked = sorted(bonus, key=lambda i: (-(scores[i] + bonus[i] + guest(i) * _says(stream, units[i])), i))
        for best in ranked:
            text = tidy(stream, strip_openers(stream, units[best].first, units[best].last), units[best].last, True)
            if whole_point(text) and text.lower() not in {seen.lower() for seen in points}:
                used.add(best)
                points.append(text)
                break
    return points


_MOST_BONUS = 0.5  # _point_bonus never adds more: every other term of it is a cost


def _best_by_bonus(stream: Stream, units: list[Unit], scores: list[float], inside: list[int], n: int) -> dict[int, float]:
    """The n units of `inside` best by score plus point bonus, with their bonus. The bonus reads every
    word of a unit, so it is worked out only while a unit's score could still reach the n best."""
    best: list[tuple[float, int]] = []
    bonus: dict[int, float] = {}
    for i in sorted(inside, key=lambda i: (-scores[i], i)):
        if len(best) == n and scores[i] + _MOST_BONUS < -best[-1][0]:
            break
        bonus[i] = _point_bonus(stream, units[i])
        best.append((-(scores[i] + bonus[i]), i))
        best.sort()
        del best[n:]
    return {i: bonus[i] for _, i in best}


_TRAILING = ("and finally", "and of course", "of course", "and so on", "and stuff", "and everything", "or something",
             "and then", "and so", "you know")
# A clause opener one word before the end ("... because oftentimes."): the sentence was cut off.
_OPENS_A_CLAUSE = frozenset("because when if whether than unless while although whereas".split())
_WANTS_MORE = frozenset("without oftentimes sometimes usually okay yeah".split())
# "How does your voice turn into ..." without its question mark (auto-captions): a question, not a point.
_WH = frozenset("how what why where who which".split())
_ASKING_VERBS = frozenset("do does did is are was were can could would should will".split())
_COPULAS = frozenset("is was are were".split())


def whole_point(text: str) -> bool:
    """A point must read as a finished sentence that stands alone: not one that trails off ("... two
    modes and of course."), stops on a word that wants more ("... complexity because oftentimes."),
    opens a list item ("The second is...") or a "What ..." that never says what it is, or opens on a
    word that points back at the sentence before ("That's happened ...", "She ...")."""
    found = text.rstrip(".!?…").lower().replace(",", "").split()
    if len(found) < 6 or opens_a_list_or_story(words(text)) or found[0] in _WH and found[1] in _ASKING_VERBS:
        return False
    if found[0] == "how":  # a question without its mark, or "How there are people that, ..." with no main clause
        return False
    if not has_main_verb(words(text)):  # "Understanding it as an information universe ...": no statement
        return False
    if leans_back(words(text)):  # "She eventually graduated ...": says nothing without the line before
        return False
    if found[0] == "what" and not _COPULAS & set(found[2:]):  # "What it wasn't in the physical ...": no "what X is Y"
        return False
    tail = " ".join(found[-3:])
    return found[-1] not in DANGLING_ENDINGS | _WANTS_MORE and found[-2] not in _OPENS_A_CLAUSE \
        and not tail.endswith(_TRAILING)


def _says(stream: Stream, unit: Unit) -> float:
    """A point states something: the quote score's view of the unit (claims up; stories, lists,
    set-ups and hedges down), beside the point's own measures."""
    a = strip_openers(stream, unit.first, unit.last)
    return quotability(stream.key[a:unit.last], stream.text[a:unit.last]) if unit.last > a else 0.0


def _point_bonus(stream: Stream, unit: Unit) -> float:
    """Points read best as whole statements of 14-35 words that do not lean on what came before.

    Auto-captions have no full stops, so a unit there may run two sentences together or stop
    mid-thought: there a short unit with sentence-like edges and no likely sentence break
    inside is worth more than a long one.
    """
    a = strip_openers(stream, unit.first, unit.last)
    n = unit.last - a
    second_person = any(k in ("you", "your") for k in stream.key[a:a + 4])
    bonus = -0.6 * (stream.key[a] in _SUBORDINATE) - 0.4 * second_person - _context_cost(stream, a, unit.last)
    bonus -= 0.8 * unit.rough
    if any(t.endswith((".", "?", "!")) for t in stream.text[a:unit.last]):
        return bonus + (0.5 if 14 <= n <= 35 else -0.5)
    inside = sum(1 for j in range(a + 4, unit.last - 3) if gap_score(stream, j) >= 1.8)
    weak_end = unit.last < len(stream) and gap_score(stream, unit.last) < 1.0
    weak_start = a > 0 and gap_score(stream, a) < 1.0  # "EMC arrays and Oracle databases and you paid ...": mid-list
    return bonus + (0.5 if 10 <= n <= 22 else -0.3) - 0.5 * inside - 0.5 * weak_end - 0.5 * weak_start


_THIRD_PERSON = frozenset("he she him her his they them their".split())
_NEEDS_CONTEXT = (" as you can see", " as i said", " like i said", " as we saw", " as you said", " about that ",
                  " of that ", " for that ", " with that ", " from that ", " that to ",
                  " this one ", " over here ")
# A line about the show itself ("no better way to end it than ..."), not about its subject.
_ABOUT_THE_SHOW = (" to end it ", " to end this ", " end on ", " thank you ", " thanks for ", " having me ",
                   " this conversation ", " this podcast ", " this episode ", " this show ")
_BROKEN_AT = frozenset("the a an is of to and that's are was in".split())


def _context_cost(stream: Stream, a: int, b: int) -> float:
    """Points should stand alone: no opening word that points back ("She", "That's why"), no
    "he"/"they" before anyone is named, no "as you can see", no self-repair ("is the, that's the"),
    no anecdote's opening scene ("My husband left town ..."), no aside broken off by a dash, nothing
    about the show itself ("no better way to end it") and no plan of the speaker's ("what I'll do is")."""
    keys = stream.key[a:b]
    text = " " + " ".join(keys) + " "
    cost = 0.8 * (keys[0] in LEANING_OPENERS) + 0.8 * any(p in text for p in _NEEDS_CONTEXT)
    named = any(t[:1].isupper() for t in stream.text[a + 1:a + 8] if t.lower() != "i" and not t.lower().startswith("i'"))
    cost += 0.5 * (not named and any(k in _THIRD_PERSON for k in keys[:8]))
    cost += 1.0 * any(stream.text[j].endswith(",") and stream.key[j] in _BROKEN_AT for j in range(a, b - 1))
    cost += 0.8 * opens_a_story(keys) + 0.8 * breaks_off(stream.text[a:b]) + 0.5 * (keys[0] == "it")
    cost += 1.0 * any(p in text for p in _ABOUT_THE_SHOW)
    cost += 0.8 * ("i'll" in keys[:5])  # what the speaker will do or say next ("what I'll do is ..."), not a claim
    cost += 0.6 * any(keys[j:j + 2] == keys[j + 2:j + 4] for j in range(min(len(keys) - 3, 6)))  # "I don't I don't"
    cost += 0.8 * restarts(keys)  # "I ideally we should ...": the sentence starts over
    return cost


_SUBORDINATE = {"if", "when", "because", "beyond", "actually", "although", "while", "whereas", "since", "unless"}
