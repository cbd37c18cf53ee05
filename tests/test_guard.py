"""Who may talk to the service: Host (DNS rebinding), Origin (other sites and extensions),
cross-site triggers of fetching and summarizing; Glance's own extension id."""

from __future__ import annotations

import base64
import hashlib
import json
from pathlib import Path

import pytest

from server import create_app
from server.guard import GLANCE_EXTENSION_ID
from service_helpers import transcript_body
from youtube_replay import FIXTURE_VIDEO

ROOT = Path(__file__).resolve().parents[1]
OWN = f"chrome-extension://{GLANCE_EXTENSION_ID}"
OTHER_EXTENSION = "chrome-extension://abcdefghijklmnopabcdefghijklmnop"
URL = f"/api/v1/videos/{FIXTURE_VIDEO}/summary"


def test_the_extension_id_is_the_one_its_manifest_key_gives():
    """Chromium's id: the first 128 bits of SHA-256 of the public key, as letters a-p."""
    key = json.loads((ROOT / "extension" / "manifest.json").read_text())["key"]
    digest = hashlib.sha256(base64.b64decode(key)).hexdigest()[:32]
    assert "".join(chr(ord("a") + int(c, 16)) for c in digest) == GLANCE_EXTENSION_ID


def test_no_private_key_is_in_the_repository():
    for path in ROOT.rglob("*"):
        if ".venv" in path.parts or ".git" in path.parts or not path.is_file() or path.stat().st_size > 2_000_000:
            continue
        assert b"PRIVATE KEY" not in path.read_bytes() or path.suffix == ".py", path


# -- CORS ---------------------------------------------------------------------

@pytest.mark.parametrize("origin, allowed", [
    (OWN, True),
    ("chrome-extension://ppppppppppppppppppppppppppppppp" + "p", True),  # configured
    (OTHER_EXTENSION, False),
    ("https://glance.example", True),
    ("https://GLANCE.example", True),  # origins compare without case
    ("https://glance.example.evil.net", False),
    ("https://xglance.example", False),
    ("http://glance.example", False),
    ("https://evil.example", False),
    (OWN + "x.evil", False),
    ("null", False),
])
def test_cors_allows_only_glance_and_the_configured_origins_exactly(tmp_path, summarizer, origin, allowed):
    app = create_app({"DATABASE": str(tmp_path / "c.db"), "SUMMARIZER": summarizer,
                      "ALLOWED_ORIGINS": "https://glance.example/", "EXTENSION_IDS": "p" * 32})
    client = app.test_client()
    for response in (client.get("/api/v1/health", headers={"Origin": origin}),
                     client.options(URL, headers={"Origin": origin, "Access-Control-Request-Method": "PUT"})):
        assert response.headers.get("Access-Control-Allow-Origin") == (origin if allowed else None)


@pytest.mark.parametrize("setting, value", [
    ("ALLOWED_ORIGINS", "*"),
    ("ALLOWED_ORIGINS", "https://*.mycorp.com"),
    ("ALLOWED_ORIGINS", "https://mycorp.com/path"),
    ("ALLOWED_ORIGINS", "mycorp.com"),
    ("EXTENSION_IDS", "chrome-extension://abc"),
    ("EXTENSION_IDS", "z" * 32),
    ("ALLOWED_HOSTS", "evil.example/x"),
])
def test_a_setting_that_is_not_exact_fails_at_start(tmp_path, summarizer, setting, value):
    with pytest.raises(ValueError, match=f"GLANCE_{setting}"):
        create_app({"DATABASE": str(tmp_path / "c.db"), "SUMMARIZER": summarizer, setting: value})


# -- Host: DNS rebinding --------------------------------------------------------

@pytest.mark.parametrize("host", ["evil.example", "evil.example:8765", "127.0.0.1.evil.example", "localhost.evil.example:8765",
                                  "", "local host", "[::2]:8765"])
