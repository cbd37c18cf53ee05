"""Ideas worth remembering, picked from central, claim-like units, and the unit scores the points share
(points.py writes the "what it's really about" card)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

import numpy as np

from ...models import Idea
from ...verbatim import words
from .display import drop_hedges, ends_sentence, finish, keep_tokens
from .keyphrases import Phrases
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


@dataclass
class IdeaPicks:
    """The units chosen as ideas, before they are titled, and the idea quality of the best candidates."""

    units: list[int]
    quality: dict[int, float]


def choose_ideas(stream: Stream, units: list[Unit], scores: list[float], vectors, phrases: Phrases,
                 used: set[int], k: int = 5) -> IdeaPicks:
    """About k units spread over the video, the best claim-like, whole-sentence ones not in `used`."""
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
    return IdeaPicks(sorted(pool[j] for j in picks), {i: q for i, q in zip(pool, quality) if i in best})


# An idea that leaves its sentence to a quote moves at most this many units, to a sentence at
# most this much lower as an idea: the card keeps its moment of the talk and most of its worth.
MOVE_UNITS, MOVE_LOSS = 2, 1.5


def make_room(stream: Stream, units: list[Unit], picks: IdeaPicks, wanted: set[int], quoted: set[int]) -> IdeaPicks:
    """Each idea on a unit in `wanted` (a quote would fill an empty stretch with it) moves to the best
    neighbour that is nearly as good an idea and whose detail reaches neither that unit nor a quote's
    (`quoted`); an idea with no such neighbour keeps its unit."""
    out: list[int] = []
    for i in picks.units:
        if i in wanted:
            floor = picks.quality[i] - MOVE_LOSS
            near = [j for j in range(i - MOVE_UNITS, i + MOVE_UNITS + 1)
                    if picks.quality.get(j, -99.0) >= floor and j not in picks.units and j not in out
                    and not detail_units(stream, units, j) & (wanted | quoted | {i})]
            i = max(near, key=lambda j: picks.quality[j], default=i)
        out.append(i)
    return IdeaPicks(sorted(out), picks.quality)


def detail_units(stream: Stream, units: list[Unit], i: int) -> set[int]:
    """The units an idea on unit i shows: the unit, and its continuation when the detail takes it."""
    return {i, i + 1} if _detail(stream, units, i)[1] > units[i].last else {i}


def idea_details(stream: Stream, units: list[Unit], picks: IdeaPicks) -> list[str]:
    """The detail each picked idea will show (the quotes must not say it again)."""
    return [finish([stream.text[k] for k in _detail(stream, units, i)[0]]) for i in picks.units]


def title_ideas(stream: Stream, units: list[Unit], picks: IdeaPicks, phrases: Phrases, used: set[int],
                fallback: list[str]) -> list[Idea]:
    """The picked ideas, each titled by the best phrase it contains; the units they show join `used`.

    `fallback[i]` titles unit i when it holds no telling phrase (its chapter's title).
    """
    chosen = picks.units
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
