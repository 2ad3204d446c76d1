"""Synthetic statements frames for the map tests (the map needs only the frame's columns).

``frame_from_records`` builds a GeoDataFrame with every column of ``geonews.schema.FRAME_COLUMNS``;
the ``*_frame`` functions build the seed-like map, a many-articles map with a contested place, an
XSS map with payloads in every text field, and a big map for size and speed.
"""

from __future__ import annotations

import json
import math
import random
from pathlib import Path

from geonews.schema import FRAME_COLUMNS

ROOT = Path(__file__).resolve().parent.parent
SEED_TEXT = sorted((ROOT / "seeds").glob("*.txt"))[0].read_text(encoding="utf-8")

PAYLOADS = ("<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "\"'><svg onload=alert(1)>")
XSS = " ".join(PAYLOADS)

PLACES = {
    "manbij": dict(id="geonames:167357", name="Manbij", name_ar="منبج", latitude=36.52815, longitude=37.95495,
                   country_code="SY", feature="city"),
    "latakia": dict(id="geonames:173576", name="Latakia", name_ar="اللاذقية", latitude=35.53125,
                    longitude=35.79088, country_code="SY", feature="city"),
    "damascus": dict(id="geonames:170654", name="Damascus", name_ar="دمشق", latitude=33.5102, longitude=36.29128,
                     country_code="SY", feature="city"),
    "hama": dict(id="geonames:170017", name="Hama", name_ar="حماة", latitude=35.13179, longitude=36.75783,
                 country_code="SY", feature="city"),
    "homs": dict(id="geonames:169577", name="Homs", name_ar="حمص", latitude=34.72405, longitude=36.72559,
                 country_code="SY", feature="city"),
    "nice": dict(id="geonames:2990440", name="Nice", name_ar="نيس", latitude=43.70313, longitude=7.26608,
                 country_code="FR", feature="city"),
    "moscow": dict(id="geonames:524901", name="Moscow", name_ar="موسكو", latitude=55.75204, longitude=37.61781,
                   country_code="RU", feature="city"),
    "geneva": dict(id="geonames:2660646", name="Geneva", name_ar="جنيف", latitude=46.20222, longitude=6.14569,
                   country_code="CH", feature="city"),
    "syria": dict(id="geonames:163843", name="Syria", name_ar="سوريا", latitude=35.023003, longitude=38.504565,
                  country_code="SY", feature="country"),
    "raqqa": dict(id="geonames:172955", name="Raqqa", name_ar="الرقة", latitude=35.95283, longitude=39.00788,
                  country_code="SY", feature="city"),
    "aleppo": dict(id="geonames:170063", name="Aleppo", name_ar="حلب", latitude=36.20124, longitude=37.16117,
                   country_code="SY", feature="city"),
    "idlib": dict(id="geonames:169389", name="Idlib", name_ar="إدلب", latitude=35.93062, longitude=36.63393,
                  country_code="SY", feature="city"),
    "deir": dict(id="geonames:170794", name="Deir ez-Zor", name_ar="دير الزور", latitude=35.33588,
                 longitude=40.14084, country_code="SY", feature="city"),
    "afrin": dict(id="geonames:174018", name="Afrin", name_ar="عفرين", latitude=36.5119, longitude=36.86954,
                  country_code="SY", feature="city"),
    "ankara": dict(id="geonames:323786", name="Ankara", name_ar="أنقرة", latitude=39.91987, longitude=32.85427,
                   country_code="TR", feature="city"),
    "turkey": dict(id="geonames:298795", name="Turkey", name_ar="تركيا", latitude=39.0, longitude=35.0,
                   country_code="TR", feature="country"),
    "ghouta": dict(id="curated:eastern-ghouta", name="Eastern Ghouta", name_ar="الغوطة الشرقية", latitude=33.55,
                   longitude=36.45, country_code="SY", feature="region"),
    "middle-east": dict(id="curated:middle-east", name="Middle East", name_ar="الشرق الأوسط", latitude=29.0,
                        longitude=41.0, country_code=None, feature="region"),
}


