"""modality: markers decide by scope whether a cue is asserted, negated, denied, a threat, planned or
conditional."""

import pytest


def modalities(run, text):
    doc = run("modality", text)
    [sent] = doc.sents
    return [(" ".join(t.text for t in sent.tokens[c.start:c.end]), m) for c, m in zip(sent.cues, sent.modalities)]


@pytest.mark.parametrize(("text", "cue", "modality"), [
    ("سيطرت القوات على مدينة منبج.", "سيطرت", "asserted"),
    ("لم تسيطر القوات على مدينة منبج.", "تسيطر", "negated"),
    ("ونفى المرصد أن تكون القوات قد سيطرت على منبج.", "سيطرت", "denied"),
    ("وهددت تركيا بشن هجوم على منبج.", "هجوم", "threat"),
    ("وتعتزم القوات السيطرة على منبج.", "السيطرة", "planned"),
    ("وقال إن القوات ستشن هجوما على منبج.", "هجوما", "planned"),
    ("وإذا سيطرت القوات على منبج فإن الهدنة تنتهي.", "سيطرت", "conditional"),
    ("قد يشن الجيش هجوما على إدلب.", "يشن", "conditional"),
])
def test_one_marker(run, text, cue, modality):
    assert (cue, modality) in modalities(run, text)


def test_qad_before_a_perfect_verb_asserts(run):
    assert ("غارات", "asserted") in modalities(run, "وقال إن التحالف قد نفذ غارات جوية في قرية السوسة.")


def test_a_past_hedge_is_a_report(run):
    assert ("غارات", "asserted") in modalities(run, "وقال إن التحالف ربما يكون قد نفذ غارات في قرية السوسة.")


def test_still_is_not_a_negation(run):
    assert ("القصف", "asserted") in modalities(run, "لا تزال دوما تحترق بنار القصف.")


def test_negation_with_illa_restricts(run):
    got = modalities(run, "لم يبق تحت سيطرة المعارضة إلا نحو 10 في المئة من أراضيها.")
    assert ("سيطرة", "asserted") in got


def test_a_relative_clause_is_outside_the_threat(run):
    got = modalities(run, "وهدد النظام الفصائل بشن عملية مشابهة لتلك التي شنها في الغوطة الشرقية.")
    assert ("بشن", "threat") in got and ("شنها", "asserted") in got


def test_a_finite_verb_begins_its_own_predicate(run):
    got = modalities(run, "سيتم نقل المسلحين إلى مناطق تسيطر عليها المعارضة في إدلب.")
    assert ("تسيطر", "asserted") in got


def test_prevention_governs_its_complement_only(run):
    got = modalities(run, "ضربات التحالف منعت داعش من استعادة مواقع في شمال سورية.")
    assert ("استعادة", "negated") in got and ("ضربات", "asserted") in got


def test_denial_ends_at_a_contrast(run):
    got = modalities(run, "ونفى الجيش قصف المدينة، لكن المرصد قال إن الطائرات قصفت السوق.")
    assert ("قصف", "denied") in got and ("قصفت", "asserted") in got


def test_explain_names_the_marker(run):
    doc = run("modality", "لم تسيطر القوات على منبج.", trace=True)
    [d] = [d for d in doc.trace if d.component == "modality"]
    assert d.decision == "negated" and "لم" in d.reason


@pytest.mark.parametrize("text", [
    "نشر تنظيم القاعدة تسجيلا لزعيمه يحث فيه أتباعه على شن هجمات على الولايات المتحدة.",  # a call
    "زعمت روسيا أن التحضير لهجوم كيماوي على إدلب قد بدأ.",                                # preparing
])
def test_urging_and_preparing_are_no_claims(run, text):
    doc = run("statements", text)
    assert all(st.modality == "planned" for st in doc.sents[0].statements if st.claim_type == "attack")
    assert any(st.claim_type == "attack" for st in doc.sents[0].statements)


