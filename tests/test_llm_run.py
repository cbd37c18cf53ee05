"""Long videos on slow models: parts in parallel under a bound, merges that fit the window, progress, a time budget."""

from __future__ import annotations

import json
import logging
import re
import threading

import pytest
from llm_fake_server import (KEY, error_reply, fake_llm, half_answer, is_pick, llm_config, model_answer,  # noqa: F401
                             no_waiting, three_hours,
                             pick_for, stall)
from llm_synthetic import long_transcript, long_video, short_transcript, short_video

from server.verbatim import is_verbatim_at
from server.summarizers import SummarizerFailed
from server.summarizers.llm import LLMSummarizer, Progress, transport
from server.summarizers.llm.errors import OutOfTime


def summarize(fake, transcript, progress=None, **config):
    return LLMSummarizer(llm_config(fake, **config)).summarize(transcript, long_video(transcript), progress=progress)


def picks(fake):
    return [r for r in fake.requests if is_pick(r)]


def test_at_an_8k_window_no_request_exceeds_the_window(fake_llm, three_hours, caplog):
    caplog.set_level(logging.INFO)
    fake_llm.window = 8192
    cards = summarize(fake_llm, three_hours, LLM_CONTEXT_TOKENS="8192", LLM_CONCURRENCY="4")
    assert fake_llm.problems == [] and fake_llm.oversized == []
    assert len(fake_llm.sizes) == len(fake_llm.requests) > 30 and max(fake_llm.sizes) <= 8192
    assert len(picks(fake_llm)) > 2  # the parts were merged in groups, then the groups
    assert cards.about.headline == "The whole video in one line"  # by the model's pick, not the plain merge
    starts = [i.start for i in cards.ideas]
    assert len(starts) == 5 and starts == sorted(starts)
    assert {min(2, int(3 * s / three_hours.duration)) for s in starts} == {0, 1, 2}
    assert all(is_verbatim_at(three_hours, q.text, q.start) for q in cards.quotes) and cards.quotes
    assert re.search(r"part 2 of \d+ attempt 1: \d+ prompt \+ \d+ output tokens in \d+\.\d\d s", caplog.text)
    assert KEY not in caplog.text


def test_the_answer_room_counts_too_a_large_max_output_means_smaller_parts(fake_llm, three_hours):
    fake_llm.window = 8192
    summarize(fake_llm, three_hours, LLM_CONTEXT_TOKENS="8192", LLM_MAX_OUTPUT_TOKENS="6000", LLM_CONCURRENCY="4")
    assert fake_llm.oversized == [] and max(fake_llm.sizes) <= 8192


def test_parts_run_concurrently_up_to_the_bound(fake_llm, three_hours):
    fake_llm.hold_until = 3  # the first three wait for each other: only concurrent requests get through
    summarize(fake_llm, three_hours, LLM_CONTEXT_TOKENS="16384", LLM_CONCURRENCY="3")
    assert fake_llm.most_at_once == 3 and len(fake_llm.requests) > 6


def test_one_at_a_time_for_a_local_server(fake_llm, three_hours):
    summarize(fake_llm, three_hours, LLM_CONTEXT_TOKENS="16384")  # the fake is on 127.0.0.1: concurrency 1
    assert fake_llm.most_at_once == 1 and len(fake_llm.requests) > 6


def test_progress_counts_the_parts_then_the_merge_on_the_callers_thread(fake_llm, three_hours):
    heard, threads = [], set()

    def progress(report: Progress):
        heard.append(report)
        threads.add(threading.get_ident())

    summarize(fake_llm, three_hours, progress, LLM_CONTEXT_TOKENS="32768", LLM_CONCURRENCY="2")
    parts = [p for p in heard if p.stage == "parts"]
    total = parts[0].total
    assert [p.done for p in parts] == list(range(total + 1)) and {p.total for p in parts} == {total} and total >= 3
    assert str(parts[0]) == f"part 1 of {total}" and str(parts[2]) == f"part 3 of {total}"
    assert [p.stage for p in heard[len(parts):]] == ["merge", "merge"] and heard[-1].done == 1
    assert heard[0].model == "test-model" and threads == {threading.get_ident()}