#: Columns of the claims issue (modality per statement, role per place row), kept when a record has them.
NEW_COLUMNS = ("modality", "role")


def frame_from_records(records):
    """A GeoDataFrame (EPSG:4326) with all ``FRAME_COLUMNS`` from dicts; missing keys are empty.

    ``modality`` and ``role`` columns are there only when some record has them (older frames lack
    them). A record without ``geometry`` but with ``latitude``/``longitude`` (and no ``unresolved``)
    gets the point.
    """
    import geopandas as gpd
    from shapely.geometry import Point

    columns = list(FRAME_COLUMNS)
    columns[-1:-1] = [c for c in NEW_COLUMNS if c not in columns and any(c in r for r in records)]
    rows = []
    for record in records:
        row = {column: record.get(column) for column in columns}
        if row["geometry"] is None and not row["unresolved"] and row["latitude"] is not None:
            row["geometry"] = Point(row["longitude"], row["latitude"])
        if isinstance(row["quantities"], (list, dict)):
            row["quantities"] = json.dumps(row["quantities"], ensure_ascii=False)
        rows.append(row)
    return gpd.GeoDataFrame(rows, columns=columns, geometry="geometry", crs="EPSG:4326")


def ring(lat, lon, inner=0.08, outer=0.4):
    """The countryside of a place: a ring around it (degrees)."""
    from shapely.geometry import Point

    return Point(lon, lat).buffer(outer, 32).difference(Point(lon, lat).buffer(inner, 32))


def sector(lat, lon, bearing, radius=0.3, width=90, inner=0.05):
    """The part of a place's surroundings towards ``bearing`` (degrees from north)."""
    from shapely.geometry import Point, Polygon

    steps = 16
    arc = [bearing - width / 2 + width * i / steps for i in range(steps + 1)]
    outer_pts = [(lon + radius * math.sin(math.radians(a)), lat + radius * math.cos(math.radians(a))) for a in arc]
    return Polygon([(lon, lat)] + outer_pts).difference(Point(lon, lat).buffer(inner, 16))


def _statement(article: dict, sentence: str, place_key: str, place_word: str | None = None, **fields) -> dict:
    """One row: the sentence is located in the article's text; the place word inside it."""
    text = article.get("_text", SEED_TEXT)
    start = text.find(sentence)
    assert start >= 0, sentence[:40]
    place = dict(PLACES[place_key]) if place_key else {}
    word = place_word or place.get("name_ar")
    offset = sentence.find(word) if word else -1
    row = {key: value for key, value in article.items() if not key.startswith("_")}
    row.update(text=sentence, start=start, end=start + len(sentence), place_text=word,
               place_start=start + offset if offset >= 0 else None,
               place_end=start + offset + len(word) if offset >= 0 else None)
    row.update(place)
    row.setdefault("relation", "in")
    row.setdefault("geo_precision", 1)
    row.update(fields)
    return row


def _seed_sentence(fragment: str) -> str:
    """The whole seed sentence that holds ``fragment``."""
    i = SEED_TEXT.find(fragment)
    assert i >= 0, fragment
    start = max(SEED_TEXT.rfind(".", 0, i), SEED_TEXT.rfind("\n", 0, i)) + 1
    end = min(x for x in (SEED_TEXT.find(".", i), SEED_TEXT.find("\n", i), len(SEED_TEXT)) if x >= 0)
    return SEED_TEXT[start:end + 1].strip()


SEED_ARTICLE = {
    "article": "seeds/000_bb766219cf665926.txt",
    "title": SEED_TEXT.splitlines()[0],
    "date": None,
    "source": "seed",
    "url": None,
}


