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
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO

from .errors import UsageError
from .model import Statement

# pandas and geopandas are imported when a table is written, so streaming JSON Lines starts fast

__all__ = ["FORMATS", "JsonlWriter", "atomic_output", "check_output", "check_writable", "guard_csv_cell",
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
    _check_target(path)
    with _creating(path):
        tempfile.NamedTemporaryFile(dir=path.parent, prefix=".geonews-check-").close()


def _check_target(path: Path) -> None:
    folder = path.parent
    if not folder.is_dir():
        raise UsageError(f"cannot write {path.as_posix()}: folder {folder.as_posix()} does not exist")
    if path.is_dir():
        raise UsageError(f"cannot write {path.as_posix()}: it is a folder")


@contextlib.contextmanager
def _creating(path: Path) -> Iterator[None]:
    """Turn an ``OSError`` while creating or renaming files into a one-line :class:`UsageError`."""
    try:
        yield
    except OSError as err:
        reason = err.strerror or str(err)
        if isinstance(err, PermissionError):
            reason = f"permission denied in {path.parent.as_posix()}"
        raise UsageError(f"cannot write {path.as_posix()}: {reason}") from err


@contextlib.contextmanager
def atomic_output(path: str | os.PathLike) -> Iterator[Path]:
    """Yield a temporary path next to ``path``; rename it to ``path`` when the block succeeds.

    The temporary file has the same suffix (GDAL drivers choose by it). If the block raises anything,
    ``KeyboardInterrupt`` included, the temporary file is removed and ``path`` is left as it was.

    Raises
    ------
    UsageError
        The folder does not exist, ``path`` is a folder, or the file cannot be created or renamed.
    """
    path = Path(path)
    _check_target(path)
    with _creating(path):
        handle = tempfile.NamedTemporaryFile(dir=path.parent, prefix=f".{path.stem}.", suffix=path.suffix,
                                             delete=False)
    handle.close()
    tmp = Path(handle.name)
    try:
        yield tmp
        with _creating(path):
            os.chmod(tmp, _file_mode(path))  # not the temporary file's 0o600
            os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise


def _file_mode(path: Path) -> int:
    """The permissions ``path`` keeps if it exists, else those a new file gets under the umask."""
    try:
        return path.stat().st_mode & 0o7777
    except OSError:
        umask = os.umask(0o022)
        os.umask(umask)
        return 0o666 & ~umask


def guard_csv_cell(value):
    """Prefix ``'`` to a string a spreadsheet would run as a formula; other values unchanged."""
    if isinstance(value, str) and value.startswith(_FORMULA_STARTS):
        return "'" + value
    return value


def write(statements_or_frame, path: str | os.PathLike, fmt: str | None = None) -> int:
    """Write statements to ``path`` in the format its suffix (or ``fmt``) names, atomically.

    Parameters
    ----------
    statements_or_frame : iterable of Statement, or a frame from :func:`~geonews.frame.to_frame`
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
    FeatureCollection, unresolved rows with a ``null`` geometry. ``.gpkg``: layer ``"statements"``.
    ``.parquet``: GeoParquet. ``.csv``: UTF-8 with a byte-order mark (so spreadsheet programs read the
    Arabic), no geometry column but ``latitude``/``longitude`` and ``geometry_wkt``; text cells that
    start with ``= + - @``, a tab or a carriage return are prefixed with ``'``. Read a CSV back with
    ``pandas.read_csv(path, dtype=str)`` so ids such as ``"007"`` stay text (:func:`~geonews.frame.from_frame`
    turns the numeric columns back into numbers). GDAL reads ISO dates in GeoJSON as datetimes; pass
    ``datetime_as_string=True`` to ``geopandas.read_file`` to keep them as written.

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
    with atomic_output(path) as tmp:
        _WRITERS[kind](frame, tmp)
    return len(frame)


def _write_geojson(frame, tmp: Path) -> None:
    from .frame import CRS

    frame = frame.to_crs(CRS) if frame.crs is not None else frame.set_crs(CRS)
    text = frame.to_json(na="null", drop_id=True, ensure_ascii=False)
    tmp.write_text(text, encoding="utf-8")


def _write_gpkg(frame, tmp: Path) -> None:
    frame.to_file(tmp, driver="GPKG", layer=GPKG_LAYER)


def _write_parquet(frame, tmp: Path) -> None:
    frame.to_parquet(tmp, index=False)


def _write_csv(frame, tmp: Path) -> None:
    import pandas as pd

    from .frame import STR_COLUMNS

    table = pd.DataFrame(frame.drop(columns=frame.geometry.name))
    table["geometry_wkt"] = frame.geometry.to_wkt(rounding_precision=-1)  # full precision
    for column in table.columns:
        if column in STR_COLUMNS or column == "geometry_wkt" or table[column].dtype == object:
            table[column] = table[column].map(guard_csv_cell, na_action="ignore")
    table.to_csv(tmp, index=False, encoding="utf-8-sig")


_WRITERS = {"geojson": _write_geojson, "gpkg": _write_gpkg, "parquet": _write_parquet, "csv": _write_csv}


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
