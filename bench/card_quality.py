"""Readability checks of the extractive cards over ../shared/corpus: cheap, honest proxies, one table.

Run from the repo root: `.venv/bin/python bench/card_quality.py [--show]`.

The measures are deliberately independent of the summarizer's own word lists, so a change
cannot pass by editing the list it is judged by:
* titles >= 2 words: share of idea titles that are phrases rather than one bare word;
* claim titles: share of idea titles that state something rather than name it: 3 or more words
  holding a finite verb from the bench's own list ("Scale unlocked deep learning", "Evals are
  important") or opening on a plural subject and its verb ("We numb vulnerability"); "Deep
  learning" and "Kids with degrees" are not claims;
* bare 1-word titles: count of idea titles that are one word ("Education", "Haven't");
* title bad end: idea titles ending in a function word or a dangling modifier ("plus", "deep"),
  unless the modifier closes a clause after "is"/"are" ("Cost functions are great");
* idea = quote: ideas whose detail holds most (60%) of the distinct words of a quote starting within
  30 s of it: the same line shown twice;
* plug items: ideas, quotes or points in the final 3% of the video that match an outro or
  plug cue ("follow my work", "subscribe", "thanks for listening", "where can people find you");
* quote bad end: quotes ending in a function word or a pre-noun modifier (cut mid-phrase);
* quote bad start: quotes opening on a word that leans on what came before ("of", "and", "than");
* fragments: quotes and idea details holding a token the archiver clipped ("ou'd"): a word met
  only at the start of a caption cue that a more common word of the same transcript ends with;
* quote words: mean length; point words: mean length of the about-points.

A second table scores the about-points (bench/point_checks.py): fragments, set-ups, trailing
ends, host points and how many of the video's major parts the points reach.

Chapter titles and topics (the creator chapters are hidden, so every title here is generated):
* ch dangling: titles whose last word is not a noun by the bench's own rules ("Romantic and
  denied", "Disk drives and fully"): a function word or modifier, an "-ly"/"-ed"/"-able"/"-ous"
  ending, or a common verb or adjective; `--creator` prints the same count for creator titles;
* ch 2-6 words: share of titles of 2 to 6 words; ch dup: neighbouring titles sharing a content word;
* topic generic: topics that are one everyday word ("language", "data") or hold a filler word;
  topic dup: topics whose words all sit in another topic ("neural networks" / "networks").
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

from server.verbatim import words  # noqa: E402
from server.summarizers import make_summarizer  # noqa: E402
from summarizer import corpus_files, load  # noqa: E402
from point_checks import point_row, print_points  # noqa: E402

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
NOT_NOUNS = frozenset(
    "exist save contain explain enjoy solve accept adopt involve determine generate switch mention search happen "
    "take keep bring seek fix affect assume become begin choose decide describe destroy develop discover enable "
    "ensure forget imagine improve inform justify manage notice occur prefer prevent prove realize reduce rely "
    "remember replace require respond suggest suppose tend understand wonder worry break cook eat hack zoom "
    "available romantic sentient conscious immortal curious fine equal evil medieval multicellular biological quick "
    "happy sad angry easy hard likely possible impossible necessary important interesting different similar entire "
    "true false wrong clear obvious simple rich poor huge tiny enormous massive strong weak smart stupid crazy scary "
    "beautiful dangerous excited afraid alive aware asleep awake earlier later anymore versus messy".split()
)
NOUN_LY = frozenset("family italy july supply assembly reply fly ally belly bully jelly rally monopoly anomaly "
                    "butterfly".split())
GENERIC = frozenset(
    "yeah thing things kind sort stuff way lot people time language program programs data figure experience body "
    "book books customer customers leader leaders business game games kid kids school child children computer "
    "computers research information system problem question idea work life world usually take fully".split()
)
OPENERS = frozenset("of to and or but than as which who because so".split())
FINITE = frozenset(
    "is are was were am isn't aren't wasn't weren't has have had hasn't haven't does did don't doesn't didn't can "
    "can't could couldn't will won't would wouldn't should shouldn't must may might needs makes made means matters "
    "works comes goes gets takes gives keeps leads helps changes grows learns builds wants kills loses wins fails "
    "creates shows becomes requires unlocked changed killed built made led drove beat solved".split()
)
SUBJECTS = frozenset("we you they people kids children humans most".split())
BE = frozenset("is are was were am".split())
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


def claim(title: str) -> bool:
    """The title states something: 3+ words with a finite verb, or a plural subject and its verb."""
    found = words(title)
    return len(found) >= 3 and (bool(set(found[1:]) & FINITE) or found[0] in SUBJECTS)


def bad_end(title: str) -> bool:
    """The idea title ends on a function word or a modifier that wants its noun; "X is (really) great" is done."""
    found = words(title)
    if not found or found[-1] not in FUNCTION | MODIFIERS:
        return False
    before = [w for w in found[:-1] if not (w.endswith("ly") or w in ("very", "really", "so", "pretty", "quite", "too"))]
    return not (found[-1] in MODIFIERS and before and before[-1] in BE)


def repeats(ideas, quotes) -> int:
    """Ideas whose detail holds most of a nearby quote's words."""
    count = 0
    for idea in ideas:
        held = set(words(idea.detail))
        count += any(abs(q.start - idea.start) <= 30 and len(set(words(q.text)) & held) >= 0.6 * len(set(words(q.text)))
                     for q in quotes)
    return count


