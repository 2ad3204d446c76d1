"""An article's statements, composed from the pipeline's stages in one visible place:

sentences → place mentions (``Gazetteer.find`` over the whole article, so each name is resolved in
the article's context) → speaker → claim cues, actors, targets → relations and areas → quantities.
"""

from __future__ import annotations

import bisect
import functools
import re
from dataclasses import replace
from itertools import compress, count


from gazetteer import Gazetteer, Mention

from geonews.reading.articles import Article
from .attribution import Attributor
from .claims import actor_and_target, assign, find_actors, find_cues, force_nouns
from geonews.geometry.areas import area_for
from .lexicons import Token, forms, load_lexicons, speech_words, token_slice, tokenize
from geonews.model import PlaceRef, Statement
from .quantities import find_quantities
from .sentences import split_sentences

__all__ = ["extract_statements"]

_PRONOUN_ENDINGS = ("ها", "ه")
#: A dateline before the story (دبي، الإمارات العربية المتحدة (CNN)-- …): its places are not the story's.
_DATELINE = re.compile(r"^[^\n.؟!]{0,80}?\)\s*(?:--|—|-)|^[^\n.؟!]{0,60}?(?:--|—)")
#: Words that start a new clause: a cue's target is not looked for past them.
_CLAUSE_BREAKS = frozenset({"كما", "وكما", "بينما", "فيما", "حيث"})
#: What separates a place before a cue from it (a comma or a semicolon).
_COMMAS = frozenset("،,؛")


def extract_statements(article: Article, gazetteer: Gazetteer) -> list[Statement]:
    """Every statement of an article that names a place or makes a claim, in text order."""
    text = article.text
    mentions = gazetteer.find(text)
    attributor = Attributor()
    lex = load_lexicons()
    out: list[Statement] = []
    context = _Context()
    cursor = 0
    article_tokens = tokenize(text)  # once per article; each sentence takes its slice
    for sentence in split_sentences(text):
        while cursor < len(mentions) and mentions[cursor].start < sentence.start:
            cursor += 1
        inside = []
        k = cursor
        while k < len(mentions) and mentions[k].end <= sentence.end:
            inside.append(mentions[k])
            k += 1
        tokens = token_slice(article_tokens, sentence.start, sentence.end)
        speaker = attributor.speaker(tokens, sentence.text, sentence.start)
        out += _sentence_statements(article, sentence, tokens, inside, speaker, attributor.span, lex, gazetteer,
                                    context)
    return out


class _Context:
    """What earlier sentences of the article said: the last country named (for البلاد)."""

    def __init__(self) -> None:
        self.country = None


def _token_index(tokens: list[Token], position: int) -> int:
    """Index of the first token ending after ``position`` (``len(tokens)`` when none does)."""
    return bisect.bisect_right(tokens.ends, position)  # token ends increase along the sentence


