"""lists: the names listed under one plural place word are all places, near one another."""


def places(run, text):
    doc = run("lists", text)
    return {m.text: m.place for s in doc.sents for m in s.mentions}


def test_every_name_of_the_list_is_a_mention_near_the_others(run):
    found = places(run, "سيطرت القوات على بلدات الجيزة وكحيل والمسيفرة في ريف درعا.")
    assert {"الجيزة", "كحيل", "المسيفرة", "درعا"} <= set(found)
    assert found["الجيزة"].country_code == "SY"  # not Giza, Egypt: the list lies in Daraa's countryside
    assert found["كحيل"] is None or found["كحيل"].country_code == "SY"


def test_a_dual_head_lists_two_towns(run):
    found = places(run, "وقصفت الطائرات بلدتي كفرنبل وخان شيخون.")
    assert found["كفرنبل"].country_code == found["خان شيخون"].country_code == "SY"


def test_a_name_found_far_away_and_nowhere_near_is_left_unresolved(run):
    found = places(run, "ودخلت القوات قرى الطيبة والنعيمة وأم المياذن شرق درعا.")
    for name in ("النعيمة", "أم المياذن"):
        assert name in found  # mentions, resolved or not
    assert found["الطيبة"] is None or found["الطيبة"].country_code != "IL"


def test_a_list_within_the_list_goes_on_and_a_preposition_ends_it(run):
    found = places(run, "ويضم الجيب بلدات هجين والسوسة والباغوز وقرى المراشدة والشجلة في ريف دير الزور.")
    assert {"هجين", "السوسة", "الباغوز", "المراشدة", "الشجلة"} <= set(found)
    assert "وقرى" not in found and "قرى المراشدة" not in found
    found = places(run, "ويضم الجيب بلدات الحولة والرستن وتلبيسة وقرى حولها، ويقع على طريق بين مدينتي حمص وحماة.")
    assert {"الحولة", "الرستن", "تلبيسة"} <= set(found)
    assert not {"حولها", "قرى حولها", "يقع", "ويقع"} & set(found)


def test_one_name_is_no_list(run):
    found = places(run, "زار الوفد مدن العالم.")
    assert found == {}


def test_explain_says_why(run):
    doc = run("lists", "سيطرت القوات على بلدات الجيزة وكحيل في ريف درعا.", trace=True)
    assert any(d.component == "lists" and d.subject == "الجيزة" for d in doc.trace)


def test_a_head_beginning_with_ba_is_found_with_its_conjunction(run):
    # وبلدات: و + بلدات (stripping the letters و ف ب ل off made it دات)
    found = places(run, "وكثفت القوات القصف على مدن وبلدات صيدا والطيبة والجيزة في ريف درعا الشرقي.")
    assert {"صيدا", "الطيبة", "الجيزة"} <= set(found)
    assert found["الجيزة"] is None or found["الجيزة"].country_code == "SY"
