"""Key points: short, self-contained, headline-style bullets made by compressing the best sentences.

Each rule removes a part a reader does not need to get the point (a leading "But", a time
phrase, a parenthesis, a trailing "he said", a trailing subordinate clause) only where what
is left still stands as a sentence; quotes are never cut open.
"""
from __future__ import annotations

import math
import re
from collections.abc import Mapping
from itertools import repeat

from newsdigest.text.document import Document, Sentence, content_words
from newsdigest.text.summary import Weights, dangles, rank, select
from newsdigest.text.wordlists import CONNECTIVES, SAY_VERBS, STOPWORDS

MAX_WORDS = 20          # a bullet aims at this length ...
CUT_ABOVE = 30          # ... but only sentences longer than this are cut: cutting shorter ones loses facts
_CUT_MIN, _CUT_MAX = 10, 32
# A trailing clause whose words recur in the article less than 0.7× as much as the head's is cut
# from sentences over 18 words (the head keeps at least 8): it is detail, not the point.
_THIN_TAIL_ABOVE, _THIN_TAIL_MIN_HEAD, _THIN_TAIL_RATIO = 18, 8, 0.7
# The same test on trailing place and time phrases ("… at a restaurant in Arlington"): adjuncts
# a sentence stands without, unlike "to"/"of"/"by" phrases that complete a verb or a noun.
ADJUNCT_STARTS = frozenset({"in", "at", "on", "during", "near", "across", "outside", "around", "within", "amid"})
_THIN_PHRASE_RATIO, _THIN_PHRASE_MIN_WORDS = 0.8, 12
# Lead bias dominates (news puts the point first); repeated words and names decide among the rest.
_KEYPOINT_WEIGHTS = Weights(position=4.0, centrality=1.0, title=0.6, informative=0.6, quote=0.0, long_words=60)
_STANDALONE_PENALTY = 0.5
_MAX_OVERLAP = 0.6

_PARENTHESIS = re.compile(r"\s*\([^()]{0,80}\)|\s*\[[^\[\]]{0,80}\]")
_LEADING_CONNECTIVE = re.compile(r"^(\w+)\b,?\s+")
_MONTHS = "january|february|march|april|may|june|july|august|september|october|november|december"
_TIME_NOUNS = rf"monday|tuesday|wednesday|thursday|friday|saturday|sunday|{_MONTHS}|week|month|year|morning|" \
    r"afternoon|evening|night|weekend|yesterday|today|(?:19|20)\d\d"
_LEADING_TIME = re.compile(
    rf"^(?:(?:on|in|at|by|since|until|earlier|later|last|this|next|late|early|over|during)\s+)(?:[\w'’-]+\s+){{0,4}}?"
    rf"(?:{_TIME_NOUNS})\b[^,\"“]{{0,15}},\s+|^(?:yesterday|today|earlier|later|meanwhile|now|recently|currently),\s+",
    re.IGNORECASE,
)
# A scene-setting phrase before the subject ("In an interview with the paper, …", "As the storm hit, …"),
# dropped only when at least _LEADING_PHRASE_REST words remain ("For those who survived, life…" keeps its phrase).
_LEADING_PHRASE = re.compile(
    r"^(?i:in|as|with|after|during|while|when|although|though|despite|since|before|amid|following|according to|"
    r"speaking|writing|under|at)\s[^,;\"“”]{3,90},\s+(?=[A-Z\"“]|(?:the|a|an|his|her|their|its)\s)")  # a subject
