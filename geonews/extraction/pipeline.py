"""The statement stage composed in one visible place: a list of named components run over one document.

>>> from gazetteer import Gazetteer
>>> nlp = Pipeline(Gazetteer())                                   # doctest: +SKIP
>>> nlp.pipe_names                                                # doctest: +SKIP
['tokens', 'sentences', 'mentions', 'speakers', 'triage', 'actors', 'relations', 'anaphora', 'place_roles',
 'cues', 'parties', 'quantities', 'attachment', 'arguments', 'areas', 'statements']
>>> statements = nlp.statements(article)                          # doctest: +SKIP
>>> for d in nlp.explain(article): print(d)                       # doctest: +SKIP

Each component is a function ``doc -> doc`` registered by name (:mod:`geonews.extraction.registry`) that
reads what earlier components set on the :class:`~geonews.extraction.document.Doc` and adds its own; the
pipeline is the list of their names, which a user can change (:meth:`Pipeline.add_pipe`,
:meth:`Pipeline.remove_pipe`, :meth:`Pipeline.select_pipes`). :meth:`Pipeline.analyze` says what each
component needs and sets, and which needs no earlier component meets.
"""

from __future__ import annotations

import weakref
from collections import Counter
from collections.abc import Iterable

from gazetteer import Gazetteer, normalize

from geonews.model import Statement

from .document import Decision, Doc
from .headline import separate_headline
from .lexicons import Lexicons, load_lexicons
from .registry import ComponentInfo, registered

__all__ = ["DEFAULT_PIPELINE", "Pipeline", "default_pipeline", "extract_statements", "find_ahead"]

#: The components of the statement stage, in order.
DEFAULT_PIPELINE = ("tokens", "sentences", "mentions", "lists", "speakers", "triage", "clauses", "actors", "relations",
                    "anaphora", "place_roles", "cues", "modality", "parties", "quantities", "attachment", "arguments",
                    "areas", "statements")


