"""Writing statements to files: JSON Lines, GeoJSON, GeoPackage, GeoParquet and CSV, never half a file.

Every file is written to a temporary file in the target's folder and renamed over the target at the end
(:func:`atomic_output`): an error or an interrupt leaves the old file, or none, untouched. A target that
cannot be written is a :class:`~geonews.errors.UsageError` with a one-line message.
"""

from __future__ import annotations

import contextlib
import json
import os
import sys
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import IO

from geonews.errors import UsageError
from geonews.files import check_target, creating, replacing
from geonews.model import Statement

# pandas and geopandas are imported when a table is written, so streaming JSON Lines starts fast

__all__ = ["FORMATS", "JsonlWriter", "TableWriter", "atomic_output", "check_output", "check_writable", "guard_csv_cell",
           "output_format", "write"]

#: Output formats by file suffix.
FORMATS = {".jsonl": "jsonl", ".geojson": "geojson", ".gpkg": "gpkg", ".parquet": "parquet", ".csv": "csv"}
#: The GeoPackage layer the statements are written to.
GPKG_LAYER = "statements"
#: First characters that make a spreadsheet program read a cell as a formula (OWASP "CSV injection").
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def output_format(path: str | os.PathLike, fmt: str | None = None) -> str:
    """The format to write ``path`` in: ``fmt`` (``"csv"`` or ``".csv"``) when given, else by suffix.

    Raises
    ------
    UsageError
        For a suffix (or ``fmt``) that is not one of :data:`FORMATS`.
    """
    suffix = ("." + fmt.lstrip(".") if fmt else Path(path).suffix).lower()
    if suffix not in FORMATS:
        what = f"format {fmt!r}" if fmt else (f"suffix {suffix!r}" if suffix else "no suffix")
        raise UsageError(f"cannot write {os.fspath(path)}: {what} is not supported (use {' '.join(FORMATS)})")
    return FORMATS[suffix]


def check_output(path: str | os.PathLike, fmt: str | None = None) -> str:
    """Check, before any work is done, that ``path`` can be written; return its format.

    The folder must exist and accept a new file (a temporary file is created and removed at once).

    Raises
    ------
    UsageError
        Unknown suffix, missing folder, a folder as target, or a folder that cannot be written.
    """
    kind = output_format(path, fmt)
    check_writable(path)
    return kind


def check_writable(path: str | os.PathLike) -> None:
    """Check that a file can be created at ``path``, whatever its suffix (see :func:`check_output`)."""
    path = Path(path)
    check_target(path)
    with creating(path):
        tempfile.NamedTemporaryFile(dir=path.parent, prefix=".geonews-check-").close()


def atomic_output(path: str | os.PathLike):
    """A temporary path next to ``path``, renamed to ``path`` when the block succeeds (:func:`geonews.files.replacing`)."""
    return replacing(path)


def guard_csv_cell(value):
    """Prefix ``'`` to a string a spreadsheet would run as a formula; other values unchanged."""
    if isinstance(value, str) and value.startswith(_FORMULA_STARTS):
        return "'" + value
    return value


