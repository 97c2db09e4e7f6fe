"""Key points: short, self-contained, headline-style bullets made by compressing the best sentences.

Each rule removes a part a reader does not need to get the point (a leading "But", a time
phrase, a parenthesis, a trailing "he said", a trailing subordinate clause) only where what
is left still stands as a sentence; quotes are never cut open.
"""
from __future__ import annotations

import re
from collections.abc import Mapping
from itertools import repeat

from newsdigest.text.document import FIXED_LOG, LOG_SCALE, Document, Sentence, content_words
from newsdigest.text.summary import Weights, dangles, overlap, rank, score_unterminated
from newsdigest.text.wordlists import CONNECTIVES, DANGLING_OPENERS, SAY_VERBS, STOPWORDS

MAX_WORDS = 20          # a bullet aims at this length ...
CUT_ABOVE = 30          # ... but only sentences longer than this are cut: cutting shorter ones loses facts
_CUT_MIN, _CUT_MAX = 10, 32
# A trailing clause whose words recur in the article less than 0.7× as much as the head's is cut
# from sentences over 18 words (the head keeps at least 8): it is detail, not the point.
_THIN_TAIL_ABOVE, _THIN_TAIL_MIN_HEAD, _THIN_TAIL_RATIO = 18, 8, 0.7
# The same test on trailing place and time phrases ("… at a restaurant in Arlington"): adjuncts
# a sentence stands without, unlike "to"/"of"/"by" phrases that complete a verb or a noun.
ADJUNCT_STARTS = frozenset({"in", "at", "on", "during", "near", "across", "outside", "around", "within", "amid"})
_THIN_PHRASE_RATIO, _THIN_PHRASE_MIN_WORDS = 0.8, 12
# "It's hard to believe that…", "It is likely that…": a dummy "it" that points at nothing before it.
_EXPLETIVE_IT = re.compile(r"^It(?:['’]s| is| was| has been) (?:\w+ )?\w+ (?:to|that|what|how|when|whether)\b")
_RELATIVES = frozenset({"where", "who", "which", "whose", "when", "whom"})
# Words that mark a finite verb: a tail holding one is a clause, not a phrase (no tagger, so a short list).
_VERB_MARKS = frozenset({
    "is", "are", "was", "were", "has", "have", "had", "will", "would", "can", "could", "may", "might", "must",
    "should", "did", "does", "struck", "hit", "made", "took", "gave", "found", "left", "met", "won", "lost", "led",
    "fell", "broke", "ran", "came", "went", "saw", "began", "became", "held", "kept", "sent", "sold", "spent",
    "built", "brought", "bought", "caught", "fought", "thought", "wrote", "drove", "rose", "shot", "stood", "got",
    "known", "seen", "given", "taken", "shown", "born", "done", "told", "put", "set", "cut",
} | SAY_VERBS)
# Lead bias dominates (news puts the point first); repeated words and names decide among the rest.
_KEYPOINT_WEIGHTS = Weights(position=4.0, centrality=1.0, title=0.6, informative=0.8, quote=0.0, long_words=60)
_STANDALONE_PENALTY = 0.5
# "He was back home…" as the second sentence reads on from the lead's bullet, and only then is it picked; it ranks a
# little lower than a sentence that stands alone. Measured ×0.75–×0.85: R1 +0.05 cnndm, +0.2 xsum, +0.03 bbc.
# Later pronoun openers stay out: their antecedent may be any sentence before them.
_FOLLOWER_PENALTY = 0.8
_FIRST_PERSON = frozenset({"i", "we", "my", "our", "you"})
_MAX_OVERLAP = 0.5
_SAY_Q = "|".join(sorted(SAY_VERBS))
# Reported speech with a quoted phrase and a named speaker ("Mr Lavrov called the talks “fruitful”") is how news
# gives each actor's position. Measured flat from ×1.25 to ×1.6 on cnndm/bbc/xsum (R1 +0.1 on bbc), so ×1.4.
_NAMED_QUOTE_BONUS = 1.4
_NAMED_QUOTE = re.compile(
    # The lookahead lets the regex engine skip to capitals instead of trying every character.
    rf"(?=[A-Z])(?:\b(?:Mr|Mrs|Ms|Dr)\.?|[A-Z][a-z]+)\s+[A-Z][\w’'-]+\s+"
    rf"(?:(?:has|had)\s+)?(?:{_SAY_Q}|called|described)\b"
    rf"[^\"“”]{{0,60}}[\"“][^\"“”]{{3,}}[\"”]")
