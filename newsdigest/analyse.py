"""Analyse stage: extract headline, key points, summary and keywords, then assign topics.

Extraction is a pure function of the article text and the digest settings, so
its result is cached in the archive keyed by a content hash and the engine
version: a rebuild only extracts articles that are new or changed. Those are
extracted (and their topics assigned) in worker processes over chunks when there
are enough of them to pay for the pool; workers get plain data and return plain
data in input order, so the result does not depend on the number of workers.
"""
from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Sequence
from dataclasses import fields, replace
from typing import Any, Protocol

from newsdigest import text as text_engine
from newsdigest import workers
from newsdigest.model import Analysed, Article, Extract, TopicMatch
from newsdigest.settings import Settings
from newsdigest.text.document import analyse as analyse_text
from newsdigest.text.spans import sentence_spans
from newsdigest.topics import TopicMatcher

Worked = tuple[Extract, tuple[TopicMatch, ...]]
# Bump when the stored record gains a field the build relies on (2: the sentence spans of the article page).
RECORD_VERSION = 2


class ExtractCache(Protocol):
    def get_extracts(self, keys: list[str]) -> dict[str, dict]: ...
    def put_extracts(self, items: dict[str, dict]) -> None: ...


def extract_key(article: Article, settings: Settings) -> str:
    """Cache key: everything extraction reads, plus the engine version."""
    digest = settings.digest
    payload = json.dumps(
        [text_engine.ENGINE_VERSION, RECORD_VERSION, digest.key_points, digest.summary_sentences, article.title, article.text,
         article.summary, list(article.key_points), article.language],
        ensure_ascii=False,
    )
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def _to_dict(extract: Extract) -> dict[str, Any]:
    """The record to store: one level deep (JSON writes tuples as lists), not dataclasses.asdict, which
    copies every nested tuple of the sentence spans and cost a tenth of the analyse stage."""
    return {f.name: getattr(extract, f.name) for f in fields(extract)}


def _from_dict(stored: dict[str, Any]) -> Extract | None:
    values: dict[str, Any] = {k: tuple(v) if isinstance(v, list) else v for k, v in stored.items()}
    if values.get("sentence_spans") is not None:      # JSON gave lists; a frozen record holds tuples
        values["sentence_spans"] = tuple(s if isinstance(s, str) else tuple(s) for s in values["sentence_spans"])
    try:
        return Extract(**values)
    except TypeError:
        return None     # written by another version of the record: extract again


def topics_key(article: Article, extract_key_: str, code: str) -> str:
    """Cache key of an article's topic matches: its extract's key, the other fields the matcher reads,
    and `code` (a hash of the package's code and the settings, which hold the topics and their rules)."""
    payload = json.dumps(["topics", extract_key_, code, article.feed, article.source, list(article.topics),
                          article.url, list(article.categories)], ensure_ascii=False)
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def _topics_to_dict(matches: tuple[TopicMatch, ...]) -> dict[str, Any]:
    return {"topics": [[m.slug, m.name, m.score, [list(r) for r in m.reasons]] for m in matches]}


def _topics_from_dict(stored: dict[str, Any]) -> tuple[TopicMatch, ...] | None:
    try:
        return tuple(TopicMatch(slug, name, score, tuple((label, weight) for label, weight in reasons))
                     for slug, name, score, reasons in stored["topics"])
    except (KeyError, TypeError, ValueError):
        return None     # another shape: match again


def analyse(articles: Sequence[Article], settings: Settings, cache: ExtractCache | None = None,
            progress: Callable[[int], None] | None = None, code: str = "") -> list[Analysed]:
    """Every article with its extract and topics, newest first (ties broken by id for determinism).

    Articles with a cached extract get their topics here; the others are extracted and matched
    by `analyse_fresh` (in worker processes for a big batch). Any article's exception propagates.
    With `code` (a hash of the package's code and the settings), topic matches are cached too: matching
    every stored article again was most of this stage in a build of a big archive.
    """
    ordered = sorted(articles, key=lambda a: (a.published, a.id), reverse=True)
    keys = [extract_key(a, settings) for a in ordered]
    stored = cache.get_extracts(keys) if cache is not None else {}
    extracts = [_from_dict(stored[key]) if key in stored else None for key in keys]
    todo = [i for i, extract in enumerate(extracts) if extract is None]
    done = len(ordered) - len(todo)
    if progress is not None and done:
        progress(done)
    worked = analyse_fresh([ordered[i] for i in todo], settings,
                           None if progress is None else (lambda count: progress(done + count)))
    if cache is not None and todo:
        cache.put_extracts({keys[i]: _to_dict(extract) for i, (extract, _) in zip(todo, worked)})
    topics: dict[int, tuple[TopicMatch, ...]] = {i: matched for i, (_, matched) in zip(todo, worked)}
    fresh = {i: extract for i, (extract, _) in zip(todo, worked)}
    topic_keys = [topics_key(a, key, code) for a, key in zip(ordered, keys)] if cache is not None and code else []
    if cache is not None and topic_keys:
        known = cache.get_extracts([topic_keys[i] for i in range(len(ordered)) if i not in topics])
        for i, key in enumerate(topic_keys):
            matched = _topics_from_dict(known[key]) if i not in topics and key in known else None
            if matched is not None:
                topics[i] = matched
    matcher = TopicMatcher(settings.topics, settings.topic_rules)   # compiled once per build
    result: list[Analysed] = []
    matched_now = set(fresh)
    for i, article in enumerate(ordered):
        extract = extracts[i] or fresh[i]
        if i not in topics:
            topics[i] = matcher.assign(article, extract)
            matched_now.add(i)
        result.append(Analysed(article, extract, topics[i]))
    if cache is not None and topic_keys and matched_now:
        cache.put_extracts({topic_keys[i]: _topics_to_dict(topics[i]) for i in sorted(matched_now)})
    return result


def analyse_fresh(articles: Sequence[Article], settings: Settings,
                  progress: Callable[[int], None] | None = None) -> list[Worked]:
    """Extract and match topics for each article, in input order; in `build.workers` processes
    when there are at least workers.POOL_MIN_ITEMS, else here."""
    count = workers.pool_workers(len(articles), settings.build.workers)
    if count <= 1:
        return _analyse_chunk(list(articles), settings, progress)
    with workers.executor(count) as pool:
        return workers.run_chunks(pool, _analyse_chunk, workers.chunked(articles, count), settings,
                                  progress=progress)


def _analyse_chunk(articles: list[Article], settings: Settings,
                   progress: Callable[[int], None] | None = None) -> list[Worked]:
    """The work unit a process runs: plain articles and settings in, plain extracts and topics out."""
    matcher = TopicMatcher(settings.topics, settings.topic_rules)
    results: list[Worked] = []
    for article in articles:
        # Analysed once: the extract and the article page's sentence positions both come from it.
        document = analyse_text(article.title, article.text)
        extract = text_engine.extract(article, settings.digest.key_points, settings.digest.summary_sentences,
                                      document=document)
        spans = sentence_spans(article.text, [sentence.text for sentence in document.sentences])
        extract = replace(extract, sentence_spans=spans)
        results.append((extract, matcher.assign(article, extract)))
        if progress is not None:
            progress(len(results))
    return results
