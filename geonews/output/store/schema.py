"""The claims store's one schema: its tables, their columns and types, and its version.

Both stores keep the same three things (see README "The claims store"):

- **articles**: one row per article, identified by its id, with the :func:`~geonews.output.store.base.
  article_digest` of what it says (a re-ingest of the same article is a no-op; a changed one replaces
  its statements), its metadata, ``day`` (its date as a calendar day, when the date is ISO 8601: what
  ``--since`` and ``--until`` filter on), how many statements it gave and when it was ingested;
- **statements**: one row per statement (``article``, ``statement`` numbered from 0 in article order),
  with ``modality`` per statement;
- **places**: one row per place a statement names, in order (``place``), with ``role`` per place and
  the geometry (the point, or the area the relation describes) in EPSG:4326.

PostGIS keeps them as three tables (and a view, ``claim_places``, for GIS tools); the GeoPackage keeps
``articles`` and one layer ``statements`` with a feature per (statement, place), the columns of
statements and places side by side, as the statements frame has them. ``modality`` and ``role`` (and
any other column extraction does not fill yet) are nullable, so a store needs no migration when it
does.
"""

from __future__ import annotations

__all__ = ["ADDED_COLUMNS", "ARTICLE_COLUMNS", "columns_added_since", "FLOAT_COLUMNS", "INT_COLUMNS", "LAYER_COLUMNS", "PLACE_COLUMNS",
           "SCHEMA_VERSION", "STATEMENT_COLUMNS"]

#: The version of this schema, recorded in every store. A store of an older version that
#: :data:`ADDED_COLUMNS` can bring up to it is brought up to it when opened; another is refused with a
#: one-line message (a store from before versions were recorded is re-ingested into a new one; a newer
#: one needs a newer geonews).
SCHEMA_VERSION = 2
#: What each version added to the one before: the statement columns (nullable; the rows stored before
#: have none). Version 2: ``part``, where a statement's sentence is (``text`` or ``title``, the headline).
ADDED_COLUMNS = {2: ("part",)}


def columns_added_since(version: int) -> list[str]:
    """The statement columns the versions after ``version`` added, up to :data:`SCHEMA_VERSION`, in order."""
    return [c for v in range(version + 1, SCHEMA_VERSION + 1) for c in ADDED_COLUMNS.get(v, ())]

#: Columns of the ``articles`` table.
ARTICLE_COLUMNS = ("article", "digest", "title", "date", "day", "source", "url", "path", "statements",
                   "ingested_at")
#: Columns of a statement (per statement; ``article`` and ``statement`` are its key).
STATEMENT_COLUMNS = ("article", "statement", "text", "start", "end", "part", "speaker", "claim_type", "modality", "actor",
                     "actor_side", "target", "quantities")
#: Columns of a place a statement names (per place; ``article``, ``statement``, ``place`` are its key).
PLACE_COLUMNS = ("article", "statement", "place", "place_text", "place_start", "place_end", "id", "name", "name_ar",
                 "latitude", "longitude", "country_code", "feature", "relation", "geo_precision", "role",
                 "unresolved", "geometry")
#: Article columns the statements frame (and the GeoPackage layer) repeats on every row.
FRAME_ARTICLE_COLUMNS = ("article", "title", "date", "source", "url")
#: Columns of the GeoPackage layer ``statements`` (and of the PostGIS view ``claim_places``), but the geometry.
LAYER_COLUMNS = (*FRAME_ARTICLE_COLUMNS, *STATEMENT_COLUMNS[1:],
                 *(c for c in PLACE_COLUMNS if c not in ("article", "statement", "place", "geometry")))
#: Whole-number columns; ``latitude`` and ``longitude`` are floating point; the rest is text (``quantities``:
#: a JSON array as text; ``day``: a date; ``ingested_at``: a UTC timestamp) but ``geometry``.
INT_COLUMNS = frozenset({"statement", "start", "end", "place", "place_start", "place_end", "geo_precision",
                         "statements"})
FLOAT_COLUMNS = frozenset({"latitude", "longitude"})
