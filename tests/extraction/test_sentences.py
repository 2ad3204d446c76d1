"""Sentence segmentation: boundaries, exceptions, quotes, and the offset invariant."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from geonews.extraction.components.sentences import Sentence, split_sentences

CASES = [
    ("plain", "One. Two! Three? Four", ["One.", "Two!", "Three?", "Four"]),
    ("arabic question mark and semicolon", "هل وصلوا؟ نعم؛ وصلوا أمس. انتهى",
     ["هل وصلوا؟", "نعم؛", "وصلوا أمس.", "انتهى"]),
    ("line breaks", "عنوان الخبر\nالسطر الأول\n\n  السطر الثاني  ", ["عنوان الخبر", "السطر الأول", "السطر الثاني"]),
    ("crlf", "a\r\nb", ["a", "b"]),
    ("decimal", "قتل 4.5 ألف شخص. ثم 3.14 كم", ["قتل 4.5 ألف شخص.", "ثم 3.14 كم"]),
    ("arabic-indic decimal", "مساحة ٤.٥ كم. انتهى", ["مساحة ٤.٥ كم.", "انتهى"]),
    ("latin abbreviations", "Mr. Smith met Dr. Jones in the U.S. today. Next",
     ["Mr. Smith met Dr. Jones in the U.S. today.", "Next"]),
    ("e.g. and etc.", "Cities, e.g. Aleppo, Homs etc. are named. Next",
     ["Cities, e.g. Aleppo, Homs etc. are named.", "Next"]),
    ("initial", "وزير الخارجية J. Kerry وصل. ثم", ["وزير الخارجية J. Kerry وصل.", "ثم"]),
    ("arabic abbreviation", "قال د. محمد إن الوضع صعب. وأضاف", ["قال د. محمد إن الوضع صعب.", "وأضاف"]),
    ("arabic dotted initials", "أ.د. أحمد وصل. ثم", ["أ.د. أحمد وصل.", "ثم"]),
    ("domain", "راجع example.com اليوم. ثم", ["راجع example.com اليوم.", "ثم"]),
    ("no space after dot in arabic", "في سورية.وقال", ["في سورية.", "وقال"]),
    ("runs stay together", "Really?! Yes... no", ["Really?!", "Yes...", "no"]),
    ("closing bracket joins", "(see above.) Next", ["(see above.)", "Next"]),
    ("guillemets kept whole", "وقال «لن نتراجع. سنواصل؟ نعم» ثم غادر. انتهى",
     ["وقال «لن نتراجع. سنواصل؟ نعم» ثم غادر.", "انتهى"]),
    ("end right after the quote", "قال «كفى.» وغادر. بعد", ["قال «كفى.» وغادر.", "بعد"]),
    ("curly quotes", "He said “stop. now” and left. Ok", ["He said “stop. now” and left.", "Ok"]),
    ("straight quotes", 'He said "stop. now" and left. Ok', ['He said "stop. now" and left.', "Ok"]),
    ("unbalanced quote ends at line break", "قال «لن نتراجع. أبدا\nسطر. آخر", ["قال «لن نتراجع. أبدا", "سطر.", "آخر"]),
    ("stray closing quote ignored", "نعم» انتهى. ثم", ["نعم» انتهى.", "ثم"]),
    ("empty", "", []),
    ("whitespace only", " \n\t \n", []),
]


@pytest.mark.parametrize(("text", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_split(text, expected):
    sentences = split_sentences(text)
    assert [s.text for s in sentences] == expected
    assert all(text[s.start:s.end] == s.text for s in sentences)


def test_offsets():
    assert split_sentences("  أولا. ثانيا؟ ") == [Sentence(2, 7, "أولا."), Sentence(8, 14, "ثانيا؟")]


def test_sentence_is_immutable():
    sentence = split_sentences("أولا.")[0]
    with pytest.raises(AttributeError):
        sentence.start = 3


def test_seed_article(seed_text):
    sentences = split_sentences(seed_text)
    assert all(seed_text[s.start:s.end] == s.text for s in sentences)
    assert sentences[0].text == seed_text.split("\n")[0].strip()  # the headline
    assert any("4.5 ألف شخص" in s.text for s in sentences)  # decimal not split
    quoted = next(s for s in sentences if "«أرغب في التشديد" in s.text)
    assert quoted.text.endswith("إيجابية».")  # the quote stays inside one sentence
    assert len(sentences) >= 20


def test_long_text_without_boundaries_is_linear():
    """A million characters without an end or a space: bounded pieces (see below) that join up to the text."""
    from geonews.extraction.components.sentences import MAX_SENTENCE_CHARS

    text = "ا" * 1_000_000
    found = split_sentences(text)
    assert found[0] == Sentence(0, MAX_SENTENCE_CHARS, text[:MAX_SENTENCE_CHARS])
    assert "".join(s.text for s in found) == text


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=st.one_of(st.characters(), st.sampled_from(list(".!?؟؛…«»“”\"\n\r )]4ADdU. "))))
       | st.text())
def test_properties(text):
    sentences = split_sentences(text)
    position = 0
    for sentence in sentences:
        assert sentence.start >= position  # sorted, non-overlapping
        assert sentence.start < sentence.end
        assert text[sentence.start:sentence.end] == sentence.text
        assert sentence.text.strip() == sentence.text != ""
        position = sentence.end


# -- a sentence without an end (issue 19): bounded pieces, offsets exact ----------------------------------------

def test_a_sentence_without_an_end_is_cut_into_bounded_pieces():
    from geonews.extraction.components.sentences import MAX_SENTENCE_CHARS

    words = ["قصفت", "الطائرات", "مواقع", "في", "مدينة", "حلب", "أمس", "وقال", "مصدر", "إن"]
    text = " ".join(words[i % len(words)] for i in range(20_000))  # ~110,000 characters, no end
    found = split_sentences(text)
    assert len(found) > 1 and all(0 < s.end - s.start <= MAX_SENTENCE_CHARS for s in found)
    assert all(text[s.start:s.end] == s.text for s in found)
    assert all(not text[s.end - 1].isspace() and (s.end == len(text) or text[s.end].isspace()) for s in found)
    assert " ".join(s.text for s in found) == text  # cut at spaces only: every word whole, in order


def test_a_word_longer_than_the_bound_is_cut_at_the_bound():
    from geonews.extraction.components.sentences import MAX_SENTENCE_CHARS

    text = "ب" * (2 * MAX_SENTENCE_CHARS + 5)
    found = split_sentences(text)
    assert [s.end - s.start for s in found] == [MAX_SENTENCE_CHARS, MAX_SENTENCE_CHARS, 5]
    assert "".join(s.text for s in found) == text


def test_sentences_of_real_length_are_not_cut():
    from geonews.extraction.components.sentences import MAX_SENTENCE_CHARS

    sentence = ("وقال مصدر إن الطائرات قصفت مواقع في مدينة حلب، " * 40).strip()[:MAX_SENTENCE_CHARS - 1] + "."
    assert [s.text for s in split_sentences(sentence + " ثم")] == [sentence, "ثم"]
