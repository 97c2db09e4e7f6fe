"""Key points: whole sentences of the article a reader can trust, each standing on its own.

Faithful first: a key point is a sentence of the article, shortened only by the safe deletions of
text.compress (so it never holds a word its source sentence does not). Lead-biased: news puts the
point first, so the lead sentences are the floor; a later sentence is preferred only when the
ranking finds it clearly more central, and a sentence is skipped when it cannot stand alone —
it opens with a word that needs the sentence before it (unless that sentence is the bullet before),
is a question, a quote cut from its speaker, a first-person aside or not prose. A teaser (one or
two sentences) gets one key point, or none when it only restates the title.
"""
from __future__ import annotations

import re
from typing import NamedTuple

from newsdigest.text.compress import shortened
from newsdigest.text.document import Document, Sentence
from newsdigest.text.summary import TEASER_SENTENCES, Weights, overlap, rank, score_unterminated
from newsdigest.text.wordlists import (
    CONNECTIVES,
    DANGLING_OPENERS,
    DANGLING_PHRASES,
    EVALUATIVE_OPENERS,
    FINITE_VERB_MARKS,
    FIRST_PERSON,
    FORWARD_OPENERS,
    IRREGULAR_PRESENT,
    NUMBER_WORDS,
    SAY_VERBS,
    SEQUENCE_PHRASES,
)


class KeyPoint(NamedTuple):
    """One generated key point and the position of the article sentence it was made from."""

    source: int
    text: str


# Lead bias dominates (news puts the point first); repeated words and names decide among the rest.
_KEYPOINT_WEIGHTS = Weights(position=4.0, centrality=1.0, title=0.6, informative=0.8, quote=0.0, long_words=60)
_MIN_WORDS = 5            # fewer words than this is a fragment, not a point
_FALLBACK_MIN_WORDS = 3   # without word lists: a line of one or two words ("Zeit!") is a label
_MAX_OVERLAP = 0.5        # a sentence sharing more of its words with a picked one repeats it
_RESTATES_TITLE = 0.75    # share of a sentence's content words in the title above which it only restates it
_STANDFIRST_LINES, _STANDFIRST_WORDS = 2, 8
_EDGE = ",.;:'\"“”‘’()!?"
_BASE_VERBS = frozenset({"say", "says", "do", "does", "go", "goes", "get", "gets", "make", "makes", "take", "takes",
                         "want", "need", "know", "think", "see", "come", "give"})
_NOT_BEFORE_VERB = frozenset({"a", "an", "the", "this", "that", "these", "those", "his", "her", "its", "their", "our",
                              "my", "your", "of", "in", "on", "at", "for", "from", "with", "by", "to", "and", "or"})
_NOT_VERB_S = ("ss", "'s", "’s", "us", "is", "ics")
_BARE_QUANTITY_NEXT = frozenset({"were", "are", "was", "is", "have", "had", "will", "would", "could", "remain",
                                 "died", "of"})
# A web address, an e-mail or a phone number: a listing or an instruction ("go to www…"), not a statement.
_CONTACT = re.compile(r"www\.|https?://|\b[\w.-]+@[\w-]+\.\w|\b\d{3}[-.]\d{3}[-.]\d{4}\b|\b\w+\.(?:com|org|net)\b")
_SAY = "|".join(sorted(SAY_VERBS))
_PERSONAL = frozenset({"he", "she", "his", "her"})
# A person's name: a title and a capitalised word, or two capitalised words after the sentence's first word.
# At the start the first word is capitalised anyway, so an opening name needs its apposition: "Hiroshi Ueda, a…".
_PERSON_NAME = re.compile(r"\b(?:Mr|Mrs|Ms|Dr)\.?\s[A-Z]|(?<=\s)[A-Z][a-z]+\s[A-Z][a-z]+(?:,|\s[a-z])"
                          r"|^[A-Z][a-z]+\s[A-Z][a-z]+,")
# Reported speech with a quoted phrase and a named speaker ("Mr Lavrov called the talks “fruitful”") is how news
# gives each actor's position (measured flat from ×1.25 to ×1.6 on cnndm/bbc/xsum in engine 28, so ×1.4).
_NAMED_QUOTE_BONUS = 1.4
_NAMED_QUOTE = re.compile(
    rf"(?=[A-Z])(?:\b(?:Mr|Mrs|Ms|Dr)\.?|[A-Z][a-z]+)\s+[A-Z][\w’'-]+\s+(?:(?:has|had)\s+)?(?:{_SAY}|called|described)\b"
    rf"[^\"“”]{{0,60}}[\"“][^\"“”]{{3,}}[\"”]")
