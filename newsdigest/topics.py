"""Topic assignment from explainable rules: weighted terms plus feed, link-section, category and author evidence.

A topic needs two pieces of evidence, or one strong one (a term of the lexicon's strong grade, a multi-word
term, or a feed/section/category/author signal); a word with a common second sense ("strikers", "injured",
"review") only adds weight to a topic other evidence already makes; generic words of government count for
World when the article names a place abroad and no domestic institution. Below that, the fallback topic:
no topic is better than a wrong one. Every assigned topic carries its reasons (matched terms and what each
added to the score), so a reader can see why an article sits under "Technology".
"""
from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from urllib.parse import urlsplit

from newsdigest.lexicon import CONTEXT_ONLY, GENERIC_GOVERNMENT, INCIDENTS, NAMES, PLACES, URL_SECTIONS, lexicon_for
from newsdigest.model import Article, Extract, TopicMatch
from newsdigest.settings import TopicRules, TopicSettings
from newsdigest.text.stem import stem as package_stem
from newsdigest.urls import slugify

# Scoring constants. Scores are on one scale so `TopicRules.threshold` (default 1.0) reads as
# "one typical term (weight 1) in the title or lead, or two different ones further down".
TITLE_WEIGHT = 1.5          # the headline states what the article is about
LEAD_BOOST = 2.0            # news puts the point first: a lead mention counts as two body mentions
LEAD_MAX_TOKENS = 60        # a long first paragraph is not all lead
BODY_REFERENCE_TOKENS = 300 # text longer than this is scaled down, so long articles don't win every topic
SECONDARY_RATIO = 0.5       # a second topic must score at least half the best one
FEED_WEIGHT = 2.0           # a feed configured to imply the topic
CATEGORY_WEIGHT = 1.5       # a feed/entry category naming the topic
AUTHOR_WEIGHT = 3.0         # an author-given topic: strong, but other evidence can still add topics
EXPLAIN_TERMS = 5
# One piece of evidence files an article only when it is strong: a term of at least this weight (the lexicon's
# "strong" grade), a multi-word term, or a feed/section/category/author signal. Otherwise two pieces are needed.
STRONG_WEIGHT = 2.0
URL_SECTION_WEIGHT = 2.0    # the outlet's own section in the link (/sport/…): an editor filed it there
# A violent or disaster event beside a place abroad ("Bus plunge in Pakistan kills 40"): one piece of World
# evidence, so with the place it makes two.
INCIDENT_WEIGHT = 1.5
IN_CONTEXT = " (in context)"
ABROAD = " (abroad)"
# Article.topics come from front matter (local files) or a feed's configured topics.
GIVEN_PREFIXES = ("author topic: ", "feed topic: ")

# Words (letters and digits together, so "MP3" and "3G" stay whole) and the punctuation that ends a clause.
_TOKEN = re.compile(r"\w+(?:['’]\w+)?|[.!?;:]")
_SENTENCE_END = frozenset(".!?;:")
_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")
# A web address in the text ("Article URL: https://…/politics/…" in an aggregator's teaser) is not what the
# article says; its words would be the link's section by another road (the link is its own evidence).
_WEB_ADDRESS = re.compile(r"\b(?:https?://|www\.)\S+")
# Words capitalised only because they start a sentence; they never make a name.
_STARTERS = frozenset((
    "The", "A", "An", "In", "On", "At", "But", "And", "For", "Of", "To", "It", "Its", "This", "That",
    "These", "Those", "He", "She", "They", "We", "I", "If", "As", "By", "With", "From", "After", "Before",
    "When", "While", "Now", "Then", "There", "Here", "Some", "Many", "Most", "All", "One", "Two", "Three",
    "Last", "Next", "New", "Our", "His", "Her",
))


# The package's one stemmer (possessive and plural only: topic terms are nouns), memoised per process
# because topic matching stems every token of every article.
_stem = lru_cache(maxsize=262_144)(package_stem)


# A URL path segment that is a section name, with a trailing story number dropped ("business-64123456").
_SECTION_SEGMENT = re.compile(r"^([a-z][a-z0-9-]*?)(?:-\d+)?$")
SECTION_SEGMENTS = 4    # sections sit at the start of a path: /en-us/news/politics/…, /2023/01/05/technology/…


def url_section(url: str) -> str | None:
    """The built-in topic slug a URL's path names as its section (/sport/…, /2023/…/technology/…), or None."""
    segments = [s for s in urlsplit(url).path.lower().split("/") if s and not s.isdigit()]
    for segment in segments[:SECTION_SEGMENTS]:
        found = _SECTION_SEGMENT.match(segment)
        if found and found.group(1) in URL_SECTIONS:
            return URL_SECTIONS[found.group(1)]
    return None


