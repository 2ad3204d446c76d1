"""The registry of pipeline components: a component is a function ``doc -> doc`` registered by name.

>>> from geonews.extraction.registry import component
>>> @component("shout", requires=("sent.text",), sets=("sent.text",))   # doctest: +SKIP
... def shout(doc):
...     return doc

``requires`` and ``sets`` name what a component reads and writes (``doc.tokens``, ``sent.places`` …):
:meth:`~geonews.extraction.pipeline.Pipeline.analyze` checks them against the order of a pipeline.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

__all__ = ["ComponentInfo", "component", "registered"]


@dataclass(frozen=True, slots=True)
class ComponentInfo:
    """A registered component: its name, function, what it reads and what it sets."""

    name: str
    func: Callable
    requires: tuple[str, ...]
    sets: tuple[str, ...]

    @property
    def summary(self) -> str:
        """The first line of the component's docstring."""
        return (self.func.__doc__ or "").strip().splitlines()[0] if self.func.__doc__ else ""


_REGISTRY: dict[str, ComponentInfo] = {}


def component(name: str, *, requires: tuple[str, ...] = (), sets: tuple[str, ...] = ()) -> Callable:
    """Register a function ``doc -> doc`` as the component ``name``."""

    def register(func: Callable) -> Callable:
        known = _REGISTRY.get(name)
        if known is not None and known.func.__qualname__ != func.__qualname__:
            raise ValueError(f"Expected a new component name, instead got one already registered: {name!r}.")
        _REGISTRY[name] = ComponentInfo(name, func, tuple(requires), tuple(sets))
        return func

    return register


def registered(name: str) -> ComponentInfo:
    """The component registered as ``name``."""
    from . import components  # noqa: F401  (registers the built-in components)

    info = _REGISTRY.get(name)
    if info is None:
        raise ValueError(f"Expected a registered component among {sorted(_REGISTRY)}, instead got: {name!r}.")
    return info
