"""The statements frame and the writers: columns, round trips through every format, CSV guard, atomic writes."""

from __future__ import annotations

import json
import os

import geopandas as gpd
import pandas as pd
import pytest
import shapely
from shapely.geometry import Point, Polygon

from geonews.output import writers
from geonews.errors import UsageError
from geonews.output.frame import CRS, from_frame, to_frame
from geonews.model import PlaceRef, Quantity, Statement
from geonews.schema import FRAME_COLUMNS
from geonews.output.writers import JsonlWriter, atomic_output, guard_csv_cell, write

MANBIJ_TEXT = "وقال البنتاغون إن قوات سوريا الديمقراطية تقدمت إلى وسط منبج."
DAMASCUS_TEXT = "وأعلن الجيش طرد الإرهابيين من المناطق جنوبي دمشق ومن تل الزعتر."
SOUTH_OF_DAMASCUS = Polygon([(36.1, 33.2), (36.5, 33.2), (36.5, 33.48), (36.1, 33.48)])
GEO_FORMATS = ("geojson", "gpkg", "parquet")


@pytest.fixture(scope="module")
def statements(gz):
    """Three statements in two articles: a point, a polygon and an unresolved place, and none at all."""
    manbij, damascus = gz.geocode("منبج"), gz.geocode("دمشق")
    assert manbij is not None and damascus is not None
    offset = len("عنوان\n")
    return [
        Statement(
            article="a1", text=MANBIJ_TEXT, start=offset, end=offset + len(MANBIJ_TEXT), speaker="البنتاغون",
            claim_type="advance", actor="قوات سوريا الديمقراطية", target=None,
            places=(PlaceRef("منبج", offset + MANBIJ_TEXT.index("منبج"), offset + MANBIJ_TEXT.index("منبج") + 4,
                             manbij, relation="center", geo_precision=1,
                             geometry=Point(manbij.longitude, manbij.latitude)),),
            quantities=(Quantity(25, "killed", "25 قتيلا"), Quantity(4.5, "km2", "4.5 كيلومتر مربع")),
            title="عنوان", date="2016-08-01", source="وكالة", url="https://example.org/a1",
            actor_side="sdf"),
        Statement(
            article="a1", text=DAMASCUS_TEXT, start=200, end=200 + len(DAMASCUS_TEXT), speaker=None,
            claim_type="control", actor="الجيش", target="الإرهابيين",
            places=(PlaceRef("دمشق", 238, 242, damascus, relation="south", geo_precision=2,
                             geometry=SOUTH_OF_DAMASCUS),
                    PlaceRef("تل الزعتر", 249, 258, None, relation="in", geo_precision=1, geometry=None,
                             unresolved="not in the gazetteer")),
            title="عنوان", date="2016-08-01"),
        Statement(article="b.txt", text="لا مكان في هذه الجملة.", start=0, end=22, speaker="مصدر",
                  claim_type="mention", actor=None, target=None),
    ]


@pytest.fixture(scope="module")
def expected(statements):
    return [s.to_dict() for s in statements]


def read_back(path, kind):
    if kind == "geojson":
        return gpd.read_file(path)
    if kind == "gpkg":
        return gpd.read_file(path, layer="statements")
    if kind == "parquet":
        return gpd.read_parquet(path)
    if kind == "csv":
        return pd.read_csv(path)
    raise AssertionError(kind)


# -- the frame ---------------------------------------------------------------------------------------------


def test_frame_columns_rows_and_crs(statements):
    frame = to_frame(statements)
    assert isinstance(frame, gpd.GeoDataFrame)
    assert tuple(frame.columns) == FRAME_COLUMNS
    assert len(frame) == 4  # 1 place + 2 places + 1 row without a place
    assert frame.crs == CRS and frame.crs.to_epsg() == 4326
    assert frame.geometry.name == "geometry"
    assert list(frame["statement"]) == [0, 1, 1, 0]  # counted per article
    assert list(frame["article"]) == ["a1", "a1", "a1", "b.txt"]


def test_frame_dtypes(statements):
    frame = to_frame(statements)
    for column in ("start", "end", "statement", "place_start", "place_end", "geo_precision"):
        assert frame[column].dtype == "Int64", column
    assert frame["latitude"].dtype == "float64" and frame["longitude"].dtype == "float64"
    assert frame["article"].dtype == object


