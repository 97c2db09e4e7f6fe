"""Main-text extraction from an article's HTML page (optional: needs the `fulltext` extra).

The caller fetches the page; this module never touches the network. trafilatura does the
heavy lifting; the light clean-up here removes what it lets through on many sites alike.
"""
from __future__ import annotations

import re
from types import ModuleType
from typing import Any

INSTALL_HINT = "full-text extraction needs trafilatura: pip install 'newsdigest[fulltext]'"

# Precision over recall: on news pages the misses are mostly embeds and captions, while the
# extras are teasers, bylines and sign-up boxes, which hurt a digest far more.
TRAFILATURA_OPTIONS = {
    "output_format": "txt",
    "favor_precision": True,
    "include_comments": False,
    "include_tables": True,
    "include_images": False,
    "include_links": False,
    "include_formatting": False,
    # trafilatura's dedup keeps a process-wide cache: a second call on the same page returns
    # nothing, which would make extraction depend on what ran before. Repeats are dropped below.
    "deduplicate": False,
}

# WordPress-style shortcodes left unrendered by the CMS: `[button link="…"]`, `[/button]`.
SHORTCODE = re.compile(r"\[/[a-z][\w-]*\]|\[[a-z][\w-]*(?:\s+[\w-]+=[^\]]*)+\]", re.IGNORECASE)

# Paragraphs that are only a page-furniture label (widget headings, ad slots, share bars).
UI_LABEL = re.compile(
    r"^(?:advertisement|advertising|sponsored(?: content)?|ad|tags?|topics|share(?: this(?: article| story| post)?)?"
    r"|related(?: articles| stories| content)?|read more|continue reading|more on this story|\d*\s*comments?"
    r"|leave a (?:comment|reply)|tell us what you think|you (?:may|might) also like|recommended(?: for you)?"
    r"|follow us|sign up|subscribe(?: now)?|print|email|facebook|twitter|whatsapp|linkedin|pinterest)$",
    re.IGNORECASE,
)

# A short paragraph that only points elsewhere: "Read more: <other headline>", "RELATED: …".
LEAD_IN_TEASER = re.compile(r"^(?:read more|read also|related|see also|more|watch|listen|recommended)\s*:", re.IGNORECASE)
MAX_TEASER_WORDS = 25

# End matter news pages append after the story: credits, contact lines, follow/subscribe calls.
END_MATTER = re.compile(
    r"^(?:(?:additional\s+)?reporting\s+by\b|(?:editing|writing|compiled)\s+by\b"
    r"|.{0,300}\bcontributed\s+(?:reporting\s+)?to\s+this\s+(?:report|story|article)"
    r"|(?:e-?mail|contact|reach)\b.{0,200}(?:@|\btwitter\b)|have a tip\b"
    r"|follow\b.{0,150}\b(?:twitter|facebook|instagram|youtube)\b"
    r"|.{0,200}\b(?:sign\s+up|subscribe)\b.{0,200}\bnewsletters?\b|.{0,200}\bnewsletters?\b.{0,200}\b(?:sign\s+up|subscribe)\b"
    r"|source:\s.{0,60}$|[\w.+-]+@[\w-]+\.[\w.]+$|(?:https?://)?(?:www\.)?twitter\.com/\w+$)",
    re.IGNORECASE,
)
MAX_END_MATTER_WORDS = 60

# A date/time stamp line ("Updated at 1:23 p.m.", "November 20, 2019 - 11:28 AMT") is made only of
# these, digits and time-zone codes, and names a date or says what the time is (a bare "10 p.m."
# may be a live-blog heading, so it stays).
MONTHS = frozenset(
    ["jan", "january", "feb", "february", "mar", "march", "apr", "april", "may", "jun", "june", "jul", "july",
     "aug", "august", "sep", "sept", "september", "oct", "october", "nov", "november", "dec", "december"]
)
STAMP_VERBS = frozenset(["updated", "published", "posted", "modified"])
STAMP_FILLERS = frozenset(
    ["last", "at", "on", "am", "pm", "a", "m", "p", "mon", "monday", "tue", "tuesday", "wed", "wednesday", "thu",
     "thursday", "fri", "friday", "sat", "saturday", "sun", "sunday"]
)
TIME_ZONE = re.compile(r"^(?:[A-Z]{1,3}[SD]?T|UTC|Z)$")
YEAR = re.compile(r"^(?:19|20)\d\d$")
WORD = re.compile(r"\w+")

# Class names of an article-body container. Some CMSs split one body into several sibling
# containers around ad slots; extractors keep only the first, so those chunks are rejoined.
BODY_CLASS = re.compile(
    r"(?:^|[\s_-])(?:article|entry|post|story)[-_]{0,2}(?:body|content|text)(?:$|[\s_-])", re.IGNORECASE
)
BODY_TAGS = ("div", "section", "article")
# A chunk must carry real paragraphs: teaser lists reuse the same class with a line each.
MIN_CHUNK_CHARS = 400

# Embedded posts quoted by the story (the publishers' official embed markup). Their wrappers
# carry "social"/"embed" classes that extractors drop as share bars, losing the quote.
EMBEDDED_POST_XPATH = '//blockquote[contains(@class, "twitter-tweet") or contains(@class, "instagram-media")]'
EMBED_WRAPPER = re.compile(r"embed|social|twitter|instagram", re.IGNORECASE)


