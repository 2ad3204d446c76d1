"""Statements as a GeoDataFrame: one row per (statement, place), the columns of :data:`~geonews.schema.FRAME_COLUMNS`.

:func:`to_frame` flattens :class:`~geonews.model.Statement` objects into the frame every tabular writer
and the map read; :func:`from_frame` turns such a frame (or one read back from a file) into the contract's
statement dicts, so a round trip can be checked against :meth:`Statement.to_dict`.
"""

from __future__ import annotations

import hashlib
import json
import math
from collections.abc import Iterable, Mapping, Sequence

import geopandas as gpd
import numpy as np
import pandas as pd

from geonews.model import Statement
from geonews.schema import FRAME_COLUMNS, PLACE_KEYS, STATEMENT_KEYS

__all__ = ["CRS", "FLOAT_COLUMNS", "INT_COLUMNS", "STR_COLUMNS", "StatementNumbers", "from_columns", "from_frame", "plain",
           "to_frame", "with_string_columns"]

#: The frame's coordinate reference system (WGS84 longitude/latitude).
CRS = "EPSG:4326"
#: Columns held as pandas nullable ``Int64``.
INT_COLUMNS = frozenset({"statement", "start", "end", "place_start", "place_end", "geo_precision"})
#: Columns held as ``float64``.
FLOAT_COLUMNS = frozenset({"latitude", "longitude"})
#: The rest, but ``geometry``: Python ``str`` or ``None`` in ``object`` columns.
STR_COLUMNS = tuple(c for c in FRAME_COLUMNS if c not in INT_COLUMNS | FLOAT_COLUMNS | {"geometry"})

_PLACE_FIELDS = ("id", "name", "name_ar", "latitude", "longitude", "country_code", "feature")
#: Frame column holding each contract place key.
_PLACE_COLUMN = {"text": "place_text", "start": "place_start", "end": "place_end",
                 **{k: k for k in _PLACE_FIELDS}, "relation": "relation", "geo_precision": "geo_precision",
                 "role": "role"}
#: The statement keys held in frame columns of the same name (places and quantities are built apart).
_STATEMENT_COLUMNS = tuple(k for k in STATEMENT_KEYS if k not in ("places", "quantities"))


def to_frame(statements: Iterable[Statement]) -> gpd.GeoDataFrame:
    """Flatten statements into a frame with one row per (statement, place).

    Parameters
    ----------
    statements : iterable of Statement
        In output order. ``statement`` numbers them from 0 within each article, in this order.

    Returns
    -------
    geopandas.GeoDataFrame
        Exactly the columns of :data:`~geonews.schema.FRAME_COLUMNS`, in that order, in EPSG:4326. A
        statement without places gives one row whose place columns and geometry are empty (``None``);
        an unresolved place gives a row with its mention, ``relation``, ``geo_precision`` and
        ``unresolved`` reason, and empty place fields and geometry. ``quantities`` is a JSON string.
    """
    rows: dict[str, list] = {c: [] for c in FRAME_COLUMNS}
    seen: dict[str, int] = {}
    for st in statements:
        index = seen.get(st.article, 0)
        seen[st.article] = index + 1
        common = {
            "article": st.article, "title": st.title, "date": st.date, "source": st.source, "url": st.url,
            "statement": index, "text": st.text, "start": st.start, "end": st.end, "part": st.part,
            "speaker": st.speaker,
            "claim_type": st.claim_type, "modality": st.modality, "actor": st.actor, "actor_side": st.actor_side,
            "target": st.target,
            "quantities": json.dumps([q.to_dict() for q in st.quantities], ensure_ascii=False),
        }
        for ref in st.places or (None,):
            p = ref.place if ref is not None else None
            row = {
                **common,
                "place_text": ref.text if ref else None,
                "place_start": ref.start if ref else None,
                "place_end": ref.end if ref else None,
                **{k: (getattr(p, k) if p is not None else None) for k in _PLACE_FIELDS},
                "relation": ref.relation if ref else None,
                "geo_precision": ref.geo_precision if ref else None,
                "role": ref.role if ref else None,
                "unresolved": ref.unresolved if ref else None,
                "geometry": ref.geometry if ref else None,
            }
            for column in FRAME_COLUMNS:
                rows[column].append(row[column])
    return _build(rows)


