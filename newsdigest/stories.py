"""Group articles about the same event into stories, and rank the stories.

Grouping (near-duplicate detection on title + lead, then story-level checks):

1. Terms. Each article becomes a weighted bag of terms from its title (counted twice: a
   headline names the event) and its lead (the first LEAD_WORDS words): lower-cased, lightly
   stemmed content words and adjacent word pairs ("oil spill"). Names (capitalised
   mid-sentence) and numbers weigh NAME_BOOST times more; dates and clock times are dropped;
   a few variants of one event word are folded (SAME_WORD: "quake" is "earthquake").
2. Feed templates. A term in TEMPLATE_SHARE or more of one feed's items ("Article URL …
   Comments URL … Points", "- CNET") is that feed's wrapping, not news: it is dropped from
   that feed's items, so template text can never link two of them.
3. Weights. TF-IDF over the batch being grouped, so words that every outlet uses every day
   ("Covid", "Los Angeles") count for little.
4. Blocking. Each article's BLOCK_TERMS heaviest terms are its keys; an inverted index over
   the keys proposes candidate pairs, and only pairs published within
   ``StorySettings.window_hours`` of each other are scored. Nothing compares every article
   with every other one.
5. Links. Two articles are linked when the cosine of their vectors reaches
   ``StorySettings.threshold`` and they share at least MIN_SHARED distinct concepts (a
   multi-word name counts once), so one shared name alone (the same person in two different
   events) never links them. Linked articles form candidate stories (connected components).
6. Chains are cut. Links chain (A matches B, B matches C, A and C share nothing), so a story
   is checked as a whole: a story of BISECT_MIN or more whose two halves (two-means) share
   little (pooled cosine below BISECT_THRESHOLD) is two events; then any member whose cosine
   with the pooled terms of the *rest* of its story is below CORE_THRESHOLD is split off, and
   the split-off members regroup by their own links. (The halves are checked on the linked
   components; after merging and attaching only the closeness check runs again.)
7. Merge. Two stories within the window join when their pooled vocabularies (centroids) are
   alike (MERGE_THRESHOLD) and share ATTACH_DEFINING defining words of the joined story: a
   big event splits by angle (the arrest, the tributes), its parts still match each other.
8. Attach. A lone article, or a small story of two or three, joins the story of
   ATTACH_MIN_STORY or more whose pooled wording it matches best (ATTACH_THRESHOLD), if it
   shares ATTACH_DEFINING of that story's defining words — words used by two or more of its
   articles and mostly inside it (DEFINING_SHARE), so that "fire" or "Covid" never recruit an
   unrelated article — and its lead uses one of them: a report restates its event in the
   lead, a feature merely pegged to it does so in the headline only. A small story must also
   share the big one's core words (used by CORE_SHARE of its members), and its own shared
   words and names must be the big one's (GROUP_KNOWN_SHARE, GROUP_NAMES_KNOWN_SHARE): the
   story absorbs reports on its core entities, not a neighbouring event that mentions them.
   Its shared words other than names must be the big one's too (story_events: EVENT_KNOWN_SHARE):
   names say who, the other words what happened. A small story asks the same to merge (step 7).
   Step 6 runs again on the result.
9. One outlet. A story of two reports from one outlet needs SAME_OUTLET_FACTOR times the
   link threshold between them: an outlet's own pieces on a running theme share its words
   without reporting one event.

Ranking (best first), a rule a reader can check:

    score = sources × recency × (1 + topic weight)

    sources       number of distinct outlets in the story (eight outlets beat one)
    recency       0.5 ** (hours from the story's newest article to ``now`` / 24): halves each day
    topic weight  strongest topic score among the members, squashed to 0..1 as s / (1 + s)

Ties go to the newer story, then to the story id, so the order is deterministic.

A story's id is "s-" + a short hash of its earliest article (stable as later reports join).
Its lead is the report of the main development: among the members whose headline states
something (not a question, not a "Photos:"/"Watch:" label), the one most others agree with
(highest cosine with the pooled terms of the rest), ties to the fuller, then the earlier
report. ``first_reported_by`` is the earliest member's source; key points are merged lead
first, dropping any point whose words mostly repeat one already kept.
"""
from __future__ import annotations

import heapq
import math
import operator
import re
from bisect import bisect_right
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from datetime import datetime
from functools import lru_cache, partial

from newsdigest.model import Analysed, Story
from newsdigest.settings import StorySettings
from newsdigest.story_events import event_words_known
from newsdigest.text.document import looks_english
from newsdigest.text.keypoints import leans_back
from newsdigest.text.stem import stem as package_stem
from newsdigest.text.wordlists import STOPWORDS
from newsdigest.urls import short_hash

