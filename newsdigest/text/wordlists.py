"""Every word list the text engine reads, as data, in one module (the rules import them from here).

Written from general knowledge of English grammar and news style; nothing here comes from evaluation
data. Each list says where it comes from: "grammar" (closed word classes of English, as any grammar of
English lists them), "news style" (conventions of news writing: datelines, attributions, section labels),
or "abbreviations" (common English abbreviations).
"""
from __future__ import annotations

# Titles that stand before a name, so a full stop after them almost never ends a sentence.
TITLES = frozenset(
    [
        "mr", "mrs", "ms", "dr", "prof", "sen", "rep", "gov", "gen", "lt", "col", "sgt", "capt", "cmdr", "adm", "maj",
        "rev", "hon", "pres", "messrs", "mme", "mlle", "supt", "insp", "det", "cpl", "pvt", "atty", "amb", "brig",
        "cdr", "fr"
    ]
)

# Abbreviations that stand before a number ("p. 55", "No. 10", "Jan. 5").
BEFORE_NUMBER = frozenset(
    [
        "p", "pp", "no", "nos", "n°", "nr", "vol", "vols", "fig", "figs", "art", "para", "ch", "sec", "op", "tel",
        "ext", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "approx", "ca"
    ]
)

# Abbreviations that are followed by an example or more words and never end a sentence.
NEVER_FINAL = frozenset(["e.g", "i.e", "cf", "viz", "vs", "v"])

# Abbreviations that can end a sentence as well as stand inside one ("Co.", "Inc.", "U.S.").
AMBIGUOUS = frozenset(
    [
        "co", "corp", "inc", "ltd", "llc", "plc", "jr", "sr", "bros", "etc", "al", "st", "mt", "ft", "ave", "blvd",
        "rd", "dept", "univ", "assn", "est", "govt", "intl", "natl", "jan", "feb", "mar", "apr", "jun", "jul", "aug",
        "sep", "sept", "oct", "nov", "dec", "mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun",
        "a.m", "p.m", "u.s", "u.k", "e.u", "u.n", "d.c"
    ]
)

# Capitalised words that commonly open an English sentence: after an ambiguous abbreviation they signal a new one.
SENTENCE_STARTERS = frozenset(
    [
        "the", "a", "an", "this", "that", "these", "those", "it", "its", "he", "she", "they", "we", "i", "you", "his",
        "her", "their", "our", "my", "your", "there", "here", "but", "and", "or", "so", "yet", "however", "meanwhile",
        "in", "on", "at", "for", "after", "before", "when", "while", "if", "as", "what", "who", "why", "how", "where",
        "which", "some", "many", "most", "all", "no", "not", "one", "two", "both", "each", "other", "such", "last",
        "next", "then", "now", "today", "yesterday", "still", "also", "since", "although", "though", "despite", "do",
        "does", "did", "is", "are", "was", "were", "has", "have", "had", "will", "would", "can", "could", "should",
        "may", "might", "must", "mr", "mrs", "ms", "dr", "officials", "police"
    ]
)

# Words that open a sentence but lean on the one before it ("But he said...", "This can..."). Grammar: the
# coordinating conjunctions and the conjunctive adverbs of English.
CONNECTIVES = frozenset(
    [
        "but", "and", "or", "so", "yet", "however", "meanwhile", "also", "still", "moreover", "furthermore",
        "nevertheless", "nonetheless", "instead", "then", "thus", "hence", "therefore", "besides", "otherwise",
        "additionally", "consequently", "indeed", "likewise", "similarly", "though", "although", "plus", "nor"
    ]
)

# Grammar: personal and demonstrative pronouns and determiners, which need an antecedent when they open a sentence.
# First-person openers ("I asked him…") are unattributed quotes, which lean on the speaker named before.
DANGLING_OPENERS = frozenset([
    "he", "she", "they", "it", "this", "that", "these", "those", "his", "her", "their", "its", "him", "them", "such",
    "both", "i", "we", "my", "our", "you", "several", "another", "later", "then", "which", "whose",
])

