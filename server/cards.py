"""Getting cards for a video: stored ones if present, else a job makes them (transcript -> summarize -> store).

With a slow summarizer (an LLM) a panel asks "quickly": it gets the offline cards at once while a
background job writes the summarizer's, and follows that job through `status`.
"""

from __future__ import annotations

import inspect
import logging
import math
import time
from dataclasses import dataclass
from typing import Callable

from . import card_schema, errors
from .jobs import Jobs, WaitTimeout
from .models import Cards, Transcript, VideoInfo, covers, utc_now
from .verbatim import index_of, is_verbatim_at
from .store import FAILED, Job, StorageError, Store, compact_json, language_key
from .summarizers import Summarizer, SummarizerFailed

log = logging.getLogger(__name__)

# Transcripts that are a caption track as YouTube serves it, never a page's partial read.
WHOLE_TRACK_SOURCES = ("player", "server", "file")


@dataclass
class CardMaker:
    """Everything needed to produce cards: the store, its jobs, a summarizer and a way to fetch transcripts.

    Requests read and wait here; the work itself runs in `_cards_job` and `_transcript_job`,
    on whichever worker claims the job.
    """

    store: Store
    jobs: Jobs
    summarizer: Summarizer
    fetch_transcript: Callable[[str, str | None], Transcript]
    wait_seconds: float = 600.0
    quick: Summarizer | None = None  # the offline summarizer that answers at once while `summarizer` (an LLM) works

    def __post_init__(self):
        # Transcripts sent to this process, by job key: a worker thread here takes the object
        # itself instead of reading it back from the store (a worker elsewhere reads the store).
        self._sent: dict[str, Transcript] = {}
        self.jobs.register("cards", self._cards_job)
        self.jobs.register("transcript", self._transcript_job)

    def _store_ask_index(self, video_id: str, language: str | None) -> None:
        """Store Ask's index beside a fresh transcript; imported here so a process serving stored cards never loads numpy or the stemmer."""
        from .ask import index as ask_index

        ask_index.ensure(self.store, video_id, language)

    def stored_cards_json(self, video_id: str, language: str | None, summarizer: str | None = None,
                          quick: bool = False) -> str | None:
        """Stored cards only: curated, else `summarizer`'s (default: this server's), else (`quick`) the offline ones."""
        stored = self.store.load_cards_json(video_id, language, summarizer or self.summarizer.name)
        if stored is None and quick and self.quick is not None and summarizer is None:
            stored = self.store.load_cards_json(video_id, language, self.quick.name)
        return stored

    def get_cards_json(self, video_id: str, *, language: str | None = None, transcript: Transcript | None = None,
                       video: VideoInfo | None = None, refresh: bool = False,
                       before_generating: Callable[[], None] | None = None) -> str:
        """The cards' JSON text: stored, or made by one job however many requests (and processes) ask.

        `before_generating` runs only when cards must be made (the API counts the rate limit there).
        """
        language = transcript.language if transcript and transcript.language else language
        if video is not None and _has_metadata(video):
            try:
                self.store.save_video(video_id, video.to_dict())
            except StorageError as error:  # fresher page metadata can wait; stored cards can still be served
                log.warning("video %s: page metadata not stored: %s", video_id, error)
        stored = self.store.load_cards_json(video_id, language, self.summarizer.name, include_generated=not refresh)
        if stored:
            return stored
        if before_generating:
            before_generating()
        partial = transcript is not None and self._is_partial(video_id, transcript, video)
        payload = {"language": language, "refresh": refresh, "sent": transcript is not None, "partial": partial}
        if partial:
            # Part of a transcript (the page stopped loading it) is never kept: neither it nor cards
            # made from it are stored, so the next request reads the page again. The job carries it.
            payload["transcript"] = transcript.to_dict()
        elif transcript is not None:
            self.store.save_transcript(video_id, transcript)
        # Requests share a job only when they would do the same work: a request that sent a
        # transcript never waits on (or fails with) another request's YouTube fetch.
        key = "|".join(("cards", video_id, language_key(language), self.summarizer.name,
                        "refresh" if refresh else "get", "sent" if transcript else "fetch",
                        *(("partial", str(transcript.duration)) if partial else ())))
        if transcript is not None:
            self._sent[key] = transcript
        try:
            return self.jobs.run(key, "cards", video_id, payload, self.wait_seconds)
        except WaitTimeout:
            raise errors.SummarizerError("These cards are still being made; try again in a moment.") from None
        finally:
            self._sent.pop(key, None)

    def quick_cards_json(self, video_id: str, *, language: str | None = None, transcript: Transcript | None = None,
                         video: VideoInfo | None = None, refresh: bool = False,
                         before_generating: Callable[[], None] | None = None) -> str:
        """Cards at once: the summarizer's stored (or curated) ones, else the offline ones, while a job writes them.

        The offline cards are made here, in the request (about a second even for a 3-hour
        video): as a job they could queue behind LLM jobs that hold every worker for minutes.
        """
        if self.quick is None:  # the summarizer is the offline one: it is quick itself
            return self.get_cards_json(video_id, language=language, transcript=transcript, video=video,
                                       refresh=refresh, before_generating=before_generating)
        language = transcript.language if transcript and transcript.language else language
        if video is not None and _has_metadata(video):
            self.store.save_video(video_id, video.to_dict())
        stored = self.store.load_cards_json(video_id, language, self.summarizer.name, include_generated=not refresh)
        if stored:  # curated cards win over a regeneration too
            return stored
        if before_generating:
            before_generating()
        if transcript is not None and self._is_partial(video_id, transcript, video):
            # Part of a transcript is never kept, and a model given it would write a summary of
            # part of the video: the offline cards from it, unstored, and no background job.
            return self._summarize(self.quick, video_id, language, transcript,
                                   VideoInfo.from_dict(video_id, self.store.load_video(video_id)), partial=True)
        if transcript is not None:
            self.store.save_transcript(video_id, transcript)
        offline = self.store.load_cards_json(video_id, language, self.quick.name)
        if offline is None:
            found = transcript or self._transcript(video_id, language)
            offline = self._summarize(self.quick, video_id, language, found, VideoInfo.from_dict(video_id, self.store.load_video(video_id)))
        self._store_ask_index(video_id, language)  # here too: the model's job may wait long for a worker
        if not (refresh and self._writing(video_id)):  # a regeneration while the model writes joins that work
            self.jobs.submit(self._background_key(video_id, language, refresh), "cards", video_id,
                             {"language": language, "refresh": refresh, "sent": False, "background": True})
        return offline

    def status(self, video_id: str) -> dict:
        """Where the video's background summary is: none, queued, running (with a note), done or failed (why)."""
        settings = getattr(self.summarizer, "settings", None)
        answer = {"video_id": video_id, "summarizer": self.summarizer.name, "model": getattr(settings, "model", None),
                  "state": "none", "progress": 0.0, "note": None, "reason": None}
        if self.quick is None:
            return answer
        jobs = [job for job in self.store.jobs_for_video(video_id) if job.kind == "cards" and _is_background(job)]
        if jobs:
            job = jobs[0]
            answer.update(state=job.state, progress=round(job.progress, 2), note=job.note or None,
                          reason=job.error_message if job.state == FAILED else None)
        return answer

    def _writing(self, video_id: str) -> bool:
        return any(job.kind == "cards" and _is_background(job) and not job.finished
                   for job in self.store.jobs_for_video(video_id))

    def _background_key(self, video_id: str, language: str | None, refresh: bool) -> str:
        return "|".join(("cards", video_id, language_key(language), self.summarizer.name,
                         "refresh" if refresh else "get", "background"))

    def _is_partial(self, video_id: str, transcript: Transcript, video: VideoInfo | None) -> bool:
        if video is None or not _has_metadata(video):
            video = VideoInfo.from_dict(video_id, self.store.load_video(video_id))
        return is_partial(transcript, video)

    def get_transcript_gzip(self, video_id: str, language: str | None,
                            before_fetching: Callable[[], None] | None = None) -> bytes:
        """The stored transcript (gzip of its served JSON), else one a job fetches from YouTube and stores."""
        stored = self.store.load_transcript_gzip(video_id, language)
        if stored is not None:
            return stored
        if before_fetching:
            before_fetching()
        key = "|".join(("transcript", video_id, language_key(language)))
        try:
            self.jobs.run(key, "transcript", video_id, {"language": language}, self.wait_seconds)
        except WaitTimeout:
            raise errors.YouTubeError("The transcript is still being fetched; try again in a moment.") from None
        stored = self.store.load_transcript_gzip(video_id, language)
        if stored is None:  # the job stored it; only a DELETE in between could take it away
            raise errors.NoTranscript()
        return stored

    # -- the jobs ------------------------------------------------------------

    def _transcript_job(self, job: Job, report: Callable[[float], None]) -> None:
        transcript = self._transcript(job.video_id, job.payload["language"])
        self._store_ask_index(job.video_id, transcript.language or job.payload["language"])

    def _transcript(self, video_id: str, language: str | None) -> Transcript:
        stored = self.store.load_transcript(video_id, language)
        if stored:
            return stored
        transcript = self.fetch_transcript(video_id, language)
        self.store.save_transcript(video_id, transcript,
                                   also_for=language if language and language != transcript.language else None)
        return transcript

    def _cards_job(self, job: Job, report: Callable[[float], None]) -> str:
        video_id, language = job.video_id, job.payload["language"]
        if not job.payload["refresh"]:  # a job that finished just before this one was submitted
            stored = self.store.load_cards_json(video_id, language, self.summarizer.name)
            if stored:
                return stored
        video = VideoInfo.from_dict(video_id, self.store.load_video(video_id))
        partial = bool(job.payload.get("partial"))
        if partial:
            transcript = self._sent.get(job.key) or Transcript.from_dict(job.payload["transcript"])
        elif job.payload["sent"]:
            transcript = self._sent.get(job.key) or self.store.load_transcript(video_id, language)
            if transcript is None:
                raise errors.NoTranscript("The transcript sent for these cards is no longer stored; send it again.")
        else:
            transcript = self._transcript(video_id, language)
        if not partial:  # the stored transcript gets its Ask index now, so no question waits for it
            self._store_ask_index(video_id, transcript.language or language)
        report(0.1)
        if not job.payload.get("background"):
            return self._summarize(self.summarizer, video_id, language, transcript, video, partial=partial)
        try:  # a panel shows the failure's reason beside the offline cards it already has
            return self._summarize(self.summarizer, video_id, language, transcript, video, report, no_fallback=True)
        except errors.SummarizerError as error:
            raise errors.SummarizerError(getattr(error, "reason", None) or "The language model could not write this summary.") from None

    def _summarize(self, summarizer: Summarizer, video_id: str, language: str | None, transcript: Transcript,
                   video: VideoInfo, report: Callable[..., None] | None = None, no_fallback: bool = False,
                   partial: bool = False) -> str:
        """Summarize, stamp, store (unless a fallback wrote them or the transcript is partial), return the JSON text."""
        options = {}
        if report is not None and "progress" in inspect.signature(summarizer.summarize).parameters:
            options["progress"] = lambda step: report(_fraction(step), _note(step))
        cards = make_cards(summarizer, video_id, transcript, video, partial=partial, **options)
        if no_fallback and cards.meta.fallback:
            raise _failure("the fallback wrote these cards", cards.meta.fallback_reason)
        body = finish_cards(cards, transcript)
        asked_for = language_key(language) if language and language != transcript.language else None
        if partial:
            log.warning("not storing cards for %s: the transcript sent stops at %.0f s of %s s",
                        video_id, transcript.duration, video.duration)
            return compact_json(body)
        if cards.meta.fallback:  # the LLM failed: served now, not stored, so the next request tries again
            log.warning("not storing %s cards for %s", cards.meta.summarizer, video_id)
            return compact_json(body)
        return self.store.save_cards(body, also_for=asked_for)


