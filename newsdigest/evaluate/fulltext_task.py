"""`python -m newsdigest.evaluate fulltext ITEMS.jsonl [--json] [--limit N]`: main-text extraction quality.

Score: bag-of-words F1. Both texts are lower-cased and split into word tokens (runs of Unicode
letters/digits, `\\w+`); the overlap is the size of the multiset intersection. Per page:
precision = overlap / extracted tokens, recall = overlap / gold tokens, F1 their harmonic mean
(0 when either side is empty). The reported numbers are the unweighted means over pages.
"""
from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from newsdigest.sources.fulltext import FullTextUnavailable, extract_main_text

WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class PageScore:
    """Word-level precision, recall and F1 of one extracted page."""

    item_id: str
    precision: float
    recall: float
    f1: float


def word_counts(text: str) -> Counter[str]:
    """Multiset of lower-cased word tokens."""
    return Counter(WORD.findall(text.lower()))


def word_prf(extracted: str, gold: str) -> tuple[float, float, float]:
    """Bag-of-words precision, recall and F1 of `extracted` against `gold`."""
    predicted, reference = word_counts(extracted), word_counts(gold)
    overlap = sum((predicted & reference).values())
    precision = overlap / sum(predicted.values()) if predicted else 0.0
    recall = overlap / sum(reference.values()) if reference else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def load_items(items_path: Path, limit: int | None = None) -> list[dict]:
    """Items of a Zyte-style items.jsonl, in file order, at most `limit` of them."""
    items: list[dict] = []
    with items_path.open(encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                items.append(json.loads(line))
            if limit is not None and len(items) >= limit:
                break
    return items


def read_page(items_path: Path, item: dict) -> str:
    """The item's HTML; `html_path` is relative to the folder holding items.jsonl."""
    path = (items_path.parent / item["html_path"]).resolve()
    return path.read_bytes().decode("utf-8", errors="replace")


def score_items(items_path: Path, items: list[dict]) -> tuple[list[PageScore], float]:
    """Extract every item's page and score it; also return the extraction time in seconds."""
    scores: list[PageScore] = []
    elapsed = 0.0
    for item in items:
        html = read_page(items_path, item)
        started = time.perf_counter()
        extracted = extract_main_text(html, item.get("url", ""))
        elapsed += time.perf_counter() - started
        scores.append(PageScore(item["id"], *word_prf(extracted, item["article_body"])))
    return scores, elapsed


def summarise(scores: list[PageScore], elapsed: float) -> dict:
    """The task's result object: means over pages and throughput."""
    n = len(scores)
    return {
        "task": "fulltext",
        "n": n,
        "precision": round(sum(s.precision for s in scores) / n, 4) if n else 0.0,
        "recall": round(sum(s.recall for s in scores) / n, 4) if n else 0.0,
        "f1": round(sum(s.f1 for s in scores) / n, 4) if n else 0.0,
        "pages_per_second": round(n / elapsed, 1) if elapsed else 0.0,
    }


def print_table(scores: list[PageScore], result: dict, worst: int = 10) -> None:
    """Human-readable report: the worst pages, then the means."""
    print(f"{'page':<18} {'P':>6} {'R':>6} {'F1':>6}")
    for score in sorted(scores, key=lambda s: s.f1)[:worst]:
        print(f"{score.item_id[:16]:<18} {score.precision:6.3f} {score.recall:6.3f} {score.f1:6.3f}")
    print(f"{'mean of ' + str(result['n']):<18} {result['precision']:6.3f} {result['recall']:6.3f} {result['f1']:6.3f}")
    print(f"{result['pages_per_second']} pages/s (extraction only)")


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m newsdigest.evaluate fulltext")
    parser.add_argument("items", type=Path, help="items.jsonl with id, url, html_path, article_body")
    parser.add_argument("--json", action="store_true", help="print one JSON object instead of a table")
    parser.add_argument("--limit", type=int, default=None, help="score only the first N items")
    return parser.parse_args(argv)


def main(argv: list[str]) -> int:
    """Entry point; argv[0] is the task name "fulltext"."""
    args = parse_args(argv[1:])
    try:
        scores, elapsed = score_items(args.items, load_items(args.items, args.limit))
    except FullTextUnavailable as error:
        print(f"fulltext: {error}", file=sys.stderr)
        return 2
    result = summarise(scores, elapsed)
    if args.json:
        print(json.dumps(result))
    else:
        print_table(scores, result)
    return 0
