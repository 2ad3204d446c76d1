"""actors: actors named in a sentence; place names inside actor names are no places."""

import pytest

from geonews.extraction.components.actors import find_actors


def test_actor_spans_and_sides(run):
    doc = run("actors", "سيطرت قوات سوريا الديمقراطية على بلدة قرب منبج بعد معارك مع داعش.")
    [sent] = doc.sents
    assert [(a.text, a.actor.side) for a in sent.actors] == [("قوات سوريا الديمقراطية", "sdf"), ("داعش", "isis")]
    assert [use.text for use in sent.places] == ["منبج"]


def test_a_place_inside_a_longer_actor_name_is_part_of_the_name(run):
    doc = run("actors", "سيطرت هيئة تحرير الشام على إدلب.", trace=True)
    [sent] = doc.sents
    assert [a.text for a in sent.actors] == ["هيئة تحرير الشام"]
    assert "الشام" not in [use.text for use in sent.places]
    assert any(d.subject == "الشام" and d.decision == "not a place" for d in doc.trace)


def test_the_speaker_is_not_an_actor(run):
    doc = run("actors", "أكد الجيش الروسي أن داعش انسحب من تدمر.")
    [sent] = doc.sents
    assert [a.text for a in sent.actors] == ["داعش"]


def test_target_markers_and_clitics(lex):
    text = "شنت القوات هجوما ضد داعش وقصفت مواقع للإرهابيين"
    tokens = lex.tokenize(text)
    found = {a.text: a for a in find_actors(tokens, lex, text, 0, masked=set())}
    assert found["داعش"].target  # ضد before it
    assert found["الإرهابيين"].genitive  # the genitive ل is dropped from the name as written


def test_nationality_adjective_after_an_attack_noun_names_the_actor(lex):
    text = "استهدفت غارات روسية مواقع المعارضة"
    tokens = lex.tokenize(text)
    assert [(a.text, a.actor.side) for a in find_actors(tokens, lex, text, 0, masked=set())][0] == ("روسية", "russia")


def test_a_head_noun_keeps_the_letters_it_begins_with(run):
    """وحدات، فصائل، وزراء begin with و/ف as written: no conjunction is cut off them; one written before
    them is (ووحدات، وفصائل)."""
    doc = run("actors", "تقدمت وحدات الجيش بعد انسحاب فصائل المعارضة. ووحدات الجيش وفصائل المعارضة تقدمت نحو البلدة.")
    first, second = doc.sents
    assert [a.text for a in first.actors] == ["وحدات الجيش", "فصائل المعارضة"]
    assert [a.text for a in second.actors] == ["وحدات الجيش", "فصائل المعارضة"]


def test_a_preposition_clitic_comes_off_without_adding_an_article(run):
    """لقوات النظام is ل + قوات النظام; للإرهابيين is ل + الإرهابيين."""
    doc = run("actors", "وتفجير عربة مفخخة في تجمع لقوات النظام قرب المدينة. وقصف مواقع للإرهابيين.")
    assert [a.text for a in doc.sents[0].actors] == ["قوات النظام"]
    assert [a.text for a in doc.sents[1].actors] == ["الإرهابيين"]


def test_a_nationality_agreeing_with_an_indefinite_noun_is_no_place(run):
    # فصائل سورية: Syrian factions (the phrase goes on over the name); their side is no state's
    doc = run("actors", "سيطرت فصائل سورية موالية لأنقرة على بلدة كفرنبل.")
    [sent] = doc.sents
    [factions] = [a for a in sent.actors if a.text.startswith("فصائل")]
    assert factions.text == "فصائل سورية موالية" and factions.actor is None
    assert "سورية" not in [use.text for use in sent.places]
    # a state's forces named by the adjective keep that state (مقاتلات حربية سورية)
    doc = run("actors", "قصفت مقاتلات حربية سورية بلدة كفرنبل.")
    [planes] = doc.sents[0].actors
    assert planes.actor is not None and planes.actor.side == "government"
    # a definite noun before the name: the name is the place entered (دخلت القوات سورية)
    doc = run("actors", "عبرت قوات النظام إلى سورية من لبنان.")
    assert "سورية" in [use.text for use in doc.sents[0].places]


def test_an_actor_phrase_pairs_its_brackets(run):
    doc = run("actors", "يقوم النظام (السوري) بحملة في صيدنايا.")
    assert all(a.text.count("(") == a.text.count(")") for a in doc.sents[0].actors)


def test_a_construct_actor_takes_the_countries_after_it(run):
    doc = run("actors", "واجتمع وزراء خارجية روسيا وإيران وتركيا في موسكو.")
    [sent] = doc.sents
    assert [a.text for a in sent.actors] == ["وزراء خارجية روسيا وإيران وتركيا"]
    assert [u.text for u in sent.places] == ["موسكو"]
    # a definite phrase has no genitive after it: the country is the verb's object (دخلت القوات التركية سوريا)
    doc = run("actors", "ودخلت القوات التركية سوريا.")
    assert [u.text for u in doc.sents[0].places] == ["سوريا"]


@pytest.mark.parametrize(("text", "actor", "actor_id"), [
    # a nationality right after a named actor is that actor's, not an actor of its own
    ("نفذت قوات النظام السوري مئات الضربات الجوية على بلدات في درعا.", "قوات النظام السوري", "syrian-army"),
    # a state's forces named generically are the adjective's state's; a side no nationality names keeps its own
    ("وقصفت القوات الحكومية العراقية مواقع في الموصل.", "القوات الحكومية العراقية", "iraqi-army"),
    ("وقصفت قوات المعارضة السورية مواقع في حلب.", "قوات المعارضة السورية", "fsa"),
])
def test_a_nationality_after_a_named_actor_is_part_of_it(run, text, actor, actor_id):
    doc = run("actors", text)
    [sent] = doc.sents
    assert [(a.text, a.actor.id) for a in sent.actors] == [(actor, actor_id)]


def test_a_place_inside_a_group_name_is_no_place(run):
    doc = run("statements", "وتسيطر هيئة تحرير الشام وجماعات أخرى منها حراس الدين وأنصار الشام على أكبر حصة من منطقة إدلب.")
    places = {p.text for st in doc.sents[0].statements for p in st.places}
    assert places == {"إدلب"}
