"""The library page (server-rendered): listing, sorting, paging, FTS5 search kept in step with the store."""

from __future__ import annotations

import re
from html import unescape

import pytest

from ask_samples import talk_body
from service_helpers import transcript_body
from stores import BOTH_STORES

pytestmark = BOTH_STORES

TALK = "beesOnRoof1"


def post(client, video_id, *lines, title=None, channel=None, published=None, duration=None, refresh=False):
    video = {k: v for k, v in {"title": title, "channel": channel, "published": published, "duration": duration}.items() if v}
    # as the player fetched it: a whole caption track, though a few lines of a 10-minute video
    transcript = {**transcript_body(*lines), "source": "player"}
    reply = client.post(f"/api/v1/videos/{video_id}/summary",
                        json={"transcript": transcript, "video": video, "refresh": refresh})
    assert reply.status_code == 200, reply.get_json()


def rows(html: str) -> list[str]:
    return re.findall(r'<tr data-video-id="([^"]+)"', html)


def hits(html: str) -> list[tuple[str, str]]:
    return [(kind, unescape(url)) for kind, url in re.findall(r'<li class="hit" data-kind="(\w+)">\s*<a class="hit-link" href="([^"]+)"', html)]


def test_home_redirects_to_the_library(client):
    response = client.get("/")
    assert response.status_code == 302 and response.headers["Location"].endswith("/library")


def test_empty_library_says_how_to_fill_it(client):
    html = client.get("/library").get_data(as_text=True)
    assert "No videos yet" in html and "0 videos" in html


def test_listing_shows_facts_and_sorts(client):
    post(client, "aaaaaaaaaa1", "One line.", title="Zebra talk", channel="Beta", published="2024-05-01", duration=600)
    post(client, "aaaaaaaaaa2", "Two lines.", title="apple talk", channel="Alpha", published="2025-01-01", duration=3700)
    html = client.get("/library").get_data(as_text=True)
    assert rows(html) == ["aaaaaaaaaa2", "aaaaaaaaaa1"]  # newest summarized first
    assert "Zebra talk" in html and "Beta" in html and "2024-05-01" in html and "1:01:40" in html and "lines" in html
    assert rows(client.get("/library?sort=title").get_data(as_text=True)) == ["aaaaaaaaaa2", "aaaaaaaaaa1"]
    assert rows(client.get("/library?sort=title&order=desc").get_data(as_text=True)) == ["aaaaaaaaaa1", "aaaaaaaaaa2"]
    assert rows(client.get("/library?sort=duration").get_data(as_text=True)) == ["aaaaaaaaaa2", "aaaaaaaaaa1"]
    assert rows(client.get("/library?sort=published&order=asc").get_data(as_text=True)) == ["aaaaaaaaaa1", "aaaaaaaaaa2"]
    assert rows(client.get("/library?sort=channel").get_data(as_text=True)) == ["aaaaaaaaaa2", "aaaaaaaaaa1"]


def test_paging_shows_every_video_once(client):
    ids = [f"pagevideo{i:02d}" for i in range(27)]
    for video_id in ids:
        post(client, video_id, f"Line of {video_id}.", title=f"Talk {video_id}")
    first = client.get("/library?sort=title").get_data(as_text=True)
    second = client.get("/library?sort=title&page=2").get_data(as_text=True)
    assert len(rows(first)) == 25 and "Page 1 of 2" in first and 'rel="next"' in first
    assert sorted(rows(first) + rows(second)) == ids and 'rel="prev"' in second
    assert rows(client.get("/library?page=3").get_data(as_text=True)) == []


def test_search_finds_titles_cards_and_transcripts_with_links_to_the_moment(client):
    reply = client.post(f"/api/v1/videos/{TALK}/summary", json=talk_body())
    assert reply.status_code == 200
    html = client.get("/library?q=varroa").get_data(as_text=True)
    moments = [int(url.rsplit("&t=", 1)[1]) for kind, url in hits(html) if kind == "transcript"]
    assert all(url.startswith(f"https://www.youtube.com/watch?v={TALK}&t=") for _, url in hits(html))
    assert any(76 - 20 <= t <= 76 for t in moments), moments  # said at 76 s: the passage starts at most 20 s before
    assert "<mark>varroa</mark>" in html.lower()
    assert ("title", f"https://www.youtube.com/watch?v={TALK}&t=0") in hits(client.get("/library?q=roof").get_data(as_text=True))
    # stems: "swarming" finds "swarm" and "swarms"; every word must occur
    assert hits(client.get("/library?q=swarming").get_data(as_text=True))
    assert hits(client.get("/library?q=varroa+giraffe").get_data(as_text=True)) == []


def test_search_follows_new_refreshed_and_deleted_cards(client, admin_headers):
    post(client, "searchvid01", "Octopus gardens under the sea.", title="Sea songs")
    assert hits(client.get("/library?q=octopus").get_data(as_text=True))
    post(client, "searchvid01", "Only starfish now.", refresh=True)
    assert hits(client.get("/library?q=octopus").get_data(as_text=True)) == []
    assert hits(client.get("/library?q=starfish").get_data(as_text=True))
    client.delete("/api/v1/videos/searchvid01/summary", headers=admin_headers)
    assert hits(client.get("/library?q=starfish").get_data(as_text=True)) == []


@pytest.mark.parametrize("query", ['"', "AND OR NOT", "bees*", "NEAR(a b)", "title:bees", "^", "-", "a'b"])
def test_search_syntax_in_the_box_is_just_words(client, query):
    post(client, "syntaxvid01", "Bees and more bees.")
    assert client.get("/library", query_string={"q": query}).status_code == 200


def test_titles_and_snippets_are_escaped(client):
    post(client, "escapevid01", "<b>bold</b> claims about <script>alert(1)</script> scripts.", title="<img src=x onerror=alert(1)>")
    listing = client.get("/library").get_data(as_text=True)
    found = client.get("/library?q=scripts").get_data(as_text=True)
    for html in (listing, found):
        assert "<img src=x" not in html and "<script>alert" not in html
    assert "&lt;img src=x" in listing


@pytest.mark.parametrize("url, field", [
    ("/library?sort=size", "'sort'"), ("/library?order=up", "'order'"), ("/library?page=0", "'page'"),
    ("/library?page=two", "'page'"), ("/library?q=" + "x" * 201, "'q'"),
    ("/library/videos/aaaaaaaaaa1.md?format=pdf", "'format'"), ("/library/export.zip?format=doc", "'format'"),
])
def test_bad_parameters_are_clear_errors(client, url, field):
    response = client.get(url)
    assert response.status_code == 400
    error = response.get_json()["error"]
    assert error["code"] == "invalid_request" and field in error["message"]


def test_export_of_an_unknown_video_is_not_found(client):
    response = client.get("/library/videos/aaaaaaaaaa9.md")
    assert response.status_code == 404 and response.get_json()["error"]["code"] == "not_found"
