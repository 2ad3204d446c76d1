"""Claims benchmark (issue 14): who did what where, scored against hand-annotated gold claims.

Gold: ``claims_dev.json`` (30 articles of ``ant_conflict_dev.jsonl``, joined by ``docno``; the claims
follow ``ANNOTATION.md``). Statements: the project's extraction run on those articles through the stable
entry point (``geonews.extraction.pipeline.extract_statements``, articles read with
``geonews.reading.articles.iter_articles``), or, with ``--statements FILE.jsonl``, the JSON Lines that
``geonews extract`` wrote (any version; statements of articles outside the gold are ignored).

What counts
    A *claim* statement has ``claim_type`` control, advance or attack (diplomacy is scored apart) and a
    ``modality`` of ``asserted`` (a statement without the field counts as asserted); a *claim place* is
    one of its places whose ``role`` is ``event`` (a place without the field counts as event). A place is
    *near* a gold claim when its ``latitude``/``longitude`` lie within 50 km of the gold point (haversine);
    a place without coordinates is never near. Control and advance are compatible with each other.

Figures (each for half A, half B and all)
    claim recall
        gold control/advance/attack claims with a claim place of a compatible statement near them,
        anywhere in the article.
    sentence recall
        the same, the statement's sentence overlapping the gold ``quote`` in the article text (the quote
        is found with any run of whitespace matching any other); a quote found only in the headline
        (the record's ``title``) is matched by the statements whose ``part`` is ``title``.
    place precision
        extracted (claim statement, claim place) pairs of control/advance/attack near a gold claim of a
        compatible type in the same article.
    actor, target and speaker agreement
        on the claims found in their sentence (the pair of exact type first, then the nearest place):
        the phrases share a content word, both empty counting as agreement. Words are compared after
        ``gazetteer.normalize``, with the proclitics و ف, then ب ك ل, then ال (لل = ل + ال) tried off
        (stripped forms of three letters or more); function words (``bench/data/function_words.csv``)
        are not content words.
    relation accuracy
        on the same claims, the place's ``relation`` equal to the gold ``relation``.
    killed
        on the same claims where the gold gives ``killed``: a quantity of the statement with unit
        ``killed`` and that value.
    diplomacy recall, sentence recall and precision
        the same three for diplomacy claims and statements.

Halves: an article is in half A when the last hex digit of the SHA-256 of its docno (UTF-8) is even, else
in half B: fixed per article, whatever else the gold holds. Develop on A; B is held out.

Mistakes: every gold claim not found in its sentence and every wrong claim place gets one kind (the first
that applies, in the order of :data:`KINDS`), as do disagreeing fields; the kinds are counted by half,
each with what it means, and ``--explain`` lists every item and examples.

Run: ``.venv/bin/python bench/claims.py [--data ../shared/data] [--statements FILE.jsonl] [--json]
[--explain] [--half A|B]``.
"""

from __future__ import annotations

import argparse
import functools
import hashlib
import json
import math
import re
import sys
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from gazetteer import Gazetteer, Place, normalize  # noqa: E402
from gazetteer.tables import load_table  # noqa: E402

__all__ = [
    "BenchError", "ClaimMatch", "ExtractedPlace", "ExtractedStatement", "GoldClaim", "KINDS", "PlaceVerdict",
    "RADIUS_KM", "agree", "compatible", "content_keys", "figures", "half_of", "km", "load_gold", "locate_quote",
    "main", "match_claims", "mistakes", "read_statements", "run", "statement_from_dict", "judge_places",
]

#: A place within this distance of a gold claim's point is at that claim.
RADIUS_KM = 50.0
#: The claim types scored as claims; diplomacy is scored apart.
CLAIM_TYPES = ("control", "advance", "attack")
DIPLOMACY = "diplomacy"
#: Types that count for each other: control and advance.
_GROUP = {"control": "territory", "advance": "territory", "attack": "attack", "diplomacy": "diplomacy"}
HALVES = ("A", "B")
_DATA = ROOT.parent / "shared" / "data"


class BenchError(Exception):
    """A file the benchmark reads is missing or malformed (one line: what and where)."""


# --------------------------------------------------------------------------------------------- values

@dataclass(frozen=True, slots=True)
class GoldClaim:
    """One annotated claim; ``spans`` are where its ``quote`` is in the article text (empty: not found)."""

    docno: str
    number: int
    claim_type: str
    place_ar: str
    place_en: str
    latitude: float
    longitude: float
    relation: str
    actor: str | None
    target: str | None
    speaker: str | None
    quote: str
    killed: int | None
    spans: tuple[tuple[int, int], ...]
    part: str = "text"  # where ``spans`` are: the article's text, or its title (the headline)

    @property
    def half(self) -> str:
        return half_of(self.docno)


@dataclass(frozen=True, slots=True)
class ExtractedPlace:
    """A place of an extracted statement, as the contract writes it."""

    text: str
    start: int
    end: int
    latitude: float | None
    longitude: float | None
    relation: str
    role: str | None = None
    place_id: str | None = None
    name: str | None = None
    feature: str | None = None
    country_code: str | None = None

    @property
    def is_event(self) -> bool:
        """An ``event`` place (or one from before places had a role)."""
        return self.role in (None, "event")

    @property
    def resolved(self) -> bool:
        return self.latitude is not None and self.longitude is not None


@dataclass(frozen=True, slots=True)
class ExtractedStatement:
    """A statement as the contract writes it, with its number in its article (0-based, text order)."""

    docno: str
    number: int
    claim_type: str
    start: int
    end: int
    text: str
    speaker: str | None
    actor: str | None
    target: str | None
    places: tuple[ExtractedPlace, ...]
    killed: tuple[float, ...] = ()
    modality: str | None = None
    part: str = "text"  # the article field ``start`` and ``end`` index: ``text`` or ``title``

    @property
    def asserted(self) -> bool:
        """An ``asserted`` statement (or one from before statements had a modality)."""
        return self.modality in (None, "asserted")


@dataclass(slots=True)
class ClaimMatch:
    """What became of one gold claim."""

    claim: GoldClaim
    found: bool = False                 # a compatible claim place near it anywhere in the article
    in_sentence: bool = False           # ... in a statement overlapping its quote
    statement: ExtractedStatement | None = None   # the pair scored for the fields (in its sentence)
    place: ExtractedPlace | None = None
    distance_km: float | None = None
    fields: dict = field(default_factory=dict)    # field -> (agrees: bool, shared words or why)
    kind: str | None = None             # why not found in its sentence
    detail: str = ""