LEAD_WORDS = 45            # a lead paragraph: enough to name who, what, where
NAME_BOOST = 1.6           # names and numbers identify an event better than common words
SCAN_LIMIT = 100           # later articles looked at per key term and article
BLOCK_TERMS = 10           # an article's heaviest terms, used as keys to propose candidate pairs
ATTACH_THRESHOLD = 0.1     # cosine between a lone article and a story's pooled terms to join it
ATTACH_MEMBERS = 2         # members of a story a lone report must each be close to: it joins the story, not one chain link
ATTACH_MEMBER_COS = 0.1    # ... cosine with each of those members
MERGE_THRESHOLD = 0.3      # cosine between two stories' pooled terms to make them one
ATTACH_MIN_STORY = 4       # articles a story needs before its pooled terms can recruit more (3 are too thin)
ATTACH_DEFINING = 2        # distinct defining terms of a story a lone article must share to join it
DEFINING_SHARE = 0.33      # a story's defining term has at least this share of its uses inside the story
BIGRAM_WEIGHT = 0.5        # weight of adjacent word pairs relative to single words
MIN_SHARED = 2             # distinct shared terms needed for a link
SAME_OUTLET_FACTOR = 1.3   # a story of two reports from one outlet needs this much more similarity: an outlet's theme pieces share its words
CORE_THRESHOLD = 0.12      # cosine between a member and the pooled terms of the rest of its story, below which it is split off
CORE_SHARE = 0.3          # a story's core words are used by at least this share of its members
GROUP_KNOWN_SHARE = 0.5    # a small story joins a big one only if this share of its own shared words are the big one's,
GROUP_NAMES_KNOWN_SHARE = 0.2    # ... and this share of its own shared names
BISECT_THRESHOLD = 0.2     # cosine between the pooled terms of a story's two halves below which they are two events
BISECT_MIN = 10            # stories this big are checked for two halves
ONE_OUTLET_MAX = 2         # one-outlet stories up to this size are re-checked pair by pair (bigger ones, measured,
                           # are mostly an outlet's own follow-ups of one event: the L.A. Times on a councilman's indictment)
TEMPLATE_SHARE = 0.8       # a term in at least this share of one feed's items is that feed's template text, not news
TEMPLATE_MIN_ITEMS = 8     # ... counted only for feeds with this many items in the batch (a few items prove nothing)
MAX_KEY_POINTS = 6         # merged key points shown for a story
DUPLICATE_POINT = 0.5      # word overlap (Jaccard) above which two key points say the same thing

# Dates and clock times say when, not what: "October 17, 2021 8:00 PM" must not link two articles.
_MONTHS = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
_DATE_OR_TIME = re.compile(
    rf"\b(?:{_MONTHS}\s+\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s+\d{{4}})?|\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTHS}(?:,?\s+\d{{4}})?"
    r"|\d{1,2}[:.]\d{2}\s*(?:[ap]\.?m\.?)?|\d{1,2}\s*[ap]\.?m\.?)(?!\w)",
    re.IGNORECASE,
)
_DIGIT = re.compile(r"\d")
_DIGITS = re.compile(r"\d+")
_FIRST_SENTENCE = re.compile(r"(?<=[.!?])\s+")
_TOKEN = re.compile(r"[^\W_]+(?:['’.\-][^\W_]+)*", re.UNICODE)
_GAP_AND_TOKEN = re.compile(r"([\W_]*)([^\W_]+(?:['’.\-][^\W_]+)*)", re.UNICODE)
# Headline openings that announce a format rather than the news (galleries, clips, audio).
NOT_A_STATEMENT = ("photos:", "photos ", "in pictures", "pictures:", "gallery:", "video:", "watch:", "watch ",
                   "podcast:", "listen:")
# One event, different words: outlets write "quake" and "earthquake" for the same happening. Each
# entry folds a variant into the word it means, before stemming (news usage; a small table, not a thesaurus).
SAME_WORD = {
    "quake": "earthquake", "quakes": "earthquakes", "temblor": "earthquake", "temblors": "earthquakes",
    "blaze": "fire", "blazes": "fires", "wildfire": "fire", "wildfires": "fires", "bushfire": "fire",
    "gunman": "shooter", "gunmen": "shooters",
}
_SENTENCE_START = re.compile(r"[.!?:;\"“‘(\-–—|]\s*$")


def group_stories(
    items: Sequence[Analysed], settings: StorySettings, now: datetime | None = None
) -> tuple[Story, ...]:
    """Group `items` into stories (every article in exactly one), ranked best first."""
    ordered = sorted(items, key=lambda item: (item.article.published, item.id))
    if not ordered:
        return ()
    bags, concepts, leads = zip(*(_terms(item, flags) for item, flags in zip(ordered, _boilerplate(ordered))))
    vectors, df = _tfidf(_without_feed_templates(ordered, bags))
    keys = [_key_terms(vector) for vector in vectors]
    links = _links(ordered, vectors, keys, concepts, settings)
    groups = _split_chains(_components(len(ordered), links), vectors, links)
    groups = _merge_stories(ordered, vectors, keys, df, groups, settings, concepts)
    groups = _attach_loners(ordered, vectors, leads, concepts, df, groups, settings)
    groups = _split_chains(groups, vectors, links, bisect=False)
    groups = _one_outlet_stories(groups, ordered, vectors, settings.threshold)
    now = now or max(item.article.published for item in ordered)
    ranked = []
    for group in groups:
        indices = sorted(group)
        members = [ordered[i] for i in indices]
        lead = ordered[_lead_index(indices, ordered, vectors)]
        ranked.append((_story(members, now, lead), members[-1].article.published.timestamp()))
    ranked.sort(key=lambda pair: (-pair[0].score, -pair[1], pair[0].id))
    return tuple(story for story, _ in ranked)


# ---------------------------------------------------------------- features

# The package's one stemmer, with verb and agent endings folded ("killing", "killed" → "kill"): reports of
# one event word it differently. Memoised per process: grouping stems every word of every lead.
_stem = lru_cache(maxsize=1 << 16)(partial(package_stem, verbs=True))


