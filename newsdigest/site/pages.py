"""Which pages the site has and what each one shows, as plain data (no rendering here)."""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from newsdigest.briefing.outlets import outlet_map
from newsdigest.briefing.rank import Importance, rank_stories
from newsdigest.briefing.select import choose_briefing
from newsdigest.model import Analysed, FeedState, NotNews, SiteData, Story
from newsdigest.settings import Settings
from newsdigest.site import paths
from newsdigest.site.chart import daily_chart
from newsdigest.site.page_cap import cap_article_pages
from newsdigest.site.render import local, plural, site_zone, time_ago
from newsdigest.site.views import (
    ArticleView,
    StoryView,
    TopicView,
    article_view,
    complete_stories,
    newest_first,
    story_views,
    topics_to_render,
)

TOP_STORIES = 6            # stories in the home page's lead section: two full rows of three on a desktop
TOPIC_SECTION_STORIES = 4  # newest stories per topic section on the home page
RELATED_LIMIT = 5

RelatedFn = Callable[[str], Sequence[str]]


@dataclass(frozen=True)
class Page:
    """One HTML page: output file, template, and the data it shows."""

    path: str                  # output file relative to the site root, e.g. "topics/tech/index.html"
    template: str
    title: str
    kind: str                  # home, topic, article, story, edition, editions, sources, search, 404
    context: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class SiteModel:
    """Views shared by every page, built once."""

    build_time: datetime
    zone: ZoneInfo
    topics: tuple[TopicView, ...]
    articles: Mapping[str, ArticleView]
    stories: tuple[StoryView, ...]          # the stories stage's order (pages re-rank by importance)
    records: Mapping[str, Story] = field(default_factory=dict)       # story id → Story
    items: Mapping[str, Analysed] = field(default_factory=dict)      # article id → Analysed
    outlets: Mapping[str, frozenset[str]] = field(default_factory=dict)   # article id → outlets carrying it
    not_news: tuple[NotNews, ...] = ()


def page_file(folder: str) -> str:
    """paths.py gives folders ("topics/x/"); pages are written as their index.html."""
    return folder if folder.endswith(".html") else folder + "index.html"


def build_model(data: SiteData, settings: Settings, build_time: datetime) -> SiteModel:
    """Article and story views for the whole site; article ids link to their story pages."""
    topics = topics_to_render(settings, data.analysed)
    topic_pages = {t.slug: t.path for t in topics}
    stories = complete_stories(data.stories, data.analysed)
    # One view per article: the story page it links to depends only on the story's membership.
    story_of = {member: paths.story_path(story) for story in stories if len(story.members) > 1
                for member in story.members}
    articles = {a.id: article_view(a, topic_pages, story_of.get(a.id, "")) for a in data.analysed}
    articles = cap_article_pages(articles, data.analysed, settings.digest.article_pages)
    items = {a.id: a for a in data.analysed}
    outlets = outlet_map([a.article for a in data.analysed])
    flagged = frozenset(d.article_id for d in data.not_news)
    views = story_views(stories, articles, items, outlets, flagged)
    return SiteModel(build_time, site_zone(settings), topics, articles, views, {s.id: s for s in stories}, items,
                     outlets, data.not_news)


def plan_pages(data: SiteData, settings: Settings, model: SiteModel, related: RelatedFn) -> list[Page]:
    """Every page of the site, in a stable order."""
    pages = [home_page(settings, model)]
    for topic in model.topics:
        pages.extend(topic_pages(settings, model, topic))
    pages.extend(story_pages(model))
    pages.extend(article_pages(model, related))
    pages.extend(edition_pages(model))
    pages.append(sources_page(data.feed_states, settings, model))
    if settings.search:
        pages.append(Page(page_file(paths.SEARCH_PAGE), "search.html", "Search", "search"))
    pages.append(Page(paths.NOT_FOUND_PAGE, "404.html", "Page not found", "404", {"absolute_links": True}))
    return pages


def day_of(when: datetime, zone: ZoneInfo) -> date:
    return local(when, zone).date()


def top_count(available: int) -> int:
    """Six cards fill two rows of three (or three of two); with four or five, three fill one row: no
    lone card beside an empty column. Fewer than three stretch across (the grid collapses empty tracks)."""
    return TOP_STORIES if available >= TOP_STORIES else min(available, 3)


