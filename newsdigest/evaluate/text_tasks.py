"""Evaluation of the extraction engine: keypoints, summary, headline (ROUGE) and sentences (golden rules).

`python -m newsdigest.evaluate TASK DATA.jsonl [--json] [--limit N] [--folds K]`. Ours and the lead
baseline go through the same scorer in the same run; only extraction is timed. With `--folds K` the rows
are cut into K contiguous folds (row order) and each fold is scored on its own, so that a figure carried by
a few articles shows up as a weak fold.
"""
from __future__ import annotations

import argparse
import json
import re
import sys
import time
from pathlib import Path
from typing import Any

from newsdigest.text import generate
from newsdigest.text.sentences import split_sentences

ROUGE_TYPES = ("rouge1", "rouge2", "rougeLsum")
HEADLINE_WORDS = 12
_SPACE = re.compile(r"\s+")


def main(argv: list[str]) -> int:
    """Run the task named in argv[0] and print a table or, with --json, one JSON object."""
    args = _parse(argv)
    rows = _read(Path(args.data), args.limit)
    if args.task == "sentences":
        result = evaluate_sentences(rows)
    else:
        result = evaluate_rouge(args.task, rows, args.count, args.folds)
    print(json.dumps(result) if args.json else _table(result))
    return 0


def _parse(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m newsdigest.evaluate")
    parser.add_argument("task", choices=["keypoints", "summary", "headline", "sentences"])
    parser.add_argument("data", help="JSONL file: article/highlights/title, or golden-rules text/sentences")
    parser.add_argument("--json", action="store_true", help="print one JSON object instead of a table")
    parser.add_argument("--limit", type=int, default=0, help="use only the first N rows")
    parser.add_argument("--count", type=int, default=3, help="key points / summary sentences to generate")
    parser.add_argument("--folds", type=int, default=0, help="also score K contiguous folds (row order) apart")
    return parser.parse_args(argv)


def _read(path: Path, limit: int) -> list[dict[str, Any]]:
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return rows[:limit] if limit > 0 else rows


def predictions(task: str, rows: list[dict[str, Any]], count: int = 3) -> tuple[list[list[str]], float]:
    """Our output for each row as a list of sentences, and the seconds spent extracting."""
    outputs: list[list[str]] = []
    elapsed = 0.0
    for row in rows:
        # The headline task must not see the title it is scored against; the others may use it.
        title = "" if task == "headline" else row.get("title", "")
        started = time.process_time()
        # The headline is always made, so that the speed is that of the whole extraction (headline included).
        parts = generate(title, row["article"], key_points=count, summary_sentences=count, always_headline=True)
        elapsed += time.process_time() - started
        if task == "keypoints":
            outputs.append(list(parts.key_points))
        elif task == "summary":
            outputs.append(list(parts.summary))
        else:
            outputs.append([parts.headline])
    return outputs, elapsed


def lead_baseline(task: str, rows: list[dict[str, Any]]) -> list[list[str]]:
    """LEAD-3 (first three sentences), or LEAD-1 cut to 12 words for headlines."""
    leads = []
    for row in rows:
        sentences = split_sentences(row["article"])
        if task == "headline":
            leads.append([" ".join(" ".join(sentences[:1]).split()[:HEADLINE_WORDS])])
        else:
            leads.append(sentences[:3])
    return leads


def references(task: str, rows: list[dict[str, Any]]) -> list[list[str]]:
    """The reference sentences: the real title for headlines, else the highlights."""
    return [[row["title"]] if task == "headline" else list(row["highlights"]) for row in rows]


def rouge(predicted: list[list[str]], reference: list[list[str]]) -> dict[str, float]:
    """Mean ROUGE F1 × 100 (stemmer on, sentences joined by newlines for summary-level rougeLsum)."""
    return mean_scores(row_scores(predicted, reference))


def row_scores(predicted: list[list[str]], reference: list[list[str]]) -> list[dict[str, float]]:
    """ROUGE F1 × 100 of each row (so that folds can be averaged without scoring twice)."""
    from rouge_score import rouge_scorer  # type: ignore[import-untyped]  # evaluation-only, never in a build

    scorer = rouge_scorer.RougeScorer(list(ROUGE_TYPES), use_stemmer=True)
    rows = []
    for ours, ref in zip(predicted, reference):
        scores = scorer.score("\n".join(ref), "\n".join(ours))
        rows.append({name: 100 * scores[name].fmeasure for name in ROUGE_TYPES})
    return rows


def mean_scores(rows: list[dict[str, float]]) -> dict[str, float]:
    """The mean of per-row scores, rounded to two decimals."""
    count = max(1, len(rows))
    return {name: round(sum(row[name] for row in rows) / count, 2) for name in ROUGE_TYPES}


def fold_report(ours: list[dict[str, float]], lead: list[dict[str, float]], folds: int) -> dict[str, Any]:
    """Ours and LEAD per contiguous fold, with the mean and the worst margin (ours − lead) of each ROUGE type."""
    size = len(ours) / folds
    bounds = [(round(k * size), round((k + 1) * size)) for k in range(folds)]
    scored = [(mean_scores(ours[start:end]), mean_scores(lead[start:end])) for start, end in bounds]
    per_fold = [{"rows": [start, end], "ours": mine, "lead3": theirs}
                for (start, end), (mine, theirs) in zip(bounds, scored)]
    margins = {name: [mine[name] - theirs[name] for mine, theirs in scored] for name in ROUGE_TYPES}
    return {"folds": per_fold,
            "mean_margin": {name: round(sum(values) / folds, 2) for name, values in margins.items()},
            "worst_margin": {name: round(min(values), 2) for name, values in margins.items()}}


def sentence_precision(predicted: list[list[str]], reference: list[list[str]]) -> float:
    """Share of picked sentences found in the extractive reference (whitespace ignored)."""
    hits = picked = 0
    for ours, ref in zip(predicted, reference):
        joined = _SPACE.sub("", "".join(ref))
        picked += len(ours)
        hits += sum(1 for sentence in ours if _SPACE.sub("", sentence) in joined)
    return round(hits / picked, 4) if picked else 0.0


def evaluate_rouge(task: str, rows: list[dict[str, Any]], count: int = 3, folds: int = 0) -> dict[str, Any]:
    """Score ours and the lead baseline on `rows` for keypoints, summary or headline (and per fold with `folds`)."""
    ours, elapsed = predictions(task, rows, count)
    lead = lead_baseline(task, rows)
    refs = references(task, rows)
    ours_rows, lead_rows = row_scores(ours, refs), row_scores(lead, refs)
    result: dict[str, Any] = {"task": task, "n": len(rows), "ours": mean_scores(ours_rows),
                              "lead3": mean_scores(lead_rows)}
    if folds > 1:
        result.update(fold_report(ours_rows, lead_rows, folds))
    if task == "summary":
        result["sentence_precision"] = sentence_precision(ours, refs)
        result["lead3_sentence_precision"] = sentence_precision(lead, refs)
    result["articles_per_second"] = round(len(rows) / elapsed, 1) if elapsed else 0.0
    return result


def evaluate_sentences(rows: list[dict[str, Any]], repeat: int = 20) -> dict[str, Any]:
    """Exact matches on golden-rule cases, and our speed against pysbd's on the same text."""
    passed = sum(1 for row in rows if split_sentences(row["text"]) == row["sentences"])
    texts = [row["text"] for row in rows]
    produced = sum(len(row["sentences"]) for row in rows) * repeat
    ours = _time(lambda: [split_sentences(text) for text in texts], repeat)
    result: dict[str, Any] = {"task": "sentences", "passed": passed, "total": len(rows),
                              "sentences_per_second": round(produced / ours, 1)}
    pysbd_seconds = _pysbd_seconds(texts, max(1, repeat // 4))
    if pysbd_seconds is not None:
        pysbd_rate = produced / repeat * max(1, repeat // 4) / pysbd_seconds
        result["pysbd_sentences_per_second"] = round(pysbd_rate, 1)
        result["speedup_vs_pysbd"] = round(result["sentences_per_second"] / pysbd_rate, 1)
    return result


def _time(work: Any, repeat: int) -> float:
    started = time.process_time()
    for _ in range(repeat):
        work()
    return time.process_time() - started


def _pysbd_seconds(texts: list[str], repeat: int) -> float | None:
    """Seconds pysbd takes on `texts` × `repeat`, or None when it is not installed."""
    try:
        import pysbd  # type: ignore[import-untyped]  # dev-only comparison
    except ImportError:
        return None
    segmenter = pysbd.Segmenter(language="en", clean=False)
    return _time(lambda: [segmenter.segment(text) for text in texts], repeat)


def _table(result: dict[str, Any]) -> str:
    """A plain-text table of the result."""
    if result["task"] == "sentences":
        passed = f"{result['passed']}/{result['total']}"
        lines = [f"sentences: {passed} exact, {result['sentences_per_second']:.0f} sentences/s"]
        if "speedup_vs_pysbd" in result:
            lines.append(f"pysbd: {result['pysbd_sentences_per_second']:.0f} sentences/s "
                         f"(ours {result['speedup_vs_pysbd']}x faster)")
        return "\n".join(lines)
    lines = [f"{result['task']} on {result['n']} articles", f"{'':10}{'ROUGE-1':>9}{'ROUGE-2':>9}{'ROUGE-Lsum':>11}"]
    for name in ("ours", "lead3"):
        scores = result[name]
        lines.append(f"{name:10}{scores['rouge1']:9.2f}{scores['rouge2']:9.2f}{scores['rougeLsum']:11.2f}")
    lines.extend(_fold_lines(result))
    if "sentence_precision" in result:
        lines.append(f"sentence precision: ours {result['sentence_precision']:.3f}, "
                     f"lead3 {result['lead3_sentence_precision']:.3f}")
    lines.append(f"speed: {result['articles_per_second']:.0f} articles/s (whole extraction incl. headline)")
    return "\n".join(lines)


def _fold_lines(result: dict[str, Any]) -> list[str]:
    """One line per fold (ours vs lead, R1/R2/RLsum) and the mean and worst margins."""
    if "folds" not in result:
        return []
    lines = []
    for number, fold in enumerate(result["folds"], start=1):
        ours, lead = fold["ours"], fold["lead3"]
        pairs = "  ".join(f"{name} {ours[name]:.2f}/{lead[name]:.2f}" for name in ROUGE_TYPES)
        lines.append(f"fold {number} rows {fold['rows'][0]}-{fold['rows'][1]}: ours/lead3 {pairs}")
    for label in ("mean_margin", "worst_margin"):
        margins = "  ".join(f"{name} {result[label][name]:+.2f}" for name in ROUGE_TYPES)
        lines.append(f"{label.replace('_', ' ')} (ours - lead3): {margins}")
    return lines


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
