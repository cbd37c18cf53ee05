"""How much transcript goes in one request: one pass when it fits, else parts by chapter or by time."""

from __future__ import annotations

import math

from ...models import Chapter
from .lines import Line, estimate_tokens

SINGLE_PASS_SHARE = 0.6  # send at most this share of the context window (research §4.1)
OVERHEAD_TOKENS = 1500  # instructions and video details, generously
ANSWER_TOKENS = 2000  # what a cards answer usually needs
MIN_PART_TOKENS = 400


def transcript_budget(context_tokens: int, max_output_tokens: int, overhead: int = OVERHEAD_TOKENS) -> int:
    """Tokens of numbered lines one request may carry with this context window.

    `overhead` is the rest of the request (instructions, video details, schema): the lines,
    it and the answer's `max_output_tokens` together never exceed the window.
    """
    comfortable = int(SINGLE_PASS_SHARE * context_tokens) - overhead - min(max_output_tokens, ANSWER_TOKENS)
    hard = context_tokens - overhead - max_output_tokens
    return max(MIN_PART_TOKENS, min(comfortable, hard))


def shrink(context_tokens: int, limit: int | None) -> int:
    """The context size to plan with after an overflow: the limit the server named, else half."""
    if limit and limit < context_tokens:
        return int(limit * 0.9)
    return context_tokens // 2


def split(lines: list[Line], chapters: tuple[Chapter, ...], budget: int) -> list[list[Line]]:
    """The lines in one part if they fit `budget`, else in parts: whole chapters when given, else equal time."""
    cost = [estimate_tokens(line.render()) + 1 for line in lines]
    if sum(cost) <= budget:
        return [lines]
    if len(chapters) >= 2:
        return _by_chapter(lines, cost, chapters, budget)
    return _by_size(lines, cost, budget)


def _by_size(lines: list[Line], cost: list[int], budget: int) -> list[list[Line]]:
    """Consecutive parts of about equal size, none over budget."""
    count = math.ceil(sum(cost) / budget)
    target = sum(cost) / count
    parts, part, used = [], [], 0
    for line, tokens in zip(lines, cost):
        if part and (used + tokens > budget or used >= target):
            part, used = _close(parts, part)
        part.append(line)
        used += tokens
    _close(parts, part)
    return parts


def _by_chapter(lines: list[Line], cost: list[int], chapters: tuple[Chapter, ...], budget: int) -> list[list[Line]]:
    """Whole chapters packed into parts up to budget; a chapter too big alone is cut by size."""
    parts, part, used = [], [], 0
    for block in _chapter_blocks(lines, chapters):
        tokens = sum(cost[line.number - 1] for line in block)
        if tokens > budget:
            part, used = _close(parts, part)
            parts.extend(_by_size(block, [cost[line.number - 1] for line in block], budget))
            continue
        if part and used + tokens > budget:
            part, used = _close(parts, part)
        part.extend(block)
        used += tokens
    _close(parts, part)
    return parts


def _close(parts: list[list[Line]], part: list[Line]) -> tuple[list[Line], int]:
    """Add the part being filled (if it has lines) and start an empty one."""
    if part:
        parts.append(part)
    return [], 0


def _chapter_blocks(lines: list[Line], chapters: tuple[Chapter, ...]) -> list[list[Line]]:
    starts = sorted(c.start for c in chapters)[1:]
    blocks, block, cut = [], [], 0
    for line in lines:
        while cut < len(starts) and line.start >= starts[cut]:
            if block:
                blocks.append(block)
                block = []
            cut += 1
        block.append(line)
    if block:
        blocks.append(block)
    return blocks