def _words(text: str, limit: int, titled: bool) -> list[tuple[str, bool, bool]]:
    """(term, is a name or number, directly follows the previous term) for the first `limit` words of `text`."""
    text = text[: limit * 12]                                # a word averages well under 12 characters
    if _DIGIT.search(text):
        text = _DATE_OR_TIME.sub(" ", text)
    lowers: list[str] = []
    capitals: list[bool] = []
    opens: list[bool] = []
    adjacent: list[bool] = []
    stopwords = STOPWORDS
    seen = kept = skipped = False
    for gap, raw in _GAP_AND_TOKEN.findall(text):
        lower = raw.lower()
        if not lower.isalnum():
            lower = lower.strip("'’.-")
        elif raw[-1] == "s" and len(raw) > 2 and raw[:-1].isupper():
            lower = lower[:-1]       # "MPs" is the plural of "MP"
        if len(lower) < 2 or lower in stopwords:
            seen = skipped = True
            continue
        lower = SAME_WORD.get(lower, lower)
        follows = kept and not skipped and (gap == " " or gap.isspace())
        starts = not seen and not gap.strip()
        lowers.append(lower)
        capitals.append(raw[0].isupper() or raw[0].isdigit())
        opens.append(starts or (not follows and bool(_SENTENCE_START.search(gap[-3:]))))
        adjacent.append(follows)
        seen = kept = True
        skipped = False
        if len(lowers) >= limit:
            break
    result = []
    count = len(lowers)
    for index, lower in enumerate(lowers):
        if lower.isalpha():
            term, numeric = _stem(lower), False
        else:
            numeric = any(ch.isdigit() for ch in lower)
            term = lower if numeric else _stem(lower)
        # Sentence case: a capital mid-sentence marks a name, and so does a capital opening a sentence
        # when the next word is a name too ("Boris Johnson said"). Title Case capitalises everything.
        name = not titled and capitals[index] and (
            not opens[index] or (index + 1 < count and capitals[index + 1] and adjacent[index + 1])
        )
        result.append((term, numeric or name, adjacent[index]))
    return result


def _concepts(words: Sequence[tuple[str, bool, bool]]) -> dict[str, str]:
    """Map each name word to its whole name ("boris" and "johnson" to "boris johnson")."""
    concept: dict[str, str] = {}
    run: list[str] = []
    for term, special, adjacent in [*words, ("", False, False)]:
        if run and not (special and adjacent and not term[0].isdigit()):
            for member in run:
                concept.setdefault(member, " ".join(run))
            run = []
        if special and not term[0].isdigit():
            run.append(term)
    return concept


def _is_title_case(title: str) -> bool:
    words = [w for w in _TOKEN.findall(title) if w[0].isalpha() and w.lower() not in STOPWORDS]
    return bool(words) and sum(w[0].isupper() for w in words) / len(words) > 0.8


def _normalised(text: str) -> str:
    """The text with its figures removed, so "Best of cartoons, October 17" and "..., October 18" match."""
    return _DIGITS.sub("", text[:160].lower()).strip()


def _boilerplate(items: Sequence[Analysed]) -> list[tuple[bool, bool]]:
    """Per article: is its title, is its opening sentence, boilerplate?

    Boilerplate is what an outlet repeats as a title or opening sentence with other dates or on
    other days: a column's name ("Morning news brief") or standing blurb, not an event. Under
    such a name an opening repeated word for word is a blurb even on one day; an exact copy of
    an ordinary article on the same day is a duplicate, not boilerplate.
    """
    keys = [((item.article.source, _normalised(_title(item))), (item.article.source, _normalised(_opening(item))))
            for item in items]
    uses: dict[tuple[str, str], set[tuple[object, str]]] = defaultdict(set)
    for item, (title, opening) in zip(items, keys):
        day = item.article.published.date()
        uses[title].add((day, _title(item)[:160]))
        uses[opening].add((day, _opening(item)[:160]))
    repeated = {key for key, found in uses.items() if len(found) > 1 and key[1]}
    openings = Counter(opening for _, opening in keys)
    return [
        (title in repeated, bool(opening[1]) and (opening in repeated or (title in repeated and openings[opening] > 1)))
        for title, opening in keys
    ]


def _opening(item: Analysed) -> str:
    """The lead's first sentence."""
    lead = _lead(item).lstrip()
    return _FIRST_SENTENCE.split(lead[:400], maxsplit=1)[0]


def _title(item: Analysed) -> str:
    return item.article.title or item.extract.headline


def _lead(item: Analysed) -> str:
    return item.article.text or item.extract.summary


def _terms(
    item: Analysed, boilerplate: tuple[bool, bool] = (False, False)
) -> tuple[dict[str, float], dict[str, str], frozenset[str]]:
    """Weighted term counts of title (twice) and lead, names and numbers boosted; each name's whole name;
    and the lead's own words.

    `boilerplate` says whether the title and the lead's opening sentence are an outlet's standing text.
    """
    title = "" if boilerplate[0] else _title(item)
    lead = _lead(item).lstrip()[len(_opening(item)):] if boilerplate[1] else _lead(item)
    lead_words = _words(lead, LEAD_WORDS, titled=False)
    title_words = _words(title, 40, titled=_is_title_case(title))
    concepts = {**_concepts(title_words), **_concepts(lead_words)}
    counts: dict[str, float] = {}
    get = counts.get
    for weight, words in ((1.0, lead_words), (2.0, title_words)):
        previous = ""
        for term, _, adjacent in words:
            counts[term] = get(term, 0.0) + weight
            # A shared two-word phrase ("oil spill") is far more specific than its two words apart.
            if adjacent and previous:
                pair = previous + " " + term
                counts[pair] = get(pair, 0.0) + weight * BIGRAM_WEIGHT
                if previous in concepts and concepts[previous] == concepts.get(term):
                    concepts[pair] = concepts[term]      # part of a name: the name still counts once
            previous = term
    for term in {t for t, special, _ in lead_words if special} | {t for t, special, _ in title_words if special}:
        counts[term] *= NAME_BOOST
    return counts, concepts, frozenset(term for term, _, _ in lead_words)


