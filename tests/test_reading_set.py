"""The reading set: the fixture holds locations and judgements only, resolves to real inputs, and the tool runs."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from newsdigest.evaluate.reading_set import YEAR2023, Entry, Result, load, resolve, run, shares, text_hash

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "reading_set.jsonl"


def test_fixture_stores_locations_and_judgements_never_text() -> None:
    lines = [json.loads(line) for line in FIXTURE.read_text(encoding="utf-8").splitlines() if line.strip()]
    fields = {"id", "file", "item", "link", "kind", "index", "sha", "verdict", "reason"}
    assert all(set(line) == fields for line in lines)
    assert all(len(line["sha"]) == 16 and len(line["reason"]) < 120 for line in lines)
    entries = load(FIXTURE)
    assert len({e.id for e in entries}) == len(entries)
    assert sum(e.kind == "key_point" for e in entries) >= 150
    assert sum(e.kind == "headline" for e in entries) >= 24


def test_shares_count_verdicts_per_kind() -> None:
    def result(kind: str, verdict: str, changed: bool = False) -> Result:
        entry = Entry("x", "f", 0, "", kind, 0, "a" * 16, verdict, "")
        return Result(entry, "t", "b" * 16 if changed else "a" * 16)
    results = [result("key_point", "good"), result("key_point", "bad", True), result("headline", "weak"),
               result("headline", "bad"), result("headline", "good")]
    report = shares(results)
    assert report["re_judge"] == 1
    assert report["key_point"]["bad_share"] == 0.5
    assert report["headline"]["acceptable_share"] == 0.667
    assert text_hash("a  b") == text_hash("a b") != text_hash("a c")


@pytest.mark.shared_data
def test_every_entry_resolves_to_a_real_input_with_output(shared_data: Path) -> None:
    entries = load(FIXTURE)
    articles = resolve(entries, shared_data)
    assert set(articles) == {e.id for e in entries}
    assert all(articles[e.id].url == e.link for e in entries)
    assert all(articles[e.id].title == "" for e in entries if e.kind == "headline")
    outlets = {e.link.split("/")[2] for e in entries}
    assert len(outlets) >= 10
    assert sum(e.file == YEAR2023 for e in entries) >= 50
    assert sum(not r.text for r in run(entries, shared_data)) == 0   # every judged output still exists


@pytest.mark.shared_data
def test_command_prints_each_entry_and_the_shares(shared_data: Path, root: Path) -> None:
    done = subprocess.run([sys.executable, "-m", "newsdigest.evaluate", "reading-set", str(FIXTURE),
                           "--data", str(shared_data), "--json"],
                          cwd=root, capture_output=True, text=True, timeout=300, check=True)
    report = json.loads(done.stdout)
    assert len(report["results"]) == len(load(FIXTURE))
    assert report["shares"]["key_point"]["n"] >= 150
    assert 0.0 <= report["shares"]["headline"]["acceptable_share"] <= 1.0


def test_a_malformed_line_names_the_file_and_line(tmp_path: Path) -> None:
    bad = tmp_path / "set.jsonl"
    bad.write_text('{"id": "a"}\n', encoding="utf-8")
    with pytest.raises(SystemExit, match=r"set\.jsonl:1"):
        load(bad)