@pytest.mark.parametrize(("text", "cue", "modality"), [
    ("وأرسلت إيران آلاف المقاتلين لقتال المعارضة في القصير.", "لقتال", "planned"),
    ("وبدأت القوات حملة عسكرية لاستعادة الغوطة الشرقية.", "لاستعادة", "planned"),
    ("وبدأت القوات هجوما لاستعادة الغوطة الشرقية.", "هجوما", "asserted"),
    # the object of a cue of purpose is planned with it (لشن هجوم)
    ("وتجمعت القوات قرب إدلب لشن هجوم على المدينة.", "هجوم", "planned"),
    # a marker before it decides first (حذر من: a warning)
    ("وحذر الجيش من هجوم لطرد المسلحين من المدينة.", "لطرد", "threat"),
])
def test_a_cue_of_purpose_is_what_is_set_out_to_do(run, text, cue, modality):
    assert (cue, modality) in modalities(run, text)


@pytest.mark.parametrize(("text", "cue", "modality"), [
    ("وتعهد الرئيس بالسيطرة على تل رفعت قريبا.", "بالسيطرة", "planned"),
    ("وقال إن الصواريخ قادرة على شن هجمات على إسرائيل.", "هجمات", "conditional"),
])
def test_a_pledge_and_a_capability_are_no_events(run, text, cue, modality):
    assert (cue, modality) in modalities(run, text)


@pytest.mark.parametrize(("text", "cue", "modality"), [
    ("وأثار احتمال شن هجوم كبير على إدلب قلق الوكالات.", "هجوم", "conditional"),
    ("وقالوا إن واشنطن مستعدة لتوجيه ضربة عسكرية في سوريا.", "ضربة", "planned"),
    ("الدول الغربية مصممة على شن ضربات عسكرية في سوريا.", "شن", "planned"),
])
def test_a_possibility_or_a_readiness_is_no_event(run, text, cue, modality):
    assert (cue, modality) in modalities(run, text)


@pytest.mark.parametrize(("text", "cue", "modality"), [
    # what a response or an inquiry is about happened
    ("وتوعد الرئيس برد قوي على الهجوم الكيماوي في دوما.", "الكيماوي", "asserted"),
    ("ودعا المجلس إلى إجراء تحقيق في الهجوم على صعدة.", "الهجوم", "asserted"),
    # a warning's clause goes on past an apposition between commas
    ("وحذرت ساندرز، المتحدثة باسم البيت الأبيض، إيران من مغبة شن هجمات في البصرة.", "هجمات", "threat"),
    # a negation's does not
    ("لكنه لم يؤكد ذلك، وقد لا يؤكده، فالغارات التركية تتواصل في البلدة.", "فالغارات", "asserted"),
    # did not stop: went on
    ("وقال إن القصف لم يتوقف عن المدينة منذ الصباح.", "القصف", "asserted"),
    ("إلا أن قوات النظام لم تتوقف عن قصف المدينة.", "قصف", "asserted"),
])
def test_scope_past_appositions_and_presupposed_events(run, text, cue, modality):
    assert (cue, modality) in modalities(run, text)


@pytest.mark.parametrize(("text", "cue", "modality"), [
    ("ويخشون من أن يقود الفراغ الذي سينشأ عن الانسحاب المحتمل من سوريا إلى مواجهة.", "الانسحاب", "conditional"),
    ("وحذر من الهجوم المتوقع على إدلب.", "الهجوم", "threat"),  # the warning before it decides first
    ("وأثار الهجوم المتوقع على إدلب مخاوف المنظمات.", "الهجوم", "planned"),
])
def test_a_definite_marker_right_after_a_cue_qualifies_it(run, text, cue, modality):
    assert (cue, modality) in modalities(run, text)