# Grammar: ordinal and evaluative sentence adverbs ("First,", "Fortunately,"): they place the sentence in a list
# or judge what the sentence before told, so they lean on it (and, unlike CONNECTIVES, are not dropped: "First, a
# domestic economy that is slowing" has no verb without its list).
EVALUATIVE_OPENERS = frozenset(["first", "firstly", "second", "secondly", "third", "thirdly", "finally", "lastly",
                                "fortunately", "unfortunately", "luckily", "sadly", "happily", "thankfully",
                                "ironically", "surprisingly", "predictably", "naturally", "worse", "better"])

# Grammar: English cardinal number words (a bare one as subject, "Nine were included", counts a set named before).
NUMBER_WORDS = frozenset(["one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
                          "twelve", "dozens", "hundreds", "thousands", "millions", "some", "many", "most", "all",
                          "none", "few", "both", "half"])

# Opening phrases that point back to an event told before (grammar: anaphoric time and reference phrases).
DANGLING_PHRASES = (
    "after that", "since then", "by then", "until then", "at that time", "at the time", "a few years later",
    "years later", "months later", "weeks later", "days later", "hours later", "the next day", "the same",
    "the two", "the other", "the latter", "the move", "the decision", "the incident", "the comments",
    "the remarks", "the news", "in response", "as a result", "in addition", "even so", "not only that",
    "on the other hand", "in turn", "one of them", "some of them", "many of them", "all of them", "none of them",
    "most of them", "earlier that", "later that", "that day", "that night", "that morning", "that week",
    "that year", "that same", "the following day", "the next morning", "the day before", "the night before",
)

# Grammar: openers that point ahead to text after the sentence ("Here's what we know so far.", "This is how it
# works:"): the bullet would promise what it does not hold. Seen in year2023 teasers (204 of 67k key points).
FORWARD_OPENERS = ("here is", "here are", "here's", "here’s", "this is how", "this is why", "this is what",
                   "that's how", "that’s how", "that's why", "that’s why", "here we go")

# Grammar: the DANGLING_PHRASES that place a sentence in time right after the one before it ("Since then…"): like a
# connective, they read on when that sentence is the bullet before.
SEQUENCE_PHRASES = ("after that", "since then", "by then", "until then", "the next day", "the following day",
                    "the next morning", "that day", "that night", "that morning", "later that", "earlier that")

# Grammar: first-person singular pronouns. Outside a quotation they mark the writer's own aside (a columnist's
# "I think"); a plural "we" often means writer and reader ("we may be close to…") and is left to DANGLING_OPENERS.
_FIRST_PERSON = ["i", "me", "my", "mine", "myself", "i'm", "i've", "i'd", "i'll"]
FIRST_PERSON = frozenset(_FIRST_PERSON + [word.replace("'", "’") for word in _FIRST_PERSON])

# Grammar: the relative pronouns that open a non-restrictive clause after a comma.
RELATIVE_PRONOUNS = frozenset(["who", "which", "whose", "whom"])

# Grammar: prepositions that open a place or time adjunct, which a sentence stands without (unlike "to"/"of"/"by"
# phrases that complete a verb or a noun).
ADJUNCT_STARTS = frozenset({"in", "at", "on", "during", "near", "across", "outside", "around", "within", "amid"})

# News style: time nouns a leading time phrase ends on ("On Tuesday,", "Last month,", "In 2019,").
TIME_NOUNS = frozenset([
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january", "february", "march",
    "april", "may", "june", "july", "august", "september", "october", "november", "december", "week", "weeks",
    "month", "months", "year", "years", "morning", "afternoon", "evening", "night", "weekend", "yesterday", "today",
    "decade", "decades", "hour", "hours", "day", "days", "spring", "summer", "autumn", "fall", "winter",
])

