"""Batch runs: articles in chunks, extracted in this process or on a Dask cluster, results in input order.

Articles are read lazily (:func:`~geonews.reading.articles.iter_articles`) and cut into chunks of ``chunk_size``
articles. Each chunk is one task: :func:`extract_chunk` runs it, in this process or on a Dask worker, with
the worker's own gazetteer (loaded once per process and kept, see :func:`worker_gazetteer`). A failure on
one article is caught inside the task and comes back as a :class:`~geonews.errors.RecordError` (``path:line:
reason``); the chunk's other articles are kept. Results come back in input order whatever order the
workers finish in, and only ``window`` chunks are in flight or waiting to be handed on at any time, so
memory stays flat however large the input.

A cluster can fail under a run: its workers die, its scheduler goes away or stops answering. A run waits
for it at most ``lost_after`` seconds (:data:`LOST_AFTER`), then stops with a one-line
:class:`~geonews.errors.ClusterError` saying how many articles were done and which one was the first not
done (the chunks done were handed on already, in input order). Connecting to a scheduler that accepts the
connection and says nothing, or to an address that is not one, is a one-line
:class:`~geonews.errors.UsageError` too. The workers of a local cluster do not take Ctrl-C themselves: the
run that owns them stops them, so an interrupt prints one line, not one traceback per worker.

>>> from geonews.reading.articles import iter_articles
>>> with dask_client(workers=2) as client:                               # doctest: +SKIP
...     for done in run_chunks(iter_articles(["news.jsonl"]), mode="jsonl", client=client):
...         sys.stdout.write("".join(p for p in done.payloads if p))
"""

from __future__ import annotations

import contextlib
import functools
import itertools
import logging
import os
import re
import signal
import time
import warnings
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from geonews.reading.articles import Article
from geonews.errors import ClusterError, RecordError, UsageError
from geonews.files import check_replaceable, replacing, written_path

__all__ = ["DEFAULT_CHUNK", "LOST_AFTER", "MODES", "ChunkResult", "PartitionWriter", "check_partition_target", "chunked",
           "dask_client", "extract_chunk", "failure", "is_partition_target", "read_partitions", "run_chunks",
           "worker_gazetteer"]

#: Articles per task: large enough that scheduling costs little, small enough to keep workers busy.
DEFAULT_CHUNK = 100
#: What a chunk's payload is, per article: ``"jsonl"`` the statements as JSON Lines text (serialised on the
#: worker), ``"statements"`` a list of :class:`~geonews.model.Statement`; ``"frame"`` one frame per chunk
#: (:func:`~geonews.output.frame.to_frame` over the chunk's statements) in ``ChunkResult.frame``.
MODES = ("jsonl", "statements", "frame")
#: File names of partitions: ``part.000000.parquet`` ... (zero-padded, so that name order is chunk order).
PARTITION_NAME = "part.{:06d}.parquet"
#: How long to try to reach a ``--scheduler`` (and hear from it) before giving up, in seconds.
CONNECT_TIMEOUT = 10.0
#: Seconds a run waits for a cluster that has no worker, or whose scheduler does not answer, before it stops
#: (``--dask-timeout``): long enough for a worker to be restarted, short enough that a lost cluster is told.
LOST_AFTER = 30.0
_POLL = 1.0  # seconds between looks at the cluster while no chunk comes back
_PARTITION = re.compile(r"part\.\d+\.parquet")


@dataclass(slots=True)
class ChunkResult:
    """What one chunk gave.

    ``articles`` are the chunk's articles (kept on the caller's side, never sent back); ``payloads`` holds
    one entry per article, ``None`` where the article failed; ``errors`` the failures, each ``path:line:
    reason``; ``frame`` the chunk's statements as one frame in mode ``"frame"``.
    """

    index: int
    articles: list[Article] = field(default_factory=list)
    payloads: list = field(default_factory=list)
    errors: list[RecordError] = field(default_factory=list)
    frame: object = None


