"""Reading inputs into :class:`Article` records, streamed, with per-record errors.

An input is a text file (the first line is the headline), a JSON Lines file (``.jsonl``, ``.ndjson`` or
``.json``, one object per line), either of them compressed (``.gz``, ``.bz2``, ``.xz``: decompressed as
read), a folder of such files, or ``-``: JSON Lines on standard input. A broken record never stops the
run: it is passed to ``on_error`` as a :class:`~geonews.errors.RecordError` and reading goes on.

What is not a regular file is read as carefully: a folder's scan reads regular files only (and reports a
FIFO, device or socket it passes over); a FIFO or device named on its own is a stream, read with the same
``max_bytes`` bound as a file (JSON Lines, like ``-``, unless its name ends in ``.txt``), and a FIFO that no
process opens for writing within ``fifo_wait`` seconds is reported, not waited on for ever. Characters a
Python string holds and files cannot (NUL, unpaired surrogates from a JSON ``"\\ud800"``) are replaced by
U+FFFD in every field, the same way for every output, and reported once per record.
"""

from __future__ import annotations

import bz2
import codecs
import contextlib
import dataclasses
import datetime as _dt
import gzip
import io
import json
import lzma
import os
import re
import stat
import sys
import threading
import zlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from email.utils import parsedate_to_datetime
from html.parser import HTMLParser
from pathlib import Path

from geonews.errors import InputError, RecordError
from geonews.terminal import printable

__all__ = ["FIFO_WAIT", "Article", "html_to_text", "input_size", "iter_articles", "report_to_stderr", "storable"]

JSONL_SUFFIXES = frozenset({".jsonl", ".ndjson", ".json"})
SUFFIXES = JSONL_SUFFIXES | {".txt"}  # what a folder is searched for (compressed or not)
#: Compressed files, decompressed as they are read: suffix -> a reader of the decompressed bytes
COMPRESSED = {".gz": lambda raw: gzip.GzipFile(fileobj=raw, mode="rb"), ".bz2": lambda raw: bz2.BZ2File(raw, "rb"),
              ".xz": lambda raw: lzma.LZMAFile(raw, "rb")}
#: The path that means standard input (JSON Lines), and the name its records are reported under
STDIN, STDIN_NAME = "-", "<stdin>"
#: What reading a broken file may raise: I/O errors, and corrupt or truncated compressed data
_READ_ERRORS = (OSError, EOFError, lzma.LZMAError, zlib.error)
_SNIFF = 8192  # bytes looked at to tell text from binary
_JSON_TYPES = {dict: "object", list: "array", str: "string", int: "number", float: "number", bool: "boolean",
               type(None): "null"}
