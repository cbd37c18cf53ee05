"""The HTTP contract: cards shape, stored before generated, curated wins, admin endpoints, CORS.

Every test runs on SQLite and on PostgreSQL."""

from __future__ import annotations

import json

import pytest

from stores import BOTH_STORES
from youtube_replay import FIXTURE_VIDEO

from service_helpers import transcript_body

pytestmark = BOTH_STORES

VIDEO = "abcdefghijk"
URL = f"/api/v1/videos/{VIDEO}/summary"
CARD_KEYS = ["video_id", "video", "about", "ideas", "quotes", "topics", "chapters", "meta"]
META_KEYS = {"origin", "summarizer", "version", "language", "transcript", "transcript_source", "partial", "created_at",
             "model", "fallback", "fallback_reason"}


def post(client, *texts, **body):
    return client.post(URL, json={"transcript": transcript_body(*texts), **body})


def test_health(client):
    body = client.get("/api/v1/health").get_json()
    assert body["status"] == "ok" and body["store"] == "ok" and body["summarizer"] == "lines" and body["version"]


def test_post_returns_cards_in_the_contract_shape(client):
    response = post(client, "The first line.", "The second line.", video={"title": "A talk", "channel": "Chan",
                                                                           "published": "2024-01-02", "duration": 60})
    assert response.status_code == 200
    cards = response.get_json()
    assert list(cards) == CARD_KEYS
    assert cards["video_id"] == VIDEO
    assert cards["video"] == {"title": "A talk", "channel": "Chan", "published": "2024-01-02", "duration": 60.0,
                              "people": []}
    assert set(cards["about"]) == {"headline", "points"}
    assert all(set(i) == {"title", "detail", "start"} for i in cards["ideas"])
    assert all(set(q) == {"text", "speaker", "start"} for q in cards["quotes"])
    assert set(cards["meta"]) == META_KEYS
    assert cards["meta"]["origin"] == "generated" and cards["meta"]["language"] == "en"
    assert cards["meta"]["transcript"] == "manual" and cards["meta"]["transcript_source"] == "client"
    assert cards["meta"]["created_at"].endswith("Z")


def test_stored_cards_are_served_without_regenerating(client, summarizer):
    first = post(client, "One.", "Two.").get_json()
    again = post(client, "Something else entirely.").get_json()
    fetched = client.get(URL + "?lang=en").get_json()
    assert first == again == fetched
    assert summarizer.calls == 1


def test_refresh_regenerates(client, summarizer):
    post(client, "One.")
    refreshed = post(client, "Fresh words.", refresh=True).get_json()
    assert summarizer.calls == 2
    assert refreshed["about"]["headline"] == "Fresh words."
    assert client.get(URL).get_json()["about"]["headline"] == "Fresh words."


def test_fetch_zero_only_reads_the_store(client, youtube):
    response = client.get(URL + "?fetch=0")
    assert response.status_code == 404 and response.get_json()["error"]["code"] == "not_found"
    assert youtube.calls == []
    post(client, "One.")
    assert client.get(URL + "?fetch=0").get_json()["about"]["headline"] == "One."


def test_get_fetches_from_youtube_and_stores(client, app, youtube, summarizer):
    url = f"/api/v1/videos/{FIXTURE_VIDEO}/summary?lang=en"
    cards = client.get(url).get_json()
    assert cards["about"]["headline"] == "Hey, this is just a test"
    assert cards["meta"]["transcript_source"] == "server" and cards["meta"]["transcript"] == "manual"
    assert client.get(url).get_json() == cards
    assert summarizer.calls == 1 and len(youtube.calls) == 3
    stored = app.extensions["glance.store"].load_transcript(FIXTURE_VIDEO, "en")
    assert len(stored.segments) == 3


def test_post_without_transcript_fetches_server_side(client):
    response = client.post(f"/api/v1/videos/{FIXTURE_VIDEO}/summary", json={"video": {"title": "Surface Go"}})
    assert response.status_code == 200
    assert response.get_json()["video"]["title"] == "Surface Go"


