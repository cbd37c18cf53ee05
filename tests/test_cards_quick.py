"""Cards at once with an LLM configured: offline cards now, the LLM's written by a background job the
panel follows through /summary/status; both sets kept; regenerate and forget under GLANCE_REGENERATE."""

from __future__ import annotations

import sqlite3
import threading
import time

import pytest
from llm_fake_server import error_reply, fake_llm, llm_config, model_answer  # noqa: F401
from llm_synthetic import long_transcript
from service_helpers import transcript_body

from server import create_app, generation_wait
from server.summarizers.llm import transport

VIDEO = "abcdefghijk"
URL = f"/api/v1/videos/{VIDEO}/summary"
ADMIN = "secret-admin-token"
BODY = {"transcript": transcript_body("Plants need water early in the morning.", "Mulch keeps the soil cool in summer.",
                                      "Tomatoes like a sunny wall.", "Seeds from the best plants are worth saving.")}


@pytest.fixture(autouse=True)
def no_backoff(monkeypatch):
    monkeypatch.setattr(transport, "sleep", lambda seconds: None)


def llm_app(tmp_path, fake, **overrides):
    return create_app({"DATABASE": str(tmp_path / "glance.db"), "SUMMARIZER": "llm", "RATE_LIMIT": 0,
                       "ADMIN_TOKEN": ADMIN, **llm_config(fake, LLM_RETRIES="0"), **overrides})


def gate(fake):
    """Hold every LLM answer until the returned event is set: a model that is slower than anything waits."""
    release = threading.Event()
    fake.default = lambda request: (release.wait(30), model_answer(request))[1]
    return release


def status_until(client, wanted, video=VIDEO, seconds=20.0):
    """The status once its state is one of `wanted` (a loop with a deadline, not a timed assertion)."""
    deadline = time.monotonic() + seconds
    while True:
        status = client.get(f"/api/v1/videos/{video}/summary/status").get_json()
        if status["state"] in wanted or time.monotonic() > deadline:
            return status
        time.sleep(0.05)


def test_quick_answers_offline_cards_while_the_llm_writes_then_keeps_both(fake_llm, tmp_path):
    release = gate(fake_llm)
    client = llm_app(tmp_path, fake_llm).test_client()
    first = client.post(f"{URL}?quick=1", json=BODY)
    assert first.status_code == 200
    assert first.get_json()["meta"]["summarizer"] == "extractive"
    running = status_until(client, {"running"})
    assert running["state"] == "running" and running["summarizer"] == "llm" and running["model"] == "test-model"
    # while the model writes, a panel that opens the video gets the offline cards from the store
    assert client.get(f"{URL}?fetch=0&quick=1").get_json()["meta"]["summarizer"] == "extractive"
    assert client.get(f"{URL}?fetch=0").status_code == 404  # without quick: only the LLM's (none yet)
    release.set()
    done = status_until(client, {"done", "failed"})
    assert done["state"] == "done" and done["reason"] is None
    summary = client.get(f"{URL}?fetch=0&quick=1").get_json()
    assert summary["meta"]["summarizer"] == "llm" and summary["meta"]["model"] == "test-model"
    highlights = client.get(f"{URL}?fetch=0&summarizer=extractive").get_json()
    assert highlights["meta"]["summarizer"] == "extractive"
    asked = len(fake_llm.requests)
    again = client.post(f"{URL}?quick=1", json=BODY).get_json()  # reopening: the LLM's cards, no new request
    assert again["meta"]["summarizer"] == "llm" and len(fake_llm.requests) == asked