_APOSTROPHE = re.compile(r"['’]")
# "It's hard to believe that…", "It is likely that…": a dummy "it" that points at nothing before it.
_EXPLETIVE_IT = re.compile(r"^It(?:['’]s| is| was| has been) (?:\w+ )?\w+ (?:to|that|what|how|when|whether)\b")
_WORD = re.compile(r"\w+(?:['’]\w+)*")
_QUOTED = re.compile(r"[\"“][^\"“”]*[\"”]|‘[^‘’]*’")
# A subordinator, pronoun or "The" capitalised after a lower-case word is a sentence start whose stop is missing: a
# picture caption glued to the sentence after it ("…on their Facebook page When officials…"), two texts, not one point.
_GLUED = re.compile(r"(?<=[a-z0-9%]) (?:When|But|He|She|They|We|After|While|His|Her|Their|However|The) (?=[a-z])")
# A sentence that points into the page's pictures ("In the right-hand photograph she is seen…", "…, pictured above,",
# "the hotel pictured here") describes a photo: a caption, and a reader of the key points has no picture. A pointer in
# brackets is an aside of a prose sentence that compression removes ("The S90C (pictured above) costs…"), and so is a
# bare "(left)": Daily Mail teasers put it in the lead sentence itself ("Mary Prescott (left) worked at…").
_PICTURE_DEIXIS = re.compile(r"(?i)(?<!\()\b(?:(?:left|right)-hand (?:photo|photograph|picture|image)s?"
                             r"|(?:pictured|seen|shown) (?:above|below)|(?:pictured|shown) here)\b")
_WORD_GOES_ON = re.compile(r"[\w'’-]")
_SUBORDINATE_START = frozenset({"in", "at", "on", "after", "although", "as", "because", "before", "despite", "if",
                                "since", "though", "unless", "until", "when", "whereas", "whether", "while"})


def key_points(doc: Document, count: int = 3) -> list[str]:
    """The article's `count` main points, in the order the article tells them."""
    return [point.text for point in points(doc, count)]


def points(doc: Document, count: int = 3) -> list[KeyPoint]:
    """The key points with the position of the sentence each came from (the article page links them)."""
    if len(doc.sentences) <= TEASER_SENTENCES:
        count = min(count, 1)
    if not doc.english:
        return _positional(doc, count)
    scores = rank(doc, _KEYPOINT_WEIGHTS)
    for sentence in doc.sentences:
        if _is_standfirst(sentence):
            scores[sentence.position] = score_unterminated(doc, sentence, _KEYPOINT_WEIGHTS)
        if ('"' in sentence.text or "“" in sentence.text) and _NAMED_QUOTE.search(sentence.text):
            scores[sentence.position] *= _NAMED_QUOTE_BONUS
    return sorted(_pick(doc, scores, count))


def _never_a_key_point(doc: Document, sentence: Sentence) -> bool:
    """A sentence that cannot stand alone, restates the title, points ahead or into a picture, or is two texts glued.

    Asked only of the sentences the ranking reaches (usually the first few), not of every sentence.
    """
    text = sentence.text
    return (not stands_alone(sentence) or _restates_title(doc, sentence) or bool(_GLUED.search(text))
            or _points_at_picture(text) or text[:12].lower().startswith(FORWARD_OPENERS))


def _points_at_picture(text: str) -> bool:
    # Substring checks first: every pointer holds one of these, and most sentences hold none (the regex is dearer).
    return ("ictured" in text or "een " in text or "hown " in text or "-hand " in text) and bool(
        _PICTURE_DEIXIS.search(text))


def _positional(doc: Document, count: int) -> list[KeyPoint]:
    """Without word lists: the first whole sentences, skipping headings in capitals, one- or two-word labels and
    continuations."""
    # A line opening in lower case or with a dash continues the one before ("— poinformował PKN Orlen.").
    lines = [s for s in doc.sentences if not s.text.isupper() and len(s.words) >= _FALLBACK_MIN_WORDS
             and not s.text[0].islower() and s.text[0] not in "-—–"]
    return [KeyPoint(s.position, s.text) for s in (lines or list(doc.sentences))[:count]]


