"""Reading transcript files (server/transcript_files.py), called directly: WebVTT and SRT cues, the
WebVTT header, JSON segments, POST bodies and the corpus format with speaker turns, and the errors
that say what is wrong with a file. tests/test_cli.py runs the same files through `summarize`."""

from __future__ import annotations

import pytest

from server.transcript_files import TranscriptFileError, parse_cues, read_transcript_file, vtt_header

VTT = """WEBVTT
Kind: captions
Language: nl
Title: Bodem en compost

NOTE written by hand for this test

1
00:00:01.000 --> 00:00:04.500 align:start position:0%
<c.colorE5E5E5>Good <00:00:02.000><c>soil</c></c> &amp; compost

00:00:04.500 --> 00:00:04.900
   

1:02:03.250 --> 1:02:05.000
the last &quot;word&quot;
said twice
"""

SRT = """1\r
00:00:05,500 --> 00:00:07,000\r
<i>First</i> line\r
\r
2\r
00:01:05,500 --> 00:01:04,000\r
A cue that ends before it starts\r
"""


def write(folder, name: str, text: str | bytes):
    path = folder / name
    path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    return path


def test_vtt_cues_lose_tags_entities_settings_and_empty_cues():
    assert parse_cues(VTT) == [
        {"start": 1.0, "duration": 3.5, "text": "Good soil & compost"},
        {"start": 3723.25, "duration": 1.75, "text": 'the last "word" said twice'},  # hours, two lines
    ]


def test_srt_cues_use_commas_and_a_backwards_cue_lasts_nothing():
    assert parse_cues(SRT) == [{"start": 5.5, "duration": 1.5, "text": "First line"},
                               {"start": 65.5, "duration": 0.0, "text": "A cue that ends before it starts"}]


def test_the_vtt_header_names_language_and_title_and_stops_at_the_first_blank_line():
    assert vtt_header(VTT) == {"language": "nl", "title": "Bodem en compost"}
    assert vtt_header("WEBVTT\n\nChannel: too late\n") == {}
    assert vtt_header("1\n00:00:01,000 --> 00:00:02,000\nSRT has no header\n") == {}


def test_a_vtt_file_gives_a_post_body_with_its_language_and_a_video_with_its_title(tmp_path):
    body, video = read_transcript_file(write(tmp_path, "talk.VTT", "\ufeff" + VTT))  # a byte order mark too
    assert body == {"segments": parse_cues(VTT), "kind": None, "language": "nl"}
    assert video == {"title": "Bodem en compost"}


def test_json_files_in_every_shape_the_cli_accepts(tmp_path):
    segments = [{"start": 0, "duration": 2, "text": "Hi."}]
    assert read_transcript_file(write(tmp_path, "list.json", '[{"start": 0, "duration": 2, "text": "Hi."}]')) == \
        ({"segments": segments}, {})
    post = '{"transcript": {"segments": [{"start": 0, "duration": 2, "text": "Hi."}]}, "video": {"title": "T"}}'
    assert read_transcript_file(write(tmp_path, "post.json", post)) == ({"segments": segments}, {"title": "T"})
    corpus = ('{"language": "en", "transcript_kind": "youtube_asr", "title": "T", "channel": "C", "duration": 9,'
              ' "chapters": [{"start": 0, "title": "Start"}], "segments": [{"start": 0, "duration": 2, "text": "Hi."}]}')
    assert read_transcript_file(write(tmp_path, "corpus.json", corpus)) == (
        {"segments": segments, "language": "en", "kind": "generated"},
        {"title": "T", "channel": "C", "duration": 9, "chapters": [{"start": 0, "title": "Start"}]})


def test_speaker_turns_without_a_time_start_where_the_one_before_did(tmp_path):
    turns = '{"turns": [{"start": 3, "speaker": "Ann", "text": "One."}, {"speaker": "Bo", "text": "Two."}]}'
    body, _ = read_transcript_file(write(tmp_path, "turns.json", turns))
    assert body["segments"] == [{"start": 3.0, "duration": 0.0, "text": "One.", "speaker": "Ann"},
                                {"start": 3.0, "duration": 0.0, "text": "Two.", "speaker": "Bo"}]


@pytest.mark.parametrize("name, content, says", [
    ("empty.vtt", "WEBVTT\n\n", "empty.vtt: no cues with times found"),
    ("notes.srt", "just some words\n", "notes.srt: no cues with times found"),
    ("prose.txt", "Good soil matters.", "is not JSON, WebVTT (.vtt) or SRT (.srt)"),
    ("number.json", "12", "expected a list of segments or an object with 'segments'"),
    ("nothing.json", '{"title": "T"}', "no 'segments' list"),
    ("turn.json", '{"turns": ["One."]}', "turns[0] is not an object"),
    ("time.json", '{"turns": [{"start": "0:03", "text": "One."}]}', "turns[0].start is not a number of seconds"),
    ("latin1.vtt", "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\ncaf\xe9\n".encode("latin-1"), "it is not UTF-8 text"),
])
def test_a_file_that_is_no_transcript_says_what_is_wrong(tmp_path, name, content, says):
    with pytest.raises(TranscriptFileError) as failed:
        read_transcript_file(write(tmp_path, name, content))
    assert says in str(failed.value)


def test_a_missing_file_is_named_without_an_errno(tmp_path):
    with pytest.raises(TranscriptFileError) as failed:
        read_transcript_file(tmp_path / "gone.vtt")
    assert str(failed.value) == f"cannot read {tmp_path / 'gone.vtt'}: No such file or directory"