def test_frame_values(statements):
    frame = to_frame(statements)
    point, south, unresolved, bare = (frame.iloc[i] for i in range(4))
    assert point["id"] == "geonames:167357" and point["name"] == "Manbij" and point["country_code"] == "SY"
    assert point["relation"] == "center" and point["geo_precision"] == 1 and point["place_text"] == "منبج"
    assert point["title"] == "عنوان" and point["actor_side"] == "sdf" and "actor_color" not in point
    assert point.geometry.equals(Point(point["longitude"], point["latitude"]))
    assert json.loads(point["quantities"]) == [{"value": 25, "unit": "killed", "text": "25 قتيلا"},
                                               {"value": 4.5, "unit": "km2", "text": "4.5 كيلومتر مربع"}]
    assert "قتيلا" in point["quantities"]  # ensure_ascii=False
    assert south["relation"] == "south" and south["geo_precision"] == 2 and south.geometry.equals(SOUTH_OF_DAMASCUS)
    assert unresolved["place_text"] == "تل الزعتر" and unresolved["unresolved"] == "not in the gazetteer"
    assert unresolved["id"] is None and pd.isna(unresolved["latitude"]) and unresolved.geometry is None
    assert bare["place_text"] is None and pd.isna(bare["place_start"]) and bare["relation"] is None
    assert bare.geometry is None and bare["quantities"] == "[]"


def test_empty_frame():
    frame = to_frame([])
    assert tuple(frame.columns) == FRAME_COLUMNS and len(frame) == 0 and frame.crs == CRS
    assert frame["start"].dtype == "Int64"
    assert from_frame(frame) == []


def test_from_frame_inverts_to_frame(statements, expected):
    assert from_frame(to_frame(statements)) == expected


def test_from_frame_rejects_other_frames():
    with pytest.raises(ValueError, match="statements frame"):
        from_frame(pd.DataFrame({"x": [1]}))


# -- round trips ---------------------------------------------------------------------------------------------


def test_jsonl_round_trip(tmp_path, statements, expected):
    path = tmp_path / "out.jsonl"
    assert write(statements, path) == 3
    lines = path.read_text(encoding="utf-8").splitlines()
    assert [json.loads(line) for line in lines] == expected
    assert "منبج" in lines[0]  # not \u-escaped
    # from a frame: the same lines
    again = tmp_path / "again.jsonl"
    write(to_frame(statements), again)
    assert again.read_bytes() == path.read_bytes()


@pytest.mark.parametrize("kind", GEO_FORMATS)
def test_geo_formats_round_trip(tmp_path, statements, expected, kind):
    frame = to_frame(statements)
    path = tmp_path / f"out.{kind}"
    assert write(statements, path) == 4
    back = read_back(path, kind)
    assert len(back) == 4
    assert set(FRAME_COLUMNS) <= set(back.columns)
    assert back.crs is not None and back.crs.to_epsg() == 4326
    assert from_frame(back) == expected  # JSON Lines -> frame -> file -> frame -> the same statements
    assert [None if pd.isna(v) else v for v in back["id"]] == list(frame["id"])
    # geometries: the point, the polygon, and null for the unresolved place and the place-less statement
    assert back.geometry.iloc[0].equals(frame.geometry.iloc[0])
    assert back.geometry.iloc[1].equals(SOUTH_OF_DAMASCUS)
    assert back.geometry.iloc[2] is None and back.geometry.iloc[3] is None


def test_geojson_is_a_feature_collection(tmp_path, statements):
    path = tmp_path / "out.geojson"
    write(statements, path)
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["type"] == "FeatureCollection" and len(data["features"]) == 4
    assert data["features"][2]["geometry"] is None
    assert data["features"][2]["properties"]["unresolved"] == "not in the gazetteer"
    assert data["features"][1]["geometry"]["type"] == "Polygon"
    assert "منبج" in path.read_text(encoding="utf-8")


def test_csv_round_trip(tmp_path, statements, expected):
    path = tmp_path / "out.csv"
    assert write(statements, path) == 4
    back = read_back(path, "csv")
    assert len(back) == 4
    assert "geometry" not in back.columns
    assert list(back.columns) == [c for c in FRAME_COLUMNS if c != "geometry"] + ["geometry_wkt"]
    assert from_frame(back) == expected
    assert from_frame(pd.read_csv(path, dtype=str)) == expected  # the faithful way: ids like "007" stay text
    wkt = back["geometry_wkt"]
    assert shapely.from_wkt(wkt.iloc[1]).equals(SOUTH_OF_DAMASCUS)
    assert shapely.from_wkt(wkt.iloc[0]).equals(Point(back["longitude"].iloc[0], back["latitude"].iloc[0]))
    assert wkt.iloc[2:].isna().all()
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")  # a BOM, so spreadsheet programs read UTF-8