def seed_records() -> list[dict]:
    """Eleven claims like the seed article's (four as areas), plus one unresolved place."""
    a = SEED_ARTICLE
    manbij_control = _seed_sentence("سيطرت، أمس، على مبنى النفوس")
    manbij_advance = _seed_sentence("تمكنت من التقدم إلى وسط مدينة منبج")
    liberated = _seed_sentence("دحر التشكيلات الكبيرة")
    north = _seed_sentence("منعتهم داعش من استعادة مواقع في شمال سورية")
    nice = _seed_sentence("الهجوم الإرهابي الأخير في نيس")
    moscow = _seed_sentence("تواصلت المباحثات المكثفة")
    geneva = _seed_sentence("عملية جنيف")
    caucasus = _seed_sentence("القوقاز الجنوبي")
    lat, lon = PLACES["latakia"]["latitude"], PLACES["latakia"]["longitude"]
    dlat, dlon = PLACES["damascus"]["latitude"], PLACES["damascus"]["longitude"]
    from shapely.geometry import box

    russia = dict(speaker="وزير الدفاع الروسي سيرغي شويغو", actor="القوات الروسية", actor_side="russia", target="داعش")
    return [
        _statement(a, manbij_control, "manbij", claim_type="control", speaker="مصدر كردي", actor="«الديمقراطية»",
                   actor_side="sdf", target="داعش", relation="center", geo_precision=2,
                   quantities=[{"value": 25, "unit": "killed", "text": "أكثر من 25 من عناصر «داعش»"}]),
        _statement(a, manbij_advance, "manbij", claim_type="advance", speaker="«البنتاغون»",
                   actor="«قوات سوريا الديمقراطية»", actor_side="sdf", target="داعش", relation="center",
                   geo_precision=2),
        _statement(a, liberated, "latakia", "اللاذقية", claim_type="control", **russia, relation="countryside",
                   geo_precision=2, geometry=ring(lat, lon)),
        _statement(a, liberated, "damascus", "دمشق", claim_type="control", **russia, relation="south",
                   geo_precision=2, geometry=sector(dlat, dlon, 180)),
        _statement(a, liberated, "damascus", "دمشق", claim_type="control", **russia, relation="north",
                   geo_precision=2, geometry=sector(dlat, dlon, 0)),
        _statement(a, liberated, "hama", claim_type="attack", **russia),
        _statement(a, liberated, "homs", claim_type="attack", **russia),
        _statement(a, north, "syria", "سورية", claim_type="attack", speaker="«البنتاغون»", actor="التحالف الدولي",
                   actor_side="coalition", target="داعش", relation="north", geo_precision=3,
                   geometry=box(36.0, 35.9, 42.2, 37.3)),
        _statement(a, nice, "nice", claim_type="attack", speaker="وزير الخارجية الروسي", actor=None,
                   actor_side="unknown"),
        _statement(a, moscow, "moscow", claim_type="diplomacy", actor="سيرغي لافروف و جون كيري",
                   actor_side="russia"),
        _statement(a, geneva, "geneva", claim_type="diplomacy", speaker="بيسكوف", actor_side="unknown"),
        {**_statement(a, caucasus, None, "القوقاز الجنوبي", claim_type="mention", speaker="الوزير الروسي",
                      actor_side="russia"), "unresolved": "no gazetteer entry"},
    ]


def seed_frame():
    """The seed-like frame: 11 drawn claims (4 of them areas) and 1 unresolved place."""
    return frame_from_records(seed_records())


