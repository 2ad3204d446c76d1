"""The ``geonews`` command: usage errors, exit statuses, outputs by suffix, no partial files."""

from __future__ import annotations

import io
import json
import re
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pytest

from geonews.cli import _Progress, main
from geonews.output.frame import from_frame
from geonews.schema import STATEMENT_KEYS

ROOT = Path(__file__).resolve().parent.parent
SEED = sorted((ROOT / "seeds").glob("*.txt"))[0]
ARTICLE = "قال مصدر كردي إن قوات سوريا الديمقراطية سيطرت على وسط منبج.\nوقصفت الطائرات مواقع في حماة."


def run(capsys, *argv):
    """``main(argv)`` in process: (status, stdout, stderr)."""
    status = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return status, out, err


def one_line_error(err: str) -> str:
    lines = err.splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("geonews: ") and "Traceback" not in err
    return lines[0]


@pytest.fixture
def article(tmp_path):
    path = tmp_path / "in" / "a.txt"
    path.parent.mkdir()
    path.write_text("عنوان\n" + ARTICLE + "\n", encoding="utf-8")
    return path


# -- usage errors: exit 2, one line, before any extraction and without creating files ------------------------


def test_no_command(capsys):
    status, out, err = run(capsys)
    assert status == 2 and out == ""
    assert "COMMAND" in one_line_error(err)


def test_help_and_version(capsys):
    status, out, _ = run(capsys, "extract", "--help")
    assert status == 0 and "usage: geonews extract" in out and ".geojson" in out
    status, out, _ = run(capsys, "--version")
    assert status == 0 and out.startswith("geonews ")


def test_missing_input(capsys, tmp_path):
    status, out, err = run(capsys, "extract", tmp_path / "nope.jsonl")
    assert status == 2 and out == ""
    assert one_line_error(err) == f"geonews: {(tmp_path / 'nope.jsonl').as_posix()}: no such file or folder"


def test_missing_input_keeps_old_output(capsys, tmp_path, article):
    out_path = tmp_path / "out.csv"
    out_path.write_text("OLD", encoding="utf-8")
    status, _, err = run(capsys, "extract", article, tmp_path / "missing.txt", "-o", out_path)
    assert status == 2 and "no such file or folder" in one_line_error(err)
    assert out_path.read_text(encoding="utf-8") == "OLD"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in", "out.csv"]


def test_unknown_suffix(capsys, tmp_path, article):
    status, out, err = run(capsys, "extract", article, "-o", tmp_path / "out.xlsx")
    assert status == 2 and out == ""
    line = one_line_error(err)
    assert "'.xlsx'" in line and ".jsonl .geojson .gpkg .parquet .csv" in line
    assert not (tmp_path / "out.xlsx").exists()


def test_output_folder_missing(capsys, tmp_path, article):
    target = tmp_path / "nope" / "out.geojson"
    status, out, err = run(capsys, "extract", article, "-o", target)
    assert status == 2 and out == ""
    assert one_line_error(err) == (f"geonews: cannot write {target.as_posix()}: "
                                   f"folder {(tmp_path / 'nope').as_posix()} does not exist")
    assert not (tmp_path / "nope").exists()


@pytest.mark.parametrize("name", ["out.jsonl", "out.parquet"])
def test_read_only_output(capsys, read_only_folder, article, name):
    target = read_only_folder / name
    status, out, err = run(capsys, "extract", article, "-o", target)
    assert status == 2 and out == ""
    assert one_line_error(err) == f"geonews: cannot write {target.as_posix()}: permission denied in " \
                                  f"{read_only_folder.as_posix()}"
    assert list(read_only_folder.iterdir()) == []


def test_map_needs_an_html_output(capsys, tmp_path, article):
    status, _, err = run(capsys, "map", article)
    assert status == 2 and "-o/--output" in one_line_error(err)
    status, _, err = run(capsys, "map", article, "-o", tmp_path / "map.png")
    assert status == 2 and ".html" in one_line_error(err)
    status, _, err = run(capsys, "map", article, "-o", tmp_path / "nope" / "map.html")
    assert status == 2 and "does not exist" in one_line_error(err)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in"]


@pytest.mark.parametrize("value", ["0", "-5", "lots"])
def test_bad_max_bytes(capsys, article, value):
    status, _, err = run(capsys, "extract", article, "--max-bytes", value)
    assert status == 2 and "--max-bytes" in one_line_error(err)


def test_usage_error_in_a_subprocess(tmp_path):
    """The installed entry point: a usage error is one line, no traceback, status 2."""
    done = subprocess.run([sys.executable, "-m", "geonews.cli", "extract", str(tmp_path / "nope.txt")],
                          capture_output=True, text=True, encoding="utf-8", timeout=120)
    assert done.returncode == 2 and done.stdout == ""
    assert done.stderr.strip() == f"geonews: {(tmp_path / 'nope.txt').as_posix()}: no such file or folder"


def test_progress_line_on_a_terminal():
    stream = io.StringIO()
    with _Progress(stream, enabled=True) as progress:
        progress.update(3, 1)
        progress.message("a.jsonl:2: not valid JSON (Expecting value)")
        progress.update(5, 1)
    text = stream.getvalue()
    assert "a.jsonl:2: not valid JSON" in text and "5 articles" in text and "1 skipped" in text


