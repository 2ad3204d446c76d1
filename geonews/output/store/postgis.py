"""The PostGIS claims store: one database a monitoring team writes from several machines and reads in QGIS.

``--store postgresql://USER@HOST[:PORT]/DB`` (libpq's URI; its environment variables and ``~/.pgpass``
apply). The store is the schema ``geonews`` in that database (:data:`DDL`): tables ``articles``,
``statements`` and ``places`` (geometry in EPSG:4326, a GiST index), the view ``claim_places`` (one
feature per place with its statement and article, what QGIS draws) and ``store_info``, which records
the schema version. The schema is made on the first ingest (PostGIS must be installed in the database,
or the user allowed to install it).

Each :meth:`PostgisStore.add` is one transaction: it takes an advisory lock per article id of its batch
(in one order, so two ingests never deadlock), reads the stored digests under those locks, removes the
replaced articles (their statements and places go with them: ``ON DELETE CASCADE``) and copies the new
rows in. Any number of ingests can run at once: an article is stored whole or not at all, exactly once;
a killed ingest's transaction is rolled back by the server.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Sequence
from urllib.parse import urlsplit, urlunsplit

from geonews.errors import OutputError, UsageError

from .base import (NEW, REPLACED, STORED, ClaimsStore, StoredArticle, article_rows, check_batch, day_bound,
                   rows_frame, split_rows, utc_now, version_error)
from .schema import (ARTICLE_COLUMNS, FLOAT_COLUMNS, INT_COLUMNS, LAYER_COLUMNS, PLACE_COLUMNS, SCHEMA_VERSION,
                     STATEMENT_COLUMNS, columns_added_since)

__all__ = ["DDL", "SCHEMA", "PostgisStore", "display_name"]

#: The database schema that holds the store.
SCHEMA = "geonews"
#: Advisory lock held while the schema is made (so several first ingests make it once).
_CREATE_LOCK = 0x67656F6E657773  # "geonews"
_RETRIES = 3  # a transaction that meets a deadlock or a serialisation failure is tried again


def _sql_type(column: str) -> str:
    special = {"quantities": "json", "day": "date", "ingested_at": "timestamptz",
               "geometry": "geometry(Geometry, 4326)"}
    if column in special:
        return special[column]
    return "integer" if column in INT_COLUMNS else "double precision" if column in FLOAT_COLUMNS else "text"


def _columns(columns: Sequence[str], required: Sequence[str] = ()) -> str:
    return ",\n    ".join(f'"{c}" {_sql_type(c)}{" NOT NULL" if c in required else ""}' for c in columns)


_VIEW_COLUMNS = ", ".join(
    f'{"a" if c in ("title", "date", "source", "url") else "s" if c in STATEMENT_COLUMNS else "p"}."{c}"'
    for c in LAYER_COLUMNS)

#: The view ``claim_places`` (one feature per place with its statement and article), made anew when a
#: store is brought up to this schema version.
VIEW = f"""
CREATE VIEW {SCHEMA}.claim_places AS
    SELECT p.fid, {_VIEW_COLUMNS}, p.geometry
    FROM {SCHEMA}.places p
    JOIN {SCHEMA}.statements s ON s.article = p.article AND s.statement = p.statement
    JOIN {SCHEMA}.articles a ON a.article = p.article;
