"""Sentence segmentation: one test per rule (the reason is in the name), the golden rules, and speed."""
from __future__ import annotations

import json
import time

import pytest

from newsdigest.text.sentences import split_sentences


def test_full_stop_then_capital_ends_a_sentence() -> None:
    assert split_sentences("The vote passed. Ministers left.") == ["The vote passed.", "Ministers left."]


def test_titles_before_names_never_end_a_sentence() -> None:
    assert split_sentences("Mr. Lavrov met Dr. Smith today.") == ["Mr. Lavrov met Dr. Smith today."]


def test_lower_case_continuation_is_not_a_new_sentence() -> None:
    assert split_sentences('"We won." she said.') == ['"We won." she said.']


def test_decimals_and_money_keep_their_points() -> None:
    assert split_sentences("Shares rose 2.5% to $11.10 on Friday. Bonds fell.") == [
        "Shares rose 2.5% to $11.10 on Friday.", "Bonds fell."]


def test_acronym_at_end_splits_only_before_a_sentence_opener() -> None:
    assert split_sentences("He moved to the U.S. The move paid off.") == ["He moved to the U.S.", "The move paid off."]
    assert split_sentences("The U.S. Senate voted.") == ["The U.S. Senate voted."]


def test_initials_in_a_name_do_not_split() -> None:
    assert split_sentences("George W. Bush spoke.") == ["George W. Bush spoke."]


def test_abbreviation_before_a_number_does_not_split() -> None:
    assert split_sentences("See No. 10 and p. 5 for details.") == ["See No. 10 and p. 5 for details."]


def test_closing_quote_after_stop_belongs_to_the_sentence() -> None:
    assert split_sentences("He said: “It is over.” Talks ended.") == ["He said: “It is over.”", "Talks ended."]


def test_line_breaks_end_headlines_without_a_stop() -> None:
    assert split_sentences("Russia wants more\nIt also wants troops out.") == ["Russia wants more",
                                                                              "It also wants troops out."]


def test_ellipsis_followed_by_lower_case_continues() -> None:
    assert split_sentences("I thought ... well, never mind.") == ["I thought ... well, never mind."]


def test_run_in_numbered_list_splits_into_items() -> None:
    assert split_sentences("1) Tax rises 2) Spending cuts") == ["1) Tax rises", "2) Spending cuts"]


def test_exclamation_inside_a_brand_name_does_not_split() -> None:
    assert split_sentences("She joined Yahoo! in May.") == ["She joined Yahoo! in May."]


def test_stop_without_a_space_still_ends_a_sentence_when_words_meet() -> None:
    """Markup stripped without a space ("…community.Dr Venter …") still separates sentences."""
    assert split_sentences("He was vilified by the community.Dr Venter is not modest.") == [
        "He was vilified by the community.", "Dr Venter is not modest."]
    assert split_sentences("See example.com for Node.js News today.") == ["See example.com for Node.js News today."]


def test_empty_and_blank_text_give_no_sentences() -> None:
    assert split_sentences("") == []
    assert split_sentences("  \n\n ") == []


def _golden(shared_data) -> list[dict]:
    path = shared_data / "golden_rules_en.jsonl"
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


@pytest.mark.parametrize("number", range(1, 49))
def test_golden_rule(shared_data, number: int) -> None:
    """Each of the 48 English Golden Rules segments exactly as the reference does."""
    case = next(row for row in _golden(shared_data) if row["n"] == number)
    assert split_sentences(case["text"]) == case["sentences"]


def test_at_least_twenty_times_faster_than_pysbd(shared_data) -> None:
    """Speed target: ≥ 20× pysbd on the golden-rule texts (CPU time of this process)."""
    pysbd = pytest.importorskip("pysbd")
    texts = [row["text"] for row in _golden(shared_data)]
    segmenter = pysbd.Segmenter(language="en", clean=False)

    def cpu(work, repeat: int) -> float:
        started = time.process_time()
        for _ in range(repeat):
            work()
        return (time.process_time() - started) / repeat

    ours = cpu(lambda: [split_sentences(t) for t in texts], 40)
    theirs = cpu(lambda: [segmenter.segment(t) for t in texts], 3)
    assert theirs / ours >= 20
