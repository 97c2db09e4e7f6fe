"""Read every configured feed into the archive; a broken feed is reported, never fatal."""
from __future__ import annotations

import hashlib
import html as htmllib
import logging
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime, tzinfo

from newsdigest.archive import Archive, ArchiveError
from newsdigest.model import Article, FeedFailure, FeedState, IngestReport
from newsdigest.settings import FeedSettings, FetchSettings, LimitSettings
from newsdigest.sources.addresses import AddressPolicy
from newsdigest.sources.encoding import declared_encoding
from newsdigest.sources.feeds import ParsedFeed, parse_feed
from newsdigest.sources.http import Fetcher, FetchError, FetchRequest, FetchResult, is_local

log = logging.getLogger(__name__)
META_CHARSET = re.compile(r"""<meta[^>]+charset=["']?([A-Za-z0-9._-]+)""", re.IGNORECASE)
Progress = Callable[[str], None]


@dataclass
class _Run:
    """What one ingest run has gathered so far (kept out of the public report until the end)."""

    archive: Archive
    now: datetime
    tz: tzinfo
    progress: Progress
    offline: bool = False
    limits: LimitSettings = field(default_factory=LimitSettings)
    failures: list[FeedFailure] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    new_articles: int = 0


def ingest_feeds(
    feeds: Sequence[FeedSettings], archive: Archive, fetch: FetchSettings, *, now: datetime, tz: tzinfo,
    offline: bool = False, progress: Progress | None = None, limits: LimitSettings | None = None,
    policy: AddressPolicy | None = None,
) -> IngestReport:
    """Fetch (or, offline, skip) each feed, parse it and store it; return failures, warnings and states.

    ArchiveError (a lock held too long, an unusable archive) stops the run: it is no feed's fault.
    `policy` is for tests only (the default refuses every non-public address to article links).
    """
    run = _Run(archive=archive, now=now, tz=tz, progress=progress or (lambda message: None), offline=offline,
               limits=limits or LimitSettings())
    unique = _unique_feeds(feeds, run)
    to_fetch = [f for f in unique if not offline or is_local(f.url)]
    if offline and len(to_fetch) < len(unique):
        run.warnings.append(f"offline: {len(unique) - len(to_fetch)} feed(s) not fetched; using the archive")
        for feed in unique:
            if feed not in to_fetch:
                run.progress(f"{feed.name}: offline, from the archive")
    by_url = {feed.url: feed for feed in to_fetch}
    requests = [_request(feed, archive.feed_state(feed.url), fetch) for feed in to_fetch]
    with Fetcher(fetch, policy=policy) as fetcher:
        for request, outcome in _in_config_order(requests, fetcher.fetch_many(requests)):
            feed = by_url[request.url]
            try:
                _store_outcome(run, feed, outcome, fetcher)
            except ArchiveError:
                raise
            except Exception as exc:  # one broken feed must never break the run
                log.exception("ingesting %s", feed.url)
                _fail(run, feed, f"internal error while storing ({type(exc).__name__})",
                      f"internal error while storing: {type(exc).__name__}: {exc}")
    return IngestReport(
        failures=tuple(sorted(run.failures, key=lambda f: (f.name, f.url))),
        warnings=tuple(run.warnings),
        new_articles=run.new_articles,
        states=tuple(archive.feed_state(f.url) or FeedState(url=f.url, name=f.name) for f in unique),
    )


def _in_config_order(requests: Sequence[FetchRequest], done: Iterable[tuple[FetchRequest, FetchResult | FetchError]]
                     ) -> Iterator[tuple[FetchRequest, FetchResult | FetchError]]:
    """Fetch outcomes in the config's feed order, each as soon as every feed before it is done.

    Fetches finish in any order; storing them in one fixed order makes everything that depends on order
    (the build-wide `limits.new_articles` budget, which copy of a shared URL is stored first) the same
    for the same inputs.
    """
    order = [request.url for request in requests]
    waiting: dict[str, tuple[FetchRequest, FetchResult | FetchError]] = {}
    position = 0
    for request, outcome in done:
        waiting[request.url] = (request, outcome)
        while position < len(order) and order[position] in waiting:
            yield waiting.pop(order[position])
            position += 1
    yield from waiting.values()     # only if a request URL repeated; the fetcher never does that


