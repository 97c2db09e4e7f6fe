"""`filters:` mute and keep rules: config validation, matching, and a real build that hides but never deletes."""
from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

import pytest

from newsdigest.archive import Archive
from newsdigest.cli import main
from newsdigest.config import ConfigError, parse_config
from newsdigest.filters import apply_filters
from newsdigest.model import Article
from newsdigest.settings import FeedSettings, FilterRule, FilterSettings

WHEN = datetime(2026, 11, 21, 9, 0, tzinfo=timezone.utc)


def article(ident: str, title: str, text: str = "Body text.", **extra: str) -> Article:
    return Article(id=ident, title=title, text=text, published=WHEN, source="Test", **extra)


def settings_from(text: str, tmp_path: Path):
    (tmp_path / "config.yaml").write_text(text, encoding="utf-8")
    return parse_config(text, tmp_path / "config.yaml", "config.yaml")


def test_words_match_whole_words_in_any_case_and_phrases_across_spaces():
    rule = FilterRule("mute", words=("ad", "reality tv"))
    items = [article("a", "Ad: buy now"), article("b", "Council adds lanes"),
             article("c", "Reality\nTV star"), article("d", "Gradual change")]
    result = apply_filters(items, FilterSettings(mute=(rule,)))
    assert [a.id for a in result.kept] == ["b", "d"]
    assert (result.counts[0].matched, result.counts[0].hidden, result.hidden) == (2, 2, 2)


def test_regex_on_url_and_author_fields():
    rules = (FilterRule("mute", regex=r"/sponsored/", fields=("url",)),
             FilterRule("mute", words=("PR Wire",), fields=("author",)))
    items = [article("a", "One", url="https://x.example/sponsored/one"),
             article("b", "Two", author="PR Wire desk"), article("c", "Three", url="https://x.example/news/3")]
    result = apply_filters(items, FilterSettings(mute=rules))
    assert [a.id for a in result.kept] == ["c"]
    assert [c.hidden for c in result.counts] == [1, 1]


def test_keep_rules_of_a_feed_apply_to_that_feed_only():
    feed = FeedSettings("Wire", "https://wire.example/rss", filters=FilterSettings(
        keep=(FilterRule("keep", words=("election",), feed="Wire"),)))
    items = [article("a", "Election night", feed=feed.url), article("b", "Cat show", feed=feed.url),
             article("c", "Cat show elsewhere", feed="https://other.example/rss"), article("d", "Local cat show")]
    result = apply_filters(items, FilterSettings(), [feed])
    assert [a.id for a in result.kept] == ["a", "c", "d"]
    assert (result.counts[0].scope, result.counts[0].matched, result.counts[0].hidden) == ("Wire", 1, 1)


def test_no_rules_returns_everything_and_no_counts():
    items = [article("a", "One"), article("b", "Two")]
    result = apply_filters(items, FilterSettings())
    assert result.kept == tuple(items) and result.counts == () and result.hidden == 0


def test_config_reads_global_and_feed_rules(tmp_path):
    settings = settings_from(
        "filters:\n"
        "  mute:\n"
        "    - horoscope\n"
        "    - {regex: '^Sponsored:', in: [title]}\n"
        "feeds:\n"
        "  - name: Wire\n"
        "    url: https://wire.example/rss\n"
        "    filters: {keep: [{words: [harbour, bridge], in: [title, text]}]}\n", tmp_path)
    assert settings.filters.mute == (FilterRule("mute", words=("horoscope",), label="horoscope"),
                                     FilterRule("mute", regex="^Sponsored:", fields=("title",),
                                                label="regex ^Sponsored: (in title)"))
    assert settings.feeds[0].filters.keep == (FilterRule("keep", words=("harbour", "bridge"), feed="Wire",
                                                         label="harbour, bridge"),)


@pytest.mark.parametrize(("rule", "message"), [
    ("{regex: 'a(b'}", ("config.yaml:3: filters.mute[0].regex: not a valid regular expression: missing ), "
                        "unterminated subpattern at position 1")),
    ("{words: [x], in: [titel]}", "config.yaml:3: filters.mute[0].in: unknown field `titel` — did you mean `title`?"),
    ("{words: [x], regex: y}", ("config.yaml:3: filters.mute[0]: give a rule either `words: [...]` or "
                                "`regex: \"...\"`, not both or neither")),
])
def test_bad_rules_are_reported_with_line_and_path(tmp_path, rule, message):
    with pytest.raises(ConfigError) as caught:
        settings_from(f"filters:\n  mute:\n    - {rule}\n", tmp_path)
    assert caught.value.errors[0].startswith(message)


CONFIG = """\
site: {{title: Filter test, base_url: "https://example.org/"}}
content: [{content}]
feeds:
  - name: Fixture Wire
    url: {feed}
archive: {{path: {archive}}}
search: false
"""


def test_build_hides_muted_articles_counts_them_and_keeps_the_archive(tmp_path, fixtures_dir):
    content = fixtures_dir / "site_content"
    base = CONFIG.format(content=content, feed=content / "feeds" / "wire.xml", archive=tmp_path / "a.sqlite")
    config = tmp_path / "config.yaml"
    out = tmp_path / "site"
    config.write_text(base + "filters:\n  mute:\n    - {words: [narwhal], in: [title]}\n"
                             "    - {regex: 'ferry fares', in: [title]}\n", encoding="utf-8")
    assert main(["--config", str(config), "--output", str(out), "--offline", "--quiet"]) == 0
    pages = {p.parent.name for p in (out / "articles").glob("*/index.html")}
    assert not [p for p in pages if "narwhal" in p or "ferry" in p]
    sources = (out / "sources" / "index.html").read_text(encoding="utf-8")
    assert "<th scope=\"row\">mute: narwhal (in title)</th><td>all articles</td><td>1</td><td>1</td>" in sources
    assert "<th scope=\"row\">mute: regex ferry fares (in title)</th><td>all articles</td><td>1</td><td>1</td>" in sources
    with Archive.open(tmp_path / "a.sqlite") as archive:
        assert any("Ferry fares" in a.title for a in archive.articles())   # hidden, not deleted
    config.write_text(base, encoding="utf-8")                              # the rule goes: the articles come back
    assert main(["--config", str(config), "--output", str(out), "--offline", "--quiet"]) == 0
    pages = {p.parent.name for p in (out / "articles").glob("*/index.html")}
    assert [p for p in pages if "narwhal" in p] and [p for p in pages if "ferry" in p]
    assert "Filters</h2>" not in (out / "sources" / "index.html").read_text(encoding="utf-8")
