"""The offline extractive summarizer: transcript in, cards out, deterministic and local."""

from __future__ import annotations

from typing import Mapping

import numpy as np
from scipy import sparse
from threadpoolctl import threadpool_limits

from ...models import About, Cards, Chapter, Meta, Transcript, VideoInfo, video_header
from ...quotes import words
from . import chapters as chaptering
from . import keyphrases
from .ideas import about, pick_ideas, unit_scores
from .people import people as find_people
from .quoting import candidates, pick_quotes
from .scoring import centrality
from .sentences import Unit, split_units
from .sponsor import mark_sponsors, unit_text
from .text import Stream, build_stream, is_punctuated
from .vectors import content_words, tfidf

VERSION = "1"


class ExtractiveSummarizer:
    """Builds cards from the transcript alone: no network, no model download, no randomness."""

    name = "extractive"
    version = VERSION

    def __init__(self, config: Mapping | None = None):
        # BLAS threads per call: 2 cores shared with the web server; more only oversubscribes.
        self.threads = int((config or {}).get("EXTRACTIVE_THREADS", 1))

    def summarize(self, transcript: Transcript, video: VideoInfo) -> Cards:
        """Return the cards for `transcript`; creator chapters in `video` are kept as they are."""
        with threadpool_limits(limits=self.threads):
            return build_cards(transcript, video)


def build_cards(transcript: Transcript, video: VideoInfo) -> Cards:
    """Run the whole pipeline: stream, units, sponsors, vectors, chapters, topics, ideas, quotes."""
    stream = build_stream(transcript)
    units = split_units(stream, is_punctuated(stream))
    mark_sponsors(stream, units)
    vectors = _vectors(stream, units)
    starts = chaptering.chapter_starts(units, vectors, stream.duration)
    everyone = find_people(video, units)
    phrases = keyphrases.extract(stream, units, _name_words(everyone))
    topics = keyphrases.topics(phrases)
    cent = centrality(vectors, units, starts)
    host = next((p.name for p in everyone if p.role == "host"), None)
    host = host if any(u.speaker and u.speaker != host for u in units) else None
    scores = unit_scores(stream, units, cent, host)
    used: set[int] = set()
    ideas = pick_ideas(stream, units, scores, vectors, phrases, used)
    lone = everyone[0].name if len(everyone) == 1 and not any(u.speaker for u in units) else None
    quotes = pick_quotes(transcript, stream, candidates(stream, units, cent, lone, host), vectors, used)
    summary = about(stream, units, scores, used, everyone, topics, video.title) if units else \
        About(video.title or "", ())
    return Cards(
        video_id=video.video_id,
        video=video_header(video, everyone, transcript.duration or None),
        about=summary,
        ideas=ideas,
        quotes=quotes,
        topics=topics,
        chapters=list(video.chapters) or _chapters(units, starts, phrases),
        meta=Meta(summarizer="extractive", version=VERSION, language=transcript.language,
                  transcript=transcript.kind, transcript_source=transcript.source),
    )


def _vectors(stream: Stream, units: list[Unit]):
    """One L2-normalised TF-IDF row per unit (all zeros when the text has no content words)."""
    docs = [content_words(words(unit_text(stream, u))) for u in units]
    matrix = tfidf(docs, min_df=2 if len(units) > 200 else 1)
    if matrix is None:
        return sparse.csr_matrix((len(units), 1), dtype=np.float32)
    return matrix


def _chapters(units: list[Unit], starts: list[int], phrases) -> list[Chapter]:
    """Generated chapters: ascending starts from 0, each titled by its own keyphrases."""
    if not units:
        return [Chapter(0.0, "Full video")]
    bounds = list(zip(starts, starts[1:] + [len(units)]))
    titles = keyphrases.chapter_titles(phrases, bounds)
    out = []
    for n, ((a, b), title) in enumerate(zip(bounds, titles)):
        sponsor = sum(u.sponsor for u in units[a:b]) * 2 > (b - a)
        if sponsor:
            title = "Introduction" if n == 0 else "Sponsor"
        out.append(Chapter(0.0 if n == 0 else round(units[a].start, 2), title or f"Part {n + 1}"))
    return out


def _name_words(everyone) -> set[str]:
    return {w for p in everyone for w in words(p.name)}
