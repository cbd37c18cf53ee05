"""A fake LLM service on loopback speaking the real wire formats (OpenAI chat completions, Anthropic Messages).

It checks each request's shape the way the real services would (model, messages, schema or
tool, auth headers) and answers from a script of recorded-style replies, so the LLM summarizer
is tested over real HTTP without any vendor reachable.
"""

from __future__ import annotations

import json
import re
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

KEY = "sk-test-0123456789abcdef"
MODEL = "test-model"
_LINE = re.compile(r"^\[(\d+) ([\d:]+)\] (.*)$", re.M)


class FakeLLM:
    """The server plus what it saw: `requests` (path, headers, body) and `problems` (shape errors)."""

    def __init__(self):
        self.requests: list[dict] = []
        self.problems: list[str] = []
        self.script: list = []  # replies used in order; then `default`
        self.default = model_answer
        self.key = KEY  # None: a local server that takes no key
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(self))
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, args=(0.05,), daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self._server.server_port}/v1"

    def start(self) -> "FakeLLM":
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    def then(self, *replies) -> "FakeLLM":
        """Queue replies: (status, body[, headers]) tuples, callables(request) -> tuple, or stall(seconds)."""
        self.script.extend(replies)
        return self

    def answer(self, request: dict):
        problems = check_shape(request, self.key)
        if problems:
            self.problems.extend(problems)
            return 400, {"error": {"type": "invalid_request_error", "message": "; ".join(problems)}}, {}
        reply = self.script.pop(0) if self.script else self.default
        if callable(reply):
            reply = reply(request)
        return reply if len(reply) == 3 else (*reply, {})


def stall(seconds: float):
    """A reply that arrives after `seconds`: longer than the client's timeout, it is a timeout."""

    def late(request):
        time.sleep(seconds)
        return model_answer(request)

    return late


def _handler(fake: FakeLLM):
    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):  # noqa: N802 (http.server's naming)
            size = int(self.headers.get("Content-Length") or 0)
            raw = self.rfile.read(size)
            try:
                body = json.loads(raw)
            except ValueError:
                body = None
            request = {"path": self.path, "headers": {k.lower(): v for k, v in self.headers.items()}, "body": body}
            fake.requests.append(request)
            try:
                status, payload, headers = fake.answer(request)
            except Exception as error:  # a broken test reply: say so instead of dropping the connection
                fake.problems.append(f"fake reply failed: {error!r}")
                status, payload, headers = 500, {"error": {"message": "fake failed"}}, {}
            data = payload.encode() if isinstance(payload, str) else json.dumps(payload).encode()
            try:
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                for name, value in headers.items():
                    self.send_header(name, value)
                self.end_headers()
                self.wfile.write(data)
            except OSError:
                pass  # the client gave up (timeout test)

        def log_message(self, *args):
            pass

    return Handler


# --- what each service checks ------------------------------------------------------------


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


# --- recorded-style replies ---------------------------------------------------------------


def openai_reply(content, finish_reason: str = "stop", prompt_tokens: int = 1200, completion_tokens: int = 300) -> tuple:
    """A chat.completion object whose first choice carries `content` (an object is JSON-encoded)."""
    text = content if isinstance(content, str) else json.dumps(content)
    return 200, {
        "id": "chatcmpl-fake", "object": "chat.completion", "created": 1764150000, "model": MODEL,
        "choices": [{"index": 0, "message": {"role": "assistant", "content": text}, "finish_reason": finish_reason}],
        "usage": {"prompt_tokens": prompt_tokens, "completion_tokens": completion_tokens, "total_tokens": prompt_tokens + completion_tokens},
    }


def anthropic_reply(data: dict, tool: str = "write_cards", stop_reason: str = "tool_use", input_tokens: int = 1200) -> tuple:
    """A Messages API message whose content is one tool_use block with `data` as input."""
    return 200, {
        "id": "msg_fake", "type": "message", "role": "assistant", "model": MODEL,
        "content": [{"type": "tool_use", "id": "toolu_fake", "name": tool, "input": data}],
        "stop_reason": stop_reason, "stop_sequence": None,
        "usage": {"input_tokens": input_tokens, "output_tokens": 250},
    }