def _sentence_statements(article, sentence, tokens, mentions: list[Mention], speaker, speaker_span, lex,
                         gazetteer, context):
    sent_text, offset = sentence.text, sentence.start
    if not mentions and not lex.claims.candidates(tokens) and (
            context.country is None or not _country_anaphora(tokens, set())):
        return []  # no place, no claim cue, no البلاد: nothing to state (a fifth of news sentences)
    spans = [(_token_index(tokens, m.start), _token_index(tokens, m.end - 1) + 1) for m in mentions]
    actors = find_actors(tokens, lex, sent_text, offset, masked=set())
    # A place inside a longer actor name is part of the name (هيئة تحرير الشام); an actor that is
    # just a place name (روسيا) stays a place.
    keep = [not any(a.start <= s and e <= a.end and (a.end - a.start) > (e - s) for a in actors) for s, e in spans]
    mentions = [m for m, k in zip(mentions, keep) if k]
    spans = [sp for sp, k in zip(spans, keep) if k]
    actors = [a for a in actors if not any(s <= a.start and a.end <= e for s, e in spans)]
    if speaker_span is not None:  # the speaker is not the actor (أكد الجيش الروسي أن …)
        actors = [a for a in actors if not (speaker_span[0] <= tokens[a.start].start < speaker_span[1])]
    place_tokens = {i for s, e in spans for i in range(s, e)}
    actor_tokens = {i for a in actors for i in range(a.start, a.end)}
    cues = find_cues(tokens, lex, masked=place_tokens | actor_tokens)
    cue_starts = {c.start: k for k, c in enumerate(cues)}
    cue_ends = {c.end: k for k, c in enumerate(cues)}

    refs: list[tuple[int, PlaceRef]] = []  # (token index, place)
    aside: set[int] = set()  # ids of refs only mentioned whatever the cues
    acting: dict[int, Mention] = {}  # cue index -> a country acting as its subject (شنت الولايات المتحدة)
    # (a dateline ends with a dash: without one, the pattern's backtracking over 80 characters is spared)
    dateline = _DATELINE.match(sent_text) if "-" in sent_text or "—" in sent_text else None
    dateline_end = offset + dateline.end() if dateline else -1
    list_end = -1  # token after the last acting country, for lists (شنت الولايات المتحدة وبريطانيا وفرنسا)
    named: list = []  # (start token, end token, mention, ref) of the names so far
    for m, (i, e) in zip(mentions, spans):
        relation = _relation_before(tokens, i, lex)
        if m.place is not None and m.place.feature == "country":
            context.country = m.place
        ref = _place_ref(m.text, m.start, m.end, m.place, relation, gazetteer)
        if not cues:
            pass  # with no cue every place is only mentioned: what backs, hosts or acts changes nothing
        elif (_supporter_before(tokens, i, lex) or m.end <= dateline_end
                or (speaker_span is not None and speaker_span[0] <= m.start < speaker_span[1])):
            aside.add(id(ref))  # backs or hosts an actor, a dateline, or the speaker (قالت موسكو)
        elif relation == "in" and (e in cue_starts or i in cue_ends or i == list_end) and _acts(m, tokens, i, gazetteer):
            if i != list_end:
                acting.setdefault(cue_starts.get(e, cue_ends.get(i)), m)
            aside.add(id(ref))
            list_end = e
            # the countries listed right before it act with it (الولايات المتحدة وبريطانيا وفرنسا شنت)
            first = i  # the first token of the list so far
            for (pi, pe, pm, pref) in reversed(named):
                if pe != first or not _acts(pm, tokens, pi, gazetteer):
                    break
                aside.add(id(pref))
                first = pi
        named.append((i, e, m, ref))
        refs.append((_token_index(tokens, m.start), ref))
        repeat = _pronoun_relation_after(tokens, i, m, lex)
        if repeat is not None:
            j, rel = repeat
            tok = tokens[j]
            lead = len(tok.text) - len(tok.text.lstrip("وف")) if len(tok.text) > 3 else 0
            refs.append((j, _place_ref(tok.text[lead:], tok.start + lead, tok.end, m.place, rel, gazetteer)))
    for j in _country_anaphora(tokens, place_tokens):
        if context.country is not None:
            tok = tokens[j]
            lead = len(tok.text) - len(forms(tok.norm)[-1]) if len(forms(tok.norm)) > 1 else 0
            refs.append((j, _place_ref(tok.text[lead:], tok.start + lead, tok.end, context.country, "in", gazetteer)))
    refs.sort(key=lambda r: r[0])
    quantities = [(_token_index(tokens, offset + sent_text.index(q.text) if q.text in sent_text else 0), q)
                  for q in find_quantities(sent_text, tokens, offset)]

    # commas and clause breaks matter only to cues (both scans in C: most sentences are long)
    commas = list(compress(count(), map(_COMMAS.__contains__, tokens.norms))) if cues else []
    breaks = list(compress(count(), map(_CLAUSE_BREAKS.__contains__, tokens.norms))) if cues else []
    owners = assign(cues, [i for i, _ in refs], commas)
    owners = [None if id(ref) in aside else owner for (i, ref), owner in zip(refs, owners)]
    q_owners = assign(cues, [i for i, _ in quantities], commas)
    statements = []
    for k, cue in enumerate(cues):
        governed = [(i, ref) for (i, ref), owner in zip(refs, owners) if owner == k]
        places = [ref for _, ref in governed]
        figures = [q for (i, q), owner in zip(quantities, q_owners) if owner == k]
        first_place = min((i for i, _ in governed), default=None)
        clause_end = next((i for i in breaks if i > cue.end), len(tokens))
        actor, target = actor_and_target(cue, cues[k + 1] if k + 1 < len(cues) else None, actors, first_place,
                                         clause_end, tokens)
        if not places and not (refs == [] and (actor is not None or figures)):
            continue
        if not places and any(s.claim_type == cue.claim_type for s in statements):
            continue
        claim_type = cue.claim_type
        if claim_type == "advance" and actor is None and not _names_a_force(tokens):
            claim_type = "mention"  # nothing armed moves: وصلت المساعدات، الوصول إلى اتفاق
        statement = _statement(article, sentence, speaker, claim_type, actor, target, places, figures)
        subject = acting.get(k) or acting.get(k - 1)  # شنت الولايات المتحدة ضربات: the verb, then its noun
        if actor is None and subject is not None:
            statement = replace(statement, actor=subject.text)
        statements.append(statement)
    loose = [ref for (i, ref), owner in zip(refs, owners) if owner is None]
    if loose:
        figures = [q for (i, q), owner in zip(quantities, q_owners) if owner is None]
        statements.insert(0, _statement(article, sentence, speaker, "mention", None, None, loose, figures))
    statements.sort(key=lambda s: min((p.start for p in s.places), default=s.start))
    return statements


