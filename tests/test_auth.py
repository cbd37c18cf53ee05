"""A shared server (GLANCE_AUTH=tokens): missing, wrong, revoked and right tokens; stored reads open or gated;
the admin token alone keeps PUT/DELETE; a token never appears in a log line, a response or the database.
Ask needs a token to fetch or to ask the model; the status and the library are reads. On SQLite and PostgreSQL."""

from __future__ import annotations

import logging

import pytest

from stores import ADMIN_TOKEN, BOTH_STORES, close_app
from server import auth, create_app
from server.__main__ import main
from service_helpers import transcript_body
from youtube_replay import FIXTURE_VIDEO, replay_session

pytestmark = BOTH_STORES

VIDEO = "abcdefghijk"
URL = f"/api/v1/videos/{VIDEO}/summary"


@pytest.fixture
def shared(database, summarizer, youtube):
    """A shared server's app and a helper that makes tokens in its database."""
    def make(**settings):
        app = create_app({"DATABASE": database, "SUMMARIZER": summarizer, "ADMIN_TOKEN": ADMIN_TOKEN,
                          "RATE_LIMIT": 0, "AUTH": "tokens",
                          "YOUTUBE_HTTP_CLIENT": lambda: replay_session(youtube), **settings})
        apps.append(app)
        return app

    apps = []
    yield make
    for app in apps:
        close_app(app)


def bearer(token: str) -> dict:
    return {"Authorization": f"Bearer {token}"}


def post(client, headers=None):
    return client.post(URL, json={"transcript": transcript_body("hello there", "second line")}, headers=headers or {})


def test_missing_wrong_revoked_and_right_tokens(shared, summarizer):
    app = shared()
    client, store = app.test_client(), app.extensions["glance.store"]
    token = auth.create(store, "alice")

    missing = post(client)
    assert missing.status_code == 401 and missing.get_json()["error"]["code"] == "unauthorized"
    assert "needs a token" in missing.get_json()["error"]["message"]
    assert missing.headers["WWW-Authenticate"].startswith("Bearer")
    wrong = post(client, bearer(token[:-2] + "xx"))
    assert wrong.status_code == 401 and "not valid" in wrong.get_json()["error"]["message"]
    assert summarizer.calls == 0 and client.get(URL + "?fetch=0").status_code == 404  # nothing was stored

    right = post(client, bearer(token))
    assert right.status_code == 200 and right.get_json()["about"]["headline"] == "hello there"
    assert summarizer.calls == 1

    assert auth.revoke(store, "alice")
    revoked = post(client, bearer(token))
    assert revoked.status_code == 401 and "revoked" in revoked.get_json()["error"]["message"]
    again = auth.create(store, "alice")  # a revoked name can be given a new token; the old one stays dead
    assert again != token and post(client, bearer(again)).status_code == 200
    assert post(client, bearer(token)).status_code == 401


def test_generation_and_fetches_need_a_token_but_stored_reads_stay_open(shared, summarizer, youtube):
    app = shared()
    client = app.test_client()
    token = auth.create(app.extensions["glance.store"], "bob")
    fixture = f"/api/v1/videos/{FIXTURE_VIDEO}"

    assert client.get(fixture + "/summary?lang=en").status_code == 401  # would fetch and summarize
    assert client.get(fixture + "/transcript?lang=en").status_code == 401  # would fetch
    assert youtube.calls == [] and summarizer.calls == 0
    assert client.get(fixture + "/summary?lang=en", headers=bearer(token)).status_code == 200
    assert client.get(fixture + "/summary?lang=en").status_code == 200  # stored: open to read
    assert client.get(fixture + "/summary?lang=en&fetch=0").status_code == 200
    assert client.get(fixture + "/transcript?lang=en").status_code == 200
    refresh = client.post(fixture + "/summary?lang=en", json={"refresh": True})
    assert refresh.status_code == 401 and summarizer.calls == 1
    assert client.get("/api/v1/health").status_code == 200


def test_reads_can_need_a_token_too(shared):
    app = shared(AUTH_READS="tokens")
    client = app.test_client()
    token = auth.create(app.extensions["glance.store"], "carol")
    assert post(client, bearer(token)).status_code == 200
    assert client.get(URL + "?fetch=0").status_code == 401
    assert client.get(URL + "?fetch=0", headers=bearer(token)).status_code == 200
    assert client.get("/api/v1/health").status_code == 200  # the extension's connection test
    assert client.options(URL, headers={"Origin": "chrome-extension://" + "a" * 32,
                                        "Access-Control-Request-Method": "POST"}).status_code == 200


def test_only_the_admin_token_puts_and_deletes_curated_cards(shared):
    app = shared()
    client = app.test_client()
    token = auth.create(app.extensions["glance.store"], "dave")
    assert post(client, bearer(ADMIN_TOKEN)).status_code == 200  # the admin may do what a token may
    assert client.delete(URL, headers=bearer(token)).status_code == 401
    assert client.delete(URL, headers=bearer(ADMIN_TOKEN)).get_json() == {"deleted": 1}


