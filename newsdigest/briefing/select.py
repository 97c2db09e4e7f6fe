"""The briefing: the day's five most important stories, one line each, no two about the same thing.

A line is the story's best key point (see `briefing_line`): a whole sentence of at most LINE_WORDS
words (a key point is never cut: a cut mid-clause can say the opposite of the report) that names
the event and stands alone — else its headline. Stories are taken in importance order; one is skipped when its headline and
line share most of their content words with a line already chosen (the same event from another
angle, or the same thing said twice), measured as the overlap coefficient |A ∩ B| / min(|A|, |B|).
"""
from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass

from newsdigest.briefing.rank import Importance
from newsdigest.model import Analysed, Story
from newsdigest.text.wordlists import CONNECTIVES, DANGLING_OPENERS, STOPWORDS

BRIEFING_LINES = 5
LINE_WORDS = 25            # one line a reader takes in at a glance
MIN_LINE_WORDS = 5         # shorter "key points" are fragments ("Watch live.")
SAME_EVENT = 0.5           # overlap coefficient of content words at which two lines are about one thing
NAMED_WORDS = 2            # words a line shares with the story's headlines, so it names the event
MIN_SHARED = 2             # ...and at least this many shared words: two short lines share one word by chance
# Nouns news uses to refer back to a subject it named before ("The company said…", "The star…"): a line
# opening with one does not say who. From general knowledge of news style.
REFERRING_NOUNS = frozenset([
    "company", "firm", "group", "man", "woman", "boy", "girl", "couple", "player", "star", "singer", "actor",
    "actress", "team", "club", "country", "city", "agency", "move", "decision", "pair", "teenager", "suspect",
    "victim", "brand", "giant", "retailer", "airline", "carmaker", "lender", "bank", "startup", "service",
])
# A caption describes a picture in the present tense; an outlet's production note addresses the reader.
_CAPTION = re.compile(r"^(?:an?|the|two|three|several)\s+\w+(?:\s+\w+)?\s+(?:stands?|sits?|walks?|poses?|looks? on|holds?"
                      r"|is seen|are seen|gathers?)\b|\(pictured\)|\bpictured\b", re.IGNORECASE)
_SELF_REFERENCE = re.compile(r"\b(?:will bring you|bring you (?:all )?the latest|live updates?|follow (?:our|along|live)"
                             r"|sign up|subscribe)\b", re.IGNORECASE)
_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
_ENDS_SENTENCE = re.compile(r"[.!?]['\"”’)]*$")


@dataclass(frozen=True)
class BriefingLine:
    """One line of the briefing."""

    story_id: str
    text: str
    from_headline: bool        # True when no key point fitted and the headline stands in
    importance: Importance


def choose_briefing(
    ranked: Iterable[tuple[Story, Importance]], items: Mapping[str, Analysed],
    headline: Callable[[Story], str], limit: int = BRIEFING_LINES,
) -> tuple[BriefingLine, ...]:
    """Up to `limit` lines from stories in importance order, skipping repeats of a chosen line."""
    chosen: list[BriefingLine] = []
    chosen_words: list[frozenset[str]] = []
    for story, rank in ranked:
        title = headline(story)
        text, from_headline = briefing_line(story, items, title)
        words = fold_words(f"{title} {text}")
        if not words or any(same_thing(words, other) for other in chosen_words):
            continue
        chosen.append(BriefingLine(story.id, text, from_headline, rank))
        chosen_words.append(words)
        if len(chosen) >= limit:
            break
    return tuple(chosen)


