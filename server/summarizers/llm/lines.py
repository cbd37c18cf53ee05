"""The transcript as numbered lines with timestamps: what the model reads and cites by number."""

from __future__ import annotations

from dataclasses import dataclass

from ...models import Transcript

# A line gathers caption segments until it spans this many seconds or words.
LINE_SECONDS = 20.0
LINE_WORDS = 60


@dataclass(frozen=True)
class Line:
    """One numbered line: caption segments first..last (inclusive) of the transcript."""

    number: int
    first: int
    last: int
    start: float
    text: str

    def render(self) -> str:
        return f"[{self.number} {clock(self.start)}] {self.text}"


def build_lines(transcript: Transcript) -> list[Line]:
    """Group the non-empty segments into numbered lines of about LINE_SECONDS, numbered from 1."""
    lines, group = [], []
    for index, segment in enumerate(transcript.segments):
        if not segment.text.strip():
            continue
        if group and _full(transcript, group, segment.start):
            lines.append(_line(transcript, group, len(lines) + 1))
            group = []
        group.append(index)
    if group:
        lines.append(_line(transcript, group, len(lines) + 1))
    return lines


def _full(transcript: Transcript, group: list[int], next_start: float) -> bool:
    first = transcript.segments[group[0]]
    words = sum(len(transcript.segments[i].text.split()) for i in group)
    return next_start - first.start >= LINE_SECONDS or words >= LINE_WORDS


def _line(transcript: Transcript, group: list[int], number: int) -> Line:
    parts, speaker = [], None
    for i in group:
        segment = transcript.segments[i]
        text = " ".join(segment.text.split())
        if segment.speaker and segment.speaker != speaker:
            text = f"{segment.speaker}: {text}"
            speaker = segment.speaker
        parts.append(text)
    return Line(number, group[0], group[-1], transcript.segments[group[0]].start, " ".join(parts))


def clock(seconds: float) -> str:
    """Format seconds as m:ss or h:mm:ss."""
    total = int(seconds)
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


def estimate_tokens(text: str) -> int:
    """A cautious token count: about 3.5 UTF-8 bytes per token (over-counts English, fair for CJK)."""
    return int(len(text.encode("utf-8")) / 3.5) + 1