def write(statements_or_frame, path: str | os.PathLike, fmt: str | None = None) -> int:
    """Write statements to ``path`` in the format its suffix (or ``fmt``) names, atomically.

    Parameters
    ----------
    statements_or_frame : iterable of Statement, or a frame from :func:`~geonews.output.frame.to_frame`
        What to write.
    path : path
        The target; its folder must exist.
    fmt : str, optional
        ``"jsonl"``, ``"geojson"``, ``"gpkg"``, ``"parquet"`` or ``"csv"``, overriding the suffix.

    Returns
    -------
    int
        Rows written: statements for JSON Lines, (statement, place) rows for the others.

    Notes
    -----
    ``.jsonl``: one contract statement per line (UTF-8, ``ensure_ascii=False``). ``.geojson``: an RFC 7946
    FeatureCollection, unresolved rows with a ``null`` geometry. ``.gpkg``: layer ``"statements"``
    (geometry type "Geometry": points and areas). ``.parquet``: GeoParquet. ``.csv``: UTF-8 with a
    byte-order mark (so spreadsheet programs read the Arabic), no geometry column but
    ``latitude``/``longitude`` and ``geometry_wkt``; text cells that start with ``= + - @``, a tab or a
    carriage return are prefixed with ``'``. Read a CSV back with ``pandas.read_csv(path, dtype=str)`` so
    ids such as ``"007"`` stay text (:func:`~geonews.output.frame.from_frame` turns the numeric columns back into
    numbers). GDAL reads ISO dates in GeoJSON as datetimes; pass ``datetime_as_string=True`` to
    ``geopandas.read_file`` to keep them as written. To write more statements than fit in memory, give
    them frame by frame to a :class:`TableWriter`.

    Raises
    ------
    UsageError
        Unknown format, or a target that cannot be written.
    """
    import pandas as pd

    from .frame import from_frame, to_frame

    kind = output_format(path, fmt)
    if kind == "jsonl":
        with JsonlWriter(path) as out:
            if isinstance(statements_or_frame, pd.DataFrame):
                out.write(from_frame(statements_or_frame))
            else:
                out.write(statements_or_frame)
        return out.count
    frame = statements_or_frame if isinstance(statements_or_frame, pd.DataFrame) else to_frame(statements_or_frame)
    with TableWriter(path, kind) as out:
        out.write(frame)
    return out.rows


