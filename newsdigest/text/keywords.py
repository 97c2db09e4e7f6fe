"""Keywords: the 5–8 terms that characterise an article, for tags, related articles and story grouping.

Names (runs of capitalised words) and repeated content words score by how often they
recur, how early they appear (the lead names the subject) and whether the title uses them.
"""
from __future__ import annotations

import re
from collections.abc import Container, Iterable

from newsdigest.text.document import Document
from newsdigest.text.stem import stem
from newsdigest.text.wordlists import GENERIC_TERMS, STOPWORDS

MIN_KEYWORDS, MAX_KEYWORDS = 5, 8
_LEAD_SENTENCES = 3
_CANDIDATES = 40
_NAME = re.compile(r"[A-Z][\w’'&-]*(?:[ \t]+(?:(?:of|de|van|von)[ \t]+)?[A-Z][\w’'&-]*)*")
_POSSESSIVE = re.compile(r"['’]s?$")  # "Russia's" → "Russia" (tags name the thing); "Angie's List" stays
_NAME_EDGE_WORDS = STOPWORDS | {"but", "and", "if", "as", "so", "mr", "mrs", "ms", "dr", "sir"}


def keywords(doc: Document) -> tuple[str, ...]:
    """The article's most characteristic names and terms, best first."""
    scores: dict[str, float] = {}
    display: dict[str, str] = {}
    openers: dict[str, float] = {}
    # Names in the lead count more: the first sentences say who and what the story is about.
    rest = doc.body_from(_LEAD_SENTENCES)
    lead = doc.body[:len(doc.body) - len(rest) - 1] if rest else doc.body
    _score_names(lead, 1.5, scores, display, openers)
    _score_names(rest, 1.0, scores, display, openers)
    for key, score in openers.items():
        if key in scores:
            scores[key] += score  # "Analysts said…" counts only if "Analysts" is also a name mid-sentence
    # Repeated plain words: a comprehension, as this runs over every distinct word of the article.
    scores.update({word: float(count) for word, count in doc.term_counts.items()
                   if count >= 2 and len(word) > 3 and word not in scores and not word.isdigit()
                   and word not in GENERIC_TERMS})
    for word in doc.title_words:
        if word in scores:
            scores[word] *= 1.5
    text = doc.body
    lowered = text.lower()
    return tuple(display.get(key) or _fold(_as_written(key, text, lowered)) for key in _pick(scores, display))


def _score_names(text: str, weight: float, scores: dict[str, float], display: dict[str, str],
                 openers: dict[str, float]) -> None:
    """Add the names in `text` to `scores` (a one-word name opening a sentence goes to `openers`)."""
    for name, opens_sentence in _names(text):
        key = name.lower()
        if opens_sentence:
            openers[key] = openers.get(key, 0.0) + weight * 1.2
        else:
            if key not in display:
                display[key] = name
            scores[key] = scores.get(key, 0.0) + weight * (1.5 if " " in name else 1.2)


def _names(text: str) -> list[tuple[str, bool]]:
    """Runs of capitalised words with function words trimmed off, and whether a one-word name opens a sentence."""
    names = []
    edge = _NAME_EDGE_WORDS
    for match in _NAME.finditer(text):
        found = match.group(0)
        start = match.start()
        if " " not in found:  # the common case, kept fast: one capitalised word
            if len(found) > 1 and found.lower() not in edge and not (start and text[start - 1].isalnum()):
                names.append((_fold(found) if "'" in found or "’" in found else found, text[start - 1:start] in "\n"))
            continue
        if start and text[start - 1].isalnum():
            continue  # "iPhone": a capital inside a word starts no name
        words = found.split()
        while words and words[0].lower().strip("’'") in edge:
            words.pop(0)
        while words and words[-1].lower() in edge:
            words.pop()
        if words and len(words) <= 4 and len(words[0]) > 1:
            opens = len(words) == 1 and words[0] == found.split()[0] and text[start - 1:start] in "\n"
            names.append((_fold(" ".join(words)), opens))
    return names


def _fold(name: str) -> str:
    """ "Russia's" → "Russia"."""
    return _POSSESSIVE.sub("", name) if "'" in name or "’" in name else name


def _as_written(word: str, text: str, lowered: str) -> str:
    """A term as the article writes it inside a sentence ("iPhone"), else lower case."""
    at = lowered.find(" " + word)
    if at < 0 or len(lowered) != len(text):
        return word
    return text[at + 1:at + 1 + len(word)]


def _pick(scores: dict[str, float], names: Container[str] = ()) -> list[str]:
    """Best-scoring terms, skipping variants of chosen ones ("profits", "Foster's", "Russian" after "Russia")
    and words inside chosen phrases. `names` holds the keys that are names (only names have demonyms)."""
    chosen: list[str] = []
    stems: set[str] = set()          # chosen terms, folded
    phrase_words: set[str] = set()   # every word of every chosen term
    roots: set[str] = set()          # chosen one-word names, as demonym roots
    # Only the leaders can make the list; ties go alphabetically, never by set or hash order (determinism).
    candidates: Iterable[str] = scores
    if len(scores) > _CANDIDATES:
        floor = sorted(scores.values(), reverse=True)[_CANDIDATES - 1]  # a C sort beats heapq's Python loop here
        candidates = [key for key, score in scores.items() if score >= floor]
    # Alphabetical, then by score (reverse=True keeps the sort stable, so ties stay alphabetical): sorting plain
    # strings and floats is faster than sorting (-score, key) tuples.
    leaders = sorted(sorted(candidates), key=scores.__getitem__, reverse=True)
    for key in leaders:
        if len(chosen) >= MAX_KEYWORDS:
            break
        stem = _stem(key)
        parts = stem.split()
        if stem in stems or stem in phrase_words or not stems.isdisjoint(parts):
            continue  # a variant of, a word inside, or a phrase around a chosen term
        name_roots = _demonym_roots(stem) if key in names and len(parts) == 1 else ()
        if not roots.isdisjoint(name_roots):
            continue  # "Russian" after "Russia", "Ukrainian" after "Ukraine": one place, one tag
        chosen.append(key)
        stems.add(stem)
        phrase_words.update(parts)
        roots.update(name_roots)
    return chosen


def _demonym_roots(name: str) -> tuple[str, ...]:
    """What a place name and its demonym share: "russia", "russian" → "russ"; "ukraine", "ukrainian" → "ukrain";
    "germany", "german" → "german"; "iran", "iranian" → "iran" (either ending -an dropped or not); "chinese" → "chin"."""
    forms = (name, name[:-1]) if name.endswith("an") else (name[:-3],) if name.endswith("ese") else (name,)
    return tuple(root for root in (form.rstrip("aeiouy") for form in forms) if len(root) >= 3)


def _stem(key: str) -> str:
    """Fold possessives and plurals so that variants of one term compare equal (the shared text.stem)."""
    if " " not in key:
        return stem(key)
    return " ".join([stem(word) for word in key.split()])