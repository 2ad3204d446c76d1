"""``attachment``: which claim cue governs each place and each figure of a sentence.

A place after a cue belongs to the nearest cue before it. A place before every cue belongs to the first
cue when nothing separates them (no comma), or when that cue governs no place of its own (قال إن العملية
في إدلب أدت … إلى مقتل عشرة مدنيين); otherwise it is only mentioned. A place whose role is not
``event`` (a party, an origin, a dateline's) is governed by no cue. Figures follow the same rule, but a
figure that counts a cue's own noun (25 غارة) is that cue's, and the killed and wounded are the nearest
attack's.

What an asserted event prevented happened where the event did: the places of a cue negated as the
complement of a verb of preventing (ضربات التحالف منعت داعش من استعادة مواقع في شمال سورية) are also the
places of the nearest asserted cue before that verb (the strikes). So do the places of a cue that only
describes where the event happened: a relative clause on a place noun (أسقطت طائرة في منطقة تسيطر عليها
المعارضة في محافظة إدلب; في المناطق التي يسيطر عليها التنظيم) shares its places with the cue before it,
and an event happened where its result did (وأدت عملية برية … إلى سيطرة الحكومة على الغوطة الشرقية),
or where what it set out to do is (أطلقت تركيا عملية لطرد الوحدات من عفرين).
"""

from __future__ import annotations

import functools
import operator
from bisect import bisect_right
from itertools import compress, count

from gazetteer.lexicon import place_words
from gazetteer.morphology import has_nisba_shape, word_forms

from ..document import Cue, Doc
from ..registry import component
from ..tokens import positions

_TOKEN = operator.attrgetter("token")  # a place's order in its sentence

__all__ = ["assign", "attachment"]

#: The words that open a sentence-initial scene: في, with or without و.
_SCENE_OPENERS = frozenset({"في", "وفي"})
#: 'not' before a noun (وليس المناطق …): what follows is set apart from the event before it.
_NOT = frozenset({"ليس", "لا", "دون"})
#: What separates a place before a cue from it (a comma or a semicolon).
_COMMAS = frozenset("،,؛")


@component("attachment", requires=("sent.places", "sent.cues", "sent.modalities", "sent.markers", "sent.quantities",
                                   "sent.clause_starts", "place.role"), sets=("sent.places", "sent.place_cues", "sent.quantity_cues", "sent.preventers", "sent.results"))
def attachment(doc: Doc) -> Doc:
    """Put each sentence's places in text order and give each place and figure its governing cue."""
    for sent in doc.active():
        sent.places.sort(key=_TOKEN)  # stable: a name, then what repeats it
        cues = sent.cues
        # commas matter only to cues (a scan in C: most sentences are long)
        commas = list(compress(count(), map(_COMMAS.__contains__, sent.tokens.norms))) if cues else []
        relatives = positions(sent.tokens.norms, doc.lexicons.grammar["relative"]) if cues else []
        described_at = None
        if cues and cues[0].claim_type == "control" and cues[0].start > 1:
            first, lex = cues[0].start, doc.lexicons
            if sent.tokens.norms[first - 1] in lex.grammar["relative"]:
                described_at = first - 1  # منبج، التي تسيطر عليها الوحدات
            elif (first > 2 and sent.tokens.norms[first - 2] in _COMMAS and sent.tokens.norms[first - 1].startswith("ال")
                  and sent.tokens.norms[first - 1] not in lex.speech["stop"]
                  and sent.tokens.norms[first - 1] not in lex.speech["locative"]):
                described_at = first - 1  # إدلب، الخاضعة لسيطرة فصائل مسلحة، …: an adjective between commas
        temporal = doc.lexicons.grammar["temporal"]
        # the first cue inside a temporal phrase (تزعزعت الوحدة في أنقرة بعد الهجوم على دوما) names another event
        after_time = bool(cues) and cues[0].start > 0 and sent.tokens.norms[cues[0].start - 1] in temporal
        norms = sent.tokens.norms
        # a scene set before a comma (وفي البصرة، قتل …؛ وفي محافظة حلب المجاورة، أسفرت ضربات …)
        fronted = bool(norms) and norms[0] in _SCENE_OPENERS and any(use.token in (1, 2) for use in sent.places)
        owners = assign(cues, [use.token for use in sent.places], commas, relatives, after_time,
                        scene_end=commas[0] if fronted and commas else None,
                        described=_described_place(sent, described_at))
        owners = _across_contrast(sent, owners, doc.lexicons)
        sent.place_cues = [None if use.role != "event" else owner for use, owner in zip(sent.places, owners)]
        _containers(doc, sent)
        sent.quantity_cues = _counted(sent, assign(cues, [i for i, _ in sent.quantities], commas))
        sent.results = _results(sent, doc.lexicons)
        sent.preventers = _preventers(sent) | _describers(sent, doc.lexicons) | sent.results | _purposes(sent)
        if doc.trace is not None:
            for use, owner in zip(sent.places, sent.place_cues):
                said = "only mentioned" if owner is None else f"governed by the {cues[owner].claim_type} cue " \
                       f"{' '.join(t.text for t in sent.tokens[cues[owner].start:cues[owner].end])!r}"
                doc.note("attachment", sent, use.text, said, "" if use.role == "event" else f"role {use.role}")
    return doc


