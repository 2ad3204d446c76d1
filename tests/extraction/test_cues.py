"""cues: claim cues outside names, not negated, about territory."""

import pytest


@pytest.mark.parametrize(("text", "types"), [
    ("سيطرت القوات على مدينة منبج.", ["control"]),
    ("تقدمت القوات نحو تدمر وقصفت الطائرات الرقة.", ["advance", "attack"]),
    ("ضربات التحالف منعت داعش من استعادة مواقع في شمال سورية.", ["attack", "control"]),  # negated: modality's
    ("ستواصل الجهود لتحرير الرعايا الأميركيين في سورية.", []),              # not territory
    ("تجمع المحتجون في ساحة التحرير.", []),                               # part of a name
    ("وأدت العملية العسكرية في الغوطة الشرقية إلى مقتل المئات.", ["attack"]),  # the definite form of a phrase
    ("وقالت الوكالة إن المنشورات جزء من الحرب النفسية على إدلب.", []),       # a war of words
    ("ونفى الجيش قصف المدينة.", ["attack"]),                              # الجيش: no construct, no name
    # a patrol heading its actor's phrase is its cue too
    ("بدأت دوريات أميركية تركية عملها في مدينة منبج.", ["advance"]),
    # a place held by the actor after a holding word that agrees with it
    ("شنت روسيا غارات على مناطق تابعة للمعارضة في جنوب سوريا.", ["attack", "attack", "control"]),
    ("قصفت الطائرات قاعدة عسكرية تابعة للجيش السوري في حمص.", ["attack", "control"]),
    ("وقال رئيس المجلس المحلي في محافظة درعا التابع للمعارضة إن الوضع صعب.", []),  # التابع: not محافظة
    ("وقصفت الطائرات مدينة هجين التابعة لمحافظة دير الزور.", ["attack"]),  # a province is no actor
    # verb forms, not prefixes: شنقا (hanging), دفعة (a batch), فقد before a verb (فـ + قد)
    ("أصدرت المحكمة حكما بالإعدام شنقا بحق متشدد.", []),
    ("وصلت الدفعة الأولى من المهجرين إلى إدلب.", ["advance"]),              # وصلت, not دفعة
    ("فقد قالت المصادر إن الوضع هادئ في القلمون.", []),
    ("وافق مجلس الأمن على قرار ينص على وقف لإطلاق النار في سوريا.", []),   # what is stopped is not claimed
    ("فقد التنظيم السيطرة على البلدة.", ["control"]),
    ("قررت السلطات فرض حظر التجول على محافظة البصرة.", []),                 # a curfew is no territory
    ("وتواصل القصف على آخر جيب خارج سيطرة الحكومة قرب دمشق.", ["attack"]),   # outside its control             # السيطرة is the object of the loss
])
def test_cues(run, text, types):
    doc = run("cues", text)
    assert [c.claim_type for c in doc.sents[0].cues] == types


def test_a_cue_inside_an_actor_name_is_none(run):
    doc = run("cues", "هاجمت هيئة تحرير الشام مواقع في إدلب.")
    [cue] = doc.sents[0].cues
    assert cue.claim_type == "attack" and doc.sents[0].tokens[cue.start].text == "هاجمت"


def test_explain_notes_cues_dropped(run):
    doc = run("cues", "ستواصل الجهود لتحرير الرعايا في سورية.", trace=True)
    assert any(d.component == "cues" and "not territory" in d.reason for d in doc.trace)


def test_an_operation_with_its_pronoun_is_an_attack(run):
    doc = run("cues", "وتواصل تركيا عمليتها العسكرية في منطقة عفرين.")
    assert [c.claim_type for c in doc.sents[0].cues] == ["attack"]


def test_a_ceasefire_with_an_adjective_is_no_attack(run):
    doc = run("cues", "وتبنى المجلس قرارا ينص على وقف شامل لإطلاق النار في سوريا.")
    assert "attack" not in [c.claim_type for c in doc.sents[0].cues]
    doc = run("cues", "وقرر المجلس إرسال بعثة للتحقيق في هجوم مفترض على دوما.")
    assert "attack" in [c.claim_type for c in doc.sents[0].cues]  # a preposition between is no adjective


