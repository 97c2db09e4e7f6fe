"""A feed with sponsored items, built with digest.drop_sponsored on (the default) and off."""
from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

from newsdigest.cli import main

EPOCH = "1790020800"           # 2026-09-21T20:00:00Z
FEED = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Harbour Times</title><link>https://harbour.example/</link>
<item><title>Ferry pier opens after two years of building work</title>
  <link>https://harbour.example/news/pier</link><pubDate>Mon, 21 Sep 2026 09:00:00 +0000</pubDate>
  <description>The harbour trust opened its new ferry pier on Monday. Ferries start next week.</description></item>
<item><title>Council votes to keep the night buses running</title>
  <link>https://harbour.example/news/buses</link><pubDate>Mon, 21 Sep 2026 11:00:00 +0000</pubDate>
  <description>The council voted to keep the night buses running for another year.</description></item>
<item><title>Refi rates at 3.09% APR for qualified homeowners</title>
  <link>https://harbour.example/partner/refi</link><pubDate>Mon, 21 Sep 2026 12:00:00 +0000</pubDate>
  <description>See whether you qualify in two minutes.</description></item>
<item><title>Our favourite garden chairs this autumn</title><category>Sponsored</category>
  <link>https://harbour.example/shop/chairs</link><pubDate>Mon, 21 Sep 2026 13:00:00 +0000</pubDate>
  <description>Sit back in comfort with these chairs.</description></item>
<item><title>Smart thermostats compared for winter</title>
  <link>https://deals.example/thermostats?ref=harbour</link><pubDate>Mon, 21 Sep 2026 14:00:00 +0000</pubDate>
  <description>Advertisement. Save on heating: shop now while stocks last.</description></item>
</channel></rss>
"""
ADS = ("Refi rates at 3.09% APR", "Our favourite garden chairs", "Smart thermostats compared")


def build(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, drop: bool) -> Path:
    (tmp_path / "harbour.xml").write_text(FEED, encoding="utf-8")
    (tmp_path / "config.yaml").write_text(
        "site: {title: Harbour, timezone: UTC}\nfeeds:\n  - {name: Harbour Times, url: harbour.xml}\n"
        f"digest: {{drop_sponsored: {'true' if drop else 'false'}}}\nsearch: false\n", encoding="utf-8")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    assert main(["--config", str(tmp_path / "config.yaml"), "--output", str(tmp_path / "site"), "--offline",
                 "--quiet"]) == 0
    return tmp_path / "site"


def top_and_briefing(site: Path) -> str:
    home = (site / "index.html").read_text(encoding="utf-8")
    return home.split('class="briefing"', 1)[1].split('class="topic-sections"', 1)[0]


def test_sponsored_items_are_dropped_with_reasons(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    site = build(tmp_path, monkeypatch, drop=True)
    everything = " ".join(p.read_text(encoding="utf-8") for p in site.rglob("*.html") if "sources" not in p.parts)
    assert not [ad for ad in ADS if ad in everything]
    sources = (site / "sources" / "index.html").read_text(encoding="utf-8")
    assert '<td data-label="Not news"><a href="#not-news">3</a></td>' in sources
    assert "Harbour Times: 3 items" in sources
    reasons = re.findall(r'<span class="meta">— (.*?)</span>', sources.split('id="not-news"', 1)[1])
    assert sorted(html.unescape(r) for r in reasons) == [
        "ad phrasing “Refi rates at 3.09% APR”", "feed category “Sponsored”",
        "links to deals.example (not the feed's site harbour.example) and says “Advertisement”"]
    assert "Ferry pier opens" in top_and_briefing(site)


def test_kept_sponsored_items_stay_out_of_the_top_and_the_briefing(tmp_path: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    site = build(tmp_path, monkeypatch, drop=False)
    assert not [ad for ad in ADS if ad in top_and_briefing(site)]
    pages = " ".join(p.read_text(encoding="utf-8") for p in (site / "articles").glob("*/index.html"))
    assert all(ad in pages for ad in ADS)                       # still on the site, each on its page
    assert "they stay in their topics" in (site / "sources" / "index.html").read_text(encoding="utf-8")
