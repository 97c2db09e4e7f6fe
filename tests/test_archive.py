"""The SQLite archive on real files: round trips, merging, pruning, cache, migrations, corruption."""
from __future__ import annotations

import sqlite3
from dataclasses import replace
from datetime import datetime, timedelta, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from newsdigest.archive import SCHEMA_VERSION, Archive, ArchiveError, owns
from newsdigest.model import Article, FeedState, Source
from newsdigest.urls import article_id

NOW = datetime(2026, 3, 5, 12, 0, tzinfo=timezone.utc)


def make(url: str, feed: str = "https://a.example/feed", *, name: str = "A", guid: str = "", hours_ago: float = 1,
         text: str = "Body.", title: str = "Title") -> Article:
    return Article(
        id=article_id(url or f"{feed}#{guid}"), title=title, text=text, html=f"<p>{text}</p>",
        published=NOW - timedelta(hours=hours_ago), source=name, url=url, guid=guid, feed=feed,
        categories=("One", "Two"), sources=(Source(name=name, url=url, feed_url=feed),),
    )


def state(url: str = "https://a.example/feed", **changes) -> FeedState:
    return FeedState(url=url, name="A", status="ok", last_success=NOW, last_attempt=NOW, **changes)


@pytest.fixture()
def archive(tmp_path: Path):
    with Archive.open(tmp_path / "deep" / "dir" / "news.sqlite") as opened:
        yield opened


def test_open_creates_folders_wal_and_schema_version(tmp_path: Path) -> None:
    path = tmp_path / "a" / "b" / "news.sqlite"
    with Archive.open(path) as archive:
        assert path.exists() and archive.warnings == []
        assert archive.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert archive.conn.execute("SELECT MAX(version) FROM schema_version").fetchone()[0] == SCHEMA_VERSION


def test_article_round_trip_keeps_every_field(archive: Archive) -> None:
    original = make("https://a.example/1")
    original = Article(**{**original.__dict__, "published": datetime(2026, 3, 5, 9, 0, tzinfo=ZoneInfo("Asia/Tokyo")),
                          "key_points": ("k1", "k2"), "topics": ("science",), "image": "https://a.example/i.jpg"})
    assert archive.save_feed(state(), [original], now=NOW) == 1
    (stored,) = archive.articles()
    assert stored == Article(**{**original.__dict__, "first_seen": NOW})
    assert stored.published.utcoffset() == timedelta(hours=9)


def test_articles_are_newest_first_and_survive_leaving_the_feed(archive: Archive) -> None:
    archive.save_feed(state(), [make("https://a.example/old", hours_ago=30), make("https://a.example/new")], now=NOW)
    archive.save_feed(state(), [make("https://a.example/newer", hours_ago=0.5)], now=NOW)
    assert [a.url for a in archive.articles()] == [
        "https://a.example/newer", "https://a.example/new", "https://a.example/old"]


def test_same_url_from_two_feeds_keeps_each_feeds_copy(archive: Archive) -> None:
    """Neither feed's host is the URL's: no feed may rewrite the other's title, text or date."""
    archive.save_feed(state(), [make("https://news.example/story", name="A")], now=NOW)
    other = make("https://news.example/story", feed="https://b.example/rss", name="B", hours_ago=3, text="B's copy")
    assert archive.save_feed(state("https://b.example/rss"), [other], now=NOW + timedelta(hours=1)) == 1
    by_feed = {a.feed: a for a in archive.articles()}
    first, second = by_feed["https://a.example/feed"], by_feed["https://b.example/rss"]
    assert (first.text, first.published, first.id) == ("Body.", NOW - timedelta(hours=1), other.id)
    assert (second.text, second.published) == ("B's copy", NOW - timedelta(hours=3))
    assert second.id != first.id and [s.name for s in first.sources] == ["A"]
    # Read again, each feed refreshes only its own copy.
    archive.save_feed(state("https://b.example/rss"), [replace(other, text="B again")], now=NOW + timedelta(hours=2))
    assert sorted(a.text for a in archive.articles()) == ["B again", "Body."]