_STANDFIRST_LINES, _STANDFIRST_WORDS = 2, 8
_MIN_WORDS = 5           # fewer words than this is a fragment, not a point
_FALLBACK_MIN_WORDS = 3
_APOSTROPHE = re.compile(r"['’]")

# Verbs that take a particle ("packs on the pounds", "weighs in on", "cracks down on"): cut before their phrase, the
# sentence ends on a verb that needs it ("McConaughey packs."). Base forms; general English phrasal verbs.
_PARTICLE_VERBS = frozenset({
    "pack", "put", "take", "turn", "carry", "go", "keep", "hold", "move", "pass", "get", "come", "log", "sign",
    "check", "step", "weigh", "cash", "pile", "crack", "clamp", "focus", "rely", "depend", "insist", "comment", "bank",
    "hang", "call", "count", "catch", "draw", "fall", "give", "hand", "pull", "push", "settle", "switch", "tune",
    "zero", "home", "lay", "look", "stare", "point", "aim", "hint", "laugh", "dwell", "agree", "prey", "stick",
    "cling", "pitch", "chip", "fill", "lock", "rein", "phase", "sink", "cave", "kick", "dig", "zoom", "tuck", "mess",
    "run", "bring", "set", "break", "shut", "close", "cut", "spend", "snap", "lash", "hit", "build", "play", "try",
})
_PARTICLE_SUFFIXES = (("ies", "y"), ("ing", "e"), ("ing", ""), ("es", ""), ("s", ""))
# "New Delhi, India (CNN) --", "WASHINGTON (Reuters) -": a dateline and the agency's name open wire copy.
_DATELINE = re.compile(r"^(?:[A-Z][\w.'’-]*,?\s+){0,5}\((?:[A-Z][\w.&-]*\s?){1,3}\)\s*(?:[-—–]+\s*)?(?=[A-Z\"“‘'])")
# A shouting subhead glued to the sentence after it ("HIGHEST SCORES IN SCIENCE: Students…").
_LEADING_CAPS = re.compile(r"^(?:[A-Z][A-Z'’&-]+[:.]?\s+){3,}(?=[A-Z][a-z])")
# Live-blog stamps ("13 min:", "45+2 mins", "12:30 GMT -", "14.05:") say when, not what happened.
_LEADING_STAMP = re.compile(
    r"^(?:\d{1,3}(?:\+\d{1,2})?\s?(?:min|mins|minutes?)\b\s*[:.,–—-]?"
    r"|\d{1,2}[:.]\d\d(?:\s?(?:am|pm|a\.m\.|p\.m\.|GMT|BST|UTC|CET|ET|EST|EDT|PT))?\s*[:–—-]"
    r"|\d{1,2}[:.]\d\d\s?(?:am|pm|a\.m\.|p\.m\.|GMT|BST|UTC|CET|ET|EST|EDT|PT)\b)\s*(?=[A-Z\"“‘'])",
    re.IGNORECASE,
)

_PARENTHESIS = re.compile(r"(?=[\s(\[])(?:\s*\([^()]{0,80}\)|\s*\[[^\[\]]{0,80}\])")
_LEADING_CONNECTIVE = re.compile(r"^(\w+)\b,?\s+")
_MONTHS = "january|february|march|april|may|june|july|august|september|october|november|december"
_TIME_NOUNS = rf"monday|tuesday|wednesday|thursday|friday|saturday|sunday|{_MONTHS}|week|month|year|morning|" \
    r"afternoon|evening|night|weekend|yesterday|today|(?:19|20)\d\d"