def test_empty_outputs(tmp_path):
    for kind in ("jsonl", *GEO_FORMATS, "csv"):
        path = tmp_path / f"empty.{kind}"
        assert write([], path) == 0
        assert path.exists()
    assert (tmp_path / "empty.jsonl").read_text() == ""
    assert len(gpd.read_parquet(tmp_path / "empty.parquet")) == 0
    assert len(pd.read_csv(tmp_path / "empty.csv")) == 0


def test_fmt_overrides_suffix(tmp_path, statements):
    path = tmp_path / "statements.data"
    write(statements, path, fmt="parquet")
    assert len(gpd.read_parquet(path)) == 4


def test_unknown_suffix(tmp_path, statements):
    with pytest.raises(UsageError) as info:
        write(statements, tmp_path / "out.txt")
    message = str(info.value)
    assert "'.txt'" in message and ".jsonl .geojson .gpkg .parquet .csv" in message
    with pytest.raises(UsageError, match="no suffix"):
        write(statements, tmp_path / "out")
    assert list(tmp_path.iterdir()) == []


# -- the registry ---------------------------------------------------------------------------------------------


def test_one_writer_per_format_by_suffix(tmp_path):
    assert list(writers.FORMATS) == [".jsonl", ".geojson", ".gpkg", ".parquet", ".csv"]
    assert {w.format for w in writers.WRITERS.values()} == set(writers.FORMATS.values())
    for suffix, name in writers.FORMATS.items():
        writer = writers.WRITERS[name]
        assert writer.suffix == suffix and writer.__module__ == f"geonews.output.writers.{name}"
        if name != "jsonl":
            made = writers.TableWriter(tmp_path / f"x{suffix.upper()}")  # the suffix, whatever its case
            assert type(made) is writer and made.kind == name
    assert type(writers.TableWriter(tmp_path / "x.data", "csv")) is writers.CsvWriter
    assert [w.batch_rows for w in (writers.GeoPackageWriter, writers.GeoParquetWriter)] == [writers.BATCH_ROWS] * 2
    with pytest.raises(UsageError, match="use JsonlWriter"):
        writers.TableWriter(tmp_path / "x.jsonl")
    with pytest.raises(UsageError, match="'.txt' is not supported"):
        writers.TableWriter(tmp_path / "x.txt")
    assert list(tmp_path.iterdir()) == []  # nothing is created before the with block


# -- the CSV formula guard -----------------------------------------------------------------------------------


def test_csv_formula_guard(tmp_path, gz):
    madrid = gz.geocode("مدريد")
    assert madrid is not None and madrid.longitude < 0  # a negative number must stay a number
    formula = '=HYPERLINK("http://evil.example","click")'
    statement = Statement(article="@x", text=formula, start=0, end=len(formula), speaker="+قال",
                          claim_type="mention", actor="-الجيش", target="\tهدف",
                          places=(PlaceRef("مدريد", 5, 10, madrid, geometry=Point(madrid.longitude, madrid.latitude)),),
                          quantities=(Quantity(-3, "killed", "-3"),))
    path = tmp_path / "guarded.csv"
    write([statement], path)
    back = pd.read_csv(path)
    row = back.iloc[0]
    assert row["text"] == "'" + formula
    assert row["speaker"] == "'+قال" and row["actor"] == "'-الجيش" and row["article"] == "'@x"
    assert row["target"] == "'\tهدف"
    assert row["longitude"] == madrid.longitude and row["latitude"] == madrid.latitude  # numbers untouched
    assert row["start"] == 0 and row["place_start"] == 5 and row["geo_precision"] == 1
    assert row["name"] == "Madrid" and row["quantities"].startswith("[")
    assert "'=HYPERLINK" in path.read_text(encoding="utf-8-sig")


@pytest.mark.parametrize(("value", "guarded"), [
    ("=1+1", "'=1+1"), ("+1", "'+1"), ("-1", "'-1"), ("@SUM(A1)", "'@SUM(A1)"), ("\tx", "'\tx"), ("\rx", "'\rx"),
    ("منبج", "منبج"), ("a=b", "a=b"), ("", ""), (-3.5, -3.5), (7, 7), (None, None),
])
def test_guard_csv_cell(value, guarded):
    assert guard_csv_cell(value) == guarded


# -- atomic writes -------------------------------------------------------------------------------------------


def _old_file(tmp_path, name):
    path = tmp_path / name
    path.write_text("OLD", encoding="utf-8")
    return path


