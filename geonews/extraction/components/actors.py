"""``actors``: the armed and political actors a sentence names (``actors.csv``, longest alias first), and
those named by a nationality adjective after a force or attack noun (الهجوم التركي، غارات روسية).

Where a place name lies inside a longer actor name, it is part of the name (هيئة تحرير الشام): the
mention is no place of the sentence. An actor that is just a place name (روسيا) stays a place. The
speaker is not an actor (أكد الجيش الروسي أن …). Whether an actor is marked as a target by the words
before it (ضد، من قبضة، عناصر، a passive تمّ) is noted here; which cue it is the actor or target of is
decided by ``arguments``.
"""

from __future__ import annotations

import functools
import operator
from bisect import bisect_right

from gazetteer import normalize
from gazetteer.morphology import has_nisba_shape

from ..document import ActorSpan, Doc, PlaceUse
from ..registry import component
from ..tokens import Token, norms_of, positions, tokenize

__all__ = ["actors", "find_actors"]

_START = operator.attrgetter("start")
_NONE: frozenset[int] = frozenset()  # no token masked
#: How far before an actor a passive marker (تمّ، جرى) makes it an object.
_PASSIVE_REACH = 6
#: How far before an actor a target marker (ضد، عناصر …) is looked for.
_TARGET_REACH = 2


@component("actors", requires=("sent.mentions", "sent.speaker_span"), sets=("sent.actors", "sent.places"))
def actors(doc: Doc) -> Doc:
    """Find each sentence's actors, and drop the place names that are part of an actor's name."""
    lex = doc.lexicons
    for sent in doc.active():
        tokens = sent.tokens
        ends = tokens.ends  # token_index, inline: the first token ending after an offset
        spans = [(bisect_right(ends, m.start), bisect_right(ends, m.end - 1) + 1) for m in sent.mentions]
        place_tokens = {k for s, e in spans for k in range(s, e)}
        found = find_actors(tokens, lex, sent.text, sent.start, masked=_NONE, places=place_tokens)
        if not found:  # (most sentences name no actor: every place is kept)
            sent.actors = found
            sent.speaker_actor = None
            sent.places = [PlaceUse(span[0], m.text, m.start, m.end, m.place, mention=m, span=span)
                           for m, span in zip(sent.mentions, spans)]
            continue
        _take_state_genitives(found, sent, spans, doc.gazetteer)
        kept = []
        for m, (s, e) in zip(sent.mentions, spans):
            owner = next((a for a in found if a.start <= s and e <= a.end and (a.end - a.start) > (e - s)), None)
            if owner is None:
                kept.append((m, (s, e)))
            elif doc.trace is not None:
                doc.note("actors", sent, m.text, "not a place", f"part of the actor name {owner.text!r}")
        if kept:
            found = [a for a in found if not any(s <= a.start and a.end <= e for _, (s, e) in kept)]
        if sent.speaker_span is not None:  # the speaker is not the actor
            lo, hi = sent.speaker_span
            sent.speaker_actor = next((a for a in found if lo <= tokens[a.start].start < hi), None)
            found = [a for a in found if not (lo <= tokens[a.start].start < hi)]
        sent.actors = found
        sent.places = [PlaceUse(span[0], m.text, m.start, m.end, m.place, mention=m, span=span) for m, span in kept]
        if doc.trace is not None:
            for a in found:
                what = f"actor {a.actor.id} (side {a.side})" if a.actor else f"actor named by a phrase (side {a.side})"
                doc.note("actors", sent, a.text, what, "marked as a target by the words before it" if a.target else "")
    return doc


