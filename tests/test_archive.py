"""The SQLite archive on real files: round trips, merging, pruning, cache, migrations, corruption."""
from __future__ import annotations

import sqlite3
from datetime import datetime, timedelta, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from newsdigest.archive import SCHEMA_VERSION, Archive, ArchiveError
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


def test_same_url_from_two_feeds_is_one_article_with_both_sources(archive: Archive) -> None:
    archive.save_feed(state(), [make("https://news.example/story", name="A")], now=NOW)
    other = make("https://news.example/story", feed="https://b.example/rss", name="B", hours_ago=3, text="B's copy")
    assert archive.save_feed(state("https://b.example/rss"), [other], now=NOW + timedelta(hours=1)) == 0
    (article,) = archive.articles()
    assert [s.name for s in article.sources] == ["A", "B"]
    assert article.text == "Body."                          # the first feed's copy is kept
    assert article.published == NOW - timedelta(hours=3)    # earliest report wins
    assert article.first_seen == NOW


def test_same_global_guid_with_different_links_is_one_article(archive: Archive) -> None:
    guid = "urn:uuid:5d1f3a2e-0c3b-4d0e-9a57-0f6c2b1e9a11"
    archive.save_feed(state(), [make("https://a.example/x", guid=guid, name="A")], now=NOW)
    archive.save_feed(state("https://b.example/rss"),
                      [make("https://mirror.example/x", feed="https://b.example/rss", guid=guid, name="B")], now=NOW)
    (article,) = archive.articles()
    assert {s.name for s in article.sources} == {"A", "B"}


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


def test_failed_save_rolls_back_the_whole_feed(archive: Archive) -> None:
    good = make("https://a.example/good")
    bad = Article(**{**make("https://a.example/bad").__dict__, "topics": (object(),)})  # not JSON-serialisable
    with pytest.raises(TypeError):
        archive.save_feed(state(item_count=2), [good, bad], now=NOW)
    assert archive.count() == 0 and archive.feed_state("https://a.example/feed") is None
    assert archive.save_feed(state(), [good], now=NOW) == 1


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
    lookups = [s for s in statements if s.lstrip().upper().startswith("SELECT") and "FROM articles" in s]
    assert len(lookups) == 3  # by id, by canonical URL, by global guid
    for sql in lookups:
        plan = " ".join(str(row[3]) for row in archive.conn.execute("EXPLAIN QUERY PLAN " + sql))
        assert "SCAN articles" not in plan, (sql, plan)
