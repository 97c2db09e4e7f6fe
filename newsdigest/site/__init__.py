"""Render stage: turn SiteData into a complete static site, written safely into the output folder."""
from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from newsdigest.model import SiteData
from newsdigest.settings import Settings, TopicSettings
from newsdigest.site import paths
from newsdigest.site.email import MoreStory, email_outputs, has_absolute_base
from newsdigest.site.feeds_out import BriefingLine, DayBriefing, briefing_feeds, render_feeds
from newsdigest.site.incremental import PageReuse
from newsdigest.site.pages import Page, RelatedFn, SiteModel, build_model, feed_links, plan_pages
from newsdigest.site.render import absolute_url, make_environment, render, render_and_write, theme_dirs
from newsdigest.site.search import in_window, index_site, records_from_pages
from newsdigest.site.write import OutputCollision, SiteReport, UnsafeOutput, open_site
from newsdigest.stories import RelatedIndex
from newsdigest.workers import chunked, executor, pool_workers, run_chunks

__all__ = ["OutputCollision", "SiteReport", "UnsafeOutput", "build_site"]

STYLESHEET = "assets/style.css"
# Readers can subscribe to the daily briefing alone (written by feeds_out.briefing_feeds).
BRIEFING_FEEDS = [
    {"type": "application/atom+xml", "title": "Daily briefing (Atom)", "path": "briefing.xml"},
    {"type": "application/rss+xml", "title": "Daily briefing (RSS)", "path": "briefing.rss"},
    {"type": "application/feed+json", "title": "Daily briefing (JSON Feed)", "path": "briefing.json"},
]
EXTRA_STYLESHEET = "assets/extra.css"     # the user's additions, linked after the theme's stylesheet


def build_site(data: SiteData, settings: Settings, output: Path, *, lock_held: bool = False,
               reuse: PageReuse | None = None) -> SiteReport:
    """Render every page, feed and asset into a temporary folder as it is made, then swap it in as `output`.

    `lock_held`: the caller (the pipeline) already holds the output folder's build lock.
    `reuse`: pages whose inputs are those of their file in the old site keep that file, not rendered.
    """
    build_time = data.build_time or datetime.fromtimestamp(0, timezone.utc)
    model = build_model(data, settings, build_time)
    related = related_finder(data)
    pages = plan_pages(data, settings, model, related)
    env = make_environment(settings)
    common = {**base_context(settings, model), "filter_rules": data.filter_counts}
    # Each page is written the moment it is rendered: memory does not grow with the number of pages.
    with open_site(output, lock_held=lock_held, lock_timeout=settings.limits.lock_timeout) as outputs:
        pooled: list[Page] = []        # pages only: their contexts are made again when rendered (memory)
        for page in pages:
            context = page_context(page, common, settings)
            # `reuse` (an incremental build): a page whose inputs are those of its file in the old site
            # keeps that file, linked into the new folder without being rendered, read or compared.
            if reuse is not None and reuse.unchanged(page.template, context):
                outputs.keep(page.path, f"page {page.kind}")
            elif page.kind == "article":
                pooled.append(page)
            else:
                outputs.add(page.path, render(env, page.template, context), f"page {page.kind}")
        # Article pages, nearly all of a site, are rendered in `build.workers` processes when enough of them
        # changed to pay for starting the pool (a rebuild usually has a few).
        workers = pool_workers(len(pooled), settings.build.workers)
        if workers > 1:
            work = [(outputs.claim(page.path, f"page {page.kind}"), page.template,
                     page_context(page, common, settings)) for page in pooled]
            with executor(workers) as pool:
                outputs.count(run_chunks(pool, render_and_write, chunked(work, workers), settings,
                                         outputs.tmp, outputs.output))
        else:
            for page in pooled:
                outputs.add(page.path, render(env, page.template, page_context(page, common, settings)),
                            f"page {page.kind}")
        for asset in sorted(theme_assets(settings)):
            outputs.add(asset, read_asset(settings, asset), "theme asset")
        loose_extra = user_extra_css(settings)
        if loose_extra is not None and EXTRA_STYLESHEET not in theme_assets(settings):
            outputs.add(EXTRA_STYLESHEET, loose_extra.read_bytes(), "extra.css from templates_dir")
        outputs.update(feed_outputs(data, settings, model, pages), "feeds")
        briefings = day_briefings(pages)
        outputs.update(briefing_feeds([b for b, _ in briefings], settings, build_time), "briefing feeds")
        if has_absolute_base(settings):     # a mail's links must be absolute: without a host there is no e-mail
            for briefing, more in briefings:
                outputs.update(email_outputs(env, settings, briefing, more), "briefing e-mail")
        return outputs.finish(pages=len(pages), before_swap=search_indexer(settings, pages, build_time))


