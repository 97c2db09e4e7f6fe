"""Fetch cost of the network layer: `python bench/bench_fetch.py SOURCE_TREE [ROUNDS]`.

Serves N generated RSS files from a local HTTP server on 127.0.0.1 and fetches them all with one
Fetcher per round (the cost of building the pools and TLS context included), ROUNDS times. Run it
once per source tree, in alternation (e.g. an export of main and this clone), and compare medians
within one session; this machine is shared and noisy. Not a test.
"""
from __future__ import annotations

import inspect
import statistics
import sys
import tempfile
import time
from pathlib import Path

FEEDS = 33
ITEMS = 40


def feed_bytes(n: int) -> bytes:
    items = "".join(f"<item><title>Item {n}-{i}</title><link>https://example.org/{n}/{i}</link>"
                    f"<description>{'word ' * 80}</description></item>" for i in range(ITEMS))
    return f'<?xml version="1.0"?><rss version="2.0"><channel><title>F{n}</title>{items}</channel></rss>'.encode()


def main(tree: str, rounds: int) -> None:
    sys.path.insert(0, tree)
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
    from httpserver import LocalServer

    from newsdigest.settings import FetchSettings
    from newsdigest.sources.http import Fetcher, FetchRequest

    # A tree without the network policy has no allow_private; the local server needs it on one with it.
    extra = {"allow_private": True} if "allow_private" in inspect.signature(FetchRequest).parameters else {}
    with tempfile.TemporaryDirectory() as folder, LocalServer(static_dir=Path(folder)) as server:
        for n in range(FEEDS):
            (Path(folder) / f"f{n}.xml").write_bytes(feed_bytes(n))
        times = []
        for _ in range(rounds):
            started = time.perf_counter()
            with Fetcher(FetchSettings(timeout=5, deadline=10)) as fetcher:
                outcomes = list(fetcher.fetch_many([FetchRequest(server.url(f"/f{n}.xml"), **extra)
                                                    for n in range(FEEDS)]))
            times.append(time.perf_counter() - started)
            assert all(not isinstance(outcome, Exception) for _, outcome in outcomes), outcomes
    print(f"{tree}: {FEEDS} feeds, median {statistics.median(times) * 1000:.0f} ms, min {min(times) * 1000:.0f} ms")


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 20)
