"""What can go wrong talking to an LLM service, sorted by what the caller should do about it."""

from __future__ import annotations


class ProviderError(Exception):
    """A request to the LLM service failed. `message` is for a person: no secrets, no raw library text."""

    retryable = False
    reason = "The language model service refused the request."  # one sentence for end users: no configuration

    def __init__(self, message: str, retry_after: float | None = None):
        super().__init__(message)
        self.message = message
        self.retry_after = retry_after


class Transient(ProviderError):
    """Timeout, connection error, 429, 5xx or overload: worth another try after a pause."""

    retryable = True
    reason = "The language model service was busy or could not be reached."


class BadOutput(ProviderError):
    """The answer was cut off, not JSON, or not the cards schema: worth another try with a note."""

    retryable = True
    reason = "The language model's answers could not be used."


class ContextOverflow(ProviderError):
    """The prompt did not fit the model's context (refused, or silently truncated): send smaller parts."""

    reason = "The video is too long for the language model's context window."

    def __init__(self, message: str, limit: int | None = None):
        super().__init__(message)
        self.limit = limit


class Unsupported(ProviderError):
    """The server rejected a request option (e.g. response_format): try a plainer request."""

    def __init__(self, message: str, detail: str = ""):
        super().__init__(message)
        self.detail = detail  # the service's own words, to pick what to drop; never shown


class OutOfTime(ProviderError):
    """The video's time budget (GLANCE_LLM_JOB_BUDGET) ran out: no more requests for it."""

    reason = "The language model took longer than the time allowed for one video."


class Fatal(ProviderError):
    """Bad key, unknown model, refused request: retrying cannot help."""