# Grammar: auxiliaries, modals, and common irregular pasts and participles — words that mark a finite verb
# (no tagger, so a short list). A phrase after one of them completes the verb.
FINITE_VERB_MARKS = frozenset({
    "is", "are", "was", "were", "has", "have", "had", "will", "would", "can", "could", "may", "might", "must",
    "should", "did", "does", "struck", "hit", "made", "took", "gave", "found", "left", "met", "won", "lost", "led",
    "fell", "broke", "ran", "came", "went", "saw", "began", "became", "held", "kept", "sent", "sold", "spent",
    "built", "brought", "bought", "caught", "fought", "thought", "wrote", "drove", "rose", "shot", "stood", "got",
    "known", "seen", "given", "taken", "shown", "born", "done", "told", "put", "set", "cut",
})

# Grammar: English verbs that take a particle ("packs on", "weighs in", "cracks down"), as base forms.
PARTICLE_VERBS = frozenset({
    "pack", "put", "take", "turn", "carry", "go", "keep", "hold", "move", "pass", "get", "come", "log", "sign",
    "check", "step", "weigh", "cash", "pile", "crack", "clamp", "focus", "rely", "depend", "insist", "comment", "bank",
    "hang", "call", "count", "catch", "draw", "fall", "give", "hand", "pull", "push", "settle", "switch", "tune",
    "zero", "home", "lay", "look", "stare", "point", "aim", "hint", "laugh", "dwell", "agree", "prey", "stick",
    "cling", "pitch", "chip", "fill", "lock", "rein", "phase", "sink", "cave", "kick", "dig", "zoom", "tuck", "mess",
    "run", "bring", "set", "break", "shut", "close", "cut", "spend", "snap", "lash", "hit", "build", "play", "try",
})

# Grammar: English function words (articles, pronouns, auxiliaries, prepositions, conjunctions) and a few
# news-frequent words that carry no topic ("said", "year").
STOPWORDS = frozenset(
    [
        "a", "about", "above", "after", "again", "against", "all", "almost", "also", "although", "always", "am",
        "among", "an", "and", "another", "any", "are", "around", "as", "at", "be", "became", "because", "become",
        "been", "before", "being", "below", "between", "both", "but", "by", "can", "cannot", "could", "did", "do",
        "does", "doing", "done", "down", "during", "each", "either", "else", "even", "ever", "every", "few", "for",
        "from", "further", "had", "has", "have", "having", "he", "her", "here", "hers", "herself", "him", "himself",
        "his", "how", "however", "i", "if", "in", "into", "is", "it", "its", "itself", "just", "last", "least", "less",
        "let", "like", "made", "make", "many", "may", "me", "might", "more", "most", "much", "must", "my", "myself",
        "near", "neither", "never", "new", "next", "no", "nor", "not", "now", "of", "off", "often", "on", "once", "one",
        "only", "onto", "or", "other", "others", "otherwise", "our", "ours", "ourselves", "out", "over", "own", "per",
        "perhaps", "rather", "really", "same", "say", "said", "says", "see", "seen", "shall", "she", "should", "since",
        "so", "some", "still", "such", "than", "that", "the", "their", "theirs", "them", "themselves", "then", "there",
        "these", "they", "this", "those", "though", "through", "thus", "to", "too", "toward", "towards", "under",
        "until", "up", "upon", "us", "very", "via", "was", "we", "well", "were", "what", "whatever", "when", "whenever",
        "where", "whether", "which", "while", "who", "whom", "whose", "why", "will", "with", "within", "without",
        "would", "yet", "you", "your", "yours", "yourself", "yourselves", "mr", "mrs", "ms", "dr", "told", "according",
        "including", "added", "year", "years", "week", "weeks", "day", "days", "time", "times", "first", "two", "three",
        "get", "got", "go", "going", "gone", "went", "come", "came", "take", "took", "want", "wanted", "way", "ways",
        "back", "still", "could", "would", "also", "around", "among", "s", "t", "don", "didn", "doesn", "isn", "wasn",
        "aren", "weren", "won", "wouldn", "couldn", "shouldn", "can't", "don't", "it's", "he's", "she's", "that's",
        "there's", "i'm", "we're", "they're", "you're", "i've", "we've", "they've", "i'd", "we'd", "they'd", "i'll",
        "we'll", "they'll", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "today",
        "yesterday", "tomorrow", "tonight"
    ]
) | frozenset("abcdefghijklmnopqrstuvwxyz0123456789")  # single characters carry no meaning on their own

