"""Batch runs: articles in chunks, extracted in this process or on a Dask cluster, results in input order.

Articles are read lazily (:func:`~geonews.reading.articles.iter_articles`) and cut into chunks of ``chunk_size``
articles. Each chunk is one task: :func:`extract_chunk` runs it, in this process or on a Dask worker, with
the worker's own gazetteer (loaded once per process and kept, see :func:`worker_gazetteer`). A failure on
one article is caught inside the task and comes back as a :class:`~geonews.errors.RecordError` (``path:line:
reason``); the chunk's other articles are kept. Results come back in input order whatever order the
workers finish in, and only ``window`` chunks are in flight or waiting to be handed on at any time, so
memory stays flat however large the input.

>>> from geonews.reading.articles import iter_articles
>>> with dask_client(workers=2) as client:                               # doctest: +SKIP
...     for done in run_chunks(iter_articles(["news.jsonl"]), mode="jsonl", client=client):
...         sys.stdout.write("".join(p for p in done.payloads if p))
"""

from __future__ import annotations

import contextlib
import functools
import itertools
import json
import logging
import os
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from geonews.reading.articles import Article
from geonews.errors import RecordError, UsageError
from geonews.files import replacing

__all__ = ["DEFAULT_CHUNK", "MODES", "ChunkResult", "PartitionWriter", "check_partition_target", "chunked",
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
#: How long to try to reach a ``--scheduler`` before giving up.
CONNECT_TIMEOUT = "10s"
_PARTITION = re.compile(r"part\.\d+\.parquet")
#: One encoder for every JSON Lines record (json.dumps with options builds one per call).
_JSON = json.JSONEncoder(ensure_ascii=False)


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


@functools.lru_cache(maxsize=1)
def worker_gazetteer():
    """The gazetteer of this process: loaded on first use, then kept (once per Dask worker).

    Its place recogniser is built right away, and everything loaded so far is moved out of the garbage
    collector's sight (``gc.freeze``): those objects live as long as the process, and scanning them
    again at every collection is wasted time.
    """
    import gc

    from gazetteer import Gazetteer

    gazetteer = Gazetteer()
    gazetteer.find("دمشق")  # builds the recogniser now, before the freeze
    gc.freeze()
    return gazetteer


def extract_chunk(articles: list[Article], mode: str = "statements", index: int = 0) -> ChunkResult:
    """Extract the statements of a chunk of articles; a failing article becomes an error, not a crash.

    Runs on a Dask worker (or in this process). The returned :class:`ChunkResult` has no ``articles``
    (the caller has them), so only the results travel back.
    """
    if mode not in MODES:
        raise ValueError(f"Expected a mode among {', '.join(MODES)}, instead got: {mode!r}.")
    from geonews.extraction.pipeline import extract_statements

    gz = worker_gazetteer()
    result = ChunkResult(index)
    collected = []
    for article in articles:
        try:
            found = list(extract_statements(article, gz))
            if mode == "jsonl":
                payload = "".join(_JSON.encode(s.to_dict()) + "\n" for s in found)
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
               distinct: Callable | None = None) -> Iterator[ChunkResult]:
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
    yield from _run_on_dask(client, chunks, mode, window)


def _run_on_dask(client, chunks: Iterator[list[Article]], mode: str, window: int | None) -> Iterator[ChunkResult]:
    from distributed import as_completed

    if window is None:
        window = 2 * max(1, sum(client.nthreads().values())) + 2
    pending = as_completed()
    index_of: dict[str, int] = {}  # task key -> chunk index
    held: dict[int, list[Article]] = {}  # submitted chunks, by index, until yielded
    ready: dict[int, ChunkResult] = {}  # finished chunks waiting for an earlier one
    submitted = yielded = 0

    def fill() -> None:
        nonlocal submitted
        while submitted - yielded < window:
            chunk = next(chunks, None)
            if chunk is None:
                return
            held[submitted] = chunk
            future = client.submit(extract_chunk, chunk, mode, submitted, pure=False,
                                   key=f"geonews-chunk-{submitted}-{os.urandom(4).hex()}")
            index_of[future.key] = submitted
            pending.add(future)
            submitted += 1

    fill()
    for future in pending:
        index = index_of.pop(future.key)
        try:
            done = future.result()
        except Exception as err:  # the whole task failed (a worker that kept dying): report each article
            done = ChunkResult(index, payloads=[None] * len(held[index]),
                               errors=[failure(a, err) for a in held[index]])
        future.release()
        ready[done.index] = done
        while yielded in ready:
            out = ready.pop(yielded)
            out.articles = held.pop(yielded)
            yielded += 1
            yield out
        fill()


@contextlib.contextmanager
def dask_client(workers: int | None = None, scheduler: str | None = None) -> Iterator:
    """A Dask client: on a new local cluster of ``workers`` processes, or on the cluster at ``scheduler``.

    The local cluster has one thread per worker process (the pipeline is pure Python: threads would share
    one interpreter lock), no dashboard, and quiet logs. Both are closed when the block ends.

    Raises
    ------
    UsageError
        When the scheduler cannot be reached.
    """
    try:
        from distributed import Client, LocalCluster
    except ImportError as err:  # pragma: no cover - a dependency
        raise UsageError("--workers and --scheduler need dask.distributed (pip install 'dask[distributed]')") from err
    with contextlib.ExitStack() as stack:
        if scheduler:
            try:
                client = Client(scheduler, timeout=CONNECT_TIMEOUT)
            except (OSError, TimeoutError, ValueError) as err:
                raise UsageError(f"cannot connect to the Dask scheduler at {scheduler} ({err})") from err
            stack.callback(client.close)
        else:
            cluster = LocalCluster(n_workers=workers or 1, threads_per_worker=1, processes=True,
                                   dashboard_address=None, silence_logs=logging.ERROR)
            stack.callback(cluster.close)
            client = Client(cluster)
            stack.callback(client.close)
        yield client


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

    def __init__(self, folder: str | os.PathLike) -> None:
        self.target = Path(os.fspath(folder).rstrip("/" + os.sep) or os.sep)
        check_partition_target(self.target)
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


def check_partition_target(folder: Path) -> None:
    """Refuse, before any work, a partition folder that cannot be (re)written (see :class:`PartitionWriter`)."""
    where = f"{folder.as_posix()}/"
    if not folder.parent.is_dir():
        raise UsageError(f"cannot write {where}: folder {folder.parent.as_posix()} does not exist")
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
