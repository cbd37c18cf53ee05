"""One parser for every form of YouTube link a user pastes; everything else is rejected."""

import pytest

from server.video_ids import parse_video_id

ID = "dQw4w9WgXcQ"


@pytest.mark.parametrize("text", [
    ID,
    f"  {ID}\n",
    f"https://www.youtube.com/watch?v={ID}",
    f"http://youtube.com/watch?v={ID}",
    f"https://www.youtube.com/watch?v={ID}&t=42s",
    f"https://www.youtube.com/watch?feature=share&v={ID}&list=PL123",
    f"https://youtu.be/{ID}",
    f"https://youtu.be/{ID}?si=AbCdEf123&t=10",
    f"https://www.youtube.com/shorts/{ID}",
    f"https://www.youtube.com/shorts/{ID}?feature=share",
    f"https://www.youtube.com/embed/{ID}?start=30",
    f"https://www.youtube-nocookie.com/embed/{ID}",
    f"https://www.youtube.com/live/{ID}?si=xyz",
    f"https://m.youtube.com/watch?v={ID}",
    f"https://music.youtube.com/watch?v={ID}&list=RDAMVM",
    f"https://www.youtube.com/v/{ID}",
    f"www.youtube.com/watch?v={ID}",
    f"youtu.be/{ID}",
    f"https://WWW.YOUTUBE.COM/watch?v={ID}",
    f"https://www.youtube.com/watch/?v={ID}#comments",
])
def test_accepts_every_real_form(text):
    assert parse_video_id(text) == ID


@pytest.mark.parametrize("text", [
    "", "   ", "dQw4w9WgXc", "dQw4w9WgXcQQ", "dQw4w9WgXc!", "dQw4w9 WgXcQ",
    f"https://www.youtube.com/watch?v={ID}x",
    f"https://www.youtube.com/watch?list={ID}",
    f"https://www.youtube.com/watch?v={ID}&v=aaaaaaaaaaa",
    f"https://evil.example/watch?v={ID}",
    f"https://youtube.com.evil.example/watch?v={ID}",
    f"https://www.youtube.com/channel/{ID}",
    f"https://youtu.be/{ID}/extra",
    f"javascript:alert('{ID}')",
    f"ftp://youtu.be/{ID}",
    "https://www.youtube.com/",
    None, 12345678901,
])
def test_rejects_everything_else(text):
    assert parse_video_id(text) is None


def test_api_rejects_links_in_the_path(client):
    response = client.get("/api/v1/videos/dQw4w9WgXc!/summary")
    assert response.status_code == 400
    assert response.get_json()["error"]["code"] == "invalid_video_id"
