"""``statements``: one statement per claim cue that governs a place (or, in a sentence naming no place,
has an actor or a figure), with its speaker, actor, target, places and figures; the places no cue
governs make one ``mention`` statement. An advance with no actor in a sentence naming no armed group is
a mention (nothing armed moves: وصلت المساعدات، الوصول إلى اتفاق). A country acting as the cue's
subject (``parties``) is its actor when no actor is named."""

from __future__ import annotations

from gazetteer.morphology import word_forms

import functools
from dataclasses import replace

from geonews.model import Statement

from ..document import Doc, Sent
from ..registry import component
from .quantities import victims


__all__ = ["statements"]


@component("statements", requires=("sent.cues", "sent.modalities", "sent.arguments", "sent.place_cues",
                                   "sent.quantity_cues", "place.ref"), sets=("sent.statements",))
def statements(doc: Doc) -> Doc:
    """Build each sentence's statements, in text order of their first place."""
    for sent in doc.active():
        sent.statements = _sentence_statements(doc, sent)
        if doc.trace is not None:
            for st in sent.statements:
                doc.note("statements", sent, ", ".join(p.text for p in st.places) or "(no place)",
                         f"{st.claim_type} statement", f"actor {st.actor!r}, target {st.target!r}")
    return doc


def _sentence_statements(doc: Doc, sent: Sent) -> list[Statement]:
    article, cues = doc.article, sent.cues
    refs = [use.ref for use in sent.places]
    out: list[Statement] = []
    prevented = {}  # asserted cue -> the cues it prevented, whose places it shares
    for k, preventer in sent.preventers.items():
        prevented.setdefault(preventer, set()).add(k)
    held = _held_antecedents(sent, doc.lexicons)
    captured = _captured(sent, held, refs, doc.lexicons)
    background = []  # the places of a stronghold taken in the same sentence: only referred to
    for k, cue in enumerate(cues):
        if k in captured:
            background += [ref for ref, owner in zip(refs, sent.place_cues) if owner == k]
            continue
        mine = {k} | prevented.get(k, set())
        places = [ref for ref, owner in zip(refs, sent.place_cues) if owner in mine]
        figures = [q for (_, q), owner in zip(sent.quantities, sent.quantity_cues) if owner == k]
        if not places and k in sent.results and not _counts_people(sent, cue, figures, doc.lexicons):
            # a result with no place of its own happened where its cause did (ساعد ذلك … في استعادة حلب)
            places = [ref for ref, owner in zip(refs, sent.place_cues) if owner == sent.results[k]]
        if k in held and held[k] not in places:  # منبج التي تسيطر عليها قوات سوريا الديمقراطية
            places.insert(0, held[k])
        actor, target = sent.arguments[k]
        if not places and not (refs == [] and (actor is not None or figures)):
            continue
        if not places and any(s.claim_type == cue.claim_type for s in out):
            continue
        claim_type = cue.claim_type
        if claim_type == "advance" and actor is None and (not _names_a_force(sent, doc.lexicons) or (
                k not in sent.acting and _unarmed_subject(sent, cue, doc.lexicons))):
            claim_type = "mention"
        if (claim_type == "advance" and actor is not None and _an_official(sent, actor, doc.lexicons)
                and not _names_a_force(sent, doc.lexicons)):
            claim_type = "mention"  # توجه رئيس الوزراء إلى السليمانية: a visit, no forces moving
        statement = _statement(article, sent, claim_type, actor, target, places, figures, sent.modalities[k],
                               cue.end)
        if target is None and claim_type == "attack":  # وقتل سبعة مدنيين في القصف: the attacked are the victims
            counted = victims(figures, doc.lexicons)
            if counted is not None:
                statement = replace(statement, target=counted)
        verb = k if k in sent.acting else k - 1  # شنت الولايات المتحدة ضربات: the verb, then its noun
        subject = sent.acting.get(verb)
        # a country right after its verb is its subject, whoever was named before the verb (دفع هجوم الجيش
        # السوري الآلاف نحو هضبة الجولان التي تحتلها إسرائيل: Israel occupies it)
        at = None
        if subject is not None and verb >= 0 and actor is not None and actor.end <= cues[verb].start:
            rel = cues[verb].relative_subject  # غارات شنتها دمشق
            at = rel if rel is not None else cues[verb].end
        after_verb = (at is not None and cue.claim_type != "diplomacy"  # محادثات أستانا: where talks were held
                      and at < len(sent.tokens) and sent.tokens[at].start <= subject.start < sent.tokens[at].end)
        if subject is not None and (actor is None or after_verb):
            statement = replace(statement, actor=subject.text)
        out.append(statement)
    # the places no cue governs are only referred to (a party, an origin keep their role)
    loose = [ref if ref.role != "event" else replace(ref, role="mention")
             for ref, owner in zip(refs, sent.place_cues) if owner is None or ref in background]
    if loose:
        figures = [q for (_, q), owner in zip(sent.quantities, sent.quantity_cues) if owner is None]
        out.insert(0, _statement(article, sent, "mention", None, None, loose, figures))
    if len(out) > 1:
        out.sort(key=lambda s: min((p.start for p in s.places), default=s.start))
    return out