def _pick(doc: Document, scores: list[float], count: int) -> list[KeyPoint]:
    """The best-scoring sentences that repeat no earlier pick; one that leans back only after its antecedent.

    A sentence that leans back waits until the sentence before it is picked: it outscored every sentence
    considered after it, so it takes its place as soon as its antecedent is a bullet.
    """
    picked: list[KeyPoint] = []
    chosen: dict[int, Sentence] = {}
    waiting: list[tuple[int, str]] = []
    # Best first, ties in document order: reverse=True keeps a sort stable.
    for index in sorted(range(len(scores)), key=scores.__getitem__, reverse=True):
        if len(picked) >= count or scores[index] < 0:
            break
        sentence = doc.sentences[index]
        if _never_a_key_point(doc, sentence):
            continue  # whatever its rank
        if any(overlap(sentence, other) > _MAX_OVERLAP for other in chosen.values()):
            continue
        text = shortened(doc, sentence)
        if index > 0 and leans_back(text) and not _follows(text, index, chosen):
            waiting.append((index, text))  # "She has refused to do either.": who is "she" without the one before?
            continue
        if reads_well(text) and all(text != known for _, known in picked):
            picked.append(KeyPoint(index, text))
            chosen[index] = sentence
            _take_waiting(doc, waiting, picked, chosen, count)
    return picked


def _take_waiting(doc: Document, waiting: list[tuple[int, str]], picked: list[KeyPoint],
                  chosen: dict[int, Sentence], count: int) -> None:
    """Pick the waiting sentence right after the bullet just picked, if it may follow it (and so on down a chain):
    every way of following needs the sentence right before to be a bullet."""
    while len(picked) < count:
        after = next(((index, text) for index, text in waiting if index - 1 == picked[-1].source), None)
        if after is None or not _follows(after[1], after[0], chosen):
            return
        waiting.remove(after)
        sentence = doc.sentences[after[0]]
        if (not reads_well(after[1]) or any(after[1] == known for _, known in picked)
                or any(overlap(sentence, other) > _MAX_OVERLAP for other in chosen.values())):
            return
        picked.append(KeyPoint(*after))
        chosen[after[0]] = sentence


def _is_standfirst(sentence: Sentence) -> bool:
    """An opening line without a final stop that reads as a sentence: the standfirst of web copy.

    Headings are told apart by their capitals ("Trump State of the Union Address"), captions by their place.
    """
    if sentence.terminated or sentence.position >= _STANDFIRST_LINES or len(sentence.words) < _STANDFIRST_WORDS:
        return False
    if sentence.words[0] in _SUBORDINATE_START:
        return False  # "In statement attributable to FBI director": a phrase, no subject
    words = sentence.text.split()
    return sum(word[0].isupper() for word in words) <= len(words) / 2 and sentence.text[-1:].isalnum()


def stands_alone(sentence: Sentence) -> bool:
    """A statement of some length that is the article's own: no question, bare quote or first-person aside."""
    text = sentence.text
    if text.rstrip("\"”'’)").endswith("?") or len(sentence.words) < _MIN_WORDS:
        return False  # a question or a fragment ("Capra?") states nothing
    if not _quotes_balanced(text) or text[0] in "\"“'‘" and not _speaker_named(text):
        return False  # a piece of a quotation, or a bare quote: its speaker is named elsewhere, if at all
    if ("." in text[:-1] or "@" in text) and _CONTACT.search(text):
        return False  # "For meeting times, go to www…", "…, 301-475-6019.": a listing, not a statement
    # "I" or "we" outside a quotation is the writer's own aside (a columnist), not a point of the story.
    if FIRST_PERSON.isdisjoint(sentence.words):
        return True  # the common case, told from the tokens already made
    unquoted = _QUOTED.sub(" ", text.lower())
    return FIRST_PERSON.isdisjoint(_APOSTROPHE.sub("'", word) for word in _WORD.findall(unquoted))


def _speaker_named(text: str) -> bool:
    """True for '"…," Ellen Stofan said.': a quote whose speaker the same sentence names (not "he said")."""
    after = text[max(text.rfind("”"), text.rfind('"')) + 1:].split()
    return (0 < len(after) <= 20 and any(word.strip(",.") in SAY_VERBS for word in after)
            and any(word[:1].isupper() for word in after) and after[0].lower().strip(",") not in DANGLING_OPENERS)


