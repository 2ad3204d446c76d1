"""The claims store: statements gathered over time, one version of each article, in a GeoPackage file
(one analyst) or a PostGIS database (a team), through one interface (:class:`ClaimsStore`).

:func:`open_store` picks the store a ``--store`` value names: ``postgresql://USER@HOST[:PORT]/DB`` (or
``postgres://``) is a PostGIS database, anything else a GeoPackage path. The store takes articles
with their digests and frames of their statements (:meth:`ClaimsStore.add`); extracting them is the
caller's job (:func:`geonews.ingest.ingest`). The schema both keep is :mod:`geonews.output.store.schema`.
"""

from __future__ import annotations

import os

from .base import (NEW, REPLACED, STORED, ClaimsStore, StoredArticle, article_digest, calendar_day, day_bound,
                   version_error)
from .schema import ARTICLE_COLUMNS, LAYER_COLUMNS, PLACE_COLUMNS, SCHEMA_VERSION, STATEMENT_COLUMNS

__all__ = ["ARTICLE_COLUMNS", "LAYER_COLUMNS", "NEW", "PLACE_COLUMNS", "REPLACED", "SCHEMA_VERSION",
           "STATEMENT_COLUMNS", "STORED", "ClaimsStore", "StoredArticle", "article_digest", "calendar_day",
           "day_bound", "is_database", "open_store", "read_store", "version_error"]

_DATABASE_SCHEMES = ("postgresql://", "postgres://")


def is_database(target: str | os.PathLike) -> bool:
    """Whether a ``--store`` value names a PostGIS database (``postgresql://…``) rather than a file."""
    return isinstance(target, str) and target.lower().startswith(_DATABASE_SCHEMES)


def open_store(target: str | os.PathLike, *, create: bool = False, on_wait=None) -> ClaimsStore:
    """The store a ``--store`` value names (not yet opened: use it in a ``with`` block).

    Parameters
    ----------
    target : str or path
        ``postgresql://USER@HOST[:PORT]/DB`` for PostGIS (libpq's other settings and environment
        variables apply: ``PGPASSWORD``, ``~/.pgpass``, ``?host=/run/postgresql`` for a socket), else
        the path of a GeoPackage.
    create : bool
        Make the store (the file, or the database's ``geonews`` schema) on the first add when it is
        missing; without it a missing store is an error.
    on_wait : callable, optional
        Told (one line) when the store makes a writer wait for another one.
    """
    if is_database(target):
        from .postgis import PostgisStore

        return PostgisStore(str(target), create=create, on_wait=on_wait)
    from .gpkg import GeoPackageStore

    return GeoPackageStore(target, create=create, on_wait=on_wait)


def read_store(target: str | os.PathLike, *, since=None, until=None):
    """The statements of a store as a frame like :func:`~geonews.output.frame.to_frame` gives.

    Parameters
    ----------
    target : str or path
        A store (see :func:`open_store`).
    since, until : str or datetime.date, optional
        Keep the statements of articles dated on or after ``since`` and on or before ``until``
        (``YYYY-MM-DD``); articles without an ISO date are left out when either is given.

    Raises
    ------
    UsageError
        No store there, not a claims store, another schema version, or a bound that is not a date.
    """
    since, until = day_bound(since, "--since"), day_bound(until, "--until")
    with open_store(target) as store:
        return store.read(since=since, until=until)
