"""The statements frame as the map's data: one compact, columnar, JSON-ready structure.

Every text (titles, sentences, speakers, actors, place names, sources, links) is stored once in a
string table and referred to by index; articles, statements, places and rows are columns of numbers
(one list per field), so the page parses a map of 100,000 statements quickly and holds it in typed
arrays. Identical area polygons are stored once. Text stays plain text here; the page writes it into
the DOM as text, never as markup.

Each drawable row (a statement at a place) gets its place's *kind*: ``0`` a place below country level
(a town, a district, a governorate, an area such as the Eastern Ghouta: drawn as a marker), ``1`` a
whole country (drawn as a tint of the country, never as a point), ``2`` a region above country level
(the Middle East, a continent, a sea: listed, not drawn).
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass, field

from geonews.maps.labels import arabic_label
from geonews.maps.safe import safe_url
from geonews.maps.styles import (
    CLAIM_PLACE_TYPES,
    MODALITY_LABELS,
    PRECISION_LABELS,
    RELATION_LABELS,
    ROLE_LABELS,
    claim_style,
    claim_styles,
    side_style,
)
from geonews.output.frame import plain

__all__ = ["KIND_COUNTRY", "KIND_PLACE", "KIND_REGION", "Payload", "Unresolved", "build_payload", "opening_view",
           "place_kind", "sentence_parts"]

_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
#: Decimals kept for marker points (~1 m) and area vertices (~10 m).
POINT_DECIMALS = 5
AREA_DECIMALS = 4
#: Place kinds (see the module's docstring).
KIND_PLACE, KIND_COUNTRY, KIND_REGION = 0, 1, 2
#: Features that name an area, not a settlement: without a country they are above country level.
_AREA_FEATURES = frozenset({"region", "terrain", "water", "admin1"})
#: Modality and role of rows from frames that predate them (older files and stores).
DEFAULT_MODALITY, DEFAULT_ROLE = "asserted", "event"


@dataclass(frozen=True, slots=True)
class Unresolved:
    """A place mention the map cannot draw, for the panel's list."""

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
        The blob the page reads (see :func:`build_payload`).
    unresolved : list of Unresolved
        Place mentions without a geometry.
    placeless : int
        Statements that name no place at all.
    rows : int
        Drawable rows (a statement at a place with a geometry).
    areas : int
        Distinct area polygons.
    """

    data: dict
    unresolved: list[Unresolved] = field(default_factory=list)
    placeless: int = 0
    rows: int = 0
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


def _day(date) -> str | None:
    """The ``YYYY-MM-DD`` day an ISO date or timestamp starts with, else ``None``."""
    if date is None:
        return None
    if hasattr(date, "isoformat"):
        date = date.isoformat()
    match = _DAY.match(str(date).strip())
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
            return [{"t": value}]
    else:
        items = value
    if isinstance(items, dict):
        items = [items]
    if not isinstance(items, (list, tuple)):
        return [{"t": str(items)}]
    out = []
    for item in items:
        if isinstance(item, dict):
            number = _float(item.get("value"))
            if number is not None and number == int(number) and abs(number) < 2**53:
                number = int(number)
            entry = {"v": number, "u": _text(item.get("unit")), "t": _text(item.get("text"))}
            out.append({k: v for k, v in entry.items() if v is not None})
        elif item is not None:
            out.append({"t": str(item)})
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


def place_kind(feature: str | None, country_code: str | None) -> int:
    """How the map draws a place: :data:`KIND_PLACE`, :data:`KIND_COUNTRY` or :data:`KIND_REGION`."""
    if feature == "country":
        return KIND_COUNTRY if country_code else KIND_REGION
    if feature == "continent" or (feature in _AREA_FEATURES and not country_code):
        return KIND_REGION
    return KIND_PLACE


class _Strings:
    """Texts stored once, referred to by index (``-1`` for none)."""

    def __init__(self):
        self.items: list[str] = []
        self._index: dict[str, int] = {}

    def __call__(self, text: str | None) -> int:
        if text is None:
            return -1
        index = self._index.get(text)
        if index is None:
            index = self._index[text] = len(self.items)
            self.items.append(text)
        return index


class _Table:
    """Records stored once by key, as columns."""

    def __init__(self, *columns: str):
        self.columns: dict[str, list] = {c: [] for c in columns}
        self._index: dict = {}

    def find(self, key) -> int | None:
        """The index of ``key``'s record, or ``None`` when it is not stored yet."""
        return self._index.get(key)

    def append(self, key, record: dict) -> int:
        """Store a new record (one value per column) under ``key``; its index."""
        index = self._index[key] = len(self._index)
        for column, value in record.items():
            self.columns[column].append(value)
        return index

    def __len__(self) -> int:
        return len(self._index)


