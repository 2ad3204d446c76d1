"""The `gazetteer` command line."""

import json
import subprocess
import sys


def run(*args):
    return subprocess.run([sys.executable, "-m", "gazetteer.cli", *args], capture_output=True, text=True)


def test_geocode_prints_one_json_object():
    proc = run("geocode", "منبج")
    assert proc.returncode == 0
    lines = proc.stdout.strip().splitlines()
    assert len(lines) == 1
    assert json.loads(lines[0])["name"] == "Manbij"


def test_geocode_all_prints_candidates():
    proc = run("geocode", "--all", "--limit", "3", "حماة")
    assert proc.returncode == 0
    rows = [json.loads(line) for line in proc.stdout.strip().splitlines()]
    assert 1 <= len(rows) <= 3 and rows[0]["country_code"] == "SY"


def test_geocode_nothing_exits_1():
    proc = run("geocode", "ززززززززز")
    assert proc.returncode == 1 and proc.stdout == ""
    assert "no place" in proc.stderr


def test_bad_query_exits_2_without_traceback():
    proc = run("geocode", "\u200f")
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr


def test_reverse():
    proc = run("reverse", "36.53", "37.95")
    assert proc.returncode == 0 and json.loads(proc.stdout)["name"] == "Manbij"


def test_usage_error_exits_2():
    assert run("nonsense").returncode == 2
