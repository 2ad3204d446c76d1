"""The data tables of both packages against their schemas, and the loader and checker themselves."""

from __future__ import annotations

import itertools
import json
import sys
from importlib import resources

import pytest

from gazetteer.tables import TableError, check_table, load_table, schemas

PACKAGES = ("gazetteer.data", "geonews.data")
DECLARED = [(package, name) for package in PACKAGES for name in schemas(package)]


@pytest.mark.parametrize("package", PACKAGES)
def test_every_csv_is_declared(package):
    on_disk = {p.name for p in resources.files(package).iterdir() if p.name.endswith(".csv")}
    assert on_disk, f"no CSV in {package}"
    assert on_disk - set(schemas(package)) == set(), f"CSV files of {package} without a schema in tables.json"
    assert set(schemas(package)) - on_disk == set(), f"tables.json of {package} declares missing files"


@pytest.mark.parametrize(("package", "name"), DECLARED, ids=[f"{p}/{n}" for p, n in DECLARED])
def test_declared_table_is_clean(package, name):
    assert check_table(package, name) == []
    schema = schemas(package)[name]
    assert schema.description, "a table says what it is for"
    rows = load_table(package, name)
    assert rows and all(row["source"] for row in rows)


# -- the loader and the checker, on tables written to a package of their own --------------------------

_packages = itertools.count()

SCHEMA = {
    "columns": ["word", "kind", "note", "source"],
    "key": ["word", "kind"],
    "arabic": ["word"],
    "required": ["word", "kind"],
    "values": {"kind": ["verb", "noun"]},
    "description": "a test table",
}


@pytest.fixture
def make_package(tmp_path, monkeypatch):
    """Write ``words.csv`` with a schema into a new importable package; return the package's name."""
    monkeypatch.syspath_prepend(str(tmp_path))

    def make(csv_text: str, schema: dict = SCHEMA) -> str:
        name = f"tables_fixture_{next(_packages)}"
        folder = tmp_path / name
        folder.mkdir()
        (folder / "__init__.py").write_text("", encoding="utf-8")
        (folder / "tables.json").write_text(json.dumps({"words.csv": schema}), encoding="utf-8")
        (folder / "words.csv").write_text(csv_text, encoding="utf-8")
        return name

    yield make
    for name in [m for m in sys.modules if m.startswith("tables_fixture_")]:
        del sys.modules[name]


CLEAN = "word,kind,note,source\nقال,verb,said,ANT corpus: 3 occurrences\n أعلن ,verb,,ANT corpus: 2 occurrences\n"


def test_a_clean_table_is_read_and_reports_nothing(make_package):
    package = make_package(CLEAN)
    assert check_table(package, "words.csv") == []
    rows = load_table(package, "words.csv")
    assert [row["word"] for row in rows] == ["قال", "أعلن"]  # cells stripped
    assert rows[1] == {"word": "أعلن", "kind": "verb", "note": "", "source": "ANT corpus: 2 occurrences"}


def test_a_key_that_folds_to_one_already_present_is_reported(make_package):
    package = make_package(CLEAN + "اعلن,verb,,a grammar\nمشيراً,noun,,x\nمشيرا,noun,,y\n")
    problems = check_table(package, "words.csv")
    assert len(problems) == 2
    assert "words.csv:4" in problems[0] and "line 3" in problems[0]  # أعلن / اعلن
    assert "words.csv:6" in problems[1] and "line 5" in problems[1]  # tanween folds away


def test_the_same_word_in_another_kind_is_not_a_duplicate(make_package):
    package = make_package(CLEAN + "قال,noun,,a grammar\n")
    assert check_table(package, "words.csv") == []


def test_an_unknown_column_is_reported_and_not_loaded(make_package):
    package = make_package("word,kind,note,colour,source\nقال,verb,,red,x\n")
    problems = check_table(package, "words.csv")
    assert any("unknown columns ['colour']" in p for p in problems)
    with pytest.raises(TableError, match="expected the columns"):
        load_table(package, "words.csv")


def test_a_missing_column_is_reported(make_package):
    package = make_package("word,kind,source\nقال,verb,x\n")
    assert any("missing columns ['note']" in p for p in check_table(package, "words.csv"))


def test_an_empty_source_is_reported(make_package):
    package = make_package(CLEAN + "صرح,verb,stated,\n")
    assert check_table(package, "words.csv") == [f"{package}/words.csv:4: empty 'source'"]


def test_an_empty_required_cell_is_reported(make_package):
    package = make_package(CLEAN + "صرح,,stated,x\n")
    assert check_table(package, "words.csv") == [f"{package}/words.csv:4: empty 'kind'"]


def test_a_comment_row_is_reported(make_package):
    package = make_package("word,kind,note,source\n# verbs of saying\nقال,verb,,x\n")
    problems = check_table(package, "words.csv")
    assert problems == [f"{package}/words.csv:2: a comment row (say it in the schema's description)"]


def test_a_value_outside_its_set_is_reported(make_package):
    package = make_package(CLEAN + "صرح,adverb,,x\n")
    problems = check_table(package, "words.csv")
    assert problems == [f"{package}/words.csv:4: 'kind' is 'adverb', not one of ['noun', 'verb']"]


def test_a_row_with_too_many_cells_is_reported(make_package):
    package = make_package(CLEAN + "قضاء,noun,district (Iraq, Lebanon),x\n")
    assert any("5 cells for 4 columns" in p for p in check_table(package, "words.csv"))


def test_a_schema_without_a_source_column_is_refused(make_package):
    schema = {**SCHEMA, "columns": ["word", "kind", "note"]}
    package = make_package("word,kind,note\nقال,verb,\n", schema)
    with pytest.raises(TableError, match="no 'source' column"):
        load_table(package, "words.csv")


def test_an_undeclared_table_is_refused(make_package):
    package = make_package(CLEAN)
    with pytest.raises(TableError, match="no schema"):
        load_table(package, "other.csv")
