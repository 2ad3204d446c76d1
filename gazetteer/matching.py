"""Which places a name written by a user may mean: the candidate rows of one query, each with the penalty
of how it matched (exact, normalised, a variant, a fuzzy spelling variant, a cross-script match).

A query is cleaned as ``find()`` reads text: ``#`` and quotes around it dropped, the ``_`` of a hashtag a
space. Then, each step tried only when the ones before found nothing:

1. **exact** (the spelling of a source) and **normalised** (:func:`~gazetteer.normalize.normalize`); a
   shadda in the query is a signal that normalisation would drop: عمّان matches the places spelt with it
   (Amman) before those spelt without (عُمان, Oman); a place that has the name only in a Persian or Urdu
   spelling ranks below those that have it in Arabic letters (:data:`PERSIAN_ONLY`);
2. **variants** — what ``find()`` splits off a name: proclitics and their combinations (وبحلب، للرقة،
   فبالموصل; not off a word that is ordinary vocabulary as written: بنوك is banks, not ب + نوك), a generic
   place word before the name (مدينة، محافظة، بلدة …: :func:`gazetteer.lexicon.place_words`), the article
   added or dropped, the spaces of a name written joined (ديرالزور);
3. **fuzzy** — rapidfuzz proposes names one or two edits away; one is accepted only when every edit is
   Arabic spelling variation (:mod:`gazetteer.spelling`), never an edit of the first letter, never onto a
   village (:data:`MIN_FUZZY_POPULATION`);
4. **cross-script** — a name no Arabic source has, through its Latin names (:mod:`gazetteer.crossscript`).

Each later step ranks below every match of an earlier one, whatever the places' priors.
"""

from __future__ import annotations

import re

from .morphology import NAME_CLITICS, split_clitic
from .normalize import PERSIAN_LETTERS, is_arabic, latin_key, normalize
from .spelling import latin_spelling_distance, max_edits, spelling_distance

__all__ = ["EXACT", "NORMALISED", "VARIANT", "FUZZY", "CROSS_SCRIPT", "NameMatcher", "clean_query"]

#: Penalties of the match steps, subtracted from a place's prior. Exact and normalised spellings differ
#: only by orthographic noise (hamza, ة/ه), so the penalty between them is one order of magnitude of
#: population; every later step ranks below all of the earlier ones.
EXACT, NORMALISED, VARIANT, FUZZY, CROSS_SCRIPT = 0.0, 1.0, 100.0, 200.0, 300.0
#: A normalised match that lacks the shadda the query has (عمّان against عُمان): below every match with it.
SHADDA_MISSING = 5.0
#: A name written in Arabic letters that a place has only in a Persian or Urdu spelling (with پ چ ژ گ, Persian
#: kaf or yeh …, :data:`~gazetteer.normalize.PERSIAN_LETTERS`): below every place that has it in Arabic letters,
#: in the same step (so a much larger place spelt so still makes the name ambiguous).
PERSIAN_ONLY = 5.0
#: Each fuzzy edit past the first costs this much more.
FUZZY_EDIT = 20.0
#: Fuzzy proposals looked at per query.
_PROPOSALS = 40
#: Names shorter than this are never matched fuzzily: one edit turns a short name into another ...
MIN_FUZZY_LETTERS = 5
#: ... and names shorter than this only by a letter doubled or undoubled (منبجج): in five letters a long vowel
#: put in or left out makes another name as often as it spells the same one (وارود is not Warud).
MIN_VOWEL_EDIT_LETTERS = 6
#: A populated place smaller than this (or of unknown size) is never matched fuzzily.
MIN_FUZZY_POPULATION = 1000
_STRONG_FEATURES = frozenset({"continent", "region", "country", "water", "landmark", "terrain"})
_LARGE_CITY = 200_000
#: The member states of the League of Arab States (ISO 3166-1 alpha-2): where place names are Arabic words,
#: which news writes with proclitics whatever their size (بالجهراء، والفحيحيل); a foreign name written in
#: Arabic letters may begin with what looks like one (بالتا is Balta, not ب + التا, Alta in Norway).
ARAB_LEAGUE = frozenset("DZ BH KM DJ EG IQ JO KW LB LY MR MA OM PS QA SA SO SD SY TN AE YE".split())
#: A town of an Arab League state this large (or an admin-1 or admin-2 unit of one) is split off a proclitic.
ARAB_TOWN = 10_000

