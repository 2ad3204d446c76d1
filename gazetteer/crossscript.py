"""Names across scripts: an Arabic name no source spells, found through the index's Latin names.

Both scripts are reduced to a consonant skeleton, a phonetic key that keeps what transliteration keeps:
the consonants, in classes of the sounds Arabic writers confuse when they write a foreign name (b p;
t d th dh ط ض ث ذ ظ; s z c ts ch sh ش ص ز; k g q c j kh gh ك ق غ ج خ; f v ph ف; h ح ه), vowels, ع and the
final ة, ح or h dropped, a doubled class once (بوتنسا and Potenza are both ``BTNS``). A query's key is looked up
among the Latin names' keys; a finer score (:func:`reading_score`: rapidfuzz ``ratio`` of a rough Latin
reading of the Arabic against each Latin name, a Latin vowel the Arabic leaves unwritten counting half a
letter) ranks the candidates. A match is accepted only when it is unambiguous enough:

* the key has at least :data:`MIN_CONSONANTS` consonants, the Arabic name at least four letters; a name
  with the article (ال with a bare alef as written) is an Arabic name, not a foreign one transliterated: it
  may only be a town of an Arab League state known by the romanisation of its Arabic name, article and all
  (الخفجي: Al Khafjī), never a foreign place (الكنز is no Elkins; إلكنز is);
* the place is large enough to be meant by a bare foreign name (a country, a region, or a town of at
  least :data:`MIN_POPULATION`);
* one best place, scoring :data:`MIN_SCORE` or more, and every other place scoring within :data:`MARGIN`
  of it outweighed: ten times smaller (:data:`PRIOR_MARGIN`), or known under far fewer matching Latin
  names (:data:`MIN_VOTES`); a key of only :data:`MIN_CONSONANTS` consonants needs :data:`SHORT_MIN_SCORE`;
* the best place stands out of the others reading alike (within :data:`STANDOUT` points): two of its Latin
  names read so (:data:`AGREEING`), or it is twenty times larger (:data:`STANDOUT_PRIOR`);
* the place matched through a name of its own sound: its main Latin name has the query's skeleton, or the
  Latin name matched spells it (:data:`SPELLING_RATIO`), not an alternate of another sound (dorp for
  Charlotte Amalie), which still counts as a rival;
* not a town of an Arab League state that has an Arabic name (its name in Arabic is that one).

Cross-script matches rank below every Arabic match (:data:`gazetteer.matching.CROSS_SCRIPT`).
"""

from __future__ import annotations

import functools
import re

from .normalize import PERSIAN_LETTERS, latin_key, normalize

__all__ = ["CrossScript", "skeleton_table", "translated_forms", "MARGIN", "MIN_CONSONANTS", "MIN_POPULATION", "MIN_SCORE", "arabic_skeleton",
           "PRIOR_MARGIN", "MIN_VOTES", "SPELLING_RATIO", "SHORT_MIN_SCORE", "STANDOUT", "AGREEING", "AGREEMENT",
           "STANDOUT_PRIOR", "UNWRITTEN_VOWEL", "arabic_reading", "latin_reading",
           "latin_skeleton", "reading_score"]

MIN_CONSONANTS = 3
MIN_POPULATION = 5000
MIN_SCORE = 90.0
MARGIN = 8.0
#: A rival within MARGIN is outweighed by a place ten times larger (one unit of prior: log10 population) ...
PRIOR_MARGIN = 1.0
#: ... or by one known under at least MIN_VOTES Latin names that match (Sokhumi, Sukhumi, Soukhoumi …),
#: more than twice the rival's.
MIN_VOTES = 3
#: A Latin alternate this alike to the place's main name (rapidfuzz ratio of their readings) spells it.
SPELLING_RATIO = 85.0
#: A name of only MIN_CONSONANTS consonants needs a reading this close: three consonants are shared by many names.
SHORT_MIN_SCORE = 96.0
#: The place meant stands out of the others reading alike (within STANDOUT points of its score): AGREEING of its
#: Latin names score within AGREEMENT points of its best (Sokhumi, Sukhumi), or it is STANDOUT_PRIOR larger in
#: prior than each of them (twenty times the population: عليكرة reads as Aligarh and as Alghero, 22 times smaller).
STANDOUT, AGREEING, AGREEMENT, STANDOUT_PRIOR = 2.0, 2, 3.0, 1.3

