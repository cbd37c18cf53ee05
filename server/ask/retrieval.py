"""Offline answers to "ask the video": the transcript moments that best match a question.

BM25 over overlapping windows of the transcript, one window starting at every caption piece
and running for about WINDOW_WORDS content words. Words are compared by their Snowball stems
(PyStemmer), so "networks" finds "network". Window term counts come from prefix sums over the
pieces, so a question costs a few numpy passes however long the video is. No Flask, no SQL.
"""

from __future__ import annotations

import math
import re
import string
from dataclasses import dataclass
from typing import Iterable, NamedTuple

import numpy as np
import Stemmer

from ..models import Transcript
from ..summarizers.extractive.wordlists import STOPWORDS

WINDOW_WORDS = 22  # content words per window: two or three spoken sentences
MAX_PIECE_WORDS = 45  # longer caption lines (whole speaker turns) are cut at sentence ends
K1, B = 1.2, 0.75  # the usual BM25 constants
FOLLOW_UP_WEIGHT = 0.35  # words of the previous question still count, a little

_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")  # for highlight spans in a moment's text
_APOSTROPHES = "'’"
_PIECE_BREAK = "\x01"  # never in a transcript: validation drops control characters
# Everything but letters, digits and apostrophes separates words.
_PUNCTUATION = str.maketrans({c: " " for c in string.punctuation.replace("'", "") + "“”‘«»„—–…¿¡·•♪"})
_STAMP = re.compile(r"\((\d{1,2}):(\d{2})(?::(\d{2}))?\):?")  # "(00:26:46):" inside a speaker turn
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"'”’)]*\s+")
# Words a question is phrased with that say nothing about what is asked.
QUESTION_WORDS = frozenset(
    "say says said talk talks talked talking think thinks thought mention mentions mentioned explain explains "
    "explained tell tells told describe describes discuss discusses video speaker guest host episode does do "
    "what why how who where when which mean means about part point".split()
)
_STEMMERS: dict[str, Stemmer.Stemmer | None] = {}


def stemmer_for(language: str | None):
    """The Snowball stemmer of the transcript's base language; English when unknown; None when it has none."""
    base = (language or "en").split("-")[0].lower()
    name = {"en": "english", "es": "spanish", "fr": "french", "de": "german", "pt": "portuguese", "it": "italian",
            "nl": "dutch", "sv": "swedish", "da": "danish", "no": "norwegian", "nb": "norwegian", "fi": "finnish",
            "ru": "russian", "pl": "polish", "tr": "turkish", "ro": "romanian", "hu": "hungarian", "cs": "czech",
            "el": "greek", "ar": "arabic", "id": "indonesian", "ca": "catalan"}.get(base)
    if name not in _STEMMERS:
        _STEMMERS[name] = Stemmer.Stemmer(name) if name else None
    return _STEMMERS[name]


class Piece(NamedTuple):  # a tuple: built thousands of times per transcript, so it must be cheap
    """A caption line, or a sentence-aligned part of a long one, with its (estimated) times."""

    start: float
    end: float
    text: str


@dataclass(frozen=True)
class Moment:
    """One answer: the words around the hit, when they are said, and which characters matched."""

    start: float
    end: float
    text: str
    score: float
    highlights: tuple[tuple[int, int], ...]

    def to_dict(self) -> dict:
        return {"start": round(self.start, 2), "end": round(self.end, 2), "text": self.text,
                "score": round(self.score, 3), "highlights": [list(span) for span in self.highlights]}


