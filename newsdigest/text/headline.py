"""Headline for articles that have none: the lead sentence's main clause in headline grammar.

Headline grammar: no articles, no time phrase, no attribution or trailing clause, an actor
named without its description and by the short name the article itself uses, and the present
tense where the lead uses a simple past or a present perfect ("Profits jumped" / "has jumped"
→ "Profits jump"). Real headlines run five to nine words, so the clause is squeezed to nine by
dropping its thinnest phrases, and a cut ends where a phrase ends, never before its noun. When
the reporter of a long "X worry that …" cannot fit with the report, the report is the headline.
A named speaker leads as a kicker ("Kennedy: …"); else the story's top keyword, when the clause
leaves it out ("Yukos: Judge dismisses bankruptcy bid"), never past twelve words in all.
"""
from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from newsdigest.text.compress import density, shorten, shortened, trim_thin_phrases
from newsdigest.text.document import Document, Sentence
from newsdigest.text.keypoints import has_verb, leans_back, stands_alone
from newsdigest.text.wordlists import ADJUNCT_STARTS, IRREGULAR_PRESENT, SAY_VERBS, STOPWORDS, TIME_WORDS, TITLES

MAX_WORDS = 9       # the lead clause: every word past this dilutes a headline more than it informs
CLAUSE_WORDS = 14   # a teaser's headline: its lead clause up to this many words ...
CLAUSE_MIN_WORDS = 4  # ... cut no shorter than this
CLAUSE_TARGET = 10  # and preferably no longer than this (real headlines run five to nine words)
CLAUSE_LONGEST = 40   # past this, a sentence with no place to cut is cut at CLAUSE_WORDS with an ellipsis
CLAUSE_MAX_WORDS = 24  # a clause with no place to cut is kept whole up to this length: whole beats a fragment
_KICKER_MENTIONS = 2  # a name leads as a kicker only when the article names it this often (once is a caption's)
_LEAD_LEANERS = frozenset({"which", "whose", "who", "but", "and", "or", "so", "also", "then", "yet"})
_TRAILING_CLAUSE = re.compile(r",\s+(?:while|whereas|as|after|before|because|although|though|when|since|until|"
                              r"despite|amid)\s[^\"“”]*$")
_RULE_MIN_WORDS = 3  # a rule-made headline shorter than this is no clause
TEASER_SENTENCES = 3  # an item this short is a teaser: too little evidence for headline grammar
KICKER_WORDS = 12   # a headline with a kicker ("Yukos: …") in words, kicker included (the limit)
_TERM_KICKER_COUNT = 5  # a common noun leads as a kicker ("Oil: …") only when the story repeats it this often
_CALENDAR = TIME_WORDS | {"january", "february", "march", "april", "may", "june", "july", "august", "september",
                          "october", "november", "december", "christmas", "easter"}
_POSSESSIVE = re.compile(r"['’]s?$")
_ARTICLES = frozenset({"a", "an", "the"})
_NOT_ADVERBS = frozenset({"likely", "unlikely", "early", "only", "family", "elderly", "costly", "deadly", "daily",
                          "weekly", "monthly", "yearly", "quarterly", "friendly", "lonely", "supply", "rally"})
_COORDINATORS = frozenset({"and", "or", "&", "nor"})
_PERFECT = frozenset({"has", "have"})
_CUT_CLAUSE_OPENERS = frozenset({"as", "when", "while", "because", "after", "before", "if", "although", "though",
                                 "unless", "until", "since", "whereas"})
_BLOCKING = frozenset({"had", "was", "were", "be", "been", "being", "to", "would", "could", "should", "might", "will",
                       "can", "may", "must", "shall", "did", "does", "do", "not"})
_PRESENT = frozenset({"is", "are", "says", "say", "does", "do"})
_DETERMINERS = frozenset({"her", "his", "their", "its", "our", "my", "your", "this", "that", "these", "those",
                          "a", "an", "the"})
_PRONOUNS = frozenset({"i", "you", "he", "she", "it", "we", "they", "this", "that", "there"})
_TRIM_MIN_WORDS = 4  # trailing phrases are trimmed only from headlines longer than this
_SQUEEZE_RATIO = 0.8
# Headline grammar also sheds thin "of"/"for"/"with" phrases; never "to" or "by", which complete the verb.
_HEADLINE_PHRASES = ADJUNCT_STARTS | {"for", "of", "with", "from", "over", "against", "after", "about", "into",
                                      "than", "as"}
# Words that cannot end a headline: they need the "of"/"to" phrase after them ("ahead of", "able to").
_PARTICLES = frozenset({"out", "up", "off", "down", "back", "away"})
_PRESENT_IRREGULARS = frozenset(IRREGULAR_PRESENT.values())  # "set", "take", "give": base forms a particle follows
_NEEDS_COMPLEMENT = frozenset({"ahead", "according", "prior", "instead", "regardless", "thanks", "owing"})
# Offices that stand before a name in a capitalised run ("German Chancellor Gerhard Schroeder").
_OFFICES = frozenset({"Minister", "President", "Chancellor", "Secretary", "Chairman", "Chairwoman", "Chief",
                      "Governor", "Senator", "Coach", "Manager", "Captain", "Director", "Leader",
                      "Commissioner", "Ambassador", "Mayor", "Spokesman", "Spokeswoman", "Editor", "Founder",
                      "Executive", "Boss", "Officer"})
_TITLE_STOPWORDS = frozenset({"one"})  # "world number one X": a stopword in a title
_NAME_MODIFIERS = ("'s", "’s", "'", "’", "an", "ish", "ese")
# Words that open a new phrase: a cut right before one leaves the phrase before it whole.
_PHRASE_STARTS = _HEADLINE_PHRASES | _COORDINATORS | {"to", "by", "that", "which", "who", "but", "under", "near",
                                                      "between", "before", "until", "through", "across", "without"}
_RELATIVES = frozenset({"which", "who", "whose", "whom", "that", "where", "when"})
# Prepositions and subordinators that open a phrase before a sentence's subject (beyond _CLAUSE_STARTS).
_OPENING_WORDS = frozenset({"from", "although", "though", "unlike", "like", "upon", "throughout", "once",
                            "whether", "if", "unless", "beyond", "against", "among", "under", "across"})
# Subordinators that open a clause after a complete head ("…ads | as they are…"), and the prepositions that open
# a phrase (a weaker place to cut; "to", "and", "of" never: they continue the phrase). A relative without a comma
# before it is restrictive ("levels | that exceed thresholds"): cutting it changes the meaning, so it is no place.
_CLAUSE_OPENERS_STRONG = _CUT_CLAUSE_OPENERS | {"but", "amid", "despite", "following", "including"}
_PHRASE_OPENERS = frozenset({"with", "without", "in", "at", "on", "for", "from", "over", "into", "during"})
_CLAUSE_STARTS = _CLAUSE_OPENERS_STRONG | _PHRASE_OPENERS
_SAYING = SAY_VERBS | {"say", "says", "admits", "admitted", "believes", "believed", "thinks", "thought", "feels",
                       "felt", "hopes", "hoped", "fears", "feared"}
# A capitalised first word ending like this is a common plural ("Demonstrations"), not a name ("Collins").
_PLURAL_ENDINGS = ("ions", "ers", "ents", "ies", "ants", "ors", "ists", "ages", "ings", "ives", "ees", "als", "ues",
                   "its", "ures", "ysts", "ians", "ics")
