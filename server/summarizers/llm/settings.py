"""LLM summarizer settings: read from the app config (keys without GLANCE_), coerced, with defaults."""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass, field
from typing import Mapping
from urllib.parse import urlsplit

from ...settings import DEFAULTS  # the one table of settings, with their help

PROVIDERS = ("openai", "anthropic")
JSON_MODES = ("schema", "object", "none")
LOCAL_CONCURRENCY, HOSTED_CONCURRENCY = 1, 4

DEFAULT_BASE_URLS = {
    "openai": "https://api.openai.com/v1",
    "anthropic": "https://api.anthropic.com/v1",
}

_DEFAULTS = {name: default for name, default in DEFAULTS.items() if name.startswith("LLM_")}


@dataclass(frozen=True)
class LLMSettings:
    """The LLM summarizer's configuration, already validated. The key never appears in repr."""

    provider: str
    base_url: str
    model: str
    api_key: str = field(repr=False)
    timeout: float
    max_output_tokens: int
    context_tokens: int
    retries: int
    backoff: float
    backoff_max: float
    json_mode: str
    temperature: float
    fallback: str
    concurrency: int
    job_budget: float

    @classmethod
    def from_config(cls, config: Mapping) -> "LLMSettings":
        """Read and check the LLM_* settings; raise ValueError naming the setting at fault."""
        get = lambda name: _get(config, name)  # noqa: E731
        provider = _text(get("LLM_PROVIDER")).lower()
        if provider not in PROVIDERS:
            raise ValueError(f"GLANCE_LLM_PROVIDER must be one of {', '.join(PROVIDERS)}")
        model = _text(get("LLM_MODEL"))
        if not model:
            raise ValueError("GLANCE_LLM_MODEL must name the model to use")
        json_mode = _text(get("LLM_JSON_MODE")).lower()
        if json_mode not in JSON_MODES:
            raise ValueError(f"GLANCE_LLM_JSON_MODE must be one of {', '.join(JSON_MODES)}")
        base_url = (_text(get("LLM_BASE_URL")) or DEFAULT_BASE_URLS[provider]).rstrip("/")
        return cls(
            provider=provider,
            base_url=base_url,
            model=model,
            api_key=_text(get("LLM_API_KEY")),
            timeout=_number(get("LLM_TIMEOUT"), "LLM_TIMEOUT", float, minimum=0.01),
            max_output_tokens=_number(get("LLM_MAX_OUTPUT_TOKENS"), "LLM_MAX_OUTPUT_TOKENS", int, minimum=256),
            context_tokens=_number(get("LLM_CONTEXT_TOKENS"), "LLM_CONTEXT_TOKENS", int, minimum=2048),
            retries=_number(get("LLM_RETRIES"), "LLM_RETRIES", int, minimum=0),
            backoff=_number(get("LLM_BACKOFF"), "LLM_BACKOFF", float, minimum=0),
            backoff_max=_number(get("LLM_BACKOFF_MAX"), "LLM_BACKOFF_MAX", float, minimum=0),
            json_mode=json_mode,
            temperature=_number(get("LLM_TEMPERATURE"), "LLM_TEMPERATURE", float, minimum=0),
            fallback=_text(get("LLM_FALLBACK")).lower(),
            concurrency=_number(get("LLM_CONCURRENCY"), "LLM_CONCURRENCY", int, minimum=0) or _auto_concurrency(base_url),
            job_budget=_number(get("LLM_JOB_BUDGET"), "LLM_JOB_BUDGET", float, minimum=0.1),
        )


def _auto_concurrency(base_url: str) -> int:
    """One request at a time for a model on this machine or network (it computes one answer at a time
    anyway, and a queued request would spend its timeout waiting); a few for a hosted API."""
    return LOCAL_CONCURRENCY if is_local(base_url) else HOSTED_CONCURRENCY


def is_local(base_url: str) -> bool:
    """Whether the URL's host is this machine or a private network address (a model server at home)."""
    host = (urlsplit(base_url).hostname or "").lower()
    if host == "localhost" or host.endswith((".local", ".localhost", ".internal", ".lan")):
        return True
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return False
    return address.is_loopback or address.is_private or address.is_link_local


def _get(config: Mapping, name: str):
    value = config.get(name)
    return _DEFAULTS[name] if value is None or value == "" else value


def _text(value) -> str:
    return "" if value is None else str(value).strip()


def _number(value, name: str, kind, minimum):
    try:
        number = kind(float(value)) if kind is int else kind(value)
    except (TypeError, ValueError):
        raise ValueError(f"GLANCE_{name} must be a number") from None
    if isinstance(value, bool) or number < minimum:
        raise ValueError(f"GLANCE_{name} must be at least {minimum}")
    return number