class _Labels:
    """A category column: key -> index in the order first seen, with labels from a table."""

    def __init__(self, labels: dict[str, tuple[str, str]], order=()):
        self.labels = labels
        self.keys: list[str] = []
        self._index: dict[str, int] = {}
        self.counts: list[int] = []
        for key in order:
            self.index(key, count=False)

    def index(self, key: str, count: bool = True) -> int:
        i = self._index.get(key)
        if i is None:
            i = self._index[key] = len(self.keys)
            self.keys.append(key)
            self.counts.append(0)
        if count:
            self.counts[i] += 1
        return i

    def entries(self) -> list[dict]:
        out = []
        for key, n in zip(self.keys, self.counts):
            ar, en = self.labels.get(key, ("غير ذلك", key))
            out.append({"key": key, "ar": ar, "en": en, "n": n})
        return out


def _weighted_quantile(values: list[float], weights: list[float], q: float) -> float:
    pairs = sorted(zip(values, weights))
    total = sum(w for _, w in pairs)
    target, running = q * total, 0.0
    for value, weight in pairs:
        running += weight
        if running >= target:
            return value
    return pairs[-1][0]


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in km."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    h = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(h)))


def opening_view(points: list[tuple[float, float, float]], statements: float = 0.85,
                 places: float = 0.5) -> list[list[float]] | None:
    """The box the map opens on: where most of its places and most of its statements are.

    Parameters
    ----------
    points : list of (latitude, longitude, weight)
        Places below country level, weighted by the statements drawn there.
    statements, places : float
        The box holds the places within the smallest disc around the weighted median place that holds
        this share of the weight and this share of the places, so a few far-away places (a statement
        about Washington in a map of Syria) do not widen it to the world.

    Returns
    -------
    list or None
        ``[[south, west], [north, east]]``, at least about 50 km across, or ``None`` without points.
    """
    points = [(lat, lon, w) for lat, lon, w in points if w > 0]
    if not points:
        return None
    lats, lons, weights = zip(*points)
    lat0, lon0 = _weighted_quantile(lats, weights, 0.5), _weighted_quantile(lons, weights, 0.5)
    distances = [_km(lat0, lon0, lat, lon) for lat, lon in zip(lats, lons)]
    radius = max(_weighted_quantile(distances, weights, statements),
                 _weighted_quantile(distances, [1.0] * len(points), places), 25.0)
    inside = [(lat, lon) for (lat, lon, _), d in zip(points, distances) if d <= radius]
    south, north = min(p[0] for p in inside), max(p[0] for p in inside)
    west, east = min(p[1] for p in inside), max(p[1] for p in inside)
    pad_lat = max((north - south) * 0.05, 0.25)
    pad_lon = max((east - west) * 0.05, 0.25)
    return [[round(max(south - pad_lat, -85.0), 4), round(max(west - pad_lon, -180.0), 4)],
            [round(min(north + pad_lat, 85.0), 4), round(min(east + pad_lon, 180.0), 4)]]


