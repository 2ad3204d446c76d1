"""The map in a real browser: Debian's Chromium driven by playwright, every network request blocked.

Each page is opened from a file; any request that is not ``file:`` or ``data:`` is aborted and
recorded, and so is every console error, page error and dialog (an XSS payload that ran).
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest

import mapdata
from geonews.maps import render_map

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]
ARTIFACTS = Path(__file__).resolve().parent.parent / "artifacts"

# markers drawn in the DOM: single markers plus the markers inside each cluster
DRAWN = """() => document.querySelectorAll('.geonews-marker').length +
    Array.from(document.querySelectorAll('.geonews-cluster [data-count]'))
         .reduce((n, e) => n + Number(e.dataset.count), 0)"""


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


@pytest.fixture(scope="module")
def maps(tmp_path_factory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("maps")
    paths = {}
    for name in ("seed", "many", "xss", "big"):
        paths[name] = folder / f"{name}.html"
        frame = getattr(mapdata, f"{name}_frame")()
        render_map(frame, paths[name], title=mapdata.XSS if name == "xss" else f"geonews {name}")
    return paths


class Session:
    """A page with its blocked requests, errors and dialogs recorded."""

    def __init__(self, browser, path: Path):
        self.requests: list[str] = []
        self.errors: list[str] = []
        self.dialogs: list[str] = []
        self.page = browser.new_page(viewport={"width": 1400, "height": 900})
        self.page.set_default_timeout(10_000)
        self.page.route("**/*", self._route)
        self.page.on("console", lambda m: self.errors.append(f"console: {m.text}") if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.errors.append(f"pageerror: {e}"))
        self.page.on("dialog", self._dialog)
        started = time.perf_counter()
        self.page.goto(path.as_uri())
        self.page.wait_for_function("() => window.L !== undefined && window.geonewsMap && geonewsMap.ready")
        self.load_seconds = time.perf_counter() - started

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

    def wait_drawn(self, n: int):
        self.page.wait_for_function(f"(n) => ({DRAWN})() === n", arg=n, timeout=10_000)

    def reveal(self, **match):
        """The element of the first row's marker matching ``match`` (claim, side, contested, id).

        The map centres it and zooms or spiderfies its cluster until the marker is on screen.
        """
        rows = self.js("geonewsMap.rows()")
        index = next(i for i, row in enumerate(rows) if all(row[k] == v for k, v in match.items()))
        marker = self.page.evaluate_handle("(i) => geonewsMap.reveal(i)", index).as_element()
        self.page.wait_for_timeout(300)  # spiderfy animation
        return marker

    def open_popup(self, **match):
        """Click (a real click) the first row's marker matching ``match``; the popup that opens."""
        self.reveal(**match).click()
        popup = self.page.locator(".leaflet-popup .geonews-popup")
        popup.wait_for(state="visible", timeout=5_000)
        return popup

    def close(self):
        self.page.close()

    def check_clean(self):
        assert self.requests == [], f"requests left the page: {self.requests}"
        assert self.errors == [], self.errors
        assert self.dialogs == [], f"a payload ran: {self.dialogs}"


@pytest.fixture
def open_map(browser, maps):
    sessions = []

    def opener(name: str) -> Session:
        session = Session(browser, maps[name])
        sessions.append(session)
        return session

    yield opener
    for session in sessions:
        session.close()


