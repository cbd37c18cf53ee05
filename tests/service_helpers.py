"""Helpers shared by the service tests: an honest stand-in summarizer, transcript bodies, waiting for a condition."""

from __future__ import annotations

import threading
import time

from server.models import About, Cards, Chapter, Idea, Meta, Quote, Transcript, VideoInfo, video_header


class LineSummarizer:
    """A small, honest stand-in summarizer for service tests: cards cut from the first lines.

    It counts its calls (and can be slowed down) so tests can see how often cards are generated.
    """

    name = "lines"
    version = "test"

    def __init__(self, delay: float = 0.0):
        self.calls = 0
        self.delay = delay
        self._lock = threading.Lock()

    def summarize(self, transcript: Transcript, video: VideoInfo) -> Cards:
        with self._lock:
            self.calls += 1
        if self.delay:
            threading.Event().wait(self.delay)
        first = transcript.segments[0]
        return Cards(
            video_id=video.video_id,
            video=video_header(video, [], transcript.duration),
            about=About(headline=first.text, points=tuple(s.text for s in transcript.segments[:3])),
            ideas=[Idea(title=s.text[:30], detail=s.text, start=s.start) for s in transcript.segments[:2]],
            quotes=[Quote(text=s.text, speaker=s.speaker, start=s.start) for s in transcript.segments[:2]],
            topics=[],
            chapters=list(video.chapters) or [Chapter(0.0, "Start")],
            meta=Meta(summarizer=self.name, version=self.version),
        )


def transcript_body(*texts: str, language="en", kind="manual", step=4.0) -> dict:
    """A POST transcript made of the given lines, one every `step` seconds."""
    return {
        "language": language,
        "kind": kind,
        "segments": [{"start": i * step, "duration": step, "text": text} for i, text in enumerate(texts)],
    }


def wait_for(condition, what: str, seconds: float = 60.0):
    """Poll until `condition()` holds; fail naming `what` after `seconds`."""
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"gave up waiting for {what}")
        time.sleep(0.05)