_LEADING_TIME = re.compile(
    rf"^(?:(?:on|in|at|by|since|until|earlier|later|last|this|next|late|early|over|during)\s+)(?:[\w'’-]+\s+){{0,4}}?"
    rf"(?:{_TIME_NOUNS})\b[^,\"“]{{0,15}},\s+|^(?:yesterday|today|earlier|later|meanwhile|now|recently|currently),\s+",
    re.IGNORECASE,
)
# A scene-setting phrase before the subject ("In an interview with the paper, …", "As the storm hit, …"),
# dropped only when at least _LEADING_PHRASE_REST words remain ("For those who survived, life…" keeps its phrase).
_LEADING_PHRASE = re.compile(
    r"^(?i:in|as|with|after|during|while|when|although|though|despite|since|before|amid|following|according to|"
    r"speaking|writing|under|at)\s[^,;\"“”]{3,90},\s+(?=[A-Z\"“]|(?:the|a|an|his|her|their|its)\s)")  # a subject
_LEADING_PHRASE_REST = 8
_APPOSITIVE_WORDS = 4
_LEADING_PHRASE_MAX = 12  # words; measured +0.15 R1 / +0.17 R2 on the second half of cnndm_dev, first half level
_ASIDE_OPENERS = frozenset({"in", "on", "at", "with", "of", "for", "by", "from", "who", "which", "whose", "the", "a", "an",
                            "along", "together", "like", "among", "including", "as", "and"})
# "X, who …, said" loses its aside only in a run-on: measured on news highlights, the "who/which" aside of an
# ordinary sentence is content the reader wants (dropping it from sentences over 12 words cost 0.2 ROUGE-1).
_INNER_CLAUSE_ABOVE = 40
_SUBJECT_WORDS = 6  # a who/which clause opening this early hangs on the subject, before the main verb
_OPEN_DASH = re.compile(r"(?=\w[—–])\w[—–]\w")  # a dash glued to words opens or closes an aside
_SUBORDINATORS = frozenset({"after", "although", "as", "because", "before", "despite", "if", "since", "though",
                            "unless", "until", "when", "whereas", "whether", "while", "with", "without"})
_CLAUSE_SUBORDINATORS = _SUBORDINATORS - {"with", "without", "despite"}  # the ones that open a clause with a verb
_SAY = "|".join(sorted(SAY_VERBS))
# Verbs that can follow their subject ("…, said the minister."); "told the paper" names the listener, not the speaker.
_SAY_INVERTED = "|".join(sorted(SAY_VERBS - {"told", "tells", "asked", "asks"}))
# Who is speaking at the end of a sentence: a pronoun, a name, or a short noun phrase ("one of the agencies").
_SPEAKER = r"(?:he|she|they|it|we|i|officials|police|experts|sources|[^,;\"“”]{3,60}?)"
# ", he said." / ", said Mr Smith." / ", according to police." at the very end of a sentence.
_TRAILING_ATTRIBUTION = re.compile(
    rf",\s+(?:{_SPEAKER}\s+(?:(?:has|have|had)\s+)?(?:{_SAY})"
    rf"|(?:{_SAY_INVERTED})\s+(?:the\s+|a\s+|an\s+)?(?:[A-Z]|police\b|officials\b)[^,.;\"“”]{{0,50}}?"
    rf"|according to [^,.;\"“”]{{1,60}}?)"
    rf"(?:\s+(?:on|last|this|in|at|during)\s[^,.;\"“”]{{1,30}}?)?\s*(?=[.!?]?$)"
)
# A non-restrictive clause in the middle: "The firm, which is based in Paris, said…" → "The firm said…".
_INNER_CLAUSE = re.compile(r",\s+(?:who|which|whose|now|currently|also|then)\s+[^,;\"“”]{3,70},\s+(?=[a-z])")
# Words that open a clause after a comma or a dash; with no comma before it, only a subordinator opens one.
_BREAK_WORDS = ("which|who|whose|while|whereas|as|after|before|because|although|though|since|when|but|and|with|"
                "despite|amid|following|including|prompting|leaving|making|saying|adding|according|so|where|just|only|"
                "even|not|in|on|at")
