"""``mentions``: the place names of the article (``Gazetteer.find`` over the whole text, so each name is
resolved in the article's context), each given to the sentence it lies in."""

from __future__ import annotations

from ..document import Doc
from ..registry import component

__all__ = ["mentions"]


@component("mentions", requires=("doc.sents",), sets=("doc.mentions", "sent.mentions"))
def mentions(doc: Doc) -> Doc:
    """Find the article's place mentions and hand each sentence those inside it."""
    found = doc.mentions = doc.gazetteer.find(doc.text)
    cursor = 0
    for sent in doc.sents:
        while cursor < len(found) and found[cursor].start < sent.start:
            cursor += 1
        k = cursor
        while k < len(found) and found[k].end <= sent.end:
            k += 1
        sent.mentions = found[cursor:k]
        if doc.trace is not None:
            for m in sent.mentions:
                where = f"{m.place.name} ({m.place.id})" if m.place else "unresolved"
                doc.note("mentions", sent, m.text, f"place name: {where}", "Gazetteer.find (its explain() says why)")
    return doc
