"""``geonews`` command line: ``geonews extract PATH... [-o OUT]`` and ``geonews map PATH... -o FILE.html``.

Exit statuses: 0 all went well; 1 some records were skipped (each reported on standard error as
``path:line: reason`` when it happens, and a summary at the end); 2 a usage error (bad arguments, a
missing input, an output that cannot be written, an unknown output suffix); 130 interrupted (Ctrl-C),
leaving no partial output file. Errors are one line on standard error, prefixed ``geonews: ``.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

from . import __version__
from .articles import iter_articles
from .errors import GeonewsError, RecordError, UsageError

__all__ = ["main"]

PROG = "geonews"


class _Parser(argparse.ArgumentParser):
    """An argument parser whose errors are one-line :class:`UsageError` s instead of usage dumps."""

    def error(self, message: str):
        raise UsageError(f"{message} (see '{self.prog} --help')")


def _positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value <= 0:
        raise argparse.ArgumentTypeError(f"expected a positive whole number of bytes, got {text!r}")
    return value


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(prog=PROG, description="Statements and claims reported in Arabic news, with their places, "
                                            "as data files and maps.")
    parser.add_argument("--version", action="version", version=f"{PROG} {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    def inputs(p: argparse.ArgumentParser) -> None:
        p.add_argument("paths", nargs="+", metavar="PATH",
                       help="a text file (first line the headline), a JSON Lines file of articles, or a folder")
        p.add_argument("--max-bytes", type=_positive_int, default=5_000_000, metavar="N",
                       help="skip (and report) an article larger than N bytes (default 5000000)")

    extract = sub.add_parser("extract", help="write the statements the articles report",
                             description="Write the statements the articles report: JSON Lines on standard "
                                         "output, or OUT in the format its suffix names.")
    inputs(extract)
    extract.add_argument("-o", "--output", metavar="OUT",
                         help="output file: .jsonl .geojson .gpkg .parquet .csv (default, or -: JSON Lines on stdout)")
    map_ = sub.add_parser("map", help="draw the statements on an interactive map that opens offline",
                          description="Draw the statements the articles report on a map (one HTML file).")
    inputs(map_)
    map_.add_argument("-o", "--output", metavar="FILE.html", required=True, help="the map file (.html)")
    map_.add_argument("--title", help="the map's title")
    return parser


def _is_skip(error: RecordError) -> bool:
    """Whether a reported record was dropped (``iter_articles`` also reports undecodable bytes it replaced)."""
    return getattr(error, "skipped", not error.message.endswith(" replaced"))


class _Progress:
    """One self-updating line on a terminal: articles read, articles/s, skipped records; nothing otherwise.

    Uses ``rich`` when it is installed, else a plain carriage-return line. Messages printed through
    :meth:`message` go above the line.
    """

    def __init__(self, stream=None, *, enabled: bool | None = None) -> None:
        self.stream = stream or sys.stderr
        if enabled is None:
            isatty = getattr(self.stream, "isatty", None)
            enabled = bool(isatty and isatty())
        self.enabled = enabled
        self.articles = self.skipped = 0
        self._started = time.monotonic()
        self._drawn = 0.0
        self._rich = self._task = None
        if enabled:
            try:
                from rich.console import Console
                from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
            except ImportError:
                pass
            else:
                self._rich = Progress(SpinnerColumn(), TextColumn("{task.fields[line]}"), TimeElapsedColumn(),
                                      console=Console(file=self.stream), transient=False,
                                      redirect_stdout=False, redirect_stderr=False)  # stdout is the data

    def __enter__(self) -> _Progress:
        if self._rich is not None:
            self._rich.start()
            self._task = self._rich.add_task("extract", total=None, line=self._line())
        return self

    def __exit__(self, *exc) -> None:
        if not self.enabled:
            return
        if self._rich is not None:
            self._rich.update(self._task, line=self._line())
            self._rich.stop()
        else:
            self.stream.write("\r\x1b[K" + self._line() + "\n")
            self.stream.flush()

    def _line(self) -> str:
        rate = self.articles / max(time.monotonic() - self._started, 1e-9)
        return f"{self.articles} articles, {rate:.1f} articles/s, {self.skipped} skipped"

    def update(self, articles: int, skipped: int) -> None:
        self.articles, self.skipped = articles, skipped
        now = time.monotonic()
        if not self.enabled or now - self._drawn < 0.2:
            return
        self._drawn = now
        if self._rich is not None:
            self._rich.update(self._task, line=self._line())
        else:
            self.stream.write("\r\x1b[K" + self._line())
            self.stream.flush()

    def message(self, text: str) -> None:
        if self._rich is not None:
            self._rich.console.print(text, markup=False, highlight=False, soft_wrap=True)
        elif self.enabled:
            self.stream.write("\r\x1b[K" + text + "\n")
            self._drawn = 0.0
        else:
            print(text, file=self.stream, flush=True)


class _Run:
    """Read articles and extract their statements, counting and reporting skipped records."""

    def __init__(self, args: argparse.Namespace, progress: _Progress) -> None:
        self.progress = progress
        self.articles = 0  # articles read
        self.skipped = 0  # records dropped, when reading or extracting
        self.read_skipped = 0  # records dropped when reading (not counted in ``articles``)
        # raises InputError for a missing path at once, before anything is read or written
        self._articles = iter_articles(args.paths, max_bytes=args.max_bytes, on_error=self._on_read_error)

    def _on_read_error(self, error: RecordError) -> None:
        self.progress.message(str(error))
        if _is_skip(error):
            self.read_skipped += 1
            self._count_skip()

    def _count_skip(self) -> None:
        self.skipped += 1
        self.progress.update(self.articles, self.skipped)

    def statements(self):
        """Yield each article's statements as a list, article by article (empty lists included)."""
        from gazetteer import Gazetteer

        from .pipeline import extract_statements

        gz = Gazetteer()
        for article in self._articles:
            self.articles += 1
            try:
                found = list(extract_statements(article, gz))
            except Exception as err:  # one bad article must not lose the others: report it and go on
                error = RecordError(article.path or article.id, article.line,
                                    f"extraction failed ({type(err).__name__}: {err})")
                self.progress.message(str(error))
                self._count_skip()
                found = []
            self.progress.update(self.articles, self.skipped)
            yield found

    def status(self) -> int:
        """Print the summary of skipped records; return the exit status (0 or 1)."""
        total = self.articles + self.read_skipped
        if self.skipped:
            print(f"{PROG}: {self.skipped} of {total} records skipped", file=sys.stderr)
            return 1
        if total == 0:
            print(f"{PROG}: no articles found", file=sys.stderr)
        return 0