@dataclass(slots=True)
class PlaceVerdict:
    """One extracted (claim statement, claim place) pair, right or wrong."""

    statement: ExtractedStatement
    place: ExtractedPlace
    correct: bool
    nearest_km: float | None = None     # to the nearest gold claim of a compatible type in the article
    kind: str | None = None             # why wrong
    detail: str = ""

    @property
    def half(self) -> str:
        return half_of(self.statement.docno)


#: Every kind of mistake, in the order they are tried: key -> (family, what it means).
KINDS: dict[str, tuple[str, str]] = {
    # gold claims not found in their sentence
    "missed/headline": ("missed", "the claim is in the headline, and the extraction read none (statements of a geonews before it read titles)"),
    "missed/quote-not-found": ("missed", "the gold quote is not in the article text"),
    "missed/no-statement": ("missed", "no statement at all in the claim's sentence (no place recognised, no cue)"),
    "missed/modality": ("missed", "a place near the gold one on a statement of a compatible type, not asserted"),
    "missed/role": ("missed", "a place near the gold one on a statement of a compatible type, its role not event"),
    "missed/only-mentioned": ("missed", "the place is in the sentence, near the gold one, but only on a mention "
                                        "statement: no claim cue governs it"),
    "missed/claim-type": ("missed", "the place is in the sentence, near the gold one, on a claim of another type "
                                    "(attack for control, diplomacy for advance …)"),
    "missed/resolved-far": ("missed", "the gold place name is recognised in the sentence, resolved > 50 km away"),
    "missed/unresolved": ("missed", "the gold place name is recognised in the sentence, without coordinates"),
    "missed/not-recognised": ("missed", "the gold place is not among the sentence's places, though the gazetteer "
                                        "geocodes its name within 50 km"),
    "missed/gazetteer-far": ("missed", "the gold place is not among the sentence's places; the gazetteer geocodes "
                                       "its name > 50 km away"),
    "missed/not-in-gazetteer": ("missed", "the gold place is not among the sentence's places and the gazetteer "
                                          "does not know its name"),
    # wrong claim places
    "wrong/unresolved": ("wrong place", "a claim place without coordinates (never within 50 km)"),
    "wrong/claim-type": ("wrong place", "near a gold claim of an incompatible type in the article (attack where "
                                        "the gold has diplomacy or control …)"),
    "wrong/dateline": ("wrong place", "the place is in the article's dateline (عمان، الأردن (CNN) --)"),
    "wrong/speaker": ("wrong place", "the place is the speaker or part of it (قالت موسكو، أخبرت روسيا)"),
    "wrong/origin": ("wrong place", "where someone is based (ومقره بريطانيا)"),
    "wrong/common-word": ("wrong place", "a common word read as a place name: in ANERcorp it is a place in fewer "
                                         "than half of its occurrences (شأن → Schaan، البلاد → Al Bilad)"),
    "wrong/nationality-form": ("wrong place", "a name written as a nationality adjective, not after a locative word "
                                              "(فصائل سورية، مقاتلات روسية وسورية → Syria)"),
    "wrong/party": ("wrong place", "a country or capital that the sentence's gold claims name as actor or target "
                                   "(شنت الولايات المتحدة، هددت تركيا)"),
    "wrong/resolution": ("wrong place", "the name of a gold claim place of the article, resolved > 50 km from it"),
    "wrong/container": ("wrong place", "the country that holds a gold claim place of the same sentence, named as "
                                       "its qualifier or beside it (عفرين، شمال سوريا)"),
    "wrong/government": ("wrong place", "a country or capital named bare, not after a locative word: its "
                                        "government or people, in a sentence with no gold claim at it "
                                        "(مدعومة من واشنطن، نية روسيا، قرار موسكو)"),
    "wrong/country-named": ("wrong place", "a country or capital after a locative word (في، إلى، شمال) where the "
                                           "gold has no claim: only named, or no claim by the guide"),
    "wrong/mentioned": ("wrong place", "a place only mentioned, in a sentence whose gold claims are at other places"),
    "wrong/no-gold-claim": ("wrong place", "the sentence holds no gold claim at all (by the guide no claim: a "
                                           "threat, a plan, a negation, background)"),
    # field disagreements on claims found in their sentence
    "actor/missing": ("actor", "the gold names an actor, the statement none (nor as its target or speaker)"),
    "actor/as-target": ("actor", "no actor: the gold actor is the statement's target"),
    "actor/as-speaker": ("actor", "no actor: the gold actor is the statement's speaker"),
    "actor/spurious": ("actor", "the statement names an actor, the gold none"),
    "actor/is-target": ("actor", "the statement's actor is the gold target (roles swapped)"),
    "actor/wrong": ("actor", "both name an actor, with no content word in common"),
    "target/missing": ("target", "the gold names a target, the statement none (nor as its actor)"),
    "target/as-actor": ("target", "no target: the gold target is the statement's actor"),
    "target/spurious": ("target", "the statement names a target, the gold none"),
    "target/is-actor": ("target", "the statement's target is the gold actor (roles swapped)"),
    "target/wrong": ("target", "both name a target, with no content word in common"),
    "speaker/missing": ("speaker", "the gold names a speaker, the statement none"),
    "speaker/quoted": ("speaker", "the statement's speaker is a quoted phrase of the sentence, not who speaks"),
    "speaker/spurious": ("speaker", "the statement names a speaker, the article narrates it"),
    "speaker/wrong": ("speaker", "both name a speaker, with no content word in common"),
    "relation/missing": ("relation", "the gold relation (near, north, countryside …) not read: the statement has in"),
    "relation/spurious": ("relation", "the gold has in, the statement another relation"),
    "relation/wrong": ("relation", "both give a relation other than in, and they differ (north for northeast …)"),
    "killed/missing": ("killed", "the gold gives a number killed, the statement no such killed quantity"),
    "killed/wrong": ("killed", "the statement's killed quantity differs from the gold number"),
}
#: The families of :data:`KINDS`, in the order they are shown.
FAMILIES = ("missed", "wrong place", "actor", "target", "speaker", "relation", "killed")


# ---------------------------------------------------------------------------------------- primitives

def half_of(docno: str) -> str:
    """``"A"`` when the last hex digit of the SHA-256 of the docno is even, else ``"B"``."""
    return "A" if int(hashlib.sha256(docno.encode("utf-8")).hexdigest()[-1], 16) % 2 == 0 else "B"


