"""Replay months of daily builds from real feed captures.

    python bench/bench_replay.py ../shared/data/year2023/entries_2023H1.jsonl.gz --days 1-7
    python bench/bench_replay.py ENTRIES --days 1-7 --jump 8-170 --then 171-180 --work /tmp/replay

Each replayed day rewrites one local RSS file per source feed holding the entries first captured that
day (as the feed showed them), then runs one real build (`python build.py --offline`, a separate
process, so its peak memory is its own) against an archive that persists across days. `--jump`
imports a range of days with as few builds as possible (one per day range chunk, untimed) so that a
late day can be timed against a full archive. Prints one table row per timed day: day, new entries,
archive size, wall and CPU seconds, peak RSS, pages written, site size.

Not a test: compare rows within one run (this machine is shared and noisy).
"""
from __future__ import annotations

import argparse
import gzip
import json
import os
import re
import subprocess
import sys
import time
from collections import defaultdict
from collections.abc import Iterable, Iterator
from datetime import date, datetime, timedelta
from email.utils import format_datetime
from pathlib import Path
from xml.sax.saxutils import escape

ROOT = Path(__file__).resolve().parent.parent
FIRST_DAY = date(2023, 1, 1)
_UNSAFE = re.compile(r"[^a-z0-9]+")


def day_range(spec: str) -> list[date]:
    """'8-170' → the dates of replay days 8..170 (day 1 is 2023-01-01)."""
    first, _, last = spec.partition("-")
    start, end = int(first), int(last or first)
    return [FIRST_DAY + timedelta(days=n - 1) for n in range(start, end + 1)]


def entries_by_day(path: Path, wanted: set[str]) -> dict[str, list[dict[str, str]]]:
    """The entries of the wanted capture days, read in one pass over the (gzipped) file."""
    days: dict[str, list[dict[str, str]]] = defaultdict(list)
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8") as handle:
        for line in handle:
            entry = json.loads(line)
            if entry["capture_day"] in wanted:
                days[entry["capture_day"]].append(entry)
    return days


def feed_name(source: str) -> str:
    """A file name per source feed URL (the URL is data: only [a-z0-9-] reach the file system)."""
    return _UNSAFE.sub("-", source.lower()).strip("-")[:120] or "feed"


def rss(source: str, entries: Iterable[dict[str, str]]) -> str:
    items = []
    for entry in entries:
        published = ""
        if entry.get("date_published"):
            try:
                published = f"<pubDate>{format_datetime(datetime.fromisoformat(entry['date_published']))}</pubDate>"
            except ValueError:
                published = ""
        items.append(f"<item><title>{escape(entry.get('title') or '')}</title><link>{escape(entry['link'])}</link>"
                     f"<guid>{escape(entry['link'])}</guid>{published}"
                     f"<description>{escape(entry.get('description') or '')}</description></item>")
    return (f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>{escape(source)}</title>'
            f"<link>{escape(source)}</link><description>replay</description>{''.join(items)}</channel></rss>")


def write_day(feeds_dir: Path, entries: list[dict[str, str]]) -> list[str]:
    """Rewrite every source's feed file with this day's entries; sources silent today get an empty feed."""
    by_source: dict[str, list[dict[str, str]]] = defaultdict(list)
    for entry in entries:
        by_source[entry["source"]].append(entry)
    for old in feeds_dir.glob("*.xml"):
        old.write_text(rss(old.stem, []), encoding="utf-8")
    for source, items in by_source.items():
        (feeds_dir / f"{feed_name(source)}.xml").write_text(rss(source, items), encoding="utf-8")
    return sorted(p.name for p in feeds_dir.glob("*.xml"))


def write_config(work: Path, feed_files: list[str], extra: str) -> Path:
    feeds = "\n".join(f"  - {{name: {json.dumps(name[:-4])}, url: feeds/{name}}}" for name in feed_files)
    config = work / "config.yaml"
    config.write_text(f"site: {{title: Replay, base_url: https://example.org/, timezone: UTC}}\n"
                      f"content: []\nfeeds:\n{feeds}\n"
                      "topics:\n" + "".join(f"  - {{name: {s.title()}, slug: {s}}}\n" for s in
                                            ("world", "politics", "business", "technology", "science",
                                             "health", "sport", "entertainment")) +
                      f"archive: {{path: archive.sqlite}}\n{extra}", encoding="utf-8")
    return config


def build(config: Path, day: date) -> dict[str, float]:
    """One real build as its own process, at the end of `day`; its own wall, CPU and peak RSS."""
    env = {**os.environ, "SOURCE_DATE_EPOCH": str(int(datetime(day.year, day.month, day.day, 23, 59).timestamp()))}
    started = time.perf_counter()
    proc = subprocess.Popen([sys.executable, str(ROOT / "build.py"), "--config", str(config), "--offline", "--quiet"],
                            env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    assert proc.stdout is not None
    output = proc.stdout.read().decode("utf-8", "replace")
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        raise SystemExit(f"build for {day} failed ({proc.returncode}):\n{output[-2000:]}")
    return {"wall": time.perf_counter() - started, "cpu": usage.ru_utime + usage.ru_stime,
            "rss_mib": usage.ru_maxrss / 1024}


def site_stats(site: Path) -> tuple[int, float]:
    pages, size = 0, 0
    for path in site.rglob("*"):
        if path.is_file():
            size += path.stat().st_size
            pages += path.suffix == ".html"
    return pages, size / 2 ** 20


def archive_size(work: Path) -> int:
    import sqlite3
    with sqlite3.connect(work / "archive.sqlite") as db:
        return int(db.execute("SELECT count(*) FROM articles").fetchone()[0])


def replay(days: list[date], data: dict[str, list[dict[str, str]]], work: Path, extra: str,
           timed: bool) -> Iterator[str]:
    feeds_dir = work / "feeds"
    for day in days:
        entries = data.get(day.isoformat(), [])
        config = write_config(work, write_day(feeds_dir, entries), extra)
        cost = build(config, day)
        if timed:
            pages, mib = site_stats(work / "site")
            yield (f"| {day} | {len(entries)} | {archive_size(work)} | {cost['wall']:.1f} | {cost['cpu']:.1f} | "
                   f"{cost['rss_mib']:.0f} | {pages} | {mib:.0f} |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("entries", type=Path)
    parser.add_argument("--days", default="1-7", help="days to replay and time (day 1 = 2023-01-01)")
    parser.add_argument("--jump", default="", help="days to import untimed after --days, e.g. 8-170")
    parser.add_argument("--then", default="", help="days to time after the jump, e.g. 171-180")
    parser.add_argument("--work", type=Path, default=Path("/tmp/newsdigest-replay"))
    parser.add_argument("--extra-config", default="", help="YAML lines appended to the generated config")
    args = parser.parse_args()
    timed, jump, then = day_range(args.days), day_range(args.jump) if args.jump else [], \
        day_range(args.then) if args.then else []
    data = entries_by_day(args.entries, {d.isoformat() for d in (*timed, *jump, *then)})
    (args.work / "feeds").mkdir(parents=True, exist_ok=True)
    print("| day | new entries | archive | wall s | CPU s | peak RSS MiB | pages | site MiB |")
    print("|---|---|---|---|---|---|---|---|")
    for row in replay(timed, data, args.work, args.extra_config, timed=True):
        print(row, flush=True)
    for _ in replay(jump, data, args.work, args.extra_config, timed=False):
        pass
    for row in replay(then, data, args.work, args.extra_config, timed=True):
        print(row, flush=True)


if __name__ == "__main__":
    main()
