"""Host or guest: how well the extractive summarizer tells who said what, and how many card items are the host's.

Run from the repo root: `.venv/bin/python bench/speakers.py [--show]` (--show prints the host's items).

Truth comes from transcripts with speaker labels, read from ../shared/corpus:
* Lex Fridman #94: `13CZPWmke6A__speakers.json` holds 347 hand-corrected speaker turns of the same
  conversation. Their words are aligned to the Whisper transcript and to the YouTube auto-captions
  (difflib over the word sequences; about 95% of the words match, the gaps take the speaker of the
  word before), and each sentence unit takes the speaker of most of its words.
* Lenny's Podcast (3 files): every segment carries its speaker. The labels are hidden from the
  summarizer, so these measure the turn-taking evidence on a show it was not tuned on. With them
  hidden the service names the host from the channel ("Lenny's Podcast": Lenny, who is called so in
  the transcript) and the guests from the host's intro ("Today, my guest is ..."); before that it
  found nobody on these files, so it had no host to keep out of the cards at all. The turn model
  here gets the same guests (their names said alone are a cue) and the host's labelled name.

Columns: unit accuracy of the host call (P(host) > 0.5); host recall; precision of the confident
guest calls (P(host) < CONFIDENT) and how many units that covers; host lines among the 60 best idea
units and the 60 best quote units (labels hidden); host items in the cards (points +
ideas + quotes said by the host, of all items) with the labels hidden and, where the file has
them, with the labels the service would see (and how many quotes name the right speaker).

The cues added on 2026-12-01 (names said alone, the show's name, "I love that", "we", the host
steering the show, "and" keeping the floor, "yeah"/"exactly"/"well" handing it over) were counted
on all four labelled conversations (#94 and the three Lenny files) and kept where none pointed the
other way; the steering phrases were found by reading z7T1pCxgvlA's missed host lines. Later, the
guest's "your podcast" / "your listeners" (for the guest) and dropping a bare "so you're" (two of the
four give it only to the guest) were counted the same way. Item counts
of 16-18 per file move by one on small changes anywhere in the pipeline, so a rule was judged also
by the host lines among the best 60 idea units and the best 60 quote units per file.
"""

from __future__ import annotations

import difflib
import json
import sys
from collections import Counter
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from server.verbatim import words  # noqa: E402
from server.summarizers import make_summarizer  # noqa: E402
from server.summarizers.extractive.ideas import unit_scores  # noqa: E402
from server.summarizers.extractive.people import people  # noqa: E402
from server.summarizers.extractive.summarizer import analyse, quote_spans  # noqa: E402
from server.summarizers.extractive.sentences import split_units  # noqa: E402
from server.summarizers.extractive.text import build_stream, is_punctuated  # noqa: E402
from server.summarizers.extractive.turns import CONFIDENT, host_probability  # noqa: E402
from summarizer import CORPUS, load  # noqa: E402

LABELLED_94 = "13CZPWmke6A__speakers.json"
FILES = ["13CZPWmke6A.json", "13CZPWmke6A__yt_auto.json", "z7T1pCxgvlA.json", "-kPpd21bFrE.json",
         "1GDVum5IarI.json"]


def token_speakers(path: Path, stream) -> list[str | None]:
    """The true speaker of every stream token: from the segment labels, or aligned from the #94 turns."""
    data = json.loads(path.read_text())
    if any(s.get("speaker") for s in data["segments"]):
        segs = data["segments"]
        return [segs[i].get("speaker") for i in stream.seg]
    turns = json.loads((CORPUS / LABELLED_94).read_text())["turns"]
    ref, who = [], []
    for t in turns:
        found = words(t["text"])
        ref += found
        who += [t["speaker"]] * len(found)
    out: list[str | None] = [None] * len(stream.key)
    matcher = difflib.SequenceMatcher(None, stream.key, ref, autojunk=False)
    for i, j, n in matcher.get_matching_blocks():
        out[i:i + n] = who[j:j + n]
    last = None
    for i, s in enumerate(out):
        last = out[i] = s or last
    return out


def unlabelled(transcript):
    """The transcript with its speaker labels removed (what most captions look like)."""
    return replace(transcript, segments=tuple(replace(s, speaker=None) for s in transcript.segments))


def item_speaker(stream, truth, start: float, text: str) -> str | None:
    """Who said a card item: the true speaker at the item's first words near its start time."""
    target = words(text)[:4]
    best = None
    for i in range(len(stream.key) - len(target)):
        if stream.key[i:i + len(target)] == target and (best is None or
                                                         abs(stream.time[i] - start) < abs(stream.time[best] - start)):
            best = i
    if best is None:
        near = min(range(len(stream.time)), key=lambda i: abs(stream.time[i] - start))
        return truth[near]
    return truth[best]


