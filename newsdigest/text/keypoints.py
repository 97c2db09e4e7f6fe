"""Key points: short, self-contained, headline-style bullets made by compressing the best sentences.

Each rule removes a part a reader does not need to get the point (a leading "But", a time
phrase, a parenthesis, a trailing "he said", a trailing subordinate clause) only where what
is left still stands as a sentence; quotes are never cut open.
"""
from __future__ import annotations

import re

from newsdigest.text.document import Document, Sentence
from newsdigest.text.summary import Weights, dangles, rank, select
from newsdigest.text.wordlists import CONNECTIVES, SAY_VERBS, TIME_WORDS

MAX_WORDS = 20
_KEYPOINT_WEIGHTS = Weights(position=1.4, centrality=1.0, title=0.6, informative=0.2, quote=-0.3, long_words=60)

_PARENTHESIS = re.compile(r"\s*\([^()]{0,80}\)|\s*\[[^\[\]]{0,80}\]")
_LEADING_CONNECTIVE = re.compile(r"^(\w+)\b,?\s+")
_LEADING_TIME = re.compile(
    r"^(?:(?:on|by|in|at|since|until|earlier|later|last|this|next|late|early)\s+)?[^,\"“]{0,30},\s+", re.IGNORECASE
)
_SAY = "|".join(sorted(SAY_VERBS))
_TRAILING_ATTRIBUTION = re.compile(
    rf",?\s+(?:(?:he|she|they|it|we|i|officials|police|experts|sources|the \w+|[A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*){{0,3}})"
    rf"\s+(?:{_SAY})|(?:{_SAY})\s+[^,.;\"“”]{{1,60}}?|according to [^,.;\"“”]{{1,60}}?)(?:\s+on \w+)?(?=[.!?]?$)"
)
# Where a long sentence can be cut and its first part still read as a sentence.
_CLAUSE_BREAK = re.compile(
    r"(?:,|\s+[-—–]+)\s+(?:which|who|while|whereas|as|after|before|because|although|though|since|when|"
    r"but|and|with|despite|amid|following|including|prompting|leaving|making|saying|adding|according)\b|;\s+|\s+[-—–]+\s+"
)
_WORD = re.compile(r"\S+")


def key_points(doc: Document, count: int = 3) -> list[str]:
    """The article's `count` main points as short bullets, in the order the article tells them."""
    if not doc.english:
        return [_shorten_plain(s.text) for s in doc.sentences[:count]]  # positional fallback
    scores = rank(doc, _KEYPOINT_WEIGHTS)
    for sentence in doc.sentences:
        if dangles(sentence) or sentence.text[0] in "\"“'‘":
            scores[sentence.index] *= 0.5  # a bullet must stand alone: avoid "He said…" and bare quotes
    points: list[str] = []
    for sentence in select(doc, scores, count + 2, max_overlap=0.45):
        point = compress(sentence)
        if point and point not in points:
            points.append(point)
    return points[:count]


def compress(sentence: Sentence) -> str:
    """Rewrite one sentence as a bullet of at most about MAX_WORDS words."""
    text = _PARENTHESIS.sub("", sentence.text).strip()
    text = _drop_leading_connective(text)
    text = _drop_leading_time(text)
    text = _drop_trailing_attribution(text)
    if len(_WORD.findall(text)) > MAX_WORDS:
        text = _cut_clause(text)
    return _finish(text)


def _drop_leading_connective(text: str) -> str:
    """ "But the firm said…" → "The firm said…": the bullet does not continue anything."""
    match = _LEADING_CONNECTIVE.match(text)
    if match and match.group(1).lower() in CONNECTIVES:
        return text[match.end():]
    return text


def _drop_leading_time(text: str) -> str:
    """ "On Tuesday, the court…" → "The court…": the when is rarely the point."""
    match = _LEADING_TIME.match(text)
    if not match:
        return text
    phrase = match.group(0).lower()
    if any(word in phrase for word in TIME_WORDS) or re.search(r"\d|month|week|year|morning|night|evening", phrase):
        rest = text[match.end():]
        return rest if len(rest.split()) >= 6 else text
    return text


def _drop_trailing_attribution(text: str) -> str:
    """ "…is on track, the minister said." → "…is on track." when no quote is left open."""
    match = _TRAILING_ATTRIBUTION.search(text)
    if not match or match.start() < 20:
        return text
    head = text[:match.start()].rstrip(" ,")
    if len(head.split()) < 6 or not _quotes_balanced(head):
        return text
    return head


def _cut_clause(text: str) -> str:
    """Cut a long sentence at the first clause break that leaves a sentence of 8+ words."""
    for match in _CLAUSE_BREAK.finditer(text):
        head = text[:match.start()]
        words = len(head.split())
        if words > MAX_WORDS + 4:
            break
        if words >= 8 and _quotes_balanced(head):
            return head
    return text


def _quotes_balanced(text: str) -> bool:
    """True when every quote opened in `text` is closed, so cutting here breaks no quotation."""
    return text.count("“") == text.count("”") and text.count('"') % 2 == 0


def _finish(text: str) -> str:
    """Capitalise the start and end with a full stop (or the sentence's own end mark)."""
    text = text.strip(" ,;:-—–")
    if not text:
        return ""
    text = text[0].upper() + text[1:]
    if text[-1] not in ".!?\"”'’":
        text += "."
    elif text[-1] in "\"”'’" and text[-2:-1] not in (".", "!", "?", ","):
        text += "."
    return text


def _shorten_plain(text: str) -> str:
    """Positional fallback for languages without word lists: keep the first MAX_WORDS words."""
    words = text.split()
    return text if len(words) <= MAX_WORDS else " ".join(words[:MAX_WORDS]) + "…"