def compatible(type_a: str, type_b: str) -> bool:
    """Whether two claim types count for each other (equal, or control and advance)."""
    return type_a in _GROUP and _GROUP.get(type_a) == _GROUP.get(type_b)


def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in km (haversine, mean Earth radius)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    return 6371.0088 * 2 * math.asin(math.sqrt(min(1.0, a)))


def _distance(claim: GoldClaim, place: ExtractedPlace) -> float | None:
    """km from a gold claim's point to an extracted place, ``None`` when the place has no coordinates."""
    if not place.resolved:
        return None
    return km(claim.latitude, claim.longitude, place.latitude, place.longitude)


def locate_quote(quote: str, text: str) -> tuple[tuple[int, int], ...]:
    """Every ``(start, end)`` of ``quote`` in ``text``, any run of whitespace matching any other."""
    words = quote.split()
    if not words:
        return ()
    pattern = re.compile(r"\s+".join(re.escape(w) for w in words))
    return tuple((m.start(), m.end()) for m in pattern.finditer(text))


_WORD = re.compile(r"[^\W_]+")
_CONJUNCTIONS = ("و", "ف")
_PREPOSITIONS = ("ب", "ك", "ل")
_ARTICLE = "ال"
#: A form with its clitics tried off is a key only when this many letters remain (بلد and ولد never meet at لد).
MIN_STEM = 3


@functools.lru_cache(maxsize=65536)
def _forms(word: str) -> tuple[str, ...]:
    """A normalised word and every form with proclitics tried off (و ف, then ب ك ل, then ال; لل = ل + ال)."""
    out = [word]
    bases = [word] + [word[1:] for c in _CONJUNCTIONS if word.startswith(c)]
    for base in bases:
        with_prep = [base]
        if base.startswith("لل"):
            with_prep.append(_ARTICLE + base[2:])
        elif base[:1] in _PREPOSITIONS:
            with_prep.append(base[1:])
        for form in with_prep:
            for f in (form, form[2:] if form.startswith(_ARTICLE) else None):
                if f and f not in out:
                    out.append(f)
    return tuple(out)


@functools.lru_cache(maxsize=1)
def function_words() -> frozenset[str]:
    """The function words of ``bench/data/function_words.csv``, normalised."""
    return frozenset(normalize(row["word"]) for row in load_table("bench.data", "function_words.csv"))


@functools.lru_cache(maxsize=65536)
def word_keys(word: str) -> frozenset[str]:
    """The keys one word is compared by (empty for a function word): the normalised word and its forms
    with proclitics off that keep :data:`MIN_STEM` letters."""
    norm = normalize(word).lower()
    if not norm:
        return frozenset()
    forms = _forms(norm)
    if any(f in function_words() for f in forms) or len(norm) < 2:
        return frozenset()
    return frozenset(f for f in forms if f == norm or len(f) >= MIN_STEM)


def content_keys(phrase: str | None) -> frozenset[str]:
    """Every key of every content word of a phrase (empty for ``None``)."""
    if not phrase:
        return frozenset()
    return frozenset().union(*(word_keys(w) for w in _WORD.findall(phrase)))


def shared_words(gold: str | None, extracted: str | None) -> list[str]:
    """The content words of ``extracted`` that share a key with a content word of ``gold``."""
    keys = content_keys(gold)
    return [w for w in _WORD.findall(extracted or "") if word_keys(w) & keys]


def agree(gold: str | None, extracted: str | None) -> bool:
    """Whether two phrases share a content word; two phrases without content words agree."""
    a, b = content_keys(gold), content_keys(extracted)
    if not a and not b:
        return True
    return bool(a & b)


# ----------------------------------------------------------------------------------------- reading

def read_articles(path: Path, docnos: set[str]) -> dict:
    """The articles of a JSON Lines file whose id (``docno``) is in ``docnos``, by id."""
    from geonews.reading.articles import iter_articles

    if not path.is_file():
        raise BenchError(f"articles not found: {path}")
    errors = []
    out = {a.id: a for a in iter_articles(path, on_error=errors.append) if a.id in docnos}
    missing = sorted(docnos - set(out))
    if missing:
        raise BenchError(f"{path}: {len(missing)} gold articles are not in it (first: {missing[0]})")
    return out


def load_gold(path: Path, articles: dict) -> list[GoldClaim]:
    """The gold claims of ``claims_dev.json``, each quote located in its article's text."""
    out = []
    for record in _gold_records(path):
        docno = record.get("docno")
        article = articles.get(docno)
        for number, c in enumerate(record.get("claims") or (), 1):
            try:
                spans = locate_quote(c["quote"], article.text) if article is not None else ()
                title = (article.title or "") if article is not None else ""
                part = "text"
                if not spans and title and (in_title := locate_quote(c["quote"], title)):
                    spans, part = in_title, "title"
                out.append(GoldClaim(
                    docno=docno, number=number, claim_type=c["claim_type"], place_ar=c["place_ar"],
                    place_en=c.get("place_en") or c["place_ar"], latitude=float(c["latitude"]),
                    longitude=float(c["longitude"]), relation=c.get("relation") or "in", actor=c.get("actor_ar"),
                    target=c.get("target"), speaker=c.get("speaker_ar"), quote=c["quote"], killed=c.get("killed"),
                    spans=spans, part=part,
                ))
            except (KeyError, TypeError, ValueError, AttributeError) as err:
                raise BenchError(f"{path}: claim {number} of {docno}: {type(err).__name__}: {err}") from None
    return out


def _gold_records(path: Path) -> list[dict]:
    if not path.is_file():
        raise BenchError(f"gold claims not found: {path}")
    try:
        records = json.loads(path.read_text(encoding="utf-8"))["articles"]
        if not all(isinstance(r, dict) and isinstance(r["docno"], str) for r in records):
            raise TypeError("an article without a docno")
    except OSError as err:
        raise BenchError(f"cannot read {path}: {err.strerror or err}") from None
    except (ValueError, KeyError, TypeError) as err:
        raise BenchError(f"{path}: not a gold claims file ({type(err).__name__}: {err})") from None
    return records


def gold_docnos(path: Path) -> list[str]:
    """The docnos of a gold claims file, in its order."""
    return [r["docno"] for r in _gold_records(path)]


