"""Bounds (issue #11 item 6): items per feed, new articles per build, local file size — each a warning when hit."""
from __future__ import annotations

import os
import subprocess
import sys
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from mini_project import ROOT, Project, atom, entry, new_project

from newsdigest.archive import Archive

START = datetime(2026, 1, 1, tzinfo=timezone.utc)


@pytest.fixture()
def project(tmp_path: Path) -> Project:
    return new_project(tmp_path / "p")


def numbered_feed(count: int, prefix: str, shuffle_step: int = 7) -> str:
    """`count` items at distinct hours, listed out of date order (so "newest" is not simply "first")."""
    order = [(i * shuffle_step) % count for i in range(count)] if count % shuffle_step else list(range(count))
    entries = [entry(f"{prefix} item {n}", f"https://{prefix}.example/{n}",
                     (START + timedelta(hours=n)).strftime("%Y-%m-%dT%H:%M:%SZ"), summary=f"Item {n}. Short.")
               for n in order]
    return atom(entries, title=prefix)


def test_a_5000_item_feed_stores_its_300_newest_and_warns(project: Project,
                                                          capsys: pytest.CaptureFixture[str]) -> None:
    feed = project.write_feed("big.xml", numbered_feed(5000, "big"))
    project.configure([{"name": "Big", "url": feed}], limits={"items_per_feed": 300})
    assert project.build() == 0
    err = capsys.readouterr().err
    assert "feed `Big`: 5,000 items, only the newest 300 kept (limits.items_per_feed)" in err
    with Archive.open(project.archive) as archive:
        titles = {a.title for a in archive.articles()}
        (state,) = archive.feed_states()
    assert titles == {f"big item {n}" for n in range(4700, 5000)}
    assert state.item_count == 300
    assert len(list((project.site / "articles").glob("*/index.html"))) == 300


def test_the_build_wide_cap_on_new_articles_defers_the_rest_to_the_next_build(
        project: Project, capsys: pytest.CaptureFixture[str]) -> None:
    first = project.write_feed("one.xml", numbered_feed(40, "one"))
    second = project.write_feed("two.xml", numbered_feed(40, "two"))
    project.configure([{"name": "One", "url": first}, {"name": "Two", "url": second}], limits={"new_articles": 50})
    assert project.build() == 0
    err = capsys.readouterr().err
    assert "feed `Two`: 30 new item(s) not stored this build" in err and "limits.new_articles" in err
    with Archive.open(project.archive) as archive:
        stored = {a.title for a in archive.articles()}
    assert len(stored) == 50 and {f"one item {n}" for n in range(40)} <= stored
    assert {f"two item {n}" for n in range(30, 40)} <= stored          # the newest of the second feed first
    assert project.build() == 0
    with Archive.open(project.archive) as archive:
        assert archive.count() == 80


def test_a_20_mb_markdown_file_is_skipped_unread(project: Project) -> None:
    big = project.write_article("huge.md", "---\ntitle: Huge\n---\n")
    with big.open("ab") as handle:
        line = b"Words of a very long article that nobody should have to parse in one build. " * 13 + b"\n\n"
        while handle.tell() < 20_000_000:
            handle.write(line)
    project.write_article("small.md", "---\ntitle: Small and fine\ndate: 2026-11-19\n---\nBody. More body.\n")
    project.configure()
    with (project.folder / "stderr.txt").open("w+", encoding="utf-8") as err:
        process = subprocess.Popen([sys.executable, str(ROOT / "build.py"), "--config", str(project.config), "-q"],
                                   stdout=subprocess.DEVNULL, stderr=err)
        _, status, usage = os.wait4(process.pid, 0)     # this one process's peak memory, not all children's
        err.seek(0)
        stderr = err.read()
    peak_mb = usage.ru_maxrss / 1024
    assert os.waitstatus_to_exitcode(status) == 0, stderr
    assert "content/huge.md: the file is 20,000,0" in stderr and "limits.file_bytes" in stderr
    assert project.article_titles() == ["Small and fine"]
    # Parsing 20 MB of Markdown takes well over 1 GB; a build that never reads the file stays small.
    assert peak_mb < 400, peak_mb


def test_the_file_size_cap_is_configurable(project: Project, capsys: pytest.CaptureFixture[str]) -> None:
    project.write_article("two-kb.md", "---\ntitle: Two kilobytes\n---\n" + "Some words here. " * 120)
    project.configure(limits={"file_bytes": 1024})
    assert project.build() == 0
    assert "content/two-kb.md: the file is 2," in capsys.readouterr().err
    project.configure(limits={"file_bytes": 10_000})
    assert project.build() == 0
    assert project.article_titles() == ["Two kilobytes"]


@pytest.mark.parametrize(("key", "value"), [("items_per_feed", 0), ("new_articles", -1), ("file_bytes", 10),
                                            ("lock_timeout", "soon"), ("item_cap", 3)])
def test_bad_limits_are_refused(project: Project, key: str, value: object, capsys: pytest.CaptureFixture[str]) -> None:
    project.configure(limits={key: value})
    assert project.build() == 2
    assert f"limits.{key}" in capsys.readouterr().err
