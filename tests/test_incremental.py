"""Incremental builds: a build whose inputs are all unchanged leaves the site as it is, and whatever a
build skips, its site is byte-identical to a cold build (fresh output folder) of the same archive."""
from __future__ import annotations

import hashlib
import shutil
from dataclasses import replace
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from jinja2 import TemplateRuntimeError
from mini_project import Project

from newsdigest.config import load_config
from newsdigest.model import Article
from newsdigest.pipeline import BuildResult, run_build
from newsdigest.site.incremental import site_signature

UTC = timezone.utc
BUILD_TIME = datetime(2026, 11, 28, 12, tzinfo=UTC)


def article(number: int, body: str = "") -> str:
    """An invented local article."""
    text = body or (f"The council in Town {number} approved a plan for the bridge on Monday, the mayor said. "
                    f"Work on the bridge in Town {number} starts next spring.\n\n"
                    "Residents had asked for the repair for years, the council said.")
    return (f"---\ntitle: Council {number} approves the bridge plan\ndate: 2026-11-2{number % 8}T09:00:00+00:00\n"
            f"source: Desk {number % 3}\nurl: https://example.org/news/{number}\n---\n{text}\n")


def new_project(folder: Path, count: int = 4, **extra: object) -> Project:
    project = Project(folder)
    (folder / "content").mkdir(parents=True)
    for number in range(count):
        project.write_article(f"a{number}.md", article(number))
    project.configure(topics=[{"name": "Politics"}, {"name": "Business"}], **extra)
    return project


def build(project: Project, output: Path | None = None, when: datetime = BUILD_TIME) -> BuildResult:
    return run_build(load_config(project.config), output=output, offline=True, build_time=when)


def tree(folder: Path) -> dict[str, str]:
    """Relative path → SHA-256 of every file (the marker included: it is part of the site folder)."""
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def stamps(folder: Path) -> dict[str, tuple[int, int]]:
    return {p.relative_to(folder).as_posix(): (p.stat().st_ino, p.stat().st_mtime_ns)
            for p in folder.rglob("*") if p.is_file()}


def assert_same_as_cold(project: Project, tmp_path: Path, when: datetime = BUILD_TIME) -> None:
    """A cold build of the same archive (a copy, so the kept archive is not touched) into a new folder."""
    cold = tmp_path / "cold"
    shutil.rmtree(cold, ignore_errors=True)
    cold.mkdir()
    shutil.copytree(project.folder / ".cache", cold / ".cache")
    shutil.copy(project.config, cold / "config.yaml")
    shutil.copytree(project.folder / "content", cold / "content")
    if (project.folder / "theme").is_dir():
        shutil.copytree(project.folder / "theme", cold / "theme")
    result = build(Project(cold), when=when)
    assert not result.up_to_date
    incremental, fresh = tree(project.site), tree(cold / "site")
    assert sorted(incremental) == sorted(fresh)
    assert [path for path in incremental if incremental[path] != fresh[path]] == []


def test_a_build_with_nothing_changed_leaves_the_site_untouched(tmp_path):
    project = new_project(tmp_path / "p")
    first = build(project)
    assert not first.up_to_date and first.files_written > 5
    before = stamps(project.site)
    second = build(project)
    assert second.up_to_date and second.files_written == 0
    # The same closing figures as the build that made the site.
    assert (second.articles, second.topics, second.pages, second.site_files, second.site_bytes) == (
        first.articles, first.topics, first.pages, first.site_files, first.site_bytes)
    assert stamps(project.site) == before       # not even swapped: the same files, inodes and times
    assert_same_as_cold(project, tmp_path)


