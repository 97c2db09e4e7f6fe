"""Summary: the most informative sentences, picked by several signals and shown in document order.

Ranking (how good is each sentence) is kept apart from selection (which ones go together),
as in sumy: the key points reuse the same ranking with their own selection.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass

from newsdigest.text.document import Document, Sentence, content_words
from newsdigest.text.wordlists import CONNECTIVES, DANGLING_OPENERS

_NUMBER = re.compile(r"\d")
_CAPITALISED = re.compile(r"(?<=\s)[A-Z][a-z]+")
_QUOTE = re.compile(r"[\"“”]")


@dataclass(frozen=True)
class Weights:
    """How much each signal counts; the defaults suit news prose."""

    position: float = 1.0       # lead bias: news puts the point first
    centrality: float = 1.0     # words the rest of the article repeats
    title: float = 0.6          # words shared with the headline
    informative: float = 0.3    # names and numbers carry the facts
    quote: float = 0.0          # direct speech (summaries like it, key points less)
    short_words: int = 8        # fewer words than this reads as a fragment
    long_words: int = 45        # more words than this reads as a run-on


def rank(doc: Document, weights: Weights = Weights()) -> list[float]:
    """Score every sentence of `doc`; higher is more worth showing."""
    title_words = content_words(doc.title)
    return [_score(sentence, doc, title_words, weights) for sentence in doc.sentences]


def _score(sentence: Sentence, doc: Document, title_words: frozenset[str], weights: Weights) -> float:
    """Combine position, centrality, title overlap, informative tokens and length into one score."""
    if not sentence.terminated or not sentence.content:
        return -1.0  # subheads and captions without a final stop are not prose
    counts = doc.term_counts
    central = sum(math.log(counts[word]) for word in sentence.content) / (len(sentence.content) + 4)
    position = 1.0 / math.sqrt(1.0 + sentence.index)
    title = len(sentence.content & title_words) / len(title_words) if title_words else 0.0
    text = sentence.text
    informative = min(1.0, (len(_NUMBER.findall(text)) > 0) * 0.4 + len(_CAPITALISED.findall(text)) * 0.15)
    quote = 1.0 if _QUOTE.search(text) else 0.0
    size = len(sentence.words)
    length = 1.0 if weights.short_words <= size <= weights.long_words else 0.5
    return length * (
        weights.position * position + weights.centrality * central + weights.title * title
        + weights.informative * informative + weights.quote * quote
    )


def dangles(sentence: Sentence) -> bool:
    """True when the sentence opens with a word that leans on the sentence before it."""
    first = sentence.words[0]
    return first in CONNECTIVES or first in DANGLING_OPENERS


def select(doc: Document, scores: list[float], count: int, max_overlap: float = 0.5) -> list[Sentence]:
    """Pick up to `count` high scorers without repeats or dangling openers, in document order."""
    order = sorted(range(len(scores)), key=lambda i: (-scores[i], i))
    picked: list[Sentence] = []
    chosen: set[int] = set()
    for index in order:
        if len(picked) >= count or scores[index] < 0:
            break
        sentence = doc.sentences[index]
        # A dangling "But he said..." is only shown after the sentence it leans on.
        if index > 0 and dangles(sentence) and index - 1 not in chosen:
            continue
        if any(_overlap(sentence, other) > max_overlap for other in picked):
            continue
        picked.append(sentence)
        chosen.add(index)
    return sorted(picked, key=lambda s: s.index)


def _overlap(first: Sentence, second: Sentence) -> float:
    """Share of the smaller sentence's content words found in the other."""
    if not first.content or not second.content:
        return 0.0
    return len(first.content & second.content) / min(len(first.content), len(second.content))


def summarize(doc: Document, count: int = 3) -> list[str]:
    """The `count` best sentences of the article, in the order it tells them."""
    if not doc.english:
        return [s.text for s in doc.sentences[:count]]  # positional fallback without word lists
    return [s.text for s in select(doc, rank(doc), count)]
