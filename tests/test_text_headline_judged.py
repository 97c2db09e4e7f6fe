"""Generated headlines for title-less real feed items, against the judgements recorded when they were read.

The fixture stores where each item is (feed file and item id, or year2023 line) and the judged headline's
hash; a headline that changed since counts as unjudged, so a rule change that alters these outputs must be
re-read (and the fixture re-recorded) before this passes again.
"""
from __future__ import annotations

import gzip
import hashlib
import json
from datetime import datetime, timezone
from pathlib import Path

import pytest

from newsdigest.clean import html_to_text
from newsdigest.settings import FeedSettings
from newsdigest.sources.feeds import parse_feed
from newsdigest.text import generate

pytestmark = pytest.mark.shared_data
FIXTURE = Path(__file__).resolve().parent / "fixtures" / "text_headline_judgements.json"
_FETCHED = datetime(2024, 1, 1, tzinfo=timezone.utc)


def _texts(shared_data: Path, items: list[dict]) -> list[str]:
    """The text of each judged item, read as the build reads it (the feed parser, or the capture's description)."""
    lines = {int(item["item"].split()[1]) for item in items if item["source"].startswith("year2023/")}
    captured: dict[int, str] = {}
    with gzip.open(shared_data / "year2023" / "entries_2023H1.jsonl.gz", "rt", encoding="utf-8") as rows:
        for number, row in enumerate(rows):
            if number in lines:
                captured[number] = html_to_text(json.loads(row).get("description") or "")
            if number >= max(lines):
                break
    texts = []
    for item in items:
        if item["source"].startswith("year2023/"):
            texts.append(captured[int(item["item"].split()[1])])
            continue
        path = shared_data / item["source"]
        parsed = parse_feed(path.read_bytes(), feed=FeedSettings(name=path.stem, url=str(path)), fetched_at=_FETCHED,
                            tz=timezone.utc)
        texts.append(next(article.text for article in parsed.articles if article.id == item["item"]))
    return texts


def test_headlines_of_untitled_real_items_are_mostly_acceptable(shared_data: Path) -> None:
    items = json.loads(FIXTURE.read_text(encoding="utf-8"))["items"]
    assert len(items) >= 24 and len({item["source"] for item in items}) >= 10
    headlines = [generate("", text).headline for text in _texts(shared_data, items)]
    assert all(headline and headline != "Untitled" for headline in headlines)
    unchanged = [hashlib.sha1(headline.encode()).hexdigest() == item["headline_sha1"]
                 for headline, item in zip(headlines, items, strict=True)]
    still_acceptable = sum(1 for same, item in zip(unchanged, items, strict=True) if same and item["acceptable"])
    assert still_acceptable / len(items) >= 0.8, f"{unchanged.count(False)} headline(s) changed since judged: re-read"