def error_reply(status: int, kind: str, message: str, headers: dict | None = None, anthropic: bool = False) -> tuple:
    """An error body the way each vendor nests it."""
    if anthropic:
        return status, {"type": "error", "error": {"type": kind, "message": message}}, headers or {}
    return status, {"error": {"message": message, "type": kind, "param": None, "code": None}}, headers or {}


def lines_of(request: dict) -> list[tuple[int, str]]:
    """The numbered transcript lines (number, text) the request carries."""
    return [(int(n), text) for n, _, text in _LINE.findall(user_text(request))]


def user_text(request: dict) -> str:
    return request["body"]["messages"][-1]["content"]


def is_pick(request: dict) -> bool:
    body = request["body"]
    if "tools" in body:
        return body["tools"][0]["name"] == "pick_cards"
    spec = (body.get("response_format") or {}).get("json_schema") or {}
    return spec.get("name") == "pick_cards" or "<parts>" in user_text(request)


def cards_for(lines: list[tuple[int, str]]) -> dict:
    """What a well-behaved model writes for these lines: items spread over them, quotes copied exactly."""
    picks = [lines[round(i * (len(lines) - 1) / 4)] for i in range(5)]
    return {
        "headline": "How the speakers build and test small tools",
        "points": ["Start small.", "Measure before changing.", "Write things down.", "Share early."],
        "ideas": [{"title": f"Idea {i}", "detail": f"Explained near line {n}.", "line": n} for i, (n, _) in enumerate(picks)],
        "quotes": [{"text": " ".join(text.split()[:12]), "line": n, "speaker": None} for n, text in picks],
        "topics": ["tools", "testing", "habits", "notes", "sharing"],
        "chapters": [{"line": n, "title": f"Chapter at line {n}"} for n, _ in picks],
        "people": [],
    }


def pick_for(request: dict, lazy: bool = False) -> dict:
    """A merge answer: the first idea and quote of each part, or (lazy) only the opening part's."""
    parts = json.loads(user_text(request).split("<parts>", 1)[1].rsplit("</parts>", 1)[0])
    chosen = parts[:1] if lazy else parts
    ideas = [i["id"] for p in chosen for i in p["ideas"][: 5 if lazy else 1]]
    quotes = [q["id"] for p in chosen for q in p["quotes"][: 5 if lazy else 1]]
    return {"headline": "The whole video in one line", "points": ["One.", "Two.", "Three.", "Four."],
            "topics": ["tools", "testing"], "ideas": ideas[:5], "quotes": quotes[:5]}


def model_answer(request: dict, lazy: bool = False) -> tuple:
    """The default reply: good cards (or a merge pick) in the request's own wire format."""
    data = pick_for(request, lazy) if is_pick(request) else cards_for(lines_of(request))
    tokens = prompt_tokens(request)
    if request["path"] == "/v1/messages":
        return anthropic_reply(data, request["body"]["tools"][0]["name"], input_tokens=tokens)
    return openai_reply(data, prompt_tokens=tokens)


def prompt_tokens(request: dict) -> int:
    """About what a real tokenizer would count for the request's text (4 characters a token)."""
    body = request["body"]
    text = (body.get("system") or "") + "".join(m["content"] for m in body["messages"])
    return len(text) // 4


@pytest.fixture
def fake_llm():
    """A FakeLLM running on a free loopback port for one test."""
    fake = FakeLLM().start()
    yield fake
    fake.stop()


def llm_config(fake: FakeLLM, provider: str = "openai", **overrides) -> dict:
    """App config pointing the LLM summarizer at `fake`, with tiny timeouts and no backoff."""
    config = {"LLM_PROVIDER": provider, "LLM_BASE_URL": fake.url, "LLM_MODEL": MODEL, "LLM_API_KEY": KEY,
              "LLM_TIMEOUT": "0.5", "LLM_RETRIES": "2", "LLM_BACKOFF": "0", "LLM_BACKOFF_MAX": "5"}
    config.update(overrides)
    return config
