"""`search:` (true/false or a window) and `digest.article_pages` in the config: values and named errors."""
from __future__ import annotations

from pathlib import Path

import pytest

from newsdigest.config import ConfigError, load_config
from newsdigest.settings import SearchSettings


def load(tmp_path: Path, text: str):
    path = tmp_path / "c.yaml"
    path.write_text(text, encoding="utf-8")
    return load_config(path)


@pytest.mark.parametrize("text,enabled,window", [
    ("site: {title: T}\n", True, SearchSettings(days=0, max_pages=10_000)),
    ("search: false\n", False, SearchSettings()),                      # the old form still works
    ("search: true\n", True, SearchSettings()),
    ("search: {days: 90}\n", True, SearchSettings(days=90, max_pages=10_000)),
    ("search: {enabled: false, max_pages: 500}\n", False, SearchSettings(days=0, max_pages=500)),
    ("search: {max_pages: 0}\n", True, SearchSettings(days=0, max_pages=0)),
])
def test_search_forms(tmp_path: Path, text: str, enabled: bool, window: SearchSettings) -> None:
    settings = load(tmp_path, text)
    assert settings.search is enabled and settings.search_window == window


NOT_SEARCH = "expected true, false or a mapping such as {enabled: true, days: 90, max_pages: 10000}"


@pytest.mark.parametrize("text,expected", [
    ("search: {days: -1}\n", "c.yaml:1: search.days: expected a whole number from 0 to 36,500, got `-1`"),
    ("search: {max_page: 5}\n", "c.yaml:1: search.max_page: unknown key `max_page` — did you mean `max_pages`?"),
    ("search: {enabled: maybe}\n", "c.yaml:1: search.enabled: expected true or false, got `maybe`"),
    ("search: yes please\n", "c.yaml:1: search: expected true or false, got `yes please`"),
    ("search: [1]\n", f"c.yaml:1: search: {NOT_SEARCH}, got a list"),
    ("digest: {article_pages: -5}\n",
     "c.yaml:1: digest.article_pages: expected a whole number from 0 to 100,000,000, got `-5`"),
    ("digest: {article_pages: 1.5}\n",
     "c.yaml:1: digest.article_pages: expected a whole number from 0 to 100,000,000, got `1.5`"),
])
def test_named_errors(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, text: str, expected: str) -> None:
    (tmp_path / "c.yaml").write_text(text, encoding="utf-8")
    monkeypatch.chdir(tmp_path)                     # messages name the file as it was given
    with pytest.raises(ConfigError) as raised:
        load_config("c.yaml")
    assert raised.value.errors == [expected]


def test_article_pages_is_read(tmp_path: Path) -> None:
    assert load(tmp_path, "digest: {article_pages: 20000}\n").digest.article_pages == 20_000
    assert load(tmp_path, "site: {title: T}\n").digest.article_pages == 0      # no bound unless asked
