"""The statements frame as the map's data: one compact, JSON-ready structure.

Articles and statements are stored once and referenced by index from the rows (one row per
(statement, place) drawn on the map), and identical area polygons are stored once, so a map of
thousands of claims stays small. Text stays plain text here; the page writes it into the DOM as text.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass, field

from geonews.maps.safe import safe_url
from geonews.output.frame import plain
from geonews.maps.styles import PRECISION_LABELS, RELATION_LABELS, claim_style, claim_styles, side_style

__all__ = ["Payload", "Unresolved", "build_payload", "sentence_parts"]

_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
#: Decimals kept for marker points (~1 m) and area vertices (~10 m).
POINT_DECIMALS = 5
AREA_DECIMALS = 4


@dataclass(frozen=True, slots=True)
class Unresolved:
    """A place mention the map cannot draw, for the side panel."""

    place_text: str | None
    sentence: tuple[str, str, str]
    reason: str | None
    title: str | None
    date: str | None
    source: str | None
    url: str | None


@dataclass(slots=True)
class Payload:
    """What the map shows, ready for JSON.

    Attributes
    ----------
    data : dict
        The blob the page reads: ``claims``, ``sides``, ``relations``, ``precisions``, ``articles``,
        ``statements``, ``places``, ``areas``, ``rows``, ``days``, ``bounds``. Keys whose value
        would be ``None`` are left out of articles, statements, places and rows.
    unresolved : list of Unresolved
        Place mentions without a geometry.
    placeless : int
        Statements that name no place at all.
    markers, areas : int
        How many markers and area polygons the map draws.
    """

    data: dict
    unresolved: list[Unresolved] = field(default_factory=list)
    placeless: int = 0
    markers: int = 0
    areas: int = 0


def _value(value):
    """A plain Python value (:func:`geonews.output.frame.plain`), and ``None`` for a blank string too."""
    value = plain(value)
    if isinstance(value, str):
        return value if value.strip() else None
    return value


def _text(value) -> str | None:
    value = _value(value)
    return None if value is None else str(value)


def _int(value) -> int | None:
    value = _value(value)
    try:
        return None if value is None else int(value)
    except (TypeError, ValueError):
        return None


def _float(value) -> float | None:
    value = _value(value)
    try:
        value = None if value is None else float(value)
    except (TypeError, ValueError):
        return None
    return value if value is not None and math.isfinite(value) else None


def _day(date: str | None) -> str | None:
    """The ``YYYY-MM-DD`` day an ISO date or timestamp starts with, else ``None``."""
    if date is None:
        return None
    match = _DAY.match(date.strip())
    return match.group() if match else None


def _utf16(text: str, index: int) -> int:
    """Offset ``index`` (code points) as a JavaScript (UTF-16) string offset."""
    return len(text[:index].encode("utf-16-le")) // 2


def _span(text: str | None, start, place_start, place_end, place_text) -> tuple[int, int] | None:
    """Code-point span of the place name inside the sentence ``text``, or ``None``."""
    if not text:
        return None
    start, place_start, place_end = _int(start), _int(place_start), _int(place_end)
    if start is not None and place_start is not None and place_end is not None:
        i, j = place_start - start, place_end - start
        if 0 <= i < j <= len(text) and (not place_text or text[i:j] == place_text):
            return i, j
    if place_text:
        i = text.find(place_text)
        if i >= 0:
            return i, i + len(place_text)
    return None


def sentence_parts(text, start, place_start, place_end, place_text) -> tuple[str, str, str]:
    """The sentence split around the place name: ``(before, name, after)``; name may be ``""``."""
    text = _text(text) or ""
    span = _span(text, start, place_start, place_end, _text(place_text))
    if span is None:
        return text, "", ""
    i, j = span
    return text[:i], text[i:j], text[j:]


def _quantities(value) -> list[dict]:
    """The ``quantities`` JSON string as a list of ``{"v", "u", "t"}``; bad JSON is kept as text."""
    value = _value(value)
    if value is None:
        return []
    if isinstance(value, str):
        try:
            items = json.loads(value)
        except ValueError:
            return [{"v": None, "u": None, "t": value}]
    else:
        items = value
    if isinstance(items, dict):
        items = [items]
    if not isinstance(items, (list, tuple)):
        return [{"v": None, "u": None, "t": str(items)}]
    out = []
    for item in items:
        if isinstance(item, dict):
            number = _float(item.get("value"))
            if number is not None and number == int(number) and abs(number) < 2**53:
                number = int(number)
            out.append({"v": number, "u": _text(item.get("unit")), "t": _text(item.get("text"))})
        elif item is not None:
            out.append({"v": None, "u": None, "t": str(item)})
    return out


def _round(coords, digits: int):
    if isinstance(coords, (list, tuple)):
        return [_round(c, digits) for c in coords]
    return round(float(coords), digits) + 0.0


def _geometry_kind(geom) -> str | None:
    """``"point"``, ``"area"`` or ``"other"`` for a drawable geometry, ``None`` for an empty one."""
    geom = _value(geom)
    if geom is None or not hasattr(geom, "is_empty") or geom.is_empty:
        return None
    if geom.geom_type == "Point":
        return "point"
    if geom.geom_type in ("Polygon", "MultiPolygon"):
        return "area"
    return "other"


def _compact(obj: dict) -> dict:
    """``obj`` without its ``None`` values and empty lists (the page reads a missing key as empty)."""
    return {key: value for key, value in obj.items() if value is not None and value != []}


class _Table:
    """Values stored once, referenced by index."""

    def __init__(self):
        self.items: list = []
        self._index: dict = {}

    def add(self, key, make, *args) -> int:
        """The index of ``key``'s value, made as ``make(*args)`` the first time the key is seen."""
        index = self._index.get(key)
        if index is None:
            index = self._index[key] = len(self.items)
            self.items.append(make(*args))
        return index


