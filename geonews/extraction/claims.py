"""Claims in a sentence: claim cues (``claim_cues.csv``) not negated (``claim_negators.csv``), the
places each cue governs, its actor and target from the actor table (``actors.csv``) and the grammar
around the cue (the subject before it or after it; the target after من قبضة، ضد، عناصر …)."""

from __future__ import annotations

import functools
import operator
from dataclasses import dataclass
from itertools import compress, count

from gazetteer import normalize

from .lexicons import Actor, Lexicons, Token, load_lexicons, norms_of, rows, tokenize

__all__ = ["Cue", "ActorSpan", "find_cues", "find_actors", "assign", "actor_and_target", "force_nouns",
           "TARGET_MARKERS"]

#: Words right before an actor that make it the target (من قبضة داعش، ضد داعش، عناصر داعش).
TARGET_MARKERS = frozenset({"قبضه", "ضد", "عناصر", "مسلحي", "مقاتلي", "ارهابيي", "مواقع", "معاقل", "قصف",
                            "استهداف", "مناطق", "سيطره", "معارك", "اشتباكات"})
_NEGATION_WINDOW = 3
#: How far after a cue its subject (when no place comes first) and its target are looked for.
SUBJECT_WINDOW, TARGET_WINDOW = 5, 24
#: "تم" before a verbal noun makes the clause passive: an actor after it is its object.
_PASSIVE = frozenset({"تم", "وتم", "جري", "وجري"})
_START = operator.attrgetter("start")


@dataclass(slots=True)
class Cue:
    """A claim cue: its claim type and token span."""

    claim_type: str
    start: int  # token index
    end: int


@dataclass(slots=True)
class ActorSpan:
    """An actor named in the sentence."""

    actor: Actor
    start: int  # token index
    end: int
    text: str
    target: bool = False    # marked as the target by the words before it (ضد، من قبضة، عناصر)
    genitive: bool = False  # written with a genitive ل (للإرهابيين)


def find_actors(tokens: list[Token], lex: Lexicons, text: str, offset: int, masked: set[int]) -> list[ActorSpan]:
    """Actors named in the sentence (longest alias first), skipping tokens inside place names."""
    out = []
    norms = norms_of(tokens)
    for i, n, actor in lex.actors.scan(tokens, masked):
        written = text[tokens[i].start - offset:tokens[i + n - 1].end - offset]
        span = ActorSpan(actor, i, i + n, _without_clitics(written, n, lex))
        # "of the terrorists" (التشكيلات الكبيرة للإرهابيين): a genitive ل on the actor; whether it
        # marks the object or the agent depends on the cue. After الموالية (قوات موالية للحكومة) it is an ally.
        ally = i > 0 and lex.supporters.match(tokens, i - 1) is not None
        span.genitive = tokens[i].norm.lstrip("وف").startswith("لل") and not actor.name_ar.startswith("ل") and not ally
        passive = not _PASSIVE.isdisjoint(norms[max(0, i - 6):i])
        span.target = not TARGET_MARKERS.isdisjoint(norms[max(0, i - 2):i]) or passive
        out.append(span)
    by_adjective = _adjective_actor_spans(tokens, text, offset, out, masked)
    return sorted(out + by_adjective, key=_START) if by_adjective else out  # the scan gives them in order


@functools.lru_cache(maxsize=1)
def _adjective_table() -> tuple[frozenset[str], dict[str, Actor], frozenset[str]]:
    """From actor_adjectives.csv: force/attack nouns, nationality adjectives -> the actor they name
    after such a noun, and the nouns of armed groups."""
    by_id = load_lexicons().actors_by_id
    nouns, adjectives, forces = set(), {}, set()
    for row in rows("actor_adjectives.csv"):
        word = normalize(row["word"])
        if row["kind"] == "noun":
            nouns.add(word)
        elif row["kind"] == "adjective":
            adjectives[word] = by_id[row["actor"]]
        elif row["kind"] == "force":
            forces.add(word)
    return frozenset(nouns), adjectives, frozenset(forces)


def force_nouns() -> frozenset[str]:
    """Nouns of armed groups (قوات، مسلحين، فصائل …): an advance needs one, or a named actor."""
    return _adjective_table()[2]


def _adjective_actor_spans(tokens: list[Token], text: str, offset: int, named: list[ActorSpan],
                           masked: set[int]) -> list[ActorSpan]:
    """Actors named by an adjective after a force or attack noun (الهجوم التركي، غارات روسية), outside the
    actors ``named`` and the ``masked`` tokens."""
    nouns, adjectives, _ = _adjective_table()
    out = []
    norms = norms_of(tokens)
    found = list(compress(count(1), map(adjectives.__contains__, norms[1:])))  # few words are such adjectives (a scan in C)
    if not found:
        return out
    taken = {k for a in named for k in range(a.start, a.end)} | set(masked)
    for i in found:
        actor = adjectives[norms[i]]
        prev = norms[i - 1]
        if actor is not None and i not in taken and (prev in nouns or (prev[:1] in "وف" and prev[1:] in nouns)):
            out.append(ActorSpan(actor, i, i + 1, text[tokens[i].start - offset:tokens[i].end - offset]))
    return out


