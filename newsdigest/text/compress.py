"""Sentence compression by deletion only: the short written-down list of SAFE shortenings.

A key point is a whole sentence of the article unless one of these operations applies. Each
removes a span whose loss cannot change what the rest of the sentence says, and none adds,
reorders or inflects a word, so a shortened sentence still contains only words of its source
(the provenance property the article page lets a reader check). The operations, with why each is safe:

1. label       — a dateline, agency tag, shouting subhead or live-blog stamp before the sentence
                 ("WASHINGTON (Reuters) -", "13 min:"): page furniture, not part of the sentence.
2. connective  — a discourse adverb set off by a comma ("However,", "Meanwhile,"): it relates the
                 sentence to the one before; the clause after it is complete on its own.
3. time        — a leading time phrase set off by a comma ("On Tuesday,", "Last year,"): an adjunct
                 before the subject; the main clause after it is complete.
4. place       — a short leading place phrase set off by a comma ("In London,"): the same, for where.
5. attribution — a trailing ", police said" with no quotation in the sentence: the reported
                 clause before it is a complete sentence (never applied to a quote, so a quote is
                 never separated from its speaker).
6. brackets    — a parenthesis or bracketed aside ("(pictured)", "[sic]"): set off by brackets,
                 it is grammatically outside the sentence.
7. appositive  — an appositive or non-restrictive relative clause set off by two commas after a
                 name or noun ("Acme, which makes bolts, said"): non-restrictive, so the sentence
                 reads and means the same without it. Only for long sentences (LONG_WORDS).

Nothing else is cut: no cut inside a clause, no subordinate clause dropped (which would leave a
comma splice), no quotation opened. A sentence too long for any safe cut stays whole.

The phrase-density helpers at the end serve the headline, whose grammar may shed thin phrases
(a headline is a rewrite, marked as generated; key points never use them).
"""
from __future__ import annotations

import re
from collections.abc import Mapping
from itertools import repeat

from newsdigest.text.document import FIXED_LOG, LOG_SCALE, Document, Sentence, content_words
from newsdigest.text.wordlists import (
    ADJUNCT_STARTS,
    CONNECTIVES,
    FINITE_VERB_MARKS,
    PARTICLE_VERBS,
    RELATIVE_PRONOUNS,
    SAY_VERBS,
    STOPWORDS,
    TIME_NOUNS,
)

LONG_WORDS = 30     # appositives and relative clauses go only from sentences longer than this
MIN_REST = 6        # a cut must leave a sentence of at least this many words

# 1. "New Delhi, India (CNN) --", "WASHINGTON (Reuters) -": a dateline and the agency's name open wire copy.
_DATELINE = re.compile(r"^(?:[A-Z][\w.'’-]*,?\s+){0,5}\((?:[A-Z][\w.&-]*\s?){1,3}\)\s*(?:[-—–]+\s*)?(?=[A-Z\"“‘'])")
# A shouting subhead glued to the sentence after it ("HIGHEST SCORES IN SCIENCE: Students…"), or a label ("OPINION:").
_LEADING_CAPS = re.compile(r"^(?:(?:[A-Z][A-Z'’&-]+[:.]?\s+){3,}|[A-Z][A-Z'’&-]{2,}(?:\s[A-Z][A-Z'’&-]+)?:\s+)"
                           r"(?=[A-Z\"“][a-z])")
# Live-blog stamps ("13 min:", "45+2 mins", "12:30 GMT -", "14.05:") say when, not what happened.
_LEADING_STAMP = re.compile(
    r"^(?:\d{1,3}(?:\+\d{1,2})?\s?(?:min|mins|minutes?)\b\s*[:.,–—-]?"
    r"|\d{1,2}[:.]\d\d(?:\s?(?:am|pm|a\.m\.|p\.m\.|GMT|BST|UTC|CET|ET|EST|EDT|PT))?\s*[:–—-]"
    r"|\d{1,2}[:.]\d\d\s?(?:am|pm|a\.m\.|p\.m\.|GMT|BST|UTC|CET|ET|EST|EDT|PT)\b)\s*(?=[A-Z\"“‘'])",
    re.IGNORECASE,
)
# 2. A connective and its comma; bare "But he…" (no comma) is not cut: that sentence leans on the one before.
_LEADING_CONNECTIVE = re.compile(r"^(\w+)\s*,\s+(?=\S)")
# 3. "On Tuesday, …", "Earlier this month, …", "Last year, …", "In 2019, …": a time phrase of at most six words.
_TIME = "|".join(sorted(TIME_NOUNS)) + r"|(?:19|20)\d\d"
# The words between the preposition and the time noun are a time phrase's own ("the past two", "late last"): a
# free word there could be a subject and a verb ("Three people died last week, …" is a clause, not a phrase).
_TIME_FILLER = (r"the|a|an|this|that|last|next|past|previous|same|early|late|earlier|later|recent|coming|following|"
                r"first|second|third|final|few|several|couple|of|one|two|three|four|five|six|seven|eight|nine|ten|"
                r"twelve|mid|each|every|\d{1,4}(?:st|nd|rd|th)?")