def test_a_failing_progress_callback_never_loses_the_summary(fake_llm):
    def broken(report):
        raise RuntimeError("the job table is locked")

    cards = LLMSummarizer(llm_config(fake_llm)).summarize(short_transcript(), short_video(), progress=broken)
    assert cards.about.headline and cards.meta.fallback is False


def test_ideas_come_back_in_time_order_whatever_order_the_model_picks(fake_llm, three_hours):
    def backwards(request):
        if not is_pick(request):
            return model_answer(request)
        status, body = model_answer(request)
        choice = pick_for(request)
        choice["ideas"].reverse()
        choice["quotes"].reverse()
        body["choices"][0]["message"]["content"] = json.dumps(choice)
        return status, body

    fake_llm.default = backwards
    cards = summarize(fake_llm, three_hours, LLM_CONTEXT_TOKENS="32768")
    assert [i.start for i in cards.ideas] == sorted(i.start for i in cards.ideas)
    assert [q.start for q in cards.quotes] == sorted(q.start for q in cards.quotes)


def test_errors_mid_way_are_retried_and_the_cards_still_cover_the_video(fake_llm, three_hours):
    fake_llm.failures = {3: error_reply(503, "server_error", "overloaded"), 7: half_answer,  # far enough apart that
                         12: error_reply(429, "rate_limit_exceeded", "slow down", {"Retry-After": "0"})}  # one part's retries pass
    cards = summarize(fake_llm, three_hours, LLM_CONTEXT_TOKENS="16384", LLM_CONCURRENCY="2")
    assert fake_llm.problems == [] and cards.meta.fallback is False and len(cards.ideas) == 5


def test_a_part_that_fails_for_good_stops_the_rest(fake_llm, three_hours):
    fake_llm.failures = {2: error_reply(401, "invalid_request_error", "Incorrect API key provided")}
    with pytest.raises(SummarizerFailed, match="refused the API key"):
        summarize(fake_llm, three_hours, LLM_CONTEXT_TOKENS="8192", LLM_CONCURRENCY="2")
    assert len(fake_llm.requests) < 10  # not the 40-odd parts: the queued ones never started


def test_the_time_budget_stops_the_job_and_the_offline_cards_stand(fake_llm):
    fake_llm.default = stall(3.0)  # a model far slower than the budget
    config = llm_config(fake_llm, LLM_JOB_BUDGET="0.5", LLM_FALLBACK="extractive")
    cards = LLMSummarizer(config).summarize(short_transcript(), short_video())
    assert cards.meta.summarizer == "extractive" and cards.meta.fallback is True
    assert cards.meta.fallback_reason == OutOfTime.reason
    assert len(fake_llm.requests) == 1  # no retry after the budget ran out


def test_without_a_fallback_the_budget_is_a_summarizer_error_naming_the_setting(fake_llm):
    fake_llm.default = stall(3.0)
    with pytest.raises(SummarizerFailed, match="GLANCE_LLM_JOB_BUDGET"):
        LLMSummarizer(llm_config(fake_llm, LLM_JOB_BUDGET="0.5")).summarize(short_transcript(), short_video())


def test_answers_cut_at_max_tokens_are_retried_then_the_fallback_says_why(fake_llm):
    cards = LLMSummarizer(llm_config(fake_llm, LLM_MAX_OUTPUT_TOKENS="256", LLM_FALLBACK="extractive")).summarize(
        short_transcript(), short_video())
    assert len(fake_llm.requests) == 3 and "could not be used" in fake_llm.requests[-1]["body"]["messages"][1]["content"]
    assert cards.meta.fallback is True and cards.meta.fallback_reason == "The language model's answers could not be used."
