"""``tokens``: the article's words and the punctuation that matters, made once for every later component."""

from __future__ import annotations

from ..document import Doc
from ..registry import component

__all__ = ["tokens"]


@component("tokens", sets=("doc.tokens",))
def tokens(doc: Doc) -> Doc:
    """Tokenise the whole article, flagged for the lexicons' matchers."""
    doc.tokens = doc.lexicons.tokenize(doc.text)
    return doc
