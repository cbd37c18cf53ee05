"""The LLM summarizer over the OpenAI-compatible wire format: request shape, grounding, failures, retries."""

from __future__ import annotations

import logging
import re

import pytest
from llm_fake_server import KEY, MODEL, cards_for, error_reply, fake_llm, lines_of, llm_config, model_answer, openai_reply, stall  # noqa: F401
from llm_synthetic import TALK, short_transcript, short_video

from server.verbatim import is_verbatim_at
from server.summarizers import SummarizerFailed
from server.summarizers.llm import LLMSummarizer, transport


@pytest.fixture
def waits(monkeypatch):
    """The pauses the retry loop asked for, recorded instead of slept."""
    asked = []
    monkeypatch.setattr(transport, "sleep", asked.append)
    return asked


def summarize(fake, **config):
    return LLMSummarizer(llm_config(fake, **config)).summarize(short_transcript(), short_video())


def edited(change):
    """A reply that edits the good cards for the request's lines before sending them."""

    def reply(request):
        cards = cards_for(lines_of(request))
        change(cards)
        return openai_reply(cards)

    return reply


def test_good_cards_with_schema_request(fake_llm):
    cards = summarize(fake_llm)
    body = fake_llm.requests[0]["body"]
    assert fake_llm.problems == []
    assert fake_llm.requests[0]["path"] == "/v1/chat/completions"
    assert body["model"] == MODEL and body["response_format"]["type"] == "json_schema"
    assert "[1 0:00] " + TALK[0] in body["messages"][1]["content"]
    assert cards.meta.summarizer == "llm" and cards.meta.language == "en" and cards.meta.transcript == "manual"
    assert cards.about.headline and len(cards.ideas) == 5 and len(cards.quotes) == 5
    transcript = short_transcript()
    for quote in cards.quotes:
        assert is_verbatim_at(transcript, quote.text, quote.start)
    assert [c.start for c in cards.chapters][0] == 0.0
    assert all(0 <= item.start <= transcript.duration for item in cards.ideas + cards.quotes + cards.chapters)


def test_paraphrased_quote_is_snapped_to_the_transcript_words(fake_llm):
    def paraphrase(cards):
        cards["quotes"] = [{"text": "if you can't explain the part to a friend you don't understand it yet",
                            "line": 3, "speaker": None}]

    fake_llm.then(edited(paraphrase))
    cards = summarize(fake_llm)
    assert [q.text for q in cards.quotes] == [TALK[4]]
    assert cards.quotes[0].start == 48.0


def test_quote_with_other_case_and_punctuation_is_replaced_by_exact_words(fake_llm):
    fake_llm.then(edited(lambda c: c.update(quotes=[{"text": "PLAIN TEXT OUTLIVES EVERY FANCY FORMAT!!", "line": 5, "speaker": None}])))
    assert [q.text for q in summarize(fake_llm).quotes] == [TALK[8]]  # the whole sentence it is part of


def test_invented_quote_is_dropped(fake_llm):
    def invent(cards):
        cards["quotes"].append({"text": "Weather stations are the future of renewable energy markets worldwide.", "line": 3, "speaker": None})

    fake_llm.then(edited(invent))
    cards = summarize(fake_llm)
    assert len(cards.quotes) == 5
    assert not any("renewable" in q.text for q in cards.quotes)


def test_wrong_times_and_lines_are_ignored(fake_llm):
    def wrong(cards):
        for item in cards["ideas"] + cards["quotes"] + cards["chapters"]:
            item["start"] = 99999  # the model's own time: never read
        cards["quotes"][0]["line"] = 2  # cited the wrong line; the words are at line 1
        cards["ideas"].append({"title": "Ghost", "detail": "Cites a line that is not there.", "line": 400})
        cards["chapters"].append({"line": 999, "title": "After the end"})

    fake_llm.then(edited(wrong))
    cards = summarize(fake_llm)
    assert cards.quotes[0].start == 0.0
    assert "Ghost" not in [i.title for i in cards.ideas]
    assert max(c.start for c in cards.chapters) < short_transcript().duration


def test_malformed_json_is_retried_with_a_note(fake_llm, waits):
    fake_llm.then(openai_reply('{"headline": "cut in the mid'), openai_reply("```json\n" + '{"points": []}' + "\n```"))
    fake_llm.then(openai_reply("Sure! Here are the cards:\n" + __import__("json").dumps(cards_for([(1, TALK[0]), (2, TALK[1])]))))
    cards = summarize(fake_llm)
    assert len(fake_llm.requests) == 3 and cards.about.headline
    assert "could not be used" in fake_llm.requests[1]["body"]["messages"][1]["content"]


