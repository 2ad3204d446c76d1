"""The compiled word loop (gazetteer/_wordscan.pyx) gives what the Python loop in gazetteer/candidates.py, the
reference, gives — the same folded text and gaps, the same candidates with every field, the same names left out
and deferred, the same mentions — on all the development data (ANT news, ANERcorp sentences, IDRISI-D tweets,
the seed) and on any text; and the switch between them."""

from __future__ import annotations

import dataclasses

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gazetteer import Gazetteer
from gazetteer.candidates import CandidateFinder, compiled_available
from gazetteer.normalize import fold_text, has_presentation_forms
from test_scan import dev_texts

pytestmark = pytest.mark.skipif(not compiled_available(), reason="the compiled word loop is not built")


@pytest.fixture(scope="module")
def both():
    """A gazetteer per word loop: the Python reference and the compiled one."""
    return Gazetteer(scan="words", compiled=False), Gazetteer(scan="words", compiled=True)


def candidates(finder: CandidateFinder, text: str, quiet=None, keep_after=frozenset()):
    folded, found, deferred, to_original = finder.find_deferring(text, quiet, keep_after)
    keys = {c.key for c in found} | set(quiet or ())
    return (folded, [dataclasses.astuple(c) for c in found], [dataclasses.astuple(c) for c in deferred(keys)],
            [to_original(i) for i in range(len(folded) + 1)])


def test_the_switch(both, monkeypatch):
    python, compiled = (gz.recognizer.finder for gz in both)
    assert not python.compiled and compiled.compiled
    monkeypatch.setenv("GAZETTEER_COMPILED", "0")
    assert not Gazetteer(scan="words").recognizer.finder.compiled
    monkeypatch.setenv("GAZETTEER_COMPILED", "1")
    assert Gazetteer(scan="words").recognizer.finder.compiled


def test_same_folding_on_the_development_data():
    from gazetteer import _wordscan

    for text in dev_texts():
        assert _wordscan.fold_text(text) == fold_text(text)


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=st.characters(max_codepoint=0x10FFFF, blacklist_categories=()), max_size=80))
def test_same_folding_on_any_text(text):
    """Every kind of string (ASCII, Latin-1, the BMP, astral characters, lone surrogates) folds the same."""
    from gazetteer import _wordscan

    folded, gaps = _wordscan.fold_text(text)
    assert (folded, gaps) == fold_text(text)
    assert folded.isascii() == fold_text(text)[0].isascii()  # the same kind of string, as narrow


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=st.characters(max_codepoint=0x10FFFF, blacklist_categories=()), max_size=40)
       | st.text(alphabet=st.characters(min_codepoint=0xFB40, max_codepoint=0xFF00), max_size=4))
def test_same_presentation_forms_test(text):
    from gazetteer import _wordscan

    assert _wordscan.has_presentation_forms(text) == has_presentation_forms(text)
    for edge in ("\ufb4f", "\ufb50", "\ufdff", "\ufe00", "\ufe6f", "\ufe70", "\ufefe", "\ufeff"):
        assert _wordscan.has_presentation_forms(text + edge) == has_presentation_forms(text + edge)


def test_same_mentions_on_the_development_data(both):
    python, compiled = both
    texts = dev_texts()
    assert len(texts) > 7000
    for text in texts:
        assert compiled.find(text) == python.find(text)


def test_same_candidates_on_the_development_data(both):
    """Every candidate with every field, with and without the names left out by their words alone."""
    recognizer = both[0].recognizer
    for text in dev_texts()[:2500]:
        recognizer.find(text)  # the names decided by their words alone, as a long run learns them
    quiet, keep_after = recognizer.quiet, recognizer.keep_after
    python, compiled = (gz.recognizer.finder for gz in both)
    for text in dev_texts():
        assert candidates(compiled, text) == candidates(python, text)
        assert candidates(compiled, text, quiet, keep_after) == candidates(python, text, quiet, keep_after)
    # keep_after other than the finder's own (the compiled loop then reads the words, not their flags)
    other = frozenset(set(keep_after) - {"مدينه"})
    for text in dev_texts()[:1500]:
        assert candidates(compiled, text, quiet, other) == candidates(python, text, quiet, other)


_PIECES = ["حلب", "بحلب", "وحلب", "للرقة", "الرقة", "دير الزور", "ديرالزور", "مدينة", "بلدة", "قرية", "في", "من",
           "على", "شمال", "سوريا", "_", "#", " ", "  ", "\u200f", "ـ", "ً", "،", ".", "\n", "x", "Aleppo", "٣", "3",
           "الكويت", "امطار", "المراشدة", "والشجلة", "قرى", "مصطفى", "بكري", "نيس", "الفرنسية"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=30), st.text(max_size=8))
def test_same_candidates_on_any_text(both, pieces, noise):
    text = "".join(pieces) + noise
    python, compiled = (gz.recognizer.finder for gz in both)
    assert candidates(compiled, text) == candidates(python, text)
    assert both[1].find(text) == both[0].find(text)


def test_same_statements_on_the_ant_articles(both):
    import json

    from conftest import shared_data
    from geonews.extraction.pipeline import Pipeline
    from geonews.reading.articles import Article

    python, compiled = (Pipeline(gz) for gz in both)
    with open(shared_data("ant_conflict_dev.jsonl"), encoding="utf-8") as fh:
        records = [json.loads(line) for line in fh if line.strip()]
    for k, record in enumerate(records):
        article = Article(id=str(k), text=record["text"], title=record.get("title"))
        assert [s.to_dict() for s in compiled.statements(article)] == [s.to_dict() for s in python.statements(article)]


def test_same_candidates_after_the_table_of_words_is_emptied(both):
    """More distinct words than the compiled loop keeps (2^17): its table is emptied and filled again."""
    import itertools

    letters = "بتثجحخدذرزسشصضطظعغفقكلمنهوي"
    made = ("".join(w) for w in itertools.product(letters, repeat=4))
    words = [w for w, _ in zip(made, range(150_000))]
    text = " ".join(f"{w} في حلب وبحلب مدينة {w}ا" if k % 1000 == 0 else w for k, w in enumerate(words))
    python, compiled = (gz.recognizer.finder for gz in both)
    for _ in range(2):
        assert candidates(compiled, text) == candidates(python, text)
        assert 0 < compiled._loop.kept < 2**17  # emptied on the way
