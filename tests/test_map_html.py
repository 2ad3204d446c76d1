"""The map page as text: self-contained, escaped, complete, written atomically (no browser here)."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest

import mapdata
from geonews.maps import render_map
from geonews.maps.payload import build_payload, sentence_parts
from geonews.maps.safe import json_for_html, safe_url

STATIC = Path(__file__).resolve().parent.parent / "geonews" / "maps" / "static"
BASEMAP = Path(__file__).resolve().parent.parent / "geonews" / "data" / "countries.geojson"


class Tags(HTMLParser):
    """Every start tag with its attributes, and the text of every <script> element."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict]] = []
        self.scripts: list[tuple[dict, str]] = []
        self._script: dict | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.tags.append((tag, attrs))
        if tag == "script":
            self._script = attrs
            self.scripts.append((attrs, ""))

    def handle_endtag(self, tag):
        if tag == "script":
            self._script = None

    def handle_data(self, data):
        if self._script is not None:
            attrs, text = self.scripts[-1]
            self.scripts[-1] = (attrs, text + data)


def parse(html: str) -> Tags:
    tags = Tags()
    tags.feed(html)
    return tags


@pytest.fixture(scope="module")
def seed_html() -> str:
    return render_map(mapdata.seed_frame(), title="seed")


@pytest.fixture(scope="module")
def xss_html() -> str:
    return render_map(mapdata.xss_frame(), title=mapdata.XSS)


@pytest.fixture(scope="module")
def many_html() -> str:
    return render_map(mapdata.many_frame())


def blob(html: str, prefix: str) -> dict:
    for attrs, text in parse(html).scripts:
        if attrs.get("type") == "application/json" and attrs.get("id", "").startswith(prefix):
            return json.loads(text)
    raise AssertionError(f"no {prefix} data blob in the page")


def claims_data(html: str) -> dict:
    return blob(html, "geonews_claims")


def panel_info(html: str) -> dict:
    return blob(html, "geonews_panel")


def texts(data: dict, column: list[int]) -> list:
    return [data["strings"][i] if i >= 0 else None for i in column]


def test_no_remote_script_or_stylesheet(seed_html):
    for tag, attrs in parse(seed_html).tags:
        if tag == "script":
            assert "src" not in attrs, attrs
        if tag == "link":
            assert not re.match(r"\s*https?:", attrs.get("href") or "", re.I), attrs
    assert not re.search(r"<script[^>]+src=[\"']?https?:", seed_html, re.I)
    assert not re.search(r"<link[^>]+href=[\"']?https?:", seed_html, re.I)
    assert "sourceMappingURL" not in seed_html


def test_leaflet_and_supercluster_inlined(seed_html):
    assert 't.version="1.9.3"' in seed_html
    assert ".Supercluster=" in seed_html  # the vendored UMD build (make vendor)
    assert ".leaflet-container" in seed_html  # the CSS too
    assert "url(images/" not in seed_html  # Leaflet's CSS images became data: URIs


def test_vendored_supercluster_and_its_licence():
    vendor = STATIC / "vendor"
    assert (vendor / "supercluster.min.js").stat().st_size > 5000
    assert "ISC License" in (vendor / "supercluster.LICENSE.txt").read_text(encoding="utf-8")


def test_class_defaults_of_folium_untouched(seed_html):
    import folium

    assert any("leaflet" in url for _, url in folium.Map.default_js)


def test_payloads_never_reach_the_page_as_markup(xss_html):
    for payload in mapdata.PAYLOADS:
        assert payload not in xss_html
    tags = parse(xss_html)
    for tag, attrs in tags.tags:
        assert tag not in ("img", "iframe", "object", "embed"), (tag, attrs)
        assert not any(name.startswith("on") for name in attrs), (tag, attrs)
        for name in ("href", "src"):
            assert not (attrs.get(name) or "").lower().startswith("javascript:"), attrs
    for attrs, text in tags.scripts:
        if attrs.get("type") == "application/json":
            assert "<" not in text
            json.loads(text)
        else:
            assert "alert(1)" not in text
    # the payload is there, as JSON text the page writes with textContent, and escaped in the <title>
    assert "<title>" + "&lt;script&gt;alert(1)&lt;/script&gt;" in xss_html
    data = claims_data(xss_html)
    assert any(mapdata.PAYLOADS[0] in (x or "") for x in texts(data, data["statements"]["x"]))
    assert all(u is None or u.startswith("https://") for u in texts(data, data["articles"]["u"]))
    assert panel_info(xss_html)["title"] == mapdata.XSS


def test_bad_colour_and_unknown_claim_type_are_not_used(xss_html):
    data = claims_data(xss_html)
    assert all(re.fullmatch(r"#[0-9a-f]{6}", s["color"]) for s in data["sides"])
    assert {c["key"] for c in data["claims"]} <= {"control", "advance", "attack", "diplomacy", "mention"}