#: Names whose cross-script places are remembered (a batch geocodes the same names again and again).
_MEMO_SIZE = 20_000

_SHADDA = "\u0651"
_SHADDA_MARK = "\ue000"  # a private-use stand-in that normalisation keeps
_EDGES = "#@«»\"'`“”‘’„‹›()[]{}.,:;؛!?؟*-–—…\u060c "
_SPACES = re.compile(r"\s+")


def clean_query(text: str) -> str:
    """A query as ``find()`` would read the name: quotes, ``#`` and punctuation around it dropped, the
    underscores of a hashtag as spaces (``#دير_الزور`` -> ``دير الزور``)."""
    text = text.strip().strip(_EDGES)
    if "_" in text or "#" in text:
        text = text.replace("_", " ").replace("#", "")
    return _SPACES.sub(" ", text).strip()


def _shadda_form(text: str) -> str:
    return normalize(text.replace(_SHADDA, _SHADDA_MARK))


class NameMatcher:
    """The candidate rows of a name in one index, with their match penalties."""

    def __init__(self, index, place_words=None, vocabulary=None) -> None:
        """``place_words`` and ``vocabulary`` (normalised words) default to the bundled lexicons, read on
        first use."""
        self.index = index
        self._place_words = place_words
        self._vocabulary = vocabulary
        self._cross = None
        self._sounds: dict[tuple, dict[int, float]] = {}  # (name, min_prior) -> sounds(), remembered
        self._stats = None
        self._side_words = None

    # -- lexicons, read on first use --------------------------------------------------------------
    def _in_news(self, key: str) -> bool:
        """Whether a name was met as a place in the labelled news or tweets, or after a locative cue in
        unlabelled news (``name_stats.tsv``)."""
        if self._stats is None:
            from .lexicon import load_lexicon

            self._stats = load_lexicon().stats
        st = self._stats.get(key)
        return st is not None and (st.news_place + st.tweets_place + st.cued) > 0

    def _sides(self) -> frozenset[str]:
        """The prepositions of ``cue_words.csv`` (شمال، جنوب غربي، قرب، في …), normalised: ``find()`` reads a
        name after one (شمال حفر الباطن) as the cue and the name."""
        if self._side_words is None:
            from .lexicon import load_lexicon

            self._side_words = frozenset(load_lexicon(with_stats=False).cues.get("preposition", ()))
        return self._side_words

    def _lexicon_words(self) -> tuple[frozenset[str], frozenset[str]]:
        if self._place_words is None or self._vocabulary is None:
            from .lexicon import load_lexicon, place_words

            self._place_words = frozenset(place_words()) if self._place_words is None else self._place_words
            if self._vocabulary is None:
                self._vocabulary = load_lexicon(with_stats=False).vocabulary
        return self._place_words, self._vocabulary

    # -- the steps --------------------------------------------------------------------------------
    def match(self, name: str, strict: bool = False) -> dict[int, float]:
        """Row -> penalty for a cleaned name (see :func:`clean_query`), empty when nothing matches; with
        ``strict``, only its own spellings and their variants (no fuzzy or cross-script match)."""
        if is_arabic(name):
            return self._arabic(name, strict)
        return self._latin(name, strict)

    def _arabic(self, name: str, strict: bool = False) -> dict[int, float]:
        index = self.index
        key = normalize(name)
        found: dict[int, float] = {}
        rows = index.rows_ar(key)
        if rows:
            with_shadda = _shadda_form(name) if _SHADDA in name else None
            arabic_letters = PERSIAN_LETTERS.isdisjoint(name)
            for row in rows:
                raw = index.raw_ar[row]
                spellings = raw.split("|")
                if with_shadda is not None:
                    found[row] = EXACT if any(_shadda_form(s) == with_shadda for s in spellings) else SHADDA_MISSING
                else:
                    found[row] = EXACT if name in spellings else NORMALISED
                if (arabic_letters and not PERSIAN_LETTERS.isdisjoint(raw) and name not in spellings
                        and not any(PERSIAN_LETTERS.isdisjoint(s) and normalize(s) == key for s in spellings)):
                    found[row] += PERSIAN_ONLY  # بيج is Page, spelt so, before Pécs, spelt پیچ
            if with_shadda is not None and all(p == SHADDA_MISSING for p in found.values()):
                found = dict.fromkeys(found, NORMALISED)  # no place has the shadda: it tells nothing
            return found
        split, stripped = self._stems(key)
        stems = split + stripped
        # أل، إل written with a hamza begin a foreign name (إلكنز is Elkins, ألبايون Albion): no article to drop
        own = [] if name.startswith(("أل", "إل")) else [key]
        for variant in stems + [v for stem in [*own, *stems] for v in _article_variants(stem)]:
            _add(found, index.rows_ar(variant), VARIANT)
        for stem in stems:
            _add(found, index.ar_nospace.get(stem.replace(" ", ""), ()), VARIANT)
        if found or strict or self._ordinary(key):
            return found  # a spelling variant of an ordinary word (بنوك، الطرف الشرقي) is no name
        for stem in [key, *stripped]:
            for row, edits in self._fuzzy(stem):
                _add(found, (row,), FUZZY + FUZZY_EDIT * (edits - 1))
        if found:
            return found
        _add(found, self._cross_script().rows(key, name), CROSS_SCRIPT)
        return found

    def _cross_script(self):
        from .crossscript import CrossScript

        if self._cross is None:
            self._cross = CrossScript(self.index)
        return self._cross

    def arabic_named(self, row: int) -> bool:
        """Whether a place is a town of an Arab League state with a name in Arabic letters
        (:meth:`gazetteer.crossscript.CrossScript.arabic_named`)."""
        return self._cross_script().arabic_named(row)

    def sounds(self, name: str, min_prior: float | None = None) -> dict[int, float]:
        """The places a cleaned Arabic name transliterates through their own Latin names, with their scores
        (:meth:`gazetteer.crossscript.CrossScript.sounds`; those of a prior of ``min_prior`` or more when
        given); ``{}`` for a Latin name."""
        if not is_arabic(name):
            return {}
        memo = self._sounds
        found = memo.get((name, min_prior))
        if found is None:
            if len(memo) > _MEMO_SIZE:  # queries are free text: bounded, so a long run's memory stays flat
                memo.clear()
            found = memo[(name, min_prior)] = self._cross_script().sounds(normalize(name), name, min_prior)
        return found

    def _ordinary(self, key: str) -> bool:
        """Whether every word of a name is ordinary news vocabulary."""
        _, vocabulary = self._lexicon_words()
        return all(word in vocabulary for word in key.split())

    def _stems(self, key: str) -> tuple[list[str], list[str]]:
        """The name with what find() splits off it, the name itself not among them: (with a proclitic split
        off its first word — looked up only as spelt —, with a generic place word before it dropped, after
        a proclitic or not: مدينة حلب، بمدينة حلب -> حلب)."""
        place_words, vocabulary = self._lexicon_words()
        first, _, rest = key.partition(" ")
        split: list[str] = []
        stripped: list[str] = [rest] if first in place_words and rest else []
        if rest:  # a preposition before a name, of one word or two (شمال حفر الباطن، شمال غرب حلب), when
            # what stays is no ordinary word (وسط البلد is downtown, not the middle of Balad, Iraq)
            second, _, after = rest.partition(" ")
            sides = self._sides()
            name = after if after and f"{first} {second}" in sides else rest if first in sides else ""
            if name and not all(word in vocabulary for word in name.split()):
                stripped.append(name)
        for clitic in NAME_CLITICS[:-1]:
            if first.startswith(clitic) and len(first) - len(clitic) >= 3:
                head = split_clitic(first, clitic)
                if head in place_words:
                    if rest:
                        stripped.append(rest)
                elif rest or (self._strong(head) and (first not in vocabulary or self._in_news(head))) or (
                        first not in vocabulary and self._arab_town(head)):
                    # one word is split when what stays is a name a bare word means (وبحلب، للرقة; بالتا is
                    # no ب + التا) or a town of an Arab country (بالجهراء، بمأدبا), and an ordinary word only
                    # when that name is met in news (والاردن is و + الاردن; بنوك is banks, not ب + نوك)
                    split.append(f"{head} {rest}" if rest else head)

        def keep(stems):
            return [s for s in dict.fromkeys(stems) if s != key and len(s) >= 2]

        return keep(split), keep(stripped)

    def _strong(self, key: str) -> bool:
        """Whether a name has a reading a bare word means whatever else it is: a country, a region, a
        capital, a large city (والاردن is و + الاردن though it is a common word)."""
        index = self.index
        return any(index.feature_name(r) in _STRONG_FEATURES or bool(index.capital[r])
                   or int(index.population[r]) >= _LARGE_CITY for r in self._readings(key))

    def _arab_town(self, key: str) -> bool:
        """Whether a name has a reading that is a town of ARAB_TOWN people or more, or an admin-1 or admin-2
        unit, in an Arab League state (:data:`ARAB_LEAGUE`)."""
        index = self.index
        return any(index.country_code(r) in ARAB_LEAGUE and (
            index.feature_name(r) in ("admin1", "admin2") or int(index.population[r]) >= ARAB_TOWN)
            for r in self._readings(key))

    def _readings(self, key: str) -> tuple[int, ...]:
        """The rows of a name as spelt, else of the name written with its spaces dropped (حفرالباطن)."""
        return self.index.rows_ar(key) or self.index.ar_nospace.get(key.replace(" ", ""), ())

    def _fuzzy(self, key: str) -> list[tuple[int, int]]:
        """(row, edits) of the names a spelling variant away, fewest edits first."""
        if len(key.replace(" ", "")) < MIN_FUZZY_LETTERS:
            return []
        from rapidfuzz import process
        from rapidfuzz.distance import Levenshtein

        limit = max_edits(key)
        proposals = process.extract(key, self.index.ar_keys, scorer=Levenshtein.distance, score_cutoff=limit,
                                    limit=_PROPOSALS)
        accepted = []
        short = len(key.replace(" ", "")) < MIN_VOWEL_EDIT_LETTERS
        for choice, _, _ in proposals:
            if short and not _doubled(key, choice):
                continue
            edits = spelling_distance(key, choice, min(limit, max_edits(choice)))
            if edits is not None and edits > 0:
                accepted.extend((row, edits) for row in self.index.rows_ar(choice) if self._fuzzy_target(row))
        return sorted(accepted, key=lambda pair: pair[1])

    def _fuzzy_target(self, row: int) -> bool:
        """Whether a place may be reached by a fuzzy match: not a village (a populated place under
        :data:`MIN_FUZZY_POPULATION` people, or of unknown size), whose Arabic name is weak evidence and one
        edit away from many others (أوزوكي is not Ozawkie, Kansas, of 633 people)."""
        index = self.index
        return index.feature_name(row) != "city" or int(index.population[row]) >= MIN_FUZZY_POPULATION

    def _latin(self, name: str, strict: bool = False) -> dict[int, float]:
        index = self.index
        key = latin_key(name)
        found: dict[int, float] = {}
        if not key:
            return found
        for row in index.rows_latin(key):
            found[row] = EXACT if index.names[row] == name else NORMALISED
        if found:
            return found
        for variant in _latin_variants(key):
            _add(found, index.rows_latin(variant), VARIANT)
        if found or strict or len(key.replace(" ", "")) < 4:
            return found
        from rapidfuzz import process
        from rapidfuzz.distance import Levenshtein

        limit = max_edits(key)
        for choice, _, _ in process.extract(key, index.latin_keys, scorer=Levenshtein.distance,
                                            score_cutoff=limit, limit=_PROPOSALS):
            edits = latin_spelling_distance(key, choice, min(limit, max_edits(choice)))
            if edits is not None and edits > 0:
                _add(found, index.rows_latin(choice), FUZZY + FUZZY_EDIT * (edits - 1))
        return found


