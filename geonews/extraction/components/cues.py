"""``cues``: the claim cues of a sentence (``claim_cues.csv``: سيطرت → control, تقدمت → advance, غارات →
attack, محادثات → diplomacy), outside place and actor names, without those that are another sense of the
word (تحقيق تقدم: progress), part of a name (ساحة التحرير) or about no territory (تحرير الرعايا)
(``claim_negators.csv`` positions ``sense``, ``name`` and ``after``). Whether a cue is asserted, negated,
threatened or planned is the next component's (``modality``)."""

from __future__ import annotations

from ..document import Cue, Doc
from ..registry import component
from ..tokens import Token

__all__ = ["cues", "find_cues"]

@component("cues", requires=("sent.places", "sent.actors"), sets=("sent.cues",))
def cues(doc: Doc) -> Doc:
    """Find each sentence's claim cues."""
    lex = doc.lexicons
    for sent in doc.active():
        masked = {i for use in sent.places if use.span is not None for i in range(*use.span)}
        for actor in sent.actors:
            # a movement noun heading the phrase names the deed as well as the doers (بدأت دوريات أميركية …)
            hit = lex.claims.match(sent.tokens, actor.start)
            masked.update(range(actor.start + (hit is not None and hit[1] == "advance"), actor.end))
        sent.cues = find_cues(sent.tokens, lex, masked, doc=doc, sent=sent)
    return doc


def find_cues(tokens: list[Token], lex, masked: set[int], doc=None, sent=None) -> list[Cue]:
    """Claim cues in order, without those negated or inside a name (هيئة تحرير الشام)."""
    out = []
    tracing = doc is not None and doc.trace is not None
    for i, n, claim_type in lex.claims.scan(tokens, masked):
        other_sense = i > 0 and lex.senses.match(tokens, i - 1) is not None
        # a name's head is the first term of a construct, which takes no article (جيش التحرير, not الجيش قصف)
        in_name = (i > 0 and lex.name_heads.match(tokens, i - 1) is not None
                   and not tokens[i - 1].norm.lstrip("وف").startswith("ال"))
        not_territory = i + n < len(tokens) and lex.non_territory.match(tokens, i + n) is not None
        words = " ".join(t.text for t in tokens[i:i + n])
        if not (other_sense or in_name or not_territory):
            out.append(Cue(claim_type, i, i + n))
            if tracing:
                doc.note("cues", sent, words, f"claim cue: {claim_type}")
        elif tracing:
            why = ("another sense of the word" if other_sense else "part of a name" if in_name
                   else "its object is not territory")
            doc.note("cues", sent, words, f"no {claim_type} claim", why)
    return out
