"""Extraction stage: one function from an article to headline, key points, summary, keywords.

The engine behind it lives in the sibling modules, one rule family per file.
"""
from __future__ import annotations

import re

from newsdigest.model import Article, Extract

ENGINE_VERSION = "0"

_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"“])")


def extract(article: Article, key_points: int = 3, summary_sentences: int = 3) -> Extract:
    """Derive headline, key points, summary and keywords; author-supplied parts win."""
    sentences = [s.strip() for s in _SENTENCE_END.split(article.text) if s.strip()]
    headline = article.title or " ".join(sentences[0].split()[:12]) if sentences else article.title
    points = article.key_points or tuple(sentences[:key_points])
    summary = article.summary or " ".join(sentences[:summary_sentences])
    words = len(article.text.split())
    return Extract(
        headline=headline,
        key_points=tuple(points),
        summary=summary,
        keywords=(),
        headline_generated=not article.title,
        key_points_generated=not article.key_points,
        summary_generated=not article.summary,
        reading_minutes=max(1, round(words / 230)),
    )
