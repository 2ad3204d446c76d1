"""normalize(): each orthographic fold, table-driven, plus idempotence."""

import bisect
import importlib

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gazetteer import normalize
from gazetteer.normalize import fold_chars, fold_text, latin_key

CASES = [
    ("إدلبُ", "ادلب"),                      # hamza-below alef, damma
    ("أحمد", "احمد"), ("آسيا", "اسيا"), ("ٱلله", "الله"),   # alef forms
    ("مؤتة", "موته"), ("بئر", "بير"),         # hamza carriers
    ("سيناء", "سينا"),                        # lone hamza
    ("مصطفى", "مصطفي"),                      # alef maqsura
    ("حماة", "حماه"),                         # teh marbuta
    ("مَدِينَةٌ", "مدينه"), ("شدّة", "شده"),        # tashkeel, shadda
    ("منبـــج", "منبج"),                      # tatweel
    ("ایران", "ايران"), ("کرمان", "كرمان"),     # Persian yeh, keheh
    ("ۀ", "ه"), ("ہ", "ه"), ("ے", "ي"), ("ھ", "ه"),  # Persian/Urdu forms
    ("٢٠١٦", "2016"), ("۱۲۳", "123"),           # Arabic-Indic and Persian digits
    ("دمشق\u200f", "دمشق"), ("\u202bحلب\u202c", "حلب"), ("حم\u200cص", "حمص"),  # bidi, zero-width
    ("\ufeffحمص", "حمص"), ("حلب\u2066", "حلب"),
    ("دير\u00a0الزور", "دير الزور"), ("دير\u202fالزور", "دير الزور"),  # non-breaking spaces
    ("  دير   الزور  ", "دير الزور"),          # runs of spaces collapsed, ends stripped
    ("ﻻذقية", "لاذقيه"),                     # presentation-form ligature
    ("Manbij", "Manbij"),                    # Latin untouched
]


@pytest.mark.parametrize(("raw", "expected"), CASES)
def test_normalize_folds(raw, expected):
    assert normalize(raw) == expected


def test_fold_chars_never_grows():
    text = "إدلبُ ١٢ ـمنبج\u200f"
    assert len(fold_chars(text)) <= len(text)


@pytest.mark.parametrize(("raw", "expected"), [("Ḩamāh", "hamah"), ("Dayr az-Zawr", "dayr az zawr"),
                                               ("Washington, D.C.", "washington dc"), ("‘Afrīn", "afrin")])
def test_latin_key(raw, expected):
    assert latin_key(raw) == expected


@given(st.text())
def test_normalize_idempotent(text):
    once = normalize(text)
    assert normalize(once) == once


@given(st.text())
def test_normalize_never_raises_and_has_no_marks(text):
    out = normalize(text)
    assert "\u0640" not in out and "\u064e" not in out and "\u200f" not in out


@given(st.text(alphabet=st.characters(max_codepoint=0x10FFFF), max_size=60))
def test_fold_chars_table_is_the_mapping(text):
    """The code-point table fold_chars uses gives what the mapping it was built from gives."""
    from gazetteer.normalize import _MAPPING

    assert fold_chars(text) == text.translate(_MAPPING)


@given(st.text(alphabet=st.characters(max_codepoint=0x10FFFF, blacklist_categories=()), max_size=80))
def test_fold_text_is_fold_chars_with_the_gaps(text):
    """fold_text folds as fold_chars does (lone surrogates and astral characters included), and its gaps map
    every folded offset back to the character it came from."""
    folded, gaps = fold_text(text)
    assert folded == fold_chars(text)
    assert len(gaps) == len(text) - len(folded) and gaps == sorted(gaps)
    for i, char in enumerate(folded):
        assert fold_chars(text[i + bisect.bisect_right(gaps, i)]) == char


def test_fold_text_gaps_on_arabic():
    text = "شيء في دمشقَ"  # a lone hamza and a fatha are deleted
    folded, gaps = fold_text(text)
    assert folded == "شي في دمشق" and gaps == [2, 10]
    assert fold_text("") == ("", []) and fold_text("منبج") == ("منبج", [])


def test_fold_text_in_pieces_is_the_same(monkeypatch):
    """A text longer than a piece is folded piece by piece: the same text, the same gaps."""
    module = importlib.import_module("gazetteer.normalize")  # (gazetteer.normalize is also a function's name)

    text = "قُتل شيءٌ في دمشقَ ـ وحلبَ\u200f ء " * 5
    whole = fold_text(text)
    monkeypatch.setattr(module, "_CHUNK", 7)
    assert fold_text(text) == whole and whole[0] == fold_chars(text)


# -- Arabic presentation forms (issue 19): the letters they show ------------------------------------------------

PRESENTATION = [
    ("ﺩﻣﺷﻖ", "دمشق"),            # isolated, initial, medial and final forms
    ("ﺍﻟﻼﺫﻗﻴﺔ", "اللاذقيه"),      # the lam-alef ligature is two letters
    ("ﺣﻠﺐ", "حلب"),
]


@pytest.mark.parametrize(("shown", "plain"), PRESENTATION)
def test_presentation_forms_normalise_to_their_letters(shown, plain):
    assert normalize(shown) == normalize(plain) == plain


def test_presentation_forms_come_from_the_unicode_data():
    """Every assigned character of both blocks is its NFKC decomposition, taken alone."""
    import unicodedata

    from gazetteer.normalize import expand_presentation_forms

    for code in (*range(0xFB50, 0xFE00), *range(0xFE70, 0xFEFF)):
        char = chr(code)
        assert expand_presentation_forms(char)[0] == unicodedata.normalize("NFKC", char)


@given(st.lists(st.sampled_from(["ﻻ", "ﺩ", "ﻣ", "ﺷ", "ﻖ", "ﷲ", "ﷺ", "د", " ", "ا", "\u064e"]), max_size=40))
def test_expanded_offsets_map_back_to_the_text(chars):
    """Every character of the expanded text comes from the original character its offset maps back to."""
    import unicodedata

    from gazetteer.normalize import expand_presentation_forms

    text = "".join(chars)
    expanded, added = expand_presentation_forms(text)
    assert len(expanded) == len(text) + len(added)
    for i, char in enumerate(expanded):
        start = i - bisect.bisect_right(added, i)
        end = (i + 1) - bisect.bisect_left(added, i + 1)
        assert char in unicodedata.normalize("NFKC", text[start:end])
        assert end - start == 1


def test_find_reads_presentation_forms_with_offsets_into_the_text_given(gz):
    text = "قصفت الطائرات مواقع في ﺩﻣﺷﻖ، ثم ﺍﻟﻼﺫﻗﻴﺔ و ﺣﻠﺐ."
    plain = "قصفت الطائرات مواقع في دمشق، ثم اللاذقية و حلب."
    found, expected = gz.find(text), gz.find(plain)
    assert [m.place.id for m in found] == [m.place.id for m in expected]
    assert [m.text for m in found] == ["ﺩﻣﺷﻖ", "ﺍﻟﻼﺫﻗﻴﺔ", "ﺣﻠﺐ"]
    for m in found:
        assert text[m.start:m.end] == m.text