def from_columns(columns: Mapping[str, Sequence], geometry: Sequence) -> gpd.GeoDataFrame:
    """A statements frame (the columns, order and types :func:`to_frame` gives) from columns of cells read
    back from somewhere else (a claims store): each cell made plain (:func:`plain`) and of its column's
    type; a column not given is empty.

    Parameters
    ----------
    columns : mapping of str to sequence
        Cells by frame column; other keys are ignored.
    geometry : sequence of shapely geometries or None
        One per row, in EPSG:4326.
    """
    rows = {c: [_value(c, v) for v in columns[c]] if c in columns else [None] * len(geometry)
            for c in FRAME_COLUMNS if c != "geometry"}
    rows["geometry"] = list(geometry)
    return _build(rows)


def with_string_columns(frame: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """The frame with its text columns as pandas ``string``: Arrow then types them as strings even in a
    frame where they are all empty, so frames written apart to Parquet share one schema."""
    return frame.astype({c: "string" for c in STR_COLUMNS if c in frame.columns})


class StatementNumbers:
    """Statement numbers across frames made apart (one per chunk of articles, as ``geonews extract``
    streams them): an article met in an earlier frame (the same id read twice) goes on from its last
    number, so the frames together number statements as one :func:`to_frame` of them all would, and
    :func:`from_frame` keeps the statements apart.

    Every article id seen is remembered: the recent ones in a dict, the others as a sorted array of
    64-bit digests with their next numbers (16 bytes an article: 4 MB for the ~250,000 articles of 1 GB).
    """

    #: Ids held in the dict before they are folded into the arrays.
    RECENT = 20_000

    def __init__(self) -> None:
        self._recent: dict[str, int] = {}  # article id -> its next statement number
        self._digests = np.empty(0, dtype=np.uint64)  # sorted digests of the older ids
        self._numbers = np.empty(0, dtype=np.int64)  # their next statement numbers

    def __call__(self, frame: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
        """The frame with its ``statement`` numbers continued; remember where each article stops."""
        if frame.empty:
            return frame
        earlier = frame["article"].map(self._earlier(frame["article"].unique()))
        if earlier.notna().any():
            frame = frame.assign(statement=frame["statement"] + pd.array(earlier.fillna(0), dtype="Int64"))
        self._recent.update((frame.groupby("article", sort=False)["statement"].max() + 1).astype(int).to_dict())
        if len(self._recent) >= self.RECENT:
            self._fold()
        return frame

    def _earlier(self, ids) -> dict[str, int]:
        """Id -> its next number, for the ids among ``ids`` seen before."""
        out = {}
        if len(self._digests):
            digests = _digests(ids)
            at = np.minimum(np.searchsorted(self._digests, digests), len(self._digests) - 1)
            found = self._digests[at] == digests
            out = dict(zip(np.asarray(ids)[found].tolist(), self._numbers[at[found]].tolist()))
        out.update((i, self._recent[i]) for i in ids if i in self._recent)  # the recent numbers are newer
        return out

    def _fold(self) -> None:
        digests = np.concatenate([self._digests, _digests(list(self._recent))])
        numbers = np.concatenate([self._numbers, np.fromiter(self._recent.values(), np.int64, len(self._recent))])
        order = np.argsort(digests, kind="stable")  # a recent number comes after the older one of its id
        digests, numbers = digests[order], numbers[order]
        last = np.append(digests[1:] != digests[:-1], True)  # the last of each id's run: the newest
        self._digests, self._numbers = digests[last], numbers[last]
        self._recent.clear()


def _digests(ids) -> np.ndarray:
    """Stable 64-bit digests of article ids (BLAKE2b)."""
    return np.fromiter((int.from_bytes(hashlib.blake2b(str(i).encode(), digest_size=8).digest(), "little")
                        for i in ids), dtype=np.uint64, count=len(ids))


def _build(rows: dict[str, list]) -> gpd.GeoDataFrame:
    columns = {}
    for column in FRAME_COLUMNS:
        values = rows[column]
        if column in INT_COLUMNS:
            columns[column] = pd.array(values, dtype="Int64")
        elif column in FLOAT_COLUMNS:
            columns[column] = pd.array([math.nan if v is None else float(v) for v in values], dtype="float64")
        elif column != "geometry":
            columns[column] = pd.Series(values, dtype=object)
    geometry = gpd.GeoSeries(rows["geometry"], crs=CRS)
    frame = gpd.GeoDataFrame(columns, geometry=geometry, crs=CRS)
    return frame[list(FRAME_COLUMNS)]


def from_frame(frame: pd.DataFrame) -> list[dict]:
    """Rebuild the contract's statement dicts from a frame.

    Parameters
    ----------
    frame : pandas.DataFrame or geopandas.GeoDataFrame
        A frame from :func:`to_frame`, or one read back from a GeoJSON, GeoPackage, GeoParquet or CSV
        file (missing values as ``None``, ``NaN`` or ``pd.NA``; integers possibly as floats). Only the
        statement and place columns are read; ``geometry`` is not.

    Returns
    -------
    list of dict
        One dict per (``article``, ``statement``) in order of first appearance, with the keys of
        :data:`~geonews.schema.STATEMENT_KEYS` as :meth:`Statement.to_dict` gives them: ``places``
        rebuilt from the rows whose ``place_text`` is set (with ``unresolved`` when given) and
        ``quantities`` parsed from JSON.
    """
    required = ("article", "text", "start", "end", "speaker", "claim_type", "actor", "target")  # in every version
    missing = [c for c in (*required, "statement", "quantities", "place_text") if c not in frame.columns]
    if missing:
        raise ValueError(f"Expected a statements frame, instead got one without columns: {missing!r}.")
    groups: dict[tuple, dict] = {}
    for row in frame.to_dict("records"):
        key = (_value("article", row.get("article")), _value("statement", row.get("statement")))
        statement = groups.get(key)
        if statement is None:
            statement = {k: _value(k, row.get(k)) for k in _STATEMENT_COLUMNS}
            if statement["modality"] is None:  # a frame written before modalities were decided
                statement["modality"] = "asserted"
            if statement["part"] is None:  # a frame written before headlines were read
                statement["part"] = "text"
            quantities = _value("quantities", row.get("quantities"))
            statement["places"] = []
            statement["quantities"] = json.loads(quantities) if quantities else []
            statement = {k: statement[k] for k in STATEMENT_KEYS}  # the contract's order
            groups[key] = statement
        if _value("place_text", row.get("place_text")) is not None:
            place = {k: _value(_PLACE_COLUMN[k], row.get(_PLACE_COLUMN[k])) for k in PLACE_KEYS}
            if place["role"] is None:  # a frame written before roles were decided
                place["role"] = "event"
            if unresolved := _value("unresolved", row.get("unresolved")):
                place["unresolved"] = unresolved
            statement["places"].append(place)
    return list(groups.values())


def plain(value):
    """A frame cell as plain Python: ``None`` when missing (``None``, NaN, ``pd.NA``, ``NaT``), numpy
    scalars unwrapped, anything else as it is. The one missing-value rule of frames, stores and maps."""
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, float) and math.isnan(value):
        return None
    return value


def _value(column: str, value):
    """A cell as plain Python: ``None`` when missing, ``int`` / ``float`` / ``str`` by column."""
    value = plain(value)
    if value is None:
        return None
    if column in INT_COLUMNS:
        return int(value)
    if column in FLOAT_COLUMNS:
        return float(value)
    if isinstance(value, pd.Timestamp):  # a date a reader parsed (GeoJSON through GDAL): the text it was
        has_time = value.tz is not None or value != value.normalize()
        return value.isoformat() if has_time else value.date().isoformat()
    return str(value)
