"""Ask's stored index (server/ask/index.py) on a real SQLite file and a real PostgreSQL database:
the summary job stores it, a first question in a process that never saw the transcript reads it,
a transcript saved again never answers from its old index, an old row without one gets it on its
first question, and bytes that are not this code's index are built again."""

from __future__ import annotations

import zlib

import pytest

from ask_samples import TALK, load, talk_body
from llm_fake_server import fake_llm, llm_config  # noqa: F401
from server import create_app
from server.ask import index as stored_index
from server.ask.retrieval import TranscriptIndex
from server.models import Segment, Transcript
from service_helpers import transcript_body
from stores import BOTH_STORES, close_app
from youtube_replay import FIXTURE_VIDEO

pytestmark = BOTH_STORES

VIDEO = "beesOnRoof1"
ASK = f"/api/v1/videos/{VIDEO}/ask"


@pytest.fixture
def store(app):
    return app.extensions["glance.store"]


def lines(*texts: str) -> Transcript:
    return Transcript(tuple(Segment(i * 4.0, 4.0, text) for i, text in enumerate(texts)), "en", "manual", "client")


def first_question(app, client, question: str) -> dict:
    """A question as a process that never saw the video asks it: nothing in its own cache."""
    app.extensions.pop("glance.ask_indexes", None)
    response = client.post(ASK, json={"question": question})
    assert response.status_code == 200, response.get_json()
    return response.get_json()


def test_a_packed_index_answers_exactly_as_the_one_built(store):
    built = TranscriptIndex(load(TALK))
    unpacked = stored_index.unpack(stored_index.pack(built.parts))
    assert unpacked.pieces == built.pieces and unpacked.language == "en"
    for question in ("How do you treat mites?", "honey harvest", "when do the bees swarm"):
        assert [m.to_dict() for m in unpacked.search(question, limit=5)] == [m.to_dict() for m in built.search(question, limit=5)]
    empty = stored_index.unpack(stored_index.pack(TranscriptIndex(Transcript((), "en")).parts))
    assert empty.pieces == [] and empty.search("anything") == []


def test_the_summary_job_stores_the_index_of_the_transcript(client, store):
    assert client.post(f"/api/v1/videos/{VIDEO}/summary", json=talk_body()).status_code == 200
    version = store.transcript_version(VIDEO, "en")
    index = stored_index.stored(store, VIDEO, version)
    assert index is not None and index.pieces == TranscriptIndex(load(TALK)).pieces


def test_a_first_question_reads_the_stored_index(app, client, store):
    """Shown by storing another text's index under the transcript's stamp: the answer comes from it."""
    client.post(f"/api/v1/videos/{VIDEO}/summary", json=talk_body())
    version = store.transcript_version(VIDEO, "en")
    store.save_ask_index(VIDEO, version, stored_index.pack(TranscriptIndex(lines("Hornets at the gate.")).parts))
    assert first_question(app, client, "hornets")["moments"][0]["text"] == "Hornets at the gate."


def test_a_transcript_saved_again_never_answers_from_its_old_index(app, client, store):
    client.post(f"/api/v1/videos/{VIDEO}/summary", json=talk_body())
    old = store.transcript_version(VIDEO, "en")
    assert first_question(app, client, "mites")["moments"]
    client.post(f"/api/v1/videos/{VIDEO}/summary", json={"transcript": transcript_body("Now about wasps and hornets."),
                                                       "refresh": True})
    new = store.transcript_version(VIDEO, "en")
    assert new != old and store.load_ask_index(VIDEO, old) is None  # one index per transcript row, the new one
    body = first_question(app, client, "hornets")
    assert [m["text"] for m in body["moments"]] == ["Now about wasps and hornets."]
    assert first_question(app, client, "mites")["moments"] == []
    assert stored_index.stored(store, VIDEO, new).pieces[0].text == "Now about wasps and hornets."


def test_an_index_built_from_a_transcript_since_replaced_is_never_read(store):
    """A build that raced a save stores its index under the stamp it read first, which no reader asks for."""
    store.save_transcript(VIDEO, lines("Mites in the brood."))
    raced = store.transcript_version(VIDEO, "en")
    store.save_transcript(VIDEO, lines("Wasps at the entrance."))
    store.save_ask_index(VIDEO, raced, stored_index.pack(TranscriptIndex(lines("Mites in the brood.")).parts))
    assert store.load_ask_index(VIDEO, store.transcript_version(VIDEO, "en")) is None
    assert store.load_ask_index(VIDEO, raced) is not None


