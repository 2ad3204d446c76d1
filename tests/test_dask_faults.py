"""Dask clusters that fail under a run (issue 19), on real clusters: ``dask scheduler`` and ``dask worker``
processes started, killed and silenced here. A lost cluster is told in one line within the time given
(``--dask-timeout``), exit 3, what was done kept (in the store) and the first article not done named; an
address that is not a scheduler, or one that never answers, is one line; Ctrl-C during ``--workers 2`` is one
line and leaves no output."""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from geonews.cli import main

ROOT = Path(__file__).resolve().parent.parent
GOOD = "قصفت الطائرات مواقع في مدينة حلب أمس، وقال مصدر إن القوات سيطرت على بلدة قرب حماة."
LOST = re.compile(r"geonews: lost the Dask cluster: (?P<problem>[^;]+); (?P<done>\d+) articles done, the others not "
                  r"\(the first not done: (?P<first>[^)]+)\); (?P<kept>.+)")


def _dask_cli() -> str:
    found = shutil.which("dask", path=str(Path(sys.executable).parent)) or shutil.which("dask")
    if found is None:
        pytest.skip("the dask command (dask.distributed's CLI) is not installed")
    return found


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _news(path: Path, count: int) -> Path:
    with open(path, "w", encoding="utf-8") as out:
        for i in range(count):
            out.write(json.dumps({"id": f"a{i}", "text": f"{GOOD} ({i})"}, ensure_ascii=False) + "\n")
    return path


class Cluster:
    """A scheduler and one worker (no nanny, so that killing the worker kills it), each its own process."""

    def __init__(self, logs: Path) -> None:
        dask = _dask_cli()
        self.address = f"tcp://127.0.0.1:{_free_port()}"
        port = self.address.rsplit(":", 1)[1]
        self.logs = logs
        logs.mkdir(exist_ok=True)
        with open(logs / "scheduler.log", "wb") as slog, open(logs / "worker.log", "wb") as wlog:
            self.scheduler = subprocess.Popen([dask, "scheduler", "--host", "127.0.0.1", "--port", port,
                                               "--no-dashboard"], stdout=subprocess.DEVNULL, stderr=slog)
            self.worker = subprocess.Popen([dask, "worker", self.address, "--nthreads", "1", "--no-dashboard",
                                            "--no-nanny"], stdout=subprocess.DEVNULL, stderr=wlog)
        self._wait_for_the_worker()

    def _wait_for_the_worker(self) -> None:
        from distributed import Client

        deadline = time.monotonic() + 60
        while True:
            try:
                with Client(self.address, timeout="2s") as client:
                    if client.nthreads():
                        return
            except (OSError, TimeoutError):
                pass
            assert time.monotonic() < deadline, (self.logs / "worker.log").read_text()
            time.sleep(0.3)

    def stop(self) -> None:
        for process in (self.worker, self.scheduler):
            if process.poll() is None:
                process.terminate()
        for process in (self.worker, self.scheduler):
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


@pytest.fixture
def cluster(tmp_path):
    started = Cluster(tmp_path / "logs")
    try:
        yield started
    finally:
        started.stop()


#: The time a run gives a cluster that cannot run its tasks, set the way a service would (the environment;
#: ``--dask-timeout`` is the same setting on the command line).
FAST = {**os.environ, "GEONEWS_DASK_TIMEOUT": "3"}


def _geonews(*args) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "geonews.cli", *map(str, args)], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, encoding="utf-8", cwd=ROOT, env=FAST)