# Verbs that report a clause ("worry that …", "have found that …"): the clause can be the headline on its own.
_REPORTING = _SAYING | {"worry", "worries", "worried", "fear", "believe", "think", "realize", "realise", "realized",
                        "realised", "know", "knows", "expect", "expects", "expected", "predict", "predicts",
                        "predicted", "suggest", "suggests", "suggested", "show", "shows", "showed", "shown", "argue",
                        "warn", "hope", "feel", "agree", "agreed", "agrees", "admit", "accept", "accepts", "accepted",
                        "acknowledge", "acknowledged", "conclude", "concluded", "concludes", "found", "find", "finds",
                        "discover", "discovered", "say", "forecast", "forecasts", "estimate", "estimates",
                        "estimated", "confirm", "confirmed", "confirms", "announced", "announces", "reported",
                        "reports", "insist", "indicated", "indicates", "signalled", "signaled", "hinted", "hints"}
_REPORTER_WORDS = 6  # a reporter longer than this ("People who …") is no short subject before "that"
_PLURAL_SUBJECTS = frozenset({"they", "we", "i", "you", "people", "police", "two", "three", "four", "five", "six",
                              "seven", "eight", "nine", "ten", "dozens", "hundreds", "thousands", "millions", "many",
                              "several", "few", "both"})
_ACRONYM_PLURAL = re.compile(r"^[A-Z]{2,}s$")  # "MPs", "CEOs"
# The lookahead names every branch's possible first letter: most spaces then fail at once, not after 16 branches.
_TIME_PHRASE = re.compile(
    r"(?=\s+[bdefilosty])(?:"
    r"\s+(?:on|last|this|earlier|late|early|in)\s+(?:this\s+)?(?:monday|tuesday|wednesday|thursday|friday|saturday|"
    r"sunday|week|month|year|morning|afternoon|evening|night|weekend)\b(?!['’])|\s+(?:yesterday|today|tonight|"
    r"earlier this \w+)\b(?!['’])"  # "this year's festival" keeps its time word
    r"|\s+(?:in|during|since|by|for)\s+(?:the\s+)?(?:(?:first|second|third|fourth|last|past|next|previous|final|"
    r"three|six|nine|twelve|\w+)\s+(?:months?|quarters?|years?|weeks?|half|decades?)(?:\s+of)?\s*)?"
    r"(?:(?:early|late|mid-?)\s*)?(?:january|february|march|april|may|june|july|august|september|october|november|"
    r"december|(?:19|20)\d\d)\b(?!['’])(?:\s+(?:19|20)\d\d)?)",  # "in January", "in the three months to 2004"
    re.IGNORECASE,
)
# The lookahead (a clause break starts with one of these) lets most characters fail before any branch is tried.
_BREAK = re.compile(r"(?=[,;\s])(?:,\s+|\s+[-—–]+\s+|;\s+|"
                    r"\s+(?:which|who|after|because|while|since|amid|despite|following)\s+)")
# Words headline grammar leaves out: copulas and auxiliaries ("is struggling" → "struggling"), possessives.
# Stems whose base takes a silent "e" back (consonant, vowel, consonant): "-ired", "-uled", "-ated"; not "-ited"
# ("visited") or "-oped" ("developed"), where English doubles the consonant or keeps no "e" as often as not.
_SILENT_E_ENDINGS = frozenset({"il", "ir", "ur", "ul", "at", "ot", "ut", "id", "ok", "ik", "iz", "ak", "in", "ar", "as", "ag",
                               "ud", "ol", "am", "im", "um", "om", "ap"})
# Participles spelled like their base, also common nouns ("a bid", "the cost"): undone only after "has"/"have".
_PERFECT_PARTICIPLES = {word: word for word in ("bid", "shed", "cost", "spread", "forecast", "hurt", "upset", "let",
                                                "cast", "burst", "broadcast", "outbid", "reset", "offset")}
_CLAUSE_OPENERS = frozenset({"if", "when", "because", "as", "while", "but", "so", "unless", "before", "after", "until",
                             "since", "though", "although", "he", "she", "it", "they", "we", "i", "you"})
_CLAUSE_WORDS = frozenset({"how", "why", "whether", "if", "because"})  # open a clause whose verb is not the main one
_FINITE = frozenset({"could", "would", "will", "can", "may", "might", "must", "should", "has", "have", "is", "are",
                     "was", "were"})
_AMOUNTS = frozenset({"half", "third", "quarter", "much", "far", "more", "less", "nearly", "almost", "about", "around",
                      "over", "up", "some", "one", "two", "three", "four", "five", "ten", "twice", "double", "another"})
_PARTICIPLE_AUXILIARIES = _FINITE | {"be", "been", "being", "to", "had"}  # "could be introduced": a verb, no modifier
# Regular pasts the spelling rules below would undo wrongly ("created" is not "creat" like "treated" → "treat").
_REGULAR_EXCEPTIONS = {"created": "create", "sued": "sue", "eyed": "eye", "lied": "lie", "tied": "tie",
                       "dyed": "dye", "recreated": "recreate"}
# Words in -ed that are adjectives, never a lead's verb ("disabled people", "talented players").
_ADJECTIVES_IN_ED = frozenset({"disabled", "talented", "skilled", "renowned", "unemployed", "unexpected",
                               "unprecedented", "sophisticated", "dedicated", "experienced", "qualified", "beloved",
                               "unnamed", "unidentified", "armed", "unarmed", "concerned", "interested"})
_AUXILIARY_DROPS = frozenset({"is", "are", "was", "were"})
_ADVERBS = frozenset({"again", "also", "now", "already", "still", "just", "since", "once", "repeatedly"})
_HEADLINE_DROPS = frozenset({"his", "her", "its", "their", "very", "also", "just", "now", "currently", "already",
                             "still"})
_PREPOSITIONS = frozenset({"of", "at", "in", "for", "on", "from", "with", "by", "to"})
_LEADING_PHRASE = re.compile(r"^(?:for|in|at|on|with|after|despite|as|while|when|although|under|following|amid|during|"
                             r"before|since|until|if|unless|because|though|unlike|like|upon|throughout|by|"
                             r"according to)\s[^,\"“”]{3,60},\s+", re.IGNORECASE)
# "Several months ago, …", "This week, …", "Yesterday, …": a time phrase with no preposition before the subject.
_LEADING_TIME = re.compile(
    r"^(?:(?:[\w'’-]+\s+){1,4}(?:ago|later|earlier)|(?:this|last|next|earlier|late|early)(?:\s+this)?\s+(?:week|"
    r"weekend|month|year|morning|afternoon|evening|night|season|spring|summer|autumn|fall|winter|monday|tuesday|"
    r"wednesday|thursday|friday|saturday|sunday)|yesterday|today|tonight|earlier|recently|meanwhile)\s*,\s+",
    re.IGNORECASE)
# "Mangaluru: …", "Dubai, May 10: …", "Exclusive: …": a dateline or label before the lead's first word.
_LEADING_LABEL = re.compile(r"^(?:[A-Z][\w.'’&-]*\s+){0,2}[A-Z][\w.'’&-]*(?:,\s+[A-Z][a-z]+\.?\s+\d{1,2})?\s*:\s+")
# "Less than four years after the launch, …" / "Hours before the vote, …": a time clause before the subject.
_LEADING_TIME_CLAUSE = re.compile(
    r"^(?:(?:just|only|less|more|than|about|almost|nearly|barely|shortly|some|a|an|the|\d+|one|two|three|four|five|"
    r"six|seven|eight|nine|ten|few|several|hours?|days?|weeks?|months?|years?|minutes?|decades?)\s+){1,5}"
    r"(?:after|before|since|until|into)\s[^,\"“”]{3,60},\s+", re.IGNORECASE)
