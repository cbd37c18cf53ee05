"""The extractive summarizer's reading of captions: cleaning, speakers, sentence units and their times."""

from server.models import Segment, Transcript
from server.summarizers.extractive.sentences import split_units
from server.summarizers.extractive.sponsor import mark_sponsors, unit_text
from server.summarizers.extractive.text import build_stream, is_punctuated

from extractive_samples import GARDEN, SPONSOR, auto_caption, transcript


def units_of(tr):
    stream = build_stream(tr)
    return stream, split_units(stream, is_punctuated(stream))


def test_sentences_are_rebuilt_across_segments_with_their_own_time():
    stream, units = units_of(transcript(GARDEN, words_per_segment=5))
    texts = [unit_text(stream, u) for u in units]
    assert texts[0] == "Good soil is the foundation of every healthy garden."
    assert texts[1].startswith("Compost feeds the worms")
    assert 0 < units[1].start < units[2].start
    # "Compost" is the 10th word, said in the second segment (words 6-10) at about 0.4 s a word.
    assert abs(units[1].start - 3.6) < 0.5


def test_auto_captions_are_split_into_bounded_units():
    tr = auto_caption(GARDEN * 3)
    stream, units = units_of(tr)
    assert not is_punctuated(stream)
    assert all(1 <= u.size() <= 30 for u in units)
    assert sum(u.size() for u in units) == len(stream)


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


def test_sponsor_reads_are_marked():
    stream, units = units_of(transcript(SPONSOR + GARDEN))
    mark_sponsors(stream, units)
    flagged = [unit_text(stream, u) for u in units if u.sponsor]
    assert any("sponsored" in t for t in flagged) and any("subscribe" in t for t in flagged)
    assert not any("soil" in t for t in flagged)


def test_overlapping_cues_keep_times_in_order():
    stream, _ = units_of(auto_caption(GARDEN))
    assert stream.time == sorted(stream.time)


def test_the_intro_ad_block_ends_where_the_conversation_begins():
    intro = ("The following is a conversation with Jane Doe about gardens. This show is sponsored by Acme Socks, "
             "use code GARDEN at acme socks dot com slash garden. And now, here's my conversation with Jane Doe. ")
    stream, units = units_of(transcript(intro + GARDEN))
    mark_sponsors(stream, units)
    flags = [(unit_text(stream, u), u.sponsor) for u in units]
    assert all(flag for text, flag in flags if "conversation" in text or "Acme" in text)
    assert not any(flag for text, flag in flags if "soil" in text.lower())