def test_seed_map_offline_complete_and_screenshot(open_map):
    s = open_map("seed")
    frame = mapdata.seed_frame()
    drawn = frame[~frame.geometry.is_empty & frame.geometry.notna()]
    n_areas = int(drawn.geometry.geom_type.isin(["Polygon", "MultiPolygon"]).sum())
    assert s.js("L.version") == "1.9.3"
    assert s.js("geonewsMap.markers") == len(drawn) == 11
    assert s.js("geonewsMap.areas") == n_areas == 4
    s.wait_drawn(11)
    assert s.js("document.querySelectorAll('path.geonews-area').length") == 4
    assert s.js("geonewsMap.visible") == {"markers": 11, "areas": 4}
    # the basemap is drawn (canvas) with Arabic country labels; the unresolved place is listed
    assert s.js("document.querySelectorAll('.leaflet-pane canvas').length") >= 1
    # labels are placed after the last fit of the view: wait for them rather than race them
    s.page.wait_for_function(
        "Array.from(document.querySelectorAll('.geonews-country-label')).some(e => e.textContent === 'سوريا')",
        timeout=10_000)
    panel = s.page.locator(".geonews-panel")
    assert panel.is_visible()
    assert "القوقاز الجنوبي" in panel.inner_text()
    assert s.page.locator(".geonews-legend").is_visible()
    s.page.wait_for_timeout(300)
    ARTIFACTS.mkdir(exist_ok=True)
    s.page.screenshot(path=str(ARTIFACTS / "seed_map.png"))
    s.check_clean()


def test_click_opens_rtl_popup_with_sentence(open_map):
    s = open_map("seed")
    popup = s.open_popup(claim="diplomacy")
    assert popup.get_attribute("dir") == "rtl"
    text = popup.inner_text()
    assert "موسكو" in text and "Moscow" in text
    assert "دبلوماسية" in text and "diplomacy" in text
    marks = popup.locator("mark").all_inner_texts()
    assert marks in (["موسكو"], ["جنيف"])
    assert "مباحثات ماراتونية" in text  # the headline
    s.check_clean()


def test_area_popup_and_quantities(open_map):
    s = open_map("seed")
    # Manbij: control by the SDF, with a quantity; it shares its place with the advance claim
    popup = s.open_popup(claim="control", side="sdf")
    text = popup.inner_text()
    assert "سيطرة" in text and "control" in text
    assert "مصدر كردي" in text  # speaker
    assert "٢٥" in text or "25" in text
    s.page.locator(".leaflet-popup-close-button").click()
    s.js("geonewsMap.fit()")
    s.page.wait_for_timeout(400)
    # the area north of Syria (a larger region): its polygon opens the same kind of popup
    point = s.js("(() => { const p = geonewsMap.map.latLngToContainerPoint([36.4, 41.6]); return [p.x, p.y]; })()")
    s.page.mouse.click(*point)
    popup = s.page.locator(".leaflet-popup .geonews-popup")
    popup.wait_for(state="visible")
    text = popup.inner_text()
    assert popup.get_attribute("dir") == "rtl"
    assert "شمال" in text and "منطقة أوسع" in text and "التحالف الدولي" in text
    s.check_clean()


def test_layer_toggles_hide_and_show(open_map):
    s = open_map("seed")
    s.wait_drawn(11)
    box = s.page.locator('.geonews-layers label:has([data-claim="diplomacy"]) input')
    box.uncheck()
    s.page.wait_for_function("() => document.querySelectorAll('.geonews-marker.gn-claim-diplomacy').length === 0")
    assert s.js("geonewsMap.visible.markers") == 9
    s.wait_drawn(9)
    box.check()
    s.page.wait_for_function("() => document.querySelectorAll('.geonews-marker.gn-claim-diplomacy').length === 2")
    s.wait_drawn(11)
    russia = s.js("geonewsMap.sides.indexOf('russia')")
    side = s.page.locator(f'.geonews-layers label:has(.gn-overlay-side[data-side="{russia}"]) input')
    side.uncheck()
    s.page.wait_for_function("() => document.querySelectorAll('path.geonews-area').length === 1")
    side.check()
    s.page.wait_for_function("() => document.querySelectorAll('path.geonews-area').length === 4")
    s.check_clean()


