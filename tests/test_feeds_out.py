"""Feeds, sitemap, robots.txt and OPML from a hand-built SiteData."""
from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from datetime import datetime, timedelta, timezone
from pathlib import Path

import feedparser
import pytest

from newsdigest.model import Analysed, Article, Extract, SiteData, TopicMatch
from newsdigest.settings import FeedSettings, Settings, SiteSettings, TopicSettings
from newsdigest.site.feeds_out import render_feeds
from newsdigest.site.paths import article_path

A = "{http://www.w3.org/2005/Atom}"
BASE = "https://example.org/news/"
BUILD = datetime(2026, 3, 2, 12, 0, tzinfo=timezone.utc)
HOSTILE = 'Rates <script>alert("x")</script> & "more"\x07'


def _item(n: int, title: str, topics: tuple[str, ...], url: str = "", author: str = "") -> Analysed:
    article = Article(
        id=f"{n:08x}" + "ab" * 4, title=title, text="Body text.", author=author,
        published=BUILD - timedelta(hours=n), source=f"Outlet {n}",
        url=url or f"https://outlet{n}.example.com/story/{n}",
    )
    extract = Extract(
        headline=title, summary=f"Summary number {n} says what happened.{' ' + title if author else ''}",
        key_points=(f"Point one of {n}.", f"Point two of {n}.") + ((title,) if author else ()), keywords=("alpha",),
    )
    matches = tuple(TopicMatch(slug=s, name=s.title(), score=2.0) for s in topics)
    return Analysed(article=article, extract=extract, topics=matches)


ITEMS = (
    _item(1, "Parliament passes the budget", ("politics",)),
    _item(2, HOSTILE, ("economy", "politics"), url="javascript:alert(1)", author="<b>Ann</b>"),
    _item(3, "New telescope sees far", ("science",)),
)
TOPICS = (
    TopicSettings(name="Economy", slug="economy"),
    TopicSettings(name="Politics", slug="politics", description="Votes & laws"),
    TopicSettings(name="Science", slug="science"),
)
PAGES = ("index.html", "topics/economy/", "articles/x-1/index.html", "404.html", "search/")


def _settings(base: str = BASE) -> Settings:
    feeds = (
        FeedSettings(name="Wire", url="https://wire.example.com/rss.xml", category="news"),
        FeedSettings(name="Local file", url="feeds/local.xml"),
        FeedSettings(name="Bad & <odd>", url="http://odd.example.com/feed"),
    )
    return Settings(config_path=Path("/tmp/c.yaml"), root=Path("/tmp"), feeds=feeds, topics=TOPICS,
                    site=SiteSettings(title="Test Digest", base_url=base, language="en"))


def _render(base: str = BASE, items: tuple[Analysed, ...] = ITEMS) -> dict[str, bytes]:
    data = SiteData(analysed=items, stories=(), build_time=BUILD)
    return render_feeds(data, _settings(base), TOPICS, PAGES)


@pytest.fixture(scope="module")
def out() -> dict[str, bytes]:
    return _render()


def test_every_output_present(out: dict[str, bytes]) -> None:
    feeds = {f"{folder}{name}" for folder in ("", "topics/economy/", "topics/politics/", "topics/science/")
             for name in ("feed.xml", "rss.xml", "feed.json")}
    assert set(out) == feeds | {"sitemap.xml", "robots.txt", "feeds.opml"}


@pytest.mark.parametrize("base", [BASE, "/"])
def test_all_xml_feeds_parse_without_bozo(base: str) -> None:
    out = _render(base)
    checked = 0
    for path, body in out.items():
        if path.endswith(("feed.xml", "rss.xml")):
            parsed = feedparser.parse(body)
            assert parsed.bozo == 0, (path, parsed.get("bozo_exception"))
            assert parsed.version == ("atom10" if path.endswith("feed.xml") else "rss20")
            assert parsed.entries, path
            checked += 1
    assert checked == 8


@pytest.mark.parametrize("base", [BASE, "/"])
def test_json_feeds_follow_the_1_1_spec(base: str) -> None:
    # feedparser 6.0 has no JSON Feed reader, so check the spec's MUSTs directly.
    for path, body in _render(base).items():
        if path.endswith("feed.json"):
            feed = json.loads(body)
            assert feed["version"] == "https://jsonfeed.org/version/1.1"
            assert isinstance(feed["title"], str) and feed["title"]
            assert feed["feed_url"].endswith(path)
            assert feed["items"], path
            for item in feed["items"]:
                assert isinstance(item["id"], str) and item["id"]
                assert item.get("content_html") or item.get("content_text")
                assert datetime.fromisoformat(item["date_published"].replace("Z", "+00:00")).tzinfo


def test_topic_feeds_hold_only_members(out: dict[str, bytes]) -> None:
    titles = {t: [e.title for e in feedparser.parse(out[f"topics/{t}/feed.xml"]).entries]
              for t in ("economy", "politics", "science")}
    clean_hostile = HOSTILE.replace("\x07", "")
    assert titles == {
        "economy": [clean_hostile],
        "politics": ["Parliament passes the budget", clean_hostile],
        "science": ["New telescope sees far"],
    }


