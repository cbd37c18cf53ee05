"""Readability checks of the extractive cards over ../shared/corpus: cheap, honest proxies, one table.

Run from the repo root: `.venv/bin/python bench/card_quality.py [--show]`.

The measures are deliberately independent of the summarizer's own word lists, so a change
cannot pass by editing the list it is judged by:
* titles >= 2 words: share of idea titles that are phrases rather than one bare word;
* title bad end: idea titles ending in a function word or a dangling modifier ("plus", "deep");
* plug items: ideas, quotes or points in the final 3% of the video that match an outro or
  plug cue ("follow my work", "subscribe", "thanks for listening", "where can people find you");
* quote bad end: quotes ending in a function word or a pre-noun modifier (cut mid-phrase);
* quote bad start: quotes opening on a word that leans on what came before ("of", "and", "than");
* fragments: quotes and idea details holding a token the archiver clipped ("ou'd"): a word met
  only at the start of a caption cue that a more common word of the same transcript ends with;
* quote words: mean length; point words: mean length of the about-points.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from server.quotes import words  # noqa: E402
from server.summarizers import make_summarizer  # noqa: E402
from summarizer import CORPUS, load  # noqa: E402

FUNCTION = frozenset(
    "a an the and or but of to in on at for with from by as is are was were be been i you we they he she it "
    "my your our their his her its this that these those which who what when where how if so because than "
    "then just like very really about into over under not no do does did have has had can could would "
    "should will shall may might must it's that's there's i'm you're we're they're um uh".split()
)
MODIFIERS = frozenset(
    "plus deep big small large new old whole key main real great good best most more less other same such "
    "own certain super kind sort always never fully basically actually".split()
)
OPENERS = frozenset("of to and or but than as which who because so".split())
PLUG = re.compile(
    r"follow (?:my|me|our|us)|check out (?:my|our)|thanks? (?:you )?for (?:listening|watching|having me)|"
    r"link in the description|\bsubscribe\b|see you next time|where can (?:people|folks|listeners) find|"
    r"find (?:me|us) (?:on|at)|my newsletter|\bpatreon\b",
    re.I,
)


def fragment_words(transcript) -> set[str]:
    """Tokens seen only at the start of a caption cue, that a common word of the transcript ends with."""
    first, inner = Counter(), Counter()
    for s in transcript.segments:
        found = words(s.text)
        first.update(found[:1])
        inner.update(found[1:])
    tails = Counter()
    for full, n in (first + inner).items():
        for cut in (1, 2):
            if len(full) > cut + 1:
                tails[full[cut:]] += n
    return {w for w in first if not inner[w] and tails[w] >= 2 and w not in FUNCTION}


def file_row(summarizer, path: Path, show: bool) -> dict:
    transcript, video, _ = load(path)
    cards = summarizer.summarize(transcript, video)
    duration = transcript.duration or 1.0
    titles = [i.title for i in cards.ideas]
    tail = [w for t in titles for w in words(t)[-1:]]
    quotes = [q.text for q in cards.quotes]
    frags = fragment_words(transcript)
    late = [(i.start, i.title + " " + i.detail) for i in cards.ideas] + [(q.start, q.text) for q in cards.quotes]
    plugs = sum(1 for t, text in late if t >= 0.97 * duration and PLUG.search(text))
    plugs += sum(1 for p in cards.about.points if PLUG.search(p))
    q_end = sum(1 for q in quotes if words(q) and words(q)[-1] in FUNCTION | MODIFIERS)
    q_start = sum(1 for q in quotes if words(q) and words(q)[0] in OPENERS)
    if show:
        print(f"\n## {path.name}")
        print("titles:", " | ".join(titles))
        for q in quotes:
            print("  quote:", q)
    return {
        "file": path.name,
        "titles2": sum(len(words(t)) >= 2 for t in titles) / max(len(titles), 1),
        "title_end": sum(w in FUNCTION | MODIFIERS for w in tail),
        "plugs": plugs,
        "q_end": q_end,
        "q_start": q_start,
        "frags": sum(1 for q in quotes + [i.detail for i in cards.ideas] if set(words(q)) & frags),
        "q_words": sum(len(words(q)) for q in quotes) / max(len(quotes), 1),
        "p_words": sum(len(words(p)) for p in cards.about.points) / max(len(cards.about.points), 1),
        "topics": len(cards.topics),
    }


COLS = [("file", "file", "{}"), ("titles >=2 words", "titles2", "{:.0%}"), ("title bad end", "title_end", "{}"),
        ("plug items", "plugs", "{}"), ("quote bad end", "q_end", "{}"), ("quote bad start", "q_start", "{}"),
        ("items w/ fragments", "frags", "{}"), ("quote words", "q_words", "{:.1f}"),
        ("point words", "p_words", "{:.1f}"), ("topics", "topics", "{}")]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--show", action="store_true", help="also print every title and quote")
    args = parser.parse_args()
    if not CORPUS.is_dir():
        print(f"skipped: no corpus at {CORPUS}")
        return 0
    summarizer = make_summarizer("extractive", {})
    files = sorted(p for p in CORPUS.glob("*.json") if "segments" in json.loads(p.read_text()))
    rows = [file_row(summarizer, p, args.show) for p in files]
    total = {"file": "**all**"}
    for key in ("titles2", "q_words", "p_words", "topics"):
        total[key] = sum(r[key] for r in rows) / len(rows)
    for key in ("title_end", "plugs", "q_end", "q_start", "frags"):
        total[key] = sum(r[key] for r in rows)
    print("| " + " | ".join(c[0] for c in COLS) + " |")
    print("|" + "---|" * len(COLS))
    for r in rows + [total]:
        print("| " + " | ".join(fmt.format(r[key]) for _, key, fmt in COLS) + " |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