def _plain(screen: str) -> str:
    """What a terminal shows as text: its control sequences (colours, cursor moves) left out."""
    return re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", screen)


def test_progress_bar_shows_the_input_done(monkeypatch):
    monkeypatch.setenv("COLUMNS", "200")  # the width a terminal would give, so nothing is cut
    stream = io.StringIO()
    progress = _Progress(stream, enabled=True)
    progress.total_bytes = 2_000_000
    with progress:
        progress.read(500_000)
        progress.update(3, 0, done_bytes=500_000)
        progress._drawn = 0.0  # draw now, whatever the clock says
        progress.update(4, 0, done_bytes=500_000)
        progress.read(2_000_000)  # the rest read; done when the run ends well
    text = _plain(stream.getvalue())
    assert "0.5/2.0 MB" in text and " 25%" in text
    assert "2.0/2.0 MB" in text and "100%" in text and "4 articles" in text and "0 skipped" in text


def test_progress_bar_is_legible_at_80_columns(monkeypatch):
    """A long run's figures on a terminal 80 columns wide: nothing wraps, nothing is cut to an ellipsis."""
    monkeypatch.setenv("COLUMNS", "80")
    stream = io.StringIO()
    progress = _Progress(stream, enabled=True)
    progress.total_bytes = 1_000_000_000
    with progress:
        progress.read(512_300_000)
        progress._drawn = 0.0
        progress.update(123_457, 12, done_bytes=512_300_000)
        progress.read(1_000_000_000)
    lines = [line for line in re.split(r"[\r\n]", _plain(stream.getvalue())) if line.strip()]
    assert lines and all(len(line) <= 80 for line in lines), lines
    assert not any("…" in line for line in lines), lines
    text = "\n".join(lines)
    assert "0.5/1.0 GB" in text and "1.0/1.0 GB" in text and "elapsed" in text and "left" in text
    assert "123457 articles" in text and "12 skipped" in text


def test_more_workers_than_cores_says_so(capsys):
    from geonews.cli import _check_workers, _cores

    _check_workers(_cores())
    assert capsys.readouterr().err == ""
    _check_workers(_cores() + 3)
    err = capsys.readouterr().err
    assert err.startswith(f"geonews: --workers {_cores() + 3} is more than the {_cores()} core")
    assert err.endswith(f"no faster than with --workers {_cores()}\n") and err.count("\n") == 1


def test_progress_bar_on_a_terminal_in_a_real_run(tmp_path):
    """geonews extract with standard error on a pseudo-terminal: a bar that ends at 100 % of the input, the
    data on standard output as usual."""
    import os
    import pty

    source = tmp_path / "in.jsonl"
    source.write_text("\n".join(json.dumps({"id": str(k), "text": ARTICLE}, ensure_ascii=False) for k in range(5))
                      + "\n{broken\n", encoding="utf-8")
    leader, follower = pty.openpty()
    drawn = bytearray()

    def drain() -> None:  # read the terminal as the bar is drawn, so the child never blocks on a full one
        while True:
            try:
                chunk = os.read(leader, 1 << 16)
            except OSError:  # the terminal's other end is closed: all is read
                return
            if not chunk:
                return
            drawn.extend(chunk)

    reader = threading.Thread(target=drain)
    reader.start()
    try:
        done = subprocess.run([sys.executable, "-m", "geonews.cli", "extract", str(source)], stdout=subprocess.PIPE,
                              stderr=follower, timeout=120, env={**os.environ, "COLUMNS": "200"})
    finally:
        os.close(follower)
        reader.join(timeout=30)
        os.close(leader)
    screen = _plain(bytes(drawn).decode("utf-8", "replace"))
    size = source.stat().st_size
    assert size < 1000  # so the bar counts it in bytes (rich writes kB from 1,000 on)
    assert done.returncode == 1  # one broken record
    assert len(done.stdout.decode().splitlines()) >= 5 and b"\x1b" not in done.stdout
    assert "100%" in screen and f"{size}/{size} bytes" in screen and "5 articles" in screen and "1 skipped" in screen
    assert f"{source.as_posix()}:6: not valid JSON" in screen


def test_progress_quiet_when_piped():
    stream = io.StringIO()
    with _Progress(stream) as progress:  # StringIO is not a terminal
        progress.update(3, 1)
        progress.message("a.jsonl:2: not valid JSON")
    assert stream.getvalue() == "a.jsonl:2: not valid JSON\n"


# -- extraction (the real pipeline) --------------------------------------------------------------------------


def test_extract_to_stdout(capsys, article):
    status, out, err = run(capsys, "extract", article)
    assert status == 0 and err == ""
    records = [json.loads(line) for line in out.splitlines()]
    assert records and all(tuple(r) == STATEMENT_KEYS for r in records)
    assert {r["article"] for r in records} == {article.as_posix()}
    assert any(p["name"] == "Manbij" for r in records for p in r["places"])


