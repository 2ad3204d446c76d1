"""place_roles: supporters and bases, datelines and the speaker's own places are not events."""

import pytest


def roles(run, text):
    """Place text -> role, as ``place_roles`` gives them in the one sentence ``text``."""
    doc = run("place_roles", text)
    return {u.text: u.role for u in doc.sents[0].places}


@pytest.mark.parametrize(("text", "name", "role"), [
    ("سيطرت الفصائل المدعومة من تركيا على بلدة في ريف حلب.", "تركيا", "origin"),
    ("قال المرصد ومقره لندن إن القوات تقدمت.", "لندن", "origin"),
    ("دبي، الإمارات العربية المتحدة (CNN)-- قصفت الطائرات مواقع في إدلب.", "دبي", "mention"),
    ("وتشتبه واشنطن في أن القوات السورية قصفت دوما.", "واشنطن", "party"),
    ("قصفت الطائرات مواقع في إدلب.", "إدلب", "event"),
    # who leads an actor is a party, not where its strikes fell
    ("وقتل 58 متشددا في غارات للتحالف الدولي بقيادة واشنطن.", "واشنطن", "party"),
    ("وقصف التحالف الذي تقوده السعودية مواقع في الحديدة.", "السعودية", "party"),
    ("وقال الجيش إن العملية تمت بناء على طلب من الولايات المتحدة.", "الولايات المتحدة", "party"),
    # a list after a leader or supporter word shares it
    ("ودخلوا المملكة بناء على طلب بريطانيا وألمانيا وكندا.", "كندا", "party"),
    ("وتقدمت القوات السورية المدعومة من روسيا وإيران نحو الغوطة.", "إيران", "origin"),
    # after a government noun the place names that government (نظام دمشق، حكومة بغداد)
    ("وقصفت قوات نظام دمشق مواقع في إدلب.", "دمشق", "party"),
    ("وطالبت حكومة بغداد القوات التركية بالانسحاب.", "بغداد", "party"),
    ("انسحاب حزب التغيير من حكومة إقليم كردستان العراق", "كردستان العراق", "party"),
    # where an organisation is based (الذي يتخذ من بريطانيا مقرا) is an origin
    ("وقال المرصد الذي يتخذ من بريطانيا مقرا إن القوات تقدمت في درعا.", "بريطانيا", "origin"),
    # support from (دعم من، دعما من) names a backer; دعم with a genitive may name what is supported
    ("ويقاتل حزب الله، المتهم بتلقي دعم من إيران، إلى جانب القوات السورية في حلب.", "إيران", "origin"),
    ("وتراجعت الجماعات التي كانت تتلقى الدعم من الولايات المتحدة في درعا.", "الولايات المتحدة", "origin"),
    ("وأكد المبعوث ضرورة دعم مفاوضات جنيف.", "جنيف", "event"),
    # a country after a landmark and مع says where the landmark is; after a town it is a partner
    ("وسيطرت قوات النظام على معبر نصيب مع الأردن.", "الأردن", "mention"),
    # a sea after a warship is where it struck from; a ship struck there is no launcher
    ("وشاركت بارجة أمريكية في البحر الأحمر في الضربات على سوريا.", "البحر الأحمر", "origin"),
    ("واستهدف الحوثيون ناقلة نفط في البحر الأحمر.", "البحر الأحمر", "event"),
    # where a press conference was held is where the speaker spoke; a joint one is a meeting
    ("وقال لافروف في مؤتمر صحفي بموسكو إن الضربات على سوريا ستكون لها عواقب.", "موسكو", "origin"),
    ("وجاءت تصريحاته خلال مؤتمر صحفي عقده في عمان مع نظيره الأردني.", "عمان", "event"),
    # من + a country after people: where they come from; after a withdrawal, where they left
    ("وأصدر القاضي أحكاما بحق 29 امرأة من روسيا بتهمة الانتماء إلى داعش.", "روسيا", "origin"),
    ("ونص الاتفاق على انسحاب المسلحين من سوريا.", "سوريا", "event"),
    # a country right before a reporting verb speaks; a scene set with في before one is where it was said
    ("اجتماع طارئ لمجلس الأمن لبحث هجوم دوما وروسيا تنفي وجود أدلة", "روسيا", "party"),
    ("وفي واشنطن قال وزير الدفاع إن الضربات على سوريا انتهت.", "واشنطن", "origin"),
    # close to (المقربة من) names a backer
    ("وقتل متظاهر برصاص حراس مقر المنظمة المقربة من إيران في البصرة.", "إيران", "origin"),
    # a near word right after a place: what follows only locates it; with و, a second place of the event
    ("وقصفت الطائرات الغوطة الشرقية قرب العاصمة السورية دمشق.", "دمشق", "mention"),
    ("وقصفت الطائرات بلدة حرستا بالقرب من دمشق.", "دمشق", "mention"),
    ("وقصفت الطائرات مواقع قرب دمشق.", "دمشق", "event"),
    ("وقصفت الطائرات الغوطة الشرقية المحاصرة قرب دمشق.", "دمشق", "mention"),             # an adjective between
    ("وسيطرت القوات على الغوطة الشرقية، آخر معاقل المعارضة قرب دمشق.", "دمشق", "mention"),  # the stronghold is it
    ("وسيطرت القوات على آخر معاقل المعارضة قرب دمشق.", "دمشق", "event"),                 # no place named: here
    ("واستهدفت الصواريخ مواقع في ريف حمص وقرب العاصمة دمشق.", "دمشق", "event"),
])
def test_roles(run, text, name, role):
    doc = run("place_roles", text)
    [use] = [u for u in doc.sents[0].places if u.text == name]
    assert use.role == role


