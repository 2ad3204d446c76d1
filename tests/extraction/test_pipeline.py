"""The pipeline: named components in one visible list a user can change, introspection, and the same
statements as the one-call entry point."""

import json

import pytest

from geonews.extraction.pipeline import DEFAULT_PIPELINE, Pipeline, extract_statements
from geonews.extraction.registry import component, registered
from geonews.reading.articles import Article, iter_articles

from conftest import shared_data


def test_default_order_and_every_component_has_a_module(nlp):
    assert nlp.pipe_names == list(DEFAULT_PIPELINE)
    for name in DEFAULT_PIPELINE:
        info = registered(name)
        assert info.func.__module__ == f"geonews.extraction.components.{name}"
        assert info.summary  # a docstring that says what it does


def test_analyze_finds_no_unmet_need_in_the_default_order(nlp):
    assert [row["unmet"] for row in nlp.analyze()] == [[] for _ in DEFAULT_PIPELINE]


def test_analyze_names_the_need_a_removed_component_leaves(gz):
    nlp = Pipeline(gz)
    nlp.remove_pipe("speakers")
    unmet = {row["name"]: row["unmet"] for row in nlp.analyze()}
    assert "sent.speaker_span" in unmet["actors"] and "sent.speaker_span" in unmet["place_roles"]


def test_without_speakers_statements_have_none(gz):
    article = Article(id="t", text="قال المرصد إن قوات النظام سيطرت على بلدة في ريف حماة.")
    full = Pipeline(gz).statements(article)
    bare = Pipeline(gz).select_pipes(disable=["speakers"]).statements(article)
    assert {s.speaker for s in full} == {"المرصد"} and {s.speaker for s in bare} == {None}


def test_add_a_component_of_ones_own(gz):
    @component("drop_mentions", requires=("sent.statements",), sets=("sent.statements",))
    def drop_mentions(doc):
        """Keep only claims."""
        for sent in doc.sents:
            sent.statements = [s for s in sent.statements if s.claim_type != "mention"]
        return doc

    nlp = Pipeline(gz)
    nlp.add_pipe("drop_mentions", after="statements")
    assert nlp.pipe_names[-1] == "drop_mentions"
    article = Article(id="t", text="الطقس في دمشق معتدل. وقصفت الطائرات مواقع في إدلب.")
    assert [s.claim_type for s in nlp.statements(article)] == ["attack"]
    with pytest.raises(ValueError, match="not yet in the pipeline"):
        nlp.add_pipe("drop_mentions")


def test_unknown_names_are_refused(gz):
    with pytest.raises(ValueError, match="registered component"):
        Pipeline(gz, ["tokens", "nonsense"])
    with pytest.raises(ValueError, match="components of the pipeline"):
        Pipeline(gz).select_pipes(disable=["nonsense"])


def test_explain_says_which_component_decided_what(nlp):
    article = Article(id="t", text="وشنت الولايات المتحدة ضربات على سوريا. وقصف التنظيم ومقره الرقة مواقع. قال المرصد إن القوات تقدمت.")
    decisions = nlp.explain(article)
    by = {(d.component, d.subject): d for d in decisions}
    assert by[("parties", "الولايات المتحدة")].decision == "party"
    assert by[("place_roles", "الرقة")].decision == "origin"
    assert by[("speakers", "المرصد")].decision == "speaker"
    assert ("statements", "سوريا") in by
    components = [d.component for d in decisions]
    assert set(components) <= set(DEFAULT_PIPELINE)


def test_explain_does_not_change_the_statements(nlp, seed_path):
    article = next(iter_articles([seed_path]))
    traced = nlp(article, trace=True).statements
    assert [s.to_dict() for s in traced] == [s.to_dict() for s in nlp.statements(article)]


def test_entry_point_is_the_default_pipeline(gz, nlp):
    path = shared_data("ant_conflict_dev.jsonl")
    articles = [a for a, _ in zip(iter_articles([path]), range(40))]
    for article in articles:
        assert ([json.dumps(s.to_dict(), ensure_ascii=False) for s in extract_statements(article, gz)]
                == [json.dumps(s.to_dict(), ensure_ascii=False) for s in nlp.statements(article)])


def test_documents_share_no_state(nlp):
    first = Article(id="a", text="قال وزير الدفاع الروسي إن القوات تقدمت نحو تدمر.")
    second = Article(id="b", text="وأضاف أن الطيران قصف مواقع في الرقة.")
    nlp.statements(first)
    [s] = nlp.statements(second)
    assert s.speaker is None  # the first article's speaker does not go on into the second


def test_every_dev_article_extracts(nlp):
    """All 1,306 ANT articles go through every component without an error."""
    for article in iter_articles([shared_data("ant_conflict_dev.jsonl")]):
        nlp.statements(article)


def _lines(statements):
    return [json.dumps(s.to_dict(), ensure_ascii=False) for s in statements]


def test_mentions_found_ahead_give_the_same_statements_without_finding_again(gz, monkeypatch):
    """Pipeline.find_ahead: the place names of a batch found first, one text after another; each article's
    run then takes its own (no second Gazetteer.find) and states what it states run alone."""
    path = shared_data("ant_conflict_dev.jsonl")
    articles = [a for a, _ in zip(iter_articles([path]), range(60))]
    alone = [_lines(Pipeline(gz).statements(a)) for a in articles]
    nlp = Pipeline(gz)
    nlp.find_ahead(articles)
    asked = []
    real = gz.find
    monkeypatch.setattr(gz, "find", lambda text, *a, **k: asked.append(text) or real(text, *a, **k))
    texts = {a.text for a in articles}
    assert [_lines(nlp.statements(a)) for a in articles] == alone
    assert [t for t in asked if t in texts] == []  # every text's mentions came from find_ahead (a title apart
    # from the text is its own document, found in its run)
    nlp.statements(articles[0])  # what was found ahead is taken once: a second run finds again
    assert [t for t in asked if t in texts] == [articles[0].text]


def test_find_ahead_forgets_the_last_batch_and_leaves_a_failing_text_to_its_own_run(gz, monkeypatch):
    one = Article(id="a", text="قصفت الطائرات مواقع في الرقة.")
    two = Article(id="b", text="سيطرت القوات على منبج.")
    three = Article(id="c", text="قال المرصد إن القوات تقدمت نحو تدمر.")
    real = gz.find
    failing = {two.text}

    def find(text, *a, **k):
        asked.append(text)
        if text in failing:
            raise RuntimeError("boom")
        return real(text, *a, **k)

    asked = []
    monkeypatch.setattr(gz, "find", find)
    nlp = Pipeline(gz)
    nlp.find_ahead([one, two])  # two's error is not raised here ...
    with pytest.raises(RuntimeError, match="boom"):
        nlp.statements(two)  # ... but in its own run, which finds again
    nlp.find_ahead([three])
    asked.clear()
    nlp.statements(one)  # found ahead in the batch before the last one: found again
    nlp.statements(three)
    assert asked == [one.text]
