"""`digest.article_pages`: how many article pages a build writes; older articles link to their original.

Why: a static host bounds a site (GitHub Pages 1 GB, Cloudflare Pages 20,000 files per deploy), and
the archive grows by thousands of articles a day. Editions, topic pages, stories and the archive still
list every article; past the bound their links go to the outlet's own page instead of ours.
"""
from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace

from newsdigest.model import Analysed
from newsdigest.site.feeds_out import FEED_ITEMS, _newest_first
from newsdigest.site.views import ArticleView


def kept_articles(items: Sequence[Analysed], limit: int) -> set[str]:
    """Ids of the articles that keep a page: the newest `limit`, and every article a feed lists.

    The feeds (the site's and each topic's newest FEED_ITEMS) link to our pages, so their entries keep
    them whatever the limit: a reader's feed never points at a missing page.
    """
    ordered = _newest_first(items)
    kept = {a.article.id for a in ordered[:limit]} | {a.article.id for a in ordered[:FEED_ITEMS]}
    per_topic: dict[str, int] = {}
    for item in ordered:
        for topic in {match.slug for match in item.topics}:
            if per_topic.get(topic, 0) < FEED_ITEMS:
                per_topic[topic] = per_topic.get(topic, 0) + 1
                kept.add(item.article.id)
    return kept


def cap_article_pages(views: Mapping[str, ArticleView], items: Sequence[Analysed],
                      limit: int) -> dict[str, ArticleView]:
    """The article views, those beyond the limit pointing at their original address (0 = no limit).

    An article with no original address (a local file without `url:`) keeps its page: it is the only
    place its text can be read.
    """
    if not limit or len(views) <= limit:
        return dict(views)
    kept = kept_articles(items, limit)
    return {ident: view if ident in kept or not view.url else replace(view, path=view.url)
            for ident, view in views.items()}
