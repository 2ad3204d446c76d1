"""``place_roles``: places a sentence names that are not where its events happened — one that leads an
actor (بقيادة الولايات المتحدة: ``party``), one that backs or hosts an actor (المدعومة من روسيا، ومقره لندن: ``origin``), a dateline's (دبي (CNN)-- …: ``mention``), a
reference that locates something else (على الحدود مع تركيا، طريق دمشق-حلب، عن طريق تركيا: ``mention``),
one inside the speaker's name (قالت موسكو: ``party``). Every other place keeps the role ``event``
(``parties`` later marks the countries that act as a cue's subject)."""

from __future__ import annotations

import operator
import re
from itertools import repeat

from gazetteer.lexicon import place_words
from gazetteer.morphology import has_nisba_shape
from gazetteer.morphology import word_forms

from ..document import Doc
from ..registry import component
from .relations import is_place_word, relation_ending_at

_TOKEN = operator.attrgetter("token")  # a place's order in its sentence

__all__ = ["dateline_end", "named_as_backer", "place_roles"]

#: A dateline before the story (دبي، الإمارات العربية المتحدة (CNN)-- …): its places are not the story's.
_DATELINE = re.compile(r"^[^\n.؟!]{0,80}?\)\s*(?:--|—|-)|^[^\n.؟!]{0,60}?(?:--|—)")
#: How many words before a place a supporter word may stand.
_SUPPORTER_REACH = 2
#: The prepositions a supporter or leader word takes before the place (المدعومة من، بالتنسيق مع، الموالية لـ).
_SUPPORTER_PREPOSITIONS = frozenset({"من", "مع"})


@component("place_roles", requires=("sent.places", "sent.speaker_span"), sets=("place.role",))
def place_roles(doc: Doc) -> Doc:
    """Give the places that back or host an actor, datelines and the speaker's own places their roles."""
    supporters, leaders = doc.lexicons.supporters, doc.lexicons.leaders
    for sent in doc.active():
        tokens = sent.tokens
        dateline = dateline_end(sent.text, sent.start)
        place_tokens = {k for use in sent.places if use.span is not None for k in range(*use.span)}
        resolved = {k for use in sent.places if use.span is not None and use.place is not None
                    for k in range(*use.span)}
        previous = None  # the last place named before this one
        by_word: set[int] = set()  # the places a leader or supporter word made parties or origins
        by_between: set[int] = set()  # the places after بين that locate the place before
        for use in sorted(sent.places, key=_TOKEN):
            before, previous = previous, use
            if use.span is None:  # a place repeated by a pronoun or by البلاد: it may only locate the one before
                if _locates(before, use, tokens, doc.lexicons):
                    use.role = "mention"
                    if doc.trace is not None:
                        doc.note("place_roles", sent, use.text, "mention", f"the country of {before.text} before it")
                continue
            i = use.span[0]
            listed = (before is not None and before.span is not None and before.span[1] == i
                      and tokens.norms[i][:1] == "و" and before.role in ("party", "origin") and id(before) in by_word)
            between = (before is not None and before.span is not None and before.span[1] == i
                       and tokens.norms[i][:1] == "و" and id(before) in by_between)
            if listed:  # بناء على طلب بريطانيا وألمانيا وكندا، المدعومة من تركيا وقطر: the list shares the word
                use.role, why = before.role, "listed with a place a leader or supporter word is before"
            elif between:  # مطار التيفور بين حمص وتدمر: both say where the airport is
                use.role, why = "mention", "listed with a place that locates the one before بين"
            elif _after_word(leaders, tokens, i):
                # a country or capital stands for its government; any other place is only referred to
                party = use.place is not None and (use.place.feature == "country" or doc.gazetteer.is_capital(use.place))
                use.role, why = ("party" if party else "mention"), "a leader word before it (بقيادة، الذي تقوده، بالنسبة لـ)"
            elif _after_word(supporters, tokens, i):
                use.role, why = "origin", "a supporter word before it (المدعومة من، ومقره)"
            elif _where_people_come_from(tokens, i, use, doc.lexicons):
                use.role, why = "origin", "a person's country after من (29 امرأة من روسيا، مقاتلين من تونس): where they come from"
            elif _at_a_press_conference(tokens, i, use, doc.lexicons):
                use.role, why = "origin", "where a press conference was held: where the speaker spoke (في مؤتمر صحافي عقده في طهران)"
            elif _sea_of_a_vessel(tokens, i, use, doc.lexicons):
                use.role, why = "origin", "a sea after a warship: where the vessel is, whence it struck (بارجة في البحر الأحمر)"
            elif (said := _speaks_right_after(tokens, use, doc)) is not None:
                use.role, why = said, ("a country or capital right before a reporting verb: its government speaks (وروسيا تنفي)"
                                       if said == "party" else "where it was said: في and a reporting verb after it (وفي موسكو قال الكرملين)")
            elif _after_government_noun(tokens, i, doc.lexicons):
                use.role, why = "party", "after a government noun: its government (نظام دمشق، حكومة إقليم كردستان)"
            elif use.end <= dateline:
                use.role, why = "mention", "in the dateline"
            elif _between_after_place(tokens, i, place_tokens, resolved):
                use.role, why = "mention", "between two places after a place: it says where that one is (معبر نصيب بين سوريا والأردن)"
            elif _near_a_place(tokens, i, doc.lexicons, resolved):
                use.role, why = "mention", "near the place before it, which it only locates (حرستا قرب دمشق، الغوطة الشرقية بالقرب من العاصمة)"
            elif _with_after_place(before, use, tokens):
                use.role, why = "mention", "after a place and مع: it says where that place is (معبر نصيب مع الأردن)"
            elif _reference(tokens, i, doc.lexicons, place_tokens, resolved):
                use.role, why = "mention", "a reference: a border's neighbour, a road's end, where the place before lies (الحدود مع تركيا، طريق دمشق-حلب، التي تقع في)"
            elif sent.speaker_span is not None and sent.speaker_span[0] <= use.start < sent.speaker_span[1]:
                use.role, why = "party", "part of the speaker"
            elif sent.speaker_span is not None and _where_speaker_is(tokens, i, sent.speaker_span):
                use.role, why = "origin", "where the speaker is (مصادر من منبج، مصدر في إدلب)"
            elif i > 1 and tokens.norms[i - 1] in _SPEAKER_PLACE and doc.lexicons.reporting.match(tokens, i - 2):
                use.role, why = "origin", "where the speaker spoke from (نفى من تركيا، قال من دمشق)"
            elif _locates(before, use, tokens, doc.lexicons):
                use.role, why = "mention", f"the country of {before.text} before it (عفرين، شمال سوريا): it locates it"
            else:
                continue
            if why.startswith(("a leader", "a supporter", "listed with a place a", "a person's country")):
                by_word.add(id(use))
            if why.startswith(("between two places", "listed with a place that locates")):
                by_between.add(id(use))
            if doc.trace is not None:
                doc.note("place_roles", sent, use.text, use.role, why)
    return doc


