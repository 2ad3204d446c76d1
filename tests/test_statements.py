"""Statements of whole articles through the whole pipeline: the claims of the seed article, and short
texts whose statements depend on several components at once."""

import pytest
from shapely.geometry import Point

from geonews.reading.articles import Article, iter_articles
from geonews.extraction.pipeline import extract_statements
from geonews.schema import CLAIM_TYPES, MODALITIES, RELATIONS, ROLES


@pytest.fixture(scope="module")
def seed_statements(gz, seed_path):
    article = next(iter_articles([seed_path]))
    return extract_statements(article, gz)


def find(statements, claim_type, place_text, relation=None):
    """The claims (asserted statements) of a type whose event places include one written ``place_text`` (with a
    relation, if given): what the map shows as having happened there."""
    return [s for s in statements if s.claim_type == claim_type and s.modality == "asserted"
            and any(p.text == place_text and p.role == "event" and (relation is None or p.relation == relation)
                    for p in s.places)]


def place(statement, text, relation=None):
    return next(p for p in statement.places if p.text == text and (relation is None or p.relation == relation))


def test_1_sdf_advance_into_central_manbij(seed_statements):
    [s] = find(seed_statements, "advance", "منبج", "center")
    assert s.speaker == "البنتاغون"
    assert s.actor == "قوات سوريا الديمقراطية"
    assert place(s, "منبج").place.name == "Manbij"


def test_2_sdf_takes_civil_registry_in_central_manbij(seed_statements):
    [s] = find(seed_statements, "control", "منبج", "center")
    assert s.speaker == "مصدر كردي"
    assert s.actor == "الديمقراطية" and s.actor_side == "sdf"
    assert {"value": 25, "unit": "killed"}.items() <= s.quantities[0].to_dict().items()


def test_3_russia_liberated_12000_km2(seed_statements):
    [s] = [s for s in find(seed_statements, "control", "سورية") if any(q.unit == "km2" for q in s.quantities)]
    assert s.speaker == "وزير الدفاع الروسي سيرغي شويغو"
    assert s.actor == "القوات الروسية" and s.target == "داعش"
    figures = {(q.value, q.unit) for q in s.quantities}
    assert (12000, "km2") in figures and (586, "localities") in figures
    assert place(s, "سورية").place.feature == "country"


@pytest.mark.parametrize("name", ["حماة", "حمص"])
def test_4_5_fighting_in_hama_and_homs(seed_statements, name):
    [s] = find(seed_statements, "control", name)
    assert place(s, name).place.country_code == "SY"
    assert place(s, name).relation == "in"


def test_6_latakia_countryside_is_a_ring(seed_statements):
    [s] = find(seed_statements, "control", "اللاذقية", "countryside")
    ref = place(s, "اللاذقية", "countryside")
    assert ref.geo_precision == 2
    assert ref.geometry.geom_type in ("Polygon", "MultiPolygon")
    assert not ref.geometry.contains(Point(ref.place.longitude, ref.place.latitude))  # the city is not its countryside
    assert ref.geometry.distance(Point(ref.place.longitude, ref.place.latitude)) < 0.2


def test_7_8_south_and_north_of_damascus(seed_statements):
    [s] = find(seed_statements, "control", "دمشق", "south")
    south = place(s, "دمشق", "south")
    north = next(p for p in s.places if p.relation == "north")
    assert north.place.id == south.place.id  # شماليها refers back to دمشق
    assert south.geometry.centroid.y < south.place.latitude < north.geometry.centroid.y
    assert south.geo_precision == north.geo_precision == 2


def test_9_coalition_strikes_in_northern_syria(seed_statements):
    [s] = find(seed_statements, "attack", "سورية", "north")
    assert s.speaker == "البنتاغون" and s.actor == "التحالف الدولي"
    ref = place(s, "سورية", "north")
    assert ref.geo_precision == 3 and ref.geometry.centroid.y > 35.0
    # what the strikes prevented (ISIS regaining positions there) is no claim of control
    assert not find(seed_statements, "control", "سورية", "north")
    [prevented] = [st for st in seed_statements if st.text == s.text and st.claim_type == "control"]
    assert prevented.modality == "negated"


def test_10_terror_attack_in_nice(seed_statements):
    [s] = find(seed_statements, "attack", "نيس")
    assert place(s, "نيس").place.country_code == "FR"


