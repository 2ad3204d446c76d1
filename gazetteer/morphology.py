"""Arabic morphology that place names meet in running text: proclitics and nisba endings.

One inventory of the proclitics a name or a word may carry, and the tables each user derives from it:

* conjunctions و ف (:data:`CONJUNCTIONS`), prepositions ب ك ل (:data:`PREPOSITIONS`), the article ال
  (:data:`ARTICLE`), and ل + ال written لل (:data:`LAM_ARTICLE`: the alef of the article drops,
  للرقة = ل + الرقة);
* :data:`NAME_CLITICS` — what may stand before a place name and is split off it (longest first);
* :data:`CONJUNCTION_FORMS` and :data:`LOCATIVE_FORMS` — the prefixes a cue word is written with;
* :func:`word_forms` — a normalised word with its clitics tried off (the forms a lexicon entry is
  looked up by).

And one reading of nisba (relative-adjective) endings: :func:`nisba_bases` gives the masculine singular
forms without the article that a word may be an inflection of (سوري، السورية، السوريين -> سوري).

Every string here is in normal form (:func:`gazetteer.normalize`): ة is ه, أ إ آ are ا.

>>> word_forms("وبالمدينه")
('وبالمدينه', 'بالمدينه', 'مدينه', 'المدينه')
>>> nisba_bases("السوريه")
('سوريه', 'سوري', 'السوريه', 'السوري')
"""

from __future__ import annotations

import functools

__all__ = [
    "ARTICLE", "ARTICLE_CLITICS", "CONJUNCTIONS", "CONJUNCTION_FORMS", "LAM_ARTICLE", "LOCATIVE_CLITICS",
    "LOCATIVE_FORMS", "NAME_CLITICS", "NISBA", "NISBA_ENDINGS", "PREPOSITIONS", "PRONOUN_SUFFIXES", "SHORT_VOWELS",
    "WORD_PROCLITICS",
    "clitics_by_letter", "has_nisba_shape", "nisba_bases", "nisba_of", "split_clitic", "word_forms",
]

#: Conjunctions written joined to the next word.
CONJUNCTIONS = ("و", "ف")
#: Prepositions written joined to the next word.
PREPOSITIONS = ("ب", "ك", "ل")
#: The definite article.
ARTICLE = "ال"
#: ل + ال: the article's alef drops after ل (للرقة = ل + الرقة).
LAM_ARTICLE = "لل"
#: The attached pronouns of the third person a noun or verb may end with (أطلقتهما، شنتها، قولهم، تعبيره).
PRONOUN_SUFFIXES = ("هما", "ها", "هم", "ه")
#: The short vowels, tanween, shadda and sukun a written word may carry (تعبيرُهُ، سوريّة).
SHORT_VOWELS = "\u064b\u064c\u064d\u064e\u064f\u0650\u0651\u0652"


def _longest_first(clitics) -> tuple[str, ...]:
    return tuple(sorted(dict.fromkeys(clitics), key=len, reverse=True))  # sorted() is stable: order kept per length


#: Proclitics split off a place name, longest first, then ``""`` (none): a conjunction, a preposition, a
#: conjunction and a preposition, and لل with or without a conjunction (ولل، فلل). The article is not among
#: them: names are indexed with their article.
NAME_CLITICS: tuple[str, ...] = _longest_first(
    [c + LAM_ARTICLE for c in CONJUNCTIONS] + [c + p for c in CONJUNCTIONS for p in PREPOSITIONS] + [LAM_ARTICLE]
    + list(CONJUNCTIONS) + list(PREPOSITIONS)) + ("",)
#: The clitics of :data:`NAME_CLITICS` that hold the article: the name after them gets its ال back.
ARTICLE_CLITICS = frozenset(c for c in NAME_CLITICS if c.endswith(LAM_ARTICLE))
#: The clitics of :data:`NAME_CLITICS` that hold a preposition of place (ب، ل): a cue that the name is a place.
LOCATIVE_CLITICS = frozenset(c for c in NAME_CLITICS if c.lstrip("".join(CONJUNCTIONS))[:1] in ("ب", "ل"))
#: Prefixes of a cue word that governs nothing itself (a preposition, a title): none, و, ف.
CONJUNCTION_FORMS: tuple[str, ...] = ("", *CONJUNCTIONS)
#: Prefixes of a place-type word (مدينة: بمدينة، ولمدينة، فبمدينة …): none, a conjunction, ب or ل, or both.
LOCATIVE_FORMS: tuple[str, ...] = (*CONJUNCTION_FORMS, "ب", "ل", *(c + p for c in CONJUNCTIONS for p in ("ب", "ل")))
#: Proclitics :func:`word_forms` tries off a word once a conjunction is off: the article alone or after a
#: preposition or conjunction (بال، كال، وال، فال), لل, and a bare preposition; grouped by first letter,
#: longest first.
WORD_PROCLITICS: tuple[str, ...] = _longest_first(
    ["ب" + ARTICLE, "و" + ARTICLE, "ف" + ARTICLE, "ك" + ARTICLE, LAM_ARTICLE, ARTICLE, "ب", "ل", "ك"])


