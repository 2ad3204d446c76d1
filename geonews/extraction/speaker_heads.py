"""Derive ``geonews/data/speaker_heads.csv``: the words that begin the speakers reporting cues name in a corpus.

A headline "X: …" says what X says (قرقاش: …، المرصد السوري: …) or names its topic (الحرب في سوريا: …،
احتجاجات البصرة: …). Speakers named after reporting verbs and phrases in running text begin with the words
speakers begin with (المرصد، وزير، مصادر، أردوغان …) and topics almost never do: the speakers component
takes X as the headline's speaker only when its first word begins at least :data:`MINIMUM` such speakers
in the development corpus. Counts only, no text, are written; only the articles' text is read (never a
title), so the table does not depend on what it is used for.

Run ``python -m geonews.extraction.speaker_heads [ARTICLES.jsonl]`` (default: the ANT development articles
in ``../shared/data``) to write the table again.
"""

from __future__ import annotations

import argparse
import collections
import csv
import dataclasses
import sys
from pathlib import Path

from gazetteer import Gazetteer, normalize

__all__ = ["MINIMUM", "count_heads", "main", "write_table"]

#: Speakers a word must begin to be a speaker head.
MINIMUM = 3
#: Marks stripped from a speaker's first word before it is counted.
_MARKS = "\"'«»“”()[]"
_TABLE = Path(__file__).resolve().parent.parent / "data" / "speaker_heads.csv"
_CORPUS = "ANT corpus v2.1 dev"
#: How the speakers component says a speaker was named after its reporting verb or phrase (its explain).
_AFTER = "after the reporting"


def count_heads(articles, gazetteer: Gazetteer) -> tuple[collections.Counter, dict[str, collections.Counter]]:
    """How many sentences' speakers each first word (normal form) begins, and its spellings as written.

    Each sentence counts once; only the articles' text is read (their titles are left out).
    """
    from geonews.extraction.pipeline import Pipeline

    pipeline = Pipeline(gazetteer)
    counts: collections.Counter = collections.Counter()
    spellings: dict[str, collections.Counter] = collections.defaultdict(collections.Counter)
    for article in articles:
        doc = pipeline(dataclasses.replace(article, title=None), trace=True)
        named_after = {d.sentence for d in doc.trace if d.component == "speakers" and d.reason.startswith(_AFTER)}
        for sent in doc.sents:
            if not sent.speaker or sent.index not in named_after:
                continue  # only speakers named after their reporting verb or phrase: the subject before one
                # (X قال) may be any phrase the rules overran (الهجوم الكيميائي الذي اتُّهم …)
            word = sent.speaker.split()[0].strip(_MARKS)
            key = normalize(word)
            if key:
                counts[key] += 1
                spellings[key][word] += 1
    return counts, spellings


def write_table(counts, spellings, path: Path, minimum: int = MINIMUM) -> int:
    """Write the heads begun by at least ``minimum`` speakers, most frequent first; returns the rows written."""
    rows = sorted(((k, n) for k, n in counts.items() if n >= minimum), key=lambda kn: (-kn[1], kn[0]))
    with path.open("w", encoding="utf-8", newline="") as fh:
        out = csv.writer(fh, lineterminator="\n")
        out.writerow(["word", "speakers", "source"])
        for key, n in rows:
            word = spellings[key].most_common(1)[0][0]
            out.writerow([word, n, f"{_CORPUS}: the first word of {n} speakers named after a reporting verb or "
                                   "phrase (python -m geonews.extraction.speaker_heads)"])
    return len(rows)


def main(argv: list[str] | None = None) -> int:
    from geonews.reading.articles import iter_articles

    parser = argparse.ArgumentParser(prog="python -m geonews.extraction.speaker_heads", description=__doc__.split("\n")[0])
    parser.add_argument("articles", nargs="?", type=Path,
                        default=Path(__file__).resolve().parents[2].parent / "shared" / "data" / "ant_conflict_dev.jsonl")
    parser.add_argument("-o", "--output", type=Path, default=_TABLE)
    args = parser.parse_args(argv)
    if not args.articles.is_file():
        print(f"speaker_heads: {args.articles}: no such file", file=sys.stderr)
        return 2
    counts, spellings = count_heads(iter_articles([args.articles]), Gazetteer())
    written = write_table(counts, spellings, args.output)
    print(f"{args.output}: {written} heads of {sum(counts.values())} speakers")
    return 0


if __name__ == "__main__":
    sys.exit(main())
