"""The claims store: statements gathered over time in one GeoPackage, one version of each article.

A store is a GeoPackage (an SQLite database that QGIS and GDAL open) with two tables:

- layer ``statements``: the statements frame (:data:`~geonews.schema.FRAME_COLUMNS`), one feature per
  (statement, place), EPSG:4326, geometry type GEOMETRY (points and areas);
- table ``articles`` (a GeoPackage attributes table): ``article`` (the id), ``title``, ``date``,
  ``source``, ``url``, ``path``, ``statements`` (how many), ``ingested_at`` (UTC, ISO 8601) and
  ``content_hash`` (:func:`content_hash`).

:func:`ingest` is idempotent per article: an article whose id is stored with the same content hash is
skipped, so ingesting the same input twice adds nothing and leaves the file as it was, byte for byte. An
article whose id is stored with another hash (it was corrected) replaces its earlier statements.

Writes never leave a half-written store: the new rows go into a copy next to the store, which replaces
it in one rename when everything is written (an interrupt or a crash leaves the old store untouched).
Two ingests into the same folder at once take turns (an advisory lock on the folder, where the system
has one).
"""

from __future__ import annotations

import contextlib
import datetime as _dt
import hashlib
import json
import os
import sqlite3
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from geonews.reading.articles import Article
from geonews.errors import UsageError
from geonews.files import check_target, replacing

__all__ = ["ARTICLES_TABLE", "STATEMENTS_LAYER", "IngestReport", "StoreWriter", "content_hash", "ingest",
           "read_store", "stored_articles"]

#: The store's layer of statements and its table of articles.
STATEMENTS_LAYER, ARTICLES_TABLE = "statements", "articles"
#: Columns of the articles table.
ARTICLE_COLUMNS = ("article", "title", "date", "source", "url", "path", "statements", "ingested_at",
                   "content_hash")


def content_hash(article: Article) -> str:
    """SHA-256 (hex) of what an article says: its text and its title, date, source and url."""
    fields = [article.text, article.title, article.date, article.source, article.url]
    return hashlib.sha256(json.dumps(fields, ensure_ascii=False).encode("utf-8")).hexdigest()


def _connect_ro(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)


