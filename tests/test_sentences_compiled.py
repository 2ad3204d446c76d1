"""The compiled scan of the sentence marks (``_splitwords.sentence_marks``) gives what the regex of
geonews/extraction/components/sentences.py, the reference, gives — the same spans, so the same sentences — on
all the development data and on any text."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from geonews.extraction.components import sentences
from test_scan import dev_texts

_splitwords = pytest.importorskip("geonews.extraction._splitwords")


def python_split(text: str):
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(sentences, "_marks", sentences._python_marks)
        return sentences.split_sentences(text)


def test_same_marks_and_sentences_on_the_development_data():
    texts = dev_texts()
    assert len(texts) > 7000
    for text in texts:
        assert _splitwords.sentence_marks(text) == sentences._python_marks(text)
        assert sentences.split_sentences(text) == python_split(text)


def test_split_sentences_uses_it_and_the_switch(monkeypatch):
    assert sentences._marks is _splitwords.sentence_marks
    monkeypatch.setenv("GEONEWS_COMPILED", "0")
    assert sentences._compiled_marks() is sentences._python_marks
    text = 'قال «هذا 4.5 كم.» ثم غادر...) هل عاد؟] نعم\r\n"لا" … ۔ U.S. د. x'
    assert sentences.split_sentences(text) == python_split(text)
    assert _splitwords.sentence_marks(text) == sentences._python_marks(text) != []


_CHARS = st.sampled_from(list(".!?\u061f\u061b\u2026\u06d4\n\r\u00ab\u00bb\u201c\u201d\"()[]] a.bح4٫") + ["\U0001d7d9", "\u2028"])


@settings(max_examples=500, deadline=None)
@given(st.lists(_CHARS, max_size=60).map("".join) | st.text(max_size=40))
def test_same_marks_on_any_text(text):
    assert _splitwords.sentence_marks(text) == sentences._python_marks(text)
    assert sentences.split_sentences(text) == python_split(text)
