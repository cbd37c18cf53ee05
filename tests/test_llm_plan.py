"""Long transcripts: split by time or chapter, summarized in parts, merged so the middle is covered too."""

from __future__ import annotations

import pytest
from llm_fake_server import no_waiting, three_hours, fake_llm, lines_of, llm_config, model_answer, openai_reply  # noqa: F401
from llm_synthetic import long_transcript, long_video

from server.models import Chapter
from server.verbatim import is_verbatim_at
from server.summarizers.llm import LLMSummarizer, plan, transport
from server.summarizers.llm.lines import build_lines


def transcript_requests(fake):
    return [r for r in fake.requests if "<transcript>" in r["body"]["messages"][1]["content"]]


def thirds(items, duration):
    return {min(2, int(3 * item.start / duration)) for item in items}


def test_three_hours_fit_one_request_of_a_big_context(fake_llm, three_hours):
    LLMSummarizer(llm_config(fake_llm)).summarize(three_hours, long_video(three_hours))
    assert len(fake_llm.requests) == 1
    assert len(lines_of(fake_llm.requests[0])) == len(build_lines(three_hours))


def test_small_context_splits_by_time_and_merges(fake_llm, three_hours):
    fake_llm.default = lambda request: model_answer(request, lazy=True)  # a merge that only looks at the start
    cards = LLMSummarizer(llm_config(fake_llm, LLM_CONTEXT_TOKENS="16384")).summarize(three_hours, long_video(three_hours))
    parts = transcript_requests(fake_llm)
    assert fake_llm.problems == [] and len(parts) >= 4
    numbers = [n for r in parts for n, _ in lines_of(r)]
    assert numbers == list(range(1, len(build_lines(three_hours)) + 1))  # every line sent once, in order
    assert fake_llm.requests[-1]["body"]["response_format"]["json_schema"]["name"] == "pick_cards"
    duration = three_hours.duration
    assert thirds(cards.ideas, duration) == {0, 1, 2} and thirds(cards.quotes, duration) == {0, 1, 2}
    assert all(is_verbatim_at(three_hours, q.text, q.start) for q in cards.quotes)
    starts = [c.start for c in cards.chapters]
    assert starts[0] == 0.0 and starts == sorted(starts) and len(starts) >= 4


def test_parts_follow_creator_chapters(fake_llm, three_hours):
    chapters = [Chapter(i * 1800.0, f"Hobby {i + 1}") for i in range(6)]
    cards = LLMSummarizer(llm_config(fake_llm, LLM_CONTEXT_TOKENS="32768")).summarize(
        three_hours, long_video(three_hours, chapters))
    firsts = [lines_of(r)[0][1] for r in transcript_requests(fake_llm)]
    lines = build_lines(three_hours)
    starts = {line.text: line.start for line in lines}
    assert all(starts[text] % 1800.0 == 0 for text in firsts)  # each part opens at a chapter
    assert cards.chapters == chapters


def test_merge_failure_falls_back_to_a_plain_merge(fake_llm, three_hours):
    def no_merge(request):
        if "<parts>" in request["body"]["messages"][1]["content"]:
            return openai_reply("not json at all")
        return model_answer(request)

    fake_llm.default = no_merge
    cards = LLMSummarizer(llm_config(fake_llm, LLM_CONTEXT_TOKENS="16384")).summarize(three_hours, long_video(three_hours))
    assert cards.about.headline and len(cards.ideas) == 5
    assert thirds(cards.ideas, three_hours.duration) == {0, 1, 2}


def test_silent_truncation_is_detected_and_the_transcript_split(fake_llm, three_hours):
    def ollama(request):
        status, body = model_answer(request)
        body["usage"]["prompt_tokens"] = min(body["usage"]["prompt_tokens"], 20000)  # what num_ctx kept
        return status, body

    fake_llm.default = ollama
    cards = LLMSummarizer(llm_config(fake_llm)).summarize(three_hours, long_video(three_hours))
    assert len(lines_of(fake_llm.requests[0])) == len(build_lines(three_hours))
    assert len(transcript_requests(fake_llm)) > 2 and cards.about.headline


def test_budget_respects_the_context_window():
    assert plan.transcript_budget(128000, 4096) == int(0.6 * 128000) - 1500 - 2000
    assert plan.transcript_budget(8192, 4096) + 1500 + 4096 <= 8192
    assert plan.shrink(128000, 16385) < 16385 and plan.shrink(8000, None) == 4000