def test_each_token_has_its_own_rate_limit(shared):
    app = shared(RATE_LIMIT=1)
    client, store = app.test_client(), app.extensions["glance.store"]
    first, second = auth.create(store, "erin"), auth.create(store, "frank")
    assert client.post(URL, json={"transcript": transcript_body("one")}, headers=bearer(first)).status_code == 200
    refreshed = {"transcript": transcript_body("two"), "refresh": True}
    assert client.post(URL, json=refreshed, headers=bearer(first)).status_code == 429
    assert client.post(URL, json=refreshed, headers=bearer(second)).status_code == 200  # same address, other person


def test_a_token_never_appears_in_logs_responses_or_the_database(shared, database, caplog, capsys, monkeypatch):
    monkeypatch.setenv("GLANCE_DATABASE", database)
    assert main(["token", "create", "grace"]) == 0
    token = capsys.readouterr().out.strip()
    assert token.startswith("glance_") and len(token) > 40

    app = shared()
    client = app.test_client()
    caplog.set_level(logging.INFO)
    responses = [post(client, bearer(token)), post(client, bearer(token + "wrong")), post(client),
                 client.get(URL + "?fetch=0", headers=bearer(token)), client.delete(URL, headers=bearer(token))]
    assert [r.status_code for r in responses] == [200, 401, 401, 200, 401]
    for response in responses:
        assert token not in response.get_data(as_text=True) and token not in str(response.headers)
    access = [r.getMessage() for r in caplog.records if r.name == "glance.access"]
    assert len(access) == 5 and "token=grace" in access[0] and "token=(invalid token)" in access[1]
    assert "token=-" in access[2] and f"POST /api/v1/videos/{VIDEO}/summary 200" in access[0]
    assert not [r for r in caplog.records if token in r.getMessage() or token[7:20] in r.getMessage()]

    assert main(["token", "list"]) == 0
    listed = capsys.readouterr().out
    assert "grace" in listed and token not in listed and auth.hash_token(token) not in listed
    store = app.extensions["glance.store"]
    assert store.token_name(auth.hash_token(token)) == "grace" and store.token_name(token) is None


def test_a_bad_auth_setting_stops_the_start(database, summarizer):
    with pytest.raises(ValueError, match="GLANCE_AUTH must be one of open, tokens"):
        create_app({"DATABASE": database, "SUMMARIZER": summarizer, "AUTH": "token"})


def test_ask_needs_a_token_only_when_it_must_fetch_the_transcript(shared, youtube):
    app = shared()
    client = app.test_client()
    token = auth.create(app.extensions["glance.store"], "gina")
    assert post(client, bearer(token)).status_code == 200
    question = {"question": "what is second?"}
    assert client.post(f"/api/v1/videos/{VIDEO}/ask", json=question).status_code == 200  # a stored transcript: a read
    unstored = f"/api/v1/videos/{FIXTURE_VIDEO}/ask?lang=en"
    refused = client.post(unstored, json=question)
    assert refused.status_code == 401 and youtube.calls == []
    assert client.post(unstored, json=question, headers=bearer(token)).status_code == 200 and youtube.calls


def test_regenerate_and_forget_need_a_token_then_the_regenerate_setting(shared):
    app = shared(REGENERATE="anyone")
    client = app.test_client()
    token = auth.create(app.extensions["glance.store"], "hugo")
    assert post(client, bearer(token)).status_code == 200
    refresh = {"transcript": transcript_body("a new first line"), "refresh": True}
    assert client.post(URL, json=refresh).status_code == 401  # "anyone" means any token holder
    assert client.delete(URL + "?origin=generated").status_code == 401
    assert client.post(URL, json=refresh, headers=bearer(token)).status_code == 200
    assert client.delete(URL + "?origin=generated", headers=bearer(token)).get_json() == {"deleted": 1}
    app.config["REGENERATE"] = "admin"
    assert post(client, bearer(token)).status_code == 200
    assert client.delete(URL + "?origin=generated", headers=bearer(token)).status_code == 401
    assert client.delete(URL + "?origin=generated", headers=bearer(ADMIN_TOKEN)).get_json() == {"deleted": 1}


def test_the_status_and_the_library_are_reads(shared):
    app = shared()
    client = app.test_client()
    assert client.get(URL + "/status").status_code == 200 and client.get("/library").status_code == 200
    gated = shared(AUTH_READS="tokens")
    client = gated.test_client()
    token = auth.create(gated.extensions["glance.store"], "iris")
    assert client.get(URL + "/status").status_code == 401
    assert client.get(URL + "/status", headers=bearer(token)).status_code == 200
    assert client.get("/library?q=hello").status_code == 401 and client.get("/library/export.zip").status_code == 401
    assert client.get("/library", headers=bearer(token)).status_code == 200
