"""One huge feed, built side by side by several checkouts: `python bench/bench_big_feed.py N TREE [TREE ...]`.

Writes one local Atom feed of N invented items (e.g. 50,000 ≈ 9.5 MB, under the 10 MB fetch cap),
then runs one cold `build.py` per checkout (TREE = a folder holding build.py, e.g. a `git worktree`
of main and this branch) and prints wall seconds, peak RSS of that one process (os.wait4), pages
and site size. Not a test: compare the ratios within one run (this machine is shared and noisy).
"""
from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

START = datetime(2026, 1, 1, tzinfo=timezone.utc)


def feed(count: int) -> str:
    entries = "".join(
        f"<entry><title>Item {n} of the big feed</title><id>https://big.example/{n}</id>"
        f"<link href=\"https://big.example/{n}\"/><updated>{(START + timedelta(minutes=n)):%Y-%m-%dT%H:%M:%SZ}</updated>"
        f"<summary>Item {n}. The council said the work would take a week.</summary></entry>"
        for n in range(count))
    return ('<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Big</title>'
            f"<id>urn:big</id><updated>2026-01-01T00:00:00Z</updated>{entries}</feed>")


def build(tree: Path, folder: Path) -> str:
    (folder / "content").mkdir(parents=True)
    (folder / "config.yaml").write_text("site: {timezone: UTC}\ncontent: [content]\n"
                                        "feeds:\n  - {name: Big, url: ../feed.xml}\nsearch: false\n", encoding="utf-8")
    started = time.perf_counter()
    process = subprocess.Popen([sys.executable, str(tree / "build.py"), "--config", str(folder / "config.yaml"), "-q"],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - started
    site = folder / "site"
    pages = sum(1 for _ in site.rglob("index.html"))
    size = sum(p.stat().st_size for p in site.rglob("*") if p.is_file())
    return (f"{tree}: exit {os.waitstatus_to_exitcode(status)}, {seconds:.1f} s, peak {usage.ru_maxrss / 1024:.0f} MB, "
            f"{pages:,} pages, {size / 1e6:.1f} MB site")


def main() -> None:
    count, trees = int(sys.argv[1]), [Path(t).resolve() for t in sys.argv[2:]]
    with tempfile.TemporaryDirectory() as scratch:
        (Path(scratch) / "feed.xml").write_text(feed(count), encoding="utf-8")
        print(f"{count:,} items, {(Path(scratch) / 'feed.xml').stat().st_size / 1e6:.1f} MB")
        for number, tree in enumerate(trees):
            print(build(tree, Path(scratch) / f"p{number}"))


if __name__ == "__main__":
    main()