def _place_from_dict(d: dict) -> ExtractedPlace:
    lat, lon = d.get("latitude"), d.get("longitude")
    return ExtractedPlace(
        text=d.get("text") or "", start=int(d["start"]), end=int(d["end"]),
        latitude=float(lat) if lat is not None else None, longitude=float(lon) if lon is not None else None,
        relation=d.get("relation") or "in", role=d.get("role"), place_id=d.get("id"), name=d.get("name"),
        feature=d.get("feature"), country_code=d.get("country_code"),
    )


def statement_from_dict(d: dict, number: int = 0) -> ExtractedStatement:
    """A statement from its contract form (a ``geonews extract`` JSON Lines object)."""
    killed = tuple(float(q["value"]) for q in d.get("quantities") or () if q.get("unit") == "killed")
    return ExtractedStatement(
        docno=str(d["article"]), number=number, claim_type=d["claim_type"], start=int(d["start"]),
        end=int(d["end"]), text=d.get("text") or "", speaker=d.get("speaker"), actor=d.get("actor"),
        target=d.get("target"), places=tuple(_place_from_dict(p) for p in d.get("places") or ()),
        killed=killed, modality=d.get("modality"), part=d.get("part") or "text",
    )


def read_statements(path: Path, docnos: set[str]) -> dict[str, list[ExtractedStatement]]:
    """The statements of a ``geonews extract`` JSON Lines file for the articles in ``docnos``."""
    if not path.is_file():
        raise BenchError(f"statements not found: {path}")
    by_article: dict[str, list[dict]] = {d: [] for d in docnos}
    try:
        with path.open("rb") as fh:
            for lineno, raw in enumerate(fh, 1):
                if not raw.strip():
                    continue
                try:
                    record = json.loads(raw.decode("utf-8"))
                    docno = str(record["article"])
                    if docno in by_article:
                        statement_from_dict(record)  # checked here, so a bad line is named
                        by_article[docno].append(record)
                except (ValueError, KeyError, TypeError, AttributeError) as err:
                    raise BenchError(f"{path}:{lineno}: not a statement ({type(err).__name__}: {err})") from None
    except OSError as err:
        raise BenchError(f"cannot read {path}: {err.strerror or err}") from None
    return {docno: [statement_from_dict(d, k) for k, d in enumerate(ds)] for docno, ds in by_article.items()}


def extract(articles: dict, gazetteer: Gazetteer) -> dict[str, list[ExtractedStatement]]:
    """Run the project's extraction on the articles (the stable entry point), by docno."""
    from geonews.extraction.pipeline import extract_statements

    return {docno: [statement_from_dict(_statement_dict(s), k) for k, s in enumerate(extract_statements(a, gazetteer))]
            for docno, a in articles.items()}


def _statement_dict(statement) -> dict:
    """A live statement in its contract form, with ``modality`` and place ``role`` when it has them."""
    d = statement.to_dict()
    if "modality" not in d and getattr(statement, "modality", None) is not None:
        d["modality"] = statement.modality
    for place_dict, ref in zip(d["places"], statement.places):
        if "role" not in place_dict and getattr(ref, "role", None) is not None:
            place_dict["role"] = ref.role
    return d


# ---------------------------------------------------------------------------------------- matching

def _overlaps(statement: ExtractedStatement, claim: GoldClaim) -> bool:
    """Whether a statement's sentence overlaps the gold claim's quote (in the same part of the article)."""
    return statement.part == claim.part and any(statement.start < end and start < statement.end
                                                for start, end in claim.spans)


def _inside(place: ExtractedPlace, spans) -> bool:
    return any(start <= place.start < end for start, end in spans)


def _same_name(name: str, written: str) -> bool:
    """Whether a place name as written shares a content word with a gold place name."""
    return bool(content_keys(name) & content_keys(written))


def _claim_pairs(statements, types) -> list[tuple[ExtractedStatement, ExtractedPlace]]:
    """The (statement, place) pairs that are claims: asserted statements of ``types``, event places."""
    return [(s, p) for s in statements if s.asserted and s.claim_type in types for p in s.places if p.is_event]


def match_claims(gold: list[GoldClaim], statements: dict[str, list[ExtractedStatement]],
                 gazetteer: Gazetteer | None = None) -> list[ClaimMatch]:
    """Score every gold claim against the statements of its article (see the module's docstring)."""
    out = []
    for claim in gold:
        match = ClaimMatch(claim)
        candidates = []
        for s, p in _claim_pairs(statements.get(claim.docno, ()), (claim.claim_type, "control", "advance")
                                 if _GROUP.get(claim.claim_type) == "territory" else (claim.claim_type,)):
            d = _distance(claim, p)
            if d is not None and d <= RADIUS_KM:
                candidates.append((s.claim_type != claim.claim_type, d, s.number, p.start, s, p))
        match.found = bool(candidates)
        in_sentence = [c for c in candidates if _overlaps(c[4], claim)]
        if in_sentence:
            _, d, _, _, s, p = min(in_sentence, key=lambda c: c[:4])
            match.in_sentence, match.statement, match.place, match.distance_km = True, s, p, d
            match.fields = _fields(claim, s, p)
        else:
            match.kind, match.detail = _why_missed(claim, statements.get(claim.docno, ()), gazetteer)
        out.append(match)
    return out


def _fields(claim: GoldClaim, s: ExtractedStatement, p: ExtractedPlace) -> dict:
    """field -> (agrees, the statement's value, the shared words or the gold value)."""
    out = {}
    for name, gold_value, value in (("actor", claim.actor, s.actor), ("target", claim.target, s.target),
                                    ("speaker", claim.speaker, s.speaker)):
        out[name] = (agree(gold_value, value), value, shared_words(gold_value, value))
    out["relation"] = (p.relation == claim.relation, p.relation, [])
    if claim.killed is not None:
        out["killed"] = (float(claim.killed) in s.killed, list(s.killed), [])
    return out


def _geocode(gazetteer: Gazetteer, name: str) -> Place | None:
    from gazetteer import GazetteerError

    try:
        return gazetteer.geocode(name)
    except GazetteerError:
        return None


