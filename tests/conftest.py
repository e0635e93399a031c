"""Shared fixtures: the real curated dataset, and copies of it to break."""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest

from strikes.cache import CACHE_PATH, GEODATA
from strikes.dataset import load_events

REPO = Path(__file__).resolve().parents[1]
SOURCES_DIR = REPO.parent / "shared" / "sources"


@pytest.fixture(scope="session")
def events() -> pd.DataFrame:
    return load_events()


@pytest.fixture()
def geodata_copy(tmp_path: Path) -> Path:
    """A writable copy of geodata/ (the CSVs and the cache) for tests that edit it."""
    target = tmp_path / "geodata"
    target.mkdir()
    for name in ("sites.csv", "actions.csv", "sources.csv"):
        shutil.copy(GEODATA / name, target / name)
    shutil.copy(CACHE_PATH, target / "geocache.json")
    return target
