"""The points section of bench/card_quality.py: does each about-point read as a whole claim, and do the
points span the video? Rules of the bench's own (no word list of the summarizer is used).

* fragment: a point with no finite verb outside a relative clause ("Understanding it as an information
  universe ...", "To be precise, not just a random surprise, but to find ..."), one that ends on a word
  that wants more ("... because oftentimes."), or one that opens on a word leaning on what came before
  ("And", "Which", "That", "They"; after an "I think (that)" lead-in too);
* set-up: a point that opens an anecdote or a set-up instead of stating something ("If you're at a
  dinner party ...", "I remember ...", "Fast forward to now ...", "My husband ...", "What I'll do ...");
* trails off: a point ending on "and finally", "and of course", "and so on", "or something", ...;
* host: points said by the host, on the files bench/speakers.py holds the speakers of;
* parts: how many of the video's major parts hold a point, of min(4, points): the creator chapters
  grouped into four stretches of about equal time where the file has chapters, else its quarters;
* twin edges: on the #94 auto-captions only, point edges (start or end) that sit inside a sentence of
  the punctuated Whisper transcript of the same audio (`13CZPWmke6A.json`).
"""

from __future__ import annotations

import difflib
import json
import re
from pathlib import Path

from server.verbatim import words

FINITE = frozenset(
    "is are was were am be isn't aren't wasn't weren't has have had hasn't haven't hadn't do does did don't "
    "doesn't didn't can can't could couldn't will won't would wouldn't should shouldn't must may might shall "
    "i'm i've i'll i'd you're you've you'll you'd we're we've we'll we'd they're they've they'll they'd he's "
    "she's it's there's here's what's he'd she'd it'll there're let's gonna "
    "thinks thought knows knew says said means meant gets got makes made goes went comes came sees saw takes "
    "took gives gave wants wanted needs needed feels felt finds found tells told becomes became seems seemed "
    "believes believed tries tried calls called kept lets puts happens happened starts started shows showed "
    "learns learned works worked uses used builds built helps helped likes liked loves loved turns turned "
    "changes changed leads led grows grew loses lost wins won fails failed creates created requires required "
    "matters mattered solves solved realized understands understood looks looked hopes hoped agrees talks "
    "talked teaches taught lives lived dies died runs ran brings brought asks asked".split()
)
# Base forms are nouns as often as verbs ("matter", "work"): they count after a subject only.
BASE = frozenset(
    "think know say mean get make go come see take give want need feel find tell become seem believe try call "
    "keep let put happen start show learn work use build help like love turn change lead grow lose win fail "
    "create require matter solve realize understand look hope guess suspect agree talk teach live die run "
    "bring ask".split()
)
SUBJECT = frozenset("i you we they people kids most".split())
ADVERB = frozenset("just really also all actually still never always often sometimes only".split())
RELATIVE = frozenset("who which that whom whose where".split())
LEAN = frozenset(
    "and but or so of to than which who whom because also then that this these those he she they them him "
    "her his their it that's they're he's she's".split()
)
LEAD_IN = re.compile(r"^(?:i (?:think|believe|guess|suspect|feel|mean)|i'm sure)(?: that)? (?!of |about )")
END_WANTS_MORE = frozenset(
    "a an the and or but of to in on at for with from by as is are was were be i you we they he she my your "
    "our their his her its this that these those which who when where how if so because than then just like "
    "very really about into not without also too often oftentimes sometimes usually finally plus kind sort "
    "whole own such more most less other same".split()
)
TRAILS = ("and finally", "and of course", "of course", "and so on", "and so forth", "or something", "and stuff",
          "and everything", "and things", "you know", "and then", "and so", "etcetera", "etc", "or whatever")
