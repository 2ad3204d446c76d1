"""Several ``geonews ingest`` processes at once, and one killed mid-transaction, against both stores: each
article ends up stored exactly once and whole, as one ingest alone would store it."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from geonews.output.frame import from_frame
from geonews.output.store import open_store, read_store

PLACES = ["منبج", "حلب", "حماة", "حمص", "دمشق", "درعا", "إدلب", "الرقة", "دير الزور", "اللاذقية", "طرطوس", "القامشلي",
          "الحسكة", "تدمر", "جرابلس", "عفرين"]
ARTICLES = [{"id": f"n{k:02d}", "date": f"2018-05-{k + 1:02d}", "title": place,
             "text": f"قصفت الطائرات مواقع في ريف {place} الشمالي.\nوقال مصدر محلي إن القوات سيطرت على وسط {place}."}
            for k, place in enumerate(PLACES)]
ROOT = Path(__file__).resolve().parent.parent

# An ingest whose store hangs inside its second transaction, after writing it and before committing: the
# test kills it there. (The first transaction commits as usual.)
HANGING_INGEST = """
import sys, time
from pathlib import Path
from geonews.output.store import gpkg, postgis

marker = Path(sys.argv[1])
for cls in (gpkg.GeoPackageStore, postgis.PostgisStore):
    def _write(self, *args, _original=cls._write):
        _original(self, *args)
        self.calls = getattr(self, "calls", 0) + 1
        if self.calls == 2:
            marker.write_text("written, not committed")
            time.sleep(300)
    cls._write = _write

from geonews.cli import main
sys.exit(main(sys.argv[2:]))
"""


def _write(path: Path, records: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    return path


@pytest.fixture(params=["gpkg", "postgis"])
def target(request, tmp_path) -> str:
    if request.param == "gpkg":
        return str(tmp_path / "claims.gpkg")
    return request.getfixturevalue("new_database")()


@pytest.fixture(scope="module")
def alone(tmp_path_factory) -> list[dict]:
    """What one ingest of all the articles stores (in a GeoPackage of its own), as statement dicts."""
    folder = tmp_path_factory.mktemp("alone")
    source = _write(folder / "all.jsonl", ARTICLES)
    done = subprocess.run([sys.executable, "-m", "geonews.cli", "ingest", str(source), "--store",
                           str(folder / "alone.gpkg")], capture_output=True, text=True, timeout=300, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    return _by_article(read_store(folder / "alone.gpkg"))


def _by_article(frame) -> list[dict]:
    return sorted(from_frame(frame), key=lambda s: (s["article"], s["start"]))


def _check_whole(target: str) -> list[str]:
    """The ids stored; each stored once, with exactly the statements its row counts (no half article)."""
    with open_store(target) as opened:
        table = opened.articles()
        frame = opened.read()
    ids = list(table["article"])
    assert len(ids) == len(set(ids))
    counted = {s["article"] for s in from_frame(frame)}
    assert counted <= set(ids)  # no statement without its article
    per_article = {a: 0 for a in ids}
    for statement in from_frame(frame):
        per_article[statement["article"]] += 1
    assert per_article == dict(zip(table["article"], table["statements"]))
    if not target.startswith("postgresql://"):
        with sqlite3.connect(target) as db:
            assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    return ids


def _environment() -> dict:
    return {**os.environ, "PYTHONPATH": str(ROOT)}


def test_four_ingests_at_once_store_each_article_exactly_once(target, tmp_path, alone):
    """Four processes, overlapping halves of the articles (each article in two of them), chunks of two."""
    sources = [_write(tmp_path / f"part{k}.jsonl", [ARTICLES[(4 * k + i) % len(ARTICLES)] for i in range(8)])
               for k in range(4)]
    runs = [subprocess.Popen([sys.executable, "-m", "geonews.cli", "ingest", str(source), "--store", target,
                              "--chunk-size", "2"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                             cwd=ROOT, env=_environment()) for source in sources]
    outputs = [run.communicate(timeout=600) for run in runs]
    assert [run.returncode for run in runs] == [0] * 4, [err for _, err in outputs]
    reports = [out.strip().rsplit(": ", 1)[1] for out, _ in outputs]
    new = sum(int(r.split(" new")[0]) for r in reports)
    stored = sum(int(r.split(", ")[1].split(" already")[0]) for r in reports)
    assert (new, stored) == (16, 16), reports  # every article added once, found stored the other time
    assert sorted(_check_whole(target)) == [a["id"] for a in ARTICLES]
    assert _by_article(read_store(target)) == alone  # as one ingest alone stores them


def test_a_killed_ingest_leaves_no_half_article(target, tmp_path, alone):
    """SIGKILL inside the second transaction (its rows written, not committed): the first chunk is stored
    whole, nothing of the second; the next ingest stores the rest, once."""
    source = _write(tmp_path / "all.jsonl", ARTICLES)
    marker = tmp_path / "in-transaction"
    run = subprocess.Popen([sys.executable, "-c", HANGING_INGEST, str(marker), "ingest", str(source), "--store",
                            target, "--chunk-size", "4"], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                           cwd=ROOT, env=_environment())
    deadline = time.monotonic() + 300
    while not marker.exists():
        assert run.poll() is None, run.communicate()
        assert time.monotonic() < deadline, "the ingest never reached its second transaction"
        time.sleep(0.05)
    os.kill(run.pid, signal.SIGKILL)
    run.wait(timeout=60)
    if target.startswith("postgresql://"):
        _wait_for_the_server_to_roll_back(target)
    else:
        assert Path(target + "-journal").exists()  # killed mid-transaction: SQLite's journal is left, hot
    assert _check_whole(target) == [a["id"] for a in ARTICLES[:4]]
    done = subprocess.run([sys.executable, "-m", "geonews.cli", "ingest", str(source), "--store", target],
                          capture_output=True, text=True, timeout=300, cwd=ROOT, env=_environment())
    assert done.returncode == 0, done.stderr
    assert "12 new, 4 already stored" in done.stdout
    assert sorted(_check_whole(target)) == [a["id"] for a in ARTICLES]
    assert _by_article(read_store(target)) == alone


def _wait_for_the_server_to_roll_back(target: str) -> None:
    """Until the killed client's session is gone from the server (its transaction rolled back)."""
    import psycopg

    with psycopg.connect(target, autocommit=True) as conn:
        for _ in range(200):
            left = conn.execute("SELECT count(*) FROM pg_stat_activity WHERE application_name = 'geonews' "
                                "AND pid <> pg_backend_pid()").fetchone()[0]
            if not left:
                return
            time.sleep(0.05)
    raise AssertionError("the killed ingest's session is still open on the server")
