"""Caption segments to a timed word stream: cleaning, speaker labels, per-word times."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field

from ...models import Transcript
from ...verbatim import HESITATIONS, words

# Sound tags such as [Music], (Laughter), ♪ ... ♪: not speech, never part of a card.
_TAG = re.compile(
    r"\[[^\]]{0,40}\]|\((?:laughter|laughs|applause|music|inaudible|crosstalk|cheering)[^)]{0,20}\)|♪+"
    r"|\(\d{1,2}:\d{2}(?::\d{2})?\):?",
    re.I,
)
# "NAME:" at the start of a line (up to four capitalised words, or an all-caps label).
_LABEL = re.compile(r"^\s*((?:[A-Z][\w.'’-]*)(?:\s+[A-Z][\w.'’-]*){0,3})\s*:\s+(?=\S)")
_TURN = re.compile(r"^\s*(>>+|-\s)\s*")


@dataclass
class Stream:
    """Every spoken token of a transcript, in order, with where and when it was said.

    `text` keeps the token as written (punctuation, case); `key` is its first matching
    word ("" for bare punctuation); `brk[i]` is True when something that is not speech
    (a tag, a speaker label, a change of speaker) sits right before token i, so a quote
    must not run across it; `drop[i]` marks a filler or stutter a reader is spared (`drop_marks`);
    `turn[i]` is True when an unnamed change of speaker (a `>>` mark) sits right before token i.
    """

    text: list[str] = field(default_factory=list)
    key: list[str] = field(default_factory=list)
    words: list[list[str]] = field(default_factory=list)
    time: list[float] = field(default_factory=list)
    seg: list[int] = field(default_factory=list)
    speaker: list[str | None] = field(default_factory=list)
    brk: list[bool] = field(default_factory=list)
    seg_start: list[float] = field(default_factory=list)
    drop: list[int] = field(default_factory=list)
    turn: list[bool] = field(default_factory=list)
    duration: float = 0.0

    def __len__(self) -> int:
        return len(self.text)


def label_names(transcript: Transcript) -> set[str]:
    """Return the `NAME:` prefixes that look like speaker labels (repeated, or in capitals)."""
    counts: dict[str, int] = {}
    for segment in transcript.segments:
        for line in (segment.text or "").splitlines() or [""]:
            m = _LABEL.match(html.unescape(line))
            if m:
                counts[m.group(1)] = counts.get(m.group(1), 0) + 1
    return {name for name, n in counts.items() if n >= 2 or (name.isupper() and len(name) > 1)}


def _ends(transcript: Transcript) -> list[float]:
    """Segment end times clipped to the next start (auto-captions overlap)."""
    segs = transcript.segments
    out = []
    for i, s in enumerate(segs):
        end = s.start + max(s.duration or 0.0, 0.0)
        if i + 1 < len(segs) and segs[i + 1].start > s.start:
            end = min(end, segs[i + 1].start)
        out.append(max(end, s.start))
    return out


def build_stream(transcript: Transcript) -> Stream:
    """Clean every segment and give each token its own time and speaker.

    A talk says the same tokens over and over, so each distinct token is split into words once
    (`known`); tokens that are alike share one word list, which nothing downstream changes.
    """
    labels = label_names(transcript)
    ends = _ends(transcript)
    st = Stream(seg_start=[s.start for s in transcript.segments])
    current: str | None = None
    last: str | None = None  # the speaker of the token before, once there is one
    known: dict[str, list[str]] = {}
    texts, keys, words_, times, segs, speakers, brks, turns = (st.text, st.key, st.words, st.time, st.seg,
                                                               st.speaker, st.brk, st.turn)
    for i, segment in enumerate(transcript.segments):
        pieces = _pieces(segment.text or "", labels)
        if segment.speaker:
            current = segment.speaker
        span_start, span_end = segment.start, ends[i]
        flat = [(tok, brk and k == 0, who if k == 0 else None)
                for piece, brk, who in pieces for k, tok in enumerate(piece.split())]
        total = sum(len(t) + 1 for t, _, _ in flat) or 1
        offset = 0
        for tok, brk, who in flat:
            if who is not None:
                current = who or segment.speaker or None
            if speakers and last != current:
                brk = True
            found = known.get(tok)
            if found is None:
                found = known[tok] = words(tok)
            texts.append(tok)
            keys.append(found[0] if found else "")
            words_.append(found)
            times.append(span_start + (span_end - span_start) * offset / total)
            segs.append(i)
            speakers.append(current)
            brks.append(brk)
            turns.append(who == "")
            last = current
            offset += len(tok) + 1
    st.drop = drop_marks(st)
    st.duration = transcript.duration
    return st


FILLER, STUTTER = 1, 2


def drop_marks(stream: Stream) -> list[int]:
    """Per token: FILLER (a lone filler word), STUTTER (one word said again by the next token, in
    the same turn) or 0. Worked out once per stream: `keep_tokens` runs for every candidate span."""
    out = []
    words_, brk = stream.words, stream.brk
    for i, found in enumerate(words_):
        mark = 0
        if len(found) == 1:
            if found[0] in HESITATIONS:
                mark = FILLER
            elif i + 1 < len(words_) and words_[i + 1][:1] == found and not brk[i + 1]:
                mark = STUTTER
        out.append(mark)
    return out


def _pieces(text: str, labels: set[str]) -> list[tuple[str, bool, str | None]]:
    """Split a segment into (text, break_before, speaker) pieces; speaker "" means an unnamed turn."""
    out = []
    for line in html.unescape(text).replace("\r", "\n").split("\n"):
        who = None
        m = _LABEL.match(line)
        if m and m.group(1) in labels:
            who, line = m.group(1), line[m.end():]
        else:
            t = _TURN.match(line)
            if t and t.group(1).startswith(">>"):
                who, line = "", line[t.end():]
        brk = who is not None
        for k, part in enumerate(_TAG.split(line)):
            if part.strip():
                out.append((part, brk or k > 0, who))
            brk, who = False, None
    return out


def is_punctuated(stream: Stream) -> bool:
    """True when the text carries sentence punctuation (more than one end mark per 40 words)."""
    sample = stream.text[:6000]
    if not sample:
        return False
    marks = sum(1 for t in sample if t.rstrip("\"'”’)]").endswith((".", "?", "!", "。", "？", "！")))
    return marks * 40 > len(sample)
