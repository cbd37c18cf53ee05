"""HTTP to LLM services: one POST with a timeout, errors translated, bounded retries with backoff."""

from __future__ import annotations

import logging
import random
import re
import time
from typing import Callable

import requests

from .errors import BadOutput, ContextOverflow, Fatal, ProviderError, Transient, Unsupported

log = logging.getLogger(__name__)

sleep = time.sleep  # tests replace this to record waits instead of waiting

_OVERFLOW = re.compile(r"context[ _-]?length|context window|prompt is too long|too many tokens|maximum context|exceeds the model", re.I)
_LIMIT = re.compile(r"(?:maximum context length is|>)\s*(\d[\d,]*)\s*(?:tokens|maximum)", re.I)
_UNSUPPORTED = re.compile(r"response_format|json_schema|max_completion_tokens|unsupported parameter", re.I)


def post_json(url: str, headers: dict, body: dict, timeout: float) -> dict:
    """POST `body` as JSON and return the decoded reply; raise a ProviderError subclass on failure."""
    try:
        reply = requests.post(url, json=body, headers=headers, timeout=timeout)
    except requests.Timeout:
        raise Transient("The language model service did not answer in time.") from None
    except requests.RequestException:
        raise Transient("The language model service could not be reached.") from None
    if reply.status_code >= 400:
        raise error_for(reply.status_code, _error_text(reply), reply.headers.get("Retry-After"))
    try:
        data = reply.json()
    except ValueError:
        raise BadOutput("The language model service answered something that is not JSON.") from None
    if not isinstance(data, dict):
        raise BadOutput("The language model service answered an unexpected shape.")
    return data


def error_for(status: int, text: str, retry_after: str | None = None) -> ProviderError:
    """Map an HTTP error status and its error text to the ProviderError that says what to do next."""
    if status in (408, 409, 429) or status >= 500:
        what = "is rate limiting requests" if status == 429 else "is busy or failing"
        return Transient(f"The language model service {what} (HTTP {status}).", _seconds(retry_after))
    if status == 413 or (status == 400 and _OVERFLOW.search(text)):
        match = _LIMIT.search(text)
        limit = int(match.group(1).replace(",", "")) if match else None
        return ContextOverflow("The transcript did not fit the model's context window.", limit)
    if status in (400, 422) and _UNSUPPORTED.search(text):
        return Unsupported(f"The language model service rejected a request option (HTTP {status}).", text)
    if status in (401, 403):
        return Fatal(f"The language model service refused the API key (HTTP {status}); check GLANCE_LLM_API_KEY.")
    if status == 404:
        return Fatal("The language model service does not know this model or URL (HTTP 404); check GLANCE_LLM_MODEL and GLANCE_LLM_BASE_URL.")
    return Fatal(f"The language model service refused the request (HTTP {status}).")


def with_retries(call: Callable[[int], object], retries: int, backoff: float, backoff_max: float, deadline=None):
    """Run call(attempt) until it succeeds, retrying retryable errors `retries` times with backoff.

    With a deadline (client.Deadline) no wait runs past it; the next call then finds it spent.
    """
    for attempt in range(retries + 1):
        try:
            return call(attempt)
        except ProviderError as error:
            if not error.retryable or attempt == retries:
                raise
            wait = _wait(error, attempt, backoff, backoff_max)
            if deadline is not None:
                wait = max(0.0, min(wait, deadline.remaining()))
            log.warning("LLM request failed (%s); retry %d of %d in %.1f s", error.message, attempt + 1, retries, wait)
            sleep(wait)
    raise AssertionError("unreachable")


def _wait(error: ProviderError, attempt: int, backoff: float, backoff_max: float) -> float:
    if error.retry_after is not None:
        return min(error.retry_after, backoff_max)
    return min(backoff * (2**attempt) * (1 + random.random() / 4), backoff_max)


def _seconds(value: str | None) -> float | None:
    try:
        return max(0.0, float(value)) if value is not None else None
    except ValueError:
        return None  # an HTTP date: fall back to our own backoff


def _error_text(reply: requests.Response) -> str:
    """The error message inside the service's JSON error body (both vendors nest it in `error`)."""
    try:
        data = reply.json()
    except ValueError:
        return reply.text[:500]
    error = data.get("error") if isinstance(data, dict) else None
    if isinstance(error, dict):
        return " ".join(str(error.get(k) or "") for k in ("type", "code", "param", "message"))
    return str(error or data)[:500]
