"""Faults a hostile user tries (issue 19): inputs that are not regular files, text files cannot hold, huge
usage values, names that a terminal interprets, output over input, read-only outputs, a full disk, outputs
and stores behind symbolic links, temporaries left by a killed run, a store in a folder that takes no file.

Runs that used to hang go through a subprocess with a timeout, so a hang fails the test instead of the suite.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import sqlite3
import stat
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pytest

from geonews.cli import main

GOOD = "قصفت الطائرات مواقع في مدينة حلب أمس."
ENV = {**os.environ, "GEONEWS_FIFO_WAIT": "0.5"}


def geonews(*args, timeout=60, **kwargs):
    return subprocess.run([sys.executable, "-m", "geonews.cli", *map(str, args)], capture_output=True, text=True,
                          timeout=timeout, env=kwargs.pop("env", ENV), **kwargs)


def record(i, text=GOOD, **fields):
    return json.dumps({"id": f"a{i}", "text": text, **fields}, ensure_ascii=False)


def write_jsonl(path, *records):
    path.write_text("".join(r + "\n" for r in records), encoding="utf-8")
    return path


def articles_of(stdout: str) -> list[str]:
    return [json.loads(line)["article"] for line in stdout.splitlines() if line.strip()]


def clean(proc, status):
    assert "Traceback" not in proc.stderr, proc.stderr
    assert proc.returncode == status, (proc.returncode, proc.stderr)
    return proc


def one_line(err: str) -> str:
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("geonews: ") and "Traceback" not in err
    return lines[0]


def run(capsys, *argv):
    status = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return status, out, err


# -- inputs that are not regular files ---------------------------------------------------------------------------

def test_a_fifo_no_process_writes_to_is_passed_over(tmp_path):
    """A FIFO named as an input that never gets a writer: reported after a bounded wait, not waited on for ever."""
    fifo = tmp_path / "feed.jsonl"
    os.mkfifo(fifo)
    good = write_jsonl(tmp_path / "good.jsonl", record(1))
    proc = clean(geonews("extract", fifo, good, timeout=30), 1)
    assert f"{fifo.as_posix()}: a FIFO that no process opened for writing in 0.5 s" in proc.stderr
    assert articles_of(proc.stdout) == ["a1"]


def _feed(fifo: Path, data: bytes, *, forever: bool = False) -> threading.Thread:
    """Write ``data`` into a FIFO from a thread (again and again until the reader goes, with ``forever``)."""
    def write():
        try:
            with open(fifo, "wb") as out:
                out.write(data)
                while forever:
                    out.write(data)
        except BrokenPipeError:
            pass

    writer = threading.Thread(target=write, daemon=True)
    writer.start()
    return writer


def test_a_fifo_fed_for_ever_is_read_within_the_bound(tmp_path):
    """A text FIFO that never ends is read up to --max-bytes, then reported as too large: memory stays bounded."""
    fifo = tmp_path / "endless.txt"
    os.mkfifo(fifo)
    writer = _feed(fifo, ("كلمة " * 10_000).encode(), forever=True)
    proc = clean(geonews("extract", fifo, "--max-bytes", 200_000, timeout=60), 1)
    assert f"{fifo.as_posix()}: too large (over the 200.0 kB limit)" in proc.stderr
    writer.join(10)
    assert not writer.is_alive()  # the reader closed it: the writer got EPIPE


def test_a_fifo_without_a_suffix_is_streamed_json_lines(tmp_path):
    """A FIFO (``<(zcat news.jsonl.gz)``, /dev/stdin) is JSON Lines, read record by record like ``-``."""
    fifo = tmp_path / "feed"
    os.mkfifo(fifo)
    _feed(fifo, (record(1) + "\n" + record(2) + "\n").encode())
    proc = clean(geonews("extract", fifo, timeout=60), 0)
    assert articles_of(proc.stdout) == ["a1", "a2"]


def test_a_fifo_in_a_folder_is_passed_over_and_said(tmp_path):
    folder = tmp_path / "news"
    folder.mkdir()
    write_jsonl(folder / "a.jsonl", record(1))
    os.mkfifo(folder / "b.jsonl")
    proc = clean(geonews("extract", folder, timeout=30), 1)
    assert f"{(folder / 'b.jsonl').as_posix()}: a FIFO, not a regular file: passed over" in proc.stderr
    assert articles_of(proc.stdout) == ["a1"]


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/urandom"])
def test_a_device_is_read_within_the_bound(device):
    if not os.path.exists(device):
        pytest.skip(f"{device} is absent here")
    proc = clean(geonews("extract", device, timeout=60), 1)
    assert proc.stderr.splitlines()[0] == f"{device}: binary file, not text" and proc.stdout == ""


# -- text that Python strings allow and files do not -------------------------------------------------------------

def _with_unstorable(tmp_path) -> Path:
    """One record whose text holds a NUL and an unpaired surrogate (as a JSON escape), and a title with one."""
    line = ('{"id": "n1", "title": "عنوان\\ud800", "text": "قصفت الطائرات مواقع في مدينة حلب\\u0000 أمس وقصفت '
            'مواقع في حماة\\udc00 اليوم."}')
    return write_jsonl(tmp_path / "odd.jsonl", line)


@pytest.mark.parametrize("suffix", [".jsonl", ".geojson", ".gpkg", ".parquet", ".csv"])
def test_nul_and_unpaired_surrogates_are_replaced_the_same_everywhere(tmp_path, capsys, suffix):
    source = _with_unstorable(tmp_path)
    out = tmp_path / f"out{suffix}"
    status, _, err = run(capsys, "extract", source, "-o", out)
    assert status == 0 and "Traceback" not in err
    assert err.splitlines() == [f"{source.as_posix()}:1: 3 NUL or unpaired surrogate characters replaced"]
    if suffix == ".jsonl":
        texts = [json.loads(line)["text"] for line in out.read_text(encoding="utf-8").splitlines()]
        titles = [json.loads(line)["title"] for line in out.read_text(encoding="utf-8").splitlines()]
    else:
        frame = (pd.read_csv(out, dtype=str, encoding="utf-8-sig") if suffix == ".csv" else
                 gpd.read_parquet(out) if suffix == ".parquet" else gpd.read_file(out))
        texts, titles = list(frame["text"]), list(frame["title"])
    whole = "قصفت الطائرات مواقع في مدينة حلب\ufffd أمس وقصفت مواقع في حماة\ufffd اليوم."
    assert set(texts) == {whole}  # nothing cut at the NUL
    assert set(titles) == {"عنوان\ufffd"}


def test_the_store_keeps_the_replaced_text_whole(tmp_path, capsys):
    from geonews.output.store import read_store

    source = _with_unstorable(tmp_path)
    store = tmp_path / "claims.gpkg"
    status, _, err = run(capsys, "ingest", source, "--store", store)
    assert status == 0 and "3 NUL or unpaired surrogate characters replaced" in err
    frame = read_store(store)
    assert set(frame["text"]) == {"قصفت الطائرات مواقع في مدينة حلب\ufffd أمس وقصفت مواقع في حماة\ufffd اليوم."}


# -- usage values ----------------------------------------------------------------------------------------------

@pytest.mark.parametrize("option", ["--max-bytes", "--chunk-size", "--workers"])
def test_a_huge_number_is_a_usage_error(tmp_path, capsys, option):
    source = write_jsonl(tmp_path / "a.jsonl", record(1))
    status, out, err = run(capsys, "extract", source, option, "10000000000000000000000")
    assert status == 2 and out == ""
    line = one_line(err)
    assert option in line and "at most" in line


# -- reports that a terminal interprets ------------------------------------------------------------------------

def test_names_in_messages_are_escaped(tmp_path, capsys):
    odd = tmp_path / "x\n\x1b[31mred.jsonl"
    odd.write_text("not json\n", encoding="utf-8")
    status, _, err = run(capsys, "extract", odd)
    assert status == 1
    assert "\x1b" not in err and "x\\n\\x1b[31mred.jsonl:1: not valid JSON" in err
    assert len(err.strip().splitlines()) == 2  # the record's line and the summary: the newline is not one
    status, _, err = run(capsys, "extract", tmp_path / "gone\x1b]0;owned\x07.jsonl")
    assert status == 2 and "\x1b" not in err and "\x07" not in err
    assert "gone\\x1b]0;owned\\x07.jsonl: no such file or folder" in one_line(err)


# -- output over input -----------------------------------------------------------------------------------------

@pytest.mark.parametrize("how", ["same path", "symbolic link", "hard link"])
def test_an_output_that_is_an_input_is_refused(tmp_path, capsys, how):
    source = write_jsonl(tmp_path / "news.jsonl", record(1))
    before = source.read_bytes()
    target = tmp_path / "out.jsonl"
    if how == "same path":
        target = source
    elif how == "symbolic link":
        target.symlink_to(source)
    else:
        os.link(source, target)
    status, out, err = run(capsys, "extract", source, "-o", target)
    assert status == 2 and out == ""
    assert "is also the output of this run" in one_line(err)
    assert source.read_bytes() == before


def test_a_map_over_its_input_is_refused(tmp_path, capsys):
    page = tmp_path / "page.html"
    page.write_text(f"<html><body><p>{GOOD}</p></body></html>", encoding="utf-8")
    before = page.read_bytes()
    status, _, err = run(capsys, "map", page, "-o", page)
    assert status == 2 and "is also the output of this run" in one_line(err)
    assert page.read_bytes() == before


def test_outputs_inside_an_input_folder_are_not_read_back(tmp_path, capsys):
    folder = tmp_path / "news"
    folder.mkdir()
    write_jsonl(folder / "a.jsonl", record(1))
    out = folder / "statements.jsonl"
    for _ in range(3):
        status, _, err = run(capsys, "extract", folder, "-o", out)
        assert status == 0, err
        assert articles_of(out.read_text(encoding="utf-8")) == ["a1"]


def test_a_read_only_output_is_replaced_only_with_force(tmp_path, capsys):
    source = write_jsonl(tmp_path / "a.jsonl", record(1))
    out = tmp_path / "kept.jsonl"
    out.write_text("OLD\n", encoding="utf-8")
    out.chmod(0o444)
    status, _, err = run(capsys, "extract", source, "-o", out)
    assert status == 2 and "kept.jsonl: it is read-only (--force replaces it)" in one_line(err)
    assert out.read_text(encoding="utf-8") == "OLD\n"
    status, _, err = run(capsys, "extract", source, "-o", out, "--force")
    assert status == 0, err
    assert articles_of(out.read_text(encoding="utf-8")) == ["a1"]
    assert stat.S_IMODE(out.stat().st_mode) == 0o444  # the file keeps its permissions


# -- a full disk ------------------------------------------------------------------------------------------------

_FULL_DISK_RUN = textwrap.dedent("""
    import json, os, sqlite3, subprocess, sys
    disk, source, one, python = sys.argv[1:5]
    subprocess.run(["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", disk], check=True)

    def geonews(*argv):
        done = subprocess.run([python, "-m", "geonews.cli", *argv], capture_output=True, text=True)
        return [done.returncode, done.stderr]

    kept = os.path.join(disk, "kept.gpkg")
    assert geonews("ingest", one, "--store", kept)[0] == 0  # a store made while there was room
    with open(os.path.join(disk, "old.gpkg"), "w") as fh:
        fh.write("OLD")
    found = os.statvfs(disk)
    with open(os.path.join(disk, "filler"), "wb") as fh:  # all but 48 kB taken
        fh.write(b"x" * (found.f_bavail * found.f_frsize - 48 * 1024))
    report = {
        "extract": geonews("extract", source, "-o", os.path.join(disk, "old.gpkg")),
        "jsonl": geonews("extract", source, "-o", os.path.join(disk, "new.jsonl")),
        "ingest": geonews("ingest", source, "--store", os.path.join(disk, "store.gpkg")),
        "kept": geonews("ingest", source, "--store", kept),
    }
    report["files"] = sorted(os.listdir(disk))
    report["old"] = open(os.path.join(disk, "old.gpkg")).read()
    with sqlite3.connect(kept) as db:
        report["stored"] = [row[0] for row in db.execute("SELECT article FROM articles")]
    print(json.dumps(report))
