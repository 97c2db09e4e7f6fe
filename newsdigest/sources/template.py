"""A feed's own template: lines that repeat across most items of ONE feed are not any item's article.

Every Hacker News front-page item carries "Article URL: … Comments URL: … Points: … # Comments: …";
other feeds end each item with "Full version of the page <link>" or one fixed promotion. Such a
line is found from the feed's own items — its shape (lower-cased, links and numbers blanked) in at
least MIN_SHARE of them, when the feed has at least MIN_ITEMS — never from the outlet's name, and
removed before the text is stored. Pure: Articles in, Articles out.
"""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import replace

from newsdigest.clean import clean_text, drop_blocks, html_to_text, paragraphs_html
from newsdigest.model import Article

# Fewer items than this cannot tell a template from a coincidence.
MIN_ITEMS = 5
# A line in this share of a feed's items is the feed's template (HN's lines are in 100 %).
MIN_SHARE = 0.6
_URL = re.compile(r"(?:https?://|www\.)\S+", re.IGNORECASE)
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
_SPACE = re.compile(r"\s+")


def line_shape(line: str) -> str:
    """What stays the same in a template line from item to item: words, with links and numbers blanked."""
    shape = _NUMBER.sub("0", _URL.sub("<url>", line.casefold()))
    return _SPACE.sub(" ", shape).strip()


def _shapes(text: str) -> set[str]:
    return {line_shape(line) for line in text.splitlines() if line.strip()}


def template_shapes(texts: Sequence[str]) -> frozenset[str]:
    """Line shapes found in at least MIN_SHARE of the texts of one feed's items (none below MIN_ITEMS)."""
    if len(texts) < MIN_ITEMS:
        return frozenset()
    counts: Counter[str] = Counter()
    for text in texts:
        counts.update(_shapes(text))
    needed = MIN_SHARE * len(texts)
    return frozenset(shape for shape, count in counts.items() if count >= needed and shape)


def strip_template(text: str, shapes: frozenset[str]) -> str:
    """The text without its template lines; paragraphs left empty disappear."""
    paragraphs = []
    for paragraph in text.split("\n\n"):
        lines = [line for line in paragraph.split("\n") if line_shape(line) not in shapes]
        if any(line.strip() for line in lines):
            paragraphs.append("\n".join(lines))
    return "\n\n".join(paragraphs)


def remove_template(articles: Sequence[Article]) -> tuple[Article, ...]:
    """One feed's articles with the feed's template removed; an item left with no text keeps its title."""
    shapes = template_shapes([article.text for article in articles])
    if not shapes:
        return tuple(articles)
    return tuple(_without(article, shapes) for article in articles)


def _without(article: Article, shapes: frozenset[str]) -> Article:
    if not _shapes(article.text) & shapes:
        return article
    html = drop_blocks(article.html, lambda block: line_shape(block) in shapes)
    text = clean_text(html_to_text(html))
    if _shapes(text) & shapes:
        # A template line shares its block with other text (<br> lines): rebuild the markup from the text.
        text = strip_template(text, shapes)
        html = paragraphs_html(text)
    return replace(article, html=html if text else "", text=text)
