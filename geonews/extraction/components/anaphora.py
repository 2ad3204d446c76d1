"""``anaphora``: words that name a place named before become places of their sentence — البلاد / هذا البلد
the country of the last place named before it in its sentence (منبج في شمال البلاد: Syria), else the
country of a nationality in the name of a government actor before it (النظام السوري … البلاد), else the
country the article has named most so far (its places counted by country; backers, governments that act
and the dateline not counted); a definite place noun (``place_anaphora.csv``:
المدينة، البلدة، المحافظة) the last place of its kind named in that sentence or the two before it (not a
capital named for its government: قالت واشنطن … دخلت القوات المدينة is no Washington), when a
demonstrative precedes it (هذه البلدة) or a locative preposition or a claim cue does (سيطرت على المدينة) and
no place name follows it (then it is only the generic word before that name)."""

from __future__ import annotations

import functools
import operator
from itertools import compress, count, repeat

from gazetteer.lexicon import load_lexicon
from gazetteer.morphology import has_nisba_shape, nisba_of, word_forms

from ..document import Doc, PlaceUse
from ..registry import component
from .parties import stands_for_a_government
from .place_roles import dateline_end, named_as_backer
from .relations import relation_before
from ..tokens import Tokens, positions

_TOKEN = operator.attrgetter("token")  # a place's order in its sentence

__all__ = ["anaphora", "country_word_positions"]

#: How many sentences back a place noun's antecedent may be named.
_REACH = 2


@component("anaphora", requires=("sent.places", "sent.actors"), sets=("sent.places",))
def anaphora(doc: Doc) -> Doc:
    """Add the places that "the country", "this town" … refer back to."""
    salience = _Salience()
    recent: list[tuple[int, PlaceUse, object]] = []  # (index, place, sentence) of the places named so far, newest last
    for sent in doc.active():
        while recent and sent.index - recent[0][0] > _REACH:  # out of reach for this sentence and every later one
            recent.pop(0)
        named_here = sorted((use for use in sent.places if use.mention is not None and use.span is not None),
                            key=_TOKEN)
        place_tokens = {i for use in sent.places if use.span is not None for i in range(*use.span)}
        _place_nouns(doc, sent, place_tokens, recent)
        recent += [(sent.index, use, sent) for use in named_here]
        for j in country_word_positions(sent.tokens, doc.lexicons, place_tokens):
            meant, why = _country_meant(doc.gazetteer, named_here, j, salience.country(doc.gazetteer), sent,
                                        doc.lexicons)
            if meant is None:
                continue
            tok = sent.tokens[j]
            lead = _clitics_before(tok.norm, doc.lexicons.grammar["country_word"])
            sent.places.append(PlaceUse(j, tok.text[lead:], tok.start + lead, tok.end, meant, "in"))
            if doc.trace is not None:
                doc.note("anaphora", sent, tok.text, f"{why}: {meant.name}")
        salience.count(sent, named_here, doc)
    return doc


#: What a country or capital named for its government (أعلنت أنقرة، بين روسيا والفصائل) counts towards what
#: the article is about, a place named as a place counting 1: a story about Syria names foreign governments
#: that act in it, and a country named only that way (زار الوفد سوريا) still counts.
_AS_GOVERNMENT = 0.5


class _Salience:
    """The country an article is about so far: the one whose places (the country itself, its towns and
    regions) it has named most often, the last named winning a tie; a government that acts counts less
    (:data:`_AS_GOVERNMENT`), a backer (المدعومة من تركيا) and the dateline not at all."""

    __slots__ = ("named", "last", "order")

    def __init__(self) -> None:
        self.named: dict[str, float] = {}
        self.last: dict[str, int] = {}
        self.order = 0

    def count(self, sent, named_here: list[PlaceUse], doc: Doc) -> None:
        if not named_here:
            return  # most sentences name no place: no dateline to look for
        dateline = dateline_end(sent.text, sent.start)
        for use in named_here:
            place = use.place
            if place is None or not place.country_code or use.end <= dateline:
                continue
            if named_as_backer(doc.lexicons, sent.tokens, use.span[0]):
                continue
            acts = stands_for_a_government(sent, use, None, doc.gazetteer, doc.lexicons)
            code = place.country_code
            self.order += 1
            self.named[code] = self.named.get(code, 0) + (_AS_GOVERNMENT if acts else 1)
            self.last[code] = self.order

    def country(self, gazetteer):
        """The country most named so far, or ``None``."""
        if not self.named:
            return None
        code = max(self.named, key=lambda c: (self.named[c], self.last[c]))
        return _countries(gazetteer).get(code)


