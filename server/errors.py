"""One error vocabulary and one JSON shape: `{"error": {"code", "message"}}` (docs/contract.md)."""

from __future__ import annotations

import logging
import uuid
from typing import TYPE_CHECKING

from .store import StorageError

if TYPE_CHECKING:
    from flask import Flask

log = logging.getLogger(__name__)


class ApiError(Exception):
    """An error a client can act on; subclasses fix the status and the machine code."""

    status = 500
    code = "internal_error"
    message = "Something went wrong inside Glance."

    def __init__(self, message: str | None = None, *, headers: dict | None = None):
        super().__init__(message or self.message)
        self.message = message or self.message
        self.headers = headers or {}


class InvalidVideoId(ApiError):
    status, code = 400, "invalid_video_id"
    message = "That is not a YouTube video id or link."


class InvalidRequest(ApiError):
    status, code = 400, "invalid_request"
    message = "The request body is not valid."


class Unauthorized(ApiError):
    status, code = 401, "unauthorized"
    message = "This needs the admin token: send 'Authorization: Bearer <token>'."


class HostNotAllowed(ApiError):
    status, code = 403, "host_not_allowed"
    message = ("This Glance service does not answer to that host name; "
               "add it to GLANCE_ALLOWED_HOSTS if it is really the service's name.")


class OriginNotAllowed(ApiError):
    status, code = 403, "origin_not_allowed"
    message = "Requests from this origin are not allowed; add it to GLANCE_ALLOWED_ORIGINS if it is yours."


class NotFound(ApiError):
    status, code = 404, "not_found"
    message = "Nothing is stored here."


class NoTranscript(ApiError):
    status, code = 404, "no_transcript"
    message = "This video has no transcript Glance can read."


class VideoUnavailable(ApiError):
    status, code = 404, "video_unavailable"
    message = "YouTube says this video is unavailable: removed, private, or it never existed."


class PayloadTooLarge(ApiError):
    status, code = 413, "payload_too_large"
    message = "The request body is larger than this server accepts."


class VideoRestricted(ApiError):
    status, code = 422, "video_restricted"
    message = "YouTube will not play this video without signing in (age-restricted or unplayable)."


class RateLimited(ApiError):
    status, code = 429, "rate_limited"
    message = "Too many requests; wait a moment and try again."


class YouTubeBlocked(ApiError):
    status, code = 503, "youtube_blocked"
    message = (
        "YouTube refused this server's request for the transcript. "
        "Open the video with the Glance extension so it can send the transcript itself, "
        "or configure GLANCE_YOUTUBE_PROXY."
    )


class YouTubeError(ApiError):
    status, code = 502, "youtube_error"
    message = "YouTube answered something unexpected or did not answer in time; try again later."


class SummarizerError(ApiError):
    status, code = 502, "summarizer_error"
    message = "The summarizer failed; try again later."


class StorageUnavailable(ApiError):
    """The database cannot be read or written right now: a fault of the server's disk, not of the request."""

    status, code = 503, "storage_unavailable"
    message = ("Glance cannot use its database right now (its disk may be full, read-only or missing); "
               "try again in a minute.")
    retry_after = 30  # seconds: long enough for an operator's fix, short enough for a panel to try again

    def __init__(self, message: str | None = None, *, headers: dict | None = None):
        super().__init__(message, headers={"Retry-After": str(self.retry_after), **(headers or {})})


class InternalError(ApiError):
    status, code = 500, "internal_error"


def error_body(code: str, message: str) -> dict:
    return {"error": {"code": code, "message": message}}


def init_app(app: Flask) -> None:
    """Register the one handler that turns every failure into the error shape."""
    from flask import jsonify, request  # here: the command line raises these errors without Flask
    from werkzeug.exceptions import HTTPException

    @app.errorhandler(ApiError)
    def handle_api_error(error: ApiError):
        response = jsonify(error_body(error.code, error.message))
        response.status_code = error.status
        response.headers.update(error.headers)
        return response

    @app.errorhandler(StorageError)
    def handle_storage_error(error: StorageError):
        log.error("storage fault in %s %s: %s", request.method, request.path, error)  # paths stay in the log
        return handle_api_error(StorageUnavailable())

    @app.errorhandler(HTTPException)
    def handle_http_exception(error: HTTPException):
        translated = {
            404: NotFound("No such endpoint."),
            405: NotFound(f"This endpoint does not answer {request.method}."),
            413: PayloadTooLarge(),
            400: InvalidRequest(),
        }.get(error.code)
        if translated is None:
            translated = InvalidRequest() if (error.code or 500) < 500 else InternalError()
        return handle_api_error(translated)

    @app.errorhandler(Exception)
    def handle_unexpected(error: Exception):
        request_id = uuid.uuid4().hex[:12]
        log.exception("internal error, request id %s", request_id)
        return handle_api_error(
            InternalError(f"Glance hit a bug (request id {request_id}); the server log has the details.")
        )
