"""The :class:`Gazetteer`: lookup, geocoding, reverse geocoding and place-name recognition."""

from __future__ import annotations

import bisect
import functools
import math
import re
from dataclasses import replace

from .errors import QueryError
from .index import Index, gc_paused, load_index
from .matching import CROSS_SCRIPT, NORMALISED, VARIANT, NameMatcher, clean_query
from .normalize import NOT_ARABIC_SPELLING, expand_presentation_forms, is_arabic, latin_key, normalize
from .place import FEATURES, Mention, Place

__all__ = ["Gazetteer", "MAX_QUERY_LENGTH", "REVERSE_MAX_KM"]

#: Longer queries are refused: no place name is this long.
MAX_QUERY_LENGTH = 256
#: ``reverse`` finds nothing farther than this from the point, unless told otherwise (the open sea).
REVERSE_MAX_KM = 50.0
#: ``geocode()`` is silent on a name that two populated places AMBIGUOUS_KM or more apart share with no
#: dominant one: their scores (prior less match penalty) within AMBIGUOUS_MARGIN, a population less than
#: about three times as large (بريان is Bryan, US and Berriane, Algeria; الجفر two towns of Saudi Arabia
#: and Jordan). ``lookup()`` lists them; ``find()`` chooses by the text.
AMBIGUOUS_MARGIN, AMBIGUOUS_KM = 0.5, 161.0

#: A place the name transliterates, this much larger in prior (about three times the population), puts an Arabic
#: match of a smaller place far from it in doubt, unless an Arabic spelling of its own tells it apart (one that is
#: no spelling variant of the query).
DOUBT_MARGIN = 0.5

#: A town an Arabic step matched whose Latin name other towns far from it bear as their own (أوستن: Austin,
#: Texas, and Austin, Minnesota) is meant only when its prior is theirs plus NAMESAKE_MARGIN or more, when the
#: Arabic name reads as that Latin name (a reading score of TRANSLITERATION_SCORE or more: طليطلة, 73, is an Arabic
#: name of Toledo, Spain, not Toledo transliterated).
NAMESAKE_MARGIN, TRANSLITERATION_SCORE = 0.0, 80.0

#: Kinds of places whose name two of the same kind far apart may share (الجفر, two towns; المنطقة الشرقية, a
#: province of Saudi Arabia and one of Oman), with no dominant one: geocode() is silent.
_SHARED_KINDS = frozenset({"city", "admin1", "admin2"})

_COUNTRY_SEPARATOR = re.compile(r"\s*[،,]\s*(?=[^،,]+$)")


def _check_query(query) -> str:
    if not isinstance(query, str):
        raise QueryError(f"Expected a place name as a string, instead got: {query!r}.")
    text = query.strip()
    if not text or not normalize(text):
        raise QueryError(f"Expected a non-empty place name, instead got: {query!r}.")
    if len(text) > MAX_QUERY_LENGTH:
        raise QueryError(f"Expected a place name of at most {MAX_QUERY_LENGTH} characters, "
                         f"instead got one of {len(text)}.")
    return text