def _take_state_genitives(found: list[ActorSpan], sent, spans, gazetteer) -> None:
    """A phrase actor that ends on an indefinite word (a construct noun: وزراء خارجية، جيش، حكومة) takes the
    countries and capitals right after it as its genitive, and those joined to them by و: وزراء خارجية
    روسيا وإيران وتركيا is one actor, and none of the three is a place of what the ministers do."""
    tokens, norms = sent.tokens, sent.tokens.norms
    starts = {s: (e, m) for m, (s, e) in zip(sent.mentions, spans)}
    for a in found:
        if a.actor is not None or norms[a.end - 1].lstrip("وف").startswith(("ال", "لل")):
            continue
        end, first = a.end, True
        while end in starts:
            e, m = starts[end]
            place = m.place
            if place is None or not (place.feature == "country" or gazetteer.is_capital(place)):
                break
            clitic = tokens[end].text[:max(0, m.start - tokens[end].start)]
            if clitic not in ("", "و") or (first and clitic):
                break  # وزراء خارجية روسيا وإيران: و joins the next one only
            end, first = e, False
        if end > a.end:
            inner = (a.end, end)
            a.end = end
            a.text = sent.text[tokens[a.start].start - sent.start:tokens[end - 1].end - sent.start]
            found[:] = [b for b in found if not (inner[0] <= b.start and b.end <= inner[1])]


def find_actors(tokens: list[Token], lex, text: str, offset: int, masked: set[int],
                places: set[int] = frozenset()) -> list[ActorSpan]:
    """Actors named in the sentence (longest alias first), skipping ``masked`` tokens; a phrase actor stops
    at a place name (``places``: its tokens)."""
    out = []
    norms = norms_of(tokens)
    hits = lex.actors.scan(tokens, masked)
    if hits:
        passive, targets = lex.grammar["passive_marker"], lex.grammar["target_marker"]
    for i, n, actor in hits:
        written = text[tokens[i].start - offset:tokens[i + n - 1].end - offset]
        span = ActorSpan(actor, i, i + n, _unbracketed(_without_clitics(written, n, lex)))
        # "of the terrorists" (التشكيلات الكبيرة للإرهابيين): a genitive ل on the actor; whether it
        # marks the object or the agent depends on the cue. After الموالية (قوات موالية للحكومة) it is an ally.
        ally = i > 0 and lex.supporters.match(tokens, i - 1) is not None
        span.genitive = tokens[i].norm.lstrip("وف").startswith("لل") and not actor.name_ar.startswith("ل") and not ally
        is_passive = not passive.isdisjoint(norms[max(0, i - _PASSIVE_REACH):i])
        span.victim = _victims(norms, i, lex)  # an attack's target (``arguments``), no other cue's
        span.target = not targets.isdisjoint(norms[max(0, i - _TARGET_REACH):i]) or is_passive
        _mark_agent_or_gainer(span, norms, lex)
        out.append(span)
    by_adjective = _adjective_actor_spans(tokens, lex, text, offset, out, masked)
    by_phrase = _phrase_actor_spans(tokens, lex, text, offset, out + by_adjective if by_adjective else out, masked,
                                    places)
    # a nationality the phrase took in (مقاتلات حربية سورية) is no actor of its own
    by_adjective = [a for a in by_adjective if not any(p.start <= a.start and a.end <= p.end for p in by_phrase)]
    extra = by_adjective + by_phrase
    found = sorted(out + extra, key=_START) if extra else out  # the scan gives them in order
    stems = lex.stems["undergo_stem"]
    for span in found:  # تعرضت القوات الحكومية لهجوم، القوات تعرضت لقصف: the side attacked
        if ((span.start > 0 and norms[span.start - 1].lstrip("و").startswith(stems))
                or (span.end < len(norms) and norms[span.end].lstrip("و").startswith(stems))):
            span.target = span.victim = True
    for before, after in zip(found, found[1:]):  # قتل 19 من قوات النظام وفصائل المعارضة: both are counted
        if before.victim and after.start == before.end:  # an adjective of theirs, or و and another side
            after.victim = True
    return found


