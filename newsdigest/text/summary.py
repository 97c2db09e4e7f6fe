"""Summary: the most informative sentences, picked by several signals and shown in document order.

Ranking (how good is each sentence) is kept apart from selection (which ones go together),
as in sumy: the key points reuse the same ranking with their own selection.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from newsdigest.text.document import Document, Sentence, Signals, sentence_signals
from newsdigest.text.wordlists import CONNECTIVES, DANGLING_OPENERS


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


def rank(doc: Document, weights: Weights = Weights()) -> list[float]:
    """Score every sentence of `doc`; higher is more worth showing, -1 for what is not prose."""
    return _scores(doc.signals, weights)


def score_unterminated(doc: Document, sentence: Sentence, weights: Weights = Weights()) -> float:
    """The score `sentence` would have as terminated prose (for a standfirst, which web copy leaves without a stop)."""
    signal = sentence_signals(sentence._replace(terminated=True), doc.term_counts, doc.title_words)
    return _scores([signal], weights)[0]


def _scores(evidence: Sequence[Signals], weights: Weights) -> list[float]:
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


TEASER_SENTENCES = 2  # an item this short is a teaser: its key point says it all, a summary would repeat it


def summary_sentences(doc: Document, count: int = 3) -> list[Sentence]:
    """The `count` best sentences of the article, in the order it tells them (none for a teaser)."""
    if len(doc.sentences) <= TEASER_SENTENCES:
        return []
    if not doc.english:
        return list(doc.sentences[:count])  # positional fallback without word lists
    return select(doc, rank(doc), count)


def summarize(doc: Document, count: int = 3) -> list[str]:
    """The texts of summary_sentences()."""
    return [sentence.text for sentence in summary_sentences(doc, count)]
