"""Lexicons the recogniser reads, kept as data files in ``gazetteer/data``:

* ``cue_words.csv`` — words before a name: prepositions, place types, organisation heads,
  person titles and first names;
* ``nationality_adjectives.csv`` — nisba adjectives (سوري) and the country they point to;
* ``name_stats.tsv`` — how often each gazetteer name is really a place in labelled and unlabelled
  news, and ``vocabulary.txt`` — ordinary news words (both built by ``python -m gazetteer.name_stats``).

The CSV tables are read through :func:`gazetteer.tables.load_table` (schemas in ``gazetteer/data/tables.json``).
Everything is normalised on load, so the files keep ordinary Arabic spelling.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from .normalize import normalize
from .tables import load_table

__all__ = ["Lexicon", "NameStats", "load_lexicon", "place_words"]


@dataclass(frozen=True, slots=True)
class NameStats:
    """Counts for one normalised name in labelled news, labelled tweets and unlabelled news."""

    news: int          # candidate occurrences in labelled news (every place annotated)
    news_place: int    # ... of which were gold place entities
    news_person: int   # ... of which overlapped a person name
    news_org: int      # ... of which overlapped an organisation name
    tweets: int        # candidate occurrences in labelled tweets (some places annotated)
    tweets_place: int  # ... of which were gold place spans
    unlabelled: int    # candidate occurrences in unlabelled news
    cued: int          # ... of which followed a locative cue


@dataclass(frozen=True)
class Lexicon:
    """All recogniser lexicons, normalised."""

    cues: dict[str, frozenset[str]]          # kind -> words
    adjectives: dict[str, str]               # normalised nisba stem -> country code
    stats: dict[str, NameStats]
    vocabulary: frozenset[str] = frozenset()  # ordinary news words (never unknown place names)

    def is_cue(self, word: str, kind: str) -> bool:
        """Whether ``word`` (normalised) is a cue of ``kind``."""
        return word in self.cues.get(kind, ())


def _open(name: str, folder: str | None = None):
    if folder is not None:
        return open(Path(folder) / name, encoding="utf-8", newline="")
    return resources.files("gazetteer.data").joinpath(name).open(encoding="utf-8", newline="")


@functools.lru_cache(maxsize=None)
def load_lexicon(with_stats: bool = True, stats_dir: str | None = None) -> Lexicon:
    """Read and normalise every lexicon once per process (the name statistics unless told not to;
    from ``stats_dir`` instead of the package data when given, for cross-validation)."""
    cues: dict[str, set[str]] = {}
    for row in load_table("gazetteer.data", "cue_words.csv"):
        cues.setdefault(row["kind"], set()).add(normalize(row["word"]))
    adjectives: dict[str, str] = {}
    for row in load_table("gazetteer.data", "nationality_adjectives.csv"):
        adjectives.setdefault(normalize(row["adjective"]), row["country_code"])
    stats: dict[str, NameStats] = {}
    try:
        fh = _open("name_stats.tsv", stats_dir) if with_stats else None
    except FileNotFoundError:
        fh = None
    if fh is not None:
        with fh:
            for line in fh:
                if line.startswith("#") or line.startswith("key\t"):
                    continue
                key, *counts = line.rstrip("\n").split("\t")
                stats[key] = NameStats(*map(int, counts))
    vocabulary: set[str] = set()
    try:
        with _open("vocabulary.txt", stats_dir) as fh:
            vocabulary = {line.strip() for line in fh if line.strip() and not line.startswith("#")}
    except FileNotFoundError:
        pass
    return Lexicon({k: frozenset(v) for k, v in cues.items()}, adjectives, stats, frozenset(vocabulary))


#: The cue kinds of the generic words for a kind of place that stand before its name.
PLACE_WORD_KINDS = ("settlement", "place_word")


@functools.lru_cache(maxsize=1)
def place_words() -> frozenset[str]:
    """Generic words for a kind of populated or administrative place (مدينة، بلدة، قرية، محافظة، منطقة …),
    normalised: the one list of them, the cue words of kinds ``settlement`` and ``place_word`` in
    ``cue_words.csv``. ``find()`` takes an unknown word after a ``settlement`` word as a place the
    gazetteer lacks; ``geocode()`` tries a name without the one before it (مدينة حلب، العاصمة دمشق ->
    حلب، دمشق); the index build adds an admin-1 unit's name without it (محافظة حلب -> حلب).

    Made once (from the bundled lexicon, itself read once): the statement stage asks for it ~20 times an
    article, and making it each time cost ~2 µs a call (~2 % of the stage).

    >>> "مدينه" in place_words()
    True
    """
    cues = load_lexicon(with_stats=False).cues
    return frozenset().union(*(cues.get(kind, frozenset()) for kind in PLACE_WORD_KINDS))