def _containers(doc, sent) -> None:
    """A country named with في or ب, or with a side word (شمال سوريا), after an event place of its own (of
    any cue of the sentence: the relative clause's control cue takes the country of التي تسيطر عليها المعارضة
    في سوريا) only says where that place is (قصفت الطائرات مواقع في إدلب في سوريا، الغوطة الشرقية التي تسيطر
    عليها المعارضة في سوريا، الهجوم على المحافظة الواقعة شمال سوريا): it becomes a mention, not a second,
    country-wide place of the event."""
    seen: set[str] = set()  # the countries of the event places named so far
    for k, (use, owner) in enumerate(zip(sent.places, sent.place_cues)):
        if owner is None or use.place is None or not use.place.country_code:
            continue
        if use.place.feature == "country":
            if use.place.country_code in seen and (_written_in(sent.tokens, use)
                                                   or use.relation not in ("in", "near")):
                use.role, sent.place_cues[k] = "mention", None
                if doc.trace is not None:
                    doc.note("attachment", sent, use.text, "mention", "the country of an event place before it")
            continue
        seen.add(use.place.country_code)


def _written_in(tokens, use) -> bool:
    """Whether a place is written with the preposition في before it or the clitic ب (في سوريا، بسوريا)."""
    i = use.token
    clitic = use.clitics(tokens)
    return "ب" in clitic or (i > 0 and tokens.norms[i - 1] == _IN)


#: 'in' (normal form).
_IN = "في"


def _across_contrast(sent, owners: list[int | None], lex) -> list[int | None]:
    """A place after a contrasting conjunction (لكن، بينما، في حين) that stands after its cue is in another
    clause: that cue does not govern it (قصفت الطائرات مواقع … لكن الوضع في دمشق هادئ)."""
    norms = sent.tokens.norms
    # حين only in في حين: إلى حين is 'until'
    contrast = [c for c in positions(norms, lex.grammar["contrast"]) if norms[c] != _WHEN or (c > 0 and norms[c - 1] == "في")]
    if not contrast:
        return owners
    out = list(owners)
    for n, (use, owner) in enumerate(zip(sent.places, owners)):
        cut = [c for c in contrast if owner is not None and sent.cues[owner].end <= c < use.token]
        if cut:  # the clause's own cue after it governs it, when there is one (بينما كانت بلدتا كفريا … تحت حصار)
            later = next((k for k, cue in enumerate(sent.cues) if cue.start > use.token), None)
            out[n] = later if later is not None and not any(use.token < c < sent.cues[later].start
                                                            for c in contrast) else None
    return out


#: 'when, while' (normal form): a contrast only in في حين.
_WHEN = "حين"


