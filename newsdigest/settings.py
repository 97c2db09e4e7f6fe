"""The typed, frozen settings object every stage reads (built by config.py)."""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True)
class SiteSettings:
    title: str = "News Digest"
    description: str = "Key points from the news, grouped into stories."
    base_url: str = "/"            # absolute URL (may end in a sub-path) or "/"
    language: str = "en"
    timezone: str = "UTC"


FILTER_FIELDS = ("title", "text", "author", "url")   # what a filter rule may look at


@dataclass(frozen=True)
class FilterRule:
    """One mute or keep rule: words/phrases (whole words, any case) or one regular expression."""

    action: str                    # "mute" hides what matches; "keep" hides what matches no keep rule
    words: tuple[str, ...] = ()
    regex: str = ""
    fields: tuple[str, ...] = ("title", "text")
    feed: str = ""                 # "" for a global rule, else the feed name it belongs to
    label: str = ""                # how the sources page names the rule


@dataclass(frozen=True)
class FilterSettings:
    mute: tuple[FilterRule, ...] = ()
    keep: tuple[FilterRule, ...] = ()


@dataclass(frozen=True)
class FeedSettings:
    name: str
    url: str                       # http(s) URL, file: URL, or local path (resolved against the config folder)
    topics: tuple[str, ...] = ()   # topic slugs implied by this feed
    full_text: bool = False        # fetch each new article's page and extract its main text
    category: str = ""             # free label, lets topics say `feed_categories: [...]`
    allow_private: bool | None = None  # may this feed's URL be on loopback/a private network? None: fetch.allow_private
    filters: FilterSettings = field(default_factory=FilterSettings)   # rules for this feed's articles only


@dataclass(frozen=True)
class TopicSettings:
    name: str
    slug: str
    description: str = ""
    keywords: tuple[tuple[str, float], ...] = ()   # (term or phrase, weight)
    exclude: tuple[str, ...] = ()
    feeds: tuple[str, ...] = ()                    # feed names whose articles imply this topic
    feed_categories: tuple[str, ...] = ()          # feed categories / entry categories implying it


@dataclass(frozen=True)
class DigestSettings:
    key_points: int = 3
    summary_sentences: int = 3
    per_page: int = 20
    front_page_days: int = 2
    drop_sponsored: bool = True    # sponsored/promotional items are shown nowhere (else: kept out of the top only)
    # Article pages written, newest first (0 = every article). Why no bound by default: a digest keeps every
    # article, and the right bound depends on the host (see page_cap.py); past it articles link to the original.
    article_pages: int = 0


@dataclass(frozen=True)
class FetchSettings:
    timeout: float = 10.0          # connect/read timeout per request, seconds
    deadline: float = 20.0         # overall per-feed deadline, seconds
    max_bytes: int = 10_000_000
    max_redirects: int = 5
    retries: int = 2
    concurrency: int = 8
    per_host: int = 2
    allow_private: bool = False    # feed URLs (never article links) may be on loopback or a private network


@dataclass(frozen=True)
class ArchiveSettings:
    path: Path = Path(".cache/newsdigest.sqlite")
    retention_days: int = 0        # 0 keeps everything


@dataclass(frozen=True)
class LimitSettings:
    """Bounds that keep one feed or file from costing the whole build (each hit is a warning)."""

    items_per_feed: int = 300      # newest items kept from one feed per build
    new_articles: int = 3000       # new articles stored per build, over all feeds
    file_bytes: int = 5_000_000    # a local article file larger than this is skipped unread
    years: tuple[int, int] = (1970, 2100)   # dates outside these years (both included) are unknown
    lock_timeout: float = 30.0     # seconds to wait for another build or a process holding the archive


@dataclass(frozen=True)
class BuildSettings:
    # Processes for per-article work (extraction, topics); 1 runs everything in the build's own process.
    workers: int = field(default_factory=lambda: os.cpu_count() or 1)


@dataclass(frozen=True)
class StorySettings:
    window_hours: float = 48.0
    threshold: float = 0.3         # TF-IDF cosine of title + lead that links two articles (see stories.py)


@dataclass(frozen=True)
class EmailSettings:
    """Where `build.py --send-briefing` sends each new edition's briefing (SMTP)."""

    host: str = ""
    port: int = 587
    starttls: bool = True
    user: str = ""
    password_env: str = ""         # name of the environment variable holding the password (never the password)
    sender: str = ""               # `from:` in the config
    to: tuple[str, ...] = ()
    timeout: float = 30.0


@dataclass(frozen=True)
class TopicRules:
    fallback: str = "General"      # name of the topic for articles below the threshold
    threshold: float = 1.0
    max_topics: int = 3


@dataclass(frozen=True)
class SearchSettings:
    """Which pages the search index holds: the newest `max_pages` within `days` of the build (0 = no bound).

    Why a window: the index grows with the archive, and so do the indexer's time and memory and the bundle
    a host stores. 10,000 pages index in about 16 s with an indexer peak of ~820 MiB (measured with article
    text) and cover months of a 50-feed digest; older
    articles stay reachable through the editions and the archive.
    """

    days: int = 0
    max_pages: int = 10_000


@dataclass(frozen=True)
class Settings:
    """Everything the build needs, validated. Paths are absolute."""

    config_path: Path
    root: Path                                   # folder holding config.yaml; relative paths start here
    site: SiteSettings = field(default_factory=SiteSettings)
    content: tuple[Path, ...] = ()
    feeds: tuple[FeedSettings, ...] = ()
    topics: tuple[TopicSettings, ...] = ()
    topic_rules: TopicRules = field(default_factory=TopicRules)
    digest: DigestSettings = field(default_factory=DigestSettings)
    fetch: FetchSettings = field(default_factory=FetchSettings)
    archive: ArchiveSettings = field(default_factory=ArchiveSettings)
    stories: StorySettings = field(default_factory=StorySettings)
    email: EmailSettings = field(default_factory=EmailSettings)
    limits: LimitSettings = field(default_factory=LimitSettings)
    build: BuildSettings = field(default_factory=BuildSettings)
    output: Path = Path("site")
    templates_dir: Path | None = None            # user templates overriding the default theme file by file
    search: bool = True
    search_window: SearchSettings = field(default_factory=SearchSettings)   # `search: {days, max_pages}`
    filters: FilterSettings = field(default_factory=FilterSettings)   # rules for every article
