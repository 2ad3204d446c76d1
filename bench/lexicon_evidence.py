"""Corpus evidence for the lexicon tables: for each row of the word tables of ``geonews/data`` and
``gazetteer/data``, the counts its ``source`` cites, computed again from the development data.

Words are matched as geonews matches its lexicons (:class:`geonews.extraction.matcher.Matcher`): in
normal form, the first word with its clitics (و ف, then ب ل ك ال لل) tried off, a trailing ``*`` on a
one-word entry matching any ending, the other words of a phrase as they are. The corpora (licences in
README.md; only counts are derived, no text is copied):

* ANT corpus v2.1 dev (``ant_conflict_dev.jsonl``, titles and texts of 1,306 articles): occurrences;
* ANERcorp train (``anercorp_train.conll``): occurrences and where they stand against the gold entities
  (right before a LOC entity, inside a PERS or ORG entity, right after a LOC word, in a sentence with a
  LOC entity), chosen by what the row is for;
* IDRISI-D train (``idrisi_d_ar_train.jsonl``): occurrences and how many stand right before a gold place,
  cited only for a word that neither of the others has.

The actors (name and aliases) are counted in ANT; the abbreviations as written, in any case, in the ANT
texts. The other tables (styles, curated places and aliases) and the nationality adjectives cite
references, not counts: they are listed, marked ``.``.

Each row is printed with its evidence and a mark: ``=`` its source is that evidence (or says "no
occurrence in" the corpora, and they have none), ``!`` its source cites counts that are not these (a
stale or wrong count, or an occurrence where it says there is none), ``+`` its source is empty (``--fill`` writes
the evidence in), ``.`` its source is of another kind (a reference, a registry) and the evidence is
shown only for information. ``--check`` exits 1 when a row is marked ``!`` or ``+``.

Run: ``.venv/bin/python bench/lexicon_evidence.py [--data ../shared/data] [--table NAME ...] [--fill] [--check]``.
"""

from __future__ import annotations

import argparse
import bisect
import csv
import io
import json
import re
import sys
from collections import Counter
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from gazetteer.morphology import word_forms
from gazetteer import normalize  # noqa: E402
from gazetteer.name_stats import read_conll  # noqa: E402
from gazetteer.tables import schemas  # noqa: E402
from geonews.extraction.tokens import tokenize  # noqa: E402

ANT = "ANT corpus v2.1 dev"
ANER = "ANERcorp train"
IDRISI = "IDRISI-D train"
CORPORA = (ANT, ANER, IDRISI)

#: What a row's ANERcorp count is about, by (package, table, kind); the default is ``loc_sentence``.
CONTEXTS = {
    ("gazetteer.data", "cue_words.csv", "preposition"): "before_loc",
    ("gazetteer.data", "cue_words.csv", "weak_preposition"): "before_loc",
    ("gazetteer.data", "cue_words.csv", "place_type"): "before_loc",
    ("gazetteer.data", "cue_words.csv", "local_type"): "before_loc",
    ("gazetteer.data", "cue_words.csv", "settlement"): "before_loc",
    ("gazetteer.data", "cue_words.csv", "person_title"): "before_pers",
    ("gazetteer.data", "cue_words.csv", "person_first_name"): "in_pers",
    ("gazetteer.data", "cue_words.csv", "org_head"): "in_org",
    ("gazetteer.data", "cue_words.csv", "epithet"): "after_loc",
    ("geonews.data", "relations.csv", None): "before_loc",
    ("geonews.data", "speech.csv", "locative"): "before_loc",
    ("geonews.data", "speech.csv", "place_word"): "before_loc",
}
CONTEXT_WORDS = {
    "before_loc": "right before a LOC entity",
    "before_pers": "right before a PERS entity",
    "in_pers": "inside a PERS entity",
    "in_org": "inside an ORG entity",
    "after_loc": "right after a LOC word",
    "loc_sentence": "in sentences with a LOC entity",
}
#: The column that holds a table's words, for the word tables (others have no corpus evidence).
WORD_COLUMNS = {
    ("gazetteer.data", "cue_words.csv"): "word",
    ("gazetteer.data", "nationality_adjectives.csv"): "adjective",
    ("geonews.data", "actor_adjectives.csv"): "word",
    ("geonews.data", "claim_cues.csv"): "cue",
    ("geonews.data", "claim_negators.csv"): "word",
    ("geonews.data", "relations.csv"): "cue",
    ("geonews.data", "reporting.csv"): "cue",
    ("geonews.data", "speech.csv"): "word",
    ("geonews.data", "units.csv"): "word",
}
#: What a source says of a row that none of the corpora has (or, for an abbreviation, ANT).
NO_OCCURRENCE = "no occurrence in"
_COUNTS = re.compile(rf"^(?:{'|'.join(map(re.escape, CORPORA))}):")


