"""What both provider clients share: ask for JSON, retry, read it, log tokens and time per request."""

from __future__ import annotations

import json
import logging
import time
from dataclasses import dataclass
from typing import Callable

from .errors import BadOutput, ContextOverflow, OutOfTime
from .lines import estimate_tokens
from .settings import LLMSettings
from .transport import with_retries

log = logging.getLogger(__name__)

# A reply whose prompt count is below this share of our estimate was cut by the server
# (Ollama truncates long prompts silently instead of refusing them).
TRUNCATION_SHARE = 0.4
MESSAGE_TOKENS = 16  # what the chat template adds around the messages, generously


@dataclass(frozen=True)
class Reply:
    """One decoded answer: the JSON object the model wrote and the service's token counts."""

    data: dict
    prompt_tokens: int | None
    output_tokens: int | None


class Deadline:
    """The end of one video's time budget, shared by all of its requests (threads included)."""

    def __init__(self, seconds: float, at: float | None = None):
        self.seconds = seconds
        self._at = time.monotonic() + seconds if at is None else at
        self.stopped = False

    def batch(self) -> "Deadline":
        """The same deadline for one batch of requests, with its own stop."""
        return Deadline(self.seconds, self._at)

    def remaining(self) -> float:
        return self._at - time.monotonic()

    @property
    def expired(self) -> bool:
        return self.remaining() <= 0

    def stop(self) -> None:
        """End the run early (another request failed for good): requests still running stop at their next try."""
        self.stopped = True

    def check(self) -> float:
        """The seconds left; OutOfTime when none are (or the run was stopped)."""
        if self.stopped:
            raise OutOfTime("Another request of this summary failed; stopping.")
        left = self.remaining()
        if left <= 0:
            raise OutOfTime(f"The language model did not finish within GLANCE_LLM_JOB_BUDGET ({self.seconds:g} s).")
        return left


def request_tokens(system: str, user: str, schema: dict) -> int:
    """Our cautious count of a request's prompt: both messages and the schema (a tool's schema is prompt too)."""
    return estimate_tokens(system) + estimate_tokens(user) + estimate_tokens(json.dumps(schema)) + MESSAGE_TOKENS


class Client:
    """Base of the provider clients; a subclass implements `_send` for its wire format."""

    provider = "?"

    def __init__(self, settings: LLMSettings):
        self.settings = settings

    def ask(self, system: str, user: str, tool: str, schema: dict, read: Callable[[dict], dict], *,
            max_tokens: int | None = None, deadline: Deadline | None = None, label: str = "") -> dict:
        """Send one prompt and return read(answer), with retries; raise a ProviderError when it fails for good.

        A prompt that would not leave room for `max_tokens` of answer in the model's window is never
        sent: ContextOverflow says to plan smaller requests instead.
        """
        s = self.settings
        tokens = min(max_tokens or s.max_output_tokens, s.max_output_tokens)
        expected = request_tokens(system, user, schema)
        if expected + tokens > s.context_tokens:
            raise ContextOverflow(f"A request of about {expected} + {tokens} tokens would not fit the model's window.")
        notes: list[str] = []

        def attempt(number: int) -> dict:
            timeout = min(s.timeout, deadline.check()) if deadline else s.timeout
            prompt = user if not notes else f"{user}\n\n{notes[-1]}"
            try:
                try:
                    reply = self._timed(system, prompt, tool, schema, tokens, timeout, f"{label} attempt {number + 1}")
                    self._check_truncation(reply, expected)
                    return read(reply.data)
                except (KeyError, IndexError, TypeError, AttributeError) as odd:  # a reply of an unexpected shape
                    raise BadOutput(f"the answer had an unexpected shape ({type(odd).__name__})") from None
            except BadOutput as error:
                notes.append(f"Your previous answer could not be used ({error.message}). Answer again with only the JSON object, shorter if needed.")
                raise

        return with_retries(attempt, s.retries, s.backoff, s.backoff_max, deadline)

    def _timed(self, system: str, user: str, tool: str, schema: dict, max_tokens: int, timeout: float, label: str) -> Reply:
        """One request, logged with its token counts and time (never its headers: the key is there)."""
        began = time.monotonic()
        try:
            reply = self._send(system, user, tool, schema, max_tokens, timeout)
        except Exception as error:
            log.info("LLM %s %s %s failed after %.2f s: %s", self.provider, self.settings.model,
                     label.strip(), time.monotonic() - began, type(error).__name__)
            raise
        log.info("LLM %s %s %s: %s prompt + %s output tokens in %.2f s", self.provider, self.settings.model,
                 label.strip(), reply.prompt_tokens, reply.output_tokens, time.monotonic() - began)
        return reply

    def _check_truncation(self, reply: Reply, expected: int) -> None:
        if reply.prompt_tokens is not None and expected > 1000 and reply.prompt_tokens < TRUNCATION_SHARE * expected:
            log.warning("LLM server read %d prompt tokens of about %d: it truncated the prompt", reply.prompt_tokens, expected)
            raise ContextOverflow("The model server cut the transcript short; raise its context size.", reply.prompt_tokens)

    def _send(self, system: str, user: str, tool: str, schema: dict, max_tokens: int, timeout: float) -> Reply:
        raise NotImplementedError
