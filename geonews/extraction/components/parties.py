"""``parties``: a country or capital used for its government is a ``party``, not where an event happened
(أعلنت أنقرة، قالت موسكو، اتهمت واشنطن، شنت الولايات المتحدة، موقف روسيا، التعاون بين موسكو وواشنطن).

A country or capital is a place of its sentence only where the grammar makes it one: after a locative
preposition or a ب/ل/ك clitic (في سوريا، إلى تركيا، بسوريا) or ضد (الضربات ضد سوريا), after a relation cue or a generic place
word (شمال سوريا، أراضي سوريا), as the genitive of a claim's verbal noun (غزو العراق; not when another cue
follows, what the noun launches: شن الولايات المتحدة غارات), as the object of a
claim verb after its subject (دخلت القوات التركية سوريا), or coordinated with such a place (في سوريا
والعراق). ``بين`` is locative except after a noun of a relation between parties (تعاون، محادثات، حرب).
Named bare anywhere else — a subject (also right after a verb in the feminine perfect with no subject
before it: شنت تركيا عملية), a genitive of another noun, after إلى جانب (تقاتل إلى جانب تركيا), after مع once a diplomacy
cue has come (اتفاق مع روسيا; not حرب مع سوريا) — it stands for its government.

A party right next to a claim cue acts as its subject (شنت الولايات المتحدة ضربات، واشنطن تدعمهم), and
so does one after a relative clause on the cue whose verb repeats it (الضربات التي شنتها واشنطن): the
cue's actor when the sentence names no other; the countries listed right before it act with it
(الولايات المتحدة وبريطانيا وفرنسا شنت).
"""

from __future__ import annotations

from gazetteer.morphology import PRONOUN_SUFFIXES, SHORT_VOWELS, has_nisba_shape, word_forms
from gazetteer import normalize
from gazetteer.lexicon import place_words

from ..document import Doc, PlaceUse, Sent
from .arguments import accused_after, names_holder
from ..registry import component
from ..tokens import Token

__all__ = ["acts", "parties", "stands_for_a_government"]

_BETWEEN = "بين"
#: 'at, with' (لدى): a country after it is the one that has something (لدى واشنطن معلومات), a government.
_AT = "لدي"


@component("parties", requires=("sent.places", "sent.cues", "place.role", "sent.clause_starts"),
           sets=("place.role", "sent.acting"))
def parties(doc: Doc) -> Doc:
    """Mark the countries and capitals that stand for governments, and those acting as a cue's subject."""
    for sent in doc.active():
        _bare_governments(doc, sent)
        if sent.cues:
            _acting(doc, sent)
    return doc


def _bare_governments(doc: Doc, sent: Sent) -> None:
    previous: PlaceUse | None = None  # the last place named, for lists (في سوريا والعراق)
    for use in sent.places:
        if use.span is None:
            continue
        if use.role == "event" and stands_for_a_government(sent, use, previous, doc.gazetteer, doc.lexicons):
            _party(doc, sent, use, "a country or capital named bare stands for its government")
        previous = use


