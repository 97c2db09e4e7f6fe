"""Not news: sponsored and promotional items, each decision with the reason a reader can check.

Three signals, any one enough:

1. category   the feed labels the item ("Sponsored", "Partner", "Advertisement"): the outlet says so.
2. foreign    the item links to another site than the feed's own AND uses ad wording: outlets
              carry paid links to the advertiser's page. An aggregator (no domain holds half of
              its items' links) has no own site, so there a foreign link says nothing.
3. phrasing   known ad copy (a sponsor label opening the text, "Refi rates at 3.09% APR",
              "promo code … bonus"): offers, not events.

The word lists are data files beside this module (ad_phrases.txt, ad_words.txt).
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from newsdigest.briefing.outlets import feed_sites, site_domain
from newsdigest.model import Analysed, Article, NotNews

DATA = Path(__file__).resolve().parent
TEXT_CHARS = 600            # ad copy says what it is up front; the rest of a long text only adds noise

# Feed <category> values that mean "this is an ad", as outlets label them (English, and the same
# label in the other languages the project's feeds use). General knowledge of feed conventions.
SPONSOR_CATEGORIES = frozenset([
    "sponsored", "sponsor", "sponsored content", "sponsored post", "sponsor content", "partner", "partners",
    "partner content", "paid content", "paid post", "paid partnership", "advertisement", "advertisements",
    "advertorial", "ad", "ads", "promoted", "promotion", "promotional", "brandvoice", "brand voice",
    "native advertising", "anzeige", "werbung", "publicidade", "publicidad", "publicité", "reklama",
    "artykuł sponsorowany",
])


def _lines(name: str) -> list[str]:
    text = (DATA / name).read_text(encoding="utf-8")
    return [line.strip() for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")]


AD_PHRASES = tuple(re.compile(pattern, re.IGNORECASE) for pattern in _lines("ad_phrases.txt"))
AD_WORDS = re.compile(r"\b(?:" + "|".join(re.escape(w) for w in _lines("ad_words.txt")) + r")\b", re.IGNORECASE)


@dataclass(frozen=True)
class Screened:
    """The articles that are news, and the decisions about those that are not."""

    news: tuple[Analysed, ...]
    not_news: tuple[NotNews, ...]
    dropped: bool          # True when the not-news items were removed from the site (digest.drop_sponsored)


def screen(items: Sequence[Analysed], drop: bool = True) -> Screened:
    """Sort items into news and not-news; with `drop`, not-news items leave the site entirely."""
    sites = feed_sites([item.article for item in items])
    decisions: list[NotNews] = []
    for item in items:
        reason = sponsored_reason(item.article, sites.get(item.article.feed, ""))
        if reason:
            art = item.article
            decisions.append(NotNews(art.id, art.feed, art.source, art.title, reason))
    flagged = {d.article_id for d in decisions}
    news = tuple(item for item in items if not (drop and item.id in flagged))
    return Screened(news, tuple(sorted(decisions, key=lambda d: (d.source, d.article_id))), drop)


def sponsored_reason(article: Article, own_site: str) -> str:
    """Why this item is an ad, in words; "" when it is news."""
    for category in article.categories:
        if category.strip().casefold() in SPONSOR_CATEGORIES:
            return f"feed category “{category.strip()}”"
    copy = f"{article.title} || {article.text[:TEXT_CHARS]}"
    for phrase in AD_PHRASES:
        found = phrase.search(copy)
        if found:
            return f"ad phrasing “{_quote(found.group(0))}”"
    domain = site_domain(article.url)
    if own_site and domain and domain != own_site:
        word = AD_WORDS.search(copy)
        if word:
            return f"links to {domain} (not the feed's site {own_site}) and says “{word.group(0)}”"
    return ""


def _quote(text: str, limit: int = 60) -> str:
    text = " ".join(text.replace("||", " ").split()).strip(" :|–—-")
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
