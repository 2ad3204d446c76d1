"""The GeoPackage claims store: one file for one analyst, that QGIS and GDAL open as it is.

The file holds the layer ``statements`` (a feature per statement and place, :data:`~.schema.LAYER_COLUMNS`,
EPSG:4326, geometry type GEOMETRY: points and areas), the attributes table ``articles``
(:data:`~.schema.ARTICLE_COLUMNS`, one row per article, unique ids) and the attributes table
``geonews_store`` (``key``, ``value``: ``schema_version``).

Each :meth:`GeoPackageStore.add` is one SQLite transaction (``BEGIN IMMEDIATE`` … ``COMMIT``): an
article's rows are all there or none are, whatever kills the process (SQLite's journal rolls an
unfinished transaction back when the file is next opened). SQLite lets one writer in at a time: other
ingests wait for their turn (a message says so when the wait is longer than a moment) and, after
:data:`LOCK_WAIT` seconds, give up with a one-line message. A new store is built beside its path and
renamed into place, so it appears whole. Keep the store on a local disk: SQLite's locks are not
reliable on network file systems.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import struct
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

from geonews.errors import OutputError, UsageError
from geonews.files import no_space_left, replacing, written_path

from .base import (NEW, REPLACED, STORED, ClaimsStore, StoredArticle, article_rows, check_batch, day_bound,
                   layer_rows, rows_frame, utc_now, version_error)
from .schema import (ARTICLE_COLUMNS, FLOAT_COLUMNS, INT_COLUMNS, LAYER_COLUMNS, SCHEMA_VERSION,
                     columns_added_since)

__all__ = ["ARTICLES_TABLE", "LOCK_WAIT", "STATEMENTS_LAYER", "VERSION_TABLE", "GeoPackageStore", "gpkg_blobs",
           "gpkg_geometry"]

#: The store's layer of statements, its table of articles and the table that records its schema version.
STATEMENTS_LAYER, ARTICLES_TABLE, VERSION_TABLE = "statements", "articles", "geonews_store"
#: The layer's geometry column (GDAL's name for it in a GeoPackage).
GEOMETRY_COLUMN = "geom"
#: Seconds an ingest waits for another writer to finish before it gives up.
LOCK_WAIT = 600
_BRIEF_WAIT = 2.0  # seconds of waiting that go unremarked
_SRS_ID = 4326
_IN_BATCH = 500  # ids per IN (...) query


class GeoPackageStore(ClaimsStore):
    """A claims store in a GeoPackage file (see the module notes)."""

    kind = "GeoPackage"

    def __init__(self, target: str | os.PathLike, *, create: bool = False, on_wait=None) -> None:
        super().__init__(os.fspath(target), create=create, on_wait=on_wait)
        self.path = Path(target)
        self.name = self.path.as_posix()
        self._db: sqlite3.Connection | None = None
        self._waited = False

    # -- opening -----------------------------------------------------------------------------------
    def open(self) -> None:
        if self.path.is_dir():
            raise UsageError(f"{self.name}: the store is a folder, not a GeoPackage file")
        if self.path.exists():
            self._connect()
        elif not self.create:
            raise UsageError(f"{self.name}: no such store")
        else:  # made on the first add, so a run that stores nothing leaves nothing; checked now
            from geonews.output.writers import check_writable

            check_writable(self.path)

    def close(self) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None

    def _connect(self) -> None:
        try:
            db = sqlite3.connect(f"{self.path.resolve().as_uri()}?mode=rw", uri=True, timeout=_BRIEF_WAIT,
                                 isolation_level=None)  # transactions are begun and ended here
        except sqlite3.Error as err:
            raise UsageError(f"{self.name}: cannot open ({err})") from err
        try:
            tables = {row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
            if "gpkg_contents" not in tables:
                raise UsageError(f"{self.name}: not a GeoPackage")
            if VERSION_TABLE not in tables:
                if ARTICLES_TABLE in tables:  # a store from before versions were recorded
                    raise version_error(self.name, 0)
                raise UsageError(f"{self.name}: not a claims store (no {VERSION_TABLE!r} table)")
            found = dict(db.execute(f'SELECT key, value FROM "{VERSION_TABLE}"')).get("schema_version")
            found = int(found) if str(found).isdigit() else 0
            if found != SCHEMA_VERSION:
                if not 0 < found < SCHEMA_VERSION:
                    raise version_error(self.name, found)
                try:
                    _upgrade(db, found)
                except sqlite3.OperationalError as err:  # read-only, or another writer kept it locked
                    raise UsageError(f"{self.name}: a claims store of schema version {found}, which could not be "
                                     f"brought up to version {SCHEMA_VERSION} ({err})") from err
        except sqlite3.DatabaseError as err:
            db.close()
            raise UsageError(f"{self.name}: not a GeoPackage ({err})") from err
        except BaseException:
            db.close()
            raise
        for name, function in _GEOMETRY_FUNCTIONS.items():  # what GDAL's R-tree triggers call
            db.create_function(name, 1, function, deterministic=True)
        self._db = db

    def _create(self) -> None:
        """Make the empty store at :attr:`path` (beside it, then renamed), unless another process just did."""
        with _folder_lock(self.path.parent):
            if not self.path.exists():
                with replacing(self.path, copy=True, fsync=True) as tmp:
                    _create_empty(tmp)
        self._connect()

    # -- the interface -----------------------------------------------------------------------------
    def digests(self, ids: Iterable[str]) -> dict[str, str]:
        if self._db is None:
            return {}
        ids = list(ids)
        found: dict[str, str] = {}
        for start in range(0, len(ids), _IN_BATCH):
            part = ids[start:start + _IN_BATCH]
            marks = ",".join("?" * len(part))
            found.update(self._db.execute(f'SELECT article, digest FROM "{ARTICLES_TABLE}" WHERE article IN ({marks})',
                                          part))
        return found

    def add(self, articles: Sequence[StoredArticle], frame) -> dict[str, str]:
        check_batch(articles, frame)
        if not articles:
            return {}
        if self._db is None:
            self._create()
        columns, rows, geometry = layer_rows(frame)
        blobs = gpkg_blobs(geometry)
        with self._transaction() as db:
            stored = self.digests(a.article for a in articles)  # under the write lock: final
            outcome = {a.article: STORED if stored.get(a.article) == a.digest else REPLACED if a.article in stored
                       else NEW for a in articles}
            self._write(db, articles, outcome, columns, rows, blobs, geometry)
        return outcome

    def _write(self, db, articles, outcome, columns, rows, blobs, geometry) -> None:
        """Write a batch inside the open transaction: the replaced articles' rows go, the batch's come."""
        replaced = [a for a, what in outcome.items() if what == REPLACED]
        for start in range(0, len(replaced), _IN_BATCH):
            part = replaced[start:start + _IN_BATCH]
            marks = ",".join("?" * len(part))
            db.execute(f'DELETE FROM "{STATEMENTS_LAYER}" WHERE article IN ({marks})', part)
            db.execute(f'DELETE FROM "{ARTICLES_TABLE}" WHERE article IN ({marks})', part)
        keep = {a for a, what in outcome.items() if what != STORED}
        at = columns.index("article")
        names = ", ".join(f'"{c}"' for c in (*columns, GEOMETRY_COLUMN))
        marks = ", ".join("?" * (len(columns) + 1))
        db.executemany(f'INSERT INTO "{STATEMENTS_LAYER}" ({names}) VALUES ({marks})',
                       ((*row, blob) for row, blob in zip(rows, blobs) if row[at] in keep))
        names = ", ".join(f'"{c}"' for c in ARTICLE_COLUMNS)
        marks = ", ".join("?" * len(ARTICLE_COLUMNS))
        db.executemany(f'INSERT INTO "{ARTICLES_TABLE}" ({names}) VALUES ({marks})',
                       article_rows([a for a in articles if a.article in keep], utc_now()))
        _note_change(db, [g for g, row in zip(geometry, rows) if row[at] in keep])

    @contextlib.contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        """One write transaction: waits for another writer (saying so once), commits, or rolls back."""
        db = self._db
        try:
            try:
                db.execute("BEGIN IMMEDIATE")
            except sqlite3.OperationalError as err:
                if not _is_locked(err):
                    raise
                if self.on_wait is not None and not self._waited:
                    self.on_wait(f"{self.name}: another ingest is writing to it; waiting for its turn "
                                 f"(at most {LOCK_WAIT} s)")
                    self._waited = True
                db.execute(f"PRAGMA busy_timeout = {LOCK_WAIT * 1000}")
                try:
                    db.execute("BEGIN IMMEDIATE")
                except sqlite3.OperationalError as again:
                    if _is_locked(again):
                        raise UsageError(f"{self.name}: still locked by another writer after {LOCK_WAIT} s; "
                                         "try again later") from again
                    raise
            db.execute(f"PRAGMA busy_timeout = {LOCK_WAIT * 1000}")  # the commit waits for readers to finish
        except sqlite3.Error as err:
            raise self._write_error(err) from err
        try:
            yield db
            db.execute("COMMIT")
        except BaseException as err:
            with contextlib.suppress(sqlite3.Error):
                db.execute("ROLLBACK")
            if isinstance(err, sqlite3.Error):
                raise self._write_error(err) from err
            raise
        finally:
            with contextlib.suppress(sqlite3.Error):
                db.execute(f"PRAGMA busy_timeout = {int(_BRIEF_WAIT * 1000)}")

    def _write_error(self, err: sqlite3.Error) -> OutputError:
        """The one-line error for a write SQLite refused: a full disk and a folder that takes no journal said so."""
        folder = written_path(self.path).parent
        if no_space_left(err, folder):
            return OutputError(f"cannot write {self.name}: no space left on device")
        try:  # SQLite writes its journal beside the store
            tempfile.NamedTemporaryFile(dir=folder, prefix=".geonews-check-").close()
        except OSError:
            return OutputError(f"cannot write {self.name}: permission denied in {folder.as_posix()} (the store "
                               "needs its journal beside it)")
        return OutputError(f"cannot write {self.name}: {err}")

    def read(self, *, since=None, until=None):
        since, until = day_bound(since, "--since"), day_bound(until, "--until")
        where, params = "", []
        if since is not None or until is not None:
            where = (f' WHERE article IN (SELECT article FROM "{ARTICLES_TABLE}" WHERE day >= ? AND day <= ?)')
            params = [since or "0000-00-00", until or "9999-99-99"]
        names = ", ".join(f'"{c}"' for c in (*LAYER_COLUMNS, GEOMETRY_COLUMN))
        try:
            rows = self._db.execute(f'SELECT {names} FROM "{STATEMENTS_LAYER}"{where} ORDER BY fid', params).fetchall()
        except sqlite3.Error as err:
            raise UsageError(f"{self.name}: cannot read layer {STATEMENTS_LAYER!r} ({err})") from err
        geometry = gpkg_geometry([row[-1] for row in rows])
        return rows_frame(LAYER_COLUMNS, [row[:-1] for row in rows], geometry)

    def articles(self):
        import pandas as pd

        names = ", ".join(f'"{c}"' for c in ARTICLE_COLUMNS)
        rows = self._db.execute(f'SELECT {names} FROM "{ARTICLES_TABLE}" ORDER BY fid').fetchall()
        table = pd.DataFrame(rows, columns=list(ARTICLE_COLUMNS), dtype=object)  # None stays None
        table["statements"] = table["statements"].astype("int64")
        return table


# -- creation ------------------------------------------------------------------------------------------

def _create_empty(path: Path) -> None:
    """The empty store at ``path``: its layer, tables and indexes (GDAL makes the GeoPackage around them)."""
    import geopandas as gpd
    import pandas as pd
    import pyogrio

    def column(name: str):
        return pd.Series([], dtype="Int64" if name in INT_COLUMNS else "float64" if name in FLOAT_COLUMNS else object)

    layer = gpd.GeoDataFrame({c: column(c) for c in LAYER_COLUMNS}, geometry=gpd.GeoSeries([], crs="EPSG:4326"))
    pyogrio.write_dataframe(layer, path, layer=STATEMENTS_LAYER, driver="GPKG", geometry_type="Unknown",
                            promote_to_multi=False)
    table = pd.DataFrame({c: column(c) for c in ARTICLE_COLUMNS})
    pyogrio.write_dataframe(table, path, layer=ARTICLES_TABLE, driver="GPKG", append=False)
    version = pd.DataFrame({"key": ["schema_version"], "value": [str(SCHEMA_VERSION)]})
    pyogrio.write_dataframe(version, path, layer=VERSION_TABLE, driver="GPKG", append=False)
    with contextlib.closing(sqlite3.connect(path)) as db, db:
        db.execute(f'CREATE UNIQUE INDEX "{ARTICLES_TABLE}_article" ON "{ARTICLES_TABLE}" (article)')
        db.execute(f'CREATE INDEX "{ARTICLES_TABLE}_day" ON "{ARTICLES_TABLE}" (day)')
        db.execute(f'CREATE INDEX "{STATEMENTS_LAYER}_article" ON "{STATEMENTS_LAYER}" (article)')


def _upgrade(db: sqlite3.Connection, found: int) -> None:
    """Bring a store of schema version ``found`` up to :data:`SCHEMA_VERSION` (the columns each version added,
    empty in the rows stored before), in one transaction; another process may have just done it."""
    db.execute("BEGIN IMMEDIATE")
    try:
        have = {row[1] for row in db.execute(f'PRAGMA table_info("{STATEMENTS_LAYER}")')}
        for column in columns_added_since(found):
            if column not in have:
                kind = "INTEGER" if column in INT_COLUMNS else "REAL" if column in FLOAT_COLUMNS else "TEXT"
                db.execute(f'ALTER TABLE "{STATEMENTS_LAYER}" ADD COLUMN "{column}" {kind}')
        db.execute(f'UPDATE "{VERSION_TABLE}" SET value = ? WHERE key = \'schema_version\'', (str(SCHEMA_VERSION),))
        db.execute("COMMIT")
    except BaseException:
        db.execute("ROLLBACK")
        raise


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


def _is_locked(err: sqlite3.OperationalError) -> bool:
    return "locked" in str(err) or "busy" in str(err)


def _note_change(db: sqlite3.Connection, geometry: list) -> None:
    """Widen the layer's extent in ``gpkg_contents`` to the new geometries and note the change time."""
    import shapely

    shapes = [g for g in geometry if g is not None and not g.is_empty]
    now = "strftime('%Y-%m-%dT%H:%M:%fZ', 'now')"
    db.execute(f"UPDATE gpkg_contents SET last_change = {now} WHERE table_name IN (?, ?)",
               (STATEMENTS_LAYER, ARTICLES_TABLE))
    if shapes:
        bounds = shapely.bounds(shapes)
        minx, miny = float(bounds[:, 0].min()), float(bounds[:, 1].min())
        maxx, maxy = float(bounds[:, 2].max()), float(bounds[:, 3].max())
        db.execute("UPDATE gpkg_contents SET min_x = min(coalesce(min_x, ?), ?), min_y = min(coalesce(min_y, ?), ?), "
                   "max_x = max(coalesce(max_x, ?), ?), max_y = max(coalesce(max_y, ?), ?) WHERE table_name = ?",
                   (minx, minx, miny, miny, maxx, maxx, maxy, maxy, STATEMENTS_LAYER))