class Gazetteer:
    """An offline gazetteer of the world's places with Arabic and Latin names.

    >>> gz = Gazetteer()
    >>> gz.geocode("منبج").name
    'Manbij'
    """

    def __init__(self, *, index: Index | None = None, scan: str | None = None, compiled: bool | None = None) -> None:
        """The bundled index, or ``index`` (a compiled :class:`~gazetteer.index.Index`; benchmarks pass a copy
        with names held out). ``scan`` chooses how :meth:`find` looks for candidate names: ``"words"`` (the
        default, or the environment variable ``GAZETTEER_SCAN``; the reference: each word looked up),
        ``"automaton"`` (every written form of the names matched over the whole text in C; built once and
        kept in a disk cache) or ``"auto"`` (the words until ~10 MB of text has been read, then the
        automaton). All give the same mentions (:class:`~gazetteer.candidates.CandidateFinder`). ``compiled``
        chooses how the word loop runs: compiled (the default when built, unless the environment variable
        ``GAZETTEER_COMPILED`` is ``0``) or in Python (the reference); both give the same mentions."""
        if scan is not None:
            from .candidates import SCANS

            if scan not in SCANS:
                raise QueryError(f"Expected scan among {', '.join(SCANS)}, instead got: {scan!r}.")
        self._scan = scan
        self._compiled = compiled
        self._index: Index = load_index() if index is None else index
        self._tree = None
        self._recognizer = None
        self._extents_by_id: dict[str, float] | None = None
        self._matcher = NameMatcher(self._index)

    @property
    def index(self) -> Index:
        """The underlying compiled index."""
        return self._index

    # -- what a place is ---------------------------------------------------------------------
    def is_capital(self, place: Place) -> bool:
        """Whether a place is a country's capital (its name often stands for the government)."""
        return place.id in self._index.capital_ids

    def extent_km(self, place: Place) -> float | None:
        """The radius in km of an area the index knows the size of (curated regions, areas, water), else ``None``."""
        if not place.id.startswith("curated:"):
            return None
        return self._extents().get(place.id)

    def _extents(self) -> dict[str, float]:
        """Place id -> extent in km, for the few rows that have one (built from those rows only)."""
        if self._extents_by_id is None:
            import numpy as np

            index = self._index
            rows = np.flatnonzero(index.radius_km)
            self._extents_by_id = {index.place_id(int(row)): float(index.radius_km[row]) for row in rows}
        return self._extents_by_id

    def places(self, feature: str | None = None, *, min_population: int = 0,
               bbox: tuple[float, float, float, float] | None = None) -> list[Place]:
        """Every place of a feature class, at least ``min_population`` strong, inside a box; largest first.

        Parameters
        ----------
        feature : str, optional
            One of :data:`~gazetteer.place.FEATURES` (``"city"`` for populated places); every class if omitted.
        min_population : int
            Places with a smaller or unknown population are left out (0 keeps those of unknown population).
        bbox : (south, west, north, east), optional
            Degrees; a box whose west is east of its east crosses the antimeridian.

        Returns
        -------
        list of Place
            By population, largest first (unknown last), then by id.

        >>> [p.name for p in Gazetteer().places("city", min_population=1_000_000, bbox=(33, 36, 37, 38))]
        ['Aleppo', 'Damascus']
        """
        import numpy as np

        index = self._index
        mask = np.ones(index.size, dtype=bool)
        if feature is not None:
            if feature not in FEATURES:
                raise QueryError(f"Expected a feature among {', '.join(FEATURES)}, instead got: {feature!r}.")
            mask &= index.feature == FEATURES.index(feature)
        if min_population > 0:
            mask &= index.population >= min_population
        if bbox is not None:
            south, west, north, east = (float(v) for v in bbox)
            mask &= (index.latitude >= south) & (index.latitude <= north)
            lon = index.longitude
            mask &= ((lon >= west) & (lon <= east)) if west <= east else ((lon >= west) | (lon <= east))
        rows = np.flatnonzero(mask)
        population = index.population[rows].astype(np.int64)
        order = np.lexsort((rows, -population))
        return [index.place(int(row)) for row in rows[order]]

    # -- lookup ------------------------------------------------------------------------------
    def lookup(self, query: str, limit: int = 10, *, country=None, feature=None, strict: bool = False) -> list[Place]:
        """Candidate places for a name, best first.

        ``"NAME، COUNTRY"`` or ``"NAME, COUNTRY"`` keeps only candidates in that country; so does
        ``country`` (an ISO 3166-1 alpha-2 code, or several), and ``feature`` keeps those of one feature
        class or several (:data:`gazetteer.place.FEATURES`). ``strict`` keeps only the places the name
        spells, as written, normalised or as a spelling variant: no fuzzy or cross-script match.
        """
        text = _check_query(query)
        ranked, penalties = self._rank(text, strict)
        rows = self._filtered(ranked, country, feature)
        return [self._place(row, penalties, text) for row in rows[:max(limit, 0)]]

    def geocode(self, query: str, *, country=None, feature=None) -> Place | None:
        """The best place for a name, or ``None`` when nothing matches, or when two populated places far
        apart share the name with no dominant one (:data:`AMBIGUOUS_MARGIN`; ``lookup`` lists them).
        ``country`` and ``feature`` narrow the candidates as in :meth:`lookup` (and so may settle it)."""
        text = _check_query(query)
        ranked, penalties = self._rank(text)
        rows = self._filtered(ranked, country, feature)
        if not rows or self._ambiguous(rows, penalties):
            return None
        if self._foreign_rival(text, rows[0], penalties, country, feature) is not None:
            return None
        if self._latin_namesake(text, rows[0], penalties, country, feature) is not None:
            return None
        return self._place(rows[0], penalties, text)

    @functools.cached_property
    def _largest_city_prior(self) -> float:
        index = self._index
        cities = index.feature == FEATURES.index("city")
        return float(index.prior[cities].max()) if cities.any() else float("-inf")

    def _place(self, row: int, penalties: dict[int, float], text: str) -> Place:
        """The place of a row as an answer to a query: found across scripts, a place the index knows under no
        Arabic spelling (``name_ar`` empty, or Persian or Urdu only) shows the name as the query wrote it,
        an Arabic spelling of that place (كامبوباسو for Campobasso); the same place (equal ids) all the same."""
        place = self._index.place(row)
        if penalties.get(row, 0.0) < CROSS_SCRIPT or (place.name_ar and NOT_ARABIC_SPELLING.isdisjoint(place.name_ar)):
            return place
        name, _ = self._split_country(clean_query(text) or text)
        written = clean_query(name) or name
        return replace(place, name_ar=written) if is_arabic(written) else place

    def _foreign_rival(self, text: str, best: int, penalties: dict[int, float], country, feature) -> int | None:
        """A larger place (:data:`DOUBT_MARGIN`), far from the best answer, that the name transliterates through
        its own Latin name (ولينغتون: the one small town spelt so, or Wellington, New Zealand) and that no Arabic
        spelling of its own tells apart: the answer an Arabic source spells is then in doubt. ``None`` when
        there is none (or the answer is no populated place, or was itself found across scripts)."""
        index = self._index
        if (index.feature_name(best) != "city" or penalties.get(best, CROSS_SCRIPT) >= CROSS_SCRIPT
                or self._matcher.arabic_named(best)):
            return None  # a town of an Arab state spelt in Arabic letters is meant by its Arabic name
        prior = float(index.prior[best])
        if prior + DOUBT_MARGIN > self._largest_city_prior:
            return None  # no city is that much larger (and the Latin names need not be loaded)
        name, area = self._split_country(clean_query(text) or text)
        if area is not None:
            return None
        sounds = self._matcher.sounds(clean_query(name) or name, min_prior=prior)  # the answer and larger ones
        if not sounds:
            return None
        lat, lon = float(index.latitude[best]), float(index.longitude[best])
        own = sounds.get(best, 0.0)  # a rival the name transliterates at least as closely as the answer's names
        rivals = [r for r in self._filtered(sorted(sounds), country, feature) if r != best and sounds[r] >= own
                  and index.feature_name(r) == "city" and float(index.prior[r]) - prior >= DOUBT_MARGIN
                  and not self._matcher.arabic_named(r)
                  and _haversine_km(lat, lon, float(index.latitude[r]), float(index.longitude[r])) >= AMBIGUOUS_KM
                  and not self._spelt_apart(text, r)]
        return max(rivals, key=lambda r: (float(index.prior[r]), -r)) if rivals else None

    def _latin_namesake(self, text: str, best: int, penalties: dict[int, float], country, feature) -> int | None:
        """Another town far from the best answer that bears the answer's Latin name as its own main name,
        with a prior within :data:`NAMESAKE_MARGIN` of the answer's or above, and that no Arabic spelling of its
        own tells apart: an Arabic name that transliterates a Latin name several towns share means none of them
        in particular. ``None`` when there is none (or
        the answer is no populated place, was found across scripts, or is a town of an Arab League state
        under its Arabic name)."""
        index = self._index
        if (index.feature_name(best) != "city" or penalties.get(best, CROSS_SCRIPT) >= CROSS_SCRIPT
                or self._matcher.arabic_named(best)):
            return None
        key = latin_key(index.names[best])
        if not key:
            return None
        prior = float(index.prior[best])
        lat, lon = float(index.latitude[best]), float(index.longitude[best])
        import numpy as np

        rows = np.asarray(index.rows_latin(key), dtype=np.int64)
        rows = rows[index.prior[rows] > prior - NAMESAKE_MARGIN]  # the larger ones only: most names have few
        rivals = [r for r in self._filtered(rows.tolist(), country, feature)
                  if r != best and index.feature_name(r) == "city" and latin_key(index.names[r]) == key
                  and _haversine_km(lat, lon, float(index.latitude[r]), float(index.longitude[r])) >= AMBIGUOUS_KM]
        if not rivals or not self._transliterates(text, key):
            return None
        rivals = [r for r in rivals if not self._spelt_apart(text, r)]
        return max(rivals, key=lambda r: (float(index.prior[r]), -r)) if rivals else None

    def _spelt_apart(self, text: str, row: int) -> bool:
        """Whether a place has an Arabic spelling of its own that is not a spelling variant of the query
        (:func:`gazetteer.spelling.spelling_distance`): then the query's spelling tells it apart."""
        spellings = [normalize(s) for s in self._index.raw_ar[row].split("|") if s]
        if not spellings:
            return False
        from .spelling import max_edits, spelling_distance

        name, _ = self._split_country(clean_query(text) or text)
        query = normalize(clean_query(name) or name)
        return not any(spelling_distance(query, s, min(max_edits(query), max_edits(s))) is not None for s in spellings)

    def _transliterates(self, text: str, key: str) -> bool:
        """Whether the query reads as the Latin name ``key``
        (:func:`gazetteer.crossscript.reading_score` of :data:`TRANSLITERATION_SCORE` or more)."""
        from .crossscript import arabic_reading, latin_reading, reading_score

        name, _ = self._split_country(clean_query(text) or text)
        return reading_score(arabic_reading(normalize(clean_query(name) or name)), latin_reading(key)) >= TRANSLITERATION_SCORE

    def _ambiguous(self, rows: list[int], penalties: dict[int, float]) -> bool:
        """Whether the best of ranked rows is a populated place (or an admin-1 or admin-2 unit) that another
        one of its kind, AMBIGUOUS_KM away or more and found by the same step (an exact and a normalised
        spelling are one step), has a prior within AMBIGUOUS_MARGIN of."""
        index = self._index
        best = rows[0]
        kind = index.feature_name(best)
        if len(rows) < 2 or kind not in _SHARED_KINDS or best not in penalties:
            return False
        step = _step(penalties[best])
        prior = float(index.prior[best])
        lat, lon = float(index.latitude[best]), float(index.longitude[best])
        for row in rows[1:]:
            if row not in penalties or _step(penalties[row]) != step:
                return False
            if (index.feature_name(row) == kind and prior - float(index.prior[row]) < AMBIGUOUS_MARGIN
                    and _haversine_km(lat, lon, float(index.latitude[row]), float(index.longitude[row]))
                    >= AMBIGUOUS_KM):
                return True
        return False

    def _filtered(self, rows: list[int], country, feature) -> list[int]:
        countries, features = _codes(country), _features(feature)
        if countries is None and features is None:
            return rows
        index = self._index
        return [r for r in rows if (countries is None or index.country_code(r) in countries)
                and (features is None or index.feature_name(r) in features)]

    def _ranked_rows(self, text: str, strict: bool = False) -> list[int]:
        return self._rank(text, strict)[0]

    def _rank(self, text: str, strict: bool = False) -> tuple[list[int], dict[int, float]]:
        """The candidate rows of a query, best first, and their match penalties."""
        text = clean_query(text) or text
        name, country = self._split_country(text)
        penalties = self._matcher.match(clean_query(name) or name, strict)
        if country is not None:
            penalties = {row: p for row, p in penalties.items() if self._within(row, country)}
            if not penalties:  # "قرطاجنة، كولومبيا" is itself a name in GeoNames
                penalties = {row: p for row, p in self._matcher.match(text).items() if p <= NORMALISED}
        index = self._index
        return sorted(penalties, key=lambda row: (-(float(index.prior[row]) - penalties[row]), row)), penalties

    def _within(self, row: int, area: tuple[str, str]) -> bool:
        kind, code = area
        if kind == "country":
            return self._index.country_code(row) == code
        return self._index.admin1[row] == code

    def _split_country(self, text: str) -> tuple[str, tuple[str, str] | None]:
        parts = _COUNTRY_SEPARATOR.split(text, maxsplit=1)
        if len(parts) != 2 or not parts[0].strip() or not parts[1].strip():
            return text, None
        name, tail = parts[0].strip(), parts[1].strip()
        index = self._index
        for row in self._ranked_rows(tail):
            feature = index.feature_name(row)
            if feature == "country":
                return name, ("country", index.country_code(row))
            if feature == "admin1":
                return name, ("admin1", index.admin1[row])
        return text, None

    # -- reverse -----------------------------------------------------------------------------
    def reverse(self, latitude: float, longitude: float, *, max_km: float | None = REVERSE_MAX_KM) -> Place | None:
        """The nearest populated place to a point (great-circle distance), or ``None`` when none lies within
        ``max_km`` (:data:`REVERSE_MAX_KM` by default: the open sea has no nearest town; ``None``: no limit)."""
        lat, lon = _check_coordinates(latitude, longitude)
        if max_km is not None and not (isinstance(max_km, (int, float)) and max_km >= 0):
            raise QueryError(f"Expected max_km as a distance in km (or None), instead got: {max_km!r}.")
        import numpy as np
        import shapely

        index = self._index
        if self._tree is None:
            rows = np.flatnonzero(index.feature == 5)  # populated places ("city")
            points = shapely.points(index.longitude[rows], index.latitude[rows])
            self._tree = (shapely.STRtree(points), rows)
        tree, rows = self._tree
        if len(rows) == 0:
            return None
        nearest = int(tree.query_nearest(shapely.Point(lon, lat))[0])
        best = _haversine_km(lat, lon, index.latitude[rows[nearest]], index.longitude[rows[nearest]])
        # Planar nearest is not always great-circle nearest: search the box that must hold it.
        dlat = best / 111.0 + 1e-6
        dlon = min(180.0, dlat / max(math.cos(math.radians(min(abs(lat) + dlat, 89.9))), 1e-3))
        box = shapely.box(lon - dlon, lat - dlat, lon + dlon, lat + dlat)
        hits = rows[tree.query(box)] if dlon < 180 else rows
        dists = _haversine_km(lat, lon, index.latitude[hits], index.longitude[hits])
        order = np.lexsort((hits, dists))
        if not len(hits):
            hits, dists, order = rows[nearest:nearest + 1], np.array([best]), [0]
        if max_km is not None and float(dists[order[0]]) > max_km:
            return None
        return index.place(int(hits[order[0]]))

    # -- recognition -------------------------------------------------------------------------
    @property
    def recognizer(self):
        """The :class:`~gazetteer.recognize.Recognizer` behind :meth:`find` (made on first use)."""
        if self._recognizer is None:
            from .recognize import Recognizer

            with gc_paused():
                self._recognizer = Recognizer(self, scan=self._scan, compiled=self._compiled)
        return self._recognizer

    def find(self, text: str) -> list[Mention]:
        """Every place-name mention in running Arabic text, in order.

        Offsets are into ``text`` as given: Arabic presentation forms (ﺩﻣﺷﻖ, the ligature ﻻ) are read as the
        letters they stand for (:func:`~gazetteer.normalize.expand_presentation_forms`), and a mention's
        ``text`` is what ``text`` holds between its offsets.
        """
        recognizer = self._recognizer or self.recognizer
        if not isinstance(text, str):
            return recognizer.find(text)  # which says what is wrong with it
        if not recognizer.finder.has_presentation_forms(text):
            return recognizer.find(text)
        expanded, added = expand_presentation_forms(text)
        out = []
        for mention in recognizer.find(expanded):
            start = mention.start - bisect.bisect_right(added, mention.start)
            end = mention.end - bisect.bisect_left(added, mention.end)
            out.append(Mention(start, end, text[start:end], mention.place))
        return out