_HTML_START = re.compile(r"\s*<(?:!doctype\s+html|html)\b", re.IGNORECASE)
_HTML_BODY = re.compile(r"<body[\s>/]", re.IGNORECASE)
_FIRST_LINE = re.compile(r"\S[^\n]*")
#: Seconds a FIFO named as an input is given to find a writer before it is reported and passed over.
FIFO_WAIT = 10.0
_BLOCK = 1 << 20  # bytes read at a time from a stream
#: Characters that no output file keeps as they are: NUL (C strings end there) and unpaired surrogates
#: (not encodable in UTF-8).
_UNSTORABLE = re.compile("[\x00\ud800-\udfff]")
_KINDS = ((stat.S_ISFIFO, "a FIFO"), (stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device"),
          (stat.S_ISSOCK, "a socket"))


@dataclass(frozen=True, slots=True)
class Article:
    """One news article.

    ``text`` is the text every offset refers to: the file or ``text`` field with line ends turned into
    ``"\\n"`` (and HTML pages reduced to their text). ``date`` is ISO 8601 when it could be parsed, else
    the string as given. ``path`` and ``line`` (1-based, ``None`` for text files) say where it came from.
    """

    id: str
    text: str
    title: str | None = None
    date: str | None = None
    source: str | None = None
    url: str | None = None
    path: str = ""
    line: int | None = None


def report_to_stderr(error: RecordError) -> None:
    """Write one broken record's one-line message to standard error (the default ``on_error``), its
    control characters escaped (:func:`~geonews.terminal.printable`)."""
    print(printable(str(error)), file=sys.stderr)


def storable(value: str) -> tuple[str, int]:
    """``value`` with NUL and unpaired surrogates replaced by U+FFFD, and how many were replaced."""
    if _UNSTORABLE.search(value) is None:
        return value, 0
    return _UNSTORABLE.subn("\ufffd", value)


def iter_articles(paths: str | os.PathLike | Iterable[str | os.PathLike], *, max_bytes: int = 5_000_000,
                  on_error: Callable[[RecordError], object] = report_to_stderr,
                  on_read: Callable[[int], object] | None = None,
                  outputs: Iterable[str | os.PathLike] = (), fifo_wait: float = FIFO_WAIT) -> Iterator[Article]:
    """Read articles from files and folders, one at a time.

    Parameters
    ----------
    paths : path or iterable of paths
        Text files, JSON Lines files, either compressed (``.gz``, ``.bz2``, ``.xz``), folders (searched
        recursively in path order for ``.txt``, ``.jsonl``, ``.ndjson`` and ``.json`` files, compressed or
        not), or ``-`` for JSON Lines on standard input (its records
        are reported as ``<stdin>:LINE``). A folder's files that are not regular files (FIFOs, devices,
        sockets) are reported and passed over; a FIFO or device named here is read as a stream: JSON
        Lines, or one text article when its name ends in ``.txt``.
    max_bytes : int
        Largest record accepted: a JSONL line, or a whole text file (or text stream).
    on_error : callable
        Called with a :class:`RecordError` for each broken record (not JSON, not an object, no ``text``
        or an empty one, too large, binary, unreadable); the record is skipped. Invalid UTF-8 is replaced
        by U+FFFD and reported once per file, and that article is still yielded.
    on_read : callable, optional
        Called with the number of input bytes read so far (over all files, in the order read; see
        :func:`input_size` for the total) after each record is read, before it is yielded or reported.
    outputs : iterable of path
        The files (or folders) this run writes: never read. A folder's scan leaves them out; naming one
        of them as an input is an :class:`InputError`.
    fifo_wait : float
        Seconds a FIFO named in ``paths`` may go without a writer before it is reported and passed over.

    Returns
    -------
    iterator of Article
        A generator: JSONL files are read line by line, never whole.

    Raises
    ------
    InputError
        At once, before anything is read, when a path does not exist, a folder cannot be listed, or a path
        is one of ``outputs``.

    Notes
    -----
    Encodings: UTF-8 with or without BOM, UTF-16 with a BOM (bad UTF-16 in a JSON Lines file is replaced
    without a report, and its size limit is counted as two bytes a character). A record that looks like an HTML page
    (starts with ``<!doctype html`` or ``<html``, or contains ``<body``) is reduced to its text with the
    standard library's ``HTMLParser`` (scripts and styles dropped, block tags made line breaks, entities
    decoded); its ``<title>`` is the title when none is given, and is not part of the text. NUL and
    unpaired surrogate characters in any field are replaced by U+FFFD and reported once per record (the
    article is kept).
    """
    given = [paths] if isinstance(paths, (str, os.PathLike)) else list(paths)
    tops = [Path(p) for p in given]
    written = _Outputs(outputs)
    for top in tops:
        if _is_stdin(top):
            continue
        if not top.exists():
            raise InputError(f"{top.as_posix()}: no such file or folder")
        if top.is_dir() and not os.access(top, os.R_OK | os.X_OK):
            raise InputError(f"{top.as_posix()}: cannot read folder")
        if written.holds(top):
            raise InputError(f"{top.as_posix()}: is also the output of this run; write the output elsewhere")
    return _iter_articles(tops, max_bytes, on_error, on_read, written, fifo_wait)


class _Outputs:
    """The files a run writes, recognised whatever path names them (the same file, or the file a link names)."""

    def __init__(self, paths: Iterable[str | os.PathLike]) -> None:
        self.real = {os.path.realpath(p) for p in paths}
        self.ids = set()
        for path in self.real:
            with contextlib.suppress(OSError):
                found = os.stat(path)
                self.ids.add((found.st_dev, found.st_ino))

    def holds(self, path: Path, found: os.stat_result | None = None) -> bool:
        if not self.real:
            return False
        if os.path.realpath(path) in self.real:
            return True
        if found is None:
            try:
                found = os.stat(path)
            except OSError:
                return False
        return (found.st_dev, found.st_ino) in self.ids


def input_size(paths: str | os.PathLike | Iterable[str | os.PathLike]) -> int | None:
    """Bytes in the files :func:`iter_articles` reads from ``paths`` (a progress bar's total; compressed
    files count as stored), or ``None`` when standard input is one of them (its size is not known).

    Paths that do not exist, files that cannot be looked at and folders that cannot be listed count as empty."""
    given = [paths] if isinstance(paths, (str, os.PathLike)) else list(paths)
    tops = [Path(p) for p in given]
    if any(map(_is_stdin, tops)):
        return None
    return sum(_size(path) for top in tops for path in _files(top, lambda err: None, _Outputs(())))


def _is_stdin(path: Path) -> bool:
    return str(path) == STDIN


def _holds(path: Path) -> str:
    """The suffix that says what a file holds, past a compression suffix (``.jsonl`` for news.jsonl.gz)."""
    suffix = path.suffix.lower()
    return Path(path.stem).suffix.lower() if suffix in COMPRESSED else suffix


def _files(top: Path, on_error: Callable, outputs: _Outputs) -> list[Path]:
    """The files read from a path given: the file itself, or the article files of a folder."""
    return _walk(top, on_error, outputs) if top.is_dir() else [top]


def _kind(mode: int) -> str | None:
    """What a file that is not a regular file is (``"a FIFO"`` ...), ``None`` for a regular file."""
    for test, kind in _KINDS:
        if test(mode):
            return kind
    return None if stat.S_ISREG(mode) else "not a regular file"


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def _iter_articles(tops: list[Path], max_bytes: int, on_error: Callable, on_read: Callable[[int], object] | None,
                   outputs: _Outputs, fifo_wait: float) -> Iterator[Article]:
    before = 0  # bytes in the files read before this one
    for top in tops:
        if _is_stdin(top):
            read = None if on_read is None else (lambda at, base=before: on_read(base + at))
            try:
                yield from _read_jsonl(sys.stdin.buffer, None, STDIN_NAME, max_bytes, on_error, read)
            except _READ_ERRORS as err:
                on_error(RecordError(STDIN_NAME, None, f"cannot read ({_reason(err)})"))
            continue
        for path in _files(top, on_error, outputs):
            name = path.as_posix()
            size = 0 if on_read is None else _size(path)  # (only the positions need it: no stat otherwise)
            # where reading stands in this file -> bytes read over all files (a file that grows counts as its size)
            read = None if on_read is None else (lambda at, base=before, size=size: on_read(base + min(at, size)))
            try:
                streamed = _is_stream(path)
                if _holds(path) in JSONL_SUFFIXES or (streamed and _holds(path) != ".txt"):
                    with _opened(path, fifo_wait) as (stream, tell):
                        if stream is None:
                            on_error(RecordError(name, None, _no_writer(fifo_wait)))
                        else:
                            yield from _read_jsonl(stream, None if streamed else tell, name, max_bytes, on_error,
                                                   read)
                else:
                    article = _read_text(path, name, max_bytes, on_error, fifo_wait)
                    if read is not None:
                        read(size)
                    if article is not None:
                        yield article
            except _READ_ERRORS as err:  # what was read before stays read
                on_error(RecordError(name, None, f"cannot read ({_reason(err)})"))
            before += size
            if on_read is not None:
                on_read(before)


def _reason(err: Exception) -> str:
    return getattr(err, "strerror", None) or str(err) or type(err).__name__


def _is_stream(path: Path) -> bool:
    """Whether ``path`` names something other than a regular file (a FIFO, a device): read as a stream."""
    try:
        return not stat.S_ISREG(os.stat(path).st_mode)
    except OSError:
        return False


def _no_writer(wait: float) -> str:
    return f"a FIFO that no process opened for writing in {wait:g} s: passed over"


def _open_fifo(path: Path, wait: float):
    """Open a FIFO for reading, giving a writer ``wait`` seconds to come; ``None`` when none came.

    Opening a FIFO blocks until a process opens it for writing, so it is opened in a thread; when the
    time is up, this process opens it for writing itself (which ends the wait) and closes both ends."""
    opened: dict = {}

    def open_it() -> None:
        try:
            opened["fd"] = os.open(path, os.O_RDONLY)
        except OSError as err:
            opened["error"] = err

    opener = threading.Thread(target=open_it, name=f"open {path.name}", daemon=True)
    opener.start()
    opener.join(wait)
    if opener.is_alive():
        with contextlib.suppress(OSError):
            os.close(os.open(path, os.O_WRONLY | os.O_NONBLOCK))
        opener.join(1.0)
        if "fd" in opened:
            os.close(opened["fd"])
        return None
    if "error" in opened:
        raise opened["error"]
    return open(opened["fd"], "rb", buffering=1 << 16)


@contextlib.contextmanager
def _opened(path: Path, fifo_wait: float = FIFO_WAIT):
    """A file's bytes (decompressed if its suffix says so) as a stream with ``peek``, and a function
    giving how far into the file (as stored) reading has come; the stream is ``None`` for a FIFO that
    found no writer in ``fifo_wait`` seconds."""
    try:
        fifo = stat.S_ISFIFO(os.stat(path).st_mode)
    except OSError:
        fifo = False
    raw = _open_fifo(path, fifo_wait) if fifo else open(path, "rb", buffering=1 << 16)
    if raw is None:
        yield None, None
        return
    with raw:
        decompress = COMPRESSED.get(path.suffix.lower())
        if decompress is None:
            yield raw, raw.tell
        else:
            with decompress(raw) as stream:
                yield stream, raw.tell


def _walk(top: Path, on_error: Callable, outputs: _Outputs) -> list[Path]:
    """The article files under a folder, in path order: regular files only (others are reported), and
    none of the run's own outputs."""
    def failed(err: OSError) -> None:
        on_error(RecordError(Path(err.filename).as_posix(), None, f"cannot read folder ({err.strerror})"))

    found = []
    for root, dirs, files in os.walk(top, onerror=failed):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        for name in files:
            if name.startswith(".") or _holds(Path(name)) not in SUFFIXES:
                continue
            path = Path(root, name)
            try:
                info = os.stat(path)
            except OSError:  # a broken link: reading it says why
                found.append(path)
                continue
            if outputs.holds(path, info):
                continue
            kind = _kind(info.st_mode)
            if kind is not None:
                on_error(RecordError(path.as_posix(), None, f"{kind}, not a regular file: passed over"))
                continue
            found.append(path)
    return sorted(found)


def _encoding(head: bytes) -> str | None:
    """The codec for bytes starting with ``head``, or ``None`` for a binary file."""
    if head.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    return None if b"\0" in head[:_SNIFF] else "utf-8"


def _too_large(size: int | None, limit: int) -> str:
    """The message for a record over the limit (``size`` ``None``: not known, only that it is over)."""
    def human(n: int) -> str:
        return f"{n / 1e6:.1f} MB" if n >= 1e6 else f"{n / 1e3:.1f} kB" if n >= 1e3 else f"{n} bytes"
    if size is None:
        return f"too large (over the {human(limit)} limit)"
    return f"too large ({human(size)} > {human(limit)} limit)"


def _read_bounded(stream, limit: int) -> bytes | None:
    """At most ``limit + 1`` bytes of a stream, read a block at a time (so a huge ``limit`` allocates
    nothing ahead); ``None`` as soon as the first block looks binary."""
    blocks, size = [], 0
    while size <= limit:
        block = stream.read(min(_BLOCK, limit + 1 - size))
        if not block:
            break
        if not blocks and _encoding(block[:_SNIFF]) is None:
            return None
        blocks.append(block)
        size += len(block)
    return b"".join(blocks)


def _read_text(path: Path, name: str, max_bytes: int, on_error: Callable,
               fifo_wait: float = FIFO_WAIT) -> Article | None:
    size = None if _is_stream(path) or path.suffix.lower() in COMPRESSED else path.stat().st_size
    if size is not None and size > max_bytes:  # a regular file too large is never read
        on_error(RecordError(name, None, _too_large(size, max_bytes)))
        return None
    # a stream's or a compressed file's size is known only by reading it: never more than the limit
    with _opened(path, fifo_wait) as (stream, _):
        if stream is None:
            on_error(RecordError(name, None, _no_writer(fifo_wait)))
            return None
        data = _read_bounded(stream, max_bytes)
    if data is None:
        on_error(RecordError(name, None, "binary file, not text"))
        return None
    if len(data) > max_bytes:
        on_error(RecordError(name, None, _too_large(None, max_bytes)))
        return None
    encoding = _encoding(data[:_SNIFF])
    if encoding is None:
        on_error(RecordError(name, None, "binary file, not text"))
        return None
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as err:
        line = data.count(b"\n", 0, err.start) + 1 if encoding != "utf-16" else None
        on_error(RecordError(name, line, f"invalid {'UTF-16' if line is None else 'UTF-8'} replaced"))
        text = data.decode(encoding, errors="replace")
    text, title = _clean(text)
    if not text.strip():
        on_error(RecordError(name, None, "empty text"))
        return None
    if title is None:
        title = _FIRST_LINE.search(text).group().strip()
    article = Article(id=name, text=text, title=title, path=name)
    return _stored(article, on_error) if "\x00" in text else article  # (decoded bytes hold no lone surrogate)


def _stored(article: Article, on_error: Callable) -> Article:
    """The article with NUL and unpaired surrogates replaced in every field, reported once (see :func:`storable`)."""
    fields, replaced = {}, 0
    for field in ("id", "text", "title", "date", "source", "url"):
        value = getattr(article, field)
        if value:
            fields[field], n = storable(value)
            replaced += n
    if not replaced:
        return article
    on_error(RecordError(article.path, article.line, f"{replaced} NUL or unpaired surrogate character"
                                                     f"{'s' if replaced > 1 else ''} replaced"))
    return dataclasses.replace(article, **fields)


def _read_jsonl(raw, tell: Callable[[], int] | None, name: str, max_bytes: int, on_error: Callable,
                read: Callable[[int], object] | None = None) -> Iterator[Article]:
    """The articles of a JSON Lines stream (binary, with ``peek``); ``read`` is told the position after each
    line: ``tell()``, or for a stream that cannot tell (a pipe), the bytes counted so far."""
    encoding = _encoding(raw.peek(_SNIFF)[:_SNIFF])
    if encoding is None:
        on_error(RecordError(name, None, "binary file, not text"))
        return
    text = None
    if encoding == "utf-16":  # sizes are counted in characters, two bytes each
        text = io.TextIOWrapper(raw, encoding="utf-16", errors="replace", newline="\n")
        lines, scale = _lines(text, max_bytes // 2, "\n"), 2
    else:
        if encoding == "utf-8-sig":
            raw.read(len(codecs.BOM_UTF8))
        lines, scale = _lines(raw, max_bytes, b"\n"), 1
    try:
        yield from _records(lines, scale, tell, name, max_bytes, on_error, read)
    finally:
        if text is not None:
            text.detach()  # the stream is its opener's to close (standard input stays open)


def _records(lines, scale: int, tell, name: str, max_bytes: int, on_error: Callable, read) -> Iterator[Article]:
    """The articles of the lines of a JSON Lines stream (see _read_jsonl)."""
    reported = False
    counted = 0
    for lineno, line, size in lines:
        if read is not None:
            counted += (size + 1) * scale
            read(tell() if tell is not None else counted)
        if line is None:
            on_error(RecordError(name, lineno, _too_large(size * scale, max_bytes)))
            continue
        if not line.strip():
            continue
        text = line
        if isinstance(line, bytes):
            try:
                text = line.decode("utf-8")
            except UnicodeDecodeError:
                text = line.decode("utf-8", errors="replace")
                if not reported:
                    reported = True
                    on_error(RecordError(name, lineno, "invalid UTF-8 replaced"))
        if (article := _parse_record(text, name, lineno, on_error)) is not None:
            yield article


def _lines(stream, limit: int, newline):
    """Yield ``(lineno, line or None when longer than limit, length)``; an overlong line is never held whole."""
    ends = b"\r\n" if isinstance(newline, bytes) else "\r\n"
    lineno = 0
    while line := stream.readline(limit + 2):
        lineno += 1
        if line.endswith(newline) or len(line) < limit + 2:
            line = line.rstrip(ends)
            yield lineno, (line if len(line) <= limit else None), len(line)
            continue
        size = len(line)
        while more := stream.readline(1 << 20):
            size += len(more)
            if more.endswith(newline):
                break
        yield lineno, None, size


def _parse_record(line: str, name: str, lineno: int, on_error: Callable) -> Article | None:
    def fail(message: str) -> None:
        on_error(RecordError(name, lineno, message))

    try:
        record = json.loads(line)
    except ValueError as err:  # JSONDecodeError, or an integer with too many digits
        return fail(f"not valid JSON ({getattr(err, 'msg', err)})")
    except RecursionError:
        return fail("not valid JSON (nested too deeply)")
    if not isinstance(record, dict):
        return fail(f"not a JSON object (got {_JSON_TYPES.get(type(record), 'value')})")
    if record.get("text") is None:
        return fail('no "text" field')
    if not isinstance(record["text"], str):
        return fail(f'"text" is not a string (got {_JSON_TYPES.get(type(record["text"]), "value")})')
    text, html_title = _clean(record["text"])
    if not text.strip():
        return fail('"text" is empty')
    article = Article(id=_optional(_field(record, "id")) or f"{name}:{lineno}", text=text,
                      title=_optional(record.get("title")) or html_title, date=_iso_date(_field(record, "date")),
                      source=_optional(_field(record, "source")), url=_optional(_field(record, "url")),
                      path=name, line=lineno)
    # JSON holds a NUL or a lone surrogate only as a \u escape (raw control characters are not valid JSON)
    return _stored(article, on_error) if "\\u" in line else article


#: Other names scrapers and corpora give the optional fields (the first present wins).
FIELD_ALIASES = {"id": ("id", "docno", "doc_id", "guid"), "date": ("date", "time", "published", "pubDate"),
                 "source": ("source", "src", "outlet"), "url": ("url", "link")}


def _field(record: dict, name: str):
    for key in FIELD_ALIASES[name]:
        if record.get(key) not in (None, ""):
            return record[key]
    return None


def _clean(text: str) -> tuple[str, str | None]:
    """Line ends made ``"\\n"``; an HTML page reduced to its text. Returns ``(text, html title)``."""
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if _HTML_START.match(text) or _HTML_BODY.search(text):
        return html_to_text(text)
    return text, None


def _optional(value: object) -> str | None:
    if value is None:
        return None
    value = str(value).strip()
    return value or None


def _iso_date(value: object) -> str | None:
    """``YYYY-MM-DD`` or an ISO timestamp when the value parses (ISO 8601 or RFC 2822), else as given."""
    if (raw := _optional(value)) is None:
        return None
    for parse in (_dt.date.fromisoformat, _dt.datetime.fromisoformat, parsedate_to_datetime):
        try:
            return parse(raw).isoformat()
        except (TypeError, ValueError, IndexError, OverflowError):
            pass
    return raw


class _TextExtractor(HTMLParser):
    _SKIP = frozenset({"script", "style", "noscript", "template"})
    _BLOCK = frozenset({"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "ul", "ol", "table",
                        "section", "article", "header", "footer", "blockquote", "pre", "hr", "dd", "dt"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)  # entities decoded with html.unescape
        self.parts: list[str] = []
        self.title: list[str] = []
        self._skipping = 0
        self._in_title = False

    def handle_starttag(self, tag, attrs):
        if tag in self._SKIP:
            self._skipping += 1
        elif tag == "title":
            self._in_title = True
        elif tag in self._BLOCK:
            self.parts.append("\n")

    def handle_endtag(self, tag):
        if tag in self._SKIP:
            self._skipping = max(0, self._skipping - 1)
        elif tag == "title":
            self._in_title = False
        elif tag in self._BLOCK:
            self.parts.append("\n")

    def handle_data(self, data):
        if not self._skipping:
            (self.title if self._in_title else self.parts).append(data)


def html_to_text(page: str) -> tuple[str, str | None]:
    """Reduce an HTML page to its text.

    Returns
    -------
    tuple of (str, str or None)
        The text, one block per line with spaces collapsed, and the ``<title>`` (``None`` if absent).
    """
    parser = _TextExtractor()
    parser.feed(page)
    parser.close()
    lines = (" ".join(line.split()) for line in "".join(parser.parts).split("\n"))
    text = re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()
    return text, " ".join("".join(parser.title).split()) or None
