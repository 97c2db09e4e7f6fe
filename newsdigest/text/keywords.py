"""Keywords: the 5–8 terms that characterise an article, for tags, related articles and story grouping.

Names (runs of capitalised words) and repeated content words score by how often they
recur, how early they appear (the lead names the subject) and whether the title uses them.
"""
from __future__ import annotations

import re
from collections import Counter

from newsdigest.text.document import Document, content_words
from newsdigest.text.wordlists import STOPWORDS

MIN_KEYWORDS, MAX_KEYWORDS = 5, 8
_LEAD_SENTENCES = 3
_NAME = re.compile(r"[A-Z][\w’'&-]*(?:\s+(?:of\s+|de\s+|van\s+|von\s+)?[A-Z][\w’'&-]*)*")
_POSSESSIVE = re.compile(r"['’]s?(?=\s|$)")  # "Russia's" → "Russia": tags name the thing
_NAME_EDGE_WORDS = STOPWORDS | {"but", "and", "if", "as", "so", "mr", "mrs", "ms", "dr", "sir"}


def keywords(doc: Document) -> tuple[str, ...]:
    """The article's most characteristic names and terms, best first."""
    scores: Counter[str] = Counter()
    display: dict[str, str] = {}
    # Names in the lead count more: the first sentences say who and what the story is about.
    lead = " ".join(sentence.text for sentence in doc.sentences[:_LEAD_SENTENCES])
    rest = " ".join(sentence.text for sentence in doc.sentences[_LEAD_SENTENCES:])
    for text, weight in ((lead, 1.5), (rest, 1.0)):
        for name in _names(text):
            key = name.lower()
            display.setdefault(key, name)
            scores[key] += weight * (1.5 if " " in name else 1.2)
    for word, count in doc.term_counts.items():
        if count >= 2 and word not in scores and len(word) > 3 and not word.isdigit():
            scores[word] += count
            display.setdefault(word, word)
    for word in content_words(doc.title):
        if word in scores:
            scores[word] *= 1.5
    return _pick(scores, display)


def _names(text: str) -> list[str]:
    """Runs of capitalised words with sentence-opening function words trimmed off."""
    names = []
    for found in _NAME.findall(text):
        if found.lower() in _NAME_EDGE_WORDS:
            continue  # the common case: a sentence-opening "The" or "But"
        words = found.split()
        while words and words[0].lower().strip("’'") in _NAME_EDGE_WORDS:
            words.pop(0)
        while words and words[-1].lower() in _NAME_EDGE_WORDS:
            words.pop()
        if words and len(words) <= 4 and len(words[0]) > 1:
            names.append(_POSSESSIVE.sub("", " ".join(words)))
    return names


def _pick(scores: Counter[str], display: dict[str, str]) -> tuple[str, ...]:
    """Best-scoring terms, skipping ones already inside a chosen phrase."""
    chosen: list[str] = []
    for key, _score in sorted(scores.items(), key=lambda item: (-item[1], item[0])):
        if len(chosen) >= MAX_KEYWORDS:
            break
        if any(key in other.split() or other in key.split() for other in chosen):
            continue
        chosen.append(key)
    return tuple(display[key] for key in chosen)
