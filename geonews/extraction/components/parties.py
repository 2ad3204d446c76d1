"""``parties``: a country or capital named bare right next to a claim cue acts as its subject (شنت
الولايات المتحدة ضربات، واشنطن تدعمهم): it stands for a government, so it is a ``party``, not where the
event happened, and the cue's actor when the sentence names no other. The countries listed right before
it act with it (الولايات المتحدة وبريطانيا وفرنسا شنت)."""

from __future__ import annotations

from ..document import Doc
from ..registry import component
from ..tokens import Token, forms

__all__ = ["acts", "parties"]


@component("parties", requires=("sent.places", "sent.cues", "place.role"), sets=("place.role", "sent.acting"))
def parties(doc: Doc) -> Doc:
    """Mark the countries that act as a cue's subject, and remember which cue each acts for."""
    gz, lex = doc.gazetteer, doc.lexicons
    for sent in doc.active():
        if not sent.cues:
            continue  # with no cue every place is only mentioned: what acts changes nothing
        tokens = sent.tokens
        cue_starts = {c.start: k for k, c in enumerate(sent.cues)}
        cue_ends = {c.end: k for k, c in enumerate(sent.cues)}
        list_end = -1  # token after the last acting country, for lists
        named = []  # the names so far
        for use in sent.places:
            if use.span is None:
                continue
            i, e = use.span
            if (use.role == "event" and use.relation == "in" and (e in cue_starts or i in cue_ends or i == list_end)
                    and acts(use.mention, tokens, i, gz, lex)):
                if i != list_end:
                    sent.acting.setdefault(cue_starts.get(e, cue_ends.get(i)), use.mention)
                _party(doc, sent, use, "acts as the subject of a cue next to it")
                list_end = e
                first = i  # the first token of the list so far
                for earlier in reversed(named):
                    pi, pe = earlier.span
                    if pe != first or not acts(earlier.mention, tokens, pi, gz, lex):
                        break
                    if earlier.role == "event":
                        _party(doc, sent, earlier, "listed with a country acting as a cue's subject")
                    first = pi
            named.append(use)
    return doc


def _party(doc: Doc, sent, use, why: str) -> None:
    use.role = "party"
    if doc.trace is not None:
        doc.note("parties", sent, use.text, "party", why)


def acts(mention, tokens: list[Token], i: int, gazetteer, lex) -> bool:
    """A country or capital named bare, with no preposition: the subject of a verb next to it."""
    place = mention.place
    if place is None or not (place.feature == "country" or gazetteer.is_capital(place)):
        return False
    clitic = tokens[i].text[:max(0, mention.start - tokens[i].start)] if i < len(tokens) else ""
    if "ب" in clitic or "ل" in clitic:
        return False
    return i == 0 or lex.speech["locative"].isdisjoint(forms(tokens[i - 1].norm))