def _country_meant(gazetteer, named_here: list[PlaceUse], j: int, carried, sent, lex):
    """The country البلاد at token ``j`` refers to: that of the last place named before it in its sentence
    (منبج في شمال البلاد: Syria), else the country of the nationality in the name of a government actor
    before it (استعاد النظام السوري نصف أراضي البلاد: Syria, whatever country the sentence before named), else
    the country the article has named most (``carried``, see :class:`_Salience`)."""
    # a country named as a backer or leader is not the one spoken of (بقيادة الولايات المتحدة … شرق البلاد)
    # nor a country only bordered (الحدود مع تركيا), nor a foreign government that acts (وساعدت أنقرة … شمال
    # البلاد, in a story about Syria) where the government of the country the article is about may speak
    # of its own (رفضت سوريا … سحب إيران قواتهما من البلاد)
    home = carried.country_code if carried is not None else None
    before = [use for use in named_here if use.span[1] <= j and use.place is not None
              and not named_as_backer(lex, sent.tokens, use.span[0])
              and not (use.place.feature == "country" and use.relation == "near")
              and not (home is not None and use.place.country_code != home
                       and stands_for_a_government(sent, use, None, gazetteer, lex))]
    if before:
        last = before[-1].place
        if last.feature == "country":
            return last, "the country named last"
        holder = _countries(gazetteer).get(last.country_code)
        if holder is not None:
            return holder, f"the country of {last.name}, named before it"
    code = _actor_country(sent, j, lex.grammar["government_noun"])
    holder = _countries(gazetteer).get(code) if code is not None else None
    if holder is not None:
        return holder, "the country of the actor named before it"
    return carried, "the country the article names most"


def _actor_country(sent, j: int, government: frozenset[str]) -> str | None:
    """The country code of the nationality in the name of the last government actor before token ``j``
    (القوات الحكومية السورية، النظام السوري: SY), or ``None``: a government's forces act at home, where
    foreign forces named the same way do not (الغارات الإسرائيلية على البلاد، قوات تركية في شمال البلاد)."""
    adjectives = load_lexicon().adjectives
    norms = sent.tokens.norms
    for actor in reversed([a for a in sent.actors if a.end <= j]):
        words = [norms[k].lstrip("و") for k in range(actor.start, actor.end)]
        if not any(w.removeprefix("ال") in government for w in words):
            continue
        for word in reversed(words):
            code = nisba_of(word, adjectives) if has_nisba_shape(word) else None
            if code is not None:
                return code
    return None


@functools.lru_cache(maxsize=4)
def _countries(gazetteer) -> dict:
    """Country code -> the country's place (one per gazetteer)."""
    return {p.country_code: p for p in gazetteer.places(feature="country") if p.country_code}


def country_word_positions(tokens: Tokens, lexicons, place_tokens: set[int]) -> list[int]:
    """Positions of البلاد / هذا البلد (outside place names, and not right before one)."""
    out = []
    if "بل" not in " ".join(tokens.norms):  # every form of البلاد / البلد holds بل: most sentences stop here
        return out
    words, norms = lexicons.grammar["country_word"], tokens.norms
    for j in compress(count(), map(operator.contains, norms, repeat("بل"))):  # the words holding بل (in C)
        if j in place_tokens:
            continue
        if not words.isdisjoint(word_forms(norms[j])) and not (j + 1 < len(tokens) and (j + 1) in place_tokens):
            out.append(j)
    return out


def _clitics_before(norm: str, words: frozenset[str]) -> int:
    """How many letters of clitics (و ف ب ل ك) stand before the country word in a token (وللبلاد: 2, the
    article's ل kept as for place names; البلاد: 0)."""
    word = next((f for f in word_forms(norm) if f in words), norm)
    if norm.endswith(word):
        return len(norm) - len(word)
    return len(norm) - len(word) + 1  # ل + ال written لل


