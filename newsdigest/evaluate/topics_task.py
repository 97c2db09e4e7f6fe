"""`python -m newsdigest.evaluate topics DATA.jsonl [--config PATH] [--json] [--limit N] [--folds K]`.

Assigns each labelled article its primary topic with the shipped config, restricted to
the topics whose slugs match the data's `category` labels, and reports macro-F1 (with `--folds K`
also the mean and worst of K interleaved folds, so one lucky slice cannot pass for a gain).
With `--url-sections` DATA is a raw feed-capture file and the items are labelled by the
section their URL names (see `topics_heldout`): the held-out check on outlets and months
nobody tuned to.
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from datetime import datetime, timezone
from pathlib import Path

from newsdigest.config import load_config
from newsdigest.evaluate.topics_heldout import dev_outlets, heldout_items, parse_months
from newsdigest.model import Article, Extract
from newsdigest.settings import TopicRules, TopicSettings
from newsdigest.text import extract
from newsdigest.topics import TopicMatcher, default_topics

DEFAULT_CONFIG = Path(__file__).resolve().parents[2] / "config.yaml"
# Data labels that name a section differently from the shipped topic slugs.
LABEL_TO_SLUG = {"tech": "technology", "sports": "sport"}
_EPOCH = datetime(2000, 1, 1, tzinfo=timezone.utc)


def _parse(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m newsdigest.evaluate topics")
    parser.add_argument("data", type=Path, help="JSONL with `title`, `article` and `category`")
    parser.add_argument("--config", type=Path, default=DEFAULT_CONFIG, help="config.yaml (default: the shipped one)")
    parser.add_argument("--json", action="store_true", help="print one JSON object instead of a table")
    parser.add_argument("--limit", type=int, default=0, help="use only the first N articles")
    parser.add_argument("--folds", type=int, default=0, help="also report mean and worst macro-F1 of K folds")
    parser.add_argument("--url-sections", action="store_true",
                        help="DATA is a feed-capture file (.jsonl[.gz]); label items by their URL's section")
    parser.add_argument("--months", default="1-12", help="with --url-sections: months to use, e.g. 4-6")
    parser.add_argument("--exclude-outlets-of", type=Path, default=None,
                        help="with --url-sections: leave out the outlets of this labelled JSONL file")
    return parser.parse_args(argv)


def load_items(path: Path, limit: int = 0) -> list[dict]:
    """Labelled items, in file order; `limit` > 0 keeps the first N."""
    items = []
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                items.append(json.loads(line))
            if limit and len(items) >= limit:
                break
    return items


def _article(item: dict) -> Article:
    return Article(id=str(item.get("id", "")), title=item.get("title", ""), text=item["article"],
                   published=_EPOCH, source="evaluation")


def _topics_for(config: Path, slugs: set[str]) -> tuple[tuple[TopicSettings, ...], TopicRules | None]:
    """The config's topics restricted to the labelled slugs, and its topic rules."""
    settings = load_config(config) if config.exists() else None
    topics = settings.topics if settings else default_topics()
    rules = settings.topic_rules if settings else None
    return tuple(t for t in topics if t.slug in slugs), rules


def macro_f1(gold: list[str], predicted: list[str], labels: list[str]) -> tuple[float, dict[str, float]]:
    """Mean of per-label F1 over the gold labels (a fallback prediction is simply wrong)."""
    per_label = {}
    for label in labels:
        tp = sum(g == label and p == label for g, p in zip(gold, predicted))
        fp = sum(g != label and p == label for g, p in zip(gold, predicted))
        fn = sum(g == label and p != label for g, p in zip(gold, predicted))
        per_label[label] = 2 * tp / (2 * tp + fp + fn) if tp else 0.0
    return sum(per_label.values()) / len(labels), per_label


def _per_label_ratio(gold: list[str], predicted: list[str], labels: list[str], precision: bool) -> dict[str, float]:
    """Per-label precision (share of predictions of the label that are right) or recall (share of gold
    items of the label found): F1 alone hides whether a topic over- or under-claims."""
    ratios = {}
    for label in labels:
        tp = sum(g == label and p == label for g, p in zip(gold, predicted))
        base = sum((p if precision else g) == label for g, p in zip(gold, predicted))
        ratios[label] = tp / base if base else 0.0
    return ratios


def fold_scores(gold: list[str], predicted: list[str], labels: list[str], folds: int) -> list[float]:
    """Macro-F1 of each of `folds` interleaved folds (item i is in fold i % folds), over the labels
    that fold's gold holds (a label a small fold lacks is no miss)."""
    return [macro_f1(gold[k::folds], predicted[k::folds], [x for x in labels if x in gold[k::folds]])[0]
            for k in range(folds)]