@pytest.mark.parametrize("error", [RuntimeError("disk on fire"), KeyboardInterrupt()])
@pytest.mark.parametrize("kind", ("geojson", "gpkg", "parquet", "csv"))
def test_failed_write_keeps_old_file(tmp_path, statements, kind, error):
    """A failure after part of the output is written (one frame in the temporary file) leaves the old file."""
    path = _old_file(tmp_path, f"out.{kind}")
    frame = to_frame(statements)
    temps = []
    with pytest.raises(type(error)):
        with writers.TableWriter(path) as out:
            out.write(frame.iloc[:1])  # a real partial file exists when the failure comes
            temps = [p for p in tmp_path.iterdir() if p.name != path.name]
            assert len(temps) == 1 and temps[0].suffix == path.suffix
            raise error
    assert temps and not temps[0].exists()
    assert path.read_text(encoding="utf-8") == "OLD"
    assert sorted(p.name for p in tmp_path.iterdir()) == [path.name]


def test_unserialisable_statement_keeps_old_jsonl(tmp_path, expected):
    path = _old_file(tmp_path, "out.jsonl")
    with pytest.raises(TypeError):
        write([expected[0], {"article": "x", "places": {1, 2}}], path)  # a set is not JSON
    assert path.read_text(encoding="utf-8") == "OLD"
    assert [p.name for p in tmp_path.iterdir()] == ["out.jsonl"]


def test_interrupted_stream_leaves_no_file(tmp_path, statements):
    def interrupted():
        yield statements[0]
        raise KeyboardInterrupt

    path = tmp_path / "out.jsonl"
    with pytest.raises(KeyboardInterrupt):
        with JsonlWriter(path) as out:
            out.write([statements[1]])
            out.write(interrupted())
    assert list(tmp_path.iterdir()) == []


def test_jsonl_writer_streams_and_flushes(tmp_path, statements, expected):
    path = tmp_path / "out.jsonl"
    with JsonlWriter(path) as out:
        out.write(statements[:2])
        (tmp,) = [p for p in tmp_path.iterdir()]
        assert tmp != path and len(tmp.read_text(encoding="utf-8").splitlines()) == 2  # flushed per article
        assert not path.exists()  # only renamed at the end
        out.write([statements[2]])
    assert out.count == 3
    assert [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()] == expected
    assert [p.name for p in tmp_path.iterdir()] == ["out.jsonl"]


def test_jsonl_writer_to_a_stream(capsys, statements, expected):
    with JsonlWriter() as out:
        out.write(statements)
    assert [json.loads(line) for line in capsys.readouterr().out.splitlines()] == expected


def test_missing_folder(tmp_path, statements):
    path = tmp_path / "nope" / "out.csv"
    with pytest.raises(UsageError) as info:
        write(statements, path)
    assert str(info.value) == f"cannot write {path.as_posix()}: folder {(tmp_path / 'nope').as_posix()} does not exist"
    with pytest.raises(UsageError, match="does not exist"):
        with JsonlWriter(tmp_path / "nope" / "out.jsonl"):
            pass
    assert list(tmp_path.iterdir()) == []


def test_folder_as_target(tmp_path, statements):
    (tmp_path / "out.csv").mkdir()
    with pytest.raises(UsageError, match="is a folder"):
        write(statements, tmp_path / "out.csv")


def test_read_only_folder(read_only_folder, statements):
    folder = read_only_folder
    with pytest.raises(UsageError) as info:
        write(statements, folder / "out.gpkg")
    message = str(info.value)
    assert message == f"cannot write {(folder / 'out.gpkg').as_posix()}: permission denied in {folder.as_posix()}"
    with pytest.raises(UsageError, match="permission denied"):
        writers.check_output(folder / "out.csv")
    with pytest.raises(UsageError, match="permission denied"):
        with JsonlWriter(folder / "out.jsonl"):
            pass
    assert list(folder.iterdir()) == []


@pytest.mark.parametrize("kind", ("jsonl", "gpkg", "csv"))
def test_rename_refused(tmp_path, monkeypatch, statements, kind):
    path = _old_file(tmp_path, f"out.{kind}")

    def refuse(src, dst):
        raise PermissionError(13, "Permission denied", str(dst))

    monkeypatch.setattr(os, "replace", refuse)
    with pytest.raises(UsageError) as info:
        write(statements, path)
    assert str(info.value) == f"cannot write {path.as_posix()}: permission denied in {tmp_path.as_posix()}"
    assert path.read_text(encoding="utf-8") == "OLD"
    assert [p.name for p in tmp_path.iterdir()] == [path.name]