# "Yahoo, one of the net's best-known firms, is…": an appositive between commas, followed by the verb.
# Verbs that can follow an aside ("Acme, which …, has set"): the main clause resumes there.
_ASIDE_END_VERBS = frozenset({"has", "have", "had", "is", "are", "was", "were", "will", "would", "could", "can", "may",
                              "might", "must", "should", "said", "says", "did", "does"})
# "…, Lib Dem leader Charles Kennedy has said.": the person the lead's claim comes from.
_TRAILING_SPEAKER = re.compile(r",\s(?:[^,]*\s)?((?:[A-Z][\w'’.-]*\s){1,3}[A-Z][\w'’-]*)\s(?:has\s|have\s)?"
                               r"(?:said|says|warned|warns|claimed|claims|told\s[^,]*|believes|insisted|insists|"
                               r"admitted|admits|revealed|reveals)[.!?\"”]*$")
_SAYS = frozenset({"says", "say"})
_NOT_SURNAMES = frozenset({"Street", "Office", "House", "Reuters", "Press", "Agency", "Department", "Ministry", "Bank",
                           "Commission", "Council", "Court", "Party", "Union", "Group", "Institute", "Association",
                           "Organisation", "Organization", "Fund", "Board", "Authority", "Service"})
_APPOSITIVE = re.compile(r"^([^,]{2,60}),\s[^,\"“”]{3,100},\s(?=[a-z])")
# "Two airlines - American and Southwest - have blamed…": an aside between dashes.
_DASHED_ASIDE = re.compile(r"\s[-—–]+\s[^-—–,;\"“”]{1,60}?\s[-—–]+\s")
_TRAIL = re.compile(r"[\s,;:.!?\"'“”‘’-]+$")
_EDGE = ",.;:'\"“”‘’()"


def make_headline(doc: Document, keywords: Sequence[str] = ()) -> str:
    """A headline of at most MAX_WORDS words from the article's lead sentence, plus a kicker ("" if none).

    With the article's `keywords` (best first), a main subject the lead sentence leaves out
    leads the headline as a kicker: "Greenspan: Dollar hits highest level against euro".
    """
    lead = _lead_sentence(doc)
    if lead is None:
        return ""
    if not doc.english or len(doc.sentences) <= TEASER_SENTENCES:
        # Headline grammar (tense, short names, kickers) reads evidence from a whole article; a teaser or a
        # language without word lists gives too little, so its headline is the lead's own clause.
        return lead_clause(_teaser_lead(doc, lead).text, doc.english)
    # The leading phrase and appositive go before compression, whose length rules would otherwise cut the verb off.
    clause = _without_trailing_clause(shorten(_lead_clause(lead.text), long_words=0))
    words = [w for w in _clause_text(clause).split()
             if w.lower() not in _ARTICLES]
    if words and words[-1][-1:] in ".!" and words[-1][:-1].isalpha():
        words[-1] = words[-1][:-1]  # "…output fell.": the stop would hide the verb from the tense rules
    words, reporter = _reported_clause(words, doc.body)
    if reporter:
        keywords = (reporter, *keywords)  # "Greenspan: US deficits could have severe consequences"
    verb = _verb_position(words)
    if verb is not None:
        words, verb = _without_relative_clause(words, verb)
        words, verb = _self_report(words, verb)
        words = _headline_tense(words, verb, doc.body)
    words, verb = _headline_words(words, verb)
    words, verb = _drop_descriptors(words, verb)
    words, verb = _drop_offices(words, verb)
    words, verb = _short_names(words, doc, verb)
    words, verb = _name_shares(words, verb)
    if verb is not None and words[verb] in _SAYS and _named_speaker(words[:verb], doc.body) and len(words) > verb + 3:
        # "Dein says club may…" → "Dein: Club may…": headlines attribute with a colon, not a verb.
        words = [words[verb - 1] + ":", words[verb + 1][:1].upper() + words[verb + 1][1:], *words[verb + 2:]]
        verb = None
    # Phrases are only shed after the main verb: one before it holds the subject's head ("Number of people … rises").
    first = _TRIM_MIN_WORDS if verb is None else max(_TRIM_MIN_WORDS, verb + 2)
    if verb is not None and MAX_WORDS - 1 <= verb < len(words):
        # A subject too long to leave room for its verb sheds its own thinnest phrases first.
        after_verb = len(words) - verb  # only words before the verb go, so it stays this far from the end
        words = _squeeze(words, doc.term_counts, 2, verb)
        words = _shorten_subject(words, len(words) - after_verb)
        verb = len(words) - after_verb
        first = max(_TRIM_MIN_WORDS, verb + 2)
    words = _squeeze(words, doc.term_counts, first)
    # Without a known verb, where the subject ends is unknown: a long back-off could stop inside it ("Two New York").
    words = _cut(trim_thin_phrases(words, doc.term_counts, first, _HEADLINE_PHRASES),
                 first if verb is not None else MAX_WORDS - 2)
    words = _end_on_content(words)
    headline = _close_quotes(_TRAIL.sub("", " ".join(words)))
    if not reporter and "," in lead.text:
        speaker = _trailing_speaker(lead.text, doc.body)
        if speaker:
            keywords = (speaker, *keywords)  # "…, Charles Kennedy has said." → "Kennedy: …"
    last = headline.rsplit(None, 1)[-1].lower() if headline else ""
    if len(headline.split()) < _RULE_MIN_WORDS or last in STOPWORDS and last not in _PARTICLES:
        return lead_clause(lead.text)  # "Gay Men Over": the rules left too little to be a clause
    return _with_kicker(headline[:1].upper() + headline[1:], keywords, doc.term_counts, doc.body)


def lead_clause(text: str, english: bool = True) -> str:
    """The lead's main clause as it stands, cut at a phrase boundary when long: never a fragment, never empty.

    Safe deletions first (labels, brackets, time phrase, attribution) and, in English, an opening phrase;
    then the whole clause when it fits in CLAUSE_WORDS. A longer one is cut where a clause ends — at a
    comma, dash, semicolon or colon, or before a relative or subordinate clause — preferring a head of at
    most CLAUSE_TARGET words; a sentence of up to CLAUSE_MAX_WORDS with no such place stays whole, and only
    then is it cut before a preposition, or at last at CLAUSE_WORDS with an ellipsis.
    """
    if english:
        text = _lead_clause(shorten(text), asides=False)
    words = _TRAIL.sub("", text).split()
    if english:
        words = _without_opening_phrase(words)
    if len(words) <= CLAUSE_WORDS:
        return _finish_clause(words)
    reach = range(CLAUSE_MIN_WORDS, min(len(words), CLAUSE_MAX_WORDS))
    strong = [at for at in reach if _clause_end(words, at, english, _CLAUSE_OPENERS_STRONG)]
    short = [at for at in strong if at <= CLAUSE_TARGET]
    if short or strong:
        return _finish_clause(words[:(short or strong)[-1]])
    if len(words) <= CLAUSE_MAX_WORDS:
        return _finish_clause(words)
    weak = [at for at in reach if _clause_end(words, at, english, _PHRASE_OPENERS)]
    if weak:
        return _finish_clause(words[:weak[-1]])
    if len(words) <= CLAUSE_LONGEST:
        return _finish_clause(words)  # a long whole sentence is still a clause; a cut here would be a fragment
    return _finish_clause(words[:CLAUSE_WORDS]) + "…"


