"""One exception tree for the gazetteer, rooted at :class:`GazetteerError`."""

from __future__ import annotations

__all__ = ["GazetteerError", "QueryError", "IndexMissingError"]


class GazetteerError(Exception):
    """Base class of every error the gazetteer raises."""


class QueryError(GazetteerError, ValueError):
    """A query that cannot be looked up: not a string, empty, or absurdly long."""


class IndexMissingError(GazetteerError, FileNotFoundError):
    """The compiled index is missing; run ``python -m gazetteer.build``."""
