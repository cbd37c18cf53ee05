"""When the LLM fails for good: summarizer_error, or the configured offline summarizer's cards saying so."""

from __future__ import annotations

import pytest
from llm_fake_server import error_reply, fake_llm, llm_config  # noqa: F401
from llm_synthetic import short_transcript, short_video

from server import summarizers
from server.models import About, Cards, Meta
from server.summarizers import SummarizerFailed
from server.summarizers.llm import LLMSummarizer, transport


class StandIn:
    """An offline summarizer stand-in, registered for these tests only."""

    name, version = "standin", "1"

    def __init__(self, config):
        pass

    def summarize(self, transcript, video):
        return Cards(video.video_id, {}, About("offline", ()), [], [], [], [], Meta(summarizer=self.name))


@pytest.fixture(autouse=True)
def setup(monkeypatch):
    monkeypatch.setattr(transport, "sleep", lambda seconds: None)
    monkeypatch.setitem(summarizers.REGISTRY, "standin", f"{__name__}:StandIn")


def failing(fake):
    fake.default = lambda request: error_reply(500, "server_error", "boom")


def test_without_fallback_the_failure_is_a_summarizer_error(fake_llm):
    failing(fake_llm)
    with pytest.raises(SummarizerFailed, match="busy or failing"):
        LLMSummarizer(llm_config(fake_llm)).summarize(short_transcript(), short_video())
    assert len(fake_llm.requests) == 3


def test_fallback_cards_say_the_llm_failed(fake_llm):
    failing(fake_llm)
    cards = LLMSummarizer(llm_config(fake_llm, LLM_FALLBACK="standin")).summarize(short_transcript(), short_video())
    assert cards.about.headline == "offline"
    assert cards.meta.summarizer == "standin (LLM unavailable)"


def test_fallback_to_the_real_extractive_summarizer(fake_llm):
    failing(fake_llm)
    config = llm_config(fake_llm, LLM_FALLBACK="extractive")
    cards = LLMSummarizer(config).summarize(short_transcript(), short_video())
    assert cards.meta.summarizer == "extractive (LLM unavailable)"


def test_fallback_cannot_be_llm_itself(fake_llm):
    with pytest.raises(ValueError):
        LLMSummarizer(llm_config(fake_llm, LLM_FALLBACK="llm"))
