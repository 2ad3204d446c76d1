"""Lookup, geocoding, reverse geocoding and errors against the bundled index."""

import math

import pytest

from gazetteer import Gazetteer, Place, QueryError


def km(a, b):
    lat1, lon1, lat2, lon2 = map(math.radians, (a[0], a[1], b[0], b[1]))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 6371 * 2 * math.asin(math.sqrt(h))


# Every place the seed article names: (query, country, feature, reference point, tolerance km).
SEED_PLACES = [
    ("منبج", "SY", "city", (36.5281, 37.9549), 10),
    ("حماة", "SY", "city", (35.1318, 36.7578), 10),
    ("حمص", "SY", "city", (34.7268, 36.7234), 10),
    ("اللاذقية", "SY", "city", (35.5317, 35.7901), 10),
    ("دمشق", "SY", "city", (33.5102, 36.2913), 10),
    ("نيس", "FR", "city", (43.7031, 7.2661), 10),
    ("موسكو", "RU", "city", (55.7522, 37.6156), 15),
    ("واشنطن", "US", "city", (38.8951, -77.0364), 15),
    ("جنيف", "CH", "city", (46.2022, 6.1457), 10),
    ("سورية", "SY", "country", None, None),
    ("سوريا", "SY", "country", None, None),
    ("أوكرانيا", "UA", "country", None, None),
    ("روسيا", "RU", "country", None, None),
    ("آسيا الوسطى", None, "region", (45.0, 65.0), 1200),
    ("القوقاز الجنوبي", None, "region", (41.0, 45.0), 500),
]


@pytest.mark.parametrize(("query", "cc", "feature", "point", "tol"), SEED_PLACES)
def test_seed_places_resolve(gz, query, cc, feature, point, tol):
    place = gz.geocode(query)
    assert place is not None, query
    assert place.country_code == cc
    assert place.feature == feature
    if point is None:  # a country: its point lies inside it, near its own towns
        assert gz.reverse(place.latitude, place.longitude, max_km=None).country_code == cc
    else:
        assert km((place.latitude, place.longitude), point) <= tol


def test_place_fields_follow_contract(gz):
    place = gz.geocode("منبج")
    assert isinstance(place, Place)
    assert place.id.startswith("geonames:")
    assert place.name == "Manbij" and place.name_ar
    assert isinstance(place.latitude, float) and isinstance(place.longitude, float)
    assert place.population and place.population > 50_000
    with pytest.raises(AttributeError):
        place.name = "x"  # immutable


def test_latin_queries(gz):
    assert gz.geocode("Manbij").country_code == "SY"
    assert gz.geocode("Damascus").country_code == "SY"
    assert gz.geocode("nice").country_code == "FR"
    assert gz.geocode("Ḩamāh").name in ("Hama", "Ḩamāh")


def test_country_narrowing(gz):
    nice_us = gz.geocode("Nice, United States")
    assert nice_us is not None and nice_us.country_code == "US"
    assert gz.geocode("نيس، فرنسا").country_code == "FR"
    assert gz.geocode("واشنطن، الولايات المتحدة").country_code == "US"
    assert gz.geocode("Tripoli, Lebanon").country_code == "LB"
    assert gz.geocode("طرابلس، ليبيا").country_code == "LY"
    assert gz.geocode("منبج، فرنسا") is None


def test_news_reader_ranking(gz):
    """A country or a well-known city before a hamlet of the same name."""
    assert gz.geocode("نيس").country_code == "FR"
    washington = gz.geocode("واشنطن")
    assert km((washington.latitude, washington.longitude), (38.8951, -77.0364)) < 15
    assert gz.geocode("الأردن").feature == "country"
    assert gz.geocode("لبنان").feature == "country"
    assert gz.geocode("حلب").feature == "city"


def test_spelling_variants(gz):
    assert gz.geocode("ديرالزور").name == gz.geocode("دير الزور").name
    assert gz.geocode("حماه").name == gz.geocode("حماة").name
    assert gz.geocode("ادلب").country_code == "SY"
    assert gz.geocode("مدينة منبج").name == "Manbij"
    assert gz.geocode("لاذقية").name == gz.geocode("اللاذقية").name  # article missing