class TableWriter:
    """Write statements frame by frame (:func:`~geonews.output.frame.to_frame`) to one GeoJSON, GeoPackage,
    GeoParquet or CSV file, atomically: memory holds one frame at a time, whatever the output's size.

    The file is the one :func:`write` makes of all the frames at once. It is written to a temporary file
    that replaces ``path`` when the ``with`` block ends without an error (an error or an interrupt leaves
    the old file, or none).

    Examples
    --------
    >>> with TableWriter("claims.gpkg") as out:        # doctest: +SKIP
    ...     for chunk in chunks_of_articles:
    ...         out.write(to_frame(s for a in chunk for s in extract_statements(a, gz)))
    """

    def __init__(self, path: str | os.PathLike, fmt: str | None = None) -> None:
        self.path = Path(path)
        self.kind = output_format(path, fmt)
        if self.kind == "jsonl":
            raise UsageError(f"cannot write {self.path.as_posix()} as a table: use JsonlWriter for JSON Lines")
        #: Rows written so far.
        self.rows = 0
        self._tmp: Path | None = None
        self._stack = contextlib.ExitStack()
        self._started = False
        self._file: IO | None = None  # CSV, GeoJSON
        self._arrow: list | None = None  # GeoParquet: [pyarrow ParquetWriter, its schema, the "geo" metadata so far]
        self._pending: list = []  # GeoPackage, GeoParquet: frames held until they make a batch
        self._features = False  # GeoJSON: a feature is written (the next ones follow a comma)

    def __enter__(self) -> TableWriter:
        with contextlib.ExitStack() as stack:
            self._tmp = stack.enter_context(atomic_output(self.path))
            self._stack = stack.pop_all()
        return self

    def write(self, frame) -> int:
        """Append a frame's rows; return how many."""
        if self._tmp is None:
            raise RuntimeError("TableWriter.write() called outside its with block")
        if self.kind in _BATCHED:  # each write there has a fixed cost (a GeoPackage append, a row group)
            self._pending.append(frame)
            if sum(map(len, self._pending)) >= BATCH_ROWS:
                self._flush()
        else:
            self._append(frame)
        self.rows += len(frame)
        return len(frame)

    def _flush(self) -> None:
        if self._pending:
            import pandas as pd

            frames, self._pending = [f for f in self._pending if len(f)] or self._pending[:1], []
            self._append(frames[0] if len(frames) == 1 else pd.concat(frames, ignore_index=True))

    def _append(self, frame) -> None:
        getattr(self, f"_{self.kind}")(frame)
        self._started = True

    def __exit__(self, exc_type, exc, tb) -> bool:
        try:
            if exc_type is None:
                self._flush()
                if not self._started:  # no frame given: the file still holds the (empty) table
                    from .frame import to_frame

                    self._append(to_frame([]))
                self._finish()
            else:
                self._close()
        except BaseException:
            self._close()
            self._tmp = None
            self._stack.__exit__(*sys.exc_info())
            raise
        self._tmp = None
        return bool(self._stack.__exit__(exc_type, exc, tb))

    # -- formats ---------------------------------------------------------------------------------
    def _csv(self, frame) -> None:
        import pandas as pd

        from .frame import STR_COLUMNS

        if self._file is None:
            self._file = open(self._tmp, "w", encoding="utf-8-sig", newline="")  # the BOM, once
        table = pd.DataFrame(frame.drop(columns=frame.geometry.name))
        table["geometry_wkt"] = frame.geometry.to_wkt(rounding_precision=-1)  # full precision
        for column in table.columns:
            if column in STR_COLUMNS or column == "geometry_wkt" or table[column].dtype == object:
                table[column] = table[column].map(guard_csv_cell, na_action="ignore")
        table.to_csv(self._file, index=False, header=not self._started)

    def _geojson(self, frame) -> None:
        from .frame import CRS

        if self._file is None:
            self._file = open(self._tmp, "w", encoding="utf-8", newline="\n")
            self._file.write(_GEOJSON_HEAD)
        frame = frame.to_crs(CRS) if frame.crs is not None else frame.set_crs(CRS)
        text = frame.to_json(na="null", drop_id=True, ensure_ascii=False)
        if not (text.startswith(_GEOJSON_HEAD) and text.endswith(_GEOJSON_TAIL)):  # pragma: no cover - geopandas
            raise RuntimeError("unexpected GeoJSON from geopandas: cannot append its features")
        features = text[len(_GEOJSON_HEAD):len(text) - len(_GEOJSON_TAIL)]
        if features:
            self._file.write((", " if self._features else "") + features)
            self._features = True

    def _gpkg(self, frame) -> None:
        import pyogrio

        # "Unknown" (Geometry): the frames hold points and areas, and the first frame cannot say which
        pyogrio.write_dataframe(frame, self._tmp, layer=GPKG_LAYER, driver="GPKG", append=self._started,
                                geometry_type="Unknown", promote_to_multi=False)

    def _parquet(self, frame) -> None:
        import io

        import pyarrow.parquet as pq

        from .frame import with_string_columns

        # geopandas makes each frame's GeoParquet table (WKB geometry, its "geo" metadata), every frame
        # with the first one's schema
        frame = with_string_columns(frame)
        buffer = io.BytesIO()
        frame.to_parquet(buffer, index=False)
        table = pq.read_table(io.BytesIO(buffer.getvalue()))
        geo = json.loads(table.schema.metadata[b"geo"])
        if self._arrow is None:
            # until the end the schema claims no geometry types and no extent (both optional); the
            # file's own "geo" metadata gets those of every frame when it is closed
            schema = table.schema.with_metadata({**table.schema.metadata,
                                                 b"geo": json.dumps(_geo_of([geo], final=False)).encode()})
            self._arrow = [pq.ParquetWriter(self._tmp, schema), schema, [geo]]
        else:
            self._arrow[2] = [_geo_of(self._arrow[2] + [geo])]
        writer, schema, _ = self._arrow
        writer.write_table(table.cast(schema))

    def _finish(self) -> None:
        if self.kind == "geojson":
            self._file.write(_GEOJSON_TAIL)
        if self.kind == "parquet":
            writer, _, geos = self._arrow
            writer.add_key_value_metadata({"geo": json.dumps(_geo_of(geos))})  # the types and extent of every frame
        self._close()

    def _close(self) -> None:
        if self._file is not None:
            self._file.close()
            self._file = None
        if self._arrow is not None:
            self._arrow[0].close()
            self._arrow = None


