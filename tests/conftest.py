"""Shared test fixtures.

Tests that need ../shared/data or a real browser skip with a reason on a user's
clone; `.ci/run` sets NEWSDIGEST_REQUIRE_ALL=1 so that such a skip fails instead.
"""
from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED_DATA = Path(os.environ.get("NEWSDIGEST_SHARED_DATA", ROOT.parent / "shared" / "data"))
FIXTURES = Path(__file__).resolve().parent / "fixtures"
REQUIRE_ALL = os.environ.get("NEWSDIGEST_REQUIRE_ALL") == "1"
CHROMIUM = os.environ.get("NEWSDIGEST_CHROMIUM", "/usr/bin/chromium")


def skip_or_fail(reason: str) -> None:
    """Skip on a user's machine; fail under CI, where everything must be present."""
    if REQUIRE_ALL:
        pytest.fail(f"required under NEWSDIGEST_REQUIRE_ALL=1: {reason}")
    pytest.skip(reason)


@pytest.fixture(scope="session")
def shared_data() -> Path:
    """Path to ../shared/data (evaluation data), or skip when it is absent."""
    if not (SHARED_DATA / "README.md").exists():
        skip_or_fail(f"evaluation data not found at {SHARED_DATA} (set NEWSDIGEST_SHARED_DATA)")
    return SHARED_DATA


@pytest.fixture(scope="session")
def chromium_path() -> str:
    """Path to a Chromium binary for browser tests, or skip when it is absent."""
    if not (Path(CHROMIUM).exists() or shutil.which(CHROMIUM)):
        skip_or_fail(f"Chromium not found at {CHROMIUM} (apt-get install chromium)")
    return CHROMIUM


@pytest.fixture(scope="session")
def root() -> Path:
    return ROOT


@pytest.fixture(scope="session")
def fixtures_dir() -> Path:
    return FIXTURES
