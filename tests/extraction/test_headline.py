"""The headline's statements: a title apart from the text is read on its own, a text file's first line with the
text; each headline statement has ``part`` "title" and offsets in the title, and the text's are unchanged."""

from __future__ import annotations

import dataclasses

from geonews.extraction.headline import headline_span, separate_headline
from geonews.reading.articles import Article, iter_articles

TITLE = "قوات النظام تسيطر على بلدة خان شيخون"
TEXT = ("قال المرصد السوري إن قوات النظام سيطرت على بلدة كفرنبودة في ريف حماة.\n"
        "وقصفت الطائرات الروسية مواقع في مدينة إدلب.")


def _claims(statements):
    return [(s.part, s.claim_type, s.modality, tuple(p.text for p in s.places if p.role == "event")) for s in statements]


def test_a_title_apart_from_the_text_gives_the_headline_statements_first(nlp):
    statements = nlp.statements(Article(id="a", text=TEXT, title=TITLE))
    head = [s for s in statements if s.part == "title"]
    assert [s.text for s in head] == [TITLE] and statements[0] is head[0]  # the headline first
    assert _claims(head) == [("title", "control", "asserted", ("خان شيخون",))]
    for s in statements:  # offsets in the part they name
        source = TITLE if s.part == "title" else TEXT
        assert source[s.start:s.end] == s.text
        assert all(source[p.start:p.end] == p.text for p in s.places)


def test_the_texts_statements_are_the_same_with_or_without_a_title(nlp):
    for text in (TEXT, "وأضاف أن الطائرات الروسية قصفت المدينة بعد ذلك."):
        with_title = [s for s in nlp.statements(Article(id="a", text=text, title=TITLE)) if s.part == "text"]
        without = nlp.statements(Article(id="a", text=text))
        assert [dataclasses.replace(s, title=None) for s in with_title] == without
    # nothing of the headline runs into the text: "المدينة" does not take the headline's town, as it does
    # when the headline is the text's first line
    (after,) = [s for s in nlp.statements(Article(id="a", text=text, title=TITLE)) if s.part == "text"]
    assert after.claim_type == "attack" and not after.places
    joined = nlp.statements(Article(id="a", text=f"{TITLE}\n{text}"))
    assert [p.text for p in joined[-1].places] == ["المدينة"]


def test_a_text_files_first_line_is_its_headline(nlp, tmp_path):
    path = tmp_path / "news.txt"
    path.write_text(f"\n  {TITLE}\n{TEXT}\n", encoding="utf-8")
    (article,) = iter_articles([path])
    assert article.title == TITLE and separate_headline(article) is None  # read once, with the text
    start, end = headline_span(article)
    assert article.text[start:end] == TITLE and start > 0
    statements = nlp.statements(article)
    head = [s for s in statements if s.part == "title"]
    assert _claims(head) == [("title", "control", "asserted", ("خان شيخون",))]
    assert all(TITLE[s.start:s.end] == s.text for s in head)  # offsets in the title, not the text
    assert all(article.text[s.start:s.end] == s.text for s in statements if s.part == "text")


def test_a_record_whose_text_begins_with_its_title_is_read_once(nlp):
    article = Article(id="a", text=f"{TITLE}\n{TEXT}", title=TITLE)
    statements = nlp.statements(article)
    assert [s.text for s in statements if s.part == "title"] == [TITLE]
    assert sum(s.text == TITLE for s in statements) == 1


def test_no_title_or_a_blank_one_reads_the_text_only(nlp):
    for title in (None, "", "   "):
        statements = nlp.statements(Article(id="a", text=TEXT, title=title))
        assert statements and {s.part for s in statements} == {"text"}


def test_a_headline_name_the_text_names_too_is_the_texts_place(nlp):
    title = "خروج دفعة ثالثة من مهجري القنيطرة باتجاه الشمال السوري"
    text = "وخرجت الحافلات من محافظة القنيطرة جنوب سوريا نحو إدلب بعد الاتفاق مع قوات النظام."
    with_text = nlp.statements(Article(id="a", text=text, title=title))
    in_text = {p.text: p.place.id for s in with_text if s.part == "text" for p in s.places if p.place is not None}
    head = {p.text: p.place.id for s in with_text if s.part == "title" for p in s.places if p.place is not None}
    # alone the headline has no story to read the name in; with it, the name is the story's Quneitra
    assert head["القنيطرة"] == in_text["القنيطرة"]
    assert next(p.place.country_code for s in with_text for p in s.places if p.text == "القنيطرة") == "SY"
