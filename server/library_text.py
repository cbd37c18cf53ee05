"""What the library's search index holds for a video: its title, every card item and the transcript
in half-minute passages, each with the second it starts at. Pure functions; no SQL."""

from __future__ import annotations

from .models import Transcript

PASSAGE_SECONDS = 20.0  # a transcript hit links to the start of its passage: at most this early


def search_rows(cards: dict, transcript: Transcript | None) -> list[tuple[str, float, str]]:
    """(kind, start seconds, text) rows: kind is title, about, idea, quote, topic, chapter or transcript."""
    video = cards.get("video") or {}
    about = cards.get("about") or {}
    rows = [("title", 0.0, " · ".join(t for t in (video.get("title"), video.get("channel")) if t))]
    rows.append(("about", 0.0, " ".join([about.get("headline") or "", *(about.get("points") or [])]).strip()))
    rows += [("idea", float(i["start"]), f"{i['title']}: {i['detail']}") for i in cards.get("ideas") or []]
    rows += [("quote", float(q["start"]), q["text"]) for q in cards.get("quotes") or []]
    rows += [("chapter", float(c["start"]), c["title"]) for c in cards.get("chapters") or []]
    rows.append(("topic", 0.0, ", ".join(cards.get("topics") or [])))
    rows += [("transcript", start, text) for start, text in passages(transcript)] if transcript else []
    return [(kind, start, text) for kind, start, text in rows if text]


def passages(transcript: Transcript) -> list[tuple[float, str]]:
    """Consecutive caption lines (as Ask cuts them) joined into passages of about PASSAGE_SECONDS."""
    from .ask.retrieval import pieces_of  # here, not at import: it brings numpy and the stemmer to every process

    out: list[tuple[float, list[str]]] = []
    for piece in pieces_of(transcript):  # long speaker turns come cut into timed sentences
        if not out or piece.start - out[-1][0] >= PASSAGE_SECONDS:
            out.append((piece.start, []))
        out[-1][1].append(" ".join(piece.text.split()))
    return [(start, " ".join(lines)) for start, lines in out]