#: Places whose :meth:`CrossScript.arabic_named` is remembered.
_ARABIC_NAMED_MEMO = 50_000

# Arabic letters (normalised) -> consonant class; letters not listed are dropped (vowels, ع, hamza).
_ARABIC = {
    "ب": "B", "ت": "T", "ط": "T", "د": "T", "ض": "T", "ث": "T", "ذ": "T", "ظ": "T",
    "س": "S", "ص": "S", "ز": "S", "ش": "S",
    "ك": "K", "ق": "K", "غ": "K", "ج": "K", "خ": "K",
    "ف": "F", "ح": "H", "ه": "H", "ل": "L", "ر": "R", "م": "M", "ن": "N",
}
# Latin digraphs first (longest first), then single letters; letters not listed are dropped (vowels, w, y).
_LATIN_DIGRAPHS = (("tch", "S"), ("sch", "S"), ("ch", "S"), ("sh", "S"), ("zh", "S"), ("ts", "S"), ("tz", "S"),
                   ("th", "T"), ("dh", "T"), ("kh", "K"), ("gh", "K"), ("ph", "F"), ("ck", "K"), ("qu", "K"),
                   ("ce", "Se"), ("ci", "Si"), ("cy", "Sy"), ("x", "KS"))
_LATIN = {"b": "B", "p": "B", "t": "T", "d": "T", "s": "S", "z": "S", "c": "K", "k": "K", "g": "K", "q": "K",
          "j": "K", "f": "F", "v": "F", "h": "H", "l": "L", "r": "R", "m": "M", "n": "N"}
_LATIN_DIGRAPH = re.compile("|".join(re.escape(d) for d, _ in _LATIN_DIGRAPHS))
_DIGRAPH_TO = dict(_LATIN_DIGRAPHS)
# Vowel letters -> vowel classes, for the finer comparison of a key's candidates (a / i e y / u o w).
_ARABIC_VOWEL = {"ا": "a", "ي": "i", "و": "u"}
_LATIN_VOWEL = {"a": "a", "e": "i", "i": "i", "y": "i", "o": "u", "u": "u", "w": "u"}


#: Least share of vowels (a e i o u y) among a Latin name's letters for it to be matched across scripts.
MIN_VOWEL_SHARE = 0.2


def _voweled(key: str) -> bool:
    letters = [ch for ch in key if ch.isalpha()]
    return bool(letters) and sum(ch in "aeiouy" for ch in letters) >= MIN_VOWEL_SHARE * len(letters)


def _once(classes: str) -> str:
    out: list[str] = []
    for ch in classes:
        if not out or out[-1] != ch:
            out.append(ch)
    return "".join(out)


def _squeeze(classes: str) -> str:
    """A doubled class once, T before S as S (تس، ts، tz are one sound), no final H (ح، ة read as -ah)."""
    squeezed = _once(_once(classes).replace("TS", "S"))
    return squeezed[:-1] if squeezed.endswith("H") else squeezed


def _arabic_classes(norm: str, vowels: bool) -> str:
    words = [w[:-1] + "ا" if w.endswith("ه") and len(w) > 2 else w for w in norm.split()]  # final ة reads a
    if vowels:  # an initial ع reads as the vowel it carries (عليكرة: aligarh)
        words = ["ا" + w[1:] if w.startswith("ع") else w for w in words]
    return "".join(_ARABIC.get(ch) or (_ARABIC_VOWEL.get(ch, "") if vowels else "") for w in words for ch in w)