def _wait_until(condition, proc: subprocess.Popen, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert proc.poll() is None, f"the run ended before the fault: {proc.communicate()}"
        assert time.monotonic() < deadline, "the run made no progress"
        time.sleep(0.05)


def _stored(store: Path) -> list[str]:
    if not store.exists():
        return []
    try:
        with sqlite3.connect(f"file:{store}?mode=ro", uri=True, timeout=1) as db:
            return [row[0] for row in db.execute("SELECT article FROM articles ORDER BY fid")]
    except sqlite3.Error:
        return []


def _ended(proc: subprocess.Popen, seconds: float) -> tuple[str, str]:
    try:
        return proc.communicate(timeout=seconds)
    except subprocess.TimeoutExpired:
        proc.kill()
        out, err = proc.communicate()
        pytest.fail(f"the run did not end within {seconds} s of the fault: {err[-2000:]}")


def _lost_line(err: str) -> re.Match:
    assert "Traceback" not in err, err
    lines = [line for line in err.splitlines() if line.startswith("geonews: lost")]
    assert len(lines) == 1, err
    found = LOST.fullmatch(lines[0])
    assert found, lines[0]
    return found


def test_the_only_worker_killed_mid_ingest(cluster, tmp_path):
    """Its tasks wait for a worker that never comes: after --dask-timeout the ingest stops in one line,
    exit 3, the chunks stored before kept (whole, in input order) and the first article not stored named."""
    source = _news(tmp_path / "news.jsonl", 20_000)
    store = tmp_path / "claims.gpkg"
    proc = _geonews("ingest", source, "--store", store, "--scheduler", cluster.address, "--chunk-size", "20")
    try:
        _wait_until(lambda: len(_stored(store)) >= 20, proc)
        cluster.worker.kill()
        cluster.worker.wait()
        killed = time.monotonic()
        out, err = _ended(proc, 45)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 3, err
    assert time.monotonic() - killed < 45
    found = _lost_line(err)
    assert found["problem"] == "it has no worker for 3 s"
    done = int(found["done"])
    assert _stored(store) == [f"a{i}" for i in range(done)]  # what was done is kept, in order
    assert found["first"] == f"{source.as_posix()}:{done + 1}"
    assert found["kept"] == f"the articles done are in {store.as_posix()}: ingest again to add the others"


def test_the_scheduler_killed_mid_extract(cluster, tmp_path):
    """The client loses its scheduler (and every task with it): one line at once, exit 3, no output file."""
    source = _news(tmp_path / "news.jsonl", 20_000)
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    target = out_dir / "statements.jsonl"
    proc = _geonews("extract", source, "-o", target, "--scheduler", cluster.address, "--chunk-size", "20")
    try:
        _wait_until(lambda: any(p.stat().st_size > 0 for p in out_dir.iterdir() if p.exists()), proc)
        cluster.scheduler.kill()
        cluster.scheduler.wait()
        _, err = _ended(proc, 45)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 3, err
    found = _lost_line(err)
    assert found["kept"] == f"{target.as_posix()} not written (an old one is kept)"
    assert int(found["done"]) > 0 and found["first"].startswith(f"{source.as_posix()}:")
    assert list(out_dir.iterdir()) == []


def test_the_dask_timeout_option(tmp_path, capsys, monkeypatch):
    """--dask-timeout is checked like every number (one line, exit 2), and wins over the environment."""
    source = _news(tmp_path / "news.jsonl", 1)
    for bad in ("0", "-1", "nan", "inf", "1e400", "soon"):
        assert main(["extract", str(source), "--dask-timeout", bad]) == 2
        assert "--dask-timeout: expected a number of seconds" in capsys.readouterr().err
    monkeypatch.setenv("GEONEWS_DASK_TIMEOUT", "soon")
    assert main(["extract", str(source)]) == 2
    assert capsys.readouterr().err.strip() == ("geonews: environment variable GEONEWS_DASK_TIMEOUT: expected a "
                                              "number of seconds above 0 and at most 86400, got 'soon'")
    assert main(["extract", str(source), "--dask-timeout", "5"]) == 0


def test_a_scheduler_address_that_never_answers(tmp_path):
    """Something listens there and says nothing (a wrong port, a stuck scheduler): one line, exit 2, soon."""
    source = _news(tmp_path / "news.jsonl", 3)
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen(8)
        held = []
        stop = threading.Event()

        def accept():
            listener.settimeout(0.2)
            while not stop.is_set():
                try:
                    held.append(listener.accept()[0])
                except OSError:
                    pass

        acceptor = threading.Thread(target=accept, daemon=True)
        acceptor.start()
        address = f"tcp://127.0.0.1:{listener.getsockname()[1]}"
        started = time.monotonic()
        try:
            done = subprocess.run([sys.executable, "-m", "geonews.cli", "extract", str(source), "--scheduler", address],
                                  capture_output=True, text=True, timeout=60, cwd=ROOT,
                                  env={**os.environ, "GEONEWS_DASK_TIMEOUT": "2"})
        finally:
            stop.set()
            acceptor.join(5)
            for conn in held:
                conn.close()
    assert done.returncode == 2 and done.stdout == "", done.stderr
    assert done.stderr.strip() == f"geonews: cannot connect to the Dask scheduler at {address} (no answer in 2 s)"
    assert time.monotonic() - started < 30


@pytest.mark.parametrize("address", ["tls://127.0.0.1:1", "tcp://127.0.0.1:notaport", "nonsense://somewhere"])
def test_a_malformed_scheduler_address_is_one_line(tmp_path, capsys, address, monkeypatch):
    monkeypatch.setenv("GEONEWS_DASK_TIMEOUT", "2")
    source = _news(tmp_path / "news.jsonl", 3)
    status = main(["extract", str(source), "--scheduler", address])
    out, err = capsys.readouterr()
    assert status == 2 and out == ""
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"geonews: cannot connect to the Dask scheduler at {address} ("), err