#: Prepositions that say where a speaker is (مصادر من منبج، مصدر محلي في إدلب).
_SPEAKER_PLACE = frozenset({"من"})


def _where_speaker_is(tokens, i: int, span: tuple[int, int]) -> bool:
    """Whether the place at token ``i`` comes right after the speaker's words and من or في: where the
    speaker is, not where what is said happened."""
    return i > 1 and tokens.norms[i - 1] in _SPEAKER_PLACE and tokens[i - 2].end == span[1]


def named_as_backer(lex, tokens, i: int) -> bool:
    """Whether the place at token ``i`` follows a leader or supporter word (بقيادة الولايات المتحدة، المدعومة
    من روسيا): it backs or leads an actor, it is no place the sentence is about."""
    return _after_word(lex.leaders, tokens, i) or _after_word(lex.supporters, tokens, i)


def _after_word(words, tokens, i: int) -> bool:
    """Whether one of ``words`` stands within :data:`_SUPPORTER_REACH` words before token ``i``, or one more
    word before when the place follows the word's preposition (بدعم حاسم من روسيا، بالتعاون الوثيق مع
    الولايات المتحدة: an adjective of the word stands between)."""
    # match tests each word's flag first: cheaper than listing the candidates of two words (a hit is a tuple)
    if any(map(words.match, repeat(tokens), range(max(0, i - _SUPPORTER_REACH), i))):
        return True
    return (i > _SUPPORTER_REACH and tokens.norms[i - 1] in _SUPPORTER_PREPOSITIONS
            and words.match(tokens, i - _SUPPORTER_REACH - 1) is not None)


