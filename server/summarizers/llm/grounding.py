"""Tie the model's answer to the transcript: quotes snapped to real words, every time taken from a line."""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from difflib import SequenceMatcher

from ...models import Chapter, Idea, Person, Quote, Transcript, VideoInfo
from ...verbatim import HESITATIONS, WordIndex, is_verbatim_at, runs, words
from .lines import Line
from .sentences import Sentences

log = logging.getLogger(__name__)

FUZZY_MIN = 0.85  # character similarity a near-quote needs to be snapped to the transcript words
QUOTE_WORDS = (5, 80)  # a quote the model found shorter, or whole sentences longer, are not worth saving
TITLE_CHARS = 50
ROLES = ("host", "guest", "speaker")

_TOKEN = re.compile(r"[^\W_]+(?:['’][^\W_]+)*", re.UNICODE)
_CLOSERS = ".!?…"


@dataclass(frozen=True)
class Token:
    segment: int
    begin: int
    end: int


class Grounder:
    """Knows the transcript word by word; turns cited line numbers and quote text into real cards."""

    def __init__(self, transcript: Transcript, lines: list[Line]):
        self.transcript = transcript
        self.lines = {line.number: line for line in lines}
        self.tokens: list[Token] = []
        normalized: list[str] = []
        for i, segment in enumerate(transcript.segments):
            for match in _TOKEN.finditer(segment.text):
                for word in words(match.group()):
                    self.tokens.append(Token(i, match.start(), match.end()))
                    normalized.append(word)
        self.index = WordIndex(tuple(normalized), tuple(t.segment for t in self.tokens))
        self._first_token = {}
        for position, token in enumerate(self.tokens):
            self._first_token.setdefault(token.segment, position)
        self.sentences = Sentences(transcript, self.tokens)

    def start_of(self, number: int) -> float | None:
        """Start time of line `number`, or None when the model cited a line that does not exist."""
        line = self.lines.get(number)
        return line.start if line else None

    def quote(self, text: str, number: int, speaker: str | None) -> tuple[Quote, str] | None:
        """The transcript's own whole sentences for `text` near line `number`, with how they were found.

        A quote that starts or ends inside a sentence takes the whole sentence; None when it is not
        found, or the whole sentences are too long to be a quote.
        """
        span = self._normalized(text, number)
        how = "normalized"
        if span is None:
            span, how = self._fuzzy(text, number), "fuzzy"
        if span is None or span[1] - span[0] + 1 < QUOTE_WORDS[0]:
            return None
        whole = self.sentences.widen(*span)
        real = self._text(*whole)
        if how == "normalized" and " ".join(text.split()) in real:
            how = "exact"
        if whole != span:
            how = f"{how}, widened to whole sentences"
            span = whole
        count = len(words(real))
        start = self.transcript.segments[self.tokens[span[0]].segment].start
        if not QUOTE_WORDS[0] <= count <= QUOTE_WORDS[1] or not is_verbatim_at(self.transcript, real, start, self.index):
            return None
        own = self.transcript.segments[self.tokens[span[0]].segment].speaker
        return Quote(real, own or speaker, start), how

    def _normalized(self, text: str, number: int) -> tuple[int, int] | None:
        """The run of the quote's words (case, punctuation, fillers aside) nearest the cited line."""
        found = list(runs(self.index, text))
        if not found:
            return None
        anchor = self._anchor(number)
        return min(found, key=lambda run: abs(run[0] - anchor))

    def _fuzzy(self, text: str, number: int) -> tuple[int, int] | None:
        """The window of words around the cited line most like the quote, if similar enough."""
        wanted = [w for w in words(text) if w not in HESITATIONS]
        region = self._region(number)
        if len(wanted) < QUOTE_WORDS[0] or region is None:
            return None
        lo, hi = region
        scorer = SequenceMatcher(autojunk=False)
        scorer.set_seq2(wanted)
        windows = []
        slack = max(2, len(wanted) // 5)
        for size in range(max(1, len(wanted) - slack), len(wanted) + slack + 1):
            for first in range(lo, max(lo, hi - size) + 1):
                scorer.set_seq1(self.index.words[first : first + size])
                windows.append((scorer.ratio(), first, first + size - 1))
        best_ratio, best = 0.0, None
        target = " ".join(wanted)
        for _, first, last in sorted(windows, reverse=True)[:8]:
            ratio = SequenceMatcher(None, " ".join(self.index.words[first : last + 1]), target, autojunk=False).ratio()
            if ratio > best_ratio:
                best_ratio, best = ratio, (first, last)
        return best if best_ratio >= FUZZY_MIN else None

    def _region(self, number: int) -> tuple[int, int] | None:
        """Token positions of the cited line and one line either side."""
        if number not in self.lines:
            return None
        before = self.lines.get(number - 1, self.lines[number])
        after = self.lines.get(number + 1, self.lines[number])
        lo = self._first_token.get(before.first)
        if lo is None:
            return None
        end = after.last + 1
        hi = next((self._first_token[s] for s in range(end, len(self.transcript.segments)) if s in self._first_token), len(self.tokens))
        return lo, hi

    def _anchor(self, number: int) -> int:
        line = self.lines.get(number)
        return self._first_token.get(line.first, 0) if line else 0

    def _text(self, first: int, last: int) -> str:
        """The transcript's characters from token `first` to token `last`, with closing punctuation kept."""
        a, b = self.tokens[first], self.tokens[last]
        segments = self.transcript.segments
        if a.segment == b.segment:
            pieces = [segments[a.segment].text[a.begin : b.end]]
        else:
            pieces = [segments[a.segment].text[a.begin :]]
            pieces += [segments[i].text for i in range(a.segment + 1, b.segment)]
            pieces.append(segments[b.segment].text[: b.end])
        tail = segments[b.segment].text[b.end :]
        closing = len(tail) - len(tail.lstrip(_CLOSERS))
        return " ".join(" ".join(pieces).split()) + tail[:closing]


def ground_ideas(grounder: Grounder, items: list[dict]) -> list[Idea]:
    """Ideas whose cited line exists, timed at that line's start."""
    ideas = []
    for item in items:
        start = grounder.start_of(item["line"])
        if start is None:
            log.info("Dropped an idea citing missing line %s", item["line"])
            continue
        ideas.append(Idea(item["title"], item["detail"], start))
    return ideas


def ground_quotes(grounder: Grounder, items: list[dict], people: list[Person]) -> list[Quote]:
    """Quotes snapped to the transcript's words; unmatched ones and repeats are dropped."""
    names = {p.name.casefold(): p.name for p in people}
    quotes, seen = [], set()
    for item in items:
        found = grounder.quote(item["text"], item["line"], names.get((item["speaker"] or "").casefold()))
        if found is None:
            log.info("Dropped a quote not found in the transcript (line %s)", item["line"])
            continue
        quote, how = found
        key = tuple(words(quote.text))
        if key in seen:
            continue
        seen.add(key)
        if how != "exact":
            log.info("Snapped a quote to the transcript (%s match)", how)
        quotes.append(quote)
    return quotes


def ground_chapters(grounder: Grounder, items: list[dict], duration: float) -> list[Chapter]:
    """Chapters at the start of their cited lines, tidied; chapters citing missing lines are dropped."""
    timed = [Chapter(grounder.start_of(i["line"]), i["title"]) for i in items if grounder.start_of(i["line"]) is not None]
    return tidy_chapters(timed, duration)


def tidy_chapters(chapters: list[Chapter], duration: float) -> list[Chapter]:
    """Ascending, the first at 0, each at least a minute long (10 s in short videos), inside the video."""
    gap = 60.0 if duration >= 600 else 10.0
    timed = sorted((c.start, c.title) for c in chapters)
    chapters = []
    for start, title in timed:
        if start >= duration - gap / 2 and chapters:
            break
        if chapters and start - chapters[-1].start < gap:
            continue
        chapters.append(Chapter(0.0 if not chapters else start, _short(title)))
    return chapters


def ground_people(items: list[dict], video: VideoInfo, transcript: Transcript) -> list[Person]:
    """People whose name appears in the video details or the transcript; roles limited to known ones."""
    haystack = " ".join([video.title or "", video.channel or "", video.description or ""]
                        + [s.text for s in transcript.segments]).casefold()
    people, seen = [], set()
    for item in items:
        name = item["name"]
        if name.casefold() in seen or name.casefold() not in haystack:
            continue
        seen.add(name.casefold())
        people.append(Person(name, item["role"] if item["role"] in ROLES else None))
    return people[:6]


def _short(title: str) -> str:
    if len(title) <= TITLE_CHARS:
        return title
    cut = title[: TITLE_CHARS - 1].rsplit(" ", 1)[0]
    return cut.rstrip(" ,;:-") + "…"
