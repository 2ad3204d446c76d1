"""attachment: the cue that governs each place and figure."""

from geonews.extraction.components.attachment import assign
from geonews.extraction.document import Cue


def test_assign_rules():
    cues = [Cue("control", 5, 6), Cue("attack", 10, 11)]
    # after a cue: the nearest before; before every cue: the first, unless a comma separates it and the
    # first cue has a place of its own
    assert assign(cues, [2, 7, 12]) == [0, 0, 1]
    assert assign(cues, [2, 7], commas=[3]) == [None, 0]
    assert assign(cues, [2], commas=[3]) == [0]  # the first cue has no place of its own
    assert assign([], [1, 2]) == [None, None]


def test_places_of_other_roles_are_governed_by_no_cue(run):
    doc = run("attachment", "سيطرت الفصائل المدعومة من تركيا على بلدة في ريف حلب.")
    [sent] = doc.sents
    owners = {u.text: owner for u, owner in zip(sent.places, sent.place_cues)}
    assert owners == {"تركيا": None, "حلب": 0}


def test_places_come_in_text_order(run):
    doc = run("attachment", "زار الوفد العراق. وقصفت الطائرات في البلاد مواقع قرب الموصل.")
    starts = [u.start for u in doc.sents[1].places]
    assert starts == sorted(starts) and len(starts) == 2


def test_a_relative_clause_on_a_place_noun_says_where_the_event_happened(run):
    doc = run("attachment", "وأسقطت طائرة بنيران أرضية في منطقة تسيطر عليها المعارضة في محافظة إدلب.")
    [sent] = doc.sents
    shooting = next(k for k, c in enumerate(sent.cues) if c.claim_type == "attack")
    holding = next(k for k, c in enumerate(sent.cues) if c.claim_type == "control")
    assert sent.preventers.get(holding) == shooting  # the place of the holding clause is the shooting's too


def test_an_event_happened_where_its_result_did(run):
    # verb first: the cause stands between the result verb and its preposition
    doc = run("attachment", "وأدت عملية برية، مدعومة بغطاء جوي، إلى سيطرة الحكومة على الغوطة الشرقية.")
    [sent] = doc.sents
    kinds = [c.claim_type for c in sent.cues]
    assert sent.preventers.get(kinds.index("control")) == kinds.index("attack")
    # the cause before the verb
    doc = run("attachment", "وأسفر القصف عن سيطرة القوات على بلدة في ريف حماة.")
    [sent] = doc.sents
    kinds = [c.claim_type for c in sent.cues]
    assert sent.preventers.get(kinds.index("control")) == kinds.index("attack")


def test_a_result_verb_without_a_cue_after_it_links_nothing(run):
    doc = run("attachment", "وأدى القصف إلى دمار كبير في حي الوعر بمدينة حمص.")
    [sent] = doc.sents
    assert sent.preventers == {}


def test_a_figure_counting_a_cue_noun_is_that_cue_s(run):
    doc = run("attachment", "وشنت الطائرات خمس وعشرين غارة على ريف إدلب.")
    [sent] = doc.sents
    strikes = next(k for k, c in enumerate(sent.cues) if sent.tokens[c.start].norm.startswith("غار"))
    assert sent.quantity_cues == [strikes]


def test_the_killed_are_the_nearest_attack_s_that_has_a_place(run):
    doc = run("attachment", "تفاقم حصار الغوطة الشرقية، معقل فصائل المعارضة، حيث قتل أكثر من 500 مدني من القصف المكثف.")
    [sent] = doc.sents
    [(_, killed)] = sent.quantities
    assert killed.unit == "killed"
    owner = sent.quantity_cues[0]
    assert sent.cues[owner].claim_type == "attack" and owner in sent.place_cues


def test_a_relative_clause_governs_its_antecedent_not_the_places_before_it(run):
    cues = [Cue("control", 8, 9)]
    # places at 1, 3, 5; a relative pronoun at 6: only 5 (its antecedent) is governed
    assert assign(cues, [1, 3, 5], relatives=[6]) == [None, None, 0]
    assert assign(cues, [1, 3, 5]) == [0, 0, 0]
    doc = run("attachment", "وتضم المنطقة محافظة الحسكة ومحافظة الرقة وعفرين التي باتت تحت سيطرة القوات التركية.")
    [sent] = doc.sents
    owners = {u.text: owner for u, owner in zip(sent.places, sent.place_cues)}
    assert owners == {"الحسكة": None, "الرقة": None, "عفرين": 0}


def test_the_places_before_a_temporal_phrase_are_not_its_events(run):
    doc = run("attachment", "تزعزعت الوحدة التي أبدتها الدول الثلاث في أنقرة بعد الهجوم الكيميائي على دوما.")
    [sent] = doc.sents
    owners = {u.text: owner for u, owner in zip(sent.places, sent.place_cues)}
    assert owners["أنقرة"] is None and owners["دوما"] is not None
    assert assign([Cue("attack", 5, 6)], [2, 8], after_time=True) == [None, 0]


