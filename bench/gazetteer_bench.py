"""Gazetteer benchmark: cold load, resident memory, lookup latency (each against a floor measured
in the same run), and geocoding accuracy on IDRISI-D gold mentions when the data is present.

Run: ``make bench`` or ``.venv/bin/python bench/gazetteer_bench.py [--data ../shared/data]``.
"""

from __future__ import annotations

import argparse
import json
import math
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

#: The end of both snippets below: time since t0 and resident memory, as JSON.
_REPORT = """
t1 = time.perf_counter()
rss = 0
for line in open("/proc/self/status"):
    if line.startswith("VmRSS:"):
        rss = int(line.split()[1]) / 1024
print(json.dumps({"load_s": t1 - t0, "rss_mb": rss}))
"""
_LOAD_SNIPPET = """
import time, json
t0 = time.perf_counter()
from gazetteer import Gazetteer
gz = Gazetteer()
gz.geocode("منبج")
""" + _REPORT
_FLOOR_SNIPPET = """
import time, json
t0 = time.perf_counter()
import numpy, pickle
from importlib import resources
data = resources.files("gazetteer.data").joinpath("index.pkl").read_bytes()
""" + _REPORT


def _subprocess_json(code: str) -> dict:
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def _best(code: str, runs: int = 5) -> dict:
    results = [_subprocess_json(code) for _ in range(runs)]
    return min(results, key=lambda r: r["load_s"])


def km(lat1, lon1, lat2, lon2):
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    return 6371.0088 * 2 * math.asin(math.sqrt(min(1.0, a)))


def idrisi_accuracy(path: Path, gz) -> dict:
    """Share of gold Country / City/town / State/Province mentions geocoded within 161 km."""
    kinds = {"Country", "City/town", "State/Province"}
    total = hit = none = 0
    misses: dict[str, int] = {}
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            for m in json.loads(line)["mentions"]:
                if m["type"] not in kinds:
                    continue
                name = m["text"].lstrip("#").replace("_", " ").strip()
                if not name:
                    continue
                total += 1
                place = gz.geocode(name)
                if place is None:
                    none += 1
                elif km(place.latitude, place.longitude, m["lat"], m["lon"]) <= 161:
                    hit += 1
                    continue
                misses[name] = misses.get(name, 0) + 1
    top = sorted(misses.items(), key=lambda kv: -kv[1])[:15]
    return {"mentions": total, "within_161km": hit / total if total else float("nan"),
            "unmatched": none, "top_misses": top}


def arabic_names_self_check(gz, sample: int = 20_000) -> tuple[int, float]:
    """Share of populated places whose own Arabic name geocodes within 25 km of them (a sample)."""
    import random

    index = gz.index
    rows = [r for r in range(index.size) if index.feature[r] == 5 and index.names_ar[r]]
    rows = random.Random(0).sample(rows, min(sample, len(rows)))
    ok = 0
    for r in rows:
        place = gz.geocode(index.names_ar[r])
        ok += place is not None and km(place.latitude, place.longitude, index.latitude[r], index.longitude[r]) <= 25
    return len(rows), ok / len(rows)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    args = parser.parse_args(argv)

    load, floor = _best(_LOAD_SNIPPET), _best(_FLOOR_SNIPPET)
    print(f"cold load + first lookup: {load['load_s'] * 1000:.0f} ms, RSS {load['rss_mb']:.0f} MB "
          f"(floor: import numpy + read index bytes {floor['load_s'] * 1000:.0f} ms, RSS {floor['rss_mb']:.0f} MB; "
          f"ratio {load['load_s'] / floor['load_s']:.2f}x time, {load['rss_mb'] / floor['rss_mb']:.2f}x memory)")

    sys.path.insert(0, str(ROOT))
    from gazetteer import Gazetteer, normalize

    gz = Gazetteer()
    queries = ["منبج", "حماة", "دمشق", "نيس", "واشنطن", "آسيا الوسطى", "ديرالزور", "نيس، فرنسا", "Manbij",
               "الكرملين", "روسيا", "القوقاز الجنوبي", "حلب", "الموصل", "بغداد", "القاهرة"] * 50
    gz.geocode("Manbij")  # load the Latin index outside the timing
    t0 = time.perf_counter()
    for q in queries:
        gz.geocode(q)
    lookup = (time.perf_counter() - t0) / len(queries)
    index = gz.index
    t0 = time.perf_counter()
    for q in queries:
        index.ar.get(normalize(q))
    floor_lookup = (time.perf_counter() - t0) / len(queries)
    print(f"geocode latency: {lookup * 1e6:.0f} µs/query (floor normalize + dict get {floor_lookup * 1e6:.1f} µs; "
          f"ratio {lookup / floor_lookup:.0f}x)")

    n, share = arabic_names_self_check(gz)
    print(f"Arabic names of populated places (sample of {n}): {share:.3f} geocode within 25 km of their place")

    idrisi = args.data / "idrisi_d_ar_train.jsonl"
    if idrisi.exists():
        result = idrisi_accuracy(idrisi, gz)
        print(f"IDRISI-D train geocoding (Country, City/town, State/Province): {result['mentions']} mentions, "
              f"{result['within_161km']:.3f} within 161 km, {result['unmatched']} unmatched")
        print("  top misses:", ", ".join(f"{n} ({c})" for n, c in result["top_misses"]))
    else:
        print(f"IDRISI-D accuracy skipped: {idrisi} is absent")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