def _locates(before, use, tokens, lex) -> bool:
    """Whether a country only says where the place named right before it lies (مدينة عفرين، شمال سوريا;
    منبج بريف حلب الشرقي بسوريا): the same country, nothing between but a comma, a preposition or a
    relation word, and no و joining them (حلب وسوريا are two places)."""
    if before is None or use.place is None or before.place is None:
        return False
    if use.place.feature != "country" or before.place.feature == "country":
        return False
    if before.place.country_code != use.place.country_code or tokens.norms[use.token][:1] == "و":
        return False
    between = range(before.span[1] if before.span is not None else before.token + 1, use.token)
    located = lex.grammar["located_word"]
    return len(between) <= _LOCATOR_GAP and all(
        tokens[k].text in "،," or tokens.norms[k] in lex.speech["locative"] or tokens.norms[k] in located
        or lex.relations.match(tokens, k) is not None for k in between)


#: How many words may stand between a place and the country that locates it (، الواقعة شمال غربي).
_LOCATOR_GAP = 4


#: Words that may stand between a near word and the place it follows (في محيط، على أطراف، ، قرب).
_NEAR_JOINERS = frozenset({"في", "علي", "،", ","})
#: The beginnings of a definite word, with a preposition or not (المحاصرة، للمعارضة، بالغوطة).
_DEFINITE = ("ال", "لل", "بال")


def _near_a_place(tokens, i: int, lex, resolved: set[int]) -> bool:
    """Whether the place at token ``i`` follows a near word (قرب، بالقرب من، على أطراف، في محيط) right after
    a resolved place — a generic place word and an adjective may stand between the near word and the name
    (الغوطة الشرقية قرب العاصمة السورية دمشق): it says where that place is; what happened, happened there."""
    norms = tokens.norms
    k = i - 1
    while k >= 0 and i - k <= 3 and k not in resolved and (
            is_place_word(norms[k], lex) or has_nisba_shape(norms[k], min_length=4)):
        k -= 1  # العاصمة السورية
    found = relation_ending_at(tokens, k, lex)
    if found is None or found[1] != "near":
        return False
    start = found[0]
    if norms[start][:1] == "و":
        return False  # في ريف حمص وقرب العاصمة دمشق: a second place of the event, not where the first lies
    j = start - 1
    while j >= 0 and start - j <= 2 and norms[j] in _NEAR_JOINERS:
        j -= 1
    # back over adjectives and genitives (الغوطة الشرقية المحاصرة قرب، آخر معقل للمعارضة المسلحة قرب)
    while j >= 0 and start - j <= _NEAR_REACH + 2 and j not in resolved and norms[j].startswith(_DEFINITE):
        j -= 1
    if j < 0:
        return False
    if j in resolved:
        return True
    # a stronghold that a place named before it is (دوما، آخر معقل للمعارضة بالقرب من دمشق)
    return norms[j].lstrip("و") in lex.grammar["holder_noun"] and any(k < j for k in resolved)


def _reference(tokens, i: int, lex, place_tokens: set[int], resolved: set[int]) -> bool:
    """Whether the place at token ``i`` only locates something else: the neighbour after a border word and
    مع (على الحدود مع تركيا), the place after a near word that follows another place (عطيرة القريبة من لواء
    إسكندرون), or a place of a road's name or way (طريق "دمشق-حلب"، عن طريق تركيا)."""
    norms = tokens.norms
    if i > 1 and norms[i - 1] == "مع" and norms[i - 2].lstrip("و") in lex.grammar["border_word"]:
        return not (i > 2 and norms[i - 3] == _ACROSS)  # عبر الحدود مع سوريا: across it, into it
    near = lex.grammar["near_word"]
    at = i - 2 if i > 1 and norms[i - 1] == "من" else i - 1 if norms[i][:1] == "ل" else -1
    if at > 0 and norms[at] in near and any(k in place_tokens for k in range(max(0, at - _NEAR_REACH), at)):
        return True  # عطيرة القريبة من لواء إسكندرون، المنطقة المتاخمة لهضبة الجولان: it locates the one before
    if _in_locating_clause(tokens, i, lex, place_tokens, resolved):
        return True  # دير الزور التي تبعد 450 كيلومترا عن دمشق، البوكمال التي تقع في وادي الفرات
    k = i - 1
    while k >= 0 and i - k <= _ROUTE_REACH and (tokens[k].text in _JOINERS or k in place_tokens):
        k -= 1  # طريق "دمشق-حلب": back over quotes, the hyphen and the first place
    return k >= 0 and norms[k].lstrip("وف") in lex.grammar["route_word"]


