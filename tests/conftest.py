from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
SAMPLE = SHARED / "samples" / "fr-news-glued.txt"
DATA = Path(__file__).resolve().parent / "data"


@pytest.fixture(scope="session")
def sample_path() -> Path:
    """The glued French sample from ../shared (read in place, never copied into the repo)."""
    if not SAMPLE.exists():
        pytest.fail(f"{SAMPLE} is missing: CI clones the repository with ../shared beside it")
    return SAMPLE


@pytest.fixture(scope="session")
def sample_text(sample_path: Path) -> str:
    return sample_path.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def data_dir() -> Path:
    return DATA
