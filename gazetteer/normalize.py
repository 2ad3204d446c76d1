"""Arabic orthographic normalisation used by every lookup.

Pure functions; the tables are built once at import. ``normalize`` folds the spellings that
Arabic news, GeoNames and CLDR use interchangeably, so that ``normalize(a) == normalize(b)``
whenever two spellings name the same thing:

* alef forms (أ إ آ ٱ) to ا; hamza carriers ؤ ئ to و ي; lone hamza ء removed;
* alef maqsura ى to ي; teh marbuta ة to ه;
* tashkeel (harakat, shadda, sukun, superscript alef) and tatweel removed;
* Persian, Urdu and Kurdish letters (ی ک ۀ ہ ے ھ گ پ چ ژ) to their Arabic counterparts;
* Arabic-Indic and Persian digits to ASCII digits;
* bidi controls and zero-width characters removed; non-breaking and other spaces to " ";
* runs of whitespace collapsed, ends stripped (``normalize`` only; ``fold_chars`` keeps length
  accounting for offset mapping).

Arabic presentation forms (U+FB50–U+FDFF, U+FE70–U+FEFE: the contextual letter shapes and ligatures of
legacy encodings, ﺩﻣﺷﻖ) are the letters they show: each is replaced by its compatibility decomposition
from the Unicode data (NFKC of that character alone; ﻻ is two letters, لا). ``normalize`` does it;
:func:`expand_presentation_forms` does it for running text and says where the ligatures' extra letters
are, so that offsets into the expanded text map back exactly (``Gazetteer.find``).
"""

from __future__ import annotations

import functools
import re
import unicodedata

import numpy as np

__all__ = ["normalize", "fold_chars", "fold_codes", "fold_text", "has_presentation_forms", "expand_presentation_forms", "latin_key", "is_arabic",
           "is_arabic_script", "DELETED_CHARS", "PERSIAN_LETTERS", "NOT_ARABIC_SPELLING"]

#: Letters of Persian and Urdu spellings that Arabic does not write (پ چ ژ گ, Persian kaf and yeh, Urdu
#: forms): a name spelt with them is a Persian or Urdu name, which folding makes look Arabic.
PERSIAN_LETTERS = frozenset("\u067e\u0686\u0698\u06af\u06a9\u06cc\u06c1\u06c3\u06d2\u0688\u0679\u0691\u06ba\u06be\u06c0")
#: Letters no Arabic spelling uses: the Persian and Urdu ones, and those of Kurdish (ە ڕ ڵ ێ ۆ) and the Urdu
#: full stop. ``Place.name_ar`` has none when an Arabic spelling is known or derivable.
NOT_ARABIC_SPELLING = PERSIAN_LETTERS | frozenset("\u06d5\u0695\u06b5\u06ce\u06c6\u06d4")

_REPLACE = {
    # alef and hamza forms
    "\u0622": "\u0627",  # آ
    "\u0623": "\u0627",  # أ
    "\u0625": "\u0627",  # إ
    "\u0671": "\u0627",  # ٱ alef wasla
    "\u0672": "\u0627",
    "\u0673": "\u0627",
    "\u0675": "\u0627",
    "\u0624": "\u0648",  # ؤ
    "\u0626": "\u064a",  # ئ
    # alef maqsura, teh marbuta
    "\u0649": "\u064a",  # ى
    "\u0629": "\u0647",  # ة
    # Persian, Urdu, Kurdish
    "\u06cc": "\u064a",  # ی farsi yeh
    "\u06d0": "\u064a",  # ې
    "\u06d2": "\u064a",  # ے yeh barree
    "\u06d3": "\u064a",
    "\u06a9": "\u0643",  # ک keheh
    "\u06aa": "\u0643",
    "\u06af": "\u0643",  # گ gaf
    "\u06c0": "\u0647",  # ۀ
    "\u06c1": "\u0647",  # ہ
    "\u06c2": "\u0647",
    "\u06c3": "\u0647",
    "\u06be": "\u0647",  # ھ
    "\u06d5": "\u0647",  # ە Kurdish ae
    "\u067e": "\u0628",  # پ
    "\u0686": "\u062c",  # چ
    "\u0698": "\u0632",  # ژ
    "\u06a4": "\u0641",  # ڤ
    "\u06c6": "\u0648",  # ۆ
    "\u06c7": "\u0648",
    "\u06c8": "\u0648",
    "\u06cb": "\u0648",
    "\u06c5": "\u0648",
    "\u0695": "\u0631",  # ڕ
    "\u06b5": "\u0644",  # ڵ
    "\u06ce": "\u064a",  # ێ
    # spaces
    "\u00a0": " ",
    "\u2007": " ",
    "\u202f": " ",
    "\u2000": " ", "\u2001": " ", "\u2002": " ", "\u2003": " ", "\u2004": " ",
    "\u2005": " ", "\u2006": " ", "\u2008": " ", "\u2009": " ", "\u200a": " ",
    "\u3000": " ",
    "\t": " ",
}
# Arabic-Indic and extended (Persian/Urdu) digits.
_REPLACE.update({chr(0x0660 + i): str(i) for i in range(10)})
_REPLACE.update({chr(0x06F0 + i): str(i) for i in range(10)})

