"""Plain immutable records passed between pipeline stages.

Every stage takes and returns these; nothing here does I/O.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any


@dataclass(frozen=True)
class Source:
    """One outlet that carried an article: its name and the link to its copy."""

    name: str
    url: str = ""
    feed_url: str = ""


@dataclass(frozen=True)
class Article:
    """One article as read from a local file or a feed entry, already cleaned.

    ``text`` is plain text with paragraphs separated by blank lines; ``html`` is
    sanitized HTML (allow-list) or "" for plain-text sources. Author-supplied
    ``summary`` / ``key_points`` win over generated ones when present.
    """

    id: str                      # stable: from canonical URL or guid; from path for local files
    title: str                   # "" when the source gave none (a headline is generated)
    text: str
    published: datetime          # always timezone-aware
    source: str                  # outlet / feed name / "Local" for files
    url: str = ""                # canonical link to the original ("" for local files)
    html: str = ""
    guid: str = ""
    author: str = ""
    credit: str = ""             # trailing credit line such as "AP"
    summary: str = ""            # author-written summary, if any
    key_points: tuple[str, ...] = ()   # author-written key points, if any
    topics: tuple[str, ...] = ()       # author-given topics (front matter) or feed defaults
    categories: tuple[str, ...] = ()   # feed <category> values
    image: str = ""
    language: str = ""
    path: str = ""               # local file path (relative to the config folder) for files
    feed: str = ""               # feed URL/path it came from ("" for local files)
    sources: tuple[Source, ...] = ()   # every outlet carrying it (merged duplicates)
    first_seen: datetime | None = None
    dated: bool = True           # False: the source gave no date; `published` is when it was first seen


@dataclass(frozen=True)
class Extract:
    """What the extraction stage derives from one article."""

    headline: str
    key_points: tuple[str, ...]
    summary: str
    keywords: tuple[str, ...]
    headline_generated: bool = False
    key_points_generated: bool = True
    summary_generated: bool = True
    reading_minutes: int = 1
    # Provenance: for each generated key point, the position of the article sentence it was made from (the
    # sentences of text.document.analyse(title, text)); empty when the author supplied the key points.
    key_point_sources: tuple[int, ...] = ()
    summary_sources: tuple[int, ...] = ()     # the same for the generated summary's sentences
    # Where each of those sentences stands in the article text, found by the analyse stage so that the
    # article page need not analyse the text again: (start, end, stop dropped at end) or, for a sentence
    # not found there word for word, the sentence itself (site/article_text.py); None when not computed.
    sentence_spans: tuple[tuple[int, int, str] | str, ...] | None = None


@dataclass(frozen=True)
class TopicMatch:
    """One topic assigned to an article, with the evidence a reader can check."""

    slug: str
    name: str
    score: float
    reasons: tuple[tuple[str, float], ...] = ()   # (matched term or evidence, weight)


@dataclass(frozen=True)
class Analysed:
    """An article with everything derived from it."""

    article: Article
    extract: Extract
    topics: tuple[TopicMatch, ...] = ()

    @property
    def id(self) -> str:
        return self.article.id


@dataclass(frozen=True)
class Story:
    """Articles from one or more outlets about the same event."""

    id: str
    lead: str                          # article id of the lead article
    members: tuple[str, ...]           # article ids, earliest first
    first_reported_by: str             # source name of the earliest member
    key_points: tuple[str, ...] = ()   # merged without repeats
    score: float = 0.0                 # ranking score (explained in stories.py)


@dataclass(frozen=True)
class FeedState:
    """What the archive remembers about one feed between builds."""

    url: str
    name: str
    etag: str = ""
    last_modified: str = ""
    last_success: datetime | None = None
    last_attempt: datetime | None = None
    last_error: str = ""
    consecutive_failures: int = 0
    item_count: int = 0
    status: str = "never fetched"      # "ok", "not modified", "failed", "never fetched"
    body_hash: str = ""                # of the last body parsed (with what parsing read); "" forces a parse


@dataclass(frozen=True)
class FeedFailure:
    """A feed that could not be read this build, reported in one line."""

    name: str
    url: str
    reason: str


@dataclass(frozen=True)
class IngestReport:
    """Result of reading all configured feeds."""

    failures: tuple[FeedFailure, ...] = ()
    warnings: tuple[str, ...] = ()
    new_articles: int = 0
    states: tuple[FeedState, ...] = field(default_factory=tuple)


@dataclass(frozen=True)
class NotNews:
    """An item kept out of the news (sponsored or promotional), with the reason shown on the sources page."""

    article_id: str
    feed: str              # feed URL or path ("" for local files)
    source: str            # the feed's name
    title: str
    reason: str


@dataclass(frozen=True)
class SiteData:
    """Everything the render stage needs, gathered before anything is written."""

    analysed: tuple[Analysed, ...]            # newest first
    stories: tuple[Story, ...]                # ranked, best first
    feed_states: tuple[FeedState, ...] = ()
    build_time: datetime | None = None        # timezone-aware; from SOURCE_DATE_EPOCH when set
    not_news: tuple[NotNews, ...] = ()        # sponsored items found (removed from `analysed` when dropped)
    filter_counts: tuple[Any, ...] = ()       # filters.RuleCount per `filters:` rule, for the sources page