def _names_a_force(tokens: list[Token]) -> bool:
    """Whether the sentence names an armed group (قوات، مسلحين، فصائل …), with or without clitics."""
    forces = force_nouns()
    return any(f in forces for t in tokens for f in forms(t.norm))


def _supporter_before(tokens: list[Token], i: int, lex) -> bool:
    """A supporter word within two words before a place (المدعومة من روسيا، ومقره لندن)."""
    supporters = lex.supporters
    return any(supporters.match(tokens, k) is not None for k in supporters.candidates(tokens, max(0, i - 2), i))


def _acts(mention: Mention, tokens: list[Token], i: int, gazetteer: Gazetteer) -> bool:
    """A country or capital named bare, with no preposition: the subject of a verb next to it
    (شنت الولايات المتحدة ضربات، واشنطن تدعمهم)."""
    place = mention.place
    if place is None or not (place.feature == "country" or gazetteer.is_capital(place)):
        return False
    clitic = tokens[i].text[:max(0, mention.start - tokens[i].start)] if i < len(tokens) else ""
    if "ب" in clitic or "ل" in clitic:
        return False
    return i == 0 or not any(f in speech_words()["locative"] for f in forms(tokens[i - 1].norm))



_COUNTRY_WORDS = frozenset({"البلاد", "البلد"})


def _country_anaphora(tokens: list[Token], place_tokens: set[int]) -> list[int]:
    """Positions of البلاد / هذا البلد, which name the last country the article named."""
    out = []
    if "بل" not in " ".join(tokens.norms):  # every form of البلاد / البلد holds بل: most sentences stop here
        return out
    for j, tok in enumerate(tokens):
        if "بل" not in tok.norm or j in place_tokens:
            continue
        if _is_country_word(tok.norm) and not (j + 1 < len(tokens) and (j + 1) in place_tokens):
            out.append(j)
    return out


@functools.lru_cache(maxsize=4096)
def _is_country_word(norm: str) -> bool:
    return any(f in _COUNTRY_WORDS for f in forms(norm))


def _statement(article, sentence, speaker, claim_type, actor, target, places, figures) -> Statement:
    return Statement(
        article=article.id, text=sentence.text, start=sentence.start, end=sentence.end, speaker=speaker,
        claim_type=claim_type, actor=actor.text if actor else None, target=target.text if target else None,
        places=tuple(places), quantities=tuple(figures), title=article.title, date=article.date,
        source=article.source, url=article.url, actor_side=actor.actor.side if actor else None,
    )


def _relation_before(tokens: list[Token], i: int, lex) -> str:
    """The relation cue right before a place (وسط مدينة منبج، ريف اللاذقية، جنوبي دمشق)."""
    k = i - 1
    # skip a generic place word between the cue and the name (وسط مدينة منبج، أراضي جنوبي دمشق)
    while k >= 0 and i - k <= 2 and _is_place_word(tokens[k]):
        k -= 1
    for start in (k - 2, k - 1, k):
        if start < 0:
            continue
        hit = lex.relations.match(tokens, start)
        if hit is not None and start + hit[0] - 1 == k:
            return hit[1][0]
    return "in"


def _is_place_word(token: Token) -> bool:
    return _is_place_norm(token.norm)


@functools.lru_cache(maxsize=4096)
def _is_place_norm(norm: str) -> bool:
    """A generic place word (مدينة، بلدة، أراضي …), with or without clitics."""
    return not speech_words()["place_word"].isdisjoint(forms(norm))


def _pronoun_relation_after(tokens: list[Token], i: int, mention: Mention, lex):
    """A side word with a pronoun right after a place (جنوبي دمشق وشماليها): the same place again."""
    j = _token_index(tokens, mention.end)
    if j >= len(tokens) or j - i > 3:
        return None
    tok = tokens[j]
    if not tok.norm.endswith(_PRONOUN_ENDINGS):
        return None
    hit = lex.relations.match(tokens, j)
    if hit is None or hit[0] != 1:
        return None
    return j, hit[1][0]


#: area_for, remembered: news names the same places again and again, and building an area (geodesic
#: points, a polygon, a clip to land) costs far more than the lookup. Geometries are immutable, so shared.
_area_for = functools.lru_cache(maxsize=4096)(area_for)


def _place_ref(text, start, end, place, relation, gazetteer) -> PlaceRef:
    if place is None:
        return PlaceRef(text, start, end, None, relation, 3, None, "not in the gazetteer")
    extent = gazetteer.extent_km(place)
    geometry, precision = _area_for(place, relation, extent)
    return PlaceRef(text, start, end, place, relation, precision, geometry)
