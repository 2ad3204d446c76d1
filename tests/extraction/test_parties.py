"""parties: countries and capitals that stand for governments; those acting as a cue's subject."""

import pytest


def role_of(run, text, name):
    """The role ``parties`` gives the one place written ``name`` in the one sentence ``text``."""
    doc = run("parties", text)
    [sent] = doc.sents
    [use] = [u for u in sent.places if u.text == name]
    return use.role


def test_countries_acting_together_are_parties(run):
    doc = run("parties", "وشنت الولايات المتحدة وبريطانيا وفرنسا ضربات على سوريا فجر السبت.")
    [sent] = doc.sents
    roles = {u.text: u.role for u in sent.places}
    assert roles == {"الولايات المتحدة": "party", "بريطانيا": "party", "فرنسا": "party", "سوريا": "event"}
    assert [m.text for m in sent.acting.values()] == ["الولايات المتحدة"]


def test_a_country_after_a_preposition_does_not_act(run):
    doc = run("parties", "قصفت الطائرات مواقع في سوريا.")
    assert [u.role for u in doc.sents[0].places] == ["event"]
    assert doc.sents[0].acting == {}


@pytest.mark.parametrize(("text", "roles"), [
    ("وأعلنت أنقرة أن قواتها قصفت مواقع في عفرين.", {"أنقرة": "party", "عفرين": "event"}),
    ("وقالت موسكو إن الطائرات قصفت إدلب.", {"موسكو": "party", "إدلب": "event"}),
    ("وشنت الطائرات غارات على سوريا والعراق.", {"سوريا": "event", "العراق": "event"}),  # coordinated
    ("تقدمت القوات في أنحاء سوريا.", {"سوريا": "event"}),                                # a relation word
    ("وبحثا التعاون العسكري بين موسكو وواشنطن في سوريا.", {"موسكو": "party", "واشنطن": "party",
                                                        "سوريا": "event"}),
    ("وقتل جنديان قرب السياج الفاصل بين إسرائيل وقطاع غزة.", {"إسرائيل": "event"}),       # spatial بين
    ("وأكد أن موقف روسيا لم يتغير من الهجوم على سوريا.", {"روسيا": "party", "سوريا": "event"}),
    ("وقصفت الطائرات العاصمة الروسية موسكو.", {"موسكو": "event"}),                       # a place word before
    ("ودخلت القوات التركية سوريا فجر اليوم.", {"سوريا": "event"}),                        # the verb's object
    ("وأدان قصف العراق.", {"العراق": "event"}),                                          # a claim's genitive
    ("وأدى ذلك إلى شن الولايات المتحدة، وبريطانيا غارات على سوريا.",                      # the agent of what
     {"الولايات المتحدة": "party", "بريطانيا": "party", "سوريا": "event"}),              # the noun launches
])
def test_a_country_or_capital_named_bare_stands_for_its_government(run, text, roles):
    doc = run("parties", text)
    got = {u.text: u.role for u in doc.sents[0].places}
    assert {k: got.get(k) for k in roles} == roles


def test_a_country_after_a_relative_clause_on_the_cue_acts_as_its_subject(run):
    doc = run("statements", "استهدفت الضربات التي نفذتها الولايات المتحدة مركز البحوث العلمية في دمشق.")
    [st] = [s for s in doc.sents[0].statements if s.claim_type == "attack"]
    assert st.actor == "الولايات المتحدة"
    # a verb of witnessing names where it happened, not who did it
    doc = run("statements", "وفي واحدة من أشد المعارك التي شهدتها سوريا قتل مئات الأشخاص في الغوطة الشرقية.")
    assert all(s.actor != "سوريا" for s in doc.sents[0].statements)


def test_a_country_after_lada_is_a_party(run):
    doc = run("parties", "وأضافت أن لدى واشنطن معلومات عن استخدام غاز الكلور في الغوطة الشرقية.")
    assert {u.text: u.role for u in doc.sents[0].places}["واشنطن"] == "party"


def test_a_country_holding_a_place_is_a_party(run):
    doc = run("parties", "وأطلقت قوات صواريخ على مناطق في الجولان تحت سيطرة إسرائيل.")
    [sent] = doc.sents
    roles = {u.text: u.role for u in sent.places}
    assert roles == {"الجولان": "event", "إسرائيل": "party"}
    assert [m.text for m in sent.acting.values()] == ["إسرائيل"]


def test_a_country_after_an_indefinite_noun_s_relative_verb_acts(run):
    # no relative pronoun after an indefinite noun: لهجوم تشنه تركيا
    doc = run("parties", "ودخل مقاتلون منطقة عفرين للتصدي لهجوم تشنه تركيا على المنطقة.")
    [sent] = doc.sents
    assert {u.text: u.role for u in sent.places}["تركيا"] == "party"


def test_a_city_after_a_diplomacy_noun_is_where_talks_are_held(run):
    doc = run("parties", "وشددوا على أهمية محادثات أستانا للدفع نحو تسوية سياسية.")
    assert {u.text: u.role for u in doc.sents[0].places} == {"أستانا": "event"}


@pytest.mark.parametrize(("text", "name", "role"), [
    # right after a verb in the feminine perfect with no subject before it, a country is the subject
    ("وقبل هذه العملية شنت تركيا حملة على مواقع في شمال سوريا.", "تركيا", "party"),
    # after a subject pronoun the country is the object
    ("وقالت إنها دخلت العراق في تشرين الأول من سوريا.", "العراق", "event"),
    # a partner after إلى جانب, or after مع once a diplomacy cue has come
    ("وتقاتل الفصائل إلى جانب تركيا في عفرين.", "تركيا", "party"),
    ("وتوصلت المعارضة إلى اتفاق مع روسيا لإجلاء المقاتلين من درعا.", "روسيا", "party"),
    # an adversary in a war keeps its place
    ("واستولت إسرائيل على مرتفعات الجولان في حرب مع سوريا.", "سوريا", "event"),
])
def test_subjects_and_partners_are_parties(run, text, name, role):
    assert role_of(run, text, name) == role