def test_a_long_video_records_its_parts_on_the_job(fake_llm, tmp_path):
    release = gate(fake_llm)
    transcript = long_transcript(hours=1.0)
    body = {"transcript": {"language": "en", "kind": "generated",
                           "segments": [{"start": s.start, "duration": s.duration, "text": s.text} for s in transcript.segments]}}
    client = llm_app(tmp_path, fake_llm, LLM_CONTEXT_TOKENS="8192", LLM_MAX_OUTPUT_TOKENS="1024").test_client()
    assert client.post(f"{URL}?quick=1", json=body).get_json()["meta"]["summarizer"] == "extractive"
    deadline = time.monotonic() + 20
    while (status := client.get(f"{URL}/status").get_json())["note"] is None and time.monotonic() < deadline:
        time.sleep(0.05)
    assert status["state"] == "running"
    assert status["note"].startswith("part 1 of ") and int(status["note"].rsplit(" ", 1)[1]) > 1
    release.set()
    assert status_until(client, {"done", "failed"})["state"] == "done"


@pytest.mark.parametrize("fallback", [None, "extractive"])
def test_a_failing_llm_leaves_the_offline_cards_and_one_sentence_why(fake_llm, tmp_path, fallback):
    fake_llm.default = lambda request: error_reply(500, "server_error", "boom")
    extra = {"LLM_FALLBACK": fallback} if fallback else {}
    client = llm_app(tmp_path, fake_llm, **extra).test_client()
    assert client.post(f"{URL}?quick=1", json=BODY).get_json()["meta"]["summarizer"] == "extractive"
    failed = status_until(client, {"done", "failed"})
    assert failed["state"] == "failed"
    assert failed["reason"] == "The language model service was busy or could not be reached."
    assert "GLANCE" not in failed["reason"] and "http" not in failed["reason"]
    assert client.get(f"{URL}?fetch=0&quick=1").get_json()["meta"]["summarizer"] == "extractive"


def test_a_partial_transcript_gets_offline_cards_and_no_job_and_nothing_is_stored(fake_llm, tmp_path):
    app = llm_app(tmp_path, fake_llm)
    client = app.test_client()
    body = {**BODY, "transcript": {**BODY["transcript"], "partial": True}}
    cards = client.post(f"{URL}?quick=1", json=body).get_json()
    assert cards["meta"]["summarizer"] == "extractive" and cards["meta"]["partial"] is True
    assert client.get(f"{URL}/status").get_json()["state"] == "none"  # no model asked to summarize part of a video
    assert client.get(f"{URL}?fetch=0&quick=1").status_code == 404
    assert app.extensions["glance.store"].load_transcript(VIDEO, "en") is None
    whole = client.post(f"{URL}?quick=1", json=BODY).get_json()  # the whole transcript later: as usual
    assert whole["meta"]["partial"] is False and status_until(client, {"done", "failed"})["state"] == "done"
    assert fake_llm.requests and client.get(f"{URL}?fetch=0").get_json()["meta"]["summarizer"] == "llm"


def test_regenerate_writes_new_llm_cards_and_keeps_the_old_until_then(fake_llm, tmp_path):
    client = llm_app(tmp_path, fake_llm).test_client()
    client.post(f"{URL}?quick=1", json=BODY)
    assert status_until(client, {"done", "failed"})["state"] == "done"
    old = client.get(f"{URL}?fetch=0").get_json()
    release = gate(fake_llm)
    shown = client.post(f"{URL}?quick=1", json={"refresh": True}).get_json()
    assert shown["meta"]["summarizer"] == "extractive"  # at once: the offline cards, never a wait
    assert status_until(client, {"running"})["state"] == "running"
    assert client.get(f"{URL}?fetch=0").get_json() == old  # still there while the new ones are written
    release.set()
    assert status_until(client, {"done", "failed"})["state"] == "done"
    new = client.get(f"{URL}?fetch=0").get_json()
    assert new["meta"]["summarizer"] == "llm" and new["meta"]["created_at"] >= old["meta"]["created_at"]
    assert len(fake_llm.requests) == 2


def test_regenerating_while_the_model_still_writes_joins_that_work(fake_llm, tmp_path):
    release = gate(fake_llm)
    client = llm_app(tmp_path, fake_llm).test_client()
    client.post(f"{URL}?quick=1", json=BODY)
    assert status_until(client, {"running"})["state"] == "running"
    assert client.post(f"{URL}?quick=1", json={"refresh": True}).status_code == 200
    release.set()
    assert status_until(client, {"done", "failed"})["state"] == "done"
    assert len(fake_llm.requests) == 1