def _counted(sent, owners: list[int | None]) -> list[int | None]:
    """A figure that counts a cue's own noun belongs to that cue when it governs a place (شنت الطائرات
    25 غارة على …: the strikes are counted, whatever cue stands before the number); the killed and the wounded belong to the sentence's
    nearest attack cue (one that governs a place first) when the cue before them is none."""
    if not sent.cues:
        return owners
    tokens, out = sent.tokens, list(owners)
    for n, (i, quantity) in enumerate(sent.quantities):
        end = tokens[i].start + len(quantity.text)  # the figure's text begins at its first token
        inside = [k for k, cue in enumerate(sent.cues) if cue.start >= i and tokens[cue.start].start < end
                  and k in sent.place_cues]
        if inside:
            out[n] = inside[0]
        elif quantity.unit in _CASUALTIES and (out[n] is None or sent.cues[out[n]].claim_type != "attack"):
            # the killed and the wounded are an attack's (حيث قتل سبعة مدنيين … في القصف): the nearest
            attacks = [k for k, cue in enumerate(sent.cues) if cue.claim_type == "attack"]  # attack cue's,
            placed = [k for k in attacks if k in sent.place_cues]  # one that governs a place first
            if placed or attacks:
                out[n] = min(placed or attacks, key=lambda k: abs(sent.cues[k].start - i))  # noqa: B023
    return out


#: The units of the figures that count the victims of an attack.
_CASUALTIES = frozenset({"killed", "wounded"})


def _preventers(sent) -> dict[int, int]:
    """Cue -> the nearest asserted cue before the verb of preventing that negates it as its complement."""
    out = {}
    for k, (modality, marker) in enumerate(zip(sent.modalities, sent.markers)):
        if modality == "negated" and marker is not None and marker[1] == "complement":
            before = [q for q in range(k) if sent.cues[q].start < marker[0] and sent.modalities[q] == "asserted"]
            if before:
                out[k] = before[-1]
    return out


def _describers(sent, lex) -> dict[int, int]:
    """Cue -> the nearest asserted cue before it, for a cue that opens a relative clause on a place noun
    (منطقة تسيطر عليها، المناطق التي يسيطر عليها، الخاضعة لسيطرة): it says where that event happened."""
    out = {}
    norms = sent.tokens.norms
    nouns = place_words()
    for k, cue in enumerate(sent.cues):
        i = cue.start
        if k == 0 or i == 0:
            continue
        prev = norms[i - 1]
        noun = i - 1 if not nouns.isdisjoint(word_forms(prev)) else (
            i - 2 if i > 1 and (prev in lex.grammar["relative"] or has_nisba_shape(prev))
            and not nouns.isdisjoint(word_forms(norms[i - 2])) else None)
        # not a place set apart from the event (ويستهدف القتال درعا وليس المناطق التي تسيطر عليها المعارضة)
        if noun is not None and not (noun > 0 and norms[noun - 1].lstrip("و") in _NOT):
            before = [q for q in range(k) if sent.modalities[q] == "asserted"]
            if before:
                out[k] = before[-1]
    return out


def _purposes(sent) -> dict[int, int]:
    """Cue -> the asserted attack or advance before it, for a cue of purpose (لطرد، لقتال: ``self`` modality):
    an operation launched to drive a group out of a place happened there (أطلقت تركيا عملية لطرد الوحدات من
    عفرين: the attack at Afrin is asserted, the expulsion is planned)."""
    out = {}
    for k, marker in enumerate(sent.markers):
        if k == 0 or marker is None or marker[1] != "self":
            continue
        head, cue = sent.cues[k - 1], sent.cues[k]
        if (head.claim_type not in ("attack", "advance") or sent.modalities[k - 1] != "asserted"
                or cue.start - head.end > _PURPOSE_REACH):
            continue
        # only when its places are its object's, in its own clause (لطرد الوحدات من عفرين، التي …: not what follows)
        later = [b for b in sent.clause_starts if b > cue.end]
        end = min(later[0] if later else len(sent.tokens), cue.end + _OBJECT_REACH)
        if all(use.token < end for use, owner in zip(sent.places, sent.place_cues) if owner == k):
            out[k] = k - 1
    return out


#: How far (tokens, punctuation included) a cue of purpose may stand from the event it is the purpose of
#: (عملية عسكرية، باسم "غصن الزيتون"، لطرد …).
_PURPOSE_REACH = 6
#: How far (tokens) after a cue of purpose the places of its object stand (لطرد وحدات حماية الشعب من منطقة عفرين).
_OBJECT_REACH = 8


#: The preposition after a verb of enabling (مكّن من).
_ENABLED = frozenset({"من"})
#: The prepositions of a verb of helping (ساعدت في، ساعد على; normal forms).
_HELPED = frozenset({"في", "علي"})
#: How far (tokens, punctuation included) after a result verb its preposition may stand (أدت عملية برية، مدعومة بغطاء جوي روسي، … إلى).
_RESULT_REACH = 20


