"""Small transcripts written for the extractive summarizer's tests (no third-party text)."""

from __future__ import annotations

import re

from server.models import Segment, Transcript
from server.summarizers.extractive.sentences import split_units
from server.summarizers.extractive.text import build_stream, is_punctuated

GARDEN = (
    "Good soil is the foundation of every healthy garden. Compost feeds the worms, and the worms keep the soil loose. "
    "If you water deeply but rarely, the roots grow down instead of spreading near the surface. "
    "Mulch keeps the moisture in the ground and stops most weeds before they start. "
    "The best time to plant tomatoes is after the last frost, when the soil has warmed up. "
    "Tomatoes need at least six hours of direct sunlight to produce sweet fruit. "
    "Crop rotation matters because the same plant in the same bed invites the same pests every year. "
)
BIKES = (
    "A bicycle chain needs cleaning more often than most riders think. Dirt on the chain acts like sandpaper on the gears. "
    "Tyre pressure changes how the bike feels on rough roads, and lower pressure gives more grip on gravel. "
    "The saddle height should let your knee bend slightly at the bottom of the pedal stroke. "
    "Disc brakes stop reliably in the rain, while rim brakes lose power when the rims are wet. "
    "Commuting by bicycle turned my daily travel from a chore into the best part of the morning. "
    "Never ride without lights at night, because drivers simply cannot see a dark cyclist. "
)
BREAD = (
    "Sourdough bread rises with wild yeast instead of the packet yeast from the shop. "
    "The starter is just flour and water that has been fed every day until it bubbles. "
    "A longer fermentation gives the bread a deeper flavour and a more open crumb. "
    "Steam in the oven during the first twenty minutes lets the crust expand before it sets. "
    "Weighing the flour on a scale is far more reliable than measuring it with cups. "
    "The hardest lesson for new bakers is patience, because the dough decides when it is ready. "
)
# Words a title or a quote must not end on: function words, and modifiers left without their noun.
STOP_OR_MODIFIER = {"the", "a", "of", "and", "to", "plus", "deep", "more", "with", "is"}

SPONSOR = (
    "This episode is sponsored by Acme Socks. Use code GARDEN for twenty percent off your first order at acme socks dot com slash garden. "
    "Please subscribe and leave us five stars on Apple Podcasts. "
)


def segments_from(text: str, words_per_segment: int = 7, seconds_per_word: float = 0.4, start: float = 0.0,
                  speaker: str | None = None) -> list[Segment]:
    """Cut text into caption-like segments that break in the middle of sentences."""
    tokens = text.split()
    out, t = [], start
    for i in range(0, len(tokens), words_per_segment):
        chunk = tokens[i:i + words_per_segment]
        duration = len(chunk) * seconds_per_word
        out.append(Segment(round(t, 2), round(duration, 2), " ".join(chunk), speaker))
        t += duration
    return out


def transcript(text: str, **kwargs) -> Transcript:
    """A manual (punctuated) transcript of `text`."""
    return Transcript(tuple(segments_from(text, **kwargs)), "en", "manual", "file")


def auto_caption(text: str) -> Transcript:
    """The same text as YouTube auto-captions: lowercase, no punctuation, overlapping whole-second cues."""
    bare = re.sub(r"[^\w\s']", "", text.lower())
    segs = segments_from(bare, words_per_segment=6, seconds_per_word=0.5)
    return Transcript(tuple(Segment(float(int(s.start)), s.duration + 2.0, s.text) for s in segs), "en", "generated", "file")


def long_talk(minutes_per_topic: float = 8.0) -> Transcript:
    """Three topics, each repeated to last `minutes_per_topic`, after a sponsor read."""
    segs: list[Segment] = segments_from(SPONSOR)
    t = segs[-1].end
    for block in (GARDEN, BIKES, BREAD):
        words = len(block.split())
        repeats = max(1, int(minutes_per_topic * 60 / (words * 0.4)))
        part = segments_from(" ".join([block] * repeats), start=t)
        segs += part
        t = part[-1].end
    return Transcript(tuple(segs), "en", "manual", "file")


def units_of(tr: Transcript):
    """The token stream of `tr` and its sentence units, as the summarizer reads them."""
    stream = build_stream(tr)
    return stream, split_units(stream, is_punctuated(stream))