@pytest.mark.parametrize(("text", "cue", "modality"), [
    # after the cue's definite words: its adjectives, its genitive
    ("ووصف الوزير الضربة العسكرية المحتملة في سوريا بالمغامرة.", "الضربة", "conditional"),
    ("وتنظر واشنطن إلى هجوم القوات الحكومية المتوقع على إدلب على أنه تصعيد.", "هجوم", "planned"),
    ("وناقش الرئيسان الهجوم العسكري المرتقب على إدلب.", "الهجوم", "planned"),
    # not past a word of another kind
    ("وأثار الهجوم على مدينة إدلب المتوقعة مخاوف المنظمات.", "الهجوم", "asserted"),
])
def test_a_marker_after_the_definite_words_of_a_cue_qualifies_it(run, text, cue, modality):
    assert (cue, modality) in modalities(run, text)


@pytest.mark.parametrize(("text", "cue", "modality"), [
    # demands, necessity, permission
    ("وأوضح الوزير ذلك، مطالبا بضرورة انسحاب القوات الأميركية من قاعدة التنف.", "انسحاب", "planned"),
    ("ونجدد تأكيدنا على ضرورة انسحاب القوات التركية من بعشيقة.", "انسحاب", "planned"),
    ("وتنتظر القافلة الإذن بالدخول إلى منطقة الباب.", "بالدخول", "planned"),
    ("ويقضي الاتفاق بالسماح للشرطة العسكرية الروسية بدخول البلدات.", "بدخول", "planned"),
    # 'any' attack is no particular attack; under a negation or a denial it is theirs
    ("وقال إن أي هجوم على إدلب سيكون مذبحة.", "هجوم", "conditional"),
    ("وقال إن أعضاء التحالف لم ينفذوا أي غارات قرب البوكمال.", "غارات", "negated"),
    ("وتنفي الحكومة أن تكون وراء أي هجوم كيميائي.", "هجوم", "denied"),
    # what is repelled happened
    ("وبعد مطالبة الأكراد القوات بالتدخل لصد الهجوم التركي على عفرين دخلت قوات.", "الهجوم", "asserted"),
])
def test_demands_permissions_and_any_are_no_events(run, text, cue, modality):
    assert (cue, modality) in modalities(run, text)


@pytest.mark.parametrize(("text", "cue", "modality"), [
    # the clause a marker introduces with أن is its own (من المتوقع أن، من المحتمل أن، من المقرر أن)
    ("ومن المتوقع أن تشن القوات هجوما على إدلب.", "هجوما", "planned"),
    ("وقالت الصحيفة إنه من المحتمل أن يستخدم البنتاغون قاذفات في قصف مواقع.", "قصف", "conditional"),
    # what a response is about happened, its actor named between (رد المجتمع الدولي على الهجوم)
    ("وشدد الرئيسان على ضرورة أن يكون رد المجتمع الدولي على الهجوم الكيميائي في دوما حازما.", "الهجوم", "asserted"),
])
def test_a_marker_governs_the_clause_it_introduces(run, text, cue, modality):
    assert (cue, modality) in modalities(run, text)


@pytest.mark.parametrize(("text", "cue", "modality"), [
    # obligations are no events (يجب، ينبغي، يتعين، لا بد من)
    ("وقال إنه يجب أن تنسحب القوات التركية من عفرين.", "تنسحب", "planned"),
    ("وقال إنه ينبغي انسحاب القوات التركية من عفرين.", "انسحاب", "planned"),
    ("وقال إنه لا بد من انسحاب القوات التركية من عفرين.", "انسحاب", "planned"),
    # بدء (start) folds like بد: no obligation
    ("ومنذ بدء الهجوم التركي قتل مئتا مدني في عفرين.", "الهجوم", "asserted"),
])
def test_obligations_are_no_events(run, text, cue, modality):
    assert (cue, modality) in modalities(run, text)


def test_the_terms_of_a_deal_are_no_event(run):
    # what the terms include is planned; what is given in exchange (مقابل) is conditional
    text = "وتتضمن البنود تسليم السلاح الثقيل مقابل انسحاب النظام من بلدات المسيفرة والجيزة."
    assert ("انسحاب", "planned") in modalities(run, text)
    text = "ووافقت الفصائل على تسليم السلاح الثقيل مقابل انسحاب النظام من بلدات المسيفرة والجيزة."
    assert ("انسحاب", "conditional") in modalities(run, text)


