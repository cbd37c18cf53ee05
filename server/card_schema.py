"""The card contract in one place: the sections of a summary, their fields, how many items the
summarizers write into each, and how long their texts may be.

Every layer reads this table instead of knowing the sections itself: validation of curated cards,
the offline summarizer's counts, the language model's JSON schema, prompt and merge, and the
Markdown export. Adding a section is one entry here plus the code that fills and shows it.
"""

from __future__ import annotations

from dataclasses import dataclass

# A Cards dict's top-level keys besides the sections.
FRAME = ("video_id", "video", "meta")


@dataclass(frozen=True)
class Field:
    """One field of a section's item. `kind` is "text" or "seconds" (a time in the video)."""

    name: str
    kind: str = "text"
    required: bool = True
    longest: int = 5_000  # characters a curated card may hold here
    guide: str = ""  # what the model is told about it, e.g. "at most 6 words"


@dataclass(frozen=True)
class Count:
    """How many items the summarizers write into a section.

    `aim` is what a video of up to half an hour gets, and what the model is asked for; `most` is
    the most any generated summary keeps (the longest videos, a model that writes too many), and
    the top of the range the model is told ("5 to 8 topics"). With
    `grows`, a longer video gets one more per extra half hour, up to `most`: a 3-hour talk holds
    more than a 20-minute one, but a list past `most` stops being a summary. `per_part` is what
    each part of a video too long for one model request is asked for; the merge then keeps `aim`.
    """

    aim: int
    most: int
    per_part: int | None = None
    grows: bool = False

    def for_duration(self, seconds: float) -> int:
        if not self.grows:
            return self.aim
        return min(self.most, self.aim + int(max(0.0, seconds / 60 - 30) // 30))


@dataclass(frozen=True)
class Section:
    """One card: `shape` is "about" (a headline and points), "strings" (a list of short texts)
    or "items" (a list of objects with `fields`, each placed at a time in the video)."""

    name: str
    heading: str  # as the panel and the Markdown export title the card
    shape: str
    count: Count
    fields: tuple[Field, ...] = ()
    curated_most: int = 300  # items a curated card may hold
    longest: int = 200  # characters of each string, for "strings"
    # What a writer (the language model) is told each of the section's keys holds: "key: text", where
    # {count} is how many to write, {range} "aim to most", {span} "video" or "part", and each field's
    # name its guide.
    ask: tuple[str, ...] = ()
    from_video: bool = False  # the video may bring its own (creator chapters), which are kept as they are

    @property
    def text_fields(self) -> tuple[Field, ...]:
        return tuple(f for f in self.fields if f.kind == "text")


HEADLINE = Field("headline", longest=1_000, guide="one sentence of at most 15 words")
POINTS = Field("points", longest=5_000, guide="at most 25 words each")

SECTIONS: tuple[Section, ...] = (
    Section("about", "What it's really about", "about", Count(aim=4, most=5, per_part=4),
            fields=(HEADLINE, POINTS), curated_most=50, ask=(
                "headline: {headline} saying what the video is really about.",
                "points: {count} short points ({points}) that a viewer should take away.")),
    Section("ideas", "Ideas worth remembering", "items", Count(aim=5, most=8, per_part=4, grows=True), fields=(
        Field("title", longest=200, guide="at most 6 words"),
        Field("detail", guide="1-2 sentences"),
        Field("start", "seconds"),
    ), ask=("ideas: about {count} ideas worth remembering, spread over the whole {span}: title of {title},\n"
            "  detail of {detail}, and line = the number of the line where the idea is discussed.",)),
    Section("quotes", "Words worth saving", "items", Count(aim=5, most=8, per_part=4, grows=True), fields=(
        Field("text", guide="8 to 40 words"),
        Field("start", "seconds"),
        Field("speaker", required=False, longest=200),
    ), ask=("quotes: about {count} memorable sentences copied word for word from the transcript ({text},\n"
            "  no changes, no paraphrase), each with line = the number of the line where it begins, and speaker =\n"
            "  the person's name only when the transcript or the video details name who says it, else null.",)),
    Section("topics", "Topics", "strings", Count(aim=5, most=8), curated_most=100, longest=200,
            ask=("topics: {range} short noun phrases.",)),
    # The offline summarizer cuts chapters where the topic changes, so only the model is told how many.
    Section("chapters", "Chapters", "items", Count(aim=5, most=12), fields=(
        Field("start", "seconds"),
        Field("title", longest=200, guide="at most 50 characters"),
    ), from_video=True,
        ask=("chapters: {range} chapters in order that divide the {span} by topic: line = the number of the line\n"
             "  where the chapter starts (the first chapter starts at the first line), title of {title}.",)),
)

BY_NAME = {section.name: section for section in SECTIONS}
# The sections the summarizers fill by name (each writes their items its own way).
ABOUT, IDEAS, QUOTES, TOPICS = (BY_NAME[name] for name in ("about", "ideas", "quotes", "topics"))
# Who speaks, in the video header (curated cards may name at most this many, each name this long).
PEOPLE_MOST, PEOPLE_LONGEST = 100, 200


def section_names() -> tuple[str, ...]:
    return tuple(section.name for section in SECTIONS)


def timed_sections() -> tuple[Section, ...]:
    """The sections whose items sit at a time in the video (each must lie inside it)."""
    return tuple(s for s in SECTIONS if any(f.kind == "seconds" for f in s.fields))
