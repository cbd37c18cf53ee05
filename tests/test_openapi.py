"""The OpenAPI description (server/openapi.yaml): served, valid, the same routes as the code, and a
checker (tests/openapi_check.py) that really fails a response that breaks it."""

from __future__ import annotations

import json

import pytest

import openapi_check
from server import errors
from server.openapi import spec

VIDEO = "dQw4w9WgXcQ"


def api_routes(app) -> set[tuple[str, str]]:
    """(path as OpenAPI writes it, method) for every Flask route under /api/v1."""
    found = set()
    for rule in app.url_map.iter_rules():
        if rule.rule.startswith("/api/v1/"):
            path = rule.rule[len("/api/v1"):].replace("<", "{").replace(">", "}")
            found |= {(path, method.lower()) for method in rule.methods - {"HEAD", "OPTIONS"}}
    return found


def described_routes() -> set[tuple[str, str]]:
    methods = {"get", "put", "post", "delete", "patch"}
    return {(path, method) for path, item in spec()["paths"].items() for method in item if method in methods}


def test_the_service_serves_its_description(client):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200 and response.mimetype == "application/json"
    served = json.loads(response.data)
    assert served["openapi"].startswith("3.1") and served == spec()


def test_the_description_is_valid_openapi_3_1():
    from openapi_spec_validator import validate
    from openapi_spec_validator.validation.validators import OpenAPIV31SpecValidator

    validate(spec(), cls=OpenAPIV31SpecValidator)


def test_every_api_route_is_described_and_nothing_else(app):
    assert api_routes(app) == described_routes()


def test_the_error_codes_are_the_services():
    codes = {cls.code for cls in vars(errors).values()
             if isinstance(cls, type) and issubclass(cls, errors.ApiError)}
    described = spec()["components"]["schemas"]["Error"]["properties"]["error"]["properties"]["code"]["enum"]
    assert set(described) == codes


def test_a_response_that_breaks_the_description_fails(app):
    """A health answer without `store`, and cards without `about`, are caught through the real wrapper."""
    @app.after_request
    def break_bodies(response):
        if response.status_code == 200:
            data = response.get_json(silent=True) or {}
            data.pop("store", None)
            data.pop("about", None)
            response.set_data(json.dumps(data))
        return response

    client = app.test_client()
    assert client.get("/api/v1/health").status_code == 200
    client.post(f"/api/v1/videos/{VIDEO}/summary", json={"transcript": {
        "language": "en", "segments": [{"start": 0, "duration": 3, "text": "Bees dance to show the way."}]}})
    found = openapi_check.take()  # taken here, so this test itself passes
    assert len(found) == 2
    assert found[0].startswith("GET /api/v1/health -> 200") and "store" in found[0]
    assert found[1].startswith(f"POST /api/v1/videos/{VIDEO}/summary -> 200") and "about" in found[1]


def test_an_undescribed_status_must_be_the_error_shape():
    environ = {"PATH_INFO": "/api/v1/health", "REQUEST_METHOD": "GET", "SERVER_NAME": "localhost",
               "SERVER_PORT": "80", "wsgi.url_scheme": "http", "HTTP_HOST": "localhost"}
    headers = [("Content-Type", "application/json")]
    assert openapi_check.problem(environ, "503 SERVICE UNAVAILABLE", headers,
                                 b'{"error": {"code": "storage_unavailable", "message": "Try again."}}') is None
    assert openapi_check.problem(environ, "503 SERVICE UNAVAILABLE", headers, b'{"status": "down"}')
    assert openapi_check.problem(environ, "500 INTERNAL SERVER ERROR", headers,
                                 b'{"error": {"code": "made_up", "message": "x"}}')


def test_unknown_api_paths_and_methods_answer_in_the_error_shape(client):
    response = client.get("/api/v1/no-such-thing")
    assert response.status_code == 404 and response.get_json()["error"]["code"] == "not_found"
    assert client.patch(f"/api/v1/videos/{VIDEO}/summary").status_code == 404
    doubled = client.post("/api/v1/videos//x/summary", json={})  # found by the fuzz test: was an HTML redirect
    assert doubled.status_code == 404 and doubled.get_json()["error"]["code"] == "not_found"


def test_an_undescribed_path_must_be_the_error_shape():
    environ = {"PATH_INFO": "/api/v1/nothing", "REQUEST_METHOD": "GET", "SERVER_NAME": "localhost",
               "SERVER_PORT": "80", "wsgi.url_scheme": "http", "HTTP_HOST": "localhost"}
    headers = [("Content-Type", "application/json")]
    assert openapi_check.problem(environ, "404 NOT FOUND", headers, b'{"error": {"code": "not_found", "message": "No."}}') is None
    assert openapi_check.problem(environ, "404 NOT FOUND", headers, b'{"missing": true}')
    assert openapi_check.problem(environ, "200 OK", headers, b'{"error": {"code": "not_found", "message": "No."}}')


def test_errors_are_described_once_as_the_error_shape():
    """The checker's fast path for errors relies on this; an operation's own error status would need openapi-core."""
    assert openapi_check.errors_are_all_default()


def test_the_described_cards_follow_the_card_schema():
    """The served cards always carry every field (null when unknown), so each item lists all the
    schema's fields as required; a section added to server/card_schema.py fails here until described."""
    from server import card_schema

    cards = spec()["components"]["schemas"]["Cards"]
    assert set(cards["properties"]) == set(card_schema.FRAME) | set(card_schema.section_names())
    assert set(cards["required"]) == set(cards["properties"])
    for section in card_schema.SECTIONS:
        described = cards["properties"][section.name]
        if section.shape == "strings":
            assert described == {"type": "array", "items": {"type": "string"}}
            continue
        if section.shape == "about":
            item = described
        else:
            item = described["items"]
            if "$ref" in item:
                item = spec()["components"]["schemas"][item["$ref"].rsplit("/", 1)[1]]
        names = {field.name for field in section.fields}
        assert set(item["properties"]) == names and set(item["required"]) == names, section.name
        for field in section.fields:
            kind = item["properties"][field.name]
            if field.kind == "seconds":
                assert kind == {"$ref": "#/components/schemas/Seconds"}, (section.name, field.name)
