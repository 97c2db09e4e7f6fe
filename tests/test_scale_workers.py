"""Both cores: the per-article analysis runs in worker processes for a big batch, and the site is
byte-identical whatever the number of workers; one failing article still costs only itself."""
from __future__ import annotations

import hashlib
import os
from dataclasses import replace
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from mini_project import atom, entry, new_project

from newsdigest import workers
from newsdigest.archive import Archive
from newsdigest.config import ConfigError, load_config
from newsdigest.model import Article
from newsdigest.pipeline import analyse_isolated, run_build
from newsdigest.settings import BuildSettings
from newsdigest.urls import article_id

PLACES = ["Northfield", "Castleford", "Westbrook", "Millbrook", "Eastport", "Kingsmere"]
VERBS = ["approved", "rejected", "delayed", "funded", "reviewed"]
START = datetime(2026, 11, 20, tzinfo=timezone.utc)


def _entries(count: int, feed: int) -> list[str]:
    items = []
    for i in range(count):
        place, verb = PLACES[(i + feed) % len(PLACES)], VERBS[i % len(VERBS)]
        when = (START + timedelta(minutes=37 * i + feed)).strftime("%Y-%m-%dT%H:%M:%SZ")
        text = (f"The council in {place} {verb} plan {i} on Monday. The plan costs {i + 3} million pounds. "
                f"Residents in {place} said the plan was overdue. Work starts in {i % 12 + 1} weeks.")
        items.append(entry(f"{place} council {verb} plan {i}", f"https://f{feed}.example/{i}", when, text))
    return items


def _digest(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def _build(tmp_path: Path, name: str, workers: int) -> dict[str, str]:
    project = new_project(tmp_path / name)
    feeds = [{"name": f"Feed {n}", "url": project.write_feed(f"f{n}.xml", atom(_entries(140, n), f"Feed {n}"))}
             for n in range(2)]
    project.configure(feeds, build={"workers": workers})
    settings = load_config(project.config)
    assert settings.build.workers == workers
    result = run_build(settings, offline=True)
    assert result.articles == 280
    return _digest(project.site)


def test_a_build_with_two_workers_is_byte_identical_to_one_with_one(tmp_path: Path,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1795000000")     # feed states carry the build's clock
    assert workers.pool_workers(280, 2) == 2   # 280 uncached articles go to the pool, and so do their 280 pages
    single, pooled = _build(tmp_path, "one", 1), _build(tmp_path, "two", 2)
    assert len(single) > 280
    assert [name for name in single if single[name] != pooled.get(name)] == []
    assert sorted(single) == sorted(pooled)


def test_small_batches_and_one_worker_stay_in_process() -> None:
    assert workers.pool_workers(150, 8) == 1
    assert workers.pool_workers(5000, 1) == 1
    assert workers.pool_workers(250, 8) == 2          # every worker gets at least 100 articles
    assert workers.pool_workers(5000, 8) == 8


def test_an_article_failing_in_a_worker_is_skipped_and_named(tmp_path: Path) -> None:
    from site_sample import sample_settings

    def article(number: int, text: str | None) -> Article:
        return Article(id=article_id(f"https://a.example/{number}"), title=f"Council plan {number}",
                       text=text, published=START + timedelta(minutes=number), source="A",  # type: ignore[arg-type]
                       url=f"https://a.example/{number}", feed="https://a.example/feed")

    good = [article(n, f"The council approved plan {n} on Tuesday. Work starts next month.") for n in range(260)]
    broken = replace(article(999, None), title="Broken one")
    settings = replace(sample_settings(tmp_path), build=BuildSettings(workers=2))
    assert workers.pool_workers(len(good) + 1, 2) == 2     # the first, whole-batch run is pooled
    warnings: list[str] = []
    with Archive.open(tmp_path / "a.sqlite") as archive:
        analysed = analyse_isolated([*good, broken], settings, archive, lambda done: None, warnings.append)
    assert [item.id for item in analysed] == [a.id for a in sorted(good, key=lambda a: a.published, reverse=True)]
    (warning,) = warnings
    assert "'Broken one' skipped: analysis failed" in warning and "AttributeError" in warning


@pytest.mark.parametrize("value", ["0", "two", "1.5", "-3"])
def test_bad_workers_setting_is_refused_naming_it(tmp_path: Path, value: str) -> None:
    config = tmp_path / "config.yaml"
    config.write_text(f"site: {{title: T}}\nbuild:\n  workers: {value}\n", encoding="utf-8")
    with pytest.raises(ConfigError) as raised:
        load_config(config)
    assert any("build.workers" in line and ":3" in line for line in raised.value.errors), raised.value.errors


def test_workers_default_to_the_cpu_count(tmp_path: Path) -> None:
    config = tmp_path / "config.yaml"
    config.write_text("site: {title: T}\n", encoding="utf-8")
    assert load_config(config).build.workers == (os.cpu_count() or 1)