def ranked(model: SiteModel, stories: Sequence[StoryView], edition_time: datetime) -> list[tuple[StoryView, Importance]]:
    """Stories by importance (briefing/rank.py) as of `edition_time`, most important first."""
    by_id = {s.id: s for s in stories}
    order = rank_stories([model.records[s.id] for s in stories], model.items, model.outlets, edition_time, model.zone)
    return [(by_id[story.id], rank) for story, rank in order]


def news_only(pairs: Sequence[tuple[StoryView, Importance]]) -> list[tuple[StoryView, Importance]]:
    """Sponsored and promotional stories never reach the top or the briefing."""
    return [(s, r) for s, r in pairs if not s.not_news]


def stories_by_report_day(model: SiteModel) -> dict[date, list[StoryView]]:
    """Day → the stories with a report that day (one pass: a year of editions stays one scan)."""
    found: dict[date, list[StoryView]] = defaultdict(list)
    for story in model.stories:
        for day in sorted({day_of(m.published, model.zone) for m in story.members}):
            found[day].append(story)
    return found


def briefing_for(model: SiteModel, stories: Sequence[StoryView], day: date, edition_time: datetime) -> dict[str, Any]:
    """The day's briefing (briefing/select.py) from the stories with a report that day: five lines, each
    with its story's link and outlet count."""
    order = news_only(ranked(model, stories, edition_time))
    by_id = {s.id: s for s, _ in order}
    lines = choose_briefing(((model.records[s.id], r) for s, r in order), model.items,
                            headline=lambda story: by_id[story.id].headline)
    return {
        "day": day,
        "moment": edition_time,
        "path": paths.edition_path(day),
        "lines": [{"text": line.text, "story": by_id[line.story_id], "rank": line.importance,
                   "from_headline": line.from_headline} for line in lines],
    }


def edition_time_of(day: date, model: SiteModel) -> datetime:
    """An edition's moment: the end of its day, or the build time for today's."""
    end = datetime.combine(day + timedelta(days=1), datetime.min.time(), model.zone) - timedelta(seconds=1)
    return min(end, model.build_time)


def briefing_day(model: SiteModel, by_day: Mapping[date, Sequence[StoryView]]) -> date:
    """Today, or the newest day with reports when nothing came in today (an old archive)."""
    today = day_of(model.build_time, model.zone)
    days = [d for d in by_day if d <= today]
    return today if today in by_day or not days else max(days)


def home_page(settings: Settings, model: SiteModel) -> Page:
    """Today's edition: the briefing, the most important recent stories, then each topic's newest."""
    since = model.build_time - timedelta(days=max(1, settings.digest.front_page_days))
    recent = [s for s in model.stories if s.updated >= since]
    # Old archives still get a front page: fall back to the best stories overall.
    order = news_only(ranked(model, recent or list(model.stories), model.build_time))
    top = [s for s, _ in order[:top_count(len(order))]]
    ranks = {s.id: r for s, r in order}
    by_day = stories_by_report_day(model)
    day = briefing_day(model, by_day)
    # Each topic's latest stories, even when one is also a top story: readers scan by topic.
    sections = []
    for topic in model.topics:
        in_topic = [s for s in newest_first(model.stories) if topic.slug in s.topic_slugs]
        if in_topic:
            sections.append({"topic": topic, "stories": in_topic[:TOPIC_SECTION_STORIES], "total": len(in_topic)})
    context = {"build_time": model.build_time, "top_stories": top, "sections": sections,
               "today": day_of(model.build_time, model.zone),
               "briefing": briefing_for(model, by_day.get(day, []), day, edition_time_of(day, model)), "ranks": ranks}
    return Page("index.html", "index.html", settings.site.title, "home", context)


