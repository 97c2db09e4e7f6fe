"""One light English stemmer for keywords, topics and stories, so that all three fold a word the same way.

`stem` folds what does not change a word's meaning for matching: a possessive ("Russia's") and a plural
("companies" → "company", "taxes" → "tax"), keeping the word's case so names stay names. With `verbs`, it
also folds verb and agent endings ("killing", "killed", "kills" → "kill"; "terrorist", "terrorism" →
"terror"), which grouping stories wants and topic terms do not. Endings come from English spelling rules
("-ies" for a consonant and "y", "-es" after a sibilant, a doubled final consonant before "-ing"/"-ed").
"""
from __future__ import annotations

_SIBILANT_PLURALS = ("sses", "xes", "ches", "shes", "zzes")
_NOT_PLURAL = ("ss", "us", "is")  # "press", "virus", "analysis": an "s" that is no plural
_VERB_ENDINGS = (("ism", 4), ("ist", 4), ("ing", 3), ("ed", 3))


def stem(word: str, verbs: bool = False) -> str:
    """The word without a possessive and a plural ending (and, with `verbs`, verb endings); case is kept."""
    if word[-2:] in ("'s", "’s"):
        word = word[:-2]
    elif word[-1:] in ("'", "’"):
        word = word[:-1]
    folded = _plural(word)
    if verbs:
        folded = _verb(folded) if folded == word else folded
        if len(folded) > 4 and folded.endswith("e"):
            folded = folded[:-1]  # "raise" and "raised" → "rais": a silent "e" before a verb ending
    return folded


def _plural(word: str) -> str:
    low = word.lower()
    if len(word) <= 3 or not low.endswith("s") or low.endswith(_NOT_PLURAL):
        return word
    if low.endswith("ies") and len(word) > 4:
        return word[:-3] + ("Y" if word[-3].isupper() else "y")
    if low.endswith(_SIBILANT_PLURALS):
        return word[:-2]
    return word[:-1]


def _verb(word: str) -> str:
    for suffix, keep in _VERB_ENDINGS:
        if word.endswith(suffix) and len(word) - len(suffix) >= keep:
            word = word[:-len(suffix)]
            break
    else:
        return word
    if word.endswith(("ss", "us", "is")):
        return word
    # "stabbed" and "stab", "kidnapping" and "kidnap": undo the doubled final consonant; "raised" → "rais".
    if len(word) > 3 and word[-1] == word[-2] and word[-1] not in "lsz" and word[-1].isalpha():
        word = word[:-1]
    return word
