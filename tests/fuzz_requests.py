"""Hypothesis strategies for whole HTTP requests to the service: method, path, query, headers
and body, each drawn from the odd input that once crashed it (deep JSON, lone surrogates,
integers beyond float range, rebound hosts, foreign origins) as well as from valid requests."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from urllib.parse import quote, urlencode

from hypothesis import strategies as st

from server.guard import GLANCE_EXTENSION_ID

ADMIN_TOKEN = "fuzz-admin-token"
VIDEOS = ["GJLlxj_dtq8", "abcdefghijk", "dQw4w9WgXcQ"]

# Text with what real text lacks: lone surrogates (sent as JSON escapes), controls, RTL marks,
# emoji. Mostly sampled: drawing from fixed lists keeps 10,000 examples quick to generate.
ODD_STRINGS = ["\ud800", "a\udfffb", "\udc00\ud800", "\x00\x1f\x7f", "\u202eevil", "\U0001f600" * 3, "", " ", "\r\n", "\t",
               "Hello there.", "x" * 300, "<script>alert(1)</script>", "\ufeff", "e\u0301", "\u0000", "%00", "null", "en",
               "\uffff", "\U0010ffff", "\\", '"', "\u2028"]
odd_text = st.one_of(st.sampled_from(ODD_STRINGS), st.text(max_size=12))
HUGE = [10**400, -(10**400), 10**309, 2**63, 2**1024, -1, 0, 1, 7 * 24 * 3600 + 1, 1e308, 1e-320, float("inf"), float("-inf"),
        float("nan"), -0.0, 0.5, 12.25]
huge_numbers = st.one_of(st.sampled_from(HUGE), st.integers(-5, 100_000), st.floats(0, 1e6))
leaf = st.one_of(st.none(), st.booleans(), huge_numbers, odd_text)
json_values = st.recursive(
    leaf, lambda children: st.lists(children, max_size=4) | st.dictionaries(odd_text, children, max_size=4),
    max_leaves=6,
)
segment = st.fixed_dictionaries(
    {"start": st.one_of(st.floats(0, 50_000), huge_numbers, odd_text), "text": st.one_of(odd_text, json_values)},
    optional={"duration": st.one_of(st.floats(0, 30), huge_numbers), "speaker": st.one_of(odd_text, st.none())},
)
transcript = st.fixed_dictionaries(
    {"segments": st.lists(segment, max_size=6)},
    optional={"language": st.sampled_from(["en", "en-US", "pt_BR", "zz-", "", None, 7]),
              "kind": st.sampled_from(["manual", "generated", None, "x"]),
              "source": st.sampled_from(["player", "panel", "client", "server", "nope", None])},
)
video = st.fixed_dictionaries({}, optional={
    "title": st.one_of(odd_text, json_values), "channel": odd_text, "duration": huge_numbers,
    "chapters": st.lists(st.fixed_dictionaries({"start": huge_numbers, "title": odd_text}), max_size=3),
})
summary_body = st.fixed_dictionaries({}, optional={"transcript": st.one_of(transcript, json_values), "video": video,
                                                   "refresh": st.one_of(st.booleans(), json_values)})
item = st.fixed_dictionaries({"start": st.one_of(st.floats(0, 1000), huge_numbers)},
                             optional={"title": odd_text, "detail": odd_text, "text": odd_text, "speaker": leaf})
cards_body = st.fixed_dictionaries(
    {"about": st.one_of(st.fixed_dictionaries({"headline": odd_text}, optional={"points": st.lists(odd_text, max_size=3)}),
                        json_values)},
    optional={"ideas": st.lists(item, max_size=3), "quotes": st.lists(item, max_size=3), "chapters": st.lists(item, max_size=3),
              "topics": st.one_of(st.lists(odd_text, max_size=3), json_values),
              "meta": st.one_of(st.dictionaries(st.sampled_from(["summarizer", "version", "language", "transcript"]), leaf),
                                json_values),
              "video": st.fixed_dictionaries({}, optional={"people": st.lists(st.dictionaries(st.sampled_from(["name", "role"]), leaf), max_size=2),
                                                           "duration": huge_numbers}),
              "video_id": st.sampled_from(VIDEOS + [None, 7])},
)
deep = st.builds(lambda n, open_, close: open_ * n + close * n, st.integers(1, 5_000),
                 st.sampled_from(["[", '{"a":']), st.sampled_from(["]", "}"]))


def _dumps(value) -> bytes:
    return json.dumps(value, ensure_ascii=True).encode()


body = st.one_of(
    st.none(),
    summary_body.map(_dumps), summary_body.map(_dumps), cards_body.map(_dumps), json_values.map(_dumps),
    deep.map(str.encode),
    st.sampled_from([b"", b" ", b"{", b"null", b'"x"', b"[]", b"{}", b'{"refresh": true}', b"\xff\xfe{", b"1" + b"0" * 5000,
                     b'{"transcript": {"segments": [{"start": 1e999, "text": "x"}]}}', b"\x00" * 20]),
    st.binary(max_size=60),
)
headers = st.fixed_dictionaries({}, optional={
    "Host": st.sampled_from(["localhost", "127.0.0.1:8765", "[::1]:8765", "evil.example", "localhost.evil.example:8765",
                             "", "a b", "localhost:99999", "LOCALHOST"]),
    "Origin": st.sampled_from([f"chrome-extension://{GLANCE_EXTENSION_ID}", "chrome-extension://" + "a" * 32,
                               "https://evil.example", "null", "http://localhost:3000", "", "\u00ff"]),
    "Sec-Fetch-Site": st.sampled_from(["none", "same-origin", "same-site", "cross-site", "weird"]),
    "Content-Type": st.sampled_from(["application/json", "application/json; charset=utf-8", "text/plain;charset=UTF-8",
                                     "application/json; charset=latin-1", "application/json; charset=utf-16",
                                     "multipart/form-data; boundary=x", "application/x-www-form-urlencoded", ""]),
    "Authorization": st.sampled_from([f"Bearer {ADMIN_TOKEN}", "Bearer wrong", "Basic eA==", "Bearer ", "\u00e9"]),
    "Access-Control-Request-Method": st.sampled_from(["PUT", "POST", "DELETE", "TRACE"]),
})
video_id = st.one_of(st.sampled_from(VIDEOS), st.sampled_from(["short", "a" * 12, "ab cdefghij", "..", "%00"]),
                     st.text(max_size=14))
path = st.one_of(
    st.builds(lambda v, tail: f"/api/v1/videos/{quote(v, safe='')}/{tail}", video_id,
              st.sampled_from(["summary", "summary", "summary", "transcript", "nope", ""])),
    st.sampled_from(["/api/v1/health", "/api/v1/", "/", "/api/v2/health", "/api/v1/videos/"]),
)
query = st.dictionaries(st.sampled_from(["lang", "fetch", "refresh", "x"]),
                        st.one_of(st.sampled_from(["0", "1", "en", "en-US", "pt_BR", "EN", "zz-", "", "\u00e9"]), st.text(max_size=8)),
                        max_size=3)
method = st.sampled_from(["GET", "GET", "POST", "POST", "PUT", "DELETE", "OPTIONS", "HEAD", "PATCH"])


@dataclass
class Request:
    method: str
    path: str
    headers: dict = field(default_factory=dict)
    body: bytes | None = None

    @property
    def url(self) -> str:
        return self.path


# Anything at all: most of it stops at the first check (host, origin, method, content type).
any_request = st.builds(
    lambda m, p, q, h, b: Request(m, p + ("?" + urlencode(q) if q else ""), h, b),
    method, path, query, headers, body,
)


def _well_formed(kind: str, video: str, lang, extension: bool, body: bytes) -> Request:
    headers = {"Content-Type": "application/json", "Authorization": f"Bearer {ADMIN_TOKEN}"}
    if extension:
        headers["Origin"] = f"chrome-extension://{GLANCE_EXTENSION_ID}"
    url = f"/api/v1/videos/{video}/summary" + (f"?{urlencode({'lang': lang})}" if lang else "")
    method = {"post": "POST", "put": "PUT", "delete": "DELETE", "get": "GET"}[kind]
    return Request(method, url, headers, body if method in ("POST", "PUT") else None)


# Requests that pass every check up to the body, whose body is odd in one place or many:
# these reach validation, the summarizer and SQLite.
well_formed = st.one_of(
    st.builds(_well_formed, st.just("post"), st.sampled_from(VIDEOS), st.sampled_from([None, "en", "en-US", "de"]),
              st.booleans(), summary_body.map(_dumps)),
    st.builds(_well_formed, st.just("put"), st.sampled_from(VIDEOS), st.none(), st.booleans(), cards_body.map(_dumps)),
    st.builds(_well_formed, st.sampled_from(["get", "delete"]), st.sampled_from(VIDEOS),
              st.sampled_from([None, "en", "en-US", "de", "zz"]), st.booleans(), st.none()),
    st.builds(_well_formed, st.sampled_from(["post", "put"]), st.sampled_from(VIDEOS), st.none(), st.booleans(),
              st.one_of(deep.map(str.encode), json_values.map(_dumps))),
)
requests = st.one_of(well_formed, well_formed, any_request)
