"""gazetteer.morphology: the one clitic inventory, its derived tables, word_forms and the nisba reading."""

import json

import pytest

from conftest import shared_data
from gazetteer import morphology, normalize
from gazetteer.candidates import WORD

# A copy of geonews.extraction.lexicons.forms() as it stood when word_forms replaced it: word_forms must
# give the same tuple, in the same order, for every word, so that geonews can switch to it unchanged.
_COPY_CONJ = ("و", "ف")
_COPY_PROCLITICS = ("بال", "وال", "فال", "كال", "لل", "ال", "ب", "ل", "ك")
_COPY_BY_LETTER = {c: tuple(p for p in _COPY_PROCLITICS if p[0] == c) for c in {p[0] for p in _COPY_PROCLITICS}}


def _copy_forms(word: str) -> tuple[str, ...]:
    out = [word]
    bases = [word] + [word[1:] for c in _COPY_CONJ if word.startswith(c) and len(word) > 2]
    for base in bases:
        if base not in out:
            out.append(base)
        for p in _COPY_BY_LETTER.get(base[:1], ()):
            if base.startswith(p) and len(base) - len(p) >= 2:
                rest = base[len(p):]
                if p == "لل":
                    rest = "ال" + rest
                if rest not in out:
                    out.append(rest)
    return tuple(out)


@pytest.mark.parametrize("word", ["وبالمدينه", "للاذقيه", "فالرقه", "كالعاده", "وللموصل", "بحلب", "و", "ول",
                                  "ال", "لل", "ولل", "والي", "مدينه", "ببب", "ككال"])
def test_word_forms_as_geonews_forms(word):
    assert morphology.word_forms(word) == _copy_forms(word)


def test_word_forms_on_every_word_of_the_ant_articles():
    path = shared_data("ant_conflict_dev.jsonl")
    words = set()
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            article = json.loads(line)
            for field in ("title", "text"):
                words.update(WORD.findall(normalize(article.get(field) or "")))
    assert len(words) > 30_000
    differ = [w for w in words if morphology.word_forms(w) != _copy_forms(w)]
    assert differ == []


def test_word_forms_strip_clitics():
    assert morphology.word_forms("وبحلب") == ("وبحلب", "بحلب", "حلب")
    assert "الرقه" in morphology.word_forms("للرقه")  # ل + ال: the article's alef comes back
    assert morphology.word_forms("حلب") == ("حلب",)


def test_name_clitics_longest_first_and_derived_tables():
    clitics = morphology.NAME_CLITICS
    assert clitics[-1] == "" and list(clitics[:-1]) == sorted(clitics[:-1], key=len, reverse=True)
    assert set(clitics) == {"ولل", "فلل", "وب", "وك", "ول", "فب", "فك", "فل", "لل", "و", "ف", "ب", "ك", "ل", ""}
    assert morphology.ARTICLE_CLITICS == {"لل", "ولل", "فلل"}
    assert morphology.LOCATIVE_CLITICS == {"ب", "ل", "لل", "وب", "ول", "ولل", "فب", "فل", "فلل"}
    assert "ك" not in morphology.LOCATIVE_CLITICS  # كـ is "like", not a place preposition
    assert set(morphology.LOCATIVE_FORMS) == {"", "و", "ف", "ب", "ل", "وب", "ول", "فب", "فل"}
    assert morphology.CONJUNCTION_FORMS == ("", "و", "ف")
    assert morphology.split_clitic("للرقه", "لل") == "الرقه"
    assert morphology.split_clitic("وبحلب", "وب") == "حلب"


@pytest.mark.parametrize(("word", "bases"), [
    ("سوري", ("سوري",)),
    ("السوريه", ("سوريه", "سوري", "السوريه", "السوري")),
    ("الماني", ("ماني", "الماني")),
    ("السوريون", ("سوريون", "سوري", "السوريون", "السوري")),
    ("سوريين", ("سوريين", "سوري")),
    ("ه", ("ه",)),
])
def test_nisba_bases(word, bases):
    assert morphology.nisba_bases(word) == bases


def test_nisba_of_reads_a_lexicon():
    table = {"فرنسي": "FR", "سوري": "SY"}
    assert morphology.nisba_of("الفرنسيه", table) == "FR"
    assert morphology.nisba_of("السوريين", table) == "SY"
    assert morphology.nisba_of("فرنسا", table) is None
    assert morphology.nisba_of("الالمانيه", {"الماني": "DE"}) == "DE"   # ألمانية: the nisba begins with ال
    assert morphology.nisba_of("المانيه", {"الماني": "DE"}) == "DE"


def test_nisba_shape_in_every_inflection():
    from gazetteer.morphology import has_nisba_shape

    for word in ("سوري", "السوريه", "سوريون", "الروسيين", "تركيه"):
        assert has_nisba_shape(word)
    for word in ("قوات", "مدن", "في"):
        assert not has_nisba_shape(word)  # في: too short to hold a stem
    assert has_nisba_shape("علي") and not has_nisba_shape("علي", min_length=4)  # على folds to a nisba's shape
