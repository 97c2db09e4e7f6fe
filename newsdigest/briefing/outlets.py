"""Who published a report, so one outlet's many feeds and many reports count once.

An outlet is a site: the registrable domain ("theguardian.com", "bbc.co.uk") that a feed's items
link to. Three Guardian feeds, or a live blog's 17 updates, are one outlet.
"""
from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from urllib.parse import urlsplit

from newsdigest.model import Article, Source

# A feed whose items mostly link to one domain has that site; below this share it is an aggregator.
OWN_SITE_SHARE = 0.5

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


def feed_sites(articles: Sequence[Article]) -> dict[str, str]:
    """Each feed's own site: the domain at least OWN_SITE_SHARE of its items link to ("" for an aggregator)."""
    domains: dict[str, Counter[str]] = defaultdict(Counter)
    for art in articles:
        if art.feed:
            domains[art.feed][site_domain(art.url)] += 1
    sites = {}
    for feed, counts in domains.items():
        domain, count = counts.most_common(1)[0]
        sites[feed] = domain if domain and count >= OWN_SITE_SHARE * sum(counts.values()) else ""
    return sites


def outlet_map(articles: Sequence[Article]) -> dict[str, frozenset[str]]:
    """Article id → the outlets carrying it (merged duplicates included).

    A copy from a feed counts as that feed's site; an aggregator's feed (Hacker News links to a new
    domain each item) counts as one outlet, itself; a copy known only by its link counts as the link's
    domain; a local file as its source name.
    """
    sites = feed_sites(articles)
    found = {}
    for art in articles:
        copies = art.sources or (Source(art.source, art.url, art.feed),)
        found[art.id] = frozenset(_outlet(copy, sites) for copy in copies)
    return found


def _outlet(copy: Source, sites: Mapping[str, str]) -> str:
    if copy.feed_url:
        return sites.get(copy.feed_url) or "feed:" + copy.feed_url
    return site_domain(copy.url) or (copy.name or "").strip().casefold() or "unknown"
