"""`python -m newsdigest.evaluate stories FIXTURE.jsonl --feeds DIR [--feeds DIR ...] [--config PATH] [--json]`.

Reads the feed items named in a hand-labelled fixture, groups them with the shipped
story settings, and scores the grouping against the labels: pairwise
precision/recall/F1 (pairs of items put together) and B-cubed (per item, so one big
story cannot dominate).

A fixture line names its item in one of two ways, and never holds its text:

    {"feed": "bbc_1.xml", "link": ..., "story": ...}              a captured feed file in a --feeds folder
    {"file": "year2023/entries_2023H1.jsonl.gz", "source": FEED_URL, "link": ..., "story": ...}
                                                                  an entry of a JSONL capture under a --feeds folder

Entries of a JSONL capture go through the project's own feed parser (as one small RSS
document per feed), so their text is cleaned exactly as in a build.
"""
from __future__ import annotations

import argparse
import gzip
import json
import sys
import time
from calendar import timegm
from collections import defaultdict
from collections.abc import Mapping, Sequence
from datetime import datetime, timezone
from email.utils import format_datetime
from pathlib import Path
from typing import IO
from xml.sax.saxutils import escape

import feedparser  # type: ignore[import-untyped]

from newsdigest.model import Analysed, Article
from newsdigest.settings import FeedSettings, StorySettings
from newsdigest.sources.feeds import parse_feed
from newsdigest.stories import group_stories
from newsdigest.text import extract
from newsdigest.urls import canonical_url


def main(argv: Sequence[str]) -> int:
    """Entry point; argv[0] is the task name "stories"."""
    args = _parser().parse_args(list(argv[1:]))
    if args.day:
        feeds = [Path(folder) for folder in (args.feeds or ["../shared/data"])]
        print_day(args.day, feeds, _story_settings(args.config), args.top, args.capture)
        return 0
    if not args.fixture:
        raise SystemExit("stories: give a labelled FIXTURE, or --day DAY")
    labels = _read_fixture(Path(args.fixture))
    feeds = [Path(folder) for folder in (args.feeds or [Path(args.fixture).parent])]
    settings = _story_settings(args.config)
    report = evaluate(labels, feeds, settings)
    if args.json:
        print(json.dumps(report, sort_keys=True))
    else:
        pw, b3 = report["pairwise"], report["bcubed"]
        print(f"stories: n={report['n']} stories={report['predicted_stories']} (gold {report['gold_stories']})")
        print(f"  pairwise  P={pw['precision']:.3f} R={pw['recall']:.3f} F1={pw['f1']:.3f}")
        print(f"  B-cubed   P={b3['precision']:.3f} R={b3['recall']:.3f} F1={b3['f1']:.3f}")
        for day, part in report["by_day"].items():
            print(f"  {day} (n={part['n']}): pairwise P={part['pairwise']['precision']:.3f} "
                  f"R={part['pairwise']['recall']:.3f}  B-cubed F1={part['bcubed']['f1']:.3f}")
        print(f"  grouped in {report['seconds']:.3f} s")
    return 0


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m newsdigest.evaluate stories")
    parser.add_argument("fixture", nargs="?", help="JSONL lines {feed, link, story}")
    parser.add_argument("--feeds", action="append", help="folder holding the feed files (repeatable)")
    parser.add_argument("--config", help="config.yaml whose `stories` section to use (default: shipped defaults)")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.add_argument("--day", help="instead of scoring: group every entry of a JSONL capture dated DAY "
                        "(YYYY-MM-DD; all feeds, as a build of that day) and print the largest stories' headlines, "
                        "to read whether each holds one event")
    parser.add_argument("--top", type=int, default=20, help="with --day: how many of the largest stories (20)")
    parser.add_argument("--capture", default=DAY_CAPTURE,
                        help=f"with --day: the JSONL capture under a --feeds folder ({DAY_CAPTURE})")
    return parser


DAY_CAPTURE = "year2023/entries_2023H1.jsonl.gz"


def day_stories(day: str, feeds: Sequence[Path], settings: StorySettings,
                capture: str = DAY_CAPTURE) -> tuple[list[Analysed], list]:
    """Every entry of the capture published on DAY (UTC), parsed feed by feed as a build would, and its stories."""
    by_source: dict[str, list[dict[str, str]]] = defaultdict(list)
    seen: set[tuple[str, str]] = set()
    marker = f'"date_published": "{day}'
    with _open_text(_find(capture, feeds)) as handle:
        for row in handle:
            if marker not in row:                      # cheap filter before JSON
                continue
            entry = json.loads(row)
            key = (entry.get("source", ""), entry.get("link", ""))
            if (entry.get("date_published") or "")[:10] == day and key not in seen:
                seen.add(key)
                by_source[key[0]].append(entry)
    items: dict[str, Analysed] = {}
    for source, entries in sorted(by_source.items()):
        for article in _entries_as_articles({"source": source}, entries):
            items.setdefault(article.id, Analysed(article, extract(article)))
    analysed = list(items.values())
    return analysed, list(group_stories(analysed, settings))


