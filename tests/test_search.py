"""The search index built from records through Pagefind's Python API: real Pagefind runs on the sample site."""
from __future__ import annotations

import gzip
import json
import sys
from pathlib import Path

import pytest
from conftest import skip_or_fail
from site_sample import sample_data, sample_settings

from newsdigest.settings import SearchSettings
from newsdigest.site import build_site
from newsdigest.site.search import index_site, pagefind_executable


def need_pagefind() -> None:
    if pagefind_executable() is None:
        skip_or_fail("the Pagefind binary is missing (pip install pagefind-bin)")
    try:
        import pagefind.index  # noqa: F401
    except ImportError:
        skip_or_fail("the pagefind package is missing (pip install pagefind)")


def indexed(site: Path) -> dict[str, dict]:
    """Every record in the written bundle, by URL (fragments are gzip with a `pagefind_dcd` signature)."""
    found = {}
    for fragment in (site / "pagefind" / "fragment").glob("*.pf_fragment"):
        raw = gzip.decompress(fragment.read_bytes())
        record = json.loads(raw[raw.index(b"{"):])
        found[record["url"]] = record
    return found


def page_count(site: Path) -> int:
    entry = json.loads((site / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
    return entry["languages"]["en"]["page_count"]


def built(tmp_path: Path, **changes: object) -> Path:
    settings = sample_settings(tmp_path, search=True, **changes)
    report = build_site(sample_data(), settings, tmp_path / "site")
    assert not [w for w in report.warnings if w.startswith("search")]
    return tmp_path / "site"


def test_every_article_and_story_page_is_a_record_with_its_body_text(tmp_path: Path) -> None:
    need_pagefind()
    site = built(tmp_path)
    pages = {"/" + p.relative_to(site).as_posix() for folder in ("articles", "stories")
             for p in (site / folder).glob("*/index.html")}
    records = indexed(site)
    assert set(records) == pages and page_count(site) == len(pages) == 10
    article = next(r for url, r in records.items() if url.startswith("/articles/") and "markera1" in r["content"])
    assert article["meta"]["title"] and article["meta"]["date"] == "2026-11-27"
    assert "Second paragraph, word markera1." in article["content"]     # the article's text, as on the page
    assert "[shown above]" not in article["content"]                      # ignored on the page, ignored here
    assert not (site / "pagefind" / "pagefind-ui.js").exists()


def test_window_days_leaves_older_pages_out(tmp_path: Path) -> None:
    need_pagefind()
    site = built(tmp_path, search_window=SearchSettings(days=7, max_pages=0))
    records = indexed(site)
    assert len(records) == 9                       # the month-old article is out; its page is still written
    assert all(r["meta"]["date"] >= "2026-11-20" for r in records.values())
    assert len(list((site / "articles").glob("*/index.html"))) == 8


def test_window_max_pages_keeps_the_newest(tmp_path: Path) -> None:
    need_pagefind()
    everything = indexed(built(tmp_path / "all"))
    site = built(tmp_path / "three", search_window=SearchSettings(days=0, max_pages=3))
    newest = sorted(everything.values(), key=lambda r: r["meta"]["date"], reverse=True)
    kept = indexed(site)
    assert page_count(site) == 3
    assert min(r["meta"]["date"] for r in kept.values()) >= newest[2]["meta"]["date"]


def test_missing_pagefind_package_is_one_warning(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    need_pagefind()
    monkeypatch.setitem(sys.modules, "pagefind.service", None)     # as on a machine with only pagefind-bin
    warning = index_site(tmp_path, sample_settings(tmp_path, search=True))
    assert warning is not None and warning.startswith("search: the pagefind package is not installed")
    assert not (tmp_path / "pagefind").exists()


def test_a_failing_binary_is_one_warning_and_the_build_goes_on(tmp_path: Path,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    need_pagefind()
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(tmp_path / "no-such-pagefind"))   # the API's own override
    settings = sample_settings(tmp_path, search=True)
    report = build_site(sample_data(), settings, tmp_path / "site")
    warnings = [w for w in report.warnings if w.startswith("search:")]
    assert len(warnings) == 1 and "\n" not in warnings[0] and "Pagefind failed" in warnings[0]
    assert (tmp_path / "site" / "search" / "index.html").is_file() and not (tmp_path / "site" / "pagefind").exists()
