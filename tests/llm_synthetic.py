"""Synthetic transcripts for the LLM tests: deterministic, written here, no third-party text."""

from __future__ import annotations

import random

from server.models import Segment, Transcript, VideoInfo

TALK = [
    "Welcome back to the workshop, today we are building a small weather station from spare parts.",
    "The first thing I always do is write down what I want the thing to measure.",
    "Temperature, humidity and pressure are enough for a start, and the sensor costs about four dollars.",
    "People ask me why not buy one, and honestly the point is to understand every wire.",
    "If you cannot explain a part to a friend, you do not understand it yet.",
    "Let me solder the header first, because the board is easier to hold that way.",
    "Here is a trick: tin the pads before you bring the pin in, it saves a lot of frustration.",
    "Now the code, which is maybe forty lines, reads the sensor every ten seconds.",
    "I log the numbers to a plain text file, because plain text outlives every fancy format.",
    "After a week of data you start to see the house breathing, warm in the day and cool at night.",
    "The mistake I made last year was putting the sensor next to the window in full sun.",
    "So measure where the air is, not where the sun is, that is the whole lesson.",
    "Thanks for watching, and next time we will put the numbers on a little screen.",
]

_TOPICS = [
    ("gardening", ["soil", "compost", "seedlings", "watering", "tomatoes", "mulch"]),
    ("bicycles", ["chain", "gears", "brakes", "tyres", "saddle", "spokes"]),
    ("baking", ["dough", "flour", "oven", "yeast", "crust", "butter"]),
    ("astronomy", ["telescope", "planets", "moon", "orbit", "comet", "galaxy"]),
    ("carpentry", ["timber", "chisel", "joints", "plane", "glue", "clamps"]),
    ("sailing", ["wind", "sails", "rudder", "harbour", "knots", "tide"]),
]
_FRAMES = [
    "I think the {a} matters more than the {b} for most beginners.",
    "When the {a} is right the {b} almost takes care of itself.",
    "My grandmother taught me to check the {a} before touching the {b}.",
    "Nobody tells you that the {a} and the {b} are really one problem.",
    "Spend your first month on the {a} and ignore the {b} for now.",
    "The cheapest {a} I ever bought outlasted three expensive {b} sets.",
]


def short_transcript(kind: str = "manual") -> Transcript:
    """About two and a half minutes: one TALK sentence per 12-second segment."""
    segments = tuple(Segment(12.0 * i, 11.5, text) for i, text in enumerate(TALK))
    return Transcript(segments, language="en", kind=kind, source="client")


def short_video(**fields) -> VideoInfo:
    data = {"video_id": "abcdefghijk", "title": "Building a weather station", "channel": "Workshop Notes",
            "duration": 12.0 * len(TALK)}
    data.update(fields)
    return VideoInfo(**data)


def long_transcript(hours: float = 3.0, seed: int = 7) -> Transcript:
    """A talk of `hours` that moves through topics in turn, 4-second segments of 8-12 words."""
    rng = random.Random(seed)
    segments, t, end = [], 0.0, hours * 3600
    while t < end:
        name, words = _TOPICS[int(t / end * len(_TOPICS))]
        a, b = rng.sample(words, 2)
        text = rng.choice(_FRAMES).format(a=a, b=b)
        segments.append(Segment(round(t, 2), 3.9, text))
        t += 4.0
    return Transcript(tuple(segments), language="en", kind="generated", source="client")


def long_video(transcript: Transcript, chapters=()) -> VideoInfo:
    return VideoInfo(video_id="LongVideo01", title="Six hobbies, three hours", channel="Slow TV",
                     duration=transcript.duration, chapters=tuple(chapters))
