"""The map in a real browser: Debian's Chromium driven by playwright, every network request blocked, at
1400×900 (a desk) and 390×844 (a phone).

Each page is opened from a file; any request that is not ``file:`` or ``data:`` is aborted and
recorded, and so is every console error, page error and dialog (an XSS payload that ran). Screenshots
are kept in ``tests/artifacts/`` (git-ignored) to be looked at.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

import mapdata
from geonews.maps import render_map

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]
ROOT = Path(__file__).resolve().parent.parent.parent
ARTIFACTS = ROOT / "tests" / "artifacts"
DATA = ROOT.parent / "shared" / "data"
DESK = {"width": 1400, "height": 900}
PHONE = {"width": 390, "height": 844}

# Latin words in what a reader sees: any run of two Latin letters in the visible text of the page,
# outside links (source names and URLs may be Latin) and the elements marked as source names.
LATIN_TEXT = """() => {
  const skip = (node) => node.closest && node.closest('a, .gn-src, .leaflet-control-attribution, .gn-lang, h1');
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const found = [];
  while (walker.nextNode()) {
    const node = walker.currentNode;
    const parent = node.parentElement;
    if (!parent || skip(parent)) continue;
    if (!/[A-Za-z]{2}/.test(node.textContent)) continue;
    const style = getComputedStyle(parent);
    if (style.display === 'none' || style.visibility === 'hidden' || parent.closest('[hidden]')) continue;
    const rect = parent.getBoundingClientRect();
    if (rect.width === 0 || rect.height === 0) continue;
    if (parent.closest('script, style, title')) continue;
    found.push(node.textContent.trim().slice(0, 60));
  }
  return found;
}"""

# the share of places below country level that are drawn (alone or in a cluster) inside the view
IN_VIEW = """() => {
  const api = geonewsMap, d = api.data, b = api.map.getBounds();
  let inside = 0, all = 0;
  for (let p = 0; p < d.places.lat.length; p++) {
    if (d.places.k[p] !== 0 || api.placeCount(p) === 0) continue;
    all += 1;
    if (b.contains([d.places.lat[p], d.places.lon[p]])) inside += 1;
  }
  return all ? inside / all : 1;
}"""


def rect(page, selector):
    return page.locator(selector).first.bounding_box()


def overlap(a, b) -> float:
    """Area shared by two bounding boxes (0 when either is missing)."""
    if not a or not b:
        return 0.0
    w = min(a["x"] + a["width"], b["x"] + b["width"]) - max(a["x"], b["x"])
    h = min(a["y"] + a["height"], b["y"] + b["height"]) - max(a["y"], b["y"])
    return max(w, 0) * max(h, 0)


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM.exists():
        pytest.fail("Chromium is missing for the browser tests; run: apt-get install -y chromium", pytrace=False)
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.fail("playwright is missing for the browser tests; run: .venv/bin/pip install playwright",
                    pytrace=False)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield browser
        browser.close()


def _geonews(*args):
    subprocess.run([sys.executable, "-m", "geonews.cli", *map(str, args)], check=True, capture_output=True)


@pytest.fixture(scope="module")
def maps(tmp_path_factory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("maps")
    paths = {}
    for name in ("many", "xss", "big", "roles"):
        paths[name] = folder / f"{name}.html"
        frame = getattr(mapdata, f"{name}_frame")()
        render_map(frame, paths[name], title=mapdata.XSS if name == "xss" else f"geonews {name}")
    # the real seed output, as a user makes it
    paths["seed"] = folder / "seed.html"
    _geonews("map", ROOT / "seeds", "-o", paths["seed"])
    return paths


@pytest.fixture(scope="module")
def ant_map(tmp_path_factory) -> Path:
    ant = DATA / "ant_conflict_dev.jsonl"
    if not ant.exists():
        pytest.skip(f"{ant} is absent: the map of the 1,306 ANT articles is not tested")
    path = tmp_path_factory.mktemp("ant") / "ant.html"
    _geonews("map", ant, "-o", path)
    return path


class Session:
    """A page with its blocked requests, errors and dialogs recorded."""

    def __init__(self, browser, path: Path, viewport=DESK):
        self.requests: list[str] = []
        self.errors: list[str] = []
        self.dialogs: list[str] = []
        phone = viewport["width"] < 700
        self.context = browser.new_context(viewport=viewport, is_mobile=phone, has_touch=phone)
        self.page = self.context.new_page()
        self.page.set_default_timeout(20_000)
        self.page.route("**/*", self._route)
        self.page.on("console", lambda m: self.errors.append(f"console: {m.text}") if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.errors.append(f"pageerror: {e}"))
        self.page.on("dialog", self._dialog)
        self.page.goto(path.as_uri())
        self.page.wait_for_function("() => window.L !== undefined && window.geonewsMap && geonewsMap.ready",
                                    timeout=60_000)

    def _route(self, route):
        url = route.request.url
        if url.startswith(("file:", "data:")):
            route.continue_()
        else:
            self.requests.append(url)
            route.abort()

    def _dialog(self, dialog):
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def js(self, expression, arg=None):
        return self.page.evaluate(expression, arg)

    def run(self, statement: str):
        """Run JavaScript for its effect (the result is not brought back)."""
        self.page.evaluate(f"() => {{ {statement}; return 0; }}")

    def shot(self, name: str):
        ARTIFACTS.mkdir(exist_ok=True)
        self.page.wait_for_timeout(250)
        self.page.screenshot(path=str(ARTIFACTS / f"{name}.png"))

    def place(self, place_id: str) -> int:
        index = self.js("(id) => geonewsMap.placeIndex(id)", place_id)
        assert index >= 0, place_id
        return index

    def click_place(self, place_id: str):
        """Centre the place, click its marker (a real click) and wait for its story."""
        p = self.place(place_id)
        self.run(f"geonewsMap.focusPlace({p}, false)")
        marker = self.page.locator(".geonews-place.gn-p-%d" % p)
        marker.click()
        sheet = self.page.locator(".geonews-sheet")
        sheet.wait_for(state="visible")
        return sheet

    def close(self):
        self.context.close()

    def check_clean(self):
        assert self.requests == [], f"requests left the page: {self.requests}"
        assert self.errors == [], self.errors
        assert self.dialogs == [], f"a payload ran: {self.dialogs}"


@pytest.fixture
def open_map(browser, maps):
    sessions = []

    def opener(name, viewport=DESK) -> Session:
        session = Session(browser, name if isinstance(name, Path) else maps[name], viewport)
        sessions.append(session)
        return session

    yield opener
    for session in sessions:
        session.close()


@pytest.mark.parametrize("viewport", [DESK, PHONE], ids=["desk", "phone"])
def test_seed_map_offline_arabic_first_and_screenshots(open_map, viewport):
    s = open_map("seed", viewport)
    assert s.js("L.version") == "1.9.3"
    assert s.js("geonewsMap.rows") > 0
    drawn = s.js("geonewsMap.drawn()")
    assert drawn, "nothing drawn"
    assert s.js("document.documentElement.lang") == "ar"
    assert s.js("document.querySelector('.geonews-panel').getAttribute('dir')") == "rtl"
    assert s.js(LATIN_TEXT) == []
    assert s.js(IN_VIEW) >= 0.5
    s.page.wait_for_function("document.querySelectorAll('.geonews-town-label').length > 0")
    s.shot(f"seed_{'phone' if viewport is PHONE else 'desk'}")
    s.check_clean()


def test_phone_panel_closed_by_default_and_story_as_bottom_sheet(open_map):
    s = open_map("many", PHONE)
    screen = PHONE["width"] * PHONE["height"]
    panel = rect(s.page, ".geonews-panel")
    assert panel["width"] * panel["height"] <= screen / 4, panel
    assert s.js("document.querySelector('.geonews-panel').classList.contains('gn-closed')")
    s.page.locator(".gn-toggle").click()
    assert s.page.locator(".gn-panel-body").is_visible()
    s.shot("many_phone_panel_open")
    s.page.locator(".gn-toggle").click()
    assert not s.page.locator(".gn-panel-body").is_visible()
    sheet = s.click_place(mapdata.PLACES["aleppo"]["id"])
    box = sheet.bounding_box()
    assert box["y"] + box["height"] >= PHONE["height"] - 1 and box["height"] <= PHONE["height"] * 0.6  # bottom sheet
    assert overlap(box, rect(s.page, ".geonews-panel")) == 0  # never under the panel
    marker = s.page.locator(".geonews-place.gn-selected").bounding_box()
    assert marker["y"] + marker["height"] < box["y"], "the place is hidden under its story"
    s.shot("many_phone_story")
    s.check_clean()


def test_desk_story_never_under_the_panel_and_lists_newest_first(open_map):
    s = open_map("many")
    sheet = s.click_place(mapdata.PLACES["aleppo"]["id"])
    assert overlap(sheet.bounding_box(), rect(s.page, ".geonews-panel")) == 0
    assert sheet.get_attribute("dir") == "rtl"
    days = s.js("Array.from(document.querySelectorAll('.gn-entry time')).map(t => t.getAttribute('datetime'))")
    assert len(days) >= 3 and days == sorted(days, reverse=True)
    text = sheet.inner_text()
    assert "حلب" in text and "وكالة تجريبية" in text
    assert s.page.locator(".gn-timeline svg rect").count() > 0  # the timeline of claims per side
    assert not re.search(r"\d{4}-\d{2}-\d{2}", text)  # dates as dates, not ISO stamps
    s.shot("many_desk_story")
    s.page.locator(".gn-close").click()
    assert not sheet.is_visible()
    s.check_clean()


def test_contested_means_two_sides_claim_control_within_the_period(open_map):
    s = open_map("many")
    manbij = mapdata.PLACES["manbij"]["id"]
    assert s.js("geonewsMap.contested()") == [manbij]
    sheet = s.click_place(manbij)
    box = sheet.locator(".gn-contested-box")
    assert box.count() == 1
    listed = box.inner_text()
    assert "قوات سوريا الديمقراطية" in listed and "داعش" in listed
    assert "٣ يوليو ٢٠١٦" in listed and "٩ يوليو ٢٠١٦" in listed  # who and when
    s.page.locator(".gn-close").click()
    assert s.page.locator(".gn-panel-body").is_visible()  # open by default on a desk
    slider = s.page.locator(".gn-to")
    slider.focus()
    for _ in range(6):  # 2016-07-12 -> 2016-07-06
        s.page.keyboard.press("ArrowDown")  # down lowers the value in either direction
    s.page.wait_for_function("() => geonewsMap.state.to === 5")
    assert s.js("geonewsMap.contested()") == []  # ISIS's claim (day 9) is outside the period
    assert s.page.locator(".gn-to-label").inner_text() == "٦ يوليو ٢٠١٦"
    s.page.locator(".gn-reset").click()
    s.page.wait_for_function("() => geonewsMap.contested().length === 1")
    s.check_clean()


def test_modality_and_roles_hidden_by_default_drawn_distinctly_when_on(open_map):
    s = open_map("roles")
    ids = {k: mapdata.PLACES[k]["id"] for k in ("raqqa", "idlib", "ankara", "afrin", "manbij")}
    p = {k: s.place(v) for k, v in ids.items()}
    count = "(p) => geonewsMap.placeCount(p)"
    assert s.js(count, p["manbij"]) == 1 and s.js(count, p["afrin"]) == 1
    assert s.js(count, p["raqqa"]) == 0 and s.js(count, p["idlib"]) == 0  # a threat, a denial: hidden
    assert s.js(count, p["ankara"]) == 0  # Ankara stands for the Turkish government: not where it happened
    threat = s.page.locator('.gn-section-modality label[data-key="threat"] input')
    threat.check()
    s.page.wait_for_function("(p) => geonewsMap.placeCount(p) === 1", arg=p["raqqa"])
    s.run(f"geonewsMap.focusPlace({p['raqqa']}, false)")
    marker = s.page.locator(f".geonews-place.gn-p-{p['raqqa']}")
    assert "gn-weak" in marker.get_attribute("class")  # drawn distinctly: dashed, hollow
    s.shot("roles_threat_on")
    party = s.page.locator('.gn-section-role label[data-key="party"] input')
    party.check()
    s.page.wait_for_function("(p) => geonewsMap.placeCount(p) === 1", arg=p["ankara"])
    threat.uncheck()
    s.page.wait_for_function("(p) => geonewsMap.placeCount(p) === 0", arg=p["raqqa"])
    s.check_clean()


def test_countries_are_tints_with_counts_and_regions_are_listed(open_map):
    s = open_map("roles")
    assert s.js("geonewsMap.countryCounts") == {"SY": 1, "TR": 1}
    # no marker at a country's centre
    syria = s.place(mapdata.PLACES["syria"]["id"])
    assert all(d.get("p") != syria for d in s.js("geonewsMap.drawn()"))
    s.run("geonewsMap.map.setView([35, 38], 5, {animate: false})")
    pill = s.page.locator('.geonews-country-count button[data-country="SY"]')
    pill.wait_for()
    assert "١" in pill.inner_text()
    pill.click()
    sheet = s.page.locator(".geonews-sheet")
    sheet.wait_for(state="visible")
    assert "سوريا" in sheet.inner_text() and "الوضع في سوريا يتدهور" in sheet.inner_text()
    s.page.locator(".gn-regions summary").click()
    assert "الشرق الأوسط" in s.page.locator(".gn-regions").inner_text()  # above country level: listed
    s.page.locator(".gn-regions button").first.click()
    s.page.wait_for_function("document.querySelector('.gn-sheet-title').textContent === 'الشرق الأوسط'")
    s.check_clean()


def test_search_finds_places_in_arabic_and_latin_and_actors(open_map):
    s = open_map("many")
    search = s.page.locator(".gn-search-input")
    for query in ("منبج", "Manbij", "منب", "مَنْبِج"):
        search.fill(query)
        s.page.wait_for_function("document.querySelectorAll('.gn-result-place').length > 0")
        assert "منبج" in s.page.locator(".gn-results").inner_text()
    s.page.locator(".gn-result-place").first.click()
    s.page.locator(".geonews-sheet").wait_for(state="visible")
    assert s.page.locator(".gn-sheet-title").inner_text() == "منبج"
    search.fill("ISIS")
    s.page.wait_for_function("document.querySelectorAll('.gn-result-actor').length > 0")
    s.page.locator(".gn-result-actor").first.click()
    s.page.wait_for_function("() => geonewsMap.state.actor !== null")
    shown = s.js("geonewsMap.visible.statements")
    assert 0 < shown < s.js("geonewsMap.statements")
    s.page.locator(".gn-chip-clear").click()
    s.page.wait_for_function("() => geonewsMap.state.actor === null")
    s.check_clean()


def test_english_toggle(open_map):
    s = open_map("many")
    s.page.locator(".gn-lang").click()
    assert s.js("document.documentElement.lang") == "en"
    assert s.js("document.querySelector('.geonews-panel').getAttribute('dir')") == "ltr"
    text = s.page.locator(".geonews-panel").inner_text()
    assert "claim type" in text and "Syrian government" in text
    assert s.page.locator(".gn-to-label").inner_text() == "12 Jul 2016"
    s.page.locator(".gn-lang").click()
    assert s.js(LATIN_TEXT) == []
    s.check_clean()


def test_filters_hide_and_show(open_map):
    s = open_map("many")
    total = s.js("geonewsMap.visible.statements")
    box = s.page.locator('.gn-section-claimType label[data-key="attack"] input')
    box.uncheck()
    s.page.wait_for_function("(n) => geonewsMap.visible.statements < n", arg=total)
    box.check()
    s.page.wait_for_function("(n) => geonewsMap.visible.statements === n", arg=total)
    side = s.page.locator('.gn-section-side label[data-key="government"] input')
    side.uncheck()
    s.page.wait_for_function("(n) => geonewsMap.visible.statements < n", arg=total)
    side.check()
    s.page.wait_for_function("(n) => geonewsMap.visible.statements === n", arg=total)
    s.check_clean()


def test_areas_are_outlines_filled_when_hovered(open_map):
    s = open_map("seed")
    s.run("geonewsMap.map.setView([35.53, 35.79], 9, {animate: false})")  # the countryside of Latakia
    s.page.wait_for_timeout(200)
    styles = s.js("""Object.values(geonewsMap.map._layers).filter(l => l.options && l.options.className === 'geonews-area')
        .map(l => l.options.fillOpacity)""")
    assert styles and all(o == 0 for o in styles)
    s.check_clean()


def test_xss_payloads_are_inert_and_shown_as_text(open_map):
    s = open_map("xss")
    sheet = s.click_place(mapdata.XSS)
    text = sheet.inner_text()
    for payload in mapdata.PAYLOADS:
        assert payload in text
    s.page.locator(".gn-unresolved summary").click()
    assert mapdata.PAYLOADS[0] in s.page.locator(".gn-unresolved").inner_text()
    assert mapdata.PAYLOADS[1] in s.page.locator(".geonews-panel h1").inner_text()
    injected = s.js("""document.querySelectorAll('img[src="x"], svg[onload], [onerror], [onload]').length""")
    assert injected == 0
    hrefs = s.js("Array.from(document.querySelectorAll('a[href]')).map(a => a.getAttribute('href'))")
    assert not any(h.lower().startswith("javascript:") for h in hrefs)
    s.page.wait_for_timeout(200)
    s.check_clean()


def test_online_layer_is_only_requested_when_chosen(open_map):
    """The request blocker works: picking the online layer makes requests, the default makes none."""
    s = open_map("many")
    s.page.wait_for_timeout(300)
    s.check_clean()
    online = s.page.locator('.gn-section-baseMap label[data-base="1"] input')
    if online.count() == 0:
        pytest.skip("xyzservices is not installed: no online layer offered")
    online.check()
    s.page.wait_for_timeout(500)
    assert s.requests, "the online layer made no request: the request blocker may not work"
    assert all(url.startswith("https://") for url in s.requests)


def test_many_places_cluster_with_their_claim_types(open_map):
    s = open_map("big")
    assert s.js("geonewsMap.rows") == 5000
    clusters = s.page.locator(".geonews-cluster")
    assert 0 < clusters.count() < 300
    first = clusters.first.inner_text()
    assert re.search(r"[٠-٩]", first)  # counts in Arabic digits
    assert s.page.locator(".geonews-cluster .gn-split i").count() > 0  # the split by claim type
    s.page.mouse.move(700, 450)
    s.page.mouse.down()
    s.page.mouse.move(500, 350, steps=6)
    s.page.mouse.up()
    s.page.wait_for_timeout(200)
    assert s.page.locator(".geonews-cluster, .geonews-place").count() > 0
    s.check_clean()


@pytest.mark.parametrize("viewport", [DESK, PHONE], ids=["desk", "phone"])
def test_ant_map_opens_where_its_places_are(open_map, ant_map, viewport):
    s = open_map(ant_map, viewport)
    name = "phone" if viewport is PHONE else "desk"
    assert s.js(IN_VIEW) >= 0.5
    assert s.js(LATIN_TEXT) == []
    s.shot(f"ant_{name}_opening")
    s.run("geonewsMap.map.setView([35.0, 38.5], 7, {animate: false})")
    s.page.wait_for_function("document.querySelectorAll('.geonews-town-label').length > 10")
    s.shot(f"ant_{name}_syria_z7")
    if viewport is PHONE:
        panel = rect(s.page, ".geonews-panel")
        assert panel["width"] * panel["height"] <= PHONE["width"] * PHONE["height"] / 4
    sheet = s.click_place("geonames:170063")  # Aleppo
    assert overlap(sheet.bounding_box(), rect(s.page, ".geonews-panel")) == 0
    s.shot(f"ant_{name}_aleppo_story")
    s.check_clean()