SETUP = re.compile(
    r"^(?:so )?(?:if you're (?:at|in|on|a)\b|if you (?:go|look|ask|walk|take)\b|i remember\b|the other day\b|"
    r"one day\b|when i was\b|i was (?:at|in|on|talking|sitting|walking)\b|fast forward\b|let me tell\b|"
    r"i'll tell you\b|(?:i think )?what i'll do\b|my (?:husband|wife|son|daughter|mom|mother|dad|father|"
    r"kids|friend)\b|a (?:few|couple of) (?:years|months|weeks) ago\b|years ago\b|last (?:year|week|month)\b|"
    r"there was (?:a|this)\b|imagine\b|picture this\b|i met\b|i went\b|i had (?:a|this)\b)"
)


def finite(found: list[str]) -> bool:
    """A finite verb outside a relative clause: "people who are experiencing ..." alone is no sentence."""
    def verb(n: int, w: str) -> bool:
        if w in FINITE:
            return w != "that's" and (n == 0 or found[n - 1] not in RELATIVE)
        return w in BASE and n > 0 and (found[n - 1] in SUBJECT or n > 1 and found[n - 2] in SUBJECT
                                        and found[n - 1] in ADVERB)
    return any(verb(n, w) for n, w in enumerate(found))


# A plural noun and a prefixed verb ("Leaders over-rotate", "teams under-invest"): words() splits the
# hyphen, and no list holds every verb the prefix goes with.
PREFIXED_VERB = re.compile(r"\b(?!(?:this|his|its|is|was|as|us|ours|yours|theirs)\b)[a-z]+s "
                           r"(?:over|under|out|mis)-[a-z]+\b(?!-)")


def fragment(point: str) -> bool:
    """No main verb, an end that wants more, or an opening that points back."""
    found = words(point)
    if not found:
        return True
    head = LEAD_IN.sub("", " ".join(found)).split()
    last = point.split()[-1].strip(".,;:!?\"'").lower()  # "check-in" ends on "check-in", not on "in"
    has_verb = finite(found) or bool(PREFIXED_VERB.search(point.lower()))
    return not has_verb or last in END_WANTS_MORE or (head[:1] and head[0] in LEAN)


def setup(point: str) -> bool:
    return bool(SETUP.match(" ".join(words(point))))


def trails(point: str) -> bool:
    return " ".join(words(point)).endswith(TRAILS)


def locate(transcript, point: str) -> float | None:
    """The start time of the segment where the point's words first run five in a row (or four, three)."""
    flat, times = [], []
    for s in transcript.segments:
        for w in words(s.text):
            flat.append(w)
            times.append(s.start)
    text = " " + " ".join(flat) + " "
    found = words(point)
    for size in (5, 4, 3):
        for k in range(max(len(found) - size + 1, 1)):
            at = text.find(" " + " ".join(found[k:k + size]) + " ")
            if at >= 0:
                return times[text.count(" ", 0, at)]
    return None


def parts(chapters: list[dict], duration: float) -> list[float]:
    """Start times of the video's four major parts: creator chapters grouped by time, else quarters."""
    quarters = [duration * q / 4 for q in range(4)]
    starts = [float(c["start"]) for c in chapters]
    if len(starts) < 4:
        return quarters
    picked = sorted({min(starts, key=lambda s: abs(s - q)) for q in quarters})
    return picked if len(picked) == 4 else quarters


def parts_touched(times: list[float], bounds: list[float]) -> int:
    return len({max(k for k, b in enumerate(bounds) if t >= b or k == 0) for t in times})