def evaluate(items: list[dict], config: Path = DEFAULT_CONFIG, folds: int = 0) -> dict:
    """Score primary-topic assignment on labelled items; timing covers topic assignment only."""
    gold = [LABEL_TO_SLUG.get(item["category"], item["category"]) for item in items]
    labels = sorted(set(gold))
    topics, rules = _topics_for(config, set(labels))
    missing = sorted(set(labels) - {t.slug for t in topics})
    if missing:
        raise SystemExit(f"config {config} has no topic for labels: {', '.join(missing)}")
    matcher = TopicMatcher(topics, rules)
    pairs: list[tuple[Article, Extract]] = [(a, extract(a)) for a in map(_article, items)]
    start = time.perf_counter()
    predicted = [matcher.assign(article, ex)[0].slug for article, ex in pairs]
    seconds = time.perf_counter() - start
    f1, per_label = macro_f1(gold, predicted, labels)
    # Precision against coverage: a fallback is no topic, which is better than a wrong one.
    assigned = [(g, p) for g, p in zip(gold, predicted) if p in labels]
    confusion: dict[str, dict[str, int]] = {g: {} for g in labels}
    for g, p in zip(gold, predicted):
        confusion[g][p] = confusion[g].get(p, 0) + 1
    report = {"task": "topics", "n": len(items), "macro_f1": round(f1, 4),
            "accuracy": round(sum(g == p for g, p in zip(gold, predicted)) / max(1, len(items)), 4),
            "coverage": round(len(assigned) / max(1, len(items)), 4),
            "precision_assigned": round(sum(g == p for g, p in assigned) / max(1, len(assigned)), 4),
            "per_label_f1": {k: round(v, 4) for k, v in per_label.items()},
            "per_label_precision": {k: round(v, 4) for k, v in _per_label_ratio(gold, predicted, labels, True).items()},
            "per_label_recall": {k: round(v, 4) for k, v in _per_label_ratio(gold, predicted, labels, False).items()},
            "confusion": {g: dict(sorted(row.items())) for g, row in confusion.items()},
            "articles_per_second": round(len(items) / seconds, 1) if seconds else 0.0}
    if folds > 1:
        scores = fold_scores(gold, predicted, labels, folds)
        report["folds"] = {"k": folds, "mean": round(sum(scores) / folds, 4), "worst": round(min(scores), 4),
                           "each": [round(x, 4) for x in scores]}
    return report


def _table(report: dict) -> str:
    labels = list(report["confusion"])
    columns = labels + sorted({p for row in report["confusion"].values() for p in row} - set(labels))
    lines = [(f"topics: n={report['n']}  macro-F1={report['macro_f1']:.4f}  accuracy={report['accuracy']:.4f}  "
              f"{report['articles_per_second']:.0f} articles/s"),
             (f"coverage={report['coverage']:.4f} (share given a topic)  "
              f"precision={report['precision_assigned']:.4f} (of those, share correct)"),
             "gold \\ predicted".ljust(18) + "".join(c[:11].rjust(12) for c in columns) + "        F1      prec    recall"]
    for label in labels:
        row = report["confusion"][label]
        lines.append(label[:17].ljust(18) + "".join(str(row.get(c, 0)).rjust(12) for c in columns)
                     + f"{report['per_label_f1'][label]:10.4f}{report['per_label_precision'][label]:10.4f}"
                     + f"{report['per_label_recall'][label]:10.4f}")
    if "folds" in report:
        f = report["folds"]
        lines.append(f"{f['k']} folds: mean macro-F1={f['mean']:.4f}  worst={f['worst']:.4f}  "
                     + " ".join(f"{x:.4f}" for x in f["each"]))
    return "\n".join(lines)


def _items(args: argparse.Namespace) -> list[dict]:
    """The labelled items: a labelled JSONL file, or URL-section items built from a capture file."""
    if not args.url_sections:
        return load_items(args.data, args.limit)
    exclude = dev_outlets(args.exclude_outlets_of) if args.exclude_outlets_of else set()
    items = heldout_items(args.data, parse_months(args.months), exclude)
    if not items:
        raise ValueError(f"{args.data}: no English item with a section in its URL in months {args.months}")
    return items[: args.limit] if args.limit else items


def main(argv: list[str]) -> int:
    """Entry point; argv[0] is the task name "topics"."""
    args = _parse(argv[1:])
    if not args.data.exists():
        print(f"error: {args.data} not found", file=sys.stderr)
        return 2
    if args.config != DEFAULT_CONFIG and not args.config.exists():
        # Only the shipped config may be absent (an installed package): a named one must exist.
        print(f"error: --config {args.config} not found", file=sys.stderr)
        return 2
    try:
        items = _items(args)
    except ValueError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    report = evaluate(items, args.config, args.folds)
    print(json.dumps(report) if args.json else _table(report))
    return 0
