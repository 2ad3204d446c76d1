"""One exception tree for geonews, rooted at :class:`GeonewsError`."""

from __future__ import annotations

__all__ = ["ClusterError", "GeonewsError", "InputError", "OutputError", "RecordError", "UsageError"]


class GeonewsError(Exception):
    """Base class of every error geonews raises."""


class InputError(GeonewsError, ValueError):
    """A whole input is unusable: a missing path, an unreadable folder."""


class RecordError(GeonewsError, ValueError):
    """One record (a line or a file) is broken; the rest of the input goes on.

    Parameters
    ----------
    path : str
        The file, as given.
    line : int or None
        1-based line number, or ``None`` when the problem is the whole file.
    message : str
        One line saying what is wrong, e.g. ``"not valid JSON (Expecting ',' delimiter)"``.
    """

    def __init__(self, path: str, line: int | None, message: str) -> None:
        super().__init__(path, line, message)  # all in args, so the error pickles across processes
        self.path = str(path)
        self.line = line
        self.message = message

    def __str__(self) -> str:
        where = self.path if self.line is None else f"{self.path}:{self.line}"
        return f"{where}: {self.message}"


class UsageError(GeonewsError):
    """The command line or the call asks for something that cannot be done."""


class OutputError(UsageError, OSError):
    """An output cannot be created or replaced (a missing folder, no permission, no space left)."""


class ClusterError(GeonewsError):
    """The Dask cluster was lost in the middle of a run: no worker, or no answer from its scheduler, for longer
    than the run waits (``--dask-timeout``). The message says how many articles were done and which was the
    first not done.

    Parameters
    ----------
    message : str
        One line.
    done : int
        Articles whose chunk came back before the loss.
    """

    def __init__(self, message: str, done: int = 0) -> None:
        super().__init__(message, done)
        self.message = message
        self.done = done

    def __str__(self) -> str:
        return self.message
