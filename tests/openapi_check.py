"""Every /api/v1 response of every test, checked against the OpenAPI description the service serves.

`install()` wraps Flask's WSGI entry point, so responses through the test client and through the
in-process HTTP servers (werkzeug's, the browser tests') are all seen. A response that does not fit
its path, method and status in server/openapi.yaml, or an /api/v1 response the description does
not cover (it must then be the one error shape), is recorded; tests/conftest.py fails the test
that got it. Servers in other processes (gunicorn in test_cli, test_fuzz) are not wrapped.
"""

from __future__ import annotations

import gzip
import io
import threading
from functools import cache

from flask import Flask
from openapi_core import OpenAPI
from openapi_core.contrib.werkzeug import WerkzeugOpenAPIRequest, WerkzeugOpenAPIResponse
from openapi_core.templating.paths.exceptions import OperationNotFound, PathNotFound
from openapi_schema_validator import OAS31Validator
from werkzeug.wrappers import Request, Response

from server.openapi import spec

PREFIX = "/api/v1"
SKIPPED_METHODS = {"HEAD", "OPTIONS"}  # no body to check; OPTIONS is CORS's preflight

_openapi = None
_violations: list[str] = []
_lock = threading.Lock()


def openapi() -> OpenAPI:
    global _openapi
    if _openapi is None:
        _openapi = OpenAPI.from_dict(spec())  # checks the description itself first
    return _openapi


@cache
def errors_are_all_default() -> bool:
    """Every operation describes its errors only as `default`, the one error shape."""
    error = {"$ref": "#/components/responses/Error"}
    for item in spec()["paths"].values():
        for method, operation in item.items():
            if method == "parameters":
                continue
            responses = operation["responses"]
            if responses.get("default") != error or any(not code.startswith("2") for code in responses if code != "default"):
                return False
    return True


def decoded(body: bytes, encoding: str | None) -> bytes:
    """The body as the client reads it: flask-compress and stored transcripts encode it."""
    if encoding == "gzip":
        return gzip.decompress(body)
    if encoding == "br":
        import brotli

        return brotli.decompress(body)
    if encoding == "zstd":
        from backports import zstd

        return zstd.decompress(body)
    return body


def problem(environ: dict, status: str, headers: list, body: bytes) -> str | None:
    """Why this response breaks the description, or None when it fits (or is not the API's)."""
    path, method = environ.get("PATH_INFO", ""), environ.get("REQUEST_METHOD", "GET")
    if not (path == PREFIX or path.startswith(PREFIX + "/")) or method in SKIPPED_METHODS:
        return None
    response = Response(status=status, headers=headers)
    response.set_data(decoded(body, response.headers.get("Content-Encoding")))
    response.headers.pop("Content-Encoding", None)
    if response.status_code >= 400:
        # The same check openapi-core makes for `default`, about a hundred times faster (the fuzz test
        # sends 10,000 requests, nearly all of them errors).
        assert errors_are_all_default(), "server/openapi.yaml describes an error status besides `default`"
        return undescribed_problem(method, path, status, response)
    bare = {**environ, "wsgi.input": io.BytesIO(b""), "CONTENT_LENGTH": "0"}  # the app read the body
    try:
        openapi().validate_response(WerkzeugOpenAPIRequest(Request(bare)), WerkzeugOpenAPIResponse(response))
    except (PathNotFound, OperationNotFound):  # no such endpoint or method: then it must be the error shape
        return undescribed_problem(method, path, status, response)
    except Exception as error:  # openapi-core's errors: no such path, wrong status, wrong body
        causes = [str(error)] + [str(cause) for cause in getattr(error, "schema_errors", ())]
        detail = "; ".join(dict.fromkeys(causes))
        return f"{method} {path} -> {status}: {detail}\n  body: {response.get_data(as_text=True)[:500]}"
    return None


@cache
def error_validator() -> OAS31Validator:
    return OAS31Validator(spec()["components"]["schemas"]["Error"])


def undescribed_problem(method: str, path: str, status: str, response: Response) -> str | None:
    """An error, or a response the description has no operation for: it must be the one error shape."""
    errors = []
    if response.status_code < 400 or response.mimetype != "application/json":
        errors.append("not described, and not an error in the one error shape")
    else:
        errors += [error.message for error in error_validator().iter_errors(response.get_json(silent=True))]
    if errors:
        return f"{method} {path} -> {status}: {'; '.join(errors)}\n  body: {response.get_data(as_text=True)[:500]}"
    return None


def record(message: str) -> None:
    with _lock:
        _violations.append(message)


def take() -> list[str]:
    """The violations recorded since the last call."""
    with _lock:
        found = list(_violations)
        _violations.clear()
    return found


def install() -> None:
    """Wrap every Flask app's __call__ (once): buffer each /api/v1 response, check it, pass it on."""
    if getattr(Flask, "_glance_openapi_checked", False):
        return
    plain_call = Flask.__call__

    def checked_call(self, environ, start_response):
        path = environ.get("PATH_INFO", "")
        if not path.startswith(PREFIX):
            return plain_call(self, environ, start_response)
        seen = {}

        def keep(status, headers, exc_info=None):
            seen.update(status=status, headers=list(headers), exc_info=exc_info)
            return lambda data: None  # never used: Flask returns its body as an iterable

        chunks = plain_call(self, environ, keep)
        try:
            body = b"".join(chunks)
        finally:
            getattr(chunks, "close", lambda: None)()
        found = problem(environ, seen["status"], seen["headers"], body)
        if found:
            record(found)
        start_response(seen["status"], seen["headers"], seen["exc_info"])
        return [body]

    Flask.__call__ = checked_call
    Flask._glance_openapi_checked = True