def _tfidf(bags: Sequence[dict[str, float]]) -> tuple[list[dict[str, float]], Counter[str]]:
    """Unit-length TF-IDF vectors (IDF smoothed so a tiny batch still weighs sensibly), and document frequencies."""
    df: Counter[str] = Counter()
    for bag in bags:
        df.update(bag.keys())
    n = len(bags)
    idf = {term: math.log((n + 1) / (count + 1)) + 1 for term, count in df.items() if count > 1}
    unique_idf = math.log((n + 1) / 2) + 1          # most terms occur once: one shared value
    damped = _DampedCounts()
    vectors = []
    for bag in bags:
        weights = [damped[count] * idf.get(term, unique_idf) for term, count in bag.items()]
        scale = 1.0 / (math.hypot(*weights) or 1.0)
        # A term no other article uses can match nothing: it counts in the length, then is dropped.
        vectors.append({term: w * scale for term, w in zip(bag, weights) if term in idf})
    return vectors, df


class _DampedCounts(dict):
    """Sub-linear term frequency, memoised (counts take few distinct values): twice said is not twice the evidence."""

    def __missing__(self, count: float) -> float:
        value = self[count] = 1 + math.log(count) if count >= 1 else count
        return value


# ---------------------------------------------------------------- linking

def _links(
    ordered: Sequence[Analysed], vectors: Sequence[dict[str, float]], keys: Sequence[list[str]],
    concepts: Sequence[dict[str, str]], settings: StorySettings,
) -> list[tuple[int, int]]:
    """Pairs (i, j) that describe one event: blocked by key terms and the time window."""
    times = [item.article.published.timestamp() for item in ordered]
    window = settings.window_hours * 3600.0
    postings: dict[str, list[int]] = defaultdict(list)
    for index, terms in enumerate(keys):      # indices ascend with time, so postings are time-sorted
        for term in terms:
            postings[term].append(index)
    links = []
    for i, vector in enumerate(vectors):
        last = _last_within(times, i, window)
        candidates: Counter[int] = Counter()
        for term in keys[i]:
            posting = postings[term]
            start = bisect_right(posting, i)
            # The next SCAN_LIMIT articles sharing a key are enough: links chain, so a story of
            # thousands still forms, without comparing each of its articles with all the others.
            candidates.update(posting[start:min(bisect_right(posting, last), start + SCAN_LIMIT)])
        # One shared key term is how unrelated articles meet; the same event shares several.
        for j in sorted(j for j, count in candidates.items() if count >= MIN_SHARED):
            if _similar(vector, vectors[j], concepts[i], settings.threshold):
                links.append((i, j))
    return links


def _one_outlet_stories(
    groups: list[list[int]], ordered: Sequence[Analysed], vectors: Sequence[dict[str, float]], threshold: float,
) -> list[list[int]]:
    """A story told by one outlet alone holds only by its strong, close-in-time links.

    An outlet writes many pieces on its running themes (electric cars, the cost of living) in
    its own words; two of them are one story only when they report the same event, soon after
    each other. Other outlets' reports confirm an event, so mixed stories are left alone.
    """
    strict = threshold * SAME_OUTLET_FACTOR
    result = []
    for group in groups:
        # Pairs inside the group are compared directly (merged parts have no link of their own).
        if not 1 < len(group) <= ONE_OUTLET_MAX or len({ordered[i].article.source for i in group}) > 1:
            result.append(group)
            continue
        strong = [(i, j) for n, i in enumerate(group) for j in group[n + 1:] if _dot(vectors[i], vectors[j]) >= strict]
        result.extend(_regroup(group, strong))
    return result