COMMENT ON VIEW {SCHEMA}.claim_places IS 'geonews: one feature per place with its statement and article (key: fid)';
"""

#: The store's tables, indexes and view (schema version :data:`~.schema.SCHEMA_VERSION`).
DDL = f"""
CREATE SCHEMA IF NOT EXISTS {SCHEMA};
CREATE TABLE {SCHEMA}.store_info (
    key text PRIMARY KEY,
    value text NOT NULL
);
CREATE TABLE {SCHEMA}.articles (
    {_columns(ARTICLE_COLUMNS, ("digest", "statements", "ingested_at"))},
    seq bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
    PRIMARY KEY (article)
);
CREATE INDEX articles_day ON {SCHEMA}.articles (day);
CREATE TABLE {SCHEMA}.statements (
    {_columns(STATEMENT_COLUMNS, ("article", "statement", "text"))},
    PRIMARY KEY (article, statement),
    FOREIGN KEY (article) REFERENCES {SCHEMA}.articles (article) ON DELETE CASCADE
);
CREATE TABLE {SCHEMA}.places (
    fid bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    {_columns(PLACE_COLUMNS, ("article", "statement", "place", "place_text"))},
    UNIQUE (article, statement, place),
    FOREIGN KEY (article, statement) REFERENCES {SCHEMA}.statements (article, statement) ON DELETE CASCADE
);
CREATE INDEX places_geometry ON {SCHEMA}.places USING gist (geometry);
{VIEW.strip()}
COMMENT ON TABLE {SCHEMA}.articles IS 'geonews: one row per article, its id, digest (SHA-256 of id, text, title, date, source, url) and metadata';
COMMENT ON TABLE {SCHEMA}.statements IS 'geonews: one row per statement (article, statement numbered from 0)';
COMMENT ON TABLE {SCHEMA}.places IS 'geonews: one row per place a statement names, geometry in EPSG:4326';
"""


_READ = f"""
SELECT {", ".join(f'a."{c}"' if c in ("title", "date", "source", "url") else 's."quantities"::text'
                  if c == "quantities" else f's."{c}"' if c in STATEMENT_COLUMNS else f'p."{c}"' for c in LAYER_COLUMNS)},
       ST_AsBinary(p.geometry)