# The letters as classes in one str.translate (consonants to upper-case classes, vowels to vowel classes or
# nothing); what is left that is no class (a letter of no class, a mark) is then dropped.
_TO_CLASSES = str.maketrans({**_LATIN, **dict.fromkeys(_LATIN_VOWEL, "")})
_TO_CLASSES_VOWELS = str.maketrans({**_LATIN, **_LATIN_VOWEL})
_NOT_CLASS = re.compile("[^A-Z]+")
_NOT_CLASS_VOWELS = re.compile("[^A-Zaiu]+")


def _digraph(match) -> str:
    return _DIGRAPH_TO[match.group()]


def _latin_classes(key: str, vowels: bool) -> str:
    text = _LATIN_DIGRAPH.sub(_digraph, key).replace(" ", "")  # a digraph is one word's: port harcourt has no th
    if vowels:
        return _NOT_CLASS_VOWELS.sub("", text.translate(_TO_CLASSES_VOWELS))
    return _NOT_CLASS.sub("", text.translate(_TO_CLASSES))


def _latin_classes_reference(key: str, vowels: bool) -> str:
    """:func:`_latin_classes` letter by letter (the reference its test compares it with)."""
    text = _LATIN_DIGRAPH.sub(_digraph, key).replace(" ", "")  # a digraph is one word's: port harcourt has no th
    return "".join(_LATIN.get(ch) or (ch if ch.isupper() else (_LATIN_VOWEL.get(ch, "") if vowels else ""))
                   for ch in text)


#: How much a vowel of the Latin reading that the Arabic one leaves out counts against a match, against 1 for
#: any other letter: Arabic script writes no short vowels (شنتشن is Shenzhen, its e's unwritten), yet a vowel
#: is a sound the spelling could have shown. Measured on the held-out world places (dev half): 0.3-0.7 alike,
#: each more right and fewer far than 1 (plain ``ratio``); 0 (free) many more far.
UNWRITTEN_VOWEL = 0.5


def reading_score(arabic: str, latin: str) -> float:
    """How alike an Arabic reading and a Latin one are (0-100): rapidfuzz's ``ratio`` (twice the letters they
    have in common, in order, over both lengths), a Latin vowel the Arabic reading leaves out weighing
    :data:`UNWRITTEN_VOWEL` in the length.

    >>> round(reading_score("SNSN", "SiNSiN"), 1)  # شنتشن, Shenzhen
    88.9
    >>> reading_score("BuTNSa", "BuTiNSa") > reading_score("BuTNSa", "BaTiNSu")
    True
    """
    from rapidfuzz.distance import Indel

    common = (len(arabic) + len(latin) - Indel.distance(arabic, latin)) / 2
    unwritten = sum(1 for op in Indel.editops(arabic, latin) if op.tag == "insert" and latin[op.dest_pos] in "aiu")
    total = len(arabic) + len(latin) - (1.0 - UNWRITTEN_VOWEL) * unwritten
    return 100.0 * 2 * common / total if total else 0.0


def arabic_skeleton(norm: str) -> str:
    """The consonant skeleton of a normalised Arabic name (its spaces and final ة dropped).

    >>> arabic_skeleton("بوتنسا")
    'BTNS'
    """
    return _squeeze(_arabic_classes(norm, False))


def latin_skeleton(key: str) -> str:
    """The consonant skeleton of a folded Latin name (:func:`~gazetteer.normalize.latin_key`).

    >>> latin_skeleton("potenza")
    'BTNS'
    """
    return _squeeze(_latin_classes(key, False))


def arabic_reading(norm: str) -> str:
    """The skeleton with the vowel letters as vowel classes, to rank the Latin names sharing a key.

    >>> arabic_reading("بوتنسا")
    'BuTNSa'
    """
    return _squeeze(_arabic_classes(norm, True))