def test_time_control_filters_and_contested_place(open_map):
    s = open_map("many")
    frame = mapdata.many_frame()
    total = len(frame)
    s.wait_drawn(total)
    manbij = mapdata.PLACES["manbij"]["id"]
    assert s.js("geonewsMap.contested()") == [manbij]
    popup = s.open_popup(contested=True)
    competing = popup.locator(".gn-contested-box li")
    assert competing.count() == 2
    listed = popup.locator(".gn-contested-box").inner_text()
    assert "قوات سوريا الديمقراطية" in listed and "داعش" in listed
    s.page.locator(".leaflet-popup-close-button").click()

    slider = s.page.locator(".geonews-time input.gn-to")
    assert slider.is_visible()
    slider.focus()
    for _ in range(6):  # 2016-07-12 -> 2016-07-06
        s.page.keyboard.press("ArrowLeft")
    expected = int((frame["date"].str[:10] <= "2016-07-06").sum())
    s.page.wait_for_function("(n) => geonewsMap.visible.markers === n", arg=expected)
    assert expected < total
    s.js("geonewsMap.fit()")  # opening the popup zoomed in: show everything again to count it
    s.wait_drawn(expected)
    assert s.js("geonewsMap.contested()") == []  # ISIS's claim (day 9) is outside the period
    assert s.js("document.querySelectorAll('.geonews-contested').length") == 0
    assert s.page.locator(".geonews-time .gn-to-label").inner_text() == "2016-07-06"
    s.page.locator(".geonews-time button.gn-reset").click()
    s.page.wait_for_function("(n) => geonewsMap.visible.markers === n", arg=total)
    s.check_clean()


def test_xss_payloads_are_inert_and_shown_as_text(open_map):
    s = open_map("xss")
    s.wait_drawn(3)
    texts = []
    for claim in ("control", "attack", "mention"):
        popup = s.open_popup(claim=claim)
        texts.append(popup.inner_text())
        s.page.locator(".leaflet-popup-close-button").click()
        s.page.wait_for_timeout(150)
    s.reveal(claim="attack").hover()
    tip = s.page.locator(".leaflet-tooltip .geonews-tip")
    tip.wait_for(state="visible")
    assert mapdata.PAYLOADS[1] in tip.inner_text()
    for text in texts:
        for payload in mapdata.PAYLOADS:
            assert payload in text
    assert mapdata.PAYLOADS[0] in s.page.locator(".geonews-panel").inner_text()
    assert mapdata.PAYLOADS[1] in s.page.locator(".geonews-title").inner_text()
    assert mapdata.PAYLOADS[2] in s.page.locator(".geonews-layers").inner_text()
    injected = s.js("""document.querySelectorAll('img[src="x"], svg[onload], [onerror], [onload]').length""")
    assert injected == 0
    # the javascript: URL did not become a link; the http one with a payload is only an href value
    hrefs = s.js("Array.from(document.querySelectorAll('a[href]')).map(a => a.getAttribute('href'))")
    assert not any(h.lower().startswith("javascript:") for h in hrefs)
    s.page.wait_for_timeout(200)
    s.check_clean()


def test_online_layer_is_only_requested_when_chosen(open_map):
    """The request blocker works: picking the online layer makes requests, the default makes none."""
    s = open_map("seed")
    s.page.wait_for_timeout(500)
    s.check_clean()
    online = s.page.locator(".geonews-layers .leaflet-control-layers-base label").nth(1)
    if online.count() == 0:
        pytest.skip("xyzservices is not installed: no online layer offered")
    online.locator("input").check()
    s.page.wait_for_timeout(500)
    assert s.requests, "the online layer made no request: the request blocker may not work"
    assert all(url.startswith("https://") for url in s.requests)


def test_many_markers_stay_usable(open_map):
    s = open_map("big")
    assert s.load_seconds < 15, s.load_seconds
    assert s.js("geonewsMap.markers") == 5000
    s.wait_drawn(5000)
    clusters = s.js("document.querySelectorAll('.geonews-cluster').length")
    assert 0 < clusters < 300
    started = time.perf_counter()
    page = s.page
    page.mouse.move(700, 450)
    page.mouse.down()
    page.mouse.move(500, 350, steps=8)
    page.mouse.up()
    page.locator(".leaflet-control-zoom-in").click()
    page.wait_for_timeout(400)
    assert time.perf_counter() - started < 10
    assert s.js("document.querySelectorAll('.geonews-cluster, .geonews-marker').length") > 0
    print(f"5000-marker map: loaded in {s.load_seconds:.2f} s, {clusters} clusters")
    s.check_clean()
