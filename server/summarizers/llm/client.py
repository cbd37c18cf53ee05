"""What both provider clients share: ask for JSON, retry, read it, log tokens and time per request."""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass
from typing import Callable

from .errors import BadOutput, ContextOverflow
from .lines import estimate_tokens
from .settings import LLMSettings
from .transport import with_retries

log = logging.getLogger(__name__)

# A reply whose prompt count is below this share of our estimate was cut by the server
# (Ollama truncates long prompts silently instead of refusing them).
TRUNCATION_SHARE = 0.4


@dataclass(frozen=True)
class Reply:
    """One decoded answer: the JSON object the model wrote and the service's token counts."""

    data: dict
    prompt_tokens: int | None
    output_tokens: int | None


class Client:
    """Base of the provider clients; a subclass implements `_send` for its wire format."""

    provider = "?"

    def __init__(self, settings: LLMSettings):
        self.settings = settings

    def ask(self, system: str, user: str, tool: str, schema: dict, read: Callable[[dict], dict]) -> dict:
        """Send one prompt and return read(answer), with retries; raise a ProviderError when it fails for good."""
        expected = estimate_tokens(system) + estimate_tokens(user)
        notes: list[str] = []

        def attempt(number: int) -> dict:
            prompt = user if not notes else f"{user}\n\n{notes[-1]}"
            try:
                try:
                    reply = self._timed(system, prompt, tool, schema, number)
                    self._check_truncation(reply, expected)
                    return read(reply.data)
                except (KeyError, IndexError, TypeError, AttributeError) as odd:  # a reply of an unexpected shape
                    raise BadOutput(f"the answer had an unexpected shape ({type(odd).__name__})") from None
            except BadOutput as error:
                notes.append(f"Your previous answer could not be used ({error.message}). Answer again with only the JSON object, shorter if needed.")
                raise

        s = self.settings
        return with_retries(attempt, s.retries, s.backoff, s.backoff_max)

    def _timed(self, system: str, user: str, tool: str, schema: dict, number: int) -> Reply:
        began = time.monotonic()
        try:
            reply = self._send(system, user, tool, schema)
        except Exception as error:
            log.info("LLM %s %s attempt %d failed after %.2f s: %s", self.provider, self.settings.model,
                     number + 1, time.monotonic() - began, type(error).__name__)
            raise
        log.info("LLM %s %s: %s prompt + %s output tokens in %.2f s", self.provider, self.settings.model,
                 reply.prompt_tokens, reply.output_tokens, time.monotonic() - began)
        return reply

    def _check_truncation(self, reply: Reply, expected: int) -> None:
        if reply.prompt_tokens is not None and expected > 1000 and reply.prompt_tokens < TRUNCATION_SHARE * expected:
            log.warning("LLM server read %d prompt tokens of about %d: it truncated the prompt", reply.prompt_tokens, expected)
            raise ContextOverflow("The model server cut the transcript short; raise its context size.", reply.prompt_tokens)

    def _send(self, system: str, user: str, tool: str, schema: dict) -> Reply:
        raise NotImplementedError
