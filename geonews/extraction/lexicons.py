"""Every lexicon of ``geonews/data`` in the form the components read: matchers over tokens (claim cues,
negators, reporting verbs, units, relations, actors, supporter words), word sets by kind (``speech.csv``,
``grammar.csv``), the actor table and the figures' words. Read once per process (:func:`load_lexicons`).

The matchers share one :class:`~geonews.extraction.matcher.WordFlags`: tokens made with
:meth:`Lexicons.tokenize` carry, per word, the bit of every matcher an entry of which may start there.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field

from gazetteer import normalize
from gazetteer.tables import load_table

from .matcher import Matcher, WordFlags
from .tokens import Tokens, tokenize

__all__ = ["Actor", "Lexicons", "load_lexicons", "rows"]


@dataclass(frozen=True, slots=True)
class Actor:
    """An armed or political actor from ``actors.csv``."""

    id: str
    name_ar: str
    name_en: str
    side: str


@dataclass(frozen=True, eq=False)
class Lexicons:  # not slotted: cached properties
    """Every geonews lexicon, normalised (one per process: compared and hashed by identity, so the memos
    keyed on it hash no fields)."""

    claims: Matcher        # -> claim type
    senses: Matcher        # -> applies_to (right before a cue of that type, the cue word has another sense: تحقيق تقدم)
    name_heads: Matcher    # -> True (right before a cue, the cue is part of a name: ساحة التحرير)
    non_territory: Matcher  # -> True (an object after a cue that is not territory)
    supporters: Matcher    # -> True (a place after it backs or hosts an actor: المدعومة من روسيا)
    leaders: Matcher       # -> True (a place after it leads an actor: بقيادة الولايات المتحدة)
    reporting: Matcher     # -> kind: verb | phrase | continuation
    units: Matcher         # -> unit
    relations: Matcher     # -> (relation, geo_precision)
    actors: Matcher        # -> Actor
    modality: Matcher      # -> (modality, scope): words that make the claims in their scope not asserted
    modality_words: dict = field(compare=False)  # one-word modality.csv entries (exact) -> (modality, scope, applies)
    agents: Matcher        # -> "state" | "origin" (a noun heading a phrase naming an actor, what a nationality after it names)
    casualties: Matcher    # -> "killed" | "wounded" (a verb of killing or wounding), or a number word's value
    flags: WordFlags = field(compare=False)
    actors_by_id: dict = field(compare=False)  # actor id -> Actor
    speech: dict = field(compare=False)        # speech.csv kind -> normalised words
    grammar: dict = field(compare=False)       # grammar.csv kind -> normalised words (stems for *_stem kinds)
    multipliers: dict = field(compare=False)   # number word -> its value (ألف -> 1000)
    people_units: frozenset = field(compare=False)  # units that count people (fighters, civilians …)
    attack_nouns: frozenset = field(compare=False)  # force or attack nouns an adjective may follow (الهجوم التركي)
    actor_adjectives: dict = field(compare=False)   # nationality adjective -> the Actor it names after such a noun
    state_forces: frozenset = field(compare=False)  # ids of the actors nationality adjectives name (syrian-army)
    force_nouns: frozenset = field(compare=False)   # nouns of armed groups (قوات، مسلحين، فصائل)
    numerals: dict = field(compare=False)           # number word -> its value (numerals.csv: خمس -> 5)
    place_anaphora: dict = field(compare=False)     # definite place noun -> the feature it refers back to
    speaker_heads: frozenset = field(compare=False)  # words speakers begin with (a headline "X: …" is X's)

    @functools.cached_property
    def approximations(self) -> tuple[tuple[int, frozenset[tuple[str, ...]]], ...]:
        """Approximations before a number, as word tuples grouped by length, longest first."""
        by_length: dict[int, set[tuple[str, ...]]] = {}
        for phrase in self.grammar["approximation"]:
            words = tuple(phrase.split())
            by_length.setdefault(len(words), set()).add(words)
        return tuple((n, frozenset(v)) for n, v in sorted(by_length.items(), reverse=True))

    @functools.cached_property
    def stems(self) -> dict[str, tuple[str, ...]]:
        """grammar.csv kind -> its words as a tuple, for ``str.startswith`` (made once, not per word)."""
        return {kind: tuple(sorted(words)) for kind, words in self.grammar.items()}

    @functools.cached_property
    def casualty_stems(self) -> tuple[str, ...]:
        """The stems of killing and of wounding together (قتل، مقتل، أصيب …)."""
        return self.stems["kill_stem"] + self.stems["wound_stem"]

    def is_loss(self, norm: str) -> bool:
        """Whether a word is a verb of losing (فقدوا، وخسر: ``loss_stem``), a conjunction tried off."""
        word = norm[1:] if norm[:1] in "وف" and len(norm) > 3 else norm
        return word.startswith(self.stems["loss_stem"])



    def tokenize(self, text: str, offset: int = 0) -> Tokens:
        """Tokens of ``text`` flagged for these lexicons' matchers."""
        return tokenize(text, offset, self.flags)


