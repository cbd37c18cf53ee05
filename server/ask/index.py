"""Ask's search index at rest: packed into bytes the store keeps beside the transcript, so the first
question in any process reads a few arrays instead of parsing and indexing a 3-hour transcript.

An index is stored under the transcript's `transcript_version` stamp read before the transcript
itself, and read only under the current stamp: a transcript saved again (a refresh) never answers
from the index of its older text, and a build that raced a save stores an index nobody reads.
A stored index also names the code that built it (BUILD_KEY); one from other code is built again.
No Flask, no SQL: it uses the Store's two methods for it.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import logging
import zlib
from pathlib import Path

import numpy as np
import Stemmer

from ..store import StorageError, Store
from ..summarizers.extractive.wordlists import STOPWORDS
from . import retrieval
from .retrieval import Parts, Piece, TranscriptIndex, build_parts, pieces_of_lines

log = logging.getLogger(__name__)

FORMAT = 1  # the layout of the packed bytes below
_TEXT_BREAK = "\x01"  # never inside a piece's text (retrieval.pieces_of keeps it out) nor a stem
_ARRAYS = (("starts", "<f8"), ("ends", "<f8"), ("piece_lengths", "<i4"), ("stem_bounds", "<i4"),
           ("postings_pieces", "<i4"), ("postings_counts", "<i4"))


def _build_key() -> str:
    """A digest of what decides an index's contents: the retrieval code, the stopwords, the stemmer."""
    digest = hashlib.sha256(f"{FORMAT}|{Stemmer.version()}|{' '.join(sorted(STOPWORDS))}|".encode())
    digest.update(Path(retrieval.__file__).read_bytes())
    return digest.hexdigest()[:16]


BUILD_KEY = _build_key()


def pack(parts: Parts) -> bytes:
    """The index as compact bytes: a JSON header line, the arrays little-endian, then the texts; zlib'd."""
    arrays = {"starts": np.array([p.start for p in parts.pieces], "<f8"),
              "ends": np.array([p.end for p in parts.pieces], "<f8"),
              **{name: getattr(parts, name).astype(kind) for name, kind in _ARRAYS[2:]}}
    texts = _TEXT_BREAK.join(p.text for p in parts.pieces).encode()
    stems = _TEXT_BREAK.join(parts.stems).encode()
    header = {"format": FORMAT, "build": BUILD_KEY, "language": parts.language,
              "sizes": {name: len(arrays[name]) for name, _ in _ARRAYS}, "texts": len(texts), "stems": len(stems)}
    body = b"".join([json.dumps(header).encode(), b"\n", *(arrays[name].tobytes() for name, _ in _ARRAYS), texts, stems])
    return zlib.compress(body, 1)  # level 1: a fifth of the time of level 6 for 13 % more bytes


def unpack(packed: bytes) -> TranscriptIndex | None:
    """The index, or None when the bytes are not an index this code would build (then build it again)."""
    try:
        body = zlib.decompress(packed)
        line, _, rest = body.partition(b"\n")
        header = json.loads(line)
        if header.get("format") != FORMAT or header.get("build") != BUILD_KEY:
            return None
        arrays, at = {}, 0
        for name, kind in _ARRAYS:
            size = int(header["sizes"][name]) * np.dtype(kind).itemsize
            arrays[name] = np.frombuffer(rest, kind, count=size // np.dtype(kind).itemsize, offset=at)
            at += size
        texts = rest[at:at + header["texts"]].decode()
        stems = rest[at + header["texts"]:at + header["texts"] + header["stems"]].decode()
        if at + header["texts"] + header["stems"] != len(rest):
            return None
    except (zlib.error, ValueError, KeyError, TypeError, AttributeError):
        return None
    texts = texts.split(_TEXT_BREAK) if texts or len(arrays["starts"]) else []
    make = tuple.__new__  # as retrieval.pieces_of: the same tuple as Piece(...), built in C
    pieces = [make(Piece, piece) for piece in zip(arrays["starts"].tolist(), arrays["ends"].tolist(), texts)]
    stem_list = stems.split(_TEXT_BREAK) if stems else []
    if not (len(pieces) == len(texts) == len(arrays["piece_lengths"])
            and len(arrays["stem_bounds"]) == len(stem_list) + 1):
        return None
    return TranscriptIndex.from_parts(Parts(header["language"], pieces, arrays["piece_lengths"], stem_list,
                                            arrays["stem_bounds"], arrays["postings_pieces"], arrays["postings_counts"]))


def build_from_stored(gzipped: bytes) -> TranscriptIndex:
    """The index of a stored transcript (gzip of its served JSON), read without making Segment objects:
    for a 3-hour transcript that is most of the time a rebuild takes."""
    data = json.loads(gzip.decompress(gzipped))
    lines = ((float(s["start"]), float(s.get("duration") or 0.0), s["text"]) for s in data["segments"])
    return TranscriptIndex.from_parts(build_parts(data.get("language"), pieces_of_lines(lines)))


def is_current(packed: bytes) -> bool:
    """Whether the bytes are an index this code would build, from their header alone (no unpacking)."""
    try:
        line = zlib.decompressobj().decompress(packed, 4096).partition(b"\n")[0]
        header = json.loads(line)
        return header.get("format") == FORMAT and header.get("build") == BUILD_KEY
    except (zlib.error, ValueError, AttributeError):
        return False


def stored(store: Store, video_id: str, version: str) -> TranscriptIndex | None:
    """The index stored for the transcript with stamp `version`; None when there is none (or it is unusable)."""
    packed = store.load_ask_index(video_id, version)
    return unpack(packed) if packed is not None else None


def save(store: Store, video_id: str, version: str, index: TranscriptIndex) -> None:
    """Keep the index for later questions, in any process; a store that cannot write only costs speed."""
    try:
        store.save_ask_index(video_id, version, pack(index.parts))
    except StorageError as error:
        log.warning("video %s: Ask's index not stored: %s", video_id, error)


def ensure(store: Store, video_id: str, language: str | None) -> None:
    """Build and store the index of the stored transcript unless it is there (run when a transcript is
    stored); a store fault only costs speed: the first question builds it then."""
    try:
        version = store.transcript_version(video_id, language)  # before the transcript is read: see above
        packed = store.load_ask_index(video_id, version) if version else None
        if version is None or (packed is not None and is_current(packed)):
            return
        gzipped = store.load_transcript_gzip(video_id, language)
    except StorageError as error:
        log.warning("video %s: Ask's index not built: %s", video_id, error)
        return
    if gzipped is not None:
        save(store, video_id, version, build_from_stored(gzipped))
