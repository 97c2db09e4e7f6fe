"""One bad item never breaks a build, nor every later one (issue #11, items 2 and "One item breaks every later build").

Real builds of a small on-disk project into a real SQLite archive; the cases are the ones an
attacker with a feed of their own tried.
"""
from __future__ import annotations

import json
import sqlite3
from datetime import datetime, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from mini_project import Project, atom, entry, new_project

from newsdigest.archive import Archive
from newsdigest.model import Article
from newsdigest.site.paths import article_path
from newsdigest.sources.dates import parse_date
from newsdigest.urls import article_id

GOOD = "Harbour reopens after the storm"


@pytest.fixture()
def project(tmp_path: Path) -> Project:
    return new_project(tmp_path / "p")


@pytest.mark.parametrize("zone", ["Europe/London", "America/New_York", "Asia/Tokyo"])
def test_year_one_atom_entry_is_undated_and_every_later_build_works(project: Project, zone: str,
                                                                    capsys: pytest.CaptureFixture[str]) -> None:
    feed = project.write_feed("bad.xml", atom([
        entry("Ancient item", "https://bad.example/a1", "0001-01-01T00:00:00Z"),
        entry("Far future item", "https://bad.example/a2", "9999-12-31T23:59:59Z"),
        entry(GOOD, "https://bad.example/a3", "2026-11-19T08:00:00Z"),
    ]))
    project.configure([{"name": "Bad", "url": feed}], timezone=zone)
    assert project.build() == 0
    assert project.build() == 0
    assert sorted(project.article_titles()) == ["Ancient item", "Far future item", GOOD]
    with Archive.open(project.archive) as archive:
        dates = {a.title: a.published.year for a in archive.articles()}
    assert dates[GOOD] == 2026 and 1970 <= dates["Ancient item"] <= 2100 and 1970 <= dates["Far future item"] <= 2100
    project.configure([], timezone=zone)        # the feed removed: its archived items must not break builds
    assert project.build() == 0
    assert "OverflowError" not in capsys.readouterr().err


def test_a_poison_record_left_by_an_older_version_is_repaired_or_skipped(project: Project,
                                                                         capsys: pytest.CaptureFixture[str]) -> None:
    feed = project.write_feed("ok.xml", atom([entry(GOOD, "https://ok.example/1", "2026-11-19T08:00:00Z")]))
    project.configure([{"name": "Ok", "url": feed}], timezone="America/New_York")
    assert project.build() == 0
    conn = sqlite3.connect(project.archive)
    (data,) = conn.execute("SELECT data FROM articles").fetchone()
    for key, title, first_seen in (("poison-1", "Year one, seen in 2026", "2026-11-19T09:00:00+00:00"),
                                   ("poison-2", "Year one, never seen", None),
                                   ("poison-3", "Lone surrogate \ud800 title", "2026-11-19T10:00:00+00:00")):
        record = {**json.loads(data), "id": key, "url": f"https://old.example/{key}", "title": title,
                  "published": "0001-01-01T00:00:00+00:00" if key != "poison-3" else "2026-11-19T10:00:00+00:00",
                  "first_seen": first_seen}
        conn.execute("INSERT INTO articles (id, url, guid, feed, published, first_seen, data) VALUES (?,?,?,?,?,?,?)",
                     (key, record["url"], "", record["feed"], record["published"], first_seen or "",
                      json.dumps(record)))    # ensure_ascii: the lone surrogate is stored as \ud800
    for key, change in (("poison-4", {"title": None}), ("poison-5", {"key_points": [1, 2]}),
                        ("poison-6", {"sources": [{"name": "X", "url": 5, "feed_url": ""}]}),
                        ("poison-7", {"published": "2026-11-19T10:00:00"})):    # hand-edited or buggy records
        record = {**json.loads(data), "id": key, "url": f"https://old.example/{key}", **change}
        conn.execute("INSERT INTO articles (id, url, guid, feed, published, first_seen, data) VALUES (?,?,?,?,?,?,?)",
                     (key, record["url"], "", record["feed"], "2026-11-19T10:00:00+00:00", "", json.dumps(record)))
    conn.commit()
    conn.close()
    assert project.build() == 0
    err = capsys.readouterr().err
    for key, words in (("poison-4", "`title` is NoneType"), ("poison-5", "`key_points` holds"),
                       ("poison-6", "`sources` holds"), ("poison-7", "`published` is not a date")):
        assert f"archive: article {key} (feed " in err and words in err, (key, err)
    assert "poison-2" in err and "no usable date" in err          # nothing to date it by: skipped, named
    assert "'Lone surrogate" in err and "skipped" in err           # cannot be written as UTF-8: skipped, named
    assert sorted(project.article_titles()) == [GOOD, "Year one, seen in 2026"]   # dated by when it was first seen