def _captured(sent: Sent, held: dict, refs: list, lex) -> set[int]:
    """The strongholds in apposition (``holder_noun``) whose place another asserted control cue of the
    sentence governs with another actor (سيطرت القوات الحكومية على مدينة دوما، آخر معاقل المعارضة: Douma was
    the opposition's, it is the government's now): what the stronghold says is background, no claim of its
    own. A relative clause on the place (التي تسيطر عليها) says who holds it now, and stays."""
    out = set()
    for k, ref in held.items():
        if sent.tokens.norms[sent.cues[k].start].lstrip("و") not in lex.grammar["holder_noun"]:
            continue
        owner = next((o for r, o in zip(refs, sent.place_cues) if r is ref), None)
        if owner is None or owner == k or sent.cues[owner].claim_type != "control":
            continue
        if sent.modalities[owner] != "asserted":
            continue
        taker, holder = sent.arguments[owner][0], sent.arguments[k][0]
        if taker is not None and (holder is None or not taker.same_actor(holder)):
            out.add(k)
    return out


def _held_antecedents(sent: Sent, lex) -> dict:
    """Control cue -> the place it holds when it opens a relative clause on that place's name (اتفقتا على
    خارطة طريق بشأن منبج التي تسيطر عليها قوات سوريا الديمقراطية: Manbij is the roadmap's and is held by
    the SDF) or is a stronghold in apposition to it (هجوم على إدلب، آخر معقل للمعارضة), though another cue
    governs the place."""
    out = {}
    if not any(cue.claim_type == "control" for cue in sent.cues):
        return out
    ends = {use.span[1] - 1: use for use in sent.places if use.span is not None and use.role == "event"}
    norms, tokens = sent.tokens.norms, sent.tokens
    for k, cue in enumerate(sent.cues):
        i = cue.start
        if cue.claim_type != "control" or i < 2:
            continue
        if norms[i - 1] in lex.grammar["relative"]:
            use = ends.get(i - 2)
        elif norms[i].lstrip("و") in lex.grammar["holder_noun"]:
            # a stronghold in apposition to the place before it (إدلب، آخر معقل للمعارضة)
            j = i - 2 if norms[i - 1] == _LAST else i - 1
            use = ends.get(j - 1) if j > 0 and tokens[j].text in "،," else None
        else:
            use = None
        if use is not None and use.ref is not None:
            out[k] = use.ref
    return out


#: The units of a figure that measures territory (quantities: units.csv).
_TERRITORY_UNITS = frozenset({"km2", "localities"})
#: آخر 'the last' (normal form), before a stronghold noun.
_LAST = "اخر"