def latin_reading(key: str) -> str:
    """:func:`arabic_reading` of a folded Latin name.

    >>> latin_reading("potenza")
    'BuTiNSa'
    """
    return _squeeze(_latin_classes(key, True))


@functools.lru_cache(maxsize=1)
def _place_word_translations() -> dict[str, tuple[tuple[str, str], ...]]:
    """Normalised Arabic generic word -> its (English word, position) rows (``place_word_translations.csv``)."""
    from .tables import load_table

    out: dict[str, list[tuple[str, str]]] = {}
    for row in load_table("gazetteer.data", "place_word_translations.csv"):
        out.setdefault(normalize(row["word"]), []).append((row["latin"], row["position"]))
    return {word: tuple(rows) for word, rows in out.items()}


def translated_forms(norm: str) -> list[tuple[str, str]]:
    """(skeleton, reading) of a normalised Arabic name whose first word is a generic word of
    ``place_word_translations.csv``, with that word in English where English names put it and the rest
    transliterated (بحيرة ساراناك: Saranac Lake, and Lake Saranac; نهر كامبل: Campbell River); ``[]`` for
    any other name, or one of a word only.

    >>> translated_forms("نهر كامبل")
    [('KMBLRFR', 'KaMBLRiFiR')]
    """
    first, _, rest = norm.partition(" ")
    rows = _place_word_translations().get(first) if rest else None
    if not rows:
        return []
    out = []
    for latin, position in rows:
        orders = {"before": [(latin, rest)], "after": [(rest, latin)]}.get(position, [(latin, rest), (rest, latin)])
        for order in orders:
            skeleton = _squeeze("".join(_latin_classes(p, False) if p is latin else _arabic_classes(p, False)
                                        for p in order))
            reading = _squeeze("".join(_latin_classes(p, True) if p is latin else _arabic_classes(p, True)
                                       for p in order))
            out.append((skeleton, reading))
    return out


def skeleton_table(latin: dict) -> dict[str, tuple[str, ...]]:
    """Skeleton -> the folded Latin names that have it, for names of :data:`MIN_CONSONANTS` consonants or
    more; names with few vowels are left out (the vowel-less romanisations of other scripts among
    GeoNames' alternate names, glyt for Gilgit, mxr for Myrhorod, match anything). Built with the index
    (``index_latin.pkl``), in sorted order."""
    table: dict[str, list[str]] = {}
    for key in sorted(latin):
        if _voweled(key):
            skeleton = latin_skeleton(key)
            if len(skeleton) >= MIN_CONSONANTS:
                table.setdefault(skeleton, []).append(key)
    return {skeleton: tuple(keys) for skeleton, keys in sorted(table.items())}


