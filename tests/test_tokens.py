"""Tokens: one tokenisation per article sliced per sentence, and the flags that tell every matcher
where an entry may start."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from geonews.extraction.lexicons import Matcher, load_lexicons, token_slice, tokenize
from geonews.extraction.sentences import split_sentences

ARABIC_WORDS = ["قال", "المرصد", "إن", "قوات", "سوريا", "الديمقراطية", "سيطرت", "على", "وسط", "مدينة", "منبج",
                "ريف", "اللاذقية", "،", "«", "»", ".", "3.5", "٪", "والتحالف", "للإرهابيين", "مَدِينَةُ", "ـ"]


def test_sentence_slices_equal_sentence_tokens(seed_text):
    article = tokenize(seed_text)
    for sentence in split_sentences(seed_text):
        sliced = token_slice(article, sentence.start, sentence.end)
        alone = tokenize(sentence.text, offset=sentence.start)
        assert list(sliced) == list(alone)
        assert sliced.norms == alone.norms and sliced.flags == alone.flags
        assert sliced.active == alone.active == [i for i, f in enumerate(alone.flags) if f]
        assert sliced.active_flags == [f for f in alone.flags if f]
        assert sliced.starts == [t.start for t in alone] and sliced.ends == [t.end for t in alone]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(ARABIC_WORDS), max_size=30), st.sampled_from([" ", "  ", "\n", " ، "]))
def test_slices_of_any_text_equal_its_sentences_tokens(words, joiner):
    text = joiner.join(words)
    article = tokenize(text)
    for sentence in split_sentences(text):
        sliced = token_slice(article, sentence.start, sentence.end)
        assert list(sliced) == list(tokenize(sentence.text, sentence.start))
        assert sliced.starts == [t.start for t in sliced] and sliced.ends == [t.end for t in sliced]


def test_candidates_within_a_window_are_those_of_the_whole_list_inside_it(seed_text):
    """Matcher.candidates(tokens, start, stop): the positions of the whole sentence's scan inside the window."""
    lex = load_lexicons()
    tokens = tokenize(seed_text)
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
    tokens = tokenize(seed_text)
    unflagged = list(tokens)  # a plain list: no flags, every position tried
    for matcher in [lex.claims, lex.actors, lex.reporting, lex.relations, lex.units, lex.negators, lex.supporters]:
        flagged = set(matcher.candidates(tokens))
        assert len(flagged) < len(tokens)  # the flags rule most positions out
        found = {i for i in range(len(tokens)) if matcher.match(unflagged, i) is not None}
        assert found <= flagged
        assert found == {i for i in flagged if matcher.match(tokens, i) is not None}
        if matcher in (lex.claims, lex.actors, lex.reporting, lex.relations, lex.units):
            assert found  # the seed has entries of these kinds


def test_a_new_matcher_gets_its_own_bit():
    before = tokenize("دخلت القافلة بلدة الزعيمة")
    matcher = Matcher([("القافلة", "convoy"), ("بلده*", "town")])
    after = tokenize("دخلت القافلة بلدة الزعيمة")
    assert [bool(f & matcher.bit) for f in after.flags] == [False, True, True, False]
    assert matcher.scan(after) == [(1, 1, "convoy"), (2, 1, "town")]
    # tokens made before the matcher carry no bit of it: it tries every position instead
    assert matcher.candidates(before) == [0, 1, 2, 3]
    assert matcher.scan(before) == matcher.scan(after)
