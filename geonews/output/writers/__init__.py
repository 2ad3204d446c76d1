"""Writing statements to files: one writer per format, registered by name and suffix, never half a file.

As geopy keeps one geocoder per module and maps service names to them (``SERVICE_TO_GEOCODER``),
each output format is one module here and :data:`WRITERS` maps format names to their writers:

=========  ===========  ===========================================================================
format     suffix       writer
=========  ===========  ===========================================================================
jsonl      ``.jsonl``   :class:`~.jsonl.JsonlWriter`: statements, streamed article by article
geojson    ``.geojson`` :class:`~.geojson.GeoJsonWriter`: one FeatureCollection
gpkg       ``.gpkg``    :class:`~.gpkg.GeoPackageWriter`: layer ``statements``
parquet    ``.parquet`` :class:`~.parquet.GeoParquetWriter`: GeoParquet, its "geo" metadata
csv        ``.csv``     :class:`~.csv.CsvWriter`: UTF-8 with a BOM, formula cells guarded
=========  ===========  ===========================================================================

The table writers (all but JSON Lines) take frames (:func:`~geonews.output.frame.to_frame`) one at a
time; ``TableWriter(path)`` gives the one the suffix names. Every file is written to a temporary file in
the target's folder and renamed over the target at the end (:func:`atomic_output`): an error or an
interrupt leaves the old file, or none, untouched. A target that cannot be written is a
:class:`~geonews.errors.UsageError` with a one-line message.
"""

from __future__ import annotations

import os
from pathlib import Path

from geonews.errors import UsageError

# pandas and geopandas are imported when a table is written, so streaming JSON Lines starts fast
from .base import BATCH_ROWS, TableWriter, atomic_output, check_writable
from .csv import CsvWriter, guard_csv_cell
from .geojson import GeoJsonWriter
from .gpkg import GPKG_LAYER, GeoPackageWriter
from .jsonl import JsonlWriter
from .parquet import GeoParquetWriter

__all__ = ["BATCH_ROWS", "FORMATS", "GPKG_LAYER", "WRITERS", "CsvWriter", "GeoJsonWriter", "GeoPackageWriter",
           "GeoParquetWriter", "JsonlWriter", "TableWriter", "atomic_output", "check_output", "check_writable",
           "guard_csv_cell", "output_format", "table_writer_class", "write"]

#: Writer class by format name, in the order the formats are listed to users.
WRITERS: dict[str, type] = {w.format: w for w in (JsonlWriter, GeoJsonWriter, GeoPackageWriter, GeoParquetWriter,
                                                  CsvWriter)}
#: Output formats by file suffix.
FORMATS: dict[str, str] = {w.suffix: name for name, w in WRITERS.items()}


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


def table_writer_class(path: str | os.PathLike, fmt: str | None = None) -> type[TableWriter]:
    """The :class:`TableWriter` subclass for ``path`` (its suffix, or ``fmt``).

    Raises
    ------
    UsageError
        An unknown format, or JSON Lines (which is written statement by statement: :class:`JsonlWriter`).
    """
    writer = WRITERS[output_format(path, fmt)]
    if not issubclass(writer, TableWriter):
        raise UsageError(f"cannot write {Path(path).as_posix()} as a table: use JsonlWriter for JSON Lines")
    return writer


def check_output(path: str | os.PathLike, fmt: str | None = None, *, force: bool = True) -> str:
    """Check, before any work is done, that ``path`` can be written; return its format.

    The folder must exist and accept a new file (a temporary file is created and removed at once); with
    ``force=False`` an existing read-only file is refused.

    Raises
    ------
    UsageError
        Unknown suffix, missing folder, a folder as target, a folder that cannot be written, or
        (``force=False``) a read-only file.
    """
    kind = output_format(path, fmt)
    check_writable(path, force=force)
    return kind


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

    from geonews.output.frame import from_frame, to_frame

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