@dataclass
class Corpus:
    """Normal forms of a corpus's words in order (``None`` between sentences), with per-word facts."""

    norms: list = field(default_factory=list)
    tags: list = field(default_factory=list)        # ANERcorp: the gold tag of each word
    unit_has_loc: list = field(default_factory=list)  # per word: its sentence has a LOC entity
    before_place: list = field(default_factory=list)  # IDRISI-D: the next word starts a gold place
    texts: list = field(default_factory=list)  # ANT: the texts as written (for abbreviations)
    _positions: dict = field(default_factory=dict)
    _forms: dict = field(default_factory=dict)
    _sorted_forms: list = field(default_factory=list)

    def add(self, norms, tags=None, has_loc=False, before_place=None) -> None:
        self.norms.extend(norms)
        self.tags.extend(tags or ["O"] * len(norms))
        self.unit_has_loc.extend([has_loc] * len(norms))
        self.before_place.extend(before_place or [False] * len(norms))
        self.norms.append(None)
        self.tags.append("O")
        self.unit_has_loc.append(False)
        self.before_place.append(False)

    def index(self) -> None:
        for i, norm in enumerate(self.norms):
            if norm is not None:
                self._positions.setdefault(norm, []).append(i)
        for norm in self._positions:
            for f in word_forms(norm):
                self._forms.setdefault(f, set()).add(norm)
        self._sorted_forms = sorted(self._forms)

    def find(self, phrase: str) -> list[tuple[int, int]]:
        """(position, number of words) of every occurrence of a lexicon entry."""
        words = tuple(normalize(w) for w in phrase.replace("*", " *").split() if w != "*")
        if not words or not all(words):
            return []
        if phrase.endswith("*") and len(words) == 1:
            stem, firsts = words[0], set()
            for k in range(bisect.bisect_left(self._sorted_forms, stem), len(self._sorted_forms)):
                f = self._sorted_forms[k]
                if not f.startswith(stem):
                    break
                firsts |= self._forms[f]
        else:
            firsts = self._forms.get(words[0], set())
        n, rest = len(words), list(words[1:])
        out = []
        for norm in firsts:
            for p in self._positions[norm]:
                if n == 1 or self.norms[p + 1:p + n] == rest:
                    out.append((p, n))
        return sorted(out)


def _occurrences(n: int) -> str:
    return f"{n:,} occurrence" + ("" if n == 1 else "s")


def _norm(word: str) -> str:
    return normalize(word) or word


def load_corpora(data: Path) -> dict[str, Corpus]:
    ant, aner, idrisi = Corpus(), Corpus(), Corpus()
    with open(data / "ant_conflict_dev.jsonl", encoding="utf-8") as fh:
        for line in fh:
            article = json.loads(line)
            for text in (article.get("title") or "", article.get("text") or ""):
                ant.add([t.norm for t in tokenize(text)])
                ant.texts.append(text)
    for tokens, tags in read_conll(data / "anercorp_train.conll"):
        aner.add([_norm(t) for t in tokens], tags, has_loc=any(t.endswith("LOC") for t in tags))
    with open(data / "idrisi_d_ar_train.jsonl", encoding="utf-8") as fh:
        for line in fh:
            tweet = json.loads(line)
            tokens = tokenize(tweet["text"])
            starts = sorted(m["start"] for m in tweet.get("mentions", ()))
            place_at = [any(t.start <= s < t.end for s in starts) for t in tokens]
            idrisi.add([t.norm for t in tokens], before_place=[*place_at[1:], False])
    for corpus in (ant, aner, idrisi):
        corpus.index()
    return {ANT: ant, ANER: aner, IDRISI: idrisi}


def _in_context(corpus: Corpus, context: str, p: int, n: int) -> bool:
    tags = corpus.tags
    if context == "before_loc":
        return tags[p + n] == "B-LOC"
    if context == "before_pers":
        return tags[p + n] == "B-PERS"
    if context == "in_pers":
        return tags[p].endswith("PERS")
    if context == "in_org":
        return tags[p].endswith("ORG")
    if context == "after_loc":
        return p > 0 and tags[p - 1].endswith("LOC")
    return corpus.unit_has_loc[p]


