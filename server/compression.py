"""Compressed responses (flask-compress), with the compressed form of each stored JSON text kept.

Stored cards are the same bytes for every reader until they change, and compressing them
(zstd, br or gzip, whichever the client prefers) costs more than the rest of a stored read.
A response made from a stored text is marked with the digest of its bytes; flask-compress
keeps its compressed body under that digest and the algorithm (a bounded memory, the most
recently used kept), so each text is compressed once per algorithm. Other responses are
compressed every time.
"""

from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict

from flask import Flask, Response, g, request
from flask_compress import Compress

KEPT = 256  # compressed bodies kept; a 3-hour video's cards are about 2 KB compressed
NOT_KEPT = "-"  # the key of a response that is compressed every time


def init_app(app: Flask) -> None:
    app.config["COMPRESS_MIMETYPES"] = ["application/json"]
    app.config["COMPRESS_CACHE_KEY"] = body_key
    app.config["COMPRESS_CACHE_BACKEND"] = lambda: Kept(KEPT)
    app.config["COMPRESS_REGISTER"] = False
    compress = app.extensions["glance.compress"] = Compress(app)

    @app.after_request
    def compress_response(response: Response) -> Response:
        if "HTTP_ACCEPT_ENCODING" in request.environ:
            return compress.after_request(response)
        # A client that takes no compressed body (curl, a script): flask-compress would work out
        # from the missing header that there is nothing to choose, and only add this
        if not any(name == "Vary" for name, _ in response.headers):
            response.headers["Vary"] = "Accept-Encoding"
        elif "accept-encoding" not in response.headers["Vary"].lower():
            response.headers["Vary"] += ", Accept-Encoding"
        return response


def mark_stored(body: bytes) -> None:
    """This request's response is `body`, a stored text: its compressed form may be kept and reused."""
    g.glance_stored_body = body


def body_key(request) -> str:
    """Asked by flask-compress only when it compresses (the client takes a compressed body)."""
    body = g.get("glance_stored_body")
    return NOT_KEPT if body is None else hashlib.blake2b(body, digest_size=20).hexdigest()


class Kept:
    """flask-compress's cache: compressed bodies by 'algorithm;digest', never one of an unmarked response."""

    def __init__(self, size: int):
        self.size = size
        self.items: OrderedDict[str, bytes] = OrderedDict()
        self.lock = threading.Lock()

    def get(self, key: str) -> bytes | None:
        with self.lock:
            value = self.items.get(key)
            if value is not None:
                self.items.move_to_end(key)
            return value

    def set(self, key: str, value: bytes) -> None:
        if key.endswith(";" + NOT_KEPT):
            return
        with self.lock:
            self.items[key] = value
            self.items.move_to_end(key)
            while len(self.items) > self.size:
                self.items.popitem(last=False)
