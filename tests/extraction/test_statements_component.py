"""statements: a statement per cue that governs a place; places no cue governs make a mention."""


def test_a_cue_and_a_loose_place(run):
    doc = run("statements", "قال المرصد إن قوات النظام المدعومة من روسيا سيطرت على بلدة في ريف حماة.")
    [mention, control] = doc.sents[0].statements
    assert mention.claim_type == "mention" and [p.text for p in mention.places] == ["روسيا"]
    assert control.claim_type == "control" and control.actor == "قوات النظام" and control.actor_side == "government"
    assert [p.text for p in control.places] == ["حماة"] and control.speaker == "المرصد"


def test_an_advance_needs_a_force(run):
    [s] = run("statements", "وصلت قافلة المساعدات إلى مدينة حلب.").statements
    assert s.claim_type == "mention"
    [s] = run("statements", "تقدمت القوات نحو مدينة تدمر.").statements
    assert s.claim_type == "advance"


def test_an_acting_country_is_the_actor(run):
    [s] = [s for s in run("statements", "شنت الولايات المتحدة ضربات على سوريا.").statements
           if s.claim_type == "attack"]
    assert s.actor == "الولايات المتحدة" and [p.text for p in s.places] == ["سوريا"]


def test_statement_fields_point_into_the_text(run):
    text = "وقصفت الطائرات مواقع في إدلب. وسيطرت القوات على منبج."
    doc = run("statements", text)
    for st in doc.statements:
        assert text[st.start:st.end] == st.text
        assert all(text[p.start:p.end] == p.text for p in st.places)


def test_a_place_held_in_a_relative_clause_is_also_the_holders(run):
    # the roadmap is about Manbij, and Manbij is held by the SDF: two statements at the one place
    doc = run("statements", "واتفقت الولايات المتحدة وتركيا على خارطة طريق بشأن مدينة منبج التي تسيطر عليها قوات سوريا الديموقراطية.")
    kinds = {(st.claim_type, st.actor) for st in doc.sents[0].statements if st.places and st.claim_type != "mention"}
    assert kinds == {("diplomacy", None), ("control", "قوات سوريا الديموقراطية")}


def test_a_result_with_no_place_of_its_own_happened_where_its_cause_did(run):
    text = ("وقال الوزير إن العملية العسكرية في سورية ساعدت على تحويل مجرى الأحداث، مشيرا إلى أن القوات "
            "ساعدت في تحرير أكثر من 12 ألف كيلومتر مربع من قبضة داعش.")
    doc = run("statements", text)
    [control] = [s for s in doc.sents[0].statements if s.claim_type == "control"]
    assert [p.text for p in control.places] == ["سورية"]


def test_a_fall_of_casualties_takes_no_place(run):
    text = "واستهدفت الصواريخ مطار التيفور العسكري في وسط سوريا وأدت إلى سقوط عدد من القتلى والجرحى."
    doc = run("statements", text)
    assert not [s for s in doc.sents[0].statements if s.claim_type == "control"]


def test_a_stronghold_taken_in_its_sentence_is_background(run):
    doc = run("statements", "وتمكنت القوات العراقية من استعادة السيطرة على مدينة القائم، آخر معاقل داعش في الأنبار.")
    control = [(st.actor, [p.text for p in st.places if p.role == "event"])
               for st in doc.sents[0].statements if st.claim_type == "control"]
    assert control == [("القوات العراقية", ["القائم"])]


def test_a_stronghold_in_apposition_no_other_cue_takes_is_its_holders(run):
    doc = run("statements", "وتقصف الطائرات مدينة دوما، آخر معاقل المعارضة في الغوطة الشرقية.")
    holders = {st.actor for st in doc.sents[0].statements if st.claim_type == "control"}
    assert holders == {"المعارضة"}


def _attack(run, text):
    [s] = [s for s in run("statements", text).statements if s.claim_type == "attack"]
    return s


def test_the_victims_counted_are_the_target_of_an_attack(run):
    s = _attack(run, "وقتل أكثر من 500 مدني خلال سبعة أيام من القصف على الغوطة الشرقية.")
    assert s.target == "مدني" and [q.value for q in s.quantities if q.unit == "killed"] == [500]


def test_a_bare_count_of_persons_names_no_target(run):
    assert _attack(run, "وقتل 20 شخصا في قصف على الغوطة الشرقية.").target is None


def test_a_target_named_stays_before_the_victims(run):
    s = _attack(run, "وقصفت الطائرات مواقع المعارضة في إدلب ما أدى إلى مقتل 5 مدنيين.")
    assert s.target is not None and "المعارضة" in s.target


def test_an_officials_journey_is_no_advance(run):
    [s] = [s for s in run("statements", "وكان رئيس الوزراء العراقي توجه الأربعاء إلى مدينة السليمانية.").statements]
    assert s.claim_type == "mention"
    [s] = [s for s in run("statements", "وتوجهت قوات موالية للرئيس السوري إلى مدينة درعا.").statements]
    assert s.claim_type == "advance"


def test_a_military_convoy_is_an_advance_unless_it_was_struck(run):
    [s] = [s for s in run("statements", "وقالت مصادر إن الرتل العسكري التركي يحمل معدات إلى نقاط المراقبة في ريف إدلب.").statements]
    assert s.claim_type == "advance" and [p.text for p in s.places] == ["إدلب"]
    types = [s.claim_type for s in run("statements", "وشن الطيران غارات مكثفة على رتل من القوات قرب دير الزور.").statements]
    assert types == ["attack"]