_BARE_BREAK_WORDS = "after|because|while|since|amid|despite|following|before|where|which|who"
# Where a long sentence can be cut and its first part still read as a sentence. The lookaheads on a word's first
# letter skip the word lists at most spaces (the same matches, a sixth faster: this scans every long candidate).
_CLAUSE_BREAK = re.compile(
    rf"(?=[,;:\s])(?:,\s+(?=[a-z])(?:{_BREAK_WORDS})\b|[;:]\s+|\s+(?:[-—–]+\s+(?:(?=[a-z])(?:{_BREAK_WORDS})\b)?"
    rf"|(?=[abdfsw])(?:{_BARE_BREAK_WORDS})\s+"
    rf"|(?:as|when)\s+(?=(?:the|a|an|he|she|they|it|his|her|their|its|[A-Z])\b)))"
)


def key_points(doc: Document, count: int = 3) -> list[str]:
    """The article's `count` main points as short bullets, in the order the article tells them."""
    if not doc.english:
        # Positional fallback without word lists. In any language a line in capitals is a heading and a line of
        # one or two words ("Zeit!") an exclamation or a label: neither is a point while longer lines are left.
        lines = [s for s in doc.sentences if not s.text.isupper() and len(s.words) >= _FALLBACK_MIN_WORDS]
        return [_shorten_plain(s.text) for s in (lines or doc.sentences)[:count]]
    scores = rank(doc, _KEYPOINT_WEIGHTS)
    for sentence in doc.sentences:
        if _is_standfirst(sentence):
            scores[sentence.position] = score_unterminated(doc, sentence, _KEYPOINT_WEIGHTS)
        if not _can_stand_alone(sentence):
            scores[sentence.position] = -1.0  # never a bullet, whatever its rank
        elif not _quotes_balanced(sentence.text):
            scores[sentence.position] *= _STANDALONE_PENALTY  # a piece of a quotation spread over sentences
        elif ('"' in sentence.text or "“" in sentence.text) and _NAMED_QUOTE.search(sentence.text):
            scores[sentence.position] *= _NAMED_QUOTE_BONUS
    if len(doc.sentences) > 1 and scores[1] > 0 and _follows_lead(doc.sentences[1]):
        scores[1] *= _FOLLOWER_PENALTY
    return [point for _, point in sorted(_pick(doc, scores, count))]


def _pick(doc: Document, scores: list[float], count: int) -> list[tuple[int, str]]:
    """The best-scoring sentences whose bullets read well and repeat no earlier pick."""
    picked: list[tuple[int, str]] = []
    chosen: list[Sentence] = []
    # Best first, ties in document order: reverse=True keeps a sort stable, and needs no (score, index) tuples.
    for index in sorted(range(len(scores)), key=scores.__getitem__, reverse=True):
        if len(picked) >= count or scores[index] < 0:
            break
        sentence = doc.sentences[index]
        follows = index == 1 and _follows_lead(sentence)
        if follows and not any(known == 0 for known, _ in picked):
            continue  # "He was back home…" without the lead's bullet before it: who is "he"?
        if any(overlap(sentence, other) > _MAX_OVERLAP for other in chosen):
            continue
        point = compress(sentence, doc.term_counts)
        if reads_well(point, index == 0 or follows) and all(point != known for _, known in picked):
            picked.append((index, point))
            chosen.append(sentence)
    return picked


