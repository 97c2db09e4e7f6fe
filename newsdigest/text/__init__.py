"""Extraction stage: one function from an article to headline, key points, summary, keywords.

The engine behind it lives in the sibling modules, one rule family per file:
sentences (segmentation), document (cleaning and tokenising once), summary, keypoints,
headline, keywords. Author-supplied parts win over generated ones.
"""
from __future__ import annotations

from dataclasses import dataclass

from newsdigest.model import Article, Extract
from newsdigest.text.document import Document, analyse
from newsdigest.text.headline import make_headline
from newsdigest.text.keypoints import points as make_key_points
from newsdigest.text.keywords import keywords as make_keywords
from newsdigest.text.summary import summary_sentences as pick_summary

# Bump whenever output changes: the build caches extracts keyed by this version.
ENGINE_VERSION = "32"
_WORDS_PER_MINUTE = 230


@dataclass(frozen=True)
class Parts:
    """The generated parts as lists, before author-supplied ones override them (used by evaluation)."""

    headline: str
    key_points: tuple[str, ...]
    summary: tuple[str, ...]
    keywords: tuple[str, ...]
    key_point_sources: tuple[int, ...] = ()   # the sentence position each key point was made from
    summary_sources: tuple[int, ...] = ()     # the sentence position of each summary sentence


def generate(title: str, text: str, key_points: int = 3, summary_sentences: int = 3,
             always_headline: bool = False, document: Document | None = None) -> Parts:
    """Generate every part from the text; a headline only when `title` is empty (else the title is used).

    With `always_headline` the headline is made (and thrown away) even when a title exists, so that
    timing the call times the whole extraction an untitled article costs. `document`: analyse(title, text)
    when the caller already has it (the analyse stage also locates its sentences for the article page).
    """
    doc = document or analyse(title, text)
    keywords = make_keywords(doc)
    made = make_headline(doc, keywords) if always_headline or not title else ""
    points = make_key_points(doc, key_points)
    summary = pick_summary(doc, summary_sentences)
    return Parts(
        headline=title or made,
        key_points=tuple(point.text for point in points),
        summary=tuple(sentence.text for sentence in summary),
        keywords=keywords,
        key_point_sources=tuple(point.source for point in points),
        summary_sources=tuple(sentence.position for sentence in summary),
    )


def extract(article: Article, key_points: int = 3, summary_sentences: int = 3,
            document: Document | None = None) -> Extract:
    """Derive headline, key points, summary and keywords; author-supplied parts win."""
    parts = generate(article.title, article.text, key_points, summary_sentences, document=document)
    words = len(article.text.split())
    return Extract(
        headline=parts.headline,
        key_points=tuple(article.key_points) or parts.key_points,
        summary=article.summary or " ".join(parts.summary),
        keywords=parts.keywords,
        headline_generated=not article.title,
        key_points_generated=not article.key_points,
        summary_generated=not article.summary,
        reading_minutes=max(1, round(words / _WORDS_PER_MINUTE)),
        key_point_sources=() if article.key_points else parts.key_point_sources,
        summary_sources=() if article.summary else parts.summary_sources,
    )
