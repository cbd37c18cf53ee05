"""Reading captions into a token stream (extractive/text.py): speaker labels, speaker fields, cue order."""

from server.models import Segment, Transcript

from extractive_samples import GARDEN, auto_caption, units_of


def test_speaker_labels_are_stripped_and_kept():
    tr = Transcript((
        Segment(0, 3, "ANNA: Welcome back to the show."),
        Segment(3, 3, "BEN: Thanks, it is good to be here."),
        Segment(6, 3, "ANNA: Let us talk about soil."),
        Segment(9, 3, ">> Compost is the answer, always."),
        Segment(12, 3, "[Music] Worms do the rest.", speaker=None),
    ), "en", "manual")
    stream, units = units_of(tr)
    assert "ANNA:" not in " ".join(stream.text) and "[Music]" not in " ".join(stream.text)
    assert [u.speaker for u in units][:3] == ["ANNA", "BEN", "ANNA"]
    assert units[3].speaker is None and stream.brk[units[3].first]


def test_speaker_field_wins():
    tr = Transcript((Segment(0, 2, "Hello there, friend.", "Ada Lovelace"), Segment(2, 2, "Hi Ada.", "Charles Babbage")))
    _, units = units_of(tr)
    assert [u.speaker for u in units] == ["Ada Lovelace", "Charles Babbage"]


def test_overlapping_cues_keep_times_in_order():
    stream, _ = units_of(auto_caption(GARDEN))
    assert stream.time == sorted(stream.time)