_LEADING_TIME = re.compile(
    rf"^(?:(?:on|in|by|since|until|over|during|at|for|from|within)\s+)?(?:(?:{_TIME_FILLER})[\s-]+){{0,4}}"
    rf"(?:{_TIME})\b(?:\s+(?:\d{{1,2}}|(?:19|20)\d\d|ago|later|earlier))?\s*,\s+"
    rf"|^(?:yesterday|today|tonight|earlier|later|recently|currently|now|previously),\s+",
    re.IGNORECASE,
)
# 4. "In London, …", "At the White House, …", "Across Europe, …": a preposition and a capitalised place.
_LEADING_PLACE = re.compile(r"^(?:In|At|Across|Outside|Inside|Near|Throughout)\s+(?:the\s+)?"
                            r"(?:[A-Z][\w'’.-]*\s+){0,3}[A-Z][\w'’.-]*,\s+")
# 5. ", he said." / ", said Mr Smith." / ", according to police." at the very end of a sentence.
_SAY = "|".join(sorted(SAY_VERBS))
_SAY_INVERTED = "|".join(sorted(SAY_VERBS - {"told", "tells", "asked", "asks"}))  # "told the paper": a listener
_SPEAKER = r"(?:he|she|they|it|we|officials|police|experts|sources|[^,;\"“”]{3,60}?)"
_TRAILING_ATTRIBUTION = re.compile(
    rf",\s+(?:{_SPEAKER}\s+(?:(?:has|have|had)\s+)?(?:{_SAY})"
    rf"|(?:{_SAY_INVERTED})\s+(?:the\s+|a\s+|an\s+)?(?:[A-Z]|police\b|officials\b)[^,.;\"“”]{{0,50}}?"
    rf"|according\sto\s[^,.;\"“”]{{1,60}}?)"
    rf"(?:\s+(?:on|last|this|in|at|during)\s[^,.;\"“”]{{1,30}}?)?\s*[.!]?$"
)
# A quotation in straight single quotes ("…to avoid 'preparing for the last war', he added"), told from an apostrophe.
_SINGLE_QUOTE = re.compile(r"(?:^|\s)'\w|\w[.,!?]?'(?:\s|$)")
# What an adjunct's removal must not leave at the front: a number and a comma or a verb ("September 11, | 2001,
# will be…": the date was the subject), i.e. the rest must open its own clause.
_SUBJECT_CUT = re.compile(r"\d[\d,.]*,\s|(?:is|are|was|were|has|have|had|will|would|can|could|may|might)\b")
# 6. A bracketed aside, with the space before it.
_BRACKETS = re.compile(r"\s*\([^()]{0,80}\)|\s*\[[^\[\]]{0,80}\]")
# 7. ", who …," / ", which …," between commas, before a lower-case word that continues the clause; or an appositive
# noun phrase (", a former minister,") right after a capitalised name, before a lower-case verb. An aside holding a
# verb of its own other than in a relative clause is no appositive ("…area, the captain was making…, with…").
_RELATIVE = "|".join(sorted(RELATIVE_PRONOUNS))
_CONTINUES = r"(?=(?!(?:and|or|but|nor|the|a|an|in|on|at|of|to|with|for|from|by|as|who|which)\b)[a-z])"
_RELATIVE_ASIDE = re.compile(rf",\s+(?:{_RELATIVE})\s[^,;:\"“”()]{{3,90}}?,\s+{_CONTINUES}")
_APPOSITIVE = re.compile(rf"(?<=[a-z])(?<=\s[A-Z][a-z]|[A-Z][a-z]{{2}}|[a-z]{{3}}),\s+(?:a|an|the)\s[^,;:\"“”()]{{3,60}}?,\s+"
                         rf"{_CONTINUES}")


def shortened(doc: Document, sentence: Sentence) -> str:
    """shorten() of one sentence of `doc`, remembered on the document (headline and key points share the lead)."""
    memo = doc.shortened
    text = memo.get(sentence.position)
    if text is None:
        text = memo[sentence.position] = shorten(sentence.text)
    return text


def shorten(text: str, long_words: int = LONG_WORDS) -> str:
    """Apply the safe operations to one sentence and finish it (capital first letter, end mark)."""
    text = drop_label(text)
    if "(" in text or "[" in text:
        text = _BRACKETS.sub("", text)
    text = _drop(_LEADING_CONNECTIVE, text, lambda match: match.group(1).lower() in CONNECTIVES)
    text = _drop(_LEADING_TIME, text)
    text = _drop(_LEADING_PLACE, text)
    text = drop_attribution(text)
    if len(text.split()) > long_words:
        text = drop_asides(text)
    return finish(text)


def drop_label(text: str) -> str:
    """Operation 1: a dateline, shouting subhead or time stamp before a sentence of MIN_REST words or more."""
    first = text[:1]
    if first.isdigit():
        match = _LEADING_STAMP.match(text)
    elif first.isupper() and ("(" in text[:60] or text[1:2].isupper()):
        match = _DATELINE.match(text) or _LEADING_CAPS.match(text)
    else:
        return text
    return text[match.end():] if match and len(text[match.end():].split()) >= MIN_REST else text


