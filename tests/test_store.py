"""The claims stores, GeoPackage and PostGIS, through ``geonews ingest`` and ``geonews map --store``: ingesting
the same articles twice adds nothing, a changed article replaces its statements, maps since and until a day,
an interrupted ingest keeps whole articles only, and what each store is for other tools (QGIS reads both)."""

from __future__ import annotations

import hashlib
import json
import sqlite3
from pathlib import Path
from urllib.parse import urlsplit

import geopandas as gpd
import pandas as pd
import pytest

from geonews.cli import main
from geonews.extraction.pipeline import extract_statements
from geonews.errors import UsageError
from geonews.ingest import ingest
from geonews.output import store
from geonews.output.frame import from_frame, to_frame
from geonews.output.store import SCHEMA_VERSION, StoredArticle, open_store, read_store
from geonews.output.store.gpkg import ARTICLES_TABLE, STATEMENTS_LAYER, VERSION_TABLE
from geonews.reading.articles import iter_articles
from geonews.schema import FRAME_COLUMNS

ARTICLES = [
    {"id": "a1", "date": "2018-01-10", "title": "منبج",
     "text": "قال مصدر كردي إن قوات سوريا الديمقراطية سيطرت على وسط منبج.\nوقصفت الطائرات مواقع في حماة."},
    {"id": "a2", "date": "2018-05-06", "title": "حلب", "text": "قصفت الطائرات الروسية مواقع في ريف حلب الشمالي."},
    {"id": "a3", "date": "2018-06-01T09:30:00+03:00", "title": "دير الزور",
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


@pytest.fixture(params=["gpkg", "postgis"])
def target(request, tmp_path) -> str:
    """A new store of each kind: a GeoPackage path, or a PostGIS database (the session's server)."""
    if request.param == "gpkg":
        return str(tmp_path / "claims.gpkg")
    return request.getfixturevalue("new_database")()


@pytest.fixture
def claims(target, news, capsys) -> str:
    assert main(["ingest", str(news), "--store", target]) == 0
    assert "4 new, 0 already stored" in capsys.readouterr().out
    return target


def _articles(target: str) -> pd.DataFrame:
    with open_store(target) as opened:
        return opened.articles()


def _expected(gz, records: list[dict], path: Path) -> list[dict]:
    """The statements extraction gives for these articles, as the contract's dicts."""
    _write(path, records)
    return from_frame(to_frame([s for a in iter_articles([path]) for s in extract_statements(a, gz)]))


# -- both stores -------------------------------------------------------------------------------------------


def test_a_store_gives_back_the_frame_extraction_gave(claims, gz, tmp_path):
    frame = read_store(claims)
    assert list(frame.columns) == list(FRAME_COLUMNS) and frame.crs.to_epsg() == 4326
    assert str(frame["start"].dtype) == "Int64" and frame["latitude"].dtype == "float64"
    whole = to_frame([s for a in iter_articles([tmp_path / "news.jsonl"]) for s in extract_statements(a, gz)])
    pd.testing.assert_frame_equal(pd.DataFrame(frame.drop(columns="geometry")),
                                  pd.DataFrame(whole.drop(columns="geometry")))  # the same cells, types, order
    assert frame.geometry.to_wkb().equals(whole.geometry.to_wkb())  # points and areas, None where unresolved
    table = _articles(claims)
    assert list(table.columns) == list(store.ARTICLE_COLUMNS)
    assert list(table["article"]) == ["a1", "a2", "a3", "a4"]
    assert list(table["day"]) == ["2018-01-10", "2018-05-06", "2018-06-01", None]
    assert table["statements"].sum() == len(from_frame(frame))  # statements, not (statement, place) rows
    assert all(len(d) == 64 for d in table["digest"])


def test_ingesting_twice_adds_nothing(claims, news, capsys):
    before = read_store(claims)
    assert main(["ingest", str(news), "--store", claims]) == 0
    assert capsys.readouterr().out.strip().endswith(": 0 new, 4 already stored (0 statement rows added)")
    pd.testing.assert_frame_equal(read_store(claims), before)


def test_new_articles_are_appended(claims, tmp_path, capsys):
    rows = len(read_store(claims))
    more = _write(tmp_path / "more.jsonl", ARTICLES[:2] + [
        {"id": "a5", "date": "2018-07-01", "text": "سيطرت قوات النظام على بلدة خان شيخون في ريف إدلب الجنوبي."}])
    assert main(["ingest", str(more), "--store", claims]) == 0
    assert "1 new, 2 already stored" in capsys.readouterr().out
    frame = read_store(claims)
    assert len(frame) > rows and list(dict.fromkeys(frame["article"])) == ["a1", "a2", "a3", "a4", "a5"]
    assert len(_articles(claims)) == 5


def test_a_changed_article_replaces_its_statements(claims, tmp_path, capsys, gz):
    changed = [dict(ARTICLES[1], title="حمص", text="قصفت الطائرات مواقع في حمص.")] + ARTICLES[2:]
    assert main(["ingest", str(_write(tmp_path / "v2.jsonl", changed)), "--store", claims]) == 0
    assert "0 new, 1 replaced, 2 already stored" in capsys.readouterr().out
    frame = read_store(claims)
    assert set(frame.loc[frame["article"] == "a2", "place_text"]) == {"حمص"}
    assert from_frame(frame[frame["article"] == "a2"]) == _expected(gz, changed[:1], tmp_path / "one.jsonl")
    table = _articles(claims)
    assert list(table["article"]).count("a2") == 1 and len(table) == 4


def test_a_corrected_date_is_a_change_too(claims, tmp_path, capsys):
    fixed = _write(tmp_path / "fixed.jsonl", [dict(ARTICLES[3], date="2018-08-08")])
    assert main(["ingest", str(fixed), "--store", claims]) == 0
    assert "0 new, 1 replaced, 0 already stored" in capsys.readouterr().out
    assert set(read_store(claims, since="2018-08-01")["article"]) == {"a4"}


@pytest.mark.parametrize("chunk", ["1", "100"])  # apart in two chunks, or in one (which then ends before the second)
def test_one_id_with_two_texts_in_one_run_keeps_the_later(target, tmp_path, capsys, gz, chunk):
    """Never a mix: the later text replaces the earlier one, said on standard error, whatever the chunks."""
    later = dict(ARTICLES[1], text="قصفت الطائرات مواقع في حمص.")
    source = _write(tmp_path / "twice.jsonl", [ARTICLES[1], ARTICLES[0], later])
    assert main(["ingest", str(source), "--store", target, "--chunk-size", chunk]) == 0
    out, err = capsys.readouterr()
    assert "2 new, 1 replaced, 0 already stored" in out
    assert f"{source.as_posix()}:3: article 'a2' read again with other content" in err
    frame = read_store(target)
    assert from_frame(frame[frame["article"] == "a2"]) == _expected(gz, [later], tmp_path / "one.jsonl")
    assert list(_articles(target)["article"]) == ["a1", "a2"]


def test_since_and_until_filter_by_article_day(claims):
    assert set(read_store(claims, since="2018-05-01")["article"]) == {"a2", "a3"}  # a4 has no date
    assert set(read_store(claims, until="2018-05-06")["article"]) == {"a1", "a2"}  # the day itself included
    assert set(read_store(claims, since="2018-05-06", until="2018-06-01")["article"]) == {"a2", "a3"}
    assert read_store(claims, since="2018-07-01", until="2018-06-01").empty
    assert set(read_store(claims)["article"]) == {"a1", "a2", "a3", "a4"}
    with pytest.raises(UsageError, match="--since expects a date"):
        read_store(claims, since="last week")
    with pytest.raises(UsageError, match="--until expects a date"):
        read_store(claims, until="2018-13-01")


def test_map_from_the_store(claims, tmp_path, monkeypatch):
    import geonews.maps

    drawn = {}
    real = geonews.maps.render_map

    def recording(frame, path=None, **options):  # the real map, and the frame it was given
        drawn["frame"] = frame
        return real(frame, path, **options)

    monkeypatch.setattr(geonews.maps, "render_map", recording)
    out = tmp_path / "map.html"
    assert main(["map", "--store", claims, "--since", "2018-05-06", "--until", "2018-05-31", "-o", str(out)]) == 0
    assert out.stat().st_size > 10_000 and set(drawn["frame"]["article"]) == {"a2"}


def test_map_of_a_quiet_period_is_empty_and_says_so(claims, tmp_path, capsys):
    out = tmp_path / "later.html"
    assert main(["map", "--store", claims, "--since", "2030-01-01", "-o", str(out)]) == 0
    assert out.exists()  # a quiet period is an answer too
    name = open_store(claims).name
    assert capsys.readouterr().err.strip() == (f"geonews: {name}: no statements of articles dated 2030-01-01 or "
                                               "later; the map is empty")
    assert main(["map", "--store", claims, "--since", "2030-01-01", "--until", "2030-02-01", "-o", str(out)]) == 0
    assert "dated 2030-01-01 to 2030-02-01; the map is empty" in capsys.readouterr().err


def test_an_interrupted_ingest_keeps_whole_articles_only(claims, tmp_path, capsys):
    """Each chunk is one transaction: an interrupt keeps the chunks done and nothing of the rest; the next
    ingest adds what is missing."""
    before = len(read_store(claims))
    more = _write(tmp_path / "more.jsonl", [dict(a, id=a["id"] + "-b") for a in ARTICLES])
    calls = []

    def interrupt(done):
        calls.append(done)
        if len(calls) == 2:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt), open_store(claims, create=True) as opened:
        ingest(opened, iter_articles([more]), chunk_size=1, on_chunk=interrupt)
    table = _articles(claims)
    assert list(table["article"]) == ["a1", "a2", "a3", "a4", "a1-b"]
    frame = read_store(claims)
    assert len(frame) > before and set(frame["article"]) == set(table["article"])
    assert main(["ingest", str(more), "--store", claims]) == 0
    assert "3 new, 1 already stored" in capsys.readouterr().out
    if claims.endswith(".gpkg"):
        assert sorted(p.name for p in tmp_path.iterdir()) == ["claims.gpkg", "more.jsonl", "news.jsonl"]


def test_a_store_of_another_schema_version_is_refused(claims, news, tmp_path, capsys):
    with open_store(claims) as opened:
        if claims.endswith(".gpkg"):
            opened._db.execute(f"UPDATE \"{VERSION_TABLE}\" SET value = '{SCHEMA_VERSION + 1}'")
        else:
            opened._conn.execute(f"UPDATE geonews.store_info SET value = '{SCHEMA_VERSION + 1}'")
    name = open_store(claims).name
    for command in (["ingest", str(news), "--store", claims], ["map", "--store", claims, "-o", str(tmp_path / "m.html")]):
        assert main(command) == 2
        assert capsys.readouterr().err.strip() == (
            f"geonews: {name}: a claims store of schema version {SCHEMA_VERSION + 1}, newer than this geonews "
            f"(version {SCHEMA_VERSION}): use a newer geonews")
    assert not (tmp_path / "m.html").exists()


def _as_version_1(target: str) -> None:
    """Make a store what schema version 1 made: statements without ``part`` (PostGIS: nor the view over it)."""
    with open_store(target) as opened:
        if target.endswith(".gpkg"):
            opened._db.execute(f'ALTER TABLE "{STATEMENTS_LAYER}" DROP COLUMN "part"')
            opened._db.execute(f"UPDATE \"{VERSION_TABLE}\" SET value = '1'")
        else:
            opened._conn.execute("DROP VIEW geonews.claim_places")
            opened._conn.execute('ALTER TABLE geonews.statements DROP COLUMN "part"')
            opened._conn.execute("UPDATE geonews.store_info SET value = '1'")


def test_a_store_of_schema_version_1_is_brought_up_to_this_one(claims, tmp_path, capsys):
    assert SCHEMA_VERSION == 2  # a later version adds its own columns to ADDED_COLUMNS and this test
    _as_version_1(claims)
    more = _write(tmp_path / "more.jsonl", [{"id": "a5", "title": "غارات على حمص",
                                             "text": "قصفت الطائرات مواقع في حماة."}])
    assert main(["ingest", str(more), "--store", claims]) == 0
    assert "1 new, 0 already stored" in capsys.readouterr().out
    with open_store(claims) as opened:
        if claims.endswith(".gpkg"):
            found = dict(opened._db.execute(f'SELECT key, value FROM "{VERSION_TABLE}"'))["schema_version"]
        else:
            found = opened._conn.execute("SELECT value FROM geonews.store_info").fetchone()[0]
    assert found == str(SCHEMA_VERSION)
    frame = read_store(claims)
    old, new = frame[frame["article"] != "a5"], frame[frame["article"] == "a5"]
    assert len(old) and old["part"].isna().all()  # stored before parts were recorded: unknown
    assert {d["part"] for d in from_frame(old)} == {"text"}  # read back as the text, as they were
    assert set(new["part"]) == {"title", "text"} and set(new.loc[new["part"] == "title", "place_text"]) == {"حمص"}
    assert main(["map", "--store", claims, "-o", str(tmp_path / "m.html")]) == 0


def test_the_store_runs_no_extraction():
    """The store takes frames: it imports nothing of extraction, batch runs, ingest or the gazetteer."""
    from test_architecture import ROOT, _imports

    for path in sorted((ROOT / "geonews" / "output" / "store").glob("*.py")):
        wrong = sorted(i for i in _imports(path) if i.split(".")[0] == "gazetteer" or any(
            i == banned or i.startswith(banned + ".") for banned in ("geonews.extraction", "geonews.batch",
                                                                    "geonews.ingest", "geonews.cli")))
        assert not wrong, f"{path.name} imports {wrong}"


def test_the_store_keeps_every_frame_column():
    """A column the frame gains needs a place in the store's schema (and a new schema version)."""
    assert set(FRAME_COLUMNS) - {"geometry"} <= set(store.LAYER_COLUMNS)
    assert {"modality", "role", "actor_side"} <= set(store.LAYER_COLUMNS)  # nullable until extraction fills them
    assert set(store.LAYER_COLUMNS) <= set(store.STATEMENT_COLUMNS) | set(store.PLACE_COLUMNS) | {
        "title", "date", "source", "url"}


def test_the_store_keeps_modality_and_role_when_the_frame_has_them(target, gz, tmp_path):
    """A frame with the coming columns (claims issue): stored and read back, per statement and per place."""
    (article,) = iter_articles([_write(tmp_path / "one.jsonl", ARTICLES[:1])])
    frame = to_frame(extract_statements(article, gz))
    frame["modality"] = ["asserted" if s == 0 else "denied" for s in frame["statement"]]
    frame["role"] = ["event" if p else None for p in frame["place_text"]]
    record = StoredArticle.of(article, frame["statement"].nunique())
    with open_store(target, create=True) as opened:
        assert opened.add([record], frame) == {"a1": store.NEW}
        assert opened.add([record], frame) == {"a1": store.STORED}
        back = opened.read()
    if target.endswith(".gpkg"):
        layer = gpd.read_file(target, layer=STATEMENTS_LAYER)
        assert list(layer["modality"]) == list(frame["modality"]) and list(layer["role"]) == list(frame["role"])
    else:
        with open_store(target) as opened:
            rows = opened._conn.execute("SELECT statement, modality FROM geonews.statements ORDER BY statement")
            assert [m for _, m in rows] == ["asserted"] + ["denied"] * (frame["statement"].nunique() - 1)
            roles = opened._conn.execute("SELECT role FROM geonews.places ORDER BY fid").fetchall()
            assert {r for (r,) in roles} == {"event"}
    assert len(back) == len(frame)


def test_a_batch_the_store_cannot_keep_is_refused(target, gz, tmp_path):
    (article,) = iter_articles([_write(tmp_path / "one.jsonl", ARTICLES[:1])])
    frame = to_frame(extract_statements(article, gz))
    record = StoredArticle.of(article, frame["statement"].nunique())
    with open_store(target, create=True) as opened:
        with pytest.raises(ValueError, match="columns the store does not keep"):
            opened.add([record], frame.assign(mood="x"))
        with pytest.raises(ValueError, match="statements of article 'a1'"):
            opened.add([StoredArticle.of(article, 1)], frame)
        with pytest.raises(ValueError, match="each article once"):
            opened.add([record, record], frame)
        assert opened.digests(["a1"]) == {}


def test_ingest_on_dask_workers_stores_what_one_process_stores(claims, news, tmp_path, capsys):
    other = str(tmp_path / "workers.gpkg")
    assert main(["ingest", str(news), "--store", other, "--workers", "2", "--chunk-size", "1"]) == 0
    assert "4 new, 0 already stored" in capsys.readouterr().out
    pd.testing.assert_frame_equal(read_store(other), read_store(claims))
    assert list(_articles(other)["digest"]) == list(_articles(claims)["digest"])


# -- the GeoPackage ------------------------------------------------------------------------------------------


@pytest.fixture
def gpkg(tmp_path, news, capsys) -> Path:
    path = tmp_path / "claims.gpkg"
    assert main(["ingest", str(news), "--store", str(path)]) == 0
    capsys.readouterr()
    return path


def test_the_geopackage_is_one_qgis_opens(gpkg):
    frame = gpd.read_file(gpkg, layer=STATEMENTS_LAYER)
    assert [c for c in frame.columns if c != "geometry"] == list(store.LAYER_COLUMNS)
    assert frame.crs.to_epsg() == 4326 and frame.geometry.notna().any()
    assert set(gpd.read_file(gpkg, layer=ARTICLES_TABLE)["article"]) == {"a1", "a2", "a3", "a4"}
    with sqlite3.connect(gpkg) as db:  # a real GeoPackage: every table registered, the spatial index full
        kinds = dict(db.execute("SELECT table_name, data_type FROM gpkg_contents"))
        indexed = db.execute(f"SELECT count(*) FROM rtree_{STATEMENTS_LAYER}_geom").fetchone()[0]
        counted = dict(db.execute("SELECT table_name, feature_count FROM gpkg_ogr_contents"))
        extent = db.execute("SELECT min_x, min_y, max_x, max_y FROM gpkg_contents WHERE table_name = ?",
                            (STATEMENTS_LAYER,)).fetchone()
        assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    assert kinds == {"statements": "features", "articles": "attributes", "geonews_store": "attributes"}
    assert indexed == int(frame.geometry.notna().sum()) and counted["statements"] == len(frame)
    assert extent == pytest.approx(tuple(frame.total_bounds))


def test_a_geopackage_ingested_twice_is_not_touched(gpkg, news, capsys):
    before = _digest(gpkg)
    assert main(["ingest", str(news), "--store", str(gpkg)]) == 0
    assert "0 new, 4 already stored" in capsys.readouterr().out
    assert _digest(gpkg) == before


def test_an_ingest_that_stores_nothing_makes_no_store(tmp_path, capsys):
    empty = tmp_path / "empty.jsonl"
    empty.write_text("", encoding="utf-8")
    assert main(["ingest", str(empty), "--store", str(tmp_path / "claims.gpkg")]) == 0
    assert "0 new, 0 already stored" in capsys.readouterr().out
    assert sorted(p.name for p in tmp_path.iterdir()) == ["empty.jsonl"]


def test_a_geopackage_from_before_schema_versions_is_refused(tmp_path, news, capsys):
    old = tmp_path / "old.gpkg"
    frame = to_frame([])
    frame.to_file(old, layer="statements", driver="GPKG")
    pd.DataFrame({"article": ["a1"], "content_hash": ["x"]}).pipe(
        lambda t: __import__("pyogrio").write_dataframe(t, old, layer="articles", driver="GPKG"))
    before = _digest(old)
    assert main(["ingest", str(news), "--store", str(old)]) == 2
    assert capsys.readouterr().err.strip() == (
        f"geonews: {old.as_posix()}: a claims store of schema version 0, older than this geonews (version "
        f"{SCHEMA_VERSION}): ingest its articles into a new store")
    assert _digest(old) == before


def test_not_a_store(tmp_path, news, capsys):
    bogus = tmp_path / "bogus.gpkg"
    bogus.write_text("not sqlite")
    assert main(["ingest", str(news), "--store", str(bogus)]) == 2
    assert "not a GeoPackage" in capsys.readouterr().err
    assert bogus.read_text() == "not sqlite"
    plain = tmp_path / "plain.gpkg"
    gpd.GeoDataFrame({"x": [1]}, geometry=gpd.points_from_xy([1], [2]), crs=4326).to_file(plain)
    assert main(["map", "--store", str(plain), "-o", str(tmp_path / "m.html")]) == 2
    assert capsys.readouterr().err.strip() == f"geonews: {plain.as_posix()}: not a claims store (no 'geonews_store' table)"
    (tmp_path / "folder.gpkg").mkdir()
    assert main(["ingest", str(news), "--store", str(tmp_path / "folder.gpkg")]) == 2
    assert "the store is a folder" in capsys.readouterr().err


def test_map_usage_errors(gpkg, news, tmp_path, capsys):
    out = str(tmp_path / "m.html")
    assert main(["map", "-o", out]) == 2  # neither PATH nor --store
    assert main(["map", str(news), "--store", str(gpkg), "-o", out]) == 2
    assert main(["map", str(news), "--since", "2018-01-01", "-o", out]) == 2
    assert main(["map", str(news), "--until", "2018-01-01", "-o", out]) == 2
    assert "--until goes with --store" in capsys.readouterr().err
    assert main(["map", "--store", str(tmp_path / "none.gpkg"), "-o", out]) == 2
    assert "no such store" in capsys.readouterr().err
    assert main(["map", "--store", str(gpkg), "--until", "soon", "-o", out]) == 2
    assert "--until expects a date such as 2018-05-06, not 'soon'" in capsys.readouterr().err


def test_a_locked_geopackage_waits_then_says_so(gpkg, news, tmp_path, capsys, monkeypatch):
    """Another writer holds the file: the ingest says it waits, and after LOCK_WAIT gives up in one line."""
    from geonews.output.store import gpkg as gpkg_store

    monkeypatch.setattr(gpkg_store, "LOCK_WAIT", 1)
    monkeypatch.setattr(gpkg_store, "_BRIEF_WAIT", 0.2)
    more = _write(tmp_path / "more.jsonl", [dict(ARTICLES[0], id="b1")])
    holder = sqlite3.connect(gpkg, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # a writer that does not finish
    try:
        assert main(["ingest", str(more), "--store", str(gpkg)]) == 2
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    err = capsys.readouterr().err
    assert f"geonews: {gpkg.as_posix()}: another ingest is writing to it; waiting for its turn (at most 1 s)" in err
    assert err.strip().endswith(f"geonews: {gpkg.as_posix()}: still locked by another writer after 1 s; try again later")
    assert "b1" not in set(_articles(str(gpkg))["article"])
    assert main(["ingest", str(more), "--store", str(gpkg)]) == 0  # free again
    assert "1 new, 0 already stored" in capsys.readouterr().out


# -- PostGIS ---------------------------------------------------------------------------------------------------


def test_the_postgis_schema_is_one_qgis_opens(postgres, new_database, news, capsys):
    url = new_database()
    assert main(["ingest", str(news), "--store", url]) == 0
    database = urlsplit(url).path.lstrip("/")
    columns = dict(postgres.execute(database, "SELECT f_table_name, type FROM geometry_columns WHERE srid = 4326 "
                                              "AND f_table_schema = 'geonews'"))
    assert columns == {"places": "GEOMETRY", "claim_places": "GEOMETRY"}  # registered, EPSG:4326, any type
    indexes = postgres.execute(database, "SELECT indexdef FROM pg_indexes WHERE schemaname = 'geonews'")
    assert any("USING gist (geometry)" in i for (i,) in indexes)
    assert postgres.execute(database, "SELECT value FROM geonews.store_info WHERE key = 'schema_version'") == [
        (str(SCHEMA_VERSION),)]
    places = postgres.execute(database, "SELECT count(*), count(geometry) FROM geonews.claim_places")[0]
    frame = read_store(url)
    assert places == (int(frame["place_text"].notna().sum()), int(frame.geometry.notna().sum()))
    assert postgres.execute(database, "SELECT count(*) FROM geonews.statements")[0][0] == len(from_frame(frame))
    quantities = postgres.execute(database, "SELECT quantities::text FROM geonews.statements ORDER BY article, statement")
    assert [q for (q,) in quantities][:1] == [frame["quantities"].iloc[0]]  # kept as written


def test_postgis_is_installed_when_the_user_may(postgres, new_database, news, capsys):
    url = new_database(postgis=False)
    assert main(["ingest", str(news), "--store", url]) == 0  # the test server's user is a superuser
    assert "4 new" in capsys.readouterr().out


def test_postgis_messages(postgres, new_database, news, tmp_path, capsys):
    url = new_database()
    out = str(tmp_path / "m.html")
    assert main(["map", "--store", url, "-o", out]) == 2
    assert capsys.readouterr().err.strip() == (f"geonews: {url}: no claims store in this database (no schema "
                                               "'geonews'; 'geonews ingest' makes it)")
    gone = postgres.url("no_such_database")
    assert main(["ingest", str(news), "--store", gone]) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith(f"geonews: {gone}: cannot connect (") and "\n" not in err
    secret = "postgresql://someone:hunter2@127.0.0.1:1/claims"
    assert main(["map", "--store", secret, "-o", out]) == 2
    err = capsys.readouterr().err
    assert "hunter2" not in err and "postgresql://someone@127.0.0.1:1/claims: cannot connect" in err
