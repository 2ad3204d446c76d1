"""Shared fixtures: one gazetteer per test session, paths to the development data, and documents taken
through the extraction components before the one a test runs."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED_DATA = ROOT.parent / "shared" / "data"
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))


@pytest.fixture(scope="session")
def gz():
    from gazetteer import Gazetteer

    return Gazetteer()


@pytest.fixture(scope="session")
def seed_path() -> Path:
    return SEEDS[0]


@pytest.fixture(scope="session")
def seed_text() -> str:
    return SEEDS[0].read_text(encoding="utf-8")


def shared_data(name: str) -> Path:
    """Path to a development data file, or skip the test when ../shared/data is absent."""
    path = SHARED_DATA / name
    if not path.exists():
        pytest.skip(f"development data {path} is absent (it lives in ../shared/data)")
    return path


@pytest.fixture
def read_only_folder(tmp_path):
    """A folder no file can be created in: mode 0o500, or for root (whom modes do not stop) immutable."""
    folder = tmp_path / "ro"
    folder.mkdir()
    if os.geteuid() != 0:
        folder.chmod(0o500)
        yield folder
        folder.chmod(0o700)
        return
    if shutil.which("chattr") is None or subprocess.run(["chattr", "+i", str(folder)],
                                                          capture_output=True).returncode != 0:
        pytest.skip("root can write to a 0o500 folder, and this file system has no immutable attribute")
    try:
        yield folder
    finally:
        subprocess.run(["chattr", "-i", str(folder)], check=True)


# -- extraction components ------------------------------------------------------------------
@pytest.fixture(scope="session")
def lex():
    from geonews.extraction.lexicons import load_lexicons

    return load_lexicons()


@pytest.fixture(scope="session")
def nlp(gz):
    from geonews.extraction.pipeline import Pipeline

    return Pipeline(gz)


@pytest.fixture
def before(gz, lex):
    """``before(name, text)``: a document of ``text`` after every default component that comes before ``name``."""

    from geonews.extraction.document import Doc
    from geonews.extraction.pipeline import DEFAULT_PIPELINE
    from geonews.extraction.registry import registered
    from geonews.reading.articles import Article

    def make(name: str, text: str, *, trace: bool = False):
        doc = Doc(Article(id="t", text=text), gz, lex, trace=trace)
        for earlier in DEFAULT_PIPELINE[:DEFAULT_PIPELINE.index(name)]:
            doc = registered(earlier).func(doc)
        return doc

    return make


@pytest.fixture
def run(before):
    """``run(name, text)``: the document of ``text`` after the components before ``name`` and ``name`` itself."""

    from geonews.extraction.registry import registered

    def make(name: str, text: str, *, trace: bool = False):
        return registered(name).func(before(name, text, trace=trace))

    return make


# -- the PostGIS store ------------------------------------------------------------------------
@pytest.fixture(scope="session")
def postgres():
    """A PostgreSQL server with PostGIS for the session (tests/pgserver.py), started on first use, stopped at the end.

    The store tests need it: a machine without PostGIS fails them with what to install (``make test``
    installs it), as the browser tests do without Chromium."""
    import pgserver

    why = pgserver.missing()
    if why:
        pytest.fail(f"the PostGIS store tests need a local PostgreSQL with PostGIS: {why}", pytrace=False)
    with pgserver.PostgresServer() as server:
        yield server


@pytest.fixture
def new_database(postgres, request):
    """A function giving the ``--store`` value of a new, empty database with PostGIS on the session's server."""
    made = []

    def make(*, postgis: bool = True) -> str:
        name = f"t{len(made)}_{abs(hash(request.node.nodeid)) % 10**8}_{os.getpid()}"
        made.append(name)
        return postgres.new_database(name, postgis=postgis)

    yield make
    for name in made:
        postgres.execute("postgres", f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