def rows(name: str) -> list[dict]:
    """The rows of a table in ``geonews/data`` (declared in its ``tables.json``), cells stripped."""
    return list(load_table("geonews.data", name))


def _words_by_kind(table: list[dict], column: str = "word") -> dict[str, frozenset[str]]:
    out: dict[str, set[str]] = {}
    for row in table:
        out.setdefault(row["kind"], set()).add(normalize(row[column]))
    return {k: frozenset(v) for k, v in out.items()}


@functools.lru_cache(maxsize=None)
def load_lexicons() -> Lexicons:
    """Read every lexicon once per process."""
    actors, by_id = [], {}
    for row in rows("actors.csv"):
        actor = by_id[row["id"]] = Actor(row["id"], row["name_ar"], row["name_en"], row["side"])
        actors += [(name, actor) for name in [row["name_ar"], *row["aliases_ar"].split("|")] if name.strip()]
    negators = rows("claim_negators.csv")

    def words_at(position: str, payload=lambda r: True) -> Matcher:
        return Matcher([(r["word"], payload(r)) for r in negators if r["position"] == position])

    matchers = dict(
        claims=Matcher([(r["cue"], r["claim_type"]) for r in rows("claim_cues.csv")]),
        senses=words_at("sense", lambda r: r["applies_to"]),
        name_heads=words_at("name"),
        non_territory=words_at("after", lambda r: r["applies_to"]),
        supporters=words_at("supporter"),
        leaders=words_at("leader"),
        reporting=Matcher([(r["cue"], r["kind"]) for r in rows("reporting.csv")]),
        units=Matcher([(r["word"], r["unit"]) for r in rows("units.csv")]),
        relations=Matcher([(r["cue"], (r["relation"], int(r["geo_precision"]))) for r in rows("relations.csv")]),
        actors=Matcher(actors),
        modality=Matcher([(r["word"], (r["modality"], r["scope"], r["applies_to"]))
                          for r in load_table("geonews.data", "modality.csv")]),
        agents=Matcher([(r["word"], r["nationality"]) for r in load_table("geonews.data", "agent_heads.csv")]),
        casualties=Matcher([(r["word"] + "*", kind) for kind in ("kill_stem", "wound_stem")
                            for r in load_table("geonews.data", "grammar.csv") if r["kind"] == kind]
                           + [(r["word"], int(r["value"])) for r in load_table("geonews.data", "numerals.csv")]),
    )
    nouns, adjectives, forces = set(), {}, set()
    for row in rows("actor_adjectives.csv"):
        word = normalize(row["word"])
        if row["kind"] == "noun":
            nouns.add(word)
        elif row["kind"] == "adjective":
            adjectives[word] = by_id[row["actor"]]
        elif row["kind"] == "force":
            forces.add(word)
    return Lexicons(
        **matchers,
        flags=WordFlags(list(matchers.values())),
        actors_by_id=by_id,
        speech=_words_by_kind(rows("speech.csv")),
        grammar=_words_by_kind(list(load_table("geonews.data", "grammar.csv"))),
        multipliers={normalize(r["word"]): int(r["value"]) for r in load_table("geonews.data", "number_words.csv")},
        people_units=frozenset(r["unit"] for r in load_table("geonews.data", "unit_kinds.csv") if r["kind"] == "people"),
        attack_nouns=frozenset(nouns),
        actor_adjectives=adjectives,
        modality_words={normalize(r["word"]): (r["modality"], r["scope"], r["applies_to"])
                        for r in load_table("geonews.data", "modality.csv")
                        if " " not in r["word"] and not r["word"].endswith("*")},
        state_forces=frozenset(actor.id for actor in adjectives.values()),
        force_nouns=frozenset(forces),
        numerals={normalize(r["word"]): int(r["value"]) for r in load_table("geonews.data", "numerals.csv")},
        place_anaphora={normalize(r["word"]): r["feature"] for r in load_table("geonews.data", "place_anaphora.csv")},
        speaker_heads=frozenset(normalize(r["word"]) for r in load_table("geonews.data", "speaker_heads.csv")),
    )