def _why_missed(claim: GoldClaim, statements, gazetteer) -> tuple[str, str]:
    """The kind of a gold claim not found in its sentence, and what the extraction had there."""
    if claim.part == "title" and not any(s.part == "title" for s in statements):
        return "missed/headline", ""
    if not claim.spans:
        return "missed/quote-not-found", ""
    in_sentence = [s for s in statements if _overlaps(s, claim)]
    if not in_sentence:
        return "missed/no-statement", ""
    places = [(s, p) for s in in_sentence for p in s.places if _inside(p, claim.spans)]
    near = [(s, p) for s, p in places if (d := _distance(claim, p)) is not None and d <= RADIUS_KM]
    compatible_near = [(s, p) for s, p in near if compatible(s.claim_type, claim.claim_type)]
    if compatible_near:
        if not any(s.asserted for s, _ in compatible_near):
            return "missed/modality", ", ".join(sorted({f"{s.claim_type} {s.modality}" for s, _ in compatible_near}))
        return "missed/role", ", ".join(sorted({f"{p.text}: {p.role}" for _, p in compatible_near}))
    if near:
        kind = "missed/only-mentioned" if all(s.claim_type == "mention" for s, _ in near) else "missed/claim-type"
        return kind, ", ".join(sorted({f"{p.text}: {s.claim_type}" for s, p in near}))
    named = [(s, p) for s, p in places if _same_name(claim.place_ar, p.text)]
    resolved = [(s, p) for s, p in named if p.resolved]
    if resolved:
        return "missed/resolved-far", "; ".join(sorted({f"{p.text} → {p.name} ({_distance(claim, p):.0f} km)"
                                                         for _, p in resolved}))
    if named:
        return "missed/unresolved", ", ".join(sorted({p.text for _, p in named}))
    if gazetteer is None:
        return "missed/not-recognised", "(no gazetteer to ask)"
    place = _geocode(gazetteer, claim.place_ar)
    if place is None:
        return "missed/not-in-gazetteer", ""
    d = km(claim.latitude, claim.longitude, place.latitude, place.longitude)
    if d > RADIUS_KM:
        return "missed/gazetteer-far", f"{claim.place_ar} → {place.name} ({d:.0f} km)"
    return "missed/not-recognised", f"{claim.place_ar} → {place.name} ({d:.0f} km)"


#: A dateline before the story: a place, its country and an outlet in brackets, then a dash (CNN's
#: «عمان، الأردن (CNN) --»), at the start of the text.
_DATELINE = re.compile(r"^\s*[^\n.؟!()]{1,80}?(?:\([^()\n]{1,30}\))?\s*(?:--|–|—)")


def dateline_end(text: str) -> int:
    """Where an article's dateline ends (0 when it has none)."""
    m = _DATELINE.match(text)
    return m.end() if m else 0


def _country_or_capital(place: ExtractedPlace, gazetteer: Gazetteer | None) -> bool:
    if place.feature == "country":
        return True
    if gazetteer is None or place.place_id is None or not place.resolved or place.feature is None:
        return False
    try:
        return gazetteer.is_capital(Place(place.place_id, place.name or "", "", place.latitude, place.longitude,
                                          place.country_code, place.feature))
    except ValueError:
        return False


def judge_places(gold: list[GoldClaim], statements: dict[str, list[ExtractedStatement]], texts: dict[str, str],
                 gazetteer: Gazetteer | None = None, types=CLAIM_TYPES) -> list[PlaceVerdict]:
    """Judge every extracted claim pair of ``types`` in the gold's articles (see the module's docstring)."""
    by_doc: dict[str, list[GoldClaim]] = {}
    for c in gold:
        by_doc.setdefault(c.docno, []).append(c)
    out = []
    for docno in by_doc:
        claims = by_doc[docno]
        for s, p in _claim_pairs(statements.get(docno, ()), types):
            dists = [d for c in claims if compatible(c.claim_type, s.claim_type)
                     and (d := _distance(c, p)) is not None]
            nearest = min(dists, default=None)
            verdict = PlaceVerdict(s, p, nearest is not None and nearest <= RADIUS_KM, nearest)
            if not verdict.correct:
                verdict.kind, verdict.detail = _why_wrong(s, p, claims, texts.get(docno, ""), gazetteer)
            out.append(verdict)
    return out


def _why_wrong(s: ExtractedStatement, p: ExtractedPlace, claims: list[GoldClaim], text: str,
               gazetteer) -> tuple[str, str]:
    """The kind of a wrong claim place, and what the gold has there."""
    if not p.resolved:
        return "wrong/unresolved", ""
    other = [c for c in claims if (d := _distance(c, p)) is not None and d <= RADIUS_KM]
    if other:
        return "wrong/claim-type", ", ".join(sorted({f"gold {c.claim_type} at {c.place_en}" for c in other}))
    if s.part == "text" and p.end <= dateline_end(text):
        return "wrong/dateline", ""
    in_sentence = [c for c in claims if _overlaps(s, c)]
    place_keys = content_keys(p.text)
    if any(place_keys & content_keys(sp) for sp in [s.speaker] + [c.speaker for c in in_sentence]):
        return "wrong/speaker", f"speaker {s.speaker!r}"
    before = _cue_before(text, p.start)
    if before == "origin":
        return "wrong/origin", ""
    if p.feature != "country" and _common_word(p.text):  # البلاد for the country it names is anaphora
        return "wrong/common-word", f"{p.text} → {p.name}"
    if before != "locative" and _nationality_form(p.text):
        return "wrong/nationality-form", f"{p.text} → {p.name}"
    country_or_capital = _country_or_capital(p, gazetteer)
    if country_or_capital:
        parties = sorted({v for c in in_sentence for v in (c.actor, c.target) if place_keys & content_keys(v)})
        if parties:
            return "wrong/party", "gold actor/target: " + "; ".join(parties)
    same_name = [c for c in claims if _same_name(c.place_ar, p.text)]
    if same_name:
        c = min(same_name, key=lambda c: _distance(c, p))
        return "wrong/resolution", f"{p.text} → {p.name}, gold {c.place_en} ({_distance(c, p):.0f} km)"
    countries = {c: _country_of(c, gazetteer) for c in claims}
    if p.feature == "country" and p.country_code and any(countries[c] == p.country_code for c in in_sentence):
        held = sorted({c.place_en for c in in_sentence if countries[c] == p.country_code})
        return "wrong/container", "holds " + ", ".join(held)
    if country_or_capital:
        if before == "locative":
            return "wrong/country-named", f"{p.name} ({p.feature})"
        return "wrong/government", f"{p.name} ({p.feature})"
    if in_sentence:
        return "wrong/mentioned", "gold here: " + ", ".join(sorted({c.place_en for c in in_sentence}))
    return "wrong/no-gold-claim", ""


def _country_of(claim: GoldClaim, gazetteer: Gazetteer | None) -> str | None:
    """The country code of a gold claim's point (the nearest populated place's), ``None`` without a gazetteer."""
    if gazetteer is None:
        return None
    return _reverse_country(gazetteer, round(claim.latitude, 3), round(claim.longitude, 3))


