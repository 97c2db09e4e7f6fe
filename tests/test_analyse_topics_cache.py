"""Topic matches are stored beside the extracts and read back while what they depend on is unchanged."""
from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timezone
from pathlib import Path

from site_sample import sample_settings

from newsdigest.analyse import extract_key, topics_key
from newsdigest.archive import Archive
from newsdigest.model import Article
from newsdigest.pipeline import analyse_isolated, topics_code
from newsdigest.settings import TopicSettings
from newsdigest.urls import article_id


def article(number: int, title: str) -> Article:
    return Article(id=article_id(f"https://a.example/{number}"), title=title,
                   text=f"{title}. The report came out on Tuesday and more is expected next week.",
                   published=datetime(2026, 11, 19, number, tzinfo=timezone.utc), source="A",
                   url=f"https://a.example/{number}", feed="https://a.example/feed")


def test_a_second_build_reads_topics_back_and_they_equal_a_fresh_match(tmp_path: Path) -> None:
    settings = sample_settings(tmp_path)
    articles = [article(1, "Football league goal record"), article(2, "New chip software from Apple")]
    with Archive.open(tmp_path / "a.sqlite") as archive:
        fresh = analyse_isolated(articles, settings, archive, lambda n: None, print)     # no topic cache
        first = analyse_isolated(articles, settings, archive, lambda n: None, print, code=topics_code(settings))
        again = analyse_isolated(articles, settings, archive, lambda n: None, print, code=topics_code(settings))
        key = topics_key(articles[0], extract_key(articles[0], settings), topics_code(settings))
        assert key in archive.get_extracts([key])
        archive.put_extracts({key: {"topics": [["stored", "Stored", 9.0, [["read back", 9.0]]]]}})
        stored = analyse_isolated(articles, settings, archive, lambda n: None, print, code=topics_code(settings))
    assert first == fresh and again == fresh
    assert [m.slug for item in stored if item.id == articles[0].id for m in item.topics] == ["stored"]


def test_a_changed_topic_list_or_feed_field_is_another_key(tmp_path: Path) -> None:
    settings = sample_settings(tmp_path)
    item = article(1, "Football league goal record")
    key = extract_key(item, settings)
    other = replace(settings, topics=(*settings.topics, TopicSettings(name="Food", slug="food")))
    assert topics_code(other) != topics_code(settings)
    code = topics_code(settings)
    assert topics_key(item, key, code) != topics_key(replace(item, categories=("Sport",)), key, code)
    assert topics_key(item, key, code) != topics_key(item, key, topics_code(other))
    # A change elsewhere in the config (a feed added) keeps every stored match.
    assert topics_code(replace(settings, feeds=())) == code