def _without_opening_phrase(words: list[str]) -> list[str]:
    """ "From churches to cafes, …, Sydney enjoyed…" → "Sydney enjoyed…": a phrase before the subject is no clause.

    An opening phrase starts with a preposition or subordinator, a participle ("Fueled by…") or an adjective
    with its infinitive ("Desperate to…"); it ends at the comma before the subject, when five words or more follow.
    """
    if len(words) < 2:
        return words
    first = words[0].lower()
    if first == "at" and words[1].lower() in ("least", "most"):
        return words  # "At least 15 women, men and children were…": a quantity, not a phrase before the subject
    opens = (first in _CLAUSE_STARTS or first in _OPENING_WORDS or first.endswith(("ed", "ing"))
             or words[1].lower() == "to")
    if not opens:
        return words
    # The comma before the subject: a capitalised word or a determiner follows it ("…, bookshops and" is a list).
    comma = next((at for at, word in enumerate(words[:20]) if word.endswith(",") and at + 1 < len(words)
                  and (words[at + 1][:1].isupper() or words[at + 1].lower() in _DETERMINERS)
                  and not _list_goes_on(words, at + 1)), -1)
    if comma < 0:  # "Desperate to protect the trees, fire officials have…": the first comma, unless a list goes on
        comma = next((at for at, word in enumerate(words[:20]) if word.endswith(",")), -1)
        if comma >= 0 and (any(word.endswith(",") for word in words[comma + 1:comma + 4])
                           or _list_goes_on(words, comma + 1)):
            comma = -1
    return words[comma + 1:] if comma >= 0 and len(words) - comma - 1 >= 5 else words


def _without_trailing_clause(text: str) -> str:
    """ "…rally around its leader, while a weak opposition looked on." → "…rally around its leader.": headline grammar
    has no trailing subordinate clause (cut only where five words or more stay before it)."""
    match = _TRAILING_CLAUSE.search(text)
    return text[:match.start()] + "." if match and len(text[:match.start()].split()) >= 5 else text


def _leans_back_as_lead(doc: Document, sentence: Sentence) -> bool:
    """Whether a sentence cannot open the story: it leans on one before it. The first sentence's pronoun points
    forward ("He was…" opens many a profile); only a relative or connective ("Which was filmed…") leans back."""
    text = shortened(doc, sentence)
    if sentence.position == 0:
        return (text.split(None, 1) or [""])[0].lower().strip(",") in _LEAD_LEANERS
    return leans_back(text)


def _list_goes_on(words: list[str], at: int) -> bool:
    """True when the words from `at` continue a list the comma before them separated ("…, drains and water")."""
    return any(word in ("and", "or") for word in words[at:at + 3])


def _teaser_lead(doc: Document, lead: Sentence) -> Sentence:
    """The first sentence that states something on its own (as a key point must), else `lead`."""
    for sentence in doc.sentences[:3]:
        if stands_alone(sentence) and not _leans_back_as_lead(doc, sentence):
            return sentence
    return lead


def _clause_end(words: list[str], at: int, english: bool, openers: frozenset[str]) -> bool:
    """True when the words before `at` can end a headline: a clause mark, or an opener after a content word."""
    last = words[at - 1]
    if at >= 2 and words[at - 2].endswith(","):
        return False  # "…for No. 4 Oklahoma, throwing": one word after a comma is a clause cut off
    if last.rstrip("\"”’")[-1:] in ",;:" or words[at] in ("—", "–", "-"):
        if last.endswith(",") and _list_goes_on(words, at):
            return False  # "…turned up soil, drains and groundwater…": a list goes on, the clause has not ended
        # "Joyce Beatty, a Democratic representative from Ohio,": a head without a verb is a noun phrase, no clause
        return _quotes_closed(" ".join(words[:at])) and (not english or has_verb(words[:at]))
    if not english or words[at].lower() not in openers:
        return False
    bare = last.lower().strip(_EDGE)
    return bare not in STOPWORDS and last[-1:].isalnum() and _quotes_closed(" ".join(words[:at]))


def _quotes_closed(text: str) -> bool:
    return text.count('"') % 2 == 0 and text.count("“") == text.count("”") and text.count("‘") <= text.count("’")


def _finish_clause(words: list[str]) -> str:
    """Join, trim trailing marks (a quote the cut left open loses its mark), capitalise the first letter."""
    headline = _close_quotes(_TRAIL.sub("", " ".join(words)))
    return headline[:1].upper() + headline[1:]


def _named_speaker(subject: list[str], body: str) -> bool:
    """True for a subject of one to three capitalised words whose last the article capitalises again ("Dein")."""
    return (1 <= len(subject) <= 3 and all(word[:1].isupper() and word[-1:].isalnum() for word in subject)
            and body.count(subject[-1]) >= 2)


def _trailing_speaker(text: str, body: str) -> str:
    """The surname of a person the lead attributes its claim to at the end ("…, Charles Kennedy has said."), else "".

    A person is two or more capitalised words the article names again by the last one; "Downing Street" or
    "Reuters" are no people.
    """
    # The attribution holds no comma, so it can only start at the last one: match there, not at every comma.
    said = _TRAILING_SPEAKER.match(text, text.rfind(", "))
    if said is None:
        return ""
    name = said.group(1).split()
    surname = name[-1]
    if len(name) < 2 or surname in _NOT_SURNAMES or body.count(surname) < 2:
        return ""
    return surname


def _with_kicker(headline: str, keywords: Sequence[str], term_counts: Mapping[str, int], body: str = "") -> str:
    """Put the article's top keyword in front ("Yukos: …") when no word of it is in the headline.

    The story's most repeated name or term is what a reader scans for; the rest shrinks so the
    whole stays within KICKER_WORDS.
    """
    if not keywords or not headline or ": " in headline:
        return headline  # one colon: a headline that names its speaker ("Dein: …") takes no kicker
    subject = keywords[0]
    if subject.lower() in _CALENDAR or (not subject[:1].isupper() and term_counts.get(subject, 0) < _TERM_KICKER_COUNT):
        return headline  # "December: …" is a date, not a subject
    if body and body.count(subject) < _KICKER_MENTIONS:
        return headline  # a name the article gives once (a caption's, a byline's) is not what it is about
    lowered = headline.lower()
    parts = [part for part in subject.lower().split() if part in lowered]
    # A part not even a substring is absent: the word set is built only when some part might be a headline word.
    if parts and not {_without_possessive(word.strip(_EDGE)) for word in lowered.split()}.isdisjoint(parts):
        return headline
    rest = _end_on_content(headline.split()[:max(3, KICKER_WORDS - len(subject.split()))])
    return f"{subject[:1].upper()}{subject[1:]}: {_close_quotes(_TRAIL.sub('', ' '.join(rest)))}"


def _without_possessive(word: str) -> str:
    """ "russia's" → "russia" (the regex only when there is an apostrophe: this runs per headline word)."""
    return _POSSESSIVE.sub("", word) if "'" in word or "’" in word else word


def _squeeze(words: list[str], term_counts: Mapping[str, int], first: int = _TRIM_MIN_WORDS,
             until: int | None = None) -> list[str]:
    """While too long, drop the phrase ("in heated standoff") that carries least of the story's recurring words.

    So a late key word ("…over Ukraine") survives the length limit instead of being cut off.
    Phrases run to the next phrase or, with `until`, end before that index (the verb).
    """
    while len(words) > MAX_WORDS:
        stop = len(words) if until is None else until
        starts = [i for i in range(first - 1, stop) if words[i].lower() in _HEADLINE_PHRASES]
        if not starts:
            break
        spans = zip(starts, [*starts[1:], stop])
        thinnest, begin, end = min((density(" ".join(words[a:b]), term_counts), a, b) for a, b in spans)
        rest = words[:begin] + words[end:]
        if thinnest >= _SQUEEZE_RATIO * density(" ".join(rest), term_counts):
            break
        words = rest
        if until is not None:
            until -= end - begin
    return words