def test_fuzzy_ranked_below_exact(gz):
    misspelt = gz.geocode("منبجج")  # doubled letter
    assert misspelt is not None and misspelt.name == "Manbij"


def test_lookup_candidates_best_first(gz):
    places = gz.lookup("حماة", limit=10)
    assert places and places[0].country_code == "SY"
    assert len(places) <= 10
    assert len({p.id for p in places}) == len(places)
    assert gz.lookup("حماة", limit=1) == places[:1]


def test_admin1_units(gz):
    place = gz.geocode("محافظة حلب")
    assert place.feature == "admin1" and place.country_code == "SY"
    assert gz.geocode("محافظة ريف دمشق").feature in ("admin1",)


def test_curated_places(gz):
    for name, feature in [("الكرملين", "landmark"), ("البنتاغون", "landmark"), ("الغوطة الشرقية", "region"),
                          ("الفرات", "water"), ("البحر المتوسط", "water"), ("الشرق الأوسط", "region")]:
        place = gz.geocode(name)
        assert place is not None and place.feature == feature, name


def test_nothing_matches_returns_none(gz):
    assert gz.geocode("ززززززززز") is None
    assert gz.lookup("qqqqxxxzzz") == []


@pytest.mark.parametrize("bad", [None, 42, b"x", "", "   ", "\u200f\u0640", "م" * 1000])
def test_bad_queries_raise_one_error_type(gz, bad):
    with pytest.raises(QueryError) as info:
        gz.geocode(bad)
    assert isinstance(info.value, ValueError)


def test_reverse_nearest_populated_place(gz):
    place = gz.reverse(36.53, 37.95)
    assert place.name == "Manbij"
    assert gz.reverse(43.70, 7.27).country_code == "FR"
    paris = gz.reverse(48.8566, 2.3522)
    assert paris.country_code == "FR"


def test_reverse_is_exact_nearest(gz):
    """The STRtree answer equals a brute-force great-circle scan."""
    import numpy as np

    idx = gz.index
    rows = np.flatnonzero(idx.feature == 5)
    for lat, lon in [(36.2, 37.1), (64.1, -21.9), (-33.9, 151.2), (71.0, 25.0), (0.1, 179.9)]:
        p1, p2 = np.radians(lat), np.radians(idx.latitude[rows])
        a = np.sin((p2 - p1) / 2) ** 2 + np.cos(p1) * np.cos(p2) * np.sin(np.radians(idx.longitude[rows] - lon) / 2) ** 2
        best = rows[int(np.argmin(a))]
        assert gz.reverse(lat, lon, max_km=None).id == idx.place_id(int(best))


@pytest.mark.parametrize("bad", [(91, 0), (0, 181), ("x", 0), (float("nan"), 0)])
def test_reverse_bad_coordinates(gz, bad):
    with pytest.raises(QueryError):
        gz.reverse(*bad)


def test_shared_index_between_instances():
    assert Gazetteer().index is Gazetteer().index


def test_places_by_feature_population_and_box(gz):
    syria = (32.3, 35.7, 37.4, 42.4)
    big = gz.places("city", min_population=1_000_000, bbox=(33, 36, 37, 38))
    assert [p.name for p in big] == ["Aleppo", "Damascus"]  # largest first
    towns = gz.places("city", min_population=20_000, bbox=syria)
    assert len(towns) > 50
    assert all(p.feature == "city" and p.population >= 20_000 for p in towns)
    assert all(32.3 <= p.latitude <= 37.4 and 35.7 <= p.longitude <= 42.4 for p in towns)
    populations = [p.population for p in towns]
    assert populations == sorted(populations, reverse=True)
    assert "منبج" in {p.name_ar for p in towns}
    # a box across the antimeridian, and a feature class other than towns
    assert all(p.longitude >= 170 or p.longitude <= -170 for p in gz.places("city", bbox=(50, 170, 70, -170)))
    assert {p.feature for p in gz.places("water")} == {"water"}