def twin_edges(points: list[tuple[float, str]], twin: Path) -> int:
    """Point edges inside a sentence of the punctuated twin transcript (start not after a full stop,
    end not on one); a few opener or tag words may sit between the edge and the stop. Each point is
    matched within two minutes of where it was found."""
    data = json.loads(twin.read_text())
    timed = [(float(s["start"]), t) for s in data["segments"] for t in s["text"].split()]
    soft = {"so", "and", "but", "yeah", "well", "um", "uh", "like", "you", "know", "i", "mean", "okay", "right",
            "now", "actually", "oh", "no", "yes"}
    bad = 0
    for start, p in points:
        window = [(t, tok) for t, tok in timed if start - 45 <= t <= start + 75]
        tokens = [tok for _, tok in window]
        keys = [" ".join(words(t)) for t in tokens]
        stops = [t.rstrip("\"')").endswith((".", "?", "!")) for t in tokens]
        found = words(p)
        blocks = [b for b in difflib.SequenceMatcher(None, keys, found, autojunk=False).get_matching_blocks()
                  if b.size >= 2]
        if not blocks:
            continue
        first = blocks[0].a - blocks[0].b  # where the point's first word would sit
        last = blocks[-1].a + blocks[-1].size - 1 + (len(found) - blocks[-1].b - blocks[-1].size)
        if first <= 0 or last >= len(tokens) - 1:
            continue  # the window does not hold the point's edges
        opens = any(stops[j] and all(keys[x] in soft for x in range(j + 1, first))
                    for j in range(first - 1, max(first - 4, -1), -1))
        closes = any(stops[j] and all(keys[x] in soft for x in range(last + 1, j + 1))
                     for j in range(last, min(last + 3, len(tokens))))
        bad += (not opens) + (not closes)
    return bad


def host_points(path: Path, transcript, video, points: list[str]) -> int | None:
    """Points said by the host, on the files whose speakers bench/speakers.py knows (else None)."""
    import speakers  # bench/speakers.py: the speaker truth and where an item was said
    from server.summarizers.extractive.people import people
    from server.summarizers.extractive.sentences import split_units
    from server.summarizers.extractive.text import build_stream, is_punctuated

    if path.name not in speakers.FILES:
        return None
    labelled = build_stream(transcript)
    host = next((p.name for p in people(video, split_units(labelled, is_punctuated(labelled)))
                 if p.role == "host"), None)
    stream = build_stream(speakers.unlabelled(transcript))
    truth = speakers.token_speakers(path, stream)
    # the time from locate(): it reads words as the corpus text splits them ("over-rotate" is two)
    return sum(speakers.item_speaker(stream, truth, locate(transcript, p) or 0.0, p) == host for p in points)


def point_row(path: Path, transcript, video, points: list[str]) -> dict:
    """The points columns of one corpus file."""
    data = json.loads(path.read_text())
    duration = transcript.duration or 1.0
    times = [locate(transcript, p) for p in points]
    found = [t for t in times if t is not None]
    twin = path.with_name(path.name.replace("__yt_auto", "")) if "__yt_auto" in path.name else None
    return {
        "p_n": len(points),
        "p_frag": sum(map(fragment, points)),
        "p_setup": sum(map(setup, points)),
        "p_trail": sum(map(trails, points)),
        "p_host": host_points(path, transcript, video, points),
        "p_parts": parts_touched(found, parts(data.get("chapters") or [], duration)) if found else 0,
        "p_want": min(4, len(points)),
        "p_twin": twin_edges([(t, p) for t, p in zip(times, points) if t is not None], twin)
        if twin and twin.is_file() else None,
    }


POINT_COLS = [("file", "file", "{}"), ("points", "p_n", "{}"), ("fragments", "p_frag", "{}"),
              ("set-ups", "p_setup", "{}"), ("trail off", "p_trail", "{}"), ("host points", "p_host", "{}"),
              ("parts touched", "p_parts", "{}"), ("of", "p_want", "{}"), ("twin edges off", "p_twin", "{}")]


def print_points(rows: list[dict], show: bool = False) -> None:
    """The points table: one row per file and the corpus total."""
    total = {"file": "**all**"}
    for _, key, _ in POINT_COLS[1:]:
        known = [r[key] for r in rows if r[key] is not None]
        total[key] = sum(known) if known else None
    print("\n| " + " | ".join(c[0] for c in POINT_COLS) + " |")
    print("|" + "---|" * len(POINT_COLS))
    for r in rows + [total]:
        print("| " + " | ".join("-" if r[key] is None else fmt.format(r[key]) for _, key, fmt in POINT_COLS) + " |")
    if show:
        for r in rows:
            for p in r["points"]:
                flags = [name for name, check in (("fragment", fragment), ("set-up", setup), ("trails", trails))
                         if check(p)]
                print(f"{r['file']}: {p}" + (f"  [{', '.join(flags)}]" if flags else ""))
