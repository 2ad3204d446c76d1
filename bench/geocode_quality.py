"""Geocoding quality of ``Gazetteer.geocode``: is the answer right, or silent?

Three measures, each with the share of answers far off (> 161 km) reported apart from the names not found:

1. **Held-out world places**: the Arabic names and coordinates of the 4,233 cities of GNOME's libgweather
   (``Locations.xml`` and its Arabic catalogue ``libgweather-4.0-locations.mo``, Debian package
   ``libgweather-4-common``, GPL: read here to measure, never compiled into the index). The index uses no
   libgweather data, so these names are held out. Split in two halves by a hash of the English name: the
   errors of the ``dev`` half may be read to find classes of mistakes; the ``test`` half is only counted.
   A name whose answer is far off is a *namesake* when the answer's Latin name is the place's own (the
   name is ambiguous: Darlington, UK for Darlington, US), else a *wrong match* (Anaconda for أنكونا).
2. **Arabic names left out**: a random sample of populated places with an Arabic name loses its Arabic
   names from a copy of the index (the name keys and the places' own spelling columns); each lost name is geocoded: found within 25 km (through its Latin
   names, or a namesake that is close), sent elsewhere, or not found; also by half (a hash of the place id:
   thresholds are chosen on ``dev``, ``test`` only counted).
3. **IDRISI-D gold mention texts** (train split, 3,991 mentions as written, ``#`` and all): geocoded and
   scored by type: a Country is right when the answer is that country (its code), every other type when
   the answer lies within 161 km.

Run: ``.venv/bin/python bench/geocode_quality.py [--data ../shared/data] [--sample 2000] [--show 20]``.
"""

from __future__ import annotations

import argparse
import gettext
import json
import math
import pickle
import random
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
import zlib
from collections import Counter
from importlib import resources
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from gazetteer import Gazetteer  # noqa: E402
from gazetteer.index import Index  # noqa: E402
from gazetteer.normalize import is_arabic, latin_key, normalize  # noqa: E402

_GWEATHER_XML = "usr/share/libgweather-4/Locations.xml"
_GWEATHER_MO = "usr/share/locale/ar/LC_MESSAGES/libgweather-4.0-locations.mo"
NEAR_KM, FAR_KM = 25.0, 161.0


def km(lat1, lon1, lat2, lon2) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    return 6371.0088 * 2 * math.asin(math.sqrt(min(1.0, a)))


# -- 1. held-out world places ---------------------------------------------------------------------
def _gweather_files(workdir: Path) -> tuple[Path, Path] | None:
    """Locations.xml and the Arabic catalogue: installed, else fetched with apt-get download (no install)."""
    installed = Path("/") / _GWEATHER_XML, Path("/") / _GWEATHER_MO
    if all(p.exists() for p in installed):
        return installed
    try:
        subprocess.run(["apt-get", "download", "libgweather-4-common"], cwd=workdir, check=True,
                       capture_output=True)
        deb = next(workdir.glob("libgweather-4-common_*.deb"))
        subprocess.run(["dpkg", "-x", str(deb), str(workdir / "root")], check=True, capture_output=True)
    except (OSError, subprocess.CalledProcessError, StopIteration):
        return None
    return workdir / "root" / _GWEATHER_XML, workdir / "root" / _GWEATHER_MO


def world_places() -> list[dict] | None:
    """libgweather's cities with an Arabic name: ``name_ar``, ``name``, ``latitude``, ``longitude``,
    ``country_code``, ``half`` (``dev`` or ``test``); one row per distinct Arabic name (its first city)."""
    with tempfile.TemporaryDirectory() as tmp:
        files = _gweather_files(Path(tmp))
        if files is None:
            return None
        xml_path, mo_path = files
        with open(mo_path, "rb") as fh:
            catalogue = gettext.GNUTranslations(fh)._catalog  # noqa: SLF001 - the raw msgid table
        root = ET.parse(xml_path).getroot()
    rows, seen = [], set()

    def walk(node, country):
        for child in node:
            if child.tag == "country":
                walk(child, child.findtext("iso-code"))
            elif child.tag == "city":
                name_el, coordinates = child.find("_name"), child.findtext("coordinates")
                if name_el is None or not coordinates:
                    continue
                name, context = name_el.text, name_el.get("msgctxt")
                arabic = catalogue.get(f"{context}\x04{name}" if context else name) or catalogue.get(name)
                if not arabic or not is_arabic(arabic) or normalize(arabic) in seen:
                    continue
                seen.add(normalize(arabic))
                lat, lon = map(float, coordinates.split())
                half = "dev" if zlib.crc32(name.encode()) % 2 == 0 else "test"
                rows.append({"name_ar": arabic.strip(), "name": name, "latitude": lat, "longitude": lon,
                             "country_code": country, "half": half})
            else:
                walk(child, country)

    walk(root, None)
    return rows


