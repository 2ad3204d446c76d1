"""``anaphora``: البلاد / هذا البلد name the last country the article named before (or in) the sentence:
each becomes a place of its sentence."""

from __future__ import annotations

from ..document import Doc, PlaceUse
from ..registry import component
from ..tokens import Tokens, forms

__all__ = ["anaphora", "country_word_positions"]


@component("anaphora", requires=("sent.places",), sets=("sent.places",))
def anaphora(doc: Doc) -> Doc:
    """Add the last country named as a place wherever a sentence says "the country"."""
    country = None
    for sent in doc.active():
        for use in sent.places:
            if use.mention is not None and use.place is not None and use.place.feature == "country":
                country = use.place
        place_tokens = {i for use in sent.places if use.span is not None for i in range(*use.span)}
        for j in country_word_positions(sent.tokens, doc.lexicons, place_tokens):
            if country is None:
                continue
            tok = sent.tokens[j]
            lead = _clitics_before(tok.norm, doc.lexicons.grammar["country_word"])
            sent.places.append(PlaceUse(j, tok.text[lead:], tok.start + lead, tok.end, country, "in"))
            if doc.trace is not None:
                doc.note("anaphora", sent, tok.text, f"the country named last: {country.name}")
    return doc


def country_word_positions(tokens: Tokens, lexicons, place_tokens: set[int]) -> list[int]:
    """Positions of البلاد / هذا البلد (outside place names, and not right before one)."""
    out = []
    if "بل" not in " ".join(tokens.norms):  # every form of البلاد / البلد holds بل: most sentences stop here
        return out
    words = lexicons.grammar["country_word"]
    for j, tok in enumerate(tokens):
        if "بل" not in tok.norm or j in place_tokens:
            continue
        if not words.isdisjoint(forms(tok.norm)) and not (j + 1 < len(tokens) and (j + 1) in place_tokens):
            out.append(j)
    return out


def _clitics_before(norm: str, words: frozenset[str]) -> int:
    """How many letters of clitics (و ف ب ل ك) stand before the country word in a token (وللبلاد: 2, the
    article's ل kept as for place names; البلاد: 0)."""
    word = next((f for f in forms(norm) if f in words), norm)
    if norm.endswith(word):
        return len(norm) - len(word)
    return len(norm) - len(word) + 1  # ل + ال written لل
