"""parties: a country or capital acting as a cue's subject is a party, and the cue's actor."""


def test_countries_acting_together_are_parties(run):
    doc = run("parties", "وشنت الولايات المتحدة وبريطانيا وفرنسا ضربات على سوريا فجر السبت.")
    [sent] = doc.sents
    roles = {u.text: u.role for u in sent.places}
    assert roles == {"الولايات المتحدة": "party", "بريطانيا": "party", "فرنسا": "party", "سوريا": "event"}
    assert [m.text for m in sent.acting.values()] == ["الولايات المتحدة"]


def test_a_country_after_a_preposition_does_not_act(run):
    doc = run("parties", "قصفت الطائرات مواقع في سوريا.")
    assert [u.role for u in doc.sents[0].places] == ["event"]
    assert doc.sents[0].acting == {}


def test_no_cue_no_party(run):
    doc = run("parties", "واشنطن مدينة كبيرة.")
    assert all(u.role == "event" for u in doc.sents[0].places)