def base_context(settings: Settings, model: SiteModel) -> dict[str, Any]:
    """What every template may use: the site, the navigation, the site feeds. Not the build time: only
    pages that show "now" carry it (pages.py), so the others stay the same from one build to the next."""
    return {
        "site": settings.site,
        "nav_topics": model.topics,
        "search_enabled": settings.search,
        "site_feeds": feed_links("") + BRIEFING_FEEDS,
        "topic_feeds": [],
        "stylesheet": STYLESHEET,
        "extra_stylesheet": EXTRA_STYLESHEET if has_extra_css(settings) else "",
        "paths": {"home": "", "editions": paths.EDITIONS_INDEX, "sources": paths.SOURCES_PAGE,
                  "search": paths.SEARCH_PAGE},
    }


def page_context(page: Page, common: dict[str, Any], settings: Settings) -> dict[str, Any]:
    folder = page.path.removesuffix("index.html")
    canonical = "" if page.kind == "404" else absolute_url(settings.site.base_url, folder)
    return {**common, **page.context, "page_path": page.path, "page_title": page.title,
            "page_kind": page.kind, "canonical": canonical}


def user_extra_css(settings: Settings) -> Path | None:
    """`extra.css` at the top of templates_dir (the documented place), if the user wrote one."""
    if settings.templates_dir and (Path(settings.templates_dir) / "extra.css").is_file():
        return Path(settings.templates_dir) / "extra.css"
    return None


def has_extra_css(settings: Settings) -> bool:
    """The hook: the user's extra.css, loose in templates_dir or under its assets/, is linked after style.css."""
    return user_extra_css(settings) is not None or EXTRA_STYLESHEET in theme_assets(settings)


def related_finder(data: SiteData) -> RelatedFn:
    """Related articles from the stories stage's index (ids only; pages look them up)."""
    index = RelatedIndex(data.analysed, data.stories)
    return lambda article_id: index.related(article_id, limit=5)


def day_briefings(pages: Sequence[Page]) -> list[tuple[DayBriefing, list[MoreStory]]]:
    """Each edition's briefing (from its page) with the edition's other stories, for the feeds and e-mails."""
    found = []
    for page in pages:
        if page.kind != "edition":
            continue
        raw = page.context["briefing"]
        lines = tuple(BriefingLine(line["text"], line["story"].path, line["story"].outlets, line["story"].reports)
                      for line in raw["lines"])
        shown = {line["story"].id for line in raw["lines"]}
        more = [MoreStory(s.headline, s.path) for s in page.context["stories"] if s.id not in shown and not s.not_news]
        found.append((DayBriefing(raw["day"], raw["moment"], raw["path"], lines), more))
    return found


def theme_assets(settings: Settings) -> set[str]:
    """Every file under assets/ in the default theme or the user's folder (the user's copy wins)."""
    found = set()
    for folder in theme_dirs(settings):
        assets = folder / "assets"
        if assets.is_dir():
            # Hidden files (.DS_Store, editor swap files) are not part of a theme.
            found |= {p.relative_to(folder).as_posix() for p in assets.rglob("*")
                      if p.is_file() and not any(part.startswith(".") for part in p.relative_to(folder).parts)}
    return found


def read_asset(settings: Settings, relative: str) -> bytes:
    for folder in theme_dirs(settings):
        if (folder / relative).is_file():
            return (folder / relative).read_bytes()
    raise FileNotFoundError(relative)


def feed_outputs(data: SiteData, settings: Settings, model: SiteModel, pages: Sequence[Page]) -> dict[str, bytes]:
    """Atom/RSS/JSON feeds, sitemap, robots.txt and OPML from the feeds module."""
    configured = {t.slug for t in settings.topics}
    topics = list(settings.topics) + [TopicSettings(t.name, t.slug) for t in model.topics if t.slug not in configured]
    return render_feeds(data, settings, topics, [p.path for p in pages])


def search_indexer(settings: Settings, pages: Sequence[Page], build_time: datetime) -> Any:
    """Index the finished temporary folder before the swap; returns warnings (search is optional).

    The index is built from the pages' data (records), not by crawling the written HTML.
    """
    if not settings.search:
        return None

    def index(folder: Path) -> list[str]:
        records = list(records_from_pages(in_window(pages, settings.search_window, build_time)))
        warning = index_site(folder, settings, records)
        return [warning] if warning else []

    return index
