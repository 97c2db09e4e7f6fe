"""The build, stage by stage: collect → archive → analyse → group → render.

Everything is gathered in memory before the render stage writes anything, and
the writer swaps the finished site in at the end, so a failure at any stage
leaves the previous site untouched.
"""
from __future__ import annotations

import hashlib
import os
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import datetime, timedelta, timezone, tzinfo
from pathlib import Path
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from newsdigest.analyse import analyse
from newsdigest.archive import Archive
from newsdigest.briefing.sponsored import screen
from newsdigest.filters import apply_filters
from newsdigest.model import Analysed, Article, FeedFailure, SiteData
from newsdigest.progress import Reporter
from newsdigest.settings import Settings
from newsdigest.site import build_site
from newsdigest.site.incremental import (
    PACKAGE,
    PageReuse,
    code_and_theme,
    files_hash,
    last_site,
    remember_site,
    site_signature,
)
from newsdigest.site.write import build_lock, output_lock_path, recover_output
from newsdigest.sources.files import read_content
from newsdigest.sources.ingest import ingest_feeds
from newsdigest.stories import group_stories

Warn = Callable[[str], None]


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
    files_parsed: int = 0       # local files parsed this build (the others were unchanged)
    files_reused: int = 0
    files_written: int = 0      # site files whose bytes are new or changed
    site_files: int = 0
    site_bytes: int = 0
    up_to_date: bool = False    # every input was as the last build's: the site was left as it was
    pages_reused: int = 0       # pages read back from the old site: their inputs were unchanged


def build_time_from_env(environ: os._Environ[str] | dict[str, str] = os.environ) -> datetime:
    """SOURCE_DATE_EPOCH (the reproducible-builds convention) when set, else now; always UTC-aware."""
    epoch = environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return datetime.fromtimestamp(int(epoch), timezone.utc)
    return datetime.now(timezone.utc).replace(microsecond=0)


def run_build(settings: Settings, *, output: Path | None = None, offline: bool = False,
              reporter: Reporter | None = None, build_time: datetime | None = None) -> BuildResult:
    """Run every stage and write the site; raises only for failures that must stop the build.

    One build at a time per archive and per output folder: the second waits up to
    `limits.lock_timeout` seconds, then raises BuildLocked with a clear message.
    """
    settings = replace(settings, output=(output or settings.output).resolve())
    locks = [settings.archive.path.with_name(settings.archive.path.name + ".lock"), output_lock_path(settings.output)]
    with build_lock(locks, settings.limits.lock_timeout):
        return _run_locked(settings, offline, reporter or Reporter(quiet=True), build_time)


