"""The command line's wording of API errors: the service's sentences speak to the extension's user
about "this server"; on the command line there is no server, and the advice is a flag, not a click."""

from __future__ import annotations

from .errors import ApiError

# Only for errors the command line can meet: it has no request bodies (payload_too_large) and no
# per-client limit (rate_limited; it runs with GLANCE_RATE_LIMIT off).
_COMMAND_LINE_WORDING = {
    "youtube_blocked": (
        "YouTube refused to give Glance the transcript (it blocks most cloud and datacenter addresses). "
        "Give the transcript as a file instead (--transcript FILE: a .vtt or .srt you saved), "
        "or set GLANCE_YOUTUBE_PROXY."
    ),
}

# The service's own sentences that name the server it runs on; on the command line that is Glance itself.
_SERVER_WORDS = (
    ("This server could not reach YouTube; check its network connection.",
     "Glance could not reach YouTube; check this computer's network connection."),
    ("this server", "Glance"),
    ("This server", "Glance"),
    ("the server log", "the output of --verbose"),
)


def command_line_message(error: ApiError) -> str:
    """One sentence for a person at the command line."""
    message = _COMMAND_LINE_WORDING.get(error.code, error.message)
    for server_words, cli_words in _SERVER_WORDS:
        message = message.replace(server_words, cli_words)
    return message