def _article_item(title, date, source, url) -> dict:
    return _compact({"t": title, "d": date, "day": _day(date), "s": source, "u": safe_url(url)})


def _statement_item(key: tuple, side_index, quantities) -> dict:
    """A statement's entry from its key (article, number, text, start, end, speaker, type, actor, side, target)."""
    article, _, text, _, _, speaker, claim_type, actor, side, target, _ = key
    return _compact({"a": article, "x": text, "sp": speaker, "c": claim_type, "ac": actor, "sd": side_index(side),
                     "tg": target, "q": quantities})


def _area_item(geom) -> dict:
    import shapely

    return {"type": geom.geom_type, "coordinates": _round(shapely.geometry.mapping(geom)["coordinates"], AREA_DECIMALS)}


def build_payload(frame) -> Payload:
    """Turn a statements frame (``geonews.schema.FRAME_COLUMNS``, EPSG:4326) into the map's data.

    Parameters
    ----------
    frame : geopandas.GeoDataFrame
        One row per (statement, place). Missing columns are read as empty.

    Returns
    -------
    Payload
    """
    import shapely

    if getattr(frame, "crs", None) is not None and frame.crs.to_epsg() != 4326:
        frame = frame.to_crs(4326)
    columns = set(frame.columns)
    geometry_name = getattr(frame, "_geometry_column_name", "geometry")
    if geometry_name not in columns:
        raise ValueError(f"Expected a GeoDataFrame with a geometry column, instead got columns: {sorted(columns)!r}.")

    claim_keys = list(claim_styles())
    used_claims: dict[str, int] = {}
    used_sides: dict[str, dict] = {}
    articles, statements, places, areas = _Table(), _Table(), _Table(), _Table()
    rows: list[dict] = []
    unresolved: list[Unresolved] = []
    placeless = markers = n_areas = 0
    lats: list[float] = []
    lons: list[float] = []

    def get(record, name):
        return _value(record.get(name)) if name in columns else None

    records = frame.to_dict("records")

    def side_index(side: str) -> int:
        if side not in used_sides:
            style = side_style(side)
            used_sides[side] = {"key": side, "ar": style.label_ar, "en": style.label_en, "color": style.color,
                                "i": len(used_sides)}
        return used_sides[side]["i"]

    for record in records:
        title, date = _text(get(record, "title")), _text(get(record, "date"))
        source, url = _text(get(record, "source")), _text(get(record, "url"))
        article_key = (_text(get(record, "article")), title, date, source, url)
        article = articles.add(article_key, _article_item, title, date, source, url)
        text, start = _text(get(record, "text")), get(record, "start")
        place_text = _text(get(record, "place_text"))
        geom = get(record, geometry_name)
        kind = _geometry_kind(geom)
        if kind is None:
            if place_text is None and _text(get(record, "unresolved")) is None:
                placeless += 1
                continue
            unresolved.append(Unresolved(
                place_text=place_text,
                sentence=sentence_parts(text, start, get(record, "place_start"), get(record, "place_end"), place_text),
                reason=_text(get(record, "unresolved")),
                title=title, date=date, source=source, url=safe_url(url),
            ))
            continue

        claim_type = claim_style(_text(get(record, "claim_type"))).claim_type
        used_claims.setdefault(claim_type, 0)
        used_claims[claim_type] += 1
        side = _text(get(record, "actor_side")) or "unknown"
        quantities = _quantities(get(record, "quantities"))
        statement_key = (article, _text(get(record, "statement")), text, _int(start), _int(get(record, "end")),
                         _text(get(record, "speaker")), claim_type, _text(get(record, "actor")), side,
                         _text(get(record, "target")), json.dumps(quantities, ensure_ascii=False))
        statement = statements.add(statement_key, _statement_item, statement_key, side_index, quantities)

        lat, lon = _float(get(record, "latitude")), _float(get(record, "longitude"))
        if kind == "point":
            lat, lon = geom.y, geom.x
        elif lat is None or lon is None or not (-90 <= lat <= 90 and -180 <= lon <= 180):
            point = geom.representative_point()
            lat, lon = point.y, point.x
        area = None
        if kind == "area":
            area = areas.add(shapely.to_wkb(geom), _area_item, geom)
            minx, miny, maxx, maxy = geom.bounds
            lats += [miny, maxy]
            lons += [minx, maxx]
            n_areas += 1
        lats.append(lat)
        lons.append(lon)
        markers += 1
        span = _span(text, start, get(record, "place_start"), get(record, "place_end"), place_text)
        place = {
            "ll": [round(lat, POINT_DECIMALS) + 0.0, round(lon, POINT_DECIMALS) + 0.0],
            "id": _text(get(record, "id")),
            "n": _text(get(record, "name")),
            "na": _text(get(record, "name_ar")),
            "cc": _text(get(record, "country_code")),
        }
        place_key = (tuple(place["ll"]), place["id"], place["n"], place["na"], place["cc"])
        rows.append(_compact({
            "s": statement,
            "pl": places.add(place_key, _compact, place),
            "ar": area,
            # the name as written: the highlighted span of the sentence, else given here
            "pt": place_text if span is None else None,
            "hl": None if span is None else [_utf16(text, span[0]), _utf16(text, span[1])],
            "r": _text(get(record, "relation")),
            "p": _int(get(record, "geo_precision")),
        }))

    claims = [
        {"key": key, "ar": claim_styles()[key].label_ar, "en": claim_styles()[key].label_en,
         "icon": claim_styles()[key].icon_path, "n": used_claims[key]}
        for key in claim_keys if key in used_claims
    ]
    claim_index = {c["key"]: i for i, c in enumerate(claims)}
    for statement in statements.items:
        statement["c"] = claim_index[statement["c"]]
    sides = sorted(used_sides.values(), key=lambda s: s["i"])
    counts = [0] * len(sides)
    for row in rows:
        counts[statements.items[row["s"]]["sd"]] += 1
    for side, n in zip(sides, counts):
        side["n"] = n
        del side["i"]
    area_uses = [0] * len(areas.items)
    for row in rows:
        if "ar" in row:
            area_uses[row["ar"]] += 1
    for area, uses in zip(areas.items, area_uses):
        area["k"] = uses

    days = sorted({a["day"] for a in articles.items if a.get("day")})
    bounds = [[min(lats), min(lons)], [max(lats), max(lons)]] if lats else None
    data = {
        "version": 1,
        "claims": claims,
        "sides": sides,
        "relations": {key: list(labels) for key, labels in RELATION_LABELS.items()},
        "precisions": {str(key): list(labels) for key, labels in PRECISION_LABELS.items()},
        "articles": articles.items,
        "statements": statements.items,
        "places": places.items,
        "areas": areas.items,
        "rows": rows,
        "days": days,
        "bounds": bounds,
    }
    return Payload(data=data, unresolved=unresolved, placeless=placeless, markers=markers, areas=n_areas)