#: Characters that normalisation deletes: tashkeel, tatweel, lone hamza, bidi and zero-width marks.
DELETED_CHARS = frozenset(
    [chr(c) for c in range(0x064B, 0x0660)]  # fathatan .. wavy hamza below
    + ["\u0670", "\u0640", "\u0621"]  # superscript alef, tatweel, hamza
    + [chr(c) for c in range(0x06D6, 0x06EE)]  # Quranic annotation marks
    + ["\u0610", "\u0611", "\u0612", "\u0613", "\u0614", "\u0615", "\u0616", "\u0617",
       "\u0618", "\u0619", "\u061a"]
    + ["\u200b", "\u200c", "\u200d", "\u200e", "\u200f", "\u2060", "\ufeff", "\u061c", "\u00ad"]
    + [chr(c) for c in range(0x202A, 0x202F)]  # LRE RLE PDF LRO RLO
    + [chr(c) for c in range(0x2066, 0x206A)]  # LRI RLI FSI PDI
)

_MAPPING = str.maketrans({**_REPLACE, **{c: None for c in DELETED_CHARS}})
#: The mapping as a list indexed by code point (every BMP character, most to themselves): str.translate
#: indexes a list without the KeyError a dict raises for each unmapped character, about twice as fast.
#: Characters past the BMP are left as they are (an IndexError, which translate takes as "unmapped").
_TABLE = [_MAPPING.get(c, c) for c in range(0x10000)]
_SPACES = re.compile(r"\s+")
_PRESENTATION = re.compile("[\ufb50-\ufdff\ufe70-\ufefe]")

_LATIN_SPACE = re.compile(r"[-_/,;:()]")
_LATIN_DROP = re.compile(r"[^\w\s]")
_ARABIC = re.compile("[\u0600-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufefe]")


def fold_chars(text: str) -> str:
    """Map each character to its normal form (one or none); no whitespace collapsing."""
    return text.translate(_TABLE)


_GONE = np.uint32(0xFFFFFFFF)  # a deleted character's code in _code_table (no code point is that large)


@functools.lru_cache(maxsize=1)
def _code_table() -> np.ndarray:
    """The mapping as an array over every code point: code -> its folded code, or _GONE (4.5 MB, made
    on first use)."""
    table = np.arange(0x110000, dtype=np.uint32)
    for char, to in _MAPPING.items():
        table[char] = _GONE if to is None else ord(to)
    return table


#: Characters folded at a time by fold_text: its arrays take ~18 bytes a character, so a huge text is
#: folded in pieces (every character folds alone, so the pieces join up exactly).
_CHUNK = 1 << 20


def fold_text(text: str) -> tuple[str, list[int]]:
    """``fold_chars(text)`` for a whole text, and where each deleted character would have stood in
    the folded text (in order; a folded offset ``i`` is ``i + bisect_right(gaps, i)`` in ``text``).

    The characters are mapped as an array of code points, several times faster than ``str.translate``
    on Arabic text (which makes a Python integer for each character it looks up)."""
    codes, gaps = fold_codes(text)
    return codes.tobytes().decode("utf-32-le", "surrogatepass"), gaps