def test_creator_chapters_and_metadata_reach_the_summarizer(client):
    chapters = [{"start": 0, "title": "Intro"}, {"start": 4, "title": "Main part"}]
    cards = post(client, "One.", "Two.", video={"chapters": chapters}).get_json()
    assert cards["chapters"] == [{"start": 0.0, "title": "Intro"}, {"start": 4.0, "title": "Main part"}]


def test_quotes_that_are_not_in_the_transcript_are_dropped(app, client, summarizer):
    from server.models import Quote

    original = summarizer.summarize

    def with_invented_quote(transcript, video):
        cards = original(transcript, video)
        cards.quotes.append(Quote(text="Words nobody ever said here.", speaker=None, start=0.0))
        cards.quotes.append(Quote(text="The first line.", speaker=None, start=4.0))  # said, but at 0.0
        return cards

    summarizer.summarize = with_invented_quote
    cards = post(client, "The first line.", "The second line.").get_json()
    assert [q["text"] for q in cards["quotes"]] == ["The first line.", "The second line."]


def test_curated_cards_win_and_can_be_deleted(client, admin_headers, summarizer):
    post(client, "Generated words.")
    curated = {
        "about": {"headline": "Curated headline", "points": ["One point"]},
        "ideas": [{"title": "An idea", "detail": "Its detail.", "start": 1}],
        "quotes": [{"text": "A quote.", "speaker": "Ada", "start": 2}],
        "topics": ["topic"], "chapters": [{"start": 0, "title": "All"}],
        "video": {"title": "T", "people": [{"name": "Ada", "role": "guest"}]},
        "meta": {"language": "en"},
    }
    put = client.put(URL, json=curated, headers=admin_headers)
    assert put.status_code == 200
    assert put.get_json()["meta"]["origin"] == "curated"
    served = post(client, "Other words.", refresh=True).get_json()
    assert served["about"]["headline"] == "Curated headline" and served["meta"]["origin"] == "curated"
    assert list(served) == CARD_KEYS
    assert client.get(URL + "?lang=en").get_json() == served

    assert client.delete(URL, headers=admin_headers).get_json() == {"deleted": 2}
    assert client.delete(URL, headers=admin_headers).status_code == 404
    assert client.get(URL + "?fetch=0").status_code == 404


@pytest.mark.parametrize("headers", [{}, {"Authorization": "Bearer wrong"}, {"Authorization": "test-admin-token"}])
def test_admin_endpoints_need_the_token(client, headers):
    assert client.put(URL, json={"about": {"headline": "x", "points": []}}, headers=headers).status_code == 401
    assert client.delete(URL, headers=headers).status_code == 401


def test_admin_endpoints_are_closed_without_a_configured_token(database, summarizer):
    from server import create_app

    app = create_app({"DATABASE": database, "SUMMARIZER": summarizer, "ADMIN_TOKEN": None})
    assert app.test_client().delete(URL, headers={"Authorization": "Bearer "}).status_code == 401


@pytest.mark.parametrize("body, field", [
    ({"transcript": {"segments": [{"start": -1, "duration": 1, "text": "x"}]}}, "transcript.segments[0].start"),
    ({"transcript": {"segments": [{"start": "NaN", "duration": 1, "text": "x"}]}}, "transcript.segments[0].start"),
    ({"transcript": {"segments": [{"start": 0, "duration": 1, "text": 5}]}}, "transcript.segments[0].text"),
    ({"transcript": {"segments": [{"start": 0, "text": "x" * 60_000}]}}, "transcript.segments[0].text"),
    ({"transcript": {"segments": "nope"}}, "transcript.segments"),
    ({"transcript": {"kind": "robot", "segments": []}}, "transcript.kind"),
    ({"transcript": {"language": "english!", "segments": []}}, "transcript.language"),
    ({"video": {"duration": 10, "chapters": [{"start": 99, "title": "late"}]}}, "video.chapters[0].start"),
    ({"video": "title"}, "video"),
    ({"refresh": "yes"}, "refresh"),
    ({"transcript": {"partial": "yes", "segments": [{"start": 0, "text": "x"}]}}, "transcript.partial"),
    ({"surprise": 1}, "surprise"),
    ([1, 2], "JSON object"),
])
def test_invalid_bodies_name_the_field(client, body, field):
    response = client.post(URL, data=json.dumps(body), content_type="application/json")
    assert response.status_code == 400
    error = response.get_json()["error"]
    assert error["code"] == "invalid_request" and field in error["message"]