def test_reply_of_an_unexpected_shape_is_retried_not_a_crash(fake_llm, waits):
    fake_llm.then((200, {"choices": {"0": "not a list"}}), (200, {"choices": [{"message": "hi"}], "usage": "x"}))
    fake_llm.then(model_answer)
    cards = summarize(fake_llm)
    assert len(fake_llm.requests) == 3 and cards.about.headline


def test_truncated_answer_is_retried(fake_llm, waits):
    fake_llm.then(openai_reply('{"headline": "x", "points": [', finish_reason="length"))
    summarize(fake_llm)
    assert len(fake_llm.requests) == 2


def test_429_then_success_honours_retry_after(fake_llm, waits):
    fake_llm.then(error_reply(429, "rate_limit_error", "Rate limit reached", {"Retry-After": "3"}))
    cards = summarize(fake_llm)
    assert cards.about.headline and waits == [3.0]


def test_5xx_is_retried_with_backoff_then_fails(fake_llm, waits):
    fake_llm.then(*[error_reply(503, "server_error", "The server is overloaded")] * 3)
    with pytest.raises(SummarizerFailed, match="busy or failing"):
        summarize(fake_llm, LLM_BACKOFF="1")
    assert len(fake_llm.requests) == 3 and waits[0] >= 1.0 and waits[1] >= 2.0


def test_timeout_is_retried_then_fails(fake_llm, waits):
    fake_llm.then(stall(1.0), stall(1.0))
    with pytest.raises(SummarizerFailed, match="did not answer in time"):
        summarize(fake_llm, LLM_TIMEOUT="0.2", LLM_RETRIES="1")
    assert len(fake_llm.requests) == 2


def test_bad_key_fails_at_once_and_never_says_the_key(fake_llm, caplog):
    fake_llm.then(error_reply(401, "invalid_request_error", f"Incorrect API key provided: {KEY}"))
    caplog.set_level(logging.DEBUG)
    with pytest.raises(SummarizerFailed) as failed:
        summarize(fake_llm)
    assert len(fake_llm.requests) == 1
    assert KEY not in str(failed.value) and KEY not in caplog.text
    assert "GLANCE_LLM_API_KEY" in str(failed.value)


def test_tokens_and_time_are_logged_without_the_key(fake_llm, caplog):
    caplog.set_level(logging.INFO)
    summarize(fake_llm)
    assert re.search(r"whole transcript attempt 1: \d+ prompt \+ \d+ output tokens in \d+\.\d\d s", caplog.text)
    assert KEY not in caplog.text
    assert KEY not in repr(LLMSummarizer(llm_config(fake_llm)).settings)


def test_server_without_json_schema_gets_json_object_then_plain(fake_llm):
    rejected = error_reply(400, "invalid_request_error", "response_format json_schema is not supported")
    fake_llm.then(rejected, rejected)
    cards = summarize(fake_llm)
    formats = [r["body"].get("response_format", {}).get("type") for r in fake_llm.requests]
    assert formats == ["json_schema", "json_object", None] and cards.about.headline


def test_model_that_wants_max_completion_tokens(fake_llm):
    fake_llm.then(error_reply(400, "invalid_request_error",
                              "Unsupported parameter: 'max_tokens' is not supported with this model. Use 'max_completion_tokens' instead."))
    summarize(fake_llm)
    assert "max_completion_tokens" in fake_llm.requests[1]["body"] and "max_tokens" not in fake_llm.requests[1]["body"]


def test_local_server_without_key_gets_no_authorization_header(fake_llm):
    fake_llm.key = None
    LLMSummarizer(llm_config(fake_llm, LLM_API_KEY="")).summarize(short_transcript(), short_video())
    assert "authorization" not in fake_llm.requests[0]["headers"]


def test_creator_chapters_are_kept_and_not_asked_for(fake_llm):
    from server.models import Chapter

    video = short_video(chapters=(Chapter(0.0, "Intro"), Chapter(60.0, "Soldering")))
    cards = LLMSummarizer(llm_config(fake_llm)).summarize(short_transcript(), video)
    assert cards.chapters == [Chapter(0.0, "Intro"), Chapter(60.0, "Soldering")]
    assert "the video has its own chapters" in fake_llm.requests[0]["body"]["messages"][0]["content"]


def test_empty_transcript_is_never_sent(fake_llm):
    from server.models import Segment, Transcript

    with pytest.raises(SummarizerFailed, match="empty"):
        LLMSummarizer(llm_config(fake_llm)).summarize(Transcript((Segment(0, 1, "  "),)), short_video())
    assert fake_llm.requests == []