def _is_cased(term: str) -> bool:
    return any(ch.isupper() for ch in term)


@dataclass(frozen=True)
class _Tokens:
    """A text as stems (cased and lower-case), with the raw tokens kept for the name test."""

    raw: tuple[str, ...]
    cased: tuple[str, ...]
    lower: tuple[str, ...]
    case_free: bool = False     # Title Case headline: capitals say nothing about names
    caseless: bool = False      # all lower-case or all capitals: "Apple" must match "apple" / "APPLE"

    def in_name(self, i: int) -> bool:
        """A capitalised word next to another one: "Gordon Brown", "European Union"."""
        if self.case_free or not self.raw[i][:1].isupper():
            return False
        return self._naming(i - 1) or self._naming(i + 1)

    def _naming(self, i: int) -> bool:
        return 0 <= i < len(self.raw) and self.raw[i][:1].isupper() and self.raw[i] not in _STARTERS


def _tokenize(text: str, case_free: bool = False) -> _Tokens:
    """Split into tokens and stems; punctuation that ends a clause is kept so phrases never span it."""
    raw = tuple(_TOKEN.findall(text))
    cased = tuple(map(_stem, raw))
    caseless = text.islower() or text.isupper()
    return _Tokens(raw, cased, tuple(map(str.lower, cased)), case_free or caseless, caseless)


def _word_count(tokens: Sequence[str]) -> int:
    return len(tokens) - sum(map(_SENTENCE_END.__contains__, tokens))


def _positions(seq: tuple[str, ...], item: str, start: int, end: int) -> Iterator[int]:
    """Indexes of `item` in seq[start:end], found at C speed."""
    i = start
    while True:
        try:
            i = seq.index(item, i, end)
        except ValueError:
            return
        yield i
        i += 1


def _is_title_case(title: str) -> bool:
    """True when most longer words of a headline are capitalised ("Apple Unveils New Chip")."""
    words = [w for w in _TOKEN.findall(title) if len(w) > 3]
    return len(words) >= 2 and sum(w[:1].isupper() for w in words) >= 0.6 * len(words)


@dataclass(frozen=True)
class _Pattern:
    topic: int
    label: str        # the term as written in the config or lexicon
    weight: float
    phrase: bool = False    # several words: a multi-word term is strong evidence on its own

    def context_only(self) -> bool:
        """A single word with a common second sense ("strike", "review"): it counts only beside other evidence."""
        return not self.phrase and self.label.lower() in CONTEXT_ONLY

    def strong(self) -> bool:
        return self.phrase or self.weight >= STRONG_WEIGHT


Table = dict[str, list[int]]
PhraseTable = dict[str, list[tuple[tuple[str, ...], int]]]


