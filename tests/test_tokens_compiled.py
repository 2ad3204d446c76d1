"""The compiled token split (geonews/extraction/_splitwords.pyx) gives what the regex split in
geonews/extraction/tokens.py, the reference, gives — the same tokens, offsets and normal forms — on all the
development data and on any text."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from geonews.extraction import tokens
from geonews.extraction.lexicons import load_lexicons
from test_scan import dev_texts

_splitwords = pytest.importorskip("geonews.extraction._splitwords")


def regex_split(text: str, offset: int = 0):
    """The reference: tokenize()'s regex split, as (texts, starts, ends); ``starts`` ends with the end of the
    text (``tokenize`` has always kept that bound: it is the start of no token, and no bisection finds it)."""
    pieces = tokens._SPLIT.split(text)
    bounds = list(itertools.accumulate(map(len, pieces), initial=offset))
    return pieces[1::2], bounds[1::2], bounds[2::2]


def test_same_tokens_on_the_development_data():
    texts = dev_texts()
    assert len(texts) > 7000
    for text in texts:
        assert _splitwords.split_tokens(text, 5) == regex_split(text, 5)


def python_tokenize(text: str, offset: int = 0, flags=None):
    """tokenize() with the regex split (the reference)."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(tokens, "_tokens_of", None)
        return tokens.tokenize(text, offset, flags)


def same(compiled, python) -> bool:
    return (compiled == python and all(type(t) is tokens.Token for t in compiled) and type(compiled) is tokens.Tokens
            and (compiled.norms, compiled.starts, compiled.ends, compiled.flags, compiled.active,
                 compiled.active_flags) == (python.norms, python.starts, python.ends, python.flags, python.active,
                                            python.active_flags))


def test_same_tokenize_on_the_development_data(lex):
    flags = lex.tokenize("x").flagged_by
    for text in dev_texts():
        assert same(tokens.tokenize(text, 7, flags), python_tokenize(text, 7, flags))


def test_tokenize_uses_it_and_the_switch(monkeypatch):
    assert tokens._tokens_of is _splitwords.tokens_of
    monkeypatch.setenv("GEONEWS_COMPILED", "0")
    assert tokens._compiled_split() is None
    text = "قال ١٢٫٥ % «حلب»، 4.5.6 كم_x ـبِسم 12a"
    assert same(tokens.tokenize(text, 3), python_tokenize(text, 3))


def test_tokens_of_wants_a_plain_named_tuple():
    class Wide(tuple):
        pass  # has a __dict__: not laid out as a tuple

    with pytest.raises(TypeError):
        _splitwords.tokens_of("حلب", 0, {}, str, Wide)


_CHARS = st.sampled_from(list("ab٣3٫.,،:؛%٪«»\"“”_ -\n\u064b\u0650\u0670\u0640\u0651حلبة\u200fx#") + ["\U0001d7d9", "²", "Ⅻ"])


@settings(max_examples=500, deadline=None)
@given(st.lists(_CHARS, max_size=40).map("".join) | st.text(max_size=30), st.integers(0, 1000))
def test_same_tokens_on_any_text(text, offset):
    assert _splitwords.split_tokens(text, offset) == regex_split(text, offset)
    assert same(tokens.tokenize(text, offset), python_tokenize(text, offset))
    flags = load_lexicons().flags  # the flags looked up in the same walk
    assert same(tokens.tokenize(text, offset, flags), python_tokenize(text, offset, flags))


def test_the_table_of_words_seen_gives_the_same_tokens_when_full_and_emptied(lex):
    """The compiled tokeniser's table of words seen (each word's string, normal form and flags found from the
    text's characters): a table of 16 slots, emptied every 12 words, gives what the reference gives on all the
    development data, twice over (the second pass finding the words it kept)."""
    flags = lex.tokenize("x").flagged_by
    pairs = flags.words()
    table = _splitwords.WordTable(16)
    assert (table.most, len(table)) == (12, 0)
    for text in dev_texts() * 2:
        made, norms, starts, ends, bits, active, active_flags = _splitwords.tokens_of(
            text, 7, {}, None, tokens.Token, pairs, pairs.__getitem__, table)
        python = python_tokenize(text, 7, flags)
        assert (made, norms, starts, ends, bits, active, active_flags) == (
            list(python), python.norms, python.starts, python.ends, python.flags, python.active, python.active_flags)
        assert len(table) <= table.most
    assert [t.text for t in made] == [t.text for t in python]
    table.clear()
    assert len(table) == 0


def test_the_table_of_words_seen_is_kept_with_the_flags(lex):
    flags = lex.tokenize("قال المرصد").flagged_by
    assert isinstance(flags.token_table, _splitwords.WordTable) and len(flags.token_table) > 0
    first = tokens.tokenize("قال المرصد إن", 0, flags)
    again = tokens.tokenize("وقال المرصد إن", 0, flags)
    assert first[1].text is again[1].text and first[2].text is again[2].text  # each word a string once
    with pytest.raises(ValueError):
        _splitwords.WordTable(12)  # not a power of two