def test_places_rejects_an_unknown_feature(gz):
    with pytest.raises(QueryError):
        gz.places("town")


@pytest.mark.parametrize(("query", "name"), [
    ("ديرالزور", "Deir ez-Zor"), ("حفرالباطن", "Hafar Al-Batin"), ("واشنطون", "Washington"),
    ("اسطمبول", "Istanbul"), ("موسكوا", "Moscow"),
])
def test_real_spelling_variants_resolve(gz, query, name):
    assert gz.geocode(query).name == name


@pytest.mark.parametrize(("query", "wrong"), [
    ("أوستا", "Augusta"), ("أنكونا", "Anaconda"), ("لاكويلا", "Laconia"), ("باليكير", "Balıkesir"),
    ("نانتشونغ", "Nanchang"), ("هطاي", "Hay"),
])
def test_edits_that_are_no_spelling_variation_find_nothing_far(gz, query, wrong):
    place = gz.geocode(query)
    assert place is None or place.name != wrong


@pytest.mark.parametrize(("query", "name"), [
    ("وبحلب", "Aleppo"), ("للرقة", "Ar Raqqah"), ("فبالموصل", "Mosul"), ("والأردن", "Jordan"),
    ("#بيروت", "Beirut"), ("«حلب»", "Aleppo"), ('"حمص"', "Homs"), ("#دير_الزور", "Deir ez-Zor"),
    ("مدينة حلب", "Aleppo"), ("بمدينة حمص", "Homs"),
])
def test_geocode_strips_what_find_strips(gz, query, name):
    assert gz.geocode(query).name == name


@pytest.mark.parametrize(("query", "name", "country"), [
    ("بالجهراء", "Al Jahrā’", "KW"), ("بمأدبا", "Mādabā", "JO"), ("والفحيحيل", "Al Faḩāḩīl", "KW"),
    ("بحفرالباطن", "Hafar Al-Batin", "SA"), ("لحفرالباطن", "Hafar Al-Batin", "SA"),
])
def test_geocode_splits_a_proclitic_off_a_town_of_an_arab_country(gz, query, name, country):
    place = gz.geocode(query)
    assert place is not None and (place.name, place.country_code) == (name, country)


@pytest.mark.parametrize(("query", "name"), [
    ("شمال #حفر_الباطن", "Hafar Al-Batin"), ("شمال غرب حفر الباطن", "Hafar Al-Batin"), ("جنوب القاهرة", "Cairo"),
])
def test_geocode_drops_a_preposition_before_a_name(gz, query, name):
    assert gz.geocode(query).name == name


@pytest.mark.parametrize("query", ["وسط البلد", "شمال المدينة"])
def test_a_preposition_before_an_ordinary_word_is_no_name(gz, query):
    assert gz.geocode(query) is None  # downtown is not the middle of Balad, Iraq


def test_a_foreign_name_is_not_split_like_an_arabic_one(gz):
    place = gz.geocode("بالتا")  # Balta; not ب + التا (Alta, Norway: no town of an Arab country)
    assert place is None or place.country_code != "NO"


@pytest.mark.parametrize("word", ["بنوك", "بشأن"])
def test_ordinary_words_are_not_respelt_into_places(gz, word):
    place = gz.geocode(word)
    assert place is None or place.name not in ("Nuuk", "Schaan")


def test_shadda_is_a_signal(gz):
    assert gz.geocode("عمّان").name == "Amman"
    assert gz.geocode("عمان").feature == "country"  # alone, the larger reading (find() follows the document)


@pytest.mark.parametrize(("query", "name"), [
    ("بوتنسا", "Potenza"), ("كامبوباسو", "Campobasso"), ("تساوتشوانغ", "Zaozhuang"),
])
def test_names_across_scripts(gz, query, name):
    place = gz.geocode(query)
    assert place is not None and place.name == name and place.country_code in ("IT", "CN")