def evidence(corpora: dict[str, Corpus], phrases: list[str], context: str) -> tuple[str | None, dict]:
    """The source text the counts of ``phrases`` (a row's entries) give, and the counts."""
    hits = {name: [h for phrase in phrases for h in corpus.find(phrase)] for name, corpus in corpora.items()}
    ant = len(hits[ANT])
    aner = len(hits[ANER])
    aner_in = sum(_in_context(corpora[ANER], context, p, n) for p, n in hits[ANER])
    counts = {"ant": ant, "anercorp": aner, "anercorp_" + context: aner_in, "idrisi": len(hits[IDRISI])}
    parts = []
    if context != "loc_sentence":  # the ANERcorp figure says what the row is for: it comes first
        if aner:
            parts.append(f"{ANER}: {CONTEXT_WORDS[context]} in {aner_in:,} of {_occurrences(aner)}")
        if ant:
            parts.append(f"{ANT}: {_occurrences(ant)}")
    else:
        if ant:
            parts.append(f"{ANT}: {_occurrences(ant)}")
        if aner:
            parts.append(f"{ANER}: {_occurrences(aner)}, {aner_in:,} {CONTEXT_WORDS[context]}")
    if not parts and hits[IDRISI]:
        before = sum(corpora[IDRISI].before_place[p + n - 1] for p, n in hits[IDRISI])
        parts.append(f"{IDRISI}: {_occurrences(len(hits[IDRISI]))}, {before:,} right before a gold place")
    return ("; ".join(parts) or None), counts


def _actor_evidence(corpora, row) -> tuple[str | None, dict]:
    names = [n for n in [row["name_ar"], *row["aliases_ar"].split("|")] if n.strip()]
    found = {n: len(corpora[ANT].find(n)) for n in names}
    total = sum(found.values())
    if not total:
        return None, found
    missing = [n for n, k in found.items() if not k]
    aliases = len(names) - 1
    text = f"{ANT}: {_occurrences(total)} of the name"
    if aliases:
        text += f" and its {aliases} alias{'es' if aliases > 1 else ''}"
        text += f" (none of {', '.join(missing)})" if missing else f" ({'each' if aliases > 1 else 'it'} found)"
    return text, found


def _abbreviation_evidence(corpora, row) -> tuple[str | None, dict]:
    """Occurrences in ANT of the abbreviation as written (any case), at the start of a word."""
    pattern = re.compile(r"(?<![^\s(«\"])" + re.escape(row["word"]), re.IGNORECASE)
    n = sum(len(pattern.findall(text)) for text in corpora[ANT].texts)
    return (f"{ANT}: {_occurrences(n)}" if n else None), {"ant": n}


def row_evidence(corpora, package: str, table: str, row: dict) -> tuple[str | None, dict]:
    if (package, table) == ("geonews.data", "actors.csv"):
        return _actor_evidence(corpora, row)
    if (package, table) == ("geonews.data", "abbreviations.csv"):
        return _abbreviation_evidence(corpora, row)
    column = WORD_COLUMNS.get((package, table))
    if column is None:
        return None, {}
    kind = row.get("kind") or row.get("position")
    context = CONTEXTS.get((package, table, kind)) or CONTEXTS.get((package, table, None)) or "loc_sentence"
    return evidence(corpora, [row[column]], context)


def _read(package: str, table: str) -> tuple[Path, list[str], list[list[str]]]:
    path = Path(str(resources.files(package).joinpath(table)))
    with open(path, encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh))
    return path, rows[0], rows[1:]


def _write(path: Path, header: list[str], rows: list[list[str]]) -> None:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    path.write_text(out.getvalue(), encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    parser.add_argument("--table", action="append", help="only this table (a file name), repeatable")
    parser.add_argument("--fill", action="store_true", help="write the evidence into empty sources")
    parser.add_argument("--check", action="store_true", help="exit 1 when a cited count differs or a source is empty")
    args = parser.parse_args(argv)
    if not (args.data / "ant_conflict_dev.jsonl").exists():
        print(f"lexicon_evidence: no development data in {args.data}", file=sys.stderr)
        return 2
    corpora = load_corpora(args.data)
    marks: Counter = Counter()
    for package in ("gazetteer.data", "geonews.data"):
        for table in schemas(package):
            if args.table and table not in args.table:
                continue
            path, header, rows = _read(package, table)
            source_at, changed = header.index("source"), False
            for line, cells in enumerate(rows, start=2):
                row = dict(zip(header, cells))
                text, counts = row_evidence(corpora, package, table, row)
                source = row.get("source", "")
                if not source:
                    mark = "+"
                    if args.fill and text:
                        cells[source_at], changed = text, True
                elif _COUNTS.match(source):
                    mark = "=" if source == text else "!"
                elif NO_OCCURRENCE in source:  # the source says the corpora do not have it
                    mark = "=" if text is None else "!"
                else:
                    mark = "."
                marks[mark] += 1
                key = " ".join(row[c] for c in schemas(package)[table].key)
                shown = text or ("no corpus evidence" if WORD_COLUMNS.get((package, table)) or
                                 table in ("actors.csv", "abbreviations.csv") else "-")
                print(f"{mark} {package}/{table}:{line}\t{key}\t{shown}\t{json.dumps(counts, ensure_ascii=False)}")
            if changed:
                _write(path, header, rows)
    print(f"rows: {sum(marks.values())}; " + ", ".join(f"{m} {marks[m]}" for m in "=!+."), file=sys.stderr)
    return 1 if args.check and (marks["!"] or marks["+"]) else 0


if __name__ == "__main__":
    raise SystemExit(main())