def test_which_copy_holds_the_urls_id_does_not_depend_on_fetch_order(tmp_path: Path) -> None:
    copies = [make("https://news.example/s", feed="https://a.example/feed", name="A", text="A's words."),
              make("https://news.example/s", feed="https://b.example/rss", name="B", text="B's words.")]
    results = []
    for order in (copies, copies[::-1]):
        with Archive.open(tmp_path / f"{order[0].source}.sqlite") as archive:
            for article in order:
                archive.save_feed(state(article.feed), [article], now=NOW)
            results.append(sorted((a.id, a.feed, a.text) for a in archive.articles()))
    assert results[0] == results[1] and len(results[0]) == 2


def test_an_identical_copy_from_a_second_feed_is_one_article_with_both_sources(archive: Archive) -> None:
    archive.save_feed(state(), [make("https://news.example/story", name="A")], now=NOW)
    same = make("https://news.example/story", feed="https://b.example/rss", name="B")
    assert archive.save_feed(state("https://b.example/rss"), [same], now=NOW) == 0
    (article,) = archive.articles()
    assert [s.name for s in article.sources] == ["A", "B"] and article.feed == "https://a.example/feed"


def test_the_urls_own_outlet_wins_over_a_stranger_read_first(archive: Archive) -> None:
    fake = make("https://news.example/story", feed="https://evil.example/rss", name="Evil", hours_ago=500,
                title="Fake headline", text="Fake text.")
    archive.save_feed(state("https://evil.example/rss"), [fake], now=NOW)
    real = make("https://news.example/story", feed="https://feeds.news.example/rss", name="News",
                title="Real headline", text="Real text.")
    assert archive.save_feed(state("https://feeds.news.example/rss"), [real], now=NOW) == 1
    by_feed = {a.feed: a for a in archive.articles()}
    owner = by_feed["https://feeds.news.example/rss"]
    assert (owner.id, owner.title, owner.text, owner.published) == (real.id, "Real headline", "Real text.",
                                                                    real.published)
    assert [s.name for s in owner.sources] == ["News"]
    assert by_feed["https://evil.example/rss"].title == "Fake headline"     # the stranger keeps its own copy
    # Read second, the stranger changes nothing of the owner's record either.
    archive.save_feed(state("https://evil.example/rss"), [replace(fake, title="Fake again")], now=NOW)
    again = {a.feed: a for a in archive.articles()}["https://feeds.news.example/rss"]
    assert again == owner


def test_two_feeds_of_the_urls_outlet_share_one_record_without_rewriting_it(archive: Archive) -> None:
    first = make("https://www.news.example/s", feed="https://feeds.news.example/top", name="Top")
    archive.save_feed(state("https://feeds.news.example/top"), [first], now=NOW)
    second = make("https://www.news.example/s", feed="https://news.example/world.rss", name="World",
                  hours_ago=40, title="Other title")
    assert archive.save_feed(state("https://news.example/world.rss"), [second], now=NOW) == 0
    (article,) = archive.articles()
    assert (article.title, article.published) == ("Title", first.published)
    assert [s.name for s in article.sources] == ["Top", "World"]


@pytest.mark.parametrize(("feed", "url", "owner"), [
    ("https://feeds.npr.org/1001/rss.xml", "https://www.npr.org/2026/03/05/story", True),
    ("https://feeds.arstechnica.com/arstechnica/index", "https://arstechnica.com/x/", True),
    ("https://news.example/rss", "https://news.example.evil.example/x", False),
    ("https://evil.example/rss", "https://news.example/x", False),
    ("/home/me/feeds/local.xml", "https://news.example/x", False),
    ("https://uk/rss", "https://x.uk/a", False),
])
def test_ownership_is_the_configured_feed_host(feed: str, url: str, owner: bool) -> None:
    assert owns(feed, url) is owner