def _follows(text: str, index: int, chosen: dict[int, Sentence]) -> bool:
    """Whether a sentence that leans back may follow the bullet before it.

    A bare "But"/"And" or a phrase placing it in time after the sentence before ("Since then") relates to the
    sentence right before it: fine when that sentence is the bullet before.
    A pronoun ("He was back home…") right after the lead's bullet; later, "he"/"she" only when the bullet right
    before names a person (its antecedent is there; a name opening that bullet needs its apposition: "Hiroshi Ueda,
    a…"); "it"/"they"/"this" may point to any sentence before. "We"/"you" openers are quotes without their marks
    and never follow.
    """
    first = _APOSTROPHE.split((text.split(None, 1) or [""])[0].lower().strip(",;:"), maxsplit=1)[0]
    if first in CONNECTIVES or text.lower().startswith(SEQUENCE_PHRASES):
        return index - 1 in chosen  # "But…", "Since then…": they relate to the sentence right before, the bullet
    if first in _PERSONAL and index > 1 and index - 1 in chosen:
        return _PERSON_NAME.search(chosen[index - 1].text) is not None  # "He said…" after a bullet naming a person
    # Only a pronoun reads on from the lead ("First, …", "Nine were…" need more than the sentence before).
    return index == 1 and 0 in chosen and first in DANGLING_OPENERS and first not in ("we", "our", "you", "i", "my")


def leans_back(text: str) -> bool:
    """True when the text opens with a word or phrase that needs the sentence before it."""
    lowered = text.lower()
    words = [_APOSTROPHE.split(word.strip(",;:"), maxsplit=1)[0] for word in lowered.split(None, 2)[:2]]
    if not words:
        return False
    first = words[0]
    if first in CONNECTIVES or first in EVALUATIVE_OPENERS:
        return True  # a bare "But", "And", "So", a "First," or "Fortunately," continues the sentence before
    if first in DANGLING_OPENERS:
        return not _EXPLETIVE_IT.match(text)
    if len(words) > 1 and first in _SUBORDINATE_START and words[1] in DANGLING_OPENERS:
        return True  # "While this is concerning, …": the subordinate clause points back
    if len(words) > 1 and (first in NUMBER_WORDS or first.isdigit()) and words[1] in _BARE_QUANTITY_NEXT:
        return True  # "Nine were included…": a bare number counts a set named before
    # Whole words only: "The two-time champion…", "The movement…", "The newspaper…" name their subject.
    return any(lowered.startswith(phrase) and not _WORD_GOES_ON.match(lowered, len(phrase))
               for phrase in DANGLING_PHRASES)


def reads_well(point: str) -> bool:
    """A finished key point: long enough, a statement (no question or exclamation), not a shouting subhead."""
    words = point.split()
    if len(words) < _MIN_WORDS or point.rstrip("\"”'’)")[-1:] in "?!":
        return False  # a fragment, a question, an exclamation ("Welcome to the Rocket Report!") is no point
    if point.isupper() or not _quotes_balanced(point):
        return False  # "HIGHEST SCORES IN SCIENCE STREAM." is a shouting subhead; "…gallery.”" a piece of a quote
    if not has_verb(words):
        return False  # "Weight-loss support groups with weekly weigh-ins.": a listing's label states nothing
    # "Daniels said, refusing to answer." is the tail of a quotation split off by the segmenter: no point left.
    return not any(word.rstrip(",") in SAY_VERBS and word.endswith(",") for word in words[1:3])


def has_verb(words: list[str]) -> bool:
    """True when the words hold a likely finite verb: an auxiliary, a verb of saying, an irregular past, a regular
    past in -ed or a present in -s after a noun (no tagger, so this errs on the side of finding one)."""
    previous = ""
    for position, word in enumerate(words):
        bare = word.lower().strip(_EDGE)
        known = bare in FINITE_VERB_MARKS or bare in SAY_VERBS or bare in IRREGULAR_PRESENT or bare in _BASE_VERBS
        if known and (position == 0 or word[:1].islower()):
            return True  # "May" in "in May 2023" is a month, not the modal
        if (position and word.islower() and len(bare) > 3 and previous not in _NOT_BEFORE_VERB
                and (bare.endswith("ed") or bare.endswith("s") and not bare.endswith(_NOT_VERB_S))):
            return True
        previous = bare
    return False


def _restates_title(doc: Document, sentence: Sentence) -> bool:
    """A sentence whose content words are nearly all the title's says nothing the title has not."""
    title = doc.title_words
    content = sentence.content
    return bool(title) and bool(content) and len(content & title) >= _RESTATES_TITLE * len(content)


def _quotes_balanced(text: str) -> bool:
    """True when every quotation opened in `text` is closed in it."""
    if '"' not in text and "“" not in text and "”" not in text:
        return True
    return text.count("“") == text.count("”") and text.count('"') % 2 == 0