def test_atom_schema_rules(out: dict[str, bytes]) -> None:
    feed = ET.fromstring(out["feed.xml"])
    assert feed.tag == f"{A}feed"
    assert feed.findtext(f"{A}id") == BASE
    assert feed.findtext(f"{A}title") == "Test Digest"
    assert feed.findtext(f"{A}updated") == "2026-03-02T12:00:00Z"
    assert feed.find(f"{A}author/{A}name").text == "Test Digest"
    self_links = [x.get("href") for x in feed.findall(f"{A}link") if x.get("rel") == "self"]
    assert self_links == [BASE + "feed.xml"]
    entries = feed.findall(f"{A}entry")
    assert len(entries) == 3
    for entry, item in zip(entries, ITEMS):
        page = BASE + article_path(item.article, item.extract.headline)
        assert entry.findtext(f"{A}id") == page
        assert entry.findtext(f"{A}title")
        assert entry.findtext(f"{A}updated") == item.article.published.strftime("%Y-%m-%dT%H:%M:%SZ")
        alternates = [x.get("href") for x in entry.findall(f"{A}link") if x.get("rel") == "alternate"]
        assert alternates == [page]
    ids = [e.findtext(f"{A}id") for e in entries]
    assert len(set(ids)) == len(ids)


def test_items_carry_key_points_summary_and_links(out: dict[str, bytes]) -> None:
    entry = feedparser.parse(out["feed.xml"]).entries[0]
    html = entry.content[0].value
    assert "<li>Point one of 1.</li>" in html and "<li>Point two of 1.</li>" in html
    assert "Summary number 1 says what happened." in html
    assert 'href="https://outlet1.example.com/story/1"' in html
    assert f'href="{BASE}{article_path(ITEMS[0].article, ITEMS[0].extract.headline)}"' in html
    rss_item = feedparser.parse(out["rss.xml"]).entries[0]
    assert "<li>Point one of 1.</li>" in rss_item.description
    assert rss_item.link == BASE + article_path(ITEMS[0].article, ITEMS[0].extract.headline)


def test_untrusted_text_is_escaped_in_every_format(out: dict[str, bytes]) -> None:
    atom = ET.fromstring(out["feed.xml"])
    content = atom.findall(f"{A}entry")[1].findtext(f"{A}content")
    rss = ET.fromstring(out["rss.xml"]).findall("channel/item")[1].findtext("description")
    jsn = json.loads(out["feed.json"])["items"][1]["content_html"]
    for html in (content, rss, jsn):
        assert "<script>" not in html and "&lt;script&gt;" in html
        assert "javascript:" not in html              # a hostile original link is dropped, not linked
        assert "\x07" not in html
    assert b"javascript:" not in b"".join(out.values())
    assert b"\x07" not in b"".join(out.values())


def test_json_feed_fields(out: dict[str, bytes]) -> None:
    feed = json.loads(out["topics/politics/feed.json"])
    assert feed["version"] == "https://jsonfeed.org/version/1.1"
    assert feed["title"] == "Politics — Test Digest"
    assert feed["home_page_url"] == BASE + "topics/politics/"
    assert feed["feed_url"] == BASE + "topics/politics/feed.json"
    assert feed["description"] == "Votes & laws"
    first = feed["items"][0]
    assert first["id"] == first["url"] == BASE + article_path(ITEMS[0].article, ITEMS[0].extract.headline)
    assert first["external_url"] == "https://outlet1.example.com/story/1"
    assert first["summary"] == "Summary number 1 says what happened."
    assert first["date_published"] == "2026-03-02T11:00:00Z"
    assert first["tags"] == ["Politics"]
    assert "external_url" not in feed["items"][1]
    assert feed["items"][1]["authors"] == [{"name": "<b>Ann</b>"}]    # JSON string, escaped on display


def test_sitemap_robots_opml(out: dict[str, bytes]) -> None:
    ns = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
    locs = [x.text for x in ET.fromstring(out["sitemap.xml"]).iter(f"{ns}loc")]
    assert locs == [BASE, BASE + "articles/x-1/", BASE + "search/", BASE + "topics/economy/"]
    assert out["robots.txt"] == f"User-agent: *\nAllow: /\nSitemap: {BASE}sitemap.xml\n".encode()
    opml = ET.fromstring(out["feeds.opml"])
    outlines = [(o.get("text"), o.get("xmlUrl")) for o in opml.iter("outline")]
    assert outlines == [("Bad & <odd>", "http://odd.example.com/feed"), ("Wire", "https://wire.example.com/rss.xml")]
    assert opml.findtext("head/dateCreated") == "Mon, 02 Mar 2026 12:00:00 GMT"


def test_without_absolute_base_ids_are_urns_and_robots_has_no_sitemap() -> None:
    out = _render("/")
    entry = ET.fromstring(out["feed.xml"]).find(f"{A}entry")
    assert entry.findtext(f"{A}id") == f"urn:newsdigest:article:{ITEMS[0].id}"
    assert b"Sitemap:" not in out["robots.txt"]


def test_output_is_deterministic_whatever_the_input_order() -> None:
    assert _render() == _render(items=tuple(reversed(ITEMS)))
