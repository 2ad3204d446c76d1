"""Derive ``gazetteer/data/name_stats.tsv``: for every gazetteer name found as a candidate in
real text, how often it was a place.

Labelled text: ANERcorp train (CoNLL, LOC/PERS/ORG tags) and IDRISI-D train (tweets with gold place
spans). Unlabelled text: the ANT news articles, where a name's share of occurrences right after a
locative cue (في، إلى، مدينة …) separates place names from common words. Only counts are
written, never text. Run: ``python -m gazetteer.name_stats --data ../shared/data``.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter, defaultdict
from pathlib import Path

from .candidates import WORD
from .gazetteer import Gazetteer
from .morphology import NAME_CLITICS, split_clitic
from .normalize import fold_chars
from .lexicon import load_lexicon
from .recognize import MIN_COUNT, Recognizer

__all__ = ["read_conll", "main"]

OUTPUT = Path(__file__).parent / "data" / "name_stats.tsv"
VOCABULARY = Path(__file__).parent / "data" / "vocabulary.txt"
#: A word seen this often in the news text, and not mostly as a place, is ordinary vocabulary.
VOCABULARY_MIN_COUNT = 3
#: A gazetteer name whose bare occurrences in unlabelled news follow a place cue this often is a place.
VOCABULARY_PLACE_CUE_RATE = 0.25
VOCABULARY_HEADER = """\
# Ordinary Arabic news vocabulary: normalised words seen at least 3 times in ANERcorp train
# (CC BY-SA 4.0 split; free for research) and the ANT corpus v2.1 articles (Apache-2.0), except
# words that ANERcorp tags as a one-word place in at least half of their occurrences there, and
# gazetteer names whose bare ANT occurrences follow a place-type word or locative cue at least as
# often as a place name's do (name_stats.tsv: cued twice at least, and in a quarter). A word
# after a place-type cue (مدينة، بلدة …) that is not in this list and not in the gazetteer is taken
# as an unknown place name. Words only, no text. Built by `python -m gazetteer.name_stats`.
"""
HEADER = """\
# Gazetteer names as candidates in real Arabic text, and how often they were places.
# news/news_place/news_person/news_org: ANERcorp train (Benajiba 2007, CAMeL Lab split,
#   CC BY-SA 4.0; free for research); news_place = the candidate's whitespace tokens equal a gold LOC
#   entity; news_person/news_org = they overlap a gold PERS/ORG entity.
# tweets/tweets_place: IDRISI-D train (Suwaileh et al., CC BY 4.0), where only some place mentions
#   are annotated; tweets_place = the candidate ends where a gold place span ends.
# unlabelled/cued: ANT corpus v2.1 articles (Chouigui et al., Apache-2.0), bare occurrences only (no
#   ب ل ك clitic); cued = right after a place-type word or a locative cue from cue_words.csv other than
#   the prepositions that stand before any noun (في، من، إلى … kind weak_preposition).
# Counts only; no text of these corpora is kept. Built by `python -m gazetteer.name_stats`.
key\tnews\tnews_place\tnews_person\tnews_org\ttweets\ttweets_place\tunlabelled\tcued
"""


def read_conll(path: Path):
    """Yield sentences as (tokens, tags)."""
    tokens, tags = [], []
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            parts = line.split()
            if not parts:
                if tokens:
                    yield tokens, tags
                tokens, tags = [], []
                continue
            tokens.append(parts[0])
            tags.append(parts[-1] if len(parts) > 1 else "O")
    if tokens:
        yield tokens, tags


def entities(tags: list[str], kind: str) -> set[tuple[int, int]]:
    """Token ranges [i, j) of the entities of one kind (BIO)."""
    out, start = set(), None
    for i, tag in enumerate([*tags, "O"]):
        if start is not None and tag != f"I-{kind}":
            out.add((start, i))
            start = None
        if tag == f"B-{kind}" or (tag == f"I-{kind}" and start is None):
            start = i
    return out


def token_range(offsets: list[tuple[int, int]], start: int, end: int) -> tuple[int, int]:
    """Whitespace tokens a character span overlaps."""
    idx = [i for i, (s, e) in enumerate(offsets) if s < end and e > start]
    return (idx[0], idx[-1] + 1) if idx else (0, 0)


def _name_row(word: str, counts: dict[str, list[int]]) -> list[int] | None:
    """The counts of the gazetteer name a word is, as written or with a proclitic split off (وتلبيسه is
    و + تلبيسه), or ``None``."""
    row = counts.get(word)
    if row is not None:
        return row
    for clitic in NAME_CLITICS[:-1]:
        if word.startswith(clitic) and len(word) - len(clitic) >= 3:
            row = counts.get(split_clitic(word, clitic))
            if row is not None:
                return row
    return None


def _mostly_place(one_word_places: int, labelled: int, row: list[int] | None) -> bool:
    """Whether a word's evidence says it is mostly a place name: ANERcorp tags it as a one-word place
    in at least half of its occurrences there, or, as a gazetteer name, its bare occurrences in
    the unlabelled news stand after a place-type word or locative cue as often as a place name's do
    (twice at least, and in a quarter of them: a count of three or four says little). Its count in unlabelled news alone says nothing: a town the news names every
    day (تكريت) is frequent, not ordinary."""
    if labelled and one_word_places * 2 >= labelled:
        return True
    if row is None or row[6] < MIN_COUNT or row[7] < 2:
        return False
    return row[7] / row[6] >= VOCABULARY_PLACE_CUE_RATE


def main(argv: list[str] | None = None) -> int:
    """Count and write the table."""
    parser = argparse.ArgumentParser(prog="python -m gazetteer.name_stats", description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=Path("../shared/data"))
    parser.add_argument("-o", "--output", type=Path, default=OUTPUT)
    args = parser.parse_args(argv)
    recognizer = Recognizer(Gazetteer(), load_lexicon(with_stats=False))
    finder = recognizer.finder
    counts: dict[str, list[int]] = defaultdict(lambda: [0] * 8)
    words: Counter[str] = Counter()
    labelled_words: Counter[str] = Counter()  # ANERcorp occurrences, the only ones with place tags
    one_word_places: Counter[str] = Counter()

    for tokens, tags in read_conll(args.data / "anercorp_train.conll"):
        text, offsets, pos = "", [], 0
        for tok in tokens:
            offsets.append((pos, pos + len(tok)))
            pos += len(tok) + 1
        text = " ".join(tokens)
        loc, per, org = entities(tags, "LOC"), entities(tags, "PERS"), entities(tags, "ORG")
        folded = [fold_chars(t) for t in tokens]
        words.update(folded)
        labelled_words.update(folded)
        one_word_places.update(folded[i] for i, j in loc if j == i + 1)  # الشرق of الشرق الأوسط is no place
        _, cands, _ = finder.find(text)
        for cand in cands:
            rng = token_range(offsets, cand.start, cand.end)
            row = counts[cand.key]
            row[0] += 1
            row[1] += rng in loc
            row[2] += any(s < rng[1] and rng[0] < e for s, e in per)
            row[3] += any(s < rng[1] and rng[0] < e for s, e in org)

    with open(args.data / "idrisi_d_ar_train.jsonl", encoding="utf-8") as fh:
        for line in fh:
            tweet = json.loads(line)
            gold = [(m["start"], m["end"]) for m in tweet["mentions"]]
            _, cands, to_original = finder.find(tweet["text"])
            for cand in cands:
                if cand.in_hashtag:
                    continue
                s, e = to_original(cand.word_start), to_original(cand.end - 1) + 1
                row = counts[cand.key]
                row[4] += 1
                row[5] += any(ge == e and gs <= s < ge for gs, ge in gold)

    with open(args.data / "ant_conflict_dev.jsonl", encoding="utf-8") as fh:
        for line in fh:
            article = json.loads(line)
            text = "\n".join(filter(None, (article.get("title"), article.get("text"))))
            words.update(WORD.findall(fold_chars(text)))
            _, cands, _ = finder.find(text)
            for cand in cands:
                # Only bare occurrences (or after و ف) count: a name met only as ب/ل + stem (برية) is
                # not evidence for the stem, and a preposition clitic is not a cue for itself.
                if cand.in_hashtag or cand.clitic not in ("", "و", "ف"):
                    continue
                row = counts[cand.key]
                row[6] += 1
                cue = recognizer._place_type(cand) or recognizer._locative(cand)  # noqa: SLF001
                row[7] += bool(cue) and not recognizer.lexicon.is_cue(cue, "weak_preposition")

    kept = {k: v for k, v in counts.items() if v[0] >= 1 or v[4] >= 1 or v[6] >= 3}
    tmp = args.output.with_suffix(".tmp")
    with open(tmp, "w", encoding="utf-8") as out:
        out.write(HEADER)
        for key in sorted(kept):
            out.write(key + "\t" + "\t".join(map(str, kept[key])) + "\n")
    tmp.replace(args.output)
    print(f"wrote {args.output}: {len(kept)} names", file=sys.stderr)
    vocabulary = sorted(w for w, n in words.items()
                        if n >= VOCABULARY_MIN_COUNT and WORD.fullmatch(w)
                        and not _mostly_place(one_word_places[w], labelled_words[w], _name_row(w, counts)))
    path = args.output.with_name(VOCABULARY.name)
    tmp = path.with_suffix(".tmp")
    tmp.write_text(VOCABULARY_HEADER + "\n".join(vocabulary) + "\n", encoding="utf-8")
    tmp.replace(path)
    print(f"wrote {path}: {len(vocabulary)} words", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
