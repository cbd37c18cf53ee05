"""Who may talk to the service: the Host a request names, the Origin it comes from and whether
a web page sent it. One check before every request; reading the request body safely.

- Host: only the names the service is reached by (loopback names and addresses, plus
  GLANCE_ALLOWED_HOSTS). A web site whose name is re-pointed at 127.0.0.1 (DNS rebinding)
  is same-origin with the service in the browser; its requests still name its own host.
- Origin: the CORS origins are Glance's own extension id, the configured ids and the
  configured web origins, each matched exactly. A browser request that writes (POST, PUT,
  DELETE) from any other origin is refused, whatever CORS would have let it read.
- Cross-site triggers: a request that may fetch from YouTube or summarize (GET or POST of
  a summary, GET of a transcript) is refused when a web page on another site sent it
  (an Origin that is not allowed, or `Sec-Fetch-Site: cross-site`/`same-site` without one),
  because even a request whose answer the page cannot read costs the server work.
Requests without Origin or Sec-Fetch-* headers (curl, scripts, the CLI) pass: browsers
always send them, so a web page cannot leave them out.
"""

from __future__ import annotations

import re
from functools import lru_cache

from flask import Flask, request

from .errors import HostNotAllowed, InvalidRequest, OriginNotAllowed
from .settings import as_list

# The id Chromium derives from the public key in extension/manifest.json ("key"), so every
# unpacked copy of the extension has it; tests/test_guard.py checks the two agree.
GLANCE_EXTENSION_ID = "mfabheibfogcggkkfodlmhclimaiapnf"

LOOPBACK_HOSTS = ("localhost", "127.0.0.1", "::1")
_EXTENSION_ID = re.compile(r"[a-p]{32}")
_ORIGIN = re.compile(r"(https?|chrome-extension)://[a-z0-9.-]+(:[0-9]{1,5})?|https?://\[[0-9a-f:.]+\](:[0-9]{1,5})?")
_HOST = re.compile(r"(?P<name>[a-z0-9.-]+|\[(?P<ipv6>[0-9a-f:.]+)\])(?::(?P<port>[0-9]{1,5}))?")
WRITE_METHODS = frozenset({"POST", "PUT", "DELETE"})


def allowed_hosts(config) -> frozenset[str]:
    """Host names (no port) the service answers to."""
    names = set(LOOPBACK_HOSTS)
    for entry in as_list(config.get("ALLOWED_HOSTS")):
        parsed = host_name(entry)
        if parsed is None:
            raise ValueError(f"GLANCE_ALLOWED_HOSTS: {entry!r} is not a host name")
        names.add(parsed)
    return frozenset(names)


def allowed_origins(config) -> list[str]:
    """CORS origins, exact strings: Glance's extension, the configured ids, the configured origins."""
    ids = [GLANCE_EXTENSION_ID]
    for entry in as_list(config.get("EXTENSION_IDS")):
        if not _EXTENSION_ID.fullmatch(entry):
            raise ValueError(f"GLANCE_EXTENSION_IDS: {entry!r} is not a Chrome extension id (32 letters a-p)")
        ids.append(entry)
    origins = [f"chrome-extension://{extension_id}" for extension_id in dict.fromkeys(ids)]
    for entry in as_list(config.get("ALLOWED_ORIGINS")):
        origin = entry.lower().rstrip("/")
        if not _ORIGIN.fullmatch(origin):
            raise ValueError(f"GLANCE_ALLOWED_ORIGINS: {entry!r} is not an origin such as https://glance.example.com"
                             " (exact, no wildcards, no path)")
        origins.append(origin)
    return list(dict.fromkeys(origins))


@lru_cache(maxsize=256)  # every request names one of a few hosts: parsed once each
def host_name(host: str | None) -> str | None:
    """The name in a Host header value ('[::1]:8765' -> '::1'), lowercased; None when malformed."""
    match = _HOST.fullmatch((host or "").strip().lower())
    if not match or (match["port"] and not 0 < int(match["port"]) < 65536):
        return None
    name = match["ipv6"] or match["name"].rstrip(".")
    return name or None


def costs_work(path: str, method: str, args) -> bool:
    """Whether the request may fetch from YouTube or run the summarizer."""
    if path.endswith("/summary"):
        return method == "POST" or (method == "GET" and query_value("fetch", args) != "0")
    if path.endswith("/ask"):  # may fetch the transcript, and with a language model it asks one
        return method == "POST"
    return method == "GET" and path.endswith("/transcript")


def init_app(app: Flask) -> None:
    """Check every request before its view runs (CORS preflights included)."""
    hosts = allowed_hosts(app.config)
    origins = frozenset(allowed_origins(app.config))

    @app.before_request
    def check_request():
        environ = request.environ  # the headers as the server passed them: no lookups through Headers
        if host_name(environ.get("HTTP_HOST")) not in hosts:
            raise HostNotAllowed()
        origin = environ.get("HTTP_ORIGIN")
        if origin is None and "HTTP_SEC_FETCH_SITE" not in environ:
            return  # not a browser's request (curl, scripts, the CLI): nothing below applies
        known = origin is not None and origin.lower() in origins
        method = request.method
        if method in WRITE_METHODS and origin is not None and not known:
            raise OriginNotAllowed()
        if known or not costs_work(request.path, method, request.args):
            return
        site = environ.get("HTTP_SEC_FETCH_SITE", "").lower()
        if origin is not None or site in ("cross-site", "same-site"):
            raise OriginNotAllowed("Glance fetches and summarizes only for its extension, not for web pages.")


def query_value(name: str, args=None) -> str | None:
    """A query parameter's first value, or None. Werkzeug's `args.get` raises and catches a KeyError
    for every absent parameter (a stored read asks for three)."""
    args = request.args if args is None else args
    return args[name] if name in args else None


def read_body() -> bytes:
    """The raw request body; a body the server cannot read (a broken chunked upload) is a 400."""
    try:
        return request.get_data(cache=True)
    except _BODY_READ_ERRORS:
        raise InvalidRequest("The request body could not be read (malformed chunked encoding?).") from None


def _body_read_errors() -> tuple[type[BaseException], ...]:
    errors: list[type[BaseException]] = [ValueError]
    try:  # gunicorn raises its own parse errors from wsgi.input for a malformed chunked body
        from gunicorn.http.errors import ParseException
        errors.append(ParseException)
    except ImportError:
        pass
    return tuple(errors)


_BODY_READ_ERRORS = _body_read_errors()
