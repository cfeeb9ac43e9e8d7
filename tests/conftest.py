"""Shared test fixtures: where the shared data lives, and the seed documents."""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile
from pathlib import Path

import pytest

from counterpoint import settings

# analyses made by tests are cached for this run only, never in the user's cache dir
_ANALYSIS_CACHE = tempfile.mkdtemp(prefix="counterpoint-test-analyses-")
atexit.register(shutil.rmtree, _ANALYSIS_CACHE, True)
os.environ.setdefault("COUNTERPOINT_ANALYSIS_CACHE", _ANALYSIS_CACHE)

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"


def data_dir() -> Path:
    return settings.data_dir()


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    path = SHARED / "seeds"
    if not path.is_dir():
        pytest.skip(f"seed documents not found at {path}")
    return path


@pytest.fixture(scope="session")
def samples_dir() -> Path:
    return REPO / "src" / "counterpoint" / "samples"


@pytest.fixture(scope="session")
def nlp():  # type: ignore[no-untyped-def]
    """spaCy's English model, loaded once for every test that parses text."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    from counterpoint.models import spacy_english

    return spacy_english()
