"""One video's LLM requests: parts written concurrently under a bound, merges sized to the window, progress.

The summarizer decides what to ask (plan, prompts) and what to keep (grounding, assembly); this
module owns how the requests run: how many at once, in what order the answers are used, when the
time budget stops them, and what the caller's progress callback hears.
"""

from __future__ import annotations

import logging
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass
from typing import Callable

from . import merge, prompt
from .client import Client, Deadline, request_tokens
from .schema import PICK_SCHEMA, PICK_TOOL, read_pick

log = logging.getLogger(__name__)

PICK_ANSWER_TOKENS = 1536  # a pick is a headline, points, topics and ids: a few hundred tokens, with room
MIN_SHOWN = 2  # candidates per part below which one pick over all parts is not worth it: merge in groups
MAX_SHOWN = 40  # candidates shown in one pick in all, when the window has room


@dataclass(frozen=True)
class Progress:
    """Where one video's summary is, for a job runner to show: `str(progress)` reads "part 2 of 4"."""

    stage: str  # "parts" while the transcript's parts are written, then "merge"
    done: int  # requests of this stage finished
    total: int  # requests of this stage planned
    model: str

    def __str__(self) -> str:
        if self.stage == "parts":
            return f"part {min(self.done + 1, self.total)} of {self.total}"
        return "putting the parts together"


class Run:
    """The requests of one summary: `parts` then `merge`, all under one deadline and one concurrency bound."""

    def __init__(self, client: Client, deadline: Deadline, progress: Callable[[Progress], object] | None):
        self.client = client
        self.settings = client.settings
        self.deadline = deadline
        self._progress = progress

    def each(self, stage: str, work: list[Callable[[Deadline], object]]) -> list:
        """Run call(deadline) for each call, at most `concurrency` at a time; the results in the calls' order.

        The first failure stops the rest (queued calls never start, running ones stop at their next
        request) and is raised here. Progress is reported from this thread, never a worker's.
        """
        batch = self.deadline.batch()
        self.report(stage, 0, len(work))
        if len(work) == 1 or self.settings.concurrency == 1:
            results = []
            for call in work:
                results.append(call(batch))
                self.report(stage, len(results), len(work))
            return results
        pool = ThreadPoolExecutor(max_workers=min(self.settings.concurrency, len(work)), thread_name_prefix="glance-llm")
        try:
            futures = [pool.submit(call, batch) for call in work]
            pending: set[Future] = set(futures)
            done = 0
            while pending:
                finished, pending = wait(pending, return_when=FIRST_COMPLETED)
                for future in finished:
                    if future.exception() is not None:
                        raise future.exception()
                    done += 1
                    self.report(stage, done, len(work))
            return [future.result() for future in futures]
        except BaseException:
            batch.stop()  # the calls still running give up at their next request
            raise
        finally:
            pool.shutdown(wait=False, cancel_futures=True)

    def report(self, stage: str, done: int, total: int) -> None:
        """Tell the caller; a failing callback is logged, never allowed to lose the summary."""
        if self._progress is None:
            return
        try:
            self._progress(Progress(stage, done, total, self.settings.model))
        except Exception:  # the callback belongs to the job runner: its trouble is not the model's
            log.exception("LLM progress callback failed")

    # --- merging ---------------------------------------------------------------------------

    def merge(self, parts: list[merge.PartCards], video, duration: float, context: int) -> dict:
        """The final cards of many parts: one pick when all fit the window, else picks over groups first."""
        level = parts
        while True:
            shown = self.shown_per_part(level, video, duration, context)
            if shown >= MIN_SHOWN or (shown >= 1 and len(level) == 2):
                return self.each("merge", [lambda deadline: self.pick(level, shown, video, duration, deadline)])[0]
            groups = self.groups(level, video, duration, context)
            if groups is None:
                log.warning("LLM merge cannot fit two parts in a %d-token window; merging plainly", context)
                return merge.plain_merge(level, duration)
            log.info("LLM merge of %d parts in %d groups first", len(level), len(groups))
            work = [lambda deadline, group=group: self.pick_group(group, video, duration, deadline) for group in groups]
            level = self.each("merge", work)

    def pick(self, parts: list[merge.PartCards], shown: int, video, duration: float, deadline: Deadline) -> dict:
        """One pick request over `parts` showing `shown` candidates of each."""
        candidates, ideas, quotes = merge.candidates(parts, per_part=shown)
        answer = self.client.ask(prompt.pick_system(), prompt.pick_user(video, candidates, duration),
                                 PICK_TOOL, PICK_SCHEMA, read_pick, max_tokens=PICK_ANSWER_TOKENS,
                                 deadline=deadline, label=f"merge of {len(parts)}")
        return {"headline": answer["headline"], "points": answer["points"], "topics": answer["topics"],
                "ideas": merge.chosen(answer["ideas"], ideas, merge.IDEAS, duration),
                "quotes": merge.chosen(answer["quotes"], quotes, merge.QUOTES, duration)}

    def pick_group(self, group: list[merge.PartCards], video, duration: float, deadline: Deadline) -> merge.PartCards:
        """A group of consecutive parts merged into one part-like set, for the next level's pick."""
        if len(group) == 1:
            return group[0]
        picked = self.pick(group, MIN_SHOWN, video, duration, deadline)
        return merge.PartCards(
            headline=picked["headline"], points=picked["points"], topics=picked["topics"],
            ideas=sorted(picked["ideas"], key=lambda item: item.start),
            quotes=sorted(picked["quotes"], key=lambda item: item.start),
            begin=group[0].begin, end=group[-1].end,
        )

    def fits(self, parts: list[merge.PartCards], shown: int, video, duration: float, context: int) -> bool:
        """Whether a pick over `parts` with `shown` candidates each, plus its answer, fits `context` tokens."""
        candidates, _, _ = merge.candidates(parts, per_part=shown)
        used = request_tokens(prompt.pick_system(), prompt.pick_user(video, candidates, duration), PICK_SCHEMA)
        return used + min(PICK_ANSWER_TOKENS, self.settings.max_output_tokens) <= context

    def shown_per_part(self, parts, video, duration: float, context: int) -> int:
        """The most candidates per part (up to MAX_SHOWN in all) one pick can show; 0 when not even one fits."""
        for shown in range(max(MIN_SHOWN, MAX_SHOWN // len(parts)), 0, -1):
            if self.fits(parts, shown, video, duration, context):
                return shown
        return 0

    def groups(self, parts, video, duration: float, context: int) -> list[list[merge.PartCards]] | None:
        """Consecutive groups of about equal size, each a pick that fits; None when two parts never fit."""
        largest = 1
        while largest < len(parts) and self.fits(parts[:largest + 1], MIN_SHOWN, video, duration, context):
            largest += 1
        for size in range(largest, 1, -1):
            count = -(-len(parts) // size)
            even = -(-len(parts) // count)  # the same number of groups, sizes as equal as they go
            groups = [parts[i : i + even] for i in range(0, len(parts), even)]
            if all(len(g) == 1 or self.fits(g, MIN_SHOWN, video, duration, context) for g in groups):
                return groups
        return None
