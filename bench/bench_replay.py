"""Replay months of daily builds from real feed captures.

    python bench/bench_replay.py ../shared/data/year2023/entries_2023H1.jsonl.gz --days 1-7
    python bench/bench_replay.py ENTRIES --days 1-7 --jump 8-170 --then 171-180 --work /tmp/replay

Each replayed day rewrites one local RSS file per source feed holding the entries first captured that
day (as the feed showed them), then runs one real build (`python build.py --offline`, a separate
process, so its peak memory is its own) against an archive that persists across days. `--jump`
imports a range of days without building a site (a build per day would cost months of builds): each
day's feed files go through the build's own ingestion (`ingest_feeds`) and its new articles through
the build's own analysis into the extraction cache, as that day's build would have left them. One
untimed build on the jump's last day then makes the site, so that a late day can be timed against a
full archive and the site its previous build left. Prints one table row per timed day: day, new entries,
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
from datetime import date, datetime, timedelta, timezone
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


def build_epoch(day: date) -> int:
    """A day's build runs at 23:59 UTC of that day."""
    return int(datetime(day.year, day.month, day.day, 23, 59, tzinfo=timezone.utc).timestamp())


def build(config: Path, day: date) -> dict[str, float]:
    """One real build as its own process, at the end of `day`; its own wall, CPU and peak RSS."""
    env = {**os.environ, "SOURCE_DATE_EPOCH": str(build_epoch(day))}
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
           timed: bool, imported: bool = False) -> Iterator[str]:
    """A build per day; `imported`: the day's entries are already stored (bulk_import), its feeds stay written."""
    feeds_dir = work / "feeds"
    for day in days:
        entries = data.get(day.isoformat(), [])
        feed_files = sorted(p.name for p in feeds_dir.glob("*.xml")) if imported else write_day(feeds_dir, entries)
        config = write_config(work, feed_files, extra)
        cost = build(config, day)
        if timed:
            pages, mib = site_stats(work / "site")
            yield (f"| {day} | {len(entries)} | {archive_size(work)} | {cost['wall']:.1f} | {cost['cpu']:.1f} | "
                   f"{cost['rss_mib']:.0f} | {pages} | {mib:.0f} |")


def bulk_import(days: list[date], data: dict[str, list[dict[str, str]]], work: Path, extra: str) -> Iterator[str]:
    """Store the days' entries as their builds would have, without building a site; a line per day."""
    sys.path.insert(0, str(ROOT))
    from newsdigest.analyse import analyse
    from newsdigest.archive import Archive
    from newsdigest.config import load_config
    from newsdigest.pipeline import topics_code
    from newsdigest.sources.ingest import ingest_feeds
    feeds_dir = work / "feeds"
    for day in days:
        started = time.perf_counter()
        entries = data.get(day.isoformat(), [])
        settings = load_config(write_config(work, write_day(feeds_dir, entries), extra))
        now = datetime.fromtimestamp(build_epoch(day), timezone.utc)
        limits = settings.limits
        with Archive.open(settings.archive.path, years=limits.years, check=False) as archive:
            ingest_feeds(settings.feeds, archive, settings.fetch, now=now, tz=timezone.utc, offline=True,
                         limits=limits)
            new = archive.articles_seen_since(now)      # first seen by this day's ingest
            analyse(new, settings, cache=archive, code=topics_code(settings))     # topics stored, as a build does
            total = archive.count()
        yield f"imported {day}: {len(entries)} entries, {len(new)} new, archive {total}, " \
              f"{time.perf_counter() - started:.1f} s"


def stages(config: Path, day: date, profile: Path | None) -> None:
    """One build in this process, printing each stage's wall and CPU seconds and the RSS at its end
    (VmRSS, and VmHWM: the peak so far); `profile`: also a cProfile dump of the whole build."""
    sys.path.insert(0, str(ROOT))
    import cProfile

    from newsdigest.config import load_config
    from newsdigest.pipeline import run_build
    from newsdigest.progress import Reporter

    def memory() -> str:
        status = dict(line.split(":", 1) for line in Path("/proc/self/status").read_text().splitlines())
        return f"RSS {int(status['VmRSS'].split()[0]) // 1024} MiB, peak {int(status['VmHWM'].split()[0]) // 1024} MiB"

    class Stages(Reporter):
        def __init__(self) -> None:
            super().__init__(quiet=True)
            self.last = ("start", time.perf_counter(), time.process_time())

        def stage(self, label: str, total: int = 0) -> None:
            self.close(label)

        def close(self, nxt: str) -> None:
            name, wall, cpu = self.last
            print(f"{name:<18} {time.perf_counter() - wall:7.1f} s wall {time.process_time() - cpu:7.1f} s CPU  "
                  f"{memory()}", file=sys.stderr, flush=True)
            self.last = (nxt, time.perf_counter(), time.process_time())

    os.environ["SOURCE_DATE_EPOCH"] = str(build_epoch(day))
    report = Stages()
    profiler = cProfile.Profile() if profile else None
    if profiler:
        profiler.enable()
    result = run_build(load_config(config), offline=True, reporter=report)
    if profiler:
        profiler.disable()
        profiler.dump_stats(str(profile))
    report.close("done")
    print(f"{result.articles} articles, {result.pages} pages, {result.files_written} files written",
          file=sys.stderr)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("entries", type=Path)
    parser.add_argument("--days", default="1-7", help="days to replay and time (day 1 = 2023-01-01); '' for none "
                        "(to go on in a --work folder that holds them)")
    parser.add_argument("--jump", default="", help="days to import untimed after --days, e.g. 8-170")
    parser.add_argument("--then", default="", help="days to time after the jump, e.g. 171-180")
    parser.add_argument("--work", type=Path, default=Path("/tmp/newsdigest-replay"))
    parser.add_argument("--extra-config", default="", help="YAML lines appended to the generated config")
    parser.add_argument("--stages", metavar="DAY", type=int, default=0,
                        help="instead: one build of --work's config.yaml in this process as day DAY, "
                             "printing each stage's time and memory")
    parser.add_argument("--profile", type=Path, help="with --stages: write a cProfile dump here")
    args = parser.parse_args()
    if args.stages:
        stages(args.work / "config.yaml", FIRST_DAY + timedelta(days=args.stages - 1), args.profile)
        return
    timed, jump, then = (day_range(spec) if spec else [] for spec in (args.days, args.jump, args.then))
    data = entries_by_day(args.entries, {d.isoformat() for d in (*timed, *jump, *then)})
    (args.work / "feeds").mkdir(parents=True, exist_ok=True)
    print("| day | new entries | archive | wall s | CPU s | peak RSS MiB | pages | site MiB |")
    print("|---|---|---|---|---|---|---|---|")
    for row in replay(timed, data, args.work, args.extra_config, timed=True):
        print(row, flush=True)
    if jump:
        for line in bulk_import(jump, data, args.work, args.extra_config):
            print(line, file=sys.stderr, flush=True)
        # The first build after the import makes the whole site (its previous one is the last timed day's).
        for row in replay(jump[-1:], data, args.work, args.extra_config, timed=True, imported=True):
            print(row.replace(" |", " (first build after the import) |", 1), flush=True)
    for row in replay(then, data, args.work, args.extra_config, timed=True):
        print(row, flush=True)


if __name__ == "__main__":
    main()
