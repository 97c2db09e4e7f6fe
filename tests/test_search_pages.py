"""`digest.article_pages` applied: older articles keep no page, stay listed, and link to their original."""
from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path
from urllib.parse import urlsplit

from site_sample import SPORT, analysed, sample_data, sample_settings

from newsdigest.settings import DigestSettings
from newsdigest.site import build_site
from newsdigest.site.page_cap import kept_articles

EXTRA = 120     # more than a feed lists (50), so the bound can bite


def many(tmp_path: Path, limit: int) -> tuple[Path, object, object]:
    data = sample_data()
    extras = tuple(analysed(f"x{i:03d}", f"Match report number {i}", 100 + i, "Sport Desk", (SPORT,))
                   for i in range(EXTRA))
    data = replace(data, analysed=data.analysed + extras)
    settings = sample_settings(tmp_path, digest=DigestSettings(per_page=20, front_page_days=2, article_pages=limit))
    report = build_site(data, settings, tmp_path / "site")
    return tmp_path / "site", data, report


def test_article_pages_bounds_the_pages_written(tmp_path: Path) -> None:
    site, data, report = many(tmp_path / "capped", 60)
    kept = kept_articles(data.analysed, 60)
    written = list((site / "articles").glob("*/index.html"))
    assert len(written) == len(kept) < len(data.analysed)
    assert 60 <= len(kept) <= 60 + 8              # the newest 60, and what a feed lists (here: one old article)
    full, _, full_report = many(tmp_path / "full", 0)
    assert len(list((full / "articles").glob("*/index.html"))) == len(data.analysed)
    assert full_report.pages - report.pages == len(data.analysed) - len(kept)


def test_older_articles_stay_listed_with_their_original_link(tmp_path: Path) -> None:
    site, data, _ = many(tmp_path, 60)
    kept = kept_articles(data.analysed, 60)
    dropped = [a for a in data.analysed if a.article.id not in kept]
    listed = "".join(p.read_text(encoding="utf-8") for p in site.glob("editions/*/index.html"))
    assert dropped and all(f'href="{a.article.url}"' in listed for a in dropped)


def test_no_link_points_at_a_missing_page(tmp_path: Path) -> None:
    site, _, _ = many(tmp_path, 60)
    missing = set()
    for page in site.rglob("*.html"):
        for href in re.findall(r'href="([^"]+)"', page.read_text(encoding="utf-8")):
            parts = urlsplit(href)
            if parts.scheme or href.startswith(("#", "/")):
                continue
            target = (page.parent / parts.path).resolve()
            if not target.exists():
                missing.add((page.relative_to(site).as_posix(), href))
    assert missing == set()


def test_article_pages_carry_only_linked_sentence_ids(tmp_path: Path) -> None:
    site, _, _ = many(tmp_path, 0)
    pages = list((site / "articles").glob("*/index.html"))
    assert pages
    for page in pages:
        html = page.read_text(encoding="utf-8")
        links = set(re.findall(r'href="#([^"]+)"', html))
        ids = set(re.findall(r'id="([^"]+)"', html))
        assert links <= ids, page                                   # every in-page link has its target
        wrapped = set(re.findall(r'<span class="sentence" id="([^"]+)"', html))
        assert wrapped <= links, page                               # and no sentence id is there unlinked
