"""The code stays lint- and type-clean: ruff and mypy run as part of the suite (DESIGN.md)."""
from __future__ import annotations

import shutil
import subprocess
import sys

from conftest import skip_or_fail


def run_tool(root, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", *args], cwd=root, capture_output=True, text=True, timeout=600,
                          check=False)


def test_ruff_finds_nothing(root):
    if shutil.which("ruff") is None:
        skip_or_fail("ruff is not installed (pip install -r requirements-dev.txt)")
    done = run_tool(root, "ruff", "check", "newsdigest", "tests", "bench", "build.py")
    assert done.returncode == 0, done.stdout + done.stderr


def test_mypy_finds_nothing_in_the_package(root):
    if shutil.which("mypy") is None:
        skip_or_fail("mypy is not installed (pip install -r requirements-dev.txt)")
    done = run_tool(root, "mypy", "newsdigest", "--ignore-missing-imports")
    assert done.returncode == 0, done.stdout + done.stderr