def _run_locked(settings: Settings, offline: bool, report: Reporter, build_time: datetime | None) -> BuildResult:
    started = time.perf_counter()
    warnings: list[str] = []

    def warn(message: str) -> None:
        warnings.append(message)
        report.warn(message)

    for message in recover_output(settings.output):     # what a killed build left behind goes first
        warn(message)
    tz = ZoneInfo(settings.site.timezone)
    given_time = build_time
    build_time = build_time or build_time_from_env()
    # A reproducible build (SOURCE_DATE_EPOCH) pretends it runs at the build time, so feed states
    # and first-seen dates written now do not make two builds of the same inputs differ.
    reproducible = os.environ.get("SOURCE_DATE_EPOCH", "").strip().isdigit()
    now = build_time if reproducible else datetime.now(timezone.utc)
    # A fixed build time is an exact input of the site's bytes, else only its day (site/incremental.py).
    fixed_clock = reproducible or given_time is not None
    limits = settings.limits

    for message in hosting_warnings(settings):
        warn(message)
    with Archive.open(settings.archive.path, years=limits.years, lock_timeout=limits.lock_timeout) as archive:
        local = read_content(settings.content, settings.root, tz, max_bytes=limits.file_bytes, years=limits.years,
                             store=archive)     # unchanged files come back from the archive unparsed
        for message in local.warnings:
            warn(message)
        report.stage("reading feeds", len(settings.feeds))
        ingest = ingest_feeds(settings.feeds, archive, settings.fetch, now=now, tz=tz, offline=offline,
                              progress=report.feed_done, limits=limits)
        for message in ingest.warnings:
            warn(message)
        for failure in ingest.failures:
            report.warn(f"feed `{failure.name}` ({failure.url}) skipped: {failure.reason}")
        if settings.archive.retention_days:
            archive.prune(now - timedelta(days=settings.archive.retention_days))
        articles = merge_local_and_archived(date_local(local.articles, archive, now), archive.articles())
        for message in archive.warnings:        # corrupt file moved aside, items not stored, records skipped
            warn(message)
        articles = renderable(articles, tz, warn)
        # Filters hide, never delete: the archive keeps everything, so a changed rule shows at the next build.
        filtered = apply_filters(articles, settings.filters, settings.feeds)
        if filtered.hidden:
            report.info(f"filters hid {filtered.hidden} of {len(articles)} articles")
        articles = list(filtered.kept)
        shared = code_and_theme(settings)
        signature = site_signature(articles, ingest.states, filtered.counts, settings, build_time,
                                   fixed_clock=fixed_clock, shared=shared)
        last = last_site(archive, settings.output)
        kept = last[1] if last is not None and last[0] == signature else None
        if kept is not None:        # nothing the site depends on changed: no analysis, no pages, no writes
            report.info("site up to date")
            return BuildResult(articles=kept.articles, topics=kept.topics, pages=kept.pages, feeds=len(settings.feeds),
                               failures=ingest.failures, warnings=tuple(warnings),
                               seconds=time.perf_counter() - started, output=settings.output,
                               files_parsed=local.parsed, files_reused=local.reused,
                               site_files=kept.site_files, site_bytes=kept.site_bytes, up_to_date=True)
        archive.forget_site_build(settings.output)     # until this build has swapped its site in
        # Only the pages that show "now" carry the build time (site/pages.py), so the others' signatures
        # repeat from one build to the next, whatever the clock says.
        reuse = PageReuse(settings.output, last[1].page_signatures if last is not None else {}, shared)
        report.stage("analysing", len(articles))
        analysed = analyse_isolated(articles, settings, archive, report.step, warn, code=topics_code(settings))
        feed_states = ingest.states     # configured feeds only: a feed removed from the config leaves the page
    screened = screen(analysed, drop=settings.digest.drop_sponsored)     # sponsored items: not news
    analysed = list(screened.news)
    report.stage("grouping stories")
    stories = group_stories(analysed, settings.stories, now=build_time)
    report.stage("writing site")
    data = SiteData(analysed=tuple(analysed), stories=tuple(stories), feed_states=feed_states, build_time=build_time,
                    not_news=screened.not_news, filter_counts=filtered.counts)
    site = build_site(data, settings, settings.output, lock_held=True, reuse=reuse)
    for message in site.warnings:       # e.g. the search index could not be built
        warn(message)
    topics = {m.slug for item in analysed for m in item.topics}
    with Archive.open(settings.archive.path, years=limits.years, lock_timeout=limits.lock_timeout,
                      check=False) as archive:     # checked at the start of this build
        remember_site(archive, settings.output, signature, articles=len(analysed), topics=len(topics),
                      pages=site.pages, site_files=site.site_files, site_bytes=site.site_bytes,
                      page_signatures=reuse.signatures)
    return BuildResult(
        articles=len(analysed), topics=len(topics), pages=site.pages, feeds=len(settings.feeds),
        failures=ingest.failures, warnings=tuple(warnings),
        seconds=time.perf_counter() - started, output=settings.output,
        files_parsed=local.parsed, files_reused=local.reused,
        files_written=site.files_written, site_files=site.site_files, site_bytes=site.site_bytes,
        pages_reused=reuse.reused,
    )


def date_local(local: Sequence[Article], archive: Archive, now: datetime) -> list[Article]:
    """Local files remember when the archive first saw them; one naming no date is dated by that sighting.

    A file's modification time is the time of the last clone or copy, not of the news in it.
    """
    seen = archive.first_seen_local([a.id for a in local], now)
    return [replace(a, first_seen=seen[a.id], published=a.published if a.dated else seen[a.id]) for a in local]