def stands_for_a_government(sent: Sent, use: PlaceUse, previous: PlaceUse | None, gazetteer, lex) -> bool:
    """Whether a place named in the sentence is a country or capital used for its government (see the
    module notes)."""
    place = use.place
    if place is None or not (place.feature == "country" or gazetteer.is_capital(place)) or use.relation != "in":
        return False
    tokens, i = sent.tokens, use.span[0]
    clitic = use.clitics(tokens)
    if any(c in clitic for c in "بك"):
        return False  # بسوريا
    if clitic.startswith("و") and any(a.end == i for a in sent.actors):
        return True  # يسيطر عليها الحليفان حزب الله وإيران، تقدم للنظام وروسيا: one of the actors
    if "ل" in clitic:  # لتركيا: where to only after a cue or a word of going (زيارة لبريطانيا، سفر ترامب للسعودية)
        # تحدٍ للولايات المتحدة، الموت لأمريكا، النفوذ لإيران; a place word before it names the place
        return not (_destination_before(sent, i, lex) or _place_word_before(tokens, i, lex)
                    or _place_word_before(tokens, i, lex, lex.grammar["border_word"] | lex.grammar["near_word"]))
    if i > 0:
        prev = word_forms(tokens[i - 1].norm)
        if _nisba_after_nisba(tokens, i, use):
            return True  # غارات جوية سورية، مقاتلات روسية وسورية: an adjective, the country as the doer
        if not clitic and _after_verb_with_object_pronoun(tokens, i, lex):
            return True  # اتفاق أبرمته روسيا، ضربات نفذتها بريطانيا: the verb's subject
        if _place_word_before(tokens, i, lex):
            return False  # أراضي سوريا، العاصمة الروسية موسكو
        if _adjective_after_feminine_noun(tokens, i, use, lex):
            return True  # قاعدة سورية، قوات سورية: Syrian
        if _AT in prev:
            return True  # لدى واشنطن معلومات، سفير سوريا لدى الأمم المتحدة: who has, not where
        if (_WITH in prev and any(c.claim_type == "diplomacy" and c.end <= i for c in sent.cues)) or (
                _SIDE in prev and i > 1 and tokens.norms[i - 2] == _TO):
            return True  # اتفاق مع روسيا، محادثات مع واشنطن، تقاتل إلى جانب تركيا: a partner, not a place
        if _TO in prev and i > 1 and not lex.grammar["address_word"].isdisjoint(word_forms(tokens[i - 2].norm)):
            return True  # رسالة إلى إيران، نسبتها دمشق إلى إسرائيل: whom it is addressed to or blamed on
        if not lex.speech["locative"].isdisjoint(prev) or prev[-1] in lex.grammar["against"]:
            return _between_parties(tokens, i - 1, lex)  # في سوريا is a place; التعاون بين موسكو و… names parties
        if lex.relations.match(tokens, i - 1) is not None:
            return False  # في أنحاء سوريا، الحدود مع العراق
        if place.feature != "country" and any(c.end == i and c.claim_type == "diplomacy" for c in sent.cues):
            return False  # محادثات أستانا، قمة أنقرة: where the talks are held
        if any(c.end == i and c.claim_type == "control" for c in sent.cues) and _holds_what_follows(sent, use):
            return True  # بسيطرة تركيا والجماعات الموالية لها على منطقة عفرين: who holds, على what it holds
        if any(c.end == i and not _verb_before_its_subject(sent, c, lex) for c in sent.cues) and not _launches(sent, use):
            return False  # غزو العراق: the genitive of a claim's verbal noun
    if previous is not None and previous.span[1] == i and clitic.startswith("و") and previous.role == "event":
        return False  # في سوريا والعراق: coordinated with a place
    if previous is not None and previous.span[1] == i and clitic.startswith("و") and previous.role == "party":
        return True  # للنظام وروسيا وإيران: coordinated with a party
    return not _object_of_a_claim_verb(sent, i)


def _destination_before(sent: Sent, i: int, lex) -> bool:
    """Whether a cue or a word of going (grammar ``destination_word``) ends right before token ``i``, or
    before a nisba adjective there (ضربة لإيران، زيارة لبريطانيا، الاحتلال البريطاني للعراق، بالمغادرة
    لسوريا): ل then says where to; after any other word it says for whom (تحدٍ للولايات المتحدة)."""
    if any(use.span is not None and use.span[1] == i for use in sent.places):
        return True  # الغوطة الشرقية لدمشق: the place it belongs to
    k = i - 1
    if k > 0 and has_nisba_shape(sent.tokens.norms[k].lstrip("و"), min_length=4) and not any(
            c.end == i for c in sent.cues):
        k -= 1  # الاحتلال البريطاني للعراق
    if k < 0:
        return False
    if any(c.end == k + 1 for c in sent.cues):
        return True
    # a word of going or a visit or movement cue, its doer's name between (زيارة رئيس الوزراء نتانياهو لموسكو)
    destinations = lex.grammar["destination_word"]
    for j in range(k, max(-1, i - 1 - _DESTINATION_REACH), -1):
        if sent.tokens[j].text in "،,":
            break
        if not destinations.isdisjoint(word_forms(sent.tokens.norms[j])) or any(
                c.start == j and c.claim_type in ("advance", "diplomacy") for c in sent.cues):
            return True
    return False


