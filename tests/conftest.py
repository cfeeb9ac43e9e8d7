"""Shared test fixtures: where the shared data lives, and the seed documents."""

from __future__ import annotations

from pathlib import Path

import pytest

from counterpoint import settings

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
