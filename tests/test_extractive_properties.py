"""Invariants of the extractive summarizer on generated transcripts: verbatim quotes, times inside, chapters."""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from server.models import Segment, Transcript, VideoInfo
from server.verbatim import is_verbatim_at
from server.summarizers.extractive import ExtractiveSummarizer

from extractive_samples import BIKES, BREAD, GARDEN

WORDS = sorted(set((GARDEN + BIKES + BREAD).split())) + ["um", "uh", ">>", "[Music]", "ANNA:", "-", "I-", "I"]
SUMMARIZER = ExtractiveSummarizer({})


@st.composite
def transcripts(draw):
    """Transcripts of 1-120 segments: shuffled or real sentences, any case, gaps and overlaps, odd tokens."""
    count = draw(st.integers(1, 120))
    source = draw(st.sampled_from(["words", "sentences"]))
    lower = draw(st.booleans())
    pool = (GARDEN + BIKES + BREAD).split()
    segments, t, pos = [], draw(st.floats(0, 5)), draw(st.integers(0, len(pool) - 1))
    for _ in range(count):
        n = draw(st.integers(1, 14))
        if source == "words":
            tokens = draw(st.lists(st.sampled_from(WORDS), min_size=n, max_size=n))
        else:
            tokens = [pool[(pos + k) % len(pool)] for k in range(n)]
            pos += n
        text = " ".join(tokens)
        if lower:
            text = "".join(c for c in text.lower() if c.isalnum() or c in " '")
        duration = draw(st.floats(0.2, 8))
        segments.append(Segment(round(t, 2), round(duration, 2), text, draw(st.sampled_from([None, None, "Ann", "Bo"]))))
        t += draw(st.floats(0, duration + 1))
    return Transcript(tuple(segments), "en", "generated" if lower else "manual")


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(transcripts())
def test_cards_keep_their_invariants(tr):
    cards = SUMMARIZER.summarize(tr, VideoInfo("abcdefghijk", "Ann Lee: Soil | Bo Ray Podcast #1"))
    duration = tr.duration
    for q in cards.quotes:
        assert is_verbatim_at(tr, q.text, q.start), q.text
    for t in [i.start for i in cards.ideas] + [q.start for q in cards.quotes] + [c.start for c in cards.chapters]:
        assert 0 <= t <= duration
    starts = [c.start for c in cards.chapters]
    assert starts[0] == 0 and starts == sorted(set(starts))
    assert all(c.title for c in cards.chapters)