class FullTextUnavailable(RuntimeError):
    """Raised when the optional full-text dependency is not installed or cannot load."""


def _trafilatura() -> ModuleType:
    """Import trafilatura lazily so a build without the extra never pays for it."""
    try:
        import trafilatura
    except ImportError as error:  # also covers a broken install (e.g. lxml without lxml_html_clean)
        raise FullTextUnavailable(f"{INSTALL_HINT} ({error})") from error
    return trafilatura


def extract_main_text(html: str, url: str = "") -> str:
    """The article's main text as plain text, paragraphs separated by blank lines ("" if none)."""
    if not html or not html.strip():
        return ""
    trafilatura = _trafilatura()
    tree = trafilatura.load_html(html)
    if tree is None:
        return ""
    keep_embedded_posts(tree)
    rejoin_split_body(tree)
    raw = trafilatura.extract(tree, url=url or None, **TRAFILATURA_OPTIONS)
    return clean_paragraphs(raw or "")


def keep_embedded_posts(tree: Any) -> int:
    """Unmark embedded posts and their close wrappers so they read as block quotes; return how many."""
    posts = tree.xpath(EMBEDDED_POST_XPATH)
    for post in posts:
        post.attrib.pop("class", None)
        for wrapper in list(post.iterancestors())[:2]:
            if EMBED_WRAPPER.search(wrapper.get("class") or ""):
                wrapper.attrib.pop("class", None)
    return len(posts)


def rejoin_split_body(tree: Any) -> int:
    """Move the content of later same-class body chunks into the first; return how many groups merged."""
    groups: dict[str, list[Any]] = {}
    for element in tree.iter(*BODY_TAGS):
        css_class = element.get("class") or ""
        if BODY_CLASS.search(css_class) and _paragraph_chars(element) >= MIN_CHUNK_CHARS:
            groups.setdefault(css_class, []).append(element)
    merged = 0
    for chunks in groups.values():
        first, rest = chunks[0], chunks[1:]
        # nested matches are one container, not chunks of a split one
        if rest and not any(_nested(first, chunk) for chunk in rest):
            for chunk in rest:
                first.extend(list(chunk))
            merged += 1
    return merged


def _paragraph_chars(element: Any) -> int:
    return sum(len(paragraph.text_content()) for paragraph in element.iter("p"))


def _nested(first: Any, other: Any) -> bool:
    return any(ancestor is first for ancestor in other.iterancestors()) or any(
        ancestor is other for ancestor in first.iterancestors()
    )


def clean_paragraphs(text: str) -> str:
    """Normalise whitespace, drop page furniture, repeats and end matter; join paragraphs with blank lines."""
    paragraphs: list[str] = []
    for line in text.splitlines():
        paragraph = " ".join(SHORTCODE.sub(" ", line).split())
        if not paragraph or _is_furniture(paragraph):
            continue
        if paragraphs and paragraphs[-1] == paragraph:
            continue
        paragraphs.append(paragraph)
    return "\n\n".join(_trim_end_matter(paragraphs))


def _is_furniture(paragraph: str) -> bool:
    """True for a paragraph that belongs to the page, not the story: labels, teasers, time stamps."""
    return _is_ui_label(paragraph) or _is_lead_in_teaser(paragraph) or _is_time_stamp(paragraph)


def _is_ui_label(paragraph: str) -> bool:
    """True for a paragraph that is only a widget label such as "Advertisement" or "12 Comments"."""
    label = paragraph.strip(" \t-–—:|•·.…!?()[]")
    return len(label) <= 40 and bool(UI_LABEL.match(label))


def _is_lead_in_teaser(paragraph: str) -> bool:
    """True for "Read more: <another headline>" and its kin."""
    return bool(LEAD_IN_TEASER.match(paragraph)) and len(paragraph.split()) <= MAX_TEASER_WORDS


def _is_time_stamp(paragraph: str) -> bool:
    """True for a line that is only a date/time (optionally "by <Name>"), such as "Updated at 1:23 p.m."."""
    stamp, _, byline = paragraph.partition(" by ")
    words = WORD.findall(stamp)
    if len(byline.split()) > 4 or not words or len(words) > 12 or not any(word.isdigit() for word in words):
        return False
    lowered = {word.lower() for word in words}
    names_a_date = bool(lowered & (MONTHS | STAMP_VERBS)) or any(YEAR.match(word) for word in words)
    return names_a_date and all(_is_stamp_word(word) for word in words)


def _is_stamp_word(word: str) -> bool:
    lowered = word.lower()
    return word.isdigit() or lowered in MONTHS or lowered in STAMP_VERBS or lowered in STAMP_FILLERS or bool(
        TIME_ZONE.match(word)
    )


def _trim_end_matter(paragraphs: list[str]) -> list[str]:
    """Drop credits, contact lines and follow/subscribe calls from the end of the story."""
    end = len(paragraphs)
    while end > 1 and len(paragraphs[end - 1].split()) <= MAX_END_MATTER_WORDS and END_MATTER.match(paragraphs[end - 1]):
        end -= 1
    return paragraphs[:end]