@pytest.mark.parametrize(("text", "cue", "modality"), [
    # the future of a marker (ستسعى: will seek), what is about to happen (على وشك)
    ("ويرى مراقبون أن قوات النظام ستسعى للسيطرة على الغوطة الشرقية.", "للسيطرة", "planned"),
    ("وقال إن قواته على وشك دخول مدينة عفرين.", "دخول", "planned"),
    # an indefinite adjective after a cue qualifies it (هجوم وشيك، ضربات محتملة)
    ("وفر مئات المدنيين من إدلب خوف هجوم وشيك.", "هجوم", "planned"),
    ("ونقلت القوات عناصرها خوفا من قصف محتمل على حلب.", "قصف", "conditional"),
])
def test_future_markers_and_imminent_events(run, text, cue, modality):
    assert (cue, modality) in modalities(run, text)


def test_a_right_is_no_event(run):
    assert ("باستعادتها", "conditional") in modalities(run, "وقال إن للجيش السوري الحق باستعادتها بالقوة.")


def test_what_is_considered_is_no_event(run):
    text = "وفي الوقت الذي يفكر فيه الرئيس بالانسحاب من سوريا، يعود التنظيم إلى الظهور."
    assert ("بالانسحاب", "planned") in modalities(run, text)


@pytest.mark.parametrize(("text", "cue", "modality"), [
    # the future prefix on a verb of the news vocabulary (ستستأنف، ستعمد)
    ("وبعد ذلك ستستأنف قوات النظام عملياتها في منطقة الحجر الأسود.", "عملياتها", "planned"),
    ("وقال إن بلاده ستوسع هجومها ضد الوحدات الكردية إلى البلدة.", "هجومها", "planned"),
    # not a word that begins with the same letters (سيطرة)
    ("وأكدت المصادر سيطرة القوات على البلدة.", "سيطرة", "asserted"),
    # the site of an attack: the attack happened
    ("وأعلنت روسيا أن الخبراء سيصلون إلى موقع الهجوم الكيمياوي في دوما.", "الهجوم", "asserted"),
])
def test_the_future_of_a_verb_is_planned(run, text, cue, modality):
    assert (cue, modality) in modalities(run, text)


def test_what_is_hoped_for_is_no_event(run):
    text = "وأعرب الرئيس عن أمله في أن يسيطر الجيش على مدينة عفرين بالكامل."
    assert ("يسيطر", "planned") in modalities(run, text)


@pytest.mark.parametrize(("text", "cue", "modality"), [
    # the verb of a relative clause with no pronoun on an indefinite event noun is that event
    ("وقال إنه سيرد على أي هجوم تشنه القوات على المدينة.", "تشنه", "conditional"),
    ("وقال إن إسرائيل ستدافع عن نفسها ضد أي هجمات تستهدفها في سوريا.", "تستهدفها", "planned"),
    # on a definite noun, or with a relative pronoun, it tells what happened
    ("لم تلق الضربات الجوية التي شنتها الولايات المتحدة على سوريا إجماعا.", "شنتها", "asserted"),
    ("وهدد النظام بشن عملية عسكرية مشابهة لتلك التي شنها في الغوطة الشرقية.", "شنها", "asserted"),
])
def test_a_relative_verb_on_an_indefinite_event_noun_shares_its_modality(run, text, cue, modality):
    assert (cue, modality) in modalities(run, text)


def test_a_noun_in_taa_marbuta_after_an_event_noun_is_no_relative_verb(run):
    doc = run("cues", "قام الرئيس بزيارة وساطة إلى طهران وبغداد.")
    [sent] = doc.sents
    visit = next(c for c in sent.cues if sent.tokens[c.start].text == "بزيارة")
    assert visit.relative_subject is None