def test_an_old_row_without_an_index_is_indexed_on_its_first_question_and_saved(app, client, store):
    store.save_transcript(VIDEO, load(TALK))  # as an older Glance stored it: no job, no index
    version = store.transcript_version(VIDEO, "en")
    assert store.load_ask_index(VIDEO, version) is None
    assert first_question(app, client, "How do you treat mites?")["moments"]
    assert stored_index.stored(store, VIDEO, version).pieces == TranscriptIndex(load(TALK)).pieces


@pytest.mark.parametrize("packed", [
    b"not zlib at all",
    zlib.compress(b"{\"format\": 1}\n"),
    zlib.compress(b"{\"format\": 1, \"build\": \"other code\", \"sizes\": {}}\n"),
    zlib.compress(b"[1, 2]\n"),
], ids=["garbage", "no build key", "other build", "not a header"])
def test_bytes_that_are_not_this_codes_index_are_built_again_and_replaced(app, client, store, packed):
    store.save_transcript(VIDEO, lines("Hornets at the gate.", "Mites in the brood."))
    version = store.transcript_version(VIDEO, "en")
    store.save_ask_index(VIDEO, version, packed)
    assert stored_index.unpack(packed) is None
    assert first_question(app, client, "mites")["moments"][0]["text"] == "Mites in the brood."
    assert stored_index.stored(store, VIDEO, version) is not None


def test_a_truncated_index_is_refused(store):
    packed = zlib.decompress(stored_index.pack(TranscriptIndex(load(TALK)).parts))
    assert stored_index.unpack(zlib.compress(packed[:-10])) is None
    assert stored_index.unpack(zlib.compress(packed + b"x")) is None


def test_indexes_are_kept_per_transcript_language(app, client, store):
    store.save_transcript(VIDEO, lines("Hornets at the gate."))
    store.save_transcript(VIDEO, Transcript((Segment(0.0, 4.0, "Les frelons sont là."),), "fr", "manual", "client"))
    english, french = store.transcript_version(VIDEO, "en"), store.transcript_version(VIDEO, "fr")
    stored_index.ensure(store, VIDEO, "en")
    stored_index.ensure(store, VIDEO, "fr")
    assert stored_index.stored(store, VIDEO, english).pieces[0].text == "Hornets at the gate."
    assert stored_index.stored(store, VIDEO, french).pieces[0].text == "Les frelons sont là."
    assert stored_index.stored(store, VIDEO, french).language == "fr"


def test_an_index_built_from_the_stored_json_is_the_one_built_from_the_transcript(store):
    store.save_transcript(VIDEO, load(TALK))
    from_json = stored_index.build_from_stored(store.load_transcript_gzip(VIDEO, "en"))
    built = TranscriptIndex(load(TALK))
    assert from_json.parts.stems == built.parts.stems and from_json.pieces == built.pieces
    assert [m.to_dict() for m in from_json.search("mites in August")] == [m.to_dict() for m in built.search("mites in August")]


def test_a_transcript_fetched_for_its_own_endpoint_is_indexed_by_the_fetch_job(client, store):
    assert client.get(f"/api/v1/videos/{FIXTURE_VIDEO}/transcript").status_code == 200
    version = store.transcript_version(FIXTURE_VIDEO, None)
    assert stored_index.stored(store, FIXTURE_VIDEO, version).pieces


def test_with_a_model_the_quick_request_indexes_the_transcript_while_the_models_job_waits(fake_llm, database):
    """No worker here (WORKERS 0): the model's job stays queued, as behind other videos' long jobs."""
    app = create_app({"DATABASE": database, "SUMMARIZER": "llm", "RATE_LIMIT": 0, "WORKERS": 0, **llm_config(fake_llm)})
    try:
        assert app.test_client().post(f"/api/v1/videos/{VIDEO}/summary?quick=1", json=talk_body()).status_code == 200
        store = app.extensions["glance.store"]
        assert [job.state for job in store.jobs_for_video(VIDEO)] == ["queued"]
        assert stored_index.stored(store, VIDEO, store.transcript_version(VIDEO, "en")) is not None
    finally:
        close_app(app)
