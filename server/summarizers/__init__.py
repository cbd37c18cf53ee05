"""The summarizer seam: one interface, implementations chosen by `GLANCE_SUMMARIZER`."""

from __future__ import annotations

import importlib
import threading
from typing import Mapping, Protocol

from ..models import Cards, Transcript, VideoInfo

# name -> "module:Class"; each class is built with the app's config mapping.
REGISTRY = {
    "extractive": "server.summarizers.extractive:ExtractiveSummarizer",
    "llm": "server.summarizers.llm:LLMSummarizer",
}
# Summarizers without settings to check at start: built on their first use, so a process that only
# serves stored cards (each gunicorn worker, the CLI before it summarizes) never imports numpy and scipy.
DEFERRED = frozenset({"extractive"})


class Summarizer(Protocol):
    """Turns a non-empty transcript into cards. No Flask, no SQL, no network but its own."""

    name: str
    version: str

    def summarize(self, transcript: Transcript, video: VideoInfo) -> Cards:
        """Return cards whose quotes are verbatim and whose times lie inside the video."""


class SummarizerFailed(Exception):
    """A summarizer could not produce cards (e.g. its LLM service failed); the API says summarizer_error.

    `reason` is the same failure in one sentence for end users (no settings, no URLs), for cards
    that another summarizer wrote instead.
    """

    def __init__(self, message: str, reason: str | None = None):
        super().__init__(message)
        self.reason = reason


def make_summarizer(name, config: Mapping) -> Summarizer:
    """Build the summarizer registered under `name`, configured from `config`.

    An object that already is a summarizer (tests pass one in) is used as it is.
    """
    if not isinstance(name, str):
        return name
    try:
        target = REGISTRY[name]
    except KeyError:
        raise ValueError(f"unknown summarizer {name!r}; choose one of {', '.join(REGISTRY)}") from None
    if name in DEFERRED:
        return Deferred(name, target, config)
    return _build(target, config)


def _build(target: str, config: Mapping) -> Summarizer:
    module_name, class_name = target.split(":")
    cls = getattr(importlib.import_module(module_name), class_name)
    return cls(config)


class Deferred:
    """A registered summarizer whose module is imported when it is first used; its name is known before."""

    settings = None  # deferred ones are those without settings (so there is nothing to check at start)

    def __init__(self, name: str, target: str, config: Mapping):
        self.name, self._target, self._config = name, target, config
        self._built: Summarizer | None = None
        self._lock = threading.Lock()

    def summarize(self, transcript: Transcript, video: VideoInfo) -> Cards:
        return self.real().summarize(transcript, video)

    def real(self) -> Summarizer:
        with self._lock:
            if self._built is None:
                self._built = _build(self._target, self._config)
            return self._built

    def __getattr__(self, attribute: str):  # version, config, ...: whatever the real one has
        if attribute.startswith("_"):
            raise AttributeError(attribute)
        return getattr(self.real(), attribute)