class _PatternIndex:
    """Single words and phrases in a cased and a case-free table; phrases indexed by their first stem."""

    def __init__(self) -> None:
        self.patterns: list[_Pattern] = []
        self._keys: dict[tuple[int, bool, tuple[str, ...]], int] = {}
        self.cased_words: Table = {}
        self.lower_words: Table = {}
        self.cased_phrases: PhraseTable = {}
        self.lower_phrases: PhraseTable = {}
        self.folded_words: Table = {}           # cased terms by lower-case stems, for caseless text
        self.folded_phrases: PhraseTable = {}

    def add(self, topic: int, term: str, weight: float) -> None:
        """Add a term; a repeated term of one topic keeps its strongest weight."""
        cased = _is_cased(term)
        stems = tuple(_stem(tok) for tok in _TOKEN.findall(term) if tok not in _SENTENCE_END)
        if not stems:
            return
        if not cased:
            stems = tuple(stem.lower() for stem in stems)
        key = (topic, cased, stems)
        if key in self._keys:
            index = self._keys[key]
            if abs(weight) > abs(self.patterns[index].weight):
                self.patterns[index] = replace(self.patterns[index], weight=weight)
            return
        index = self._keys[key] = len(self.patterns)
        self.patterns.append(_Pattern(topic, term, weight, len(stems) > 1))
        folded = tuple(stem.lower() for stem in stems)
        if len(stems) == 1:
            (self.cased_words if cased else self.lower_words).setdefault(stems[0], []).append(index)
            if cased:
                self.folded_words.setdefault(folded[0], []).append(index)
        else:
            (self.cased_phrases if cased else self.lower_phrases).setdefault(stems[0], []).append((stems[1:], index))
            if cased:
                self.folded_phrases.setdefault(folded[0], []).append((folded[1:], index))

    def hits(self, tokens: _Tokens, start: int = 0, end: int | None = None) -> Counter[int]:
        """How often each pattern occurs in tokens[start:end] (a phrase may run on past `end`).

        Where matches overlap, the longest wins: "bird flu" is not also "bird", "Supreme Court" not also
        "court", "quantum computing" not also "quantum" (the words of a term are the term, not evidence
        of their own). Terms of several topics on the same words all count."""
        end = len(tokens.raw) if end is None else end
        cased_counts = Counter(tokens.cased[start:end])
        lower_counts = Counter(tokens.lower[start:end])
        if tokens.caseless:
            cased_counts, cased_stems = lower_counts, tokens.lower
            cased_words, cased_phrases = self.folded_words, self.folded_phrases
        else:
            cased_stems, cased_words, cased_phrases = tokens.cased, self.cased_words, self.cased_phrases
        words: list[tuple[int, list[int]]] = []     # (position, pattern indexes)
        for stem in cased_counts.keys() & cased_words.keys():
            words.extend((i, cased_words[stem]) for i in _positions(cased_stems, stem, start, end))
        for stem in lower_counts.keys() & self.lower_words.keys():
            named = lower_counts[stem] != cased_counts.get(stem, 0)   # "brown" is not in "Gordon Brown"
            words.extend((i, self.lower_words[stem]) for i in _positions(tokens.lower, stem, start, end)
                         if not (named and tokens.in_name(i)))
        phrases: list[tuple[int, int, int]] = []    # (position, length, pattern index)
        self._phrase_hits(phrases, cased_stems, cased_counts, cased_phrases, start, end)
        self._phrase_hits(phrases, tokens.lower, lower_counts, self.lower_phrases, start, end)
        taken = _longest_spans({(i, n) for i, n, _ in phrases})
        found: Counter[int] = Counter()
        for i, n, index in phrases:
            if taken.get(i) == (i, n):
                found[index] += 1
        for i, indexes in words:
            if i not in taken:
                for index in indexes:
                    found[index] += 1
        return found

    @staticmethod
    def _phrase_hits(found: list[tuple[int, int, int]], stems: tuple[str, ...], counts: Counter[str],
                     table: PhraseTable, start: int, end: int) -> None:
        for first in counts.keys() & table.keys():
            for i in _positions(stems, first, start, end):
                for rest, index in table[first]:
                    if stems[i + 1:i + 1 + len(rest)] == rest:
                        found.append((i, len(rest) + 1, index))


def _longest_spans(spans: set[tuple[int, int]]) -> dict[int, tuple[int, int]]:
    """Token position -> the (start, length) span that claims it, longest spans first (then leftmost)."""
    taken: dict[int, tuple[int, int]] = {}
    for span in sorted(spans, key=lambda s: (-s[1], s[0])):
        first, length = span
        if not any(p in taken for p in range(first, first + length)):
            taken.update(dict.fromkeys(range(first, first + length), span))
    return taken


@dataclass(frozen=True)
class _Regions:
    title: _Tokens
    text: _Tokens
    lead_end: int       # text tokens before this index are the lead
    text_words: int


def _regions(article: Article, extract: Extract) -> _Regions:
    """Title, and the text with its lead (first paragraph, capped) marked."""
    title = article.title or ("" if extract.headline_generated else extract.headline)
    text = _WEB_ADDRESS.sub(" ", article.text).strip()
    parts = _PARAGRAPH_BREAK.split(text, maxsplit=1)
    first = parts[0] if len(parts) > 1 else text.split("\n", 1)[0]
    tokens = _tokenize(text)
    lead_end = min(len(_TOKEN.findall(first)), LEAD_MAX_TOKENS)
    return _Regions(_tokenize(title, _is_title_case(title)), tokens, lead_end, _word_count(tokens.raw))


def _norm_set(values: Sequence[str]) -> frozenset[str]:
    return frozenset(slugify(v) for v in values if slugify(v))


def effective_topics(topics: Sequence[TopicSettings]) -> tuple[TopicSettings, ...]:
    """Fill empty keyword lists from the built-in lexicon for known section slugs."""
    return tuple(
        replace(topic, keywords=lexicon_for(topic.slug)) if not topic.keywords and lexicon_for(topic.slug) else topic
        for topic in topics
    )


