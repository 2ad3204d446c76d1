"""Ingest throughput into each claims store (articles/s), and how it scales from 1 to 4 concurrent ingests,
each figure next to a floor measured in the same run.

Rows (a markdown table on standard output), each the range over ``--rounds`` rounds:

- end to end, ``geonews ingest`` subprocesses: the ANT articles split into N disjoint shares ingested by N
  processes at once (N = 1, 2, 4) into a new GeoPackage and a new PostGIS database; the floor is N
  ``geonews extract -o share.jsonl`` processes on the same shares at once (extraction with no store);
- a re-ingest of everything (all already stored: reading, digests and the store's lookups only);
- the store alone, no extraction: the statements frames of the articles (chunks of 100, made once in
  this process) added by N writer processes at once (N = 1, 2, 4), against the floor of writing the same
  frames to a GeoPackage file with ``writers.TableWriter`` (no store, no transactions).

The PostGIS server is a new local one in a temporary folder (tests/pgserver.py), with ``fsync`` on as
a real server has it. The machine is shared and has 2 cores: with 4 processes the extraction is
CPU-bound, so the end-to-end rows cannot pass ~2× and the store-only rows show what each store adds.

Run: ``make bench`` or ``.venv/bin/python bench/store_bench.py [--rounds 2] [--articles N]``.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

GEONEWS = [sys.executable, "-m", "geonews.cli"]
CONCURRENCY = (1, 2, 4)


def load_records(data: Path, limit: int | None) -> list[dict]:
    ant = data / "ant_conflict_dev.jsonl"
    if not ant.exists():
        raise SystemExit(f"store_bench: {ant} is missing (the development data lives in ../shared/data)")
    with open(ant, encoding="utf-8") as fh:
        records = [json.loads(line) for line in fh if line.strip()]
    return records[:limit] if limit else records


def shares(records: list[dict], n: int, folder: Path) -> list[Path]:
    """The records cut into ``n`` disjoint shares, one JSON Lines file each."""
    paths = []
    for k in range(n):
        path = folder / f"share{n}-{k}.jsonl"
        path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records[k::n]), encoding="utf-8")
        paths.append(path)
    return paths


def run_at_once(commands: list[list[str]]) -> float:
    """Start the commands together; the wall time until the last one ends (each must succeed)."""
    start = time.perf_counter()
    runs = [subprocess.Popen(c, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, cwd=ROOT) for c in commands]
    errors = [run.communicate()[1] for run in runs]
    elapsed = time.perf_counter() - start
    for run, err in zip(runs, errors):
        if run.returncode not in (0, 1):
            raise SystemExit(f"store_bench: {' '.join(run.args)} failed: {err.strip()[-500:]}")
    return elapsed


# -- the store alone --------------------------------------------------------------------------------------

def _writer(target: str, chunks: list, barrier, results) -> None:
    from geonews.output.store import open_store

    with open_store(target, create=True) as store:
        barrier.wait()
        start = time.perf_counter()
        added = 0
        for records, frame in chunks:
            store.add(records, frame)
            added += len(records)
        results.put((start, time.perf_counter(), added))


def store_alone(target: str, chunks: list, n: int) -> float:
    """Articles/s of ``n`` processes adding their shares of ``chunks`` (records, frame) at once."""
    context = multiprocessing.get_context("fork")
    barrier, results = context.Barrier(n), context.Queue()
    workers = [context.Process(target=_writer, args=(target, chunks[k::n], barrier, results)) for k in range(n)]
    for worker in workers:
        worker.start()
    done = [results.get(timeout=600) for _ in workers]
    for worker in workers:
        worker.join()
        if worker.exitcode != 0:
            raise SystemExit(f"store_bench: a writer process failed (exit {worker.exitcode})")
    return sum(d[2] for d in done) / (max(d[1] for d in done) - min(d[0] for d in done))


def table_writer_floor(chunks: list, path: Path) -> float:
    from geonews.output.writers import TableWriter

    start = time.perf_counter()
    with TableWriter(path) as out:
        for _, frame in chunks:
            out.write(frame)
    return sum(len(r) for r, _ in chunks) / (time.perf_counter() - start)


def make_chunks(records: list[dict], folder: Path, size: int = 100) -> list:
    """(StoredArticle records, frame) per chunk of ``size`` articles, extracted once here."""
    from geonews.batch import chunked, extract_chunk
    from geonews.output.store import StoredArticle
    from geonews.reading.articles import iter_articles

    source = folder / "all.jsonl"
    source.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    chunks = []
    for chunk in chunked(iter_articles([source]), size, key=lambda a: a.id):
        done = extract_chunk(chunk, "frame")
        records_ = [StoredArticle.of(a, n) for a, n in zip(chunk, done.payloads) if n is not None]
        chunks.append((records_, done.frame))
    return chunks


def fmt(values: list[float], digits: int = 0) -> str:
    low, high = min(values), max(values)
    return f"{low:.{digits}f}" if round(low, digits) == round(high, digits) else f"{low:.{digits}f}–{high:.{digits}f}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--articles", type=int, default=None, help="use the first N ANT articles (default all)")
    args = parser.parse_args(argv)

    import pgserver

    records = load_records(args.data, args.articles)
    rows: dict[str, list[float]] = {}

    def note(name: str, value: float) -> None:
        rows.setdefault(name, []).append(value)

    with tempfile.TemporaryDirectory(prefix="store-bench-") as tmp, pgserver.PostgresServer(fsync=True) as server:
        folder = Path(tmp)
        files = {n: shares(records, n, folder) for n in CONCURRENCY}
        chunks = make_chunks(records, folder)
        databases = 0

        def database() -> str:
            nonlocal databases
            databases += 1
            return server.new_database(f"bench{databases}", postgis=True)

        for round_ in range(args.rounds):
            rates: dict[tuple, float] = {}
            for n in CONCURRENCY:
                outs = [folder / f"out{n}-{k}.jsonl" for k in range(n)]
                floor = len(records) / run_at_once([[*GEONEWS, "extract", str(p), "-o", str(o)]
                                                    for p, o in zip(files[n], outs)])
                note(f"floor: {n} × geonews extract at once", floor)
                rates["floor", "ingest", n] = floor
                for kind in ("gpkg", "postgis"):
                    target = str(folder / f"r{round_}-{n}.gpkg") if kind == "gpkg" else database()
                    rate = len(records) / run_at_once([[*GEONEWS, "ingest", str(p), "--store", target]
                                                       for p in files[n]])
                    note(f"{kind}: {n} × geonews ingest at once", rate)
                    rates[kind, "ingest", n] = rate
                    note(f"{kind}: {n} × geonews ingest at once, against the floor", rate / floor)
                    if n == 1:
                        again = len(records) / run_at_once([[*GEONEWS, "ingest", str(files[1][0]), "--store", target]])
                        note(f"{kind}: re-ingest, everything already stored", again)
            floor = table_writer_floor(chunks, folder / f"floor{round_}.gpkg")
            note("floor: TableWriter to a .gpkg file, the same frames", floor)
            for n in CONCURRENCY:
                for kind in ("gpkg", "postgis"):
                    target = str(folder / f"alone{round_}-{n}.gpkg") if kind == "gpkg" else database()
                    rate = store_alone(target, chunks, n)
                    rates[kind, "alone", n] = rate
                    note(f"{kind}: store alone, {n} writer{'s' if n > 1 else ''} at once", rate)
                    note(f"{kind}: store alone, {n} writer{'s' if n > 1 else ''} at once, against the floor",
                         rate / floor)
            for (kind, mode, n), rate in rates.items():
                if n > 1:
                    what = "extract" if kind == "floor" else "ingest" if mode == "ingest" else "store alone"
                    note(f"{kind}: {what}, {n} at once against 1", rate / rates[kind, mode, 1])

    print(f"Ingest into the claims stores: {len(records)} ANT articles, {args.rounds} rounds, "
          f"{os.cpu_count()} cores, Python {platform.python_version()}")
    print()
    print("| what | articles/s (or ratio) |")
    print("|---|---|")
    for name, values in rows.items():
        print(f"| {name} | {fmt(values, 2 if 'against' in name else 0)}{'×' if 'against' in name else ''} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