#: How many words before ل and a country a word of going or a visit may stand, its doer named between.
_DESTINATION_REACH = 8


def _after_verb_with_object_pronoun(tokens: list[Token], i: int, lex) -> bool:
    """Whether token ``i`` follows a verb in the feminine perfect that carries an object pronoun (أبرمته،
    نفذتها، أطلقتهما، وقعته): the verb of a relative clause on the noun before, the country its subject. Not
    a noun in ة with a possessive (عاصمتها دمشق: a place word; قواتها: a plural)."""
    written = tokens[i - 1].text.rstrip(SHORT_VOWELS)
    pronoun = next((p for p in PRONOUN_SUFFIXES if written.endswith("ت" + p)), None)
    if pronoun is None:
        return _imperfect_with_object_pronoun(written, lex)
    stem = written[:-len(pronoun) - 1]
    if len(stem) < 2 or stem.endswith("ا"):
        return False  # قواتها، سياساتها: a plural noun with its pronoun
    if normalize(stem).lstrip("و") in lex.grammar["host_verb"]:
        return False  # قمة احتضنتها أنقرة: where the meeting was
    noun = normalize(stem + "ة")  # the word read as a noun in ة with its possessive (عاصمتها)
    return noun.lstrip("و") not in place_words() and not noun.startswith("ال")


def _imperfect_with_object_pronoun(written: str, lex) -> bool:
    """Whether a word is an imperfect verb with an object pronoun (حرب تشنها إسرائيل، الهجمات التي ينفذها،
    التي تقودها): the verb of a relative clause on the noun before, the name after it its subject."""
    bare = written.lstrip("و")
    pronoun = next((p for p in PRONOUN_SUFFIXES if bare.endswith(p)), None)
    if pronoun is None or bare[:1] not in "تي" or len(bare) - len(pronoun) < 3:
        return False  # a verb's prefix and its root (تشن + ها: a doubled root is written in two letters)
    stem = normalize(bare[:-len(pronoun)])
    return stem not in lex.grammar["host_verb"] and normalize(bare) not in place_words()  # قمة تستضيفها بروكسل


def _unmarked(written: str) -> str:
    """A written word without its short vowels and shadda (سوريّة → سورية)."""
    return written.translate(_NO_SHORT_VOWELS)


_NO_SHORT_VOWELS = str.maketrans("", "", SHORT_VOWELS)


def _single_nisba_country(use: PlaceUse) -> bool:
    """Whether a place is one word written in the shape of a feminine nisba adjective (سورية، سوريّة)."""
    return use.span[1] - use.span[0] == 1 and _unmarked(use.text).endswith("ية")


def _nisba_after_nisba(tokens: list[Token], i: int, use: PlaceUse) -> bool:
    """Whether a country written in the shape of a feminine nisba adjective (سورية) comes right after an
    indefinite nisba adjective (غارات جوية سورية، مقاتلات روسية وسورية، مواقع عسكرية سورية): it agrees with
    the noun before as one more adjective, which no country name after a noun does (مستقبل سورية)."""
    if not _single_nisba_country(use):
        return False
    before = tokens[i - 1]
    return (_unmarked(before.text).endswith("ية") and not before.norm.startswith(("ال", "وال", "لل"))
            and has_nisba_shape(before.norm.lstrip("و"), min_length=4))


