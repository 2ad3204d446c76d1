"""Tokens: one tokenisation per article sliced per sentence, and the flags that tell every matcher
where an entry may start."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from geonews.extraction.components.sentences import split_sentences
from geonews.extraction.lexicons import load_lexicons
from geonews.extraction.matcher import Matcher, WordFlags
from geonews.extraction.tokens import token_slice, tokenize

ARABIC_WORDS = ["قال", "المرصد", "إن", "قوات", "سوريا", "الديمقراطية", "سيطرت", "على", "وسط", "مدينة", "منبج",
                "ريف", "اللاذقية", "،", "«", "»", ".", "3.5", "٪", "والتحالف", "للإرهابيين", "مَدِينَةُ", "ـ"]


def test_sentence_slices_equal_sentence_tokens(seed_text):
    lex = load_lexicons()
    article = lex.tokenize(seed_text)
    for sentence in split_sentences(seed_text):
        sliced = token_slice(article, sentence.start, sentence.end)
        alone = lex.tokenize(sentence.text, offset=sentence.start)
        assert list(sliced) == list(alone)
        assert sliced.norms == alone.norms and sliced.flags == alone.flags
        assert sliced.active == alone.active == [i for i, f in enumerate(alone.flags) if f]
        assert sliced.active_flags == [f for f in alone.flags if f]
        assert sliced.starts == [t.start for t in alone] and sliced.ends == [t.end for t in alone]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(ARABIC_WORDS), max_size=30), st.sampled_from([" ", "  ", "\n", " ، "]))
def test_slices_of_any_text_equal_its_sentences_tokens(words, joiner):
    text = joiner.join(words)
    lex = load_lexicons()
    article = lex.tokenize(text)
    for sentence in split_sentences(text):
        sliced = token_slice(article, sentence.start, sentence.end)
        alone = lex.tokenize(sentence.text, sentence.start)
        assert list(sliced) == list(alone) and sliced.flags == alone.flags
        assert sliced.starts == [t.start for t in sliced] and sliced.ends == [t.end for t in sliced]


def test_candidates_within_a_window_are_those_of_the_whole_list_inside_it(seed_text):
    """Matcher.candidates(tokens, start, stop): the positions of the whole sentence's scan inside the window."""
    lex = load_lexicons()
    tokens = lex.tokenize(seed_text)
    for matcher in [lex.claims, lex.supporters, lex.relations]:
        everywhere = matcher.candidates(tokens)
        for start in range(0, len(tokens), 7):
            stop = start + 5
            assert matcher.candidates(tokens, start, stop) == [i for i in everywhere if start <= i < stop]
        assert matcher.candidates(list(tokens), 3, 6) == [3, 4, 5]  # a plain list: every position
        assert matcher.candidates(list(tokens), len(tokens) - 1, len(tokens) + 5) == [len(tokens) - 1]


def test_flags_mark_every_position_where_an_entry_starts(seed_text):
    """Where a matcher's bit is off, match() finds nothing: the flags only skip work."""
    lex = load_lexicons()
    tokens = lex.tokenize(seed_text)
    unflagged = list(tokens)  # a plain list: no flags, every position tried
    for matcher in [lex.claims, lex.actors, lex.reporting, lex.relations, lex.units, lex.modality, lex.supporters]:
        flagged = set(matcher.candidates(tokens))
        assert len(flagged) < len(tokens)  # the flags rule most positions out
        found = {i for i in range(len(tokens)) if matcher.match(unflagged, i) is not None}
        assert found <= flagged
        assert found == {i for i in flagged if matcher.match(tokens, i) is not None}
        if matcher in (lex.claims, lex.actors, lex.reporting, lex.relations, lex.units, lex.modality):
            assert found  # the seed has entries of these kinds


def test_a_matcher_gets_the_bit_of_its_word_flags():
    matcher = Matcher([("القافلة", "convoy"), ("بلده*", "town")])
    other = Matcher([("دخلت", "entered")])
    flags = WordFlags([other, matcher])
    assert (other.bit, matcher.bit) == (1, 2)
    tokens = tokenize("دخلت القافلة بلدة الزعيمة", flags=flags)
    assert [bool(f & matcher.bit) for f in tokens.flags] == [False, True, True, False]
    assert [bool(f & other.bit) for f in tokens.flags] == [True, False, False, False]
    assert matcher.scan(tokens) == [(1, 1, "convoy"), (2, 1, "town")]
    assert matcher.candidates(tokens) == [1, 2]


def test_tokens_made_without_a_matchers_flags_are_all_tried():
    matcher = Matcher([("القافلة", "convoy"), ("بلده*", "town")])
    WordFlags([matcher])
    plain = tokenize("دخلت القافلة بلدة الزعيمة")  # no flags
    other = tokenize("دخلت القافلة بلدة الزعيمة", flags=WordFlags([Matcher([("x", 1)])]))
    for tokens in (plain, other):
        assert matcher.candidates(tokens) == [0, 1, 2, 3]
        assert matcher.scan(tokens) == [(1, 1, "convoy"), (2, 1, "town")]


def test_a_matcher_joins_one_word_flags_only():
    matcher = Matcher([("قال", 1)])
    WordFlags([matcher])
    with pytest.raises(ValueError, match="belong to no other"):  # it would hold two bits
        WordFlags([matcher])