def test_every_kind_of_change_builds_again_and_matches_a_cold_build(tmp_path):
    project = new_project(tmp_path / "p")
    build(project)
    changes = [
        ("new article", lambda: project.write_article("a9.md", article(9))),
        ("edited article", lambda: project.write_article("a1.md", article(1, "A correction. " * 5 + "The end."))),
        ("deleted article", lambda: (project.folder / "content" / "a2.md").unlink()),
        ("config", lambda: project.configure(topics=[{"name": "Politics"}])),
        ("theme", lambda: (write_theme(project), project.configure(
            topics=[{"name": "Politics"}], templates_dir="theme"))),
        ("theme file", lambda: (project.folder / "theme" / "extra.css").write_text("body{color:#111}\n")),
        ("site file deleted", lambda: (project.site / "index.html").unlink()),
        ("site file edited", lambda: (project.site / "sitemap.xml").write_text("edited\n")),
    ]
    for name, change in changes:
        change()
        result = build(project)
        assert not result.up_to_date, name
        assert build(project).up_to_date, name      # and the build after it has nothing to do
        assert_same_as_cold(project, tmp_path)


def test_pages_whose_inputs_did_not_change_are_not_rendered_again(tmp_path):
    project = new_project(tmp_path / "p", count=6)
    first = build(project)
    assert first.pages_reused == 0
    project.write_article("a1.md", article(1, "A correction. " * 5 + "The end."))
    second = build(project)
    # Most article pages are the same; the edited one, the lists showing it and the home page are not.
    assert 3 <= second.pages_reused < second.pages
    assert_same_as_cold(project, tmp_path)
    # An hour later only the pages that show "now" change: the home page and the sources page (every
    # article is older than today, so there is no edition of today).
    later = BUILD_TIME + timedelta(hours=1)
    third = build(project, when=later)
    assert third.pages - third.pages_reused == 2
    assert_same_as_cold(project, tmp_path, when=later)