def _shorten_subject(words: list[str], verb: int) -> list[str]:
    """Drop the subject's last phrases ("in north of city") until its verb, at `verb`, fits within MAX_WORDS."""
    while verb >= MAX_WORDS - 1:
        starts = [i for i in range(1, verb) if words[i].lower() in _HEADLINE_PHRASES]
        # An infinitive completes a noun ("rush to limit pricing") and goes last: "rush could kill discounts".
        starts = starts or [i for i in range(2, verb) if words[i] == "to"]
        if not starts:
            break
        words = words[:starts[-1]] + words[verb:]
        verb = starts[-1]
    return words


def _cut(words: list[str], first: int = _TRIM_MIN_WORDS) -> list[str]:
    """At most MAX_WORDS words, ending where a phrase ends: never inside a name or before a phrase's noun.

    A cut before a word that continues the phrase ("…to halt a $6.75bn | buyout") backs off to the last
    phrase start at or after `first` ("…takes legal action"), which reads complete.
    """
    if len(words) <= MAX_WORDS:
        return words
    cut_inside_name = words[MAX_WORDS][:1].isupper() and words[MAX_WORDS - 1][:1].isupper()
    if cut_inside_name:
        words = words[:MAX_WORDS]
        while len(words) > 3 and words[-1][:1].isupper():
            words.pop()  # "…allowing Arsenal striker Thierry" → "…allowing Arsenal striker"
        return words
    end = MAX_WORDS
    if not _phrase_boundary(words, MAX_WORDS):
        end = next((i for i in range(MAX_WORDS - 1, first - 1, -1) if _phrase_boundary(words, i)), MAX_WORDS)
    last = words[end - 1]
    if (end > first and last.islower() and last.endswith("ed") and len(last) > 4
            and words[end - 2] not in _PARTICIPLE_AUXILIARIES):
        end -= 1  # "…drone boat loaded | with explosives": a participle cut from its phrase dangles (not "was freed")
    return words[:end]


def _phrase_boundary(words: list[str], at: int) -> bool:
    """True when a phrase can end before `at`: at a clause mark, before a preposition or joiner, or after a name.

    A name of two words or after a preposition ends a phrase well: "…version of Internet Explorer | web browser".
    """
    if words[at - 1][-1:] in ",;:" or words[at].lower() in _PHRASE_STARTS:
        return True
    name = words[at - 1]
    # A possessive ("Labour's") or a people's adjective ("North American", "British") still needs its noun.
    return (at >= 2 and name[:1].isupper() and not words[at][:1].isupper() and not name.endswith(_NAME_MODIFIERS)
            and (words[at - 2][:1].isupper() or words[at - 2] in _PREPOSITIONS))


def _end_on_content(words: list[str]) -> list[str]:
    """Never end on a function word ("of", "to", "and")."""
    while len(words) > 3 and not words[-1].isupper() and (words[-1].lower().strip(_EDGE) in STOPWORDS
                                                          or words[-1] in _NEEDS_COMPLEMENT):
        if words[-1] in _PARTICLES and _verb_form(words[-2]):
            break  # "…thrown out", "…steps down": the particle completes the verb
        words.pop()
    if len(words) > 3 and words[-2].endswith(","):
        words = words[:-1]  # "…profits, predicted": a lone word after the comma is a cut-off clause
    if len(words) > 5 and words[-2].lower() in _CUT_CLAUSE_OPENERS:
        words = _end_on_content(words[:-2])  # "…poor form continues as top": the clause lost its verb to the cut
    return words


def _verb_form(word: str) -> bool:
    """True for a word that looks like a verb a particle can follow ("thrown", "ruled", "steps", "set")."""
    return word.islower() and (word.endswith(("ed", "en", "own")) or word in IRREGULAR_PRESENT
                               or word in _PRESENT_IRREGULARS)


def _close_quotes(headline: str) -> str:
    """A quote opened but cut before its end loses its opening mark rather than dangle."""
    if headline.count('"') % 2:
        at = headline.rfind('"')
        headline = headline[:at] + headline[at + 1:]
    if headline.count("“") > headline.count("”"):
        at = headline.rfind("“")
        headline = headline[:at] + headline[at + 1:]
    return headline


def _lead_sentence(doc: Document) -> Sentence | None:
    """The first real sentence: terminated prose of at least six words that stands on its own (no question,
    bare quote or first-person aside, no opener that needs a sentence before it); else the first prose."""
    prose = [sentence for sentence in doc.sentences[:5] if sentence.terminated and len(sentence.words) >= 6]
    alone = next((s for s in prose if stands_alone(s) and not _leans_back_as_lead(doc, s)), None)
    return alone or (prose[0] if prose else doc.sentences[0] if doc.sentences else None)


def _lead_clause(text: str, asides: bool = True) -> str:
    """The lead without a leading time clause or (with `asides`) an appositive, when enough is left to be a sentence.

    The lead-clause headline keeps its asides: its cuts are the safe ones only ("…every meow, purr and hiss is
    crucial, experts say" loses its verb when the span between two commas is taken for an aside).
    """
    # Each opening ends at a colon or comma near the start: most leads have none there, and no pattern is tried.
    if ":" in text[:40]:
        text = _after_opening(_LEADING_LABEL, text)
    if "," in text[:130]:
        for pattern in (_LEADING_TIME, _LEADING_PHRASE, _LEADING_TIME_CLAUSE):
            text = _after_opening(pattern, text)
    if not asides:
        return text
    text = _DASHED_ASIDE.sub(" ", text, count=1)
    without = _without_aside(text)
    return without if without is not text else _APPOSITIVE.sub(r"\1 ", text, count=1)


def _after_opening(pattern: re.Pattern[str], text: str) -> str:
    """The text after the opening `pattern` matches, when enough is left to be a sentence."""
    leading = pattern.match(text)
    if leading and len(text[leading.end():].split()) >= 5:
        return text[leading.end():]
    return text


def _without_aside(text: str) -> str:
    """ "Acme, which makes bolts, nuts and screws, has set…" → "Acme has set…" (the same text if there is none).

    The aside, which may hold commas of its own, opens in lower case ("which", "the", "a") after a short
    subject and ends at the first comma followed by a finite verb: a list ("Acme, Bolt and Nut have…") is none.
    """
    comma = text.find(", ", 2, 62)
    if comma < 0 or not text[comma + 2:comma + 3].islower():
        return text
    subject = text[:comma].split()
    if len(subject) > 6 or subject[0].endswith("ing"):
        return text  # "Confirming earlier reports, …" opens with a participle, not a subject
    at = text.find(", ", comma + 2)
    while 0 < at <= comma + 200:
        following = text[at + 2:at + 20].split(None, 1)[:1]
        if following and (following[0] in _ASIDE_END_VERBS or _present_base(following[0]) is not None):
            return text[:comma] + " " + text[at + 2:]
        at = text.find(", ", at + 2)
    return text