def _speaks_right_after(tokens, use, doc) -> str | None:
    """``party`` when a country or capital, written bare or with و, stands right before a reporting verb (اجتماع
    لبحث هجوم دوما وروسيا تنفي وجود أدلة): its government is the one speaking; ``origin`` when the sentence
    opens with في and the place (وفي موسكو قال الكرملين): where it was said; else ``None``."""
    place, end = use.place, use.span[1]
    if place is None or end >= len(tokens):
        return None
    hit = doc.lexicons.reporting.match(tokens, end)
    if hit is None or hit[1] not in ("verb", "imperfect"):
        return None
    i = use.span[0]
    clitic = use.clitics(tokens)
    if clitic in ("", "و") and i == 1 and tokens.norms[0].lstrip("و") == "في":
        return "origin"  # the scene set first (وفي واشنطن قال …); later in a sentence, في X قالت is a new clause
    if clitic in ("", "و") and (place.feature == "country" or doc.gazetteer.is_capital(place)) and not (
            i > 0 and tokens.norms[i - 1].lstrip("و") in doc.lexicons.speech["locative"]):
        return "party"
    return None


def _where_people_come_from(tokens, i: int, use, lex) -> bool:
    """Whether a country follows من right after people counted or named (units.csv people units: امرأة،
    مقاتلين، أشخاص، عناصر), no claim cue before them (انسحاب المسلحين من منبج، خروج المقاتلين من دوما are
    where they left): their nationality, where they come from, no place of the event."""
    if use.place is None or use.place.feature != "country" or i < 2 or tokens.norms[i - 1] != "من":
        return False
    hit = lex.units.match(tokens, i - 2)
    k = i - 2
    if hit is None and i > 2:  # مقاتلين أجانب من تونس: one adjective between
        hit, k = lex.units.match(tokens, i - 3), i - 3
    if hit is None or hit[0] != 1 or not (hit[1] in lex.people_units or hit[1] == "people"):
        return False
    return not any(lex.claims.match(tokens, m) is not None for m in range(max(0, k - 3), k))


#: How many words after مؤتمر صحفي a place of it may be named (في مؤتمر صحافي عقده اليوم في دمشق).
_PRESS_REACH = 5
#: 'conference' (normal form: the hamza folded), before the press_conference adjective.
_CONFERENCE = "موتمر"
#: Words that make a press conference a meeting (مؤتمر صحفي مشترك مع نظيره): its place is the meeting's.
_JOINT = frozenset({"مع", "مشترك", "المشترك"})


def _at_a_press_conference(tokens, i: int, use, lex) -> bool:
    """Whether the place at ``i``, written with في or ب, follows a press conference (مؤتمر +
    ``press_conference``) within :data:`_PRESS_REACH` words and no joint word stands in the conference's phrase
    (before the place or within as many words after it: عقده في عمان مع نظيره الأردني is a meeting): where
    the speaker spoke, not where the news happened."""
    press, norms = lex.grammar["press_conference"], tokens.norms
    clitic = use.clitics(tokens)
    if not ("ب" in clitic or (i > 0 and norms[i - 1] == "في")):
        return False  # مؤتمر صحفي نظمته روسيا: who held it
    if not _JOINT.isdisjoint(norms[i + 1:i + 1 + _PRESS_REACH]):
        return False
    for k in range(i - 1, max(0, i - _PRESS_REACH - 1), -1):
        if norms[k] in _JOINT:
            return False
        if norms[k] in press and norms[k - 1].lstrip("وبل").removeprefix("ال").startswith(_CONFERENCE):
            return True
    return False


#: How many words before a sea a warship may be named (المدمرة الأمريكية "يو إس إس هوغينز" المتمركزة في الخليج).
_VESSEL_REACH = 5
#: How the name of a sea begins, in normal form (البحر الأحمر، الخليج العربي، المحيط الهادئ، بحر قزوين).
_SEA_WORDS = ("بحر", "البحر", "الخليج", "خليج", "المحيط", "محيط")


