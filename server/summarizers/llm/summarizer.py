"""LLMSummarizer: cards written by a language model, every quote and time checked against the transcript."""

from __future__ import annotations

import logging
from typing import Callable, Mapping

from ... import card_schema as schema
from ...models import About, Cards, Meta, Transcript, VideoInfo, video_header
from .. import SummarizerFailed, make_summarizer
from . import merge, plan, prompt
from .anthropic_messages import AnthropicMessages
from .client import Deadline, request_tokens
from .errors import ContextOverflow, OutOfTime, ProviderError
from .grounding import Grounder, ground_chapters, ground_ideas, ground_people, ground_quotes, tidy_chapters
from .lines import Line, build_lines
from .openai_chat import OpenAIChat
from .run import Progress, Run
from .schema import CARDS_SCHEMA, CARDS_TOOL, read_cards
from .settings import LLMSettings

log = logging.getLogger(__name__)

CLIENTS = {"openai": OpenAIChat, "anthropic": AnthropicMessages}
OVERFLOW_ROUNDS = 4  # re-plans with smaller parts after the service says the prompt was too long

__all__ = ["LLMSummarizer", "Progress"]


class LLMSummarizer:
    """Summarizer "llm": OpenAI-compatible or Anthropic backend chosen by GLANCE_LLM_PROVIDER."""

    name = "llm"
    version = prompt.PROMPT_VERSION

    def __init__(self, config: Mapping):
        self.config = config
        self.settings = LLMSettings.from_config(config)
        if self.settings.fallback == self.name:
            raise ValueError("GLANCE_LLM_FALLBACK cannot be llm itself")
        self.client = CLIENTS[self.settings.provider](self.settings)
        self._fallback = None

    def summarize(self, transcript: Transcript, video: VideoInfo,
                  progress: Callable[[Progress], object] | None = None) -> Cards:
        """Cards in the transcript's language; falls back or raises SummarizerFailed on failure.

        `progress`, when given, is called on this thread with a Progress ("part 2 of 4") as the
        parts and the merge finish; a job runner can show it while the model writes.
        """
        lines = build_lines(transcript)
        if not lines:
            raise SummarizerFailed("The transcript is empty, so there is nothing to summarize.")
        try:
            return self._cards(transcript, video, lines, progress)
        except SummarizerFailed as failed:
            if not self.settings.fallback:
                raise
            log.warning("LLM summarizer failed (%s); using %s instead", failed, self.settings.fallback)
            return self._fall_back(transcript, video, failed)

    def _cards(self, transcript, video, lines: list[Line], progress) -> Cards:
        grounder = Grounder(transcript, lines)
        duration = float(video.duration or transcript.duration)
        context = self.settings.context_tokens
        deadline = Deadline(self.settings.job_budget)
        run = Run(self.client, deadline, progress)
        for _ in range(OVERFLOW_ROUNDS):
            try:
                return self._run(run, transcript, video, lines, grounder, duration, context)
            except ContextOverflow as overflow:
                context = plan.shrink(context, overflow.limit)
                log.warning("LLM prompt too long for the model; planning again with a %d-token context", context)
            except ProviderError as error:
                if deadline.expired and not isinstance(error, OutOfTime):  # a timeout the budget caused
                    error = OutOfTime(f"The language model did not finish within GLANCE_LLM_JOB_BUDGET ({deadline.seconds:g} s).")
                raise SummarizerFailed(error.message, reason=error.reason) from None
        raise SummarizerFailed("The transcript did not fit the language model's context window; raise GLANCE_LLM_CONTEXT_TOKENS on a bigger model.",
                               reason=ContextOverflow.reason)

    def _run(self, run: Run, transcript, video, lines, grounder, duration, context) -> Cards:
        want_chapters = not video.chapters
        overhead = request_tokens(prompt.cards_system((1, 2), want_chapters),
                                  prompt.cards_frame(video, duration), CARDS_SCHEMA)
        budget = plan.transcript_budget(context, self.settings.max_output_tokens, overhead)
        parts = plan.split(lines, video.chapters, budget)
        log.info("LLM summary of %d lines in %d part(s) of at most %d tokens, %d at a time",
                 len(lines), len(parts), budget, self.settings.concurrency)

        def part_call(k: int, part: list[Line]):
            where = (k, len(parts)) if len(parts) > 1 else None
            return lambda deadline: self._part(video, part, where, grounder, transcript, duration, want_chapters, deadline)

        results = run.each("parts", [part_call(k, part) for k, part in enumerate(parts, 1)])
        if len(results) == 1:
            whole = results[0]
            final = {"headline": whole.headline, "points": whole.points, "topics": whole.topics,
                     "ideas": whole.ideas, "quotes": whole.quotes}
        else:
            final = self._merge(run, video, results, duration, context)
        chapters = list(video.chapters) if video.chapters else tidy_chapters(merge.merged_chapters(results), duration)
        return self._assemble(transcript, video, final, chapters, merge.merged_people(results), duration)

    def _part(self, video, lines, part, grounder, transcript, duration, want_chapters, deadline) -> merge.PartCards:
        """Ask for the cards of some lines and ground them; the one request of a short video."""
        label = f"part {part[0]} of {part[1]}" if part else "whole transcript"
        answer = self.client.ask(prompt.cards_system(part, want_chapters),
                                 prompt.cards_user(video, lines, part, duration), CARDS_TOOL, CARDS_SCHEMA, read_cards,
                                 deadline=deadline, label=label)
        people = ground_people(answer["people"], video, transcript)
        return merge.PartCards(
            headline=answer["headline"], points=answer["points"], topics=answer["topics"],
            ideas=ground_ideas(grounder, answer["ideas"]),
            quotes=ground_quotes(grounder, answer["quotes"], people),
            chapters=ground_chapters(grounder, answer["chapters"], duration) if want_chapters else [],
            people=people, begin=lines[0].start, end=lines[-1].start,
        )

    def _merge(self, run: Run, video, results, duration, context) -> dict:
        """Let the model pick the best of every part's cards; merge them plainly if that fails."""
        try:
            return run.merge(results, video, duration, context)
        except ProviderError as error:
            log.warning("LLM merge request failed (%s); merging the parts plainly", error.message)
            return merge.plain_merge(results, duration)

    def _assemble(self, transcript, video, final, chapters, people, duration) -> Cards:
        """The cards: items inside the video, ideas and quotes in time order like the offline summarizer's."""
        def inside(items, limit=None):  # the best `limit` by the model's rank, then in time order
            return sorted([i for i in items if 0 <= i.start <= duration][:limit], key=lambda i: i.start)

        return Cards(
            video_id=video.video_id,
            video=video_header(video, people, transcript.duration),
            about=About(final["headline"], tuple(final["points"][:schema.ABOUT.count.most])),
            ideas=inside(final["ideas"], schema.IDEAS.count.most),
            quotes=inside(final["quotes"], schema.QUOTES.count.most),
            topics=merge.unique(final["topics"], schema.TOPICS.count.most),
            chapters=inside(chapters),
            meta=Meta(summarizer=self.name, version=self.version, language=transcript.language,
                      transcript=transcript.kind, transcript_source=transcript.source, model=self.settings.model),
        )

    def _fall_back(self, transcript: Transcript, video: VideoInfo, failed: SummarizerFailed) -> Cards:
        """The fallback summarizer's cards, marked as a fallback with a reason fit for end users."""
        if self._fallback is None:
            self._fallback = make_summarizer(self.settings.fallback, self.config)
        cards = self._fallback.summarize(transcript, video)
        log.warning("LLM failed (%s); serving %s cards instead", failed, self._fallback.name)
        cards.meta.fallback = True
        cards.meta.fallback_reason = failed.reason or "The language model could not write this summary."
        return cards
