"""``cues``: the claim cues of a sentence (``claim_cues.csv``: سيطرت → control, تقدمت → advance, غارات →
attack, محادثات → diplomacy), outside place and actor names, without those that are another sense of the
word (تحقيق تقدم: progress), part of a name (ساحة التحرير) or about no territory (تحرير الرعايا)
(``claim_negators.csv`` positions ``sense``, ``name`` and ``after``); and a place held by the actor named
right after a holding word that agrees with it (قاعدة تي فور التابعة للجيش السوري: control). Whether a cue is asserted, negated,
threatened or planned is the next component's (``modality``)."""

from __future__ import annotations

import functools

from gazetteer.lexicon import place_words
from gazetteer.morphology import has_nisba_shape, word_forms

from ..document import Cue, Doc
from ..registry import component
from ..tokens import Token
from .arguments import relative_subject

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
        held = _holdings(sent, lex, masked)
        if held:
            sent.cues = sorted(sent.cues + held, key=lambda c: c.start)
            if doc.trace is not None:
                for cue in held:
                    doc.note("cues", sent, sent.tokens[cue.start].text, "claim cue: control",
                             "a place held by the actor after it (والتابع للنظام السوري)")
        for cue in sent.cues:  # read by parties, arguments and statements: found once
            cue.relative_subject = relative_subject(cue, sent.tokens, lex)
    return doc


def find_cues(tokens: list[Token], lex, masked: set[int], doc=None, sent=None) -> list[Cue]:
    """Claim cues in order, without those negated or inside a name (هيئة تحرير الشام)."""
    out = []
    tracing = doc is not None and doc.trace is not None
    homographs = lex.grammar["particle_homograph"]
    for i, n, claim_type in lex.claims.scan(tokens, masked):
        # right before the cue, or with an indefinite adjective between (وقف دائم لإطلاق النار، إحراز أي تقدم)
        other_sense = i > 0 and (_sense_for(lex.senses.match(tokens, i - 1), claim_type) or (
            i > 1 and not tokens.norms[i - 1].lstrip("و").startswith(("ال", "لل"))
            and tokens.norms[i - 1] not in lex.speech["locative"] and tokens.norms[i - 1] not in lex.speech["stop"]
            and lex.claims.match(tokens, i - 1) is None and _sense_for(lex.senses.match(tokens, i - 2), claim_type)))
        if tokens[i].norm in homographs and not (i + 1 < len(tokens) and tokens[i + 1].norm.startswith("ال")):
            other_sense = True  # فقد تضمنت: فـ + قد before a verb, not 'lost'
        # a name's head is the first term of a construct, which takes no article (جيش التحرير, not الجيش قصف)
        in_name = (i > 0 and lex.name_heads.match(tokens, i - 1) is not None
                   and not tokens[i - 1].norm.lstrip("وف").startswith("ال"))
        beyond = lex.non_territory.match(tokens, i + n) if i + n < len(tokens) else None
        not_territory = beyond is not None and beyond[1] in ("all", claim_type)
        if claim_type == "control" and _no_place_falls(tokens, sent, i, n, lex):
            other_sense = True  # سقوط قتلى، سقوط قذائف، سقوط النظام: no place falls
        if (claim_type == "advance" and not lex.grammar["force_cue"].isdisjoint(word_forms(tokens[i].norm))
                and _struck(tokens, i, lex)):
            other_sense = True  # غارات مكثفة على رتل من القوات، استهدفت تعزيزات للنظام: what was struck
        if _not_entering(tokens, sent, i, n, lex):
            other_sense = True  # التدخل الروسي، تدخل في شؤون: an intervention; قوات تدخل منبج enters
        if tokens[i].norm.lstrip("وف") in lex.grammar["ba_cue"] and not any(
                t.norm[:1] == "ب" for t in tokens[i + n:i + n + _BA_REACH]):
            other_sense = True  # دفع الهجوم التركي عشرات الآلاف إلى النزوح، دفعت قطر فدية: no forces pushed
        words = " ".join(t.text for t in tokens[i:i + n]) if tracing else ""  # only what the notes say
        lost = (claim_type == "control" and out and out[-1].claim_type == "control" and i - out[-1].end <= _LOST_OBJECT
                and lex.is_loss(tokens[out[-1].start].norm))
        taken = (claim_type == "control" and out and out[-1].claim_type == "control" and i > 0
                 and tokens[i - 1].norm == "من" and tokens[i].norm in lex.grammar["taken_from"])
        if lost or taken:  # فقد التنظيم السيطرة، انتزعتها الوحدات من سيطرة داعش: part of the claim before it
            if tracing:
                doc.note("cues", sent, words, "no control claim of its own",
                         "the object of a loss before it" if lost else "whom the place was taken from")
            continue
        if not (other_sense or in_name or not_territory):
            out.append(Cue(claim_type, i, i + n))
            if tracing:
                doc.note("cues", sent, words, f"claim cue: {claim_type}")
        elif tracing:
            why = ("another sense of the word" if other_sense else "part of a name" if in_name
                   else "its object is not territory")
            doc.note("cues", sent, words, f"no {claim_type} claim", why)
    return out


