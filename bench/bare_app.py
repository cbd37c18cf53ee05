"""The yardstick for bench/load.py: a bare Flask app that returns the same bytes Glance would.

It reads the body from the file named by BARE_BODY_FILE once, at import, and serves it on
Glance's cards URL, so the difference to Glance is Glance's own work per request.
"""

from __future__ import annotations

import os

from flask import Flask, Response

BODY = open(os.environ["BARE_BODY_FILE"], "rb").read()
app = Flask(__name__)


@app.get("/api/v1/videos/<video_id>/summary")
def summary(video_id: str):
    return Response(BODY, mimetype="application/json")


@app.get("/api/v1/health")
def health():
    return {"status": "ok"}
