"""Generation jobs across processes: a killed worker's job is taken over, one job per video however
many processes ask, and a failure reaches every waiter. On SQLite and on PostgreSQL, where the
processes stand for separate hosts: they share nothing but the database.

In one process, without worker threads (the test claims and runs each job itself): one job per key however
often it is submitted, its result or its error for every waiter, a fresh job after a failure."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
import requests

from stores import BOTH_STORES
from server import create_app
from server import errors
from server.jobs import Jobs, WaitTimeout
from server.store import DONE, FAILED, open_store
from service_helpers import LineSummarizer, wait_for
from youtube_replay import FIXTURE_VIDEO, YouTubeReplay, replay_session, routes

HELPER = Path(__file__).parent / "glance_process.py"
URL = "/api/v1/videos/{video}/summary?lang=en"

pytestmark = BOTH_STORES


@pytest.fixture
def processes():
    started = []

    def start(*args):
        process = subprocess.Popen([sys.executable, str(HELPER), *map(str, args)],
                                   stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        started.append(process)
        first_line = process.stdout.readline().strip()  # the port, or "ready"
        assert first_line, "the helper process did not start"
        return process, first_line

    yield start
    for process in started:
        if process.poll() is None:
            process.kill()
        process.wait()


def lines(path: Path) -> list[str]:
    return path.read_text().split() if path.exists() else []


def test_a_worker_killed_mid_job_loses_it_to_another_worker(database, tmp_path, processes, serve):
    counts = tmp_path
    app = create_app({"DATABASE": database, "SUMMARIZER": LineSummarizer(), "WORKERS": 0, "RATE_LIMIT": 0,
                      "JOB_LEASE": 1.5, "YOUTUBE_HTTP_CLIENT": lambda: replay_session(YouTubeReplay(routes()))})
    base = serve(app)  # a server without workers of its own: the worker processes do the work
    first, _ = processes("worker", database, counts, "--stall", "--lease", 1.5)

    with ThreadPoolExecutor(max_workers=1) as pool:
        response = pool.submit(requests.get, base + URL.format(video=FIXTURE_VIDEO), timeout=120)
        wait_for(lambda: lines(counts / "summaries") == [str(first.pid)], "the first worker to start summarizing")
        store = app.extensions["glance.store"]
        [job] = store.jobs_for_video(FIXTURE_VIDEO)
        assert job.state == "running" and f":{first.pid}:" in job.owner and job.attempts == 1
        os.kill(first.pid, signal.SIGKILL)
        first.wait()
        second, _ = processes("worker", database, counts, "--lease", 1.5)
        response = response.result()

    assert response.status_code == 200
    assert lines(counts / "summaries") == [str(first.pid), str(second.pid)]
    [job] = store.jobs_for_video(FIXTURE_VIDEO)
    assert job.state == "done" and f":{second.pid}:" in job.owner and job.attempts == 2
    assert lines(counts / "fetches") == [str(first.pid)]  # the transcript the first fetched was kept


def test_a_hundred_requests_to_two_server_processes_fetch_once_and_summarize_once(database, tmp_path, processes):
    counts = tmp_path
    ports = [processes("serve", database, counts, "--delay", 0.5)[1] for _ in range(2)]
    urls = [f"http://127.0.0.1:{port}" + URL.format(video=FIXTURE_VIDEO) for port in ports] * 50
    with ThreadPoolExecutor(max_workers=100) as pool:
        responses = list(pool.map(lambda url: requests.get(url, timeout=120), urls))
    assert {r.status_code for r in responses} == {200}
    assert len({r.text for r in responses}) == 1
    assert len(lines(counts / "summaries")) == 1
    assert len(lines(counts / "fetches")) == 1


def test_a_server_killed_mid_generation_loses_the_job_to_the_other_server(database, tmp_path, processes):
    """Two servers with workers of their own; the one summarizing is killed, the other, asked too, finishes."""
    counts = tmp_path
    first, first_port = processes("serve", database, counts, "--stall", "--lease", 1.5)
    second, second_port = processes("serve", database, counts, "--lease", 1.5)
    url = "http://127.0.0.1:{}" + URL.format(video=FIXTURE_VIDEO)
    with ThreadPoolExecutor(max_workers=2) as pool:
        doomed = pool.submit(requests.get, url.format(first_port), timeout=120)
        wait_for(lambda: lines(counts / "summaries") == [str(first.pid)], "the first server to start summarizing")
        survivor = pool.submit(requests.get, url.format(second_port), timeout=120)  # a second user, same video
        os.kill(first.pid, signal.SIGKILL)
        first.wait()
        response = survivor.result()
        assert isinstance(doomed.exception(), requests.ConnectionError)

    assert response.status_code == 200 and response.json()["video_id"] == FIXTURE_VIDEO
    assert lines(counts / "summaries") == [str(first.pid), str(second.pid)]
    assert lines(counts / "fetches") == [str(first.pid)]  # the transcript the first fetched was kept
    store = open_store(database)
    [job] = store.jobs_for_video(FIXTURE_VIDEO)
    store.close()
    assert job.state == "done" and f":{second.pid}:" in job.owner and job.attempts == 2


def test_a_failed_job_gives_every_waiter_the_same_error_and_the_next_request_tries_again(database):
    youtube = YouTubeReplay(routes(player="youtube_request_blocked.innertube.json.static"))
    app = create_app({"DATABASE": database, "SUMMARIZER": LineSummarizer(), "RATE_LIMIT": 0,
                      "WORKERS": 1, "YOUTUBE_HTTP_CLIENT": lambda: replay_session(youtube)})
    store, jobs = app.extensions["glance.store"], app.extensions["glance.jobs"]
    job, new = store.submit_job(f"transcript|{FIXTURE_VIDEO}|en", "transcript", FIXTURE_VIDEO, {"language": "en"})
    assert new
    with ThreadPoolExecutor(max_workers=8) as pool:
        waiting = [pool.submit(jobs.wait, job.id, 60) for _ in range(8)]
        jobs.pool.ensure_running()
        failures = [future.exception(timeout=60) for future in waiting]
    assert {type(error).__name__ for error in failures} == {"YouTubeBlocked"}
    assert len({error.message for error in failures}) == 1
    assert store.get_job(job.id).error_code == "youtube_blocked"

    youtube.routes = routes()  # YouTube answers again: the next request starts a new job
    response = app.test_client().get(f"/api/v1/videos/{FIXTURE_VIDEO}/transcript?lang=en")
    assert response.status_code == 200 and response.get_json()["video_id"] == FIXTURE_VIDEO
    assert [j.state for j in store.jobs_for_video(FIXTURE_VIDEO)] == ["done", "failed"]


@pytest.fixture
def jobs(database):
    store = open_store(database)
    yield Jobs(store, lease_seconds=30)
    store.close()


def _run_next(jobs: Jobs) -> None:
    """Do what a worker does, once: claim the next job and run it."""
    job = jobs.claim("test-worker")
    assert job is not None
    jobs.execute(job, "test-worker")


def test_one_job_per_key_however_often_it_is_submitted(jobs):
    calls = []
    jobs.register("cards", lambda job, report: calls.append(job.payload) or f"cards of {job.video_id}")
    first = jobs.submit("cards:abcdefghijk:en", "cards", "abcdefghijk", {"n": 1})
    again = [jobs.submit("cards:abcdefghijk:en", "cards", "abcdefghijk", {"n": n}) for n in (2, 3)]
    other = jobs.submit("cards:abcdefghijk:de", "cards", "abcdefghijk", {"n": 4})
    assert {job.id for job in again} == {first.id} and other.id != first.id
    _run_next(jobs)
    _run_next(jobs)
    assert jobs.claim("test-worker") is None
    assert sorted(c["n"] for c in calls) == [1, 4]  # the joining submissions' payloads were never used
    assert [jobs.wait(job.id, 0) for job in [first, *again]] == ["cards of abcdefghijk"] * 3
    assert jobs.store.get_job(first.id).state == DONE


def test_a_failure_reaches_every_waiter_and_the_next_request_starts_afresh(jobs):
    outcomes = iter([errors.YouTubeBlocked("YouTube refused this server."), "cards"])

    def handler(job, report):
        outcome = next(outcomes)
        if isinstance(outcome, Exception):
            raise outcome
        return outcome

    jobs.register("cards", handler)
    waiters = [jobs.submit("cards:abcdefghijk:en", "cards", "abcdefghijk", {}) for _ in range(3)]
    _run_next(jobs)
    for job in waiters:
        with pytest.raises(errors.YouTubeBlocked, match="YouTube refused this server."):
            jobs.wait(job.id, 0)
    assert jobs.store.get_job(waiters[0].id).state == FAILED
    retry = jobs.submit("cards:abcdefghijk:en", "cards", "abcdefghijk", {})
    assert retry.id != waiters[0].id
    _run_next(jobs)
    assert jobs.wait(retry.id, 0) == "cards"


def test_a_bug_in_a_handler_is_an_internal_error_without_its_details(jobs):
    def handler(job, report):
        raise KeyError("/srv/glance/secret.db")

    jobs.register("cards", handler)
    job = jobs.submit("cards:abcdefghijk:en", "cards", "abcdefghijk", {})
    _run_next(jobs)
    with pytest.raises(errors.InternalError) as failed:
        jobs.wait(job.id, 0)
    assert "secret" not in failed.value.message and job.id[:12] in failed.value.message


def test_a_job_of_a_kind_this_server_cannot_run_fails_clearly(jobs):
    job = jobs.submit("mystery:abcdefghijk", "mystery", "abcdefghijk", {})
    _run_next(jobs)
    with pytest.raises(errors.InternalError, match="cannot run jobs of kind 'mystery'"):
        jobs.wait(job.id, 0)


def test_a_waiter_with_no_time_left_is_told_so_and_the_job_stays_queued(jobs):
    jobs.register("cards", lambda job, report: "cards")
    job = jobs.submit("cards:abcdefghijk:en", "cards", "abcdefghijk", {})
    with pytest.raises(WaitTimeout):
        jobs.wait(job.id, 0)
    _run_next(jobs)  # nobody lost it: the next worker still runs it
    assert jobs.wait(job.id, 0) == "cards"