def test_cross_script_ranks_below_arabic_and_stays_silent_when_unsure(gz):
    assert gz.geocode("منبج").name == "Manbij"  # an Arabic match never meets a cross-script one
    assert gz.geocode("سد الوالة") is None or gz.geocode("سد الوالة").country_code != "PL"


def test_reverse_finds_nothing_in_the_open_sea(gz):
    assert gz.reverse(0.5, -150.0) is None                      # the open Pacific
    assert gz.reverse(0.5, -150.0, max_km=None) is not None     # unless told to look anywhere
    assert gz.reverse(36.53, 37.95, max_km=5).name == "Manbij"
    with pytest.raises(QueryError):
        gz.reverse(36.53, 37.95, max_km=-1)


def test_country_and_feature_filters(gz):
    assert gz.geocode("طرابلس", country="LB").country_code == "LB"
    assert gz.geocode("طرابلس", country=["ly", "TN"]).country_code == "LY"
    assert gz.geocode("حلب", feature="admin1").feature == "admin1"
    assert all(p.feature in ("admin1", "city") for p in gz.lookup("حماة", feature=("admin1", "city")))
    assert gz.geocode("منبج", country="FR") is None
    for bad in ({"country": "Syria"}, {"feature": "town"}, {"country": []}):
        with pytest.raises(QueryError):
            gz.geocode("حلب", **bad)


def test_strict_lookup_keeps_only_the_names_spelling(gz):
    """lookup(strict=True): no fuzzy or cross-script guess, the name's own spellings and variants only."""
    assert gz.lookup("حلب", strict=True)[0].name == gz.lookup("حلب")[0].name
    assert gz.lookup("ديرالزور", strict=True)  # a spacing variant is a spelling of the name
    assert gz.lookup("بوتنسا", strict=True) == []  # found only across scripts (Potenza) when not strict


def test_geocode_is_silent_on_a_name_far_apart_places_share_with_none_dominant(gz):
    """الجفر is a town of Saudi Arabia (8,700 people) and one of Jordan (3,600), 1,400 km apart: geocode()
    gives neither, lookup() lists both, country= settles it; a dominant reading stays (الزرقا: Zarqa, 790,000
    people, against a town of 27,000 in Egypt)."""
    assert gz.geocode("الجفر") is None
    assert {p.country_code for p in gz.lookup("الجفر")} >= {"SA", "JO"}
    assert gz.geocode("الجفر", country="JO").country_code == "JO"
    assert gz.geocode("الزرقا").country_code == "JO"
    assert gz.geocode("منبج").name == "Manbij"


def test_name_ar_is_arabic_script_or_empty_and_set_for_every_place_with_an_arabic_name(gz):
    """name_ar holds the Arabic spelling news uses, in Arabic script: no Latin letters, no mojibake (no
    replacement character, no Latin-1 read as UTF-8), and it is set for every place found by an Arabic name."""
    import re

    from gazetteer.normalize import is_arabic

    index = gz.index
    foreign = re.compile("[A-Za-z\u00c0-\u024f\ufffd]")
    bad = [index.names[r] for r in range(index.size)
           if index.names_ar[r] and (foreign.search(index.names_ar[r]) or not is_arabic(index.names_ar[r]))]
    assert bad == []
    spelt = {r for value in index.ar.values() for r in ((value,) if isinstance(value, int) else value)}
    assert [index.names[r] for r in spelt if not index.names_ar[r]] == []


@pytest.mark.parametrize(("query", "wrong"), [("إلكنز", "Cairns"), ("ألبايون", "Bayonne")])
def test_a_hamza_on_al_is_no_article_to_drop(gz, query, wrong):
    """أل، إل written with a hamza begin a foreign name (Elkins, Albion): the article variant does not drop them."""
    place = gz.geocode(query)
    assert place is None or place.name != wrong
    assert gz.geocode("ألمانيا").name == "Germany" and gz.geocode("لاذقية").name == "Latakia"