_GEOJSON_HEAD, _GEOJSON_TAIL = '{"type": "FeatureCollection", "features": [', "]}"
#: Formats written in batches of at least BATCH_ROWS rows (fewer GeoPackage appends, larger row groups);
#: the rows held stay bounded, so memory stays flat.
_BATCHED = frozenset({"gpkg", "parquet"})
BATCH_ROWS = 10_000


def _geo_of(geos: list[dict], final: bool = True) -> dict:
    """GeoParquet "geo" metadata for the frames whose own metadata (as geopandas wrote it) are ``geos``:
    the first one's, with the geometry types and the extent of them all (``final=False``: neither)."""
    import copy
    import math

    out = copy.deepcopy(geos[0])
    for name, column in out["columns"].items():
        types = sorted({t for geo in geos for t in geo["columns"][name].get("geometry_types", [])})
        boxes = [geo["columns"][name].get("bbox") for geo in geos]
        boxes = [b for b in boxes if b and all(isinstance(v, (int, float)) and math.isfinite(v) for v in b)]
        column["geometry_types"] = types if final else []
        column.pop("bbox", None)
        if final and boxes:
            column["bbox"] = [min(b[0] for b in boxes), min(b[1] for b in boxes), max(b[2] for b in boxes),
                              max(b[3] for b in boxes)]
    return out


class JsonlWriter:
    """Stream statements as JSON Lines to standard output or, atomically, to a file.

    Parameters
    ----------
    path : path, ``"-"`` or None
        The target file, or standard output for ``None`` / ``"-"``. A file is written to a temporary
        file that replaces ``path`` only when the ``with`` block ends without an error.
    stream : text stream, optional
        Where standard output goes (default ``sys.stdout`` at the time of entering).

    Examples
    --------
    >>> with JsonlWriter("out.jsonl") as out:          # doctest: +SKIP
    ...     for article in articles:
    ...         out.write(extract_statements(article, gz))   # one article, then flushed
    """

    def __init__(self, path: str | os.PathLike | None = None, *, stream: IO[str] | None = None) -> None:
        self.path = None if path is None or os.fspath(path) == "-" else Path(path)
        self._stream = stream
        self._file: IO[str] | None = None
        self._stack = contextlib.ExitStack()
        #: Statements written so far.
        self.count = 0

    def __enter__(self) -> JsonlWriter:
        if self.path is None:
            self._file = self._stream or sys.stdout
            return self
        with contextlib.ExitStack() as stack:  # closes the file, then renames it (or removes it on error)
            tmp = stack.enter_context(atomic_output(self.path))
            self._file = stack.enter_context(open(tmp, "w", encoding="utf-8", newline="\n"))
            self._stack = stack.pop_all()
        return self

    def write(self, statements: Iterable[Statement | dict]) -> int:
        """Write statements (:class:`Statement` or contract dicts), then flush; return how many."""
        if self._file is None:
            raise RuntimeError("JsonlWriter.write() called outside its with block")
        n = 0
        for statement in statements:
            record = statement.to_dict() if isinstance(statement, Statement) else statement
            self._file.write(json.dumps(record, ensure_ascii=False) + "\n")
            n += 1
        self._file.flush()
        self.count += n
        return n

    def write_text(self, lines: str) -> int:
        """Write statements already serialised as JSON Lines (each line ending in ``\\n``), then flush.

        For text made by the same serialisation as :meth:`write` (``json.dumps(..., ensure_ascii=False)``),
        e.g. on a Dask worker; returns the number of lines."""
        if self._file is None:
            raise RuntimeError("JsonlWriter.write_text() called outside its with block")
        n = lines.count("\n")
        if lines:
            self._file.write(lines)
            self._file.flush()
        self.count += n
        return n

    def __exit__(self, exc_type, exc, tb) -> bool:
        self._file = None
        return bool(self._stack.__exit__(exc_type, exc, tb))
