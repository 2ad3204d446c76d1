"""mentions: the gazetteer's mentions of the whole article, each given to its sentence."""


def test_each_sentence_gets_the_mentions_inside_it(run):
    text = "تقدمت القوات نحو منبج. الطقس معتدل. وقصفت الطائرات حلب وإدلب."
    doc = run("mentions", text)
    assert [m.text for m in doc.mentions] == ["منبج", "حلب", "إدلب"]
    assert [[m.text for m in s.mentions] for s in doc.sents] == [["منبج"], [], ["حلب", "إدلب"]]
    for sent in doc.sents:
        assert all(sent.start <= m.start and m.end <= sent.end for m in sent.mentions)


def test_names_resolve_in_the_articles_context(run):
    doc = run("mentions", "قصفت الطائرات حماة. وتقدمت القوات في ريف حماة الشمالي.")
    assert {m.place.country_code for m in doc.mentions} == {"SY"}


def test_explain_notes_every_mention(run):
    doc = run("mentions", "تقدمت القوات نحو منبج.", trace=True)
    assert [(d.component, d.subject) for d in doc.trace] == [("mentions", "منبج")]
    assert "Manbij" in doc.trace[0].decision
