"""`GET /api/v1/openapi.json`: the API's OpenAPI 3.1 description, kept in openapi.yaml beside this file.

The YAML is read once per process and served as compact JSON. Tests check it against the routes
and check every API response against it, so what is served here is what the API does.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

from flask import Blueprint, Response

SPEC_FILE = Path(__file__).with_name("openapi.yaml")

bp = Blueprint("openapi", __name__, url_prefix="/api/v1")


@cache
def spec() -> dict:
    """The description as a dict (safe_load: the file is data, never code)."""
    import yaml  # when the description is first asked for, not at start

    return yaml.safe_load(SPEC_FILE.read_text(encoding="utf-8"))


@cache
def spec_json() -> str:
    return json.dumps(spec(), separators=(",", ":"), ensure_ascii=False)


@bp.get("/openapi.json")
def openapi_json():
    return Response(spec_json(), mimetype="application/json")