@functools.lru_cache(maxsize=4096)
def _reverse_country(gazetteer: Gazetteer, latitude: float, longitude: float) -> str | None:
    place = gazetteer.reverse(latitude, longitude)
    return place.country_code if place is not None else None


def _common_word(written: str) -> bool:
    """Whether a name is a common word: ANERcorp has it at least 3 times, as a place in under half of them."""
    from gazetteer.lexicon import load_lexicon

    stats = load_lexicon().stats.get(normalize(written))
    return stats is not None and stats.news >= 3 and 2 * stats.news_place < stats.news


def _nationality_form(written: str) -> bool:
    """Whether a name as written is the feminine of a nationality adjective (سورية، روسية)."""
    from gazetteer.lexicon import load_lexicon

    norm = normalize(written)
    return norm.endswith("ه") and norm[:-1] in load_lexicon().adjectives


@functools.lru_cache(maxsize=1)
def place_cues() -> dict[str, str]:
    """The words of ``bench/data/place_cues.csv``, normalised, to their kind (``locative``, ``origin``)."""
    return {normalize(row["cue"]): row["kind"] for row in load_table("bench.data", "place_cues.csv")}


_WORD_BEFORE = re.compile(r"([^\W_]+)[^\w]*$")


def _cue_before(text: str, start: int) -> str | None:
    """The kind of cue right before a place name: ``"locative"`` for بـ attached or a locative word before it
    (في سوريا، شمال سوريا، مدينة منبج), ``"origin"`` for مقره …, else ``None``."""
    token_start = start
    while token_start > 0 and not text[token_start - 1].isspace() and text[token_start - 1].isalpha():
        token_start -= 1
    attached = normalize(text[token_start:start])
    if "ب" in attached:
        return "locative"
    m = _WORD_BEFORE.search(text, max(0, token_start - 40), token_start)
    if m is None:
        return None
    cues = place_cues()
    kinds = {cues[f] for f in _forms(normalize(m.group(1))) if f in cues}
    return "origin" if "origin" in kinds else ("locative" if kinds else None)


def field_mistakes(match: ClaimMatch) -> list[tuple[str, str, str]]:
    """The field disagreements of a claim found in its sentence: ``(kind, expected, got)`` each."""
    if not match.in_sentence:
        return []
    c, s, out = match.claim, match.statement, []
    for name, gold_value, value, gold_other, other, other_name in (
            ("actor", c.actor, s.actor, c.target, s.target, "target"),
            ("target", c.target, s.target, c.actor, s.actor, "actor")):
        if match.fields[name][0]:
            continue
        if not content_keys(value):
            if content_keys(other) and agree(gold_value, other):
                kind = f"{name}/as-{other_name}"
            elif name == "actor" and content_keys(s.speaker) and agree(gold_value, s.speaker):
                kind = "actor/as-speaker"
            else:
                kind = f"{name}/missing"
        elif not content_keys(gold_value):
            kind = f"{name}/spurious"
        elif content_keys(gold_other) and agree(gold_other, value):
            kind = f"{name}/is-{other_name}"
        else:
            kind = f"{name}/wrong"
        out.append((kind, gold_value or "", value or ""))
    if not match.fields["speaker"][0]:
        if content_keys(s.speaker) and _quoted(s.speaker, s.text):
            kind = "speaker/quoted"
        elif not content_keys(s.speaker):
            kind = "speaker/missing"
        elif not content_keys(c.speaker):
            kind = "speaker/spurious"
        else:
            kind = "speaker/wrong"
        out.append((kind, c.speaker or "", s.speaker or ""))
    if not match.fields["relation"][0]:
        got = match.place.relation
        kind = "relation/missing" if got == "in" else "relation/spurious" if c.relation == "in" else "relation/wrong"
        out.append((kind, c.relation, got))
    if "killed" in match.fields and not match.fields["killed"][0]:
        got = match.fields["killed"][1]
        out.append(("killed/wrong" if got else "killed/missing", str(c.killed), ", ".join(f"{v:g}" for v in got)))
    return out


_QUOTED = re.compile(r"[\"«“]([^\"«»“”]{1,200})[\"»”]")


def _quoted(phrase: str, sentence: str) -> bool:
    """Whether a phrase lies inside quotation marks in the sentence."""
    return any(phrase.strip() in m.group(1) for m in _QUOTED.finditer(sentence))


# ----------------------------------------------------------------------------------------- figures

#: The figures, in the order shown: key -> label.
FIGURES = {
    "claim_recall": "claim recall",
    "sentence_recall": "sentence recall",
    "place_precision": "place precision",
    "actor_agreement": "actor agreement",
    "target_agreement": "target agreement",
    "speaker_agreement": "speaker agreement",
    "relation_accuracy": "relation accuracy",
    "killed": "killed",
    "diplomacy_recall": "diplomacy recall",
    "diplomacy_sentence_recall": "diplomacy sentence recall",
    "diplomacy_precision": "diplomacy precision",
}


def _ratio(hits: int, total: int) -> dict:
    return {"value": hits / total if total else None, "hits": hits, "total": total}


def figures(matches: list[ClaimMatch], verdicts: list[PlaceVerdict], half: str | None = None) -> dict:
    """Every figure of :data:`FIGURES` on one half (``"A"``, ``"B"``) or on all (``None``):
    ``{key: {"value": share or None when nothing to count, "hits": n, "total": n}}``."""
    ms = [m for m in matches if half is None or m.claim.half == half]
    vs = [v for v in verdicts if half is None or v.half == half]
    claims = [m for m in ms if m.claim.claim_type in CLAIM_TYPES]
    talks = [m for m in ms if m.claim.claim_type == DIPLOMACY]
    found = [m for m in claims if m.in_sentence]
    claim_places = [v for v in vs if v.statement.claim_type in CLAIM_TYPES]
    talk_places = [v for v in vs if v.statement.claim_type == DIPLOMACY]
    with_killed = [m for m in found if "killed" in m.fields]
    return {
        "claim_recall": _ratio(sum(m.found for m in claims), len(claims)),
        "sentence_recall": _ratio(len(found), len(claims)),
        "place_precision": _ratio(sum(v.correct for v in claim_places), len(claim_places)),
        "actor_agreement": _ratio(sum(m.fields["actor"][0] for m in found), len(found)),
        "target_agreement": _ratio(sum(m.fields["target"][0] for m in found), len(found)),
        "speaker_agreement": _ratio(sum(m.fields["speaker"][0] for m in found), len(found)),
        "relation_accuracy": _ratio(sum(m.fields["relation"][0] for m in found), len(found)),
        "killed": _ratio(sum(m.fields["killed"][0] for m in with_killed), len(with_killed)),
        "diplomacy_recall": _ratio(sum(m.found for m in talks), len(talks)),
        "diplomacy_sentence_recall": _ratio(sum(m.in_sentence for m in talks), len(talks)),
        "diplomacy_precision": _ratio(sum(v.correct for v in talk_places), len(talk_places)),
    }


