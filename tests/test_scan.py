"""The two candidate scans of find(): the automaton (gazetteer/automaton.py) gives what the word loop gives —
the same candidates, the same names left out, the same mentions — on all the development data (ANT news,
ANERcorp sentences, IDRISI-D tweets, the seed) and on any text."""

from __future__ import annotations

import dataclasses
import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import SEEDS, shared_data
from gazetteer import Gazetteer, QueryError
from gazetteer.candidates import CandidateFinder


def dev_texts() -> list[str]:
    """Every text of the development data, and the seed."""
    texts = [json.loads(line)["text"] for line in open(shared_data("ant_conflict_dev.jsonl"), encoding="utf-8")
             if line.strip()]
    words: list[str] = []
    for raw in open(shared_data("anercorp_train.conll"), encoding="utf-8"):
        line = raw.strip()
        if line:
            words.append(line.rsplit(" ", 1)[0])
        elif words:
            texts.append(" ".join(words))
            words = []
    if words:
        texts.append(" ".join(words))
    texts += [json.loads(line)["text"] for line in open(shared_data("idrisi_d_ar_train.jsonl"), encoding="utf-8")
              if line.strip()]
    return texts + [path.read_text(encoding="utf-8") for path in SEEDS]


@pytest.fixture(scope="module")
def both(tmp_path_factory):
    """A gazetteer per scan, sharing the index (the automaton kept in a folder of this test run's)."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("GAZETTEER_CACHE", str(tmp_path_factory.mktemp("gazetteer-cache")))
        automaton = Gazetteer(scan="automaton")
        assert automaton.recognizer.finder.automaton.size > 0  # built now, while the cache folder is this run's
        yield Gazetteer(scan="words"), automaton


@pytest.fixture(scope="module")
def finders(both):
    words, automaton = (gz.recognizer.finder for gz in both)
    assert words.scan == "words" and automaton.scan == "automaton"
    return words, automaton


def candidates(finder: CandidateFinder, text: str, quiet=None, keep_after=frozenset()):
    folded, found, deferred, to_original = finder.find_deferring(text, quiet, keep_after)
    keys = {c.key for c in found} | set(quiet or ())
    return (folded, [dataclasses.astuple(c) for c in found], [dataclasses.astuple(c) for c in deferred(keys)],
            [to_original(i) for i in range(len(folded) + 1)])


def test_same_mentions_on_the_development_data(both):
    words, automaton = both
    texts = dev_texts()
    assert len(texts) > 7000
    for text in texts:
        assert automaton.find(text) == words.find(text)


def test_same_candidates_on_the_development_data(both, finders):
    """Every candidate with every field, with and without the names left out by their words alone."""
    recognizer = both[0].recognizer
    for text in dev_texts()[:2500]:
        recognizer.find(text)  # the names decided by their words alone, as a long run learns them
    quiet, keep_after = recognizer.quiet, recognizer.keep_after
    words, automaton = finders
    for text in dev_texts():
        assert candidates(automaton, text) == candidates(words, text)
        assert candidates(automaton, text, quiet, keep_after) == candidates(words, text, quiet, keep_after)


ARABIC = st.sampled_from("ابتثجحخدذرزسشصضطظعغفقكلمنهويةىأإآؤئءًٌٍَُِّْـ")
PIECES = st.sampled_from(["دير الزور", "ديرالزور", "وبحلب", "للرقة", "مدينة", "بلدة", "في", "#حلب_مدينة", " ", "  ",
                          "_", "-", "،", ".", "\n", "\u200c", "\u0640", "ّ", "2", "x", "ﻻ", "\U0001d400"])
TEXTS = st.lists(st.one_of(ARABIC, PIECES, st.characters()), max_size=60).map("".join)


@settings(max_examples=300, deadline=None)
@given(TEXTS)
def test_same_candidates_on_any_text(finders, text):
    words, automaton = finders
    assert candidates(automaton, text) == candidates(words, text)


def test_auto_turns_to_the_automaton_once_enough_text_has_been_read(both, monkeypatch, tmp_path):
    from gazetteer import candidates as module

    monkeypatch.setattr(module, "AUTOMATON_AFTER", 100_000)
    monkeypatch.setenv("GAZETTEER_CACHE", str(tmp_path))
    gz = Gazetteer(scan="auto")
    finder = gz.recognizer.finder
    assert finder.scan == "auto"
    gz.find("حلب")
    assert not finder.has_automaton
    text = "اشتباكات في حلب ودير الزور. " * 4000
    assert gz.find(text) == both[0].find(text)
    assert gz.find("حلب") == both[0].find("حلب")
    assert finder.has_automaton


def test_the_automaton_is_kept_on_disk_and_loaded_again(monkeypatch, tmp_path):
    from gazetteer import automaton as module

    monkeypatch.setenv("GAZETTEER_CACHE", str(tmp_path / "cache"))
    finder = Gazetteer(scan="automaton").recognizer.finder
    built = module.load_or_build(finder)
    kept = list((tmp_path / "cache").glob("names-*.pkl"))
    assert len(kept) == 1 and not list((tmp_path / "cache").glob(".names-*"))
    loaded = module.load_or_build(finder)
    assert loaded is not built and loaded.keys == built.keys and loaded.info == built.info
    text = "وصلت القوات إلى ديرالزور وللرقة ثم #حلب_مدينة"
    assert loaded.spans(text) == built.spans(text) != []
    kept[0].write_bytes(b"not a pickle")  # a damaged file is built again and replaced
    again = module.load_or_build(finder)
    assert again.spans(text) == built.spans(text) and kept[0].stat().st_size > 1000
    monkeypatch.setenv("GAZETTEER_CACHE", "off")
    assert module.cache_folder() is None and module.load_or_build(finder).spans(text) == built.spans(text)


def test_an_unknown_scan_is_refused():
    with pytest.raises(QueryError, match="scan"):
        Gazetteer(scan="regex")


def test_remembered_judgements_are_the_judgements(both):
    """The recogniser remembers how it judged a name by what the judging reads of it (a one-word name, and a
    name of several words with the shorter name it came down to): on all the development data, every
    candidate is judged the same with the memos as without, and find() gives the same mentions."""
    words = both[0]
    plain = Gazetteer(scan="words")
    recognizer = plain.recognizer
    recognizer._judge_remembered = recognizer._judge_span  # this gazetteer judges every candidate afresh
    recognizer._judge_name_remembered = recognizer._judge

    def fresh(cand):  # what find() reads of a judgement (_verdict_remembered's fields), judged afresh
        d = recognizer._judge_span(cand)
        return d.verdict, d.why, d.args, d.cue, d.weak

    def fresh_name(cand):
        d = recognizer._judge(cand)
        return d.candidate, d.verdict, d.why, d.args, d.cue, d.weak, d.notes

    recognizer._verdict_remembered, recognizer._name_verdict_remembered = fresh, fresh_name
    texts = dev_texts()
    for text in texts:
        assert words.find(text) == plain.find(text)
    remembered, finder = words.recognizer, words.recognizer.finder
    for text in texts[:3000]:
        for cand in finder.find(text)[1]:
            if cand.n_words == 1:
                a, b = remembered._judge_remembered(cand), recognizer._judge_span(cand)
                assert (a.verdict, a.why, a.args, a.cue, a.weak) == (b.verdict, b.why, b.args, b.cue, b.weak)
            else:
                a, b = remembered._judge_name_remembered(cand), recognizer._judge(cand)
                assert (a.candidate, a.verdict, a.why, a.args, a.cue, a.weak, a.notes) == (
                    b.candidate, b.verdict, b.why, b.args, b.cue, b.weak, b.notes)