def _extract(args: argparse.Namespace) -> int:
    from . import writers

    to_stdout = args.output in (None, "-")
    kind = "jsonl" if to_stdout else writers.check_output(args.output)
    progress = _Progress()
    run = _Run(args, progress)  # a missing input path fails here, before any output is created
    with progress:
        if kind == "jsonl":
            with writers.JsonlWriter(None if to_stdout else args.output) as out:
                for found in run.statements():
                    out.write(found)
        else:
            statements = [s for found in run.statements() for s in found]
            writers.write(statements, args.output, kind)
    return run.status()


def _map(args: argparse.Namespace) -> int:
    from . import writers

    if Path(args.output).suffix.lower() != ".html":
        raise UsageError(f"cannot write {args.output}: a map is written to an .html file")
    writers.check_writable(args.output)
    from .frame import to_frame
    from .maps import render_map  # before the long part, so a broken install fails at once

    progress = _Progress()
    run = _Run(args, progress)
    with progress:
        statements = [s for found in run.statements() for s in found]
    frame = to_frame(statements)
    with writers.atomic_output(args.output) as tmp:
        render_map(frame, str(tmp), title=args.title)
    return run.status()


def _utf8(stream) -> None:
    """Make a text stream write UTF-8 (Arabic) whatever the locale says."""
    encoding = (getattr(stream, "encoding", None) or "utf-8").lower().replace("-", "").replace("_", "")
    if encoding != "utf8" and hasattr(stream, "reconfigure"):
        stream.reconfigure(encoding="utf-8", errors="backslashreplace")


def main(argv: list[str] | None = None) -> int:
    """Run the ``geonews`` command; return its exit status (0, 1 records skipped, 2 usage error, 130 interrupted)."""
    try:
        for stream in (sys.stdout, sys.stderr):
            _utf8(stream)
        args = _parser().parse_args(argv)
        return _extract(args) if args.command == "extract" else _map(args)
    except SystemExit as exit_:  # --help and --version
        return exit_.code if isinstance(exit_.code, int) else 0
    except KeyboardInterrupt:
        print(f"{PROG}: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:  # the reader of our standard output went away (geonews extract ... | head)
        try:
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())  # so the interpreter's final flush does not complain
        except (OSError, ValueError, AttributeError):
            pass
        return 141
    except GeonewsError as err:
        print(f"{PROG}: {err}", file=sys.stderr)
        return 2
    except OSError as err:
        where = f"{err.filename}: " if err.filename else ""
        print(f"{PROG}: {where}{err.strerror or err}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    raise SystemExit(main())
