"""The layers do not leak: imports run one way (ARCHITECTURE.md), and geonews reads places only through
the gazetteer's public API."""

from __future__ import annotations

import ast
import importlib.util
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
#: The gazetteer's public modules (``gazetteer`` itself and these).
GAZETTEER_PUBLIC = {"gazetteer", "gazetteer.tables", "gazetteer.morphology", "gazetteer.lexicon"}
#: Build scripts (not run by the library) may read the registry packages through the gazetteer's sources.
BUILD_SCRIPTS = {"geonews.geometry.build_countries": {"gazetteer.sources.natural_earth"}}
#: Package -> the geonews packages it must never import.
NEVER = {
    "geonews.reading": {"geonews.extraction", "geonews.output", "geonews.maps", "geonews.cli", "geonews.batch"},
    "geonews.geometry": {"geonews.reading", "geonews.extraction", "geonews.output", "geonews.maps", "geonews.cli",
                         "geonews.batch"},
    "geonews.extraction": {"geonews.output", "geonews.maps", "geonews.cli", "geonews.batch", "geonews.files"},
    "geonews.output": {"geonews.maps", "geonews.cli"},
    "geonews.maps": {"geonews.cli", "geonews.batch"},
}


def _module(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path) -> set[str]:
    """Every module a file imports (relative imports made absolute), at any depth of the file."""
    module = _module(path)
    package = module if path.name == "__init__.py" else module.rsplit(".", 1)[0]
    out = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            out.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[:len(package.split(".")) - node.level + 1]
                base = ".".join(anchor + ([base] if base else []))
            out.add(base)
            if base != "gazetteer":  # names from the gazetteer's own namespace are its public API
                out.update(f"{base}.{alias.name}" for alias in node.names if _is_module(f"{base}.{alias.name}"))
    return out


def _is_module(name: str) -> bool:
    try:
        return importlib.util.find_spec(name) is not None
    except (ImportError, ValueError):
        return False


FILES = sorted((ROOT / "geonews").rglob("*.py"))


@pytest.mark.parametrize("path", FILES, ids=lambda p: str(p.relative_to(ROOT)))
def test_imports_run_one_way(path):
    module = _module(path)
    forbidden = next((banned for package, banned in NEVER.items() if module == package or module.startswith(package + ".")),
                     set())
    wrong = sorted(i for i in _imports(path) for b in forbidden if i == b or i.startswith(b + "."))
    assert not wrong, f"{module} imports {wrong}"


@pytest.mark.parametrize("path", FILES, ids=lambda p: str(p.relative_to(ROOT)))
def test_geonews_uses_only_the_gazetteers_public_api(path):
    allowed = GAZETTEER_PUBLIC | BUILD_SCRIPTS.get(_module(path), set())
    private = sorted(i for i in _imports(path) if i.startswith("gazetteer.") and i not in allowed)
    assert not private, f"{_module(path)} imports the gazetteer's internals {private}"


def test_gazetteer_imports_nothing_of_geonews():
    for path in sorted((ROOT / "gazetteer").rglob("*.py")):
        assert not [i for i in _imports(path) if i == "geonews" or i.startswith("geonews.")], path


def test_extraction_never_touches_the_gazetteers_index(gz, seed_path, monkeypatch):
    """Run the whole pipeline with the gazetteer's ``index`` property unreachable from geonews code."""
    import inspect

    from gazetteer import Gazetteer
    from geonews.extraction.pipeline import Pipeline
    from geonews.reading.articles import iter_articles

    real = Gazetteer.index

    def guarded(self):
        caller = inspect.stack()[1].frame.f_globals.get("__name__", "")
        assert not caller.startswith("geonews"), f"{caller} reads Gazetteer.index"
        return real.fget(self)

    monkeypatch.setattr(Gazetteer, "index", property(guarded))
    article = next(iter_articles([seed_path]))
    assert Pipeline(gz).statements(article)
