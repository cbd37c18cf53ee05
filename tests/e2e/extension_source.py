"""Reading the extension's files for the convention tests (test_extension_files.py): a small
JavaScript tokenizer that tells code from strings, regex literals and comments, each file's
header, the namespace a content script sets and the keys it exposes, youtube.js's selector table.
"""

from __future__ import annotations

import re

from e2e_support import EXTENSION_DIR

YOUTUBE = EXTENSION_DIR / "content" / "page" / "youtube.js"


def rel(path) -> str:
    return path.relative_to(EXTENSION_DIR).as_posix()


def source(path) -> str:
    return path.read_text(encoding="utf-8")


REGEX_AFTER = set("(,=:[!&|?{};+-*%<>~^") | {""}


def tokens(text: str) -> list[tuple[str, str]]:
    """JavaScript cut into ("code" | "string" | "regex" | "comment", text) pieces, in order.

    Enough of a tokenizer for these checks: a quote inside a comment ("the panel's"), a "//"
    inside a URL string or a quote inside a regex literal never misleads them. Template
    literals are strings; the code in their ${...} is code again.
    """
    out: list[tuple[str, str]] = []

    def code(i: int, stop_at_brace: bool) -> int:
        start, depth = i, 0
        while i < len(text):
            ch = text[i]
            if ch in "\"'`" or (ch == "/" and text[i + 1:i + 2] in ("/", "*")) or (ch == "/" and starts_regex(start, i)):
                out.append(("code", text[start:i]))
                i = string(i) if ch in "\"'`" else comment(i) if text[i + 1] in "/*" else regex(i)
                start = i
                continue
            if stop_at_brace and ch == "{":
                depth += 1
            elif stop_at_brace and ch == "}":
                if depth == 0:
                    out.append(("code", text[start:i]))
                    return i
                depth -= 1
            i += 1
        out.append(("code", text[start:i]))
        return i

    def starts_regex(start: int, i: int) -> bool:
        before = "".join(t for k, t in out[-1:] if k == "code") if start == i else text[start:i]
        stripped = before.rstrip()
        return (stripped[-1:] in REGEX_AFTER) or re.search(r"\b(return|typeof|case)$", stripped) is not None

    def comment(i: int) -> int:
        end = text.find("\n", i) if text[i + 1] == "/" else text.index("*/", i) + 2
        end = len(text) if end < 0 else end
        out.append(("comment", text[i:end]))
        return end

    def regex(i: int) -> int:
        j, in_class = i + 1, False
        while text[j] != "/" or in_class:
            if text[j] == "\\":
                j += 1
            elif text[j] == "[":
                in_class = True
            elif text[j] == "]":
                in_class = False
            j += 1
        j += 1
        while j < len(text) and text[j].isalpha():
            j += 1
        out.append(("regex", text[i:j]))
        return j

    def string(i: int) -> int:
        quote, j = text[i], i + 1
        while text[j] != quote:
            if text[j] == "\\":
                j += 1
            elif quote == "`" and text.startswith("${", j):
                out.append(("string", text[i:j + 2]))  # up to "${"; the piece after starts at "}"
                i = code(j + 2, True)
                j = i + 1
                continue
            j += 1
        out.append(("string", text[i:j + 1]))
        return j + 1

    code(0, False)
    return [(kind, piece) for kind, piece in out if piece]


def code_of(path) -> str:
    """The file without its comments (strings kept)."""
    return "".join(t for kind, t in tokens(source(path)) if kind != "comment")


def strings_of(path) -> list[str]:
    """Every string literal of the file, without its quotes (template literals in pieces)."""
    return [re.sub(r"(\$\{|[\"'`])$", "", t[1:]) for kind, t in tokens(source(path)) if kind == "string"]


def header(path) -> tuple[str, str]:
    """(the header comment as one line of prose, the rest of the file)."""
    text = source(path)
    if path.suffix == ".js":
        lines = text.splitlines()
        count = next(i for i, line in enumerate(lines) if not line.startswith("//"))
        prose = " ".join(line[2:].strip() for line in lines[:count])
        return prose, "\n".join(lines[count:])
    opener, closer = ("/*", "*/") if path.suffix == ".css" else ("<!--", "-->")
    start = text.index(opener) if path.suffix == ".css" else text.index(opener, text.index("<!doctype html>"))
    assert text[:start].strip() in ("", "<!doctype html>"), f"{rel(path)}: the header comes first"
    end = text.index(closer, start)
    return " ".join(text[start + len(opener):end].split()), text[end + len(closer):]


def namespaces_defined(path) -> list[str]:
    return re.findall(r"^  globalThis\.(Glance\w+) = ", code_of(path), re.M)


def exposed_names(path) -> list[str]:
    """The keys of the object a content script puts in its namespace."""
    code = code_of(path)
    match = re.search(r"^  globalThis\.Glance\w+ = (?:Object\.freeze\()?\{", code, re.M)
    if not match:
        return []
    depth, parts, start = 0, [], match.end()
    for i in range(match.end(), len(code)):
        depth += {"{": 1, "(": 1, "[": 1, "}": -1, ")": -1, "]": -1}.get(code[i], 0)
        if depth < 0 or (depth == 0 and code[i] == ","):
            parts.append(code[start:i])
            start = i + 1
        if depth < 0:
            break
    return [re.match(r"\s*(\w+)", part).group(1) for part in parts if part.strip()]


def selector_table() -> list[str]:
    """The string literals of youtube.js's SELECTORS table."""
    text = source(YOUTUBE)
    start = text.index("const SELECTORS = Object.freeze({")
    end = text.index("\n  });\n", start)
    block = text[start:end]
    return [t[1:-1] for kind, t in tokens(block) if kind == "string"]
