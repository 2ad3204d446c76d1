"""The headline's statements: read with the text, or apart from it, and put where they are.

An article's headline states claims like any sentence (``ANNOTATION.md``: "the headline included"). A
text file's headline is its first line, inside the text: its statements are found with the text's and
only marked. A JSON Lines record's ``title`` (or an HTML page's ``<title>``) is not in the text: it is
read as a document of its own, so that nothing of it (a speaker, a place a later "المدينة" would take)
runs into the text, and the text's statements stay what they are without it. A headline statement has
``part`` ``"title"`` and offsets in the title; every other, ``part`` ``"text"`` and offsets in the text.

>>> from geonews.reading.articles import Article
>>> headline_span(Article(id="a", text="اشتباكات في حلب\\nجرت اشتباكات.", title="اشتباكات في حلب"))
(0, 15)
>>> headline_span(Article(id="b", text="جرت اشتباكات في حلب.", title="اشتباكات في حلب")) is None
True
"""

from __future__ import annotations

import dataclasses
import re
import types

from geonews.model import Statement

__all__ = ["as_headline", "headline_span", "separate_headline"]


def headline_span(article) -> tuple[int, int] | None:
    """Where the article's title is in its text (the text begins with it, after white space), else ``None``."""
    title = (getattr(article, "title", None) or "").strip()
    if not title:
        return None
    text = article.text
    start = _LEADING_SPACE.match(text).end()  # (the text is not copied, as lstrip would)
    return (start, start + len(title)) if text.startswith(title, start) else None


_LEADING_SPACE = re.compile(r"\s*")


def separate_headline(article):
    """The article's title as a document of its own (the article with the title as its text), or ``None``
    when it has no title or its text begins with it."""
    title = getattr(article, "title", None) or ""
    if not title.strip() or headline_span(article) is not None:
        return None
    if dataclasses.is_dataclass(article):
        return dataclasses.replace(article, text=title)
    return types.SimpleNamespace(**{**vars(article), "text": title})


def as_headline(statement: Statement, offset: int = 0) -> Statement:
    """``statement`` as one of the headline's: ``part`` ``"title"``, offsets ``offset`` less (where the
    title begins in the text it was read in)."""
    if offset == 0:
        return dataclasses.replace(statement, part="title")
    places = tuple(dataclasses.replace(p, start=p.start - offset, end=p.end - offset) for p in statement.places)
    return dataclasses.replace(statement, start=statement.start - offset, end=statement.end - offset,
                               places=places, part="title")