def briefing_line(story: Story, items: Mapping[str, Analysed], headline: str) -> tuple[str, bool]:
    """The story's best key point that fits on one line, else its headline; (text, is the headline).

    Best: the point most of the story's headlines agree with (share NAMED_WORDS words: the event every
    outlet names; ties to the earlier point, the lead's first), among
    points that stand alone: they share at least NAMED_WORDS words with the headlines, one of them a
    name or number (a teaser line that names nothing the headlines name — "The queen of pop broke
    records", "The company is laying off…" — is colour, not the news), and they do not open by
    leaning on a sentence before them ("But…", "To be fair…", "She said…").
    """
    titles = [fold_words(headline)] + [fold_words(_title(items[m])) for m in story.members if m in items]
    # Every headline's words at once: a story of n reports has about n candidate points, so testing each
    # word against each headline made a big story's line cost n² (most of a 67k-article build's editions).
    in_any_title = frozenset().union(*titles)
    best, best_score = "", 0
    for point in candidate_points(story, items):
        if not fits(point) or leans_back(point) or not_the_news(point):
            continue
        words = fold_words(point)
        shared = words & in_any_title
        if len(shared) < NAMED_WORDS or not shared & names(point):
            continue        # counted only for a point that stands alone: the count is the costly part
        agreeing = sum(1 for t in titles if len(words & t) >= NAMED_WORDS)
        if agreeing > best_score:
            best, best_score = point, agreeing
    return (" ".join(best.split()), False) if best else (headline, True)


def candidate_points(story: Story, items: Mapping[str, Analysed]) -> list[str]:
    """The story's merged key points (lead first), then every report's first key point (its lede): the
    merged list holds only a few, and the lede most outlets agree with may be in another report."""
    lead = items.get(story.lead)
    points: list[str] = list(story.key_points or (lead.extract.key_points if lead else ()))
    for member in story.members:
        extract = items[member].extract if member in items else None
        if extract and extract.key_points and extract.key_points[0] not in points:
            points.append(extract.key_points[0])
    return points


def not_the_news(point: str) -> bool:
    """A photo caption ("A woman stands in front of…") or the outlet talking about itself ("will bring
    you the latest updates"): true of the page, not of the event."""
    return bool(_CAPTION.search(point) or _SELF_REFERENCE.search(point))


def leans_back(point: str) -> bool:
    """True when the opening needs the sentence before it: a connective, a pronoun, "To be fair", or
    "The company…" (a generic noun standing for a subject named earlier)."""
    first = _WORD.findall(point.lower()[:40])
    if not first:
        return False
    generic = len(first) > 1 and first[0] == "the" and first[1] in REFERRING_NOUNS
    return first[0] in CONNECTIVES or first[0] in DANGLING_OPENERS or first[:2] == ["to", "be"] or generic


def names(text: str) -> frozenset[str]:
    """Folded capitalised words after the first word, and numbers: who, where, how many."""
    tokens = _WORD.findall(text.replace("’", "'"))
    picked = [t for i, t in enumerate(tokens) if (i > 0 and t[:1].isupper()) or t[:1].isdigit()]
    return fold_words(" ".join(picked)) | frozenset(t for t in picked if t[:1].isdigit())


def _title(item: Analysed) -> str:
    return item.extract.headline or item.article.title


def fits(point: str) -> bool:
    """A whole sentence of MIN_LINE_WORDS to LINE_WORDS words."""
    words = point.split()
    return MIN_LINE_WORDS <= len(words) <= LINE_WORDS and bool(_ENDS_SENTENCE.search(point.strip()))


def fold_words(text: str) -> frozenset[str]:
    """Content words, lower-cased, plural and possessive endings folded ("quakes", "quake's" → "quake")."""
    found = set()
    for word in _WORD.findall(text.lower().replace("’", "'")):
        if word in STOPWORDS or len(word) < 3:
            continue
        word = word.removesuffix("'s")
        if len(word) > 4 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
            word = word[:-1]
        found.add(word)
    return frozenset(found)


def same_thing(a: frozenset[str], b: frozenset[str]) -> bool:
    """Two lines about one event: most words of the shorter one are in the other."""
    shared = len(a & b)
    return shared >= MIN_SHARED and shared >= SAME_EVENT * min(len(a), len(b))