def _is_standfirst(sentence: Sentence) -> bool:
    """An opening line without a final stop that reads as a sentence: the standfirst of web copy, already a key point.

    Headings are told apart by their capitals ("Trump State of the Union Address"), captions by their place.
    """
    if sentence.terminated or sentence.position >= _STANDFIRST_LINES or len(sentence.words) < _STANDFIRST_WORDS:
        return False
    words = sentence.text.split()
    if sentence.words[0] in _SUBORDINATORS or sentence.words[0] in ADJUNCT_STARTS:
        return False  # "In statement attributable to FBI director": a phrase, no subject
    return sum(word[0].isupper() for word in words) <= len(words) / 2 and sentence.text[-1:].isalnum()


def _can_stand_alone(sentence: Sentence) -> bool:
    """A sentence a bullet can be made of: a statement of some length that leans on nothing before it."""
    text = sentence.text
    if text.rstrip("\"”'’)").endswith("?") or len(sentence.words) < _MIN_WORDS:
        return False  # a question or a fragment ("Capra?") states nothing
    if text[0] in "\"“'‘":
        return False  # a bare quote: its speaker is named elsewhere, if at all
    return sentence.position == 0 or not dangles(sentence, connectives_dropped=True) or _follows_lead(sentence)


def _follows_lead(sentence: Sentence) -> bool:
    """True for a second sentence opening with "He", "It", "This…" (not "I" or "We": a quote without its marks)."""
    words = sentence.words
    return (sentence.position == 1 and dangles(sentence, connectives_dropped=True)
            and words[1 if words[0] in CONNECTIVES and len(words) > 1 else 0] not in _FIRST_PERSON)


def reads_well(point: str, lead: bool = False) -> bool:
    """A finished bullet is a complete statement: long enough, not a question, not a bare or broken quote.

    The `lead` sentence may open with a pronoun: nothing comes before it, so the pronoun points forward.
    """
    words = point.split()
    if len(words) < _MIN_WORDS or point[-1] in "?!" or point.rstrip("\"”'’)")[-1:] in "?!":
        return False  # a fragment, a question, an exclamation ("Welcome to the Rocket Report!") is no point
    if point[0] in "\"“'‘" or not _quotes_balanced(point):
        return False
    if point.isupper():
        return False  # "HIGHEST SCORES IN SCIENCE STREAM.": a shouting subhead, not a statement
    first = _APOSTROPHE.split(words[0].lower(), maxsplit=1)[0]
    if first in DANGLING_OPENERS and not lead and not _EXPLETIVE_IT.match(point):
        return False  # "That's what…", "In a study, they found…" (after its phrase is dropped) leans on what came before
    # "Daniels said, refusing to answer." is the tail of a quotation split off by the segmenter: no point left.
    return not any(word.rstrip(",") in SAY_VERBS and word.endswith(",") for word in words[1:3])


# The headline compresses the lead, which is nearly always a key point too: remember the last article's results.
_memo: tuple[object, dict[str, str]] = (None, {})


def compress(sentence: Sentence, term_counts: Mapping[str, int] | None = None) -> str:
    """Rewrite one sentence as a bullet of at most about MAX_WORDS words.

    With the article's `term_counts`, a trailing clause that carries little of what the
    article keeps repeating is cut even from a sentence of moderate length.
    """
    global _memo
    if _memo[0] is not term_counts:
        _memo = (term_counts, {})
    known = _memo[1].get(sentence.text)
    if known is None:
        known = _memo[1][sentence.text] = _compress(sentence.text, term_counts)
    return known