@pytest.mark.parametrize(("text", "role"), [
    # سورية after an indefinite feminine nisba adjective is one more adjective: Syrian
    ("وقتل 30 مدنيا بغارات جوية سورية على بلدة قرب إدلب.", "party"),
    ("وتتعرض البلدات لغارات روسية وسورية منذ أيام.", "party"),
    # and after an indefinite noun in ة or ات, with which it agrees (قاعدة سورية، طائرة سورية)
    ("ويعتقد أن إسرائيل هاجمت مؤخرا قاعدة سورية يوجد بها منشأة إيرانية.", "party"),
    ("وقالت إسرائيل إنها أسقطت طائرة سورية اخترقت مجالها الجوي.", "party"),
    ("وقالت إسرائيل إنها أسقطت طائرة سوريّة اخترقت مجالها الجوي.", "party"),  # with its shadda
    # after a preposition or a place word it is the place (إلى سورية، أراضي سورية)
    ("وأرسلت روسيا قوات عسكرية إلى سورية.", "event"),
    ("وشنت الطائرات غارات جوية في سورية.", "event"),
])
def test_a_country_in_the_shape_of_an_adjective_after_one(run, text, role):
    doc = run("parties", text)
    [sent] = doc.sents
    found = {u.text.replace("\u0651", ""): u.role for u in sent.places}.get("سورية", "no place")
    # an adjective is a party, or no place at all when it is part of an actor (لغارات روسية وسورية)
    assert found == role if role == "event" else found in ("party", "no place")


@pytest.mark.parametrize(("text", "role"), [
    # with ل after any other word, a country is for whom or whose: its government or people
    ("ونفذ الجيش عملية واسعة في المناطق الشرقية في تحدٍ للولايات المتحدة.", "party"),
    ("وسلطت الضوء على النفوذ الإقليمي المتزايد لإيران.", "party"),
    # after a cue or a word of going it is where to, after a place word or a place where it lies
    ("وتأتي زيارة رئيس الوزراء الإسرائيلي بنيامين نتانياهو لموسكو هذا الأسبوع.", "event"),
    ("ويسمح للمواطن بالمغادرة لسوريا بسيارته.", "event"),
    ("وانتشرت القوات على الحدود الجنوبية لسوريا.", "event"),
])
def test_a_country_after_lam(run, text, role):
    doc = run("parties", text)
    [sent] = doc.sents
    [use] = [u for u in sent.places if u.place is not None and u.place.feature in ("country", "city")]
    assert use.role == role


@pytest.mark.parametrize(("text", "name", "role"), [
    # right after a verb in the feminine perfect with an object pronoun, the verb's subject
    ("وبدأت الفصائل الخروج بموجب اتفاق أبرمته روسيا مع الفصائل المعارضة.", "روسيا", "party"),
    ("ويأتي الاجتماع بعد يومين على ضربات نفذتها بريطانيا على مواقع قرب دمشق.", "بريطانيا", "party"),
    # unless the verb hosts: where the meeting was
    ("وتعهد الرؤساء في قمة احتضنتها أنقرة بتعزيز التعاون.", "أنقرة", "event"),
    # the imperfect too (حرب تشنها إسرائيل، قاعدة تستخدمها إيران), hosting in the imperfect as well
    ("وحذر من حرب تشنها إسرائيل على مواقع في سوريا.", "إسرائيل", "party"),
    ("واستهدفت الضربة قاعدة تستخدمها إيران في حمص.", "إيران", "party"),
    ("وتركز قمة أوروبية تستضيفها بروكسل على الوضع في سوريا.", "بروكسل", "event"),
])
def test_a_country_after_a_verb_with_an_object_pronoun(run, text, name, role):
    assert role_of(run, text, name) == role


@pytest.mark.parametrize(("text", "name"), [
    ("وقتل ثمانية إيرانيين في ضربة ليلية نسبت إلى إسرائيل قرب حمص.", "إسرائيل"),
    ("وقال إن قصف المفاعل عام 2007 كان رسالة إلى إيران.", "إيران"),
    ("وشنت طائرات غارات على مواقع في حماة فيما أشارت أصابع الاتهام إلى إسرائيل.", "إسرائيل"),
])
def test_a_country_a_message_or_blame_is_addressed_to_is_a_party(run, text, name):
    assert role_of(run, text, name) == "party"


@pytest.mark.parametrize(("text", "name"), [
    ("ونفذت إسرائيل ضربات على مواقع يسيطر عليها الحليفان حزب الله وإيران في سوريا.", "إيران"),   # with an actor
    ("وقال إن هناك تقدما واضحا للنظام وروسيا وإيران في المنطقة.", "إيران"),                      # and the party before
    ("ووقعت روسيا وتركيا اتفاقا حول إدلب.", "تركيا"),
])
def test_a_country_coordinated_with_an_actor_or_a_party_is_a_party(run, text, name):
    assert role_of(run, text, name) == "party"


def test_the_country_after_a_control_noun_and_before_ala_holds_the_place(run):
    assert role_of(run, "وانتهت العملية بسيطرة تركيا والجماعات الموالية لها على منطقة عفرين.", "تركيا") == "party"
    assert role_of(run, "وانتهت العملية بسيطرة القوات على منطقة عفرين.", "منطقة عفرين") == "event"