def print_day(day: str, feeds: Sequence[Path], settings: StorySettings, top: int, capture: str = DAY_CAPTURE) -> None:
    """The largest stories of a whole day, each with every member's outlet and headline, for reading purity."""
    items, stories = day_stories(day, feeds, settings, capture)
    by_id = {item.id: item for item in items}
    several = [story for story in stories if len(story.members) > 1]
    print(f"stories of {day}: {len(items)} items; {len(several)} stories of 2+ reports "
          f"hold {sum(len(story.members) for story in several)}")
    largest = sorted(stories, key=lambda story: (-len(story.members), story.id))[:top]
    for rank, story in enumerate(largest, 1):
        outlets = {by_id[m].article.source for m in story.members}
        print(f"\n#{rank} {len(story.members)} reports, {len(outlets)} outlets: {by_id[story.lead].article.title}")
        for member in story.members:
            article = by_id[member].article
            print(f"   {'*' if member == story.lead else '-'} [{article.source}] {article.title}")


def _story_settings(config: str | None) -> StorySettings:
    if not config:
        return StorySettings()
    from newsdigest.config import load_config

    return load_config(config).stories


def _read_fixture(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def evaluate(labels: Sequence[Mapping[str, str]], feeds: Sequence[Path], settings: StorySettings) -> dict:
    """Group the labelled items and score against the labels."""
    items, gold, unmatched = _labelled_items(labels, feeds)
    started = time.perf_counter()
    stories = group_stories(items, settings)
    seconds = time.perf_counter() - started
    predicted = {member: story.id for story in stories for member in story.members}
    return {
        "task": "stories",
        "n": len(items),
        "unmatched": unmatched,
        "gold_stories": len(set(gold.values())),
        "predicted_stories": len(stories),
        "pairwise": _prf(*pairwise_counts(gold, predicted)),
        "bcubed": bcubed(gold, predicted),
        "by_day": _by_day(items, gold, predicted),
        "seconds": round(seconds, 4),
    }


def _by_day(items: Sequence[Analysed], gold: Mapping[str, str], predicted: Mapping[str, str]) -> dict[str, dict]:
    """The same scores on each publication day's items alone (the worst day matters as much as the mean)."""
    days: dict[str, list[str]] = defaultdict(list)
    for item in items:
        days[item.article.published.date().isoformat()].append(item.id)
    if len(days) < 2:
        return {}
    result = {}
    for day, ids in sorted(days.items()):
        part = {i: gold[i] for i in ids if i in gold}
        if len(part) >= 50:            # a day with a handful of items says nothing on its own
            result[day] = {"n": len(part), "pairwise": _prf(*pairwise_counts(part, predicted)),
                           "bcubed": bcubed(part, predicted)}
    return result


def _labelled_items(
    labels: Sequence[Mapping[str, str]], feeds: Sequence[Path]
) -> tuple[list[Analysed], dict[str, str], int]:
    """Analysed items for every fixture line, their gold story by article id, and how many lines matched none."""
    by_feed: dict[str, dict[str, Article]] = {}
    items: dict[str, Analysed] = {}
    gold: dict[str, str] = {}
    missing = 0
    captures = _capture_entries(labels, feeds)
    for line in labels:
        name = line["feed"] if "feed" in line else line["file"] + " " + line["source"]
        if name not in by_feed:
            entries = captures.get(name)
            articles = read_feed_file(_find(name, feeds)) if entries is None else _entries_as_articles(line, entries)
            by_feed[name] = _index_by_link(articles)
        article = by_feed[name].get(canonical_url(line["link"])) or by_feed[name].get(line["link"])
        if article is None:
            # One unmatched line should not void a whole evaluation: say so, and score the rest.
            print(f"stories: {name}: no entry with link {line['link']!r}; line skipped", file=sys.stderr)
            missing += 1
            continue
        items.setdefault(article.id, Analysed(article, extract(article)))
        gold[article.id] = line["story"]
    if missing and not items:
        raise SystemExit("stories: no fixture line matched a feed entry")
    return list(items.values()), gold, missing


def _capture_entries(
    labels: Sequence[Mapping[str, str]], feeds: Sequence[Path]
) -> dict[str, list[dict[str, str]]]:
    """The labelled entries of each JSONL capture, by "file feed-url": one pass over each capture file."""
    wanted: dict[str, set[tuple[str, str]]] = defaultdict(set)
    for line in labels:
        if "file" in line:
            wanted[line["file"]].add((line["source"], line["link"]))
    found: dict[str, list[dict[str, str]]] = {}
    for file, keys in wanted.items():
        seen: set[tuple[str, str]] = set()
        with _open_text(_find(file, feeds)) as handle:
            for row in handle:
                entry = json.loads(row)
                key = (entry.get("source", ""), entry.get("link", ""))
                if key in keys and key not in seen:          # the first capture of an entry is the one labelled
                    seen.add(key)
                    found.setdefault(file + " " + key[0], []).append(entry)
    return found


def _open_text(path: Path) -> IO[str]:
    if path.suffix == ".gz":
        return gzip.open(path, "rt", encoding="utf-8")
    return path.open(encoding="utf-8")


def _entries_as_articles(line: Mapping[str, str], entries: Sequence[Mapping[str, str]]) -> list[Article]:
    """One feed's captured entries, parsed as the RSS document they came from."""
    items = "".join(
        "<item><title>{}</title><link>{}</link><description>{}</description><pubDate>{}</pubDate></item>".format(
            escape(entry.get("title") or ""), escape(entry.get("link") or ""), escape(entry.get("description") or ""),
            format_datetime(datetime.fromisoformat(entry["date_published"])),
        )
        for entry in entries
    )
    data = f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>x</title>{items}</channel></rss>'
    feed = FeedSettings(name=outlet_name(line["source"]), url=line["source"])
    return _parse(data.encode("utf-8"), feed, _capture_time(data.encode("utf-8")))


def outlet_name(feed_url: str) -> str:
    """An outlet's name from its feed URL: the host without "www."/"feeds."/"rss." ("theguardian.com").

    Several feeds of one outlet (the Guardian's front page and world feeds) are one outlet,
    as a configured site would name them.
    """
    host = feed_url.split("//", 1)[-1].split("/", 1)[0].lower()
    for prefix in ("www.", "feeds.", "rss.", "moxie."):
        host = host.removeprefix(prefix)
    return host


def _index_by_link(articles: Sequence[Article]) -> dict[str, Article]:
    """Articles by canonical link, and by guid as a fallback for entries whose link the parser resolved."""
    index = {article.guid: article for article in articles if article.guid}
    index.update((canonical_url(article.url), article) for article in articles if article.url)
    return index


def _find(name: str, feeds: Sequence[Path]) -> Path:
    for folder in feeds:
        if (folder / name).is_file():
            return folder / name
    raise SystemExit(f"stories: feed file {name!r} not found in " + ", ".join(map(str, feeds)))


def read_feed_file(path: Path) -> list[Article]:
    """Articles of one captured feed file, through the project's feed parser."""
    data = path.read_bytes()
    feed = FeedSettings(name=path.stem, url=str(path))
    return _parse(data, feed, _capture_time(data))


def _parse(data: bytes, feed: FeedSettings, fetched_at: datetime) -> list[Article]:
    parsed = parse_feed(data, feed=feed, fetched_at=fetched_at, tz=timezone.utc)
    if parsed.failure:
        raise SystemExit(f"stories: {feed.url}: {parsed.failure}")
    return list(parsed.articles)


def _capture_time(data: bytes) -> datetime:
    """When a captured file was fetched: its newest dated entry (undated entries take this)."""
    parsed = feedparser.parse(data)
    stamps = [e.get("published_parsed") or e.get("updated_parsed") for e in parsed.entries]
    latest = max((s for s in stamps if s), default=None)
    return datetime.fromtimestamp(timegm(latest) if latest else 946684800, tz=timezone.utc)   # else 2000-01-01


# ---------------------------------------------------------------- scores

def pairwise_counts(gold: Mapping[str, str], predicted: Mapping[str, str]) -> tuple[int, int, int]:
    """(pairs together in both, pairs together in prediction, pairs together in gold)."""
    def pairs(assignment: Mapping[str, str]) -> set[tuple[str, str]]:
        groups: dict[str, list[str]] = defaultdict(list)
        for item, group in assignment.items():
            groups[group].append(item)
        return {(a, b) for members in groups.values() for a in members for b in members if a < b}

    gold_pairs, predicted_pairs = pairs(gold), pairs({k: predicted[k] for k in gold})
    return len(gold_pairs & predicted_pairs), len(predicted_pairs), len(gold_pairs)


def _prf(both: int, predicted: int, gold: int) -> dict[str, float]:
    precision = both / predicted if predicted else 1.0
    recall = both / gold if gold else 1.0
    return _with_f1(precision, recall)


def _with_f1(precision: float, recall: float) -> dict[str, float]:
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": round(precision, 4), "recall": round(recall, 4), "f1": round(f1, 4)}


def bcubed(gold: Mapping[str, str], predicted: Mapping[str, str]) -> dict[str, float]:
    """B-cubed precision/recall/F1 averaged over items."""
    gold_groups: dict[str, set[str]] = defaultdict(set)
    predicted_groups: dict[str, set[str]] = defaultdict(set)
    for item in gold:
        gold_groups[gold[item]].add(item)
        predicted_groups[predicted[item]].add(item)
    precision = recall = 0.0
    for item in gold:
        together = len(gold_groups[gold[item]] & predicted_groups[predicted[item]])
        precision += together / len(predicted_groups[predicted[item]])
        recall += together / len(gold_groups[gold[item]])
    return _with_f1(precision / len(gold), recall / len(gold))


if __name__ == "__main__":
    sys.exit(main(["stories", *sys.argv[1:]]))