def chunked(items: Iterable, size: int, key: Callable | None = None) -> Iterator[list]:
    """Lists of ``size`` consecutive items (the last one shorter), read lazily.

    With ``key``, a list also ends before an item whose key it already holds, so no list holds two
    items of one key (``key=lambda a: a.id``: no chunk holds two versions of one article).
    """
    if size < 1:
        raise ValueError(f"Expected a chunk size of at least 1, instead got: {size!r}.")
    iterator = iter(items)
    if key is None:
        while chunk := list(itertools.islice(iterator, size)):
            yield chunk
        return
    chunk, keys = [], set()
    for item in iterator:
        k = key(item)
        if len(chunk) >= size or k in keys:
            yield chunk
            chunk, keys = [], set()
        chunk.append(item)
        keys.add(k)
    if chunk:
        yield chunk


#: Objects kept (allocated and not yet freed) before the garbage collector's youngest generation is collected
#: in a process that extracts (Python's default is 700).
GC_YOUNGEST = 20_000


@functools.lru_cache(maxsize=1)
def worker_gazetteer():
    """The gazetteer of this process: loaded on first use, then kept (once per Dask worker).

    Its place recogniser is built right away, and everything loaded so far is moved out of the garbage
    collector's sight (``gc.freeze``): those objects live as long as the process, and scanning them
    again at every collection is wasted time. The collector's youngest generation is made larger
    (:data:`GC_YOUNGEST`): an article's tokens, sentences and decisions live and die with it, and at the
    default of 700 objects a collection ran every few sentences (~830 per pass over the ANT articles,
    0.1–0.37 s of a 3 s pass); a collection still runs once that many objects are kept, so memory stays flat.
    """
    import gc

    from gazetteer import Gazetteer

    gazetteer = Gazetteer()
    gazetteer.find("دمشق")  # builds the recogniser now, before the freeze
    gc.freeze()
    youngest, older, oldest = gc.get_threshold()
    gc.set_threshold(max(GC_YOUNGEST, youngest), older, oldest)
    return gazetteer


def extract_chunk(articles: list[Article], mode: str = "statements", index: int = 0) -> ChunkResult:
    """Extract the statements of a chunk of articles; a failing article becomes an error, not a crash.

    Runs on a Dask worker (or in this process). The returned :class:`ChunkResult` has no ``articles``
    (the caller has them), so only the results travel back.
    """
    if mode not in MODES:
        raise ValueError(f"Expected a mode among {', '.join(MODES)}, instead got: {mode!r}.")
    from geonews.extraction.pipeline import extract_statements, find_ahead
    from geonews.output.writers.jsonl import json_line

    gz = worker_gazetteer()
    result = ChunkResult(index)
    collected = []
    find_ahead(articles, gz)  # the chunk's place names first, one text after another: faster, the same
    for article in articles:
        try:
            found = list(extract_statements(article, gz))
            if mode == "jsonl":
                payload = "".join([json_line(s.to_dict()) for s in found])
            else:
                payload = found
        except Exception as err:  # one bad article must not lose the others: report it and go on
            result.errors.append(failure(article, err))
            result.payloads.append(None)
            continue
        result.payloads.append(payload)
        if mode == "frame":
            collected += found
    if mode == "frame":
        from geonews.output.frame import to_frame

        result.frame = to_frame(collected)
        result.payloads = [None if p is None else len(p) for p in result.payloads]  # counts, not statements
    return result


def failure(article: Article, err: BaseException) -> RecordError:
    """The one-line report of an article whose extraction raised ``err``."""
    return RecordError(article.path or article.id, article.line, f"extraction failed ({type(err).__name__}: {err})")


