"""A fake LLM service on loopback speaking the real wire formats (OpenAI chat completions, Anthropic Messages).

It checks each request's shape the way the real services would (model, messages, schema or
tool, auth headers) and answers from a script of recorded-style replies, so the LLM summarizer
is tested over real HTTP without any vendor reachable. Like a model on a laptop it takes its
time (prompt and answer tokens at realistic rates, scaled down by FAKE_LLM_TIME_SCALE), cuts
answers off at max_tokens, can refuse prompts over its window, fail mid-way and drop a
connection half-way through an answer.
"""

from __future__ import annotations

import json
import os
import re
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from llm_wire_checks import KEY, MODEL, check_shape  # noqa: F401 (KEY and MODEL are the tests' too)

_LINE = re.compile(r"^\[(\d+) ([\d:]+)\] (.*)$", re.M)

# An 8B model on a laptop's GPU: it reads the prompt at about 150 tokens/s and writes about 20
# tokens/s, so a part of a long video takes tens of seconds. Tests run it this much faster.
PROMPT_RATE, OUTPUT_RATE = 150.0, 20.0
TIME_SCALE = float(os.environ.get("FAKE_LLM_TIME_SCALE", "0.002"))
BYTES_PER_TOKEN = 3.5  # the fake counts tokens pessimistically: every UTF-8 byte of messages and schema


class FakeLLM:
    """The server plus what it saw.

    `requests` (path, headers, body), `problems` (shape errors), `sizes` (prompt tokens + max_tokens
    of each request, as the fake counts them), `oversized` (requests refused for the window),
    `most_at_once` (the most requests it was answering at the same time).
    """

    def __init__(self):
        self.requests: list[dict] = []
        self.problems: list[str] = []
        self.script: list = []  # replies used in order; then `default`
        self.default = model_answer
        self.key = KEY  # None: a local server that takes no key
        self.time_scale = TIME_SCALE  # 0: answer at once; 1: as slowly as the laptop would
        self.window: int | None = None  # the model's context: longer requests are refused, as vLLM does
        self.failures: dict[int, object] = {}  # request number (1-based) -> reply: errors mid-way
        self.hold_until: int = 0  # the first this many requests wait for each other (or 5 s): proof of concurrency
        self.sizes: list[int] = []
        self.oversized: list[int] = []
        self.most_at_once = 0
        self._in_flight = 0
        self._lock = threading.Condition()
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

    def answer(self, request: dict, number: int):
        problems = check_shape(request, self.key)
        if problems:
            self.problems.extend(problems)
            return 400, {"error": {"type": "invalid_request_error", "message": "; ".join(problems)}}, {}
        refused = self._refusal(request)
        if refused:
            return refused
        with self._lock:
            reply = self.failures.pop(number, None) or (self.script.pop(0) if self.script else self.default)
        if callable(reply):
            reply = reply(request)
        if isinstance(reply, CutConnection):
            return reply
        reply = cut_at_max_tokens(request, reply if len(reply) == 3 else (*reply, {}))
        self._think(request, reply)
        return reply

    def _refusal(self, request: dict):
        """A vLLM-style 400 when the prompt and the answer it may write do not fit the window."""
        prompt, room = counted_tokens(request), _max_tokens(request["body"])
        with self._lock:
            self.sizes.append(prompt + room)
        if self.window is None or prompt + room <= self.window:
            return None
        with self._lock:
            self.oversized.append(prompt + room)
        return error_reply(400, "invalid_request_error",
                           f"This model's maximum context length is {self.window} tokens. However, you requested "
                           f"{prompt + room} tokens ({prompt} in the messages, {room} in the completion).")

    def _think(self, request: dict, reply: tuple) -> None:
        """Take as long as the laptop would to read the prompt and write this answer, scaled."""
        if self.time_scale and reply[0] == 200:
            seconds = counted_tokens(request) / PROMPT_RATE + len(json.dumps(reply[1])) / 4 / OUTPUT_RATE
            time.sleep(seconds * self.time_scale)

    def arrive(self, request: dict) -> int:
        """Record a request and number it (from 1); the first `hold_until` wait until all of them are in."""
        with self._lock:
            self.requests.append(request)
            self._in_flight += 1
            self.most_at_once = max(self.most_at_once, self._in_flight)
            self._lock.notify_all()
            number = len(self.requests)
            if number <= self.hold_until:
                self._lock.wait_for(lambda: self._in_flight >= self.hold_until, timeout=5)
            return number

    def leave(self) -> None:
        with self._lock:
            self._in_flight -= 1


