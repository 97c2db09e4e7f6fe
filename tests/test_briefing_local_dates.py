"""A local file naming no date is dated by the archive's first sighting, not by its modification time."""
from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from newsdigest.cli import main

FIRST = 1_790_000_000            # 2026-09-21T14:13:20Z
LATER = FIRST + 3 * 86_400       # three days on: the file was touched (a fresh clone, a copy)
UNDATED = """Harbour trust opens a new ferry pier after two years of work.
The trust said the pier doubles the number of boats that can berth at once.
Ferries start running from it next week, with a timetable on the trust's site.
"""
DATED = """---
title: Library lends its first robot kits
date: 2026-09-20T10:00:00+00:00
---
The city library now lends robot kits to children for two weeks at a time.
"""


def build(root: Path, epoch: int, monkeypatch: pytest.MonkeyPatch) -> str:
    for name in ("pier.txt", "robots.md"):
        os.utime(root / "content" / name, (epoch, epoch))
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(epoch))
    assert main(["--config", str(root / "config.yaml"), "--output", str(root / "site"), "--offline", "--quiet"]) == 0
    page = next((root / "site" / "articles").glob("harbour-*/index.html")).read_text(encoding="utf-8")
    found = re.search(r'<time datetime="([^"]+)"', page)
    assert found
    return found.group(1)


def test_undated_local_file_keeps_its_first_sighting(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "content").mkdir()
    (tmp_path / "content" / "pier.txt").write_text(UNDATED, encoding="utf-8")
    (tmp_path / "content" / "robots.md").write_text(DATED, encoding="utf-8")
    (tmp_path / "config.yaml").write_text("site: {title: Local, timezone: UTC}\ncontent: [content]\nsearch: false\n",
                                          encoding="utf-8")
    assert build(tmp_path, FIRST, monkeypatch) == "2026-09-21T14:13:20+00:00"
    assert build(tmp_path, LATER, monkeypatch) == "2026-09-21T14:13:20+00:00"     # not the new mtime
    home = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    assert "first seen" in home                                   # shown with the day it was first seen
    robots = next((tmp_path / "site" / "articles").glob("library-*/index.html")).read_text(encoding="utf-8")
    assert '<time datetime="2026-09-20T10:00:00+00:00"' in robots  # a date in the front matter wins
