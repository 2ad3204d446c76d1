"""Ingest: extract the statements of the articles a claims store lacks, and hand them to it.

The store (:mod:`geonews.output.store`) keeps articles and statements and knows nothing of extraction;
this is where the two meet (``geonews ingest``). Articles are read in blocks; the store is asked which
of them it has (by id and :func:`~geonews.output.store.article_digest`); the others are extracted chunk
by chunk (:func:`geonews.batch.run_chunks`, here or on a Dask cluster) and each chunk is handed to the
store in one transaction with its statements as one frame.

One article id read twice in a run: with the same content, the second is already stored; with other
content, the later text replaces the earlier one (as a corrected article would), which is reported
through ``on_repeat`` — never a mix of the two.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from geonews.batch import DEFAULT_CHUNK, ChunkResult, chunked, run_chunks
from geonews.output.store import NEW, REPLACED, STORED, ClaimsStore, StoredArticle, article_digest
from geonews.reading.articles import Article

__all__ = ["LOOKUP_BLOCK", "IngestReport", "ingest"]

#: Articles read ahead and looked up in the store at once.
LOOKUP_BLOCK = 500


@dataclass(slots=True)
class IngestReport:
    """What an ingest did: articles added, replaced (stored before with other content), already stored."""

    new: int = 0
    replaced: int = 0
    stored: int = 0
    statements: int = 0  # statement rows (one per statement and place) added

    def __str__(self) -> str:
        changed = f", {self.replaced} replaced" if self.replaced else ""
        return f"{self.new} new{changed}, {self.stored} already stored ({self.statements} statement rows added)"


def ingest(store: ClaimsStore, articles: Iterable[Article], *, client=None, chunk_size: int | None = None,
           on_chunk: Callable[[ChunkResult], object] | None = None,
           on_repeat: Callable[[Article], object] | None = None, lost_after: float | None = None) -> IngestReport:
    """Extract the statements of the articles not yet in ``store`` and add them to it.

    Parameters
    ----------
    store : ClaimsStore
        An open store (:func:`~geonews.output.store.open_store`, in its ``with`` block).
    articles : iterable of Article
        Read lazily.
    client : distributed.Client, optional
        Extract on this Dask cluster (see :func:`geonews.batch.run_chunks`).
    chunk_size : int, optional
        Articles per chunk (default :data:`geonews.batch.DEFAULT_CHUNK`): per Dask task and per store
        transaction.
    on_chunk : callable, optional
        Called with each :class:`~geonews.batch.ChunkResult` (progress, error reports). Articles that
        fail are reported there and not stored, so a later ingest tries them again.
    on_repeat : callable, optional
        Called with an article whose id was read earlier in this run with other content (the later
        one replaces it).
    lost_after : float, optional
        Seconds a Dask cluster may be without a worker or an answering scheduler before the ingest stops
        with a :class:`~geonews.errors.ClusterError` (what was stored stays stored; see
        :func:`geonews.batch.run_chunks`).

    Returns
    -------
    IngestReport
    """
    report = IngestReport()
    latest: dict[str, str] = {}  # id -> digest of its version read last in this run (stored or on its way)
    digests: dict[int, str] = {}  # id(article) -> its digest, while it is on its way

    def todo() -> Iterator[Article]:
        for block in chunked(articles, LOOKUP_BLOCK):
            stored = store.digests({a.id for a in block if a.id not in latest})
            for article in block:
                digest = article_digest(article)
                again = article.id in latest
                if (latest[article.id] if again else stored.get(article.id)) == digest:
                    report.stored += 1  # stored before, or earlier in this run
                    continue
                if again and on_repeat is not None:
                    on_repeat(article)
                latest[article.id] = digest
                digests[id(article)] = digest
                yield article

    for done in run_chunks(todo(), mode="frame", client=client, chunk_size=chunk_size or DEFAULT_CHUNK,
                           distinct=lambda article: article.id, lost_after=lost_after):
        if on_chunk is not None:
            on_chunk(done)
        records = []
        for article, count in zip(done.articles, done.payloads):
            digest = digests.pop(id(article))
            if count is None:  # failed: reported by on_chunk, left for a later run
                if latest.get(article.id) == digest:
                    del latest[article.id]
                continue
            records.append(StoredArticle.of(article, count, digest))
        if not records:
            continue
        outcome = store.add(records, done.frame)
        report.new += sum(what == NEW for what in outcome.values())
        report.replaced += sum(what == REPLACED for what in outcome.values())
        report.stored += sum(what == STORED for what in outcome.values())  # another ingest was first
        if len(done.frame):
            report.statements += int((done.frame["article"].map(outcome) != STORED).sum())
    return report