def test_infinite_times_are_refused(client):
    response = client.post(URL, data='{"transcript": {"segments": [{"start": Infinity, "text": "x"}]}}',
                           content_type="application/json")
    assert response.status_code == 400


def test_whitespace_only_transcript_is_no_transcript(client):
    response = post(client, "   ", "\n")
    assert response.status_code == 404 and response.get_json()["error"]["code"] == "no_transcript"


def test_hostile_text_is_kept_as_text_and_control_characters_dropped(client):
    hostile = '<img src=x onerror="alert(1)"> \x00\x07 </script>'
    cards = post(client, hostile).get_json()
    assert cards["about"]["headline"] == '<img src=x onerror="alert(1)"> </script>'
    transcript = client.get(f"/api/v1/videos/{VIDEO}/transcript").get_json()
    assert transcript["segments"][0]["text"] == '<img src=x onerror="alert(1)"> </script>'


def test_a_transcript_ending_far_before_the_video_is_served_flagged_and_not_stored(app, client, summarizer):
    """30 lines of 4 s (2 minutes) sent for a 10-minute video: the page stopped loading it."""
    lines = [f"Line number {i}." for i in range(30)]
    first = post(client, *lines, video={"duration": 600}).get_json()
    assert first["meta"]["partial"] is True
    assert client.get(URL + "?fetch=0").status_code == 404  # no stored cards
    with app.app_context():
        assert app.extensions["glance.store"].load_transcript(VIDEO, "en") is None  # nor a stored transcript
    again = post(client, *lines, video={"duration": 600}).get_json()
    assert again["meta"]["partial"] is True and summarizer.calls == 2  # made again: nothing was kept
    with app.app_context():  # the transcript travelled in the jobs' payloads, which are gone once they are done
        jobs = app.extensions["glance.store"].jobs_for_video(VIDEO)
    assert [(job.state, job.payload) for job in jobs] == [("done", {}), ("done", {})]


def test_a_transcript_marked_partial_by_the_sender_is_not_stored(app, client):
    body = transcript_body("One.", "Two.")
    cards = client.post(URL, json={"transcript": {**body, "partial": True}}).get_json()
    assert cards["meta"]["partial"] is True
    assert client.get(URL + "?fetch=0").status_code == 404
    with app.app_context():
        assert app.extensions["glance.store"].load_transcript(VIDEO, "en") is None


def test_the_players_own_caption_body_is_a_whole_track_even_when_it_ends_early(client):
    """Captions that stop early (music to the end) but came whole from the player are kept."""
    body = transcript_body(*[f"Line number {i}." for i in range(30)])
    cards = client.post(URL, json={"transcript": {**body, "source": "player"}, "video": {"duration": 600}}).get_json()
    assert cards["meta"]["partial"] is False
    assert client.get(URL + "?fetch=0").status_code == 200


@pytest.mark.parametrize("duration", [None, 130, 140])
def test_a_transcript_that_reaches_the_end_is_whole(client, duration):
    """120 s of lines: whole for an unknown length and when it stops within the slack (30 s here)."""
    lines = [f"Line number {i}." for i in range(30)]
    cards = post(client, *lines, video={"duration": duration} if duration else {}).get_json()
    assert cards["meta"]["partial"] is False
    assert client.get(URL + "?fetch=0").status_code == 200


def test_a_failed_generation_stores_nothing(client, summarizer):
    summarizer.summarize = lambda transcript, video: (_ for _ in ()).throw(RuntimeError("boom"))
    assert post(client, "One.").status_code == 500
    assert client.get(URL + "?fetch=0").status_code == 404


def test_a_body_must_be_sent_as_json(client):
    """A page on another site can only send text/plain without a CORS preflight: refused."""
    body = json.dumps({"transcript": transcript_body("Planted by another site.")})
    response = client.post(URL, data=body, content_type="text/plain")
    assert response.status_code == 400 and "application/json" in response.get_json()["error"]["message"]
    assert client.get(URL + "?fetch=0").status_code == 404


