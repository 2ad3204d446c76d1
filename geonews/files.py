"""Files and folders that appear whole or not at all.

Every output of geonews (data files, maps, partitioned GeoParquet, the claims store) is written to a
temporary file or folder beside its target and renamed over it when the work succeeds; an error or an
interrupt (``KeyboardInterrupt`` included) removes the temporary and leaves the old target, or none.
:func:`replacing` is that one mechanism; :func:`new_file_mode` and :func:`umask` give what the renamed
file's permissions should be.

A target that is a symbolic link is written through it: the temporary file is made beside the link's
target and renamed over the target, so the link stays a link (:func:`written_path`). A temporary file's
name says which process made it (``.NAME.~HOST-PID-RANDOM.SUFFIX``): one left behind by a process that no
longer runs (killed with SIGKILL, or a machine that went down) is removed by the next :func:`replacing` of
the same target. A failure while the disk is full is the one-line :class:`~geonews.errors.OutputError`
``cannot write PATH: no space left on device``.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import os
import re
import shutil
import socket
import stat
import tempfile
from collections.abc import Iterator
from pathlib import Path

from geonews.errors import OutputError

__all__ = ["LOW_SPACE", "check_replaceable", "check_target", "creating", "new_file_mode", "no_space_left",
           "remove_stale_temporaries", "replacing", "umask", "written_path"]

#: Free bytes under which a failed write is put down to a full disk when the writing library's error does
#: not say why (GDAL reports a full disk as the SQL statement that failed).
LOW_SPACE = 1 << 20
_FULL_ERRNOS = frozenset({errno.ENOSPC, errno.EDQUOT})
_FULL_TEXTS = ("no space left on device", "[errno 28]", "database or disk is full", "disk quota exceeded")
#: What a temporary's name says of its maker: this machine (a short digest of its host name) and process.
_HOST = hashlib.sha256(socket.gethostname().encode("utf-8", "surrogatepass")).hexdigest()[:6]
_RANDOM = "[a-z0-9_]{8}"  # what tempfile adds to a name


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


def written_path(path: str | os.PathLike) -> Path:
    """The file a write to ``path`` replaces: the end of the chain of symbolic links ``path`` starts (which
    need not exist yet), else ``path`` itself."""
    path = Path(path)
    return Path(os.path.realpath(path)) if path.is_symlink() else path


def _where(path: Path, folder: bool) -> str:
    return f"{path.as_posix()}/" if folder else path.as_posix()


def check_target(path: Path, *, folder: bool = False) -> None:
    """Refuse a target whose folder is missing, or that is a folder where a file is written (or the reverse)."""
    where = _where(path, folder)
    real = written_path(path)
    if not real.parent.is_dir():
        raise OutputError(f"cannot write {where}: folder {real.parent.as_posix()} does not exist")
    if not folder and real.is_dir():
        raise OutputError(f"cannot write {where}: it is a folder")
    if folder and real.exists() and not real.is_dir():
        raise OutputError(f"cannot write {where}: it is a file")


def check_replaceable(path: str | os.PathLike, *, folder: bool = False, force: bool = False) -> None:
    """Refuse to replace an existing file (or folder) its owner made read-only, unless ``force``.

    Read-only means the user may not write it (``os.access``) or no one may (no write permission bit:
    what stops root too, to whom ``os.access`` always says yes).

    Raises
    ------
    OutputError
        ``cannot write PATH: it is read-only (--force replaces it)``.
    """
    real = written_path(path)
    if force:
        return
    try:
        mode = real.stat().st_mode
    except OSError:  # nothing there yet
        return
    if not os.access(real, os.W_OK) or not mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH):
        raise OutputError(f"cannot write {_where(Path(path), folder)}: it is read-only (--force replaces it)")


def no_space_left(error: BaseException, folder: str | os.PathLike) -> bool:
    """Whether ``error`` (or an error it came from) is a full disk: ``ENOSPC`` or ``EDQUOT``, a library's
    message saying so, or, for an error that does not say why, less than :data:`LOW_SPACE` bytes left
    in ``folder``'s file system."""
    seen = set()
    err: BaseException | None = error
    while err is not None and id(err) not in seen:
        seen.add(id(err))
        if isinstance(err, OSError) and err.errno in _FULL_ERRNOS:
            return True
        if any(text in str(err).lower() for text in _FULL_TEXTS):
            return True
        err = err.__cause__ or err.__context__
    if not isinstance(error, Exception):  # an interrupt is not a full disk
        return False
    try:
        found = os.statvfs(folder)
    except (OSError, AttributeError):
        return False
    return found.f_bavail * found.f_frsize < LOW_SPACE


