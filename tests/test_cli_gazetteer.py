"""The `gazetteer` command line."""

import json
import os
import subprocess
import sys

import pytest


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


# -- what `gazetteer find` reads (issue 19) -----------------------------------------------------------------------------------

def test_gazetteer_find_offsets_are_those_of_the_file_text(tmp_path):
    """A CRLF file: the offsets count the file's own characters (its CR too), so they slice the file's text."""
    text = "عنوان\r\nقصفت الطائرات مواقع في حلب.\r\nثم وصلت إلى حماة.\r\n"
    path = tmp_path / "crlf.txt"
    path.write_bytes(text.encode("utf-8"))
    proc = run("find", str(path))
    assert proc.returncode == 0, proc.stderr
    mentions = [json.loads(line) for line in proc.stdout.splitlines()]
    assert [m["text"] for m in mentions] == ["حلب", "حماة"]
    for m in mentions:
        assert text[m["start"]:m["end"]] == m["text"]


def test_gazetteer_find_names_escaped(tmp_path):
    proc = run("find", str(tmp_path / "gone\x1b[2J.txt"))
    assert proc.returncode == 2 and "\x1b" not in proc.stderr
    assert proc.stderr.strip() == f"gazetteer: cannot read {tmp_path}/gone\\x1b[2J.txt: No such file or directory"


def test_gazetteer_find_reads_a_device_within_a_bound():
    if not os.path.exists("/dev/zero"):
        pytest.skip("/dev/zero is absent here")
    proc = subprocess.run([sys.executable, "-m", "gazetteer.cli", "find", "/dev/zero"], capture_output=True,
                          text=True, timeout=60)
    assert proc.returncode == 2 and proc.stdout == "" and "Traceback" not in proc.stderr
    assert proc.stderr.strip() == "gazetteer: cannot read /dev/zero: binary file, not text"


def test_geocode_of_a_name_far_apart_places_share_says_so():
    proc = run("geocode", "الجفر")  # towns of Saudi Arabia and Jordan, neither dominant
    assert proc.returncode == 1 and proc.stdout == ""
    assert "several places" in proc.stderr and "--all" in proc.stderr
    proc = run("geocode", "--country", "JO", "الجفر")
    assert proc.returncode == 0 and json.loads(proc.stdout)["country_code"] == "JO"
    proc = run("geocode", "الجفر", "منبج")
    rows = [json.loads(line) for line in proc.stdout.strip().splitlines()]
    assert rows[0] == {"query": "الجفر", "ambiguous": True} and rows[1]["name"] == "Manbij"
