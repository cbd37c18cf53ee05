"""Where the transcript's sentences begin, word by word: the edges a quote is widened to."""

from __future__ import annotations

from bisect import bisect_right

from ...models import Transcript

_ENDS = ".!?…。！？"
_ABBREVIATIONS = frozenset("mr mrs ms dr prof st jr sr vs etc inc ltd co no vol fig approx dept".split())
PUNCTUATED_WORDS = 40  # a transcript with fewer sentence ends than one per this many words has none to trust


class Sentences:
    """Sentence starts as word positions; `widen` grows a span of words to whole sentences.

    Captions without punctuation (many automatic ones) have no sentences to find: then
    `punctuated` is False and spans are left as they are.
    """

    def __init__(self, transcript: Transcript, tokens: list):
        """`tokens` are the words in order, each with its segment and character range (grounding.Token)."""
        self.starts = [0] if tokens else []
        for position in range(1, len(tokens)):
            if _begins(transcript, tokens[position - 1], tokens[position]):
                self.starts.append(position)
        self.count = len(tokens)
        ends = len(self.starts) - 1 + (bool(tokens) and _ends_text(transcript, tokens[-1]))
        self.punctuated = ends * PUNCTUATED_WORDS > len(tokens)

    def widen(self, first: int, last: int) -> tuple[int, int]:
        """The span from the start of the sentence holding `first` to the end of the one holding `last`."""
        if not self.punctuated:
            return first, last
        begin = self.starts[bisect_right(self.starts, first) - 1]
        after = bisect_right(self.starts, last)
        end = self.starts[after] - 1 if after < len(self.starts) else self.count - 1
        return begin, end


def _begins(transcript: Transcript, before, token) -> bool:
    """Whether a sentence starts at `token`: the speaker changed, or an end mark and a space lie between."""
    segments = transcript.segments
    if before.segment != token.segment:
        speaker = segments[token.segment].speaker
        if speaker and speaker != segments[before.segment].speaker:
            return True
        gap = segments[before.segment].text[before.end :] + " " + segments[token.segment].text[: token.begin]
    else:
        gap = segments[token.segment].text[before.end : token.begin]
    mark = next((i for i, ch in enumerate(gap) if ch in _ENDS), None)
    if mark is None:
        return False
    if not _spaced(gap, mark):
        return False
    word = segments[before.segment].text[before.begin : before.end].casefold()
    return not (gap[mark] == "." and (word in _ABBREVIATIONS or len(word) == 1))


def _ends_text(transcript: Transcript, last) -> bool:
    return any(ch in _ENDS for ch in transcript.segments[last.segment].text[last.end :])


def _spaced(gap: str, mark: int) -> bool:
    """An end mark ends a sentence when a space follows it (3.5 and e.g. do not); CJK marks need none."""
    return gap[mark] in "。！？" or any(ch.isspace() for ch in gap[mark:])
