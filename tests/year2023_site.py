"""Build a site from one real day of ../shared/data/year2023: each feed's entries of that day as a local RSS file.

Only the day's own entries are written (dated that day), so a build stays a few seconds; the build
runs with SOURCE_DATE_EPOCH at the last second of the day, as a nightly build would.
"""
from __future__ import annotations

import gzip
import json
import os
import xml.etree.ElementTree as ET
from collections import defaultdict
from collections.abc import Iterable
from datetime import date, datetime, timedelta, timezone
from email.utils import format_datetime
from pathlib import Path
from urllib.parse import urlsplit

ENTRIES = Path("year2023") / "entries_2023H1.jsonl.gz"
CONFIG = """\
site: {{title: Year 2023 day, base_url: "https://digest.example/news/", timezone: UTC}}
feeds:
{feeds}
topics:
  - {{name: World, slug: world}}
  - {{name: Politics, slug: politics}}
  - {{name: Business, slug: business}}
  - {{name: Technology, slug: technology}}
  - {{name: Science, slug: science}}
  - {{name: Health, slug: health}}
  - {{name: Sport, slug: sport}}
  - {{name: Entertainment, slug: entertainment}}
search: false
"""


def entries_by_day(shared_data: Path, days: Iterable[str]) -> dict[str, dict[str, list[dict[str, str]]]]:
    """{day: {feed URL: [entries published that day]}} in one pass over the file."""
    wanted = set(days)
    found: dict[str, dict[str, list[dict[str, str]]]] = {d: defaultdict(list) for d in wanted}
    with gzip.open(shared_data / ENTRIES, "rt", encoding="utf-8") as lines:
        for line in lines:
            if not any(f'"date_published": "{day}' in line for day in wanted):   # cheap filter before JSON
                continue
            entry = json.loads(line)
            day = (entry.get("date_published") or "")[:10]
            if day in wanted:
                found[day][entry["source"]].append(entry)
    return found


def feed_name(url: str) -> str:
    host = urlsplit(url).hostname or url
    path = urlsplit(url).path.strip("/").replace("/", " ")
    return f"{host.removeprefix('www.')} {path}".strip()[:80]


def write_feed(path: Path, source: str, entries: list[dict[str, str]]) -> None:
    rss = ET.Element("rss", {"version": "2.0"})
    channel = ET.SubElement(rss, "channel")
    ET.SubElement(channel, "title").text = feed_name(source)
    ET.SubElement(channel, "link").text = source
    for entry in entries:
        item = ET.SubElement(channel, "item")
        ET.SubElement(item, "title").text = entry.get("title") or ""
        ET.SubElement(item, "link").text = entry.get("link") or ""
        ET.SubElement(item, "guid").text = entry.get("link") or ""
        ET.SubElement(item, "description").text = entry.get("description") or ""
        published = datetime.fromisoformat(entry["date_published"])
        ET.SubElement(item, "pubDate").text = format_datetime(published.astimezone(timezone.utc), usegmt=True)
    path.write_bytes(ET.tostring(rss, encoding="utf-8", xml_declaration=True))


def end_of_day(day: str) -> int:
    start = datetime.combine(date.fromisoformat(day), datetime.min.time(), timezone.utc)
    return int((start + timedelta(days=1, seconds=-1)).timestamp())


# A configured feed whose file is gone: its error text shows on the sources page (the phone layout check).
GONE_FEED = "  - {name: A feed that moved away, url: feeds/gone.xml}"


def build_day(workdir: Path, day: str, feeds: dict[str, list[dict[str, str]]], extra_config: str = "") -> Path:
    """Write the feeds and config, build through the CLI at the end of the day, return the site folder."""
    from newsdigest.cli import main

    (workdir / "feeds").mkdir(parents=True, exist_ok=True)
    lines = []
    for number, (source, entries) in enumerate(sorted(feeds.items())):
        path = workdir / "feeds" / f"feed{number:03d}.xml"
        write_feed(path, source, entries)
        lines.append(f"  - {{name: {json.dumps(feed_name(source))}, url: feeds/{path.name}}}")
    lines.append(GONE_FEED)
    (workdir / "config.yaml").write_text(CONFIG.format(feeds="\n".join(lines)) + extra_config, encoding="utf-8")
    saved = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = str(end_of_day(day))
    try:
        status = main(["--config", str(workdir / "config.yaml"), "--output", str(workdir / "site"), "--offline",
                       "--quiet"])
    finally:
        if saved is None:
            os.environ.pop("SOURCE_DATE_EPOCH", None)
        else:
            os.environ["SOURCE_DATE_EPOCH"] = saved
    assert status == 0, f"the build of {day} failed with status {status}"
    return workdir / "site"
