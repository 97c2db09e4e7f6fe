"""Who published a report: the outlet behind a link, so one outlet's many feeds count once.

An outlet is the registrable domain of the report's link ("bbc.co.uk" for both
feeds.bbci.co.uk-listed BBC pages and www.bbc.co.uk/news/...), else its source name.
Three Guardian feeds or a live blog's 17 updates are still one outlet.
"""
from __future__ import annotations

from urllib.parse import urlsplit

from newsdigest.model import Article

# Second-level labels under which a country's sites register ("bbc.co.uk", "smh.com.au"): the
# registrable domain then has three labels. General knowledge of the public-suffix list's common
# entries; the full list is not needed for telling outlets apart.
_SECOND_LEVEL = frozenset(["co", "com", "org", "net", "ac", "gov", "edu", "ne", "or", "go"])


def site_domain(url: str) -> str:
    """The registrable domain of an http(s) URL ("www.theguardian.com" → "theguardian.com"), or ""."""
    try:
        host = (urlsplit(url).hostname or "").lower().rstrip(".")
    except ValueError:
        return ""
    labels = [label for label in host.split(".") if label]
    if len(labels) < 2 or host.replace(".", "").isdigit():
        return host
    keep = 3 if len(labels) >= 3 and len(labels[-1]) == 2 and labels[-2] in _SECOND_LEVEL else 2
    return ".".join(labels[-keep:])


def outlet_of(article: Article) -> str:
    """The outlet of one article: its link's domain, else its source name (local files, links-less items)."""
    return site_domain(article.url) or (article.source or "").strip().casefold() or "unknown"


def outlets_of(article: Article) -> set[str]:
    """Every outlet carrying an article, merged duplicates included (`sources` lists the article's own copy too)."""
    found = {site_domain(s.url) or (s.name or "").strip().casefold() for s in article.sources}
    found.discard("")
    return found or {outlet_of(article)}