def _results(sent, lex) -> dict[int, int]:
    """Cue -> the asserted cue whose result it is: the first cue right after a result verb's preposition
    (أدى إلى، أسفر عن، مكّن من، ساعد في) is the result of the first cue between the verb and the preposition (وأدت عملية
    برية … إلى سيطرة الحكومة على الغوطة), else of the nearest cue before the verb (الضربات، ما أدى إلى
    تدمير …). The event happened where its result did."""
    if len(sent.cues) < 2:
        return {}
    verbs, preps, enabling = lex.grammar["result_verb"], lex.grammar["result_preposition"], lex.grammar["enable_verb"]
    helping = lex.grammar["help_verb"]
    norms = sent.tokens.norms
    out = {}
    for i in positions(norms, _result_forms(lex)):  # few words are
        norm = norms[i]
        bare = norm[1:] if norm[:1] in "وف" and norm[1:] in verbs | enabling | helping else norm
        if bare in enabling:
            wanted = _ENABLED  # مكنها من السيطرة
        elif bare in helping:
            wanted = _HELPED  # ساعد في استعادة
        elif bare in verbs:
            wanted = preps  # أدى إلى، أسفر عن
        else:
            continue
        j = next((j for j in range(i + 1, min(i + 1 + _RESULT_REACH, len(norms))) if norms[j] in wanted), None)
        if j is None:
            continue
        result = next((k for k, cue in enumerate(sent.cues) if j < cue.start <= j + 2), None)
        if result is None or sent.modalities[result] != "asserted":
            continue
        inside = [q for q, cue in enumerate(sent.cues) if i < cue.start and cue.end <= j]
        before = [q for q, cue in enumerate(sent.cues) if cue.end <= i]
        cause = inside[0] if inside else (before[-1] if before else None)
        if cause is not None and cause != result and sent.modalities[cause] == "asserted":
            out[result] = cause
    return out


def _described_place(sent, at: int | None) -> int | None:
    """The token of the place a control cue's relative clause or adjective describes: the place right
    before the pronoun or adjective at ``at``, a comma between them or not."""
    if at is None:
        return None
    end = at - 1 if at > 0 and sent.tokens.norms[at - 1] in _COMMAS else at
    return next((use.token for use in sent.places if use.span is not None and use.span[1] == end), None)


@functools.lru_cache(maxsize=4)
def _result_forms(lex) -> frozenset[str]:
    """The result, enabling and helping verbs, bare and after و or ف: the words :func:`_results` looks at."""
    words = lex.grammar["result_verb"] | lex.grammar["enable_verb"] | lex.grammar["help_verb"]
    return words | {c + w for c in "وف" for w in words}


def assign(cues: list[Cue], positions: list[int], commas: list[int] | None = None,
           relatives: list[int] | None = None, after_time: bool = False,
           scene_end: int | None = None, described: int | None = None) -> list[int | None]:
    """For each token position, the index of the cue that governs it, or ``None`` (see the module notes).

    ``relatives``: positions of relative pronouns; a cue inside a relative clause before which places
    stand (… وعفرين التي باتت تحت سيطرة …) governs its antecedent, the last place before the pronoun, and
    none before it. ``after_time``: the first cue begins a temporal phrase (بعد الهجوم): the places before it
    are the main clause's, not its own."""
    commas = commas or []
    starts = [c.start for c in cues]  # in text order
    out: list[int | None] = [k - 1 if k else None for k in map(functools.partial(bisect_right, starts), positions)]
    if cues and not after_time:
        first = cues[0].start
        first_has_own = any(owner == 0 for owner in out)
        pronoun = max((r for r in relatives or () if r < first), default=None)
        antecedent = max((p for p in positions if pronoun is not None and p < pronoun), default=None)
        for n, pos in enumerate(positions):
            if out[n] is None and pos < first:
                separated = any(pos < c < first for c in commas)
                outside = antecedent is not None and pos < antecedent
                scene = scene_end is not None and pos < scene_end  # وفي ريف حماة، قصفت الطائرات بلدة …
                # the place a control cue's relative clause describes (منبج، التي تسيطر عليها؛ إدلب، الخاضعة لسيطرة)
                if (not separated or not first_has_own or scene or pos == described) and not outside:
                    out[n] = 0
    return out