def score_world(gz, rows: list[dict], show: int = 0) -> dict[str, dict]:
    """Per half: places, within 25 km, 25-161 km, far (> 161 km: namesakes and wrong matches), not found."""
    out = {}
    for half in ("dev", "test"):
        counts, examples = Counter(), {"wrong match": [], "not found": []}
        for row in (r for r in rows if r["half"] == half):
            counts["places"] += 1
            place = gz.geocode(row["name_ar"])
            if place is None:
                counts["not found"] += 1
                examples["not found"].append(f"{row['name_ar']} ({row['name']}, {row['country_code']})")
                continue
            d = km(row["latitude"], row["longitude"], place.latitude, place.longitude)
            if d <= NEAR_KM:
                counts["within 25 km"] += 1
            elif d <= FAR_KM:
                counts["25-161 km"] += 1
            else:
                counts["far"] += 1
                if latin_key(place.name) == latin_key(row["name"]):
                    counts["far: namesake"] += 1
                else:
                    counts["far: wrong match"] += 1
                    examples["wrong match"].append(f"{row['name_ar']} ({row['name']}, {row['country_code']}) -> "
                                                   f"{place.name}, {place.country_code} {d:.0f} km")
        out[half] = {"counts": counts, "examples": {k: v[:show] for k, v in examples.items()} if half == "dev" else {}}
    return out


# -- 2. Arabic names left out -----------------------------------------------------------------------
def _fresh_core() -> dict:
    with resources.files("gazetteer.data").joinpath("index.pkl").open("rb") as fh:
        return pickle.load(fh)


def _blanked(packed, rows: set[int]):
    """A packed string column (text, offsets) with the strings of ``rows`` emptied."""
    import numpy as np

    text, offsets = packed
    values = ["" if row in rows else text[offsets[row]:offsets[row + 1]] for row in range(len(offsets) - 1)]
    new = np.zeros(len(values) + 1, dtype=offsets.dtype)
    new[1:] = np.cumsum([len(v) for v in values])
    return "".join(values), new


def leave_arabic_out(sample: int, seed: int = 0) -> dict:
    """Remove the Arabic names of ``sample`` random populated places from a copy of the index and geocode them."""
    core = _fresh_core()
    full = Index(_fresh_core(), resources.files("gazetteer.data").joinpath("index_latin.pkl"))
    rows = [r for r in range(full.size) if full.feature[r] == 5 and full.names_ar[r] and full.names[r].isascii()]
    held = set(random.Random(seed).sample(rows, min(sample, len(rows))))
    postings = {}
    for key, value in core["ar"].items():
        kept = tuple(r for r in ((value,) if isinstance(value, int) else value) if r not in held)
        if kept:
            postings[key] = kept[0] if len(kept) == 1 else kept
    core["ar"] = postings
    for column in ("names_ar", "raw_ar"):  # the held places' own spellings are gone too
        core[column] = _blanked(core[column], held)
    gz = Gazetteer(index=Index(core, resources.files("gazetteer.data").joinpath("index_latin.pkl")))
    counts, elsewhere = Counter(), []
    halves = {"dev": Counter(), "test": Counter()}
    for row in sorted(held):
        half = halves["dev" if zlib.crc32(full.place_id(row).encode()) % 2 == 0 else "test"]
        counts["places"] += 1
        half["places"] += 1
        name = full.names_ar[row]
        place = gz.geocode(name)
        if place is None:
            counts["not found"] += 1
            half["not found"] += 1
        elif km(full.latitude[row], full.longitude[row], place.latitude, place.longitude) <= NEAR_KM:
            counts["within 25 km"] += 1
            half["within 25 km"] += 1
        else:
            counts["elsewhere"] += 1
            half["elsewhere"] += 1
            if latin_key(place.name) == latin_key(full.names[row]):
                counts["elsewhere: namesake"] += 1
                continue
            elsewhere.append(f"{name} ({full.names[row]}, {full.country_code(row)}) -> {place.name}, "
                             f"{place.country_code}")
    return {"counts": counts, "halves": halves, "elsewhere": elsewhere}


