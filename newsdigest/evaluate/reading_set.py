"""The reading set: generated key points and headlines on real feed items, judged by an editor.

`python -m newsdigest.evaluate reading-set tests/fixtures/reading_set.jsonl [--data DIR] [--changed]`

The fixture stores, for each entry, only where its input lives (a feed file in the evaluation data
and the item's position/link, or a line of the year2023 captures), what was generated from it
(the n-th key point, or the headline of the item with its title removed), a hash of the text that
was judged, the verdict (good / weak / bad) and the reason — never the news text itself, which
belongs to its publishers. The command regenerates every output through the path a build takes
(the feed parser, then `newsdigest.text.extract`), prints it with its verdict, flags entries whose
output changed since they were judged ("RE-JUDGE"), and prints the shares.
"""
from __future__ import annotations

import argparse
import gzip
import hashlib
import html
import json
import os
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from newsdigest.model import Article
from newsdigest.settings import FeedSettings
from newsdigest.sources.feeds import parse_feed
from newsdigest.text import extract
from newsdigest.urls import canonical_url

VERDICTS = ("good", "weak", "bad")
KINDS = ("key_point", "headline")
YEAR2023 = "year2023/entries_2023H1.jsonl.gz"
# Captures carry no fetch time that matters to extraction; a fixed one keeps runs reproducible.
FETCHED_AT = datetime(2023, 7, 1, tzinfo=timezone.utc)
DEFAULT_DATA = Path(__file__).resolve().parents[3] / "shared" / "data"


@dataclass(frozen=True)
class Entry:
    """One judged output: where its input is, which output, the judged text's hash, the verdict."""

    id: str
    file: str            # relative to the data folder
    item: int            # feed: index among the parsed articles; year2023: 1-based line number
    link: str
    kind: str            # "key_point" or "headline"
    index: int           # which key point (0-based); 0 for a headline
    sha: str
    verdict: str
    reason: str


@dataclass(frozen=True)
class Result:
    entry: Entry
    text: str            # "" when the engine no longer produces that output
    sha: str

    @property
    def changed(self) -> bool:
        return self.sha != self.entry.sha


def text_hash(text: str) -> str:
    """Short, stable hash of a generated text (whitespace-normalised)."""
    return hashlib.sha256(" ".join(text.split()).encode("utf-8")).hexdigest()[:16]


def load(path: Path) -> list[Entry]:
    """Fixture entries; a malformed line is an error naming the file and line."""
    entries = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            entry = Entry(**json.loads(line))
        except (ValueError, TypeError) as exc:
            raise SystemExit(f"{path}:{number}: not a reading-set entry ({exc}); fix or remove the line") from exc
        if entry.kind not in KINDS or entry.verdict not in VERDICTS:
            raise SystemExit(f"{path}:{number}: kind must be one of {KINDS}, verdict one of {VERDICTS}")
        entries.append(entry)
    return entries


# ---------------------------------------------------------------- inputs, as a build reads them

def feed_articles(data: bytes, name: str) -> list[Article]:
    """The articles a build would store from one feed document."""
    parsed = parse_feed(data, feed=FeedSettings(name=name, url=name), fetched_at=FETCHED_AT, tz=timezone.utc)
    if parsed.failure:
        raise SystemExit(f"reading-set: {name}: {parsed.failure}")
    return list(parsed.articles)


def capture_feed(rows: list[dict[str, Any]]) -> bytes:
    """An RSS document holding one day's captured items of one feed, as the feed served them."""
    items = "".join(
        "<item><title>{}</title><link>{}</link><description>{}</description></item>".format(
            html.escape(row.get("title") or ""), html.escape(row.get("link") or ""),
            html.escape(row.get("description") or ""))
        for row in rows)
    return f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>{items}</channel></rss>'.encode()


def year2023_groups(path: Path, lines: set[int]) -> Iterator[tuple[list[int], list[dict[str, Any]]]]:
    """(line numbers, rows) of each day-and-feed capture holding a wanted line; the file is grouped so."""
    last = max(lines, default=0)
    group: list[tuple[int, dict[str, Any]]] = []
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        for number, raw in enumerate(handle, 1):
            row = json.loads(raw)
            if group and _key(group[-1][1]) != _key(row):
                if any(n in lines for n, _ in group):
                    yield [n for n, _ in group], [r for _, r in group]
                if number > last:
                    return
                group = []
            group.append((number, row))
    if any(n in lines for n, _ in group):
        yield [n for n, _ in group], [r for _, r in group]


def _key(row: dict[str, Any]) -> tuple[str, str]:
    return row.get("capture_day", ""), row.get("source", "")


