"""Summary: the most informative sentences, picked by several signals and shown in document order.

Ranking (how good is each sentence) is kept apart from selection (which ones go together),
as in sumy: the key points reuse the same ranking with their own selection.
"""
from __future__ import annotations

import math
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import NamedTuple

from newsdigest.text.document import FIXED_LOG, LOG_SCALE, Document, Sentence
from newsdigest.text.wordlists import CONNECTIVES, DANGLING_OPENERS

_DIGITS = "0123456789"
_CAPITALISED = re.compile(r" [A-Z][a-z]")   # a capitalised word inside the sentence: a name


@dataclass(frozen=True)
class Weights:
    """How much each signal counts; the defaults suit news prose."""

    position: float = 1.0       # lead bias: news puts the point first
    centrality: float = 1.0     # words the rest of the article repeats
    title: float = 0.6          # words shared with the headline
    informative: float = 0.3    # names and numbers carry the facts
    quote: float = 0.4          # quoted phrases inside reported speech (the story in its actors' words)
    short_words: int = 8        # fewer words than this reads as a fragment
    long_words: int = 45        # more words than this reads as a run-on


class Signals(NamedTuple):
    """Raw per-sentence evidence, computed once per article and weighted differently per use."""

    usable: bool          # terminated prose with content words
    position: float       # 1 / sqrt(1 + index)
    central: float        # mean log-frequency of the sentence's words in the article
    title: float          # share of the title's content words the sentence contains
    informative: float    # numbers and capitalised names, capped at 1
    quote: float          # 1 when reported speech carries a quoted phrase
    size: int             # words


# tuple.__new__ builds the record in C (the NamedTuple constructor is a Python function, run per sentence).
_new_signals = tuple.__new__
_FIXED_LOG_OF = FIXED_LOG.__getitem__
_POSITION = [1.0 / math.sqrt(1.0 + index) for index in range(64)]  # lead bias by sentence index, looked up
_cache: list[tuple[Document, list[Signals]]] = []


def signals(doc: Document) -> list[Signals]:
    """Signals for every sentence of `doc` (the last article's are reused: summary and key points share them)."""
    if _cache and _cache[0][0] is doc:
        return _cache[0][1]
    result = [_signals(sentence, doc.term_counts, doc.title_words) for sentence in doc.sentences]
    _cache[:] = [(doc, result)]
    return result


def _signals(sentence: Sentence, counts: Mapping[str, int], title_words: frozenset[str]) -> Signals:
    content = sentence.content
    if not sentence.terminated or not content:
        return Signals(False, 0.0, 0.0, 0.0, 0.0, 0.0, len(sentence.words))
    # Every content word is counted, so the lookups cannot miss; map keeps the loop in C. Fixed-point logs: the
    # sum runs over a set, in an order that changes between runs, and an integer sum is the same in any order.
    central = sum(map(_FIXED_LOG_OF, map(counts.__getitem__, content))) / ((len(content) + 4) * LOG_SCALE)
    text = sentence.text
    # any(map(text.__contains__, digits)): ten substring scans in C, faster than a regex search per sentence.
    informative = 0.4 * any(map(text.__contains__, _DIGITS)) + 0.15 * len(_CAPITALISED.findall(text))
    return _new_signals(Signals, (
        True,
        _POSITION[sentence.position] if sentence.position < len(_POSITION) else 1.0 / math.sqrt(1.0 + sentence.position),
        central,
        len(content & title_words) / len(title_words) if title_words else 0.0,
        informative if informative < 1.0 else 1.0,  # noqa: FURB136 - a comparison costs less than a min() call
        # A quoted phrase inside reported speech ("called the talks “fruitful”") carries the story's characterisation.
        1.0 if text[0] not in "\"“'‘" and ('"' in text or "“" in text) else 0.0,
        len(sentence.words),
    ))


def rank(doc: Document, weights: Weights = Weights()) -> list[float]:
    """Score every sentence of `doc`; higher is more worth showing, -1 for what is not prose."""
    return _scores(signals(doc), weights)


def score_unterminated(doc: Document, sentence: Sentence, weights: Weights = Weights()) -> float:
    """The score `sentence` would have as terminated prose (for a standfirst, which web copy leaves without a stop)."""
    signal = _signals(sentence._replace(terminated=True), doc.term_counts, doc.title_words)
    return _scores([signal], weights)[0]


def _scores(evidence: list[Signals], weights: Weights) -> list[float]:
    """Combine position, centrality, title overlap, informative tokens and length into one score per sentence.

    Subheads and captions without a final stop are not prose: -1. One comprehension with the weights
    read once, not a call per sentence: this runs twice for every sentence of every article.
    """
    short, long = weights.short_words, weights.long_words
    position, central, title = weights.position, weights.centrality, weights.title
    informative, quote = weights.informative, weights.quote
    return [
        (1.0 if short <= signal.size <= long else 0.5) * (
            position * signal.position + central * signal.central + title * signal.title
            + informative * signal.informative + quote * signal.quote
        ) if signal.usable else -1.0
        for signal in evidence
    ]


def dangles(sentence: Sentence, connectives_dropped: bool = False) -> bool:
    """True when the sentence opens with a word that leans on the sentence before it.

    With `connectives_dropped` (key points remove a leading "Meanwhile,"), only a pronoun
    left at the front ("But he said…" → "He said…") still leans on what came before.
    """
    words = sentence.words
    first = words[0]
    if connectives_dropped and first in CONNECTIVES and len(words) > 1:
        first = words[1]
    elif first in CONNECTIVES:
        return True
    return first in DANGLING_OPENERS


def select(
    doc: Document, scores: list[float], count: int, max_overlap: float = 0.5, connectives_dropped: bool = False
) -> list[Sentence]:
    """Pick up to `count` high scorers without repeats or dangling openers, in document order."""
    # Best first, ties in document order: reverse=True keeps a sort stable, and needs no (score, index) tuples.
    order = sorted(range(len(scores)), key=scores.__getitem__, reverse=True)
    picked: list[Sentence] = []
    chosen: set[int] = set()
    for index in order:
        if len(picked) >= count or scores[index] < 0:
            break
        sentence = doc.sentences[index]
        # A dangling "But he said..." is only shown after the sentence it leans on.
        if index > 0 and dangles(sentence, connectives_dropped) and index - 1 not in chosen:
            continue
        if any(overlap(sentence, other) > max_overlap for other in picked):
            continue
        picked.append(sentence)
        chosen.add(index)
    return sorted(picked, key=lambda s: s.position)


def overlap(first: Sentence, second: Sentence) -> float:
    """Share of the smaller sentence's content words found in the other."""
    if not first.content or not second.content:
        return 0.0
    return len(first.content & second.content) / min(len(first.content), len(second.content))


def summarize(doc: Document, count: int = 3) -> list[str]:
    """The `count` best sentences of the article, in the order it tells them."""
    if not doc.english:
        return [s.text for s in doc.sentences[:count]]  # positional fallback without word lists
    return [s.text for s in select(doc, rank(doc), count)]
