"""Mute and keep rules from `filters:`, applied between the archive and the analysis at every build.

The archive is never touched: a rule only decides what this build shows, so editing or deleting
a rule brings hidden articles back at the next build. Keep rules work like a reader's "keep only"
list (Miniflux, FreshRSS): when any keep rule applies to an article, it stays only if one of them
matches; a mute rule that matches hides it either way.
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from newsdigest.model import Article
from newsdigest.settings import FeedSettings, FilterRule, FilterSettings


@dataclass(frozen=True)
class RuleCount:
    """How many articles one rule matched in this build (shown on the sources page)."""

    action: str            # "mute" or "keep"
    label: str
    scope: str             # "all articles" or the feed's name
    matched: int           # articles the rule matched
    hidden: int            # articles hidden because of it (for keep rules: those no keep rule matched)


@dataclass(frozen=True)
class FilterResult:
    kept: tuple[Article, ...]
    counts: tuple[RuleCount, ...]
    hidden: int


@dataclass(frozen=True)
class _Compiled:
    rule: FilterRule
    pattern: re.Pattern[str]


def compile_rule(rule: FilterRule) -> re.Pattern[str]:
    """Words and phrases match whole words in any case ("ad" never matches "adds"); a regex is used as given, any case."""
    if rule.regex:
        return re.compile(rule.regex, re.IGNORECASE)
    alternatives = [r"\s+".join(re.escape(part) for part in word.split()) for word in rule.words if word.strip()]
    return re.compile(r"(?<!\w)(?:" + "|".join(alternatives) + r")(?!\w)", re.IGNORECASE)


def field_text(article: Article, name: str) -> str:
    """The text a rule looks at: `text` is the body plus any author summary, `url` the original's link."""
    if name == "title":
        return article.title
    if name == "text":
        return f"{article.summary}\n{article.text}" if article.summary else article.text
    if name == "author":
        return " ".join(part for part in (article.author, article.credit) if part)
    return article.url


def _matches(compiled: _Compiled, article: Article) -> bool:
    return any(compiled.pattern.search(field_text(article, name)) for name in compiled.rule.fields)


def _applies(rule: FilterRule, article: Article, feed_of: dict[str, str]) -> bool:
    """Global rules apply to everything, a feed's rules to that feed's articles only."""
    return not rule.feed or feed_of.get(article.feed) == rule.feed or rule.feed in {s.name for s in article.sources}


def apply_filters(articles: Sequence[Article], filters: FilterSettings,
                  feeds: Sequence[FeedSettings] = ()) -> FilterResult:
    """The articles no rule hides, and per-rule counts; with no rules the input comes back unchanged."""
    rules = [*filters.mute, *filters.keep]
    for feed in feeds:
        rules += [*feed.filters.mute, *feed.filters.keep]
    if not rules:
        return FilterResult(tuple(articles), (), 0)
    compiled = [_Compiled(rule, compile_rule(rule)) for rule in rules]
    feed_of = {feed.url: feed.name for feed in feeds}
    matched = [0] * len(compiled)
    hidden_by = [0] * len(compiled)
    kept: list[Article] = []
    for article in articles:
        reason = _hiding_rule(article, compiled, feed_of, matched)
        if reason is None:
            kept.append(article)
        else:
            hidden_by[reason] += 1
    counts = tuple(RuleCount(c.rule.action, c.rule.label, c.rule.feed or "all articles", matched[i], hidden_by[i])
                   for i, c in enumerate(compiled))
    return FilterResult(tuple(kept), counts, len(articles) - len(kept))


def _hiding_rule(article: Article, compiled: Sequence[_Compiled], feed_of: dict[str, str],
                 matched: list[int]) -> int | None:
    """Index of the rule that hides the article (first mute match, else the first unmatched keep rule), or None."""
    hiding: int | None = None
    first_keep: int | None = None
    kept_by_rule = False
    for index, item in enumerate(compiled):
        if not _applies(item.rule, article, feed_of):
            continue
        hit = _matches(item, article)
        matched[index] += hit
        if item.rule.action == "mute" and hit and hiding is None:
            hiding = index
        elif item.rule.action == "keep":
            first_keep = index if first_keep is None else first_keep
            kept_by_rule = kept_by_rule or hit
    if hiding is None and first_keep is not None and not kept_by_rule:
        hiding = first_keep
    return hiding