def _write_error(path: Path, folder: bool, err: BaseException) -> OutputError:
    """The one-line error for a failure to write ``path``."""
    real = written_path(path)
    if no_space_left(err, real.parent):
        reason = "no space left on device"
    elif isinstance(err, PermissionError):
        reason = f"permission denied in {real.parent.as_posix()}"
    elif isinstance(err, OSError):
        reason = err.strerror or str(err)
    else:
        reason = str(err).splitlines()[0] if str(err) else type(err).__name__
    return OutputError(f"cannot write {_where(path, folder)}: {reason}")


@contextlib.contextmanager
def creating(path: Path, *, folder: bool = False) -> Iterator[None]:
    """Turn an ``OSError`` while creating or renaming files into a one-line :class:`~geonews.errors.OutputError`."""
    try:
        yield
    except OSError as err:
        raise _write_error(Path(path), folder, err) from err


def _prefix(name: str) -> str:
    """The start of the name of a temporary that this process makes for ``name``."""
    return f".{name}.~{_HOST}-{os.getpid()}-"


def _is_running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # PermissionError: it runs, as another user
        return True
    return True


def remove_stale_temporaries(path: str | os.PathLike, *, folder: bool = False) -> list[Path]:
    """Remove the temporaries of ``path`` that processes of this machine left when they were killed.

    Only names :func:`replacing` makes for this very target are looked at, and only those whose process
    no longer runs are removed (another run writing the same target keeps its own). Returns them.
    """
    real = written_path(path)
    stem, suffix = (real.name, "") if folder else (real.stem, real.suffix)
    pattern = re.compile(rf"\.{re.escape(stem)}\.~{_HOST}-(\d+)-(?:old-)?{_RANDOM}{re.escape(suffix)}")
    removed = []
    try:
        entries = list(os.scandir(real.parent))
    except OSError:
        return removed
    for entry in entries:
        match = pattern.fullmatch(entry.name)
        if match is None or _is_running(int(match.group(1))):
            continue
        with contextlib.suppress(OSError):
            if entry.is_dir(follow_symlinks=False):
                shutil.rmtree(entry.path)
            else:
                os.unlink(entry.path)
            removed.append(Path(entry.path))
    return removed


@contextlib.contextmanager
def replacing(path: str | os.PathLike, *, folder: bool = False, copy: bool = False,
              fsync: bool = False) -> Iterator[Path]:
    """Yield a temporary path beside ``path``; rename it over ``path`` when the block succeeds.

    Parameters
    ----------
    path : path-like
        The target: a file, or with ``folder=True`` a folder (an existing one is replaced whole). A
        symbolic link is written through: its target is replaced, the link kept.
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
        The folder does not exist, the target is of the other kind, it cannot be created or renamed, or
        the disk is full (whatever the block raised then: ``cannot write PATH: no space left on device``).
    """
    path = Path(path)
    check_target(path, folder=folder)
    real = written_path(path)
    remove_stale_temporaries(path, folder=folder)
    with creating(path, folder=folder):
        if folder:
            tmp = Path(tempfile.mkdtemp(dir=real.parent, prefix=_prefix(real.name)))
        else:
            handle = tempfile.NamedTemporaryFile(dir=real.parent, prefix=_prefix(real.stem), suffix=real.suffix,
                                                 delete=False)
            handle.close()
            tmp = Path(handle.name)
            if copy and real.exists():
                shutil.copyfile(real, tmp)
            elif copy:
                tmp.unlink()  # the writer creates it
    try:
        try:
            yield tmp
        except Exception as err:
            if no_space_left(err, real.parent):  # looked at before the temporary frees its space
                raise _write_error(path, folder, err) from err
            raise
        with creating(path, folder=folder):
            if fsync and tmp.is_file():
                with open(tmp, "rb+") as fh:
                    os.fsync(fh.fileno())
            os.chmod(tmp, new_file_mode(real, folder=folder))  # not the temporary's 0o600 / 0o700
            if folder and real.exists():
                _replace_folder(tmp, real)
            else:
                os.replace(tmp, real)
    except BaseException:
        with contextlib.suppress(OSError):
            if folder:
                shutil.rmtree(tmp, ignore_errors=True)
            else:
                tmp.unlink()
        raise


def _replace_folder(new: Path, target: Path) -> None:
    """Put folder ``new`` in the place of the existing folder ``target`` (which is removed)."""
    old = Path(tempfile.mkdtemp(dir=target.parent, prefix=_prefix(target.name) + "old-"))
    try:
        os.replace(target, old / "x")
        os.replace(new, target)
    finally:
        shutil.rmtree(old, ignore_errors=True)
