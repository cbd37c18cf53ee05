"""Ideas worth remembering and the "what it's really about" card, picked from central, claim-like units."""

from __future__ import annotations

from collections import Counter

import numpy as np

from ...models import About, Idea, Person
from ...verbatim import words
from .display import drop_hedges, ends_sentence, finish, keep_tokens, tidy
from .keyphrases import Phrases
from .point_shape import breaks_off, has_main_verb, leans_back, opens_a_story, restarts
from .headline import headline
from .quotability import opens_a_list_or_story, quotability
from .scoring import idea_score, mmr, strip_openers
from .sentences import Unit, gap_score
from .text import Stream, is_punctuated
from .title_chunks import chunk_title
from .turns import near_host
from .titles import claim_title, clause_title, idea_title, subject_title
from .wordlists import DANGLING_ENDINGS, LEANING_OPENERS, REPLY_WORDS, STOPWORDS

_CONTINUERS = {"because", "so", "which", "and", "but", "that's"}
HOST_COST = 3.0  # a sure host line loses to almost any guest line; a doubtful one only somewhat


def unit_scores(stream: Stream, units: list[Unit], cent: np.ndarray, hostp: np.ndarray | None = None,
                clipped: set[int] = frozenset()) -> list[float]:
    """Quality of each unit as an idea or a point: claim-likeness plus centrality, less the chance
    the host said it (`hostp`): on an interview the cards are the guest's.

    Units holding a caption word the archiver clipped ("ou'd") or opening on a self-repair
    ("Programs that, programming languages ...") read badly whatever they say, so they lose.
    """
    out = []
    if hostp is not None:
        hostp = near_host(hostp, is_punctuated(stream))
    for ui, u in enumerate(units):
        a = strip_openers(stream, u.first, u.last)
        n = u.last - a
        if u.sponsor or u.question or not 8 <= n <= 50:
            out.append(-99.0)
            continue
        penalty = HOST_COST * (hostp[ui] if hostp is not None else 0.0) + 0.8 * u.rough
        penalty += 1.0 * any(u.first <= i < u.last for i in clipped) + 0.6 * _repairs(stream, a, u.last)
        out.append(idea_score(stream.key[a:u.last]) + float(cent[ui]) - penalty)
    return out


def _repairs(stream: Stream, a: int, b: int) -> bool:
    """True when the first few words restart ("it's, I don't know, that's", "programs that, programming")."""
    head = stream.text[a:min(a + 4, b)]
    return any(t.endswith((",", "-", "—")) for t in head[:3]) and len(head) == 4 and \
        stream.key[a + len(head) - 1][:4] != stream.key[a][:4] and \
        (stream.key[a] in ("it's", "that's", "no", "yes", "i") or any(
            stream.key[a + k + 1][:4] == stream.key[a][:4] for k in range(len(head) - 1)))


def pick_ideas(stream: Stream, units: list[Unit], scores: list[float], vectors, phrases: Phrases,
               used: set[int], fallback: list[str], k: int = 5) -> list[Idea]:
    """About k ideas spread over the video, each titled by the best phrase it contains.

    `fallback[i]` titles unit i when it holds no telling phrase (its chapter's title).
    """
    pool = [i for i, s in enumerate(scores) if s > -99 and i not in used]
    spacing = max(stream.duration, 1.0) / 12
    punctuated = is_punctuated(stream)
    # only the best few hundred can be picked (mmr looks at its top 200), so only they are checked
    best = set(sorted(pool, key=lambda i: -scores[i])[:300])
    details = {i: _detail(stream, units, i)[0] for i in best}
    whole = {i: scores[i] + _whole_bonus(stream, details[i], punctuated) for i in best}
    # the claim bonus can only lift a unit that is near the top already: only the best 100 are parsed
    near = set(sorted(whole, key=lambda i: -whole[i])[:100])
    quality = [whole[i] + (_claim_bonus(stream, details[i], phrases) if i in near else 0.0) if i in best else -2.0
               for i in pool]
    picks = mmr(quality, pool, [units[i].start for i in pool], vectors, k, 0.6, spacing)
    chosen = sorted(pool[j] for j in picks)
    weights = Counter(p for found in phrases.per_unit for p in set(found))
    total = max(len(phrases.per_unit), 1)
    titles: set[str] = set()
    shown: set[str] = set()  # the titles given so far, casefolded: each idea gets its own
    ideas = []
    for i in chosen:
        kept, end = _detail(stream, units, i)
        used.update({i, i + 1} if end > units[i].last else {i})
        extra = (i + 1,) if end > units[i].last else ()
        title = idea_title(stream, kept, phrases, weights, total, i, titles, extra, shown)
        detail = finish([stream.text[k] for k in kept])
        options = [clause_title(stream, kept, weights), _related(fallback[i], kept, stream), title]
        if " " in title:  # a phrase title stands; one bare word yields to the idea's opening or chapter
            options.insert(0, title)
        # a title that states the claim beats one that names it, and the thing a detail says exists
        # ("Serious problems in certain kinds of machine learning") beats a keyphrase it holds
        options[:0] = [claim_title(stream, kept, phrases.classes), subject_title(stream, kept, phrases.classes)]
        options.append(fallback[i])  # the chapter's own title before the detail's first words
        title = next((t for t in options if t and t.casefold() not in shown), "") or _fallback_title(detail)
        if " " not in title:  # one bare word says little: a run of the detail holding it says more
            title = chunk_title(stream, kept, phrases.classes, title.casefold(), shown) or title
        if not names_something(title):
            title = _fallback_title(detail)
        shown.add(title.casefold())
        ideas.append(Idea(title, detail, stream.seg_start[stream.seg[kept[0]]]))
    return ideas