# -- GeoPackage geometry blobs -------------------------------------------------------------------------

_ENVELOPE_BYTES = {0: 0, 1: 32, 2: 48, 3: 48, 4: 64}


def gpkg_blobs(geometries: Sequence) -> list[bytes | None]:
    """Shapely geometries (or ``None``) as GeoPackage geometry blobs: a header (little-endian, SRS 4326, an
    xy envelope but for points and empty geometries, as GDAL writes them) and ISO WKB."""
    import numpy as np
    import shapely

    shapes = np.array(list(geometries), dtype=object)
    if not len(shapes):
        return []
    wkbs = shapely.to_wkb(shapes, flavor="iso", byte_order=1, output_dimension=2)
    bounds = shapely.bounds(shapes)
    kinds = shapely.get_type_id(shapes)  # -1 missing, 0 point
    empty = shapely.is_empty(shapes)
    srs = struct.pack("<i", _SRS_ID)
    out = []
    for wkb, box, kind, hollow in zip(wkbs, bounds.tolist(), kinds.tolist(), empty.tolist()):
        if kind < 0:
            out.append(None)
        elif hollow:
            out.append(b"GP\x00\x11" + srs + wkb)  # empty, no envelope
        elif kind == 0:
            out.append(b"GP\x00\x01" + srs + wkb)  # a point: no envelope
        else:
            minx, miny, maxx, maxy = box
            out.append(b"GP\x00\x03" + srs + struct.pack("<4d", minx, maxx, miny, maxy) + wkb)
    return out