def fold_codes(text: str) -> tuple[np.ndarray, list[int]]:
    """:func:`fold_text` as an array of code points (``uint32``): the folded text's characters, and the gaps."""
    if len(text) <= _CHUNK:
        return _fold_piece(text)
    pieces, gaps, folded_length = [], [], 0
    for at in range(0, len(text), _CHUNK):
        codes, piece_gaps = _fold_piece(text[at:at + _CHUNK])
        gaps += [gap + folded_length for gap in piece_gaps]
        pieces.append(codes)
        folded_length += len(codes)
    return np.concatenate(pieces), gaps


def _fold_piece(text: str) -> tuple[np.ndarray, list[int]]:
    codes = _code_table().take(np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32))
    gone = codes == _GONE
    if not gone.any():
        return codes, []
    positions = np.flatnonzero(gone)
    gaps = (positions - np.arange(len(positions))).tolist()
    return codes[~gone], gaps


@functools.lru_cache(maxsize=1)
def _presentation_forms() -> tuple[dict[int, str], re.Pattern]:
    """Each Arabic presentation form -> its NFKC decomposition (from the Unicode data), and a pattern of the
    forms that stand for more than one character (ligatures)."""
    table = {}
    for code in (*range(0xFB50, 0xFE00), *range(0xFE70, 0xFEFF)):
        decomposed = unicodedata.normalize("NFKC", chr(code))
        if decomposed != chr(code):
            table[code] = decomposed
    several = "".join(chr(c) for c, to in sorted(table.items()) if len(to) > 1)
    return table, re.compile(f"[{re.escape(several)}]")


def has_presentation_forms(text: str) -> bool:
    """Whether ``text`` holds an Arabic presentation form (U+FB50–U+FDFF, U+FE70–U+FEFE)."""
    return _PRESENTATION.search(text) is not None


def expand_presentation_forms(text: str) -> tuple[str, list[int]]:
    """``text`` with each Arabic presentation form replaced by the characters it stands for (NFKC of that
    character), and where the characters a ligature adds stand in the new text, in order.

    A ligature at ``text[p]`` that stands for ``k`` characters adds ``k - 1``: an offset ``i`` into the new
    text is ``i - bisect_right(added, i)`` into ``text`` as a start, ``i - bisect_left(added, i)`` as an end
    (so a span that begins or ends inside a ligature takes it whole).

    >>> expand_presentation_forms("\ufedf\ufefc\ufeb0")
    ('للاز', [2])
    """
    if not has_presentation_forms(text):
        return text, []
    table, several = _presentation_forms()
    added: list[int] = []
    extra = 0  # characters added before the current match
    for match in several.finditer(text):
        length = len(table[ord(match.group())])
        at = match.start() + extra
        added.extend(range(at + 1, at + length))
        extra += length - 1
    return text.translate(table), added


def normalize(text: str) -> str:
    """Return the normal form of ``text`` used as a lookup key.

    >>> normalize("إدلبُ")
    'ادلب'
    """
    if _PRESENTATION.search(text):
        text = text.translate(_presentation_forms()[0])
    return _SPACES.sub(" ", text.translate(_TABLE)).strip()


def is_arabic(text: str) -> bool:
    """Whether ``text`` holds any Arabic-script letter."""
    return _ARABIC.search(text) is not None


def is_arabic_script(text: str) -> bool:
    """Whether every letter of ``text`` is an Arabic-script letter (and it has one): a name as ``name_ar``
    may hold it, not a romanisation (Dūmā) nor a mix.

    >>> is_arabic_script("دير الزور"), is_arabic_script("Dūmā"), is_arabic_script("حي Hamra")
    (True, False, False)
    """
    letters = [ch for ch in text if ch.isalpha()]
    return bool(letters) and all(_ARABIC.match(ch) for ch in letters)


def latin_key(text: str) -> str:
    """Lookup key for Latin-script names: accents and punctuation folded, case-folded.

    >>> latin_key("Dayr az Zawr")
    'dayr az zawr'
    >>> latin_key("Ḩamāh")
    'hamah'
    """
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    stripped = _LATIN_DROP.sub("", _LATIN_SPACE.sub(" ", stripped))
    return _SPACES.sub(" ", stripped.casefold()).strip()
