"""The claims store interface, and what every store shares: how an article is identified, how a frame
of statements splits into the store's rows, and how rows read back become a frame again.

A store takes what the face (``geonews ingest``) hands it: articles with their digests
(:class:`StoredArticle`) and one frame of their statements (:func:`~geonews.output.frame.to_frame`). It
knows nothing of gazetteers or extraction.
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import json
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import ClassVar

from geonews.errors import UsageError

from .schema import LAYER_COLUMNS, PLACE_COLUMNS, SCHEMA_VERSION, STATEMENT_COLUMNS

__all__ = ["NEW", "REPLACED", "STORED", "ClaimsStore", "StoredArticle", "article_digest", "article_rows", "calendar_day",
           "check_batch", "day_bound", "frame_columns", "layer_rows", "rows_frame", "split_rows", "utc_now",
           "version_error"]

#: What :meth:`ClaimsStore.add` did with an article: stored it for the first time, replaced its
#: earlier version (other content under the same id), or found it stored already with this content.
NEW, REPLACED, STORED = "new", "replaced", "stored"

_PLAIN = frozenset({str, int, type(None)})  # cells frame.plain() gives back as they are
_ISO_DAY = re.compile(r"(\d{4}-\d{2}-\d{2})(?:$|[T ])")


def article_digest(article) -> str:
    """The stable digest of an article: SHA-256 (hex) of its id, its text and its title, date, source and url.

    Two reads of the same article give the same digest on any machine (a re-ingest is a no-op); any
    change to what it says (a corrected text or date) gives another one (its statements are replaced).
    Where it was read from (``path``, ``line``) is not part of it.
    """
    fields = [article.id, article.text, article.title, article.date, article.source, article.url]
    return hashlib.sha256(json.dumps(fields, ensure_ascii=False).encode("utf-8")).hexdigest()


def calendar_day(date: str | None) -> str | None:
    """The calendar day (``YYYY-MM-DD``) an article's date names, or ``None`` when it is not ISO 8601."""
    match = _ISO_DAY.match(date or "")
    if match is None:
        return None
    try:
        return _dt.date.fromisoformat(match.group(1)).isoformat()
    except ValueError:
        return None


def day_bound(value: str | _dt.date | None, option: str) -> str | None:
    """A ``--since`` / ``--until`` value as ``YYYY-MM-DD`` (``None`` stays ``None``).

    Raises
    ------
    UsageError
        For a value that is not a date, naming ``option``.
    """
    if value is None:
        return None
    if isinstance(value, _dt.date):
        return value.isoformat()[:10]
    try:
        return _dt.date.fromisoformat(str(value).strip()[:10]).isoformat()
    except ValueError:
        raise UsageError(f"{option} expects a date such as 2018-05-06, not {value!r}") from None


@dataclass(frozen=True, slots=True)
class StoredArticle:
    """What a store keeps of an article: its id and digest, its metadata, and how many statements it gave."""

    article: str
    digest: str
    title: str | None = None
    date: str | None = None
    source: str | None = None
    url: str | None = None
    path: str | None = None
    statements: int = 0

    @classmethod
    def of(cls, article, statements: int, digest: str | None = None) -> StoredArticle:
        """The record of an :class:`~geonews.reading.articles.Article` that gave ``statements`` statements."""
        return cls(article.id, digest or article_digest(article), article.title, article.date, article.source,
                   article.url, article.path or None, statements)

    @property
    def day(self) -> str | None:
        """The calendar day of :attr:`date` (:func:`calendar_day`)."""
        return calendar_day(self.date)


def version_error(name: str, found: int) -> UsageError:
    """The one-line error for a store of schema version ``found`` where this code has :data:`SCHEMA_VERSION`."""
    if found < SCHEMA_VERSION:
        return UsageError(f"{name}: a claims store of schema version {found}, older than this geonews "
                          f"(version {SCHEMA_VERSION}): ingest its articles into a new store")
    return UsageError(f"{name}: a claims store of schema version {found}, newer than this geonews "
                      f"(version {SCHEMA_VERSION}): use a newer geonews")


class ClaimsStore:
    """A claims store: statements gathered over time, one version of each article.

    Use it as a context manager (it opens and checks the store on entering, and closes it on leaving)::

        with open_store("claims.gpkg", create=True) as store:
            known = store.digests(["a1", "a2"])          # id -> digest of the articles stored
            outcome = store.add(records, frame)          # id -> NEW, REPLACED or STORED
        frame = open_store("claims.gpkg").read(since="2018-05-01")

    Guarantees (both stores): an article is added whole or not at all (one transaction); an article
    whose id is stored with the same digest is left as it is; one stored with another digest has its
    statements replaced; several writers at once lose nothing and duplicate nothing.
    """

    #: What kind of store it is, for messages ("GeoPackage", "PostGIS").
    kind: ClassVar[str] = ""

    def __init__(self, target: str, *, create: bool = False, on_wait: Callable[[str], object] | None = None) -> None:
        self.target = target
        #: How the store is named in messages (without a password).
        self.name = target
        self.create = create
        self.on_wait = on_wait

    def __enter__(self) -> ClaimsStore:
        self.open()
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.name}>"

    # -- the interface ------------------------------------------------------------------------------
    def open(self) -> None:
        """Connect and check the store (its schema version); a missing store is an error unless ``create``.

        Raises
        ------
        UsageError
            One line: no such store, not a claims store, another schema version, cannot connect or write.
        """
        raise NotImplementedError

    def close(self) -> None:
        """Let go of the connection (nothing is lost: every :meth:`add` is committed when it returns)."""
        raise NotImplementedError

    def digests(self, ids: Iterable[str]) -> dict[str, str]:
        """Article id -> stored digest, for those of ``ids`` in the store."""
        raise NotImplementedError

    def add(self, articles: Sequence[StoredArticle], frame) -> dict[str, str]:
        """Add articles and their statements in one transaction; return id -> :data:`NEW`, :data:`REPLACED`
        or :data:`STORED` (already there with this digest: nothing written).

        Parameters
        ----------
        articles : sequence of StoredArticle
            Each id at most once.
        frame : geopandas.GeoDataFrame
            Their statements (:func:`~geonews.output.frame.to_frame`, statements numbered from 0 in each
            article); columns the store does not have are an error, columns it has and the frame lacks
            (``modality``, ``role`` before extraction gives them) are stored empty.
        """
        raise NotImplementedError

    def read(self, *, since: str | _dt.date | None = None, until: str | _dt.date | None = None):
        """The stored statements as a frame like :func:`~geonews.output.frame.to_frame` gives, in the order
        they were added; with ``since`` / ``until`` (days, both included) only those of articles whose
        date falls in that span (articles without an ISO date are then left out)."""
        raise NotImplementedError

    def articles(self):
        """The ``articles`` table as a pandas DataFrame (:data:`~.schema.ARTICLE_COLUMNS`), in the order added."""
        raise NotImplementedError


