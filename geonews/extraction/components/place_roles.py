"""``place_roles``: places a sentence names that are not where its events happened — one that backs or
hosts an actor (المدعومة من روسيا، ومقره لندن: ``origin``), a dateline's (دبي (CNN)-- …: ``mention``),
one inside the speaker's name (قالت موسكو: ``party``). Every other place keeps the role ``event``
(``parties`` later marks the countries that act as a cue's subject)."""

from __future__ import annotations

import re

from ..document import Doc
from ..registry import component

__all__ = ["dateline_end", "place_roles"]

#: A dateline before the story (دبي، الإمارات العربية المتحدة (CNN)-- …): its places are not the story's.
_DATELINE = re.compile(r"^[^\n.؟!]{0,80}?\)\s*(?:--|—|-)|^[^\n.؟!]{0,60}?(?:--|—)")
#: How many words before a place a supporter word may stand.
_SUPPORTER_REACH = 2


@component("place_roles", requires=("sent.places", "sent.speaker_span"), sets=("place.role",))
def place_roles(doc: Doc) -> Doc:
    """Give the places that back or host an actor, datelines and the speaker's own places their roles."""
    supporters = doc.lexicons.supporters
    for sent in doc.active():
        tokens = sent.tokens
        dateline = dateline_end(sent.text, sent.start)
        for use in sent.places:
            if use.span is None:  # a place repeated by a pronoun or by البلاد
                continue
            i = use.span[0]
            if any(supporters.match(tokens, k) is not None
                   for k in supporters.candidates(tokens, max(0, i - _SUPPORTER_REACH), i)):
                use.role, why = "origin", "a supporter word before it (المدعومة من، ومقره)"
            elif use.end <= dateline:
                use.role, why = "mention", "in the dateline"
            elif sent.speaker_span is not None and sent.speaker_span[0] <= use.start < sent.speaker_span[1]:
                use.role, why = "party", "part of the speaker"
            else:
                continue
            if doc.trace is not None:
                doc.note("place_roles", sent, use.text, use.role, why)
    return doc


def dateline_end(text: str, offset: int) -> int:
    """Article offset where a sentence's dateline ends, or -1 when it has none."""
    # (a dateline ends with a dash: without one, the pattern's backtracking over 80 characters is spared)
    if "-" not in text and "—" not in text:
        return -1
    match = _DATELINE.match(text)
    return offset + match.end() if match else -1
