"""``lists``: the names listed under one plural place word are all places, and near one another.

After a list head (``grammar.csv`` kind ``list_head``: بلدات، قرى، بلدتي …), the names joined by و or a
comma (بلدات الجيزة وكحيل والمسيفرة في ريف درعا) are settlements of one area: a name the gazetteer did not
find becomes an unresolved mention (a town it lacks), and a name it resolved far from them (الجيزة → Giza, Egypt) is resolved again near them, or left unresolved — never
kept 1,000 km away. The area is the place named right after the list (في ريف درعا), else the place most
of the list's resolved names lie near.
"""

from __future__ import annotations

import functools

from gazetteer.lexicon import place_words

import math

from gazetteer import Mention

from ..document import Doc, Sent
from ..registry import component

__all__ = ["LIST_KM", "lists"]

#: How far from the list's area (km) a listed name may be resolved.
LIST_KM = 60.0
#: Words a listed name takes at most (خان شيخون، أم المياذن).
_NAME_WORDS = 3
#: How many words after the list the place that locates it may stand (في ريف درعا الشرقي).
_AREA_REACH = 4
_SEPARATORS = frozenset("،,")


@component("lists", requires=("sent.mentions", "sent.tokens"), sets=("sent.mentions",))
def lists(doc: Doc) -> Doc:
    """Make every name of a list under a plural place word a mention near the others."""
    heads = _head_forms(doc.lexicons)
    for sent in doc.sents:
        norms = sent.tokens.norms
        if heads.isdisjoint(norms):
            continue  # most sentences hold no head (tested in C)
        for h, norm in enumerate(norms):
            if norm in heads:
                _resolve_list(doc, sent, h)
    return doc


#: The clitics a list head may carry (وبلدات، فبلدتي، لقرى): a conjunction, a preposition, or both.
_HEAD_CLITICS = ("", "و", "ف", "ب", "ل", "وب", "فب", "ول", "فل")


@functools.lru_cache(maxsize=4)
def _head_forms(lex) -> frozenset[str]:
    """Every list head with the clitics it may carry: a whole word in one set, so that a head beginning
    with ب (بلدات) is found with its و (وبلدات), which stripping the letters و ف ب ل off lost."""
    return frozenset(c + h for h in lex.grammar["list_head"] for c in _HEAD_CLITICS)


def _resolve_list(doc: Doc, sent: Sent, h: int) -> None:
    items = _items(doc, sent, h)
    if len(items) < 2:
        return
    tokens = sent.tokens
    by_item = []
    for start, end in items:
        s, e = tokens[start].start, tokens[end - 1].end
        if tokens[start].norm[:1] == "و" and len(tokens[start].norm) > 2:
            s += 1  # the conjunction is not part of the name
        mention = next((m for m in sent.mentions if s <= m.start < e), None)
        by_item.append((s, e, mention))
    area = _area(sent, items[-1][1], [m.place for _, _, m in by_item if m is not None and m.place is not None])
    if area is None:
        return
    changed = False
    mentions = list(sent.mentions)
    for s, e, mention in by_item:
        text = sent.text[s - sent.start:e - sent.start]
        if mention is not None and mention.place is not None and _km(mention.place, area) <= LIST_KM:
            continue
        # a name find() did not know is looked up no further (a fuzzy match would guess): unresolved
        place = _near(doc.gazetteer, mention.text, area) if mention is not None else None
        if mention is not None:
            mentions[mentions.index(mention)] = Mention(mention.start, mention.end, mention.text, place)
            why = "resolved again near the other names of its list" if place else "too far from the other names of its list"
        else:
            mentions.append(Mention(s, e, text, place))
            why = "a name listed under a plural place word"
        changed = True
        if doc.trace is not None:
            doc.note("lists", sent, text, f"place: {place.name}" if place else "unresolved", why)
    if changed:
        sent.mentions = sorted(mentions, key=lambda m: m.start)


def _items(doc: Doc, sent: Sent, h: int) -> list[tuple[int, int]]:
    """Token spans of the names listed after the head at ``h``: each begins the list or follows a comma or
    a و, takes at most a few words, and the list ends at a function word, a cue, a relation word or the
    end of the clause; a list head within it (وقرى) only opens more names."""
    lex, tokens = doc.lexicons, sent.tokens
    norms = tokens.norms
    heads = lex.grammar["list_head"]
    items: list[tuple[int, int]] = []
    k, start = h + 1, h + 1
    while k < len(tokens):
        norm = norms[k]
        if norm in _SEPARATORS:
            if k > start:
                items.append((start, k))
            start = k + 1
        elif norm[:1] == "و" and k > start and len(norm) > 2:
            items.append((start, k))
            start = k
            if norm[1:] in heads:
                start = k + 1  # a list within the list (بلدات هجين والسوسة وقرى المراشدة): its names go on
        elif (not _name_word(norm, lex, tokens, k)) or k - start >= _NAME_WORDS:
            break
        k += 1
    if k > start and all(_name_word(n, lex, tokens, start + i) for i, n in enumerate(norms[start:k])):
        items.append((start, k))
    return items


def _name_word(norm: str, lex, tokens, k: int) -> bool:
    """Whether a word can be part of a listed place name (not a function word, a cue or a relation word)."""
    word = norm[1:] if norm[:1] == "و" and len(norm) > 2 else norm
    if not word or not word[0].isalpha():
        return False
    speech = lex.speech
    if word in speech["stop"] or word in speech["locative"] or word in place_words():
        return False
    for suffix in lex.grammar["pronoun_suffix"]:  # a preposition with its pronoun (حولها، قربه)
        if word.endswith(suffix) and (word[:-len(suffix)] in speech["stop"] or word[:-len(suffix)] in speech["locative"]):
            return False
    if lex.relations.match(tokens, k) is not None or lex.claims.match(tokens, k) is not None:
        return False
    return not any(word in lex.grammar[kind] for kind in ("time_word", "relative", "complementizer", "temporal"))


def _area(sent: Sent, after: int, resolved: list):
    """The place that locates the list: the first place named within a few words after it, else the
    resolved name most of the others lie near (``None`` when neither)."""
    end = sent.tokens[min(after + _AREA_REACH, len(sent.tokens)) - 1].end if after < len(sent.tokens) else -1
    gap_start = sent.tokens[after - 1].end
    following = next((m.place for m in sent.mentions if gap_start < m.start <= end and m.place is not None
                      and m.place.feature in ("city", "admin1", "admin2", "terrain")), None)
    if following is not None:
        return following
    best, support = None, 1
    for place in resolved:
        near = sum(1 for other in resolved if _km(place, other) <= LIST_KM)
        if near > support:
            best, support = place, near
    return best


def _near(gazetteer, name: str, area):
    """The town called ``name`` within LIST_KM of ``area`` (in the area's country first, then the nearest), or
    ``None``."""
    try:
        candidates = gazetteer.lookup(name, limit=50, feature="city", strict=True)
    except ValueError:
        return None
    close = [(p.country_code != area.country_code, d, p) for p in candidates
             if p.feature == "city" and (d := _km(p, area)) <= LIST_KM]
    return min(close, key=lambda c: c[:2])[2] if close else None  # the area's country first, then the nearest


def _km(a, b) -> float:
    """Great-circle distance between two places (km)."""
    p1, p2 = math.radians(a.latitude), math.radians(b.latitude)
    dp, dl = p2 - p1, math.radians(b.longitude - a.longitude)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371.0088 * 2 * math.asin(math.sqrt(min(1.0, h)))