def test_ctrl_c_during_two_local_workers_is_quiet(tmp_path):
    """Ctrl-C at a terminal signals the whole process group, the workers too: they leave it to the run, which
    stops them, prints one line, exits 130 and leaves neither the output nor a temporary file."""
    source = _news(tmp_path / "news.jsonl", 40_000)
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    proc = subprocess.Popen([sys.executable, "-m", "geonews.cli", "extract", str(source), "-o",
                             str(out_dir / "statements.jsonl"), "--workers", "2", "--chunk-size", "20"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, encoding="utf-8", cwd=ROOT,
                            start_new_session=True)  # its own process group, as a terminal's job is
    try:
        _wait_until(lambda: any(p.stat().st_size > 0 for p in out_dir.iterdir() if p.exists()), proc, 120)
        os.killpg(proc.pid, signal.SIGINT)
        _, err = _ended(proc, 60)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.communicate()
    lines = [line for line in err.splitlines() if "is more than the" not in line]  # the note on few cores
    assert proc.returncode == 130, err
    assert lines == ["geonews: interrupted"], err
    assert list(out_dir.iterdir()) == []


def test_a_dask_coroutine_abandoned_by_ctrl_c_prints_no_warning():
    """Ctrl-C can stop the run while the client waits in one of Dask's coroutines (``Future._result``); the
    coroutine, never awaited, is collected later and Python would print a RuntimeWarning of three lines
    before the run's one. Here such a coroutine is dropped during a run and collected after it."""
    program = (
        "import gc\n"
        "from geonews import batch\n"
        "class Future:\n"
        "    async def _result(self):\n"
        "        return None\n"
        "with batch.dask_client(1):\n"
        "    left = Future()._result()\n"
        "del left\n"
        "gc.collect()\n"
        "print('done')\n")
    done = subprocess.run([sys.executable, "-W", "default", "-c", program], capture_output=True, text=True,
                          cwd=ROOT, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout == "done\n"
    assert "never awaited" not in done.stderr, done.stderr


def test_a_local_cluster_says_nothing_when_the_dashboard_port_is_taken():
    """Another cluster (a notebook, another run) often holds Dask's default port 8787; a run on its own local
    cluster takes a free port without distributed's 'Port 8787 is already in use' warning on standard error."""
    holder = socket.socket()
    holder.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        holder.bind(("0.0.0.0", 8787))
        holder.listen()
    except OSError:
        pass  # something holds it already: the same condition
    try:
        done = subprocess.run([sys.executable, "-W", "default", "-c",
                               "from geonews import batch\nwith batch.dask_client(1):\n    pass\nprint('done')"],
                              capture_output=True, text=True, cwd=ROOT, timeout=120)
    finally:
        holder.close()
    assert done.returncode == 0, done.stderr
    assert "already in use" not in done.stderr, done.stderr