def run_chunks(articles: Iterable[Article], *, mode: str = "statements", client=None,
               chunk_size: int = DEFAULT_CHUNK, window: int | None = None,
               distinct: Callable | None = None, lost_after: float | None = None) -> Iterator[ChunkResult]:
    """Extract articles chunk by chunk; yield each chunk's :class:`ChunkResult` in input order.

    Parameters
    ----------
    articles : iterable of Article
        Read lazily: at most ``window`` chunks are held at a time.
    mode : str
        One of :data:`MODES`.
    client : distributed.Client, optional
        Run the chunks on this Dask cluster; without it they run here, one after the other.
    chunk_size : int
        Articles per chunk (per task).
    window : int, optional
        Chunks submitted and not yet yielded, at most (default: twice the cluster's threads, plus two).
    distinct : callable, optional
        A chunk ends early rather than hold two articles of one ``distinct(article)`` (see :func:`chunked`).
    lost_after : float, optional
        Seconds the cluster may have no worker, or its scheduler not answer, before the run stops
        (default :data:`LOST_AFTER`).

    Raises
    ------
    ClusterError
        The cluster was lost (see above): every chunk yielded before is complete; the message names the
        first article not done.

    Notes
    -----
    A chunk whose task fails as a whole (a worker that died more often than Dask retries it) is
    reported article by article, and the run goes on.
    """
    chunks = chunked(articles, chunk_size, distinct)
    if client is None:
        for index, chunk in enumerate(chunks):
            done = extract_chunk(chunk, mode, index)
            done.articles = chunk
            yield done
        return
    yield from _run_on_dask(client, chunks, mode, window, LOST_AFTER if lost_after is None else lost_after)


def _run_on_dask(client, chunks: Iterator[list[Article]], mode: str, window: int | None,
                 lost_after: float) -> Iterator[ChunkResult]:
    if window is None:
        try:
            threads = sum(_workers(client, lost_after).values())
        except Exception:  # no answer now: the watch below tells a cluster that stays silent
            threads = 1
        window = 2 * max(1, threads) + 2
    in_flight: dict[str, tuple[object, int]] = {}  # task key -> (future, chunk index)
    held: dict[int, list[Article]] = {}  # submitted chunks, by index, until yielded
    ready: dict[int, ChunkResult] = {}  # finished chunks waiting for an earlier one
    submitted = yielded = articles_done = 0

    def fill() -> None:
        nonlocal submitted
        while submitted - yielded < window:
            chunk = next(chunks, None)
            if chunk is None:
                return
            held[submitted] = chunk
            future = client.submit(extract_chunk, chunk, mode, submitted, pure=False,
                                   key=f"geonews-chunk-{submitted}-{os.urandom(4).hex()}")
            in_flight[future.key] = (future, submitted)
            submitted += 1

    def lost(problem: str) -> ClusterError:
        first = held[min(held)][0] if held else None
        where = "" if first is None else f" (the first not done: {_where(first)})"
        return ClusterError(f"lost the Dask cluster: {problem}; {articles_done} articles done, the others not"
                            f"{where}", articles_done)

    watch = _Watch(client, lost_after, lost)
    fill()
    while in_flight:
        for future in watch.finished([f for f, _ in in_flight.values()]):
            if future.cancelled():  # the client lost its scheduler, and with it every task
                raise lost("the connection to its scheduler was lost")
            index = in_flight[future.key][1]
            try:
                done = future.result(timeout=watch.poll)
            except Exception as err:
                if future.status != "error":  # not the task's failure: its result went with a worker or the
                    continue                  # scheduler; it is computed again, or the watch gives the cluster up
                # the whole task failed (a worker that kept dying): report each article
                done = ChunkResult(index, payloads=[None] * len(held[index]),
                                   errors=[failure(a, err) for a in held[index]])
            del in_flight[future.key]
            watch.progressed()
            future.release()
            ready[done.index] = done
        while yielded in ready:
            out = ready.pop(yielded)
            out.articles = held.pop(yielded)
            yielded += 1
            articles_done += len(out.articles)
            yield out
        fill()