def _unique_feeds(feeds: Sequence[FeedSettings], run: _Run) -> list[FeedSettings]:
    """Each feed URL once: the config may list one twice by mistake."""
    seen: dict[str, FeedSettings] = {}
    for feed in feeds:
        if feed.url in seen:
            run.warnings.append(f"feed `{feed.name}` repeats the URL of `{seen[feed.url].name}`; read once")
            run.progress(f"{feed.name}: same URL as {seen[feed.url].name}")  # every configured feed ticks once
            continue
        seen[feed.url] = feed
    return list(seen.values())


def _request(feed: FeedSettings, state: FeedState | None, fetch: FetchSettings) -> FetchRequest:
    """Send the validators only when the last fetch succeeded (a failed parse must be retried in full)."""
    allow_private = fetch.allow_private if feed.allow_private is None else feed.allow_private
    if state is None or state.status not in ("ok", "not modified"):
        return FetchRequest(feed.url, allow_private=allow_private)
    return FetchRequest(feed.url, etag=state.etag, last_modified=state.last_modified, allow_private=allow_private)


def _store_outcome(run: _Run, feed: FeedSettings, outcome: FetchResult | FetchError, fetcher: Fetcher) -> None:
    if isinstance(outcome, FetchError):
        hint = "; if this feed really is on your own network, set `allow_private: true` on it in the config"
        _fail(run, feed, outcome.public, outcome.detail + (hint if outcome.private_refused else ""))
        return
    previous = run.archive.feed_state(feed.url) or FeedState(url=feed.url, name=feed.name)
    if outcome.moved_to:
        run.warnings.append(f"feed `{feed.name}` moved permanently to {outcome.moved_to}; update the config")
    if outcome.not_modified:
        run.archive.save_state(replace(
            previous, name=feed.name, status="not modified", last_attempt=run.now, last_success=run.now,
            last_error="", consecutive_failures=0,
        ))
        run.progress(f"{feed.name}: not modified")
        return
    digest = body_hash(run, feed, outcome)
    if previous.status in ("ok", "not modified") and previous.body_hash == digest:
        # A server without validators (or ignoring them) sent the very bytes parsed last time.
        run.archive.save_state(replace(
            previous, name=feed.name, etag=outcome.etag, last_modified=outcome.last_modified, status="not modified",
            last_attempt=run.now, last_success=run.now, last_error="", consecutive_failures=0,
        ))
        run.progress(f"{feed.name}: unchanged (same bytes as last time)")
        return
    parsed = parse_feed(outcome.data, feed=feed, fetched_at=run.now, tz=run.tz, content_type=outcome.content_type,
                        max_items=run.limits.items_per_feed)
    run.warnings.extend(f"feed `{feed.name}`: {warning}" for warning in parsed.warnings)
    if parsed.failure:
        _fail(run, feed, parsed.failure, parsed.failure_detail)
        return
    _store_parsed(run, feed, parsed, outcome, replace(previous, body_hash=digest), fetcher)


def body_hash(run: _Run, feed: FeedSettings, outcome: FetchResult) -> str:
    """The body with everything its parse and storage read (feed settings, zone, caps)."""
    what = repr((feed, str(run.tz), run.limits.items_per_feed, outcome.content_type, run.offline and feed.full_text))
    return hashlib.sha256(what.encode("utf-8") + b"\0" + outcome.data).hexdigest()


def _store_parsed(run: _Run, feed: FeedSettings, parsed: ParsedFeed, outcome: FetchResult,
                  previous: FeedState, fetcher: Fetcher) -> None:
    articles, deferred = _within_caps(run, feed, list(parsed.articles), max(parsed.items_in_feed,
                                                                             len(parsed.articles)))
    if feed.full_text and not run.offline:  # offline means no network at all, article pages included
        articles = _with_full_text(run, feed, articles, fetcher)
    # Items deferred by the build-wide cap must be read again: no validators, so no "not modified".
    etag, last_modified = ("", "") if deferred else (outcome.etag, outcome.last_modified)
    state = replace(
        previous, name=feed.name, etag=etag, last_modified=last_modified, status="ok",
        body_hash="" if deferred else previous.body_hash,
        last_attempt=run.now, last_success=run.now, last_error="", consecutive_failures=0, item_count=len(articles),
    )
    new = run.archive.save_feed(state, articles, now=run.now)
    run.new_articles += new
    run.progress(f"{feed.name}: {len(articles)} items, {new} new")


