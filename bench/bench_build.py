"""Benchmark a whole build on a synthetic archive: `python bench/bench_build.py [N] [--markdown] [--code DIR]`.

Writes N synthetic articles (generated text, no real news) into 20 local RSS feeds, or with
`--markdown` into N Markdown files with front matter, builds the site twice into a temporary
folder — cold (everything extracted) and warm (extracts from the archive cache, unchanged files
kept) — and prints wall and CPU seconds (this process and its worker processes) per build.
`--code DIR` builds with the newsdigest checkout in DIR (compare two versions with one script).
Not a test: run it by hand, compare ratios within one run (this machine is shared and noisy).
"""
from __future__ import annotations

import argparse
import random
import resource
import sys
import tempfile
import time
from datetime import datetime, timedelta, timezone
from email.utils import format_datetime
from pathlib import Path
from xml.sax.saxutils import escape


def options() -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("total", nargs="?", type=int, default=10_000)
    p.add_argument("--markdown", action="store_true", help="local Markdown files instead of RSS feeds")
    p.add_argument("--workers", type=int, default=0, help="build.workers (default: the setting's default)")
    p.add_argument("--code", type=Path, default=Path(__file__).resolve().parent.parent,
                   help="newsdigest checkout to build with (default: this one)")
    return p.parse_args()

NAMES = ["Ada Brook", "Omar Vale", "Lena Ford", "Ravi Shah", "Mia Stone", "Tom Reyes", "Ivy Chen", "Sam Cole"]
PLACES = ["Northfield", "Castleford", "Westbrook", "Millbrook", "Eastport", "Harrow Bay", "Kingsmere"]
NOUNS = ["council", "factory", "hospital", "school", "bridge", "court", "market", "stadium", "museum", "bank"]
VERBS = ["approved", "rejected", "opened", "closed", "delayed", "funded", "reviewed", "expanded"]
TOPICS = ["election", "budget", "vaccine", "software", "league", "film", "climate", "rates", "chip", "trial"]


def sentence(rng: random.Random) -> str:
    return (f"The {rng.choice(NOUNS)} in {rng.choice(PLACES)} {rng.choice(VERBS)} a {rng.choice(TOPICS)} plan "
            f"worth {rng.randint(2, 900)} million pounds on {rng.choice(['Monday', 'Tuesday', 'Friday'])}, "
            f"{rng.choice(NAMES)} said.")


def write_feeds(folder: Path, total: int, feeds: int = 20) -> list[str]:
    rng = random.Random(7)
    start = datetime(2026, 11, 27, 18, tzinfo=timezone.utc)
    paths = []
    for f in range(feeds):
        items = []
        for i in range(total // feeds):
            when = start - timedelta(minutes=rng.randint(0, 60 * 24 * 30))
            body = "".join(f"<p>{escape(' '.join(sentence(rng) for _ in range(4)))}</p>" for _ in range(4))
            items.append(f"<item><title>{escape(sentence(rng)[:80])}</title>"
                         f"<link>https://example.org/f{f}/{i}</link><guid>f{f}-{i}</guid>"
                         f"<pubDate>{format_datetime(when)}</pubDate>"
                         f"<description><![CDATA[{body}]]></description></item>")
        path = folder / f"feed{f}.xml"
        path.write_text(f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Feed {f}</title>'
                        f"<link>https://example.org/f{f}/</link><description>d</description>{''.join(items)}"
                        "</channel></rss>", encoding="utf-8")
        paths.append(path.name)
    return paths


def write_markdown(folder: Path, total: int) -> None:
    rng = random.Random(7)
    start = datetime(2026, 11, 27, 18, tzinfo=timezone.utc)
    folder.mkdir()
    for i in range(total):
        when = start - timedelta(minutes=rng.randint(0, 60 * 24 * 30))
        body = "\n\n".join(" ".join(sentence(rng) for _ in range(4)) for _ in range(4))
        (folder / f"a{i:06d}.md").write_text(
            f"---\ntitle: \"{sentence(rng)[:80]}\"\ndate: {when.isoformat()}\nsource: Desk {i % 20}\n"
            f"url: https://example.org/md/{i}\n---\n{body}\n", encoding="utf-8")


def config_text(work: Path, total: int, markdown: bool, workers: int = 0) -> str:
    if markdown:
        write_markdown(work / "content", total)
        sources = "content: [content]\n"
    else:
        names = write_feeds(work, total)
        sources = "feeds:\n" + "\n".join(f"  - {{name: Feed {i}, url: {name}}}" for i, name in enumerate(names)) + "\n"
    # The caps on items per feed and new articles per build would store only part of the corpus.
    return (f"site: {{title: Bench}}\n{sources}topics:\n  - {{name: Politics}}\n  - {{name: Business}}\n"
            "  - {name: Technology}\n  - {name: Sport}\nsearch: false\n"
            "limits: {items_per_feed: 1000000, new_articles: 1000000}\n"
            + (f"build: {{workers: {workers}}}\n" if workers else ""))


def cpu_seconds() -> float:
    """User + system CPU of this process and of its (finished) worker processes."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def main() -> None:
    args = options()
    sys.path.insert(0, str(args.code.resolve()))
    from newsdigest.config import load_config
    from newsdigest.pipeline import run_build
    from newsdigest.progress import Reporter

    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        (work / "config.yaml").write_text(config_text(work, args.total, args.markdown, args.workers), encoding="utf-8")
        settings = load_config(work / "config.yaml")
        for label in ("cold", "warm"):
            started, cpu = time.perf_counter(), cpu_seconds()
            result = run_build(settings, reporter=Reporter(quiet=True))
            seconds, cpu = time.perf_counter() - started, cpu_seconds() - cpu
            print(f"{label}: {result.articles} articles, {result.pages} pages in {seconds:.1f} s wall, "
                  f"{cpu:.1f} s CPU ({result.articles / seconds:.0f} articles/s)", flush=True)


if __name__ == "__main__":
    main()