def test_same_global_guid_with_different_links_is_one_article_when_identical(archive: Archive) -> None:
    guid = "urn:uuid:5d1f3a2e-0c3b-4d0e-9a57-0f6c2b1e9a11"
    archive.save_feed(state(), [make("https://news.example/x", guid=guid, name="A")], now=NOW)
    archive.save_feed(state("https://b.example/rss"),
                      [make("https://mirror.example/x", feed="https://b.example/rss", guid=guid, name="B")], now=NOW)
    (article,) = archive.articles()
    assert {s.name for s in article.sources} == {"A", "B"}
    # The URL's own outlet keeps its record to itself: a stranger's copy, even identical, stays apart.
    archive.save_feed(state(), [make("https://a.example/y", guid=guid + "-2", name="A")], now=NOW)
    archive.save_feed(state("https://b.example/rss"),
                      [make("https://mirror.example/y", feed="https://b.example/rss", guid=guid + "-2", name="B")],
                      now=NOW)
    assert sorted(len(a.sources) for a in archive.articles()) == [1, 1, 2]


def test_short_guids_from_different_feeds_stay_apart(archive: Archive) -> None:
    archive.save_feed(state(), [make("", guid="123", name="A")], now=NOW)
    archive.save_feed(state("https://b.example/rss"), [make("", feed="https://b.example/rss", guid="123", name="B")],
                      now=NOW)
    assert archive.count() == 2


def test_reseen_article_is_updated_by_its_own_feed_but_keeps_first_seen(archive: Archive) -> None:
    archive.save_feed(state(), [make("https://a.example/1", text="First version.")], now=NOW)
    later = NOW + timedelta(days=1)
    assert archive.save_feed(state(), [make("https://a.example/1", text="Corrected.", hours_ago=-20)], now=later) == 0
    (article,) = archive.articles()
    assert article.text == "Corrected." and article.first_seen == NOW
    assert article.published == NOW - timedelta(hours=1)   # an undated re-sighting does not move it forward


def test_prune_deletes_only_older_articles(archive: Archive) -> None:
    archive.save_feed(state(), [make(f"https://a.example/{h}", hours_ago=h) for h in (1, 10, 50, 100)], now=NOW)
    assert archive.prune(NOW - timedelta(hours=24)) == 2
    assert sorted(a.url for a in archive.articles()) == ["https://a.example/1", "https://a.example/10"]


def test_feed_state_round_trip(archive: Archive) -> None:
    saved = state(etag='"abc"', last_modified="Wed, 04 Mar 2026 10:00:00 GMT", item_count=7,
                  consecutive_failures=0, last_error="")
    archive.save_state(saved)
    archive.save_state(FeedState(url="https://z.example/f", name="Z", status="failed", last_error="HTTP 500",
                                 consecutive_failures=3, last_attempt=NOW))
    assert archive.feed_state("https://a.example/feed") == saved
    assert [s.name for s in archive.feed_states()] == ["A", "Z"]
    assert archive.feed_state("https://nope.example/") is None


def test_extract_cache(archive: Archive) -> None:
    items = {f"hash{i}:v1": {"headline": f"H{i}", "key_points": ["a", "b"], "score": i / 3} for i in range(1200)}
    archive.put_extracts(items)
    found = archive.get_extracts([f"hash{i}:v1" for i in range(0, 1300, 100)])
    assert set(found) == {f"hash{i}:v1" for i in range(0, 1200, 100)}
    assert found["hash300:v1"] == {"headline": "H300", "key_points": ["a", "b"], "score": 100.0}
    archive.put_extracts({"hash0:v1": {"headline": "new"}})
    assert archive.get_extracts(["hash0:v1"]) == {"hash0:v1": {"headline": "new"}}