def _descriptive(word: str, after_acronym: bool = False) -> bool:
    """A word that can stand in a title before a name ("US media giant", "Tory leader"): no verb form, no stop.

    A word in -ing is a verb ("lawyers defending X") unless an acronym precedes it ("UK advertising giant").
    """
    if word.endswith(("'s", "’s")):
        word = word[:-2]  # "world's biggest carmaker"
    if not word.replace("-", "").replace("&", "").isalnum():
        return False
    if word.lower() in STOPWORDS and not word.isupper() and word not in _TITLE_STOPWORDS:
        return False  # but "US actor", "world number one"
    # "seed", "wing": too short to be a verb form ("Top seed X", "Leicester wing X").
    return (not word.islower() or len(word) <= 4 or not word.endswith(("ing", "ed", "ly"))
            or (word.endswith("ing") and after_acronym))


def _drop_descriptors(words: list[str], verb: int | None) -> tuple[list[str], int | None]:
    """ "Russian oil giant Yukos" → "Yukos": headlines name the actor, not its description.

    The description is two or more words ending in a lower-case noun right before a capitalised name,
    and never reaches across the main verb.
    """
    position = 1
    while position < len(words):
        if words[position][:1].isupper() and words[position - 1][:1].islower():
            floor = verb + 1 if verb is not None and position > verb else 0
            start = position
            while start > floor and _descriptive(words[start - 1], start > 1 and words[start - 2].isupper()):
                if start > 1 and words[start - 2] == "to" and words[start - 1].islower():
                    break  # "to give US tycoon X": the word after "to" is a verb
                start -= 1
                if start > floor + 1 and words[start - 1] == "of" and words[start - 2][:1].isupper():
                    start -= 2  # "Republic of Ireland manager": the "of" belongs to the name
            coordinated = start > 0 and words[start - 1].lower() in _COORDINATORS  # "drinks and food firm X"
            if (coordinated and start > 1 and floor == 0 and words[start - 2].islower()
                    and all(map(_descriptive, words[:start - 1]))):
                # "Record holder and BBC pundit Jonathan Edwards": two titles ("Blair and Gordon Brown" are two names).
                start, coordinated = 0, False
            if position - start >= 2 and not coordinated:
                words = words[:start] + words[position:]
                if verb is not None and start < verb:
                    verb -= position - start
                position = start
        position += 1
    return words, verb


def _drop_offices(words: list[str], verb: int | None) -> tuple[list[str], int | None]:
    """ "Italian Prime Minister Silvio Berlusconi" → "Silvio Berlusconi": a capitalised office before a name goes too.

    The office ends in a word like "Minister" or "Chancellor", and a name of one or more capitalised
    words follows it; "Prime Minister's Questions" or a run ending in the office is left alone.
    """
    if _OFFICES.isdisjoint(words):
        return words, verb  # most leads name no office: one set operation instead of a loop
    position = 0
    while position < len(words):
        if words[position] in _OFFICES:
            start = position
            while start > 0 and words[start - 1][:1].isupper() and words[start - 1].replace("-", "").isalpha():
                start -= 1  # "German Chancellor", "UN Secretary General": the capitalised run before the office
            name = position + 1
            while name < len(words) and words[name][:1].isupper() and words[name].replace("-", "").isalpha():
                name += 1
            if name > position + 1 and (start == 0 or words[start - 1][:1].islower()):
                words = words[:start] + words[position + 1:]
                if verb is not None and start < verb:
                    verb -= position + 1 - start
                position = start
        position += 1
    return words, verb


def _name_shares(words: list[str], verb: int | None) -> tuple[list[str], int | None]:
    """ "Shares in Google fall" → "Google shares fall": headlines put the company before the noun it owns."""
    if verb is None or verb < 3 or words[0] != "Shares" or words[1] not in ("in", "of"):
        return words, verb
    name = words[2:verb]
    if not all(word[:1].isupper() and word.replace("&", "").isalnum() for word in name):
        return words, verb
    return [*name, "shares", *words[verb:]], verb - 1


def _short_names(words: list[str], doc: Document, verb: int | None) -> tuple[list[str], int | None]:
    """ "Allied Domecq" → "Domecq" where the article itself also names it by that last word alone (verb re-indexed)."""
    text = ""
    result: list[str] = []
    position = 0
    count = len(words)
    while position < count:
        word = words[position]
        if not word[:1].isupper() or not word.isalpha():
            result.append(word)  # most words start no name: the run scan below is skipped for them
            position += 1
            continue
        end = position + 1
        while end < count and words[end][:1].isupper() and words[end].isalpha():
            end += 1
        coordinated = position > 0 and words[position - 1].lower() in _COORDINATORS
        if 2 <= end - position <= 5 and not coordinated:
            name = words[end - 1]
            text = text or doc.body_from(1)
            # Counting is cheap: only a name found more often than in this run can stand alone somewhere.
            if text.count(name) > text.count(f"{words[end - 2]} {name}") and _named_alone(name, text):
                result.append(words[end - 1])
                if verb is not None and end <= verb:
                    verb -= end - position - 1
                position = end
                continue
        result.extend(words[position:end])
        position = end
    return result, verb


def _named_alone(name: str, text: str) -> bool:
    """True when `text` uses `name` without another capitalised word beside it (a title like "Mr" may precede)."""
    at = text.find(name)
    while at >= 0:  # str.find, not a regex: a pattern per name would be compiled for every article
        end = at + len(name)
        whole_word = (at == 0 or not text[at - 1].isalnum()) and (end == len(text) or not text[end].isalnum())
        at, start = text.find(name, end), at
        if not whole_word:
            continue
        before = text[max(0, start - 30):start].split()[-1:]
        after = text[end:end + 30].split()[:1]
        previous = before[0].rstrip(".").lower() if before else ""
        if before and before[0][:1].isupper() and previous not in TITLES:
            continue
        if after and after[0][:1].isupper():
            continue
        return True
    return False


def _clause_text(sentence: str) -> str:
    """The lead's main clause without a leading phrase, an appositive or a time phrase."""
    leading = _LEADING_PHRASE.match(sentence)
    if leading and len(sentence[leading.end():].split()) >= 5:
        sentence = sentence[leading.end():]
    sentence = _APPOSITIVE.sub(r"\1 ", sentence, count=1)
    return _TIME_PHRASE.sub("", _main_clause(sentence))


def _main_clause(text: str) -> str:
    """Keep the text before the first clause break that leaves at least four words."""
    for match in _BREAK.finditer(text):
        head = text[:match.start()]
        if len(head.split()) >= 4 and head.count('"') % 2 == 0 and head.count("“") == head.count("”"):
            return head
    return text


def _verb_position(words: list[str]) -> int | None:
    """Index of the main verb: the first auxiliary, say-verb or simple past after the subject."""
    for position in range(1, len(words)):
        word = words[position]
        if not word.islower():
            continue  # verbs inside a sentence are lower case; "States" is a name here, not a verb
        if word in _RELATIVES:
            if _complementizer(words, position):
                if _present_verb_before(words, position - 1) or words[position - 1].endswith("ing"):
                    return None  # "denies reports that…", "those expecting that…": the main verb is not known
                return position - 1  # "recognises that robots are…": the verb before "that" is the main one
            # A verb after "which"/"who" belongs to a subordinate clause; the main verb is a later auxiliary:
            # "film that follows a group … has won".
            return _main_verb_after_relative(words, position)
        lower = word
        if lower == "to" and _finite_follows(words, position):
            continue  # "rush to limit pricing could end…": the infinitive belongs to the subject
        if lower in _SAYING and lower.endswith("s") and _present_verb_before(words, position):
            continue  # "denies reports that…", "rejects claims": the plural noun object of a present verb
        if lower in _PERFECT or lower in _PRESENT or lower in _BLOCKING or lower in _SAYING or _contracted(lower):
            return position  # "wouldn't have moved": a modal is the verb, and the tense rules leave it as written
        if word.isalpha() and _present_base(lower) is not None:
            if words[position - 1].lower() in _DETERMINERS or words[position - 1].lower() in _PREPOSITIONS:
                continue  # "her estranged husband", "owner of embattled Yukos": a participle used as an adjective
            if position >= 2 and words[position - 2] == "to":
                continue  # "rush to limit personalized pricing": the object of an infinitive, not the main verb
            if word.endswith("ed") and _possessive_before(words, position):
                continue  # "the Pope's newly appointed envoy": a participle used as an adjective
            if _agent_follows(words, position):
                continue  # "policy signed by the president calls for…": a reduced relative clause
            if _auxiliary_follows(words, position):
                continue  # "film produced by X has topped…": a participle opening a reduced relative clause
            return position
    return None