def _sea_of_a_vessel(tokens, i: int, use, lex) -> bool:
    """Whether a sea follows a warship within :data:`_VESSEL_REACH` words (``vessel_noun``) that no attack cue
    stands right before (a ship struck there: استهداف ناقلتي نفط في البحر الأحمر): where the vessel is."""
    if use.place is None or use.place.feature != "water":
        return False
    if not any(tokens.norms[i].lstrip("وبل").startswith(w) for w in _SEA_WORDS):
        return False  # a river (الفرات) is no sea a ship strikes from
    vessels = lex.grammar["vessel_noun"]
    for k in range(i - 1, max(-1, i - _VESSEL_REACH - 1), -1):
        if not vessels.isdisjoint(word_forms(tokens.norms[k])) or tokens.norms[k].lstrip("وبل").removeprefix("ال") in vessels:
            return not any(lex.claims.match(tokens, m) is not None for m in range(max(0, k - 2), k))
    return False


def _with_after_place(before, use, tokens) -> bool:
    """Whether a place follows مع right after a landmark (a crossing, a base: معبر نصيب مع الأردن): it says
    where that one lies; after a country or a town it is a partner (الولايات المتحدة مع فرنسا، اجتماع في جنيف مع
    روسيا)."""
    i = use.span[0]
    return (i > 1 and tokens.norms[i - 1] == _WITH_WORD and before is not None and before.span is not None
            and before.span[1] == i - 1 and before.place is not None and before.place.feature == "landmark")


#: 'with' (normal form).
_WITH_WORD = "مع"


#: 'between' (normal form).
_BETWEEN = "بين"


def _between_after_place(tokens, i: int, place_tokens: set[int], resolved: set[int]) -> bool:
    """Whether the place at token ``i`` follows بين right after a resolved place (one adjective may stand
    between): the two after بين say where that place is (مطار التيفور العسكري بين حمص وتدمر، معبر نصيب
    الإستراتيجي بين سوريا والأردن); the second is listed with the first."""
    norms = tokens.norms
    if i < 2 or norms[i - 1] != _BETWEEN:
        return False
    k = i - 2
    if k > 0 and k not in place_tokens and has_nisba_shape(norms[k], min_length=4):
        k -= 1
    return k in resolved


def _after_government_noun(tokens, i: int, lex) -> bool:
    """Whether a government noun stands right before the place at ``i``, or before the generic place word
    right before it (نظام دمشق، حكومة بغداد، حكومة إقليم كردستان العراق): the place names that government."""
    government = lex.grammar["government_noun"]
    if i > 0 and tokens.norms[i - 1].lstrip("وبل") in government:
        return True
    return (i > 1 and tokens.norms[i - 2].lstrip("وبل") in government
            and not place_words().isdisjoint(word_forms(tokens.norms[i - 1])))


def _in_locating_clause(tokens, i: int, lex, place_tokens: set[int], resolved: set[int]) -> bool:
    """Whether the place at token ``i`` is in a clause that says where the resolved place right before it
    lies: a located word (grammar ``located_word``: تقع، تبعد، الواقعة) after that place or its relative
    pronoun, and nothing between it and this place that ends the clause (a comma, a clause break, another
    verb: التي تقع في جيب يضم مخيم اليرموك). A place the gazetteer could not resolve keeps the one that
    locates it as where the event is."""
    norms, g = tokens.norms, lex.grammar
    located, breaks, relative = g["lies_word"], g["clause_break"], g["relative"]
    for k in range(i - 1, max(-1, i - _LOCATED_REACH - 1), -1):
        if tokens[k].text in "،,.:؛;" or norms[k] in breaks or k in place_tokens:
            return False
        if norms[k] in located:
            if k == i - 1:
                return False  # الأردن الذي تقع درعا على حدوده: right after the verb, what lies, not where
            b = k - 1 if k > 0 and norms[k - 1] not in relative else k - 2
            return b >= 0 and b in resolved
        if norms[k].startswith(("ي", "ت")) and len(norms[k]) >= 3:
            return False  # another verb begins another clause
    return False


#: How many words a verb of lying (التي تبعد 450 كيلومترا إلى الشمال الغربي من) may stand before the place.
_LOCATED_REACH = 8
_ACROSS = "عبر"
#: How many words before a near word (القريبة من) the place it locates may end.
_NEAR_REACH = 3
#: How far back over quotes, hyphens and places a road's word is looked for.
_ROUTE_REACH = 4
_JOINERS = frozenset('"«»“”-–')


def dateline_end(text: str, offset: int) -> int:
    """Article offset where a sentence's dateline ends, or -1 when it has none."""
    # (a dateline ends with a dash: without one, the pattern's backtracking over 80 characters is spared)
    if "-" not in text and "—" not in text:
        return -1
    match = _DATELINE.match(text)
    return offset + match.end() if match else -1
