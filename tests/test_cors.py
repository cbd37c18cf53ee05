"""CORS headers as flask-cors decides them, remembered per kind of request: every response carries
exactly the headers a fresh app (one that has remembered nothing) gives the same request."""

from __future__ import annotations

from server import create_app
from server import cors
from server.guard import GLANCE_EXTENSION_ID
from youtube_replay import FIXTURE_VIDEO

OWN = f"chrome-extension://{GLANCE_EXTENSION_ID}"
SUMMARY = f"/api/v1/videos/{FIXTURE_VIDEO}/summary"
PREFLIGHT = {"Access-Control-Request-Method": "PUT"}
REQUESTS = [
    ("GET", "/api/v1/health", {}),
    ("GET", "/api/v1/health", {"Origin": OWN}),
    ("GET", "/api/v1/health", {"Origin": "https://glance.example"}),
    ("GET", "/api/v1/health", {"Origin": "https://evil.example"}),
    ("GET", SUMMARY + "?fetch=0", {}),  # a 404 (nothing stored)
    ("GET", SUMMARY + "?fetch=0", {"Origin": "https://evil.example"}),  # refused by the guard: an error response
    ("OPTIONS", SUMMARY, {"Origin": OWN, **PREFLIGHT}),
    ("OPTIONS", SUMMARY, {"Origin": OWN, **PREFLIGHT, "Access-Control-Request-Headers": "content-type, authorization"}),
    ("OPTIONS", SUMMARY, {"Origin": OWN, **PREFLIGHT, "Access-Control-Request-Headers": "x-unknown"}),
    ("OPTIONS", SUMMARY, {"Origin": OWN, **PREFLIGHT, "Access-Control-Request-Private-Network": "true"}),
    ("OPTIONS", SUMMARY, {"Origin": "https://evil.example", **PREFLIGHT}),
    ("GET", "/api/v1/nothing-here", {"Origin": OWN}),
    ("GET", "/library", {"Origin": OWN}),  # not an API path: no CORS headers
]


def make(tmp_path, name):
    return create_app({"DATABASE": str(tmp_path / f"{name}.db"), "ALLOWED_ORIGINS": "https://glance.example",
                       "EXTENSION_IDS": "p" * 32, "WORKERS": 0})


def headers_of(client, method, path, headers):
    response = client.open(path, method=method, headers=headers)
    return response.status_code, [(k, v) for k, v in response.headers if k.lower() != "date"]


def test_remembered_headers_are_the_ones_flask_cors_gives_a_fresh_app(tmp_path):
    remembering = make(tmp_path, "remembering").test_client()
    for round_ in range(3):  # the first round fills the memory; the next ones are served from it
        for i, (method, path, headers) in enumerate(REQUESTS):
            fresh = make(tmp_path, f"fresh{round_}-{i}").test_client()
            assert headers_of(remembering, method, path, headers) == headers_of(fresh, method, path, headers), \
                (method, path, headers)


def test_the_allowed_origin_is_sent_only_to_api_paths(tmp_path):
    client = make(tmp_path, "paths").test_client()
    for _ in range(2):
        assert client.get("/api/v1/health", headers={"Origin": OWN}).headers["Access-Control-Allow-Origin"] == OWN
        assert "Access-Control-Allow-Origin" not in client.get("/library", headers={"Origin": OWN}).headers


def test_the_memory_stays_bounded_whatever_origins_are_sent(tmp_path, monkeypatch):
    monkeypatch.setattr(cors, "REMEMBERED", 4)
    client = make(tmp_path, "bounded").test_client()
    for i in range(10):
        response = client.get("/api/v1/health", headers={"Origin": f"https://site{i}.example"})
        assert "Access-Control-Allow-Origin" not in response.headers
    assert client.get("/api/v1/health", headers={"Origin": OWN}).headers["Access-Control-Allow-Origin"] == OWN
    hook = next(f for f in client.application.after_request_funcs[None] if f.__name__ == "add_cors_headers")
    memory = next(c.cell_contents for c in hook.__closure__ if isinstance(c.cell_contents, dict))
    assert len(memory) <= 4
