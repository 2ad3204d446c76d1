"""The `gazetteer` command line."""

import json
import subprocess
import sys


def run(*args, stdin=""):
    return subprocess.run([sys.executable, "-m", "gazetteer.cli", *args], capture_output=True, text=True,
                          input=stdin)


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


def test_geocode_several_names_one_object_each():
    proc = run("geocode", "منبج", "دير الزور", "ززززززززز")
    assert proc.returncode == 1  # one name matched nothing
    rows = [json.loads(line) for line in proc.stdout.strip().splitlines()]
    assert [r["query"] for r in rows] == ["منبج", "دير الزور", "ززززززززز"]
    assert rows[0]["name"] == "Manbij" and rows[1]["country_code"] == "SY" and set(rows[2]) == {"query"}


def test_geocode_names_from_a_file_and_standard_input(tmp_path):
    names = tmp_path / "names.txt"
    names.write_text("حمص\n\nحلب\n", encoding="utf-8")
    rows = [json.loads(line) for line in run("geocode", "--file", str(names)).stdout.splitlines()]
    assert [r["name"] for r in rows] == ["Homs", "Aleppo"]
    proc = run("geocode", "--file", "-", "--country", "SY", stdin="حمص\nطرابلس\n")
    rows = [json.loads(line) for line in proc.stdout.splitlines()]
    assert rows[0]["name"] == "Homs" and proc.returncode == 1  # no طرابلس in Syria
    piped = run("geocode", stdin="حماة\n")
    assert json.loads(piped.stdout)["country_code"] == "SY"


def test_reverse_in_the_open_sea_exits_1():
    proc = run("reverse", "0.5", "-150")
    assert proc.returncode == 1 and proc.stdout == "" and "50 km" in proc.stderr
