"""Benchmark the whole extraction (headline, key points, summary, keywords) on a JSONL of articles.

    python bench/bench_extract.py ../shared/data/bbc_dev.jsonl [--limit N] [--repeat R] [--no-title] [--stages]

Reports articles per second of CPU time in this process (one core), best of R runs, so that
other load on the machine disturbs the number as little as possible. With --stages it also
reports the CPU time of each stage (analysis, keywords, headline, key points, summary) alone.
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from newsdigest.model import Article, Extract
from newsdigest.text import extract
from newsdigest.text.document import analyse
from newsdigest.text.headline import make_headline
from newsdigest.text.keypoints import key_points
from newsdigest.text.keywords import keywords
from newsdigest.text.summary import summarize
from newsdigest.urls import article_id

_EPOCH = __import__("datetime").datetime(2024, 1, 1, tzinfo=__import__("datetime").timezone.utc)


def load(path: Path, limit: int, with_title: bool) -> list[Article]:
    """Articles built from the `article` (and `title`) fields of a JSONL file."""
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    rows = rows[:limit] if limit else rows
    return [Article(id=article_id(str(i)), title=row.get("title", "") if with_title else "", text=row["article"],
                    published=_EPOCH, source="bench") for i, row in enumerate(rows)]


def run(articles: list[Article]) -> tuple[float, list[Extract]]:
    """CPU seconds to extract every article once, and the results."""
    started = time.process_time()
    results = [extract(article) for article in articles]
    return time.process_time() - started, results


def stage_times(articles: list[Article], repeat: int) -> dict[str, float]:
    """Best-of-`repeat` CPU µs per article of each extraction stage, run on its own."""
    docs = [analyse(article.title, article.text) for article in articles]
    tags = [keywords(doc) for doc in docs]
    stages: dict[str, Callable[[int], object]] = {
        "analyse": lambda i: analyse(articles[i].title, articles[i].text),
        "keywords": lambda i: keywords(docs[i]),
        "headline": lambda i: make_headline(docs[i], tags[i]),
        "key points": lambda i: key_points(docs[i], 3),
        "summary": lambda i: summarize(docs[i], 3),
    }
    return {name: 1e6 * _best(stage, len(docs), repeat) / max(1, len(docs)) for name, stage in stages.items()}


def _best(stage: Callable[[int], object], count: int, repeat: int) -> float:
    """Least CPU seconds of `repeat` runs of `stage` over indices 0..count-1 (results dropped, as in extract)."""
    times = []
    for _ in range(max(1, repeat)):
        started = time.process_time()
        for index in range(count):
            stage(index)
        times.append(time.process_time() - started)
    return min(times)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data", type=Path)
    parser.add_argument("--limit", type=int, default=0)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--no-title", action="store_true", help="drop titles so that headlines are generated too")
    parser.add_argument("--stages", action="store_true", help="also time each stage on its own")
    args = parser.parse_args(argv)
    articles = load(args.data, args.limit, not args.no_title)
    best = min(run(articles)[0] for _ in range(max(1, args.repeat)))
    words = sum(len(article.text.split()) for article in articles) / max(1, len(articles))
    print(f"{len(articles)} articles (~{words:.0f} words): {len(articles) / best:,.0f} articles/s "
          f"({1e6 * best / len(articles):.0f} µs each, best of {args.repeat})")
    if args.stages:
        print("  ".join(f"{name} {micros:.0f} µs" for name, micros in stage_times(articles, args.repeat).items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