def test_language_codes_match_by_base_language_and_any_case(client, summarizer):
    client.post(URL, json={"transcript": transcript_body("Hallo zusammen.", language="DE")})
    for lang in ("de", "de-AT", "DE"):
        assert client.get(f"{URL}?lang={lang}&fetch=0").get_json()["about"]["headline"] == "Hallo zusammen."
    assert client.get(f"{URL}?lang=fr&fetch=0").status_code == 404
    assert summarizer.calls == 1


def test_cards_made_in_another_language_are_found_for_the_language_asked(client, youtube, summarizer):
    url = f"/api/v1/videos/{FIXTURE_VIDEO}/summary?lang=xx"
    first = client.get(url).get_json()
    assert first["meta"]["language"] != "xx"
    calls = len(youtube.calls)
    assert client.get(url).get_json() == first
    assert client.get(f"/api/v1/videos/{FIXTURE_VIDEO}/transcript?lang=xx").status_code == 200
    assert len(youtube.calls) == calls and summarizer.calls == 1


def test_a_sent_transcript_never_waits_on_a_blocked_server_fetch(client, youtube):
    import threading
    import time

    def slow_block():
        time.sleep(0.5)
        return (200, "youtube_request_blocked.innertube.json.static")

    youtube.routes[("POST", "/youtubei/v1/player")] = [slow_block]
    url = f"/api/v1/videos/{FIXTURE_VIDEO}/summary"
    results = {}
    fetching = threading.Thread(target=lambda: results.setdefault("get", client.get(url + "?lang=en")))
    fetching.start()
    time.sleep(0.1)
    sent = client.post(url, json={"transcript": transcript_body("Read from the page.")})
    fetching.join()
    assert results["get"].get_json()["error"]["code"] == "youtube_blocked"
    assert sent.status_code == 200 and sent.get_json()["about"]["headline"] == "Read from the page."


def test_curated_times_must_lie_inside_the_video(client, admin_headers):
    cards = {"about": {"headline": "h", "points": []}, "video": {"duration": 60},
             "ideas": [{"title": "t", "detail": "d", "start": 99}]}
    response = client.put(URL, json=cards, headers=admin_headers)
    assert response.status_code == 400 and "ideas[0].start" in response.get_json()["error"]["message"]


def test_only_requests_that_generate_count_against_the_rate_limit(database, summarizer):
    from server import create_app

    client = create_app({"DATABASE": database, "SUMMARIZER": summarizer, "RATE_LIMIT": 2}).test_client()
    assert post(client, "One.").status_code == 200
    for _ in range(5):  # stored cards and the stored transcript are free
        assert client.get(URL).status_code == 200
        assert client.get(f"/api/v1/videos/{VIDEO}/transcript").status_code == 200
    assert client.post("/api/v1/videos/otherVideo1/summary", json={"transcript": transcript_body("Two.")}).status_code == 200
    limited = client.post("/api/v1/videos/thirdVideo1/summary", json={"transcript": transcript_body("Three.")})
    assert limited.status_code == 429 and limited.headers["Retry-After"]


def test_a_long_sent_transcript_counts_as_several_requests(database, summarizer):
    """The rate limit bounds the summarizer's work: one request per 100,000 characters sent."""
    from server import create_app

    client = create_app({"DATABASE": database, "SUMMARIZER": summarizer, "RATE_LIMIT": 6}).test_client()
    long = transcript_body(*[" ".join(f"w{n}" for n in range(start, start + 5_000)) for start in range(0, 50_000, 5_000)])
    assert 300_000 <= sum(len(s["text"]) for s in long["segments"]) < 400_000  # counts 4
    assert client.post("/api/v1/videos/longVideo01/summary", json={"transcript": long}).status_code == 200
    assert client.post("/api/v1/videos/shortVideo1/summary", json={"transcript": transcript_body("Short.")}).status_code == 200
    limited = client.post("/api/v1/videos/longVideo02/summary", json={"transcript": long})
    assert limited.status_code == 429
    assert client.post("/api/v1/videos/shortVideo2/summary", json={"transcript": transcript_body("Short.")}).status_code == 200
