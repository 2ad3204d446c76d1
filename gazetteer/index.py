"""The compiled index at run time: loading it fast and turning rows into :class:`Place` objects.

The index is built by ``python -m gazetteer.build`` into ``gazetteer/data/index.pkl`` (core: every
column and the Arabic name keys) and ``index_latin.pkl`` (Latin name keys, loaded on first use).
"""

from __future__ import annotations

import contextlib
import functools
import gc
import pickle
from importlib import resources

import numpy as np

from .errors import IndexMissingError
from .place import FEATURES, Place

__all__ = ["Index", "load_index"]

FORMAT = 1


class StringColumn:
    """A column of strings packed as one string plus offsets."""

    __slots__ = ("_text", "_offsets")

    def __init__(self, packed: tuple[str, np.ndarray]) -> None:
        # the offsets stay an array: rows are read one at a time, and a list of a million Python
        # integers for four columns would cost 30 ms at every start and 34 MB
        self._text, self._offsets = packed

    def __getitem__(self, row: int) -> str:
        return self._text[self._offsets[row]:self._offsets[row + 1]]

    def __len__(self) -> int:
        return len(self._offsets) - 1


def _rows(value) -> tuple[int, ...]:
    if value is None:
        return ()
    return (value,) if isinstance(value, int) else value


class Index:
    """Read-only access to the compiled gazetteer."""

    def __init__(self, core: dict, latin_path=None) -> None:
        if core.get("format") != FORMAT:
            raise IndexMissingError(f"index format {core.get('format')!r} is not {FORMAT}; rebuild it")
        self.size: int = core["size"]
        self._geonames_id = core["geonames_id"]
        self._other_ids: dict[int, str] = core["other_ids"]
        self.names = StringColumn(core["names"])
        self.names_ar = StringColumn(core["names_ar"])
        self.raw_ar = StringColumn(core["raw_ar"])
        self.admin1 = StringColumn(core["admin1"])
        self._cc_text = core["country_codes"][0]
        self.latitude: np.ndarray = core["latitude"]
        self.longitude: np.ndarray = core["longitude"]
        self.feature: np.ndarray = core["feature"]
        self.population: np.ndarray = core["population"]
        self.capital: np.ndarray = core["capital"]
        self.radius_km: np.ndarray = core["radius_km"]
        self.prior: np.ndarray = core["prior"]
        self.ar: dict = core["ar"]
        self._latin_path = latin_path
        self._latin: dict | None = None
        self._latin_skeletons: dict | None = None
        self._places: dict[int, Place] = {}

    # -- names -------------------------------------------------------------------------------
    def rows_ar(self, key: str) -> tuple[int, ...]:
        """Rows whose normalised Arabic name is ``key``."""
        return _rows(self.ar.get(key))

    @property
    def latin(self) -> dict:
        """Latin key -> rows; loaded on first use."""
        if self._latin is None:
            with self._latin_path.open("rb") as fh, gc_paused():
                payload = pickle.load(fh)
            self._latin = payload["latin"]
            self._latin_skeletons = payload.get("skeletons")
        return self._latin

    @property
    def latin_skeletons(self) -> dict | None:
        """Consonant skeleton -> the Latin keys that have it (:func:`gazetteer.crossscript.latin_skeleton`,
        keys with enough vowels and consonants only), as built with the index; ``None`` for an index built
        without it."""
        self.latin  # noqa: B018 - loads both
        return self._latin_skeletons

    def rows_latin(self, key: str) -> tuple[int, ...]:
        """Rows whose folded Latin name is ``key``."""
        return _rows(self.latin.get(key))

    @functools.cached_property
    def ar_nospace(self) -> dict[str, tuple[int, ...]]:
        """Arabic keys with their spaces removed (ديرالزور -> دير الزور)."""
        table: dict[str, list[int]] = {}
        for key, value in self.ar.items():
            table.setdefault(key.replace(" ", ""), []).extend(_rows(value))
        return {k: tuple(sorted(set(v))) for k, v in table.items()}

    @functools.cached_property
    def ar_keys(self) -> list[str]:
        """Every Arabic key, for fuzzy matching."""
        return list(self.ar)

    @functools.cached_property
    def latin_keys(self) -> list[str]:
        """Every Latin key, for fuzzy matching (loads the Latin index)."""
        return list(self.latin)

    # -- rows --------------------------------------------------------------------------------
    def country_code(self, row: int) -> str | None:
        """ISO2 code of a row, or ``None`` above country level."""
        code = self._cc_text[2 * row:2 * row + 2].strip()
        return code or None

    def feature_name(self, row: int) -> str:
        """Feature class of a row."""
        return FEATURES[self.feature[row]]

    def place_id(self, row: int) -> str:
        """The stable id of a row (``geonames:…``, ``admin1:…``, ``m49:…``, ``curated:…``)."""
        gid = int(self._geonames_id[row])
        return f"geonames:{gid}" if gid >= 0 else self._other_ids[row]

    @property
    def places_made(self) -> dict[int, Place]:
        """The :class:`Place` objects made so far, by row (what :meth:`place` has cached)."""
        return self._places

    def place(self, row: int) -> Place:
        """The :class:`Place` of a row (cached)."""
        place = self._places.get(row)
        if place is None:
            pop = int(self.population[row])
            place = Place(
                id=self.place_id(row),
                name=self.names[row],
                name_ar=self.names_ar[row],
                latitude=float(self.latitude[row]),
                longitude=float(self.longitude[row]),
                country_code=self.country_code(row),
                feature=self.feature_name(row),
                population=pop if pop >= 0 else None,
            )
            self._places[row] = place
        return place

    @functools.cached_property
    def capital_ids(self) -> frozenset[str]:
        """Ids of the world's capitals."""
        return frozenset(self.place_id(int(r)) for r in np.flatnonzero(self.capital))

    @functools.cached_property
    def row_of_id(self) -> dict[str, int]:
        """Place id -> row."""
        return {self.place_id(row): row for row in range(self.size)}


@contextlib.contextmanager
def gc_paused():
    """Pause the cyclic garbage collector while a block builds many long-lived objects (an index, its
    derived tables): collections during such a block only rescan what is being built."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


@functools.lru_cache(maxsize=None)
def load_index() -> Index:
    """Load the bundled index once per process."""
    data = resources.files("gazetteer.data")
    core_path = data.joinpath("index.pkl")
    if not core_path.is_file():
        raise IndexMissingError("the gazetteer index is missing: run `python -m gazetteer.build`")
    with core_path.open("rb") as fh, gc_paused():
        core = pickle.load(fh)
        return Index(core, data.joinpath("index_latin.pkl"))
