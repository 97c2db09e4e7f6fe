"""Plain view records the templates read: articles, stories and topics as a reader sees them.

Built once from SiteData so that every page shows the same headline, links and times
for the same article. Links to originals pass `safe_href`: feed URLs are untrusted.
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from urllib.parse import urlsplit

from newsdigest.model import Analysed, Source, Story, TopicMatch
from newsdigest.settings import Settings
from newsdigest.site import paths
from newsdigest.site.article_text import ArticleText, article_text
from newsdigest.text.document import content_words
from newsdigest.urls import slugify


@dataclass(frozen=True)
class TopicView:
    name: str
    slug: str
    description: str
    path: str


@dataclass(frozen=True)
class TopicTag:
    """A topic on an article with the evidence that put it there."""

    name: str
    path: str          # "" when the topic has no page
    reasons: str       # "software, chip, Apple"


@dataclass(frozen=True)
class SourceLink:
    name: str
    url: str           # link to the original ("" when unknown or not http/https)
    page: str = ""     # our page for that article, when it is one of ours


@dataclass(frozen=True)
class ArticleView:
    id: str
    path: str
    headline: str
    source: str
    url: str
    published: datetime
    key_points: tuple[str, ...]
    summary: str
    keywords: tuple[str, ...]
    topics: tuple[TopicTag, ...]
    topic_slugs: tuple[str, ...]
    sources: tuple[SourceLink, ...]
    reading_minutes: int
    credit: str = ""
    author: str = ""
    story_path: str = ""       # the story page when the article belongs to a multi-source story
    # The record the article page's text is made from: set only on the view its own page renders
    # (pages.article_pages), so lists, feeds and workers' related links carry no text.
    item: Analysed | None = field(default=None, compare=False, repr=False)

    @property
    def page_text(self) -> ArticleText | None:
        """Key points with provenance links, summary and text, each shown once: made when the article page
        renders and kept by nothing, so memory does not grow with the number of articles."""
        return article_text(self.item.article, self.item.extract) if self.item is not None else None


@dataclass(frozen=True)
class StoryView:
    id: str
    path: str                  # the story page, or the lead article's page for a one-article story
    headline: str
    key_points: tuple[str, ...]
    summary: str
    lead: ArticleView
    members: tuple[ArticleView, ...]   # earliest first
    first_reported_by: str
    first_published: datetime
    updated: datetime                  # newest member
    topic_slugs: tuple[str, ...]
    outlets: int = 1                   # distinct outlets (one outlet's many reports count once)
    dated: bool = True                 # False when no report carried its own date (shown as "first seen")
    not_news: bool = False             # a report was found sponsored/promotional (kept only when not dropped)

    @property
    def multi(self) -> bool:
        return len(self.members) > 1

    @property
    def reports(self) -> int:
        return len(self.members)

    @property
    def points_beside_summary(self) -> tuple[str, ...]:
        """The key points to print above the summary: those it does not already say."""
        return distinct_points(self.key_points, self.summary) if self.summary_adds else self.key_points

    @property
    def summary_adds(self) -> bool:
        """Whether the summary tells more than the key points above it (a card shows it only then)."""
        return summary_adds(self.summary, self.key_points)

    @property
    def sources(self) -> tuple[SourceLink, ...]:
        """Every outlet that carried any member (merged duplicates included), once each, earliest first."""
        links: dict[tuple[str, str], SourceLink] = {}
        for member in self.members:
            for source in member.sources:
                links.setdefault((source.name, source.url), SourceLink(source.name, source.url, member.path))
        return tuple(links.values())


# A key point whose content words are nearly all in the summary, or in a point kept before it, says the
# same thing again (teasers give one sentence to both; merged points of one story restate each other).
_REPEAT_SHARE = 0.8


def distinct_points(points: Sequence[str], summary: str = "") -> tuple[str, ...]:
    """Key points that each say something new: repeats of an earlier point are dropped; given a summary,
    so are the points it already says (used where the summary is shown beside them)."""
    kept: list[str] = []
    kept_words: list[frozenset[str]] = []
    for point in points:
        words = content_words(point)
        if not words or any(_contained(words, other) or _contained(other, words) for other in kept_words):
            continue
        kept.append(point)
        kept_words.append(words)
    summary_words = content_words(summary)
    if summary_words:
        kept = [p for p, w in zip(kept, kept_words) if not _contained(w, summary_words)]
    return tuple(kept)


def _contained(words: frozenset[str], other: frozenset[str]) -> bool:
    return len(words & other) >= _REPEAT_SHARE * len(words)


# A summary whose words are nearly all in the key points repeats them: short articles give the same
# sentences to both, and a card that prints them twice wastes the reader's time.
_NEW_WORDS_SHARE = 0.25


def summary_adds(summary: str, key_points: Sequence[str]) -> bool:
    """True when at least a quarter of the summary's content words are not in the key points."""
    words = content_words(summary)
    if not words:
        return False
    return len(words - content_words(" ".join(key_points))) >= _NEW_WORDS_SHARE * len(words)


def safe_href(url: str) -> str:
    """Only http(s) links reach an href: a feed could carry `javascript:` or `data:` URLs."""
    url = (url or "").strip()
    try:
        scheme = urlsplit(url).scheme.lower()
    except ValueError:
        return ""
    return url if scheme in ("http", "https") else ""