def many_records(n_articles: int = 12) -> list[dict]:
    """Articles over twelve days; Manbij is claimed by the SDF (day 3) and by ISIS (day 9)."""
    rng = random.Random(5)
    sides = ["government", "opposition", "sdf", "isis", "turkey", "russia", "coalition"]
    keys = ["aleppo", "idlib", "raqqa", "deir", "hama", "homs", "damascus", "latakia"]
    holder = {"aleppo": "government", "idlib": "hts", "raqqa": "isis", "deir": "isis", "hama": "government",
              "homs": "government", "damascus": "government", "latakia": "russia"}
    records = []
    for day in range(1, n_articles + 1):
        sentences = []
        for k in range(4):
            place = keys[(day + k) % len(keys)]
            claim = ["control", "attack", "advance", "mention"][k]
            # only Manbij is claimed by two sides: every other place has one holder
            side = holder[place] if claim == "control" else sides[(day * 3 + k) % len(sides)]
            sentences.append((place, claim, side, f"قالت مصادر إن القوات نفذت عملية في {PLACES[place]['name_ar']} "
                                                  f"في اليوم {day} ضمن الرقم {k}."))
        if day == 3:
            sentences.append(("manbij", "control", "sdf", "أعلنت قوات سوريا الديمقراطية السيطرة على منبج بالكامل."))
        if day == 9:
            sentences.append(("manbij", "control", "isis", "زعم تنظيم داعش أنه استعاد السيطرة على منبج."))
        text = " ".join(s[3] for s in sentences)
        article = {"article": f"a{day}", "title": f"تقرير اليوم {day}", "date": f"2016-07-{day:02d}T10:00:00",
                   "source": "وكالة تجريبية", "url": f"https://example.org/news/{day}", "_text": text}
        for place, claim, side, sentence in sentences:
            records.append(_statement(article, sentence, place, claim_type=claim, actor_side=side,
                                      actor=side.upper(), speaker="مصدر", target=None,
                                      quantities=[{"value": rng.randint(1, 40), "unit": "killed",
                                                   "text": "قتلى"}] if claim == "attack" else []))
    return records


def many_frame(n_articles: int = 12):
    return frame_from_records(many_records(n_articles))


def roles_records() -> list[dict]:
    """Claims with modality and place roles (the columns of the claims issue), over three days.

    Asserted control of Manbij by the SDF; ISIS threatens Raqqa; the government denies striking Idlib;
    Turkey strikes Afrin, announced by Ankara (a party, not a place); statements about Syria and Turkey
    as whole countries; one about the Middle East; one asserted control of the Eastern Ghouta (an area
    inside a country, drawn as a place).
    """
    def article(day, sentence):
        return {"article": f"r{day}", "title": f"خبر {day}", "date": f"2018-03-{day:02d}T09:00:00+03:00",
                "source": "وكالة", "url": f"https://example.org/r/{day}", "_text": sentence}

    rows = []

    def add(day, sentence, place, word=None, **fields):
        rows.append(_statement(article(day, sentence), sentence, place, word, **fields))

    add(1, "سيطرت قوات سوريا الديمقراطية على منبج.", "manbij", claim_type="control", actor="قوات سوريا الديمقراطية",
        actor_side="sdf", modality="asserted", role="event")
    add(1, "هدد تنظيم داعش بمهاجمة الرقة.", "raqqa", claim_type="attack", actor="تنظيم داعش", actor_side="isis",
        modality="threat", role="event")
    add(2, "نفت الحكومة أن تكون قصفت إدلب.", "idlib", claim_type="attack", actor="الحكومة", actor_side="government",
        modality="denied", role="event")
    sentence = "أعلنت أنقرة أن طائراتها قصفت عفرين."
    add(2, sentence, "afrin", claim_type="attack", actor="طائراتها", actor_side="turkey", modality="asserted",
        role="event")
    rows.append({**_statement(article(2, sentence), sentence, "ankara"), "claim_type": "attack",
                 "actor": "طائراتها", "actor_side": "turkey", "modality": "asserted", "role": "party"})
    add(3, "قالت مصادر إن الوضع في سوريا يتدهور.", "syria", "سوريا", claim_type="attack", actor_side="unknown",
        modality="asserted", role="event", geo_precision=3)
    add(3, "تواصل تركيا عملياتها العسكرية.", "turkey", "تركيا", claim_type="attack", actor_side="turkey",
        modality="asserted", role="event", geo_precision=3)
    add(3, "تشهد منطقة الشرق الأوسط توتراً.", "middle-east", "الشرق الأوسط", claim_type="diplomacy",
        actor_side="unknown", modality="asserted", role="event", geo_precision=3)
    add(3, "استعادت القوات الحكومية السيطرة على الغوطة الشرقية.", "ghouta", "الغوطة الشرقية", claim_type="control",
        actor="القوات الحكومية", actor_side="government", modality="asserted", role="event", geo_precision=3)
    return rows