def test_11_lavrov_kerry_talks_in_moscow(seed_statements):
    [s] = find(seed_statements, "diplomacy", "موسكو")
    assert "لافروف" in s.text and place(s, "موسكو").place.country_code == "RU"


def test_governments_named_by_their_capitals_are_no_places(seed_statements):
    """التعاون العسكري بين موسكو وواشنطن، موقف روسيا، مع واشنطن: the governments, not where anything happened."""
    for st in seed_statements:
        if "التعاون العسكريّ بين موسكو وواشنطن" in st.text or "موقف روسيا" in st.text:
            assert {p.text: p.role for p in st.places if p.text in ("موسكو", "واشنطن", "روسيا")} \
                == {p.text: "party" for p in st.places if p.text in ("موسكو", "واشنطن", "روسيا")}
    assert not [st for st in seed_statements if st.modality == "asserted" and st.claim_type != "mention"
                and any(p.text == "واشنطن" and p.role == "event" for p in st.places)]


def test_no_control_claim_from_freeing_hostages(seed_statements):
    """ستواصل الجهود لتحرير الرعايا الأميركيين في سورية: nationals, not territory, and a plan."""
    hostages = [st for st in seed_statements if "لتحرير الرعايا" in st.text]
    assert hostages and not [st for st in hostages if st.claim_type == "control"]


def test_statements_follow_contract(seed_statements, seed_text):
    assert seed_statements
    for s in seed_statements:
        d = s.to_dict()
        # every key of the contract's statement table, and its place keys
        assert set(d) == {"article", "text", "start", "end", "speaker", "claim_type", "actor", "target", "places",
                          "modality", "quantities", "date", "title", "source", "url"} | {"actor_side", "part"}
        assert d["modality"] in MODALITIES and d["claim_type"] in CLAIM_TYPES
        assert (s.title if s.part == "title" else seed_text)[s.start:s.end] == s.text
        for p in d["places"]:
            assert {"text", "start", "end", "id", "name", "name_ar", "latitude", "longitude", "country_code", "feature",
                    "relation", "geo_precision", "role"} <= set(p)
            assert (s.title if s.part == "title" else seed_text)[p["start"]:p["end"]] == p["text"]
            assert p["relation"] in RELATIONS and p["role"] in ROLES
            assert p["geo_precision"] in (1, 2, 3)


def test_sentence_without_claim_cue_is_a_mention(gz):
    article = Article(id="t", text="وقال المتحدث إن الوفد وصل مساء أمس. الطقس في دمشق معتدل.")
    statements = extract_statements(article, gz)
    [s] = [s for s in statements if any(p.text == "دمشق" for p in s.places)]
    assert s.claim_type == "mention" and s.speaker is None


def test_speaker_carries_over_and_anaphora(gz):
    text = ("قال وزير الدفاع الروسي سيرغي شويغو إن القوات تقدمت نحو تدمر.\n"
            "وأضاف أن الطيران قصف مواقع في الرقة.\n"
            "الوزير الروسي شدد على أن الجيش سيطر على حلب.\n"
            "وسيطرت قوات النظام على بلدة في ريف حماة.")
    statements = extract_statements(Article(id="t", text=text), gz)
    speakers = [s.speaker for s in statements]
    assert speakers[:3] == ["وزير الدفاع الروسي سيرغي شويغو"] * 3
    assert speakers[3] is None  # no reporting cue: no guess
    assert statements[3].actor == "قوات النظام" and statements[3].actor_side == "government"
    assert statements[3].places[0].relation == "countryside"


def test_negated_and_non_territorial_cues_are_not_claims(gz):
    text = ("ضربات التحالف منعت داعش من استعادة مواقع في شمال سورية.\n"
            "ستواصل الجهود لتحرير الرعايا الأميركيين في سورية.")
    statements = extract_statements(Article(id="t", text=text), gz)
    assert [(s.claim_type, s.modality) for s in statements] == [("attack", "asserted"), ("control", "negated"),
                                                                 ("mention", "asserted")]


@pytest.mark.parametrize(("text", "claim", "modality"), [
    ("لم تسيطر القوات على مدينة منبج.", "control", "negated"),
    ("ونفى الجيش أن تكون طائراته قد قصفت دوما.", "attack", "denied"),
    ("وهددت أنقرة بشن هجوم على منبج.", "attack", "threat"),
    ("وتعتزم القوات السيطرة على الرقة.", "control", "planned"),
])
def test_what_did_not_happen_is_kept_with_its_modality(gz, text, claim, modality):
    statements = extract_statements(Article(id="t", text=text), gz)
    assert [(s.claim_type, s.modality) for s in statements if s.claim_type == claim] == [(claim, modality)]