class Pipeline:
    """Named components over one document per article.

    Parameters
    ----------
    gazetteer : Gazetteer
        Finds and resolves the place names (one per process: it is large).
    names : iterable of str
        The components, in order (default :data:`DEFAULT_PIPELINE`).
    lexicons : Lexicons, optional
        The word lists (default: the bundled ones).
    """

    def __init__(self, gazetteer: Gazetteer, names: Iterable[str] = DEFAULT_PIPELINE,
                 lexicons: Lexicons | None = None) -> None:
        self.gazetteer = gazetteer
        self.lexicons = lexicons or load_lexicons()
        self._components: list[ComponentInfo] = [registered(name) for name in names]
        #: id of an article -> (the article, its place mentions), found by :meth:`find_ahead`
        self._ahead: dict[int, tuple[object, list]] = {}

    # -- the list of components ----------------------------------------------------------------
    @property
    def pipe_names(self) -> list[str]:
        """The components' names, in order."""
        return [c.name for c in self._components]

    def add_pipe(self, name: str, *, before: str | None = None, after: str | None = None) -> None:
        """Insert the registered component ``name`` (at the end, or before/after another)."""
        info = registered(name)
        if name in self.pipe_names:
            raise ValueError(f"Expected a component not yet in the pipeline, instead got: {name!r}.")
        if before is not None and after is not None:
            raise ValueError("Expected one of before= and after=, instead got both.")
        anchor = before or after
        where = len(self._components) if anchor is None else self._position(anchor) + (after is not None)
        self._components.insert(where, info)

    def remove_pipe(self, name: str) -> None:
        """Take the component ``name`` out of the pipeline."""
        del self._components[self._position(name)]

    def select_pipes(self, *, disable: Iterable[str]) -> Pipeline:
        """A pipeline like this one without the components named in ``disable``."""
        disable = set(disable)
        unknown = disable - set(self.pipe_names)
        if unknown:
            raise ValueError(f"Expected components of the pipeline, instead got: {sorted(unknown)!r}.")
        return Pipeline(self.gazetteer, [n for n in self.pipe_names if n not in disable], self.lexicons)

    def _position(self, name: str) -> int:
        try:
            return self.pipe_names.index(name)
        except ValueError:
            raise ValueError(f"Expected a component among {self.pipe_names}, instead got: {name!r}.") from None

    def analyze(self) -> list[dict]:
        """What each component needs and sets, and which of its needs no earlier component sets."""
        out, available = [], set()
        for info in self._components:
            out.append({"name": info.name, "summary": info.summary, "requires": list(info.requires),
                        "sets": list(info.sets), "unmet": [r for r in info.requires if r not in available]})
            available.update(info.sets)
        return out

    # -- running -------------------------------------------------------------------------------
    def __call__(self, article, *, trace: bool = False, known_places: dict | None = None) -> Doc:
        """Run every component over a new document of ``article`` (its text; a title not in the text is
        read apart by :meth:`statements`, with ``known_places``: how the text resolved its names), with its place
        mentions when :meth:`find_ahead` found them."""
        doc = Doc(article, self.gazetteer, self.lexicons, trace=trace)
        doc.known_places = known_places
        if self._ahead:
            found = self._ahead.pop(id(article), None)
            if found is not None and found[0] is article:
                doc.found_ahead = found[1]
        for info in self._components:
            doc = info.func(doc)
        return doc

    def find_ahead(self, articles: Iterable) -> None:
        """Find the place names of ``articles`` now, one text after another, for their documents made next
        (the ``mentions`` component takes them instead of calling ``Gazetteer.find``; the same mentions).

        ``Gazetteer.find`` over texts in a row keeps its tables in the processor's caches, where the statement
        stage run between two texts pushes them out (a batch of articles runs faster so). What was found ahead
        for articles not run next is forgotten at the next call. An article whose ``find`` raises is left to
        its own run, which raises the same error where it always did.
        """
        find, ahead = self.gazetteer.find, {}
        for article in articles:
            try:
                ahead[id(article)] = (article, find(article.text))
            except Exception:  # noqa: BLE001 -- the article's own run raises it (and reports it) again
                continue
        self._ahead = ahead

    def statements(self, article) -> list[Statement]:
        """The article's statements, the headline's first, in text order; each with its ``part``
        (``"title"`` or ``"text"``) and offsets in that part (:mod:`~geonews.extraction.headline`)."""
        head = separate_headline(article)  # a title apart from the text: its own document, all headline
        doc = self(article)
        if head is None:
            return doc.statements
        return self(head, known_places=_readings(doc)).statements + doc.statements

    def explain(self, article) -> list[Decision]:
        """Every decision the components took on ``article``, in the order they took them."""
        return self(article, trace=True).trace


def _readings(doc: Doc) -> dict:
    """How a document resolved each name it names (normal form -> the place it resolved to most often)."""
    counts: dict[str, Counter] = {}
    places = {}
    for m in doc.mentions:
        if m.place is not None:
            counts.setdefault(normalize(m.text), Counter())[m.place.id] += 1
            places[m.place.id] = m.place
    return {name: places[c.most_common(1)[0][0]] for name, c in counts.items()}


#: The default pipeline of each gazetteer in use.
_PIPELINES: weakref.WeakKeyDictionary[Gazetteer, Pipeline] = weakref.WeakKeyDictionary()


def default_pipeline(gazetteer: Gazetteer) -> Pipeline:
    """The default pipeline of ``gazetteer`` (made on first use, one per gazetteer)."""
    pipeline = _PIPELINES.get(gazetteer)
    if pipeline is None:
        pipeline = _PIPELINES[gazetteer] = Pipeline(gazetteer)
    return pipeline


def extract_statements(article, gazetteer: Gazetteer) -> list[Statement]:
    """Every statement of an article that names a place or makes a claim, in text order (the default
    pipeline, one per gazetteer)."""
    return default_pipeline(gazetteer).statements(article)


def find_ahead(articles: Iterable, gazetteer: Gazetteer) -> None:
    """Find the place names of the articles about to be given to :func:`extract_statements`, one text after
    another (:meth:`Pipeline.find_ahead` of the default pipeline): faster over a batch, the same statements."""
    default_pipeline(gazetteer).find_ahead(articles)