def roles_frame():
    return frame_from_records(roles_records())


def xss_records() -> list[dict]:
    """Payloads in every text field, in drawn, area and unresolved rows."""
    text = f"قال {XSS} إن القوات سيطرت على منبج {XSS}."
    article = {"article": XSS, "title": "عنوان " + XSS, "date": "2016-07-20", "source": XSS,
               "url": "javascript:alert(1)", "_text": text}
    fields = dict(speaker=XSS, actor=XSS, target=XSS, actor_side=XSS,
                  quantities=[{"value": 3, "unit": XSS, "text": XSS}], statement=XSS)
    point = _statement(article, text, "manbij", claim_type="control", **fields)
    point.update(name=XSS, name_ar="منبج " + XSS, id=XSS, country_code=XSS, relation=XSS, feature=XSS)
    area = _statement(article, text, "manbij", claim_type=XSS, **fields)
    area.update(name="Manbij " + XSS, relation="countryside", geometry=ring(36.52815, 37.95495))
    linked = _statement({**article, "url": "https://example.org/?q=\"><script>alert(1)</script>"}, text, "manbij",
                        claim_type="attack", **fields)
    unresolved = _statement(article, text, None, "منبج", claim_type="mention", **fields)
    unresolved.update(place_text=XSS, unresolved=XSS)
    return [point, area, linked, unresolved]


def xss_frame():
    return frame_from_records(xss_records())


def big_frame(n: int = 5000, seed: int = 1, places: int | None = None):
    """``n`` claims over Syria and Iraq, over 60 days, each with a sentence of its own, for size and speed.

    ``places`` distinct places (default: one per claim, the worst case for clustering); one claim in
    ten is not asserted and one place in ten is not the event's place.
    """
    rng = random.Random(seed)
    sides = ["government", "opposition", "sdf", "isis", "turkey", "russia", "coalition", "iran-aligned", "hts"]
    claims = ["control", "advance", "attack", "diplomacy", "mention"]
    modalities = ["threat", "denied", "planned", "negated", "conditional"]
    places = places or n
    points = [(32.5 + rng.random() * 5, 35.8 + rng.random() * 8) for _ in range(places)]
    records = []
    for i in range(n):
        k = i % places
        lat, lon = points[k]
        day = 1 + i % 60
        sentence = (f"قالت مصادر ميدانية إن اشتباكات عنيفة دارت في بلدة رقم {k} قرب خط الجبهة في الساعة {i}، "
                    f"وأسفرت عن خسائر بحسب المصدر {rng.randint(1, 10**9)}.")
        records.append({
            "article": f"b{i // 4}", "title": f"عنوان المقال {i // 4}",
            "date": f"2016-{1 + day // 31:02d}-{1 + day % 28:02d}",
            "source": "مصدر", "url": f"https://example.org/{i // 4}", "text": sentence, "start": 0,
            "end": len(sentence), "speaker": "مصدر", "claim_type": claims[i % 5], "actor": "قوات",
            "actor_side": sides[i % len(sides)], "place_text": "بلدة", "place_start": sentence.find("بلدة"),
            "place_end": sentence.find("بلدة") + 4, "id": f"test:{k}", "name": f"Town {k}", "name_ar": f"بلدة {k}",
            "latitude": lat, "longitude": lon, "country_code": "SY", "feature": "city", "relation": "in",
            "geo_precision": 1, "modality": modalities[i % 5] if i % 10 == 7 else "asserted",
            "role": "mention" if i % 10 == 3 else "event",
        })
    return frame_from_records(records)