class CutConnection:
    """A reply whose body stops half-way and whose connection then closes (a server crash mid-answer)."""

    def __init__(self, reply: tuple):
        self.status, self.payload = reply[0], reply[1]


def half_answer(request: dict) -> CutConnection:
    """The good answer, cut off in the middle of its bytes."""
    return CutConnection(model_answer(request))


def cut_at_max_tokens(request: dict, reply: tuple) -> tuple:
    """A real server stops writing at max_tokens: a longer answer comes back truncated, marked so."""
    status, payload, headers = reply
    room = _max_tokens(request["body"])
    if status != 200 or not isinstance(payload, dict) or room is None:
        return reply
    if request["path"] == "/v1/chat/completions":
        choice = (payload.get("choices") or [{}])[0]
        text = (choice.get("message") or {}).get("content")
        if isinstance(text, str) and len(text) / 4 > room:
            choice["message"]["content"], choice["finish_reason"] = text[: room * 4], "length"
    elif request["path"] == "/v1/messages" and len(json.dumps(payload.get("content"))) / 4 > room:
        payload["stop_reason"] = "max_tokens"
    return reply


def counted_tokens(request: dict) -> int:
    """The fake's own (pessimistic) count of a request's prompt: messages, system, schema or tools."""
    body = request["body"]
    parts = [body.get("system") or ""] + [m.get("content") or "" for m in body.get("messages") or []]
    parts += [json.dumps(body.get("response_format") or ""), json.dumps(body.get("tools") or "")]
    return int(sum(len(p.encode("utf-8")) for p in parts) / BYTES_PER_TOKEN) + 1


def _max_tokens(body: dict) -> int:
    value = body.get("max_tokens", body.get("max_completion_tokens"))
    return value if isinstance(value, int) else 0


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
            number = fake.arrive(request)
            try:
                reply = fake.answer(request, number)
            except Exception as error:  # a broken test reply: say so instead of dropping the connection
                fake.problems.append(f"fake reply failed: {error!r}")
                reply = 500, {"error": {"message": "fake failed"}}, {}
            finally:
                fake.leave()
            cut = isinstance(reply, CutConnection)
            status, payload, headers = (reply.status, reply.payload, {}) if cut else reply
            data = payload.encode() if isinstance(payload, str) else json.dumps(payload).encode()
            try:
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                for name, value in headers.items():
                    self.send_header(name, value)
                self.end_headers()
                self.wfile.write(data[: len(data) // 2] if cut else data)
                if cut:
                    self.close_connection = True
            except OSError:
                pass  # the client gave up (timeout test)

        def log_message(self, *args):
            pass

    return Handler


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
    """What a well-behaved model writes for these lines: items spread over them, quotes copied exactly.

    As long as a real model's answer: points of twenty-odd words, details of two sentences.
    """
    picks = [lines[round(i * (len(lines) - 1) / 4)] for i in range(5)]
    point = "which the speakers come back to several times, with examples from their own work and the mistakes they made"
    return {
        "headline": "How the speakers build and test small tools, and what they learned doing it",
        "points": [f"Start small, {point}.", f"Measure before changing, {point}.", f"Write things down, {point}.",
                   f"Share early, {point}."],
        "ideas": [{"title": f"Idea {i} about small tools", "line": n,
                   "detail": f"Explained near line {n}, where the speaker works through an example step by step. "
                             "It matters because the same habit saves time on every later project."}
                  for i, (n, _) in enumerate(picks)],
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
    return openai_reply(data, prompt_tokens=tokens, completion_tokens=len(json.dumps(data)) // 4)


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
    """App config pointing the LLM summarizer at `fake`: a timeout well above its scaled answer times, no backoff."""
    config = {"LLM_PROVIDER": provider, "LLM_BASE_URL": fake.url, "LLM_MODEL": MODEL, "LLM_API_KEY": KEY,
              "LLM_TIMEOUT": "10", "LLM_RETRIES": "2", "LLM_BACKOFF": "0", "LLM_BACKOFF_MAX": "5"}
    config.update(overrides)
    return config


@pytest.fixture(autouse=True)
def no_waiting(monkeypatch):
    """Retries back off without sleeping: the fake's own delays are what the tests measure."""
    from server.summarizers.llm import transport

    monkeypatch.setattr(transport, "sleep", lambda seconds: None)


@pytest.fixture(scope="module")
def three_hours():
    from llm_synthetic import long_transcript

    return long_transcript(hours=3.0)