def _header(blob: bytes) -> tuple[int, int]:
    """(flags, header length) of a GeoPackage geometry blob."""
    if blob[:2] != b"GP":
        raise ValueError(f"Expected a GeoPackage geometry blob, instead got bytes starting {bytes(blob[:4])!r}.")
    flags = blob[3]
    return flags, 8 + _ENVELOPE_BYTES.get((flags >> 1) & 0x07, 0)


def gpkg_geometry(blobs: Sequence[bytes | None]) -> list:
    """GeoPackage geometry blobs as shapely geometries (``None`` stays ``None``)."""
    import shapely

    wkbs = [None if b is None else bytes(b[_header(b)[1]:]) for b in blobs]
    return list(shapely.from_wkb(wkbs)) if wkbs else []


def _envelope(blob) -> tuple[float, float, float, float] | None:
    """(minx, maxx, miny, maxy) of a blob, ``None`` when empty or NULL (what the R-tree triggers ask)."""
    if blob is None:
        return None
    if blob == _envelope.last[0]:
        return _envelope.last[1]
    flags, size = _header(blob)
    if flags & 0x10:
        box = None
    elif size >= 40:
        order = "<" if flags & 0x01 else ">"
        box = struct.unpack(f"{order}4d", blob[8:40])
    else:
        import shapely

        minx, miny, maxx, maxy = shapely.from_wkb(bytes(blob[size:])).bounds
        box = (minx, maxx, miny, maxy)
    _envelope.last = (blob, box)
    return box


_envelope.last = (None, None)


def _part(i: int):
    def value(blob):
        box = _envelope(blob)
        return None if box is None else box[i]

    return value


_GEOMETRY_FUNCTIONS = {
    "ST_IsEmpty": lambda blob: None if blob is None else int(_envelope(blob) is None),
    "ST_MinX": _part(0), "ST_MaxX": _part(1), "ST_MinY": _part(2), "ST_MaxY": _part(3),
}
