"""An article's statements, composed from the pipeline's stages in one visible place:

sentences → place mentions (``Gazetteer.find`` over the whole article, so each name is resolved in
the article's context) → speaker → claim cues, actors, targets → relations and areas → quantities.
"""

from __future__ import annotations

from gazetteer import Gazetteer, Mention

from .articles import Article
from .attribution import Attributor
from .claims import actor_and_target, assign, find_actors, find_cues
from .geometry import area_for
from .lexicons import Token, forms, load_lexicons, tokenize
from .model import PlaceRef, Statement
from .quantities import find_quantities
from .sentences import split_sentences

__all__ = ["extract_statements"]

_PRONOUN_ENDINGS = ("ها", "ه")


def extract_statements(article: Article, gazetteer: Gazetteer) -> list[Statement]:
    """Every statement of an article that names a place or makes a claim, in text order."""
    text = article.text
    mentions = gazetteer.find(text)
    attributor = Attributor()
    lex = load_lexicons()
    out: list[Statement] = []
    cursor = 0
    for sentence in split_sentences(text):
        while cursor < len(mentions) and mentions[cursor].start < sentence.start:
            cursor += 1
        inside = []
        k = cursor
        while k < len(mentions) and mentions[k].end <= sentence.end:
            inside.append(mentions[k])
            k += 1
        tokens = tokenize(sentence.text, offset=sentence.start)
        speaker = attributor.speaker(tokens, sentence.text, sentence.start)
        out += _sentence_statements(article, sentence, tokens, inside, speaker, lex, gazetteer)
    return out


def _token_index(tokens: list[Token], position: int) -> int:
    for i, tok in enumerate(tokens):
        if tok.end > position:
            return i
    return len(tokens)


def _sentence_statements(article, sentence, tokens, mentions: list[Mention], speaker, lex, gazetteer):
    sent_text, offset = sentence.text, sentence.start
    place_tokens = {i for m in mentions for i, t in enumerate(tokens) if t.start < m.end and m.start < t.end}
    actors = find_actors(tokens, lex, sent_text, offset, masked=place_tokens)
    actor_tokens = {i for a in actors for i in range(a.start, a.end)}
    cues = find_cues(tokens, lex, masked=place_tokens | actor_tokens)

    refs: list[tuple[int, PlaceRef]] = []  # (token index, place)
    for m in mentions:
        i = _token_index(tokens, m.start)
        relation, precision_hint = _relation_before(tokens, i, lex)
        refs.append((i, _place_ref(m.text, m.start, m.end, m.place, relation, gazetteer)))
        repeat = _pronoun_relation_after(tokens, i, m, lex)
        if repeat is not None:
            j, rel = repeat
            tok = tokens[j]
            lead = len(tok.text) - len(tok.text.lstrip("وف")) if len(tok.text) > 3 else 0
            refs.append((j, _place_ref(tok.text[lead:], tok.start + lead, tok.end, m.place, rel, gazetteer)))
        del precision_hint
    quantities = [(_token_index(tokens, offset + sent_text.index(q.text) if q.text in sent_text else 0), q)
                  for q in find_quantities(sent_text)]

    commas = [i for i, t in enumerate(tokens) if t.text in "،,؛"]
    owners = assign(cues, [i for i, _ in refs], commas)
    q_owners = assign(cues, [i for i, _ in quantities], commas)
    statements = []
    for k, cue in enumerate(cues):
        governed = [(i, ref) for (i, ref), owner in zip(refs, owners) if owner == k]
        places = [ref for _, ref in governed]
        figures = [q for (i, q), owner in zip(quantities, q_owners) if owner == k]
        first_place = min((i for i, _ in governed), default=None)
        actor, target = actor_and_target(cue, cues[k + 1] if k + 1 < len(cues) else None, actors, first_place)
        if not places and not (refs == [] and (actor is not None or figures)):
            continue
        if not places and any(s.claim_type == cue.claim_type for s in statements):
            continue
        statements.append(_statement(article, sentence, speaker, cue.claim_type, actor, target, places, figures))
    loose = [ref for (i, ref), owner in zip(refs, owners) if owner is None]
    if loose:
        figures = [q for (i, q), owner in zip(quantities, q_owners) if owner is None]
        statements.insert(0, _statement(article, sentence, speaker, "mention", None, None, loose, figures))
    statements.sort(key=lambda s: min((p.start for p in s.places), default=s.start))
    return statements


def _statement(article, sentence, speaker, claim_type, actor, target, places, figures) -> Statement:
    return Statement(
        article=article.id, text=sentence.text, start=sentence.start, end=sentence.end, speaker=speaker,
        claim_type=claim_type, actor=actor.text if actor else None, target=target.text if target else None,
        places=tuple(places), quantities=tuple(figures), title=article.title, date=article.date,
        source=article.source, url=article.url, actor_side=actor.actor.side if actor else None,
        actor_color=actor.actor.color if actor else None,
    )


def _relation_before(tokens: list[Token], i: int, lex) -> tuple[str, int | None]:
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
            relation, precision = hit[1]
            return relation, precision
    return "in", None


_PLACE_WORDS = frozenset({"مدينه", "بلده", "قريه", "محافظه", "منطقه", "مناطق", "اراضي", "حي", "مخيم", "بلدات",
                          "قري", "مدن", "ولايه", "اقليم", "ناحيه"})


def _is_place_word(token: Token) -> bool:
    return any(f in _PLACE_WORDS for f in forms(token.norm))


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


def _place_ref(text, start, end, place, relation, gazetteer) -> PlaceRef:
    if place is None:
        return PlaceRef(text, start, end, None, relation, 3, None, "not in the gazetteer")
    extent = None
    if place.id.startswith("curated:"):
        index = gazetteer.index
        extent = float(index.radius_km[index.row_of_id[place.id]]) or None
    geometry, precision = area_for(place, relation, extent_km=extent)
    return PlaceRef(text, start, end, place, relation, precision, geometry)
