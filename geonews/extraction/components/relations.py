"""``relations``: how each place a sentence names relates to where things happened — the relation cue
right before it (وسط مدينة منبج → ``center``, ريف اللاذقية → ``countryside``, جنوبي دمشق → ``south``; a
generic place word may stand between: أراضي جنوبي دمشق), ``in`` when there is none — and a side word
with a pronoun right after a place (شرقي حلب وغربيها), which names the same place again."""

from __future__ import annotations

from gazetteer.morphology import word_forms
from gazetteer.lexicon import place_words

import functools

from ..document import Doc, PlaceUse
from ..registry import component
from ..tokens import Token, token_index

__all__ = ["is_place_word", "relation_before", "relation_ending_at", "relations"]

#: How far after a place's first token a pronoun side word may stand (شرقي حلب وغربيها).
_REPEAT_REACH = 3


@component("relations", requires=("sent.places",), sets=("sent.places",))
def relations(doc: Doc) -> Doc:
    """Set each place's relation; add the places a side word with a pronoun repeats."""
    lex = doc.lexicons
    for sent in doc.active():
        tokens, out = sent.tokens, []
        previous = None
        for use in sent.places:
            i = use.span[0]
            use.relation = relation_before(tokens, i, lex)
            if (use.relation == "in" and previous is not None and previous.span[1] == i
                    and tokens.norms[i][:1] == "و" and _after_a_dual(tokens, previous, lex)):
                use.relation = previous.relation  # في ريفي حماة وإدلب: the dual covers both
            previous = use
            out.append(use)
            if doc.trace is not None and use.relation != "in":
                doc.note("relations", sent, use.text, f"relation {use.relation}", "the cue before it")
            repeat = _pronoun_relation_after(tokens, i, use.end, lex)
            if repeat is not None:
                j, relation = repeat
                tok = tokens[j]
                lead = len(tok.text) - len(tok.text.lstrip("وف")) if len(tok.text) > 3 else 0
                out.append(PlaceUse(j, tok.text[lead:], tok.start + lead, tok.end, use.place, relation))
                if doc.trace is not None:
                    doc.note("relations", sent, tok.text, f"{use.text} again, relation {relation}",
                             "a side word with a pronoun right after the place")
        sent.places = out
    return doc


_OF = "من"


def relation_before(tokens: list[Token], i: int, lex) -> str:
    """The relation cue right before a place (وسط مدينة منبج، ريف اللاذقية، جنوبي دمشق)."""
    k = i - 1
    # skip a generic place word between the cue and the name (وسط مدينة منبج، أراضي جنوبي دمشق)
    while k >= 0 and i - k <= 2 and is_place_word(tokens[k].norm, lex):
        k -= 1
    found = relation_ending_at(tokens, k, lex)  # بالقرب من دمشق: the cue ends with من
    if found is None and k > 0 and tokens[k].norm == _OF:
        found = relation_ending_at(tokens, k - 1, lex)  # في الشمال الشرقي من سوريا: a direction, then من
    return found[1] if found is not None else "in"


def _after_a_dual(tokens: list[Token], use, lex) -> bool:
    """Whether the relation word before a place is a dual (``dual_relation``: ريفي), covering two places."""
    k = use.span[0] - 1
    while k >= 0 and use.span[0] - k <= 2 and is_place_word(tokens[k].norm, lex):
        k -= 1
    return k >= 0 and tokens.norms[k].lstrip("وفب") in lex.grammar["dual_relation"]


def relation_ending_at(tokens: list[Token], k: int, lex) -> tuple[int, str] | None:
    """(where it begins, the relation) of a relation cue that ends at token ``k``, or ``None``."""
    for start in (k - 2, k - 1, k):
        if start < 0:
            continue
        hit = lex.relations.match(tokens, start)
        if hit is not None and start + hit[0] - 1 == k:
            return start, hit[1][0]
    return None


@functools.lru_cache(maxsize=4096)
def is_place_word(norm: str, lex) -> bool:
    """A generic place word (مدينة، بلدة، أراضي …), with or without clitics."""
    return not place_words().isdisjoint(word_forms(norm))


def _pronoun_relation_after(tokens: list[Token], i: int, end: int, lex) -> tuple[int, str] | None:
    """A side word with a pronoun right after a place ending at ``end`` whose first token is ``i``."""
    j = token_index(tokens, end)
    if j >= len(tokens) or j - i > _REPEAT_REACH:
        return None
    tok = tokens[j]
    if not tok.norm.endswith(lex.stems["pronoun_suffix"]):
        return None
    hit = lex.relations.match(tokens, j)
    if hit is None or hit[0] != 1:
        return None
    return j, hit[1][0]
