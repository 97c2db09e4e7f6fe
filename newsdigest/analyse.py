"""Analyse stage: extract headline, key points, summary and keywords, then assign topics.

Extraction is a pure function of the article text and the digest settings, so
its result is cached in the archive keyed by a content hash and the engine
version: a rebuild only extracts articles that are new or changed.
"""
from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Sequence
from dataclasses import asdict
from typing import Any, Protocol

from newsdigest import text as text_engine
from newsdigest.model import Analysed, Article, Extract
from newsdigest.settings import Settings
from newsdigest.topics import TopicMatcher


class ExtractCache(Protocol):
    def get_extracts(self, keys: list[str]) -> dict[str, dict]: ...
    def put_extracts(self, items: dict[str, dict]) -> None: ...


def extract_key(article: Article, settings: Settings) -> str:
    """Cache key: everything extraction reads, plus the engine version."""
    digest = settings.digest
    payload = json.dumps(
        [text_engine.ENGINE_VERSION, digest.key_points, digest.summary_sentences, article.title, article.text,
         article.summary, list(article.key_points), article.language],
        ensure_ascii=False,
    )
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def extract_all(articles: Sequence[Article], settings: Settings, cache: ExtractCache | None = None,
                progress: Callable[[int], None] | None = None) -> list[Extract]:
    """Extract every article, reusing cached results where the input is unchanged."""
    keys = [extract_key(a, settings) for a in articles]
    cached = cache.get_extracts(keys) if cache is not None else {}
    fresh: dict[str, dict] = {}
    results: list[Extract] = []
    for done, (article, key) in enumerate(zip(articles, keys), 1):
        stored = cached.get(key)
        extract = _from_dict(stored) if stored else None
        if extract is None:
            extract = text_engine.extract(article, settings.digest.key_points, settings.digest.summary_sentences)
            fresh[key] = asdict(extract)
        results.append(extract)
        if progress is not None:
            progress(done)
    if cache is not None and fresh:
        cache.put_extracts(fresh)
    return results


def _from_dict(stored: dict[str, Any]) -> Extract | None:
    values: dict[str, Any] = {k: tuple(v) if isinstance(v, list) else v for k, v in stored.items()}
    try:
        return Extract(**values)
    except TypeError:
        return None     # written by another version of the record: extract again


def analyse(articles: Sequence[Article], settings: Settings, cache: ExtractCache | None = None,
            progress: Callable[[int], None] | None = None) -> list[Analysed]:
    """Every article with its extract and topics, newest first (ties broken by id for determinism)."""
    ordered = sorted(articles, key=lambda a: (a.published, a.id), reverse=True)
    extracts = extract_all(ordered, settings, cache, progress)
    matcher = TopicMatcher(settings.topics, settings.topic_rules)   # compiled once per build
    return [Analysed(a, e, matcher.assign(a, e)) for a, e in zip(ordered, extracts)]
