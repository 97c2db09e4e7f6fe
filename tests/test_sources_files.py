"""Local readers: the seed's plain-text format and Markdown with front matter."""
from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from newsdigest.sources.files import ArticleFileError, parse_markdown, parse_plain_text, read_content

UTC = timezone.utc
MTIME = datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC)
SEED = Path(__file__).resolve().parent.parent / "seeds" / "000_81f73a34f04e5e43.txt"


@pytest.fixture(scope="module")
def seed():
    return parse_plain_text(SEED.read_text(encoding="utf-8"), "seeds/000.txt", MTIME)


def test_seed_key_points_are_the_authors_bullets(seed):
    assert len(seed.key_points) == 3
    assert seed.key_points[0].startswith("US Secretary of State Anthony Blinken said")
    assert seed.key_points[2].endswith("demands on Ukraine and NATO")
    for point in seed.key_points:
        assert point not in seed.text      # bullets are not body text


def test_seed_trailing_credit_line_is_the_credit(seed):
    assert seed.credit == "AP"
    assert not seed.text.rstrip().endswith("AP")


def test_seed_punctuation_only_line_is_dropped(seed):
    assert not seed.text.rstrip().endswith(",")
    assert "\n,\n" not in seed.text and not seed.html.rstrip().endswith(",")


def test_seed_has_no_title_so_one_is_generated(seed):
    assert seed.title == ""


def test_seed_lede_opens_the_text_and_body_follows(seed):
    assert seed.text.startswith("The United States and Russia sought to lower temperatures")
    assert "Moscow has demanded that the NATO alliance promise" in seed.text


def test_seed_subheadings_are_headings_not_sentences(seed):
    assert "<h2>Russia wants to drive the West out of Eastern Europe</h2>" in seed.html
    assert "Russia wants to drive the West out of Eastern Europe" not in seed.text


def test_seed_date_falls_back_to_file_mtime_and_id_is_from_path(seed):
    assert seed.published == MTIME
    again = parse_plain_text(SEED.read_text(encoding="utf-8"), "seeds/000.txt", MTIME)
    assert again.id == seed.id and len(seed.id) == 16


def test_plain_text_without_key_points_keeps_every_paragraph():
    article = parse_plain_text("First line of news.\nSecond paragraph here.\nReuters\n", "a.txt", MTIME)
    assert article.key_points == ()
    assert article.credit == "Reuters"
    assert article.text == "First line of news.\n\nSecond paragraph here."


def test_empty_text_file_is_an_error_naming_the_file():
    with pytest.raises(ArticleFileError, match=r"^a.txt:1: the file has no text"):
        parse_plain_text(" \n,\n", "a.txt", MTIME)


MARKDOWN = """\
---
title: Council approves <b>new</b> cycle lanes
date: 2026-03-04 09:30
source: Town Gazette
url: https://example.org/news/cycle-lanes?utm_source=rss
topics: [politics, transport]
summary: The council approved new lanes.
key_points:
  - Lanes approved.
  - Work starts in May.
---
The town council approved **four** new cycle lanes on Tuesday.

<script>alert(1)</script>

A second paragraph.
"""


def test_markdown_front_matter_fields():
    article = parse_markdown(MARKDOWN, "content/a.md", MTIME, ZoneInfo("Europe/London"))
    assert article.title == "Council approves <b>new</b> cycle lanes"   # escaped at render time, never trusted
    assert article.source == "Town Gazette"
    assert article.url == "https://example.org/news/cycle-lanes"
    assert article.topics == ("politics", "transport")
    assert article.summary == "The council approved new lanes."
    assert article.key_points == ("Lanes approved.", "Work starts in May.")
    assert article.published == datetime(2026, 3, 4, 9, 30, tzinfo=ZoneInfo("Europe/London"))


def test_markdown_body_is_sanitized_and_text_is_plain():
    article = parse_markdown(MARKDOWN, "content/a.md", MTIME, UTC)
    assert "<strong>four</strong>" in article.html
    assert "<script" not in article.html
    assert article.text.startswith("The town council approved four new cycle lanes on Tuesday.")
    assert "A second paragraph." in article.text


def test_markdown_without_front_matter_takes_title_from_heading():
    article = parse_markdown("# A heading title\n\nBody text here.\n", "b.md", MTIME, UTC)
    assert article.title == "A heading title"
    assert article.published == MTIME
    assert article.text == "Body text here."


@pytest.mark.parametrize("front,message", [
    ("title: [unclosed\n", r"^c.md:\d+: front matter is not valid YAML"),
    ("date: yesterday-ish\n", r"^c.md: front matter `date: yesterday-ish` is not a date"),
    ("titel: x\n", r"^c.md: unknown front matter key `titel`"),
    ("key_points: {a: 1}\n", r"^c.md: front matter `key_points` must be a list of text items"),
])
def test_bad_front_matter_names_file_and_problem(front, message):
    with pytest.raises(ArticleFileError, match=message):
        parse_markdown(f"---\n{front}---\nBody.\n", "c.md", MTIME, UTC)


def test_read_content_skips_bad_files_with_a_warning(tmp_path):
    (tmp_path / "good.md").write_text("---\ntitle: Good\n---\nFine text.\n", encoding="utf-8")
    (tmp_path / "bad.md").write_text("---\ntitel: Bad\n---\nText.\n", encoding="utf-8")
    (tmp_path / "notes.csv").write_text("a,b\n", encoding="utf-8")
    result = read_content([tmp_path], tmp_path, UTC)
    assert [a.title for a in result.articles] == ["Good"]
    assert result.warnings == (("bad.md: unknown front matter key `titel`; known keys: author, categories, credit, "
                               "date, image, key_points, language, source, summary, title, topics, url"),)
