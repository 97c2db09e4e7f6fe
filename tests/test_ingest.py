"""ingest_feeds end to end: real feeds over a real local HTTP server into a real SQLite archive."""
from __future__ import annotations

import csv
import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from datetime import datetime, timedelta, timezone
from ipaddress import ip_address
from pathlib import Path

import pytest
from conftest import skip_or_fail
from httpserver import Huge, LocalServer, body, flaky, gzipped, redirect, slow

from newsdigest.archive import Archive
from newsdigest.settings import FeedSettings, FetchSettings
from newsdigest.sources import ingest as ingest_module
from newsdigest.sources.addresses import AddressPolicy
from newsdigest.sources.feeds import parse_feed
from newsdigest.sources.ingest import ingest_feeds

ROOT = Path(__file__).resolve().parent.parent
NOW = datetime(2026, 11, 27, 12, 0, tzinfo=timezone.utc)
# The test server is on 127.0.0.1, which a feed URL may reach only with allow_private (as in a config).
QUICK = FetchSettings(timeout=0.5, deadline=1.5, retries=1, max_bytes=2_000_000, allow_private=True)
FEED = b"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Local</title><link>https://local.example/</link>
<item><title>Harbour reopens after storm</title><link>https://local.example/harbour</link>
<pubDate>Thu, 26 Nov 2026 08:00:00 GMT</pubDate><description>Boats are back.</description></item>
<item><title>Library extends opening hours</title><link>https://local.example/library</link>
<pubDate>Thu, 26 Nov 2026 09:00:00 GMT</pubDate><description>Open until nine.</description></item>
</channel></rss>"""
COUNT_EXCEPTIONS = {"pcmag_1.xml": 10, "scriptingnews_1.xml": 48}   # see test_feeds.py


def manifest_counts(shared_data: Path) -> dict[str, int]:
    with (shared_data / "feeds" / "MANIFEST.tsv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t"))
    names = {Path(row["file"]).name: int(row["items"]) for row in rows}
    return {name: COUNT_EXCEPTIONS.get(name, count) for name, count in names.items()}


def open_archive(tmp_path: Path) -> Archive:
    return Archive.open(tmp_path / "cache" / "news.sqlite")


def test_real_feeds_over_http_then_304_without_parsing(shared_data: Path, tmp_path: Path, monkeypatch) -> None:
    counts = manifest_counts(shared_data)
    with LocalServer(static_dir=shared_data / "feeds") as server, open_archive(tmp_path) as archive:
        feeds = [FeedSettings(name=name, url=server.url(f"/{name}")) for name in sorted(counts)]
        first = ingest_feeds(feeds, archive, FetchSettings(timeout=5, deadline=10, allow_private=True), now=NOW, tz=timezone.utc)
        assert [(f.name, f.reason.split(" (")[0]) for f in first.failures] == [
            ("reuters_3.xml", "malformed or truncated feed, no items readable")]
        assert first.new_articles == sum(counts.values()) == archive.count()

        parsed_calls: list[str] = []
        real_parse = ingest_module.parse_feed
        monkeypatch.setattr(ingest_module, "parse_feed",
                            lambda data, **kw: parsed_calls.append(kw["feed"].name) or real_parse(data, **kw))
        second = ingest_feeds(feeds, archive, FetchSettings(timeout=5, deadline=10, allow_private=True), now=NOW + timedelta(hours=1),
                              tz=timezone.utc)
    assert parsed_calls == ["reuters_3.xml"]          # only the failed feed is fetched in full again
    assert second.new_articles == 0
    statuses = {s.url.rsplit("/", 1)[1]: s for s in second.states}
    assert sum(s.status == "not modified" for s in statuses.values()) == len(counts) - 1
    assert statuses["reuters_3.xml"].status == "failed" and statuses["reuters_3.xml"].consecutive_failures == 2
    assert statuses["bbc_1.xml"].item_count == 69
    revalidated = [r for r in server.requests[len(counts):] if "if-none-match" in r.headers]
    assert len(revalidated) == len(counts) - 1


def test_misbehaving_servers_are_reported_and_the_run_goes_on(tmp_path: Path) -> None:
    with LocalServer() as server, open_archive(tmp_path) as archive:
        server.routes.update({
            "/good": body(FEED), "/slow": slow(3.0, FEED), "/flaky": flaky(1, FEED), "/gz": gzipped(FEED),
            "/loop-a": redirect("/loop-b"), "/loop-b": redirect("/loop-a"), "/huge": Huge(50 * 1024 * 1024),
            "/page": body(b"<!DOCTYPE html><html><body><p>Home</p></body></html>", "text/html"),
        })
        names = ["good", "slow", "flaky", "gz", "loop-a", "huge", "page", "missing"]
        feeds = [FeedSettings(name=name, url=server.url(f"/{name}")) for name in names]
        started = time.monotonic()
        report = ingest_feeds(feeds, archive, QUICK, now=NOW, tz=timezone.utc)
        elapsed = time.monotonic() - started
        reasons = {f.name: f.reason for f in report.failures}
        assert sorted(reasons) == ["huge", "loop-a", "missing", "page", "slow"]
        assert reasons["slow"].startswith("timed out")
        assert reasons["loop-a"].startswith("redirect loop")
        assert reasons["huge"].startswith("response too large")
        errors = {s.name: s.last_error for s in archive.feed_states()}   # what the sources page shows
        assert errors["page"] == "not a feed (the response is HTML)"
        assert errors["missing"] == "HTTP 404 Not Found"
        assert reasons["page"].startswith("not a feed (the response is HTML); the response starts with '<")   # the log
        assert reasons["missing"] == f"HTTP 404 Not Found from {server.url('/missing')}"
        # good, flaky (after one retry) and gz carry the same two articles: merged, three sources each.
        assert report.new_articles == 2 and archive.count() == 2
        assert {len(a.sources) for a in archive.articles()} == {3}
        assert elapsed < 4.0
        states = {s.name: s for s in archive.feed_states()}
        assert states["flaky"].status == "ok" and states["slow"].status == "failed"
        assert states["slow"].last_error == reasons["slow"]


def test_failed_feed_keeps_its_archived_articles(tmp_path: Path) -> None:
    with LocalServer() as server, open_archive(tmp_path) as archive:
        feed = FeedSettings(name="Local", url=server.url("/feed"))
        server.routes["/feed"] = body(FEED)
        ingest_feeds([feed], archive, QUICK, now=NOW, tz=timezone.utc)
        server.routes["/feed"] = flaky(99, FEED, status=500)
        later = NOW + timedelta(days=1)
        report = ingest_feeds([feed], archive, QUICK, now=later, tz=timezone.utc)
        assert [f.reason for f in report.failures] == [   # the build log's line names the URL
            f"HTTP 500 Internal Server Error from {server.url('/feed')} (gave up after 2 attempts)"]
        assert archive.count() == 2
        (failed,) = report.states
        assert failed.last_error == "HTTP 500 Internal Server Error (gave up after 2 attempts)"   # the sources page
        assert failed.status == "failed" and failed.consecutive_failures == 1
        assert failed.last_success == NOW and failed.last_attempt == later
        server.routes["/feed"] = body(FEED)
        recovered = ingest_feeds([feed], archive, QUICK, now=later + timedelta(hours=1), tz=timezone.utc)
        assert recovered.failures == () and recovered.states[0].consecutive_failures == 0


def test_offline_reads_no_network_but_local_files(tmp_path: Path) -> None:
    local = tmp_path / "local.xml"
    with LocalServer() as server, open_archive(tmp_path) as archive:
        server.routes["/feed"] = body(FEED)
        local.write_bytes(FEED.replace(b"https://local.example", server.base.encode()))
        server.routes["/harbour"] = body(ARTICLE_PAGE.encode(), "text/html")
        feeds = [FeedSettings(name="Remote", url=server.url("/feed")),
                 FeedSettings(name="Disk", url=str(local), full_text=True)]
        seen: list[str] = []
        report = ingest_feeds(feeds, archive, QUICK, now=NOW, tz=timezone.utc, offline=True, progress=seen.append)
        assert server.requests == []
        assert report.new_articles == 2 and report.failures == ()
        assert report.warnings == ("offline: 1 feed(s) not fetched; using the archive",)
        assert [s.status for s in report.states] == ["never fetched", "ok"]
        assert len(seen) == 2


def test_duplicate_feed_urls_in_config_are_read_once(tmp_path: Path) -> None:
    local = tmp_path / "f.xml"
    local.write_bytes(FEED)
    with open_archive(tmp_path) as archive:
        ticks: list[str] = []
        report = ingest_feeds([FeedSettings("One", local.as_uri()), FeedSettings("Two", local.as_uri())],
                              archive, QUICK, now=NOW, tz=timezone.utc, progress=ticks.append)
    assert report.new_articles == 2 and len(report.states) == 1 and len(ticks) == 2
    assert report.warnings == ("feed `Two` repeats the URL of `One`; read once",)


@pytest.mark.parametrize("outlet", ["arstechnica", "npr"])
def test_daily_snapshots_accumulate_into_the_union(shared_data: Path, tmp_path: Path, outlet: str) -> None:
    snapshots = sorted((shared_data / "feeds_timeseries" / outlet).glob("*.xml"))
    assert len(snapshots) == 14
    expected_ids: set[str] = set()
    first_seen_days = set()
    with LocalServer() as server, open_archive(tmp_path) as archive:
        feed = FeedSettings(name=outlet, url=server.url("/rss"))
        total_new = 0
        for path in snapshots:
            day_end = datetime.fromisoformat(path.stem).replace(hour=23, minute=59, tzinfo=timezone.utc)
            server.routes["/rss"] = body(path.read_bytes())
            report = ingest_feeds([feed], archive, QUICK, now=day_end, tz=timezone.utc)
            assert report.failures == ()
            total_new += report.new_articles
            direct = parse_feed(path.read_bytes(), feed=feed, fetched_at=day_end, tz=timezone.utc)
            expected_ids |= {a.id for a in direct.articles}
        articles = archive.articles()
        first_seen_days = {a.first_seen.date() for a in articles}
    assert {a.id for a in articles} == expected_ids
    assert len(articles) == len(expected_ids) == total_new
    assert len({a.url for a in articles}) == len(articles)
    assert len(articles) > 20  # far more than any one snapshot holds
    assert len(first_seen_days) == 14   # every day brought something new, so every day has an edition


def test_two_feeds_sharing_a_story_give_one_article_with_both_sources(tmp_path: Path) -> None:
    a, b = tmp_path / "a.xml", tmp_path / "b.xml"
    a.write_bytes(FEED)
    b.write_bytes(FEED.replace(b"<title>Local</title>", b"<title>Other</title>")
                  .replace(b"https://local.example/harbour", b"https://local.example/harbour?utm_source=other"))
    with open_archive(tmp_path) as archive:
        ingest_feeds([FeedSettings("A", str(a)), FeedSettings("B", b.as_uri())], archive, QUICK, now=NOW,
                     tz=timezone.utc)
        articles = archive.articles()
    assert len(articles) == 2
    assert all(sorted(s.name for s in x.sources) == ["A", "B"] for x in articles)


ARTICLE_PAGE = """<!DOCTYPE html><html><head><meta charset="utf-8"><title>Harbour</title></head><body>
<nav><a href="/">Home</a> <a href="/sport">Sport</a></nav>
<article><h1>Harbour reopens after storm</h1>
<p>The harbour reopened on Thursday morning after three days of closure, the port authority said,
and the first fishing boats left before dawn to make up for lost days at sea.</p>
<p>Engineers checked the breakwater overnight and found only minor damage to the outer wall, which
will be repaired over the coming weeks without further closures, according to the authority.</p>
<p>Local traders welcomed the news, saying the closure had cost them a large share of the week's
business, and several cafés on the quay reopened their terraces by mid-morning.</p>
</article><footer>Copyright Local Paper</footer></body></html>"""


def test_full_text_replaces_the_teaser_and_failures_only_warn(tmp_path: Path) -> None:
    try:
        import trafilatura  # noqa: F401 — the optional extra this test exercises
    except ImportError:
        skip_or_fail("trafilatura (the fulltext extra) is not installed")
    with LocalServer() as server, open_archive(tmp_path) as archive:
        feed_bytes = FEED.replace(b"https://local.example/harbour", server.url("/harbour").encode()) \
                         .replace(b"https://local.example/library", server.url("/library").encode())
        server.routes.update({"/rss": body(feed_bytes),
                              "/harbour": body(ARTICLE_PAGE.encode(), "text/html; charset=utf-8")})
        feed = FeedSettings(name="Local", url=server.url("/rss"), full_text=True)
        # Article links may never be private, so this server plays a public site (a test-only policy).
        public = AddressPolicy(public_endpoints=frozenset({(ip_address("127.0.0.1"), int(server.base.rsplit(":")[-1]))}))
        report = ingest_feeds([feed], archive, QUICK, now=NOW, tz=timezone.utc, policy=public)
        by_title = {a.title: a for a in archive.articles()}
        harbour = by_title["Harbour reopens after storm"]
        assert harbour.text.startswith("The harbour reopened on Thursday morning")
        assert "breakwater" in harbour.text and "Copyright" not in harbour.text and "Sport" not in harbour.text
        assert by_title["Library extends opening hours"].text == "Open until nine."
        assert report.failures == ()
        assert any("full text of" in w and "HTTP 404" in w for w in report.warnings)
        # Known articles are not fetched again on the next run.
        hits = len(server.hits("/harbour"))
        server.routes["/rss"] = body(feed_bytes + b" ")
        ingest_feeds([feed], archive, QUICK, now=NOW + timedelta(hours=1), tz=timezone.utc, policy=public)
        assert len(server.hits("/harbour")) == hits


KILL_SCRIPT = textwrap.dedent("""
    import sys
    from datetime import datetime, timezone
    from pathlib import Path
    from newsdigest.archive import Archive
    from newsdigest.settings import FeedSettings, FetchSettings
    from newsdigest.sources.ingest import ingest_feeds
    urls = sys.argv[2:]
    with Archive.open(Path(sys.argv[1])) as archive:
        ingest_feeds([FeedSettings(name=u.rsplit("/", 1)[1], url=u) for u in urls], archive,
                     FetchSettings(timeout=5, deadline=10, concurrency=2, per_host=2, allow_private=True),
                     now=datetime(2026, 11, 27, tzinfo=timezone.utc), tz=timezone.utc)