_LEADING_PHRASE_REST = 8
# "X, who …, said" loses its aside only in a run-on: measured on news highlights, the "who/which" aside of an
# ordinary sentence is content the reader wants (dropping it from sentences over 12 words cost 0.2 ROUGE-1).
_INNER_CLAUSE_ABOVE = 40
_SAY = "|".join(sorted(SAY_VERBS))
# Verbs that can follow their subject ("…, said the minister."); "told the paper" names the listener, not the speaker.
_SAY_INVERTED = "|".join(sorted(SAY_VERBS - {"told", "tells", "asked", "asks"}))
# Who is speaking at the end of a sentence: a pronoun, a name, or a short noun phrase ("one of the agencies").
_SPEAKER = r"(?:he|she|they|it|we|i|officials|police|experts|sources|[^,;\"“”]{3,60}?)"
# ", he said." / ", said Mr Smith." / ", according to police." at the very end of a sentence.
_TRAILING_ATTRIBUTION = re.compile(
    rf",\s+(?:{_SPEAKER}\s+(?:(?:has|have|had)\s+)?(?:{_SAY})"
    rf"|(?:{_SAY_INVERTED})\s+(?:the\s+|a\s+|an\s+)?(?:[A-Z]|police\b|officials\b)[^,.;\"“”]{{0,50}}?"
    rf"|according to [^,.;\"“”]{{1,60}}?)"
    rf"(?:\s+(?:on|last|this|in|at|during)\s[^,.;\"“”]{{1,30}}?)?\s*(?=[.!?]?$)"
)
# A non-restrictive clause in the middle: "The firm, which is based in Paris, said…" → "The firm said…".
_INNER_CLAUSE = re.compile(r",\s+(?:who|which|whose|now|currently|also|then)\s+[^,;\"“”]{3,70},\s+(?=[a-z])")
# Where a long sentence can be cut and its first part still read as a sentence.
_CLAUSE_BREAK = re.compile(
    r"(?=[,;:\s])(?:(?:,|\s+[-—–]+)\s+(?:which|who|whose|while|whereas|as|after|before|because|although|though|since|when|"
    r"but|and|with|despite|amid|following|including|prompting|leaving|making|saying|adding|according|so|where|"
    r"just|only|even|not|in|on|at)\b|;\s+|:\s+|\s+[-—–]+\s+|\s+(?:after|because|while|since|amid|despite|"
    r"following|before|where|which|who|but)\s+"
    r"|\s+(?:as|when)\s+(?=(?:the|a|an|he|she|they|it|his|her|their|its|[A-Z])\b))"
)


def key_points(doc: Document, count: int = 3) -> list[str]:
    """The article's `count` main points as short bullets, in the order the article tells them."""
    if not doc.english:
        return [_shorten_plain(s.text) for s in doc.sentences[:count]]  # positional fallback
    scores = rank(doc, _KEYPOINT_WEIGHTS)
    for sentence in doc.sentences:
        # A bullet stands alone: avoid "He said…", bare quotes and pieces of a quotation spread over sentences.
        if sentence.position > 0 and dangles(sentence, connectives_dropped=True):
            scores[sentence.position] *= _STANDALONE_PENALTY
        if sentence.text[0] in "\"“'‘":
            scores[sentence.position] *= _STANDALONE_PENALTY
        if not _quotes_balanced(sentence.text):
            scores[sentence.position] *= _STANDALONE_PENALTY
    points: list[str] = []
    for sentence in select(doc, scores, count, max_overlap=_MAX_OVERLAP, connectives_dropped=True):
        point = compress(sentence, doc.term_counts)
        if point and point not in points:
            points.append(point)
    return points


# The headline compresses the lead, which is nearly always a key point too: remember the last article's results.
_memo: tuple[object, dict[str, str]] = (None, {})


def compress(sentence: Sentence, term_counts: Mapping[str, int] | None = None) -> str:
    """Rewrite one sentence as a bullet of at most about MAX_WORDS words.

    With the article's `term_counts`, a trailing clause that carries little of what the
    article keeps repeating is cut even from a sentence of moderate length.
    """
    global _memo
    if _memo[0] is not term_counts:
        _memo = (term_counts, {})
    known = _memo[1].get(sentence.text)
    if known is None:
        known = _memo[1][sentence.text] = _compress(sentence.text, term_counts)
    return known


def _compress(text: str, term_counts: Mapping[str, int] | None) -> str:
    """compress() without the memo."""
    if "(" in text or "[" in text:  # the pattern is slow to scan for; most sentences have no brackets
        text = _PARENTHESIS.sub("", text)
    text = text.strip()
    text = _drop_leading_connective(text)
    text = _drop_leading_time(text)
    text = _drop_leading_phrase(text)
    text = _drop_trailing_attribution(text)
    size = len(text.split())  # words as whitespace-separated tokens
    if size > _INNER_CLAUSE_ABOVE:
        text = _drop_inner_clause(text)
        size = len(text.split())
    if term_counts is not None and size > _THIN_TAIL_ABOVE:
        text = _cut_thin_tail(text, term_counts) or (_cut_clause(text) if size > CUT_ABOVE else text)
    elif size > CUT_ABOVE:
        text = _cut_clause(text)
    if term_counts is not None:
        text = _trim_phrases(text, term_counts)
    return _finish(text)


def _trim_phrases(text: str, term_counts: Mapping[str, int]) -> str:
    """Trailing thin prepositional phrases off a bullet (see trim_thin_phrases)."""
    words = text.rstrip(".").split()
    if len(words) <= _THIN_PHRASE_MIN_WORDS:
        return text
    kept = trim_thin_phrases(words, term_counts, _THIN_PHRASE_MIN_WORDS)
    return " ".join(kept) if len(kept) < len(words) else text


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
    rest = text[match.end():]
    return rest if len(rest.split()) >= 6 else text