def test_push_is_an_advance_only_with_its_forces_after_ba(run):
    assert [c.claim_type for c in run("cues", "ودفع النظام السوري بقوات موالية إلى درعا.").sents[0].cues] == ["advance"]
    assert run("cues", "ودفعت قطر أكثر من مليار دولار فدية في العراق.").sents[0].cues == []


@pytest.mark.parametrize("text", [
    "وأفادت وسائل الإعلام بأن عددا من بلدات محافظة درعا دخلت في مصالحات مع القوات السورية.",
    "وكان الأسد يتجنب الدخول في مواجهة عسكرية مع الأتراك في إدلب.",
    "وأوعزت موسكو للنظام بأن يدخل في مرحلة جديدة في سوريا.",
])
def test_entering_into_a_state_is_no_advance(run, text):
    doc = run("cues", text)
    [sent] = doc.sents
    assert [c.claim_type for c in sent.cues if c.claim_type == "advance"] == []


def test_entering_into_a_place_is_an_advance(run):
    doc = run("cues", "ودخلت القوات السورية في مدينة درعا.")
    [sent] = doc.sents
    assert [c.claim_type for c in sent.cues] == ["advance"]


@pytest.mark.parametrize(("text", "control"), [
    ("وبعد سقوط مدينة الموصل في أيدي التنظيم.", True),
    ("وقبل أسبوعين من سقوط الرقة، المعقل السابق للتنظيم.", True),
    ("وأفادت وسائل إعلام بسقوط قتلى وجرحى في غارة على موقع في ريف دير الزور.", False),
    ("وتشهد هضبة الجولان سقوط قذائف على هامش القتال.", False),
    ("وبعد سقوط النظام العراقي السابق عاد إلى العراق.", False),
    # the verb: the place falls after it or before it, not a shell or a plane
    ("وسرعان ما سقطت حلب بيد الحكومة.", True),
    ("وكانت مدينة الموصل التي سقطت بيد التنظيم.", True),
    ("وقالت الوكالة إن القذيفة سقطت على سوق مزدحم في جرمانا.", False),
])
def test_a_fall_is_a_capture_only_of_a_place(run, text, control):
    doc = run("cues", text)
    [sent] = doc.sents
    assert ("control" in [c.claim_type for c in sent.cues]) == control


@pytest.mark.parametrize("text", [
    "وأبلغ الوزير الرئيس بأن روسيا سلمت 4 منصات لإطلاق الصواريخ إلى دمشق.",
    "وقال إن الجبهة ستسحب سلاحها الثقيل، مثل قاذفات الصواريخ، من إدلب.",
    "وأقامت إيران قاعدة قرب دمشق تضم منشآت لتخزين الصواريخ.",
])
def test_munitions_held_or_stored_are_no_attack(run, text):
    doc = run("cues", text)
    [sent] = doc.sents
    assert [sent.tokens[c.start].text for c in sent.cues if c.claim_type == "attack"] == []


def test_an_invasion_is_an_advance(run):
    doc = run("cues", "ومنذ الغزو الأمريكي للعراق عام 2003.")
    [sent] = doc.sents
    assert [c.claim_type for c in sent.cues] == ["advance"]


@pytest.mark.parametrize(("text", "advance"), [
    ("قوات تركية تدخل منبج السورية لأول مرة.", True),             # the verb, before a place
    ("وقالت المصادر إن قوات النظام تدخل إلى الغوطة الشرقية.", True),  # before إلى
    ("وانتقد التدخل الروسي في سوريا.", False),                      # the noun: an intervention
    ("ورفض تدخل روسيا في شؤون سوريا.", False),                     # no place right after it
])
def test_tadkhul_enters_only_a_place(nlp, text, advance):
    from geonews.reading.articles import Article

    found = any(s.claim_type == "advance" for s in nlp.statements(Article(id="a", text=text)))
    assert found == advance


def test_munitions_delivered_are_no_attack_but_control_handed_over_is_control(run):
    doc = run("cues", "وأعربت إسرائيل عن قلقها بشأن تسليم صواريخ إس-300 إلى سوريا.")
    assert [c.claim_type for c in doc.sents[0].cues] == []
    doc = run("cues", "ويتضمن الاتفاق تسليم السيطرة على المعبر للجيش.")
    assert "control" in [c.claim_type for c in doc.sents[0].cues]