def _compress(text: str, term_counts: Mapping[str, int] | None) -> str:
    """compress() without the memo."""
    text = _drop_leading_label(text)
    if "(" in text or "[" in text:  # the pattern is slow to scan for; most sentences have no brackets
        text = _PARENTHESIS.sub(_space_if_glued, text)
    text = text.strip()
    text = _drop_leading_connective(text)
    text = _drop_leading_time(text)
    text = _drop_leading_phrase(text)
    text = _drop_trailing_attribution(text)
    size = len(text.split())  # words as whitespace-separated tokens
    if size > _INNER_CLAUSE_ABOVE:
        text = _drop_inner_clause(text)
        size = len(text.split())
    if term_counts is not None and size > _THIN_TAIL_ABOVE:
        text = _cut_thin_tail(text, term_counts) or (_cut_clause(text) if size > CUT_ABOVE else text)
    elif size > CUT_ABOVE:
        text = _cut_clause(text)
    if term_counts is not None:
        text = _trim_phrases(text, term_counts)
    return _finish(text)


def _trim_phrases(text: str, term_counts: Mapping[str, int]) -> str:
    """Trailing thin prepositional phrases off a bullet (see trim_thin_phrases)."""
    words = text.rstrip(".").split()
    if len(words) <= _THIN_PHRASE_MIN_WORDS:
        return text
    kept = trim_thin_phrases(words, term_counts, _THIN_PHRASE_MIN_WORDS, keep_verbs=True)
    if len(kept) == len(words) or not _opens_main_clause(kept):
        return text
    return " ".join(kept)


def _opens_main_clause(words: list[str]) -> bool:
    """False for "While fans swoon over the league" (no comma yet): cut there, the main clause never comes."""
    return words[0].lower() not in _SUBORDINATORS or any(word.endswith(",") for word in words)


def _drop_leading_label(text: str) -> str:
    """A dateline, a shouting subhead or a live-blog time stamp before the sentence proper: labels, not content."""
    first = text[:1]
    if first.isdigit():
        match = _LEADING_STAMP.match(text)
    elif first.isupper():
        match = _DATELINE.match(text) if "(" in text[:60] else None
        if match is None and text[1:2].isupper():
            match = _LEADING_CAPS.match(text)
    else:
        return text
    # Only a label with a sentence after it goes ("12:30 GMT: Goal." is all there is).
    return text[match.end():] if match and len(text[match.end():].split()) >= _MIN_WORDS else text


def _space_if_glued(match: re.Match[str]) -> str:
    """ "India (CNN)As the earth shook" → "India As…": a parenthesis glued to the next word stood for a space."""
    end = match.end()
    return " " if end < len(match.string) and match.string[end].isalnum() else ""


def _drop_leading_connective(text: str) -> str:
    """ "But the firm said…" → "The firm said…": the bullet does not continue anything."""
    match = _LEADING_CONNECTIVE.match(text)
    if match and match.group(1).lower() in CONNECTIVES:
        return text[match.end():]
    return text


def _drop_leading_time(text: str) -> str:
    """ "On Tuesday, the court…" → "The court…": the when is rarely the point."""
    match = _LEADING_TIME.match(text)
    if not match:
        return text
    rest = text[match.end():]
    return rest if len(rest.split()) >= 6 else text


def _drop_leading_phrase(text: str) -> str:
    """ "In an op-ed published on Wednesday, Loeb explained…" → "Loeb explained…": the setting is not the point."""
    match = _LEADING_PHRASE.match(text)
    if not match:
        return text
    rest = text[match.end():]
    if len(rest.split()) < _LEADING_PHRASE_REST or not _quotes_balanced(rest):
        return text
    if len(text[:match.end()].split()) > _LEADING_PHRASE_MAX:
        return text  # "In a tutorial the star turns herself into Maleficent, …": a phrase that long holds the main clause
    return text if _splits_apposition(rest) else rest


def _splits_apposition(rest: str) -> bool:
    """True for "Paul Ryan, made…": the comma dropped was inside the phrase, before a name set off by commas."""
    name, _, after = rest.partition(",")
    if not after or len(name.split()) > _APPOSITIVE_WORDS:
        return False
    following = after.split(None, 1)[0] if after.strip() else ""
    # "National Geographic, in collaboration with…, is marking": a lower-case function word opens an aside.
    return following not in _ASIDE_OPENERS


