"""Where each page lives in the output folder: one place, so pages, feeds and sitemaps agree.

Every function returns a folder path relative to the site root, ending in "/";
pages are written as `<path>index.html`. Only ids and slugs built by
`newsdigest.urls` reach these paths, never raw feed text.
"""
from __future__ import annotations

from datetime import date

from newsdigest.model import Article, Story
from newsdigest.urls import slugify

ID_DIGITS = 16   # the whole 64-bit id: 8 hex digits collide by chance (a pair is found by brute force in 0.1 s)


def is_external(path: str) -> bool:
    """A link to another site: an article beyond `digest.article_pages` links to its original address."""
    return path.startswith(("http://", "https://"))


def site_link(base: str, path: str) -> str:
    """`base` + a site path, or the path itself when it already is another site's address."""
    return path if is_external(path) else base + path


def article_path(article: Article, headline: str = "") -> str:
    """`articles/<title-slug>-<id>/`: readable, and unique because the id is (one record per id).

    Articles without a title (the seed format) pass their generated headline. An id is
    hex from `newsdigest.urls.article_id`; anything else is reduced to a slug, never used raw.
    """
    slug = slugify(article.title or headline, 50) or "article"
    return f"articles/{slug}-{slugify(article.id, ID_DIGITS) or 'x'}/"


def story_path(story: Story) -> str:
    return f"stories/{slugify(story.id, 80) or 'story'}/"


def topic_path(slug: str, page: int = 0) -> str:
    """The topic's address (its newest stories), or archive page `page`, counted from the oldest (1)."""
    base = f"topics/{slugify(slug) or 'topic'}/"
    return base if page < 1 else f"{base}page/{page}/"


def edition_path(day: date) -> str:
    return f"editions/{day.isoformat()}/"


EDITIONS_INDEX = "editions/"
SOURCES_PAGE = "sources/"
SEARCH_PAGE = "search/"
NOT_FOUND_PAGE = "404.html"