def clitics_by_letter(clitics: tuple[str, ...]) -> dict[str, tuple[str, ...]]:
    """First letter -> the clitics starting with it, in the order given (a word's first letter rules out
    all the others)."""
    out: dict[str, list[str]] = {}
    for clitic in clitics:
        if clitic:
            out.setdefault(clitic[0], []).append(clitic)
    return {letter: tuple(group) for letter, group in out.items()}


_WORD_PROCLITICS_BY_LETTER = clitics_by_letter(WORD_PROCLITICS)


def split_clitic(word: str, clitic: str) -> str:
    """The stem left when ``clitic`` (one of :data:`NAME_CLITICS` or :data:`WORD_PROCLITICS`) is taken off
    ``word``, the article restored after لل (للرقه -> الرقه)."""
    stem = word[len(clitic):]
    return ARTICLE + stem if clitic.endswith(LAM_ARTICLE) else stem


@functools.lru_cache(maxsize=200_000)
def word_forms(norm: str) -> tuple[str, ...]:
    """A normalised word with its clitics tried off, the word itself first.

    A conjunction first (و ف, when two letters or more stay), then on the word and on what the conjunction
    left, each of :data:`WORD_PROCLITICS` that leaves two letters or more. No form twice.

    >>> word_forms("للمدينه")
    ('للمدينه', 'المدينه', 'لمدينه')
    """
    out = [norm]
    bases = [norm] + [norm[1:] for c in CONJUNCTIONS if norm.startswith(c) and len(norm) > 2]
    for base in bases:
        if base not in out:
            out.append(base)
        for clitic in _WORD_PROCLITICS_BY_LETTER.get(base[:1], ()):
            if base.startswith(clitic) and len(base) - len(clitic) >= 2:
                rest = split_clitic(base, clitic)
                if rest not in out:
                    out.append(rest)
    return tuple(out)


#: Endings of a nisba's inflections, after the masculine singular (سوري): ة feminine (ه once normalised),
#: ون and ين the sound plurals. A word may end in one of them and be a masculine singular too.
NISBA_ENDINGS = ("ه", "ون", "ين")
_NISBA_SHAPES = ("ي", *("ي" + e for e in NISBA_ENDINGS))


#: The nisba suffix of the masculine singular (سوري، الروسي), normal form.
NISBA = "ي"


def has_nisba_shape(norm: str, min_length: int = 3) -> bool:
    """Whether a normalised word ends like a nisba adjective in any inflection (سوري، السورية، سوريون،
    الروسيين: ي, then one of :data:`NISBA_ENDINGS`), whatever its stem; ``min_length`` letters at least.

    >>> has_nisba_shape("التركيه"), has_nisba_shape("قوات")
    (True, False)
    """
    return len(norm) >= min_length and norm.endswith(_NISBA_SHAPES)


def nisba_bases(norm: str) -> tuple[str, ...]:
    """The masculine singular forms without the article that a normalised word may be an inflection of:
    the word (its article off, then as written: ألماني begins with ال) and each without the nisba ending it
    has.

    Whether one of them is a nisba is a lexicon's question (:func:`nisba_of`); nothing is split off a word
    too short to keep a letter.
    """
    out = []
    # a word with ال is the article and a nisba, or a nisba that begins with those letters (الماني, ألماني)
    for stem in ((norm[len(ARTICLE):], norm) if norm.startswith(ARTICLE) else (norm,)):
        out.append(stem)
        for ending in NISBA_ENDINGS:
            if stem.endswith(ending) and len(stem) > len(ending):
                out.append(stem[:-len(ending)])
    return tuple(dict.fromkeys(out))


def nisba_of(norm: str, adjectives):
    """What ``adjectives`` (a mapping of normalised masculine singular nisbas) holds for the first of
    :func:`nisba_bases` it has, or ``None``: the one nisba reading of a word.

    >>> nisba_of("الفرنسيه", {"فرنسي": "FR"})
    'FR'
    """
    for base in nisba_bases(norm):
        value = adjectives.get(base)
        if value is not None:
            return value
    return None
