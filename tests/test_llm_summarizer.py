"""When the LLM fails for good: summarizer_error, or the configured offline summarizer's cards marked as a fallback."""

from __future__ import annotations

import pytest
from llm_fake_server import error_reply, fake_llm, llm_config, model_answer  # noqa: F401
from llm_synthetic import short_transcript, short_video
from service_helpers import transcript_body

from server import create_app, summarizers
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


def test_fallback_cards_say_the_llm_failed_in_fields(fake_llm):
    failing(fake_llm)
    cards = LLMSummarizer(llm_config(fake_llm, LLM_FALLBACK="standin")).summarize(short_transcript(), short_video())
    assert cards.about.headline == "offline"
    assert cards.meta.summarizer == "standin" and cards.meta.fallback is True
    assert cards.meta.fallback_reason == "The language model service was busy or could not be reached."


def test_fallback_to_the_real_extractive_summarizer(fake_llm):
    failing(fake_llm)
    config = llm_config(fake_llm, LLM_FALLBACK="extractive")
    cards = LLMSummarizer(config).summarize(short_transcript(), short_video())
    meta = cards.to_dict()["meta"]
    assert meta["summarizer"] == "extractive" and meta["fallback"] is True and meta["model"] is None


@pytest.mark.parametrize("reply, reason", [
    (error_reply(401, "invalid_request_error", "Incorrect API key provided"), "The language model service refused the request."),
    (error_reply(404, "not_found_error", "model not found"), "The language model service refused the request."),
    (error_reply(400, "invalid_request_error", "This model's maximum context length is 300 tokens"),
     "The video is too long for the language model's context window."),
])
def test_the_reason_is_one_sentence_without_configuration(fake_llm, reply, reason):
    fake_llm.default = lambda request: reply
    cards = LLMSummarizer(llm_config(fake_llm, LLM_FALLBACK="standin")).summarize(short_transcript(), short_video())
    assert cards.meta.fallback_reason == reason and "GLANCE" not in reason


def test_cards_the_llm_wrote_are_no_fallback_and_name_the_model(fake_llm):
    cards = LLMSummarizer(llm_config(fake_llm, LLM_FALLBACK="standin")).summarize(short_transcript(), short_video())
    assert cards.meta.summarizer == "llm" and cards.meta.fallback is False and cards.meta.fallback_reason is None
    assert cards.meta.model == "test-model"


def test_fallback_cannot_be_llm_itself(fake_llm):
    with pytest.raises(ValueError):
        LLMSummarizer(llm_config(fake_llm, LLM_FALLBACK="llm"))


def test_over_http_fallback_cards_are_served_marked_and_not_stored(fake_llm, tmp_path):
    failing(fake_llm)
    app = create_app({"DATABASE": str(tmp_path / "glance.db"), "SUMMARIZER": "llm", "RATE_LIMIT": 0,
                      **llm_config(fake_llm, LLM_FALLBACK="extractive", LLM_RETRIES="0")})
    client = app.test_client()
    body = {"transcript": transcript_body("Plants need water early in the morning.", "Mulch keeps the soil cool.")}
    first = client.post("/api/v1/videos/abcdefghijk/summary", json=body).get_json()
    assert first["meta"]["fallback"] is True and first["meta"]["summarizer"] == "extractive"
    assert first["meta"]["fallback_reason"] == "The language model service was busy or could not be reached."
    fake_llm.default = model_answer  # the model is back
    second = client.post("/api/v1/videos/abcdefghijk/summary", json=body).get_json()
    assert second["meta"]["fallback"] is False and second["meta"]["model"] == "test-model"
    stored = client.get("/api/v1/videos/abcdefghijk/summary?fetch=0").get_json()
    assert stored["meta"]["summarizer"] == "llm" and len(fake_llm.requests) == 2
