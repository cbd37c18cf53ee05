"""LLM settings: defaults, coercion of env strings, clear errors, and a key that never shows."""

from __future__ import annotations

import pytest

from server.summarizers import make_summarizer
from server.settings import SETTINGS
from server.summarizers.llm.settings import LLMSettings


def test_defaults_and_provider_urls():
    openai = LLMSettings.from_config({"LLM_MODEL": "m"})
    assert openai.provider == "openai" and openai.base_url == "https://api.openai.com/v1"
    assert openai.timeout == 120.0 and openai.retries == 2 and openai.context_tokens == 128000
    anthropic = LLMSettings.from_config({"LLM_MODEL": "m", "LLM_PROVIDER": "Anthropic", "LLM_BASE_URL": None})
    assert anthropic.base_url == "https://api.anthropic.com/v1"


def test_strings_and_numbers_from_the_environment_are_coerced():
    s = LLMSettings.from_config({"LLM_MODEL": "m", "LLM_TIMEOUT": "2.5", "LLM_RETRIES": 3, "LLM_CONTEXT_TOKENS": "8192",
                                 "LLM_BASE_URL": "http://127.0.0.1:11434/v1/", "LLM_API_KEY": 12345})
    assert (s.timeout, s.retries, s.context_tokens) == (2.5, 3, 8192)
    assert s.base_url == "http://127.0.0.1:11434/v1" and s.api_key == "12345"


@pytest.mark.parametrize("config, name", [
    ({}, "GLANCE_LLM_MODEL"),
    ({"LLM_MODEL": "m", "LLM_PROVIDER": "gemini"}, "GLANCE_LLM_PROVIDER"),
    ({"LLM_MODEL": "m", "LLM_TIMEOUT": "soon"}, "GLANCE_LLM_TIMEOUT"),
    ({"LLM_MODEL": "m", "LLM_RETRIES": -1}, "GLANCE_LLM_RETRIES"),
    ({"LLM_MODEL": "m", "LLM_JSON_MODE": "xml"}, "GLANCE_LLM_JSON_MODE"),
])
def test_bad_settings_name_the_setting(config, name):
    with pytest.raises(ValueError, match=name):
        LLMSettings.from_config(config)


def test_the_key_is_not_in_repr():
    s = LLMSettings.from_config({"LLM_MODEL": "m", "LLM_API_KEY": "sk-secret"})
    assert "sk-secret" not in repr(s) and "sk-secret" not in str(s)


def test_registry_builds_it_from_config():
    summarizer = make_summarizer("llm", {"LLM_MODEL": "m"})
    assert summarizer.name == "llm" and summarizer.version


def test_every_llm_field_has_a_setting_with_help():
    documented = {name for name, _, help in SETTINGS if name.startswith("LLM_") and help}
    fields = {f"LLM_{name.upper()}" for name in LLMSettings.__dataclass_fields__}
    assert fields == documented


@pytest.mark.parametrize("base_url, expected", [
    ("http://127.0.0.1:11434/v1", 1), ("http://localhost:8080/v1", 1), ("http://192.168.1.20:11434/v1", 1),
    ("http://gpu-box.local:8000/v1", 1), (None, 4), ("https://openrouter.example/api/v1", 4),
])
def test_concurrency_by_default_suits_where_the_model_runs(base_url, expected):
    s = LLMSettings.from_config({"LLM_MODEL": "m", "LLM_BASE_URL": base_url})
    assert s.concurrency == expected and s.job_budget == 1800.0


def test_concurrency_and_budget_can_be_set():
    s = LLMSettings.from_config({"LLM_MODEL": "m", "LLM_BASE_URL": "http://127.0.0.1:1/v1", "LLM_CONCURRENCY": "3",
                                 "LLM_JOB_BUDGET": "3600"})
    assert (s.concurrency, s.job_budget) == (3, 3600.0)
    with pytest.raises(ValueError, match="GLANCE_LLM_JOB_BUDGET"):
        LLMSettings.from_config({"LLM_MODEL": "m", "LLM_JOB_BUDGET": "0"})
