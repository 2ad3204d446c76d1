"""``geonews`` command line: ``geonews extract PATH... [-o OUT]``, ``geonews map PATH... -o FILE.html``,
``geonews ingest PATH... --store STORE`` and ``geonews map --store STORE -o FILE.html [--since DATE] [--until DATE]``,
where STORE is a GeoPackage path or ``postgresql://USER@HOST[:PORT]/DB`` (PostGIS).

``--workers N`` runs the extraction on a local Dask cluster of N processes, ``--scheduler ADDRESS`` on a
running one; the output is the same as without them, in the same order. ``-o DIR/`` (a path ending in
``/``, or an existing folder) writes partitioned GeoParquet, one file per chunk of articles.

Exit statuses: 0 all went well; 1 some records were skipped (each reported on standard error as
``path:line: reason`` when it happens, and a summary at the end); 2 a usage error (bad arguments, a
missing input, an output that cannot be written, an unknown output suffix, no space left on the device);
3 the Dask cluster was lost in the middle of the run (what was done is named, and kept where it already
was: in the store, on standard output); 130 interrupted (Ctrl-C), 143 terminated (SIGTERM), leaving no
partial output file. Errors are one line on standard error, prefixed ``geonews: ``, with the control
characters of file names and quoted text escaped.
"""

from __future__ import annotations

import argparse
import contextlib
import errno
import os
import signal
import sys
import time
from collections import deque
from pathlib import Path

from geonews import __version__
from geonews.reading.articles import FIFO_WAIT, input_size, iter_articles
from .errors import ClusterError, GeonewsError, RecordError, UsageError
from .terminal import printable

__all__ = ["main"]

PROG = "geonews"
#: Read positions held for the progress bar, at most (articles read ahead of those done, or passed over
#: by ``ingest`` as already stored: the oldest are dropped, so a long run's memory stays flat).
_HELD_POSITIONS = 100_000
#: The largest values the numeric options take (larger ones are a typo, and would overflow on the way).
MOST_BYTES = 1_000_000_000  # --max-bytes: one article of 1 GB
MOST_CHUNK = 100_000  # --chunk-size: articles held in memory per task
MOST_WORKERS = 256  # --workers: processes of one machine
#: Environment variables that set defaults: the Dask timeout (--dask-timeout) and how long a FIFO named as
#: an input may go without a writer.
DASK_TIMEOUT_VARIABLE, FIFO_WAIT_VARIABLE = "GEONEWS_DASK_TIMEOUT", "GEONEWS_FIFO_WAIT"


class _Parser(argparse.ArgumentParser):
    """An argument parser whose errors are one-line :class:`UsageError` s instead of usage dumps."""

    def error(self, message: str):
        raise UsageError(f"{message} (see '{self.prog} --help')")


