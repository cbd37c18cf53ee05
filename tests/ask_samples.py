"""The Ask tests' data: our own talk (always there) and the corpus files (beside the repo, when present)."""

from __future__ import annotations

import json
from pathlib import Path

from server.models import Segment, Transcript

DATA = Path(__file__).parent / "data"
CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus"
QUESTIONS = json.loads((DATA / "ask-questions.json").read_text())["videos"]
TALK = "ask-talk.json"


def path_of(name: str) -> Path:
    return DATA / name if name == TALK else CORPUS / name


def load(name: str) -> Transcript:
    data = json.loads(path_of(name).read_text())
    return Transcript(tuple(Segment(float(s["start"]), float(s.get("duration") or 0.0), s["text"], s.get("speaker"))
                            for s in data["segments"]), language=data.get("language") or "en", kind="manual")


def talk_body() -> dict:
    """The talk as the body of POST .../summary."""
    data = json.loads((DATA / TALK).read_text())
    return {"transcript": {"language": "en", "kind": "manual", "segments": data["segments"]},
            "video": {"title": data["title"], "channel": data["channel"]}}


def is_hit(moment, ranges, slack: float = 15.0) -> bool:
    """The moment overlaps one of the ranges where the answer is said (a few seconds either side)."""
    start, end = (moment["start"], moment["end"]) if isinstance(moment, dict) else (moment.start, moment.end)
    return any(start <= hi + slack and end >= lo - slack for lo, hi in ranges)