def _doubled(a: str, b: str) -> bool:
    """Whether two spellings differ by one letter doubled in one of them (منبجج، منبج)."""
    if abs(len(a) - len(b)) != 1:
        return False
    longer, shorter = (a, b) if len(a) > len(b) else (b, a)
    return any(longer[i] == longer[i - 1] and longer[:i] + longer[i + 1:] == shorter for i in range(1, len(longer)))


def _add(found: dict[int, float], rows, penalty: float) -> None:
    for row in rows:
        if found.get(row, float("inf")) > penalty:
            found[row] = penalty


def _article_variants(key: str) -> list[str]:
    """The name with its article dropped or added, when three letters or more stay (تل is not التل)."""
    bare = key[2:] if key.startswith("ال") else key
    if len(bare.replace(" ", "")) < 3:
        return []
    return [bare] if bare != key else ["ال" + key]


_LATIN_ARTICLES = ("al ", "el ", "ad ", "ar ", "as ", "ash ", "at ", "az ", "an ")


def _latin_variants(key: str) -> list[str]:
    variants = [key.replace(" ", "")]
    for article in _LATIN_ARTICLES:
        if key.startswith(article):
            variants += [key[len(article):], "al " + key[len(article):]]
    if " " not in key:
        variants.append("al " + key)
    return [v for v in variants if v and v != key]