def _adjective_after_feminine_noun(tokens: list[Token], i: int, use: PlaceUse, lex) -> bool:
    """Whether a country written in the shape of a feminine nisba adjective (سورية) comes right after an
    indefinite noun in ة or ات that is no place word and no cue (قاعدة سورية، قوات سورية، طائرات سورية): it
    agrees with it in gender as its adjective; a country after a noun in construct takes no such agreement
    (مستقبل سورية)."""
    if not _single_nisba_country(use):
        return False
    before = tokens[i - 1]
    word = _unmarked(before.text).lstrip("وفبل")
    return (word.endswith(("ة", "ات")) and not before.norm.lstrip("وفبل").startswith("ال")
            and lex.claims.match(tokens, i - 1) is None)


def _verb_before_its_subject(sent: Sent, cue, lex) -> bool:
    """Whether a cue is a verb in the feminine perfect (شنت، استهدفت، أطلقتهما: ت, or ت and an object
    pronoun, not the ات of a plural noun) with no actor right before it: the word after it is its subject
    (شنت تركيا عملية، استهدفت إسرائيل مواقع), not the genitive of a verbal noun (غزو العراق) nor the object
    after a subject (القوات التركية دخلت سوريا)."""
    word = sent.tokens.norms[cue.end - 1].lstrip("وف")
    stem = next((word[:-len(p)] for p in PRONOUN_SUFFIXES if word.endswith(p) and len(word) - len(p) >= 3), word)
    if word.startswith("ال") or not stem.endswith("ت") or stem.endswith("ات"):
        return False
    if cue.start > 0:
        before = sent.tokens.norms[cue.start - 1].lstrip("ول")
        bare = next((before[:-len(p)] for p in PRONOUN_SUFFIXES if before.endswith(p)), before)
        if before in lex.grammar["relative"] or bare in lex.grammar["complementizer"]:
            return False  # أنها دخلت العراق، التي استهدفت إسرائيل: the subject came before
    return not any(a.end == cue.start for a in sent.actors)


#: مع 'with', and إلى جانب 'alongside' (normal forms): a country after them is a party.
_WITH, _SIDE, _TO = "مع", "جانب", "الي"


#: How far after the genitive of a control noun على may stand (سيطرة تركيا والجماعات الموالية لها على).
_HOLDER_REACH = 5
#: 'on, over' (normal forms): what a control noun's subject holds follows it.
_OVER = frozenset({"علي", "على"})


def _holds_what_follows(sent: Sent, use: PlaceUse) -> bool:
    """Whether على follows the country after a control noun within :data:`_HOLDER_REACH` words and before any
    punctuation: the country holds what follows (سيطرة روسيا على القاعدة), it is no place taken."""
    tokens = sent.tokens
    for k in range(use.span[1], min(len(tokens), use.span[1] + _HOLDER_REACH)):
        if tokens.norms[k] in _OVER:
            return True
        if tokens[k].text in "،,.:؛" or any(c.start == k for c in sent.cues):
            return False
    return False


def _launches(sent: Sent, use: PlaceUse) -> bool:
    """Whether the country after a verbal noun is its agent, not its object: another cue follows it and
    the countries listed with it (شن الولايات المتحدة، وبريطانيا، وفرنسا غارات: the strikes are what is
    launched)."""
    covered = {k for other in sent.places if other.span is not None for k in range(*other.span)}
    k = use.span[1]
    while k < len(sent.tokens) and (k in covered or (sent.tokens.norms[k] in ("،", ",") and k + 1 in covered)):
        k += 1
    return any(c.start == k for c in sent.cues)


def _place_word_before(tokens: list[Token], i: int, lex, words: frozenset[str] | None = None) -> bool:
    """A generic place word (or one of ``words``) right before token ``i``, or before a nisba adjective right
    before it (العاصمة الروسية موسكو)."""
    words = place_words() if words is None else words
    if not words.isdisjoint(word_forms(tokens[i - 1].norm)):
        return True
    return i > 1 and has_nisba_shape(tokens[i - 1].norm) and not words.isdisjoint(word_forms(tokens[i - 2].norm))


