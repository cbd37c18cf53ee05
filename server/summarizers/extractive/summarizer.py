"""The offline extractive summarizer: transcript in, cards out, deterministic and local."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Mapping

import numpy as np
from scipy import sparse

try:  # ships with scikit-learn and scipy's usual installs; without it BLAS keeps its own default
    from threadpoolctl import threadpool_limits
except ImportError:  # pragma: no cover
    from contextlib import nullcontext

    def threadpool_limits(limits=None):
        return nullcontext()

from ... import card_schema as schema
from ...models import About, Cards, Chapter, Idea, Meta, Transcript, VideoInfo, video_header
from ...verbatim import words
from . import chapters as chaptering
from . import keyphrases
from .ideas import choose_ideas, title_ideas, unit_scores
from .display import recase, title_case_map
from .fragments import clipped_tokens
from .people import lone_speaker, people as find_people
from .points import about
from .quote_pool import SpanPool
from .quote_spans import span_pool
from .quoting import as_quotes
from .scoring import centrality
from .sharing import ideas_and_quotes
from .sentences import Unit, split_units
from .sponsor import mark_sponsors
from .subjects import subject_first
from .text import Stream, build_stream, is_punctuated
from .turns import host_probability
from .vectors import content_words, tfidf

VERSION = "1"
# BLAS/OpenMP threads while summarizing. The matrices here are small; on the 2-core machine more
# threads only fought the web server's own threads (oversubscription made runs 3-12x slower).
THREADS = 1


class ExtractiveSummarizer:
    """Builds cards from the transcript alone: no network, no model download, no randomness."""

    name = "extractive"
    version = VERSION

    def __init__(self, config: Mapping | None = None):
        self.config = config or {}  # nothing to configure yet: the defaults are the measured best

    def summarize(self, transcript: Transcript, video: VideoInfo) -> Cards:
        """Return the cards for `transcript`; creator chapters in `video` are kept as they are."""
        with threadpool_limits(limits=THREADS):
            return build_cards(transcript, video)


@dataclass
class Analysis:
    """What every card is picked from: the timed tokens, their sentence units and the shared signals."""

    stream: Stream
    punctuated: bool
    units: list[Unit]
    clipped: set[int]
    vectors: object
    starts: list[int]
    everyone: list
    phrases: object
    cent: np.ndarray
    hostp: np.ndarray
    lone: str | None


def analyse(transcript: Transcript, video: VideoInfo) -> Analysis:
    """Stream, units, sponsors, vectors, chapter cuts, people, keyphrases, centrality, who holds the floor."""
    stream = build_stream(transcript)
    punctuated = is_punctuated(stream)
    units = split_units(stream, punctuated)
    clipped = set() if punctuated else clipped_tokens(stream)
    brands = mark_sponsors(stream, units)
    vectors = _vectors(stream, units)
    starts = chaptering.chapter_starts(units, vectors, stream.duration)
    everyone = find_people(video, units, stream)
    phrases = keyphrases.extract(stream, units, _name_words(everyone) | brands)
    cent = centrality(vectors, units, starts)
    host = next((p.name for p in everyone if p.role == "host"), None)
    guests = tuple(p.name for p in everyone if p.role == "guest")
    hostp = host_probability(stream, units, host, bool(guests), guests)
    lone = lone_speaker(video, everyone, any(u.speaker for u in units))
    return Analysis(stream, punctuated, units, clipped, vectors, starts, everyone, phrases, cent, hostp, lone)


def quote_spans(a: Analysis):
    """Every candidate quote of the analysed transcript, scored (not yet picked)."""
    return quote_pool(a).every()


def quote_pool(a: Analysis) -> SpanPool:
    """The candidate quotes of the analysed transcript, scored only when asked for (quote_pool.SpanPool)."""
    return span_pool(a.stream, a.units, a.cent, a.lone, a.hostp, a.punctuated, a.clipped)


def build_cards(transcript: Transcript, video: VideoInfo) -> Cards:
    """Run the whole pipeline: analysis, then chapters, topics, ideas, quotes and the about card."""
    a = analyse(transcript, video)
    stream, units = a.stream, a.units
    topics = keyphrases.topics(a.phrases, limit=schema.TOPICS.count.most, minimum=schema.TOPICS.count.aim)
    scores = unit_scores(stream, units, a.cent, a.hostp, a.clipped)
    chapters = _chapters(units, a.starts, a.phrases)
    used: set[int] = set()
    picks = choose_ideas(stream, units, scores, a.vectors, a.phrases, used,
                         schema.IDEAS.count.for_duration(stream.duration))
    picks, chosen = ideas_and_quotes(transcript, stream, units, picks, quote_pool(a), a.vectors, used,
                                     schema.QUOTES.count.for_duration(stream.duration))
    ideas = title_ideas(stream, units, picks, a.phrases, used, _title_of_units(units, chapters))
    quotes = as_quotes(chosen)
    forms = title_case_map(video.title, stream)
    topics = subject_first([recase(t, forms) for t in topics], video.title, stream.key, _name_words(a.everyone))
    ideas = [Idea(recase(i.title, forms), i.detail, i.start) for i in ideas]
    summary = about(stream, units, scores, used, a.everyone, topics, video.title, schema.ABOUT.count.aim,
                    a.hostp) if units else \
        About(video.title or "", ())
    return Cards(
        video_id=video.video_id,
        video=video_header(video, a.everyone, transcript.duration or None),
        about=summary,
        ideas=ideas,
        quotes=quotes,
        topics=topics,
        chapters=list(video.chapters) or chapters,
        meta=Meta(summarizer="extractive", version=VERSION, language=transcript.language,
                  transcript=transcript.kind, transcript_source=transcript.source),
    )


def _vectors(stream: Stream, units: list[Unit]):
    """One L2-normalised TF-IDF row per unit (all zeros when the text has no content words).

    A unit's words are its tokens' words in order (no word runs across the space between two
    tokens), so they are taken from the stream rather than split out of the unit's text again."""
    docs = [content_words([w for found in stream.words[u.first:u.last] for w in found]) for u in units]
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
        start = 0.0 if n == 0 else round(units[a].start, 2)
        if not out or start > out[-1].start:
            out.append(Chapter(start, title or f"Part {n + 1}"))
    return out


def _title_of_units(units: list[Unit], chapters: list[Chapter]) -> list[str]:
    """The generated chapter title each unit falls in ("" inside intros and sponsor chapters)."""
    out, k = [], 0
    for u in units:
        while k + 1 < len(chapters) and u.start >= chapters[k + 1].start:
            k += 1
        title = chapters[k].title if chapters else ""
        out.append("" if title in ("Introduction", "Sponsor") or title.startswith("Part ") else title)
    return out


def _name_words(everyone) -> set[str]:
    return {w for p in everyone for w in words(p.name)}
