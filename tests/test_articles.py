"""Reading articles: text files, JSON Lines, folders, encodings, HTML, and per-record errors."""

from __future__ import annotations

import json
import os
import pickle

import pytest

from geonews.reading.articles import Article, html_to_text, iter_articles
from geonews.errors import GeonewsError, InputError, RecordError

HEADLINE = "مباحثات بين لافروف وكيري في موسكو"
BODY = "أعلن الكرملين أن كيري وصل إلى موسكو.\nوقال بيسكوف إن المحادثات مستمرة."


def read(paths, **kwargs):
    """All articles and all reported errors."""
    errors: list[RecordError] = []
    articles = list(iter_articles(paths, on_error=errors.append, **kwargs))
    return articles, errors


def jsonl(path, *records):
    path.write_text("\n".join(r if isinstance(r, str) else json.dumps(r, ensure_ascii=False) for r in records)
                    + "\n", encoding="utf-8")
    return path


def test_text_file(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(f"{HEADLINE}\n{BODY}\n", encoding="utf-8")
    (article,), errors = read(path)
    assert errors == []
    assert article.title == HEADLINE
    assert article.text == f"{HEADLINE}\n{BODY}\n"  # the headline is part of the text
    assert article.id == article.path == path.as_posix()
    assert article.line is None and article.date is None


def test_other_suffix_is_text(tmp_path):
    path = tmp_path / "article.md"
    path.write_text(f"{HEADLINE}\r\n{BODY}", encoding="utf-8")
    (article,), _ = read(path)
    assert article.title == HEADLINE
    assert "\r" not in article.text and article.text.startswith(HEADLINE + "\n")


def test_jsonl_fields(tmp_path):
    path = jsonl(tmp_path / "a.jsonl",
                 {"id": "n1", "title": HEADLINE, "text": BODY, "date": "2016-07-15", "source": "السفير",
                  "url": "https://example.com/1", "extra": [1, 2]},
                 {"id": 42, "text": "نص\r\nثان", "date": "2016-07-15T10:30:00Z"},
                 {"text": "بلا معرف", "date": "Fri, 15 Jul 2016 10:30:00 +0300"},
                 {"text": "تاريخ غريب", "date": "منتصف تموز", "id": ""})
    (first, second, third, fourth), errors = read(path)
    assert errors == []
    assert first == Article(id="n1", text=BODY, title=HEADLINE, date="2016-07-15", source="السفير",
                            url="https://example.com/1", path=path.as_posix(), line=1)
    assert second.id == "42" and second.text == "نص\nثان" and second.title is None
    assert second.date == "2016-07-15T10:30:00+00:00"
    assert third.id == f"{path.as_posix()}:3" and third.date == "2016-07-15T10:30:00+03:00"
    assert fourth.id == f"{path.as_posix()}:4" and fourth.date == "منتصف تموز"


def test_title_not_prepended(tmp_path):
    path = jsonl(tmp_path / "a.jsonl", {"title": HEADLINE, "text": BODY})
    (article,), _ = read(path)
    assert article.text == BODY and article.title == HEADLINE


def test_folder_recursion_and_order(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "c").mkdir()
    (tmp_path / ".hidden").mkdir()
    (tmp_path / "b" / "c" / "z.txt").write_text("زد", encoding="utf-8")
    (tmp_path / "b" / "a.txt").write_text("أ", encoding="utf-8")
    jsonl(tmp_path / "a.jsonl", {"id": "j1", "text": "واحد"}, {"id": "j2", "text": "اثنان"})
    (tmp_path / "c.ndjson").write_text('{"id": "n1", "text": "نص"}\n', encoding="utf-8")
    (tmp_path / "d.json").write_text('{"id": "d1", "text": "نص"}\n', encoding="utf-8")
    (tmp_path / "notes.csv").write_text("not,an,article\n", encoding="utf-8")
    (tmp_path / ".secret.txt").write_text("مخفي", encoding="utf-8")
    (tmp_path / ".hidden" / "x.txt").write_text("مخفي", encoding="utf-8")
    articles, errors = read(tmp_path)
    assert errors == []
    root = tmp_path.as_posix()
    assert [a.id for a in articles] == ["j1", "j2", f"{root}/b/a.txt", f"{root}/b/c/z.txt", "n1", "d1"]


def test_several_paths_in_order(tmp_path):
    one, two = tmp_path / "1.txt", tmp_path / "2.txt"
    one.write_text("واحد", encoding="utf-8")
    two.write_text("اثنان", encoding="utf-8")
    assert [a.title for a in read([two, one])[0]] == ["اثنان", "واحد"]
    assert [a.title for a in read(str(one))[0]] == ["واحد"]


def test_missing_path_raises_before_reading(tmp_path):
    good = tmp_path / "good.txt"
    good.write_text("نص", encoding="utf-8")
    with pytest.raises(InputError, match="missing.txt: no such file or folder"):
        iter_articles([good, tmp_path / "missing.txt"])  # raised at the call, not on first next()
    assert issubclass(InputError, GeonewsError) and issubclass(InputError, ValueError)


def test_broken_records_reported_and_skipped(tmp_path):
    path = jsonl(tmp_path / "articles.jsonl",
                 {"id": "ok1", "text": "سليم"},
                 '{"id": "bad", "text": "مقطوع',
                 "[1, 2]",
                 {"id": "notext", "title": "بلا نص"},
                 {"id": "number", "text": 12},
                 "",
                 {"id": "blank", "text": "   \n "},
                 {"id": "ok2", "text": "سليم أيضا"})
    articles, errors = read(path)
    assert [a.id for a in articles] == ["ok1", "ok2"]
    assert [a.line for a in articles] == [1, 8]
    assert [(e.path, e.line) for e in errors] == [(path.as_posix(), n) for n in (2, 3, 4, 5, 7)]
    messages = [e.message for e in errors]
    assert messages[0].startswith("not valid JSON (")
    assert messages[1:] == ["not a JSON object (got array)", 'no "text" field', '"text" is not a string (got number)',
                            '"text" is empty']
    assert str(errors[0]) == f"{path.as_posix()}:2: {messages[0]}"
    assert isinstance(errors[0], GeonewsError) and isinstance(errors[0], ValueError)


def test_record_error_pickles():
    error = pickle.loads(pickle.dumps(RecordError("a.jsonl", 17, "not valid JSON (Expecting ',' delimiter)")))
    assert str(error) == "a.jsonl:17: not valid JSON (Expecting ',' delimiter)"
    assert str(RecordError("a.bin", None, "binary file, not text")) == "a.bin: binary file, not text"


def test_default_on_error_writes_stderr(tmp_path, capsys):
    path = jsonl(tmp_path / "a.jsonl", "{oops", {"text": "سليم"})
    assert [a.text for a in iter_articles(path)] == ["سليم"]
    assert capsys.readouterr().err.startswith(f"{path.as_posix()}:1: not valid JSON (")


def test_generator_is_lazy(tmp_path):
    path = jsonl(tmp_path / "a.jsonl", {"id": "1", "text": "أ"}, {"id": "2", "text": "ب"}, "{broken",
                 {"id": "4", "text": "د"})
    events = []
    for article in iter_articles(path, on_error=lambda e: events.append(f"error:{e.line}")):
        events.append(article.id)
    assert events == ["1", "2", "error:3", "4"]


def test_utf8_bom(tmp_path):
    text_file, jsonl_file = tmp_path / "a.txt", tmp_path / "b.jsonl"
    text_file.write_bytes(b"\xef\xbb\xbf" + f"{HEADLINE}\n{BODY}".encode())
    jsonl_file.write_bytes(b"\xef\xbb\xbf" + json.dumps({"id": "x", "text": BODY}).encode() + b"\n")
    (first, second), errors = read([text_file, jsonl_file])
    assert errors == []
    assert first.title == HEADLINE and first.text.startswith(HEADLINE)
    assert second.id == "x" and second.text == BODY


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be"])
def test_utf16(tmp_path, encoding):
    bom = {"utf-16": b"", "utf-16-le": b"\xff\xfe", "utf-16-be": b"\xfe\xff"}[encoding]
    text_file, jsonl_file = tmp_path / "a.txt", tmp_path / "b.jsonl"
    text_file.write_bytes(bom + f"{HEADLINE}\r\n{BODY}".encode(encoding))
    lines = "\n".join(json.dumps({"id": i, "text": BODY}, ensure_ascii=False) for i in ("1", "2"))
    jsonl_file.write_bytes(bom + lines.encode(encoding))
    articles, errors = read([text_file, jsonl_file])
    assert errors == []
    assert articles[0].title == HEADLINE and articles[0].text == f"{HEADLINE}\n{BODY}"
    assert [(a.id, a.text, a.line) for a in articles[1:]] == [("1", BODY, 1), ("2", BODY, 2)]


def test_invalid_utf8_replaced_and_reported(tmp_path):
    text_file, jsonl_file = tmp_path / "a.txt", tmp_path / "b.jsonl"
    text_file.write_bytes("عنوان\nقبل ".encode() + b"\xff\xfe" + " بعد".encode())
    jsonl_file.write_bytes(b'{"id": "1", "text": "ok"}\n{"id": "2", "text": "x\xc3 y"}\n{"id": "3", "text": "z\xff"}\n')
    articles, errors = read([text_file, jsonl_file])
    assert [a.id for a in articles] == [text_file.as_posix(), "1", "2", "3"]
    assert "\ufffd" in articles[0].text and articles[0].text.endswith(" بعد")
    assert "\ufffd" in articles[2].text and "\ufffd" in articles[3].text
    assert [str(e) for e in errors] == [f"{text_file.as_posix()}:2: invalid UTF-8 replaced",
                                        f"{jsonl_file.as_posix()}:2: invalid UTF-8 replaced"]  # once per file


def test_binary_file_skipped(tmp_path):
    (tmp_path / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    (tmp_path / "data.jsonl").write_bytes(b"\x00\x01\x02\x03" * 10)
    (tmp_path / "z.txt").write_text("نص", encoding="utf-8")
    articles, errors = read(tmp_path)
    assert [a.text for a in articles] == ["نص"]
    assert sorted(str(e) for e in errors) == [f"{(tmp_path / n).as_posix()}: binary file, not text"
                                              for n in ("data.jsonl", "image.txt")]


def test_too_large_records_skipped(tmp_path):
    big, small = tmp_path / "big.txt", tmp_path / "small.txt"
    big.write_text("ا" * 200, encoding="utf-8")
    small.write_text("نص", encoding="utf-8")
    lines = jsonl(tmp_path / "c.jsonl", {"id": "1", "text": "قصير"}, {"id": "2", "text": "ط" * 5000},
                  {"id": "3", "text": "قصير"})
    articles, errors = read([big, small, lines], max_bytes=100)
    assert [a.id for a in articles] == [small.as_posix(), "1", "3"]
    assert [str(e) for e in errors] == [f"{big.as_posix()}: too large (400 bytes > 100 bytes limit)",
                                        f"{lines.as_posix()}:2: too large (10.0 kB > 100 bytes limit)"]


def test_too_large_message_in_megabytes(tmp_path):
    lines = jsonl(tmp_path / "c.jsonl", {"text": "ا" * 1_300_000})
    _, (error,) = read(lines, max_bytes=1_000_000)
    assert error.message == "too large (2.6 MB > 1.0 MB limit)"


HTML = """<!DOCTYPE html>
<html><head><title>خبر &amp; تحليل</title><style>body {color: red}</style>
<script>var x = "<p>سر</p>"; alert(1);</script></head>
<body><h1>قوات في منبج</h1><p>سيطرت القوات على &quot;منبج&quot;&nbsp;أمس.</p><div>سطر<br>ثان</div></body></html>"""


def test_html_page_stripped(tmp_path):
    page = tmp_path / "page.txt"
    page.write_text(HTML, encoding="utf-8")
    records = jsonl(tmp_path / "b.jsonl", {"id": "h", "text": HTML, "title": "عنوان"},
                    {"id": "p", "text": "<body>نص</body>"})
    (from_file, from_record, body_only), errors = read([page, records])
    assert errors == []
    assert from_file.title == "خبر & تحليل" and from_record.title == "عنوان"
    assert from_file.text == from_record.text == 'قوات في منبج\n\nسيطرت القوات على "منبج" أمس.\n\nسطر\nثان'
    assert "alert" not in from_file.text and "color" not in from_file.text and "سر" not in from_file.text
    assert body_only.text == "نص"


def test_text_mentioning_script_is_not_html(tmp_path):
    path = jsonl(tmp_path / "a.jsonl", {"text": "كتب أحدهم <script>alert(1)</script> في التعليق"})
    (article,), _ = read(path)
    assert article.text == "كتب أحدهم <script>alert(1)</script> في التعليق"


def test_html_to_text_title_absent():
    assert html_to_text("<html><p>أ</p><li>ب</li></html>") == ("أ\n\nب", None)


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="needs file permissions (not root)")
def test_unreadable_file_in_folder(tmp_path):
    locked = tmp_path / "a.txt"
    locked.write_text("سر", encoding="utf-8")
    locked.chmod(0)
    (tmp_path / "b.txt").write_text("نص", encoding="utf-8")
    try:
        articles, (error,) = read(tmp_path)
    finally:
        locked.chmod(0o644)
    assert [a.text for a in articles] == ["نص"]
    assert error.path == locked.as_posix() and error.message.startswith("cannot read")


def test_unreadable_files_reported(tmp_path, monkeypatch):
    import builtins

    locked_text, locked_lines = tmp_path / "a.txt", tmp_path / "b.jsonl"
    locked_text.write_text("سر", encoding="utf-8")
    jsonl(locked_lines, {"text": "سر"})
    (tmp_path / "c.txt").write_text("نص", encoding="utf-8")
    real_open = builtins.open

    def fake_open(file, *args, **kwargs):
        if str(file).endswith(("a.txt", "b.jsonl")):
            raise PermissionError(13, "Permission denied", str(file))
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", fake_open)
    for paths in (tmp_path, [locked_text, locked_lines, tmp_path / "c.txt"]):  # in a folder, or given
        articles, errors = read(paths)
        assert [a.text for a in articles] == ["نص"]
        assert [str(e) for e in errors] == [f"{locked_text.as_posix()}: cannot read (Permission denied)",
                                            f"{locked_lines.as_posix()}: cannot read (Permission denied)"]


def test_common_field_names_from_scrapers(tmp_path):
    import json as _json

    from geonews.reading.articles import iter_articles as _iter

    path = tmp_path / "ant.jsonl"
    path.write_text(_json.dumps({"docno": "AL-1", "src": "alarabia", "time": "Sun, 06 May 2018 18:46:15 +0400",
                                 "link": "https://example.org/a", "text": "نص"}, ensure_ascii=False) + "\n",
                    encoding="utf-8")
    [article] = list(_iter([path]))
    assert (article.id, article.source, article.url) == ("AL-1", "alarabia", "https://example.org/a")
    assert article.date.startswith("2018-05-06")


def test_on_read_counts_the_bytes_read_up_to_the_input_size(tmp_path):
    """Positions for a progress bar: never going back, at each article past its own record, ending at the
    bytes of every file read (input_size), broken records and files with no article included."""
    from geonews.reading.articles import input_size

    jsonl(tmp_path / "a.jsonl", {"id": "1", "text": BODY}, "{broken", {"id": "2", "text": BODY * 3})
    (tmp_path / "b.txt").write_text(f"{HEADLINE}\n{BODY}\n", encoding="utf-8")
    (tmp_path / "c.txt").write_text("   \n", encoding="utf-8")  # empty text: reported, still read
    (tmp_path / "notes.md").write_text("not an input", encoding="utf-8")  # not read, not counted
    sizes = {p.name: p.stat().st_size for p in tmp_path.iterdir()}
    positions: list[int] = []
    at_article = []
    for article in iter_articles(tmp_path, on_error=lambda e: None, on_read=positions.append):
        at_article.append((article.id, positions[-1]))
    assert positions == sorted(positions)
    total = sizes["a.jsonl"] + sizes["b.txt"] + sizes["c.txt"]
    assert input_size(tmp_path) == input_size([tmp_path / "a.jsonl", tmp_path / "b.txt", tmp_path / "c.txt"]) == total
    assert positions[-1] == total
    first_line = len(json.dumps({"id": "1", "text": BODY}, ensure_ascii=False).encode()) + 1
    assert at_article[0] == ("1", first_line)  # the first record read, no more
    assert at_article[1] == ("2", sizes["a.jsonl"])
    assert at_article[2] == ((tmp_path / "b.txt").as_posix(), sizes["a.jsonl"] + sizes["b.txt"])
    assert input_size(tmp_path / "missing.jsonl") == 0


@pytest.mark.parametrize("suffix", [".gz", ".bz2", ".xz"])
def test_compressed_json_lines_give_the_same_articles(tmp_path, suffix):
    import bz2
    import gzip
    import lzma

    compress = {".gz": gzip.compress, ".bz2": bz2.compress, ".xz": lzma.compress}[suffix]
    plain = jsonl(tmp_path / "news.jsonl", {"id": "1", "text": BODY}, "{broken", {"id": "2", "text": HEADLINE})
    packed = tmp_path / f"news.jsonl{suffix}"
    packed.write_bytes(compress(plain.read_bytes()))
    (want, want_errors), (got, got_errors) = read(plain), read(packed)
    assert [(a.id, a.text) for a in got] == [(a.id, a.text) for a in want] == [("1", BODY), ("2", HEADLINE)]
    assert [(e.line, e.message) for e in got_errors] == [(e.line, e.message) for e in want_errors]
    assert got_errors[0].path == packed.as_posix()


def test_compressed_files_in_a_folder_and_a_compressed_text_file(tmp_path):
    import gzip

    (tmp_path / "a.txt.gz").write_bytes(gzip.compress(f"{HEADLINE}\n{BODY}\n".encode()))
    (tmp_path / "b.jsonl.gz").write_bytes(gzip.compress(json.dumps({"id": "b", "text": BODY}).encode()))
    (tmp_path / "c.tar.gz").write_bytes(gzip.compress(b"not an input"))  # not .txt or .jsonl inside: not read
    articles, errors = read(tmp_path)
    assert errors == []
    assert [a.id for a in articles] == [(tmp_path / "a.txt.gz").as_posix(), "b"]
    assert articles[0].title == HEADLINE and articles[0].text == f"{HEADLINE}\n{BODY}\n"


def test_a_truncated_or_corrupt_archive_keeps_what_was_read(tmp_path):
    import gzip

    records = [{"id": str(k), "text": f"{BODY} {k}"} for k in range(400)]
    data = gzip.compress(("\n".join(json.dumps(r, ensure_ascii=False) for r in records) + "\n").encode())
    (tmp_path / "a.jsonl.gz").write_bytes(data[:len(data) // 2])  # cut in the middle
    (tmp_path / "b.jsonl.gz").write_bytes(b"not gzip at all")
    jsonl(tmp_path / "c.jsonl", {"id": "last", "text": BODY})  # read after both
    articles, errors = read(tmp_path)
    ids = [a.id for a in articles]
    assert 0 < ids.index("last") == len(ids) - 1
    assert ids[:-1] == [str(k) for k in range(len(ids) - 1)]  # every record up to the cut, in order
    assert [(e.path.rsplit("/", 1)[1], e.message.split(" (")[0]) for e in errors] == [
        ("a.jsonl.gz", "cannot read"), ("b.jsonl.gz", "cannot read")]
    assert "Not a gzipped file" in errors[1].message


def test_a_compressed_text_over_the_limit_is_not_read_whole(tmp_path):
    import gzip

    (tmp_path / "big.txt.gz").write_bytes(gzip.compress(("كلمة " * 200_000).encode()))  # 1.8 MB, compressed tiny
    articles, errors = read(tmp_path / "big.txt.gz", max_bytes=100_000)
    assert articles == []
    assert [e.message for e in errors] == ["too large (over the 100.0 kB limit)"]


def test_standard_input_is_json_lines(tmp_path):
    """``-`` reads JSON Lines from standard input: records named <stdin>:LINE, a broken one reported."""
    import subprocess
    import sys

    from geonews.reading.articles import input_size

    feed = "\n".join([json.dumps({"text": BODY}, ensure_ascii=False), "{broken",
                      json.dumps({"id": "x", "text": HEADLINE}, ensure_ascii=False)]) + "\n"
    script = ("import json; from geonews.reading.articles import iter_articles\n"
              "for a in iter_articles(['-']): print(json.dumps([a.id, a.text], ensure_ascii=False))")
    done = subprocess.run([sys.executable, "-c", script], input=feed.encode(), capture_output=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert [json.loads(line) for line in done.stdout.decode().splitlines()] == [["<stdin>:1", BODY], ["x", HEADLINE]]
    assert done.stderr.decode().strip().startswith("<stdin>:2: not valid JSON")
    assert input_size(["-"]) is None and input_size([tmp_path, "-"]) is None
