"""JSON Lines: one contract statement per line (UTF-8, compact, non-ASCII as it is), streamed article by article.

A record is serialised by orjson (:func:`json_line`): the same JSON values as ``json.dumps(record,
ensure_ascii=False)``, written without spaces after ``,`` and ``:``, several times faster.
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import IO

import orjson

from geonews.model import Statement

from .base import atomic_output

__all__ = ["JsonlWriter", "json_line"]


def json_line(record: dict) -> str:
    """One JSON Lines record: ``record`` as compact JSON (UTF-8 text, non-ASCII as it is) and a newline.

    >>> json_line({"place": "حلب", "start": 3})
    '{"place":"حلب","start":3}\\n'
    """
    return orjson.dumps(record, option=orjson.OPT_APPEND_NEWLINE).decode("utf-8")


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

    #: The format's name and file suffix, as registered (:data:`geonews.output.writers.WRITERS`).
    format, suffix = "jsonl", ".jsonl"

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
            self._file.write(json_line(record))
            n += 1
        self._file.flush()
        self.count += n
        return n

    def write_text(self, lines: str) -> int:
        """Write statements already serialised as JSON Lines (each line ending in ``\\n``), then flush.

        For text made by the same serialisation as :meth:`write` (:func:`json_line`), e.g. on a Dask worker;
        returns the number of lines."""
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