def rows_of(data: dict) -> list[dict]:
    """The payload's rows as dicts, with their statement, place and the texts they refer to."""
    rows, st, pl = data["rows"], data["statements"], data["places"]
    relations = [r[0] for r in data["relations"]]
    out = []
    for i, s in enumerate(rows["s"]):
        p = rows["pl"][i]
        out.append({
            "claim": data["claims"][st["c"][s]]["key"], "side": data["sides"][st["sd"][s]]["key"],
            "modality": data["modalities"][st["m"][s]]["key"], "role": data["roles"][rows["ro"][i]]["key"],
            "text": data["strings"][st["x"][s]], "name": texts(data, [pl["n"][p]])[0],
            "name_ar": texts(data, [pl["na"][p]])[0], "kind": pl["k"][p], "regional": pl["rg"][p],
            "area": rows["ar"][i], "relation": relations[rows["r"][i]] if rows["r"][i] >= 0 else None,
            "span": (rows["h0"][i], rows["h1"][i]), "quantities": st["q"][s],
            "title": texts(data, [data["articles"]["t"][st["a"][s]]])[0],
        })
    return out


def test_rows_carry_what_the_story_shows(seed_html):
    data = claims_data(seed_html)
    rows = {(r["name"], r["claim"]): r for r in rows_of(data)}
    manbij = rows[("Manbij", "control")]
    assert manbij["text"][manbij["span"][0]:manbij["span"][1]] == "منبج"
    assert manbij["side"] == "sdf" and manbij["quantities"][0]["v"] == 25
    assert manbij["title"].startswith("مباحثات")
    assert {r["relation"] for r in rows_of(data) if r["area"] >= 0} == {"countryside", "south", "north"}
    assert "dir: \"rtl\"" in seed_html and "geonews-sheet" in seed_html


def test_counts_areas_and_kinds(seed_html):
    data = claims_data(seed_html)
    rows = rows_of(data)
    assert len(rows) == 11
    assert len({r["area"] for r in rows if r["area"] >= 0}) == len(data["areas"]) == 4
    # "north of Syria" is about a part of the whole country: a tint of Syria, never a point at its centre
    (north,) = [r for r in rows if r["relation"] == "north" and r["name"] == "Syria"]
    assert north["kind"] == 1
    assert sum(r["kind"] == 0 for r in rows) == 10


def test_place_kinds_modality_and_roles():
    data = build_payload(mapdata.roles_frame()).data
    rows = {r["name"]: r for r in rows_of(data)}
    assert rows["Syria"]["kind"] == rows["Turkey"]["kind"] == 1  # whole countries: tints
    assert rows["Middle East"]["kind"] == 2  # above country level: listed, not drawn
    assert rows["Eastern Ghouta"]["kind"] == 0 and rows["Eastern Ghouta"]["regional"] == 1  # an area in Syria
    assert rows["Manbij"]["regional"] == 0
    assert (rows["Raqqa"]["modality"], rows["Idlib"]["modality"]) == ("threat", "denied")
    assert rows["Ankara"]["role"] == "party" and rows["Afrin"]["role"] == "event"
    counts = {m["key"]: m["n"] for m in data["modalities"]}
    assert counts["asserted"] == 7 and counts["threat"] == counts["denied"] == 1
    # the opening view is where the asserted event places below country level are, not Ankara
    (south, west), (north, east) = data["view"]
    assert south <= 33.55 and north >= 36.52 and west <= 36.45 and east >= 37.95
    assert not (south <= 39.9 <= north and west <= 32.85 <= east)


def test_frames_without_modality_or_role_are_asserted_event_places():
    frame = mapdata.many_frame().drop(columns=["modality", "role"], errors="ignore")  # an older file or store
    assert "modality" not in frame.columns and "role" not in frame.columns
    data = build_payload(frame).data
    rows = rows_of(data)
    assert {r["modality"] for r in rows} == {"asserted"} and {r["role"] for r in rows} == {"event"}


def test_opening_view_leaves_out_far_places():
    from geonews.maps.payload import opening_view

    syria = [(35.0 + i * 0.05, 37.0 + i * 0.05, 10.0) for i in range(40)]
    far = [(38.9, -77.0, 1.0), (48.85, 2.35, 1.0), (55.75, 37.6, 1.0)]
    (south, west), (north, east) = opening_view(syria + far)
    assert west > 30 and north < 40 and south <= 35.0 and east >= 38.95
    assert opening_view([]) is None


def test_unresolved_places_listed_with_sentence_and_reason(seed_html):
    info = panel_info(seed_html)
    (entry,) = info["unresolved"]
    assert entry["p"] == "القوقاز الجنوبي" and entry["x"][1] == "القوقاز الجنوبي"
    assert entry["r"] == "no gazetteer entry"
    assert info["placeless"] == 0