def test_explain_says_why(run):
    doc = run("place_roles", "سيطرت الفصائل المدعومة من تركيا على بلدة.", trace=True)
    [d] = [d for d in doc.trace if d.component == "place_roles"]
    assert d.subject == "تركيا" and d.decision == "origin" and "supporter" in d.reason


def test_an_indefinite_supporter_word_makes_an_origin(run):
    got = roles(run, "سيطرت فصائل موالية لأنقرة على بلدة في ريف حلب.")
    assert got["أنقرة"] == "origin" and got["حلب"] == "event"


@pytest.mark.parametrize(("text", "reference", "event"), [
    ("واجتاز الرتل معبرا في ريف إدلب على الحدود مع تركيا.", "تركيا", "إدلب"),
    ("وأرسلت قوات النظام تعزيزات إلى معبر نصيب الحدودي مع الأردن.", "الأردن", None),
    ('وتوجه الرتل نحو طريق "دمشق-حلب" في ريف إدلب.', "حلب", "إدلب"),
    ("وأوضح أنه دخل إلى العراق عن طريق تركيا.", "تركيا", "العراق"),
    # after a near word that follows another place (القريبة من، المتاخمة لـ)
    ("وقصفت الطائرات بلدة دوما القريبة من دمشق.", "دمشق", "دوما"),
    ("وتكثفت الغارات على محافظة القنيطرة المحاذية لدرعا.", "درعا", "القنيطرة"),
    # in a clause saying where the place before lies, or how far it is (التي تقع في، التي تبعد عن)
    ("ولا تزال الاشتباكات مستمرة في البوكمال التي تقع في وادي الفرات.", "الفرات", "البوكمال"),
    ("وتوجهت الطائرات إلى دير الزور التي تبعد 450 كيلومترا عن دمشق.", "دمشق", "دير الزور"),
])
def test_a_border_neighbour_or_a_road_end_is_a_reference(run, text, reference, event):
    got = roles(run, text)
    assert got[reference] == "mention"
    assert event is None or got[event] == "event"


def test_across_the_border_the_neighbour_is_where_it_went(run):
    doc = run("place_roles", "أطلق الجيش التركي عملية عسكرية عبر الحدود مع سوريا.")
    assert {u.text: u.role for u in doc.sents[0].places}["سوريا"] == "event"


@pytest.mark.parametrize(("text", "country", "role"), [
    ("دخلت القوات التركية مدينة عفرين، شمال سوريا، الأحد.", "سوريا", "mention"),   # it locates Afrin
    ("بدأت دوريات عملها في مدينة منبج بريف حلب بسوريا.", "سوريا", "mention"),
    ("قصفت الطائرات حلب وسوريا.", "سوريا", "event"),                                # و: two places
    ("سيطر الجيش التركي على مدن شمالي سوريا.", "سوريا", "event"),                   # no place before it
])
def test_a_country_locating_the_place_before_it(run, text, country, role):
    doc = run("place_roles", text)
    assert {u.text: u.role for u in doc.sents[0].places}[country] == role


