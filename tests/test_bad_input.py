"""Hostile and broken inputs through `geonews extract`: clear one-line messages naming the file and
line, no traceback, every good record kept, exit 0/1/2, no partial output file."""

import json
import os
import subprocess
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from geonews.reading.articles import Article
from geonews.extraction.pipeline import extract_statements
from geonews.extraction.components.sentences import split_sentences

GOOD = "قصفت الطائرات مواقع في مدينة حلب أمس."


def geonews(*args, cwd=None):
    return subprocess.run([sys.executable, "-m", "geonews.cli", *map(str, args)], capture_output=True,
                          text=True, cwd=cwd, timeout=300)


def statements(stdout: str) -> list[dict]:
    return [json.loads(line) for line in stdout.splitlines() if line.strip()]


def assert_clean(proc, status):
    assert "Traceback" not in proc.stderr, proc.stderr
    assert proc.returncode == status, (proc.returncode, proc.stderr)


def jsonl(path, *lines):
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def record(i, text=GOOD):
    return json.dumps({"id": f"a{i}", "text": text}, ensure_ascii=False)


def test_empty_file(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    proc = geonews("extract", empty)
    assert_clean(proc, 1)
    assert "empty.txt" in proc.stderr and proc.stdout == ""


def test_binary_file_is_reported_and_skipped(tmp_path):
    (tmp_path / "blob.txt").write_bytes(bytes(range(256)) * 100)
    jsonl(tmp_path / "good.jsonl", record(1))
    proc = geonews("extract", tmp_path)
    assert_clean(proc, 1)
    assert "blob.txt" in proc.stderr and "binary" in proc.stderr
    assert [s["article"] for s in statements(proc.stdout)] == ["a1"]


def test_invalid_utf8_in_the_middle_keeps_the_article(tmp_path):
    path = tmp_path / "broken.txt"
    path.write_bytes("عنوان\n".encode() + b"\xff\xfe\xfa" + GOOD.encode())
    proc = geonews("extract", path)
    assert "Traceback" not in proc.stderr
    assert "broken.txt" in proc.stderr
    assert any(p["text"] == "حلب" for s in statements(proc.stdout) for p in s["places"])


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16"])
def test_bom_and_utf16(tmp_path, encoding):
    path = tmp_path / "article.txt"
    path.write_text("عنوان\n" + GOOD, encoding=encoding)
    proc = geonews("extract", path)
    assert_clean(proc, 0)
    places = [p for s in statements(proc.stdout) for p in s["places"]]
    assert [p["text"] for p in places] == ["حلب"]
    text = path.read_text(encoding=encoding).replace("\ufeff", "")
    assert text[places[0]["start"]:places[0]["end"]] == "حلب"


def test_huge_single_line_is_skipped_with_the_limit_named(tmp_path):
    path = tmp_path / "huge.jsonl"
    with open(path, "w", encoding="utf-8") as fh:
        fh.write(record(1) + "\n")
        fh.write(json.dumps({"id": "big", "text": "ا" * 10_000_000}) + "\n")  # ~20 MB of UTF-8
        fh.write(record(3) + "\n")
    proc = geonews("extract", path)
    assert_clean(proc, 1)
    assert "huge.jsonl:2" in proc.stderr and "too large" in proc.stderr
    assert [s["article"] for s in statements(proc.stdout)] == ["a1", "a3"]


def test_broken_jsonl_records_are_reported_and_the_rest_kept(tmp_path):
    path = jsonl(tmp_path / "mixed.jsonl",
                 record(1),
                 '{"id": "t", "text": "مقطوع',  # truncated
                 '["not", "an", "object"]',
                 json.dumps({"id": "x", "title": "no text"}),
                 json.dumps({"id": "y", "text": 42}),
                 record(6))
    proc = geonews("extract", path)
    assert_clean(proc, 1)
    for line in (2, 3, 4, 5):
        assert f"mixed.jsonl:{line}:" in proc.stderr
    assert [s["article"] for s in statements(proc.stdout)] == ["a1", "a6"]
    assert "4 of 6 records skipped" in proc.stderr


def test_html_page_is_reduced_to_text(tmp_path):
    page = ("<!DOCTYPE html><html><head><title>خبر</title><script>var x = 'دمشق';</script></head>"
            "<body><p>قصفت الطائرات مواقع في مدينة حلب &amp; ريفها.</p></body></html>")
    path = tmp_path / "page.txt"
    path.write_text(page, encoding="utf-8")
    proc = geonews("extract", path)
    assert_clean(proc, 0)
    found = [p["text"] for s in statements(proc.stdout) for p in s["places"]]
    assert found == ["حلب"]  # the script's دمشق is not article text


@pytest.mark.parametrize("text", [
    "The Syrian Democratic Forces advanced into central Manbij on Friday, officials said.",
    "Les forces kurdes ont pris le contrôle du centre de Manbij, selon un communiqué.",
])
def test_non_arabic_text_gives_no_nonsense(tmp_path, text):
    path = jsonl(tmp_path / "latin.jsonl", json.dumps({"id": "l", "text": text}))
    proc = geonews("extract", path)
    assert_clean(proc, 0)
    assert statements(proc.stdout) == []


def test_marks_tashkeel_tatweel_and_digits(tmp_path):
    text = ("\u200fقَصَفَتْ الطَّائِرَاتُ مَوَاقِعَ فِي مَدِينَةِ حَـــلَبَ\u200c أَمْسِ وَقَتَلَتْ ١٢ مُسَلَّحًا\u200e. "
            "\u2066تقدمت\u2069 القوات إلى منـــبج\ufeff.")
    path = jsonl(tmp_path / "marks.jsonl", json.dumps({"id": "m", "text": text}, ensure_ascii=False))
    proc = geonews("extract", path)
    assert_clean(proc, 0)
    out = statements(proc.stdout)
    places = [p for s in out for p in s["places"]]
    assert [p["name"] for p in places] == ["Aleppo", "Manbij"]
    for p in places:
        assert text[p["start"]:p["end"]] == p["text"]
    assert any(q["value"] == 12 for s in out for q in s["quantities"])


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads unreadable files")
def test_unreadable_file_in_folder(tmp_path):
    (tmp_path / "sub").mkdir()
    secret = tmp_path / "sub" / "secret.txt"
    secret.write_text("عنوان\n" + GOOD, encoding="utf-8")
    secret.chmod(0)
    jsonl(tmp_path / "good.jsonl", record(1))
    proc = geonews("extract", tmp_path)
    assert_clean(proc, 1)
    assert "secret.txt" in proc.stderr


def test_folder_with_subfolders_and_other_files(tmp_path):
    (tmp_path / "a" / "b").mkdir(parents=True)
    jsonl(tmp_path / "a" / "b" / "deep.jsonl", record(2))
    jsonl(tmp_path / "top.jsonl", record(1))
    (tmp_path / "a" / "notes.md").write_text("ignored", encoding="utf-8")
    proc = geonews("extract", tmp_path)
    assert_clean(proc, 0)
    assert sorted(s["article"] for s in statements(proc.stdout)) == ["a1", "a2"]


def test_missing_input_is_a_usage_error(tmp_path):
    proc = geonews("extract", tmp_path / "nope.jsonl")
    assert_clean(proc, 2)
    assert "nope.jsonl" in proc.stderr and len(proc.stderr.strip().splitlines()) == 1


def test_output_folder_missing_leaves_nothing(tmp_path):
    path = jsonl(tmp_path / "in.jsonl", record(1))
    out = tmp_path / "no" / "such" / "out.geojson"
    proc = geonews("extract", path, "-o", out)
    assert_clean(proc, 2)
    assert "does not exist" in proc.stderr and not out.parent.exists()


def test_existing_output_survives_a_failed_run(tmp_path):
    out = tmp_path / "out.geojson"
    out.write_text("old", encoding="utf-8")
    proc = geonews("extract", tmp_path / "missing.jsonl", "-o", out)
    assert_clean(proc, 2)
    assert out.read_text(encoding="utf-8") == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.geojson"]


def test_unknown_output_suffix_is_a_usage_error(tmp_path):
    path = jsonl(tmp_path / "in.jsonl", record(1))
    proc = geonews("extract", path, "-o", tmp_path / "out.xlsx")
    assert_clean(proc, 2)
    assert ".xlsx" in proc.stderr


@settings(max_examples=150, deadline=None)
@given(st.text())
def test_sentences_of_any_text(text):
    for s in split_sentences(text):
        assert text[s.start:s.end] == s.text and s.text.strip()


@settings(max_examples=100, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=300)
       | st.lists(st.sampled_from(["قصف", " في ", "حلب", "ريف", "دمشق", "«", "»", ".", "\n", "سيطرت", "12",
                                   "ألف", "كيلومتر مربع", "\u200f", "ـ", "َ", "وقال", "إن"]), max_size=40).map("".join))
def test_extraction_of_any_text(gz, text):
    for s in extract_statements(Article(id="h", text=text), gz):
        assert text[s.start:s.end] == s.text
        for p in s.places:
            assert text[p.start:p.end] == p.text


def test_dangling_link_in_folder_is_reported_and_the_rest_kept(tmp_path):
    (tmp_path / "gone.jsonl").symlink_to(tmp_path / "nowhere.jsonl")
    jsonl(tmp_path / "good.jsonl", record(1))
    proc = geonews("extract", tmp_path)
    assert "Traceback" not in proc.stderr
    assert proc.returncode in (0, 1)
    assert [s["article"] for s in statements(proc.stdout)] == ["a1"]