def build_payload(frame) -> Payload:
    """Turn a statements frame (``geonews.schema.FRAME_COLUMNS``, EPSG:4326) into the map's data.

    Parameters
    ----------
    frame : geopandas.GeoDataFrame
        One row per (statement, place). Missing columns are read as empty; without ``modality`` every
        statement is ``asserted``, without ``role`` every place is an ``event`` place.

    Returns
    -------
    Payload
        ``data`` holds ``strings`` (the text table), the category tables ``claims``, ``sides``,
        ``modalities``, ``roles`` (each entry ``key``, ``ar``, ``en``, ``n`` rows), the label tables
        ``relations`` and ``precisions``, the columns of ``articles`` (``t`` title, ``d`` day index or
        -1, ``s`` source, ``u`` link), ``statements`` (``a`` article, ``x`` sentence, ``sp`` speaker,
        ``c`` claim type, ``ac`` actor, ``tg`` target, ``sd`` side, ``m`` modality, ``q`` quantities),
        ``places`` (``lat``, ``lon``, ``id``, ``na`` Arabic name, ``n`` Latin name, ``cc`` country,
        ``k`` kind, ``rg`` 1 for an area such as a governorate or a valley, not a settlement) and ``rows`` (``s`` statement, ``pl`` place, ``ar`` area or -1, ``r`` relation, ``p``
        geo_precision or 0, ``ro`` role, ``h0``/``h1`` the place name's UTF-16 span in the sentence or -1,
        ``pt`` the name as written when it has no span), the ``areas`` geometries, the sorted ``days``
        and ``view``, the box the map opens on (:func:`opening_view`).
    """
    import shapely

    if getattr(frame, "crs", None) is not None and frame.crs.to_epsg() != 4326:
        frame = frame.to_crs(4326)
    columns = set(frame.columns)
    geometry_name = getattr(frame, "_geometry_column_name", "geometry")
    if geometry_name not in columns:
        raise ValueError(f"Expected a GeoDataFrame with a geometry column, instead got columns: {sorted(columns)!r}.")

    n = len(frame)

    def column(name):
        return frame[name].tolist() if name in columns else [None] * n

    cols = {name: column(name) for name in (
        "article", "title", "date", "source", "url", "statement", "text", "start", "end", "speaker", "claim_type",
        "actor", "actor_side", "target", "quantities", "place_text", "place_start", "place_end", "id", "name",
        "name_ar", "latitude", "longitude", "country_code", "feature", "relation", "geo_precision", "unresolved",
        "modality", "role")}
    geometries = frame[geometry_name].tolist()

    strings = _Strings()
    claims = _Labels({k: (s.label_ar, s.label_en) for k, s in claim_styles().items()}, order=claim_styles())
    sides_seen: dict[str, int] = {}
    side_counts: list[int] = []
    modalities = _Labels(MODALITY_LABELS, order=MODALITY_LABELS)
    roles = _Labels(ROLE_LABELS, order=ROLE_LABELS)
    relations = {key: i for i, key in enumerate(RELATION_LABELS)}
    articles = _Table("t", "d", "s", "u")
    statements = _Table("a", "x", "sp", "c", "ac", "tg", "sd", "m", "q")
    places = _Table("lat", "lon", "id", "na", "n", "cc", "k", "rg")
    areas = _Table("g")
    rows = {key: [] for key in ("s", "pl", "ar", "r", "p", "ro", "h0", "h1", "pt")}
    article_days: list[str | None] = []
    unresolved: list[Unresolved] = []
    placeless = 0
    view_weights: dict[int, float] = {}

    def side_index(side: str) -> int:
        if side not in sides_seen:
            sides_seen[side] = len(sides_seen)
            side_counts.append(0)
        return sides_seen[side]

    for i in range(n):
        title, date = _text(cols["title"][i]), _value(cols["date"][i])
        date_text = _text(date.isoformat() if hasattr(date, "isoformat") else date)
        source, url = _text(cols["source"][i]), _text(cols["url"][i])
        text, start = _text(cols["text"][i]), cols["start"][i]
        place_text = _text(cols["place_text"][i])
        geom = _value(geometries[i])
        kind = _geometry_kind(geom)
        if kind is None:
            if place_text is None and _text(cols["unresolved"][i]) is None:
                placeless += 1
                continue
            unresolved.append(Unresolved(
                place_text=place_text,
                sentence=sentence_parts(text, start, cols["place_start"][i], cols["place_end"][i], place_text),
                reason=_text(cols["unresolved"][i]),
                title=title, date=_day(date_text) or date_text, source=source, url=safe_url(url),
            ))
            continue

        day = _day(date_text)
        article_key = (_text(cols["article"][i]), title, day, source, url)

        article = articles.find(article_key)
        if article is None:
            article_days.append(day)
            article = articles.append(article_key, {"t": strings(title), "d": day, "s": strings(source),
                                                    "u": strings(safe_url(url))})
        claim_type = claim_style(_text(cols["claim_type"][i])).claim_type
        side = _text(cols["actor_side"][i]) or "unknown"
        modality = _text(cols["modality"][i]) or DEFAULT_MODALITY
        role = _text(cols["role"][i]) or DEFAULT_ROLE
        quantities = _quantities(cols["quantities"][i])
        statement_key = (article, _text(cols["statement"][i]), text, _int(start), _int(cols["end"][i]),
                         _text(cols["speaker"][i]), claim_type, _text(cols["actor"][i]), side,
                         _text(cols["target"][i]), modality, json.dumps(quantities, ensure_ascii=False))

        statement = statements.find(statement_key)
        if statement is None:
            statement = statements.append(statement_key, {
                "a": article, "x": strings(text), "sp": strings(statement_key[5]),
                "c": claims.index(claim_type, count=False), "ac": strings(statement_key[7]),
                "tg": strings(statement_key[9]), "sd": side_index(side),
                "m": modalities.index(modality, count=False), "q": quantities or None})
        claims.index(claim_type)
        side_counts[sides_seen[side]] += 1
        modalities.index(modality)
        role_index = roles.index(role)

        lat, lon = _float(cols["latitude"][i]), _float(cols["longitude"][i])
        if kind == "point":
            lat, lon = geom.y, geom.x
        elif lat is None or lon is None or not (-90 <= lat <= 90 and -180 <= lon <= 180):
            point = geom.representative_point()
            lat, lon = point.y, point.x
        area = -1
        if kind == "area":
            wkb = shapely.to_wkb(geom)
            area = areas.find(wkb)
            if area is None:
                area = areas.append(wkb, {"g": _area_item(geom)})
        country_code = _text(cols["country_code"][i])
        feature = _text(cols["feature"][i])
        place_kind_ = place_kind(feature, country_code)
        ll = (round(lat, POINT_DECIMALS) + 0.0, round(lon, POINT_DECIMALS) + 0.0)
        # a name in the Arabic slot that is not Arabic is no Arabic name: the page shows the name as written
        place_id, name, name_ar = _text(cols["id"][i]), _text(cols["name"][i]), arabic_label(_text(cols["name_ar"][i]))
        # one place per point and kind: records of one town under two ids are drawn, and told, as one
        place_key = (ll, place_kind_, country_code if place_kind_ == KIND_COUNTRY else None)
        place = places.find(place_key)
        if place is not None and places.columns["na"][place] < 0 and name_ar:
            places.columns["na"][place] = strings(name_ar)
        if place is None:
            place = places.append(place_key, {
                "lat": ll[0], "lon": ll[1], "id": strings(place_id), "na": strings(name_ar), "n": strings(name),
                "cc": strings(country_code), "k": place_kind_, "rg": int(feature in _AREA_FEATURES),
            })
        span = _span(text, start, cols["place_start"][i], cols["place_end"][i], place_text)
        relation = _text(cols["relation"][i])
        rows["s"].append(statement)
        rows["pl"].append(place)
        rows["ar"].append(area)
        rows["r"].append(relations.get(relation, -1))
        rows["p"].append(_int(cols["geo_precision"][i]) or 0)
        rows["ro"].append(role_index)
        rows["h0"].append(-1 if span is None else _utf16(text, span[0]))
        rows["h1"].append(-1 if span is None else _utf16(text, span[1]))
        rows["pt"].append(strings(place_text) if span is None else -1)
        if (place_kind_ == KIND_PLACE and claim_type in CLAIM_PLACE_TYPES and modality == DEFAULT_MODALITY
                and role == DEFAULT_ROLE):
            view_weights[place] = view_weights.get(place, 0.0) + 1.0

    days = sorted({day for day in article_days if day})
    day_index = {day: i for i, day in enumerate(days)}
    articles.columns["d"] = [day_index.get(day, -1) for day in articles.columns["d"]]

    side_entries = []
    for key, i in sides_seen.items():
        style = side_style(key)
        side_entries.append({"key": key, "ar": style.label_ar, "en": style.label_en, "color": style.color,
                             "n": side_counts[i]})
    claim_entries = claims.entries()
    for entry in claim_entries:
        entry["icon"] = claim_styles()[entry["key"]].icon_path

    place_cols = places.columns
    if not view_weights:  # no asserted claim at a place below country level: open on every such place
        for row_place in rows["pl"]:
            if place_cols["k"][row_place] == KIND_PLACE:
                view_weights[row_place] = view_weights.get(row_place, 0.0) + 1.0
    view = opening_view([(place_cols["lat"][p], place_cols["lon"][p], w) for p, w in view_weights.items()])

    data = {
        "version": 2,
        "strings": strings.items,
        "claims": claim_entries,
        "sides": side_entries,
        "modalities": modalities.entries(),
        "roles": roles.entries(),
        "relations": [[key, *labels] for key, labels in RELATION_LABELS.items()],
        "precisions": {str(key): list(labels) for key, labels in PRECISION_LABELS.items()},
        "articles": articles.columns,
        "statements": statements.columns,
        "places": places.columns,
        "areas": areas.columns["g"],
        "rows": rows,
        "days": days,
        "view": view,
    }
    return Payload(data=data, unresolved=unresolved, placeless=placeless, rows=len(rows["s"]), areas=len(areas))


def _area_item(geom) -> dict:
    import shapely

    return {"type": geom.geom_type, "coordinates": _round(shapely.geometry.mapping(geom)["coordinates"], AREA_DECIMALS)}