def test_the_country_repeated_by_albilad_may_locate_the_place_before_it(run):
    doc = run("place_roles", "نددت الخارجية بالتوغل التركي في محيط مدينة منبج في شمال البلاد.")
    assert {u.text: u.role for u in doc.sents[0].places}["البلاد"] == "mention"


def test_near_a_place_with_none_before_it_is_where_it_happened(run):
    doc = run("place_roles", "وسقطت قذائف في منطقة قريبة من دمشق.")
    assert {u.text: u.role for u in doc.sents[0].places} == {"دمشق": "event"}


def test_at_whose_request_is_a_party(run):
    doc = run("place_roles", "ويعقد مجلس الأمن بطلب من روسيا اجتماعا في نيويورك.")
    assert {u.text: u.role for u in doc.sents[0].places} == {"روسيا": "party", "نيويورك": "event"}


def test_as_for_a_country_is_a_party_and_for_a_town_a_mention(run):
    got = roles(run, "وتمثل المنطقة حساسية أكبر بالنسبة لإسرائيل وبالنسبة لمنبج في ريف حلب.")
    assert got["إسرائيل"] == "party" and got["منبج"] == "mention" and got["حلب"] == "event"


def test_where_the_speaker_is_from_is_no_event(run):
    got = roles(run, "وأشارت مصادر من منبج إلى أن جنودا وصلوا إلى أطراف مدينة الباب.")
    assert got["منبج"] == "origin" and got["الباب"] == "event"


@pytest.mark.parametrize(("text", "name"), [
    ("ويلعب الأردن الذي تقع درعا على حدوده دورا في المحادثات حول درعا.", "درعا"),  # what lies, right after the verb
    ("وقصفت الطائرات المنطقة التي تقع في ريف حلب.", "حلب"),                        # no place before it
])
def test_a_verb_of_lying_without_a_place_before_it_locates_nothing(run, text, name):
    doc = run("place_roles", text)
    assert {u.text: u.role for u in doc.sents[0].places if u.text == name}[name] != "mention"


def test_the_countries_joined_are_parties(run):
    got = roles(run, "وشكر ترامب فرنسا على انضمامها إلى الولايات المتحدة وبريطانيا في شن غارات على مواقع في سوريا.")
    assert got["الولايات المتحدة"] == "party" and got["بريطانيا"] == "party" and got["سوريا"] == "event"


def test_a_supporter_word_with_an_adjective_before_its_preposition(run):
    got = roles(run, "واستعادت القوات الحكومية، وبدعم حاسم من روسيا وإيران، مناطق كبيرة قرب دمشق.")
    assert got == {"روسيا": "origin", "إيران": "origin", "دمشق": "event"}


def test_where_a_deed_set_out_from_is_its_origin(run):
    got = roles(run, "وأطلقت صواريخ إيرانية على مواقع إسرائيلية في الجولان انطلاقا من سوريا.")
    assert got["سوريا"] == "origin" and got["الجولان"] == "event"
    doc = run("place_roles", "وقالت مصادر إن الاحتجاجات التي انطلقت في البصرة مستمرة.")
    assert {u.text: u.role for u in doc.sents[0].places}["البصرة"] != "origin"


def test_a_country_an_actor_is_linked_to_backs_it(run):
    got = roles(run, "ويفاوض فيلق الرحمن المرتبط بكل من تركيا وقطر وفدا في الغوطة الشرقية.")
    assert got["تركيا"] == "origin" and got["قطر"] == "origin" and got["الغوطة الشرقية"] == "event"


def test_where_the_speaker_spoke_from_is_no_event(run):
    got = roles(run, "لكن المتحدث باسم الفصيل نفى من تركيا شطر الغوطة نصفين.")
    assert got["تركيا"] == "origin" and got["الغوطة"] == "event"


def test_two_places_after_between_locate_the_place_before(run):
    got = roles(run, "وقصفت طائرات حربية مطار التيفور العسكري بين حمص وتدمر في وسط سوريا.")
    assert got["حمص"] == "mention" and got["تدمر"] == "mention" and got["التيفور"] == "event"