def _claim_summary(c: GoldClaim) -> str:
    who = f" by {c.actor}" if c.actor else ""
    return f"{c.claim_type} {c.relation} {c.place_ar} ({c.place_en}){who}"


def mistake_items(matches: list[ClaimMatch], verdicts: list[PlaceVerdict]) -> list[dict]:
    """Every mistake as data: kind, half, docno, sentence, what was expected, what the extraction had."""
    out = []
    for m in matches:
        c = m.claim
        if m.kind is not None and c.claim_type in CLAIM_TYPES:
            out.append({"kind": m.kind, "half": c.half, "docno": c.docno, "claim": c.number, "sentence": c.quote,
                        "expected": _claim_summary(c), "got": m.detail, "found_elsewhere": m.found})
        if c.claim_type in CLAIM_TYPES:
            for kind, expected, got in field_mistakes(m):
                out.append({"kind": kind, "half": c.half, "docno": c.docno, "claim": c.number, "sentence": c.quote,
                            "expected": expected, "got": got})
    by_doc: dict[str, list[GoldClaim]] = {}
    for m in matches:
        by_doc.setdefault(m.claim.docno, []).append(m.claim)
    for v in verdicts:
        if not v.correct and v.statement.claim_type in CLAIM_TYPES:
            s, p = v.statement, v.place
            here = [c for c in by_doc.get(s.docno, ()) if _overlaps(s, c)]
            expected = "; ".join(_claim_summary(c) for c in here) or "no gold claim in this sentence"
            if v.nearest_km is not None:
                expected += f" (the nearest compatible gold claim of the article is {v.nearest_km:.0f} km away)"
            out.append({"kind": v.kind, "half": v.half, "docno": s.docno, "statement": s.number, "sentence": s.text,
                        "expected": expected, "got": f"{s.claim_type} at {p.text} → {p.name or 'unresolved'}"
                        + (f"; {v.detail}" if v.detail else "")})
    return out


def mistakes(items: list[dict], examples: int = 3, half: str | None = None) -> dict:
    """The mistakes counted by kind and half, each with its family, meaning and a few examples (from
    ``half`` only, when given), kinds of a family most frequent first."""
    counts = {k: Counter() for k in KINDS}
    for item in items:
        counts[item["kind"]][item["half"]] += 1
    out = {}
    for family in FAMILIES:
        kinds = [k for k in KINDS if KINDS[k][0] == family and counts[k]]
        for k in sorted(kinds, key=lambda k: -sum(counts[k].values())):
            chosen = [i for i in items if i["kind"] == k and (half is None or i["half"] == half)][:examples]
            out[k] = {"family": family, "means": KINDS[k][1], "A": counts[k]["A"], "B": counts[k]["B"],
                      "all": sum(counts[k].values()),
                      "examples": [{key: i[key] for key in ("docno", "sentence", "expected", "got")} for i in chosen]}
    return out


# ------------------------------------------------------------------------------------------ a run

@dataclass(slots=True)
class Report:
    """One scoring run: the gold, what was scored, and every judgement."""

    gold_path: str
    scored: str                              # "extraction" or the statements file
    halves: dict[str, list[str]]
    matches: list[ClaimMatch]
    verdicts: list[PlaceVerdict]
    without_statements: list[str]            # gold articles with no statement at all

    def figures(self) -> dict[str, dict]:
        """``{"A": figures, "B": figures, "all": figures}``."""
        return {**{h: figures(self.matches, self.verdicts, h) for h in HALVES},
                "all": figures(self.matches, self.verdicts)}

    def mistakes(self, examples: int = 3, half: str | None = None) -> dict:
        return mistakes(mistake_items(self.matches, self.verdicts), examples, half)

    def to_dict(self, explain: bool = False, half: str | None = None, examples: int = 3) -> dict:
        """Everything as plain data (``--json``); ``explain`` adds every gold claim and every claim place."""
        out = {
            "gold": self.gold_path, "scored": self.scored, "radius_km": RADIUS_KM,
            "halves": {"rule": "A when the last hex digit of sha256(docno) is even, else B", **self.halves},
            "figures": self.figures(), "mistakes": self.mistakes(examples, half),
            "without_statements": self.without_statements,
        }
        if explain:
            out["claims"] = [_explain_claim(m) for m in self.matches if half is None or m.claim.half == half]
            out["places"] = [_explain_place(v) for v in self.verdicts if half is None or v.half == half]
        return out


def run(data: Path = _DATA, statements: Path | None = None, gazetteer: Gazetteer | None = None,
        gold_path: Path | None = None, articles_path: Path | None = None) -> Report:
    """Score the project's extraction (or a statements file) on the gold claims."""
    gold_path = gold_path or data / "claims_dev.json"
    articles_path = articles_path or data / "ant_conflict_dev.jsonl"
    docnos = gold_docnos(gold_path)
    articles = read_articles(articles_path, set(docnos))
    gold = load_gold(gold_path, articles)
    gazetteer = gazetteer or Gazetteer()
    if statements is None:
        by_article, scored = extract(articles, gazetteer), "extraction"
    else:
        by_article, scored = read_statements(statements, set(docnos)), str(statements)
    texts = {d: a.text for d, a in articles.items()}
    matches = match_claims(gold, by_article, gazetteer)
    verdicts = judge_places(gold, by_article, texts, gazetteer, CLAIM_TYPES + (DIPLOMACY,))
    halves = {h: sorted(d for d in docnos if half_of(d) == h) for h in HALVES}
    return Report(str(gold_path), scored, halves, matches, verdicts,
                  sorted(d for d in docnos if not by_article.get(d)))