def test_days_only_with_dates(seed_html, many_html):
    assert claims_data(seed_html)["days"] == []
    assert claims_data(many_html)["days"][:2] == ["2016-07-01", "2016-07-02"]


def test_online_tiles_are_options_only(seed_html):
    data = parse(seed_html)
    for tag, attrs in data.tags:
        assert not (tag == "img" and "tile" in (attrs.get("src") or ""))
    assert "tile.openstreetmap.org" in seed_html  # offered in the layer control, loaded only if picked


def test_map_without_xyzservices(monkeypatch):
    import builtins

    real_import = builtins.__import__

    def no_xyz(name, *args, **kwargs):
        if name.startswith("xyzservices"):
            raise ImportError(name)
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_xyz)
    html = render_map(mapdata.seed_frame())
    assert "tile.openstreetmap.org" not in html


def test_seed_map_is_small(seed_html):
    assert len(seed_html.encode("utf-8")) < 3 * 1024 * 1024


def test_big_map_stays_compact():
    frame = mapdata.big_frame(5000)
    html = render_map(frame)
    floor = len(render_map(mapdata.big_frame(1)).encode("utf-8"))
    sentences = sum(len(t.encode("utf-8")) for t in frame["text"])
    # beyond its sentence, a statement with its own article share and its own place costs under 250 bytes
    assert (len(html.encode("utf-8")) - floor - sentences) / 5000 < 250


def test_written_atomically(tmp_path):
    path = tmp_path / "map.html"
    html = render_map(mapdata.seed_frame(), path)
    assert path.read_text(encoding="utf-8") == html
    assert [p.name for p in tmp_path.iterdir()] == ["map.html"]
    umask = os.umask(0)
    os.umask(umask)
    assert path.stat().st_mode & 0o777 == 0o666 & ~umask  # an ordinary file, not mkstemp's 0600


def test_failed_render_leaves_no_file(tmp_path, monkeypatch):
    import geonews.maps.render as render

    path = tmp_path / "map.html"

    def broken(frame):
        raise RuntimeError("boom")

    monkeypatch.setattr(render, "build_payload", broken)
    with pytest.raises(RuntimeError):
        render_map(mapdata.seed_frame(), path)
    assert list(tmp_path.iterdir()) == []


def test_failed_write_keeps_the_old_file_and_no_temp(tmp_path, monkeypatch):
    path = tmp_path / "map.html"
    path.write_text("old", encoding="utf-8")

    def broken(src, dst):
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", broken)
    with pytest.raises(OSError):
        render_map(mapdata.seed_frame(), path)
    assert path.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["map.html"]


def test_other_crs_is_converted():
    frame = mapdata.seed_frame().to_crs(3857)
    data = build_payload(frame).data
    places = data["places"]
    i = texts(data, places["n"]).index("Moscow")
    assert abs(places["lat"][i] - 55.75204) < 1e-4 and abs(places["lon"][i] - 37.61781) < 1e-4


def test_not_a_geodataframe():
    import pandas as pd

    with pytest.raises((ValueError, AttributeError)):
        build_payload(pd.DataFrame({"a": [1]}))


def test_sentence_parts():
    assert sentence_parts("سيطرت على منبج أمس", 100, 110, 114, "منبج") == ("سيطرت على ", "منبج", " أمس")
    # offsets that do not match: fall back to finding the name
    assert sentence_parts("سيطرت على منبج أمس", 0, 0, 3, "منبج") == ("سيطرت على ", "منبج", " أمس")
    assert sentence_parts("نص", 0, None, None, None) == ("نص", "", "")


def test_safe_url_and_json():
    assert safe_url("https://example.org/a?b=1") == "https://example.org/a?b=1"
    for bad in ("javascript:alert(1)", "data:text/html,x", "//example.org", "https://x.org/\"><script>", None, 3):
        assert safe_url(bad) is None
    text = json_for_html({"a": "</script><!-- \u2028"})
    assert "<" not in text and ">" not in text and "\u2028" not in text
    assert json.loads(text) == {"a": "</script><!-- \u2028"}


def test_basemap_data():
    size = BASEMAP.stat().st_size
    assert 300_000 <= size <= 650_000
    data = json.loads(BASEMAP.read_text(encoding="utf-8"))
    names = {f["properties"]["iso"]: f["properties"]["name_ar"] for f in data["features"]}
    assert names["SY"] == "سوريا" and names["FR"] == "فرنسا"
    assert all(f["properties"]["name_ar"] for f in data["features"])
    assert len(data["features"]) > 200