def _place_after(sent, k: int) -> bool:
    """Whether a place name or a generic place word (مدينة، البلدة) begins at token ``k`` of the sentence."""
    if sent is None or k >= len(sent.tokens):
        return False
    if sent.tokens.norms[k] in _IN_IT and k + 1 < len(sent.tokens):
        k += 1  # the relative clause's own subject after its pronoun (التي سقطت فيها القصير)
    if any(use.span is not None and use.span[0] == k for use in sent.places):
        return True
    return _bare(sent.tokens.norms[k]) in place_words()


def _no_place_falls(tokens: list[Token], sent, i: int, n: int, lex) -> bool:
    """Whether the cue at ``i`` (``n`` words) is a word of falling whose place does not fall: no place right
    after it, nor, for the verb (``fall_verb``), right before it (سقوط قتلى، سقطت قذيفة; not سقوط الرقة،
    فالفلوجة سقطت)."""
    forms = word_forms(tokens[i].norm)
    noun, verb = lex.grammar["fall_word"], lex.grammar["fall_verb"]
    if noun.isdisjoint(forms) and verb.isdisjoint(forms):
        return False
    return not _place_after(sent, i + n) and not (not verb.isdisjoint(forms) and _place_before(sent, i, lex))


def _sense_for(hit, claim_type: str) -> bool:
    """Whether a sense word's match (``claim_negators.csv`` position sense) gives a cue of ``claim_type``
    another sense: it applies to all cues or to that type (نقل صواريخ: missiles moved, not fired)."""
    return hit is not None and hit[1] in ("all", claim_type)


#: Prepositions between an attack cue and what it struck (غارات على رتل، إطلاق نار من رتل).
_STRUCK_PREPOSITIONS = frozenset({"علي", "على", "من", "ضد"})
#: Nouns of the people of a group (أفراد الرتل): after an attack cue the group named after them was struck.
_MEMBERS = frozenset({"افراد", "أفراد", "عناصر", "عنصر"})


def _struck(tokens: list[Token], i: int, lex) -> bool:
    """Whether the advance noun at ``i`` is what an attack cue right before it struck — its object, after
    one of :data:`_STRUCK_PREPOSITIONS` or the members of (مقتل عدد من أفراد الرتل) — not an advance of its own."""
    k = i - 1
    if k >= 0 and tokens.norms[k] in _MEMBERS:
        k -= 1
        while k >= 0 and tokens.norms[k] not in _STRUCK_PREPOSITIONS and i - k <= 5:
            k -= 1
    if k >= 0 and tokens.norms[k] in _STRUCK_PREPOSITIONS:
        k -= 1
    for m in range(k, max(-1, k - 3), -1):
        hit = lex.claims.match(tokens, m)
        if hit is not None:
            return hit[1] == "attack"
    return False


def _not_entering(tokens: list[Token], sent, i: int, n: int, lex) -> bool:
    """Whether the cue at ``i`` is a word of ``enter_verb`` (تدخل) that does not enter a place: written with
    the article or a preposition (التدخل الروسي، بالتدخل: the noun, an intervention), or with no place name,
    place word or إلى right after it (تدخل في شؤون، تدخل في صناعة)."""
    verbs = lex.grammar["enter_verb"]
    forms = word_forms(tokens[i].norm)
    if verbs.isdisjoint(forms) and verbs.isdisjoint(f[2:] for f in forms if f.startswith("ال")):
        return False  # not this word (للتدخل: ل + التدخل)
    if tokens[i].norm.lstrip("وف") not in verbs:
        return True
    return not (_place_after(sent, i + n) or (i + n < len(tokens) and tokens[i + n].norm in _TO_WORDS))