def topic_pages(settings: Settings, model: SiteModel, topic: TopicView) -> list[Page]:
    """A topic's newest `per_page` stories at its address, with the 14-day chart, then its older stories
    on archive pages numbered from the oldest end: page 1 holds the topic's first stories and a new story
    changes only the topic's address and its newest archive page, so every other page keeps its file."""
    stories = [s for s in newest_first(model.stories) if topic.slug in s.topic_slugs]
    per_page = max(1, settings.digest.per_page)
    older = stories[per_page:][::-1]        # oldest first: archive page N is the N-th chunk of per_page
    chunks = [older[start:start + per_page][::-1] for start in range(0, len(older), per_page)]
    days = [day_of(a.published, model.zone) for a in model.articles.values() if topic.slug in a.topic_slugs]
    front = {"topic": topic, "stories": stories[:per_page], "topic_feeds": topic_feeds(topic),
             "chart": daily_chart(days, day_of(model.build_time, model.zone)),
             "pagination": pagination(topic.slug, 0, len(chunks)), "story_count": len(stories)}
    pages = [Page(page_file(topic.path), "topic.html", topic.name, "topic", front)]
    for number, chunk in enumerate(chunks, start=1):
        # No chart and no total on an archive page: both change with every new story.
        context = {"topic": topic, "stories": chunk, "topic_feeds": topic_feeds(topic), "chart": None,
                   "pagination": pagination(topic.slug, number, len(chunks)), "story_count": None}
        pages.append(Page(page_file(paths.topic_path(topic.slug, number)), "topic.html",
                          f"{topic.name} — page {number}", "topic", context))
    return pages


def topic_feeds(topic: TopicView) -> list[dict[str, str]]:
    """Alternate links for a topic's feeds (written by feeds_out at the same folder)."""
    return feed_links(topic.path, f"{topic.name} — ")


def feed_links(folder: str, prefix: str = "") -> list[dict[str, str]]:
    return [
        {"type": "application/atom+xml", "title": f"{prefix}Atom", "path": f"{folder}feed.xml"},
        {"type": "application/rss+xml", "title": f"{prefix}RSS", "path": f"{folder}rss.xml"},
        {"type": "application/feed+json", "title": f"{prefix}JSON Feed", "path": f"{folder}feed.json"},
    ]


def pagination(slug: str, number: int, count: int) -> dict[str, Any]:
    """Links between a topic's address (`number` 0, the newest stories) and its `count` archive pages
    (1 = the oldest). Listed newest first, like the stories: "Latest", then archive pages counting down."""
    latest = paths.topic_path(slug)

    def link(page: int) -> str:
        return paths.topic_path(slug, page) if page else latest

    newer = (number + 1 if number < count else 0) if number else -1
    older = (count if number == 0 else number - 1) or -1
    return {
        "number": number,
        "count": count,
        "previous": link(newer) if newer >= 0 else "",
        "next": link(older) if older > 0 else "",
        "pages": [{"label": label, "path": link(page) if page >= 0 else "", "current": page == number}
                  for page, label in page_window(number, count)],
    }


def page_window(number: int, count: int, around: int = 2) -> list[tuple[int, str]]:
    """(page, label) to link, newest first: "Latest", the archive pages near this one and the oldest;
    -1 marks a gap (…). Near an archive page the window never reaches for the newest archive page, so a
    new archive page changes only the few pages just below it."""
    centre = number or count + 1
    low, high = max(1, centre - around), min(count, centre + around)
    shown: list[tuple[int, str]] = [(0, "Latest")]
    if high < count:
        shown.append((-1, "…"))
    shown += [(page, str(page)) for page in range(high, low - 1, -1)]
    if low > 2:
        shown.append((-1, "…"))
    if low > 1:
        shown.append((1, "1"))
    return shown


def story_pages(model: SiteModel) -> list[Page]:
    """Every outlet's take on one event; only stories with more than one article get a page."""
    by_slug = {t.slug: t for t in model.topics}
    return [
        Page(page_file(story.path), "story.html", story.headline, "story",
             {"story": story, "story_topics": [by_slug[s] for s in story.topic_slugs if s in by_slug]})
        for story in model.stories
        if story.multi
    ]


def article_pages(model: SiteModel, related: RelatedFn) -> list[Page]:
    pages = []
    for article in sorted(model.articles.values(), key=lambda a: a.id):
        if paths.is_external(article.path):     # beyond digest.article_pages: listed, linked to its original
            continue
        linked = [model.articles[i] for i in related(article.id) if i in model.articles and i != article.id]
        # Only the page's own view carries the record its text is made from (see ArticleView.item).
        context = {"article": replace(article, item=model.items[article.id]), "related": linked[:RELATED_LIMIT]}
        pages.append(Page(page_file(article.path), "article.html", article.headline, "article", context))
    return pages


