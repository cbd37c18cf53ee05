"""The JSON contract as small dataclasses: transcripts in, cards out (docs/contract.md; as OpenAPI in openapi.yaml)."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from datetime import datetime, timezone

TRANSCRIPT_KINDS = ("manual", "generated")

# Where a transcript came from: the extension read the player's caption track ("player") or
# YouTube's transcript panel on the page ("panel"), the server fetched it itself ("server"), a file
# was given to the command line ("file"), or a client sent it without saying ("client").
TRANSCRIPT_SOURCES = ("player", "panel", "server", "file", "client")


@dataclass(frozen=True)
class Segment:
    """One caption line: seconds from the start, seconds on screen, its text."""

    start: float
    duration: float
    text: str
    speaker: str | None = None

    @property
    def end(self) -> float:
        return self.start + self.duration

    def to_dict(self) -> dict:
        out = {"start": self.start, "duration": self.duration, "text": self.text}
        if self.speaker:
            out["speaker"] = self.speaker
        return out


@dataclass(frozen=True)
class Transcript:
    """A whole caption track. `kind` is manual or generated (YouTube's auto-captions)."""

    segments: tuple[Segment, ...]
    language: str | None = None
    kind: str | None = None
    source: str = "client"
    partial: bool = False  # the sender says it holds only part of the track (never stored)

    @property
    def duration(self) -> float:
        return max((s.end for s in self.segments), default=0.0)

    def to_dict(self) -> dict:
        return {
            "language": self.language,
            "kind": self.kind,
            "source": self.source,
            "segments": [s.to_dict() for s in self.segments],
        }

    @classmethod
    def from_dict(cls, data: dict) -> "Transcript":
        """Rebuild a stored transcript (already validated when it was stored)."""
        return cls(
            segments=tuple(
                Segment(float(s["start"]), float(s.get("duration") or 0.0), s["text"], s.get("speaker"))
                for s in data["segments"]
            ),
            language=data.get("language"),
            kind=data.get("kind"),
            source=data.get("source") or "client",
        )


def covers(transcript: Transcript, duration: float | None) -> bool:
    """Whether the transcript reaches (nearly) to the end of the video, or the length is unknown.

    The slack allows closing music and credits without speech: a fifth of the video,
    at least 30 s and at most 5 minutes. The extension's panel reader uses the same rule.
    """
    if not duration or duration <= 0:
        return True
    slack = min(300.0, max(30.0, 0.2 * duration))
    last = transcript.segments[-1] if transcript.segments else None
    end = last.start + max(last.duration, 10.0) if last else 0.0
    return end >= duration - slack


@dataclass(frozen=True)
class Chapter:
    start: float
    title: str


@dataclass(frozen=True)
class VideoInfo:
    """What is known about the video besides its transcript; every field may be unknown."""

    video_id: str
    title: str | None = None
    channel: str | None = None
    published: str | None = None
    duration: float | None = None
    description: str | None = None
    chapters: tuple[Chapter, ...] = ()

    def to_dict(self) -> dict:
        return {
            "title": self.title,
            "channel": self.channel,
            "published": self.published,
            "duration": self.duration,
            "description": self.description,
            "chapters": [dataclasses.asdict(c) for c in self.chapters],
        }

    @classmethod
    def from_dict(cls, video_id: str, data: dict | None) -> "VideoInfo":
        data = data or {}
        return cls(
            video_id=video_id,
            title=data.get("title"),
            channel=data.get("channel"),
            published=data.get("published"),
            duration=data.get("duration"),
            description=data.get("description"),
            chapters=tuple(Chapter(float(c["start"]), c["title"]) for c in data.get("chapters") or ()),
        )


@dataclass(frozen=True)
class Person:
    name: str
    role: str | None = None  # "host", "guest", "speaker" or unknown


@dataclass(frozen=True)
class Idea:
    title: str
    detail: str
    start: float


@dataclass(frozen=True)
class Quote:
    text: str
    speaker: str | None
    start: float


@dataclass(frozen=True)
class About:
    headline: str
    points: tuple[str, ...]


@dataclass
class Meta:
    origin: str = "generated"  # or "curated"
    summarizer: str = "extractive"
    version: str = "1"
    language: str | None = None
    transcript: str | None = None  # manual | generated | None when unknown
    transcript_source: str | None = None  # one of TRANSCRIPT_SOURCES
    # Made from a sent transcript that stops well before the end of the video: served, never stored.
    partial: bool = False
    created_at: str = field(default_factory=lambda: utc_now())
    model: str | None = None  # the language model that wrote the cards, when one did
    fallback: bool = False  # True: the configured summarizer failed and `summarizer` wrote these instead
    fallback_reason: str | None = None  # why, in one sentence for end users, when `fallback`


@dataclass
class Cards:
    """The 200 body of the summary endpoints."""

    video_id: str
    video: dict
    about: About
    ideas: list[Idea]
    quotes: list[Quote]
    topics: list[str]
    chapters: list[Chapter]
    meta: Meta

    def to_dict(self) -> dict:
        return dataclasses.asdict(self)


def video_header(video: VideoInfo, people: list[Person], duration: float | None) -> dict:
    """The `video` object of the cards: header facts only, unknowns as null."""
    return {
        "title": video.title,
        "channel": video.channel,
        "published": video.published,
        "duration": video.duration if video.duration is not None else duration,
        "people": [dataclasses.asdict(p) for p in people],
    }


def utc_now() -> str:
    return datetime.now(timezone.utc).replace(microsecond=0).isoformat().replace("+00:00", "Z")