FROM {SCHEMA}.articles a
JOIN {SCHEMA}.statements s ON s.article = a.article
LEFT JOIN {SCHEMA}.places p ON p.article = s.article AND p.statement = s.statement
WHERE (%(since)s::date IS NULL OR a.day >= %(since)s::date) AND (%(until)s::date IS NULL OR a.day <= %(until)s::date)
ORDER BY a.seq, s.statement, p.place
"""


def display_name(target: str) -> str:
    """A database URI as messages show it: without its password."""
    try:
        parts = urlsplit(target)
    except ValueError:
        return target
    if parts.password is None:
        return target
    host = parts.hostname or ""
    netloc = f"{parts.username}@{host}" if parts.username else host
    if parts.port:
        netloc += f":{parts.port}"
    return urlunsplit(parts._replace(netloc=netloc))


def _first_line(err: BaseException) -> str:
    text = str(err).strip().splitlines()
    return re.sub(r"\s+", " ", text[0]) if text else type(err).__name__


def _has_store_info(cur) -> bool:
    """Whether the schema's ``store_info`` exists, as the catalog's committed rows say (``to_regclass`` reads a
    cache that an advisory lock does not refresh: it can miss a table another session just made)."""
    return cur.execute("SELECT 1 FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
                       "WHERE n.nspname = %s AND c.relname = 'store_info'", (SCHEMA,)).fetchone() is not None


def _lock_key(article: str) -> int:
    """The advisory lock (a signed 64-bit number) that guards one article id."""
    return int.from_bytes(hashlib.blake2b(article.encode("utf-8"), digest_size=8).digest(), "big", signed=True)


class PostgisStore(ClaimsStore):
    """A claims store in the ``geonews`` schema of a PostgreSQL database with PostGIS (see the module notes)."""

    kind = "PostGIS"

    def __init__(self, target: str, *, create: bool = False, on_wait=None) -> None:
        super().__init__(target, create=create, on_wait=on_wait)
        self.name = display_name(target)
        self._conn = None

    # -- opening -----------------------------------------------------------------------------------
    def open(self) -> None:
        import psycopg

        try:
            self._conn = psycopg.connect(self.target, autocommit=True, connect_timeout=10,
                                         application_name="geonews")
        except psycopg.Error as err:
            raise UsageError(f"{self.name}: cannot connect ({_first_line(err)})") from err
        except ValueError as err:  # psycopg's own check of the URI
            raise UsageError(f"{self.name}: not a database address ({_first_line(err)})") from err
        try:
            found = self._version()
            if found is None and self.create:
                self._create()
                found = self._version()
            if found is None:
                raise UsageError(f"{self.name}: no claims store in this database (no schema {SCHEMA!r}; "
                                 "'geonews ingest' makes it)")
            if 0 < found < SCHEMA_VERSION:
                self._upgrade()
            elif found != SCHEMA_VERSION:
                raise version_error(self.name, found)
        except BaseException:
            self.close()
            raise

    def close(self) -> None:
        if self._conn is not None:
            self._conn.close()
            self._conn = None

    def _version(self) -> int | None:
        """The schema version recorded in the database, ``None`` when there is no store."""
        import psycopg

        try:
            with self._conn.cursor() as cur:
                cur.execute("SELECT to_regclass(%s), to_regnamespace(%s)", (f"{SCHEMA}.store_info", SCHEMA))
                info, schema = cur.fetchone()
                if info is None:
                    if schema is not None and cur.execute(
                            "SELECT count(*) FROM pg_class WHERE relnamespace = %s::regnamespace",
                            (SCHEMA,)).fetchone()[0]:
                        raise UsageError(f"{self.name}: schema {SCHEMA!r} holds tables that are not a claims store")
                    return None
                row = cur.execute(f"SELECT value FROM {SCHEMA}.store_info WHERE key = 'schema_version'").fetchone()
        except psycopg.Error as err:
            raise UsageError(f"{self.name}: cannot read the store ({_first_line(err)})") from err
        value = row[0] if row else "0"
        return int(value) if value.isdigit() else 0

    def _create(self) -> None:
        """Make the schema, once, however many ingests start at the same time."""
        import psycopg

        try:
            with self._conn.transaction(), self._conn.cursor() as cur:
                cur.execute("SELECT pg_advisory_xact_lock(%s)", (_CREATE_LOCK,))
                if _has_store_info(cur):
                    return  # another ingest made it while this one waited
                if cur.execute("SELECT 1 FROM pg_extension WHERE extname = 'postgis'").fetchone() is None:
                    self._install_postgis(cur)
                cur.execute(DDL)
                cur.execute(f"INSERT INTO {SCHEMA}.store_info (key, value) VALUES ('schema_version', %s)",
                            (str(SCHEMA_VERSION),))
        except psycopg.Error as err:
            raise UsageError(f"{self.name}: cannot make the claims store ({_first_line(err)})") from err

    def _upgrade(self) -> None:
        """Bring an older store up to :data:`SCHEMA_VERSION`: the statement columns each version added
        (empty in the rows stored before) and the view anew, once, however many ingests open it at once."""
        import psycopg

        try:
            with self._conn.transaction(), self._conn.cursor() as cur:
                cur.execute("SELECT pg_advisory_xact_lock(%s)", (_CREATE_LOCK,))
                row = cur.execute(f"SELECT value FROM {SCHEMA}.store_info WHERE key = 'schema_version'").fetchone()
                found = int(row[0]) if row and row[0].isdigit() else 0
                if found >= SCHEMA_VERSION:
                    return  # another ingest did it while this one waited
                for column in columns_added_since(found):
                    cur.execute(f'ALTER TABLE {SCHEMA}.statements ADD COLUMN IF NOT EXISTS "{column}" '
                                f'{_sql_type(column)}')
                cur.execute(f"DROP VIEW IF EXISTS {SCHEMA}.claim_places")
                cur.execute(VIEW)
                cur.execute(f"UPDATE {SCHEMA}.store_info SET value = %s WHERE key = 'schema_version'",
                            (str(SCHEMA_VERSION),))
        except psycopg.Error as err:
            raise UsageError(f"{self.name}: a claims store of an older schema version, which could not be brought "
                             f"up to version {SCHEMA_VERSION} ({_first_line(err)})") from err

    def _install_postgis(self, cur) -> None:
        import psycopg

        try:
            with self._conn.transaction():  # a savepoint: the error is reported, not the aborted transaction
                cur.execute("CREATE EXTENSION postgis")
        except psycopg.errors.InsufficientPrivilege as err:
            raise UsageError(f"{self.name}: PostGIS is not installed in this database; as its owner or a "
                             "superuser run: CREATE EXTENSION postgis;") from err
        except (psycopg.errors.UndefinedFile, psycopg.errors.FeatureNotSupported) as err:
            raise UsageError(f"{self.name}: the server has no PostGIS (on Debian: apt-get install "
                             "postgresql-15-postgis-3)") from err

    # -- the interface -----------------------------------------------------------------------------
    def digests(self, ids: Iterable[str]) -> dict[str, str]:
        ids = list(ids)
        if not ids:
            return {}
        with self._conn.cursor() as cur:
            cur.execute(f"SELECT article, digest FROM {SCHEMA}.articles WHERE article = ANY(%s)", (ids,))
            return dict(cur.fetchall())

    def add(self, articles: Sequence[StoredArticle], frame) -> dict[str, str]:
        import psycopg

        check_batch(articles, frame)
        if not articles:
            return {}
        statements, places = split_rows(frame)
        places = _with_ewkb(places)
        ids = [a.article for a in articles]
        for attempt in range(_RETRIES):
            try:
                with self._conn.transaction(), self._conn.cursor() as cur:
                    keys = sorted({_lock_key(i) for i in ids})  # one order for every ingest: no deadlock
                    cur.execute("SELECT pg_advisory_xact_lock(k) FROM unnest(%s::bigint[]) AS k", (keys,))
                    stored = dict(cur.execute(f"SELECT article, digest FROM {SCHEMA}.articles WHERE article = ANY(%s)",
                                              (ids,)).fetchall())
                    outcome = {a.article: STORED if stored.get(a.article) == a.digest else
                               REPLACED if a.article in stored else NEW for a in articles}
                    self._write(cur, articles, outcome, statements, places)
                return outcome
            except (psycopg.errors.DeadlockDetected, psycopg.errors.SerializationFailure):
                if attempt == _RETRIES - 1:
                    raise
            except psycopg.OperationalError as err:
                raise OutputError(f"cannot write {self.name}: {_first_line(err)}") from err
            except psycopg.Error as err:
                raise UsageError(f"{self.name}: cannot add articles ({_first_line(err)})") from err
        raise AssertionError("unreachable")  # pragma: no cover

    def _write(self, cur, articles, outcome, statements, places) -> None:
        """Write a batch inside the open transaction: the replaced articles go (with their rows), the batch's come."""
        replaced = [a for a, what in outcome.items() if what == REPLACED]
        if replaced:
            cur.execute(f"DELETE FROM {SCHEMA}.articles WHERE article = ANY(%s)", (replaced,))
        keep = {a for a, what in outcome.items() if what != STORED}
        if not keep:
            return
        _copy(cur, "articles", ARTICLE_COLUMNS, article_rows([a for a in articles if a.article in keep], utc_now()))
        _copy(cur, "statements", STATEMENT_COLUMNS, (row for row in statements if row[0] in keep))
        _copy(cur, "places", PLACE_COLUMNS, (row for row in places if row[0] in keep))

    def read(self, *, since=None, until=None):
        import psycopg
        import shapely

        since, until = day_bound(since, "--since"), day_bound(until, "--until")
        try:
            with self._conn.cursor() as cur:
                rows = cur.execute(_READ, {"since": since, "until": until}).fetchall()
        except psycopg.Error as err:
            raise UsageError(f"{self.name}: cannot read the store ({_first_line(err)})") from err
        geometry = list(shapely.from_wkb([row[-1] for row in rows])) if rows else []
        return rows_frame(LAYER_COLUMNS, [row[:-1] for row in rows], geometry)

    def articles(self):
        import pandas as pd

        names = ", ".join(f'"{c}"' for c in ARTICLE_COLUMNS)
        with self._conn.cursor() as cur:
            rows = cur.execute(f"SELECT {names} FROM {SCHEMA}.articles ORDER BY seq").fetchall()
        table = pd.DataFrame(rows, columns=list(ARTICLE_COLUMNS), dtype=object)  # None stays None
        for column in ("day", "ingested_at"):
            table[column] = pd.Series([None if v is None else v.isoformat() for v in table[column]], dtype=object)
        table["statements"] = table["statements"].astype("int64")
        return table


def _with_ewkb(places: list[tuple]) -> list[tuple]:
    """Place rows with their geometry as hex EWKB (SRID 4326), what COPY hands PostGIS."""
    import numpy as np
    import shapely

    if not places:
        return places
    at = PLACE_COLUMNS.index("geometry")
    shapes = shapely.set_srid(np.array([row[at] for row in places], dtype=object), 4326)
    ewkb = shapely.to_wkb(shapes, hex=True, include_srid=True, flavor="extended")
    return [(*row[:at], None if row[at] is None else code, *row[at + 1:]) for row, code in zip(places, ewkb)]


def _copy(cur, table: str, columns: Sequence[str], rows: Iterable[tuple]) -> None:
    names = ", ".join(f'"{c}"' for c in columns)
    with cur.copy(f"COPY {SCHEMA}.{table} ({names}) FROM STDIN") as copy:
        for row in rows:
            copy.write_row(row)