def test_without_a_fixed_build_time_unchanged_pages_are_reused(tmp_path, monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    project = new_project(tmp_path / "p", count=6)
    run_build(load_config(project.config), offline=True)
    before = stamps(project.site)
    project.write_article("a1.md", article(1, "A correction. " * 5 + "The end."))
    result = run_build(load_config(project.config), offline=True)
    assert 3 <= result.pages_reused < result.pages
    after = stamps(project.site)
    # Another article's page is the same file (same inode and time: linked from the old site, not rewritten).
    other = next(path for path in before if path.startswith("articles/council-3-"))
    assert after[other] == before[other]
    assert after["index.html"] != before["index.html"]


def test_only_pages_that_show_now_carry_the_build_time(tmp_path):
    """The build time and relative times ("3 hours ago") are on the home page, the sources page and
    today's edition only; every other page gives absolute dates, so it is the same file next hour."""
    today = BUILD_TIME.date().isoformat()
    project = new_project(tmp_path / "p", count=4)
    project.write_article("today.md", article(4).replace("2026-11-24T09:00", f"{today}T09:00"))
    build(project)
    stamped = sorted(path.relative_to(project.site).as_posix() for path in project.site.rglob("*.html")
                     if "Built <time" in path.read_text(encoding="utf-8"))
    assert stamped == ["editions/2026-11-28/index.html", "index.html", "sources/index.html"]
    relative = sorted(path.relative_to(project.site).as_posix() for path in project.site.rglob("*.html")
                      if " ago</time>" in path.read_text(encoding="utf-8") or "yesterday</time>" in
                      path.read_text(encoding="utf-8"))
    assert set(relative) <= set(stamped) and relative
    page = next((project.site / "articles").glob("council-4-*/index.html")).read_text(encoding="utf-8")
    assert f'<time datetime="{today}T09:00:00+00:00">28 Nov 2026, 09:00</time>' in page


def test_a_theme_asking_for_a_relative_time_where_there_is_no_now_fails_clearly(tmp_path):
    project = new_project(tmp_path / "p")
    write_theme(project)
    (project.folder / "theme" / "article.html").write_text(
        '{% extends "base.html" %}{% block content %}{{ article.published|timeago }}{% endblock %}\n', encoding="utf-8")
    project.configure(topics=[{"name": "Politics"}], templates_dir="theme")
    with pytest.raises(TemplateRuntimeError, match="`timeago` on articles/.*only pages that show the build time"):
        build(project)


def test_another_build_time_is_another_site(tmp_path):
    project = new_project(tmp_path / "p")
    build(project)
    later = BUILD_TIME + timedelta(hours=3)
    assert not build(project, when=later).up_to_date      # a fixed time is an exact input
    assert build(project, when=later).up_to_date
    assert_same_as_cold(project, tmp_path, when=later)


def test_another_output_folder_is_built_and_each_folder_remembers_its_own(tmp_path):
    project = new_project(tmp_path / "p")
    build(project)
    other = tmp_path / "other-site"
    assert not build(project, output=other).up_to_date
    assert build(project, output=other).up_to_date and build(project).up_to_date
    assert tree(other) == tree(project.site)


def test_without_a_fixed_time_only_the_day_of_the_build_is_an_input(tmp_path):
    project = new_project(tmp_path / "p", count=1)
    settings = replace(load_config(project.config), site=replace(load_config(project.config).site,
                                                                 timezone="Europe/Berlin"))
    items = [Article(id="x", title="T", text="Body.", source="S", published=BUILD_TIME)]

    def signature(when: datetime, fixed: bool = False) -> str:
        return site_signature(items, [], (), settings, when, fixed_clock=fixed)

    morning = datetime(2026, 11, 28, 6, tzinfo=UTC)
    assert signature(morning) == signature(datetime(2026, 11, 28, 22, 30, tzinfo=UTC))    # 23:30 in Berlin
    assert signature(morning) != signature(datetime(2026, 11, 28, 23, 30, tzinfo=UTC))    # the 29th in Berlin
    assert signature(morning, fixed=True) != signature(morning + timedelta(seconds=1), fixed=True)
    edited = [replace(items[0], text="Body, corrected.")]
    assert site_signature(edited, [], (), settings, morning, fixed_clock=False) != signature(morning)


def write_theme(project: Project) -> None:
    theme = project.folder / "theme"
    theme.mkdir(exist_ok=True)
    (theme / "extra.css").write_text("body{color:#222}\n", encoding="utf-8")


SUBJECTS = ["orchard", "lighthouse", "glacier", "violin", "meteor", "canal", "quarry"]


def dated_article(number: int) -> str:
    """An invented article on its own subject and day (three days apart): every one is its own story."""
    subject = SUBJECTS[number]
    return (f"---\ntitle: The {subject} reopens\ndate: 2026-11-{1 + 3 * number:02d}T09:00:00+00:00\n"
            f"source: Desk {number}\nurl: https://example.org/dated/{number}\n---\n"
            f"The {subject} reopened to visitors on Monday after a long closure, its keepers said.\n")


def test_a_new_story_leaves_the_older_topic_pages_as_they_were(tmp_path):
    """Archive pages count from the oldest, so a new story changes the topic's address and its newest
    archive page only; the older archive page is kept (the same file, not rewritten)."""
    project = Project(tmp_path / "p")
    (project.folder / "content").mkdir(parents=True)
    for number in range(5):
        project.write_article(f"d{number}.md", dated_article(number))
    project.configure(topics=[{"name": "Politics"}], digest={"per_page": 2})
    build(project)
    topic = "topics/general/"
    pages = sorted(p for p in tree(project.site) if p.startswith(topic))
    assert pages == [f"{topic}feed.json", f"{topic}feed.xml", f"{topic}index.html", f"{topic}page/1/index.html",
                     f"{topic}page/2/index.html", f"{topic}rss.xml"]
    oldest = (project.site / topic / "page/1/index.html").read_text(encoding="utf-8")
    assert "The orchard reopens" in oldest and "The lighthouse reopens" in oldest
    assert "The glacier reopens" in (project.site / topic / "page/2/index.html").read_text(encoding="utf-8")
    before = stamps(project.site)
    project.write_article("d5.md", dated_article(5))
    result = build(project)
    after = stamps(project.site)
    assert after[f"{topic}page/1/index.html"] == before[f"{topic}page/1/index.html"]
    assert after[f"{topic}page/2/index.html"] != before[f"{topic}page/2/index.html"]     # now holds two
    assert "The violin reopens" in (project.site / topic / "page/2/index.html").read_text(encoding="utf-8")
    assert result.pages_reused >= 6
    assert_same_as_cold(project, tmp_path)