def _present_verb_before(words: list[str], position: int) -> bool:
    """True when the word before `position` reads as a present verb in -s ("denies", "rejects"), not a noun."""
    before = words[position - 1]
    return (before.islower() and before.endswith(("ies", "ects", "isses", "utes"))
            and before not in STOPWORDS)


def _possessive_before(words: list[str], position: int) -> bool:
    """True when a possessive precedes `position`, directly or across an adverb ("Francis' newly appointed")."""
    before = words[position - 1]
    if before.endswith("ly") and position >= 2:
        before = words[position - 2]
    return before.endswith(("'s", "’s", "'", "’"))


def _without_relative_clause(words: list[str], verb: int) -> tuple[list[str], int]:
    """ "Film that follows a group … has won" → "Film has won": a relative clause in a subject too long to fit goes."""
    if verb < MAX_WORDS - 3:
        return words, verb
    relative = next((at for at in range(1, verb) if words[at] in _RELATIVES and not _complementizer(words, at)), None)
    if relative is None:
        return words, verb
    return words[:relative] + words[verb:], relative


def _complementizer(words: list[str], at: int) -> bool:
    """True when "that" at `at` follows a verb ("recognises that …"), so it opens no relative clause."""
    before = words[at - 1].lower()
    return words[at] == "that" and (before in _REPORTING or _present_base(before) is not None
                                    or before.endswith(("ises", "izes", "oves", "ing")))


def _main_verb_after_relative(words: list[str], position: int) -> int | None:
    """The auxiliary after a relative clause opened at `position` ("… that follows a group | has won"), else None."""
    for later in range(position + 2, len(words)):
        word = words[later]
        if word in _RELATIVES or word in _CLAUSE_WORDS or word.endswith((",", ";")):
            return None  # a second clause or a break: too tangled to tell which verb is the sentence's
        if word in _FINITE and words[later - 1].lower() not in _PRONOUNS:
            return later
    return None


def _agent_follows(words: list[str], position: int) -> bool:
    """True when "by" and an agent follow: "signed by Trump", "by president", not "grew by 8%", "by half"."""
    after = words[position + 1:position + 3]
    return (len(after) == 2 and after[0] == "by" and not after[1][:1].isdigit() and after[1][:1] not in "$£€"
            and after[1] not in _AMOUNTS)


def _finite_follows(words: list[str], position: int) -> bool:
    """True when a modal or auxiliary comes later in the same clause (so "to" at `position` is no headline verb)."""
    following = words[position + 1:position + 2]
    if not following or not following[0].isalpha() or not following[0].islower() or following[0] in _DETERMINERS:
        return False  # "closer to EU membership": a preposition, not an infinitive
    for word in words[position + 2:position + 10]:
        if word in _FINITE:
            return True
        if word.endswith((",", ";")) or word in _RELATIVES or word in _COORDINATORS or word in _CLAUSE_OPENERS:
            return False
    return False


def _auxiliary_follows(words: list[str], position: int) -> bool:
    """True when an auxiliary comes later in the same clause, so the word at `position` is not the main verb."""
    for word in words[position + 1:position + 8]:
        if word in _PERFECT or word in _AUXILIARY_DROPS:
            return True
        if word.endswith((",", ";")) or word in _RELATIVES:
            return False
    return False


def _reported_clause(words: list[str], body: str) -> tuple[list[str], str]:
    """ "Some Americans worry that FTC's rush … could kill discounts" → the reported clause, if the whole is too long.

    When the reporter, its verb and the report cannot all fit, the report is the news: it keeps its own subject
    and verb, where a cut would leave "Some Americans worry that FTC's rush". A reporter named by a name comes
    back as a kicker (the name's last word, when the article `body` capitalises it again; else ""). A report
    opening with a pronoun stays whole: "he" needs the name it stands for.
    """
    if len(words) <= MAX_WORDS:
        return words, ""
    for at in range(2, min(len(words) - 4, _REPORTER_WORDS + 2)):
        if words[at] == "that":
            report = words[at + 1:]
            if words[at - 1].lower() not in _REPORTING or report[0].lower() in _PRONOUNS:
                break
            verb = _verb_position(report)
            while verb is not None and report[verb] == "to":  # "rush to limit … could kill": "to" is no finite verb
                later = _verb_position(report[verb:])
                verb = None if later is None else verb + later
            if verb is None or verb > MAX_WORDS + 5:
                break
            # A name the article capitalises again ("Greenspan"), not a noun capitalised as the first word ("Analysts").
            name = words[at - 2].strip(_EDGE) if words[at - 2] not in _PERFECT else words[at - 3].strip(_EDGE)
            named = name[:1].isupper() and name.lower() not in STOPWORDS and body.count(name) >= 2
            return [report[0][:1].upper() + report[0][1:], *report[1:]], name if named else ""
    return words, ""


def _self_report(words: list[str], verb: int) -> tuple[list[str], int]:
    """ "Kerr admits he was frustrated…" → "Kerr was frustrated…": the headline states what the person reports."""
    say = verb
    if words[verb] in _PERFECT and verb + 1 < len(words) and words[verb + 1] in _REPORTING:
        say = verb + 1  # "has said it opposes…": the saying verb follows the auxiliary
    elif words[verb].lower() not in _REPORTING:
        return words, verb
    after = say + 1
    if after < len(words) and words[after] == "that":
        after += 1
    if after + 1 < len(words) and words[after] in ("he", "she", "they", "it", "we") and words[after + 1].islower():
        words = words[:verb] + words[after + 1:]
        while verb + 1 < len(words) and words[verb].endswith("ly") and words[verb] not in _NOT_ADVERBS:
            verb += 1  # "she knowingly took": the reported verb is after the adverb
        return words, verb
    return words, verb


def _contracted(word: str) -> bool:
    """ "wouldn't", "he'd": a negated or contracted auxiliary (the plain ones are in _BLOCKING)."""
    return word.replace("’", "'").endswith(("n't", "'d"))


