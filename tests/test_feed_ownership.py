"""A feed owns only its own items (issue #11 item 3): a hostile feed that reuses another outlet's article URL,
read first or second, never changes that article's headline, text or date. Real builds, real archive."""
from __future__ import annotations

from pathlib import Path

import pytest
from mini_project import Project, atom, entry, new_project

from newsdigest.archive import Archive

URL = "https://news.example/2026/11/19/harbour"
REAL_TEXT = "The harbour reopened on Thursday after repairs. Fishing boats returned within hours."
FAKE_TEXT = "Entirely invented claims about the harbour. Nothing of this happened."


def feeds(project: Project, fake_title: str, fake_text: str, fake_date: str) -> tuple[str, str]:
    real = project.write_feed("real.xml", atom([entry("Harbour reopens after repairs", URL,
                                                      "2026-11-19T08:00:00Z", summary=REAL_TEXT)], title="Real"))
    # Tracking parameters are stripped, so this link is canonically the real article's URL.
    fake = project.write_feed("fake.xml", atom([entry(fake_title, URL + "?utm_source=x&fbclid=y", fake_date,
                                                      summary=fake_text)], title="Fake"))
    return real, fake


@pytest.mark.parametrize("hostile_first", [True, False])
@pytest.mark.parametrize(("fake_title", "fake_text", "fake_date"), [
    ("Harbour closed for ever", FAKE_TEXT, "2026-11-19T09:00:00Z"),            # rewrite the story
    ("Harbour reopens after repairs", REAL_TEXT, "2025-01-01T00:00:00Z"),       # backdate it off the front page
])
def test_a_hostile_feed_cannot_rewrite_another_outlets_article(tmp_path: Path, hostile_first: bool, fake_title: str,
                                                               fake_text: str, fake_date: str) -> None:
    project = new_project(tmp_path / "p")
    real, fake = feeds(project, fake_title, fake_text, fake_date)
    listed = [{"name": "Real News", "url": real}, {"name": "Copycat", "url": fake}]
    if hostile_first:
        listed.reverse()
    project.configure(listed[:1])       # feeds are fetched concurrently: one build each fixes who is read first
    assert project.build() == 0
    project.configure(listed)
    assert project.build() == 0
    assert project.build() == 0                                  # and again: re-reads change nothing either
    with Archive.open(project.archive) as archive:
        copies = {a.source: a for a in archive.articles()}
    real_copy = copies["Real News"]
    assert real_copy.title == "Harbour reopens after repairs"
    assert real_copy.text == REAL_TEXT
    assert real_copy.published.isoformat() == "2026-11-19T08:00:00+00:00"
    assert [s.name for s in real_copy.sources] == ["Real News"]     # the copycat is not listed as its source
    assert copies["Copycat"].id != real_copy.id                     # the copycat keeps its own copy, apart
    page = next(p for p in (project.site / "articles").glob("harbour-reopens-after-repairs-*/index.html")
                if REAL_TEXT.split(".")[0] in p.read_text(encoding="utf-8"))
    html = page.read_text(encoding="utf-8")
    assert "<h1>Harbour reopens after repairs</h1>" in html and REAL_TEXT.split(". ")[1] in html


def test_an_identical_syndicated_copy_is_one_article_listing_both_outlets(tmp_path: Path) -> None:
    project = new_project(tmp_path / "p")
    real, copy = feeds(project, "Harbour reopens after repairs", REAL_TEXT, "2026-11-19T08:00:00Z")
    project.configure([{"name": "Real News", "url": real}, {"name": "Wire", "url": copy}])
    assert project.build() == 0
    with Archive.open(project.archive) as archive:
        (article,) = archive.articles()
    assert sorted(s.name for s in article.sources) == ["Real News", "Wire"]
