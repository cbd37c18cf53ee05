"""LLMSummarizer: cards written by a language model, every quote and time checked against the transcript."""

from __future__ import annotations

import logging
from typing import Mapping

from ...models import About, Cards, Meta, Transcript, VideoInfo, video_header
from .. import SummarizerFailed, make_summarizer
from . import merge, plan, prompt
from .anthropic_messages import AnthropicMessages
from .errors import ContextOverflow, ProviderError
from .grounding import Grounder, ground_chapters, ground_ideas, ground_people, ground_quotes, tidy_chapters
from .lines import Line, build_lines
from .openai_chat import OpenAIChat
from .schema import CARDS_SCHEMA, CARDS_TOOL, PICK_SCHEMA, PICK_TOOL, read_cards, read_pick
from .settings import LLMSettings

log = logging.getLogger(__name__)

CLIENTS = {"openai": OpenAIChat, "anthropic": AnthropicMessages}
OVERFLOW_ROUNDS = 4  # re-plans with smaller parts after the service says the prompt was too long


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

    def summarize(self, transcript: Transcript, video: VideoInfo, language: str | None = None) -> Cards:
        """Cards in `language` (default: the transcript's); falls back or raises SummarizerFailed on failure."""
        lines = build_lines(transcript)
        if not lines:
            raise SummarizerFailed("The transcript is empty, so there is nothing to summarize.")
        try:
            return self._cards(transcript, video, lines, language)
        except SummarizerFailed as failed:
            if not self.settings.fallback:
                raise
            log.warning("LLM summarizer failed (%s); using %s instead", failed, self.settings.fallback)
            return self._fall_back(transcript, video, str(failed))

    def _cards(self, transcript: Transcript, video: VideoInfo, lines: list[Line], language: str | None) -> Cards:
        grounder = Grounder(transcript, lines)
        duration = float(video.duration or transcript.duration)
        context = self.settings.context_tokens
        for _ in range(OVERFLOW_ROUNDS):
            try:
                return self._run(transcript, video, lines, grounder, duration, context, language)
            except ContextOverflow as overflow:
                context = plan.shrink(context, overflow.limit)
                log.warning("LLM prompt too long for the model; planning again with a %d-token context", context)
            except ProviderError as error:
                raise SummarizerFailed(error.message) from None
        raise SummarizerFailed("The transcript did not fit the language model's context window; raise GLANCE_LLM_CONTEXT_TOKENS on a bigger model.")

    def _run(self, transcript, video, lines, grounder, duration, context, language) -> Cards:
        budget = plan.transcript_budget(context, self.settings.max_output_tokens)
        parts = plan.split(lines, video.chapters, budget)
        log.info("LLM summary of %d lines in %d part(s) of at most %d tokens", len(lines), len(parts), budget)
        want_chapters = not video.chapters
        results = [self._part(video, part, (k, len(parts)) if len(parts) > 1 else None, grounder,
                              transcript, duration, language, want_chapters) for k, part in enumerate(parts, 1)]
        if len(results) == 1:
            whole = results[0]
            final = {"headline": whole.headline, "points": whole.points, "topics": whole.topics,
                     "ideas": whole.ideas, "quotes": whole.quotes}
        else:
            final = self._merge(video, results, duration, language)
        chapters = list(video.chapters) if video.chapters else tidy_chapters(merge.merged_chapters(results), duration)
        return self._assemble(transcript, video, final, chapters, merge.merged_people(results), duration, language)

    def _part(self, video, lines, part, grounder, transcript, duration, language, want_chapters) -> merge.PartCards:
        """Ask for the cards of some lines and ground them; the one request of a short video."""
        answer = self.client.ask(prompt.cards_system(language, part, want_chapters),
                                 prompt.cards_user(video, lines, part, duration), CARDS_TOOL, CARDS_SCHEMA, read_cards)
        people = ground_people(answer["people"], video, transcript)
        return merge.PartCards(
            headline=answer["headline"], points=answer["points"], topics=answer["topics"],
            ideas=ground_ideas(grounder, answer["ideas"]),
            quotes=ground_quotes(grounder, answer["quotes"], people),
            chapters=ground_chapters(grounder, answer["chapters"], duration) if want_chapters else [],
            people=people, begin=lines[0].start, end=lines[-1].start,
        )

    def _merge(self, video, results, duration, language) -> dict:
        """Let the model pick the best of every part's cards; merge them plainly if that request fails."""
        shown, ideas, quotes = merge.candidates(results, per_part=max(2, 40 // len(results)))
        try:
            pick = self.client.ask(prompt.pick_system(language), prompt.pick_user(video, shown, duration),
                                   PICK_TOOL, PICK_SCHEMA, read_pick)
        except ProviderError as error:
            log.warning("LLM merge request failed (%s); merging the parts plainly", error.message)
            return merge.plain_merge(results, duration)
        return {"headline": pick["headline"], "points": pick["points"], "topics": pick["topics"],
                "ideas": merge.chosen(pick["ideas"], ideas, merge.IDEAS, duration),
                "quotes": merge.chosen(pick["quotes"], quotes, merge.QUOTES, duration)}

    def _assemble(self, transcript, video, final, chapters, people, duration, language) -> Cards:
        inside = lambda items: [item for item in items if 0 <= item.start <= duration]  # noqa: E731
        return Cards(
            video_id=video.video_id,
            video=video_header(video, people, transcript.duration),
            about=About(final["headline"], tuple(final["points"][:5])),
            ideas=inside(final["ideas"])[:6],
            quotes=inside(final["quotes"])[:6],
            topics=merge.unique(final["topics"]),
            chapters=inside(chapters),
            meta=Meta(summarizer=self.name, version=self.version, language=language or transcript.language,
                      transcript=transcript.kind, transcript_source=transcript.source),
        )

    def _fall_back(self, transcript: Transcript, video: VideoInfo, reason: str) -> Cards:
        if self._fallback is None:
            self._fallback = make_summarizer(self.settings.fallback, self.config)
        cards = self._fallback.summarize(transcript, video)
        log.warning("LLM failed (%s); serving %s cards instead", reason, self._fallback.name)
        cards.meta.summarizer = f"{self._fallback.name} (LLM unavailable)"  # no configuration advice for end users
        return cards