def hosting_warnings(settings: Settings) -> list[str]:
    """Sitemaps and feeds must carry absolute URLs (sitemaps.org, RFC 4287), which need a scheme and a host."""
    parts = urlsplit(settings.site.base_url or "/")
    if parts.scheme in ("http", "https") and parts.netloc:
        return []
    return [(f"site.base_url is `{settings.site.base_url}`: sitemap.xml and the Atom/RSS/JSON feeds need absolute "
             "URLs; set it to the public address (e.g. https://example.org/news/) before you publish")]


def merge_local_and_archived(local: Sequence[Article], archived: Sequence[Article]) -> list[Article]:
    """One record per id; a local file wins over a feed copy of the same URL (the user wrote it)."""
    by_id = {a.id: a for a in archived}
    by_id.update({a.id: a for a in local})
    return list(by_id.values())


def renderable(articles: Sequence[Article], tz: tzinfo, warn: Warn) -> list[Article]:
    """Articles every later stage can handle; any other one is skipped with a warning naming it.

    Defensive on the way out (records stored by older versions): its date must convert to the
    site's zone, and its text must be encodable (a lone surrogate cannot be written as UTF-8).
    """
    kept = []
    for article in articles:
        problem = _unrenderable(article, tz)
        if problem:
            warn(f"{_origin(article)}: item {_name(article)} skipped: {problem}")
        else:
            kept.append(article)
    return kept


def _unrenderable(article: Article, tz: tzinfo) -> str:
    try:
        article.published.astimezone(tz)
        for value in (article.title, article.text, article.html, article.summary, article.url, *article.key_points):
            value.encode("utf-8")
    except (OverflowError, ValueError, UnicodeEncodeError, AttributeError, TypeError) as exc:
        return f"{type(exc).__name__}: {str(exc)[:120]}"
    return ""


def topics_code(settings: Settings) -> str:
    """What every article's topic matches depend on besides the article: the code, the topics and their rules
    (not the whole config: adding a feed must not match every stored article again)."""
    return hashlib.sha256("\0".join([files_hash([PACKAGE], suffixes=(".py",)), repr(settings.topics),
                                      repr(settings.topic_rules)]).encode("utf-8", "surrogatepass")).hexdigest()


def analyse_isolated(articles: Sequence[Article], settings: Settings, cache: Archive,
                     progress: Callable[[int], None], warn: Warn, code: str = "") -> list[Analysed]:
    """analyse(), but an article whose analysis raises is skipped with a warning, not the build.

    The whole batch runs at full speed; only when it fails is it halved until the failing
    articles are found (about log2(n) extra runs per bad article, with the extraction cache).
    When most articles fail, that is a bug rather than bad input: the build stops instead of
    swapping in a site with no articles.
    """
    try:
        return analyse(articles, settings, cache=cache, progress=progress, code=code)
    except Exception:  # noqa: BLE001 — narrowed down below, then reported per article
        failed: list[tuple[Article, Exception]] = []
        kept = _bisect(list(articles), settings, cache, failed, limit=max(1, len(articles) // 2))
    for article, exc in failed:
        warn(f"{_origin(article)}: item {_name(article)} skipped: analysis failed "
             f"({type(exc).__name__}: {str(exc)[:120]})")
    return sorted(kept, key=lambda item: (item.article.published, item.article.id), reverse=True)


def _bisect(articles: list[Article], settings: Settings, cache: Archive,
            failed: list[tuple[Article, Exception]], limit: int) -> list[Analysed]:
    try:
        return analyse(articles, settings, cache=cache)
    except Exception as exc:  # one article's failure is isolated; too many re-raise
        if len(articles) > 1:
            middle = len(articles) // 2
            return [*_bisect(articles[:middle], settings, cache, failed, limit),
                    *_bisect(articles[middle:], settings, cache, failed, limit)]
        failed.append((articles[0], exc))
        if len(failed) > limit:
            raise RuntimeError(f"analysis failed for more than {limit} articles (first: {_name(failed[0][0])}: "
                               f"{type(failed[0][1]).__name__}: {failed[0][1]}); this is a bug, not bad input"
                               ) from exc
        return []


def _origin(article: Article) -> str:
    """Where an article came from, for a warning: its feed or its file."""
    if article.feed:
        return f"feed {article.source or article.feed!r} ({article.feed})"
    return article.path or "local file"


def _name(article: Article) -> str:
    name = article.title or article.url or article.id
    return repr(name[:80] + ("…" if len(name) > 80 else ""))
