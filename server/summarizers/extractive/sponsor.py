"""Sponsor reads, intro ads and outros: found by cue phrases so no card item comes from them."""

from __future__ import annotations

import re

from .sentences import Unit
from .text import Stream

# A unit matching one of these is housekeeping, not content (spoken and written forms). Matched
# against lower-cased text: without re.I the search runs over twice as fast, and it runs on every unit.
# The cues that must start a word are apart: one branch opening on \b in the first pattern would
# stop the regex engine from skipping ahead to the letters a cue can start with (half the speed).
_CUE = re.compile(
    r"sponsor|brought to you by|promo code|use (?:the )?code|discount code|coupon|free trial|"
    r"dot com slash|\.com/|link in the description|links? (?:are |is )?below|in the show notes|"
    r"patreon|support (?:this|the) (?:podcast|show|channel)|rate (?:it|us) on|"
    r"five stars on|apple podcasts|follow (?:me|us) on (?:twitter|instagram|spotify|tiktok)|"
    r"check out (?:our|the) sponsors|quick mention of each|this episode is (?:supported|presented)|"
    r"go to \w+ ?(?:dot|\.) ?com|sign up (?:at|for)|percent off|% off|limited time|"
    r"cash app|expressvpn|squarespace|masterclass|athletic greens|betterhelp|audible|"
    r"magic spoon|eight sleep|skillshare|brilliant\.org|click the link|download (?:it|the app) (?:at|for free)"
)
# An ad's segue and its address ("That's where Brex comes in", "at brex.com"): tried only on text that
# holds "comes in" or ".com", since a pattern opening on common words would slow every unit's search.
_SEGUE = re.compile(r"that'?s where [\w' ]{2,30} comes in|(?:at|to) [\w-]+\.com\b")
_CUE_WORD = re.compile(r"\b(?:subscribe\b|nordvpn|ag1\b)")
_INTRO_END = re.compile(
    r"here(?:'s| is) my conversation with|and now[, ]+(?:dear friends[, ]+)?(?:here(?:'s| is)|let'?s get|on to)|"
    r"let'?s (?:get started|dive in|jump in|get into it)|with that,? i bring you|without further ado",
    re.I,
)
_OUTRO = re.compile(
    r"thanks? (?:you )?for (?:listening|watching|tuning in|joining us)|that'?s (?:all|it) for (?:today|this episode)|"
    r"see you (?:next time|in the next)",
    re.I,
)
# Plugs that close a show ("you can follow my work", "where can people find you"): ordinary words
# mid-talk, so they only count in the last stretch of the video (PLUG_SHARE of it, or PLUG_SECONDS).
_PLUG = re.compile(
    r"follow (?:my|our) (?:work|newsletter|podcast|channel)|check out my|find (?:me|us|my work) (?:on|at|online)|"
    r"where can (?:people|folks|listeners|we|viewers) (?:find|follow)|my newsletter|"
    r"thanks? (?:you )?(?:so much )?for (?:having me|coming on|being (?:here|on))|"
    r"how can (?:listeners|people|folks) be useful",
    re.I,
)
PLUG_SHARE, PLUG_SECONDS = 0.06, 240.0


def unit_text(stream: Stream, unit: Unit) -> str:
    """The unit's tokens as written, joined by spaces."""
    return " ".join(stream.text[unit.first:unit.last])


_OPENER = re.compile(
    r"(?:brought to you by|sponsored by|presented by|supported by|a word from our sponsor,?)\s+"
    r"([A-Z][\w.&'-]*(?:\s+[A-Z][\w.&'-]*)?)"
)
READ_SECONDS = 75.0  # how long a read that opens with "brought to you by X" is assumed to run


def mark_sponsors(stream: Stream, units: list[Unit]) -> set[str]:
    """Set `unit.sponsor` on sponsor reads, the intro ad block and the outro; return the brands' words."""
    texts = [unit_text(stream, u) for u in units]
    hits = [i for i, t in enumerate(texts) if _is_cue(t.lower())]
    for i in hits:
        units[i].sponsor = True
    brands = _mark_reads(units, texts)
    # A read is a run of units between nearby cues (within 6 units and 90 s).
    for a, b in zip(hits, hits[1:]):
        if b - a <= 6 and units[b].start - units[a].start <= 90:
            for k in range(a, b + 1):
                units[k].sponsor = True
    duration = stream.duration or (units[-1].start if units else 0.0)
    _mark_intro(units, texts, hits, duration)
    _mark_outro(units, texts, duration)
    return brands


def _mark_reads(units: list[Unit], texts: list[str]) -> set[str]:
    """Mark what follows "brought to you by X" in a labelled speaker's turn, and nearby units naming X."""
    brands: set[str] = set()
    reads: list[float] = []
    for i, t in enumerate(texts):
        m = _OPENER.search(t)
        if not m:
            continue
        brands.update(w.strip(".,'&").lower() for w in m.group(1).split() if len(w.strip(".,'&")) > 2)
        reads.append(units[i].start)
        for k in range(i, len(units) if units[i].speaker else i):
            if units[k].speaker != units[i].speaker or units[k].start - units[i].start > READ_SECONDS \
                    or _INTRO_END.search(texts[k]):
                break
            units[k].sponsor = True
    if brands:
        named = re.compile(r"\b(?:" + "|".join(map(re.escape, sorted(brands))) + r")\b", re.I)
        for u, t in zip(units, texts):
            if any(abs(u.start - r) <= 2 * READ_SECONDS for r in reads) and named.search(t):
                u.sponsor = True
    return brands


def _mark_intro(units, texts, hits, duration) -> None:
    """Everything up to "here's my conversation with ..." is intro and ads (the turn, when labelled)."""
    limit = max(240.0, 0.15 * duration)
    for i, t in enumerate(texts):
        if units[i].start > limit:
            return
        if _INTRO_END.search(t) and any(h <= i for h in hits):
            end = i
            while units[i].speaker and end + 1 < len(units) and units[end + 1].speaker == units[i].speaker:
                end += 1
            for k in range(end + 1):
                units[k].sponsor = True
            return


def _mark_outro(units, texts, duration) -> None:
    """From the first sign-off in the last 15% (or plug in the last minutes) to the end is outro."""
    late = duration - max(PLUG_SHARE * duration, min(PLUG_SECONDS, 0.15 * duration))
    for i, t in enumerate(texts):
        if (units[i].start >= 0.85 * duration and _OUTRO.search(t)) or (units[i].start >= late and _PLUG.search(t)):
            for k in range(i, len(units)):
                units[k].sponsor = True
            return


def is_sponsor_text(text: str) -> bool:
    """True when a piece of text reads like a sponsor read or channel housekeeping."""
    return _is_cue(text.lower())


def _is_cue(lowered: str) -> bool:
    return bool(_CUE.search(lowered) or _CUE_WORD.search(lowered)) or \
        (("comes in" in lowered or ".com" in lowered) and bool(_SEGUE.search(lowered)))