def _positive(unit: str | None = None, most: int | None = None):
    """An argparse type: a positive whole number (of ``unit``) no larger than ``most``, or a one-line error."""
    what = f" of {unit}" if unit else ""

    def convert(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            value = 0
        if value <= 0:
            raise argparse.ArgumentTypeError(f"expected a positive whole number{what}, got {text!r}")
        if most is not None and value > most:
            raise argparse.ArgumentTypeError(f"expected at most {most}{' ' + unit if unit else ''}, got {text!r}")
        return value

    return convert


def _seconds(text: str) -> float:
    """An argparse type: a positive number of seconds (at most a day)."""
    try:
        value = float(text)
    except ValueError:
        value = float("nan")
    if not 0 < value <= 86_400:
        raise argparse.ArgumentTypeError(f"expected a number of seconds above 0 and at most 86400, got {text!r}")
    return value


def _seconds_from(variable: str, default: float) -> float:
    """The seconds an environment variable gives (``default`` when it is not set); a usage error when it is not
    a number of seconds."""
    text = os.environ.get(variable)
    if text is None or not text.strip():
        return default
    try:
        return _seconds(text)
    except argparse.ArgumentTypeError as err:
        raise UsageError(f"environment variable {variable}: {err}") from None


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(prog=PROG, description="Statements and claims reported in Arabic news, with their places, "
                                            "as data files and maps.")
    parser.add_argument("--version", action="version", version=f"{PROG} {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    def inputs(p: argparse.ArgumentParser, nargs: str = "+") -> None:
        p.add_argument("paths", nargs=nargs, metavar="PATH",
                       help="a text file (first line the headline), a JSON Lines file of articles, either "
                            "compressed (.gz .bz2 .xz), a folder, or - (JSON Lines on standard input)")
        p.add_argument("--max-bytes", type=_positive("bytes", MOST_BYTES), default=5_000_000, metavar="N",
                       help="skip (and report) an article larger than N bytes (default 5000000)")
        where = p.add_mutually_exclusive_group()
        where.add_argument("--workers", type=_positive(most=MOST_WORKERS), metavar="N",
                           help="extract on a local Dask cluster of N worker processes")
        where.add_argument("--scheduler", metavar="ADDRESS",
                           help="extract on the Dask cluster at ADDRESS (tcp://host:8786)")
        p.add_argument("--chunk-size", type=_positive(most=MOST_CHUNK), default=None, metavar="N",
                       help="articles per Dask task and per GeoParquet partition (default 100)")
        p.add_argument("--dask-timeout", type=_seconds, default=None, metavar="SECONDS",
                       help="give up when the Dask cluster has had no worker, or its scheduler has not answered, "
                            f"for SECONDS (default 30, or ${DASK_TIMEOUT_VARIABLE}; connecting waits at most 10)")

    extract = sub.add_parser("extract", help="write the statements the articles report",
                             description="Write the statements the articles report: JSON Lines on standard "
                                         "output, or OUT in the format its suffix names.")
    inputs(extract)
    extract.add_argument("-o", "--output", metavar="OUT",
                         help="output file: .jsonl .geojson .gpkg .parquet .csv (default, or -: JSON Lines on "
                              "stdout); a folder (DIR/) for partitioned GeoParquet")
    extract.add_argument("--force", action="store_true", help="replace OUT even when it is read-only")
    map_ = sub.add_parser("map", help="draw the statements on an interactive map that opens offline",
                          description="Draw the statements the articles report, or those of a claims store, "
                                      "on a map (one HTML file).")
    inputs(map_, nargs="*")
    map_.add_argument("-o", "--output", metavar="FILE.html", required=True, help="the map file (.html)")
    map_.add_argument("--force", action="store_true", help="replace FILE.html even when it is read-only")
    map_.add_argument("--title", help="the map's title")
    map_.add_argument("--store", metavar="STORE", help="map the statements of this claims store (no PATH): a "
                                                       "GeoPackage, or postgresql://USER@HOST[:PORT]/DB")
    map_.add_argument("--since", metavar="DATE", help="with --store: only articles dated DATE (YYYY-MM-DD) or later")
    map_.add_argument("--until", metavar="DATE", help="with --store: only articles dated DATE (YYYY-MM-DD) or earlier")
    ingest = sub.add_parser("ingest", help="add the statements of new articles to a claims store",
                            description="Add the statements of the articles to a claims store: a GeoPackage file "
                                        "(layer 'statements', table 'articles') or a PostGIS database "
                                        "(postgresql://USER@HOST[:PORT]/DB; tables articles, statements, places "
                                        "in schema 'geonews'). Articles already stored with the same content "
                                        "are skipped: ingesting twice adds nothing; a changed article replaces "
                                        "its statements.")
    inputs(ingest)
    ingest.add_argument("--store", metavar="STORE", required=True,
                        help="a GeoPackage path (created when missing) or postgresql://USER@HOST[:PORT]/DB "
                             "(its tables are created when missing)")
    return parser


def _is_skip(error: RecordError) -> bool:
    """Whether a reported record was dropped (``iter_articles`` also reports undecodable bytes it replaced)."""
    return getattr(error, "skipped", not error.message.endswith(" replaced"))


class _Progress:
    """A progress bar on standard error when it is a terminal (``rich``); nothing otherwise.

    The bar measures the input done (read, and its articles extracted): its share, MB, MB/s and the time
    left, beside the articles done, articles/s and the records skipped. Messages printed through
    :meth:`message` go above the bar (and are plain lines when there is no bar).
    """

    def __init__(self, stream=None, *, enabled: bool | None = None) -> None:
        self.stream = stream or sys.stderr
        if enabled is None:
            isatty = getattr(self.stream, "isatty", None)
            enabled = bool(isatty and isatty())
        self.enabled = enabled
        self.articles = self.skipped = 0
        self.read_bytes = self.done_bytes = 0
        self.total_bytes: int | None = None  # the input's size, when known (set before the bar starts)
        self._started = time.monotonic()
        self._drawn = 0.0
        self._bar = self._task = None
        if enabled:
            from rich.console import Console
            from rich.progress import (BarColumn, DownloadColumn, Progress, SpinnerColumn, TaskProgressColumn,
                                       TextColumn, TimeElapsedColumn, TimeRemainingColumn, TransferSpeedColumn)
            from rich.text import Text

            class TwoLines(Progress):
                """The bar and the input done on one line, the articles on the next: legible at 80 columns."""

                def get_renderables(self):
                    yield self.make_tasks_table(self.tasks)
                    for task in self.tasks:
                        yield Text("  " + task.fields.get("line", ""), no_wrap=True, overflow="ellipsis")

            self._bar = TwoLines(SpinnerColumn(), BarColumn(bar_width=20), TaskProgressColumn(), DownloadColumn(),
                                 TransferSpeedColumn(), TimeElapsedColumn(), TextColumn("elapsed,"),
                                 TimeRemainingColumn(), TextColumn("left"),
                                 console=Console(file=self.stream, force_terminal=True), transient=False,
                                 redirect_stdout=False, redirect_stderr=False,  # stdout is the data
                                 refresh_per_second=4)

    def __enter__(self) -> _Progress:
        if self._bar is not None:
            self._bar.start()
            self._task = self._bar.add_task("extract", total=self.total_bytes or None, line=self._line())
        return self

    def __exit__(self, kind, *exc) -> None:
        if self._bar is not None:
            if kind is None:  # all that was read is done
                self.done_bytes = self.read_bytes
            self._draw()
            self._bar.stop()

    def _line(self) -> str:
        rate = self.articles / max(time.monotonic() - self._started, 1e-9)
        return f"{self.articles} articles, {rate:.1f} articles/s, {self.skipped} skipped"

    def _draw(self) -> None:
        self._bar.update(self._task, completed=self.done_bytes, line=self._line(), refresh=True)

    def read(self, position: int) -> None:
        """Note the bytes of input read so far (``iter_articles``' ``on_read``)."""
        self.read_bytes = position

    def update(self, articles: int, skipped: int, done_bytes: int | None = None) -> None:
        """Note the articles done, the records skipped and (when known) the bytes of input done."""
        self.articles, self.skipped = articles, skipped
        if done_bytes is not None:
            self.done_bytes = done_bytes
        now = time.monotonic()
        if self._bar is None or self._task is None or now - self._drawn < 0.2:
            return
        self._drawn = now
        self._draw()

    def message(self, text: str) -> None:
        """Print one line above the bar (or alone), its control characters escaped."""
        text = printable(text)
        if self._bar is not None:
            self._bar.console.print(text, markup=False, highlight=False, soft_wrap=True)
        else:
            print(text, file=self.stream, flush=True)


class _Run:
    """Read articles and extract their statements, counting and reporting skipped records."""

    def __init__(self, args: argparse.Namespace, progress: _Progress, outputs=()) -> None:
        self.progress = progress
        self.lost_after = getattr(args, "dask_timeout", None)
        self.articles = 0  # articles read
        self.skipped = 0  # records dropped, when reading or extracting
        self.read_skipped = 0  # records dropped when reading (not counted in ``articles``)
        # raises InputError for a missing path at once, before anything is read or written
        # (and an input that is one of the outputs: the run's outputs are never read)
        articles = iter_articles(args.paths, max_bytes=args.max_bytes, on_error=self._on_read_error,
                                 on_read=progress.read if progress.enabled else None, outputs=outputs,
                                 fifo_wait=_seconds_from(FIFO_WAIT_VARIABLE, FIFO_WAIT))
        self.source = articles
        #: (id of an article read, input bytes read with it), oldest first, until its chunk is done
        self._read_at: deque[tuple[int, int]] = deque(maxlen=_HELD_POSITIONS)
        if progress.enabled:
            progress.total_bytes = input_size(args.paths)
            self.source = self._noting_positions(articles)

    def _noting_positions(self, articles):
        for article in articles:
            self._read_at.append((id(article), self.progress.read_bytes))
            yield article

    def _done_bytes(self, done) -> int | None:
        """The input bytes read with the last article of a finished chunk (every earlier one is done too);
        ``None`` without a progress bar (no position is noted)."""
        if not done.articles:
            return None
        last = id(done.articles[-1])
        while self._read_at:
            key, position = self._read_at.popleft()
            if key == last:
                return position
        return None

    def _on_read_error(self, error: RecordError) -> None:
        self.progress.message(str(error))
        if _is_skip(error):
            self.read_skipped += 1
            self._count_skip()

    def _count_skip(self) -> None:
        self.skipped += 1
        self.progress.update(self.articles, self.skipped)

    def chunks(self, mode: str, client=None, chunk_size: int | None = None):
        """Yield each chunk's :class:`~geonews.batch.ChunkResult` in input order, reporting its failures.

        Without a Dask ``client`` and without ``chunk_size``, chunks are single articles, so each article's
        output is written before the next is read.
        """
        from .batch import DEFAULT_CHUNK, run_chunks

        size = chunk_size or (DEFAULT_CHUNK if client is not None else 1)
        for done in run_chunks(self.source, mode=mode, client=client, chunk_size=size, lost_after=self.lost_after):
            self.count(done)
            yield done

    def count(self, done) -> None:
        """Count a finished chunk's articles and report its failures."""
        self.articles += len(done.articles)
        for error in done.errors:
            self.progress.message(str(error))
            self.skipped += 1
        self.progress.update(self.articles, self.skipped, self._done_bytes(done))

    def statements(self, client=None, chunk_size: int | None = None):
        """Every statement, article after article."""
        for done in self.chunks("statements", client, chunk_size):
            for found in done.payloads:
                if found:
                    yield from found

    def status(self, passed: int = 0) -> int:
        """Print the summary of skipped records; return the exit status (0 or 1).

        ``passed`` counts records read but not extracted on purpose (already in the store)."""
        total = self.articles + self.read_skipped + passed
        if self.skipped:
            _say(f"{PROG}: {self.skipped} of {total} records skipped")
            return 1
        if total == 0:
            _say(f"{PROG}: no articles found")
        return 0


def _say(text: str, stream=None) -> None:
    """Print one line of a message on standard error, its control characters escaped."""
    print(printable(text), file=stream or sys.stderr, flush=True)


def _cores() -> int:
    """The cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):  # pragma: no cover - not Linux
        return os.cpu_count() or 1


def _check_workers(workers: int | None, stream=None) -> None:
    """Say so (one line) when ``--workers`` asks for more worker processes than there are cores."""
    cores = _cores()
    if workers and workers > cores:
        _say(f"{PROG}: --workers {workers} is more than the {cores} core{'s' if cores > 1 else ''} here: the "
             f"workers share them, so the run is no faster than with --workers {cores}", stream)


def _client(args: argparse.Namespace):
    """A Dask client for ``--workers`` / ``--scheduler``, or a context giving ``None`` (run here)."""
    import contextlib

    if not (args.workers or args.scheduler):
        return contextlib.nullcontext(None)
    _check_workers(args.workers)
    from .batch import dask_client

    return dask_client(workers=args.workers, scheduler=args.scheduler, timeout=args.dask_timeout)


def _outputs(target: str | None) -> list[str]:
    """The output files a command names (never read as inputs)."""
    return [] if target in (None, "-") else [target]


def _lost(err: ClusterError, kept: str) -> ClusterError:
    """The cluster error with what became of the articles done (``kept``) added to its line."""
    return ClusterError(f"{err}; {kept}")


def _extract(args: argparse.Namespace) -> int:
    from geonews import batch
    from geonews.output import writers

    to_stdout = args.output in (None, "-")
    partitioned = not to_stdout and batch.is_partition_target(args.output)
    if partitioned:
        parts = batch.PartitionWriter(args.output, force=args.force)  # checks the folder before any work
        kind = "parquet"
    else:
        kind = "jsonl" if to_stdout else writers.check_output(args.output, force=args.force)
    progress = _Progress()
    run = _Run(args, progress, _outputs(args.output))  # a missing input path fails here, before any output is created
    try:
        _write_statements(args, run, progress, kind, partitioned, parts if partitioned else None)
    except ClusterError as err:
        raise _lost(err, "the articles done were written to standard output" if to_stdout else
                    f"{args.output} not written (an old one is kept)") from None
    return run.status()


def _write_statements(args, run, progress, kind, partitioned, parts) -> None:
    from geonews import batch
    from geonews.output import writers

    to_stdout = args.output in (None, "-")
    with _client(args) as client, progress:
        if kind == "jsonl":
            with writers.JsonlWriter(None if to_stdout else args.output) as out:
                for done in run.chunks("jsonl", client, args.chunk_size):
                    out.write_text("".join(p for p in done.payloads if p))
        else:  # one frame per chunk of articles, written as it comes: memory stays flat whatever the output
            from geonews.output.frame import StatementNumbers  # (pandas and geopandas: not for JSON Lines, which starts faster)

            numbers = StatementNumbers()  # an article id read again goes on numbering, whatever the chunks
            with parts if partitioned else writers.TableWriter(args.output, kind) as out:
                for done in run.chunks("frame", client, args.chunk_size or batch.DEFAULT_CHUNK):
                    if done.frame is not None:  # None: the chunk's task failed whole (reported per article)
                        out.write(numbers(done.frame))


def _ingest(args: argparse.Namespace) -> int:
    from geonews.ingest import ingest
    from geonews.output.store import is_database, open_store

    progress = _Progress()

    def repeated(article) -> None:
        where = f"{article.path}:{article.line}" if article.line else (article.path or article.id)
        progress.message(f"{where}: article {article.id!r} read again with other content: this later text "
                         "replaces the earlier one")

    # a store that is not a store, of another schema version, or that cannot be written fails here, before any work
    with open_store(args.store, create=True, on_wait=lambda text: progress.message(f"{PROG}: {text}")) as store:
        run = _Run(args, progress, _outputs(None if is_database(args.store) else args.store))
        try:
            with _client(args) as client, progress:
                report = ingest(store, run.source, client=client, chunk_size=args.chunk_size, on_chunk=run.count,
                                on_repeat=repeated, lost_after=args.dask_timeout)
        except ClusterError as err:
            raise _lost(err, f"the articles done are in {store.name}: ingest again to add the others") from None
    print(printable(f"{store.name}: {report}"), flush=True)
    return run.status(passed=report.stored)


def _map(args: argparse.Namespace) -> int:
    from geonews.output import writers

    if Path(args.output).suffix.lower() != ".html":
        raise UsageError(f"cannot write {args.output}: a map is written to an .html file")
    if args.store and args.paths:
        raise UsageError("give either PATH... or --store, not both (see 'geonews map --help')")
    if not args.store and not args.paths:
        raise UsageError("the following arguments are required: PATH (or --store) (see 'geonews map --help')")
    for option in ("since", "until"):
        if getattr(args, option) and not args.store:
            raise UsageError(f"--{option} goes with --store (see 'geonews map --help')")
    writers.check_writable(args.output, force=args.force)
    from geonews.output.frame import to_frame
    from .maps import render_map  # before the long part, so a broken install fails at once

    if args.store:
        from geonews.output.store import day_bound, open_store

        since, until = day_bound(args.since, "--since"), day_bound(args.until, "--until")
        with open_store(args.store) as store:
            frame = store.read(since=since, until=until)
        if frame.empty:  # a map is still written (a quiet period is an answer too), and the user is told
            span = {(True, False): f" of articles dated {since} or later", (False, True): f" of articles dated "
                    f"{until} or earlier", (True, True): f" of articles dated {since} to {until}"}
            _say(f"{PROG}: {store.name}: no statements{span.get((bool(since), bool(until)), '')}; the map is empty")
        with writers.atomic_output(args.output) as tmp:
            render_map(frame, str(tmp), title=args.title)
        return 0
    progress = _Progress()
    run = _Run(args, progress, _outputs(args.output))
    try:
        with _client(args) as client, progress:
            statements = list(run.statements(client, args.chunk_size))
    except ClusterError as err:
        raise _lost(err, f"{args.output} not written (an old one is kept)") from None
    frame = to_frame(statements)
    with writers.atomic_output(args.output) as tmp:
        render_map(frame, str(tmp), title=args.title)
    return run.status()


def _utf8(stream) -> None:
    """Make a text stream write UTF-8 (Arabic) whatever the locale says."""
    encoding = (getattr(stream, "encoding", None) or "utf-8").lower().replace("-", "").replace("_", "")
    if encoding != "utf8" and hasattr(stream, "reconfigure"):
        stream.reconfigure(encoding="utf-8", errors="backslashreplace")


class _Terminated(KeyboardInterrupt):
    """SIGTERM, raised where the run stands so that it ends as an interrupt does (no partial output)."""


def _terminate(signum, frame) -> None:
    raise _Terminated


@contextlib.contextmanager
def _stopped_by_sigterm():
    """SIGTERM raises :class:`_Terminated` while the block runs (in the main thread; elsewhere nothing changes)."""
    try:
        previous = signal.signal(signal.SIGTERM, _terminate)
    except (ValueError, OSError, AttributeError):  # not the main thread, or no SIGTERM here
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def main(argv: list[str] | None = None) -> int:
    """Run the ``geonews`` command; return its exit status (0, 1 records skipped, 2 usage error, 3 the Dask
    cluster lost, 130 interrupted, 143 terminated)."""
    try:
        with _stopped_by_sigterm():
            for stream in (sys.stdout, sys.stderr):
                _utf8(stream)
            args = _parser().parse_args(argv)
            args.dask_timeout = args.dask_timeout or _seconds_from(DASK_TIMEOUT_VARIABLE, 30.0)
            return {"extract": _extract, "map": _map, "ingest": _ingest}[args.command](args)
    except SystemExit as exit_:  # --help and --version
        return exit_.code if isinstance(exit_.code, int) else 0
    except _Terminated:
        _say(f"{PROG}: terminated")
        return 143
    except KeyboardInterrupt:
        _say(f"{PROG}: interrupted")
        return 130
    except BrokenPipeError:  # the reader of our standard output went away (geonews extract ... | head)
        try:
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())  # so the interpreter's final flush does not complain
        except (OSError, ValueError, AttributeError):
            pass
        return 141
    except ClusterError as err:
        _say(f"{PROG}: {err}")
        return 3
    except GeonewsError as err:
        _say(f"{PROG}: {err}")
        return 2
    except OSError as err:
        if err.filename is None and err.errno in (errno.ENOSPC, errno.EDQUOT):  # standard output's disk
            _say(f"{PROG}: cannot write standard output: no space left on device")
            return 2
        where = f"{err.filename}: " if err.filename else ""
        _say(f"{PROG}: {where}{err.strerror or err}")
        return 2


if __name__ == "__main__":
    raise SystemExit(main())