def _dot(a: dict[str, float], b: dict[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(w * b.get(t, 0.0) for t, w in a.items())


def _key_terms(vector: dict[str, float]) -> list[str]:
    """An article's most telling terms: two articles about one event share at least one of them."""
    return heapq.nlargest(BLOCK_TERMS, vector, key=vector.__getitem__)


def _last_within(times: Sequence[float], i: int, window: float) -> int:
    """Index of the last article published no later than `window` seconds after article i."""
    return bisect_right(times, times[i] + window) - 1


def _similar(a: dict[str, float], b: dict[str, float], concepts: dict[str, str], threshold: float) -> bool:
    """Cosine at least `threshold`, over at least MIN_SHARED distinct concepts (a whole name counts once)."""
    shared = a.keys() & b.keys()
    if len(shared) < MIN_SHARED or len({concepts.get(t, t) for t in shared}) < MIN_SHARED:
        return False
    return sum(a[t] * b[t] for t in shared) >= threshold


def _without_feed_templates(items: Sequence[Analysed], bags: Sequence[dict[str, float]]) -> list[dict[str, float]]:
    """Each bag without the terms its feed puts in most of its items.

    A feed's template ("Article URL … Comments URL … Points", "- CNET") is in nearly every item
    it sends and says nothing about any event, so it must never link two items.
    """
    by_feed: dict[str, list[int]] = defaultdict(list)
    for index, item in enumerate(items):
        by_feed[item.article.feed or item.article.source].append(index)
    cleaned = list(bags)
    for indices in by_feed.values():
        if len(indices) < TEMPLATE_MIN_ITEMS:
            continue
        df: Counter[str] = Counter()
        for i in indices:
            df.update(bags[i].keys())
        template = {term for term, count in df.items() if count >= TEMPLATE_SHARE * len(indices)}
        if template:
            for i in indices:
                cleaned[i] = {t: w for t, w in bags[i].items() if t not in template}
    return cleaned


def _split_chains(
    groups: list[list[int]], vectors: Sequence[dict[str, float]], links: Sequence[tuple[int, int]],
    bisect: bool = True,
) -> list[list[int]]:
    """Split off members that do not hold to the rest of their story; regroup them by their own links.

    Links chain: A matches B, B matches C, and A and C share nothing. A member belongs to a story
    only if it is close to the story as a whole (the pooled terms of the other members), so a
    chain's far ends fall away while the event's core stays together.
    """
    result: list[list[int]] = []
    pending = [part for group in groups for part in _bisect(group, vectors)] if bisect else list(groups)
    for _ in range(3):                  # split-off parts are checked again, a few rounds at most
        loose: list[int] = []
        for group in pending:
            kept, dropped = _hold_together(group, vectors)
            result.append(kept)
            loose.extend(dropped)
        if not loose:
            return result
        pending = _regroup(loose, links)
    return result + pending


def _bisect(group: list[int], vectors: Sequence[dict[str, float]], depth: int = 0) -> list[list[int]]:
    """Split a story in two while its halves are two events joined through a shared name.

    Finland joining NATO and the charges over a Russian blogger's killing meet through
    "Russia"; each half holds together and their pooled terms differ (cosine below
    BISECT_THRESHOLD), while a big event's angles still share its core terms and stay one.
    """
    if len(group) < BISECT_MIN or depth >= 4:
        return [group]
    halves = _two_means(group, vectors)
    if min(len(halves[0]), len(halves[1])) < 2:
        return [group]
    first, second = (_centroid([vectors[i] for i in half]) for half in halves)
    if _dot(first, second) >= BISECT_THRESHOLD:
        return [group]
    return [part for half in halves for part in _bisect(sorted(half), vectors, depth + 1)]


def _two_means(group: Sequence[int], vectors: Sequence[dict[str, float]]) -> tuple[list[int], list[int]]:
    """Two clusters of `group` by cosine, seeded with the member farthest from the whole and the one farthest from it."""
    whole = _pooled([vectors[i] for i in group])
    far = min(group, key=lambda i: (_dot_pooled(vectors[i], whole), i))
    other = min(group, key=lambda i: (_dot(vectors[i], vectors[far]), -i))
    centres = [_pooled([vectors[far]]), _pooled([vectors[other]])]
    halves: tuple[list[int], list[int]] = ([], [])
    for _ in range(4):
        previous = halves
        halves = ([], [])
        for i in group:
            halves[0 if _dot_pooled(vectors[i], centres[0]) >= _dot_pooled(vectors[i], centres[1]) else 1].append(i)
        if not halves[0] or not halves[1] or halves == previous:
            break
        centres = [_pooled([vectors[i] for i in half]) for half in halves]
    return halves


def _pooled(members: Sequence[dict[str, float]]) -> tuple[Counter[str], float]:
    """Summed vectors and the sum's length: a centroid without building a normalised copy."""
    total: Counter[str] = Counter()
    for vector in members:
        total.update(vector)
    return total, math.sqrt(sum(map(operator.mul, total.values(), total.values()))) or 1.0


def _dot_pooled(vector: dict[str, float], pooled: tuple[Counter[str], float]) -> float:
    """Cosine-like score of a unit vector against pooled vectors (missing terms count 0)."""
    total, norm = pooled
    return sum(map(operator.mul, vector.values(), map(total.__getitem__, vector))) / norm


def _hold_together(group: list[int], vectors: Sequence[dict[str, float]]) -> tuple[list[int], list[int]]:
    """(members close to the rest of the group, members that are not), dropping the weakest first."""
    members = list(group)
    dropped: list[int] = []
    while len(members) >= 3:
        closeness = _closeness_to_rest(members, vectors)
        weakest = min(range(len(members)), key=closeness.__getitem__)
        if closeness[weakest] >= CORE_THRESHOLD:
            break
        dropped.append(members.pop(weakest))
    return members, dropped


def _core_words(members: Sequence[int], vectors: Sequence[dict[str, float]]) -> dict[str, int]:
    """The story's core words (used by at least CORE_SHARE of its members), with how many members use each."""
    counts = Counter(term for i in members for term in vectors[i] if " " not in term)
    least = max(2.0, CORE_SHARE * len(members))
    return {term: count for term, count in counts.items() if count >= least}


def _closeness_to_rest(members: Sequence[int], vectors: Sequence[dict[str, float]]) -> list[float]:
    """Per member: cosine with the sum of the other members' vectors (leave-one-out centroid)."""
    total: Counter[str] = Counter()
    for i in members:
        total.update(vectors[i])
    total_sq = sum(w * w for w in total.values())
    result = []
    for i in members:
        vector = vectors[i]
        dot = sum(map(operator.mul, vector.values(), map(total.__getitem__, vector)))
        own = sum(map(operator.mul, vector.values(), vector.values()))
        rest_dot, rest_sq = dot - own, total_sq - 2 * dot + own
        result.append(rest_dot / math.sqrt(rest_sq) if rest_sq > 1e-12 else 0.0)
    return result


def _regroup(loose: Sequence[int], links: Sequence[tuple[int, int]]) -> list[list[int]]:
    """Connected components of `loose` articles over the links among them alone."""
    position = {i: n for n, i in enumerate(loose)}
    inner = [(position[i], position[j]) for i, j in links if i in position and j in position]
    return [[loose[n] for n in part] for part in _components(len(loose), inner)]


def _lead_index(indices: Sequence[int], ordered: Sequence[Analysed], vectors: Sequence[dict[str, float]]) -> int:
    """The report of the main development: among members whose headline states something, the one
    closest to the rest (most others agree with it); ties to the fuller, then the earlier report."""
    closeness = _closeness_to_rest(indices, vectors) if len(indices) >= 3 else [0.0] * len(indices)
    stating = [n for n in range(len(indices)) if _states_news(_title(ordered[indices[n]]))] or range(len(indices))
    best = max(stating, key=lambda n: (round(closeness[n], 2), len(ordered[indices[n]].article.text.split()),
                                       -indices[n]))
    return indices[best]


def _states_news(title: str) -> bool:
    """Does a headline state a development? A question ("Should MPs still meet the public?") or a
    gallery/video label ("Photos: …") frames an angle or a format, not what happened."""
    head = title.strip().lower()
    return bool(head) and not head.endswith("?") and not head.startswith(NOT_A_STATEMENT)


def _merge_stories(
    ordered: Sequence[Analysed], vectors: Sequence[dict[str, float]], keys: Sequence[list[str]],
    df: Counter[str], groups: list[list[int]], settings: StorySettings, concepts: Sequence[dict[str, str]] = (),
) -> list[list[int]]:
    """Join two stories whose pooled wording is alike and who share defining terms.

    A big event splits when its pieces cover different angles (the arrest, the tributes);
    each part's pooled vocabulary still matches the other's far better than any single pair.
    """
    stories = [g for g in groups if len(g) > 1]
    if len(stories) < 2:
        return groups
    times = [item.article.published.timestamp() for item in ordered]
    window = settings.window_hours * 3600.0
    spans = [(times[g[0]], times[g[-1]]) for g in stories]         # groups are sorted, so first/last = span
    centroids: dict[int, dict[str, float]] = {}       # built only for stories with a candidate partner
    by_key: dict[str, set[int]] = defaultdict(set)
    for number, group in enumerate(stories):
        for i in group:
            for term in keys[i]:
                by_key[term].add(number)
    # Candidates overlap in time and share at least two key terms (one is how unrelated stories meet).
    pairs: Counter[tuple[int, int]] = Counter()
    for numbers in by_key.values():
        by_start = sorted(numbers, key=lambda number: spans[number][0])
        for position, a in enumerate(by_start):
            for b in by_start[position + 1:]:
                if spans[b][0] - window > spans[a][1]:
                    break
                pairs[(a, b) if a < b else (b, a)] += 1
    links = []
    for a, b in sorted(pair for pair, count in pairs.items() if count >= 2):
        for number in (a, b):
            if number not in centroids:
                centroids[number] = _centroid([vectors[i] for i in stories[number]])
        first, second = centroids[a], centroids[b]
        if sum(w * second[t] for t, w in first.items() if t in second) < MERGE_THRESHOLD:
            continue
        # The shared vocabulary must be the joined story's own, not words every story uses.
        defining = _defining_terms([vectors[i] for i in stories[a] + stories[b]], df)
        if _count_words(t for t in defining if t in first and t in second) >= ATTACH_DEFINING \
                and _merge_known(stories[a], stories[b], vectors, concepts):
            links.append((a, b))
    merged = [sorted(i for number in part for i in stories[number]) for part in _components(len(stories), links)]
    return merged + [g for g in groups if len(g) == 1]


def _attach_loners(
    ordered: Sequence[Analysed], vectors: Sequence[dict[str, float]], leads: Sequence[frozenset[str]],
    concepts: Sequence[dict[str, str]], df: Counter[str], groups: list[list[int]], settings: StorySettings,
) -> list[list[int]]:
    """Second pass: a lone article joins the story whose pooled wording it matches best.

    A follow-up often repeats only part of the event's vocabulary (the vigil names the town,
    another piece the victim); against the story's pooled terms it still stands out. It must
    also share the story's defining terms (used by two or more of its articles and mostly
    inside it), so that a generic word such as "fire" never pulls an unrelated article in.
    """
    times = [item.article.published.timestamp() for item in ordered]
    window = settings.window_hours * 3600.0
    stories = [g for g in groups if len(g) >= ATTACH_MIN_STORY]
    centroids: dict[int, dict[str, float]] = {}       # built only for stories a loner may join
    defining = [_defining_terms([vectors[i] for i in g], df) for g in stories]
    by_term: dict[str, list[int]] = defaultdict(list)
    for number, terms in enumerate(defining):
        for term in terms:
            by_term[term].append(number)
    cores: dict[int, dict[str, int]] = {}

    def _core(n: int) -> dict[str, int]:
        if n not in cores:
            cores[n] = _core_words(stories[n], vectors)
        return cores[n]

    joined: dict[int, list[int]] = defaultdict(list)
    kept = []
    for group in groups:
        if len(group) >= ATTACH_MIN_STORY:
            continue
        # A small story (a loner, or two or three reports of one angle) joins as a whole, by its pooled terms.
        vector = vectors[group[0]] if len(group) == 1 else _centroid([vectors[i] for i in group])
        lead_words = frozenset().union(*(leads[i] for i in group))
        candidates = {n for term in vector for n in by_term.get(term, ())}
        best, best_score = -1, ATTACH_THRESHOLD
        for n in sorted(candidates):
            if not any(abs(times[i] - times[m]) <= window for i in group for m in stories[n]):
                continue
            if _count_words(t for t in vector if t in defining[n]) < ATTACH_DEFINING:
                continue
            # A group of reports joins on the story's core words, and only if its own shared words are the
            # story's too: two pieces on Karen Bass's campaign that mention the indicted councilman stay apart.
            if len(group) > 1 and (_count_words(t for t in vector if t in _core(n)) < ATTACH_DEFINING
                                   or not _words_known(group, stories[n], vectors, concepts)
                                   or not event_words_known(group, stories[n], vectors, concepts)):
                continue
            # A report restates its event in the lead; a feature pegged to it in the headline only does not.
            if lead_words and not lead_words & defining[n]:
                continue
            if n not in centroids:
                centroids[n] = _centroid([vectors[m] for m in stories[n]])
            centroid = centroids[n]
            score = sum(w * centroid[t] for t, w in vector.items() if t in centroid)
            # Close to the pooled terms through one member alone is a chain link, not the story.
            if score >= best_score and _close_members(vector, stories[n], vectors) < ATTACH_MEMBERS:
                continue
            if score >= best_score:
                best, best_score = n, score
        if best >= 0:
            joined[best].extend(group)
        else:
            kept.append(group)
    return [sorted(g + joined.get(n, [])) for n, g in enumerate(stories)] + kept


def _merge_known(
    a: Sequence[int], b: Sequence[int], vectors: Sequence[dict[str, float]], concepts: Sequence[dict[str, str]]
) -> bool:
    """May two stories merge? A small one (ATTACH_MIN_STORY - 1 reports or fewer) must pass the test a small story
    passes to attach: its own shared words, names and event words, are the other's. Merge and attach are two ways
    into one story, so they ask the same."""
    small, big = (a, b) if len(a) <= len(b) else (b, a)
    if not concepts or len(small) >= ATTACH_MIN_STORY:
        return True
    return _words_known(small, big, vectors, concepts) and event_words_known(small, big, vectors, concepts)


def _close_members(vector: dict[str, float], story: Sequence[int], vectors: Sequence[dict[str, float]]) -> int:
    """How many members of `story` `vector` is close to (up to ATTACH_MEMBERS: the count only needs to reach it)."""
    close = 0
    for m in story:
        if _dot(vector, vectors[m]) >= ATTACH_MEMBER_COS:
            close += 1
            if close >= ATTACH_MEMBERS:
                break
    return close


def _words_known(
    group: Sequence[int], story: Sequence[int], vectors: Sequence[dict[str, float]], concepts: Sequence[dict[str, str]]
) -> bool:
    """Are most words, and most names, shared by two or more members of `group` used in `story`?

    Names say which event a group reports: two pieces on FC Barcelona's corruption charges share
    "charged" and "prosecutors" with a story on Trump's grand jury, but not "Barcelona".
    """
    counts = Counter(term for i in group for term in vectors[i] if " " not in term)
    shared = [term for term, count in counts.items() if count >= 2]
    names = [term for term in shared if any(term in concepts[i] for i in group)]
    known = {term for i in story for term in vectors[i]}
    return all(sum(term in known for term in terms) >= share * len(terms)
               for terms, share in ((shared, GROUP_KNOWN_SHARE), (names, GROUP_NAMES_KNOWN_SHARE)))


def _count_words(terms: Iterable[str]) -> int:
    """Distinct single words among `terms` (a phrase adds nothing its words do not)."""
    return len({term for term in terms if " " not in term})


def _defining_terms(member_vectors: Sequence[dict[str, float]], df: Counter[str]) -> set[str]:
    """Terms used by two or more members of a story and mostly inside it (not "County" or "Covid")."""
    counts = Counter(term for vector in member_vectors for term in vector)
    return {term for term, count in counts.items() if count >= 2 and count >= df[term] * DEFINING_SHARE}


def _centroid(vectors: Sequence[dict[str, float]]) -> dict[str, float]:
    """Unit-length sum of unit vectors: the story's pooled wording."""
    total: dict[str, float] = {}
    for vector in vectors:
        for term, weight in vector.items():
            total[term] = total.get(term, 0.0) + weight
    norm = math.sqrt(sum(w * w for w in total.values())) or 1.0
    return {t: w / norm for t, w in total.items()}


def _components(n: int, links: Iterable[tuple[int, int]]) -> list[list[int]]:
    """Connected components (union-find with path halving)."""
    parent = list(range(n))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for i, j in links:
        ri, rj = find(i), find(j)
        if ri != rj:
            parent[max(ri, rj)] = min(ri, rj)
    groups: dict[int, list[int]] = defaultdict(list)
    for x in range(n):
        groups[find(x)].append(x)
    return list(groups.values())


# ---------------------------------------------------------------- story records

def _story(members: Sequence[Analysed], now: datetime, lead: Analysed) -> Story:
    """Build one story from its members (already earliest first) around its lead report."""
    earliest = members[0]
    return Story(
        # The earliest member keeps the id stable as later reports join the story.
        id="s-" + short_hash(earliest.id),
        lead=lead.id,
        members=tuple(m.id for m in members),
        first_reported_by=earliest.article.source,
        key_points=merge_key_points([lead, *[m for m in members if m is not lead]]),
        score=story_score(members, now),
    )


def story_score(members: Sequence[Analysed], now: datetime) -> float:
    """The ranking rule from the module docstring: sources × recency × (1 + topic weight)."""
    sources = len({m.article.source for m in members})
    newest = max(m.article.published for m in members)
    age_hours = max(0.0, (now - newest).total_seconds() / 3600.0)
    recency = 0.5 ** (age_hours / 24.0)
    strongest = max((t.score for m in members for t in m.topics), default=0.0)
    topic_weight = strongest / (1.0 + strongest) if strongest > 0 else 0.0
    return round(sources * recency * (1.0 + topic_weight), 6)


def merge_key_points(members: Sequence[Analysed], limit: int = MAX_KEY_POINTS) -> tuple[str, ...]:
    """Key points of the members in order, dropping any that repeats one already kept.

    A point that leans on the bullet before it in its own article ("He said…", "But…") is kept only right
    after that bullet: next to another outlet's point, its "he" or "but" would point at the wrong thing.
    Only reports in the language of the first member (the lead) give points: a reader of an English story
    cannot read the Polish outlet's bullet that reports the same event.
    """
    kept: list[str] = []
    kept_words: list[frozenset[str]] = []
    language = _language(members[0]) if members else ""
    for member in members:
        if _language(member) != language:
            continue
        points = member.extract.key_points
        for index, point in enumerate(points):
            if leans_back(point) and not (index and kept and kept[-1] == points[index - 1]):
                continue
            words = frozenset(_stem(w.lower()) for w in _TOKEN.findall(point) if w.lower() not in STOPWORDS)
            if not words or any(_jaccard(words, other) >= DUPLICATE_POINT for other in kept_words):
                continue
            kept.append(point)
            kept_words.append(words)
            if len(kept) >= limit:
                return tuple(kept)
    return tuple(kept)


def _language(member: Analysed) -> str:
    """The report's language: the primary subtag its feed declares ("en-GB" → "en"), else English or not as its
    key points read (feeds often declare nothing)."""
    declared = member.article.language.split("-", 1)[0].lower()
    if declared:
        return declared
    return "en" if looks_english(" ".join((member.article.title, *member.extract.key_points))) else "?"


def _jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    return len(a & b) / len(a | b)


# ---------------------------------------------------------------- related articles

class RelatedIndex:
    """Related articles for article pages: shared keywords (and topics), recent first.

    Built once per build. An article is related when it shares at least one keyword;
    shared topics only strengthen a match, because a whole section shares its topic.
    Candidates rank by strength tier (two or more shared keywords, or one keyword plus a
    topic, beat a single keyword), then newest first. Articles of the same story are left
    out when the stories are given: the story page already lists them.
    """

    def __init__(self, items: Sequence[Analysed], stories: Sequence[Story] = ()) -> None:
        self._keywords = {item.id: _keyword_set(item) for item in items}
        self._topics = {item.id: frozenset(t.slug for t in item.topics) for item in items}
        self._story = {member: story.id for story in stories for member in story.members}
        newest_first = sorted(items, key=lambda item: (-item.article.published.timestamp(), item.id))
        self._order = {item.id: rank for rank, item in enumerate(newest_first)}
        self._postings: dict[str, list[str]] = defaultdict(list)
        for item in newest_first:
            for keyword in self._keywords[item.id]:
                self._postings[keyword].append(item.id)

    def related(self, article_id: str, limit: int = 5) -> tuple[str, ...]:
        """Ids of up to `limit` related articles, strongest tier first, newest first within a tier."""
        shared: Counter[str] = Counter()
        for keyword in self._keywords.get(article_id, ()):
            # Only the newest part of a long posting list matters: readers want recent pieces.
            shared.update(self._postings[keyword][:RELATED_SCAN])
        shared.pop(article_id, None)
        story = self._story.get(article_id)
        topics = self._topics.get(article_id, frozenset())
        tiers = {
            other: min(2, count + (1 if topics & self._topics[other] else 0))
            for other, count in shared.items()
            if story is None or self._story.get(other) != story
        }
        return tuple(heapq.nsmallest(limit, tiers, key=lambda other: (-tiers[other], self._order[other])))


RELATED_SCAN = 100          # newest articles looked at per keyword


def _keyword_set(item: Analysed) -> frozenset[str]:
    """The article's keywords, folded; its title's content words when the engine gave none."""
    words = item.extract.keywords or tuple(term for term, _, _ in _words(item.article.title, 12, titled=True))
    return frozenset(_stem(word.lower()) for word in words if word.strip())
