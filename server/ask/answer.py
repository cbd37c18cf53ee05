"""A short written answer to a question about the video, by the configured language model, every
[mm:ss] citation in it checked against the transcript.

The model sees the question, the earlier questions and the best transcript passages (each line
with its time). A citation holds when a transcript line starts at that time (within
CITATION_SLACK seconds) and the words around that line share a content word (by stem) with the
claim the citation ends. One that does not hold is kept in the text but marked unverified, so
the reader sees what the model said and that Glance could not find it. No Flask, no SQL.
"""

from __future__ import annotations

import bisect
import re
from typing import Mapping

from ..summarizers.llm.errors import BadOutput, ProviderError
from ..summarizers.llm.prompt import LANGUAGE
from .retrieval import Moment, TranscriptIndex

ANSWER_TOOL = "answer_question"
ANSWER_SCHEMA = {  # strict-mode shape: every property required, nothing else
    "type": "object", "additionalProperties": False, "required": ["answer"],
    "properties": {"answer": {"type": "string", "description": "the answer, with a [m:ss] citation after every claim"}},
}
CITATION = re.compile(r"\[(?:(\d{1,2}):)?(\d{1,3}):(\d{2})\]")
CITATION_SLACK = 2.0  # seconds: labels are whole seconds, caption starts are not
SUPPORT_SECONDS = 20.0  # a claim may use the cited line and what follows it for this long
PASSAGES = 6  # transcript passages sent with the question
MAX_ANSWER_CHARS = 2000

SYSTEM = """You answer a viewer's question about a video, using only the transcript passages given.
Rules:
- Answer in 1 to 4 short sentences, {language}.
- After every claim, cite the moment it comes from as [m:ss] (or [h:mm:ss]), copying the time of a transcript line given.
- Cite only times that appear in the passages. Never invent a time.
- If the passages do not answer the question, say so in one sentence without a citation.
Answer with one JSON object: {{"answer": "..."}}"""


class Answerer:
    """Writes answers with an LLM client (the summarizer's own client and settings)."""

    def __init__(self, client, model: str):
        self.client = client
        self.model = model

    @classmethod
    def from_config(cls, config: Mapping) -> "Answerer":
        from ..summarizers.llm.summarizer import CLIENTS
        from ..summarizers.llm.settings import LLMSettings

        settings = LLMSettings.from_config(config)
        return cls(CLIENTS[settings.provider](settings), settings.model)

    def answer(self, question: str, history: list[str], index: TranscriptIndex, moments: list[Moment]) -> dict:
        """{text, citations, dropped, model}; raises AnswerFailed when the service fails for good."""
        passages = moments if len(moments) >= PASSAGES else index.search(
            question, follow_up_of=history[-1] if history else None, limit=PASSAGES)
        if not passages:
            return {"text": "", "citations": [], "dropped": 0, "model": self.model}
        user = prompt_text(question, history, index, passages)
        system = SYSTEM.format(language=LANGUAGE)
        try:
            text = self.client.ask(system, user, ANSWER_TOOL, ANSWER_SCHEMA, read_answer)
        except ProviderError as error:
            raise AnswerFailed(error.message) from None
        citations = check_citations(text, index)
        return {"text": text, "citations": citations, "dropped": sum(not c["verified"] for c in citations),
                "model": self.model}


class AnswerFailed(Exception):
    """The language model could not answer; the message is for a person."""


def read_answer(data: dict) -> str:
    """The answer's text; a missing or empty one is BadOutput, so the client asks again."""
    text = data.get("answer") if isinstance(data, dict) else None
    if not isinstance(text, str) or not text.strip():
        raise BadOutput("the answer was missing")
    return " ".join(text.split())[:MAX_ANSWER_CHARS]


def prompt_text(question: str, history: list[str], index: TranscriptIndex, passages: list[Moment]) -> str:
    parts = []
    for moment in sorted(passages, key=lambda m: m.start):
        lines = [f"[{clock(p.start)}] {p.text}" for p in index.pieces_between(moment.start, moment.end)]
        parts.append("\n".join(lines))
    earlier = "".join(f"- {q}\n" for q in history[-3:])
    return (f"<transcript_passages>\n{chr(10).join(parts)}\n</transcript_passages>\n"
            + (f"Earlier questions of this viewer:\n{earlier}" if earlier else "")
            + f"Question: {question}")


def check_citations(text: str, index: TranscriptIndex) -> list[dict]:
    """Every [mm:ss] in the answer: where it is, the line it points to, and whether it holds."""
    starts = [p.start for p in index.pieces]
    out, claim_from = [], 0
    for match in CITATION.finditer(text):
        hours, minutes, secs = match.groups()
        seconds = int(hours or 0) * 3600 + int(minutes) * 60 + int(secs)
        claim = _claim(text, claim_from, match.start())
        claim_from = match.end()
        line = _line_at(starts, seconds)
        verified, reason = False, "no transcript line starts at this time"
        if line is not None:
            support = " ".join(p.text for p in index.pieces[line:]
                               if p.start <= index.pieces[line].start + SUPPORT_SECONDS)
            if set(index.query_stems(claim)) & set(index.query_stems(support)):
                verified, reason = True, None
            else:
                reason = "the line at this time says something else"
        out.append({"offset": match.start(), "length": match.end() - match.start(), "label": match.group(),
                    "start": index.pieces[line].start if verified else float(seconds),
                    "verified": verified, "reason": reason})
    return out


def _claim(text: str, begin: int, end: int) -> str:
    """The words a citation backs: from the previous citation (or sentence start) up to it."""
    before = text[begin:end]
    sentences = re.split(r"(?<=[.!?])\s+", before.strip())
    return sentences[-1] if sentences and sentences[-1] else before


def _line_at(starts: list[float], seconds: float) -> int | None:
    """The transcript line starting nearest `seconds`, if one starts within CITATION_SLACK of it."""
    i = bisect.bisect_left(starts, seconds)
    near = [j for j in (i - 1, i, i + 1) if 0 <= j < len(starts)]
    best = min(near, key=lambda j: abs(starts[j] - seconds), default=None)
    if best is None or abs(starts[best] - seconds) > CITATION_SLACK:
        return None
    return best


def clock(seconds: float) -> str:
    total = int(seconds)
    hours, rest = divmod(total, 3600)
    return f"{hours}:{rest // 60:02d}:{rest % 60:02d}" if hours else f"{rest // 60}:{rest % 60:02d}"