""")


def test_killed_ingest_leaves_a_consistent_archive(shared_data: Path, tmp_path: Path) -> None:
    files = sorted(p for p in (shared_data / "feeds").glob("*.xml") if p.name != "reuters_3.xml")
    db = tmp_path / "news.sqlite"
    script = tmp_path / "run_ingest.py"
    script.write_text(KILL_SCRIPT)
    with LocalServer() as server:
        for path in files:
            server.routes[f"/{path.name}"] = slow(0.25, path.read_bytes())
        urls = [server.url(f"/{p.name}") for p in files]
        env = {**os.environ, "PYTHONPATH": str(ROOT)}
        proc = subprocess.Popen([sys.executable, str(script), str(db), *urls], cwd=ROOT, env=env)
        try:
            stored = _wait_for_stored_feeds(db, at_least=3, timeout=30)
            proc.send_signal(signal.SIGKILL)
            proc.wait(timeout=10)
        finally:
            if proc.poll() is None:
                proc.kill()
        assert 3 <= stored < len(files), "the kill must land mid-run"
        with Archive.open(db) as archive:
            assert archive.warnings == []
            assert archive.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
            states = [s for s in archive.feed_states() if s.status == "ok"]
            assert len(states) >= 3
            for state in states:  # each stored feed is whole: its articles and its state arrived together
                count = archive.conn.execute("SELECT COUNT(*) FROM articles WHERE feed = ?", (state.url,)).fetchone()
                assert count[0] == state.item_count, state.url
            stored_feeds = {row[0] for row in archive.conn.execute("SELECT DISTINCT feed FROM articles")}
            assert stored_feeds == {s.url for s in states}
            report = ingest_feeds([FeedSettings(name=u.rsplit("/", 1)[1], url=u) for u in urls], archive,
                                  FetchSettings(timeout=5, deadline=10, allow_private=True), now=NOW, tz=timezone.utc)
            assert report.failures == ()
            assert all(s.status in ("ok", "not modified") for s in archive.feed_states())
            assert archive.count() == sum(manifest_counts(shared_data)[p.name] for p in files)


def _wait_for_stored_feeds(db: Path, at_least: int, timeout: float) -> int:
    """Poll the archive from outside (a second SQLite connection) until some feeds are stored."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if db.exists():
            try:
                conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1)
                try:
                    stored = conn.execute("SELECT COUNT(*) FROM feeds WHERE status = 'ok'").fetchone()[0]
                finally:
                    conn.close()
                if stored >= at_least:
                    return stored
            except sqlite3.Error:
                pass
        time.sleep(0.02)
    raise AssertionError("the ingest subprocess stored nothing in time")
