"""Anthropic Messages API: the cards come back as the input of one forced tool call."""

from __future__ import annotations

from .client import Client, Reply
from .errors import BadOutput
from .transport import post_json

API_VERSION = "2023-06-01"


class AnthropicMessages(Client):
    """POST {base}/messages with one tool whose input schema is the answer, and tool_choice forcing it."""

    provider = "anthropic"

    def _send(self, system: str, user: str, tool: str, schema: dict, max_tokens: int, timeout: float) -> Reply:
        data = post_json(self.url, self.headers(), self.body(system, user, tool, schema, max_tokens), timeout)
        return self.read(data, tool)

    @property
    def url(self) -> str:
        return f"{self.settings.base_url}/messages"

    def headers(self) -> dict:
        """The key goes in x-api-key, with the API version Glance was written against."""
        return {"Content-Type": "application/json", "x-api-key": self.settings.api_key, "anthropic-version": API_VERSION}

    def body(self, system: str, user: str, tool: str, schema: dict, max_tokens: int) -> dict:
        """One user turn; the tool's input_schema is the answer and tool_choice makes the model call it."""
        return {
            "model": self.settings.model,
            "max_tokens": max_tokens,
            "temperature": self.settings.temperature,
            "system": system,
            "messages": [{"role": "user", "content": user}],
            "tools": [{"name": tool, "description": "Record the answer.", "input_schema": schema}],
            "tool_choice": {"type": "tool", "name": tool},
        }

    def read(self, data: dict, tool: str) -> Reply:
        """The input of the tool_use block for `tool`; BadOutput when cut off or missing."""
        if data.get("stop_reason") == "max_tokens":
            raise BadOutput("the answer was cut off at the output token limit")
        blocks = data.get("content") if isinstance(data.get("content"), list) else []
        for block in blocks:
            if isinstance(block, dict) and block.get("type") == "tool_use" and block.get("name") == tool:
                if isinstance(block.get("input"), dict):
                    usage = data.get("usage") or {}
                    return Reply(block["input"], usage.get("input_tokens"), usage.get("output_tokens"))
        raise BadOutput("the answer did not call the cards tool")
