"""Topics in the order a reader wants them: what the video is about first, names of people and places last.

Keyphrase weight alone put "Los Angeles, Gillian, Stratford" before "education system" and left
"creativity" out of a talk titled "Do schools kill creativity?". The title says what the video is
about, so its subject words lead (when the talk keeps coming back to them), then the other common
nouns, then capitalised names.
"""

from __future__ import annotations

from collections import Counter

from ...verbatim import words
from .wordlists import STOPWORDS, WEAK_ALONE

_SHOW_WORDS = frozenset("podcast episode show interview talk ted tedx live official video part full".split())
MIN_MENTIONS = 4  # a title word the talk says this often is its subject, not a passing word


def subject_first(topics: list[str], title: str | None, keys: list[str], names: set[str]) -> list[str]:
    """`topics` reordered (and led by the title's subject words the topics lack), as many as before.

    `keys` are the transcript's words, `names` the words of people's names (never a subject)."""
    if not topics:
        return topics
    every = words(title or "")
    subject = [w not in STOPWORDS and w not in _SHOW_WORDS and w not in WEAK_ALONE and w not in names
               and len(w) > 3 and not w.isdigit() for w in every]
    title_words = [w for w, ok in zip(every, subject) if ok]
    said = Counter(keys)
    have = {w for t in topics for w in words(t)}
    stems = {h.rstrip("s") for h in have}
    # two subject words side by side in the title that the talk says together are one subject:
    # "difficult conversations", not "difficult" and "conversations"
    text = " " + " ".join(keys) + " "
    pairs = [f"{a} {b}" for a, b, ok_a, ok_b in zip(every, every[1:], subject, subject[1:]) if ok_a and ok_b
             and text.count(f" {a} {b} ") >= MIN_MENTIONS and not {a, b} <= have]
    in_pairs = {w for pair in pairs for w in pair.split()}
    extra = pairs + [w for w in dict.fromkeys(title_words) if said[w] >= MIN_MENTIONS and w not in have
                     and w not in in_pairs and w.rstrip("s") not in stems]
    extra = extra[:2]
    in_title = [t for t in topics if set(words(t)) & set(title_words)]
    rest = [t for t in topics if t not in in_title]
    common = [t for t in rest if not t[:1].isupper()]
    named = [t for t in rest if t[:1].isupper()]
    return (in_title + extra + common + named)[:max(len(topics), len(in_title) + len(extra))]