def default_topics() -> tuple[TopicSettings, ...]:
    """The built-in sections as topics (name and slug only; keywords come from the lexicon)."""
    return tuple(TopicSettings(name=name, slug=slug) for slug, name in NAMES.items())


class TopicMatcher:
    """Compiled once per build from the topic list; then scores thousands of articles per second."""

    def __init__(self, topics: Sequence[TopicSettings], rules: TopicRules | None = None) -> None:
        self.topics = effective_topics(topics)
        self.rules = rules or TopicRules()
        self._terms = _PatternIndex()
        self._excluded = _PatternIndex()
        for index, topic in enumerate(self.topics):
            for term, weight in topic.keywords:
                self._terms.add(index, term, float(weight))
            for term in topic.exclude:
                self._excluded.add(index, term, 1.0)
        self._feeds = [frozenset(f.casefold() for f in t.feeds) for t in self.topics]
        self._categories = [_norm_set(t.feed_categories) | _norm_set((t.slug, t.name)) for t in self.topics]
        self._names = [_norm_set((t.slug, t.name)) for t in self.topics]
        slugs = [t.slug for t in self.topics]
        # Where generic words of government go when the article is about a place abroad (None: no such pair).
        self._abroad_pair = (slugs.index("politics"), slugs.index("world")) \
            if {"politics", "world"} <= set(slugs) else None
        self._world = slugs.index("world") if "world" in slugs else None
        self._incidents = _PatternIndex()
        if self._world is not None:
            for word in INCIDENTS:
                self._incidents.add(self._world, word, INCIDENT_WEIGHT)

    def assign(self, article: Article, extract: Extract) -> tuple[TopicMatch, ...]:
        """Topics for one article, best first; the fallback topic when none reaches the threshold."""
        ranked = sorted(self.scores(article, extract), key=lambda m: (-m.score, m.slug))
        rules = self.rules
        if not ranked or ranked[0].score < rules.threshold:
            return (TopicMatch(slug=slugify(rules.fallback), name=rules.fallback, score=0.0),)
        floor = max(rules.threshold, SECONDARY_RATIO * ranked[0].score)
        # A topic the author (or the feed's config) gave stays beside a much stronger one: someone said so.
        kept = [m for m in ranked if m.score >= floor or (m.score >= rules.threshold and _authored(m))]
        return tuple(kept[: max(1, rules.max_topics)])

    def scores(self, article: Article, extract: Extract) -> list[TopicMatch]:
        """Every topic with positive evidence and not excluded, with its score and reasons (unsorted)."""
        regions = _regions(article, extract)
        vetoed = set()
        if self._excluded.patterns:   # an excluded word anywhere is the user saying "never this topic here"
            vetoed = {self._excluded.patterns[i].topic
                      for i in self._excluded.hits(regions.title) + self._excluded.hits(regions.text)}
        terms = self._term_evidence(regions)
        reasons = self._weighed_reasons(terms, self._other_evidence(article) + self._incident_abroad(regions, terms))
        matches = []
        for topic, found in reasons.items():
            score = round(sum(value for _, value in found), 3)
            if topic in vetoed or score <= 0:
                continue
            found.sort(key=lambda r: (-r[1], r[0]))
            t = self.topics[topic]
            matches.append(TopicMatch(slug=t.slug, name=t.name, score=score, reasons=tuple(found)))
        return matches

    def _weighed_reasons(self, terms: dict[int, float],
                         other: list[tuple[int, str, float]]) -> dict[int, list[tuple[str, float]]]:
        """Reasons per topic, keeping only topics with enough evidence: two pieces, or one strong one.

        A word with a second sense never makes a topic: it adds weight only to a topic that the other
        evidence already makes ("strikers" beside "midfielder", not "hunger strikers" or "injured" with
        "police"); its reason says "(in context)"."""
        firm: dict[int, list[tuple[str, float]]] = {}
        context: dict[int, list[tuple[str, float]]] = {}
        strong: set[int] = set()
        abroad = self._abroad(terms)
        for index, value in terms.items():
            pattern = self._terms.patterns[index]
            if index in abroad:
                pattern = replace(pattern, topic=abroad[index], label=pattern.label + ABROAD)
            if pattern.context_only():
                context.setdefault(pattern.topic, []).append((pattern.label + IN_CONTEXT, value))
                continue
            firm.setdefault(pattern.topic, []).append((pattern.label, value))
            if pattern.strong() and value > 0:
                strong.add(pattern.topic)
        for topic, label, value in other:
            firm.setdefault(topic, []).append((label, value))
            strong.add(topic)
        reasons = {}
        for topic, found in firm.items():
            if topic in strong or sum(value > 0 for _, value in found) >= 2:
                reasons[topic] = found + context.get(topic, [])
        return reasons

    def _incident_abroad(self, regions: _Regions, terms: dict[int, float]) -> list[tuple[int, str, float]]:
        """A violent or disaster event in a place abroad is World news: one piece of evidence beside the place."""
        if not self._incidents.patterns or not self._names_place_abroad(terms):
            return []
        found = self._incidents.hits(regions.title) or self._incidents.hits(regions.text)
        if not found:
            return []
        pattern = self._incidents.patterns[min(found)]
        return [(pattern.topic, f"{pattern.label} (incident abroad)", pattern.weight)]

    def _names_place_abroad(self, terms: dict[int, float]) -> bool:
        patterns = self._terms.patterns
        return any(patterns[i].topic == self._world and patterns[i].label in PLACES for i in terms)

    def _abroad(self, terms: dict[int, float]) -> dict[int, int]:
        """Generic government words ("president", "election") that count for World instead of Politics:
        a place abroad is named and no domestic institution or office-holder is (pattern index -> topic)."""
        if self._abroad_pair is None:
            return {}
        home, away = self._abroad_pair
        patterns = self._terms.patterns
        if not self._names_place_abroad(terms):      # away is the World topic: self._world
            return {}
        politics = [i for i in terms if patterns[i].topic == home]
        if any(patterns[i].label.lower() not in GENERIC_GOVERNMENT for i in politics):
            return {}
        return dict.fromkeys(politics, away)

    def _term_evidence(self, regions: _Regions) -> dict[int, float]:
        """What each matched term adds: a title bonus plus a saturating, length-normalised text count."""
        title = self._terms.hits(regions.title)
        lead = self._terms.hits(regions.text, 0, regions.lead_end)
        body = self._terms.hits(regions.text, regions.lead_end)
        norm = math.sqrt(max(1.0, regions.text_words / BODY_REFERENCE_TOKENS))
        evidence = {}
        for index in set(title) | set(lead) | set(body):
            weight = self._terms.patterns[index].weight
            text_count = LEAD_BOOST * lead[index] + body[index]
            value = weight * (TITLE_WEIGHT * (index in title) + math.log1p(text_count) / norm)
            evidence[index] = round(value, 3)
        return evidence

    def _other_evidence(self, article: Article) -> list[tuple[int, str, float]]:
        """Feed, category and author-topic evidence: (topic index, reason, weight)."""
        source = {article.source.casefold(), article.feed.casefold()} - {""}
        authored = _norm_set(article.topics)
        given = GIVEN_PREFIXES[1] if article.feed else GIVEN_PREFIXES[0]
        section = url_section(article.url) if article.url else None
        found = []
        for index in range(len(self.topics)):
            if source & self._feeds[index]:
                found.append((index, f"feed: {article.source}", FEED_WEIGHT))
            if section == self.topics[index].slug or (section and section in self._names[index]):
                found.append((index, f"section in link: /{section}/", URL_SECTION_WEIGHT))
            named = [c for c in article.categories if slugify(c) in self._categories[index]]
            if named:   # several categories naming one topic are still one piece of evidence
                found.append((index, f"category: {named[0]}", CATEGORY_WEIGHT))
            if authored & self._names[index]:
                found.append((index, f"{given}{self.topics[index].name}", AUTHOR_WEIGHT))
        return found


def _authored(match: TopicMatch) -> bool:
    return any(label.startswith(GIVEN_PREFIXES) for label, _ in match.reasons)


@lru_cache(maxsize=16)
def _compiled(topics: tuple[TopicSettings, ...], rules: TopicRules) -> TopicMatcher:
    return TopicMatcher(topics, rules)


def assign_topics(
    article: Article, extract: Extract, topics: Sequence[TopicSettings], rules: TopicRules
) -> tuple[TopicMatch, ...]:
    """Topics for one article, best first, each with its reasons (matcher compiled once per topic list;
    a build compiles its own TopicMatcher once and calls `assign`)."""
    return _compiled(tuple(topics), rules).assign(article, extract)


def explain(match: TopicMatch, terms: int = EXPLAIN_TERMS) -> str:
    """One line a reader can check: "Technology — matched: software, chip, Apple"."""
    labels = [label for label, weight in match.reasons if weight > 0][:terms]
    if not labels:
        return f"{match.name} — no topic matched strongly enough"
    return f"{match.name} — matched: {', '.join(labels)}"