@pytest.mark.parametrize(("text", "cue", "modality"), [
    # what something would bring about is a hypothesis (من شأن X أن Y)
    ("ومن شأن السيطرة على دوما أن تلحق أكبر خسارة بالفصائل.", "السيطرة", "conditional"),
    ("وقال إن من شأن إطلاق هجوم في جنوب سوريا تخفيف الضغط على الغوطة.", "هجوم", "conditional"),
    ("ودعت إلى الامتناع عن كل عمل من شأنه أن يؤدي إلى هجوم على إدلب.", "هجوم", "conditional"),
])
def test_what_would_follow_is_no_event(run, text, cue, modality):
    assert (cue, modality) in modalities(run, text)


def test_a_comma_before_a_threats_complement_does_not_end_it(run):
    got = modalities(run, "هدد الرئيس الفرنسي إيمانويل ماكرون، بضربات في سوريا.")
    assert ("بضربات", "threat") in got
    # a comma before anything else still ends a clause
    assert ("قصفت", "asserted") in modalities(run, "هدد الرئيس بالرد، قصفت الطائرات مواقع في حلب.")


def test_no_truth_in_denies_what_follows(run):
    got = modalities(run, 'وقال إنه "لا صحة للأخبار التي يتم تداولها حول قصف مناطق سورية من أراضي المملكة".')
    assert ("قصف", "denied") in got


def test_a_yes_no_question_asks_about_the_cue_right_after_hal(run):
    # هل + the claim verb: whether it happened, not that it did; a cue further on is taken as given
    assert ("قصفت", "conditional") in modalities(run, "هل قصفت إسرائيل مواقع في سوريا؟")
    assert ("الضربات", "asserted") in modalities(run, "هل كانت الضربات الجوية على سوريا قانونية؟")


def test_asking_for_is_no_claim_but_a_request_met_is(run):
    assert ("قصف", "planned") in modalities(run, "وطلبت الحكومة من روسيا قصف مواقع المسلحين في إدلب.")
    met = modalities(run, "وقصفت الطائرات مواقع في إدلب بناء على طلب من الحكومة ثم قصفت مواقع في حماة.")
    assert [m for _, m in met] == ["asserted", "asserted"]


@pytest.mark.parametrize(("text", "modality"), [
    ("وقال إن القوات ستنتشر وقد تدخل عفرين خلال يومين.", "conditional"),   # (و)قد + the imperfect: may
    ("وكانت القوات الحكومية قد تقدمت في المحافظة الجنوبية.", "asserted"),    # قد + a perfect in ت: had
    ("وقال إن المقاتلين الأكراد قد توجهوا إلى عفرين.", "asserted"),
    ("إذا كانت قوات النظام تقصف عفرين فلا مشكلة.", "conditional"),           # كان + the imperfect: one verb
])
def test_qad_and_kana_with_the_verb_after_them(nlp, text, modality):
    from geonews.reading.articles import Article

    claims = [s for s in nlp.statements(Article(id="a", text=text)) if s.claim_type in ("advance", "attack")]
    assert claims and claims[0].modality == modality


def test_a_green_light_is_no_deed_done(run):
    assert [m for _, m in modalities(run, "الأسد أعطى الضوء الأخضر لضرب إدلب بالكيماوي")] == ["planned"]


def test_an_agreements_provisions_are_planned_not_the_agreement(run):
    found = dict(modalities(run, "وينص الاتفاق على دخول قوات النظام إلى درعا وتسليم الفصائل أسلحتها."))
    assert found["دخول"] == "planned" and found["الاتفاق"] == "asserted"


@pytest.mark.parametrize(("text", "cue"), [
    ("وتحشد قوات النظام قرب دمشق تمهيدا لهجوم واسع على الأحياء الجنوبية.", "لهجوم"),
    ("وتستمر عمليات الإجلاء ليتمكن النظام بعدها من بسط سيطرته على الغوطة الشرقية.", "سيطرته"),
])
def test_what_is_prepared_for_is_planned(run, text, cue):
    assert (cue, "planned") in modalities(run, text)


def test_a_deed_backed_off_from_did_not_happen(run):
    assert ("بعملية عسكرية", "negated") in modalities(run, "تركيا تتراجع عن القيام بعملية عسكرية في تل رفعت.")