def _detail(stream: Stream, units: list[Unit], i: int) -> tuple[list[int], int]:
    """The tokens shown as the idea's detail (the unit, maybe its continuation), and where it ends.

    A short lead-in sentence ("A little bit, but yeah, listen to boredom.") is left out when a
    whole sentence follows, and a trailing "..." fragment is cut back to the last full stop:
    a detail should start and end where the speaker's sentences do.
    """
    u = units[i]
    a = strip_openers(stream, u.first, u.last)
    b = u.last
    nxt = units[i + 1] if i + 1 < len(units) else None
    if nxt and not nxt.sponsor and not nxt.question and nxt.speaker == u.speaker and \
            (stream.key[nxt.first] in _CONTINUERS or b - a < 14) and nxt.last - a <= 45:
        b = nxt.last
    lead = next((j + 1 for j in range(a, min(a + 9, b)) if ends_sentence(stream.text[j])), None)
    replying = lead is not None and (lead - a <= 4 or any(k in REPLY_WORDS for k in stream.key[a:lead]))
    if replying and b - lead >= 10 and stream.key[lead] not in _CONTINUERS - {"so", "and", "but"}:
        a = strip_openers(stream, lead, b)
    if stream.text[b - 1].endswith(("...", "…")):
        last = next((j for j in range(b - 2, a + 7, -1) if ends_sentence(stream.text[j])), None)
        b = last + 1 if last is not None else b
    return drop_hedges(stream, keep_tokens(stream, a, b)), max(b, u.last)


CLAIM_BONUS = 0.6  # less than a whole sentence is worth over a fragment: a claim wins among equals, not over the centre


def _claim_bonus(stream: Stream, kept: list[int], phrases: Phrases) -> float:
    """An idea is something the speaker claims: a detail whose clause states one ("Social media is
    reducing relationships") beats an equally central one that only tells or describes."""
    claim = claim_title(stream, kept, phrases.classes) if kept else ""
    return CLAIM_BONUS if claim and claim.split()[0].lower() not in ("we", "you") else 0.0


def _whole_bonus(stream: Stream, kept: list[int], punctuated: bool = True) -> float:
    """Details that open a sentence and close one read as whole thoughts; the rest cost.

    Punctuated text shows the edges; in auto-captions the guessed boundary strength stands in.
    """
    if not kept:
        return -1.0
    first, last = kept[0], kept[-1]
    opens = first == 0 or ends_sentence(stream.text[first - 1]) or stream.brk[first]
    closes = ends_sentence(stream.text[last])
    if punctuated:
        cost = 0.6 * (not opens) + 0.6 * (not closes)
    else:
        cost = 0.4 * (first > 0 and gap_score(stream, first) < 1.0)
        cost += 0.4 * (last + 1 < len(stream) and gap_score(stream, last + 1) < 1.0)
    cost += 1.5 * stream.text[last].endswith(("...", "…")) + 0.6 * (stream.key[first] in LEANING_OPENERS)
    cost += 0.8 * (stream.key[last] in DANGLING_ENDINGS and not closes)
    return -cost


def _related(title: str, kept: list[int], stream: Stream) -> str:
    """The chapter's title, when it is a phrase and shares a word with the idea it would name."""
    mine = {stream.key[k][:5] for k in kept if len(stream.key[k]) > 3}
    for part in title.replace(", ", " and ").split(" and "):
        if " " in part.strip() and {w.lower()[:5] for w in part.split() if len(w) > 3} & mine:
            return part.strip()[:1].upper() + part.strip()[1:]
    return ""


def names_something(title: str) -> bool:
    """False for a title that is one bare contraction ("Haven't"): it names nothing; the detail's opening words do better."""
    return " " in title.strip() or not any(mark in title for mark in ("'", "’"))


def _fallback_title(detail: str) -> str:
    """The detail's opening words, up to six, never ending on a function word ("...part of")."""
    words = detail.rstrip(".!?").split()
    kept = words[:6]
    while len(kept) > 2 and kept[-1].lower().strip(",;:") in STOPWORDS | DANGLING_ENDINGS:
        kept.pop()
    return " ".join(kept).rstrip(",;:") + ("…" if len(kept) < len(words) else "")


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
