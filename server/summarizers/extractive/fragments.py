"""Archiver artifacts in auto-captions: words that lost their first letters ("ou'd", "tarted").

Some stored auto-caption tracks had the first letter(s) of a cue cut off. Such a token is only
ever seen at the start of a cue, never inside one, and a word of the same transcript ends with
it ("you'd" -> "ou'd"). Cards should avoid them: a quote holding one reads as a typo.
"""

from __future__ import annotations

from collections import Counter

from .text import Stream

# Real words that other words end with ("his" in "this"): never taken for clipped ones.
_REAL_SHORT = frozenset(
    "a i an as at be by do go he if in is it me my no of on or so to up us we his her its our out all any one "
    "ever even own are was has had not but the and for you him how now old new age art end ten".split()
)


def clipped_tokens(stream: Stream) -> set[int]:
    """Indexes of tokens that look like a cue-initial word with its first letter(s) cut off."""
    heads, inner = [], Counter()
    for i, key in enumerate(stream.key):
        if not key:
            continue
        if i == 0 or stream.seg[i] != stream.seg[i - 1]:
            heads.append(i)
        else:
            inner[key] += 1
    if not heads:
        return set()
    seen = Counter(k for k in stream.key if k)
    tails: Counter = Counter()
    for full, n in seen.items():
        for cut in (1, 2):
            if len(full) > cut + 1:
                tails[full[cut:]] += n
    return {i for i in heads
            if not inner[stream.key[i]] and tails[stream.key[i]] >= 2 and stream.key[i] not in _REAL_SHORT}
