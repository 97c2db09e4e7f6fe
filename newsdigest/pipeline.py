"""The build, stage by stage: collect → archive → analyse → group → render.

Everything is gathered in memory before the render stage writes anything, and
the writer swaps the finished site in at the end, so a failure at any stage
leaves the previous site untouched.
"""
from __future__ import annotations

import os
import time
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import datetime, timedelta, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

from newsdigest.analyse import analyse
from newsdigest.archive import Archive
from newsdigest.briefing.sponsored import screen
from newsdigest.model import Article, FeedFailure, SiteData
from newsdigest.progress import Reporter
from newsdigest.settings import Settings
from newsdigest.site import build_site
from newsdigest.sources.files import read_content
from newsdigest.sources.ingest import ingest_feeds
from newsdigest.stories import group_stories


@dataclass(frozen=True)
class BuildResult:
    articles: int
    topics: int
    pages: int
    feeds: int
    failures: tuple[FeedFailure, ...]
    warnings: tuple[str, ...]
    seconds: float
    output: Path


def build_time_from_env(environ: os._Environ[str] | dict[str, str] = os.environ) -> datetime:
    """SOURCE_DATE_EPOCH (the reproducible-builds convention) when set, else now; always UTC-aware."""
    epoch = environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return datetime.fromtimestamp(int(epoch), timezone.utc)
    return datetime.now(timezone.utc).replace(microsecond=0)


def run_build(settings: Settings, *, output: Path | None = None, offline: bool = False,
              reporter: Reporter | None = None, build_time: datetime | None = None) -> BuildResult:
    """Run every stage and write the site; raises only for failures that must stop the build."""
    started = time.perf_counter()
    report = reporter or Reporter(quiet=True)
    settings = replace(settings, output=(output or settings.output).resolve())
    tz = ZoneInfo(settings.site.timezone)
    build_time = build_time or build_time_from_env()
    # A reproducible build (SOURCE_DATE_EPOCH) pretends it runs at the build time, so feed states
    # and first-seen dates written now do not make two builds of the same inputs differ.
    now = build_time if os.environ.get("SOURCE_DATE_EPOCH", "").strip().isdigit() else datetime.now(timezone.utc)

    local = read_content(settings.content, settings.root, tz)
    for warning in local.warnings:
        report.warn(warning)
    with Archive.open(settings.archive.path) as archive:
        for warning in archive.warnings:
            report.warn(warning)
        report.stage("reading feeds", len(settings.feeds))
        ingest = ingest_feeds(settings.feeds, archive, settings.fetch, now=now, tz=tz, offline=offline,
                              progress=report.feed_done)
        for warning in ingest.warnings:
            report.warn(warning)
        for failure in ingest.failures:
            report.warn(f"feed `{failure.name}` ({failure.url}) skipped: {failure.reason}")
        if settings.archive.retention_days:
            archive.prune(now - timedelta(days=settings.archive.retention_days))
        articles = merge_local_and_archived(date_local(local.articles, archive, now), archive.articles())
        report.stage("analysing", len(articles))
        analysed = analyse(articles, settings, cache=archive, progress=report.step)
        feed_states = ingest.states     # configured feeds only: a feed removed from the config leaves the page
    screened = screen(analysed, drop=settings.digest.drop_sponsored)     # sponsored items: not news
    analysed = list(screened.news)
    report.stage("grouping stories")
    stories = group_stories(analysed, settings.stories, now=build_time)
    report.stage("writing site")
    data = SiteData(analysed=tuple(analysed), stories=tuple(stories), feed_states=feed_states, build_time=build_time,
                    not_news=screened.not_news)
    site = build_site(data, settings, settings.output)
    for warning in site.warnings:       # e.g. the search index could not be built
        report.warn(warning)
    topics = {m.slug for item in analysed for m in item.topics}
    return BuildResult(
        articles=len(analysed), topics=len(topics), pages=site.pages, feeds=len(settings.feeds),
        failures=ingest.failures, warnings=(*local.warnings, *ingest.warnings, *site.warnings),
        seconds=time.perf_counter() - started, output=settings.output,
    )


def date_local(local: Sequence[Article], archive: Archive, now: datetime) -> list[Article]:
    """Local files remember when the archive first saw them; one naming no date is dated by that sighting.

    A file's modification time is the time of the last clone or copy, not of the news in it.
    """
    seen = archive.first_seen_local([a.id for a in local], now)
    return [replace(a, first_seen=seen[a.id], published=a.published if a.dated else seen[a.id]) for a in local]


def merge_local_and_archived(local: Sequence[Article], archived: Sequence[Article]) -> list[Article]:
    """One record per id; a local file wins over a feed copy of the same URL (the user wrote it)."""
    by_id = {a.id: a for a in archived}
    by_id.update({a.id: a for a in local})
    return list(by_id.values())
