"""One article analysed once: cleaned sentences with the word facts every rule family reads.

Built a single time per article so that summary, key points, headline and keywords share
the tokenising work (the speed target is thousands of articles per second).
"""
from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cached_property
from itertools import filterfalse
from typing import NamedTuple

from newsdigest.text.sentences import split_sentences
from newsdigest.text.wordlists import STOPWORDS

_WORD = re.compile(r"\w+(?:['’]\w+)*")
# Datelines and agency tags that open wire copy: "(CNN)", "LONDON (Reuters) -", "Paris, France (AP) —".
# A place before the tag needs the dash after it: "General Motors (GM) saw…" is a subject, not a dateline.
_DATELINE = re.compile(r"^\s*(?:\((?:[A-Z][\w.&' ]{0,24})\)\s*(?:[-—–:]+\s*)?"
                       r"|[A-Z][\w.,' ]{0,40}?\s*\((?:[A-Z][\w.&' ]{0,24})\)\s*[-—–:]+\s*)")
_BOILERPLATE = re.compile(
    r"^(?:by\b.{0,60}$|by \.|published:|updated:|last updated|share this|share on|read more|click here|"
    r"follow (?:us|him|her|@|our)|get our|download our|sign up|subscribe|image (?:source|copyright|caption)|photo(?:graph)?:|"
    r"picture:|copyright|all rights reserved|advertisement|related:|see also|watch:|listen:|"
    r"this (?:story|article) (?:was|has been)|scroll |(?-i:VIDEO) )",
    re.IGNORECASE,
)
# Web copy often glues a photo caption to the next sentence with no stop between them:
# "...in her bedroom The nun was found..." (a capitalised "The", "An", "It", "He"… mid-sentence starts a new one).
_GLUED = re.compile(  # checks ordered cheapest first: this runs at every space of the article
    r" (?=[TAIHSW])(?=(?:The|An|It|He|She|They|We|His|Her|Their|This|These) [a-z0-9])(?<=[a-z0-9)] )")
_TERMINAL = ".!?\"'”’)…"
_LANGUAGE_SAMPLE = 8  # sentences read to tell English from other languages


class _FixedLogs(dict[int, int]):
    """log(count) as a fixed-point integer, for counts of words in an article (filled in on first use past the table)."""

    def __missing__(self, count: int) -> int:
        value = self[count] = round(math.log(count) * LOG_SCALE) if count > 0 else 0
        return value


# Scores sum the logs of word counts over sets of words, and a set's order changes with the hash seed. Integer sums
# are exact in any order, so fixed-point logs give the same score in every run without rounding every score.
LOG_SCALE = 1 << 32
FIXED_LOG = _FixedLogs((count, round(math.log(count) * LOG_SCALE) if count else 0) for count in range(1024))


class Sentence(NamedTuple):
    """A sentence with the word facts the scoring rules use (a tuple: thousands are made per second)."""

    position: int                   # order among the usable sentences, from 0
    text: str
    words: tuple[str, ...]          # lower-cased word tokens
    content: frozenset[str]         # lower-cased words that carry meaning (no stopwords)
    terminated: bool                # ends like a sentence (not a subhead or a caption fragment)


# tuple.__new__ builds a Sentence in C; the NamedTuple constructor is a Python function (~0.4 µs × 20 per article).
_new_sentence = tuple.__new__


class Signals(NamedTuple):
    """Raw per-sentence ranking evidence, computed once per article and weighted differently per use."""

    usable: bool          # terminated prose with content words
    position: float       # 1 / sqrt(1 + index)
    central: float        # mean log-frequency of the sentence's words in the article
    title: float          # share of the title's content words the sentence contains
    informative: float    # numbers and capitalised names, capped at 1
    quote: float          # 1 when reported speech carries a quoted phrase
    size: int             # words


_new_signals = tuple.__new__
_DIGITS = "0123456789"
_CAPITALISED = re.compile(r" [A-Z][a-z]")   # a capitalised word inside the sentence: a name


