"""Small hand-written English word lists used by the extraction rules.

Written from general knowledge of English and news style; nothing here comes from evaluation data.
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

# Words that open a sentence but lean on the one before it ("But he said...", "This can...").
CONNECTIVES = frozenset(
    [
        "but", "and", "or", "so", "yet", "however", "meanwhile", "also", "still", "moreover", "furthermore",
        "nevertheless", "nonetheless", "instead", "then", "thus", "hence", "therefore", "besides", "otherwise",
        "additionally", "consequently", "indeed", "likewise", "similarly", "though", "although", "plus", "nor"
    ]
)

# Pronouns and determiners that need an antecedent when they open a sentence.
# First-person openers ("I asked him…") are unattributed quotes, which lean on the speaker named before.
DANGLING_OPENERS = frozenset([
    "he", "she", "they", "it", "this", "that", "these", "those", "his", "her", "their", "its", "him", "them", "such",
    "both", "i", "we", "my", "our", "you",
])

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

# Verbs of saying, used to find and drop trailing attributions (", he said").
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
