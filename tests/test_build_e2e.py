"""End to end: the shipped config builds a complete site; a new feed shows up after a rebuild."""
from __future__ import annotations

import shutil
import socket
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
import yaml

from newsdigest.cli import main

SEED_POINTS = (
    "US Secretary of State Anthony Blinken said the two countries are now on a",
    "Russian Foreign Minister Sergei Lavrov called the talks",
    "The US has agreed to give written answers next week to Russia",
)


class LinkCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name in ("href", "src") and value:
                self.links.append(value)


def links_of(page: Path) -> list[str]:
    collector = LinkCollector()
    collector.feed(page.read_text(encoding="utf-8"))
    return collector.links


def internal_target(page: Path, link: str) -> Path | None:
    """The file a relative link points to, or None for external/anchor links."""
    parts = urlsplit(link)
    if parts.scheme or parts.netloc or link.startswith(("#", "mailto:", "data:")):
        return None
    target = (page.parent / unquote(parts.path)).resolve()
    return target / "index.html" if target.is_dir() else target


def copy_project(root: Path, dest: Path, remote_feeds: bool = True) -> Path:
    """The shipped project in a temp folder; without remote feeds when the test builds online
    (tests never reach outside 127.0.0.1)."""
    for name in ("content", "seeds"):
        shutil.copytree(root / name, dest / name)
    config = yaml.safe_load((root / "config.yaml").read_text(encoding="utf-8"))
    if not remote_feeds:
        config["feeds"] = [f for f in config["feeds"] if not f["url"].startswith(("http:", "https:"))]
    (dest / "config.yaml").write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    return dest / "config.yaml"


def add_feeds(config: Path, *feeds: dict) -> None:
    data = yaml.safe_load(config.read_text(encoding="utf-8"))
    data["feeds"] = [*feeds, *data["feeds"]]
    config.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")


@pytest.fixture(scope="module")
def built(tmp_path_factory, root):
    work = tmp_path_factory.mktemp("project")
    config = copy_project(root, work)
    # --offline: tests never reach outside 127.0.0.1; the URL feeds are read from the (empty) archive.
    assert main(["--config", str(config), "--output", str(work / "out"), "--offline", "--quiet"]) == 0
    return work, work / "out"


def page_of_seed(out: Path) -> Path:
    pages = [p for p in (out / "articles").glob("*/index.html") if SEED_POINTS[1] in p.read_text(encoding="utf-8")]
    assert pages, "no article page carries the seed's key points"
    return pages[0]


def test_seed_page_shows_author_key_points_and_body(built):
    _, out = built
    html = page_of_seed(out).read_text(encoding="utf-8")
    for point in SEED_POINTS:
        assert point in html.replace("&#39;", "'").replace("&rsquo;", "’")
    assert "Moscow has demanded that the NATO alliance promise" in html
    assert "AP" in html


def test_untitled_seed_gets_a_readable_path_from_its_generated_headline(built):
    _, out = built
    folder = page_of_seed(out).parent.name
    assert not folder.startswith("article-")
    assert "russia" in folder or "ukraine" in folder


def test_home_links_every_topic_and_article(built):
    _, out = built
    home = out / "index.html"
    targets = {internal_target(home, link) for link in links_of(home)}
    topic_pages = set((out / "topics").glob("*/index.html"))
    assert topic_pages and topic_pages <= targets
    articles = set((out / "articles").glob("*/index.html"))
    assert len(articles) == 11          # 5 Markdown + 1 seed + 5 sample-wire items
    reachable = set(targets)
    for story in (p for p in targets if p and "stories" in p.parts):
        reachable |= {internal_target(story, link) for link in links_of(story)}
    assert articles <= reachable


def test_every_internal_link_resolves(built):
    _, out = built
    broken = []
    for page in sorted(out.rglob("*.html")):
        for link in links_of(page):
            target = internal_target(page, link)
            if target is not None and not target.exists():
                broken.append(f"{page.relative_to(out)} → {link}")
    assert broken == []


def test_sample_feed_tracking_parameters_are_removed(built):
    _, out = built
    text = "".join(p.read_text(encoding="utf-8") for p in (out / "articles").glob("*/index.html"))
    assert "https://example.org/wire/bridge-closure-ferries" in text
    assert "utm_source" not in text


def closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_added_feed_appears_on_home_and_topic_pages(tmp_path, root, capsys):
    config = copy_project(root, tmp_path, remote_feeds=False)
    out = tmp_path / "out"
    assert main(["--config", str(config), "--output", str(out), "--quiet"]) == 0
    (tmp_path / "extra.xml").write_text(EXTRA_FEED, encoding="utf-8")
    add_feeds(config, {"name": "Extra Sport", "url": "extra.xml", "topics": ["sport"]},
              {"name": "Unreachable", "url": f"http://127.0.0.1:{closed_port()}/feed.xml"})
    capsys.readouterr()
    assert main(["--config", str(config), "--output", str(out)]) == 0
    err = capsys.readouterr().err
    unreachable = [line for line in err.splitlines() if "Unreachable" in line]
    assert len(unreachable) == 1 and unreachable[0].startswith("warning: feed `Unreachable`")
    home = (out / "index.html").read_text(encoding="utf-8")
    assert "Underdogs win cup final on penalties" in home
    sport = (out / "topics" / "sport" / "index.html").read_text(encoding="utf-8")
    assert "Underdogs win cup final on penalties" in sport


def test_strict_exits_1_when_a_feed_fails(tmp_path, root):
    config = copy_project(root, tmp_path, remote_feeds=False)
    add_feeds(config, {"name": "Down", "url": f"http://127.0.0.1:{closed_port()}/x.xml"})
    assert main(["--config", str(config), "--output", str(tmp_path / "out"), "--strict", "--quiet"]) == 1
    assert (tmp_path / "out" / "index.html").exists()     # the site is still built


def test_subpath_base_url_keeps_links_relative(tmp_path, root):
    config = copy_project(root, tmp_path)
    data = yaml.safe_load(config.read_text(encoding="utf-8"))
    data["site"]["base_url"] = "https://example.org/news/"
    config.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    out = tmp_path / "out"
    assert main(["--config", str(config), "--output", str(out), "--offline", "--quiet"]) == 0
    home = out / "index.html"
    for link in links_of(home):
        assert not link.startswith("/"), f"root-relative link breaks under a sub-path: {link}"
    assert "https://example.org/news/" in (out / "feed.xml").read_text(encoding="utf-8")


EXTRA_FEED = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>Extra Sport</title>
  <id>urn:example:extra-sport</id>
  <updated>2026-11-27T18:00:00Z</updated>
  <link href="https://example.org/extra/"/>
  <entry>
    <title>Underdogs win cup final on penalties</title>
    <id>urn:example:extra-sport:1</id>
    <link href="https://example.org/extra/cup-final"/>
    <updated>2026-11-27T18:00:00Z</updated>
    <summary>Third-division Millbrook Rovers won the cup final on penalties after a 2-2 draw, the first
    lower-league side to lift the trophy in the competition's history. Goalkeeper Sam Ortiz saved two
    penalties in the shoot-out as 80,000 fans watched at the national stadium.</summary>
  </entry>
</feed>
"""


def test_all_shared_feeds_build_within_page_budgets(tmp_path, shared_data, capsys):
    """33 real feeds, messy ones included: one malformed feed is a warning, every page stays in budget."""
    feeds = sorted((shared_data / "feeds").glob("*.xml"))
    config = {"site": {"title": "Real feeds"}, "feeds": [{"name": p.stem, "url": str(p)} for p in feeds],
              "topics": [{"name": n} for n in ("World", "Politics", "Business", "Technology", "Sport")],
              "search": False}
    (tmp_path / "config.yaml").write_text(yaml.safe_dump(config), encoding="utf-8")
    out = tmp_path / "out"
    assert main(["--config", str(tmp_path / "config.yaml"), "--output", str(out)]) == 0
    err = capsys.readouterr().err
    skipped = [line for line in err.splitlines() if "skipped" in line]
    assert skipped == [(f"warning: feed `reuters_3` ({(shared_data / 'feeds' / 'reuters_3.xml').resolve()}) skipped: "
                       "malformed or truncated feed, no items readable (<unknown>:19:84: no element found)")]
    assert len(list((out / "articles").glob("*/index.html"))) == 946
    oversized = {p.relative_to(out).as_posix(): p.stat().st_size for p in out.rglob("*.html")
                 if p.stat().st_size > 60_000}
    assert oversized == {}
    sources = (out / "sources" / "index.html").read_text(encoding="utf-8")
    assert all(p.stem in sources for p in feeds)