@dataclass(frozen=True)
class Document:
    """The analysed article: usable sentences, word counts, and whether English rules apply."""

    title: str
    sentences: tuple[Sentence, ...]
    term_counts: Counter[str]
    english: bool

    @cached_property
    def body(self) -> str:
        """The usable sentences joined by line breaks: built once, scanned by both keywords and headline."""
        return "\n".join([sentence.text for sentence in self.sentences])

    @cached_property
    def title_words(self) -> frozenset[str]:
        """The title's content words (signals, keywords and headline each compare with them)."""
        return content_words(self.title)

    @cached_property
    def signals(self) -> tuple[Signals, ...]:
        """Ranking evidence per sentence: made once per article, shared by summary and key points."""
        return tuple(sentence_signals(sentence, self.term_counts, self.title_words) for sentence in self.sentences)

    @cached_property
    def shortened(self) -> dict[int, str]:
        """Memo of each sentence's safe shortening by position, filled by text.compress.shortened on first use
        (the headline and the key points both shorten the lead)."""
        return {}

    def body_from(self, position: int) -> str:
        """The body from the sentence at `position` on ("" past the end), sliced rather than joined again."""
        start = sum(len(sentence.text) + 1 for sentence in self.sentences[:position])
        return self.body[start:]


def analyse(title: str, text: str) -> Document:
    """Clean and segment `text`, tokenise each sentence once, count content words."""
    # No-break spaces from web copy would hide word boundaries from the rules below.
    text = _DATELINE.sub("", text.replace("\xa0", " ").lstrip(), count=1)
    # A glued caption or teaser is a sentence of its own: give it the full stop the page layout replaced.
    raw = split_sentences(_GLUED.sub(".\n", text))
    sentences: list[Sentence] = []
    every_content: list[str] = []
    stop_hits = total = 0
    is_stopword = STOPWORDS.__contains__
    for raw_sentence in raw:
        if len(raw_sentence) < 3 or _BOILERPLATE.match(raw_sentence):
            continue
        words = tuple(_WORD.findall(raw_sentence.lower()))
        if not words:
            continue
        # One pass over the words yields both the content set and (by subtraction) the stopword count.
        meaningful = list(filterfalse(is_stopword, words))
        content = frozenset(meaningful)
        if len(sentences) < _LANGUAGE_SAMPLE:
            # One-letter words ("w", "z", "a", "i" in Polish) are function words in many languages: not evidence.
            stop_hits += len(words) - len(meaningful) - sum(1 for word in words if len(word) == 1)
            total += len(words)
        every_content.extend(content)
        terminated = raw_sentence[-1] in _TERMINAL
        sentences.append(_new_sentence(Sentence, (len(sentences), raw_sentence, words, content, terminated)))
    return Document(title, tuple(sentences), Counter(every_content), _english(stop_hits, total))


def looks_english(text: str) -> bool:
    """The same test as a Document's `english`, on a short text such as an article's key points."""
    words = _WORD.findall(text.lower())
    stop_hits = sum(1 for word in words if word in STOPWORDS and len(word) > 1)
    return _english(stop_hits, len(words))


def _english(stop_hits: int, total: int) -> bool:
    # English function words make up a third or more of English running text; far less means another language.
    return total > 0 and stop_hits / total > 0.2


_FIXED_LOG_OF = FIXED_LOG.__getitem__
_POSITION = [1.0 / math.sqrt(1.0 + index) for index in range(64)]  # lead bias by sentence index, looked up


def sentence_signals(sentence: Sentence, counts: Mapping[str, int], title_words: frozenset[str]) -> Signals:
    """Position, centrality, title overlap, names and numbers, quotes and length of one sentence."""
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


def content_words(text: str) -> frozenset[str]:
    """Lower-cased meaning-carrying words of a short text such as a title."""
    return frozenset(_WORD.findall(text.lower())).difference(STOPWORDS)
