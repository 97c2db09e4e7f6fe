"""The topics evaluation command: macro-F1 arithmetic, label mapping, and a recorded floor on a fixed BBC slice."""
from __future__ import annotations

import gzip
import json
import subprocess
import sys
from pathlib import Path

import pytest

from newsdigest.evaluate.topics_heldout import dev_outlets, heldout_items, outlet_names, parse_months
from newsdigest.evaluate.topics_task import evaluate, fold_scores, load_items, macro_f1, main

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


def test_report_gives_per_label_precision_and_recall(tmp_path):
    items = HAND_MADE + [{"id": "h4", "category": "business", "title": "Chip maker's new processor",
                          "article": "The handset software runs faster on the new chip."}]
    report = evaluate(items)
    # h4 (business) is filed under technology: technology over-claims, business under-finds.
    assert report["per_label_precision"]["technology"] == 0.5 and report["per_label_recall"]["technology"] == 1.0
    assert report["per_label_precision"]["business"] == 1.0 and report["per_label_recall"]["business"] == 0.5


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


# --- folds and the held-out set built from raw captures (hand-made capture records, own text) ---

def capture(link: str, title: str, description: str, month: int, language: str = "en-US") -> dict:
    return {"source": "https://feeds.example/rss", "link": link, "title": title, "description": description,
            "date_published": f"2023-{month:02d}-10 08:00:00+00:00", "language": language,
            "capture_day": f"2023-{month:02d}-10"}


def capture_file(tmp_path: Path) -> Path:
    records = []
    for n in range(6):   # a sectioned site: three sections with five items or more each
        records.append(capture(f"https://www.sectioned.example/sport/{n}", f"Striker and midfielder sign {n}",
                               "<p>The <b>goalkeeper</b> stays at the club.</p>", 5))
        records.append(capture(f"https://www.sectioned.example/business/{n}", f"Shares fall as profits drop {n}",
                               "Investors sold shares after quarterly profits fell.", 5))
        records.append(capture(f"https://www.sectioned.example/health/{n}", f"Hospital waiting lists grow {n}",
                               "Doctors and nurses said patients waited longer.", 5))
    records += [
        capture("https://www.sectioned.example/sport/jan", "Cup final tonight", "The fans are ready.", 1),
        capture("https://www.sectioned.example/sport/pl", "Mecz", "Opis meczu.", 5, language="pl-PL"),
        capture("https://www.sectioned.example/sport/same", "Same text", "Same text", 5),
        capture("https://www.devoutlet.co.uk/sport/1", "Striker scores", "The striker scored a goal.", 5),
        capture("https://blog.example/space/notes", "My notes", "Notes on my week.", 5),   # not a sectioned site
    ]
    path = tmp_path / "captures.jsonl.gz"
    with gzip.open(path, "wt", encoding="utf-8") as handle:
        handle.writelines(json.dumps(r) + "\n" for r in records)
    return path


def test_heldout_items_choose_months_language_outlets_and_sectioned_sites(tmp_path):
    items = heldout_items(capture_file(tmp_path), {4, 5, 6}, {"devoutlet"})
    assert len(items) == 18
    assert {i["category"] for i in items} == {"sport", "business", "health"}
    assert {i["outlet"] for i in items} == {"sectioned.example"}
    first = next(i for i in items if i["id"] == "https://www.sectioned.example/sport/0")
    assert first["article"] == "The goalkeeper stays at the club."     # HTML stripped
    assert len(heldout_items(capture_file(tmp_path), {4, 5, 6}, {"devoutlet"}, per_cell=2)) == 6


def test_dev_outlets_are_matched_by_name_across_domains(tmp_path):
    dev = write_jsonl(tmp_path / "dev.jsonl", [{"outlet": "devoutlet.co.uk", "title": "t", "article": "a",
                                                "category": "sport"}])
    assert dev_outlets(dev) == {"devoutlet"}
    assert outlet_names("www.devoutlet.com") == {"devoutlet"}


def test_parse_months():
    assert parse_months("4-6") == {4, 5, 6} and parse_months("1,3") == {1, 3}
    with pytest.raises(ValueError, match="month numbers 1-12"):
        parse_months("0-13")


def test_url_sections_command_with_folds(tmp_path):
    path = capture_file(tmp_path)
    done = subprocess.run([sys.executable, "-m", "newsdigest.evaluate", "topics", str(path), "--url-sections",
                           "--months", "5", "--folds", "3", "--json"],
                          capture_output=True, text=True, check=True, timeout=120)
    report = json.loads(done.stdout)
    # the 18 items of the sectioned site; the one-section site is left out even with no dev file named
    assert report["n"] == 18
    assert report["macro_f1"] == 1.0 and report["coverage"] == 1.0 and report["precision_assigned"] == 1.0
    assert report["folds"]["k"] == 3 and report["folds"]["worst"] == 1.0 and len(report["folds"]["each"]) == 3


def test_url_sections_with_no_items_exits_2(tmp_path, capsys):
    assert main(["topics", str(capture_file(tmp_path)), "--url-sections", "--months", "12"]) == 2
    assert "no English item with a section in its URL" in capsys.readouterr().err


def test_fold_scores_are_per_fold_macro_f1():
    gold = ["a", "b", "a", "b"]
    predicted = ["a", "b", "b", "b"]
    # fold 0 = items 0, 2: only "a" in its gold, F1 2/3; fold 1 = items 1, 3: only "b", F1 1
    assert fold_scores(gold, predicted, ["a", "b"], 2) == [pytest.approx(2 / 3), 1.0]


# Recorded on the shared data when the evidence rules and field vocabulary landed (issue #12):
# dev 0.7141, held-out (other outlets, Apr-Jun) 0.7244. Floors leave room for small shared-text changes.
# Recorded 0.7224 (dev) and 0.7532 (held-out) at the last rule change; floors leave room for the text stage.
DEV_FLOOR, HELDOUT_FLOOR = 0.71, 0.74


@pytest.mark.shared_data
def test_dev_and_heldout_meet_recorded_floors(shared_data):
    dev = evaluate(load_items(shared_data / "topics_multi_dev.jsonl"), folds=5)
    assert dev["n"] == 1439 and dev["macro_f1"] >= DEV_FLOOR
    items = heldout_items(shared_data / "year2023" / "entries_2023H1.jsonl.gz", {4, 5, 6},
                          dev_outlets(shared_data / "topics_multi_dev.jsonl"))
    assert len(items) > 1000 and not {"bbc", "theguardian", "nytimes", "foxnews", "abcnews"} & {
        name for item in items for name in outlet_names(item["outlet"])}
    assert evaluate(items)["macro_f1"] >= HELDOUT_FLOOR