def test_extract_the_seed(capsys):
    status, out, err = run(capsys, "extract", SEED)
    assert status == 0 and err == ""
    assert len(out.splitlines()) >= 11


def test_skipped_records(capsys, tmp_path):
    path = tmp_path / "a.jsonl"
    good = json.dumps({"id": "g1", "text": ARTICLE}, ensure_ascii=False)
    path.write_text("\n".join([good, '{"text": "broken', '{"title": "no text"}',
                               json.dumps({"id": "g2", "text": ARTICLE}, ensure_ascii=False)]) + "\n",
                    encoding="utf-8")
    status, out, err = run(capsys, "extract", path)
    assert status == 1
    lines = err.splitlines()
    name = path.as_posix()
    assert lines[0].startswith(f"{name}:2: not valid JSON")
    assert lines[1] == f'{name}:3: no "text" field'
    assert lines[2] == "geonews: 2 of 4 records skipped"
    assert len(lines) == 3 and "Traceback" not in err
    assert {json.loads(line)["article"] for line in out.splitlines()} == {"g1", "g2"}


@pytest.mark.parametrize("suffix", [".jsonl", ".geojson", ".gpkg", ".parquet", ".csv"])
def test_extract_to_file(capsys, tmp_path, article, suffix):
    status, expected, _ = run(capsys, "extract", article)
    expected = [json.loads(line) for line in expected.splitlines()]
    target = tmp_path / f"out{suffix}"
    status, out, err = run(capsys, "extract", article, "-o", target)
    assert status == 0 and out == "" and err == ""
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in", target.name]  # no temporary file left
    if suffix == ".jsonl":
        back = [json.loads(line) for line in target.read_text(encoding="utf-8").splitlines()]
    elif suffix == ".csv":
        back = from_frame(pd.read_csv(target))
    elif suffix == ".parquet":
        back = from_frame(gpd.read_parquet(target))
    else:
        back = from_frame(gpd.read_file(target))
    assert back == expected


def test_extract_replaces_old_output(capsys, tmp_path, article):
    target = tmp_path / "out.geojson"
    target.write_text("OLD", encoding="utf-8")
    status, _, _ = run(capsys, "extract", article, "-o", target)
    assert status == 0 and json.loads(target.read_text(encoding="utf-8"))["type"] == "FeatureCollection"


def _size(path):
    """The size of a file, or 0 if it went away between listing and stat (the writer's short-lived probe file)."""
    try:
        return path.stat().st_size
    except FileNotFoundError:
        return 0


def test_interrupt_leaves_no_partial_file(tmp_path):
    """Ctrl-C in the middle of a long run: status 130, one line, and neither the output nor a temporary file."""
    source = tmp_path / "in.jsonl"
    record = json.dumps({"text": ARTICLE}, ensure_ascii=False)
    source.write_text((record + "\n") * 200_000, encoding="utf-8")
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    target = out_dir / "out.jsonl"
    proc = subprocess.Popen([sys.executable, "-m", "geonews.cli", "extract", str(source), "-o", str(target)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, encoding="utf-8")
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:  # wait until statements are being written to the temporary file
            temps = [p for p in out_dir.iterdir() if _size(p) > 0]
            if temps or proc.poll() is not None:
                break
            time.sleep(0.05)
        assert proc.poll() is None, "the run ended before it could be interrupted"
        assert temps and not target.exists()
        proc.send_signal(signal.SIGINT)
        out, err = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.communicate()
    assert proc.returncode == 130
    assert err.strip().splitlines()[-1] == "geonews: interrupted" and "Traceback" not in err
    assert list(out_dir.iterdir()) == []


def test_map(capsys, tmp_path, article):
    target = tmp_path / "map.html"
    status, out, err = run(capsys, "map", article, "-o", target, "--title", "منبج")
    assert status == 0 and err == ""
    html = target.read_text(encoding="utf-8")
    assert "<html" in html.lower() and "Manbij" in html
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in", "map.html"]


def test_extract_from_standard_input():
    """``geonews extract -``: JSON Lines piped in (zcat news.jsonl.gz | geonews extract -)."""
    feed = json.dumps({"id": "piped", "text": ARTICLE}, ensure_ascii=False) + "\n"
    done = subprocess.run([sys.executable, "-m", "geonews.cli", "extract", "-"], input=feed.encode(),
                          capture_output=True, timeout=120)
    assert done.returncode == 0, done.stderr
    rows = [json.loads(line) for line in done.stdout.decode().splitlines()]
    assert rows and {r["article"] for r in rows} == {"piped"}
    assert "منبج" in {p["text"] for r in rows for p in r["places"]}


def test_json_lines_extract_does_not_load_the_table_stack(tmp_path):
    """JSON Lines output starts fast: pandas and geopandas (~0.5 s to import) load only for table outputs."""
    script = ("import sys; from geonews.cli import main\n"
              f"main(['extract', {str(SEED)!r}, '-o', {str(tmp_path / 'out.jsonl')!r}])\n"
              "print(sorted(m for m in ('pandas', 'geopandas', 'pyogrio', 'pyarrow') if m in sys.modules))")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]" and (tmp_path / "out.jsonl").stat().st_size > 0
