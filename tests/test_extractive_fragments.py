"""Caption words clipped at a cue's start (extractive/fragments.py)."""

from server.models import Segment, Transcript
from server.summarizers.extractive.fragments import clipped_tokens
from server.summarizers.extractive.text import build_stream


def test_clipped_caption_words_are_found_only_at_cue_starts():
    cues = ["you'd water the roots deeply", "ou'd think the soil would dry", "and you'd be right about that",
            "roots grow where you'd expect", "you'd better mulch the beds"]
    segs = tuple(Segment(float(i * 2), 2.0, t) for i, t in enumerate(cues))
    stream = build_stream(Transcript(segs, "en", "generated", "file"))
    found = {stream.key[i] for i in clipped_tokens(stream)}
    assert found == {"ou'd"}
