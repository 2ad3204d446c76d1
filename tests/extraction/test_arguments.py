"""arguments: the actor and target of each cue."""

import pytest


@pytest.mark.parametrize(("text", "actor", "target"), [
    ("سيطرت قوات النظام على بلدة في ريف حماة.", "قوات النظام", None),
    ("وقصفت القوات الروسية مواقع داعش في تدمر.", "القوات الروسية", "داعش"),
    ("ومع طرد داعش من الرقة عاد السكان.", None, "داعش"),     # a verbal noun: its next noun is its object
    ("حررت القوات العراقية الموصل من تنظيم داعش.", "القوات العراقية", "تنظيم داعش"),
    # a movement noun heading the actor's phrase is also the cue: the patrols are the doers
    ("بدأت دوريات أميركية تركية مشتركة عملها في مدينة منبج.", "دوريات أميركية تركية", None),
    ("سيرت القوات التركية دوريات في منبج.", "القوات التركية", None),
    # a stronghold's genitive holds the place: its actor, not its target
    ("والغوطة الشرقية هي المعقل الأخير للمعارضة المسلحة.", "المعارضة المسلحة", None),
    ("فآخر معاقل المعارضة السورية في الغوطة الشرقية.", "المعارضة السورية", None),
    # an attack noun's genitive or nationality is its actor, before a subject named earlier
    ("ليس وحده السبب في هجوم النظام السوري على دوما.", "النظام السوري", None),
    ("وقتل اثنان من المقاتلين الروس في ضربات جوية أمريكية في سوريا.", "أمريكية", "المقاتلين الروس"),
    # the genitive of قصف is the attacker when the object follows with ل, the side shelled without
    ("وقتل طفل في قصف جيش الإسلام للمناطق السكنية في دمشق.", "جيش الإسلام", None),
    # a definite noun of advance takes its nationality as its actor, before a subject named earlier
    ("ما دام المسلحون الأكراد يصمدون أمام التقدم التركي في عفرين.", "التركي", None),
    # an ally after a supporter word is no target; an actor named before the cue is none either
    ("ومنذ انتزاع قوات تركية مدعومة من فصائل معارضة مدينة عفرين.", "قوات تركية", None),
    # a relative clause's own subject (VSO), and the subject of a relative clause on an event noun
    ("وترابط القوات الأميركية في منبج التي انتزعتها وحدات حماية الشعب من سيطرة تنظيم داعش.",
     "وحدات حماية الشعب", "تنظيم داعش"),
    ("قتل 500 مدني في القصف المكثف الذي ينفذه النظام على الغوطة الشرقية.", "النظام", None),
    # the side attacked: after على, after a site noun, or the object after a verb and its subject
    ("هاجم مسلحون حاجزا لقوات النظام قرب حماة.", "مسلحون", "قوات النظام"),
    ("استهدف الجيش التركي الوحدات الكردية في عفرين.", "الجيش التركي", "الوحدات الكردية"),
    ("الجيش التركي استهدف الوحدات الكردية في عفرين.", "الجيش التركي", "الوحدات الكردية"),
    ("سوف تستهدف القوات المسلحة الروسية الصواريخ.", "القوات المسلحة", None),  # an adjective, no object
    # تحت سيطرة X: X holds the place, whatever subject came before
    ("واستهدفت الطائرات الحربية الأحياء الواقعة تحت سيطرة الفصائل المعارضة في درعا.", "الطائرات الحربية", None),
    ("فوض المالكي القوات الأمريكية بتوجيه ضربة إلى مسلحي القاعدة.", "القوات الأمريكية", None),  # إلى is no adjective
])
def test_actor_and_target(run, text, actor, target):
    doc = run("arguments", text)
    [sent] = doc.sents
    got_actor, got_target = sent.arguments[0]
    assert (got_actor.text if got_actor else None) == actor
    assert (got_target.text if got_target else None) == target


def test_no_cue_no_arguments(run):
    doc = run("arguments", "الطقس في دمشق معتدل.")
    assert doc.sents[0].arguments == []


def test_an_actor_named_before_a_cue_is_not_its_target(run):
    # ضد المقاتلين is the operation's target; the control of Afrin named after it has none
    doc = run("arguments", "وشن الجيش عملية ضد المقاتلين الأكراد على غرار الهجوم الذي مكنه من السيطرة على عفرين.")
    [sent] = doc.sents
    assert [c.claim_type for c in sent.cues] == ["attack", "attack", "control"]
    assert sent.arguments[0][0].text == "الجيش"  # الجيش عملية: an indefinite noun does not agree with it
    assert sent.arguments[0][1].text == "المقاتلين الأكراد"
    assert sent.arguments[2][1] is None


@pytest.mark.parametrize(("text", "actor"), [
    ("أعلن الجيش السوري أنه سيطر على بلدة سقبا.", "الجيش السوري"),          # the speaker says it of itself
    ("وأوضح جدعون أنه دخل إلى العراق.", "جدعون"),                            # a name that is no actor
    ("وقالت إسرائيل إنها هاجمت مواقع في سوريا.", "إسرائيل"),                 # a country: feminine
    ("وقال الرئيس عن الصحفية إنها دخلت البلاد.", None),                      # إنها does not agree with الرئيس
    ("وأفاد مصدر عسكري بأنهم سيطروا على المنطقة.", None),                    # nor أنهم with مصدر
    ("وقال المرصد إنه الهجوم الأكبر على البوكمال.", None),                   # إنه before a noun: no subject
    # the deed it announces of itself, a verbal noun with its pronoun as the reporting verb's object
    ("وأعلن الجيش السوري السبت سيطرته على الغوطة الشرقية.", "الجيش السوري"),
    ("وأعلنت تركيا عن سيطرتها على مدينة عفرين.", "تركيا"),
    ("وأعلن الجيش عن سيطرتها على مدينة عفرين.", None),                        # ها does not agree with الجيش
    ("وجعل المتتبعين يهاجمونه في تركيا، حسب قول مغردين.", None),              # a speaker after it announces nothing
])
def test_the_speaker_is_the_actor_of_what_it_says_of_itself(run, text, actor):
    doc = run("arguments", text)
    [sent] = doc.sents
    got = sent.arguments[0][0] if sent.arguments else None
    assert (got.text if got else None) == actor


