"""CORS for /api/*: flask-cors decides the headers; this module remembers its answer per kind of request.

flask-cors works its rules out again for every response, a sixth of a stored read's time in
Flask. The headers it adds depend only on the request (whether the path is an API path, the
Origin, the method and the preflight headers) and its fixed options, never on the response,
so the headers it added for one request are added again, in the same order, to the next
request that is the same in those respects.
"""

from __future__ import annotations

import re
from urllib.parse import unquote

from flask import Flask, Response, request
from flask_cors import CORS

API_PATHS = re.compile(r"/api/*")  # the pattern flask-cors matches paths with (a regex, as it reads "/api/*")
REMEMBERED = 512  # kinds of requests; an Origin or preflight header can be anything, so the memory is bounded
ALLOW_ORIGIN = "Access-Control-Allow-Origin"


def init_app(app: Flask, origins: list[str]) -> None:
    hooks = app.after_request_funcs.setdefault(None, [])
    count = len(hooks)
    CORS(app, resources={API_PATHS: {"origins": origins}},
         allow_headers=["Content-Type", "Authorization"], methods=["GET", "POST", "PUT", "DELETE"])
    (decide,) = hooks[count:]  # the one after-request function flask-cors registers
    hooks[count] = remembering(decide)


def remembering(decide):
    """`decide` (flask-cors's after-request function), asked once per kind of request."""
    memory: dict[tuple, list[tuple[str, str]]] = {}

    def add_cors_headers(response: Response) -> Response:
        # set already (flask-cors does so for error responses)? Not `in response.headers`: Werkzeug
        # builds a BadRequest exception for every name it misses, which is the usual case here
        if any(name == ALLOW_ORIGIN for name, _ in response.headers):
            return response
        environ = request.environ
        kind = (bool(API_PATHS.match(unquote(request.path))), environ["REQUEST_METHOD"], environ.get("HTTP_ORIGIN"),
                environ.get("HTTP_ACCESS_CONTROL_REQUEST_METHOD"), environ.get("HTTP_ACCESS_CONTROL_REQUEST_HEADERS"),
                environ.get("HTTP_ACCESS_CONTROL_REQUEST_PRIVATE_NETWORK"))
        added = memory.get(kind)
        if added is None:
            before = len(response.headers)
            response = decide(response)
            added = list(response.headers)[before:]  # flask-cors only appends
            if len(memory) >= REMEMBERED:
                memory.clear()
            memory[kind] = added
            return response
        for name, value in added:
            response.headers.add(name, value)
        return response

    return add_cors_headers