def _headline_tense(words: list[str], verb: int, body: str = "") -> list[str]:
    """Simple past or present perfect at `verb` → present, agreeing with the subject.

    A capitalised opening word in -s is a plural noun when the article's `body` also writes it in lower case.
    """
    if "ago" in words:
        return words  # "vanished 10 years ago" stays in the past
    lower = words[verb].lower()
    target = verb
    if lower in _PERFECT:
        target = verb + 1
        while target < len(words) and (words[target] in _ADVERBS or words[target].endswith("ly")):
            target += 1  # "has again refused" → "again refuses"
    if target >= len(words) or not words[target].islower():
        return words
    base = _present_base(words[target])
    if base is None and target != verb:
        base = _PERFECT_PARTICIPLES.get(words[target])  # "has bid" → "bids"
    if base is None:
        return words
    head = _subject_head(words[:verb]).strip(_EDGE)
    # A plural common noun ends in -s; a name ending in -s ("Collins", "Yukos") is one person or firm.
    plural = head.lower() in _PLURAL_SUBJECTS or _ACRONYM_PLURAL.match(head) is not None or (
        head.endswith("s") and not head.endswith(("ss", "'s", "’s"))
        and (head.islower() or (head == words[0] and (head.endswith(_PLURAL_ENDINGS) or f" {head.lower()} " in body))))
    # "Shares in X fell": a capitalised opening word followed by a preposition is a common noun, not a name.
    opening_noun = head == words[0] and verb > 1 and words[1] in _PREPOSITIONS and not head.endswith(("ss", "us", "is"))
    plural = plural or _joins_names(words[:verb]) or (opening_noun and head.endswith("s"))
    words = list(words)
    words[target] = base if plural else _third_person(base)
    return words[:verb] + words[verb + 1:] if target != verb else words


def _joins_names(subject: list[str]) -> bool:
    """True when "and" joins a name in the subject ("Blair and Brown"), not two titles ("comedian and broadcaster X").

    A common plural joined by "and" ("oil and gas prices") is plural by its head noun already.
    """
    return any(word == "and" and (subject[at - 1][:1].isupper() or subject[at + 1][:1].isupper())
               for at, word in enumerate(subject[1:-1], start=1))


def _subject_head(subject: list[str]) -> str:
    """The subject's head noun: the word before its first preposition ("profits at firm X" → "profits")."""
    for position, word in enumerate(subject[1:], start=1):
        # "Lawyers defending X": a participle after the head opens a reduced relative clause.
        if word.lower() in _PREPOSITIONS or (word.islower() and word.endswith("ing")):
            return subject[position - 1]
    return subject[-1] if subject else ""


def _headline_words(words: list[str], verb: int | None) -> tuple[list[str], int | None]:
    """Leave out the main verb's copula or auxiliary and possessives; the future "will" becomes "to"."""
    kept = words[:1]
    kept_verb = verb
    for position, word in enumerate(words[1:], start=1):
        if position == verb:
            kept_verb = len(kept)  # the verb's place among the kept words (the next kept word if it is dropped)
        lower = word.lower()
        if verb is None or not verb - 1 <= position <= verb + 1:
            # Away from the verb only three rules apply: a fast path for most words.
            if lower in _HEADLINE_DROPS and not _object_pronoun(words, position):
                continue
            if lower == "that" and words[position - 1].lower() in _SAYING:
                continue
            if word == "and" and verb is not None and position > verb + 1 and kept and kept[-1][-1:].isalnum():
                kept[-1] += ","  # headline grammar joins the verb's objects with a comma: "cuts tax, raises spending"
                continue
            kept.append(word)
            continue
        following = words[position + 1:position + 2]
        if position == verb and lower in _PERFECT and following == ["been"]:
            continue  # "have been named" → "named"
        if lower == "been" and verb is not None and position == verb + 1 and words[verb].lower() in _PERFECT:
            continue
        main_auxiliary = (position == verb and lower in _AUXILIARY_DROPS and following
                          and words[position - 1].lower() not in _PRONOUNS)  # "They are…" keeps its verb
        if (lower in _HEADLINE_DROPS and not _object_pronoun(words, position)) or (
                main_auxiliary and words[position + 1][:1].islower()):
            continue
        if (position == verb and lower in _PERFECT and following and following[0].endswith("ed")
                and following[0].islower() and words[position - 1].lower() not in _PRONOUNS):
            continue  # a participle the tense rule could not undo stands as a simple past: "BA blamed fuel prices"
        if (verb is not None and abs(position - verb) <= 1 and word.islower() and word.endswith("ly")
                and len(word) > 5 and lower not in _NOT_ADVERBS):
            continue  # "has openly blamed", "officially goes": the adverb by the verb is colour, not news
        if lower == "that" and words[position - 1].lower() in _SAYING:
            continue  # "says that the plan…" → "says plan…"
        kept.append("to" if lower == "will" and position == verb and following != ["not"] else word)
    return kept, kept_verb


def _object_pronoun(words: list[str], position: int) -> bool:
    """True for "her" as an object ("given to her by"), which stays, unlike the possessive ("her husband")."""
    return words[position] == "her" and (position + 1 == len(words) or words[position + 1].lower() in _PHRASE_STARTS)


def _present_base(word: str) -> str | None:
    """Base form of a simple past the rules can undo safely, else None."""
    if word in IRREGULAR_PRESENT:
        return IRREGULAR_PRESENT[word]
    if word in _REGULAR_EXCEPTIONS:
        return _REGULAR_EXCEPTIONS[word]
    if word.endswith("cused") and word != "accused":
        return word[:-2]   # "focused" → "focus"
    if word in TIME_WORDS or not word.endswith("ed") or len(word) < 5 or word in STOPWORDS or word in _ADJECTIVES_IN_ED:
        return None
    if word.endswith("ied"):
        return word[:-3] + "y"
    stem = word[:-2]
    if stem.endswith("ss"):
        return stem        # "dismissed" → "dismiss"
    if stem.endswith("ll"):
        # "called" → "call", "installed" → "install", but British "cancelled" → "cancel"
        return stem if len(re.findall(r"[aeiou]+", stem[:-2])) <= 1 else stem[:-1]
    if stem[-1] == stem[-2] and stem[-1] not in "lsz":
        return stem[:-1]   # "stopped" → "stop"
    if stem[-1] == "l" and stem[-2] not in "aeiouylr":
        return stem + "e"  # "tumbled" → "tumble", "settled" → "settle", "struggled" → "struggle"
    if stem[-1] == "w":
        return stem        # "wowed" → "wow", "followed" → "follow", "viewed" → "view"
    if stem.endswith(("ong", "ung")):
        return stem        # "belonged" → "belong", "longed" → "long" (but "changed" → "change")
    if stem[-1] in "cvzu" or stem.endswith(("ais", "eas", "os", "is", "us", "rg", "ng", "dg", "rib")):
        return stem + "e"  # "announced" → "announce", "raised" → "raise", "charged" → "charge"
    if stem[-1] == "y" and stem[-2] in "aeou":
        return stem        # "played" → "play", "delayed" → "delay", "enjoyed" → "enjoy"
    if stem.endswith("ee") or (stem[-1] not in "aeiouy" and stem[-2] not in "aeiouy" and stem[-1] != stem[-2]):
        return stem        # "jumped" → "jump", "agreed" → "agree"
    if len(stem) >= 4 and stem.endswith(("er", "en", "on", "el")):
        return stem        # "suffered" → "suffer", "opened" → "open"
    if stem[-2] in "aeiou" and stem[-3] in "aeiou":
        return stem        # "gained" → "gain", "soared" → "soar"
    if stem[-2:] in _SILENT_E_ENDINGS and stem[-3] not in "aeiou":
        return stem + "e"  # "retired" → "retire", "ruled" → "rule", "rated" → "rate", "decided" → "decide"
    return None            # "hoped", "visited": the base is ambiguous, keep the past


def _third_person(base: str) -> str:
    """ "jump" → "jumps", "rally" → "rallies", "push" → "pushes"."""
    if base == "be":
        return "is"
    if base == "have":
        return "has"
    if base.endswith(("s", "sh", "ch", "x", "z", "o")):
        return base + "es"
    if base.endswith("y") and base[-2:-1] not in tuple("aeiou"):
        return base[:-1] + "ies"
    return base + "s"