def _drop_leading_phrase(text: str) -> str:
    """ "In an op-ed published on Wednesday, Loeb explained…" → "Loeb explained…": the setting is not the point."""
    match = _LEADING_PHRASE.match(text)
    if not match:
        return text
    rest = text[match.end():]
    if len(rest.split()) < _LEADING_PHRASE_REST or not _quotes_balanced(rest):
        return text
    return rest


def _drop_trailing_attribution(text: str) -> str:
    """ "…is on track, the minister said." → "…is on track." when no quote is left open."""
    match = _TRAILING_ATTRIBUTION.search(text)
    if not match or match.start() < 20:
        return text
    head = text[:match.start()].rstrip(" ,")
    if len(head.split()) < 6 or not _quotes_balanced(head):
        return text
    return head


def _drop_inner_clause(text: str) -> str:
    """Remove non-restrictive clauses between commas; the main clause still reads on."""
    shorter = _INNER_CLAUSE.sub(" ", text)
    return shorter if _quotes_balanced(shorter) else text


def _cut_thin_tail(text: str, term_counts: Mapping[str, int]) -> str | None:
    """Cut at the first clause break whose tail is thinner in the article's recurring words than its head."""
    for match in _CLAUSE_BREAK.finditer(text):
        head = text[:match.start()]
        if len(head.split()) < _THIN_TAIL_MIN_HEAD or not _cuttable(head):
            continue
        if density(text[match.end():], term_counts) < _THIN_TAIL_RATIO * density(head, term_counts):
            return head
    return None


def density(text: str, term_counts: Mapping[str, int]) -> float:
    """Mean log-frequency in the article of the text's content words (how much of the story's core it carries)."""
    words = content_words(text)
    if not words:
        return 0.0
    # map, not a generator: this runs for every clause of every candidate bullet.
    # Rounded: the sum runs over a set, in an order that changes between runs; the result must not.
    return round(sum(map(math.log, map(term_counts.get, words, repeat(1)))) / len(words), 9)


def _cuttable(head: str) -> bool:
    """A head can stand alone: quotes closed, ending on a content word."""
    last = head.rsplit(None, 1)[-1].lower()
    return _quotes_balanced(head) and last[-1:].isalnum() and last not in STOPWORDS


def trim_thin_phrases(
    words: list[str], term_counts: Mapping[str, int], min_words: int, starts_with: frozenset[str] = ADJUNCT_STARTS
) -> list[str]:
    """Drop trailing phrases opened by `starts_with` whose words the article repeats less than the rest's."""
    while len(words) > min_words:
        starts = [i for i in range(min_words - 1, len(words)) if words[i].lower() in starts_with]
        if not starts:
            break
        last = starts[-1]
        head, tail = " ".join(words[:last]), " ".join(words[last:])
        if density(tail, term_counts) >= _THIN_PHRASE_RATIO * density(head, term_counts) or not _quotes_balanced(head):
            break
        before = words[last - 1].lower().strip(",;:")
        if before in STOPWORDS or before.endswith("ed"):
            break  # "King said | in a message", "was | on a ship", "premised | on": the phrase completes the verb
        words = words[:last]
    return words


def _cut_clause(text: str) -> str:
    """Cut a long sentence at the last clause break that keeps it between _CUT_MIN and _CUT_MAX words."""
    best = text
    for match in _CLAUSE_BREAK.finditer(text):
        head = text[:match.start()]
        words = len(head.split())
        if words > _CUT_MAX:
            break
        if words >= _CUT_MIN and _cuttable(head):
            best = head
    return best


def _quotes_balanced(text: str) -> bool:
    """True when every quote opened in `text` is closed, so cutting here breaks no quotation."""
    if '"' not in text and "“" not in text and "”" not in text:
        return True  # most sentences quote nobody
    return text.count("“") == text.count("”") and text.count('"') % 2 == 0


def _finish(text: str) -> str:
    """Capitalise the start and end with a full stop (or the sentence's own end mark)."""
    text = " ".join(text.split()).strip(" ,;:-—–")  # cuts can leave doubled spaces behind
    if not text:
        return ""
    text = text[0].upper() + text[1:]
    if text[-1] not in ".!?\"”'’" or text[-1] in "\"”'’" and text[-2:-1] not in (".", "!", "?", ","):
        text += "."
    return text


def _shorten_plain(text: str) -> str:
    """Positional fallback for languages without word lists: keep the first MAX_WORDS words."""
    words = text.split()
    return text if len(words) <= MAX_WORDS else " ".join(words[:MAX_WORDS]) + "…"
