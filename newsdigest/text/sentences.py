"""Rule-based sentence segmentation for English news text.

One regex pass finds candidate boundaries (a terminator, optional closing quotes or
brackets, then whitespace); small rules decide each one. Line breaks always end a
sentence, because news text puts paragraphs, headlines and list items on lines of their own.
"""
from __future__ import annotations

import re

from newsdigest.text.wordlists import AMBIGUOUS, BEFORE_NUMBER, NEVER_FINAL, SENTENCE_STARTERS, TITLES

_ABBREVIATIONS = TITLES | BEFORE_NUMBER | NEVER_FINAL | AMBIGUOUS
# "[.!?…][.!?…]*", not "[.!?…]+": the engine can then skip ahead to a terminator, twice as fast as trying "+" everywhere.
_CANDIDATE = re.compile(r"([.!?…][.!?…]*)(['\"’”)\]]*)\s+(?=(\S+))")
# "the community.Dr Venter": markup stripped without a space still ends a sentence (a word, a stop, a new word).
_NO_SPACE_STOP = re.compile(r"([.!?])(?<=[a-z]{2}[.!?])(?=[A-Z][a-z]+\s)")  # the stop first: fast to scan for
_HAS_TERMINATOR = re.compile(r"[.!?…]")
_OPENERS = "\"'“‘«([{"
_BULLETS = "•⁃▪◦‣"
_ACRONYM = re.compile(r"(?:[a-z]\.)+[a-z]")
_MARKER = re.compile(r"(?:[•⁃▪◦‣*]\s*)?(?:\d{1,3}|[A-Za-z])")
_TRAILING_LONE_DOTS = re.compile(r"(?:(?<=\s)\.\s*)+$")
_SPACED_ELLIPSIS_THEN_CAPITAL = re.compile(r"\.(?: \.){2}\s+[\"“‘']?[A-Z]")
_LIST_START = re.compile(r"\s*(\d{1,3}|[a-z])(\.\)|\)|\.)\s")
_WORD_CHARS = re.compile(r"[A-Za-z]+")


def split_sentences(text: str) -> list[str]:
    """Split plain text into sentences; every line break is a boundary."""
    sentences: list[str] = []
    for line in _NO_SPACE_STOP.sub("\\1\n", text).splitlines():
        line = line.strip()
        if line:
            for item in _list_items(line):
                sentences.extend(_split_line(item))
    return sentences


def _list_items(line: str) -> list[str]:
    """Split a line that is a run-in list ("1) a 2) b", "• a • b") into its items."""
    if line[0] in _BULLETS:
        return [line[0] + part.rstrip() for part in line[1:].split(line[0]) if part.strip()]
    start = _LIST_START.match(line)
    if not start:
        return [line]
    label, style = start.group(1), start.group(2)
    items, begin, pos = [], 0, start.end()
    while True:
        label = str(int(label) + 1) if label.isdigit() else chr(ord(label) + 1)
        found = line.find(f" {label}{style} ", pos)
        if found < 0:
            break
        items.append(line[begin:found].strip())
        begin, pos = found + 1, found + 1
    items.append(line[begin:].strip())
    return items


def _split_line(line: str) -> list[str]:
    """Split one line at the candidate boundaries that the rules accept."""
    if not _HAS_TERMINATOR.search(line, 0, len(line) - 1):
        return [line]  # nothing before the end can close a sentence: the common case for short lines
    pieces: list[str] = []
    start = 0
    for match in _CANDIDATE.finditer(line):
        if _is_boundary(match, line, start):
            pieces.append(line[start:match.end()].strip())
            start = match.end()
    tail = line[start:].strip()
    if tail:
        pieces.append(tail)
    return pieces


def _is_boundary(match: re.Match[str], line: str, start: int) -> bool:
    """Decide whether the candidate in `match` ends a sentence."""
    terminator, _closers, following = match.groups()
    word = line[line.rfind(" ", 0, match.start()) + 1:match.start()]
    if (terminator == "." and following[0].isupper() and word.isalpha() and len(word) > 1
            and word.lower() not in _ABBREVIATIONS):
        return True  # the common case, "word. Next": decided without the rules below
    first = following.lstrip(_OPENERS)[:1]
    if following[0] in "([" or not first:
        return False
    if following[0] in _BULLETS:
        return True
    if terminator == "." and following == ".":
        # "compounds. . . . The": the word's own full stop ends it; the ellipsis opens the next.
        return bool(word) and bool(_SPACED_ELLIPSIS_THEN_CAPITAL.match(line, match.end()))
    if first.islower():
        return False  # a lower-case continuation is never a new sentence ("'Great.' she said", "Yahoo! in")
    if terminator[0] in "!?":
        return True
    if not word:
        return terminator != "." or _lone_dot_run(line, match.start()) >= 4
    if terminator != ".":
        return True  # "that.... She": an ellipsis followed by a capital
    return _full_stop_ends(word, first, following, line, start, match.start(1))


def _lone_dot_run(line: str, end: int) -> int:
    """Count the spaced dots (". . . .") that end at `end`, including the one there."""
    run = _TRAILING_LONE_DOTS.search(line, 0, end)
    return 1 + (run.group(0).count(".") if run else 0)


def _full_stop_ends(word: str, first: str, following: str, line: str, start: int, stop: int) -> bool:
    """Rules for a full stop at `stop` after `word`, followed by a token starting with capital or digit `first`.

    `line[start:stop]` is the sentence so far; it is sliced only when a rule needs it (this runs per candidate).
    """
    key = word.lstrip(_OPENERS).lower()
    if key in TITLES or key in NEVER_FINAL:
        return False
    if first.isdigit() and key in BEFORE_NUMBER:
        return False
    if stop - start <= 8 and _MARKER.fullmatch(line[start:stop].lstrip()):
        return False  # "1. The first item": a list marker, not a sentence
    if key in AMBIGUOUS or _ACRONYM.fullmatch(key) or (len(key) == 1 and key.isalpha()):
        return _starts_new_sentence(following, line[start:stop])
    return True


def _starts_new_sentence(following: str, piece: str) -> bool:
    """After "Co.", "U.S." or an initial: only a typical sentence opener starts a new sentence."""
    if piece.count(" ") < 3:
        return False  # "At 5 a.m. Mr. Smith": three words are too few to be a sentence of their own
    opener = _WORD_CHARS.search(following)
    return opener is not None and opener.group(0).lower() in SENTENCE_STARTERS