@functools.lru_cache(maxsize=4096)  # the same actors come back in every article
def _without_clitics(written: str, n: int, lex: Lexicons) -> str:
    """An actor's name as written, without the clitics attached to its first word (للإرهابيين ->
    الإرهابيين، والتحالف -> التحالف)."""
    for cut in range(0, 4):
        for candidate in (written[cut:], "ا" + written[cut:]):
            words = tokenize(candidate)
            if words and normalize(words[0].text) == words[0].norm:
                hit = lex.actors.match(words, 0)
                if hit is not None and hit[0] == n and lex.actors.match_exact_first(words):
                    return candidate
    return written


def find_cues(tokens: list[Token], lex: Lexicons, masked: set[int]) -> list[Cue]:
    """Claim cues in order, without those negated or inside a name (هيئة تحرير الشام)."""
    cues = []
    for i, n, claim_type in lex.claims.scan(tokens, masked):
        negated = False
        for k in range(max(0, i - _NEGATION_WINDOW), i):
            negator = lex.negators.match(tokens, k)
            if negator is not None and negator[1] in ("all", claim_type):
                negated = True
        in_name = i > 0 and lex.name_heads.match(tokens, i - 1) is not None
        not_territory = i + n < len(tokens) and lex.non_territory.match(tokens, i + n) is not None
        if not (negated or in_name or not_territory):
            cues.append(Cue(claim_type, i, i + n))
    return cues


def assign(cues: list[Cue], positions: list[int], commas: list[int] | None = None) -> list[int | None]:
    """For each token position, the index of the cue that governs it, or ``None``.

    A place after a cue belongs to the nearest cue before it. A place before every cue belongs to
    the first cue when nothing separates them (no comma), or when that cue governs no place of its
    own (قال إن العملية في سورية ساعدت … في تحرير 12 ألف كيلومتر); otherwise it is only mentioned.
    """
    commas = commas or []
    out: list[int | None] = []
    for pos in positions:
        before = [k for k, c in enumerate(cues) if c.start <= pos]
        out.append(before[-1] if before else None)
    if cues:
        first = cues[0].start
        first_has_own = any(owner == 0 for owner in out)
        for n, pos in enumerate(positions):
            if out[n] is None and pos < first:
                separated = any(pos < c < first for c in commas)
                if not separated or not first_has_own:
                    out[n] = 0
    return out


def actor_and_target(cue: Cue, next_cue: Cue | None, actors: list[ActorSpan], first_place: int | None,
                     clause_end: int = 10**9, tokens: list[Token] | None = None,
                     ) -> tuple[ActorSpan | None, ActorSpan | None]:
    """The actor (subject) and target of a cue among the sentence's actors.

    The actor is the nearest non-target actor before the cue, else one after it but before the
    cue's first place (سيطرت القوات على بلدة …); the target is the first target-marked actor within
    TARGET_WINDOW words after the cue (before the next cue), else one before it. Which actors are
    targets depends on the cue: after a control cue, one after من (حررت أراضيه من تنظيم الدولة) is;
    after a verbal noun (ومع طرد داعش، تم دحر …) the first actor is its object; after an attack
    noun a genitive ل marks the attacker (غارات للطيران الروسي), elsewhere the object.
    """
    tokens = tokens or []

    def is_target(a: ActorSpan) -> bool:
        if a.genitive:
            return cue.claim_type != "attack"
        if a.target:
            return True
        if cue.claim_type == "control" and a.start > cue.end and a.start > 0 and tokens[a.start - 1].norm == "من":
            return True
        return a.start >= cue.end and object_first and a is first_after

    limit = next_cue.start if next_cue is not None else 10**9
    after = [a for a in actors if a.start >= cue.end]
    first_after = after[0] if after else None
    object_first = _verbal_noun(cue, tokens)
    subject_limit = min(limit, first_place if first_place is not None and first_place > cue.end
                        else cue.end + SUBJECT_WINDOW)
    subjects_before = [a for a in actors if a.end <= cue.start and not is_target(a)]
    subjects_after = [a for a in actors if cue.end <= a.start < subject_limit and not is_target(a)]
    actor = subjects_before[-1] if subjects_before else (subjects_after[0] if subjects_after else None)
    window = min(limit, cue.end + TARGET_WINDOW, clause_end)
    targets = [a for a in actors if is_target(a) and cue.end <= a.start < window]
    targets = targets or [a for a in actors if is_target(a) and a.end <= cue.start]
    target = targets[0] if targets else None
    if target is not None and actor is not None and target.actor.id == actor.actor.id:
        target = None
    return actor, target


#: Words before a verbal noun that make it one (مع طرد، بعد تحرير، تم دحر): its next noun is its object.
_BEFORE_VERBAL_NOUN = frozenset({"مع", "ومع", "بعد", "وبعد", "عقب", "منذ", "تم", "وتم", "اثر", "جري", "وجري"})
_EXPEL = ("طرد", "دحر", "تحرير", "تطهير", "اقتلاع", "انتزاع", "استعاده")


def _verbal_noun(cue: Cue, tokens: list[Token]) -> bool:
    """Whether a control cue is a verbal noun (ومع طرد داعش، تحرير المدينة) rather than a verb."""
    if cue.claim_type != "control" or not tokens:
        return False
    word = tokens[cue.start].norm
    if word.startswith("ال") or word.startswith(("بال", "لل")):
        return True
    return cue.start > 0 and tokens[cue.start - 1].norm in _BEFORE_VERBAL_NOUN and word.lstrip("وف").startswith(_EXPEL)