def test_a_rebound_host_name_can_neither_write_nor_read(client, admin_headers, host, summarizer):
    """A page at evil.example whose name now points to 127.0.0.1 is same-origin: only its Host gives it away."""
    headers = {"Host": host}
    body = {"transcript": transcript_body("Planted through DNS rebinding.")}
    cards = {"about": {"headline": "Planted", "points": []}}
    answers = [
        client.post(URL, json=body, headers=headers),
        client.post(URL, json={**body, "refresh": True}, headers=headers),
        client.put(URL, json=cards, headers={**headers, **admin_headers}),
        client.delete(URL, headers={**headers, **admin_headers}),
        client.get(URL + "?fetch=0", headers=headers),
        client.get(URL, headers=headers),
        client.get(f"/api/v1/videos/{FIXTURE_VIDEO}/transcript", headers=headers),
        client.get("/api/v1/health", headers=headers),
    ]
    for response in answers:
        assert response.status_code == 403
        assert response.get_json()["error"]["code"] == "host_not_allowed"
    assert summarizer.calls == 0
    assert client.get(URL + "?fetch=0").status_code == 404  # nothing was stored


@pytest.mark.parametrize("host", ["localhost", "localhost:8765", "127.0.0.1:8765", "[::1]:8765", "LOCALHOST:9000",
                                  "glance.lan:8765", "glance.lan"])
def test_the_names_the_service_is_reached_by_work(tmp_path, summarizer, host):
    app = create_app({"DATABASE": str(tmp_path / "h.db"), "SUMMARIZER": summarizer, "ALLOWED_HOSTS": "glance.lan"})
    response = app.test_client().post(URL, json={"transcript": transcript_body("Hello.")}, headers={"Host": host})
    assert response.status_code == 200


# -- Origin of writes -------------------------------------------------------------

@pytest.mark.parametrize("origin", [OTHER_EXTENSION, "https://evil.example", "null", "http://localhost:3000"])
def test_writes_from_other_origins_are_refused(client, admin_headers, summarizer, origin):
    headers = {"Origin": origin}
    cards = {"about": {"headline": "Planted", "points": []}}
    for response in (client.post(URL, json={"transcript": transcript_body("Planted.")}, headers=headers),
                     client.put(URL, json=cards, headers={**headers, **admin_headers}),
                     client.delete(URL, headers={**headers, **admin_headers})):
        assert response.status_code == 403 and response.get_json()["error"]["code"] == "origin_not_allowed"
    assert summarizer.calls == 0
    assert client.get(URL + "?fetch=0").status_code == 404


def test_glance_and_tools_without_an_origin_may_write(client, admin_headers):
    sent = client.post(URL, json={"transcript": transcript_body("From Glance.")}, headers={"Origin": OWN})
    assert sent.status_code == 200
    curated = client.put(URL, json={"about": {"headline": "By hand", "points": []}}, headers=admin_headers)
    assert curated.status_code == 200
    assert client.get(URL + "?fetch=0").get_json()["about"]["headline"] == "By hand"


# -- Cross-site triggers --------------------------------------------------------

@pytest.mark.parametrize("headers", [
    {"Sec-Fetch-Site": "cross-site"},  # <img src>, a link, a form
    {"Sec-Fetch-Site": "same-site"},  # another port of localhost
    {"Origin": "https://evil.example", "Sec-Fetch-Site": "cross-site"},
    {"Origin": OTHER_EXTENSION, "Sec-Fetch-Site": "none"},
])
def test_pages_on_other_sites_cannot_make_the_server_fetch_or_summarize(client, youtube, summarizer, headers):
    for response in (client.get(URL, headers=headers),
                     client.get(f"/api/v1/videos/{FIXTURE_VIDEO}/transcript", headers=headers),
                     client.post(f"/api/v1/videos/{FIXTURE_VIDEO}/ask", json={"question": "What is it about?"},
                                 headers=headers)):
        assert response.status_code == 403 and response.get_json()["error"]["code"] == "origin_not_allowed"
    assert youtube.calls == [] and summarizer.calls == 0
    # reading what is stored costs nothing, and CORS keeps the answer from the page
    assert client.get(URL + "?fetch=0", headers=headers).status_code == 404
    assert client.get("/api/v1/health", headers=headers).status_code == 200


def test_glance_may_make_the_server_fetch(client, youtube):
    response = client.get(URL, headers={"Origin": OWN, "Sec-Fetch-Site": "none"})
    assert response.status_code == 200 and youtube.calls


@pytest.mark.parametrize("content_type", ["text/plain;charset=UTF-8", "application/json", None])
def test_an_empty_post_such_as_a_beacon_is_refused(client, youtube, summarizer, content_type):
    response = client.post(URL, data=b"", content_type=content_type)
    assert response.status_code == 400 and response.get_json()["error"]["code"] == "invalid_request"
    assert youtube.calls == [] and summarizer.calls == 0