def is_partial(transcript: Transcript, video: VideoInfo) -> bool:
    """A sent transcript marked partial, or one a page read that ends well before the video does."""
    if transcript.partial:
        return True
    if transcript.source in WHOLE_TRACK_SOURCES:  # a body the player fetched is a whole caption track
        return False
    return not covers(transcript, video.duration)


def make_cards(summarizer: Summarizer, video_id: str, transcript: Transcript, video: VideoInfo, *,
               partial: bool = False, **options) -> Cards:
    """The summarizer's cards, not yet finished or stored; its failure is the API's summarizer_error."""
    started = time.perf_counter()
    try:
        cards = summarizer.summarize(transcript, video, **options)
    except SummarizerFailed as error:
        raise _failure(str(error), error.reason) from None
    log.info("summarized %s with %s in %.2f s", video_id, summarizer.name, time.perf_counter() - started)
    cards.meta.partial = partial
    return cards


def _failure(message: str, reason: str | None) -> errors.SummarizerError:
    error = errors.SummarizerError(message)
    error.reason = reason  # the same failure in one sentence for end users
    return error


def _fraction(step) -> float:
    """A summarizer's progress step as 0..1: the parts up to 0.9, then the merge."""
    if getattr(step, "stage", "") != "parts" or not getattr(step, "total", 0):
        return 0.9
    return 0.1 + 0.8 * step.done / step.total


def _note(step) -> str:
    """Words for the panel: "part 2 of 4" when there are parts to count; nothing for a one-part video."""
    if getattr(step, "stage", "") == "parts" and getattr(step, "total", 0) <= 1:
        return ""
    return str(step)


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
    index = index_of(transcript)
    quoted = len(body["quotes"])
    for section in card_schema.timed_sections():
        body[section.name] = [item for item in body[section.name] if inside(item)]
    body["quotes"] = [q for q in body["quotes"] if is_verbatim_at(transcript, q["text"], q["start"], index)]
    if len(body["quotes"]) != quoted:
        log.warning("dropped %d quote(s) not found verbatim in the transcript", quoted - len(body["quotes"]))
    body["chapters"].sort(key=lambda c: c["start"])
    return body


def _has_metadata(video: VideoInfo) -> bool:
    return any(value not in (None, "", ()) for key, value in vars(video).items() if key != "video_id")


def _is_background(job: Job) -> bool:
    """Told by its key, which stays when a finished job's payload is dropped."""
    return job.key.endswith("|background")
