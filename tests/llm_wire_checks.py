"""What the real LLM services check in a request before answering: the fake server refuses what they would."""

from __future__ import annotations

import re

KEY = "sk-test-0123456789abcdef"
MODEL = "test-model"


def check_shape(request: dict, key: str | None = KEY) -> list[str]:
    """The problems a real service would reject this request for (empty when well formed)."""
    body, headers, path = request["body"], request["headers"], request["path"]
    if not isinstance(body, dict):
        return ["body is not a JSON object"]
    if path == "/v1/chat/completions":
        return _openai_problems(body, headers, key)
    if path == "/v1/messages":
        return _anthropic_problems(body, headers)
    return [f"unknown path {path}"]


def _openai_problems(body: dict, headers: dict, key: str | None) -> list[str]:
    problems = []
    if headers.get("authorization") != (f"Bearer {key}" if key else None):
        problems.append("missing or wrong Authorization bearer key")
    if body.get("model") != MODEL:
        problems.append("model missing")
    roles = [m.get("role") for m in body.get("messages") or []]
    if roles != ["system", "user"] or not all(isinstance(m.get("content"), str) for m in body["messages"]):
        problems.append("messages must be a system then a user message with string content")
    if not isinstance(body.get("max_tokens", body.get("max_completion_tokens")), int):
        problems.append("max_tokens missing")
    fmt = body.get("response_format")
    if fmt is not None:
        if fmt.get("type") == "json_schema":
            spec = fmt.get("json_schema") or {}
            if not (re.fullmatch(r"[A-Za-z0-9_-]{1,64}", spec.get("name") or "") and spec.get("strict") is True):
                problems.append("json_schema needs a name and strict")
            problems += _strict_problems(spec.get("schema") or {})
        elif fmt.get("type") == "json_object":
            if "json" not in body["messages"][0]["content"].lower():
                problems.append("json_object needs the word JSON in the prompt")
        else:
            problems.append("unknown response_format type")
    return problems


def _strict_problems(schema: dict, where: str = "schema") -> list[str]:
    """OpenAI strict mode: every object lists all its properties as required and forbids extras."""
    problems = []
    if schema.get("type") == "object":
        props = schema.get("properties") or {}
        if schema.get("additionalProperties") is not False or set(schema.get("required") or ()) != set(props):
            problems.append(f"{where}: strict objects need additionalProperties false and all properties required")
        for name, sub in props.items():
            problems += _strict_problems(sub, f"{where}.{name}")
    if schema.get("type") == "array":
        problems += _strict_problems(schema.get("items") or {}, f"{where}[]")
    return problems


def _anthropic_problems(body: dict, headers: dict) -> list[str]:
    problems = []
    if headers.get("x-api-key") != KEY:
        problems.append("missing or wrong x-api-key")
    if headers.get("anthropic-version") != "2023-06-01":
        problems.append("missing anthropic-version")
    if "authorization" in headers:
        problems.append("Anthropic takes the key in x-api-key, not Authorization")
    if body.get("model") != MODEL or not isinstance(body.get("max_tokens"), int):
        problems.append("model and max_tokens are required")
    if not isinstance(body.get("system"), str):
        problems.append("system prompt goes in the top-level system field")
    if [m.get("role") for m in body.get("messages") or []] != ["user"]:
        problems.append("messages must be one user turn")
    tools = body.get("tools") or []
    if len(tools) != 1 or not tools[0].get("name") or tools[0].get("input_schema", {}).get("type") != "object":
        problems.append("exactly one tool with an object input_schema")
    elif body.get("tool_choice") != {"type": "tool", "name": tools[0]["name"]}:
        problems.append("tool_choice must force the tool")
    return problems