""")


def _in_own_mount_namespace() -> list[str] | None:
    """The command that runs a program in a mount namespace of its own (so it may mount a small tmpfs)."""
    unshare = shutil.which("unshare")
    if unshare is None:
        return None
    for command in ([unshare, "--user", "--map-root-user", "--mount"], [unshare, "--mount"]):
        if subprocess.run([*command, "true"], capture_output=True).returncode == 0:
            return command
    return None


def test_a_full_disk_says_so_and_leaves_the_old_file_or_none(tmp_path):
    """On a real full file system (a 1 MB tmpfs in a mount namespace of the test's own, filled): one line saying
    "no space left on device" and naming the output, exit 2, the old file unchanged, no temporary left."""
    namespace = _in_own_mount_namespace()
    if namespace is None:
        pytest.skip("cannot make a mount namespace here (unshare missing, or user namespaces disabled) to mount "
                    "a small tmpfs")
    source = tmp_path / "news.jsonl"
    write_jsonl(source, *(record(i, GOOD + " وقصفت مواقع في حماة وحمص ودرعا.") for i in range(1, 401)))
    one = write_jsonl(tmp_path / "one.jsonl", record(0))
    disk = tmp_path / "disk"
    disk.mkdir()
    script = tmp_path / "full.py"
    script.write_text(_FULL_DISK_RUN, encoding="utf-8")
    done = subprocess.run([*namespace, sys.executable, str(script), str(disk), str(source), str(one), sys.executable],
                          capture_output=True, text=True, timeout=300, cwd=Path(__file__).resolve().parent.parent)
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    for name, target in [("extract", "old.gpkg"), ("jsonl", "new.jsonl"), ("ingest", "store.gpkg"),
                         ("kept", "kept.gpkg")]:
        status, err = report[name]
        assert status == 2, (name, err)
        assert one_line(err) == f"geonews: cannot write {(disk / target).as_posix()}: no space left on device", name
    assert report["files"] == ["filler", "kept.gpkg", "old.gpkg"] and report["old"] == "OLD"
    assert report["stored"] == ["a0"]  # the existing store as it was: the chunk's transaction rolled back


# -- outputs and stores behind symbolic links ------------------------------------------------------------------

@pytest.mark.parametrize("suffix", [".jsonl", ".gpkg", ".html"])
def test_an_output_behind_a_link_is_written_through_it(tmp_path, capsys, suffix):
    source = write_jsonl(tmp_path / "a.jsonl", record(1))
    real = tmp_path / "real"
    real.mkdir()
    link = tmp_path / f"link{suffix}"
    link.symlink_to(real / f"target{suffix}")  # dangling at first
    command = "map" if suffix == ".html" else "extract"
    for _ in range(2):  # made through the link, then replaced through it
        status, _, err = run(capsys, command, source, "-o", link)
        assert status == 0, err
        assert link.is_symlink() and (real / f"target{suffix}").is_file()
    assert sorted(p.name for p in real.iterdir()) == [f"target{suffix}"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.jsonl", f"link{suffix}", "real"]


def test_a_store_behind_a_link_is_written_through_it(tmp_path, capsys):
    from geonews.output.store import read_store

    real = tmp_path / "real"
    real.mkdir()
    link = tmp_path / "claims.gpkg"
    link.symlink_to(real / "store.gpkg")
    first = write_jsonl(tmp_path / "first.jsonl", record(1))
    second = write_jsonl(tmp_path / "second.jsonl", record(2, "قصفت الطائرات مواقع في حماة."))
    for source in (first, second):  # created through the link, then written in place
        status, _, err = run(capsys, "ingest", source, "--store", link)
        assert status == 0, err
    assert link.is_symlink() and sorted(p.name for p in real.iterdir()) == ["store.gpkg"]
    assert set(read_store(real / "store.gpkg")["article"]) == {"a1", "a2"}


# -- temporaries a killed run leaves -----------------------------------------------------------------------------

def _dead_pid() -> int:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def test_a_temporary_left_by_a_killed_run_is_removed_by_the_next(tmp_path, capsys):
    """SIGKILL leaves the temporary beside the output; the next run writing that output removes it (only
    those of processes that are gone: another run's temporary stays)."""
    from geonews.files import _prefix

    source = write_jsonl(tmp_path / "a.jsonl", record(1))
    out = tmp_path / "out.gpkg"
    dead = _dead_pid()
    left = tmp_path / (_prefix("out").replace(f"-{os.getpid()}-", f"-{dead}-") + "abcd_123.gpkg")
    left.write_bytes(b"half a file")
    alive = tmp_path / (_prefix("out") + "efgh_456.gpkg")  # this very process: still running
    alive.write_bytes(b"being written")
    status, _, err = run(capsys, "extract", source, "-o", out)
    assert status == 0, err
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(["a.jsonl", "out.gpkg", alive.name])


def test_sigterm_leaves_no_temporary(tmp_path):
    """SIGTERM (a service manager stopping the run) ends it as Ctrl-C does: exit 143, no output, no temporary."""
    source = tmp_path / "in.jsonl"
    write_jsonl(source, *(record(i) for i in range(20_000)))
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    proc = subprocess.Popen([sys.executable, "-m", "geonews.cli", "extract", str(source), "-o",
                             str(out_dir / "out.jsonl")], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and proc.poll() is None:
            if any(p.stat().st_size > 0 for p in out_dir.iterdir() if p.exists()):
                break
            time.sleep(0.05)
        assert proc.poll() is None, "the run ended before it could be stopped"
        proc.send_signal(signal.SIGTERM)
        _, err = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.communicate()
    assert proc.returncode == 143 and err.strip().splitlines()[-1] == "geonews: terminated"
    assert "Traceback" not in err and list(out_dir.iterdir()) == []


# -- a store in a folder that cannot be written ----------------------------------------------------------------

def test_an_ingest_refused_in_a_read_only_folder_names_the_store(tmp_path, capsys, read_only_folder):
    source = write_jsonl(tmp_path / "a.jsonl", record(1))
    status, _, err = run(capsys, "ingest", source, "--store", read_only_folder / "new.gpkg")
    assert status == 2
    assert one_line(err) == (f"geonews: cannot write {(read_only_folder / 'new.gpkg').as_posix()}: permission "
                             f"denied in {read_only_folder.as_posix()}")


def test_an_existing_store_in_a_read_only_folder_says_why(tmp_path, capsys):
    """SQLite writes its journal beside the store: a folder that takes no new file is named as the reason."""
    source = write_jsonl(tmp_path / "a.jsonl", record(1))
    folder = tmp_path / "shelf"
    folder.mkdir()
    store = folder / "claims.gpkg"
    assert run(capsys, "ingest", source, "--store", store)[0] == 0
    more = write_jsonl(tmp_path / "b.jsonl", record(2))
    if os.geteuid() == 0:
        if shutil.which("chattr") is None or subprocess.run(["chattr", "+i", str(folder)],
                                                              capture_output=True).returncode != 0:
            pytest.skip("root can write to a 0o500 folder, and this file system has no immutable attribute")
    else:
        folder.chmod(0o500)
    try:
        status, _, err = run(capsys, "ingest", more, "--store", store)
    finally:
        if os.geteuid() == 0:
            subprocess.run(["chattr", "-i", str(folder)], check=True)
        else:
            folder.chmod(0o700)
    assert status == 2
    assert one_line(err) == (f"geonews: cannot write {store.as_posix()}: permission denied in {folder.as_posix()} "
                             "(the store needs its journal beside it)")
    with sqlite3.connect(store) as db:
        assert [row[0] for row in db.execute("SELECT article FROM articles")] == ["a1"]
