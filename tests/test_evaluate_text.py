"""The text evaluation command: its output format, its baseline, recorded scores and the targets."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from rouge_score import rouge_scorer

from newsdigest.evaluate.__main__ import main as evaluate_main
from newsdigest.evaluate.text_tasks import evaluate_rouge, evaluate_sentences
from newsdigest.text import generate
from newsdigest.text.document import analyse

FIXTURES = Path(__file__).resolve().parent / "fixtures"
# Hand-written articles in news style (not taken from any data set).
ARTICLES = [
    {
        "article": "The city council approved a $40 million budget for road repairs on Monday. Council members said "
                   "the repairs would start in the spring. Residents have complained about potholes for years. "
                   "The mayor said the plan was overdue.",
        "highlights": ["City council approves $40 million for road repairs.", "Work will start in the spring."],
        "title": "Council approves road repair budget",
    },
    {
        "article": "A storm knocked out power to 20,000 homes in the north on Tuesday. Engineers worked through the "
                   "night to restore supplies. Schools in three towns stayed closed. Forecasters expect calmer "
                   "weather by the weekend.",
        "highlights": ["Storm cuts power to 20,000 homes in the north.", "Schools in three towns stayed closed."],
        "title": "Storm cuts power to thousands",
    },
]

_WORD = re.compile(r"\w+")

def _jsonl(tmp_path: Path, rows: list[dict]) -> Path:
    path = tmp_path / "data.jsonl"
    path.write_text("\n".join(json.dumps(row) for row in rows) + "\n", encoding="utf-8")
    return path


def _run(capsys: pytest.CaptureFixture[str], *args: str) -> dict:
    assert evaluate_main([*args, "--json"]) == 0
    return json.loads(capsys.readouterr().out)


def test_keypoints_json_has_the_documented_fields(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    result = _run(capsys, "keypoints", str(_jsonl(tmp_path, ARTICLES)))
    assert result["task"] == "keypoints" and result["n"] == 2
    for side in ("ours", "lead3"):
        assert set(result[side]) == {"rouge1", "rouge2", "rougeLsum"}
        assert all(0 <= value <= 100 for value in result[side].values())
    assert result["articles_per_second"] > 0


def test_lead3_is_scored_with_stemmer_and_newline_joined_sentences(tmp_path: Path,
                                                                   capsys: pytest.CaptureFixture[str]) -> None:
    """LEAD-3 equals rouge-score run by hand on the first three sentences."""
    result = _run(capsys, "keypoints", str(_jsonl(tmp_path, ARTICLES[:1])))
    scorer = rouge_scorer.RougeScorer(["rouge1", "rougeLsum"], use_stemmer=True)
    lead = ("The city council approved a $40 million budget for road repairs on Monday.\nCouncil members said the "
            "repairs would start in the spring.\nResidents have complained about potholes for years.")
    expected = scorer.score("\n".join(ARTICLES[0]["highlights"]), lead)
    assert result["lead3"]["rouge1"] == round(100 * expected["rouge1"].fmeasure, 2)
    assert result["lead3"]["rougeLsum"] == round(100 * expected["rougeLsum"].fmeasure, 2)


def test_summary_reports_sentence_precision(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    rows = [dict(row, highlights=row["article"].split(". ")[:2]) for row in ARTICLES]
    result = _run(capsys, "summary", str(_jsonl(tmp_path, rows)))
    assert 0 <= result["sentence_precision"] <= 1 and "lead3" in result


def test_headline_is_scored_against_the_title_without_seeing_it(tmp_path: Path,
                                                               capsys: pytest.CaptureFixture[str]) -> None:
    result = _run(capsys, "headline", str(_jsonl(tmp_path, ARTICLES)))
    assert result["ours"]["rouge1"] > 0 and result["n"] == 2


def test_limit_takes_the_first_rows(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert _run(capsys, "keypoints", str(_jsonl(tmp_path, ARTICLES)), "--limit", "1")["n"] == 1


def test_table_output_names_both_sides(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert evaluate_main(["summary", str(_jsonl(tmp_path, ARTICLES))]) == 0
    out = capsys.readouterr().out
    assert "ours" in out and "lead3" in out and "articles/s" in out


def test_sentences_task_counts_exact_matches(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    rows = [{"n": 1, "text": "Mr. Smith left. He came back.", "sentences": ["Mr. Smith left.", "He came back."]},
            {"n": 2, "text": "One. Two.", "sentences": ["One. Two."]}]
    result = _run(capsys, "sentences", str(_jsonl(tmp_path, rows)))
    assert (result["passed"], result["total"]) == (1, 2)
    assert result["sentences_per_second"] > 0


def _rows(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def test_regression_on_fixed_slices(shared_data: Path) -> None:
    """ROUGE on fixed 50-article slices may not drop more than 0.5 below the recorded values."""
    recorded = json.loads((FIXTURES / "text_regression.json").read_text(encoding="utf-8"))
    for task, spec in recorded.items():
        rows = _rows(shared_data / spec["file"])[spec["start"]::spec["step"]][:spec["count"]]
        ours = evaluate_rouge(task, rows)["ours"]
        for measure, value in spec["ours"].items():
            assert ours[measure] >= value - 0.5, (task, measure, ours[measure], value)


def test_targets_keypoints_beat_lead3_on_cnndm(shared_data: Path) -> None:
    """Whole cnndm_dev file: ROUGE-1 and ROUGE-2 at least LEAD-3's (measured +0.83 / +0.66 with faithful key points).

    Engine 29 (#10) keeps key points whole or shortened only by safe deletions; the old +1.0 R1 margin came
    from clause cuts that changed meanings. Per fold (5 contiguous folds) the worst margin is recorded too:
    engine 30 measured -0.11 R1 (fold 4) / +0.02 R2, so the issue's every-fold target is not met yet on R1 and
    this says by how much (engine 29: -0.59 / -0.82).
    """
    result = evaluate_rouge("keypoints", _rows(shared_data / "cnndm_dev.jsonl"), folds=5)
    assert result["ours"]["rouge1"] >= result["lead3"]["rouge1"] + 0.8, result
    assert result["ours"]["rouge2"] >= result["lead3"]["rouge2"] + 0.6, result
    assert result["worst_margin"]["rouge1"] >= -0.15 and result["worst_margin"]["rouge2"] >= 0.0, result


def test_targets_summary_beats_lead3_on_bbc(shared_data: Path) -> None:
    """Issue target on every fifth bbc_dev article (297; measured R2 +9.1 over LEAD-3, precision 0.74)."""
    result = evaluate_rouge("summary", _rows(shared_data / "bbc_dev.jsonl")[::5])
    assert result["ours"]["rouge2"] >= result["lead3"]["rouge2"] + 2.0, result
    assert result["sentence_precision"] >= 0.65, result


def test_targets_headline_on_bbc(shared_data: Path) -> None:
    """Issue target on the whole bbc_dev file: ROUGE-1 ≥ 30 (measured 30.08; LEAD-1 of 12 words 23.36)."""
    result = evaluate_rouge("headline", _rows(shared_data / "bbc_dev.jsonl"))
    assert result["ours"]["rouge1"] >= 30.0, result
    assert result["ours"]["rouge1"] >= result["lead3"]["rouge1"] + 2.0, result


def test_keypoints_only_delete_words_of_their_source_sentence_on_the_fixed_slice(shared_data: Path) -> None:
    """Faithful key points (#10): every generated key point holds only words of the sentence it names as its source.

    (Replaces the old "mostly 20 words or fewer" target, which the clause cuts met by changing meanings.)
    """
    spec = json.loads((FIXTURES / "text_regression.json").read_text(encoding="utf-8"))["keypoints"]
    rows = _rows(shared_data / spec["file"])[spec["start"]::spec["step"]][:spec["count"]]
    checked = 0
    for row in rows:
        doc = analyse(row.get("title", ""), row["article"])
        parts = generate(row.get("title", ""), row["article"])
        for point, source in zip(parts.key_points, parts.key_point_sources, strict=True):
            added = set(_WORD.findall(point.lower())) - set(_WORD.findall(doc.sentences[source].text.lower()))
            assert not added, (point, doc.sentences[source].text)
            checked += 1
    assert checked >= 2.5 * len(rows)


def test_targets_golden_rules(shared_data: Path) -> None:
    assert evaluate_sentences(_rows(shared_data / "golden_rules_en.jsonl"), repeat=2)["passed"] >= 46
