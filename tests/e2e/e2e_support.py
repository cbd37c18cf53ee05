"""Constants and plain helpers of the browser tests (kept out of conftest.py so test modules can import them)."""

from __future__ import annotations

import json
import socket
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
EXTENSION_DIR = ROOT / "extension"
DATA_DIR = ROOT / "tests" / "data"
PAGES_DIR = Path(__file__).resolve().parent / "pages"
CHROMIUM = "/usr/bin/chromium"
ADMIN_TOKEN = "test-admin-token"
YOUTUBE = "https://www.youtube.com"

# The example videos every test may use: id -> (cards file, transcript file).
MAIN_VIDEO = "gardenTalk1"
SECOND_VIDEO = "secondVid22"
HOSTILE_VIDEO = "hostileVid1"


def free_port() -> int:
    """A port nothing listens on right now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def api_matcher(server_url: str, video_id: str, what: str = "summary", *, stored: bool | None = None):
    """A route matcher for one video's API URL; stored=True/False picks fetch=0 or not."""

    def match(url: str) -> bool:
        if not url.startswith(f"{server_url}/api/v1/videos/{video_id}/{what}"):
            return False
        return stored is None or (("fetch=0" in url) == stored)

    return match


def error_body(code: str, message: str = "A sentence for a person.") -> str:
    return json.dumps({"error": {"code": code, "message": message}})