@pytest.mark.parametrize(("text", "claim", "places", "actor"), [
    # countries that act are the actor, not the place of the claim
    ("وشنت الولايات المتحدة وبريطانيا وفرنسا ضربات على سوريا فجر السبت.", "attack", ["سوريا"], "الولايات المتحدة"),
    # a supporter is only mentioned
    ("سيطرت الفصائل المدعومة من تركيا على بلدة في ريف حلب.", "control", ["حلب"], "الفصائل"),
    # the speaker's place is not where the claim happened
    ("وتشتبه واشنطن في أن القوات السورية قصفت دوما.", "attack", ["دوما"], "القوات السورية"),
    # a dateline is not the story's place
    ("دبي، الإمارات العربية المتحدة (CNN)-- قصفت الطائرات مواقع في إدلب.", "attack", ["إدلب"], "الطائرات"),
])
def test_places_that_are_not_where_the_claim_happened(gz, text, claim, places, actor):
    statements = extract_statements(Article(id="t", text=text), gz)
    [s] = [s for s in statements if s.claim_type == claim]
    assert [p.text for p in s.places] == places
    assert s.actor == actor
    assert all(s.claim_type == "mention" for s in statements if s.claim_type != claim)


@pytest.mark.parametrize(("text", "claim"), [
    ("وصلت قافلة المساعدات إلى مدينة حلب.", "mention"),   # nothing armed moves
    ("تقدمت القوات نحو مدينة تدمر.", "advance"),
    ("اقتحم محتجون مطار النجف.", "advance"),
])
def test_an_advance_needs_a_force(gz, text, claim):
    [s] = extract_statements(Article(id="t", text=text), gz)
    assert s.claim_type == claim


def test_a_country_right_after_its_verb_is_its_subject(gz):
    # whoever is named before the verb: the relative clause has its own subject
    text = "وفر الآلاف من هجوم الجيش السوري نحو هضبة الجولان التي تحتلها إسرائيل."
    [s] = [s for s in extract_statements(Article(id="t", text=text), gz) if s.claim_type == "control"]
    assert s.actor == "إسرائيل" and [p.text for p in s.places] == ["الجولان"]


def test_a_stronghold_in_apposition_holds_the_place_before_it(gz):
    text = "وقصفت الطائرات مدينة دوما، آخر معاقل المعارضة في الغوطة الشرقية."
    [s] = [s for s in extract_statements(Article(id="t", text=text), gz) if s.claim_type == "control"]
    assert [p.text for p in s.places][:1] == ["دوما"] and s.actor == "المعارضة"


def test_the_country_of_a_relative_clause_on_the_cue_is_its_actor(gz):
    text = "وتمكنت قوات النظام من استعادة بلدات، في وقت قتلت فيه غارات شنتها دمشق عشرات المدنيين في دوما."
    [s] = [s for s in extract_statements(Article(id="t", text=text), gz)
           if s.claim_type == "attack" and any(p.text == "دوما" for p in s.places)]
    assert s.actor == "دمشق"


def test_a_stronghold_held_by_a_relative_clause_s_subject(gz):
    text = "ومحافظة إدلب هي آخر معقل تسيطر عليه القوات المعارضة."
    [s] = [s for s in extract_statements(Article(id="t", text=text), gz) if s.claim_type == "control"]
    assert [p.text for p in s.places] == ["إدلب"] and s.actor == "القوات المعارضة"


def test_what_moves_unarmed_is_no_advance(gz):
    # the subject right after the verb names no force, whatever else the sentence names
    text = "دخلت قافلة مساعدات إلى عدة مناطق بالغوطة الشرقية التي تشهد قتالا بين فصائل المعارضة وقوات الجيش."
    assert "advance" not in [s.claim_type for s in extract_statements(Article(id="t", text=text), gz)]
    text = "وقال ماتيس إن فرنسا أرسلت جنودا إلى سوريا لتعزيز القوات الأمريكية."
    assert "advance" in [s.claim_type for s in extract_statements(Article(id="t", text=text), gz)]