def _place_nouns(doc: Doc, sent, place_tokens: set[int], recent: list) -> None:
    """Add the place a definite place noun refers back to (هذه البلدة، سيطرت على المدينة)."""
    lex, tokens = doc.lexicons, sent.tokens
    nouns = lex.place_anaphora
    found = positions(tokens.norms, _place_noun_forms(lex))
    for j in found:
        if j in place_tokens or (j + 1) in place_tokens:
            continue  # part of a name, or the generic word before one (مدينة منبج)
        if j + 1 < len(tokens) and tokens.norms[j + 1].startswith("ال") and tokens.norms[j + 1] not in lex.speech["stop"]:
            continue  # described as another place (المدينة الصناعية) or in a construct (المدينة القديمة)
        word = tokens.norms[j]
        feature = nouns.get(word) or nouns.get(word.lstrip("وفبل")) or nouns.get("ال" + word.lstrip("وفبل")[2:])
        prev = tokens.norms[j - 1] if j > 0 else ""
        pointed = prev in lex.grammar["demonstrative"]
        relation = relation_before(tokens, j, lex)  # وصلوا إلى أطراف المدينة: near
        governed = (relation != "in" or prev in lex.speech["locative"] or word[:1] in "بل"
                    or any(c.end == j for c in sent.cues) or (j > 0 and lex.claims.match(tokens, j - 1) is not None)
                    or _object_after_subject(tokens, j, lex))
        if not (pointed or governed):
            continue
        before_here = [(use, sent) for use in sent.places if use.mention is not None and use.end <= tokens[j].start]
        candidates = [(use, where) for k, use, where in recent if sent.index - k <= _REACH] + before_here
        antecedent = next((use for use, where in reversed(candidates) if _of_kind(use, feature)
                           and not stands_for_a_government(where, use, None, doc.gazetteer, lex)
                           and not _backs(where, use, lex)), None)
        if antecedent is None:
            continue
        tok = tokens[j]
        lead = _clitics_before(word, frozenset(nouns))
        sent.places.append(PlaceUse(j, tok.text[lead:], tok.start + lead, tok.end, antecedent.place, relation))
        if antecedent.place is None:
            sent.places[-1].text = tok.text[lead:]  # an unresolved town stays unresolved where it is named again
        if doc.trace is not None:
            named = antecedent.place.name if antecedent.place is not None else f"{antecedent.text} (unresolved)"
            doc.note("anaphora", sent, tok.text, f"the {feature} named before: {named}",
                     "after a demonstrative" if pointed else "a definite place noun with no name after it")


def _backs(sent, use, lex) -> bool:
    """Whether a place is named after a supporter word (مقاتلين موالين لدمشق، المدعومة من أنقرة): it backs an
    actor and is no antecedent of a place noun (… بحصار المدينة is Afrin, not Damascus)."""
    if use.span is None:
        return False
    i = use.span[0]
    supporters = lex.supporters
    return any(supporters.match(sent.tokens, k) is not None for k in supporters.candidates(sent.tokens, max(0, i - 2), i))


#: How many words a subject between a claim verb and its object may take (دخلت القوات التركية المدينة).
_SUBJECT_WORDS = 3


def _object_after_subject(tokens: Tokens, j: int, lex) -> bool:
    """Whether the place noun at ``j`` is the object of a claim verb with a definite subject between
    (دخلت القوات المدينة، اقتحمت الفصائل المسلحة البلدة)."""
    for k in range(j - 2, max(-1, j - 2 - _SUBJECT_WORDS), -1):
        between = tokens.norms[k + 1:j]
        if not all(w.startswith("ال") and w not in lex.place_anaphora for w in between):
            return False
        if lex.claims.match(tokens, k) is not None and not tokens.norms[k].lstrip("وف").startswith("ال"):
            return True
    return False


@functools.lru_cache(maxsize=4)
def _place_noun_forms(lex) -> frozenset[str]:
    """Every written form (normal form) of the place nouns that refer back: with و ف ب ل before them."""
    forms = set()
    for noun in lex.place_anaphora:
        for lead in ("", "و", "ف", "ب", "ل", "وب", "ول", "فب", "فل"):
            forms.add(lead + noun)
            if lead.endswith("ل"):
                forms.add(lead + noun[1:])  # ل + ال: للمدينة
    return frozenset(forms)


def _of_kind(use: PlaceUse, feature: str) -> bool:
    """Whether a place named before can be what a place noun of ``feature`` refers to; a name the gazetteer
    lacks, named after a settlement word (بلدة كفرنبودة), is a town."""
    if use.place is None:
        return feature == "city"
    return use.place.feature == feature