def dangling(title: str) -> bool:
    """The title's last word is not a noun by rules of the bench's own (no tagger)."""
    found = words(title)
    last = found[-1] if found else ""
    if not last or last in FUNCTION | MODIFIERS | NOT_NOUNS:
        return True
    named = len(title.split()) > 1 and title.split()[-1][:1].isupper()  # "Sicily", "Rust": a name
    if last.endswith("ly") and len(last) > 4 and last not in NOUN_LY and not named:
        return True
    return len(last) > 5 and last.endswith(("ed", "able", "ible", "ous", "ful", "less")) and not last.endswith(
        ("eed", "ss"))


def _content(title: str) -> set[str]:
    return {w.rstrip("s") for w in words(title) if w not in FUNCTION and len(w) > 2}


def chapter_cols(chapters, topics) -> dict:
    """Chapter-title and topic columns of one file."""
    titles = [c.title for c in chapters if c.title not in ("Introduction", "Sponsor") and not c.title.startswith("Part ")]
    pairs = list(zip(titles, titles[1:]))
    single = [t for t in topics if len(words(t)) == 1 and not t[:1].isupper()]
    return {
        "ch_n": len(titles),
        "ch_dangling": sum(map(dangling, titles)),
        "ch_len": sum(2 <= len(words(t)) <= 6 for t in titles) / max(len(titles), 1),
        "ch_dup": sum(1 for a, b in pairs if _content(a) & _content(b)),
        "t_generic": len([t for t in single if words(t)[0] in GENERIC]) + sum(
            1 for t in topics if len(words(t)) > 1 and set(words(t)) & {"yeah", "thing", "things", "kind", "stuff"}),
        "t_dup": sum(1 for a in topics for b in topics if a != b and _content(a) <= _content(b)),
    }


def file_row(summarizer, path: Path, show: bool) -> dict:
    transcript, video, _ = load(path)
    cards = summarizer.summarize(transcript, video)
    duration = transcript.duration or 1.0
    titles = [i.title for i in cards.ideas]
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
        print("chapters:", " | ".join(c.title for c in cards.chapters))
        print("topics:", " | ".join(cards.topics))
        for q in quotes:
            print("  quote:", q)
    return {
        "file": path.name,
        "titles2": sum(len(words(t)) >= 2 for t in titles) / max(len(titles), 1),
        "claims": sum(map(claim, titles)) / max(len(titles), 1),
        "title_end": sum(map(bad_end, titles)),
        "repeats": repeats(cards.ideas, cards.quotes),
        "bare": sum(len(words(t)) == 1 for t in titles),
        "plugs": plugs,
        "q_end": q_end,
        "q_start": q_start,
        "frags": sum(1 for q in quotes + [i.detail for i in cards.ideas] if set(words(q)) & frags),
        "q_words": sum(len(words(q)) for q in quotes) / max(len(quotes), 1),
        "p_words": sum(len(words(p)) for p in cards.about.points) / max(len(cards.about.points), 1),
        "topics": len(cards.topics),
        **chapter_cols(cards.chapters, cards.topics),
        **point_row(path, transcript, video, list(cards.about.points)), "points": list(cards.about.points),
    }


COLS = [("file", "file", "{}"), ("titles >=2 words", "titles2", "{:.0%}"), ("claim titles", "claims", "{:.0%}"), ("title bad end", "title_end", "{}"),
        ("bare 1-word titles", "bare", "{}"), ("idea = quote", "repeats", "{}"),
        ("plug items", "plugs", "{}"), ("quote bad end", "q_end", "{}"), ("quote bad start", "q_start", "{}"),
        ("items w/ fragments", "frags", "{}"), ("quote words", "q_words", "{:.1f}"),
        ("point words", "p_words", "{:.1f}"), ("topics", "topics", "{:.1f}"), ("ch titles", "ch_n", "{}"),
        ("ch dangling", "ch_dangling", "{}"), ("ch 2-6 words", "ch_len", "{:.0%}"), ("ch dup", "ch_dup", "{}"),
        ("topic generic", "t_generic", "{}"), ("topic dup", "t_dup", "{}")]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--show", action="store_true", help="also print every title and quote")
    parser.add_argument("--creator", action="store_true", help="also score the creator chapter titles (reference)")
    args = parser.parse_args()
    files = corpus_files()
    if files is None:
        return 0
    summarizer = make_summarizer("extractive", {})
    rows = [file_row(summarizer, p, args.show) for p in files]
    total = {"file": "**all**"}
    for key in ("titles2", "claims", "q_words", "p_words", "topics", "ch_len"):
        total[key] = sum(r[key] for r in rows) / len(rows)
    for key in ("title_end", "bare", "repeats", "plugs", "q_end", "q_start", "frags", "ch_n", "ch_dangling", "ch_dup", "t_generic", "t_dup"):
        total[key] = sum(r[key] for r in rows)
    print("| " + " | ".join(c[0] for c in COLS) + " |")
    print("|" + "---|" * len(COLS))
    for r in rows + [total]:
        print("| " + " | ".join(fmt.format(r[key]) for _, key, fmt in COLS) + " |")
    print_points(rows, args.show)
    if args.creator:
        creator = [c["title"] for p in files for c in json.loads(p.read_text()).get("chapters") or []]
        print(f"\ncreator chapter titles: {len(creator)}, dangling {sum(map(dangling, creator))}, "
              f"2-6 words {sum(2 <= len(words(t)) <= 6 for t in creator) / max(len(creator), 1):.0%}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