@pytest.mark.parametrize(("text", "target"), [
    ("وقتل اثنان من المقاتلين الروس في ضربات جوية أمريكية في سوريا.", "المقاتلين الروس"),  # the killed, before it
    ("استهدفت صواريخ مستودعات للجيش غربي مدينة حمص.", "الجيش"),  # للجيش: ل + ال, what is struck is the army's
    ("وتعرضت القوات الحكومية لهجوم عنيف شنه تنظيم داعش في ريف دير الزور.", "القوات الحكومية"),  # تعرض
    ("شن تنظيم داعش هجوما على قوات النظام في ريف دير الزور.", "قوات النظام"),  # على
])
def test_the_side_struck(run, text, target):
    doc = run("arguments", text)
    [sent] = doc.sents
    got = next((t for _, t in sent.arguments if t is not None), None)
    assert (got.text if got else None) == target


def test_a_verb_resuming_the_event_noun_shares_its_actor_and_target(run):
    doc = run("statements", "وتعرضت القوات الحكومية لهجوم عنيف شنه تنظيم داعش في ريف دير الزور.")
    [st] = [s for s in doc.sents[0].statements if s.claim_type == "attack"]
    assert (st.actor, st.target) == ("تنظيم داعش", "القوات الحكومية")


def test_under_the_control_of_names_the_holder(run):
    doc = run("statements", "واستهدفت الطائرات الحربية السورية الأحياء الواقعة تحت سيطرة الفصائل المعارضة في مدينة درعا.")
    [st] = [s for s in doc.sents[0].statements if s.claim_type == "control"]
    assert st.actor == "الفصائل المعارضة"


def test_an_ally_after_its_backing_word_is_no_subject(run):
    doc = run("arguments", "وتمكنت القوات الحكومية بدعم من المقاتلات الروسية من السيطرة على مدينة حرستا.")
    sent = doc.sents[0]
    [(actor, _)] = [pair for cue, pair in zip(sent.cues, sent.arguments) if cue.claim_type == "control"]
    assert actor.text == "القوات الحكومية"


def test_we_did_is_the_speakers_side(nlp):
    from geonews.reading.articles import Article

    text = 'وقال قائد بالجيش السوري الحر لوكالة رويترز: "سيطرنا على عفرين".'
    (control,) = [s for s in nlp.statements(Article(id="a", text=text)) if s.claim_type == "control"]
    assert control.speaker == "قائد بالجيش السوري الحر" and control.actor == "الجيش السوري الحر"
    text = 'وقال المتحدث باسم الجيش السوري الحر: "دخلنا مدينة الباب".'
    assert [(s.claim_type, s.actor) for s in nlp.statements(Article(id="c", text=text)) if s.claim_type != "mention"] == [
        ("advance", "الجيش السوري الحر")]
    # an imperfect with ـنا is done to us: its actor is not the speaker's
    attacks = [s for s in nlp.statements(Article(id="b", text="وقال أردوغان إن المنظمات تهاجمنا في عفرين."))
               if s.claim_type == "attack"]
    assert all(s.actor != "أردوغان" for s in attacks)


@pytest.mark.parametrize(("text", "actor"), [
    # a nationality after an attack or advance noun with a preposition on it names the actor
    ("دمشق تندد بالتوغل التركي في منبج", "التركي"),
    ("وتعرضت بلدة عفرين لغارات تركية عنيفة.", "تركية"),
    # but not after a supporter word: the supporter is not who acts
    ("وتخوض قوات النظام السوري، مدعومة بغارات جوية روسية، معارك عنيفة في درعا.", "قوات النظام السوري"),
])
def test_a_nationality_after_a_noun_with_a_preposition(nlp, text, actor):
    from geonews.reading.articles import Article

    claims = [s for s in nlp.statements(Article(id="a", text=text)) if s.claim_type != "mention"]
    assert claims and {s.actor for s in claims} == {actor}


def test_a_verb_after_a_comma_has_its_own_subject_after_it(run):
    doc = run("arguments", "وبعد الغارات الغربية، استهدف مقاتلون موالون للنظام القافلة قرب حمص.")
    sent = doc.sents[0]
    actors = {" ".join(t.text for t in sent.tokens[c.start:c.end]): (a.text if a else None)
              for c, (a, _) in zip(sent.cues, sent.arguments)}
    assert actors["الغارات"] == "الغربية" and actors["استهدف"].startswith("مقاتلون")


def test_a_verb_joined_by_wa_keeps_the_subject_before(run):
    doc = run("arguments", "وشن تنظيم داعش هجوما واسعا على المخيم، وطرد الفصائل المعارضة منه.")
    sent = doc.sents[0]
    [actor] = [a.text for c, (a, _) in zip(sent.cues, sent.arguments) if sent.tokens[c.start].text == "وطرد"]
    assert actor == "تنظيم داعش"