def test_naive_year_one_date_and_bad_character_references_cost_only_their_item(project: Project) -> None:
    feed = project.write_feed("mixed.xml", atom([
        entry("Naive ancient", "https://m.example/1", "0001-01-01T00:00:00"),
        entry("Surrogate &#xD800; in title", "https://m.example/2", "2026-11-19T08:00:00Z", raw_title=True),
        entry("Beyond Unicode", "https://m.example/3", "2026-11-19T08:00:00Z",
              summary="Text with &#x110000; and &#1114112; and &#0; in it. It goes on."),
        entry(GOOD, "https://m.example/4", "2026-11-19T09:00:00Z"),
    ]))
    project.configure([{"name": "Mixed", "url": feed}], timezone="America/New_York")
    assert project.build() == 0
    titles = project.article_titles()
    assert GOOD in titles and "Naive ancient" in titles and "Beyond Unicode" in titles
    assert "Surrogate \ufffd in title" in titles
    with Archive.open(project.archive) as archive:
        (state,) = archive.feed_states()
    assert state.status == "ok" and state.item_count == 4


@pytest.mark.parametrize(("name", "front_matter"), [
    ("nul.md", "title: Nul \x00 inside\n"),
    ("bel.md", "title: Bel \x07 inside\n"),
    ("february.md", "title: Thirtieth of February\ndate: 2023-02-30\n"),
    ("offset.md", "title: Offset\ndate: 2023-02-03T10:00:00+99:00\n"),
    ("offset-text.md", "title: Offset\ndate: '2023-02-03T10:00:00+99:00'\n"),
    ("year9999.md", "title: Far\ndate: 9999-12-31T23:59:59\n"),
    ("year1.md", "title: Ancient\ndate: 0001-01-01\n"),
    ("year1-west.md", "title: Ancient\ndate: 0001-01-01T00:00:00-05:00\n"),
])
def test_a_bad_local_file_is_skipped_with_a_warning_naming_it(project: Project, name: str, front_matter: str,
                                                              capsys: pytest.CaptureFixture[str]) -> None:
    project.write_article(name, f"---\n{front_matter}---\nThe body of the article. It has two sentences.\n")
    project.write_article("good.md", f"---\ntitle: {GOOD}\ndate: 2026-11-19\n---\nBoats are back. All is well.\n")
    project.configure(timezone="America/New_York")
    assert project.build() == 0
    err = capsys.readouterr().err
    warnings = [line for line in err.splitlines() if line.startswith("warning:")]
    assert len(warnings) == 1 and f"content/{name}" in warnings[0] and "skipped" in warnings[0], err
    assert project.article_titles() == [GOOD]


def test_ids_sharing_eight_hex_digits_with_one_title_get_two_pages(project: Project) -> None:
    """A pair of URLs whose ids share the first 8 hex digits, found by brute force (birthday bound ~77k)."""
    seen: dict[str, str] = {}
    number = 0
    while True:
        url = f"https://twins.example/{number}"
        prefix = article_id(url)[:8]
        if prefix in seen:
            first, second = seen[prefix], url
            break
        seen[prefix] = url
        number += 1
    assert article_id(first) != article_id(second) and article_id(first)[:8] == article_id(second)[:8]
    feed = project.write_feed("twins.xml", atom([entry("Same title", first, "2026-11-19T08:00:00Z"),
                                                 entry("Same title", second, "2026-11-19T09:00:00Z")]))
    project.configure([{"name": "Twins", "url": feed}])
    assert project.build() == 0
    assert project.build() == 0
    pages = sorted(p.parent.name for p in (project.site / "articles").glob("*/index.html"))
    assert pages == sorted(f"same-title-{article_id(u)}" for u in (first, second))