# Words any article may repeat whatever it is about: as tags they say nothing about this one ("people", "best").
GENERIC_TERMS = frozenset(
    [
        "people", "person", "thing", "things", "lot", "lots", "number", "numbers", "part", "place", "end", "kind",
        "best", "better", "good", "great", "big", "small", "large", "high", "low", "second", "third", "half",
        "former", "recent", "latest", "key", "major", "main", "able", "likely", "think", "know", "need", "put", "set",
        "use", "used", "using", "seems", "anti", "non", "whole", "early", "late", "long", "really", "something",
    ]
)

# Time phrases that a headline-style bullet can drop without losing its point.
TIME_WORDS = frozenset(
    [
        "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "today", "yesterday", "tonight",
        "tomorrow", "earlier", "later", "recently"
    ]
)

# News style: verbs of saying, used to find trailing attributions (", he said").
SAY_VERBS = frozenset(
    [
        "said", "says", "told", "tells", "added", "adds", "explained", "explains", "noted", "notes", "stated", "states",
        "wrote", "writes", "argued", "argues", "insisted", "insists", "warned", "warns", "claimed", "claims",
        "reported", "reports", "announced", "announces", "confirmed", "confirms", "revealed", "reveals", "suggested",
        "suggests", "admitted", "admits", "acknowledged", "acknowledges", "continued", "continues", "asked", "asks",
        "replied", "replies", "concluded", "concludes"
    ]
)

# Irregular simple pasts a headline turns into the present tense.
IRREGULAR_PRESENT = {
    "agreed": "agree", "disagreed": "disagree", "guaranteed": "guarantee", "freed": "free",
    "rose": "rise", "fell": "fall", "won": "win", "lost": "lose", "took": "take", "gave": "give", "made": "make",
    "saw": "see", "went": "go", "came": "come", "got": "get", "hit": "hit", "cut": "cut", "set": "set",
    "put": "put", "quit": "quit", "left": "leave", "told": "tell", "said": "say", "sold": "sell", "bought": "buy",
    "paid": "pay", "held": "hold", "led": "lead", "met": "meet", "ran": "run", "began": "begin", "broke": "break",
    "chose": "choose", "drew": "draw", "drove": "drive", "fought": "fight", "found": "find", "flew": "fly",
    "grew": "grow", "kept": "keep", "knew": "know", "sought": "seek", "spent": "spend", "stood": "stand",
    "struck": "strike", "swept": "sweep", "thought": "think", "threw": "throw", "wrote": "write", "brought": "bring",
    "built": "build", "shot": "shoot", "sent": "send", "slid": "slide", "sank": "sink", "shut": "shut",
    "died": "die", "spoke": "speak", "stole": "steal", "beat": "beat", "became": "become", "overtook": "overtake",
    # past participles, for "has taken" → "takes"
    "taken": "take", "given": "give", "seen": "see", "written": "write", "shown": "show", "known": "know",
    "grown": "grow", "chosen": "choose", "spoken": "speak", "stolen": "steal", "broken": "break", "begun": "begin",
    "done": "do", "gone": "go", "driven": "drive", "drawn": "draw", "thrown": "throw", "fallen": "fall",
    "risen": "rise", "overtaken": "overtake", "forgotten": "forget", "beaten": "beat", "become": "become",
    "withdrawn": "withdraw", "withdrew": "withdraw", "shrank": "shrink", "shrunk": "shrink", "froze": "freeze",
    "frozen": "freeze", "fled": "flee", "hid": "hide", "hidden": "hide", "undertook": "undertake",
    "undertaken": "undertake", "swore": "swear", "sworn": "swear", "upheld": "uphold", "forgave": "forgive",
}