def _counts_people(sent: Sent, cue, figures, lex) -> bool:
    """Whether a cue is followed by a number, a comparative or a word that counts people (grammar
    ``count_word``: أسفر عن سقوط 27 قتيلا، أدى إلى سقوط عدد من القتلى، سقوط ضحايا): a fall of casualties, no
    territory."""
    k = cue.end
    if k >= len(sent.tokens):
        return False
    word = sent.tokens.norms[k]
    if word.startswith(lex.casualty_stems) or word in lex.grammar["count_word"]:
        return True
    number = (sent.tokens[k].text[:1].isdigit() or word in lex.numerals or word in lex.grammar["approximation"]
              or word in lex.grammar["comparative"])
    # a number of people, not of territory (أكثر من ألف كيلومتر مربع، 40 بلدة)
    return number and not any(q.unit in _TERRITORY_UNITS for q in figures)


def _names_a_force(sent: Sent, lex) -> bool:
    """Whether the sentence names an armed group (قوات، مسلحين، فصائل …), with or without clitics."""
    return any(map(functools.partial(_is_force, lex=lex), sent.tokens.norms))


#: How many words before an actor its title may stand (الرئيس التركي رجب طيب أردوغان).
_TITLE_REACH = 4


def _an_official(sent: Sent, actor, lex) -> bool:
    """Whether an actor is an official, not a force: a title (``official_title``) begins it or stands within
    :data:`_TITLE_REACH` words before it with only names and adjectives between, and no force word is in it
    (the caller also asks that the sentence name no force: قوات موالية للرئيس تقدمت نحو البلدة)."""
    norms, titles = sent.tokens.norms, lex.grammar["official_title"]
    if any(_is_force(norms[k], lex) for k in range(actor.start, actor.end)):
        return False  # قوات الرئيس، وحدات حرس الأمير: forces
    for k in range(actor.start, max(-1, actor.start - _TITLE_REACH - 1), -1):
        word = norms[k].lstrip("و")
        if word in titles:
            return True
        if k < actor.start and (word in lex.speech["stop"] or word in lex.speech["locative"]
                                or sent.tokens[k].text in "،,.:؛"):
            return False
    return False


def _unarmed_subject(sent: Sent, cue, lex) -> bool:
    """Whether a verb of advancing has a subject right after it that names no force and no actor (دخلت قافلة
    مساعدات إلى الغوطة، تتواصل حركة العودة نحو قرى): what moves is not armed, whatever else the sentence names."""
    tokens, i = sent.tokens, cue.end
    first = tokens.norms[cue.start].lstrip("وف")
    if first.startswith(("ال", "لل", "ب", "ل")) or i >= len(tokens):
        return False  # a verbal noun, or nothing after the verb
    word = tokens.norms[i]
    if not word[:1].isalpha() or word in lex.speech["locative"] or word in lex.speech["stop"]:
        return False  # دخلت إلى، تقدمت نحو: the subject came before
    if word in lex.grammar["time_word"] or _is_force(word, lex):
        return False
    if any(a.start == i for a in sent.actors) or any(use.token == i for use in sent.places):
        return False  # دخلت القوات التركية، دخلت عفرين
    return True


@functools.lru_cache(maxsize=50_000)
def _is_force(norm: str, lex) -> bool:
    return not lex.force_nouns.isdisjoint(word_forms(norm))


def _statement(article, sent: Sent, claim_type, actor, target, places, figures, modality="asserted",
               cue_end: int | None = None) -> Statement:
    # a cue before a report joined after it (X، وقال المرصد إن …) is narrated: no speaker
    narrated = cue_end is not None and sent.speaker_from is not None and cue_end <= sent.speaker_from
    return Statement(
        article=article.id, text=sent.text, start=sent.start, end=sent.end,
        speaker=None if narrated else sent.speaker,
        claim_type=claim_type, actor=actor.text if actor else None, target=target.text if target else None,
        places=tuple(places), quantities=tuple(figures), title=article.title, date=article.date,
        source=article.source, url=article.url, actor_side=actor.side if actor else None, modality=modality,
    )