def _adjective_actor_spans(tokens: list[Token], lex, text: str, offset: int, named: list[ActorSpan],
                           masked: set[int]) -> list[ActorSpan]:
    """Actors named by nationality adjectives after a force or attack noun (الهجوم التركي، غارات روسية،
    الضربات الجوية الروسية والسورية: other adjectives may stand between, and adjectives joined by و make one
    actor), outside the actors ``named`` and the ``masked`` tokens."""
    nouns, adjectives = lex.attack_nouns, lex.actor_adjectives
    out = []
    norms = norms_of(tokens)
    found = positions(norms, adjectives.keys())  # few words are such adjectives
    if found and found[0] == 0:
        del found[0]  # (the first word follows no noun)
    if not found:
        return out
    taken = {k for a in named for k in range(a.start, a.end)} | set(masked)
    ending_at = {a.end: a for a in named}
    end = -1
    for i in found:
        if i in taken or i < end:
            continue
        noun = _attack_noun_before(norms, i, nouns)
        if noun < 0 or (norms[noun].lstrip("وف")[:1] == "ب" and noun > 0
                        and lex.supporters.match(tokens, noun - 1) is not None):
            continue  # مدعومة بغارات جوية روسية: who supports, not who acts
        j = i + 1
        while j < len(norms) and norms[j][:1] == "و" and norms[j][1:] in adjectives and j not in taken:
            j += 1  # والسورية
        before = ending_at.get(i)
        if before is not None and norms[i][:1] != "و":  # قوات النظام السوري: the adjective is the named actor's
            before.text += text[tokens[i - 1].end - offset:tokens[j - 1].end - offset]
            before.end = j
            own = adjectives[norms[i]]
            # a state's forces named generically (القوات الحكومية، قوات النظام) are the adjective's state's
            # (القوات الحكومية العراقية); a side no nationality names keeps its own (قوات المعارضة السورية)
            if before.actor is None or (own is not None and before.actor.id != own.id
                                        and before.actor.id in lex.state_forces):
                before.actor = own
            ending_at[j] = before
        else:
            out.append(ActorSpan(adjectives[norms[i]], i, j, text[tokens[i].start - offset:tokens[j - 1].end - offset]))
        end = j
    return out


def _attack_noun_before(norms: list[str], i: int, nouns: frozenset[str]) -> int:
    """Where the force or attack noun before token ``i`` is, with at most one other adjective between
    (الضربات الجوية الروسية), or -1."""
    last = i - 1
    while last >= 0 and norms[last] in _QUOTE_MARKS:  # بـ"التوغل" التركي: past the closing quote
        last -= 1
    for k in (last, last - 1):
        if k < 0:
            return -1
        prev = norms[k]
        bare = prev[1:] if prev[:1] in "وف" else prev
        if prev in nouns or bare in nouns or (bare[:1] in "بل" and bare[1:] in nouns):
            return k  # الهجوم، والهجوم، بالتوغل (بـ + التوغل)
        if not (prev.startswith("ال") or has_nisba_shape(prev)):
            return -1
    return -1


