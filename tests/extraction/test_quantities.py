"""quantities: figures with their units; a number of people after a verb of killing counts the killed."""

import pytest

from geonews.extraction.components.quantities import find_quantities


@pytest.mark.parametrize(("text", "expected"), [
    ("تحرير أكثر من 12 ألف كيلومتراً مربعاً", [(12000, "km2")]),
    ("586 نقطة مأهولة بالسكان", [(586, "localities")]),
    ("تمكنوا من قتل أكثر من 25 من عناصر داعش", [(25, "killed")]),
    ("مقتل ٣٥ مدنياً وإصابة ١٢٠ جريحا", [(35, "killed"), (120, "wounded")]),
    ("يسيطرون على أكثر من 70 من أراضي سورية", []),                 # no unit written: no figure
    ("يسيطرون على 70 في المئة من أراضي سورية", [(70, "percent")]),
    ("حوالي 4.5 ألف شخص", [(4500, "people")]),
    ("في عام 2016 وصل الوفد", []),
])
def test_quantities(lex, text, expected):
    assert [(q.value, q.unit) for q in find_quantities(text, lex)] == expected


def test_approximation_words_are_part_of_the_figure(lex):
    [q] = find_quantities("قتل نحو 20 مسلحا", lex)
    assert q.text == "نحو 20 مسلحا" and q.unit == "killed"
    [q] = find_quantities("سقط أكثر من 30 صاروخا", lex)
    assert q.text.startswith("أكثر من 30")


def test_component_gives_each_figure_its_token(run):
    doc = run("quantities", "سيطرت القوات على 12 بلدة وقتل 20 مسلحا.")
    [sent] = doc.sents
    assert [(sent.tokens[i].text, q.unit) for i, q in sent.quantities] == [("12", "localities"), ("20", "killed")]


def test_quiet_sentences_are_passed_by(run):
    doc = run("quantities", "الطقس معتدل اليوم وبلغت الحرارة 30 درجة.")
    assert doc.sents[0].quiet and doc.sents[0].quantities == []


@pytest.mark.parametrize(("text", "expected"), [
    ("قتل رجل وأصيب 6 آخرون", [(1, "killed"), (6, "wounded")]),          # killed and wounded apart
    ("شنت الطائرات خمس وعشرين غارة على إدلب", [(25, "strikes")]),       # numbers in words
    ("قتل ما لا يقل عن 14 مدنيا", [(14, "killed")]),                    # an approximation before the number
    ("أصيب جنديان في الهجوم", [(2, "wounded")]),                         # a dual
    ("وقتل ثلاثة أشخاص", [(3, "killed")]),
    ("الاثنين الماضي وصل الوفد", []),                                    # Monday is no number
])
def test_casualties(lex, text, expected):
    assert [(q.value, q.unit) for q in find_quantities(text, lex)] == expected


def test_an_approximation_phrase_is_part_of_the_figure(lex):
    [q] = find_quantities("قتل ما لا يقل عن 14 مدنيا", lex)
    assert q.text == "ما لا يقل عن 14 مدنيا"


@pytest.mark.parametrize(("text", "value"), [
    ("ولقي خمسة أشخاص مصرعهم في قصف على دوما.", 5),
    ("لقي 12 مدنيا حتفهم في غارات على إدلب.", 12),
])
def test_a_word_of_death_after_the_people_counts_the_killed(run, text, value):
    doc = run("quantities", text)
    assert [(q.value, q.unit) for _, q in doc.sents[0].quantities] == [(value, "killed")]
