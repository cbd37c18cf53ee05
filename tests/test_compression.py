"""Compressed responses: a stored text is compressed once per algorithm and served from memory while
it stays the same; new cards are compressed anew; other responses are never kept."""

from __future__ import annotations

import gzip
import json

import brotli
from backports import zstd

from server import compression, create_app
from service_helpers import LineSummarizer, transcript_body

VIDEO = "abcdefghijk"
URL = f"/api/v1/videos/{VIDEO}/summary"
ADMIN = "compression-admin-token"
UNPACK = {"gzip": gzip.decompress, "br": brotli.decompress, "zstd": zstd.decompress}


def make(tmp_path):
    app = create_app({"DATABASE": str(tmp_path / "c.db"), "SUMMARIZER": LineSummarizer(), "RATE_LIMIT": 0,
                      "ADMIN_TOKEN": ADMIN, "WORKERS": 1})
    return app, app.test_client()


def kept(app) -> compression.Kept:
    return app.extensions["glance.compress"].cache  # flask-compress's Compress, whose cache is ours


def test_stored_cards_are_compressed_once_per_algorithm_and_read_back_the_same(tmp_path):
    app, client = make(tmp_path)
    lines = [f"Line {i} says something about gardens and the weather in spring." for i in range(200)]
    made = client.post(URL, json={"transcript": transcript_body(*lines)})
    assert made.status_code == 200
    for algorithm, unpack in UNPACK.items():
        first = client.get(URL + "?lang=en", headers={"Accept-Encoding": algorithm})
        again = client.get(URL + "?lang=en", headers={"Accept-Encoding": algorithm})
        assert first.headers["Content-Encoding"] == again.headers["Content-Encoding"] == algorithm
        assert first.data == again.data and unpack(again.data) == made.data
        assert int(again.headers["Content-Length"]) == len(again.data) < len(made.data)
    assert len(kept(app).items) == 3  # one body, three algorithms


def test_new_cards_are_compressed_anew(tmp_path):
    app, client = make(tmp_path)
    client.post(URL, json={"transcript": transcript_body(*[f"Old line {i} about bread and ovens." for i in range(80)])})
    old = client.get(URL + "?lang=en", headers={"Accept-Encoding": "gzip"})
    curated = {"about": {"headline": "Curated " + "headline " * 80, "points": ["One point"]},
               "ideas": [], "quotes": [], "topics": ["topic"], "chapters": [{"start": 0, "title": "All"}],
               "video": {"title": "T"}, "meta": {"language": "en"}}
    assert client.put(URL, json=curated, headers={"Authorization": f"Bearer {ADMIN}"}).status_code == 200
    new = client.get(URL + "?lang=en", headers={"Accept-Encoding": "gzip"})
    assert json.loads(gzip.decompress(new.data))["about"]["headline"].startswith("Curated")
    assert gzip.decompress(new.data) == client.get(URL + "?lang=en").data != gzip.decompress(old.data)


def test_responses_that_are_not_stored_texts_are_never_kept(tmp_path):
    app, client = make(tmp_path)
    lines = [f"Line {i} tells how the long bread dough rises overnight in a cold kitchen." for i in range(200)]
    client.post(URL, json={"transcript": transcript_body(*lines)})
    for question in ("bread dough", "cold kitchen", "bread dough"):
        answer = client.post(f"/api/v1/videos/{VIDEO}/ask", json={"question": question, "limit": 10},
                             headers={"Accept-Encoding": "gzip"})
        assert answer.headers["Content-Encoding"] == "gzip"  # compressed, every time
        assert json.loads(gzip.decompress(answer.data))["question"] == question
    assert len(kept(app).items) == 0


def test_the_memory_keeps_only_the_most_recent_bodies():
    memory = compression.Kept(2)
    for key in ("gzip;a", "gzip;b", "gzip;a", "gzip;c"):
        memory.set(key, key.encode())
    assert list(memory.items) == ["gzip;a", "gzip;c"] and memory.get("gzip;b") is None
    memory.set("gzip;" + compression.NOT_KEPT, b"x")
    assert memory.get("gzip;" + compression.NOT_KEPT) is None


def test_a_client_that_sends_no_accept_encoding_gets_the_headers_flask_compress_gives_one_taking_identity(tmp_path):
    app, client = make(tmp_path)
    client.post(URL, json={"transcript": transcript_body(*[f"Line {i} about rivers and boats." for i in range(80)])})
    extension = {"Origin": "chrome-extension://mfabheibfogcggkkfodlmhclimaiapnf"}  # flask-cors adds Vary: Origin
    for headers in ({}, extension):
        without = client.get(URL + "?lang=en", headers=headers)  # no Accept-Encoding: the short way
        identity = client.get(URL + "?lang=en", headers={**headers, "Accept-Encoding": "identity"})  # flask-compress's
        assert without.status_code == identity.status_code == 200
        assert without.data == identity.data and "Content-Encoding" not in without.headers
        assert sorted(without.headers.items()) == sorted(identity.headers.items())
        assert "Accept-Encoding" in without.headers["Vary"]
