"""People named in a video's title (extractive/people.py): guest, topic and host."""

from server.summarizers.extractive.people import title_parts


def test_title_gives_guest_topic_and_host():
    assert title_parts("Jane Doe: Gardens | Weekend Podcast #12") == ("Jane Doe", "Gardens", None)
    assert title_parts("Jane Doe: Gardens | Sam Host Podcast #3") == ("Jane Doe", "Gardens", "Sam Host")
    assert title_parts("Why soil matters (Jane Doe, GardenCon 2024)") == ("Jane Doe", "Why soil matters", None)
    assert title_parts(None) == (None, None, None)
