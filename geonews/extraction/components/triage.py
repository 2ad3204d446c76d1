"""``triage``: the sentences that can state nothing — no place name, no claim cue, no word for "the
country" (البلاد) — are marked quiet, and the components after this one pass them by (a fifth of news
sentences)."""

from __future__ import annotations

from ..document import Doc
from ..registry import component
from .anaphora import country_word_positions

__all__ = ["triage"]


@component("triage", requires=("sent.mentions", "sent.tokens"), sets=("sent.quiet",))
def triage(doc: Doc) -> Doc:
    """Mark the sentences that name no place and hold no claim cue nor country word."""
    claims = doc.lexicons.claims
    for sent in doc.sents:
        sent.quiet = (not sent.mentions and not claims.candidates(sent.tokens)
                      and not country_word_positions(sent.tokens, doc.lexicons, set()))
    return doc
