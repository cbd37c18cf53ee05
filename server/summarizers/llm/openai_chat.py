"""OpenAI-compatible chat completions (OpenAI, OpenRouter, vLLM, llama.cpp, Ollama's /v1)."""

from __future__ import annotations

import logging
import threading

from .client import Client, Reply
from .errors import BadOutput, Fatal, Unsupported
from .schema import parse_json
from .transport import post_json

log = logging.getLogger(__name__)

# Structured output, strongest first; a server that rejects one gets the next.
_MODES = ("schema", "object", "none")


class OpenAIChat(Client):
    """POST {base}/chat/completions with a JSON schema in response_format where the server takes one."""

    provider = "openai"

    def __init__(self, settings):
        super().__init__(settings)
        self.json_mode = settings.json_mode
        self.tokens_field = "max_tokens"  # what most compatible servers take; OpenAI's newer models want max_completion_tokens
        self._lock = threading.Lock()  # requests share this client: step down once per rejection

    def _send(self, system: str, user: str, tool: str, schema: dict, max_tokens: int, timeout: float) -> Reply:
        while True:
            try:
                data = post_json(self.url, self.headers(), self.body(system, user, tool, schema, max_tokens), timeout)
                return self.read(data)
            except Unsupported as error:
                self._step_down(error, sent=(self.tokens_field, self.json_mode))

    @property
    def url(self) -> str:
        return f"{self.settings.base_url}/chat/completions"

    def headers(self) -> dict:
        """JSON headers, plus the bearer key when one is configured (a local server may need none)."""
        headers = {"Content-Type": "application/json"}
        if self.settings.api_key:
            headers["Authorization"] = f"Bearer {self.settings.api_key}"
        return headers

    def body(self, system: str, user: str, tool: str, schema: dict, max_tokens: int) -> dict:
        """The request body for the current structured-output mode."""
        body = {
            "model": self.settings.model,
            "messages": [{"role": "system", "content": system}, {"role": "user", "content": user}],
            "temperature": self.settings.temperature,
            self.tokens_field: max_tokens,
        }
        if self.json_mode == "schema":
            body["response_format"] = {"type": "json_schema", "json_schema": {"name": tool, "schema": schema, "strict": True}}
        elif self.json_mode == "object":
            body["response_format"] = {"type": "json_object"}
        return body

    def read(self, data: dict) -> Reply:
        """The JSON object in the first choice's message; BadOutput when cut off or missing."""
        choices = data.get("choices") or [{}]
        choice = choices[0] if isinstance(choices[0], dict) else {}
        if choice.get("finish_reason") == "length":
            raise BadOutput("the answer was cut off at the output token limit")
        content = (choice.get("message") or {}).get("content")
        if not isinstance(content, str) or not content.strip():
            raise BadOutput("the answer was empty")
        usage = data.get("usage") or {}
        return Reply(parse_json(content), usage.get("prompt_tokens"), usage.get("completion_tokens"))

    def _step_down(self, error: Unsupported, sent: tuple[str, str]) -> None:
        """Use a plainer request from now on; another thread may already have stepped down for the same reason."""
        detail = error.detail.lower()
        with self._lock:
            if (self.tokens_field, self.json_mode) != sent:
                return
            if "max_tokens" in detail and self.tokens_field == "max_tokens":
                self.tokens_field = "max_completion_tokens"
            elif self.json_mode != "none":
                self.json_mode = _MODES[_MODES.index(self.json_mode) + 1]
            else:
                raise Fatal(error.message) from None
        log.warning("LLM server rejected an option; now sending %s with JSON mode %r", self.tokens_field, self.json_mode)