def _explain_claim(m: ClaimMatch) -> dict:
    c = m.claim
    out = {"docno": c.docno, "claim": c.number, "half": c.half, "expected": _claim_summary(c),
           "sentence": c.quote, "found": m.found, "in_sentence": m.in_sentence}
    if m.in_sentence:
        out["statement"] = m.statement.number
        out["place"] = f"{m.place.text} → {m.place.name} ({m.distance_km:.0f} km)"
        out["fields"] = {k: {"agrees": ok, "got": got, **({"shared": shared} if shared else {})}
                         for k, (ok, got, shared) in m.fields.items()}
        out["mistakes"] = [k for k, _, _ in field_mistakes(m)]
    else:
        out["kind"], out["detail"] = m.kind, m.detail
    return out


def _explain_place(v: PlaceVerdict) -> dict:
    s, p = v.statement, v.place
    out = {"docno": s.docno, "statement": s.number, "half": v.half, "claim_type": s.claim_type,
           "place": f"{p.text} → {p.name or 'unresolved'}", "correct": v.correct,
           "nearest_gold_km": None if v.nearest_km is None else round(v.nearest_km, 1)}
    if not v.correct:
        out["kind"], out["detail"], out["sentence"] = v.kind, v.detail, s.text
    return out


# -------------------------------------------------------------------------------------- rendering

_UNSAFE = re.compile("[\u202a-\u202e\u2066-\u2069]")


def printable(text) -> str:
    """Text safe for a terminal: control characters and bidi overrides replaced, lines joined."""
    text = _UNSAFE.sub("\ufffd", str(text))
    return "".join(" " if ch in "\n\r\t" else "\ufffd" if unicodedata.category(ch) == "Cc" else ch for ch in text)


def _cell(fig: dict) -> str:
    if fig["value"] is None:
        return "–"
    return f"{fig['value']:.2f} ({fig['hits']}/{fig['total']})"


def render(report: Report, console, explain: bool = False, half: str | None = None, examples: int = 3) -> None:
    """The figures by half, the mistakes by kind, and with ``explain`` every item and examples."""
    from rich.table import Table
    from rich.text import Text

    figs = report.figures()
    table = Table(title=f"Claims against gold ({printable(report.scored)}; within {RADIUS_KM:g} km)")
    table.add_column("figure")
    for label in ("A (develop)", "B (held out)", "all"):
        table.add_column(label, justify="right")
    for key, label in FIGURES.items():
        table.add_row(label, *(_cell(figs[h][key]) for h in (*HALVES, "all")))
    console.print(table)
    for h in HALVES:
        console.print(Text(f"half {h} ({len(report.halves[h])} articles): " + " ".join(report.halves[h])))
    console.print(Text("halves: A when the last hex digit of sha256(docno) is even, else B"))
    if report.without_statements:
        console.print(Text(f"no statement at all in {len(report.without_statements)} gold articles: "
                           + " ".join(map(printable, report.without_statements))))
    found = report.mistakes(examples, half)
    kinds = Table(title="Mistakes by kind (claims: control/advance/attack)")
    for name, justify in (("kind", "left"), ("A", "right"), ("B", "right"), ("all", "right"), ("what it means", "left")):
        kinds.add_column(name, justify=justify)
    family = None
    for kind, entry in found.items():
        if entry["family"] != family and family is not None:
            kinds.add_section()
        family = entry["family"]
        kinds.add_row(kind, str(entry["A"]), str(entry["B"]), str(entry["all"]), entry["means"])
    console.print(kinds)
    if not explain:
        return
    console.print(Text(f"\nExamples ({'half ' + half if half else 'both halves'}):", style="bold"))
    for kind, entry in found.items():
        console.print(Text(f"{kind} ({entry['all']})", style="bold"))
        for ex in entry["examples"]:
            console.print(Text(f"  {printable(ex['docno'])}: {printable(ex['sentence'])}"))
            console.print(Text(f"    expected: {printable(ex['expected'])}"))
            console.print(Text(f"    got: {printable(ex['got'])}"))
    console.print(Text("\nGold claims:", style="bold"))
    for m in report.matches:
        if half is None or m.claim.half == half:
            console.print(Text(_claim_line(m)))
    console.print(Text("\nWrong claim places:", style="bold"))
    for v in report.verdicts:
        if not v.correct and (half is None or v.half == half):
            s, p = v.statement, v.place
            console.print(Text(printable(f"{s.docno} statement {s.number} {s.claim_type} at {p.text} → "
                                         f"{p.name or 'unresolved'}: {v.kind}" + (f" ({v.detail})" if v.detail else ""))))


def _claim_line(m: ClaimMatch) -> str:
    c = m.claim
    head = f"{c.docno} #{c.number} {_claim_summary(c)}: "
    if m.in_sentence:
        fields = []
        for name, (ok, got, shared) in m.fields.items():
            fields.append(f"{name} {'ok' if ok else 'NO'} ({got!r}" + (f", shared {shared}" if shared else "") + ")")
        tail = (f"found in its sentence (statement {m.statement.number}, {m.place.text} → {m.place.name}, "
                f"{m.distance_km:.0f} km); " + "; ".join(fields))
    else:
        tail = ("found elsewhere in the article; " if m.found else "missed; ") + f"not in its sentence: {m.kind}" + (
            f" ({m.detail})" if m.detail else "")
    return printable(head + tail)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="bench/claims.py", description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=_DATA, help="folder of claims_dev.json and the ANT articles")
    parser.add_argument("--gold", type=Path, help="gold claims file (default: DATA/claims_dev.json)")
    parser.add_argument("--articles", type=Path, help="articles, JSON Lines (default: DATA/ant_conflict_dev.jsonl)")
    parser.add_argument("--statements", type=Path, metavar="FILE.jsonl",
                        help="score these `geonews extract` statements instead of running the extraction")
    parser.add_argument("--json", action="store_true", help="the figures and mistakes as JSON on standard output")
    parser.add_argument("--explain", action="store_true",
                        help="every gold claim (what matched or why not), every wrong claim place, examples")
    parser.add_argument("--half", choices=HALVES, help="explain and give examples from this half only")
    parser.add_argument("--examples", type=int, default=3, help="examples per kind of mistake (default 3)")
    args = parser.parse_args(argv)
    try:
        report = run(args.data, args.statements, gold_path=args.gold, articles_path=args.articles)
    except BenchError as err:
        print(f"bench/claims.py: error: {err}", file=sys.stderr)
        return 2
    if args.json:
        print(json.dumps(report.to_dict(args.explain, args.half, args.examples), ensure_ascii=False, indent=1))
    else:
        from rich.console import Console

        render(report, Console(highlight=False), args.explain, args.half, args.examples)
    return 0


if __name__ == "__main__":
    sys.exit(main())
