"""YouTube transcripts. The only module that imports youtube_transcript_api; maps its errors to ours."""

from __future__ import annotations

import logging
import xml.etree.ElementTree as ElementTree
from typing import Callable, Sequence

import requests
from requests.adapters import HTTPAdapter
from youtube_transcript_api import (
    AgeRestricted,
    CouldNotRetrieveTranscript,
    InvalidVideoId,
    IpBlocked,
    NoTranscriptFound,
    PoTokenRequired,
    RequestBlocked,
    TranscriptsDisabled,
    VideoUnavailable,
    VideoUnplayable,
    YouTubeTranscriptApi,
)
from youtube_transcript_api.proxies import GenericProxyConfig

from . import errors
from .models import Segment, Transcript

log = logging.getLogger(__name__)

YOUTUBE = "https://www.youtube.com/"


class TimeoutAdapter(HTTPAdapter):
    """An HTTPAdapter that gives every request a timeout (the library sets none)."""

    def __init__(self, timeout: float, **kwargs):
        self.timeout = timeout
        super().__init__(**kwargs)

    def send(self, request, **kwargs):
        if kwargs.get("timeout") is None:
            kwargs["timeout"] = self.timeout
        return super().send(request, **kwargs)


def default_session(timeout: float) -> requests.Session:
    """A session whose requests to YouTube time out after `timeout` seconds."""
    session = requests.Session()
    session.mount(YOUTUBE, TimeoutAdapter(timeout))
    return session


def fetch(
    video_id: str,
    languages: Sequence[str],
    *,
    timeout: float = 10.0,
    proxy: str | None = None,
    http_client: requests.Session | Callable[[], requests.Session] | None = None,
) -> Transcript:
    """Fetch a transcript: first of `languages` that exists, then any manual track, then any generated one.

    `http_client` replaces the HTTP session (a session or a factory of them); tests replay YouTube through it.
    """
    if http_client is None:
        session = default_session(timeout)
    else:
        session = http_client if isinstance(http_client, requests.Session) else http_client()
    proxy_config = GenericProxyConfig(http_url=proxy, https_url=proxy) if proxy else None
    try:
        api = YouTubeTranscriptApi(proxy_config=proxy_config, http_client=session)
        track = _choose_track(api.list(video_id), languages)
        fetched = track.fetch()
        segments = tuple(
            Segment(float(s.start), float(s.duration or 0.0), " ".join(s.text.split()))
            for s in fetched
            if s.text and s.text.strip()
        )
    except Exception as error:  # the library also lets requests/XML/Key errors escape (transcripts.md §3)
        raise translate_error(error, video_id) from None
    if not segments:
        raise errors.NoTranscript("The video's transcript is empty.")
    return Transcript(segments, track.language_code.lower(), "generated" if track.is_generated else "manual", "server")


def _choose_track(tracks, languages: Sequence[str]):
    """Pick a track: wanted languages in order (exact code, then same base language), manual first."""
    tracks = list(tracks)
    ordered = sorted(tracks, key=lambda t: t.is_generated)  # stable: manual before generated
    for code in languages:
        for match in (lambda t: t.language_code.lower() == code.lower(),
                      lambda t: t.language_code.split("-")[0].lower() == code.split("-")[0].lower()):
            for track in ordered:
                if match(track):
                    return track
    if ordered:
        return ordered[0]
    raise errors.NoTranscript("This video has no transcript in any language.")


def translate_error(error: Exception, video_id: str) -> errors.ApiError:
    """Map a library or transport exception to our error; never pass its text through."""
    if isinstance(error, errors.ApiError):
        return error
    log.warning("transcript fetch for %s failed: %s", video_id, type(error).__name__)
    if isinstance(error, (TranscriptsDisabled, NoTranscriptFound)):
        return errors.NoTranscript("Captions are turned off for this video, or it has none.")
    if isinstance(error, InvalidVideoId):
        return errors.InvalidVideoId()
    if isinstance(error, VideoUnavailable):
        return errors.VideoUnavailable()
    if isinstance(error, AgeRestricted):
        return errors.VideoRestricted("YouTube only shows this video to signed-in adults, so Glance cannot read it.")
    if isinstance(error, VideoUnplayable):
        return errors.VideoRestricted("YouTube says this video cannot be played here.")
    if isinstance(error, (RequestBlocked, IpBlocked, PoTokenRequired, requests.exceptions.RetryError)):
        return errors.YouTubeBlocked()
    if isinstance(error, ElementTree.ParseError):  # empty caption body: YouTube wants a proof-of-origin token
        return errors.YouTubeBlocked()
    if isinstance(error, requests.exceptions.Timeout):
        return errors.YouTubeError("YouTube did not answer in time; try again later.")
    if isinstance(error, requests.exceptions.ProxyError):
        return errors.YouTubeError("The configured YouTube proxy could not be reached.")
    if isinstance(error, requests.exceptions.ConnectionError):
        return errors.YouTubeError("This server could not reach YouTube; check its network connection.")
    if isinstance(error, (CouldNotRetrieveTranscript, requests.exceptions.RequestException, ValueError, KeyError, AttributeError)):
        return errors.YouTubeError()
    log.exception("unexpected error fetching %s", video_id, exc_info=error)
    return errors.YouTubeError()