def row(summarizer, name: str, show: bool = False) -> dict:
    path = CORPUS / name
    labelled, video, _ = load(path)
    labelled_units = split_units(build_stream(labelled), is_punctuated(build_stream(labelled)))
    host = next((p.name for p in people(video, labelled_units) if p.role == "host"), None)
    transcript = unlabelled(labelled)
    stream = build_stream(transcript)
    units = split_units(stream, is_punctuated(stream))
    truth = token_speakers(path, stream)
    said = [Counter(truth[u.first:u.last]).most_common(1)[0][0] for u in units]
    guests = tuple(p.name for p in people(video, units, stream) if p.role == "guest")
    prob = host_probability(stream, units, host, interview=True, guests=guests)
    is_host = [s == host for s in said]
    right = sum((p > 0.5) == h for p, h in zip(prob, is_host))
    sure = [h for p, h in zip(prob, is_host) if p < CONFIDENT]
    cards = summarizer.summarize(transcript, video)
    items = [(i.start, i.detail) for i in cards.ideas] + [(q.start, q.text) for q in cards.quotes]
    points = [(_point_time(transcript, p), p) for p in cards.about.points]
    by_host = [text for t, text in items + points if item_speaker(stream, truth, t, text) == host]
    if show:
        print(f"{name}: host items:", *by_host, sep="\n  ")
    labelled_items = "-"
    if any(s.speaker for s in labelled.segments):  # the labels the service would see
        cards = summarizer.summarize(labelled, video)
        said = [q.speaker for q in cards.quotes]
        items = [(i.start, i.detail) for i in cards.ideas] + [(q.start, q.text) for q in cards.quotes]
        points = [(_point_time(transcript, p), p) for p in cards.about.points]
        labelled_items = f"{sum(item_speaker(stream, truth, t, x) == host for t, x in items + points)}/" \
                         f"{len(items) + len(points)}; quotes named right " \
                         f"{sum(item_speaker(stream, truth, q.start, q.text) == q.speaker for q in cards.quotes)}" \
                         f"/{len(said)}"
    return {"file": name, "units": len(units), "acc": right / max(len(units), 1),
            "recall": sum(p > 0.5 for p, h in zip(prob, is_host) if h) / max(sum(is_host), 1),
            "sure_prec": 1 - sum(sure) / max(len(sure), 1), "sure_share": len(sure) / max(len(units), 1),
            "host_items": f"{len(by_host)}/{len(items) + len(points)}", "labelled_items": labelled_items,
            "best": best_units_by_host(transcript, video, lambda s: token_speakers(path, s), host)}


def best_units_by_host(transcript, video, truth_of, host: str, top: int = 60) -> str:
    """Host lines among the `top` best idea units and the `top` best quote units (one per unit): a
    steadier measure than the 16-18 items, which move by one on small changes anywhere."""
    a = analyse(transcript, video)
    truth = truth_of(a.stream)
    said = [Counter(truth[u.first:u.last]).most_common(1)[0][0] == host for u in a.units]
    scores = unit_scores(a.stream, a.units, a.cent, a.hostp, a.clipped)
    ideas = sorted(range(len(scores)), key=lambda i: -scores[i])[:top]
    quotes: list[int] = []
    for span in sorted(quote_spans(a), key=lambda s: -s.score):
        if span.unit not in quotes and len(quotes) < top:
            quotes.append(span.unit)
    return f"{sum(said[i] for i in ideas)} / {sum(said[i] for i in quotes)}"


def _point_time(transcript, point: str) -> float:
    """Points carry no time: find their words in the transcript, split as the corpus text splits them
    ("over-rotate" is two words there), by bench/point_checks.py's locator."""
    from point_checks import locate
    return locate(transcript, point) or 0.0


def main() -> int:
    if not (CORPUS / LABELLED_94).is_file():
        print(f"skipped: no labelled turns at {CORPUS / LABELLED_94} (the benchmarks read ../shared/corpus)")
        return 0
    summarizer = make_summarizer("extractive", {})
    cols = [("file", "{}"), ("units", "{}"), ("acc", "{:.0%}"), ("recall", "{:.0%}"), ("sure_prec", "{:.1%}"),
            ("sure_share", "{:.0%}"), ("best", "{}"), ("host_items", "{}"), ("labelled_items", "{}")]
    print("| file | units | host call accuracy | host recall | confident-guest precision | confident share |"
          " host lines in best 60 idea / quote units | host items, labels hidden | host items, with labels |")
    print("|" + "---|" * len(cols))
    for name in FILES:
        r = row(summarizer, name, "--show" in sys.argv)
        print("| " + " | ".join(fmt.format(r[key]) for key, fmt in cols) + " |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