class TranscriptIndex:
    """The transcript cut into pieces, their stems, and per-stem postings; built once per transcript.

    What a build computes (`Parts`) is what index.py stores beside the transcript; everything
    else (windows, lengths) is derived from it in a few numpy passes.
    """

    def __init__(self, transcript: Transcript):
        self._use(build_parts(transcript.language, pieces_of(transcript)))

    @classmethod
    def from_parts(cls, parts: "Parts") -> "TranscriptIndex":
        index = cls.__new__(cls)
        index._use(parts)
        return index

    def _use(self, parts: "Parts") -> None:
        self.parts = parts
        self.language = parts.language
        self.stemmer = stemmer_for(parts.language)
        self.pieces = parts.pieces
        n = len(self.pieces)
        self._pieces_of = parts.postings_pieces
        self._counts = parts.postings_counts.astype(np.float64)
        bounds = parts.stem_bounds.tolist()
        self.postings = {stem: (bounds[i], bounds[i + 1]) for i, stem in enumerate(parts.stems)}
        cum = np.zeros(n + 1)
        np.cumsum(parts.piece_lengths, out=cum[1:])
        # Window i covers pieces [i, ends[i]): the fewest pieces holding WINDOW_WORDS content words.
        self.starts = np.arange(n)
        self.ends = np.minimum(np.searchsorted(cum, cum[:-1] + WINDOW_WORDS, side="left"), n)
        self.ends = np.maximum(self.ends, self.starts + 1)
        self.cum_lengths = cum
        self.window_lengths = cum[self.ends] - cum[self.starts]
        self.mean_length = float(self.window_lengths.mean()) if n else 0.0

    def _stem_table(self, words: set[str]) -> dict[str, str | None]:
        return stem_table(self.stemmer, words)

    def query_stems(self, text: str, weight: float = 1.0) -> dict[str, float]:
        words = text.lower().translate(_PUNCTUATION).split()
        words = [w for w in words if w not in QUESTION_WORDS]
        table = self._stem_table(set(words))
        return {table[w]: weight for w in words if table.get(w)}

    def search(self, question: str, *, follow_up_of: str | None = None, limit: int = 3) -> list[Moment]:
        """The best `limit` non-overlapping moments for the question, best first."""
        weights = self.query_stems(follow_up_of, FOLLOW_UP_WEIGHT) if follow_up_of else {}
        weights.update(self.query_stems(question))
        weights = {stem: w for stem, w in weights.items() if stem in self.postings}
        n = len(self.pieces)
        if not weights or not n:
            return []
        scores = np.zeros(n)
        norm = K1 * (1 - B + B * self.window_lengths / (self.mean_length or 1.0))
        for stem, weight in weights.items():
            lo, hi = self.postings[stem]
            per_piece = np.zeros(n + 1)
            per_piece[self._pieces_of[lo:hi] + 1] = self._counts[lo:hi]
            cum = np.cumsum(per_piece)
            tf = cum[self.ends] - cum[self.starts]
            df = int(np.count_nonzero(tf))
            idf = math.log(1 + (n - df + 0.5) / (df + 0.5))
            scores += weight * idf * tf * (K1 + 1) / (tf + norm)
        return self._best(scores, set(weights), limit)

    def _best(self, scores: np.ndarray, stems: set[str], limit: int) -> list[Moment]:
        order = np.argsort(-scores, kind="stable")  # ties: the earlier window
        taken: list[tuple[int, int]] = []
        moments = []
        for i in order[: max(200, limit * 50)]:
            if scores[i] <= 0 or len(moments) == limit:
                break
            a, b = int(self.starts[i]), int(self.ends[i])
            if any(a < tb and ta < b for ta, tb in taken):
                continue
            taken.append((a, b))
            moments.append(self._moment(a, b, float(scores[i]), stems))
        return moments

    def _moment(self, a: int, b: int, score: float, stems: set[str]) -> Moment:
        """The window's text from one piece before its first hit: the moment starts near the answer."""
        first_hit = next((i for i in range(a, b) if any(self._stem_of(w) in stems for w in _WORD.findall(self.pieces[i].text))), a)
        pieces = self.pieces[max(a, first_hit - 1):b]
        text = " ".join(" ".join(p.text.split()) for p in pieces)  # caption lines keep their own spacing
        spans = tuple((m.start(), m.end()) for m in _WORD.finditer(text) if self._stem_of(m.group()) in stems)
        return Moment(pieces[0].start, pieces[-1].end, text, score, spans)

    def pieces_between(self, start: float, end: float) -> list[Piece]:
        """The pieces a moment is made of (it starts at a piece's start and ends at a piece's end)."""
        return [p for p in self.pieces if start - 0.01 <= p.start and p.end <= end + 0.01]

    def _stem_of(self, word: str) -> str | None:
        return self._stem_table({word.lower()})[word.lower()]


class Parts(NamedTuple):
    """What a build computes: the pieces, content words per piece, and the postings grouped by stem
    (stem i's pieces and counts are postings_pieces/counts[stem_bounds[i]:stem_bounds[i + 1]])."""

    language: str | None
    pieces: list[Piece]
    piece_lengths: np.ndarray  # int32, one per piece
    stems: list[str]
    stem_bounds: np.ndarray  # int32, len(stems) + 1
    postings_pieces: np.ndarray  # int32, pieces in order within each stem
    postings_counts: np.ndarray  # int32, how often the stem occurs in that piece


