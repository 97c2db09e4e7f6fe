"""Where each analysed sentence stands in an article's text, kept small enough to store with the extract.

The analyse stage locates the sentences once (`sentence_spans`); the article page gets them back
(`from_spans`) without analysing the text again.
"""
from __future__ import annotations

from collections.abc import Sequence


def sentence_spans(text: str, sentences: Sequence[str]) -> tuple[tuple[int, int, str] | str, ...]:
    """Each analysed sentence as where it stands in `text` (start, end, the stop dropped to find it),
    or as itself when it is not there word for word: small to store, and `from_spans` gives back
    exactly the sentences and positions that analysing the text again would."""
    found = locate(text, sentences)
    spans: list[tuple[int, int, str] | str] = []
    for position, sentence in enumerate(sentences):
        if position in found:
            start, end = found[position]
            spans.append((start, end, sentence[end - start:]))
        else:
            spans.append(sentence)
    return tuple(spans)


def from_spans(text: str, spans: Sequence[Sequence[int | str] | str]) -> tuple[list[str], dict[int, tuple[int, int]]]:
    """The sentences and their located positions back from `sentence_spans` (stored as JSON: lists)."""
    sentences: list[str] = []
    located: dict[int, tuple[int, int]] = {}
    for position, span in enumerate(spans):
        if isinstance(span, str):
            sentences.append(span)
            continue
        start, end, dropped = int(span[0]), int(span[1]), str(span[2])
        sentences.append(text[start:end] + dropped)
        located[position] = (start, end)
    return sentences, located


def locate(text: str, sentences: Sequence[str]) -> dict[int, tuple[int, int]]:
    """Where each analysed sentence stands in the article text (start, end), found in order.

    Analysis may have dropped a dateline before the first sentence or given a glued caption its own
    full stop: a sentence is looked for as it is, then without that stop; one not found has no anchor.
    """
    found: dict[int, tuple[int, int]] = {}
    cursor = 0
    for position, sentence in enumerate(sentences):
        for probe in (sentence, sentence[:-1]):
            at = text.find(probe, cursor) if probe else -1
            if at >= 0:
                found[position] = (at, at + len(probe))
                cursor = at + len(probe)
                break
    return found