def topics_to_render(settings: Settings, analysed: Sequence[Analysed]) -> tuple[TopicView, ...]:
    """Every configured topic, plus the fallback topic when some article fell into it."""
    topics = [TopicView(t.name, slugify(t.slug) or "topic", t.description, paths.topic_path(t.slug))
              for t in settings.topics]
    fallback = slugify(settings.topic_rules.fallback)
    used = {m.slug for a in analysed for m in a.topics}
    if fallback and fallback in used and fallback not in {t.slug for t in topics}:
        topics.append(TopicView(settings.topic_rules.fallback, fallback, "", paths.topic_path(fallback)))
    return tuple(topics)


def reasons_text(match: TopicMatch, limit: int = 6) -> str:
    """The strongest matched terms, as a reader would check them (a long list explains nothing)."""
    ordered = sorted(match.reasons, key=lambda r: (-r[1], r[0].casefold()))
    seen: list[str] = []
    for term, weight in ordered:
        if weight > 0 and term not in seen:
            seen.append(term)
    shown = ", ".join(seen[:limit])
    return shown + (f" and {len(seen) - limit} more" if len(seen) > limit else "")


def article_view(item: Analysed, topic_pages: Mapping[str, str], story_path: str = "") -> ArticleView:
    """The reader's view of one analysed article."""
    art, ext = item.article, item.extract
    headline = ext.headline or art.title or "Untitled"
    sources = art.sources or (Source(art.source, art.url),)
    return ArticleView(
        id=art.id,
        path=paths.article_path(art, ext.headline),
        headline=headline,
        source=art.source or "Unknown source",
        url=safe_href(art.url),
        published=art.published,
        key_points=tuple(ext.key_points),
        summary=ext.summary,
        keywords=tuple(ext.keywords),
        topics=tuple(TopicTag(m.name, topic_pages.get(m.slug, ""), reasons_text(m)) for m in item.topics),
        topic_slugs=tuple(m.slug for m in item.topics),
        sources=tuple(SourceLink(s.name or art.source, safe_href(s.url)) for s in sources),
        reading_minutes=max(1, ext.reading_minutes),
        credit=art.credit,
        author=art.author,
        story_path=story_path,
    )


def complete_stories(stories: Iterable[Story], analysed: Sequence[Analysed]) -> tuple[Story, ...]:
    """Ranked stories restricted to known articles, then a one-article story for every article left out."""
    known = {a.id: a for a in analysed}
    result: list[Story] = []
    claimed: set[str] = set()
    for story in stories:
        members = tuple(m for m in story.members if m in known and m not in claimed)
        if not members:
            continue
        lead = story.lead if story.lead in members else members[0]
        result.append(Story(story.id, lead, members, story.first_reported_by, story.key_points, story.score))
        claimed.update(members)
    # Articles no story claimed: newest first (the order of SiteData.analysed), after the ranked ones.
    for item in analysed:
        if item.id not in claimed:
            result.append(Story(item.id, item.id, (item.id,), item.article.source))
            claimed.add(item.id)
    return tuple(result)


def story_topic_slugs(lead: ArticleView, members: Sequence[ArticleView]) -> tuple[str, ...]:
    """The lead's topics, plus any topic that at least half the reports share.

    A union over members would put a 26-report story under every section one
    outlet's angle touched; a topic page should list only stories about it.
    """
    counts = Counter(s for m in members for s in set(m.topic_slugs))
    shared = [s for s, n in counts.items() if s not in lead.topic_slugs and 2 * n >= len(members)]
    return (*lead.topic_slugs, *sorted(shared, key=lambda s: (-counts[s], s)))


def story_views(stories: Sequence[Story], articles: Mapping[str, ArticleView],
                items: Mapping[str, Analysed] | None = None, outlets: Mapping[str, frozenset[str]] | None = None,
                not_news: frozenset[str] = frozenset()) -> tuple[StoryView, ...]:
    """One view per story, in ranking order; story pages exist only for multi-member stories.

    `outlets` maps article id → outlets carrying it (briefing.outlets.outlet_map); without it each
    source name counts as an outlet.
    """
    views = []
    for story in stories:
        records = [items[m].article for m in story.members if items and m in items]
        carried = [outlets[m] for m in story.members if outlets and m in outlets]
        members = tuple(sorted((articles[m] for m in story.members), key=lambda a: (a.published, a.id)))
        lead = articles[story.lead]
        multi = len(members) > 1
        slugs = story_topic_slugs(lead, members)
        views.append(StoryView(
            id=story.id,
            path=paths.story_path(story) if multi else lead.path,
            headline=lead.headline,
            key_points=distinct_points(tuple(story.key_points) or lead.key_points),
            summary=lead.summary,
            lead=lead,
            members=members,
            first_reported_by=story.first_reported_by or members[0].source,
            first_published=members[0].published,
            updated=members[-1].published,
            topic_slugs=slugs,
            outlets=len(frozenset().union(*carried)) if carried else len({m.source for m in members}),
            dated=any(r.dated for r in records) if records else True,
            not_news=any(m in not_news for m in story.members),
        ))
    return tuple(views)


def newest_first(stories: Iterable[StoryView]) -> list[StoryView]:
    return sorted(stories, key=lambda s: (-s.updated.timestamp(), s.id))
