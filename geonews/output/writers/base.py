"""What every table writer shares: a temporary file renamed over the target at the end, frames held in
batches where an append has a fixed cost, the empty table when no frame came.

A format is one subclass of :class:`TableWriter` in a module of its own (``geojson.py``, ``gpkg.py`` …),
registered by name and suffix in :data:`geonews.output.writers.WRITERS`; it says how to append a frame
(:meth:`TableWriter._append_frame`) and how to finish and close its file.
"""

from __future__ import annotations

import contextlib
import os
import sys
import tempfile
from pathlib import Path
from typing import IO, ClassVar

from geonews.files import check_replaceable, check_target, creating, replacing, written_path

__all__ = ["BATCH_ROWS", "TableWriter", "atomic_output", "check_writable"]

#: Rows a batched format (GeoPackage, GeoParquet) holds before it appends them: fewer GeoPackage appends,
#: larger row groups, and memory bounded all the same.
BATCH_ROWS = 10_000


def check_writable(path: str | os.PathLike, *, force: bool = True) -> None:
    """Check that a file can be created at ``path``, whatever its suffix (a temporary file is made and removed).

    With ``force=False``, an existing file that is read-only is refused too (:func:`~geonews.files.check_replaceable`).

    Raises
    ------
    OutputError
        Missing folder, a folder as target, a folder that cannot be written, or (``force=False``) a
        read-only file.
    """
    path = Path(path)
    check_target(path)
    check_replaceable(path, force=force)
    with creating(path):
        tempfile.NamedTemporaryFile(dir=written_path(path).parent, prefix=".geonews-check-").close()


def atomic_output(path: str | os.PathLike):
    """A temporary path next to ``path``, renamed to ``path`` when the block succeeds (:func:`geonews.files.replacing`)."""
    return replacing(path)


class TableWriter:
    """Write statements frame by frame (:func:`~geonews.output.frame.to_frame`) to one GeoJSON, GeoPackage,
    GeoParquet or CSV file, atomically: memory holds one frame (or one batch) at a time, whatever the
    output's size.

    ``TableWriter(path, fmt=None)`` gives the writer registered for the format ``fmt`` or the suffix of
    ``path`` names (:data:`geonews.output.writers.WRITERS`). The file is the one
    :func:`~geonews.output.writers.write` makes of all the frames at once. It is written to a temporary
    file that replaces ``path`` when the ``with`` block ends without an error (an error or an interrupt
    leaves the old file, or none).

    Examples
    --------
    >>> with TableWriter("claims.gpkg") as out:        # doctest: +SKIP
    ...     for chunk in chunks_of_articles:
    ...         out.write(to_frame(s for a in chunk for s in extract_statements(a, gz)))
    """

    #: The format's name (``"gpkg"``) and file suffix (``".gpkg"``), as registered.
    format: ClassVar[str] = ""
    suffix: ClassVar[str] = ""
    #: Rows held before an append (0: each frame is appended as it comes).
    batch_rows: ClassVar[int] = 0

    def __new__(cls, path: str | os.PathLike, fmt: str | None = None):
        if cls is TableWriter:  # the writer the format names
            from . import table_writer_class

            cls = table_writer_class(path, fmt)
        return super().__new__(cls)

    def __init__(self, path: str | os.PathLike, fmt: str | None = None) -> None:
        self.path = Path(path)
        self.kind = self.format
        #: Rows written so far.
        self.rows = 0
        self._tmp: Path | None = None
        self._stack = contextlib.ExitStack()
        self._started = False  # a frame has been appended to the temporary file
        self._file: IO | None = None  # the open temporary file, for formats written as text
        self._pending: list = []  # frames held until they make a batch

    def __enter__(self) -> TableWriter:
        with contextlib.ExitStack() as stack:
            self._tmp = stack.enter_context(atomic_output(self.path))
            self._stack = stack.pop_all()
        return self

    def write(self, frame) -> int:
        """Append a frame's rows; return how many."""
        if self._tmp is None:
            raise RuntimeError(f"{type(self).__name__}.write() called outside its with block")
        if self.batch_rows:  # each append has a fixed cost there (a GeoPackage append, a row group)
            self._pending.append(frame)
            if sum(map(len, self._pending)) >= self.batch_rows:
                self._flush()
        else:
            self._append(frame)
        self.rows += len(frame)
        return len(frame)

    def _flush(self) -> None:
        if self._pending:
            import pandas as pd

            frames, self._pending = [f for f in self._pending if len(f)] or self._pending[:1], []
            self._append(frames[0] if len(frames) == 1 else pd.concat(frames, ignore_index=True))

    def _append(self, frame) -> None:
        self._append_frame(frame)
        self._started = True

    def __exit__(self, exc_type, exc, tb) -> bool:
        try:
            if exc_type is None:
                self._flush()
                if not self._started:  # no frame given: the file still holds the (empty) table
                    from geonews.output.frame import to_frame

                    self._append(to_frame([]))
                self._finish()
            else:
                self._close()
        except BaseException:
            self._close()
            self._tmp = None
            self._stack.__exit__(*sys.exc_info())
            raise
        self._tmp = None
        return bool(self._stack.__exit__(exc_type, exc, tb))

    # -- what a format says ------------------------------------------------------------------------
    def _append_frame(self, frame) -> None:
        """Append one frame to the temporary file ``self._tmp`` (``self._started``: not the first)."""
        raise NotImplementedError

    def _finish(self) -> None:
        """Complete the file after the last frame (a closing bracket, the final metadata), then close it."""
        self._close()

    def _close(self) -> None:
        """Close what is open on the temporary file (also after an error)."""
        if self._file is not None:
            self._file.close()
            self._file = None