def _between_parties(tokens: list[Token], k: int, lex) -> bool:
    """Whether the locative at ``k`` is بين after a noun of a relation (التعاون بين موسكو وواشنطن)."""
    if tokens[k].norm.lstrip("و") != _BETWEEN or k == 0:
        return False
    nouns = lex.grammar["relation_noun"]
    if not nouns.isdisjoint(word_forms(tokens[k - 1].norm)):
        return True
    # a nisba adjective may stand between (التعاون العسكري بين موسكو وواشنطن)
    return k > 1 and has_nisba_shape(tokens[k - 1].norm) and not nouns.isdisjoint(word_forms(tokens[k - 2].norm))


def _object_of_a_claim_verb(sent: Sent, i: int) -> bool:
    """Whether token ``i`` follows a claim verb of its clause with a subject between (دخلت القوات سوريا)."""
    starts = [s for s in sent.clause_starts if s <= i]
    clause = starts[-1] if starts else 0
    return any(clause <= c.start and c.end < i and not sent.tokens.norms[c.start].lstrip("وف").startswith("ال")
               for c in sent.cues)


def _acting(doc: Doc, sent: Sent) -> None:
    """The parties right next to a cue act as its subject: remember them as the cue's actor."""
    gz, lex, tokens = doc.gazetteer, doc.lexicons, sent.tokens
    cue_starts = {c.start: k for k, c in enumerate(sent.cues)}
    # a country right after a verb is its subject (شنت الولايات المتحدة); after a verbal noun, its genitive
    cue_ends = {c.end: k for k, c in enumerate(sent.cues) if _is_verb(sent, c, lex)}
    # a city right after a diplomacy noun names where the talks are held (محادثات أستانا، قمة أنقرة): no party
    venues = {c.end for c in sent.cues if c.claim_type == "diplomacy"}
    # the accused after the speaker of a verb of accusing, for the deed after ب (اتهمت دمشق إسرائيل بقصف)
    for k, c in enumerate(sent.cues):
        at = accused_after(sent, c, lex)
        if at is not None:
            cue_ends.setdefault(at, k)
    # after a relative clause on the cue, its verb repeating it as a pronoun (الضربات التي شنتها واشنطن)
    for k, c in enumerate(sent.cues):
        at = c.relative_subject
        if at is not None:
            cue_ends.setdefault(at, k)
    # the holder right after a word of holding (تحت سيطرة سوريا، الخاضعة لسيطرة تركيا): the country holds it
    for k, c in enumerate(sent.cues):
        if names_holder(c, tokens, lex):
            cue_ends.setdefault(c.end, k)
    list_end = -1  # token after the last acting country, for lists
    named = []  # the names so far
    for use in sent.places:
        if use.span is None:
            continue
        i, e = use.span
        if i in venues and use.place is not None and use.place.feature != "country":
            named.append(use)
            continue
        if (use.role in ("event", "party") and use.relation == "in"
                and (e in cue_starts or i in cue_ends or i == list_end) and acts(use.mention, tokens, i, gz, lex)):
            if i != list_end:
                sent.acting.setdefault(cue_starts.get(e, cue_ends.get(i)), use.mention)
            if use.role == "event":
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


def _is_verb(sent: Sent, cue, lex) -> bool:
    """Whether a cue reads as a finite verb heading its clause rather than a verbal noun in a construct:
    it begins its clause or follows a particle (وشنت، أن قصفت، قد شنت), it is not definite, and no other
    word governs it (أدان قصف العراق: the shelling of Iraq)."""
    tokens, i = sent.tokens, cue.start
    word = tokens.norms[i]
    if word.lstrip("وف").startswith("ال") or word[:1] in "بل":
        return False
    if i == 0 or word[:1] in "وف" or i in sent.clause_starts or (i - 1) in sent.clause_starts:
        return True
    return tokens.norms[i - 1] in lex.grammar["verb_particle"]


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
    return i == 0 or lex.speech["locative"].isdisjoint(word_forms(tokens[i - 1].norm))