#: 'to' (normal forms): after a verb of entering, where to (تدخل إلى الغوطة).
_TO_WORDS = frozenset({"الي", "إلى"})


def _place_before(sent, i: int, lex) -> bool:
    """Whether a place name ends right before token ``i``, or right before a relative pronoun there: the
    subject of a verb after it (فالفلوجة سقطت في يد داعش، دوما التي سقطت)."""
    if sent is None:
        return False
    ends = {use.span[1] for use in sent.places if use.span is not None}
    return i in ends or (i > 0 and sent.tokens.norms[i - 1] in lex.grammar["relative"] and i - 1 in ends)


#: 'in it' (normal form): a relative clause's resumptive preposition before its subject.
_IN_IT = frozenset({"فيها", "فيه"})


#: How far (words) after a cue of ``ba_cue`` its object after ب stands (دفع النظام السوري بقوات).
_BA_REACH = 3
#: How many words after a verb of losing a control noun is its object (فقد التنظيم السيطرة).
_LOST_OBJECT = 2


def _holdings(sent, lex, masked: set[int]) -> list[Cue]:
    """Control cues of a place 'belonging to' an actor: a holding word right before an actor, after the
    place it agrees with (قاعدة تي فور العسكرية التابعة للجيش السوري، مناطق تابعة للمعارضة). A place name's
    institution is not the place (مجلس محافظة درعا التابع للمعارضة: التابع does not agree with محافظة), nor is
    a province a town belongs to an actor (مدينة هجين التابعة لمحافظة دير الزور names none)."""
    words = lex.grammar["holding_word"]
    actor_starts = {a.start for a in sent.actors}
    if not actor_starts or not sent.places:
        return []
    norms = sent.tokens.norms
    out = []
    for i in sorted(s - 1 for s in actor_starts if 0 < s <= len(norms)):  # right before an actor
        norm = norms[i]
        word = norm[1:] if norm[:1] == "و" and norm[1:] in words else norm
        if word in words and i not in masked:
            head = _held_head(sent, i, lex)
            if head is not None and _feminine(head) == word.endswith("ه"):
                out.append(Cue("control", i, i + 1))
    return out


def _held_head(sent, i: int, lex) -> str | None:
    """The noun a holding word at ``i`` agrees with: a place noun or military site before it (one or two
    adjectives may stand between), or the one before the place name there; ``None`` when there is none."""
    norms = sent.tokens.norms
    k = i - 1
    ends = {use.span[1] - 1: use.span[0] for use in sent.places if use.span is not None}
    for _ in range(2):  # العسكرية، العسكري
        if k > 0 and k not in ends and has_nisba_shape(norms[k], min_length=4):
            k -= 1
    if k in ends:  # a name: its place noun before it
        k = ends[k] - 1
    if k < 0:
        return None
    bare = _bare(norms[k])
    return bare if bare in _held_nouns(lex) else None


@functools.lru_cache(maxsize=4)
def _held_nouns(lex) -> frozenset[str]:
    return place_words() | frozenset(lex.grammar["held_noun"])


def _feminine(noun: str) -> bool:
    """Whether a place noun takes feminine agreement: ة, a plural (مناطق تابعة، مواقع تابعة)."""
    return noun.endswith("ه") or noun.endswith("ات") or noun in _BROKEN_PLURALS


#: Broken plurals of place nouns (normal form), which take feminine agreement.
_BROKEN_PLURALS = frozenset({"مناطق", "مواقع", "نقاط", "قواعد", "حواجز", "قري", "مدن", "مزارع", "اراضي"})


def _bare(norm: str) -> str:
    for clitic in ("وال", "فال", "بال", "لل", "ال", "و", "ف"):
        if norm.startswith(clitic) and len(norm) - len(clitic) >= 2:
            return norm[len(clitic):]
    return norm