def test_a_scene_set_before_a_comma_is_the_first_cues(run):
    doc = run("attachment", "وفي البصرة، قتل أحد أفراد القوات الأمنية خلال اشتباكات في منطقة الكرمة.")
    [sent] = doc.sents
    owners = {u.text: owner for u, owner in zip(sent.places, sent.place_cues)}
    assert owners["البصرة"] is not None
    # an opener that is no place's (في صحيفة العربي الجديد نقرأ …) sets no scene
    assert assign([Cue("attack", 5, 6)], [2, 8], commas=[3], scene_end=3) == [0, 0]
    assert assign([Cue("attack", 5, 6)], [2, 8], commas=[3]) == [None, 0]


def test_an_operation_happened_where_what_it_set_out_to_do_is(run):
    doc = run("attachment", "وأطلقت تركيا عملية عسكرية لطرد وحدات حماية الشعب من منطقة عفرين.")
    [sent] = doc.sents
    kinds = [c.claim_type for c in sent.cues]
    assert sent.preventers.get(kinds.index("control")) == kinds.index("attack")
    # not when the places of the purpose lie beyond its object, in a clause of their own
    doc = run("attachment", "وبدأت تركيا هجوما في عفرين لاستهداف المقاتلين هناك إذ ترى أنهم مرتبطون بتمرد مسلح في تركيا.")
    [sent] = doc.sents
    assert sent.preventers == {}


def test_a_place_set_apart_by_not_shares_nothing_with_the_event(run):
    doc = run("attachment", "ويستهدف القتال محافظة درعا وليس المناطق التي تسيطر عليها المعارضة في محافظة القنيطرة.")
    assert doc.sents[0].preventers == {}


def test_an_attack_happened_where_what_it_enabled_did(run):
    doc = run("attachment", "على غرار الهجوم الذي مكنها من السيطرة على منطقة عفرين.")
    [sent] = doc.sents
    kinds = [c.claim_type for c in sent.cues]
    assert sent.preventers.get(kinds.index("control")) == kinds.index("attack")
    # من after أدى is no result preposition: إلى is
    doc = run("attachment", "وأدى انسحاب الجيش من الموصل إلى سيطرة داعش على المدينة.")
    [sent] = doc.sents
    kinds = [c.claim_type for c in sent.cues]
    assert all(sent.cues[k].claim_type == "control" for k in sent.preventers)


def test_the_place_a_control_clause_between_commas_describes_is_its_place(run):
    text = "وقال إن محافظة إدلب، الخاضعة لسيطرة فصائل مسلحة، ستكون الأولوية لقوات النظام، مؤكدا الحاجة لوجود القوات في سوريا."
    doc = run("attachment", text)
    sent = doc.sents[0]
    owners = {use.text: owner for use, owner in zip(sent.places, sent.place_cues)}
    assert owners["إدلب"] is not None


def test_a_place_after_a_contrast_is_not_the_cue_before_it(run):
    doc = run("attachment", "وقصفت الطائرات مواقع في ريف حلب، لكن الوضع في دمشق بقي هادئا.")
    [sent] = doc.sents
    owners = {use.text: owner for use, owner in zip(sent.places, sent.place_cues)}
    assert owners["حلب"] is not None and owners["دمشق"] is None


def test_a_place_after_a_contrast_goes_to_its_own_clauses_cue(run):
    doc = run("attachment", "وقصفت الطائرات مدينة حلب بينما كانت مدينة دوما تحت الحصار.")
    [sent] = doc.sents
    owners = {use.text: owner for use, owner in zip(sent.places, sent.place_cues)}
    words = [sent.tokens[c.start].text for c in sent.cues]
    assert words[owners["دوما"]] == "الحصار"


def test_until_is_no_contrast(run):
    doc = run("attachment", "وتواصل القوات هجومها على الممر الذي يشمل منبج إلى حين القضاء على التنظيم في تل أبيض.")
    [sent] = doc.sents
    owners = {use.text: owner for use, owner in zip(sent.places, sent.place_cues)}
    assert owners["تل أبيض"] is not None


def test_a_country_after_a_place_of_its_own_only_locates_it(run):
    doc = run("attachment", "وقصفت الطائرات الغوطة الشرقية التي تسيطر عليها المعارضة في سوريا.")
    roles = {u.text: u.role for u in doc.sents[0].places}
    assert roles["سوريا"] == "mention" and roles["الغوطة الشرقية"] == "event"
    doc = run("attachment", "وقصفت الطائرات مواقع في سوريا.")  # the country alone is the place
    assert [u.role for u in doc.sents[0].places] == ["event"]
