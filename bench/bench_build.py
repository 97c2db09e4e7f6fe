"""Benchmark a whole build on a synthetic archive: `python bench/bench_build.py [N]` (default 10,000).

Writes N synthetic articles into 20 local RSS feeds (generated text, no real news), builds the site
twice into a temporary folder — cold (everything extracted) and warm (extracts from the archive
cache, unchanged files kept) — and prints seconds per stage. Not a test: run it by hand, compare
ratios within one run (this machine is shared and noisy).
"""
from __future__ import annotations

import random
import sys
import tempfile
import time
from datetime import datetime, timedelta, timezone
from email.utils import format_datetime
from pathlib import Path
from xml.sax.saxutils import escape

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from newsdigest.config import load_config
from newsdigest.pipeline import run_build
from newsdigest.progress import Reporter

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


def main() -> None:
    total = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        names = write_feeds(work, total)
        feeds = "\n".join(f"  - {{name: Feed {i}, url: {name}}}" for i, name in enumerate(names))
        (work / "config.yaml").write_text(
            f"site: {{title: Bench}}\nfeeds:\n{feeds}\ntopics:\n  - {{name: Politics}}\n  - {{name: Business}}\n"
            "  - {name: Technology}\n  - {name: Sport}\nsearch: false\n", encoding="utf-8")
        settings = load_config(work / "config.yaml")
        for label in ("cold", "warm"):
            started = time.perf_counter()
            result = run_build(settings, reporter=Reporter(quiet=True))
            seconds = time.perf_counter() - started
            print(f"{label}: {result.articles} articles, {result.pages} pages in {seconds:.1f} s "
                  f"({result.articles / seconds:.0f} articles/s)")


if __name__ == "__main__":
    main()
