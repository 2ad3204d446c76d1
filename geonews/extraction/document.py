"""The document an article becomes on its way through the pipeline, and what components add to it.

A :class:`Doc` holds the article, its text and tokens (made once), its sentences (:class:`Sent`) and the
place mentions the gazetteer found. Each component reads what earlier ones set and adds its own: a
sentence's speaker, the actors it names (:class:`ActorSpan`), the places it uses (:class:`PlaceUse`, with
their relation, role and area), the claim cues (:class:`Cue`) with the actor and target of each, the
figures it gives, and finally its statements. Nothing is kept in module globals: two documents never
share state.

When a document is made with ``trace=True``, components note every decision they take
(:meth:`Doc.note`), which :meth:`~geonews.extraction.pipeline.Pipeline.explain` returns.
"""

from __future__ import annotations

import operator
from dataclasses import dataclass, field
from itertools import filterfalse
from typing import TYPE_CHECKING

from gazetteer import Mention, Place

from geonews.model import PlaceRef, Quantity, Statement

from .headline import as_headline, headline_span

if TYPE_CHECKING:  # pragma: no cover
    from gazetteer import Gazetteer

    from geonews.reading.articles import Article

    from .lexicons import Actor, Lexicons
    from .tokens import Tokens

__all__ = ["ActorSpan", "Cue", "Decision", "Doc", "PlaceUse", "Sent"]

#: Roles of a place in its sentence (the contract's ``role``): where the event happened, a name that
#: stands for an actor, where someone is based or comes from, or a name only referred to.
ROLES = ("event", "party", "origin", "mention")
_QUIET = operator.attrgetter("quiet")


@dataclass(slots=True)
class Cue:
    """A claim cue: its claim type and token span in the sentence."""

    claim_type: str
    start: int  # token index
    end: int
    relative_subject: int | None = None  # where a relative clause's own subject on it begins (set by ``cues``)


@dataclass(slots=True)
class ActorSpan:
    """An actor named in the sentence (``actors.csv``), as written, with its token span."""

    actor: Actor | None  # None for a phrase actors.csv does not list (قوات النظام في حلب …)
    start: int  # token index
    end: int
    text: str
    target: bool = False    # marked as the target by the words before it (ضد، من قبضة، عناصر)
    genitive: bool = False  # written with a genitive ل (للإرهابيين)
    agent: bool = False     # after an agent phrase (من قبل، على يد): the actor of what comes before
    gainer: bool = False    # after لصالح: the side that gains what another loses
    victim: bool = False    # the side struck, named before the attack: the killed or wounded (مقتل 26 من قوات
    #                         النظام), the subject of تعرض (تعرضت القوات لهجوم): the attack's target

    @property
    def side(self) -> str | None:
        """The actor's side (``actors.csv``), or ``None`` when unknown."""
        return self.actor.side if self.actor is not None else None

    def same_actor(self, other: ActorSpan) -> bool:
        """Whether two spans name the same actor (the same row of actors.csv, or the same words)."""
        if self.actor is not None and other.actor is not None:
            return self.actor.id == other.actor.id
        return self.text == other.text


@dataclass(slots=True)
class PlaceUse:
    """A place as a sentence uses it: the name as written (article offsets), the place, its relation
    (``in``, ``countryside`` …), its role (:data:`ROLES`), and once the areas are made, its
    :class:`~geonews.model.PlaceRef`."""

    token: int                    # index of the token the name starts in (the sentence's order of places)
    text: str
    start: int
    end: int
    place: Place | None
    relation: str = "in"
    mention: Mention | None = None  # the gazetteer's mention (None for a place repeated by a pronoun or البلاد)
    span: tuple[int, int] | None = None  # token span of the mention
    role: str = "event"
    ref: PlaceRef | None = None

    def clitics(self, tokens) -> str:
        """The letters written before the name in its token (وبسوريا: «وب»; سوريا: «»)."""
        return tokens[self.token].text[:max(0, self.start - tokens[self.token].start)]


