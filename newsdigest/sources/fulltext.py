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
    """Normalise whitespace, drop shortcodes, UI labels and repeated paragraphs; join with blank lines."""
    paragraphs: list[str] = []
    for line in text.splitlines():
        paragraph = " ".join(SHORTCODE.sub(" ", line).split())
        if not paragraph or _is_ui_label(paragraph):
            continue
        if paragraphs and paragraphs[-1] == paragraph:
            continue
        paragraphs.append(paragraph)
    return "\n\n".join(paragraphs)


def _is_ui_label(paragraph: str) -> bool:
    """True for a paragraph that is only a widget label such as "Advertisement" or "12 Comments"."""
    label = paragraph.strip(" \t-–—:|•·.…!?()[]")
    return len(label) <= 40 and bool(UI_LABEL.match(label))