def build_parts(language: str | None, pieces: list[Piece]) -> Parts:
    """Tokenize and stem the transcript's pieces; each word type is stemmed once (PyStemmer, in C)."""
    # One translate and one split over the whole text, the pieces kept apart by a break word:
    # ten times faster than a regex per piece.
    words = f" {_PIECE_BREAK} ".join(p.text for p in pieces).lower().translate(_PUNCTUATION).split()
    table = stem_table(stemmer_for(language), set(words))
    stems = sorted({stem for stem in table.values() if stem is not None})
    stem_ids = {stem: i for i, stem in enumerate(stems)}
    id_of = {word: -1 if stem is None else stem_ids[stem] for word, stem in table.items()}
    id_of[_PIECE_BREAK] = -2
    ids = np.fromiter(map(id_of.__getitem__, words), dtype=np.int64, count=len(words))
    piece_of_word = np.cumsum(ids == -2)  # the break words before a word: its piece
    kept = ids >= 0
    n = len(pieces)
    lengths = np.bincount(piece_of_word[kept], minlength=n)
    # Postings: (stem, piece) pairs with their counts, grouped by stem.
    pairs, counts = np.unique(ids[kept] * max(n, 1) + piece_of_word[kept], return_counts=True)
    pair_stems, pieces_of_pairs = np.divmod(pairs, max(n, 1))
    bounds = np.searchsorted(pair_stems, np.arange(len(stems) + 1))
    return Parts(language, pieces, lengths.astype(np.int32), stems, bounds.astype(np.int32),
                 pieces_of_pairs.astype(np.int32), counts.astype(np.int32))


def stem_table(stemmer, words: set[str]) -> dict[str, str | None]:
    """word -> stem, or None for stopwords, numbers and single letters (not worth matching)."""
    cores = {w: w.strip(_APOSTROPHES) for w in words}
    keep = sorted(w for w, core in cores.items() if core not in STOPWORDS and not core.isdigit() and len(core) > 1)
    stems = stemmer.stemWords([cores[w] for w in keep]) if stemmer else [cores[w] for w in keep]
    table: dict[str, str | None] = dict.fromkeys(words)
    table.update(zip(keep, stems))
    return table


def pieces_of(transcript: Transcript) -> list[Piece]:
    """Caption lines, cleaned; a line longer than MAX_PIECE_WORDS is split at sentence ends,
    its time shared out by characters (speaker-turn transcripts have minutes-long lines)."""
    return pieces_of_lines((s.start, s.duration, s.text) for s in transcript.segments)


def pieces_of_lines(lines: Iterable[tuple[float, float, str]]) -> list[Piece]:
    """pieces_of for (start, duration, text) lines: a stored transcript's JSON needs no Segment objects."""
    pieces = []
    make = tuple.__new__  # Piece(...) runs Python code per call; this is the same tuple, built in C
    short = MAX_PIECE_WORDS * 4  # characters: a caption line this short is kept whole, as it is
    for start, duration, text in lines:
        end = start + duration
        if len(text) < short and _PIECE_BREAK not in text and "(" not in text:  # "(" may open a time stamp
            if text and not text.isspace():
                pieces.append(make(Piece, (start, end, text)))
            continue
        words = text.replace(_PIECE_BREAK, " ").split()
        if not words:
            continue
        text = " ".join(words)
        if len(words) <= MAX_PIECE_WORDS and not _STAMP.search(text):
            pieces.append(Piece(start, end, text))
            continue
        for chunk_start, chunk_end, chunk in _stamped_chunks(text, start, end):
            pieces += _sentence_parts(chunk, chunk_start, chunk_end)
    return pieces


def _stamped_chunks(text: str, start: float, end: float) -> list[tuple[float, float, str]]:
    """A long line cut at its own "(00:26:46):" time stamps (podcast transcripts carry them): exact
    times for the text after each stamp; the stamps themselves are not shown."""
    chunks, at, begin = [], start, 0
    for match in _STAMP.finditer(text):
        h, m, sec = (int(g) if g else 0 for g in match.groups())
        stamp = h * 3600 + m * 60 + sec if match.group(3) else h * 60 + m
        if start <= stamp <= max(end, start) + 1:  # a stamp outside the line's own time is not trusted
            chunks.append((at, stamp, text[begin:match.start()]))
            at = stamp
        else:
            chunks.append((at, at, text[begin:match.start()]))
        begin = match.end()
    chunks.append((at, max(end, at), text[begin:]))
    merged: list[tuple[float, float, str]] = []
    for a, _b, chunk in chunks:  # each chunk runs to the next one's start
        if merged:
            merged[-1] = (merged[-1][0], a, merged[-1][2])
        merged.append((a, max(end, a), chunk))
    return [(a, b, " ".join(c.split())) for a, b, c in merged if c.strip()]


def _sentence_parts(text: str, start: float, end: float) -> list[Piece]:
    """Sentences grouped into parts of at least a third of MAX_PIECE_WORDS, times shared out by length."""
    if len(text.split()) <= MAX_PIECE_WORDS:
        return [Piece(start, end, text)]
    parts, current = [], ""
    for sentence in _SENTENCE_END.split(text):
        current = f"{current} {sentence}".strip()
        if len(current.split()) >= MAX_PIECE_WORDS // 3:
            parts.append(current)
            current = ""
    if current:
        parts.append(current)
    total, offset, out = sum(len(p) for p in parts), 0, []
    for part in parts:
        share = lambda chars: start + (end - start) * chars / total
        out.append(Piece(share(offset), share(offset + len(part)), part))
        offset += len(part)
    return out
