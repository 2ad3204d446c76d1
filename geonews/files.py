"""Files and folders that appear whole or not at all.

Every output of geonews (data files, maps, partitioned GeoParquet, the claims store) is written to a
temporary file or folder beside its target and renamed over it when the work succeeds; an error or an
interrupt (``KeyboardInterrupt`` included) removes the temporary and leaves the old target, or none.
:func:`replacing` is that one mechanism; :func:`new_file_mode` and :func:`umask` give what the renamed
file's permissions should be.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

from geonews.errors import OutputError

__all__ = ["creating", "check_target", "new_file_mode", "replacing", "umask"]


def umask() -> int:
    """The process's umask (read without changing it for longer than the call)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def new_file_mode(path: str | os.PathLike, *, folder: bool = False) -> int:
    """The permissions ``path`` keeps if it exists, else those a new file (or folder) gets under the umask."""
    try:
        return Path(path).stat().st_mode & 0o7777
    except OSError:
        return (0o777 if folder else 0o666) & ~umask()


def check_target(path: Path, *, folder: bool = False) -> None:
    """Refuse a target whose folder is missing, or that is a folder where a file is written (or the reverse)."""
    where = f"{path.as_posix()}/" if folder else path.as_posix()
    if not path.parent.is_dir():
        raise OutputError(f"cannot write {where}: folder {path.parent.as_posix()} does not exist")
    if not folder and path.is_dir():
        raise OutputError(f"cannot write {where}: it is a folder")
    if folder and path.exists() and not path.is_dir():
        raise OutputError(f"cannot write {where}: it is a file")


@contextlib.contextmanager
def creating(path: Path, *, folder: bool = False) -> Iterator[None]:
    """Turn an ``OSError`` while creating or renaming files into a one-line :class:`~geonews.errors.OutputError`."""
    try:
        yield
    except OSError as err:
        reason = err.strerror or str(err)
        if isinstance(err, PermissionError):
            reason = f"permission denied in {path.parent.as_posix()}"
        where = f"{path.as_posix()}/" if folder else path.as_posix()
        raise OutputError(f"cannot write {where}: {reason}") from err


@contextlib.contextmanager
def replacing(path: str | os.PathLike, *, folder: bool = False, copy: bool = False,
              fsync: bool = False) -> Iterator[Path]:
    """Yield a temporary path beside ``path``; rename it over ``path`` when the block succeeds.

    Parameters
    ----------
    path : path-like
        The target: a file, or with ``folder=True`` a folder (an existing one is replaced whole).
    folder : bool
        Make a temporary folder instead of a file.
    copy : bool
        Start the temporary file as a copy of the existing target (to append to it); without a target
        the temporary path does not exist yet, so a library can create it.
    fsync : bool
        Flush the temporary file to disk before the rename.

    Yields
    ------
    pathlib.Path
        The temporary file (same suffix as the target: GDAL drivers choose by it) or folder.

    Raises
    ------
    OutputError
        The folder does not exist, the target is of the other kind, or it cannot be created or renamed.
    """
    path = Path(path)
    check_target(path, folder=folder)
    with creating(path, folder=folder):
        if folder:
            tmp = Path(tempfile.mkdtemp(dir=path.parent, prefix=f".{path.name}."))
        else:
            handle = tempfile.NamedTemporaryFile(dir=path.parent, prefix=f".{path.stem}.", suffix=path.suffix,
                                                 delete=False)
            handle.close()
            tmp = Path(handle.name)
            if copy and path.exists():
                shutil.copyfile(path, tmp)
            elif copy:
                tmp.unlink()  # the writer creates it
    try:
        yield tmp
        with creating(path, folder=folder):
            if fsync and tmp.is_file():
                with open(tmp, "rb+") as fh:
                    os.fsync(fh.fileno())
            os.chmod(tmp, new_file_mode(path, folder=folder))  # not the temporary's 0o600 / 0o700
            if folder and path.exists():
                _replace_folder(tmp, path)
            else:
                os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            if folder:
                shutil.rmtree(tmp, ignore_errors=True)
            else:
                tmp.unlink()
        raise


def _replace_folder(new: Path, target: Path) -> None:
    """Put folder ``new`` in the place of the existing folder ``target`` (which is removed)."""
    old = Path(tempfile.mkdtemp(dir=target.parent, prefix=f".{target.name}.old."))
    try:
        os.replace(target, old / "x")
        os.replace(new, target)
    finally:
        shutil.rmtree(old, ignore_errors=True)