# -- 3. IDRISI-D gold mention texts ----------------------------------------------------------------
def idrisi_gold_texts(path: Path, gz) -> dict:
    """Every gold mention text as written, geocoded; right by type (Country: its code; else within 161 km)."""
    by_type: dict[str, Counter] = {}
    misses: Counter = Counter()
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            for m in json.loads(line)["mentions"]:
                counts = by_type.setdefault(m["type"], Counter())
                counts["mentions"] += 1
                try:
                    place = gz.geocode(m["text"])
                except ValueError:  # a text that is no name at all (only marks): a user mistake, not found
                    place = None
                if place is None:
                    counts["not found"] += 1
                    misses[m["text"]] += 1
                    continue
                if m["type"] == "Country":
                    # the country itself (a town of that country is no answer for a country's name)
                    right = place.feature == "country" and place.country_code.lower() == m["country_code"].lower()
                else:
                    right = km(place.latitude, place.longitude, m["lat"], m["lon"]) <= FAR_KM
                if right:
                    counts["right"] += 1
                else:
                    counts["far" if km(place.latitude, place.longitude, m["lat"], m["lon"]) > FAR_KM else "wrong"] += 1
                    misses[f"{m['text']} -> {place.name}, {place.country_code}"] += 1
    total = sum((c for c in by_type.values()), Counter())
    return {"by_type": by_type, "total": total, "top_misses": misses.most_common(20)}


def _share(counts: Counter, key: str, of: str) -> str:
    return f"{counts[key] / counts[of]:.3f}" if counts[of] else "n/a"


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    parser.add_argument("--sample", type=int, default=2000, help="places whose Arabic names are left out")
    parser.add_argument("--show", type=int, default=15, help="examples of each kind of error (dev half only)")
    args = parser.parse_args(argv)
    gz = Gazetteer()

    rows = world_places()
    if rows is None:
        print("held-out world places skipped: libgweather-4-common is neither installed nor downloadable")
    else:
        print(f"held-out world places (libgweather, {len(rows)} distinct Arabic names):")
        for half, result in score_world(gz, rows, args.show).items():
            c = result["counts"]
            print(f"  {half}: {c['places']} places; within 25 km {_share(c, 'within 25 km', 'places')}, "
                  f"25-161 km {_share(c, '25-161 km', 'places')}, far (> 161 km) {_share(c, 'far', 'places')} "
                  f"(namesakes {_share(c, 'far: namesake', 'places')}, wrong matches "
                  f"{_share(c, 'far: wrong match', 'places')}), not found {_share(c, 'not found', 'places')}")
            for kind, examples in result["examples"].items():
                if examples:
                    print(f"    {kind}: " + "; ".join(examples))

    result = leave_arabic_out(args.sample)
    c = result["counts"]
    print(f"Arabic names left out ({c['places']} populated places): within 25 km {_share(c, 'within 25 km', 'places')}, "
          f"elsewhere {_share(c, 'elsewhere', 'places')} (namesakes {_share(c, 'elsewhere: namesake', 'places')}), not found {_share(c, 'not found', 'places')}")
    print("  by half (a hash of the place id): " + "; ".join(
        f"{half} ({h['places']}): within 25 km {_share(h, 'within 25 km', 'places')}, elsewhere "
        f"{_share(h, 'elsewhere', 'places')}, not found {_share(h, 'not found', 'places')}"
        for half, h in result["halves"].items()))
    if result["elsewhere"][:args.show]:
        print("  elsewhere, not a namesake: " + "; ".join(result["elsewhere"][:args.show]))

    idrisi = args.data / "idrisi_d_ar_train.jsonl"
    if idrisi.exists():
        result = idrisi_gold_texts(idrisi, gz)
        t = result["total"]
        print(f"IDRISI-D train gold mention texts geocoded ({t['mentions']}): right {_share(t, 'right', 'mentions')}, "
              f"far (> 161 km) {_share(t, 'far', 'mentions')}, not found {_share(t, 'not found', 'mentions')}")
        for kind, counts in sorted(result["by_type"].items(), key=lambda kv: -kv[1]["mentions"]):
            print(f"  {kind}: {counts['mentions']}, right {_share(counts, 'right', 'mentions')}, "
                  f"far {_share(counts, 'far', 'mentions')}, not found {_share(counts, 'not found', 'mentions')}")
        print("  top misses: " + ", ".join(f"{t} ({n})" for t, n in result["top_misses"]))
    else:
        print(f"IDRISI-D skipped: {idrisi} is absent")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
