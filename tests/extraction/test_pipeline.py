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