def _where(article: Article) -> str:
    """Where an article was read (``path:line``, the path, or its id)."""
    if article.path and article.line:
        return f"{article.path}:{article.line}"
    return article.path or article.id


def _workers(client, timeout: float) -> dict:
    """Worker address -> threads, asked of the scheduler with a deadline (``TimeoutError`` past it)."""
    return client.nthreads(callback_timeout=max(0.1, min(timeout, CONNECT_TIMEOUT)))


def _cluster_problem(client, timeout: float) -> str | None:
    """What keeps the cluster from running tasks now (no connection, no answer, no worker), or ``None``."""
    if client.status != "running":
        return "no connection to its scheduler"
    try:
        workers = _workers(client, timeout)
    except Exception:  # a timeout, or a connection that broke while asking
        return "its scheduler does not answer"
    return None if workers else "it has no worker"


class _Watch:
    """Waits for chunks on a cluster, and gives the cluster up once it has been unable to run them (no worker,
    no scheduler that answers) for ``lost_after`` seconds on end: ``lost(problem)`` is raised then."""

    def __init__(self, client, lost_after: float, lost: Callable[[str], ClusterError]) -> None:
        self.client, self.lost_after, self.lost = client, lost_after, lost
        self.poll = min(_POLL, lost_after / 4)
        self.well = time.monotonic()  # the last time the cluster could run tasks

    def progressed(self) -> None:
        """A chunk came back: the cluster works."""
        self.well = time.monotonic()

    def finished(self, futures: list) -> list:
        """The futures among ``futures`` that are done, waiting as long as the cluster can run them."""
        from distributed import wait

        while True:
            try:
                finished = wait(futures, timeout=self.poll, return_when="FIRST_COMPLETED").done
            except TimeoutError:
                finished = ()
            except Exception as err:  # the client closed under the wait
                raise self.lost(f"the connection to its scheduler was lost ({type(err).__name__})") from err
            self.check()
            if finished:
                return list(finished)

    def check(self) -> None:
        """Raise ``lost(problem)`` when the cluster has been unable to run tasks for ``lost_after`` seconds."""
        if time.monotonic() - self.well < self.poll:
            return  # seen at work a moment ago
        problem = _cluster_problem(self.client, self.lost_after)
        if problem is None:
            self.well = time.monotonic()
        elif time.monotonic() - self.well >= self.lost_after:
            raise self.lost(f"{problem} for {self.lost_after:g} s")


@contextlib.contextmanager
def dask_client(workers: int | None = None, scheduler: str | None = None, *,
                timeout: float | None = None) -> Iterator:
    """A Dask client: on a new local cluster of ``workers`` processes, or on the cluster at ``scheduler``.

    The local cluster has one thread per worker process (the pipeline is pure Python: threads would share
    one interpreter lock), no dashboard, and quiet logs; its workers leave Ctrl-C to this process, which
    stops them. Both are closed when the block ends.

    Parameters
    ----------
    timeout : float, optional
        Seconds to wait for the scheduler to answer when connecting (at most :data:`CONNECT_TIMEOUT`).

    Raises
    ------
    UsageError
        When the scheduler cannot be reached, does not answer, or the address is not one.
    """
    try:
        from distributed import Client, LocalCluster
    except ImportError as err:  # pragma: no cover - a dependency
        raise UsageError("--workers and --scheduler need dask.distributed (pip install 'dask[distributed]')") from err
    wait = min(CONNECT_TIMEOUT, timeout or CONNECT_TIMEOUT)
    _ignore_abandoned_coroutines()
    with contextlib.ExitStack() as stack:
        stack.enter_context(_quiet_logs())  # a lost worker or scheduler is told in one line, not in log lines
        if scheduler:
            _hear_from(scheduler, wait)  # Client() itself waits for ever on a scheduler that says nothing
            try:
                client = Client(scheduler, timeout=wait)
            except Exception as err:  # an address that is not one fails in many ways, none of them the user's bug
                raise UsageError(f"cannot connect to the Dask scheduler at {scheduler} ({_first_line(err)})") from err
            stack.callback(_quietly, client.close, timeout=wait)
        else:
            # each worker runs this module's dask_setup as it starts (a Dask preload): Ctrl-C is left to this process
            # no dashboard; the scheduler's own HTTP server (health, metrics) on a free local port, not 8787,
            # which another cluster may hold (distributed then warns on standard error)
            cluster = LocalCluster(n_workers=workers or 1, threads_per_worker=1, processes=True,
                                   dashboard_address=None, silence_logs=logging.CRITICAL, preload=[__name__],
                                   scheduler_kwargs={"dashboard": False, "dashboard_address": "127.0.0.1:0"})
            stack.callback(_quietly, cluster.close)
            client = Client(cluster)
            stack.callback(_quietly, client.close)
        _drop_cancelled_gathers(client)
        yield client


