"""``mentions``: the place names of the article (``Gazetteer.find`` over the whole text, so each name is
resolved in the article's context), each given to the sentence it lies in."""

from __future__ import annotations

from gazetteer import Mention, normalize

from ..document import Doc
from ..registry import component

__all__ = ["mentions"]


@component("mentions", requires=("doc.sents",), sets=("doc.mentions", "sent.mentions"))
def mentions(doc: Doc) -> Doc:
    """Find the article's place mentions and hand each sentence those inside it."""
    found = doc.found_ahead
    if found is None:
        found = doc.gazetteer.find(doc.text)
    else:  # found for a batch of articles ahead of their runs (Pipeline.find_ahead)
        doc.found_ahead = None
    found = doc.mentions = _as_known(_without_place_nouns(found, doc), doc)
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


def _without_place_nouns(found: list[Mention], doc: Doc) -> list[Mention]:
    """The mentions but those that are a definite place noun alone (``place_anaphora.csv``: المدينة،
    البلدة): in news it is "the city" named before (the anaphora component's to resolve), not a place of
    that name (المدينة is also Medina: 7 of 7 such readings on ANT were a Syrian town)."""
    nouns = doc.lexicons.place_anaphora
    out = [m for m in found if normalize(m.text) not in nouns]
    if doc.trace is not None and len(out) != len(found):
        for m in found:
            if normalize(m.text) in nouns:
                doc.note("mentions", None, m.text, "no place name", "a definite place noun: the place named before")
    return out


def _as_known(found: list[Mention], doc: Doc) -> list[Mention]:
    """The mentions with each name the article's text also names resolved as the text resolved it (a
    headline read apart has little context: القنيطرة in a headline over a story of southern Syria is
    Quneitra, as in the story, not Kenitra)."""
    known = doc.known_places
    if not known:
        return found
    out = []
    for m in found:
        place = known.get(normalize(m.text))
        if place is None or (m.place is not None and m.place.id == place.id):
            out.append(m)
            continue
        if doc.trace is not None:
            doc.note("mentions", None, m.text, f"the text's place: {place.name} ({place.id})",
                     "a headline's name the article's text names too")
        out.append(Mention(m.start, m.end, m.text, place))
    return out