def _drop_trailing_attribution(text: str) -> str:
    """ "…is on track, the minister said." → "…is on track." when no quote is left open."""
    match = _TRAILING_ATTRIBUTION.search(text)
    if not match or match.start() < 20:
        return text
    head = text[:match.start()].rstrip(" ,")
    if len(head.split()) < 6 or not _quotes_balanced(head):
        return text
    return head


def _drop_inner_clause(text: str) -> str:
    """Remove non-restrictive clauses between commas; the main clause still reads on."""
    shorter = _INNER_CLAUSE.sub(" ", text)
    return shorter if _quotes_balanced(shorter) else text


def _cut_thin_tail(text: str, term_counts: Mapping[str, int]) -> str | None:
    """Cut at the first clause break whose tail is thinner in the article's recurring words than its head."""
    for match in _CLAUSE_BREAK.finditer(text):
        head = _without_participle(text[:match.start()])
        if len(head.split()) < _THIN_TAIL_MIN_HEAD or not _cuttable(head):
            continue
        if density(text[match.end():], term_counts) < _THIN_TAIL_RATIO * density(head, term_counts):
            return head
    return None


def density(text: str, term_counts: Mapping[str, int]) -> float:
    """Mean log-frequency in the article of the text's content words (how much of the story's core it carries)."""
    words = content_words(text)
    if not words:
        return 0.0
    # map, not a generator: this runs for every clause of every candidate bullet. Fixed-point logs: the sum runs
    # over a set, in an order that changes between runs, and an integer sum is the same in any order.
    return sum(map(FIXED_LOG.__getitem__, map(term_counts.get, words, repeat(1)))) / (len(words) * LOG_SCALE)


def _cuttable(head: str) -> bool:
    """A head can stand alone: quotes closed, ending on a content word."""
    last = head.rsplit(None, 1)[-1].lower()
    if not (_quotes_balanced(head) and last[-1:].isalnum() and last not in STOPWORDS):
        return False
    if len(_OPEN_DASH.findall(head)) % 2:
        return False  # "a firm called Compass—which has been…": the aside is still open
    if " that " in head and _verbless_clause(head.rsplit(" that ", 1)[1].split()):
        return False  # "told pupils that any parent": the that-clause's verb comes after the cut
    words = head.split()  # this runs at every clause break of every candidate: split once
    if _open_clause(words):
        return False
    # "Commenting on the launch…" / "After the vote…" without a comma: the main clause has not begun.
    return "," in head or not words[0].lower().endswith("ing") and _opens_main_clause(words)


def _open_clause(words: list[str]) -> bool:
    """True when the head stops inside a clause whose verb has not come yet.

    "…in stoppage time as Bayern": a subordinator with at most two words after it has no room for a verb.
    "The German champions, who host Porto…": a who/which clause opened on the subject, never closed by a
    comma, so the sentence's own verb was after the cut.
    """
    if any(word.lower() in _CLAUSE_SUBORDINATORS for word in words[-3:-1]):
        return True
    for position, word in enumerate(words[1:_SUBJECT_WORDS], start=1):
        if words[position - 1].endswith(",") and word.lower() in ("who", "which", "whose"):
            return not any(later.endswith(",") for later in words[position:])
    return False


def _without_participle(head: str) -> str:
    """ "…to avoid a trial, sobbing" → "…to avoid a trial": a lone participle whose phrase the cut took away."""
    if not head.endswith("ing"):
        return head  # the common case, told cheaply: this runs at every clause break
    before, comma, last = head.rpartition(",")
    return before if comma and len(last.split()) == 1 else head


def _verbless_clause(words: list[str]) -> bool:
    """True for the few words of a that-clause without a verb yet ("that any parent")."""
    return len(words) < 4 and not _holds_verb(words) and not any(word.endswith("ed") for word in words)


