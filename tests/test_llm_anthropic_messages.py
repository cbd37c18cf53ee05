"""The LLM summarizer over the Anthropic Messages API: forced tool, headers, tool_use reading, errors."""

from __future__ import annotations

import pytest
from llm_fake_server import KEY, anthropic_reply, cards_for, error_reply, fake_llm, lines_of, llm_config  # noqa: F401
from llm_synthetic import long_transcript, long_video, short_transcript, short_video

from server.verbatim import is_verbatim_at
from server.summarizers import SummarizerFailed
from server.summarizers.llm import LLMSummarizer, transport


@pytest.fixture(autouse=True)
def no_waiting(monkeypatch):
    monkeypatch.setattr(transport, "sleep", lambda seconds: None)


def summarize(fake, **config):
    return LLMSummarizer(llm_config(fake, "anthropic", **config)).summarize(short_transcript(), short_video())


def test_cards_come_from_the_forced_tool(fake_llm):
    cards = summarize(fake_llm)
    request = fake_llm.requests[0]
    assert fake_llm.problems == []
    assert request["path"] == "/v1/messages"
    assert request["headers"]["x-api-key"] == KEY and request["headers"]["anthropic-version"] == "2023-06-01"
    assert request["body"]["tool_choice"] == {"type": "tool", "name": "write_cards"}
    assert request["body"]["tools"][0]["input_schema"]["required"][0] == "headline"
    assert len(cards.quotes) == 5
    assert all(is_verbatim_at(short_transcript(), q.text, q.start) for q in cards.quotes)


def test_text_instead_of_tool_use_is_retried(fake_llm):
    text_only = (200, {"id": "msg_1", "type": "message", "role": "assistant", "model": "test-model",
                       "content": [{"type": "text", "text": "I cannot do that."}], "stop_reason": "end_turn",
                       "usage": {"input_tokens": 900, "output_tokens": 8}})
    fake_llm.then(text_only)
    assert summarize(fake_llm).about.headline
    assert len(fake_llm.requests) == 2


def test_overloaded_529_then_success(fake_llm):
    fake_llm.then(error_reply(529, "overloaded_error", "Overloaded", anthropic=True))
    assert summarize(fake_llm).about.headline
    assert len(fake_llm.requests) == 2


def test_cut_off_tool_input_is_retried(fake_llm):
    def cut(request):
        return anthropic_reply({"headline": "x"}, stop_reason="max_tokens")

    fake_llm.then(cut)
    summarize(fake_llm)
    assert len(fake_llm.requests) == 2


def test_prompt_too_long_splits_the_transcript(fake_llm):
    too_long = error_reply(400, "invalid_request_error", "prompt is too long: 6100 tokens > 5000 maximum", anthropic=True)
    fake_llm.then(too_long)
    transcript = long_transcript(hours=0.25)
    config = llm_config(fake_llm, "anthropic", LLM_CONTEXT_TOKENS="12000", LLM_MAX_OUTPUT_TOKENS="1024")
    cards = LLMSummarizer(config).summarize(transcript, long_video(transcript))
    sizes = [len(lines_of(r)) for r in fake_llm.requests if "<transcript>" in r["body"]["messages"][0]["content"]]
    assert sizes[0] == 45 and len(sizes) >= 3 and max(sizes[1:]) < 45
    assert fake_llm.requests[-1]["body"]["tool_choice"]["name"] == "pick_cards"
    assert cards.about.headline and cards.quotes


def test_overflow_that_never_fits_is_a_summarizer_error(fake_llm):
    too_long = error_reply(400, "invalid_request_error", "prompt is too long: 9000 tokens > 1000 maximum", anthropic=True)
    fake_llm.default = lambda request: too_long
    with pytest.raises(SummarizerFailed, match="context window"):
        summarize(fake_llm)


def test_speaker_comes_from_the_transcript_or_named_people_only(fake_llm):
    def named(request):
        cards = cards_for(lines_of(request))
        cards["people"] = [{"name": "Workshop Notes", "role": "host"}, {"name": "Ada Lovelace", "role": "guest"}]
        cards["quotes"][0]["speaker"] = "Ada Lovelace"
        cards["quotes"][1]["speaker"] = "Workshop Notes"
        return anthropic_reply(cards)

    fake_llm.then(named)
    cards = summarize(fake_llm)
    assert cards.video["people"] == [{"name": "Workshop Notes", "role": "host"}]
    assert [q.speaker for q in cards.quotes[:2]] == [None, "Workshop Notes"]