@dataclass(slots=True)
class Sent:
    """One sentence of the document and what the components found in it."""

    index: int
    start: int
    end: int
    text: str
    tokens: Tokens
    mentions: list[Mention] = field(default_factory=list)   # the gazetteer's mentions inside the sentence
    quiet: bool = False                                     # names no place, holds no cue: nothing to state
    speaker: str | None = None
    speaker_span: tuple[int, int] | None = None             # article offsets of the speaker as written
    speaker_from: int | None = None                         # token where the speaker's words begin (X، وقال Y إن)
    actors: list[ActorSpan] = field(default_factory=list)
    speaker_actor: ActorSpan | None = None                  # an actor the speaker names (أعلن الجيش التركي أنه …)
    places: list[PlaceUse] = field(default_factory=list)
    clause_starts: list[int] = field(default_factory=list)  # token indices where a new clause begins
    cues: list[Cue] = field(default_factory=list)
    modalities: list[str] = field(default_factory=list)     # per cue: asserted, negated, denied …
    markers: list[tuple[int, str] | None] = field(default_factory=list)  # per cue: (token, scope) of its marker
    acting: dict[int, Mention] = field(default_factory=dict)  # cue index -> a country acting as its subject
    quantities: list[tuple[int, Quantity]] = field(default_factory=list)  # (token index, figure)
    place_cues: list[int | None] = field(default_factory=list)     # per place: the cue governing it
    preventers: dict[int, int] = field(default_factory=dict)       # cue -> the asserted cue that prevented it
    results: dict[int, int] = field(default_factory=dict)          # cue -> the asserted cue it is the result of
    quantity_cues: list[int | None] = field(default_factory=list)  # per figure: the cue governing it
    arguments: list[tuple[ActorSpan | None, ActorSpan | None]] = field(default_factory=list)  # per cue
    statements: list[Statement] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class Decision:
    """One decision a component took: what it concerned, what it decided and why."""

    component: str
    sentence: int | None
    subject: str
    decision: str
    reason: str = ""


class Doc:
    """An article on its way through the pipeline."""

    __slots__ = ("article", "text", "gazetteer", "lexicons", "tokens", "sents", "mentions", "found_ahead", "trace",
                 "known_places", "headline")

    def __init__(self, article: Article, gazetteer: Gazetteer, lexicons: Lexicons, *, trace: bool = False) -> None:
        self.article = article
        self.text: str = article.text
        self.gazetteer = gazetteer
        self.lexicons = lexicons
        self.tokens: Tokens | None = None
        self.sents: list[Sent] = []
        self.mentions: list[Mention] = []
        #: the article's place mentions when found already (``Pipeline.find_ahead``), for ``mentions`` to take
        self.found_ahead: list[Mention] | None = None
        #: decisions noted by the components, when tracing
        self.trace: list[Decision] | None = [] if trace else None
        #: how the article's text resolved each name (normal form -> place), when this document is its
        #: headline read apart: a name the text names too is the text's place (one sense per article)
        self.known_places: dict[str, Place] | None = None
        #: where the article's title is in its text (a text file's first line), or ``None``
        self.headline: tuple[int, int] | None = headline_span(article)

    def note(self, component: str, sent: Sent | None, subject: str, decision: str, reason: str = "") -> None:
        """Record a decision (only when tracing; callers test ``doc.trace is not None`` first on hot paths)."""
        if self.trace is not None:
            self.trace.append(Decision(component, None if sent is None else sent.index, subject, decision, reason))

    def active(self) -> list[Sent]:
        """The sentences that may state something (not :attr:`Sent.quiet`)."""
        return list(filterfalse(_QUIET, self.sents))  # (in C: every component after triage asks)

    @property
    def statements(self) -> list[Statement]:
        """Every statement of the document, in text order; those of the headline (a text's first line that
        is the article's title, :func:`~geonews.extraction.headline.headline_span`) with ``part`` "title"
        and offsets in the title."""
        statements = [st for s in self.sents for st in s.statements]
        if self.headline is None:
            return statements
        start, end = self.headline
        return [as_headline(st, start) if start <= st.start and st.end <= end else st for st in statements]
