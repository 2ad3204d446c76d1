"""Map benchmark: size and load time in headless Chromium (network blocked) of the map of the
1,306 ANT development articles, against a floor measured in the same run (the map of an empty frame:
the page, its assets and the basemap alone), and of the seed map.

Run: ``.venv/bin/python bench/map_bench.py [--data ../shared/data]`` (needs /usr/bin/chromium).
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]


def load_seconds(page_path: Path, runs: int = 3) -> tuple[float, int]:
    """Best time from navigation until the map reports ready; and requests that tried to leave."""
    from playwright.sync_api import sync_playwright

    best, leaks = float("inf"), 0
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
        for _ in range(runs):
            page = browser.new_page(viewport={"width": 1400, "height": 900})
            blocked = []

            def route(r, blocked=blocked):
                if r.request.url.startswith(("file:", "data:")):
                    return r.continue_()
                blocked.append(r.request.url)
                return r.abort()

            page.route("**/*", route)
            t0 = time.perf_counter()
            page.goto(page_path.resolve().as_uri())
            page.wait_for_function("window.geonewsMap && window.geonewsMap.ready", timeout=120_000)
            best = min(best, time.perf_counter() - t0)
            leaks += len(blocked)
            page.close()
        browser.close()
    return best, leaks


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(ROOT))
    import geopandas as gpd

    from geonews.maps import render_map
    from geonews.schema import FRAME_COLUMNS

    with tempfile.TemporaryDirectory() as folder:
        tmp = Path(folder)
        empty = gpd.GeoDataFrame({c: [] for c in FRAME_COLUMNS if c != "geometry"}, geometry=[], crs=4326)
        render_map(empty, tmp / "floor.html")
        maps = {"floor (empty map)": tmp / "floor.html"}
        subprocess.run([sys.executable, "-m", "geonews.cli", "map", str(ROOT / "seeds"), "-o", str(tmp / "seed.html")],
                       check=True, capture_output=True)
        maps["seed article"] = tmp / "seed.html"
        ant = args.data / "ant_conflict_dev.jsonl"
        if ant.exists():
            t0 = time.perf_counter()
            subprocess.run([sys.executable, "-m", "geonews.cli", "map", str(ant), "-o", str(tmp / "ant.html")],
                           check=False, capture_output=True)
            print(f"geonews map of {ant.name}: {time.perf_counter() - t0:.0f} s to build")
            maps["1,306 ANT articles"] = tmp / "ant.html"
        floor_s, _ = load_seconds(maps["floor (empty map)"])
        print("| map | size | load (ready) | vs floor | requests that left |")
        print("|---|---|---|---|---|")
        for name, path in maps.items():
            seconds, leaks = load_seconds(path)
            print(f"| {name} | {path.stat().st_size / 1e6:.2f} MB | {seconds:.2f} s | {seconds / floor_s:.1f}x | {leaks} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
