"""anaphora: البلاد names the last country named before."""


def test_the_country_word_takes_the_last_country(run):
    doc = run("anaphora", "زار الوفد سوريا. وقصفت الطائرات مواقع في البلاد.")
    [use] = doc.sents[1].places
    assert use.text == "البلاد" and use.place.country_code == "SY" and use.mention is None


def test_no_country_named_before_no_place(run):
    doc = run("anaphora", "قصفت الطائرات مواقع في البلاد.")
    assert doc.sents[0].places == []


def test_clitics_stay_outside_the_name(run):
    text = "زار الوفد العراق. وعاد الهدوء للبلاد."
    doc = run("anaphora", text)
    [use] = doc.sents[1].places
    assert text[use.start:use.end] == use.text and use.place.country_code == "IQ"
