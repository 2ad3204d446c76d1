"""``Place.name_ar`` is an Arabic spelling: Arabic letters when a source has them or they can be derived
(Persian kaf and yeh are the Arabic letters' other forms), the query's own spelling for a place found across
scripts that the index knows under none; a place is equal to itself whatever spelling it shows."""

import pickle
from dataclasses import replace

import pytest

from gazetteer import Gazetteer
from gazetteer.build import _news_spelling, arabic_letters, compile_index
from gazetteer.crossscript import skeleton_table
from gazetteer.index import Index
from gazetteer.normalize import NOT_ARABIC_SPELLING
from gazetteer.place import Place
from gazetteer.sources.record import Record


def _gazetteer(tmp_path, records):
    core, latin = compile_index(records)
    path = tmp_path / "index_latin.pkl"
    path.write_bytes(pickle.dumps(latin))
    return Gazetteer(index=Index(core, path))


def _city(gid, name, cc, population, *, name_ar="", names_ar=(), derived=False, lat=10.0, lon=10.0):
    return Record(id=f"geonames:{gid}", name=name, latitude=lat, longitude=lon, country_code=cc, feature="city",
                  population=population, name_ar=name_ar, names_ar=set(names_ar), names_latin={name},
                  name_ar_derived=derived)


@pytest.mark.parametrize(("persian", "arabic"), [("کرنول", "كرنول"), ("ینا", "ينا"), ("کفہ", "كفه"),
                                                 ("زاوژوانگ", None), ("پیچ", None)])
def test_a_persian_spelling_is_derived_in_arabic_letters_only_when_its_letters_are_forms_of_arabic_ones(persian, arabic):
    assert arabic_letters(persian) == arabic


def test_the_news_spelling_is_in_arabic_letters_when_a_source_has_them():
    """Of spellings news met as often (here never), one in Arabic letters before the current Persian one;
    a Persian one only, derived in Arabic letters, and the source's spelling kept among the place's."""
    assert _news_spelling({"بانگوئی", "بانغوي"}, "بانگوئی", {}) == ("بانغوي", False, "بانگوئی")
    assert _news_spelling({"کرنول"}, "کرنول", {}) == ("كرنول", True, "کرنول")
    assert _news_spelling({"زاوژوانگ"}, "زاوژوانگ", {}) == ("زاوژوانگ", False, "زاوژوانگ")  # nothing to derive
    assert _news_spelling({"کانتون", "غوانزو"}, "", {"كانتون": 3}) == ("كانتون", True, "کانتون")  # news' one
    # پکین folds to بكين (Beijing, met in news), but news never wrote پکین: Peqin shows its Arabic spelling
    assert _news_spelling({"بيكين", "پکین"}, "پکین", {"بكين": 14}) == ("بيكين", False, "پکین")


def test_a_derived_spelling_is_shown_not_matched_as_a_sources_own(tmp_path):
    """A derived name_ar is what the place shows; its spellings stay the sources' (a name written in Arabic
    letters that a place has only in Persian ones still ranks below a place that has it so)."""
    kurnool = _city(1, "Kurnool", "IN", 400000, name_ar="كرنول", names_ar={"کرنول"}, derived=True)
    gz = _gazetteer(tmp_path, [kurnool])
    assert gz.index.raw_ar[0] == "کرنول"
    assert gz.geocode("كرنول").name_ar == "كرنول"


def test_a_place_found_across_scripts_shows_the_querys_spelling_when_the_index_has_no_arabic_one(tmp_path):
    campobasso = _city(1, "Campobasso", "IT", 50000)
    zaozhuang = _city(2, "Zaozhuang", "CN", 400000, name_ar="زاوژوانگ", names_ar={"زاوژوانگ"}, lat=34.8, lon=117.6)
    gz = _gazetteer(tmp_path, [campobasso, zaozhuang])
    assert gz.geocode("كامبوباسو").name_ar == "كامبوباسو"
    assert gz.geocode("#كامبوباسو").name_ar == "كامبوباسو"
    assert [p.name_ar for p in gz.lookup("تساوتشوانغ")] == ["تساوتشوانغ"]
    assert gz.geocode("تساوتشوانغ") == gz.index.place(1)  # the same place
    assert gz.geocode("زاوژوانگ").name_ar == "زاوژوانگ"  # its own spelling, not across scripts


def test_a_place_is_equal_to_itself_whatever_spelling_it_shows():
    place = Place("geonames:1", "Campobasso", "", 41.56, 14.66, "IT", "city", 50000)
    shown = replace(place, name_ar="كامبوباسو")
    assert shown == place and hash(shown) == hash(place) and len({place, shown}) == 1
    assert replace(place, id="geonames:2") != place


def test_the_skeleton_table_is_built_with_the_index(tmp_path):
    gz = _gazetteer(tmp_path, [_city(1, "Potenza", "IT", 60000), _city(2, "Gilgit", "PK", 10000)])
    assert gz.index.latin_skeletons == skeleton_table(gz.index.latin) == {"BTNS": ("potenza",), "KLKT": ("gilgit",)}


def test_the_bundled_name_ar_is_in_arabic_letters_when_a_spelling_of_the_place_is():
    """No place of the bundled index shows a Persian, Urdu or Kurdish spelling when it has one in Arabic
    letters or one derivable in them (the sources' spellings are in raw_ar)."""
    index = Gazetteer().index
    bad = []
    for row in range(index.size):
        shown = index.names_ar[row]
        if shown and not NOT_ARABIC_SPELLING.isdisjoint(shown):
            spellings = index.raw_ar[row].split("|")
            if any(NOT_ARABIC_SPELLING.isdisjoint(s) or arabic_letters(s) for s in spellings):
                bad.append((index.names[row], shown))
    assert bad == []