def _phrase_actor_spans(tokens: list[Token], lex, text: str, offset: int, named: list[ActorSpan],
                        masked: set[int], places: set[int] = frozenset()) -> list[ActorSpan]:
    """Actors named by a phrase actors.csv does not list: a head noun of ``agent_heads.csv`` and the
    definite words, nisba adjectives and coordinated adjectives that follow it (قوات النظام السوري، فصائل
    المعارضة المسلحة، الرتل العسكري التركي، الضربات الجوية الروسية والسورية is not one: ضربات heads none),
    outside the actors ``named``, the ``masked`` tokens and the ``places``' tokens."""
    agents = lex.agents
    heads_at = {i: hit[1] for i in agents.candidates(tokens) if (hit := agents.match(tokens, i)) is not None}
    if not heads_at:
        return []
    starts = list(heads_at)
    norms = norms_of(tokens)
    taken = {k for a in named for k in range(a.start, a.end)}
    taken.update(masked)
    taken.update(places)
    named_at = {a.start: a for a in named}
    heads = lex.agents.first_words
    out, end = [], -1
    for i in starts:
        if i in taken or i < end:
            continue
        known = named_at.get(i + 1)
        # a head as written keeps its first letter (وحدات، وزراء are no و + حدات، زراء)
        as_written = norms[i] in heads
        if known is not None and known.actor is not None:  # مقاتلي تنظيم الدولة، عناصر داعش: that actor
            written = text[tokens[i].start - offset:tokens[known.end - 1].end - offset]
            known.start, known.text = i, written if as_written else _strip_conjunction(written)
            continue
        j = i + 1
        while (j < len(tokens) and j - i < _PHRASE_WORDS and (j not in taken or _agrees(norms, j, places, lex))
               and _modifies(norms[j], lex) and lex.claims.match(tokens, j) is None  # a claim cue ends it
               and not (_definite(norms[j - 1]) and not _definite(norms[j]))  # الجيش عملية: no agreement
               and not (j - 1 > i and tokens[j - 1].text.startswith("ال") and _ends_with_noun(norms[j - 1], norms[j]))):
            j += 1
        while j > i + 1 and norms[j - 1] in _FUNCTION_ENDS:  # a phrase does not end on و
            j -= 1
        words = text[tokens[i].start - offset:tokens[j - 1].end - offset]
        actor = next((lex.actor_adjectives[n.lstrip("و")] for n in norms[i + 1:j]
                      if n.lstrip("و") in lex.actor_adjectives), None)  # القوات التركية: Turkey's
        if heads_at[i] == "origin":
            actor = None  # فصائل سورية، مقاتلي المعارضة السورية: Syrian by origin, not Syria's forces
        words = _unbracketed(words)  # النظام (السوري: no half of a pair of brackets
        span = ActorSpan(actor, i, j, words if as_written else _without_proclitics(words))
        span.victim = _victims(norms, i, lex)
        span.target = not lex.grammar["target_marker"].isdisjoint(norms[max(0, i - _TARGET_REACH):i])
        _mark_agent_or_gainer(span, norms, lex)
        out.append(span)
        end = j
    return out


def _ends_with_noun(prev: str, word: str) -> bool:
    """Whether a definite noun after a definite nisba adjective (written with ال: ألوية folds to الويه)
    begins something else (الطائرات الحربية
    الأحياء، الشرطة العراقية النار): after an adjective a noun is no genitive of the head; a participle
    (المقاتلة، المدعومة), another nisba or a word joined by و goes on."""
    return (prev.startswith("ال") and has_nisba_shape(prev) and word.startswith("ال")
            and not word.startswith("الم") and not has_nisba_shape(word))


def _definite(norm: str) -> bool:
    return norm.lstrip("و").startswith(("ال", "لل"))


def _agrees(norms: list[str], j: int, places: set[int], lex) -> bool:
    """Whether a place name is a nationality adjective agreeing with the indefinite noun before it
    (فصائل سورية موالية: Syrian factions, not Syria), so the phrase goes on over it."""
    word, prev = norms[j], norms[j - 1]
    return (j in places and word in lex.actor_adjectives and not word.startswith("ال")
            and not prev.lstrip("وف").startswith("ال") and (j + 1 not in places))


@functools.lru_cache(maxsize=20_000)
def _modifies(norm: str, lex) -> bool:
    """Whether a word may continue an actor's phrase: a definite word (a genitive or an adjective: النظام،
    السورية), an indefinite nisba adjective (تركية), or either coordinated (والسورية); no function word."""
    word = norm[1:] if norm[:1] == "و" and len(norm) > 3 else norm
    if word in _STOPS or word in lex.grammar["time_word"] or word in lex.grammar["relative"]:
        return False
    if word in lex.speech["locative"] or word in lex.speech["stop"]:
        return False  # في، علي fold to words ending like an adjective
    if word in lex.place_anaphora:
        return False  # دخلت القوات المدينة: the place entered, not the forces' name
    return word.startswith("ال") or has_nisba_shape(word, min_length=4)