def _codes(country) -> frozenset[str] | None:
    """The ISO2 codes a ``country=`` filter names (one code or several, any case), or ``None``."""
    if country is None:
        return None
    values = [country] if isinstance(country, str) else list(country)
    if not values or not all(isinstance(v, str) and len(v.strip()) == 2 and v.strip().isalpha() for v in values):
        raise QueryError(f"Expected ISO 3166-1 alpha-2 country codes, instead got: {country!r}.")
    return frozenset(v.strip().upper() for v in values)


def _features(feature) -> frozenset[str] | None:
    """The feature classes a ``feature=`` filter names, or ``None``."""
    if feature is None:
        return None
    values = [feature] if isinstance(feature, str) else list(feature)
    if not values or not all(v in FEATURES for v in values):
        raise QueryError(f"Expected features among {FEATURES}, instead got: {feature!r}.")
    return frozenset(values)


def _check_coordinates(latitude, longitude) -> tuple[float, float]:
    try:
        lat, lon = float(latitude), float(longitude)
    except (TypeError, ValueError):
        raise QueryError(f"Expected numeric (lat, lon), instead got: {(latitude, longitude)!r}.") from None
    if not (math.isfinite(lat) and math.isfinite(lon) and -90 <= lat <= 90 and -180 <= lon <= 180):
        raise QueryError(f"Expected a latitude in [-90, 90] and a longitude in [-180, 180], "
                         f"instead got: {(latitude, longitude)!r}.")
    return lat, lon


def _step(penalty: float) -> int:
    """Which match step a penalty is of (exact and normalised spellings are one: 0; variants 1 …)."""
    return int(penalty // VARIANT)


def _haversine_km(lat1, lon1, lat2, lon2):
    import numpy as np

    p1, p2 = np.radians(lat1), np.radians(lat2)
    dphi, dlmb = p2 - p1, np.radians(lon2) - np.radians(lon1)
    a = np.sin(dphi / 2) ** 2 + np.cos(p1) * np.cos(p2) * np.sin(dlmb / 2) ** 2
    return 6371.0088 * 2 * np.arcsin(np.sqrt(np.clip(a, 0.0, 1.0)))
