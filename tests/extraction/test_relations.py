"""relations: the relation cue before a place; a side word with a pronoun repeats the place."""

import pytest


@pytest.mark.parametrize(("text", "name", "relation"), [
    ("تقدمت القوات إلى وسط مدينة منبج.", "منبج", "center"),
    ("قصفت الطائرات ريف اللاذقية.", "اللاذقية", "countryside"),
    ("سيطرت القوات على أراضي جنوبي دمشق.", "دمشق", "south"),
    ("قصفت الطائرات حلب.", "حلب", "in"),
])
def test_relation_before_the_place(run, text, name, relation):
    doc = run("relations", text)
    [use] = [u for u in doc.sents[0].places if u.text == name]
    assert use.relation == relation


def test_a_side_word_with_a_pronoun_repeats_the_place(run):
    doc = run("relations", "طرد الجيش التنظيم من جنوبي دمشق وشماليها.")
    places = doc.sents[0].places
    assert [(u.text, u.relation) for u in places] == [("دمشق", "south"), ("شماليها", "north")]
    assert places[1].place == places[0].place and places[1].mention is None


@pytest.mark.parametrize(("text", "name", "relation"), [
    ("وقصفت الطائرات مواقع جنوب غربي سوريا.", "سوريا", "southwest"),
    ("تقدمت القوات شمال شرق حلب.", "حلب", "northeast"),
    ("وقعت اشتباكات جنوب شرق دمشق.", "دمشق", "southeast"),
    ("سيطرت القوات على قرى شمال غربي حماة.", "حماة", "northwest"),
])
def test_compound_directions(run, text, name, relation):
    """جنوب غربي سوريا is southwest, not west."""
    doc = run("relations", text)
    [use] = [u for u in doc.sents[0].places if u.text == name]
    assert use.relation == relation


@pytest.mark.parametrize(("text", "relation"), [
    ("قصفت الطائرات مواقع في الشمال الشرقي من سوريا.", "northeast"),   # a direction as a noun, then من
    ("قصفت الطائرات مواقع في الجنوب من لبنان.", "south"),
    ("استهدفت الغارة مواقع بالقرب من حمص.", "near"),                  # the cue itself ends with من
])
def test_a_direction_noun_before_min(run, text, relation):
    doc = run("relations", text)
    [use] = doc.sents[0].places
    assert use.relation == relation


def test_the_dual_of_countryside_covers_both_places(run):
    doc = run("relations", "وتتمركز القوات التركية في نقاط المراقبة في ريفي حماة وإدلب، وفي ريف حلب ومنبج.")
    relations = [(u.text, u.relation) for u in doc.sents[0].places]
    assert relations == [("حماة", "countryside"), ("إدلب", "countryside"), ("حلب", "countryside"), ("منبج", "in")]
