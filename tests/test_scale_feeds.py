"""A feed body that is byte-for-byte last build's is not parsed again, even when the server
answered 200 (no validators): real HTTP on 127.0.0.1, a real SQLite archive."""
from __future__ import annotations

from dataclasses import fields
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest
from httpserver import LocalServer, body

from newsdigest.archive import Archive
from newsdigest.settings import FeedSettings, FetchSettings
from newsdigest.sources import ingest as ingest_module
from newsdigest.sources.ingest import ingest_feeds

NOW = datetime(2026, 11, 27, 12, 0, tzinfo=timezone.utc)
ITEM = ("<item><title>{title}</title><link>https://local.example/{slug}</link>"
        "<pubDate>Thu, 26 Nov 2026 08:00:00 GMT</pubDate><description>{title}. Boats are back.</description></item>")


def rss(*titles: str) -> bytes:
    items = "".join(ITEM.format(title=t, slug=t.lower().replace(" ", "-")) for t in titles)
    return ('<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Local</title>'
            f"<link>https://local.example/</link>{items}</channel></rss>").encode()


def _local(cls: type, **values: Any) -> Any:
    """Settings that may talk to 127.0.0.1 (the network policy's switch, where this version has one)."""
    if any(f.name == "allow_private" for f in fields(cls)):
        values["allow_private"] = True
    return cls(**values)


def test_same_body_on_200_is_not_parsed_again_and_a_changed_one_is(tmp_path: Path,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    parsed: list[str] = []
    real_parse = ingest_module.parse_feed
    monkeypatch.setattr(ingest_module, "parse_feed",
                        lambda data, **kw: parsed.append(kw["feed"].name) or real_parse(data, **kw))
    fetch = _local(FetchSettings, timeout=5, deadline=10)
    with LocalServer() as server, Archive.open(tmp_path / "a.sqlite") as archive:
        server.routes["/feed.xml"] = body(rss("Harbour reopens"))     # 200 every time, no ETag/Last-Modified
        feeds = [_local(FeedSettings, name="Plain", url=server.url("/feed.xml"))]

        def ingest(hours: int) -> Any:
            return ingest_feeds(feeds, archive, fetch, now=NOW + timedelta(hours=hours), tz=timezone.utc)

        first, second = ingest(0), ingest(1)
        assert (first.new_articles, second.new_articles) == (1, 0)
        assert parsed == ["Plain"]                                     # the second, identical body: no parse
        assert second.states[0].status == "not modified" and second.states[0].item_count == 1
        assert [r.headers.get("if-none-match") for r in server.hits("/feed.xml")] == [None, None]

        server.routes["/feed.xml"] = body(rss("Harbour reopens", "Library extends hours"))
        third = ingest(2)
        assert parsed == ["Plain", "Plain"] and third.new_articles == 1 and archive.count() == 2
        assert third.states[0].status == "ok"


def test_changed_feed_settings_parse_the_same_body_again(tmp_path: Path) -> None:
    fetch = _local(FetchSettings, timeout=5, deadline=10)
    with LocalServer() as server, Archive.open(tmp_path / "a.sqlite") as archive:
        server.routes["/feed.xml"] = body(rss("Harbour reopens"))
        for topics, status in (((), "ok"), ((), "not modified"), (("sport",), "ok")):
            feeds = [_local(FeedSettings, name="Plain", url=server.url("/feed.xml"), topics=topics)]
            report = ingest_feeds(feeds, archive, fetch, now=NOW, tz=timezone.utc)
            assert report.states[0].status == status