def resolve(entries: Iterable[Entry], data_dir: Path) -> dict[str, Article]:
    """Entry id → the article a build stores for its input (title removed for a headline entry)."""
    entries = list(entries)
    found: dict[tuple[str, int], Article] = {}
    for name in sorted({e.file for e in entries if e.file != YEAR2023}):
        for index, article in enumerate(feed_articles((data_dir / name).read_bytes(), name)):
            found[(name, index)] = article
    wanted = {e.item for e in entries if e.file == YEAR2023}
    if wanted:
        for numbers, rows in year2023_groups(data_dir / YEAR2023, wanted):
            articles = feed_articles(capture_feed(rows), rows[0].get("source", "year2023"))
            by_link = {a.url: a for a in articles}
            for number, row in zip(numbers, rows):
                match = by_link.get(_parsed_link(row, articles))
                if match is not None:
                    found[(YEAR2023, number)] = match
    return {e.id: _for_kind(_checked(e, found.get((e.file, e.item))), e) for e in entries}


def _parsed_link(row: dict[str, Any], articles: list[Article]) -> str:
    """The stored URL of a captured row: the parser canonicalises links, so match on the original too."""
    link = row.get("link") or ""
    for article in articles:
        if article.url == link or article.guid == link or article.url.rstrip("/") == link.rstrip("/"):
            return article.url
    return canonical_url(link)


def _checked(entry: Entry, article: Article | None) -> Article:
    if article is None or (entry.link and article.url != entry.link):
        got = article.url if article else "nothing"
        raise SystemExit(f"reading-set: {entry.id}: {entry.file} item {entry.item} is {got}, "
                         f"not {entry.link!r}; the data changed, re-pick this entry")
    return article


def _for_kind(article: Article, entry: Entry) -> Article:
    return replace(article, title="") if entry.kind == "headline" else article


def output(article: Article, entry: Entry) -> str:
    """The generated text the entry judges: the n-th key point, or the headline."""
    extracted = extract(article)
    if entry.kind == "headline":
        return extracted.headline
    points = extracted.key_points
    return points[entry.index] if entry.index < len(points) else ""


def run(entries: list[Entry], data_dir: Path) -> list[Result]:
    articles = resolve(entries, data_dir)
    results = []
    for entry in entries:
        text = output(articles[entry.id], entry)
        results.append(Result(entry, text, text_hash(text) if text else ""))
    return results


# ---------------------------------------------------------------- report

def shares(results: list[Result]) -> dict[str, Any]:
    """Verdict shares per kind; for headlines also the acceptable share (good or weak)."""
    report: dict[str, Any] = {"entries": len(results), "re_judge": sum(r.changed for r in results)}
    for kind in KINDS:
        judged = [r.entry.verdict for r in results if r.entry.kind == kind]
        counts = {v: judged.count(v) for v in VERDICTS}
        report[kind] = {"n": len(judged), **counts,
                        **{f"{v}_share": round(counts[v] / len(judged), 3) if judged else 0.0 for v in VERDICTS}}
        if kind == "headline" and judged:
            report[kind]["acceptable_share"] = round((counts["good"] + counts["weak"]) / len(judged), 3)
    report["outlets"] = len({_outlet(r.entry) for r in results})
    return report


def _outlet(entry: Entry) -> str:
    if entry.file == YEAR2023:
        return entry.link.split("/")[2] if "//" in entry.link else entry.link
    return Path(entry.file).stem.rsplit("_", 1)[0]


def _line(result: Result) -> str:
    entry = result.entry
    mark = "RE-JUDGE " if result.changed else ""
    where = f"{entry.file}#{entry.item}" + (f" kp{entry.index}" if entry.kind == "key_point" else " headline")
    lines = [f"{mark}[{entry.verdict}] {entry.id} {where}", f"    {result.text or '(no output)'}"]
    if result.changed:
        lines.append(f"    was judged on sha {entry.sha}, now {result.sha or '-'}: {entry.reason}")
    else:
        lines.append(f"    why: {entry.reason}")
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m newsdigest.evaluate reading-set")
    parser.add_argument("task", choices=["reading-set"])
    parser.add_argument("fixture", help="JSONL of judged entries (tests/fixtures/reading_set.jsonl)")
    parser.add_argument("--data", default=os.environ.get("NEWSDIGEST_SHARED_DATA", str(DEFAULT_DATA)),
                        help="the evaluation data folder (default ../shared/data)")
    parser.add_argument("--changed", action="store_true", help="print only entries to re-judge")
    parser.add_argument("--json", action="store_true", help="print results and shares as JSON")
    args = parser.parse_args(argv)
    data_dir = Path(args.data)
    if not (data_dir / "feeds").is_dir():
        print(f"reading-set: evaluation data not found at {data_dir} (pass --data)", file=sys.stderr)
        return 2
    results = run(load(Path(args.fixture)), data_dir)
    if args.json:
        rows = [{"id": r.entry.id, "text": r.text, "sha": r.sha, "changed": r.changed} for r in results]
        print(json.dumps({"results": rows, "shares": shares(results)}))
        return 0
    for result in results:
        if result.changed or not args.changed:
            print(_line(result))
    print(json.dumps(shares(results), indent=1))
    return 0
