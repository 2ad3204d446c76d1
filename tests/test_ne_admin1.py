"""Natural Earth's Arabic admin-1 names: matched to a GeoNames unit by its code, a Latin name and a point
(never by the Arabic name), without generic words, ordinary news words or units Natural Earth never labels;
and what they give the bundled index."""

from gazetteer import Gazetteer
from gazetteer.build import _natural_earth_admin1_names
from gazetteer.sources.record import Record

_GENERIC = frozenset({"ولايه", "محافظه"})
_VOCABULARY = frozenset({"صباح"})


def _town(key: str, lat: float, lon: float) -> Record:
    return Record(id=f"geonames:{abs(hash((key, lat)))}", name="Town", latitude=lat, longitude=lon,
                  country_code=key[:2], feature="city", population=10_000, admin1=key)


def _row(key: str, name: str, name_ar: str, lat: float, lon: float, labelrank: int = 4, **latin) -> dict:
    row = dict.fromkeys(("name_en", "name_alt", "gn_name", "woe_name"))
    row.update(gn_a1_code=key, name=name, name_ar=name_ar, latitude=lat, longitude=lon, labelrank=labelrank)
    row.update(latin)
    return row


def _names(rows, english):
    members = {key: [_town(key, 40.0, 29.0)] for key in english}
    return _natural_earth_admin1_names(members, english, rows, _GENERIC, _VOCABULARY)


def test_a_row_lends_its_arabic_name_when_its_code_latin_name_and_point_agree():
    english = {"TR.16": ("Bursa", [])}
    assert _names([_row("TR.16", "Bursa", "بورصة", 40.2, 29.1)], english) == {"TR.16": {"بورصة"}}
    # a spelling of the same name with a generic word and accents still reads as it
    english = {"AR.08": ("Provincia de Entre Rios", [])}
    assert _names([_row("AR.08", "Entre Ríos", "إنتري ريوس", 40.2, 29.1)], english) == {"AR.08": {"إنتري ريوس"}}


def test_a_row_whose_code_geonames_gave_another_unit_is_no_match():
    """FR.75 is Paris in Natural Earth and Nouvelle-Aquitaine in GeoNames: another name, or a point far from
    the unit's towns, and the Arabic name stays out."""
    english = {"FR.75": ("Nouvelle-Aquitaine", [])}
    assert _names([_row("FR.75", "Paris", "باريس", 40.2, 29.1)], english) == {}
    english = {"TR.16": ("Bursa", [])}
    assert _names([_row("TR.16", "Bursa", "بورصة", 48.0, 2.0)], english) == {}


def test_a_code_two_rows_share_or_no_unit_has_gives_nothing():
    english = {"PF.01": ("Windward Islands", [])}
    rows = [_row("PF.01", "Windward Islands", "جزر ويندوارد", 40.2, 29.1),
            _row("PF.01", "Leeward Islands", "جزر ليوارد", 40.2, 29.1)]
    assert _names(rows, english) == {}
    assert _names([_row("XX.99", "Nowhere", "لامكان", 40.2, 29.1)], {}) == {}


def test_ordinary_words_generic_words_and_units_never_labelled_are_left_out():
    english = {"MY.16": ("Sabah", []), "VE.15": ("Mérida", []), "MT.67": ("Żejtun", []),
               "SD.29": ("Khartoum", [])}
    rows = [_row("MY.16", "Sabah", "صباح", 40.2, 29.1),          # "morning"
            _row("VE.15", "Mérida", "ولاية", 40.2, 29.1),         # only the word "state"
            _row("MT.67", "Żejtun", "الزيتون", 40.2, 29.1, labelrank=20),
            _row("SD.29", "Khartoum", "ولاية الخرطوم، السودان", 40.2, 29.1)]
    # the name before a qualifier is the name
    assert _names(rows, english) == {"SD.29": {"ولاية الخرطوم"}}


def test_the_bundled_index_knows_admin1_units_only_natural_earth_names_in_arabic():
    gz = Gazetteer()
    caqueta = gz.geocode("إدارة كاكيتا")
    assert caqueta is not None and caqueta.country_code == "CO" and caqueta.feature == "admin1"
    # the unit's name without the word for its kind (admin_unit_words.csv: أوبلاست)
    for name in ("أوبلاست سفردلوفسك", "سفردلوفسك"):
        sverdlovsk = gz.geocode(name)
        assert sverdlovsk is not None and sverdlovsk.country_code == "RU" and sverdlovsk.feature == "admin1"
    # an ordinary word of news is no unit's name: بورصة (the stock exchange) is the city of Bursa alone
    assert gz.geocode("بورصة", feature="admin1") is None
    # Malta's councils are never labelled: the olive branch is no place in Malta
    assert all(m.place is None or m.place.country_code != "MT"
               for m in gz.find("أطلقت تركيا اسم عملية غصن الزيتون على هجومها في عفرين"))