def test_basemap_has_no_land_holes():
    from shapely.geometry import Point, shape

    data = json.loads(BASEMAP.read_text(encoding="utf-8"))
    shapes = {f["properties"]["iso"] or f["properties"]["name_en"]: shape(f["geometry"]) for f in data["features"]}
    # the Golan Heights (Natural Earth's German view leaves them to no country) are land, Syria's border;
    # the Caspian Sea stays water
    assert shapes["SY"].contains(Point(35.75, 33.0))
    assert not any(s.contains(Point(50.5, 41.85)) for s in shapes.values())


def test_basemap_build_is_reproducible(tmp_path):
    from geonews.geometry.build_countries import write_countries

    out = tmp_path / "basemap.geojson"
    write_countries(out)
    assert out.read_bytes() == BASEMAP.read_bytes()


@pytest.mark.skipif(shutil.which("node") is None, reason="node is not installed (JavaScript syntax check)")
@pytest.mark.parametrize("name", sorted(p.name for p in STATIC.glob("*.js")))
def test_javascript_syntax(name):
    result = subprocess.run(["node", "--check", str(STATIC / name)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def test_interface_words_arabic_and_english():
    from geonews.maps.strings import UI_STRINGS

    latin = re.compile(r"[A-Za-z]")
    for key, (ar, en) in UI_STRINGS.items():
        assert ar and en, key
        assert not latin.search(ar), (key, ar)
    # every word the scripts ask for is there
    used = set()
    for path in STATIC.glob("*.js"):
        code = path.read_text(encoding="utf-8")
        used |= set(re.findall(r'\bt\("([A-Za-z0-9]+)"\)', code))
        used |= set(re.findall(r'geonews\.t\(ctx, "([A-Za-z0-9]+)"\)', code))
        used |= set(re.findall(r'"data-t": "([A-Za-z0-9]+)"', code))
        used |= set(re.findall(r'\["(sym[A-Za-z]+)"', code))
    assert used and used <= set(UI_STRINGS), sorted(used - set(UI_STRINGS))


def test_every_side_has_arabic_and_english_names_and_its_own_colour():
    import csv

    from geonews.maps.styles import side_styles

    actors = Path(__file__).resolve().parent.parent / "geonews" / "data" / "actors.csv"
    sides = {row["side"] for row in csv.DictReader(actors.open(encoding="utf-8"))}
    styles = side_styles()
    assert sides <= set(styles), sorted(sides - set(styles))
    latin = re.compile(r"[A-Za-z]")
    for style in styles.values():
        assert style.label_ar and not latin.search(style.label_ar), style
        assert style.label_en
    assert len({s.color.lower() for s in styles.values()}) == len(styles)


def test_side_colours_stay_distinct_for_colour_blind_readers():
    """Every pair of sides (and the land, the sea and 'unknown') differs by at least 12 CAM02-UCS units, in
    normal vision and simulated deuteranomaly, protanomaly and tritanomaly at full severity (Machado 2009)."""
    import itertools

    import numpy as np
    from colorspacious import cspace_convert

    from geonews.maps.basemap import LAND
    from geonews.maps.styles import side_styles

    colors = {k: s.color for k, s in side_styles().items()} | {"land": LAND, "sea": "#b8d4e3"}
    rgb = np.array([[int(c[i:i + 2], 16) / 255 for i in (1, 3, 5)] for c in colors.values()])
    names = list(colors)
    worst = (np.inf, None)
    for cvd in (None, "deuteranomaly", "protanomaly", "tritanomaly"):
        seen = rgb if cvd is None else np.clip(
            cspace_convert(rgb, {"name": "sRGB1+CVD", "cvd_type": cvd, "severity": 100}, "sRGB1"), 0, 1)
        ucs = cspace_convert(seen, "sRGB1", "CAM02-UCS")
        for i, j in itertools.combinations(range(len(names)), 2):
            d = float(np.linalg.norm(ucs[i] - ucs[j]))
            if d < worst[0]:
                worst = (d, (names[i], names[j], cvd))
    assert worst[0] >= 12, worst


def test_basemap_labels_are_arabic_and_thin_out_by_population():
    from geonews.maps.labels import arabic_label, basemap_labels

    assert arabic_label("منبج") == "منبج"
    assert arabic_label("al-Rūḩa") is None and arabic_label("Sakākā") is None and arabic_label("") is None
    labels = basemap_labels([[34.0, 36.0], [37.0, 41.0]])
    names = labels["na"]
    assert all(arabic_label(name) == name for name in names)
    towns = [i for i, w in enumerate(labels["w"]) if not w]
    assert "منبج" in {names[i] for i in towns} and "دمشق" in {names[i] for i in towns}
    populations = [labels["pop"][i] for i in towns]
    assert populations == sorted(populations, reverse=True)
    water = {names[i] for i, w in enumerate(labels["w"]) if w}
    assert {"البحر المتوسط", "الفرات", "بحيرة الأسد"} <= water
    assert len(names) < 15000