def _unbracketed(words: str) -> str:
    """A phrase without brackets that it opens or closes but does not pair (النظام (السوري -> النظام السوري)."""
    for opening, closing in _BRACKETS:
        if words.count(opening) != words.count(closing):
            words = " ".join(words.replace(opening, " ").replace(closing, " ").split())
    return words


def _strip_conjunction(words: str) -> str:
    return words[1:] if words[:1] in "وف" and len(words) > 3 else words


def _without_proclitics(words: str) -> str:
    """A phrase as written without the clitics on its first word (وللنظام -> النظام، بالقوات -> القوات)."""
    words = _strip_conjunction(words)
    if words.startswith("لل") and len(words) > 4:
        return "ال" + words[2:]
    if words[:1] in "بلك" and words[1:3] == "ال":
        return words[1:]
    return words


def _victims(norms: list[str], i: int, lex) -> bool:
    """Whether the actor at ``i`` counts the killed or wounded: من right before it and a word of killing
    or wounding within the words before that (مقتل 26 من قوات النظام، قُتل اثنان من المقاتلين الروس)."""
    if i < 2 or norms[i - 1] != "من":
        return False
    stems = lex.casualty_stems
    return any(n.lstrip("و").startswith(stems) for n in norms[max(0, i - 1 - _VICTIM_REACH):i - 1])


#: How many words before من a word of killing or wounding may stand (مقتل 26 عنصرا من …).
_VICTIM_REACH = 3


def _mark_agent_or_gainer(span: ActorSpan, norms: list[str], lex) -> None:
    """Flag an actor that follows an agent phrase (من قبل X، على يد X) or لصالح (in favour of X), or that is
    the genitive of a verbal noun of attack whose object follows with ل (قصف النظام السوري لحي باب عمرو:
    the regime shelled; without ل, قصف مواقع النظام, the genitive is the side shelled)."""
    i = span.start
    before = " ".join(norms[max(0, i - 2):i])
    span.agent = before.endswith(lex.stems["agent_phrase"]) or (
        i > 0 and norms[i - 1].lstrip("وفب") in _ATTACK_NOUNS_OF_AGENT and span.end < len(norms)
        and norms[span.end].startswith("ل"))
    span.gainer = i > 0 and norms[i - 1] in lex.grammar["gainer"]
    if span.agent or span.gainer:
        span.target = False


#: Verbal nouns of attack whose genitive is the attacker when their object follows with ل (normal forms).
_ATTACK_NOUNS_OF_AGENT = frozenset({"قصف", "استهداف", "القصف"})
#: Words an actor's phrase takes at most (قوات النظام السوري الموالية …).
_PHRASE_WORDS = 5
#: Words that never continue an actor's phrase, though definite (the article's other function words).
_STOPS = frozenset({"الي", "الا"})  # إلى and إلا fold to words that look definite
_FUNCTION_ENDS = frozenset({"و", "ف"})
_QUOTE_MARKS = frozenset('"«»“”')
_BRACKETS = (("(", ")"), ("[", "]"))


@functools.lru_cache(maxsize=4096)  # the same actors come back in every article
def _without_clitics(written: str, n: int, lex) -> str:
    """An actor's name as written, without the clitics attached to its first word (للإرهابيين ->
    الإرهابيين، والتحالف -> التحالف)."""
    for cut in range(0, 4):
        # the article's alef comes back only where لل stood for ل + ال (للإرهابيين; لقوات is ل + قوات)
        restored = ("ا" + written[cut:],) if cut and written[cut - 1:cut + 1] == "لل" else ()
        for candidate in (written[cut:], *restored):
            words = tokenize(candidate)
            if words and normalize(words[0].text) == words[0].norm:
                hit = lex.actors.match(words, 0)
                if hit is not None and hit[0] == n and lex.actors.match_exact_first(words):
                    return candidate
    return written
