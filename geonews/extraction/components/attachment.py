"""``attachment``: which claim cue governs each place and each figure of a sentence.

A place after a cue belongs to the nearest cue before it. A place before every cue belongs to the first
cue when nothing separates them (no comma), or when that cue governs no place of its own (قال إن العملية
في سورية ساعدت … في تحرير 12 ألف كيلومتر); otherwise it is only mentioned. A place whose role is not
``event`` (a party, an origin, a dateline's) is governed by no cue. Figures follow the same rule.
"""

from __future__ import annotations

from itertools import compress, count

from ..document import Cue, Doc
from ..registry import component

__all__ = ["assign", "attachment"]

#: What separates a place before a cue from it (a comma or a semicolon).
_COMMAS = frozenset("،,؛")


@component("attachment", requires=("sent.places", "sent.cues", "sent.quantities", "place.role"),
           sets=("sent.places", "sent.place_cues", "sent.quantity_cues"))
def attachment(doc: Doc) -> Doc:
    """Put each sentence's places in text order and give each place and figure its governing cue."""
    for sent in doc.active():
        sent.places.sort(key=lambda use: use.token)  # stable: a name, then what repeats it
        cues = sent.cues
        # commas matter only to cues (a scan in C: most sentences are long)
        commas = list(compress(count(), map(_COMMAS.__contains__, sent.tokens.norms))) if cues else []
        owners = assign(cues, [use.token for use in sent.places], commas)
        sent.place_cues = [None if use.role != "event" else owner for use, owner in zip(sent.places, owners)]
        sent.quantity_cues = assign(cues, [i for i, _ in sent.quantities], commas)
        if doc.trace is not None:
            for use, owner in zip(sent.places, sent.place_cues):
                said = "only mentioned" if owner is None else f"governed by the {cues[owner].claim_type} cue " \
                       f"{' '.join(t.text for t in sent.tokens[cues[owner].start:cues[owner].end])!r}"
                doc.note("attachment", sent, use.text, said, "" if use.role == "event" else f"role {use.role}")
    return doc


def assign(cues: list[Cue], positions: list[int], commas: list[int] | None = None) -> list[int | None]:
    """For each token position, the index of the cue that governs it, or ``None`` (see the module notes)."""
    commas = commas or []
    out: list[int | None] = []
    for pos in positions:
        before = [k for k, c in enumerate(cues) if c.start <= pos]
        out.append(before[-1] if before else None)
    if cues:
        first = cues[0].start
        first_has_own = any(owner == 0 for owner in out)
        for n, pos in enumerate(positions):
            if out[n] is None and pos < first:
                separated = any(pos < c < first for c in commas)
                if not separated or not first_has_own:
                    out[n] = 0
    return out