def test_article_paths_use_the_whole_id() -> None:
    article = Article(id=article_id("https://x.example/1"), title="A title", text="",
                      published=datetime(2026, 11, 19, tzinfo=timezone.utc), source="X")
    assert article_path(article) == f"articles/a-title-{article.id}/" and len(article.id) == 16


@pytest.mark.parametrize(("raw", "expected"), [
    ("0001-01-01T00:00:00Z", None),
    ("0001-01-01T00:00:00", None),
    ("9999-12-31T23:59:59+14:00", None),
    ("1969-12-31T23:59:59Z", None),
    ("2101-01-01T00:00:00Z", None),
    ("Seg, 24 Set 2018 19:42:40 +9900", None),
    ("2023-02-03T10:00:00+99:00", None),
    ("1970-01-01T00:00:00Z", "1970-01-01T00:00:00+00:00"),
    ("Thu, 19 Nov 2026 08:00:00 GMT", "2026-11-19T08:00:00+00:00"),
])
def test_dates_outside_the_accepted_years_are_unknown(raw: str, expected: str | None) -> None:
    parsed = parse_date(raw, ZoneInfo("America/New_York"))
    assert (parsed.isoformat() if parsed else None) == expected


def test_configured_years_narrow_the_range(project: Project) -> None:
    feed = project.write_feed("f.xml", atom([entry("Old but plausible", "https://y.example/1", "1999-05-01T08:00:00Z"),
                                             entry(GOOD, "https://y.example/2", "2026-11-19T08:00:00Z")]))
    project.configure([{"name": "F", "url": feed}], limits={"years": [2000, 2100]})
    assert project.build() == 0
    with Archive.open(project.archive) as archive:
        years = {a.title: a.published.year for a in archive.articles()}
    assert years[GOOD] == 2026 and years["Old but plausible"] >= 2000     # unknown: dated when first seen


@pytest.mark.parametrize("years", [[2100, 1970], [0, 2000], [1970], "1970-2100", [1970.5, 2000]])
def test_bad_years_setting_is_refused(project: Project, years: object, capsys: pytest.CaptureFixture[str]) -> None:
    project.configure(limits={"years": years})
    assert project.build() == 2
    assert "limits.years" in capsys.readouterr().err


def valid_article(number: int) -> Article:
    return Article(id=article_id(f"https://a.example/{number}"), title=f"Council approves plan {number}",
                   text=f"The council approved plan {number} on Tuesday. Work starts next month.",
                   published=datetime(2026, 11, 19, number, tzinfo=timezone.utc), source="A",
                   url=f"https://a.example/{number}", feed="https://a.example/feed")


def test_an_article_whose_analysis_raises_is_skipped_by_halving_the_batch(tmp_path: Path) -> None:
    from site_sample import sample_settings

    from newsdigest.pipeline import analyse_isolated
    broken = Article(**{**valid_article(9).__dict__, "title": "Broken one", "text": None})  # type: ignore[arg-type]
    articles = [valid_article(n) for n in range(8)] + [broken]
    warnings: list[str] = []
    with Archive.open(tmp_path / "a.sqlite") as archive:
        analysed = analyse_isolated(articles, sample_settings(tmp_path), archive, lambda done: None, warnings.append)
    assert [item.id for item in analysed] == [a.id for a in sorted(articles[:8], key=lambda a: a.published,
                                                                    reverse=True)]
    (warning,) = warnings
    assert "'Broken one' skipped: analysis failed" in warning and "https://a.example/feed" in warning


def test_when_most_articles_fail_analysis_the_build_stops_instead_of_publishing_nothing(tmp_path: Path) -> None:
    from site_sample import sample_settings

    from newsdigest.pipeline import analyse_isolated
    broken = [Article(**{**valid_article(n).__dict__, "text": None}) for n in range(6)]  # type: ignore[arg-type]
    with Archive.open(tmp_path / "a.sqlite") as archive, pytest.raises(RuntimeError, match="this is a bug"):
        analyse_isolated([*broken, valid_article(7)], sample_settings(tmp_path), archive, lambda d: None, print)
