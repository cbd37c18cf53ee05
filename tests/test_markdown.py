"""Cards as Markdown (the command line, the library's export, the panel's Copy all through the API):
links to the moment, no empty sections, every text escaped by one rule."""

import pytest

from server.markdown import cards_to_markdown, escape, timestamp

CARDS = {
    "video_id": "abcdefghijk",
    "video": {"title": "A talk", "channel": "Chan", "published": None, "duration": 3725, "people": []},
    "about": {"headline": "It is about soil.", "points": ["Soil holds water."]},
    "ideas": [], "quotes": [{"text": "Mulch is cheap.", "speaker": None, "start": 75.4}],
    "topics": [], "chapters": [{"start": 0, "title": "Start"}],
}


def test_markdown_links_every_time_and_skips_empty_cards():
    text = cards_to_markdown(CARDS)
    assert text.startswith("# A talk\n\nChan · 1:02:05 · https://youtu.be/abcdefghijk\n")
    assert '> "Mulch is cheap." — via Chan ([1:15](https://youtu.be/abcdefghijk?t=75))' in text
    assert "## Ideas" not in text and "## Topics" not in text
    assert "\n\n\n" not in text and text.endswith("\n")


def test_timestamps_read_like_youtube():
    assert [timestamp(s) for s in (0, 59.9, 61, 3600, 3725)] == ["0:00", "0:59", "1:01", "1:00:00", "1:02:05"]


def test_a_quote_names_its_speaker_when_known_else_the_channel_it_came_from():
    known = dict(CARDS, quotes=[{"text": "Mulch is cheap.", "speaker": "Ana Ruiz", "start": 75.4}])
    assert '> "Mulch is cheap." — Ana Ruiz ([1:15]' in cards_to_markdown(known)
    nobody = dict(CARDS, video=dict(CARDS["video"], channel=None))
    assert '> "Mulch is cheap." ([1:15]' in cards_to_markdown(nobody)


def test_every_text_is_escaped_by_one_rule_so_captions_stay_text():
    hostile = dict(CARDS, video=dict(CARDS["video"], title="*Bold* <b>claims</b>", channel="a_b"),
                   about={"headline": "Use `rm` [now](x)", "points": ["2 * 3 \\ 4"]},
                   topics=["C++", "<script>"], quotes=[{"text": "It's _that_ simple.", "speaker": "Dr. [X]", "start": 1}])
    text = cards_to_markdown(hostile)
    assert text.startswith("# \\*Bold\\* \\<b\\>claims\\</b\\>\n\na\\_b · ")
    assert "**Use \\`rm\\` \\[now\\](x)**" in text and "1. 2 \\* 3 \\\\ 4" in text
    assert "C++, \\<script\\>" in text and '> "It\'s \\_that\\_ simple." — Dr. \\[X\\] ([0:01]' in text
    assert escape("plain words, (parens) and 1. numbers") == "plain words, (parens) and 1. numbers"


def test_the_service_writes_the_panels_markdown_from_the_cards_it_is_sent(client):
    """Copy all posts the cards it shows (stored or not: a fallback's cards are never stored)."""
    response = client.post("/api/v1/videos/abcdefghijk/markdown", json=CARDS)
    assert response.status_code == 200
    assert response.get_json() == {"markdown": cards_to_markdown(CARDS)}


def test_cards_with_unknown_fields_left_out_still_read_as_markdown(client):
    sparse = {"about": {"headline": "Nothing else was sent.", "points": None}, "video": None, "ideas": None,
              "quotes": [{"text": "A quote without a time.", "speaker": None, "start": None}], "meta": None}
    text = client.post("/api/v1/videos/abcdefghijk/markdown", json=sparse).get_json()["markdown"]
    assert text == ("# abcdefghijk\n\nhttps://youtu.be/abcdefghijk\n\n"  # no facts: the link alone
                    "## What it's really about\n\n**Nothing else was sent.**\n\n"
                    '## Words worth saving\n\n> "A quote without a time."\n')


@pytest.mark.parametrize("body, field", [
    ([], "Cards must be a JSON object"), ({"ideas": "many"}, "'ideas' must be a list"),
    ({"quotes": [{"text": 3}]}, "'quotes[0].text' must be a string"), ({"topics": ["x" * 201]}, "'topics[0]' is longer than 200"),
    ({"video_id": "bcdefghijkl"}, "does not match the video"), ({"chapters": [{"title": "x", "start": -1}]}, "chapters[0].start"),
])
def test_bad_cards_for_markdown_are_a_clear_error(client, body, field):
    response = client.post("/api/v1/videos/abcdefghijk/markdown", json=body)
    assert response.status_code == 400 and response.get_json()["error"]["code"] == "invalid_request"
    assert field in response.get_json()["error"]["message"]