def test_who_may_regenerate_and_forget_is_a_setting(fake_llm, tmp_path):
    app = llm_app(tmp_path, fake_llm)
    client = app.test_client()
    client.post(f"{URL}?quick=1", json=BODY)
    status_until(client, {"done", "failed"})
    remote = {"REMOTE_ADDR": "203.0.113.9"}
    refused = client.post(f"{URL}?quick=1", json={"refresh": True}, environ_base=remote)
    assert refused.status_code == 401 and refused.get_json()["error"]["code"] == "unauthorized"
    assert client.delete(f"{URL}?origin=generated", environ_base=remote).status_code == 401
    assert client.delete(f"{URL}?origin=generated", environ_base=remote,
                         headers={"Authorization": f"Bearer {ADMIN}"}).get_json() == {"deleted": 2}
    assert client.delete(f"{URL}?origin=everything").status_code == 400
    app.config["REGENERATE"] = "admin"
    assert client.post(f"{URL}?quick=1", json={"refresh": True}).status_code == 401  # local, but not enough now
    with pytest.raises(ValueError, match="GLANCE_REGENERATE"):
        create_app({"DATABASE": str(tmp_path / "other.db"), "REGENERATE": "everyone"})


def test_forgetting_generated_cards_keeps_curated_ones_which_still_win(tmp_path):
    app = create_app({"DATABASE": str(tmp_path / "glance.db"), "RATE_LIMIT": 0, "ADMIN_TOKEN": ADMIN})
    client = app.test_client()
    generated = client.post(URL, json=BODY).get_json()
    curated = {**generated, "about": {"headline": "Curated by hand", "points": []}}
    assert client.put(URL, json=curated, headers={"Authorization": f"Bearer {ADMIN}"}).status_code == 200
    assert client.post(f"{URL}?quick=1", json={"refresh": True}).get_json()["about"]["headline"] == "Curated by hand"
    assert client.delete(f"{URL}?origin=generated").get_json() == {"deleted": 1}
    assert client.get(f"{URL}?fetch=0").get_json()["about"]["headline"] == "Curated by hand"


def test_an_offline_server_has_nothing_to_follow(tmp_path):
    client = create_app({"DATABASE": str(tmp_path / "glance.db"), "RATE_LIMIT": 0}).test_client()
    assert client.post(f"{URL}?quick=1", json=BODY).get_json()["meta"]["summarizer"] == "extractive"
    status = client.get(f"{URL}/status").get_json()
    assert status["summarizer"] == "extractive" and status["state"] == "none" and status["model"] is None
    assert client.get("/api/v1/videos/bad/summary/status").status_code == 400


def test_a_request_waits_at_least_the_llm_budget(fake_llm):
    config = {"GENERATION_WAIT": 600.0, **llm_config(fake_llm, LLM_JOB_BUDGET="1800")}
    from server.summarizers.llm import LLMSummarizer

    assert generation_wait(config, LLMSummarizer(config)) == 1860.0
    assert generation_wait({"GENERATION_WAIT": 5.0}, object()) == 5.0


def test_a_database_from_before_job_notes_gets_the_column(tmp_path):
    path = tmp_path / "old.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE jobs (id TEXT PRIMARY KEY, key TEXT NOT NULL, kind TEXT NOT NULL, video_id TEXT NOT NULL,"
                 " state TEXT NOT NULL, payload TEXT NOT NULL, progress REAL NOT NULL DEFAULT 0, attempts INTEGER NOT NULL"
                 " DEFAULT 0, owner TEXT, lease_until REAL, error_code TEXT, error_message TEXT, result TEXT,"
                 " created_at REAL NOT NULL, updated_at REAL NOT NULL)")
    conn.close()
    client = create_app({"DATABASE": str(path), "RATE_LIMIT": 0}).test_client()
    assert client.post(URL, json=BODY).status_code == 200
    columns = [row[1] for row in sqlite3.connect(path).execute("PRAGMA table_info(jobs)")]
    assert "note" in columns
