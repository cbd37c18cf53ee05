"""The summarizer seam: one interface, implementations chosen by `GLANCE_SUMMARIZER`."""

from __future__ import annotations

import importlib
from typing import Mapping, Protocol

from ..models import Cards, Transcript, VideoInfo

# name -> "module:Class"; each class is built with the app's config mapping.
REGISTRY = {
    "extractive": "server.summarizers.extractive:ExtractiveSummarizer",
    "llm": "server.summarizers.llm:LLMSummarizer",
}


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
    module_name, class_name = target.split(":")
    cls = getattr(importlib.import_module(module_name), class_name)
    return cls(config)
