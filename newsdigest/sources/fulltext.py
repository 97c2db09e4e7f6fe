"""Main-text extraction from an article's HTML page (optional: needs the `fulltext` extra).

The caller fetches the page; this module never touches the network. trafilatura does the
heavy lifting; the light clean-up here removes what it lets through on many sites alike.
"""
from __future__ import annotations

import re
from types import ModuleType

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
    "deduplicate": True,
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
    raw = _trafilatura().extract(html, url=url or None, **TRAFILATURA_OPTIONS)
    return clean_paragraphs(raw or "")


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
