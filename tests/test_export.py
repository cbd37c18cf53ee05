"""Export: Markdown and Obsidian notes (front matter parsed back as YAML), the zip of all, the CLI."""

from __future__ import annotations

import io
import json
import zipfile

import pytest
import yaml

from server import export
from server.__main__ import main

CARDS = {
    "video_id": "abcdefghijk",
    "video": {"title": 'Bees: "City" life #2 / a [test]', "channel": "Glance: Test Talks", "published": "2024-05-01",
              "duration": 3723.0, "people": []},
    "about": {"headline": "Bees do well on roofs.", "points": ["Count the mites."]},
    "ideas": [{"title": "Room", "detail": "Give the colony room in spring.", "start": 43.0}],
    "quotes": [{"text": "Fast hands make bees defensive.", "speaker": None, "start": 194.0}],
    "topics": ["varroa mites", "urban honey", "C++", "2024", "bees"],
    "chapters": [{"start": 0.0, "title": "Start"}, {"start": 76.0, "title": "Mites"}],
    "meta": {"origin": "generated", "summarizer": "extractive", "version": "1", "language": "en", "transcript": "manual",
             "transcript_source": "client", "created_at": "2026-12-01T10:00:00Z"},
}


def split_note(text: str) -> tuple[dict, str]:
    assert text.startswith("---\n")
    header, body = text[4:].split("\n---\n", 1)
    return yaml.safe_load(header), body


def test_obsidian_note_has_valid_front_matter_and_the_markdown():
    meta, body = split_note(export.to_obsidian(CARDS))
    assert meta == {
        "title": 'Bees: "City" life #2 / a [test]', "channel": "Glance: Test Talks",
        "url": "https://www.youtube.com/watch?v=abcdefghijk", "date": "2024-05-01", "duration": "1:02:03",
        "tags": ["youtube", "varroa-mites", "urban-honey", "c", "bees"],
        "summarized": "2026-12-01T10:00:00Z", "summarizer": "extractive",
    }
    assert body.strip() == export.cards_to_markdown(CARDS).strip()
    assert "[0:43](https://youtu.be/abcdefghijk?t=43)" in body and "[1:16](https://youtu.be/abcdefghijk?t=76)" in body


def test_unknown_facts_are_left_out_of_the_front_matter():
    bare = {**CARDS, "video": {"title": None, "channel": None, "published": None, "duration": None, "people": []},
            "topics": []}
    meta, _ = split_note(export.to_obsidian(bare))
    assert meta["title"] == "abcdefghijk" and meta["tags"] == ["youtube"]
    assert "channel" not in meta and "date" not in meta and "duration" not in meta


@pytest.mark.parametrize("title, expected", [
    ('Bees: "City" life #2 / a [test]', "Bees City life 2 a test (abcdefghijk).md"),
    ("", "abcdefghijk.md"), ("...", "abcdefghijk.md"), ("x" * 300, "x" * 100 + " (abcdefghijk).md"),
])
def test_file_names_are_safe(title, expected):
    assert export.file_name({**CARDS, "video": {**CARDS["video"], "title": title}}) == expected


def test_zip_of_the_library_parses_back(client, admin_headers):
    for video_id, title in (("abcdefghijk", "First talk"), ("bcdefghijkl", "Second: talk")):
        body = {**CARDS, "video_id": video_id, "video": {**CARDS["video"], "title": title}}
        assert client.put(f"/api/v1/videos/{video_id}/summary", json=body, headers=admin_headers).status_code == 200
    response = client.get("/library/export.zip?format=obsidian")
    assert response.status_code == 200 and response.mimetype == "application/zip"
    assert "glance-obsidian.zip" in response.headers["Content-Disposition"]
    with zipfile.ZipFile(io.BytesIO(response.data)) as archive:
        names = sorted(archive.namelist())
        assert names == ["First talk (abcdefghijk).md", "Second talk (bcdefghijkl).md"]
        titles = {split_note(archive.read(name).decode())[0]["title"] for name in names}
    assert titles == {"First talk", "Second: talk"}
    one = client.get("/library/videos/bcdefghijkl.md?format=markdown")
    assert one.status_code == 200 and one.get_data(as_text=True).startswith("# Second: talk\n")
    assert "Second talk (bcdefghijkl).md" in one.headers["Content-Disposition"]


@pytest.fixture
def stored(tmp_path, monkeypatch):
    monkeypatch.setenv("GLANCE_DATABASE", str(tmp_path / "cli.db"))
    path = tmp_path / "cards.json"
    path.write_text(json.dumps([CARDS, {**CARDS, "video_id": "bcdefghijkl"}]))
    assert main(["import", str(path)]) == 0
    return tmp_path


def test_cli_prints_one_video_and_writes_folders_and_zips(stored, capsys):
    capsys.readouterr()
    assert main(["export", "https://youtu.be/abcdefghijk", "--format", "obsidian"]) == 0
    meta, _ = split_note(capsys.readouterr().out)
    assert meta["url"] == "https://www.youtube.com/watch?v=abcdefghijk"
    assert main(["export", "--out", str(stored / "notes")]) == 0
    assert len(list((stored / "notes").glob("*.md"))) == 2
    assert main(["export", "--format", "obsidian", "--out", str(stored / "all.zip")]) == 0
    with zipfile.ZipFile(stored / "all.zip") as archive:
        assert len(archive.namelist()) == 2


@pytest.mark.parametrize("args, message", [
    (["export"], "2 videos: give --out"),
    (["export", "zzzzzzzzzzz"], "no cards are stored for zzzzzzzzzzz"),
    (["export", "not a video"], "is not a YouTube link or video id"),
])
def test_cli_errors_are_one_line(stored, capsys, args, message):
    capsys.readouterr()
    assert main(args) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: ") and message in err and "Traceback" not in err