def edition_pages(model: SiteModel) -> list[Page]:
    """A permanent page per day (stories by the day they were first reported) and the archive index."""
    by_day: dict[date, list[StoryView]] = defaultdict(list)
    for story in model.stories:
        by_day[day_of(story.first_published, model.zone)].append(story)
    days = sorted(by_day, reverse=True)
    reported = stories_by_report_day(model)
    pages = []
    for index, day in enumerate(days):
        # Within a day, the events most outlets covered come first (the importance rule, as of that day).
        moment = edition_time_of(day, model)
        order = ranked(model, by_day[day], moment)
        stories = [s for s, _ in order]
        context = {
            "day": day,
            "stories": stories,
            "ranks": {s.id: r for s, r in order},
            "briefing": briefing_for(model, reported.get(day, []), day, moment),
            "article_count": sum(len(s.members) for s in stories),
            "newer": paths.edition_path(days[index - 1]) if index > 0 else "",
            "older": paths.edition_path(days[index + 1]) if index + 1 < len(days) else "",
        }
        if moment == model.build_time:      # today's edition, still filling: it shows "now"
            context["build_time"] = model.build_time
        title = f"Edition of {day.strftime('%-d %B %Y')}"
        pages.append(Page(page_file(paths.edition_path(day)), "edition.html", title, "edition", context))
    pages.append(Page(page_file(paths.EDITIONS_INDEX), "editions.html", "Editions", "editions",
                      {"months": archive_months(days, by_day)}))
    return pages


def archive_months(days: Sequence[date], by_day: Mapping[date, Sequence[StoryView]]) -> list[dict[str, Any]]:
    """Editions grouped by month, newest first: a year of days stays a short page."""
    months: dict[date, list[dict[str, Any]]] = {}
    for day in days:
        months.setdefault(day.replace(day=1), []).append(
            {"day": day, "path": paths.edition_path(day), "stories": len(by_day[day])})
    return [{"month": month, "days": entries} for month, entries in months.items()]


def sources_page(states: Sequence[FeedState], settings: Settings, model: SiteModel) -> Page:
    """Feed health: every configured feed, with what the last fetch said, in words."""
    by_url = {s.url: s for s in states}
    rows = [feed_health(by_url.get(f.url) or FeedState(f.url, f.name), model.build_time) for f in settings.feeds]
    configured = {f.url for f in settings.feeds}
    rows += [feed_health(s, model.build_time) for s in states if s.url not in configured]
    rows.sort(key=lambda r: (r["name"].casefold(), r["url"]))
    failing = sum(1 for r in rows if r["level"] == "bad")
    by_feed: dict[str, list[NotNews]] = defaultdict(list)
    for decision in model.not_news:
        by_feed[decision.feed].append(decision)
    for row in rows:
        row["not_news"] = len(by_feed.get(row["url"], ()))
    not_news = [{"name": items[0].source or feed or "Local files", "count": len(items),
                 "decisions": [{"title": d.title or "(untitled)", "reason": d.reason} for d in items]}
                for feed, items in sorted(by_feed.items(), key=lambda pair: (pair[1][0].source.casefold(), pair[0]))]
    context = {"build_time": model.build_time, "feeds": rows, "failing": failing, "not_news": not_news,
               "not_news_dropped": settings.digest.drop_sponsored}
    return Page(page_file(paths.SOURCES_PAGE), "sources.html", "Sources", "sources", context)


STATUS_WORDS = {
    "ok": ("Working", "good"),
    "not modified": ("Working — nothing new since the last fetch", "good"),
    "failed": ("Failing", "bad"),
    "never fetched": ("Not fetched yet", "idle"),
}


def feed_health(state: FeedState, now: datetime) -> dict[str, Any]:
    """One row of the sources table."""
    status, level = STATUS_WORDS.get(state.status, (state.status.capitalize() or "Unknown", "idle"))
    return {
        "name": state.name or state.url,
        "url": state.url,
        "status": status,
        "level": level,
        "last_success": state.last_success,
        "item_count": state.item_count,
        "error": error_words(state, now),
    }


def error_words(state: FeedState, now: datetime) -> str:
    """"Failed 3 times in a row, last tried 2 hours ago: connection timed out." — or "" when healthy."""
    if not state.last_error:
        return ""
    parts = []
    if state.consecutive_failures > 1:
        parts.append(f"Failed {plural(state.consecutive_failures, 'time')} in a row")
    elif state.consecutive_failures == 1:
        parts.append("Failed on the last attempt")
    else:
        parts.append("Last error")
    if state.last_attempt:
        parts.append(f"last tried {time_ago(state.last_attempt, now)}")
    reason = state.last_error.strip().rstrip(".")
    return ", ".join(parts) + f": {reason}."
