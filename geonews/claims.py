"""Claims in a sentence: claim cues (``claim_cues.csv``) not negated (``claim_negators.csv``), the
places each cue governs, its actor and target from the actor table (``actors.csv``) and the grammar
around the cue (the subject before it or after it; the target after من قبضة، ضد، عناصر …)."""

from __future__ import annotations

from dataclasses import dataclass, field

from gazetteer import normalize

from .lexicons import Actor, Lexicons, Token, tokenize

__all__ = ["Cue", "ActorSpan", "find_cues", "find_actors", "assign", "actor_and_target", "TARGET_MARKERS"]

#: Words right before an actor that make it the target (من قبضة داعش، ضد داعش، عناصر داعش).
TARGET_MARKERS = frozenset({"قبضه", "ضد", "عناصر", "مسلحي", "مقاتلي", "ارهابيي", "مواقع", "معاقل", "قصف",
                            "استهداف", "مناطق", "سيطره", "مواجهه", "معارك", "اشتباكات"})
_NEGATION_WINDOW = 3
#: How far after a cue its subject (when no place comes first) and its target are looked for.
SUBJECT_WINDOW, TARGET_WINDOW = 5, 24
#: "تم" before a verbal noun makes the clause passive: an actor after it is its object.
_PASSIVE = frozenset({"تم", "وتم", "جري", "وجري"})


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
    target: bool = False


@dataclass(slots=True)
class Clause:
    """A cue and what it governs."""

    cue: Cue | None
    places: list = field(default_factory=list)  # mention indices
    quantities: list = field(default_factory=list)


def find_actors(tokens: list[Token], lex: Lexicons, text: str, offset: int, masked: set[int]) -> list[ActorSpan]:
    """Actors named in the sentence (longest alias first), skipping tokens inside place names."""
    out, i = [], 0
    while i < len(tokens):
        hit = lex.actors.match(tokens, i) if i not in masked else None
        if hit is None:
            i += 1
            continue
        n, actor = hit
        written = text[tokens[i].start - offset:tokens[i + n - 1].end - offset]
        span = ActorSpan(actor, i, i + n, _without_clitics(written, n, lex))
        before = {tokens[k].norm for k in range(max(0, i - 2), i)}
        # "of the terrorists" (التشكيلات الكبيرة للإرهابيين): a genitive ل on the actor makes it the object.
        genitive = tokens[i].norm.lstrip("وف").startswith("لل") and not actor.name_ar.startswith("ل")
        passive = any(tokens[k].norm in _PASSIVE for k in range(max(0, i - 6), i))
        span.target = bool(before & TARGET_MARKERS) or genitive or passive
        out.append(span)
        i += n
    return out


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
    cues, i = [], 0
    while i < len(tokens):
        hit = lex.claims.match(tokens, i) if i not in masked else None
        if hit is None:
            i += 1
            continue
        n, claim_type = hit
        negated = any(lex.negators.match(tokens, k) for k in range(max(0, i - _NEGATION_WINDOW), i))
        about_people = i + n < len(tokens) and lex.non_territory.match(tokens, i + n) is not None
        if not negated and not about_people:
            cues.append(Cue(claim_type, i, i + n))
        i += n
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


def actor_and_target(cue: Cue, next_cue: Cue | None, actors: list[ActorSpan],
                     first_place: int | None) -> tuple[ActorSpan | None, ActorSpan | None]:
    """The actor (subject) and target of a cue among the sentence's actors.

    The actor is the nearest non-target actor before the cue, else one after it but before the
    cue's first place (سيطرت القوات على بلدة …); the target is the first target-marked actor within
    TARGET_WINDOW words after the cue (before the next cue), else one before it.
    """
    limit = next_cue.start if next_cue is not None else 10**9
    subject_limit = min(limit, first_place if first_place is not None and first_place > cue.end
                        else cue.end + SUBJECT_WINDOW)
    subjects_before = [a for a in actors if a.end <= cue.start and not a.target]
    subjects_after = [a for a in actors if cue.end <= a.start < subject_limit and not a.target]
    actor = subjects_before[-1] if subjects_before else (subjects_after[0] if subjects_after else None)
    targets = [a for a in actors if a.target and cue.end <= a.start < min(limit, cue.end + TARGET_WINDOW)]
    targets = targets or [a for a in actors if a.target and a.end <= cue.start]
    target = targets[0] if targets else None
    if target is not None and actor is not None and target.actor.id == actor.actor.id:
        target = None
    return actor, target