def test_file_permissions(tmp_path, statements):
    umask = os.umask(0o022)
    try:
        write(statements, tmp_path / "new.csv")
    finally:
        os.umask(umask)
    assert (tmp_path / "new.csv").stat().st_mode & 0o777 == 0o644  # not the temporary file's 0o600
    old = _old_file(tmp_path, "old.gpkg")
    old.chmod(0o640)
    write(statements, old)
    assert old.stat().st_mode & 0o777 == 0o640  # an overwritten file keeps its permissions


def test_atomic_output_renames_on_success(tmp_path):
    path = _old_file(tmp_path, "page.html")
    with atomic_output(path) as tmp:
        assert tmp.suffix == ".html" and tmp.parent == tmp_path
        tmp.write_text("NEW", encoding="utf-8")
        assert path.read_text(encoding="utf-8") == "OLD"
    assert path.read_text(encoding="utf-8") == "NEW"
    assert [p.name for p in tmp_path.iterdir()] == ["page.html"]


@pytest.mark.parametrize("batch", [1, writers.BATCH_ROWS])  # each frame written apart, or frames held and joined
@pytest.mark.parametrize("kind", ("geojson", "gpkg", "parquet", "csv"))
def test_frame_by_frame_is_the_file_written_at_once(tmp_path, monkeypatch, statements, expected, kind, batch):
    """TableWriter (what geonews extract streams through, a frame per chunk of articles) makes the file write()
    makes of the same statements at once: the same bytes for GeoJSON and CSV, the same rows, geometries and
    GeoParquet metadata (geometry types, extent) for the others. A frame with no rows changes nothing."""
    import pyarrow.parquet as pq

    whole = tmp_path / f"whole.{kind}"
    write(statements, whole)
    for batched in (writers.GeoPackageWriter, writers.GeoParquetWriter):
        monkeypatch.setattr(batched, "batch_rows", batch)
    parts = tmp_path / f"parts.{kind}"
    with writers.TableWriter(parts) as out:
        frame = to_frame(statements)  # rows: a point; an area and an unresolved place; no place
        for rows in (slice(0, 1), slice(1, 1), slice(1, 3), slice(3, 4)):  # the area comes in a later frame
            out.write(frame.iloc[rows])
    assert out.rows == 4
    if kind in ("geojson", "csv"):
        assert parts.read_bytes() == whole.read_bytes()
    frame = read_back(parts, kind)
    assert from_frame(frame) == from_frame(read_back(whole, kind)) == expected
    if kind != "csv":
        assert frame.geometry.equals(read_back(whole, kind).geometry)
    if kind == "parquet":
        geo = [json.loads(pq.ParquetFile(p).metadata.metadata[b"geo"])["columns"]["geometry"] for p in (parts, whole)]
        assert geo[0]["geometry_types"] == geo[1]["geometry_types"] == ["Point", "Polygon"]
        assert geo[0]["bbox"] == pytest.approx(geo[1]["bbox"])


@pytest.mark.parametrize("kind", ("geojson", "gpkg", "parquet", "csv"))
def test_a_table_writer_given_nothing_writes_the_empty_table(tmp_path, kind):
    path = tmp_path / f"empty.{kind}"
    with writers.TableWriter(path):
        pass
    write([], tmp_path / f"also.{kind}")
    assert len(read_back(path, kind)) == 0
    if kind != "geojson":  # an empty FeatureCollection has no properties to name columns
        assert list(read_back(path, kind).columns)[:3] == ["article", "title", "date"]
    if kind in ("geojson", "csv"):
        assert path.read_bytes() == (tmp_path / f"also.{kind}").read_bytes()


@pytest.mark.parametrize("recent", [1, 2, 10_000])  # ids folded into the digest arrays at once, half, never
def test_statement_numbers_across_frames_are_those_of_one_frame(statements, recent):
    """Articles read again in later frames go on numbering as one to_frame of everything would."""
    from geonews.output.frame import StatementNumbers

    numbers = StatementNumbers()
    numbers.RECENT = recent
    copies = [to_frame(statements), to_frame([]), to_frame(statements[2:]), to_frame(statements)]
    got = pd.concat([numbers(frame) for frame in copies], ignore_index=True)
    whole = to_frame([*statements, *statements[2:], *statements])
    assert got["statement"].tolist() == whole["statement"].tolist() == [0, 1, 1, 0, 1, 2, 3, 3, 2]
    assert from_frame(got) == from_frame(whole) and len(from_frame(got)) == 7
