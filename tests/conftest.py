"""Shared fixtures: one gazetteer per test session, and paths to the development data."""

from __future__ import annotations

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
