"""The claims store: a GeoPackage that ingesting the same articles twice leaves unchanged, maps since a
date, survives an interrupted ingest, and that geopandas (so QGIS) reads."""

from __future__ import annotations

import hashlib
import json
import sqlite3
from pathlib import Path

import geopandas as gpd
import pytest

from geonews.output import store
from geonews.reading.articles import iter_articles
from geonews.cli import main
from geonews.errors import UsageError
from geonews.output.frame import from_frame
from geonews.schema import FRAME_COLUMNS

ARTICLES = [
    {"id": "a1", "date": "2018-01-10", "title": "منبج",
     "text": "قال مصدر كردي إن قوات سوريا الديمقراطية سيطرت على وسط منبج.\nوقصفت الطائرات مواقع في حماة."},
    {"id": "a2", "date": "2018-05-06", "title": "حلب", "text": "قصفت الطائرات الروسية مواقع في ريف حلب الشمالي."},
    {"id": "a3", "date": "2018-06-01", "title": "دير الزور",
     "text": "أعلن التحالف الدولي السيطرة على مدينة البوكمال في دير الزور."},
    {"id": "a4", "title": "بلا تاريخ", "text": "وصل وزير الخارجية إلى دمشق لإجراء محادثات."},
]


def _write(path: Path, records: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    return path


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def news(tmp_path) -> Path:
    return _write(tmp_path / "news.jsonl", ARTICLES)


@pytest.fixture
def claims(tmp_path, news, capsys) -> Path:
    path = tmp_path / "claims.gpkg"
    assert main(["ingest", str(news), "--store", str(path)]) == 0
    assert "4 new, 0 already stored" in capsys.readouterr().out
    return path


def test_store_is_a_geopackage_geopandas_reads(claims):
    frame = gpd.read_file(claims, layer="statements")
    assert [c for c in frame.columns if c != "geometry"] == [c for c in FRAME_COLUMNS if c != "geometry"]
    assert frame.crs.to_epsg() == 4326
    assert set(frame["article"]) == {"a1", "a2", "a3", "a4"}
    articles = gpd.read_file(claims, layer="articles")
    assert list(articles["article"]) == ["a1", "a2", "a3", "a4"]
    assert set(store.ARTICLE_COLUMNS) <= set(articles.columns)
    assert articles["statements"].sum() == len(from_frame(frame))  # statements, not (statement, place) rows
    with sqlite3.connect(claims) as db:  # a real GeoPackage: both tables registered
        kinds = dict(db.execute("SELECT table_name, data_type FROM gpkg_contents"))
    assert kinds == {"statements": "features", "articles": "attributes"}


def test_ingesting_twice_adds_nothing(claims, news, capsys):
    before = _digest(claims)
    assert main(["ingest", str(news), "--store", str(claims)]) == 0
    assert "0 new, 4 already stored" in capsys.readouterr().out
    assert _digest(claims) == before  # not even touched


def test_new_articles_are_appended(claims, tmp_path, capsys):
    rows = len(gpd.read_file(claims, layer="statements"))
    more = _write(tmp_path / "more.jsonl", ARTICLES[:2] + [
        {"id": "a5", "date": "2018-07-01", "text": "سيطرت قوات النظام على بلدة خان شيخون في ريف إدلب الجنوبي."}])
    assert main(["ingest", str(more), "--store", str(claims)]) == 0
    assert "1 new, 2 already stored" in capsys.readouterr().out
    frame = gpd.read_file(claims, layer="statements")
    assert len(frame) > rows and set(frame["article"]) == {"a1", "a2", "a3", "a4", "a5"}
    assert len(gpd.read_file(claims, layer="articles")) == 5


def test_a_changed_article_replaces_its_statements(claims, tmp_path, capsys):
    changed = [dict(ARTICLES[1], text="قصفت الطائرات مواقع في حمص.")] + ARTICLES[2:]
    assert main(["ingest", str(_write(tmp_path / "v2.jsonl", changed)), "--store", str(claims)]) == 0
    assert "0 new, 1 replaced, 2 already stored" in capsys.readouterr().out
    frame = gpd.read_file(claims, layer="statements")
    assert set(frame.loc[frame["article"] == "a2", "place_text"]) == {"حمص"}
    assert list(gpd.read_file(claims, layer="articles")["article"]).count("a2") == 1


def test_since_filters_by_article_date(claims):
    frame = store.read_store(claims, since="2018-05-01")
    assert set(frame["article"]) == {"a2", "a3"}  # a4 has no date
    assert list(frame.columns) == list(FRAME_COLUMNS)
    assert str(frame["start"].dtype) == "Int64"
    assert set(store.read_store(claims)["article"]) == {"a1", "a2", "a3", "a4"}
    with pytest.raises(UsageError, match="--since"):
        store.read_store(claims, since="last week")


def test_map_from_the_store(claims, tmp_path, monkeypatch):
    import geonews.maps

    drawn = {}

    def fake_render(frame, path=None, *, title=None):  # the map itself is tested in test_map_html.py
        drawn["frame"] = frame
        Path(path).write_text("<html></html>", encoding="utf-8")
        return "<html></html>"

    monkeypatch.setattr(geonews.maps, "render_map", fake_render)
    out = tmp_path / "map.html"
    assert main(["map", "--store", str(claims), "--since", "2018-05-06", "-o", str(out)]) == 0
    assert out.exists() and set(drawn["frame"]["article"]) == {"a2", "a3"}


def test_map_of_a_quiet_period_is_empty_and_says_so(claims, tmp_path, capsys):
    out = tmp_path / "later.html"
    assert main(["map", "--store", str(claims), "--since", "2030-01-01", "-o", str(out)]) == 0
    assert out.exists()  # a quiet period is an answer too
    assert capsys.readouterr().err.strip() == (f"geonews: {claims}: no statements of articles dated 2030-01-01 or "
                                               "later; the map is empty")


def test_map_usage_errors(claims, news, tmp_path, capsys):
    out = str(tmp_path / "m.html")
    assert main(["map", "-o", out]) == 2  # neither PATH nor --store
    assert main(["map", str(news), "--store", str(claims), "-o", out]) == 2
    assert main(["map", str(news), "--since", "2018-01-01", "-o", out]) == 2
    assert main(["map", "--store", str(tmp_path / "none.gpkg"), "-o", out]) == 2
    assert "no such store" in capsys.readouterr().err


def test_an_interrupted_ingest_leaves_the_store_as_it_was(claims, tmp_path):
    before = _digest(claims)
    more = _write(tmp_path / "more.jsonl", [dict(a, id=a["id"] + "-b") for a in ARTICLES])
    calls = []

    def interrupt(done):
        calls.append(done)
        if len(calls) == 2:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        store.ingest(claims, iter_articles([more]), chunk_size=1, on_chunk=interrupt)
    assert _digest(claims) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["claims.gpkg", "more.jsonl", "news.jsonl"]


def test_not_a_store(tmp_path, news, capsys):
    bogus = tmp_path / "bogus.gpkg"
    bogus.write_text("not sqlite")
    assert main(["ingest", str(news), "--store", str(bogus)]) == 2
    assert "not a GeoPackage" in capsys.readouterr().err
    assert bogus.read_text() == "not sqlite"
