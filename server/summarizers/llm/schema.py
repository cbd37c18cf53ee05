"""The JSON the model must answer with: schemas sent to the service, and the reader that checks replies.

Both follow the card schema (server/card_schema.py): each card section is a property, each of its
fields one of the item's; a time in the video is asked for as `line`, the number of the transcript
line it comes from, which grounding turns into seconds. `people` is the model's own addition: who
speaks, for the video header.
"""

from __future__ import annotations

import json
import re

from ... import card_schema
from .errors import BadOutput

CARDS_TOOL = "write_cards"
PICK_TOOL = "pick_cards"

_STR = {"type": "string"}
_STR_LIST = {"type": "array", "items": _STR}
_LINE = {"type": "integer", "description": "number of the transcript line it comes from"}


def _object(**properties) -> dict:
    # Every property required and nothing extra: what OpenAI strict mode asks for.
    return {"type": "object", "properties": properties, "required": list(properties), "additionalProperties": False}


_NULLABLE = {"type": ["string", "null"]}
_PEOPLE = {"type": "array", "items": _object(name=_STR, role={"type": ["string", "null"], "enum": ["host", "guest", "speaker", None]})}


def wire_name(field: card_schema.Field) -> str:
    """The model cites a transcript line where the cards hold seconds."""
    return "line" if field.kind == "seconds" else field.name


def _field_schema(field: card_schema.Field) -> dict:
    if field.kind == "seconds":
        return _LINE
    return _STR if field.required else _NULLABLE


def _section_properties(section: card_schema.Section) -> dict:
    if section.shape == "about":
        return {"headline": _STR, "points": _STR_LIST}
    if section.shape == "strings":
        return {section.name: _STR_LIST}
    fields = {wire_name(f): _field_schema(f) for f in section.fields}
    return {section.name: {"type": "array", "items": _object(**fields)}}


def cards_schema(sections=card_schema.SECTIONS) -> dict:
    """The JSON schema of a cards answer: one property per card section, then `people`."""
    return _object(**{k: v for section in sections for k, v in _section_properties(section).items()}, people=_PEOPLE)


CARDS_SCHEMA = cards_schema()

PICK_SCHEMA = _object(
    headline=_STR,
    points=_STR_LIST,
    topics=_STR_LIST,
    ideas={"type": "array", "items": _STR, "description": "ids of the chosen ideas, e.g. 2.3"},
    quotes={"type": "array", "items": _STR, "description": "ids of the chosen quotes, e.g. 4.1"},
)


def parse_json(text: str) -> dict:
    """Decode the model's JSON object, tolerating code fences and prose around it."""
    text = (text or "").strip()
    for candidate in (text, _unfenced(text), _first_object(text)):
        if not candidate:
            continue
        try:
            data = json.loads(candidate)
        except ValueError:
            continue
        if isinstance(data, dict):
            return data
    raise BadOutput("The model's answer was not a JSON object.")


def read_cards(data: dict) -> dict:
    """Check a cards answer and return it cleaned: well-typed items only; BadOutput if unusable."""
    headline = _clean(data.get("headline"))
    if not headline:
        raise BadOutput("The model's answer had no headline.")
    out = {"headline": headline}
    for section in card_schema.SECTIONS:
        if section.shape == "about":
            out["points"] = _strings(data.get("points"))
        elif section.shape == "strings":
            out[section.name] = _strings(data.get(section.name))
        else:
            out[section.name] = _items(data.get(section.name), **{wire_name(f): _reader(f) for f in section.fields})
    out["people"] = _items(data.get("people"), name=_clean, role=_optional)
    return out


def _reader(field: card_schema.Field):
    if field.kind == "seconds":
        return _int
    return _clean if field.required else _optional


def read_pick(data: dict) -> dict:
    """Check a merge answer (headline, points, topics and chosen ids); BadOutput if unusable."""
    headline = _clean(data.get("headline"))
    if not headline:
        raise BadOutput("The model's answer had no headline.")
    return {
        "headline": headline,
        "points": _strings(data.get("points")),
        "topics": _strings(data.get("topics")),
        "ideas": _strings(data.get("ideas")),
        "quotes": _strings(data.get("quotes")),
    }


def _items(value, **fields) -> list[dict]:
    """Keep the dict items whose required fields read; optional ones (value None allowed) may be missing."""
    out = []
    for item in value if isinstance(value, list) else ():
        if not isinstance(item, dict):
            continue
        cleaned = {name: read(item.get(name)) for name, read in fields.items()}
        if all(v is not None for k, v in cleaned.items() if fields[k] is not _optional):
            out.append(cleaned)
    return out


def _strings(value) -> list[str]:
    return [s for s in (_clean(v) for v in (value if isinstance(value, list) else ())) if s]


def _clean(value) -> str | None:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str):
        return None
    return " ".join(value.split()) or None


def _optional(value) -> str | None:
    text = _clean(value)
    return None if text is None or text.lower() in ("null", "none", "unknown") else text


def _int(value) -> int | None:
    if isinstance(value, bool):
        return None
    try:
        return int(str(value).strip().lstrip("L#[")) if value is not None else None
    except ValueError:
        return None


def _unfenced(text: str) -> str | None:
    match = re.search(r"```(?:json)?\s*(.*?)```", text, re.S)
    return match.group(1) if match else None


def _first_object(text: str) -> str | None:
    """The first balanced {...} in `text`, skipping braces inside strings."""
    start = text.find("{")
    depth, in_string, escaped = 0, False, False
    for i in range(max(start, 0), len(text)) if start >= 0 else ():
        ch = text[i]
        if in_string:
            if escaped:
                escaped = False
            elif ch == "\\":
                escaped = True
            elif ch == '"':
                in_string = False
            continue
        if ch == '"':
            in_string = True
        elif ch == "{":
            depth += 1
        elif ch == "}":
            depth -= 1
            if depth == 0:
                return text[start : i + 1]
    return None
