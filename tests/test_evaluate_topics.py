"""The topics evaluation command: macro-F1 arithmetic, label mapping, and a recorded floor on a fixed BBC slice."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from newsdigest.evaluate.topics_task import evaluate, load_items, macro_f1, main

# Every 5th article of bbc_dev.jsonl (297 articles, all five sections). Measured 0.9377 macro-F1 /
# 0.9394 accuracy when recorded; the floor leaves room for small changes in the shared text stage.
SLICE_STEP = 5
FLOOR_MACRO_F1 = 0.92
FLOOR_ACCURACY = 0.92

HAND_MADE = [
    {"id": "h1", "category": "tech", "title": "New phone chip doubles battery life",
     "article": "The handset maker said its new processor runs software faster.\n\nUsers can download apps."},
    {"id": "h2", "category": "sport", "title": "Striker's late goal wins the cup final",
     "article": "The striker scored in injury time as the club won the cup final before 60,000 fans."},
    {"id": "h3", "category": "business", "title": "Bank raises interest rates",
     "article": "The central bank raised interest rates to curb inflation, and shares fell on the stock market."},
]


def write_jsonl(path: Path, items: list[dict]) -> Path:
    path.write_text("".join(json.dumps(item) + "\n" for item in items), encoding="utf-8")
    return path


def test_macro_f1_counts_fallback_predictions_as_wrong():
    gold = ["a", "a", "b", "b"]
    predicted = ["a", "general", "b", "a"]
    f1, per_label = macro_f1(gold, predicted, ["a", "b"])
    # a: tp 1, fp 1, fn 1 -> 0.5; b: tp 1, fp 0, fn 1 -> 2/3; "general" is no label, only a miss.
    assert per_label == {"a": pytest.approx(0.5), "b": pytest.approx(2 / 3)}
    assert f1 == pytest.approx((0.5 + 2 / 3) / 2)


def test_hand_made_items_map_tech_to_technology(tmp_path):
    report = evaluate(load_items(write_jsonl(tmp_path / "hand.jsonl", HAND_MADE)))
    assert report["n"] == 3
    assert report["confusion"] == {"business": {"business": 1}, "sport": {"sport": 1},
                                   "technology": {"technology": 1}}
    assert report["macro_f1"] == 1.0 and report["accuracy"] == 1.0


def test_label_without_a_configured_topic_is_an_error(tmp_path):
    items = [{"id": "x", "category": "gardening", "title": "Roses", "article": "Prune the roses in spring."}]
    with pytest.raises(SystemExit, match="no topic for labels: gardening"):
        evaluate(items)


def test_limit_and_table_output(tmp_path, capsys):
    data = write_jsonl(tmp_path / "hand.jsonl", HAND_MADE)
    assert main(["topics", str(data), "--limit", "2"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("topics: n=2  macro-F1=")
    assert "technology" in out and "sport" in out


def test_missing_data_file_exits_2(tmp_path, capsys):
    assert main(["topics", str(tmp_path / "absent.jsonl")]) == 2


@pytest.mark.shared_data
def test_command_on_fixed_bbc_slice_meets_recorded_floor(shared_data, tmp_path):
    items = load_items(shared_data / "bbc_dev.jsonl")[::SLICE_STEP]
    data = write_jsonl(tmp_path / "slice.jsonl", items)
    done = subprocess.run([sys.executable, "-m", "newsdigest.evaluate", "topics", str(data), "--json"],
                          capture_output=True, text=True, check=True, timeout=120)
    report = json.loads(done.stdout)
    assert report["task"] == "topics"
    assert report["n"] == len(items) == 297
    assert sum(sum(row.values()) for row in report["confusion"].values()) == 297
    assert set(report["confusion"]) == {"business", "entertainment", "politics", "sport", "technology"}
    assert report["macro_f1"] >= FLOOR_MACRO_F1
    assert report["accuracy"] >= FLOOR_ACCURACY
    assert report["articles_per_second"] > 0


def test_a_named_config_that_does_not_exist_exits_2(tmp_path, capsys):
    from newsdigest.evaluate.topics_task import main as topics_main

    data = tmp_path / "d.jsonl"
    data.write_text('{"article": "x", "category": "sport"}\n', encoding="utf-8")
    assert topics_main(["topics", str(data), "--config", str(tmp_path / "absent.yaml")]) == 2
    assert "absent.yaml not found" in capsys.readouterr().err
