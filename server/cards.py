"""Getting cards for a video: stored ones if present, else transcript -> summarize -> store."""

from __future__ import annotations

import logging
import math
import os
import time
import uuid
from dataclasses import dataclass
from typing import Callable

from . import db, errors
from .models import Cards, Transcript, VideoInfo, covers, utc_now
from .quotes import WordIndex, is_verbatim_at
from .singleflight import SingleFlight, WaitTimeout
from .summarizers import Summarizer, SummarizerFailed

log = logging.getLogger(__name__)

# Transcripts that are a caption track as YouTube serves it, never a page's partial read.
WHOLE_TRACK_SOURCES = ("player", "server", "file")


@dataclass
class CardMaker:
    """Everything needed to produce cards: storage, a summarizer and a way to fetch transcripts."""

    database: str
    summarizer: Summarizer
    fetch_transcript: Callable[[str, str | None], Transcript]
    wait_seconds: float = 600.0

    def __post_init__(self):
        self.flights = SingleFlight()

    def stored_cards(self, conn, video_id: str, language: str | None) -> dict | None:
        return db.load_cards(conn, video_id, language, self.summarizer.name)

    def get_cards(self, conn, video_id: str, *, language: str | None = None, transcript: Transcript | None = None,
                  video: VideoInfo | None = None, refresh: bool = False,
                  before_generating: Callable[[], None] | None = None) -> dict:
        """Return stored cards, or make them once however many requests ask at the same time.

        `before_generating` runs only when cards must be made (the API counts the rate limit there).
        """
        language = transcript.language if transcript and transcript.language else language
        if video is not None and _has_metadata(video):
            db.save_video(conn, video_id, video.to_dict())
        else:
            video = VideoInfo.from_dict(video_id, db.load_video(conn, video_id))
        stored = db.load_cards(conn, video_id, language, self.summarizer.name, include_generated=not refresh)
        if stored:
            return stored
        if before_generating:
            before_generating()
        # Requests share a generation only when they would do the same work: a request that
        # sent a transcript never waits on (or fails with) another request's YouTube fetch.
        key = "|".join((video_id, db.language_key(language), self.summarizer.name,
                        "refresh" if refresh else "get", "sent" if transcript else "fetch"))
        try:
            return self.flights.run(key, lambda: self._generate_once(video, language, transcript, refresh),
                                    self.wait_seconds)
        except WaitTimeout:
            raise errors.SummarizerError("Another request is still making these cards; try again in a moment.") from None

    def get_transcript(self, conn, video_id: str, language: str | None,
                       before_fetching: Callable[[], None] | None = None) -> Transcript:
        """The stored transcript, else one fetched from YouTube (and stored)."""
        stored = db.load_transcript(conn, video_id, language)
        if stored:
            return stored
        if before_fetching:
            before_fetching()
        transcript = self.fetch_transcript(video_id, language)
        db.save_transcript(conn, video_id, transcript,
                           also_for=language if language and language != transcript.language else None)
        return transcript

    # -- generation --------------------------------------------------------

    def _generate_once(self, video: VideoInfo, language, transcript, refresh) -> dict:
        """Generate under a database lease, so several server processes generate once too."""
        video_id = video.video_id
        conn = db.connect(self.database)
        lease_key = f"{video_id}|{db.language_key(language)}|{self.summarizer.name}"
        owner = f"{os.getpid()}-{uuid.uuid4().hex}"  # one per generation, so a refresh and a get don't share it
        try:
            deadline = time.monotonic() + self.wait_seconds
            while not db.try_lease(conn, lease_key, owner, self.wait_seconds):
                if not refresh:
                    stored = db.load_cards(conn, video_id, language, self.summarizer.name)
                    if stored:
                        return stored
                if time.monotonic() > deadline:
                    raise WaitTimeout(lease_key)
                time.sleep(0.2)
            try:
                if not refresh:  # another process may have finished just before we took the lease
                    stored = db.load_cards(conn, video_id, language, self.summarizer.name)
                    if stored:
                        return stored
                return self._generate(conn, video, language, transcript)
            finally:
                db.release_lease(conn, lease_key, owner)
        finally:
            conn.close()

    def _generate(self, conn, video: VideoInfo, language, transcript) -> dict:
        video_id = video.video_id
        partial = False  # the server's own fetch is YouTube's whole track
        if transcript is None:
            transcript = self.get_transcript(conn, video_id, language)
        else:
            # Part of a transcript (the page stopped loading it) is never kept: neither it nor
            # cards made from it are stored, so the next request reads the page again. A body
            # the player fetched is a whole caption track, like the server's own fetch.
            partial = transcript.partial or (transcript.source not in WHOLE_TRACK_SOURCES
                                             and not covers(transcript, video.duration))
            if not partial:
                db.save_transcript(conn, video_id, transcript)
        started = time.perf_counter()
        try:
            cards = self.summarizer.summarize(transcript, video)
        except SummarizerFailed as error:
            raise errors.SummarizerError(str(error)) from None
        log.info("summarized %s with %s in %.2f s", video_id, self.summarizer.name, time.perf_counter() - started)
        cards.meta.partial = partial
        body = finish_cards(cards, transcript)
        asked_for = db.language_key(language) if language and language != transcript.language else None
        if partial:
            log.warning("not storing cards for %s: the transcript sent stops at %.0f s of %s s",
                        video_id, transcript.duration, video.duration)
        elif cards.meta.summarizer == self.summarizer.name:
            db.save_cards(conn, body, also_for=asked_for)
        else:  # a fallback's cards (the LLM failed): served now, not stored, so the next request tries again
            log.warning("not storing %s cards for %s", cards.meta.summarizer, video_id)
        return body


def finish_cards(cards: Cards, transcript: Transcript) -> dict:
    """Stamp the meta and enforce the contract whatever the summarizer did: verbatim quotes, times inside."""
    cards.meta.origin = "generated"
    cards.meta.created_at = utc_now()
    cards.meta.language = cards.meta.language or transcript.language
    cards.meta.transcript = transcript.kind
    cards.meta.transcript_source = transcript.source
    body = cards.to_dict()
    end = max(transcript.duration, float(body["video"].get("duration") or 0.0))
    inside = lambda item: isinstance(item.get("start"), (int, float)) and math.isfinite(item["start"]) and 0 <= item["start"] <= end
    index = WordIndex.build(transcript)
    quotes = [q for q in body["quotes"] if inside(q) and is_verbatim_at(transcript, q["text"], q["start"], index)]
    if len(quotes) != len(body["quotes"]):
        log.warning("dropped %d quote(s) not found verbatim in the transcript", len(body["quotes"]) - len(quotes))
    body["quotes"] = quotes
    body["ideas"] = [i for i in body["ideas"] if inside(i)]
    body["chapters"] = sorted((c for c in body["chapters"] if inside(c)), key=lambda c: c["start"])
    return body


def _has_metadata(video: VideoInfo) -> bool:
    return any(value not in (None, "", ()) for key, value in vars(video).items() if key != "video_id")
