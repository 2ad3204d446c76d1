"""Batch runs: chunks in input order, a 2-worker Dask cluster giving exactly the sequential output,
failures reported per record, partitioned GeoParquet."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from geonews import batch
from geonews.reading.articles import Article, iter_articles
from geonews.cli import main
from geonews.output.frame import from_frame

ROOT = Path(__file__).resolve().parent.parent
SEED = sorted((ROOT / "seeds").glob("*.txt"))[0]
BROKEN_LINE = 7  # the JSON Lines line that is not JSON


def _variants(n: int) -> list[dict]:
    """``n`` articles made from the seed: its paragraphs rotated and cut, each with its own id."""
    title, *paragraphs = [p for p in SEED.read_text(encoding="utf-8").splitlines() if p.strip()]
    out = []
    for k in range(n):
        rotated = paragraphs[k % len(paragraphs):] + paragraphs[:k % len(paragraphs)]
        body = rotated[:3 + k % 5]
        out.append({"id": f"seed-{k:02d}", "title": title, "date": f"2016-07-{1 + k % 28:02d}",
                    "text": "\n".join(body)})
    return out


@pytest.fixture(scope="module")
def articles_file(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("batch") / "news.jsonl"
    lines = [json.dumps(a, ensure_ascii=False) for a in _variants(20)]
    lines.insert(BROKEN_LINE - 1, '{"id": "broken", "text": "unterminated')
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def sequential(articles_file, tmp_path_factory) -> tuple[int, str, str]:
    out = tmp_path_factory.mktemp("seq") / "out.jsonl"
    import contextlib
    import io

    err = io.StringIO()
    with contextlib.redirect_stderr(err):
        status = main(["extract", str(articles_file), "-o", str(out)])
    return status, out.read_text(encoding="utf-8"), err.getvalue()


def test_chunked():
    assert list(batch.chunked(range(7), 3)) == [[0, 1, 2], [3, 4, 5], [6]]
    assert list(batch.chunked([], 3)) == []
    with pytest.raises(ValueError, match="0"):
        list(batch.chunked([1], 0))


def test_sequential_reports_the_broken_line(sequential, articles_file):
    status, text, err = sequential
    assert status == 1
    assert f"{articles_file.as_posix()}:{BROKEN_LINE}: not valid JSON" in err
    assert "1 of 21 records skipped" in err
    assert {json.loads(line)["article"] for line in text.splitlines()} >= {"seed-00", "seed-19"}


def test_local_chunks_equal_the_sequential_run(sequential, articles_file):
    lines = []
    for done in batch.run_chunks(iter_articles([articles_file], on_error=lambda e: None), mode="jsonl",
                                 chunk_size=6):
        assert len(done.payloads) == len(done.articles) <= 6
        lines.append("".join(done.payloads))
    assert "".join(lines) == sequential[1]


def test_a_failing_article_is_reported_and_the_others_kept(monkeypatch):
    import geonews.extraction.pipeline

    real = geonews.extraction.pipeline.extract_statements

    def flaky(article, gz):
        if article.id == "bad":
            raise RuntimeError("boom")
        return real(article, gz)

    monkeypatch.setattr(geonews.extraction.pipeline, "extract_statements", flaky)
    chunk = [Article(id="ok", text="سيطرت القوات على منبج.", path="in.jsonl", line=1),
             Article(id="bad", text="سيطرت القوات على حماة.", path="in.jsonl", line=2),
             Article(id="ok2", text="قصفت الطائرات حلب.", path="in.jsonl", line=3)]
    done = batch.extract_chunk(chunk, "statements")
    assert [str(e) for e in done.errors] == ["in.jsonl:2: extraction failed (RuntimeError: boom)"]
    assert done.payloads[1] is None and done.payloads[0] and done.payloads[2]


def test_two_dask_workers_give_the_sequential_output(sequential, articles_file, tmp_path, capsys):
    """One 2-process local cluster: JSON Lines and partitioned GeoParquet, both equal to the sequential run."""
    status, text, _ = sequential
    out = tmp_path / "par.jsonl"
    parts = tmp_path / "parts"
    with batch.dask_client(workers=2) as client:
        assert len(client.nthreads()) == 2
        from geonews.cli import _Progress, _Run

        class Args:
            paths, max_bytes = [str(articles_file)], 5_000_000

        run = _Run(Args, _Progress(enabled=False))
        from geonews.output.writers import JsonlWriter

        with JsonlWriter(out) as writer:
            for done in run.chunks("jsonl", client, chunk_size=3):  # 7 tasks for 2 workers, in flight at once
                writer.write_text("".join(p for p in done.payloads if p))
        assert run.status() == status == 1
        # partitions: one GeoParquet file per chunk, written through the same run
        run = _Run(Args, _Progress(enabled=False))
        with batch.PartitionWriter(f"{parts}/") as writer:
            for done in run.chunks("frame", client, chunk_size=8):
                writer.write(done.frame)
    err = capsys.readouterr().err
    assert out.read_text(encoding="utf-8") == text  # same lines, same order
    assert f"{articles_file.as_posix()}:{BROKEN_LINE}: not valid JSON" in err
    files = sorted(p.name for p in parts.iterdir())
    assert files == ["part.000000.parquet", "part.000001.parquet", "part.000002.parquet"]  # 20 articles / 8
    frame = batch.read_partitions(parts).compute()
    assert from_frame(frame) == [json.loads(line) for line in text.splitlines()]


def test_cli_workers_flag(articles_file, sequential, tmp_path, capsys):
    out = tmp_path / "cli.jsonl"
    status = main(["extract", str(articles_file), "-o", str(out), "--workers", "2", "--chunk-size", "4"])
    err = capsys.readouterr().err
    assert status == 1
    assert out.read_text(encoding="utf-8") == sequential[1]
    assert f"{articles_file.as_posix()}:{BROKEN_LINE}: not valid JSON" in err


def test_partition_folder_is_written_whole_or_not_at_all(tmp_path, articles_file, capsys):
    target = tmp_path / "parts"
    assert main(["extract", str(articles_file), "-o", f"{target}/", "--chunk-size", "10"]) == 1
    first = sorted(p.name for p in target.iterdir())
    assert first == ["part.000000.parquet", "part.000001.parquet"]
    # again, into the existing folder (no trailing slash needed): replaced whole
    assert main(["extract", str(articles_file), "-o", str(target), "--chunk-size", "20"]) == 1
    assert sorted(p.name for p in target.iterdir()) == ["part.000000.parquet"]
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]  # no temporary folder left
    # a folder holding anything else is refused before any work
    other = tmp_path / "mine"
    other.mkdir()
    (other / "notes.txt").write_text("keep me")
    capsys.readouterr()
    assert main(["extract", str(articles_file), "-o", f"{other}/"]) == 2
    assert "holds other files" in capsys.readouterr().err
    assert (other / "notes.txt").read_text() == "keep me"


def test_partition_writer_leaves_nothing_on_error(tmp_path):
    from geonews.output.frame import to_frame

    target = tmp_path / "parts"
    with pytest.raises(KeyboardInterrupt):
        with batch.PartitionWriter(target) as writer:
            writer.write(to_frame([]))
            raise KeyboardInterrupt
    assert list(tmp_path.iterdir()) == []


def test_is_partition_target(tmp_path):
    assert batch.is_partition_target("out/")
    assert batch.is_partition_target(tmp_path)
    assert not batch.is_partition_target(tmp_path / "out.parquet")


def test_unreachable_scheduler_is_a_usage_error(articles_file, capsys, monkeypatch):
    monkeypatch.setattr(batch, "CONNECT_TIMEOUT", 1.0)
    status = main(["extract", str(articles_file), "--scheduler", "tcp://127.0.0.1:9"])
    assert status == 2
    assert "cannot connect to the Dask scheduler" in capsys.readouterr().err


def test_an_existing_cluster_started_apart(articles_file, sequential, tmp_path, capsys):
    """--scheduler on a cluster started apart, as a user would (``dask scheduler`` and ``dask worker`` in their
    own processes): the same output as the sequential run, the broken record reported."""
    import shutil
    import socket
    import subprocess
    import sys
    import time

    dask_cli = shutil.which("dask", path=str(Path(sys.executable).parent)) or shutil.which("dask")
    if dask_cli is None:
        pytest.skip("the dask command (dask.distributed's CLI) is not installed")
    with socket.socket() as probe:  # a free port for the scheduler
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    address = f"tcp://127.0.0.1:{port}"
    logs = tmp_path / "logs"
    logs.mkdir()
    started = []
    with open(logs / "scheduler.log", "wb") as scheduler_log, open(logs / "worker.log", "wb") as worker_log:
        started.append(subprocess.Popen([dask_cli, "scheduler", "--host", "127.0.0.1", "--port", str(port),
                                         "--no-dashboard"], stdout=subprocess.DEVNULL, stderr=scheduler_log))
        started.append(subprocess.Popen([dask_cli, "worker", address, "--nthreads", "1", "--no-dashboard"],
                                        stdout=subprocess.DEVNULL, stderr=worker_log))
    try:
        from distributed import Client

        deadline = time.monotonic() + 60
        while True:  # wait for the worker to join
            try:
                with Client(address, timeout="2s") as client:
                    if client.nthreads():
                        break
            except (OSError, TimeoutError):
                pass
            assert time.monotonic() < deadline, (logs / "worker.log").read_text()
            time.sleep(0.5)
        out = tmp_path / "cluster.jsonl"
        status = main(["extract", str(articles_file), "-o", str(out), "--scheduler", address, "--chunk-size", "6"])
    finally:
        for process in reversed(started):
            process.terminate()
        for process in started:
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
    assert status == 1
    assert out.read_text(encoding="utf-8") == sequential[1]
    assert f"{articles_file.as_posix()}:{BROKEN_LINE}: not valid JSON" in capsys.readouterr().err


def test_table_output_numbers_statements_whatever_the_chunks(tmp_path, capsys):
    """An article read twice (a scraper's duplicate) goes on numbering its statements in a table output, the
    same with one frame for all and with a frame per two articles; read back, both copies' statements are
    there, apart."""
    import pandas as pd

    records = _variants(5)
    path = tmp_path / "dup.jsonl"
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in records + [records[0]]) + "\n",
                    encoding="utf-8")
    assert main(["extract", str(path), "-o", str(tmp_path / "one.csv")]) == 0
    assert main(["extract", str(path), "-o", str(tmp_path / "chunks.csv"), "--chunk-size", "2"]) == 0
    assert (tmp_path / "one.csv").read_bytes() == (tmp_path / "chunks.csv").read_bytes()
    assert main(["extract", str(path), "-o", str(tmp_path / "chunks.parquet"), "--chunk-size", "2"]) == 0
    table = pd.read_parquet(tmp_path / "chunks.parquet")  # (CSV cannot tell an empty name from none)
    assert main(["extract", str(path), "-o", str(tmp_path / "all.jsonl")]) == 0
    lines = [json.loads(line) for line in (tmp_path / "all.jsonl").read_text(encoding="utf-8").splitlines()]
    assert from_frame(table) == lines  # every statement, in output order: the copy's not merged into the first's
    once = sum(1 for s in lines if s["article"] == records[0]["id"])
    assert once % 2 == 0 and len(from_frame(table[table["article"] == records[0]["id"]])) == once


def test_chunks_with_a_key_never_hold_two_items_of_one_key():
    items = ["a1", "b1", "a2", "c1", "d1", "e1", "a3"]
    assert list(batch.chunked(items, 3)) == [["a1", "b1", "a2"], ["c1", "d1", "e1"], ["a3"]]
    assert list(batch.chunked(items, 3, key=lambda s: s[0])) == [["a1", "b1"], ["a2", "c1", "d1"], ["e1", "a3"]]
    assert list(batch.chunked([], 3, key=str)) == []
