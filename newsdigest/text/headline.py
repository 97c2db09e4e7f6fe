"""Headline for articles that have none: the lead sentence's main clause in headline grammar.

Headline grammar: no articles, no time phrase, no attribution or trailing clause, and the
present tense where the lead uses a simple past ("Profits jumped" → "Profits jump").
"""
from __future__ import annotations

import re

from newsdigest.text.document import Document, Sentence
from newsdigest.text.keypoints import compress
from newsdigest.text.wordlists import IRREGULAR_PRESENT, TIME_WORDS

MAX_WORDS = 12
_ARTICLES = frozenset({"a", "an", "the"})
_AUXILIARY_PAST = frozenset({"has", "have", "had", "was", "were", "be", "been", "being", "is", "are", "to"})
_PLURAL_SUBJECTS = frozenset({"they", "we", "i", "you", "people", "police"})
_TIME_PHRASE = re.compile(
    r"\s+(?:on|last|this|earlier|late|early|in)\s+(?:this\s+)?(?:monday|tuesday|wednesday|thursday|friday|saturday|"
    r"sunday|week|month|year|morning|afternoon|evening|night|weekend)\b|\s+(?:yesterday|today|tonight|"
    r"earlier this \w+)\b",
    re.IGNORECASE,
)
_BREAK = re.compile(r",\s+|\s+[-—–]+\s+|;\s+|\s+(?:which|who|after|as|because|while|since|amid|despite|following)\s+")
_TRAIL = re.compile(r"[\s,;:.!?\"'“”‘’-]+$")


def make_headline(doc: Document) -> str:
    """A headline of at most MAX_WORDS words from the article's lead sentence ("" if none)."""
    lead = _lead_sentence(doc)
    if lead is None:
        return ""
    if not doc.english:
        return " ".join(lead.text.split()[:MAX_WORDS])
    text = _main_clause(compress(lead))
    words = [w for w in _TIME_PHRASE.sub("", text).split() if w.lower() not in _ARTICLES]
    words = _to_present(words)[:MAX_WORDS]
    if not words:
        return ""
    headline = _TRAIL.sub("", " ".join(words))
    return headline[:1].upper() + headline[1:]


def _lead_sentence(doc: Document) -> Sentence | None:
    """The first real sentence: terminated prose of at least six words."""
    for sentence in doc.sentences[:5]:
        if sentence.terminated and len(sentence.words) >= 6:
            return sentence
    return doc.sentences[0] if doc.sentences else None


def _main_clause(text: str) -> str:
    """Keep the text before the first clause break that leaves at least four words."""
    for match in _BREAK.finditer(text):
        head = text[:match.start()]
        if len(head.split()) >= 4 and head.count('"') % 2 == 0 and head.count("“") == head.count("”"):
            return head
    return text


def _to_present(words: list[str]) -> list[str]:
    """Turn the first simple-past verb into the present, agreeing with the word before it."""
    for position, word in enumerate(words[1:], start=1):
        previous = words[position - 1].lower().strip(",")
        if previous in _AUXILIARY_PAST or not word.isalpha() or not word.islower():
            continue
        base = _present_base(word)
        if base is None:
            continue
        plural = previous in _PLURAL_SUBJECTS or (previous.endswith("s") and not previous.endswith("ss"))
        words[position] = base if plural else _third_person(base)
        return words
    return words


def _present_base(word: str) -> str | None:
    """Base form of a simple past the rules can undo safely, else None."""
    if word in IRREGULAR_PRESENT:
        return IRREGULAR_PRESENT[word]
    if word in TIME_WORDS or not word.endswith("ed") or len(word) < 5:
        return None
    if word.endswith("ied"):
        return word[:-3] + "y"
    stem = word[:-2]
    if stem[-1] == stem[-2] and stem[-1] not in "lsz":
        return stem[:-1]   # "stopped" → "stop"
    if stem.endswith("ee") or (stem[-1] not in "aeiouy" and stem[-2] not in "aeiouy" and stem[-1] != stem[-2]):
        return stem        # "jumped" → "jump", "agreed" → "agree"
    if stem[-2] in "aeiou" and stem[-3] in "aeiou":
        return stem        # "gained" → "gain", "soared" → "soar"
    return None            # "rated", "hoped": the base is ambiguous, keep the past


def _third_person(base: str) -> str:
    """ "jump" → "jumps", "rally" → "rallies", "push" → "pushes"."""
    if base in ("be",):
        return "is"
    if base.endswith(("s", "sh", "ch", "x", "z", "o")):
        return base + "es"
    if base.endswith("y") and base[-2:-1] not in tuple("aeiou"):
        return base[:-1] + "ies"
    return base + "s"