@contextlib.contextmanager
def _quiet_logs() -> Iterator[None]:
    """Keep Dask's client-side log records (warnings as a worker dies, the tracebacks of its cancelled internal
    tasks) off standard error for the block: the run reports what they are about itself, in one line."""
    names = [name for name in list(logging.root.manager.loggerDict)
             if name.split(".")[0] in ("distributed", "asyncio", "tornado")]
    loggers = [logging.getLogger(name) for name in {"distributed", "asyncio", "tornado", *names}]
    levels = [logger.level for logger in loggers]
    for logger in loggers:
        logger.setLevel(logging.CRITICAL)
    try:
        yield
    finally:
        for logger, level in zip(loggers, levels):
            logger.setLevel(level)


def _ignore_abandoned_coroutines() -> None:
    """Keep off standard error the RuntimeWarning of a Dask coroutine left unawaited when Ctrl-C stops a wait
    on the client (``coroutine 'Future._result' was never awaited``): the run says it was interrupted, in one
    line. The warning comes whenever the coroutine is collected, after the block too, so the filter stays."""
    warnings.filterwarnings("ignore", message=r"coroutine '[\w.<>]+' was never awaited", category=RuntimeWarning)


def _drop_cancelled_gathers(client) -> None:
    """Keep the client's event loop from printing, when it collects them (at exit, after the run has said
    what happened), the tracebacks of the gathers given up on while a worker or the scheduler was lost."""
    from distributed.client import AllExit

    loop = client.loop.asyncio_loop

    def handle(loop, context) -> None:
        if not isinstance(context.get("exception"), AllExit):
            loop.default_exception_handler(context)

    loop.set_exception_handler(handle)


def _first_line(err: BaseException) -> str:
    text = str(err).strip()
    return text.splitlines()[0] if text else type(err).__name__


def _quietly(close: Callable, **kwargs) -> None:
    """Close a client or cluster; one that cannot be closed (its scheduler gone) is let go."""
    with contextlib.suppress(Exception):
        close(**kwargs)


def _hear_from(address: str, timeout: float) -> None:
    """Connect to the scheduler at ``address`` and wait (at most ``timeout`` s) for its handshake.

    Raises
    ------
    UsageError
        When it cannot be reached, does not answer in time, or the address is not one.
    """
    import asyncio

    from distributed.comm import connect
    from distributed.security import Security

    async def handshake() -> None:
        comm = await asyncio.wait_for(connect(address, timeout=timeout,
                                              **Security().get_connection_args("client")), timeout)
        await comm.close()

    try:
        asyncio.run(handshake())
    except (asyncio.TimeoutError, TimeoutError):
        raise UsageError(f"cannot connect to the Dask scheduler at {address} (no answer in {timeout:g} s)") from None
    except Exception as err:
        raise UsageError(f"cannot connect to the Dask scheduler at {address} ({_first_line(err)})") from err