# -- frames in, rows out, and back ---------------------------------------------------------------------

def check_batch(articles: Sequence[StoredArticle], frame) -> None:
    """Refuse an :meth:`ClaimsStore.add` batch that a store cannot keep as given.

    Raises
    ------
    ValueError
        An id given twice, frame rows of an article not in the batch, a statement count that does not
        match the frame, or frame columns the store has no place for.
    """
    ids = [a.article for a in articles]
    if len(set(ids)) != len(ids):
        raise ValueError(f"Expected each article once in a batch, instead got ids: {sorted(ids)!r}.")
    unknown = [c for c in frame.columns if c not in LAYER_COLUMNS and c != frame.geometry.name]
    if unknown:
        raise ValueError(f"Expected the columns of a statements frame, instead got columns the store does not "
                         f"keep: {unknown!r} (its schema needs a new version).")
    counts = frame.groupby("article", sort=False)["statement"].nunique().to_dict() if len(frame) else {}
    for article in articles:
        found = counts.pop(article.article, 0)
        if found != article.statements:
            raise ValueError(f"Expected {article.statements} statements of article {article.article!r} in the "
                             f"frame, instead got {found}.")
    if counts:
        raise ValueError(f"Expected statements of the batch's articles only, instead got some of: {sorted(counts)!r}.")


def frame_columns(frame, columns: Sequence[str]) -> dict[str, list]:
    """The frame's cells for ``columns`` as plain Python lists (:func:`~geonews.output.frame.plain`: ``None``
    where missing; a column the frame lacks is all ``None``)."""
    from geonews.output.frame import plain

    out = {}
    for column in columns:
        if column not in frame.columns:
            out[column] = [None] * len(frame)
            continue
        values = frame[column].tolist()  # numpy scalars unwrapped; str, int and None are plain already
        out[column] = [v if v.__class__ in _PLAIN else plain(v) for v in values]
    return out


def split_rows(frame) -> tuple[list[tuple], list[tuple]]:
    """A statements frame as the store's rows: one tuple per statement (:data:`STATEMENT_COLUMNS`) and one
    per place (:data:`PLACE_COLUMNS`, the geometry a shapely object or ``None``), in frame order; a row
    without ``place_text`` is a statement without places."""
    cells = frame_columns(frame, [c for c in (*STATEMENT_COLUMNS, *PLACE_COLUMNS) if c != "geometry"])
    geometry = list(frame.geometry.values) if len(frame) else []
    statements, places = [], []
    last = None
    place = 0
    for i in range(len(frame)):
        key = (cells["article"][i], cells["statement"][i])
        if key != last:
            statements.append(tuple(cells[c][i] for c in STATEMENT_COLUMNS))
            last, place = key, 0
        if cells["place_text"][i] is not None:
            values = {"place": place, "geometry": geometry[i]}
            places.append(tuple(values[c] if c in values else cells[c][i] for c in PLACE_COLUMNS))
            place += 1
    return statements, places


def layer_rows(frame) -> tuple[list[str], list[tuple], list]:
    """A statements frame as rows of the flat layer: the :data:`LAYER_COLUMNS` and one tuple per frame row,
    and the geometries (shapely or ``None``) apart."""
    cells = frame_columns(frame, LAYER_COLUMNS)
    geometry = list(frame.geometry.values) if len(frame) else []
    return list(LAYER_COLUMNS), list(zip(*(cells[c] for c in LAYER_COLUMNS))), geometry


def rows_frame(columns: Sequence[str], rows: Sequence[Sequence], geometry: Sequence):
    """Rows read back from a store (cells in ``columns`` order) and their geometries as a statements frame."""
    from geonews.output.frame import from_columns

    cells = {c: [row[i] for row in rows] for i, c in enumerate(columns)}
    return from_columns(cells, geometry)


def article_rows(articles: Sequence[StoredArticle], when: str) -> list[tuple]:
    """The ``articles`` rows of a batch, ingested at ``when``, in :data:`~.schema.ARTICLE_COLUMNS` order."""
    return [(a.article, a.digest, a.title, a.date, a.day, a.source, a.url, a.path, a.statements, when)
            for a in articles]


def utc_now() -> str:
    """Now, in UTC, as ISO 8601 to the second."""
    return _dt.datetime.now(_dt.timezone.utc).isoformat(timespec="seconds")