def _within_caps(run: _Run, feed: FeedSettings, articles: list[Article], in_feed: int) -> tuple[list[Article], bool]:
    """The newest `limits.items_per_feed` items, and no more new ones than the build has left
    (True when some new items were deferred to the next build).

    One feed of 100,000 items must not cost minutes, a gigabyte and every later build (parse_feed
    already cut it before sanitising; `in_feed` is how many the document had); items dropped for
    the build-wide cap are read again by the next build while the feed still has them.
    """
    cap = run.limits.items_per_feed
    if in_feed > cap:
        run.warnings.append(f"feed `{feed.name}`: {in_feed:,} items, only the newest {cap:,} kept "
                            "(limits.items_per_feed)")
    if len(articles) > cap:
        ranked = sorted(range(len(articles)), key=lambda i: (articles[i].published, -i), reverse=True)
        articles = [articles[i] for i in sorted(ranked[:cap])]   # newest, in the feed's own order
    budget = run.limits.new_articles - run.new_articles
    known = run.archive.known_ids([a.id for a in articles])
    fresh = [a for a in articles if a.id not in known]
    if len(fresh) <= budget:
        return articles, False
    newest = sorted(fresh, key=lambda a: a.published, reverse=True)[:max(budget, 0)]
    run.warnings.append(f"feed `{feed.name}`: {len(fresh) - len(newest):,} new item(s) not stored this build: "
                        f"the limit of {run.limits.new_articles:,} new articles per build (limits.new_articles) "
                        "was reached; they are read on the next build")
    keep = {a.id for a in newest} | known
    return [a for a in articles if a.id in keep], True


def _fail(run: _Run, feed: FeedSettings, reason: str, detail: str = "") -> None:
    """Record the failure in the report and in the feed's state; its archived articles stay.

    `reason` goes into the feed state, which the sources page shows, so it names the kind of
    failure only; `detail` (URLs, addresses, response bytes) is the report's line for the build log."""
    previous = run.archive.feed_state(feed.url) or FeedState(url=feed.url, name=feed.name)
    run.archive.save_state(replace(
        previous, name=feed.name, status="failed", last_attempt=run.now, last_error=reason,
        consecutive_failures=previous.consecutive_failures + 1,
    ))
    run.failures.append(FeedFailure(name=feed.name, url=feed.url, reason=detail or reason))
    run.progress(f"{feed.name}: failed — {reason}")


def _with_full_text(run: _Run, feed: FeedSettings, articles: list[Article], fetcher: Fetcher) -> list[Article]:
    """Replace the feed's text by the page's main text for articles not yet archived (same fetch limits)."""
    try:
        from newsdigest.sources.fulltext import FullTextUnavailable, extract_main_text
    except ImportError as exc:
        run.warnings.append(f"feed `{feed.name}` wants full_text but extraction is unavailable ({exc})")
        return articles
    known = run.archive.known_ids([a.id for a in articles])
    wanted = [FetchRequest(a.url) for a in articles if a.url and a.id not in known]
    texts: dict[str, str] = {}
    for request, outcome in fetcher.fetch_many(wanted):
        if isinstance(outcome, FetchError):
            run.warnings.append(f"feed `{feed.name}`: full text of {request.url} not fetched: {outcome.detail}")
            continue
        try:
            texts[request.url] = extract_main_text(decode_page(outcome.data, outcome.content_type), request.url)
        except FullTextUnavailable as exc:
            run.warnings.append(f"feed `{feed.name}` wants full_text but {exc}; using the feed's text")
            break
    return [_replace_text(a, texts.get(a.url, "")) for a in articles]


def _replace_text(article: Article, text: str) -> Article:
    """The page's text wins when it is longer than what the feed carried."""
    if len(text) <= len(article.text):
        return article
    paragraphs = [p for p in text.split("\n\n") if p.strip()]
    if paragraphs and paragraphs[0].strip().casefold() == article.title.strip().casefold():
        paragraphs = paragraphs[1:]  # the page repeats its headline above the body
    html = "".join(f"<p>{htmllib.escape(p)}</p>" for p in paragraphs)
    return replace(article, text="\n\n".join(paragraphs), html=html)


def decode_page(data: bytes, content_type: str = "") -> str:
    """HTML bytes to text: the declared charset, else UTF-8, else windows-1252 (never raises)."""
    declared = declared_encoding(data, content_type) or _meta_charset(data)
    for encoding in (declared, "utf-8"):
        if not encoding:
            continue
        try:
            return data.decode(encoding)
        except (LookupError, UnicodeDecodeError):
            continue
    return data.decode("windows-1252", errors="replace")


def _meta_charset(data: bytes) -> str:
    head = data[:4096].decode("ascii", errors="ignore")
    found = META_CHARSET.search(head)
    return found.group(1).lower() if found else ""
