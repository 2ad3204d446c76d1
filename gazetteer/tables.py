"""Word lists and small tables shipped as CSV package data, read through one loader that checks them.

A package's data folder holds ``tables.json``, which declares each of its CSV files: what the table is
for, its columns in order, the columns that identify a row (``key``), those compared in Arabic normal
form (``arabic``: :func:`~gazetteer.normalize.normalize` word by word), the values a column may take, and
the cells that must not be empty. Every table has a ``source`` column, and no row may leave it empty:
where the row comes from (a corpus count, a grammar reference, an annotation guide, a registry).

>>> rows = load_table("geonews.data", "claim_cues.csv")       # doctest: +SKIP
>>> rows[0]["cue"], rows[0]["claim_type"]                     # doctest: +SKIP
('سيطر*', 'control')

:func:`load_table` checks the header (a column the schema does not declare, or a missing one, is an
error at once); :func:`check_table` finds every problem of a table — unknown or missing columns, empty
required cells, values outside their set, rows whose key folds to one already present (a dead row: the
first one wins), comment rows — and the test suite runs it over every table.
"""

from __future__ import annotations

import csv
import functools
import json
from dataclasses import dataclass
from importlib import resources

from .errors import GazetteerError
from .normalize import normalize

__all__ = ["TableError", "TableSchema", "check_table", "load_table", "schemas"]

#: The declarations of a data folder's tables.
SCHEMA_FILE = "tables.json"


class TableError(GazetteerError, ValueError):
    """A data table does not match its declared schema."""


@dataclass(frozen=True, slots=True)
class TableSchema:
    """What one table must look like (from ``tables.json``)."""

    name: str
    description: str
    columns: tuple[str, ...]
    key: tuple[str, ...]
    arabic: frozenset[str]
    required: frozenset[str]
    values: dict[str, frozenset[str]]

    def fold(self, row: dict[str, str]) -> tuple[str, ...]:
        """The row's key, Arabic columns in normal form (word by word, ``*`` kept)."""
        return tuple(_fold(row.get(c, "")) if c in self.arabic else row.get(c, "").strip() for c in self.key)


def _fold(value: str) -> str:
    return " ".join((normalize(w.rstrip("*")) or w) + ("*" if w.endswith("*") else "") for w in value.split())


@functools.lru_cache(maxsize=None)
def schemas(package: str) -> dict[str, TableSchema]:
    """Every table declared in a package's ``tables.json``, by file name."""
    declared = json.loads(resources.files(package).joinpath(SCHEMA_FILE).read_text(encoding="utf-8"))
    out = {}
    for name, spec in declared.items():
        columns = tuple(spec["columns"])
        if "source" not in columns:
            raise TableError(f"{package}/{name}: the schema declares no 'source' column")
        unknown = [c for c in [*spec.get("key", ()), *spec.get("arabic", ()), *spec.get("required", ()),
                               *spec.get("values", {})] if c not in columns]
        if unknown:
            raise TableError(f"{package}/{name}: the schema names columns it does not declare: {unknown!r}")
        out[name] = TableSchema(
            name=name, description=spec.get("description", ""), columns=columns,
            key=tuple(spec.get("key", ())), arabic=frozenset(spec.get("arabic", ())),
            required=frozenset(spec.get("required", ())) | {"source"},
            values={c: frozenset(v) for c, v in spec.get("values", {}).items()},
        )
    return out


def _read(package: str, name: str) -> tuple[list[str], list[tuple[int, list[str]]]]:
    """The header and the (line number, cells) of every non-empty row."""
    with resources.files(package).joinpath(name).open(encoding="utf-8", newline="") as fh:
        reader = csv.reader(fh)
        header = [cell.strip() for cell in next(reader, [])]
        rows = [(reader.line_num, [cell.strip() for cell in cells]) for cells in reader if cells]
    return header, rows


def _schema(package: str, name: str) -> TableSchema:
    schema = schemas(package).get(name)
    if schema is None:
        raise TableError(f"{package}/{name}: no schema in {SCHEMA_FILE}")
    return schema


@functools.lru_cache(maxsize=None)
def load_table(package: str, name: str) -> tuple[dict[str, str], ...]:
    """The rows of a declared table, cells stripped, once per process.

    Raises
    ------
    TableError
        The table is not declared, or its header is not the declared columns.
    """
    schema = _schema(package, name)
    header, rows = _read(package, name)
    if tuple(header) != schema.columns:
        raise TableError(f"{package}/{name}: expected the columns {list(schema.columns)!r}, "
                         f"instead got: {header!r}")
    return tuple(dict(zip(header, cells)) for _, cells in rows)


def check_table(package: str, name: str) -> list[str]:
    """Every problem of a table against its schema, one line each (empty when it is clean)."""
    schema = _schema(package, name)
    header, rows = _read(package, name)
    where = f"{package}/{name}"
    problems = []
    unknown = [c for c in header if c not in schema.columns]
    missing = [c for c in schema.columns if c not in header]
    if unknown:
        problems.append(f"{where}: unknown columns {unknown!r}")
    if missing:
        problems.append(f"{where}: missing columns {missing!r}")
    seen: dict[tuple[str, ...], int] = {}
    for line, cells in rows:
        if cells[0].startswith("#"):
            problems.append(f"{where}:{line}: a comment row (say it in the schema's description)")
            continue
        if len(cells) != len(header):
            problems.append(f"{where}:{line}: {len(cells)} cells for {len(header)} columns")
        row = dict(zip(header, cells))
        for column in sorted(schema.required):
            if not row.get(column):
                problems.append(f"{where}:{line}: empty {column!r}")
        for column, allowed in schema.values.items():
            value = row.get(column, "")
            if value and value not in allowed:
                problems.append(f"{where}:{line}: {column!r} is {value!r}, not one of {sorted(allowed)!r}")
        if schema.key:
            key = schema.fold(row)
            if key in seen:
                problems.append(f"{where}:{line}: the key {key!r} folds to that of line {seen[key]}")
            else:
                seen[key] = line
    return problems