def dask_setup(worker) -> None:
    """Run by each worker of a local cluster as it starts (the cluster's preload): the worker ignores SIGINT.

    Ctrl-C at a terminal signals the whole process group, workers included; the run that owns them stops
    them as it closes the cluster, so a worker that took the signal itself would only print a traceback."""
    with contextlib.suppress(ValueError):  # not the worker's main thread: nothing to do
        signal.signal(signal.SIGINT, signal.SIG_IGN)


# -- partitioned GeoParquet ---------------------------------------------------------------------------------

def is_partition_target(path: str | os.PathLike) -> bool:
    """Whether an output path asks for partitioned GeoParquet: it ends in ``/`` or is an existing folder."""
    text = os.fspath(path)
    return text.endswith(("/", os.sep)) or Path(text).is_dir()


class PartitionWriter:
    """Write a folder of GeoParquet files, one per chunk, that appears whole or not at all.

    The partitions are written into a temporary folder next to the target, which is renamed to the target
    when the ``with`` block ends without an error (a previous output there is replaced; a folder holding
    anything but partitions is refused). Each partition is a complete GeoParquet file (``part.000000.parquet``
    ...), so the folder reads as one frame with ``dask_geopandas.read_parquet`` (see :func:`read_partitions`)
    or ``geopandas.read_parquet`` file by file. Text columns are written as strings even when a partition
    has no value in them, so every partition has the same schema.

    Raises
    ------
    UsageError
        When the target's parent folder does not exist or cannot be written, or the target is a file or a
        folder with other files in it.
    """

    def __init__(self, folder: str | os.PathLike, *, force: bool = True) -> None:
        self.target = Path(os.fspath(folder).rstrip("/" + os.sep) or os.sep)
        check_partition_target(self.target, force=force)
        self.count = 0  # partitions written
        self.rows = 0
        self._tmp: Path | None = None

    def __enter__(self) -> PartitionWriter:
        self._stack = contextlib.ExitStack()
        self._tmp = self._stack.enter_context(replacing(self.target, folder=True))
        return self

    def write(self, frame) -> Path:
        """Write one partition (a statements frame, possibly empty); return its path."""
        if self._tmp is None:
            raise RuntimeError("PartitionWriter.write() called outside its with block")
        from geonews.output.frame import with_string_columns

        frame = with_string_columns(frame)  # every partition with one schema
        path = self._tmp / PARTITION_NAME.format(self.count)
        frame.to_parquet(path, index=False)
        self.count += 1
        self.rows += len(frame)
        return path

    def __exit__(self, exc_type, exc, tb) -> bool:
        self._tmp = None
        self._stack.__exit__(exc_type, exc, tb)  # renames the folder over the target, or removes it
        return False


def check_partition_target(folder: Path, *, force: bool = True) -> None:
    """Refuse, before any work, a partition folder that cannot be (re)written (see :class:`PartitionWriter`);
    with ``force=False`` a read-only one too."""
    where = f"{folder.as_posix()}/"
    real = written_path(folder)
    if not real.parent.is_dir():
        raise UsageError(f"cannot write {where}: folder {real.parent.as_posix()} does not exist")
    check_replaceable(folder, folder=True, force=force)
    folder = real
    if folder.exists():
        if not folder.is_dir():
            raise UsageError(f"cannot write {where}: it is a file")
        others = [p.name for p in folder.iterdir() if not _PARTITION.fullmatch(p.name)]
        if others:
            raise UsageError(f"cannot write {where}: the folder holds other files ({others[0]!r}); "
                             "give a new or empty folder")
    if not os.access(folder.parent, os.W_OK | os.X_OK):
        raise UsageError(f"cannot write {where}: permission denied in {folder.parent.as_posix()}")


def read_partitions(folder: str | os.PathLike):
    """The statements of a partition folder as one lazy ``dask_geopandas.GeoDataFrame``, in chunk order."""
    import dask_geopandas

    files = sorted(Path(folder).glob("part.*.parquet"))
    return dask_geopandas.read_parquet([f.as_posix() for f in files])
