"""Which words a transcript uses as nouns, judged from the words around them.

Chapter titles and topics read as names of things ("Deep learning", "Rest and recovery"); a
keyphrase that ends on an adjective, adverb or verb ("fully", "denied", "available") reads as a
phrase cut in half. Glance has no tagger (no new dependencies, no model download), but a talk
says most of its content words many times, and the words around them tell their class: a word
after "the"/"my" that closes the phrase ("the data.", "a meal and") is used as a noun; one after
"to"/"we"/"can" or before "it"/"them" as a verb; one after "very"/"is" that closes the phrase, or
before "than", as an adjective. A word's suffix ("-ly", "-ed", "-able"; "-tion", "-ness") decides
when the talk gives little evidence, and a word capitalised mid-sentence is a name.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from .wordlists import DANGLING_MODIFIERS, ENGLISH_STOP_WORDS, INTERJECTIONS

_DETERMINERS = frozenset("the a an this these those my your our their his its some any every each another".split())
_VERB_CUES = {**dict.fromkeys("i we you they can could would will should must might don't didn't doesn't can't "
                              "won't i'll we'll you'll they'll gonna wanna let's i've we've you've they've "
                              "have has had".split(), 1.0), "to": 0.5}
_ADJ_CUES = frozenset("very so too really pretty quite is are was were be been being become became seems feel "
                      "felt it's that's i'm you're we're they're he's she's".split())
_OBJECTS = frozenset("it them him me us".split())
_CLOSERS = ENGLISH_STOP_WORDS | INTERJECTIONS
# Suffix priors, used when the talk itself says little: (endings, score added to the evidence).
_NOT_NOUN = (("ly", "ed", "able", "ible", "ous", "ful", "less", "ish", "ier", "ular"), -1.0)
_RATHER_NOT = (("ing", "ic", "ical", "al", "ive", "ary"), -0.5)
_NOUNISH = (("tion", "sion", "ment", "ness", "ity", "ism", "ance", "ence", "ship", "ogy", "ist", "hood", "dom",
             "age", "ure"), 1.5)


@dataclass
class WordClass:
    """Per word key: how often it was used as a noun, a verb or an adjective, and capitalised as a name."""

    noun: Counter = field(default_factory=Counter)
    verb: Counter = field(default_factory=Counter)
    adj: Counter = field(default_factory=Counter)
    name: Counter = field(default_factory=Counter)
    seen: Counter = field(default_factory=Counter)

    def counts(self, key: str) -> tuple[float, float, float]:
        """Uses as noun, verb, adjective; when the word itself says nothing, its form with or without "s"."""
        for k in (key, key[:-1] if key.endswith("s") else key + "s"):
            found = self.noun[k], self.verb[k], self.adj[k]
            if any(found):
                return found
        return 0, 0, 0

    def score(self, key: str) -> float:
        """Noun evidence minus other evidence plus the suffix prior (> 0: a noun; 0: no idea)."""
        n, v, a = self.counts(key)
        return n - v - a + _prior(key)

    def is_name(self, key: str) -> bool:
        """Capitalised in the middle of sentences most times it is said ("Revolut", "Unix")."""
        return self.name[key] * 2 > self.seen[key] > 0

    def nounish(self, key: str) -> bool:
        """A phrase may end on this word: a name, or a word the talk uses as a noun (or gives no sign against)."""
        if key in DANGLING_MODIFIERS or key.endswith("'s") or key in _CLOSERS:
            return False
        if self.is_name(key):
            return True
        if key.endswith("ly") and self.noun[key] < 2:  # "fully", "usually", even when once after "the"
            return False
        return self.score(key) >= 0

    def solid(self, key: str) -> bool:
        """A word the talk plainly uses as a noun or a name: good enough to stand beside another phrase."""
        return self.is_name(key) or (self.nounish(key) and self.score(key) >= 1)

    def verbish(self, key: str) -> bool:
        """Said as a verb more than as anything else ("take", "keep"): a poor first word of a name."""
        n, v, _ = self.counts(key)
        return not self.is_name(key) and v >= 2 and v > 2 * n


def _prior(key: str) -> float:
    for endings, score in (_NOUNISH, _NOT_NOUN, _RATHER_NOT):
        ending = next((e for e in endings if key.endswith(e) and len(key) > len(e) + 2), None)
        if ending and not key.endswith(("ss", "eed")):  # "business", "speed": not "-ness"/"-ed" words
            return score
    return 0.0


def _shape(text: str) -> tuple[bool, bool]:
    """Whether a token as written is capitalised (after any opening mark), and whether a mark ends it."""
    return (text.lstrip("\"'“(‘[")[:1].isupper(),
            text.endswith((".", ",", ";", ":", "?", "!", "—", "-", "\"", "”", ")")))


def learn(keys: list[str], texts: list[str], starts: list[bool]) -> WordClass:
    """Count each word's uses as noun, verb or adjective over the whole talk.

    `keys[i]` is token i's lower-cased word, `texts[i]` the token as written, `starts[i]` True
    where a sentence (or a stretch cut off from the previous token) begins.
    """
    wc = WordClass()
    n = len(keys)
    shapes: dict[str, tuple[bool, bool]] = {}  # token as written -> (capitalised, ends a phrase): once each
    for i, k in enumerate(keys):
        if not k:
            continue
        wc.seen[k] += 1
        shape = shapes.get(texts[i])
        if shape is None:
            shape = shapes[texts[i]] = _shape(texts[i])
        capital, ends = shape
        if not starts[i] and capital and k != "i" and not k.startswith("i'"):
            wc.name[k] += 1
        prev = "" if starts[i] else keys[i - 1]
        nxt = "" if ends or i + 1 >= n or starts[i + 1] else keys[i + 1]
        closes = nxt == "" or nxt in _CLOSERS
        if prev in _DETERMINERS and closes and nxt not in _OBJECTS:
            wc.noun[k] += 1
        elif prev in _VERB_CUES and not (k.endswith("s") and not k.endswith(("ss", "us", "is"))):
            wc.verb[k] += _VERB_CUES[prev]  # "to maths", "you kids": a verb here has its base form, not a plural
        elif prev in _ADJ_CUES and closes and nxt not in ("a", "an", "the"):
            wc.adj[k] += 1
        if nxt in _OBJECTS and prev not in _DETERMINERS:
            wc.verb[k] += 1
        elif nxt == "than":
            wc.adj[k] += 1
    return wc