class CrossScript:
    """The Latin names of an index by consonant skeleton (built on first use, for eligible places only)."""

    def __init__(self, index) -> None:
        self.index = index
        self._by_skeleton: dict[str, tuple[str, ...]] | None = None
        self._arabic_named: dict[int, bool] = {}  # row -> arabic_named(row), remembered (geocode asks twice)
        #: the score of the last accepted match (for benchmarks and explanations)
        self.last_score: float | None = None

    def _eligible(self, row: int) -> bool:
        index = self.index
        feature = index.feature_name(row)
        if feature == "city":
            return int(index.population[row]) >= MIN_POPULATION
        return feature in ("country", "region", "continent", "admin1")

    def arabic_named(self, row: int) -> bool:
        """Whether a place of an Arab League state has an Arabic name (in Arabic letters, not Persian or
        Urdu ones): its name in Arabic is that one, and a query no Arabic step matched to it is another
        name (مينامي is not Manama, المنامة)."""
        found = self._arabic_named.get(row)
        if found is None:
            from .matching import ARAB_LEAGUE

            index = self.index
            found = index.country_code(row) in ARAB_LEAGUE and any(
                s and PERSIAN_LETTERS.isdisjoint(s) for s in index.raw_ar[row].split("|"))
            if len(self._arabic_named) > _ARABIC_NAMED_MEMO:  # bounded: a long run's memory stays flat
                self._arabic_named.clear()
            self._arabic_named[row] = found
        return found

    def _own_name(self, row: int, skeletons: set[str], readings: list[str]) -> bool:
        """Whether a place was matched through a name of its own sound: its main Latin name has the query's
        skeleton, or the Latin name matched spells the main one (a reading :data:`SPELLING_RATIO` alike:
        maastrikht for Maastricht, vorms for Worms). Not through an alternate of another sound — a local,
        historic or foreign name (dorp for Charlotte Amalie, needles for Shiprock, m ugarte for Salto), or a
        vowel-less romanisation (stnyy for Cetinje)."""
        from rapidfuzz import fuzz

        main = latin_key(self.index.names[row])
        if latin_skeleton(main) in skeletons:
            return True
        own = latin_reading(main)
        return any(fuzz.ratio(reading, own) >= SPELLING_RATIO for reading in readings)

    def _table(self) -> dict[str, tuple[str, ...]]:
        """Skeleton -> the folded Latin names that have it (as built with the index, else computed here)."""
        if self._by_skeleton is None:
            self._by_skeleton = self.index.latin_skeletons
            if self._by_skeleton is None:
                self._by_skeleton = skeleton_table(self.index.latin)
        return self._by_skeleton

    def _scored(self, norm: str, written: str | None, min_prior: float | None = None):
        """Each eligible place sharing the name's skeleton (and of a prior of ``min_prior`` or more): its
        scores over its Latin names, the readings they scored through, and the name's skeletons; ``None``
        when the name is no foreign one."""
        if len(norm.replace(" ", "")) < 4:
            return None
        # a name with the article is an Arabic name (سد الوالة), not a foreign one transliterated: it may only
        # be a place of an Arab state known by the romanisation of its Arabic name, the article and all
        # (الخفجي: Al Khafjī), never a foreign place
        romanised = _has_article(norm, written)
        forms = [(arabic_skeleton(norm), arabic_reading(norm)), *translated_forms(norm)]
        skeletons = {skeleton for skeleton, _ in forms}
        table = self._table()
        keys = sorted({k for s in skeletons if len(s) >= MIN_CONSONANTS for k in table.get(s, ())})
        if not keys:
            return None
        readings = {reading for _, reading in forms}
        index = self.index
        from .matching import ARAB_LEAGUE as arab_league

        scores: dict[int, list[float]] = {}
        through: dict[int, list[tuple[float, str]]] = {}  # the Latin names each place scored through
        prior = index.prior
        for key in keys:
            if romanised and not key.startswith(_LATIN_ARTICLES):
                continue
            rows = [row for row in index.rows_latin(key)
                    if (min_prior is None or float(prior[row]) >= min_prior) and self._eligible(row)
                    and (not romanised or index.country_code(row) in arab_league)]
            if not rows:
                continue
            reading = latin_reading(key)
            score = max(reading_score(r, reading) for r in readings)
            for row in rows:
                scores.setdefault(row, []).append(score)
                through.setdefault(row, []).append((score, reading))
        return (scores, through, skeletons) if scores else None

    def sounds(self, norm: str, written: str | None = None, min_prior: float | None = None) -> dict[int, float]:
        """The eligible places the Arabic name transliterates through a Latin name that spells their main
        one (a reading :data:`SPELLING_RATIO` alike), scoring :data:`MIN_SCORE` or more, with that score:
        the places a foreign name may mean whatever an Arabic source spells (ولينغتون is Wellington, New
        Zealand, as well as the small town that has it as its Arabic name); only places of a prior of
        ``min_prior`` or more when given."""
        scored = self._scored(norm, written, min_prior)
        if scored is None:
            return {}
        from rapidfuzz import fuzz

        scores, through, _ = scored
        out = {}
        for row, pairs in through.items():
            main = latin_reading(latin_key(self.index.names[row]))
            own = [sc for sc, reading in pairs if sc >= MIN_SCORE and fuzz.ratio(reading, main) >= SPELLING_RATIO]
            if own:
                out[row] = max(own)
        return out

    def rows(self, norm: str, written: str | None = None) -> list[int]:
        """The rows a normalised Arabic name means through its Latin names, or ``[]`` when unsure.

        ``written`` is the name as the user wrote it (before normalisation): a word beginning with an alef
        that carries a hamza or a madda (أل، إل، آل) begins a foreign name (آلتا is Alta, ألبنجا Albenga), not
        the article, which is written with a bare alef."""
        scored = self._scored(norm, written)
        if scored is None:
            return []
        scores, through, skeletons = scored
        # whether the name (or a form of it with its generic word translated: شرق … East …) begins with a consonant
        starts = {reading[:1].isupper() for reading in (arabic_reading(norm), *(r for _, r in translated_forms(norm)))}
        best_of = {row: max(s) for row, s in scores.items()}
        prior = self.index.prior
        ranked = sorted(best_of, key=lambda r: (-best_of[r], -float(prior[r]), r))
        top = best_of[ranked[0]]
        if top < MIN_SCORE or (top < SHORT_MIN_SCORE and max(map(len, skeletons)) <= MIN_CONSONANTS):
            return []  # three consonants (تيسلين: TSLN reads as Dessalines too) need a near-perfect reading
        alike = [row for row in ranked[1:] if best_of[row] > top - STANDOUT]
        if (alike and sum(sc >= top - AGREEMENT for sc in scores[ranked[0]]) < AGREEING
                and float(prior[ranked[0]]) - max(float(prior[row]) for row in alike) < STANDOUT_PRIOR):
            return []  # no place stands out of the others reading alike, and one Latin name only
        near = [row for row in ranked if best_of[row] >= top - MARGIN]

        def own(row: int) -> bool:
            best = best_of[row]
            return self._own_name(row, skeletons, [r for sc, r in through[row] if sc == best])

        def votes(row: int, against: float) -> int:
            return sum(s >= against - MARGIN for s in scores[row])

        def outweighs(best: int, rival: int) -> bool:
            larger = float(prior[best]) - float(prior[rival]) >= PRIOR_MARGIN
            mine = votes(best, best_of[best])
            return larger or (mine >= MIN_VOTES and mine >= 2 * votes(rival, best_of[best]) + 1)

        # the place meant: the best-scoring one, matched through a name of its own sound (one that scores
        # best only through an alternate of another sound is no match: passing over it to the next was
        # measured, +1 right and +2 far), outweighing every other place near the top
        best = near[0]
        if not own(best):
            return []
        # a name that begins with a consonant is no name that begins with a vowel, nor the other way round
        # (هولزدورف is no Ohlsdorf): such a place is no match, though it still stands as a rival
        if not any(sc == best_of[best] and reading[:1].isupper() in starts for sc, reading in through[best]):
            return []
        if not all(outweighs(best, rival) for rival in near[1:]):  # an alternate of another sound counts
            return []  # another place nearly as close: too unsure
        if self.arabic_named(best):
            return []
        self.last_score = best_of[best]
        return [best]


#: How the romanisations of Arabic names write the article (al khafji, el oued, ad dammam, ash shihr …).
_LATIN_ARTICLES = tuple(f"{a} " for a in ("al", "el", "ad", "ar", "as", "ash", "at", "az", "an", "adh", "ath", "al-"))


def _has_article(norm: str, written: str | None) -> bool:
    """Whether a word of the name carries the Arabic article: ال written with a bare alef (as written, when
    the written form is known and has as many words)."""
    words = norm.split()
    raw = written.split() if written else []
    if len(raw) != len(words):
        raw = words
    return any(w.startswith("ال") and r[:1] not in ("أ", "إ", "آ") for w, r in zip(words, raw))