def trim_thin_phrases(
    words: list[str], term_counts: Mapping[str, int], min_words: int, starts_with: frozenset[str] = ADJUNCT_STARTS,
    keep_verbs: bool = False,
) -> list[str]:
    """Drop trailing phrases opened by `starts_with` whose words the article repeats less than the rest's.

    With `keep_verbs`, a tail holding a verb is not one phrase ("in West Virginia struck a truck":
    the sentence's own verb) and stays.
    """
    while len(words) > min_words:
        # The last phrase start, looked for from the end: the scan stops at the first one it meets.
        last = next((i for i in range(len(words) - 1, min_words - 2, -1) if words[i].lower() in starts_with), -1)
        if last < 0:
            break
        if last == len(words) - 1:
            break  # a preposition with nothing after it is the verb's particle ("thrown in"), not a phrase
        if keep_verbs and _holds_verb(words[last + 1:]):
            break
        # The word-level test before the article-level one: it is cheaper, and either keeps the phrase.
        before = words[last - 1].lower().strip(",;:")
        if before in STOPWORDS or before.endswith("ed") or before in _VERB_MARKS or _takes_particle(before):
            # "King said | in a message", "was | on a ship", "premised | on", "a dinner held | at the hotel",
            # "McConaughey packs | on the pounds": the phrase completes the verb
            break
        head, tail = " ".join(words[:last]), " ".join(words[last:])
        if density(tail, term_counts) >= _THIN_PHRASE_RATIO * density(head, term_counts) or not _quotes_balanced(head):
            break
        words = words[:last]
    return words


def _takes_particle(word: str) -> bool:
    """True for "packs", "weighing", "carries": a phrasal verb, whose particle starts the phrase after it."""
    if word in _PARTICLE_VERBS:
        return True
    return any(word.endswith(suffix) and word[:-len(suffix)] + base in _PARTICLE_VERBS
               for suffix, base in _PARTICLE_SUFFIXES)


def _holds_verb(words: list[str]) -> bool:
    """True when the words hold a verb of the sentence's own (one inside a "where …" clause does not count)."""
    after_comma = False
    for word in words:
        bare = word.lower().strip(",;:.\"”“")
        if bare in _RELATIVES:
            return False
        # "…from Huntington in Cambridgeshire, noticed a lump": after an aside, an "-ed" word is the verb.
        if bare in _VERB_MARKS or after_comma and bare.endswith("ed"):
            return True
        after_comma = word.endswith(",")
    return False


def _cut_clause(text: str) -> str:
    """Cut a long sentence at the last clause break that keeps it between _CUT_MIN and _CUT_MAX words."""
    best = text
    for match in _CLAUSE_BREAK.finditer(text):
        head = _without_participle(text[:match.start()])
        words = len(head.split())
        if words > _CUT_MAX:
            break
        if words >= _CUT_MIN and _cuttable(head):
            best = head
    return best


def _quotes_balanced(text: str) -> bool:
    """True when every quote opened in `text` is closed, so cutting here breaks no quotation."""
    if '"' not in text and "“" not in text and "”" not in text:
        return True  # most sentences quote nobody
    return text.count("“") == text.count("”") and text.count('"') % 2 == 0


def _finish(text: str) -> str:
    """Capitalise the start and end with a full stop (or the sentence's own end mark)."""
    text = " ".join(text.split()).strip(" ,;:-—–")  # cuts can leave doubled spaces behind
    if not text:
        return ""
    text = text[0].upper() + text[1:]
    if text[-1] not in ".!?\"”'’" or text[-1] in "\"”'’" and text[-2:-1] not in (".", "!", "?", ","):
        text += "."
    return text


def _shorten_plain(text: str) -> str:
    """Positional fallback for languages without word lists: keep the first MAX_WORDS words."""
    words = text.split()
    return text if len(words) <= MAX_WORDS else " ".join(words[:MAX_WORDS]) + "…"