def _drop(pattern: re.Pattern[str], text: str, accept: object = None) -> str:
    """The text after a leading `pattern` match, when a sentence of MIN_REST words is left (and `accept` agrees)."""
    match = pattern.match(text)
    if not match or (callable(accept) and not accept(match)):
        return text
    rest = text[match.end():]
    if len(rest.split()) < MIN_REST or not _quotes_balanced(rest) or _SUBJECT_CUT.match(rest):
        return text
    return rest


def drop_attribution(text: str) -> str:
    """Operation 5: ", police said." off the end of a sentence that quotes nobody."""
    if any(mark in text for mark in "\"“”‘") or ", " not in text or _SINGLE_QUOTE.search(text):
        return text
    match = _TRAILING_ATTRIBUTION.search(text, text.rfind(", ", 0, len(text) - 4) if text.count(", ") > 3 else 0)
    if not match:
        return text
    head = text[:match.start()]
    return head + "." if len(head.split()) >= MIN_REST else text


def drop_asides(text: str) -> str:
    """Operation 7: non-restrictive asides between commas (a trailing ", which …" stays: there the news often is)."""
    shorter = _RELATIVE_ASIDE.sub(" ", text)
    shorter = _APPOSITIVE.sub(_appositive, shorter)
    if not _quotes_balanced(shorter) or len(shorter.split()) < MIN_REST:
        shorter = text
    return shorter


def _appositive(match: re.Match[str]) -> str:
    """ " " for an appositive after a name ("Smith, a lawyer, said"), the match itself for an aside with a verb."""
    before = match.string[:match.start()].rsplit(None, 1)[-1:]
    aside = match.group(0).split()[1:]
    is_name = bool(before) and before[0][:1].isupper()
    has_verb = any(word.strip(",").lower() in FINITE_VERB_MARKS or word.strip(",").lower() in SAY_VERBS
                   for word in aside)
    return " " if is_name and not has_verb else match.group(0)


def finish(text: str) -> str:
    """Capitalise the start and end with the sentence's own end mark (a full stop when a cut took it)."""
    text = " ".join(text.split()).strip(" ,;:-—–")
    if not text:
        return ""
    text = text[0].upper() + text[1:]
    if text[-1] not in ".!?\"”'’…" or text[-1] in "\"”'’" and text[-2:-1] not in (".", "!", "?", ","):
        text += "."
    return text


def _quotes_balanced(text: str) -> bool:
    """True when every quote opened in `text` is closed, so cutting here breaks no quotation."""
    if '"' not in text and "“" not in text and "”" not in text:
        return True  # most sentences quote nobody
    return text.count("“") == text.count("”") and text.count('"') % 2 == 0


# --- phrase density: the headline's squeezing (headlines are rewrites; key points never use this) ---------------

def density(text: str, term_counts: Mapping[str, int]) -> float:
    """Mean log-frequency in the article of the text's content words (how much of the story's core it carries)."""
    words = content_words(text)
    if not words:
        return 0.0
    # Fixed-point logs: the sum runs over a set, whose order changes between runs; an integer sum does not.
    return sum(map(FIXED_LOG.__getitem__, map(term_counts.get, words, repeat(1)))) / (len(words) * LOG_SCALE)


def trim_thin_phrases(words: list[str], term_counts: Mapping[str, int], min_words: int,
                      starts_with: frozenset[str] = ADJUNCT_STARTS) -> list[str]:
    """Drop trailing phrases opened by `starts_with` whose words the article repeats less than the rest's."""
    while len(words) > min_words:
        last = next((i for i in range(len(words) - 1, min_words - 2, -1) if words[i].lower() in starts_with), -1)
        if last < 0 or last == len(words) - 1:
            break  # none, or a preposition with nothing after it: the verb's particle ("thrown in")
        before = words[last - 1].lower().strip(",;:")
        if before in STOPWORDS or before.endswith("ed") or before in FINITE_VERB_MARKS or before in SAY_VERBS or _takes_particle(before):
            # "was | on a ship", "premised | on", "King said | in a message", "packs | on the pounds": the phrase
            # completes the verb
            break
        head, tail = " ".join(words[:last]), " ".join(words[last:])
        if density(tail, term_counts) >= 0.8 * density(head, term_counts) or not _quotes_balanced(head):
            break
        words = words[:last]
    return words


_PARTICLE_SUFFIXES = (("ies", "y"), ("ing", "e"), ("ing", ""), ("es", ""), ("s", ""))


def _takes_particle(word: str) -> bool:
    """True for "packs", "weighing", "carries": a phrasal verb, whose particle starts the phrase after it."""
    if word in PARTICLE_VERBS:
        return True
    return any(word.endswith(suffix) and word[:-len(suffix)] + base in PARTICLE_VERBS
               for suffix, base in _PARTICLE_SUFFIXES)