def stored_articles(path: str | os.PathLike) -> dict[str, str]:
    """Article id -> content hash of every article in the store (empty when there is no store yet).

    Raises
    ------
    UsageError
        When ``path`` exists but is not a claims store (not SQLite, or a GeoPackage without ``articles``).
    """
    path = Path(path)
    if not path.exists():
        return {}
    if path.is_dir():
        raise UsageError(f"{path.as_posix()}: the store is a folder, not a GeoPackage file")
    try:
        with contextlib.closing(_connect_ro(path)) as db:
            tables = {row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
            if "gpkg_contents" not in tables:
                raise UsageError(f"{path.as_posix()}: not a GeoPackage")
            if ARTICLES_TABLE not in tables:
                raise UsageError(f"{path.as_posix()}: not a claims store (no {ARTICLES_TABLE!r} table)")
            return dict(db.execute(f'SELECT article, content_hash FROM "{ARTICLES_TABLE}"'))
    except sqlite3.DatabaseError as err:
        raise UsageError(f"{path.as_posix()}: not a GeoPackage ({err})") from err


@dataclass(slots=True)
class IngestReport:
    """What an ingest did: articles added, replaced (stored before with other content), already stored."""

    new: int = 0
    replaced: int = 0
    stored: int = 0
    statements: int = 0  # statement rows (one per statement and place) added

    def __str__(self) -> str:
        changed = f", {self.replaced} replaced" if self.replaced else ""
        return f"{self.new} new{changed}, {self.stored} already stored ({self.statements} statement rows added)"


class StoreWriter:
    """Append to a store through a copy that replaces it at the end (see the module notes).

    The copy is made on the first :meth:`append`: a run that adds nothing never touches the store.
    """

    def __init__(self, path: str | os.PathLike) -> None:
        self.path = Path(path)
        check_target(self.path)
        self._tmp: Path | None = None
        self._layers: set[str] = set()
        self._stack = contextlib.ExitStack()

    def __enter__(self) -> StoreWriter:
        self._stack.enter_context(_folder_lock(self.path.parent))
        return self

    def _copy(self) -> Path:
        if self._tmp is None:
            existed = self.path.exists()
            self._tmp = self._stack.enter_context(replacing(self.path, copy=True, fsync=True))
            if existed:
                self._layers = set(_layers(self._tmp))
        return self._tmp

    def append(self, frame, articles: list[dict], replace: Iterable[str] = ()) -> None:
        """Add a chunk: its statements frame and its article rows; first drop the rows of ``replace`` ids."""
        import pandas as pd
        import pyogrio

        tmp = self._copy()
        replace = list(replace)
        if replace and self._layers:
            with contextlib.closing(sqlite3.connect(tmp)) as db, db:
                marks = ",".join("?" * len(replace))
                if STATEMENTS_LAYER in self._layers:
                    db.execute(f'DELETE FROM "{STATEMENTS_LAYER}" WHERE article IN ({marks})', replace)
                db.execute(f'DELETE FROM "{ARTICLES_TABLE}" WHERE article IN ({marks})', replace)
        if len(frame) or STATEMENTS_LAYER not in self._layers:  # a new store gets the layer even when empty
            exists = STATEMENTS_LAYER in self._layers
            if exists:
                frame = frame[[c for c in _fields(tmp, STATEMENTS_LAYER) if c in frame.columns] + ["geometry"]]
            pyogrio.write_dataframe(frame, tmp, layer=STATEMENTS_LAYER, driver="GPKG", append=exists,
                                    geometry_type="Unknown", promote_to_multi=False)
            self._layers.add(STATEMENTS_LAYER)
        if articles:
            table = pd.DataFrame(articles, columns=list(ARTICLE_COLUMNS))
            table["statements"] = table["statements"].astype("int64")
            pyogrio.write_dataframe(table, tmp, layer=ARTICLES_TABLE, driver="GPKG",
                                    append=ARTICLES_TABLE in self._layers)
            self._layers.add(ARTICLES_TABLE)

    def __exit__(self, exc_type, exc, tb) -> bool:
        self._tmp = None
        self._stack.__exit__(exc_type, exc, tb)  # renames the copy over the store (or removes it), then unlocks
        return False


def _layers(path: Path) -> list[str]:
    import pyogrio

    return [str(name) for name, _ in pyogrio.list_layers(path)]


def _fields(path: Path, layer: str) -> list[str]:
    import pyogrio

    return [str(f) for f in pyogrio.read_info(path, layer=layer)["fields"]]


@contextlib.contextmanager
def _folder_lock(folder: Path) -> Iterator[None]:
    """An exclusive advisory lock on a folder, held for the block (no-op where ``fcntl`` is missing)."""
    try:
        import fcntl
    except ImportError:  # pragma: no cover - not POSIX
        yield
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # releases the lock


def article_row(article: Article, digest: str, statements: int, when: str) -> dict:
    """The ``articles`` table row of an ingested article."""
    return {"article": article.id, "title": article.title, "date": article.date, "source": article.source,
            "url": article.url, "path": article.path, "statements": statements, "ingested_at": when,
            "content_hash": digest}


def ingest(store: str | os.PathLike, articles: Iterable[Article], *, client=None, chunk_size: int | None = None,
           on_chunk=None) -> IngestReport:
    """Extract the statements of the articles not yet in the store and add them to it.

    Parameters
    ----------
    store : path
        The GeoPackage; created when missing.
    articles : iterable of Article
        Read lazily.
    client : distributed.Client, optional
        Extract on this Dask cluster (see :func:`geonews.batch.run_chunks`).
    chunk_size : int, optional
        Articles per chunk (default :data:`geonews.batch.DEFAULT_CHUNK`); each chunk is appended as it
        comes, to the copy that replaces the store at the end.
    on_chunk : callable, optional
        Called with each :class:`geonews.batch.ChunkResult` (progress, error reports). Articles that
        fail are reported there and not stored, so a later ingest tries them again.

    Returns
    -------
    IngestReport
    """
    from geonews.batch import DEFAULT_CHUNK, run_chunks
    from .frame import to_frame

    report = IngestReport()
    pending: dict[str, tuple[str, bool]] = {}  # id -> (hash, replaces a stored version)
    seen: set[str] = set()

    known: dict[str, str] = {}

    def todo() -> Iterator[Article]:
        for article in articles:
            digest = content_hash(article)
            if article.id in seen or known.get(article.id) == digest:
                report.stored += 1  # stored before, or earlier in this run
                continue
            seen.add(article.id)
            pending[article.id] = (digest, article.id in known)
            yield article

    with StoreWriter(store) as writer:
        known.update(stored_articles(store))  # read under the writer's lock: two ingests never add the same article
        for done in run_chunks(todo(), mode="statements", client=client, chunk_size=chunk_size or DEFAULT_CHUNK):
            if on_chunk is not None:
                on_chunk(done)
            when = _dt.datetime.now(_dt.timezone.utc).isoformat(timespec="seconds")
            rows, statements, replace = [], [], []
            for article, found in zip(done.articles, done.payloads):
                digest, replaces = pending.pop(article.id)
                if found is None:  # failed: reported by on_chunk, left for a later run
                    seen.discard(article.id)
                    continue
                statements += found
                rows.append(article_row(article, digest, len(found), when))
                if replaces:
                    replace.append(article.id)
                    report.replaced += 1
                else:
                    report.new += 1
            if rows:
                frame = to_frame(statements)
                writer.append(frame, rows, replace)
                report.statements += len(frame)
    return report


def read_store(store: str | os.PathLike, *, since: str | _dt.date | None = None):
    """The statements of a store as a frame like :func:`~geonews.output.frame.to_frame` gives.

    Parameters
    ----------
    store : path
        A claims store.
    since : str or datetime.date, optional
        Keep the statements of articles dated on or after this day (``YYYY-MM-DD``); articles without a
        date are left out when it is given.

    Raises
    ------
    UsageError
        No store there, not a claims store, or a ``since`` that is not a date.
    """
    import geopandas as gpd

    path = Path(store)
    if not path.is_file():
        raise UsageError(f"{path.as_posix()}: no such store")
    stored_articles(path)  # a clear error for a file that is not a store
    where = None
    if since is not None:
        day = _since(since)
        where = f"date >= '{day}'"  # an ISO date: digits and dashes only, nothing to escape
    try:
        frame = gpd.read_file(path, layer=STATEMENTS_LAYER, where=where)
    except Exception as err:  # pyogrio's DataLayerError and friends
        raise UsageError(f"{path.as_posix()}: cannot read layer {STATEMENTS_LAYER!r} ({err})") from err
    return _as_frame(frame)


def _since(value: str | _dt.date) -> str:
    if isinstance(value, _dt.date):
        return value.isoformat()[:10]
    try:
        return _dt.date.fromisoformat(str(value).strip()[:10]).isoformat()
    except ValueError:
        raise UsageError(f"--since expects a date such as 2018-05-06, not {value!r}") from None


def _as_frame(frame):
    """A frame read from the store with the columns, order and types of :func:`~geonews.output.frame.to_frame`."""
    import geopandas as gpd
    import pandas as pd

    from .frame import CRS, FLOAT_COLUMNS, INT_COLUMNS, plain
    from geonews.schema import FRAME_COLUMNS

    columns = {}
    for column in FRAME_COLUMNS:
        if column == "geometry":
            continue
        values = frame[column] if column in frame.columns else pd.Series([None] * len(frame), index=frame.index)
        if column in INT_COLUMNS:
            columns[column] = pd.array([None if plain(v) is None else int(v) for v in values], dtype="Int64")
        elif column in FLOAT_COLUMNS:
            columns[column] = pd.to_numeric(values, errors="coerce").astype("float64").to_numpy()
        else:
            columns[column] = pd.Series([None if plain(v) is None else str(v) for v in values],
                                        dtype=object).to_numpy()
    geometry = frame.geometry.set_crs(CRS, allow_override=True) if frame.crs is None else frame.geometry.to_crs(CRS)
    out = gpd.GeoDataFrame(columns, geometry=geometry.to_numpy(), crs=CRS)
    return out[list(FRAME_COLUMNS)]
