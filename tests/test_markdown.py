"""Cards as Markdown for the command line: links to the moment, no empty sections."""

from server.markdown import cards_to_markdown, timestamp

CARDS = {
    "video_id": "abcdefghijk",
    "video": {"title": "A talk", "channel": "Chan", "published": None, "duration": 3725, "people": []},
    "about": {"headline": "It is about soil.", "points": ["Soil holds water."]},
    "ideas": [], "quotes": [{"text": "Mulch is cheap.", "speaker": None, "start": 75.4}],
    "topics": [], "chapters": [{"start": 0, "title": "Start"}],
}


def test_markdown_links_every_time_and_skips_empty_cards():
    text = cards_to_markdown(CARDS)
    assert text.startswith("# A talk\n\nChan · 1:02:05\n")
    assert '> "Mulch is cheap." — via Chan [1:15](https://youtu.be/abcdefghijk?t=75)' in text
    assert "## Ideas" not in text and "## Topics" not in text
    assert "\n\n\n" not in text and text.endswith("\n")


def test_timestamps_read_like_youtube():
    assert [timestamp(s) for s in (0, 59.9, 61, 3600, 3725)] == ["0:00", "0:59", "1:01", "1:00:00", "1:02:05"]


def test_a_quote_names_its_speaker_when_known_else_the_channel_it_came_from():
    known = dict(CARDS, quotes=[{"text": "Mulch is cheap.", "speaker": "Ana Ruiz", "start": 75.4}])
    assert '> "Mulch is cheap." — Ana Ruiz [1:15]' in cards_to_markdown(known)
    nobody = dict(CARDS, video=dict(CARDS["video"], channel=None))
    assert '> "Mulch is cheap." [1:15]' in cards_to_markdown(nobody)
