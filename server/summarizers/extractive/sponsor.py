"""Sponsor reads, intro ads and outros: found by cue phrases so no card item comes from them."""

from __future__ import annotations

import re

from .sentences import Unit
from .text import Stream

# A unit matching one of these is housekeeping, not content (spoken and written forms).
_CUE = re.compile(
    r"sponsor|brought to you by|promo code|use (?:the )?code|discount code|coupon|free trial|"
    r"dot com slash|\.com/|link in the description|links? (?:are |is )?below|in the show notes|"
    r"\bsubscribe\b|patreon|support (?:this|the) (?:podcast|show|channel)|rate (?:it|us) on|"
    r"five stars on|apple podcasts|follow (?:me|us) on (?:twitter|instagram|spotify|tiktok)|"
    r"check out (?:our|the) sponsors|quick mention of each|this episode is (?:supported|presented)|"
    r"go to \w+ ?(?:dot|\.) ?com|sign up (?:at|for)|percent off|% off|limited time|"
    r"cash app|expressvpn|squarespace|masterclass|athletic greens|betterhelp|audible|\bnordvpn|"
    r"magic spoon|eight sleep|\bag1\b|skillshare|brilliant\.org|click the link|download (?:it|the app) (?:at|for free)",
    re.I,
)
_INTRO_END = re.compile(
    r"here(?:'s| is) my conversation with|and now[, ]+(?:dear friends[, ]+)?(?:here(?:'s| is)|let'?s get|on to)|"
    r"let'?s (?:get started|dive in|jump in)",
    re.I,
)
_OUTRO = re.compile(r"thanks? (?:you )?for (?:listening|watching|tuning in|joining us)|that'?s (?:all|it) for (?:today|this episode)|see you (?:next time|in the next)", re.I)


def unit_text(stream: Stream, unit: Unit) -> str:
    """The unit's tokens as written, joined by spaces."""
    return " ".join(stream.text[unit.first:unit.last])


def mark_sponsors(stream: Stream, units: list[Unit]) -> None:
    """Set `unit.sponsor` on sponsor reads, the intro ad block and the outro."""
    texts = [unit_text(stream, u) for u in units]
    hits = [i for i, t in enumerate(texts) if _CUE.search(t)]
    for i in hits:
        units[i].sponsor = True
    # A read is a run of units between nearby cues (within 6 units and 90 s).
    for a, b in zip(hits, hits[1:]):
        if b - a <= 6 and units[b].start - units[a].start <= 90:
            for k in range(a, b + 1):
                units[k].sponsor = True
    duration = stream.duration or (units[-1].start if units else 0.0)
    _mark_intro(units, texts, hits, duration)
    _mark_outro(units, texts, duration)


def _mark_intro(units, texts, hits, duration) -> None:
    limit = max(240.0, 0.15 * duration)
    for i, t in enumerate(texts):
        if units[i].start > limit:
            return
        if _INTRO_END.search(t) and any(h <= i for h in hits):
            for k in range(i + 1):
                units[k].sponsor = True
            return


def _mark_outro(units, texts, duration) -> None:
    for i, t in enumerate(texts):
        if units[i].start >= 0.85 * duration and _OUTRO.search(t):
            for k in range(i, len(units)):
                units[k].sponsor = True
            return


def is_sponsor_text(text: str) -> bool:
    """True when a piece of text reads like a sponsor read or channel housekeeping."""
    return bool(_CUE.search(text))