def test_an_item_that_cannot_be_stored_is_skipped_with_a_warning_not_its_feed(archive: Archive) -> None:
    good = make("https://a.example/good")
    bad = Article(**{**make("https://a.example/bad", title="Broken item").__dict__, "topics": (object(),)})
    assert archive.save_feed(state(item_count=2), [good, bad], now=NOW) == 1
    assert [a.url for a in archive.articles()] == ["https://a.example/good"]
    assert archive.feed_state("https://a.example/feed") is not None
    (warning,) = archive.warnings
    assert "feed `A`" in warning and "'Broken item'" in warning and "skipped" in warning


def test_data_persists_across_reopen(tmp_path: Path) -> None:
    path = tmp_path / "n.sqlite"
    with Archive.open(path) as archive:
        archive.save_feed(state(), [make("https://a.example/1")], now=NOW)
    with Archive.open(path) as archive:
        assert [a.url for a in archive.articles()] == ["https://a.example/1"]


@pytest.mark.parametrize("garbage", [b"this is not a database at all" * 100, b"SQLite format 3\x00" + b"\xff" * 5000])
def test_corrupt_file_is_moved_aside_and_rebuilt(tmp_path: Path, garbage: bytes) -> None:
    path = tmp_path / "news.sqlite"
    path.write_bytes(garbage)
    with Archive.open(path) as archive:
        assert len(archive.warnings) == 1 and "corrupt" in archive.warnings[0]
        assert archive.count() == 0
        archive.save_feed(state(), [make("https://a.example/1")], now=NOW)
    aside = list(tmp_path.glob("news.sqlite.corrupt-*"))
    assert len(aside) == 1 and aside[0].read_bytes() == garbage
    with Archive.open(path) as archive:
        assert archive.warnings == [] and archive.count() == 1


def test_damaged_pages_inside_a_real_database_are_detected(tmp_path: Path) -> None:
    path = tmp_path / "news.sqlite"
    with Archive.open(path) as archive:
        archive.save_feed(state(), [make(f"https://a.example/{i}", text="x" * 2000) for i in range(200)], now=NOW)
        archive.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    data = bytearray(path.read_bytes())
    page = 4096
    data[page * 3: page * 6] = b"\x07" * (page * 3)   # scribble over three b-tree pages
    path.write_bytes(bytes(data))
    with Archive.open(path) as archive:
        assert archive.warnings and "corrupt" in archive.warnings[0]
        assert archive.count() == 0


def test_migration_from_an_empty_version_table(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE schema_version (version INTEGER NOT NULL)")
    conn.commit()
    conn.close()
    with Archive.open(path) as archive:
        assert archive.save_feed(state(), [make("https://a.example/1")], now=NOW) == 1


def test_newer_schema_is_refused_not_destroyed(tmp_path: Path) -> None:
    path = tmp_path / "future.sqlite"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE schema_version (version INTEGER NOT NULL)")
    conn.execute("INSERT INTO schema_version VALUES (?)", (SCHEMA_VERSION + 1,))
    conn.commit()
    conn.close()
    with pytest.raises(ArchiveError, match="schema version"):
        Archive.open(path)
    assert path.exists() and not list(tmp_path.glob("*.corrupt-*"))


def test_duplicate_lookups_use_indexes_not_table_scans(archive: Archive) -> None:
    archive.save_feed(state(), [make(f"https://a.example/{i}", guid=f"urn:a:{i}") for i in range(50)], now=NOW)
    statements: list[str] = []
    archive.conn.set_trace_callback(statements.append)
    archive.save_feed(state("https://b.example/rss"),
                      [make("https://a.example/new", feed="https://b.example/rss", guid="urn:b:new")], now=NOW)
    archive.conn.set_trace_callback(None)
    lookups = [s for s in statements if s.lstrip().upper().startswith("SELECT") and "FROM articles WHERE" in s
               and "IN (" not in s]
    assert len(lookups) == 1  # by id, canonical URL or global guid, in one statement
    for sql in lookups:
        plan = " ".join(str(row[3]) for row in archive.conn.execute("EXPLAIN QUERY PLAN " + sql))
        assert "SCAN articles" not in plan, (sql, plan)
