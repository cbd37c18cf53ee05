"""`POST /api/v1/videos/<id>/ask`: a question in, the best transcript moments (and an LLM answer) out.

The transcript is the stored one (else fetched, like GET .../transcript). Its search index is read
from the store (ask/index.py: built when the transcript was stored, else here on the first question
and saved), then kept in a small in-process cache while the store's transcript_version stays the
same, so a follow-up question costs a millisecond or two however long the video is.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from typing import TYPE_CHECKING

from flask import Blueprint, current_app, request

from .api import before_generating, checked_video_id, json_body, maker, require_writer
from .errors import InvalidRequest, NoTranscript, SummarizerError
from .validation import clean_text, parse_language

if TYPE_CHECKING:
    from .ask.retrieval import TranscriptIndex

bp = Blueprint("ask", __name__, url_prefix="/api/v1")

MAX_QUESTION_CHARS = 500
MAX_HISTORY = 10
MAX_MOMENTS = 10


def init_app(app) -> None:
    """Register the endpoint; with the LLM summarizer configured, answers are written by the same model."""
    app.register_blueprint(bp)
    if app.config.get("SUMMARIZER") == "llm":
        from .ask.answer import Answerer

        app.extensions["glance.answerer"] = Answerer.from_config(app.config)


@bp.post("/videos/<video_id>/ask")
def ask(video_id: str):
    video_id = checked_video_id(video_id)
    question, history, limit, want_answer = parse_ask_body(json_body())
    language = parse_language(request.args.get("lang"))
    index = transcript_index(video_id, language)
    moments = index.search(question, follow_up_of=history[-1] if history else None, limit=limit)
    answerer = current_app.extensions.get("glance.answerer")
    body = {"video_id": video_id, "question": question, "language": index.language,
            "moments": [m.to_dict() for m in moments], "answer": None, "can_answer": answerer is not None}
    if want_answer and answerer is not None:
        from .ask.answer import AnswerFailed

        require_writer()  # a shared server spends its model's time only for token holders
        try:
            body["answer"] = answerer.answer(question, history, index, moments)
        except AnswerFailed as failed:
            raise SummarizerError(f"The language model could not answer: {failed}") from None
    return body


def parse_ask_body(body) -> tuple[str, list[str], int, bool]:
    """(question, earlier questions, how many moments, whether an LLM answer is wanted); each field checked."""
    if not isinstance(body, dict):
        raise InvalidRequest("The body must be a JSON object with a 'question'.")
    unknown = set(body) - {"question", "history", "limit", "answer"}
    if unknown:
        raise InvalidRequest(f"Unknown field '{sorted(unknown)[0]}' in the body.")
    question = body.get("question")
    if not isinstance(question, str):
        raise InvalidRequest("'question' must be a string: what you want to know about the video.")
    question = " ".join(clean_text(question).split())
    if not question:
        raise InvalidRequest("'question' is empty: type what you want to know about the video.")
    if len(question) > MAX_QUESTION_CHARS:
        raise InvalidRequest(f"'question' is longer than {MAX_QUESTION_CHARS} characters; ask something shorter.")
    history = body.get("history", [])
    if not isinstance(history, list) or not all(isinstance(h, str) and len(h) <= MAX_QUESTION_CHARS for h in history):
        raise InvalidRequest(f"'history' must be a list of earlier questions, each at most {MAX_QUESTION_CHARS} characters.")
    limit = body.get("limit", 3)
    if not isinstance(limit, int) or isinstance(limit, bool) or not 1 <= limit <= MAX_MOMENTS:
        raise InvalidRequest(f"'limit' must be a whole number from 1 to {MAX_MOMENTS}.")
    want_answer = body.get("answer", False)
    if not isinstance(want_answer, bool):
        raise InvalidRequest("'answer' must be true or false.")
    return question, [" ".join(clean_text(h).split()) for h in history[-MAX_HISTORY:]], limit, want_answer


def transcript_index(video_id: str, language: str | None) -> TranscriptIndex:
    """The transcript's index: cached, else stored, else built (and stored), always of the current transcript."""
    from .ask import index as stored_index  # on the first question, not at start: numpy and the stemmer

    store, cache = maker().store, indexes()
    version = store.transcript_version(video_id, language)
    if version is None:  # not stored yet: fetched (and stored) by a job, or NoTranscript
        maker().get_transcript_gzip(video_id, language, before_fetching=before_generating)
        version = store.transcript_version(video_id, language)
        if version is None:  # deleted in between
            raise NoTranscript()
    key = (video_id, language, version)
    index = cache.get(key) or stored_index.stored(store, video_id, version)
    if index is None:  # a transcript stored before Ask kept indexes, or by another version of Glance
        gzipped = maker().get_transcript_gzip(video_id, language, before_fetching=before_generating)
        index = stored_index.build_from_stored(gzipped)
        stored_index.save(store, video_id, version, index)
    return cache.put(key, index)


class IndexCache:
    """The last few search indexes: a follow-up question skips even unpacking the stored one (a few ms)."""

    def __init__(self, size: int = 16):
        self.size = size
        self.items: OrderedDict = OrderedDict()
        self.lock = threading.Lock()

    def get(self, key):
        with self.lock:
            if key in self.items:
                self.items.move_to_end(key)
            return self.items.get(key)

    def put(self, key, value):
        with self.lock:
            self.items[key] = value
            while len(self.items) > self.size:
                self.items.popitem(last=False)
        return value


def indexes() -> IndexCache:
    return current_app.extensions.setdefault("glance.ask_indexes", IndexCache())
