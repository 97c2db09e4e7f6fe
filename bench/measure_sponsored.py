"""Count the sponsored decisions on real data: `python bench/measure_sponsored.py [../shared/data]`.

Reads the 33 real feeds (feeds/*.xml, through the project's own parser) and every year2023 entry
(title + description as the text), applies briefing/sponsored.py and prints how many items each
rule flags per feed, with every flagged title and its reason, for a reader to judge by hand.
"""
from __future__ import annotations

import gzip
import html
import json
import re
import sys
from collections import Counter, defaultdict
from datetime import datetime, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from newsdigest.briefing.outlets import feed_sites
from newsdigest.briefing.sponsored import sponsored_reason
from newsdigest.model import Article
from newsdigest.settings import FeedSettings
from newsdigest.sources.feeds import parse_feed

NOW = datetime(2026, 1, 1, tzinfo=timezone.utc)
TAG = re.compile(r"<[^>]+>")


def report(label: str, articles: list[Article]) -> None:
    sites = feed_sites(articles)
    flagged: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for art in articles:
        reason = sponsored_reason(art, sites.get(art.feed, ""))
        if reason:
            flagged[art.feed].append((art.title, reason))
    total = sum(len(v) for v in flagged.values())
    print(f"{label}: {total} of {len(articles)} items flagged")
    kinds = Counter(reason.split(" ")[0] for items in flagged.values() for _, reason in items)
    print("  by rule:", dict(kinds))
    for feed, items in sorted(flagged.items(), key=lambda pair: -len(pair[1])):
        print(f"  {len(items):4d}  {feed}")
        for title, reason in items:
            print(f"          {title[:80]}  —  {reason}")


def real_feeds(data: Path) -> list[Article]:
    articles: list[Article] = []
    for path in sorted((data / "feeds").glob("*.xml")):
        parsed = parse_feed(path.read_bytes(), feed=FeedSettings(path.stem, str(path)), fetched_at=NOW,
                            tz=ZoneInfo("UTC"))
        articles.extend(parsed.articles)
    return articles


def year2023(data: Path) -> list[Article]:
    articles = []
    with gzip.open(data / "year2023" / "entries_2023H1.jsonl.gz", "rt", encoding="utf-8") as lines:
        for line in lines:
            entry = json.loads(line)
            text = " ".join(html.unescape(TAG.sub(" ", entry.get("description") or "")).split())
            articles.append(Article(id=entry["link"], title=entry["title"], text=text, published=NOW,
                                    source=entry["source"], url=entry["link"], feed=entry["source"]))
    return articles


if __name__ == "__main__":
    root = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parent.parent.parent / "shared" / "data"
    report("33 real feeds", real_feeds(root))
    report("year2023 H1", year2023(root))
