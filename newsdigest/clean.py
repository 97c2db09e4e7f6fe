"""HTML from untrusted sources → sanitized HTML and plain text, with feed boilerplate removed."""
from __future__ import annotations

import html as htmllib
import re
from collections.abc import Callable
from html.parser import HTMLParser
from typing import Any
from urllib.parse import urljoin, urlsplit

import nh3

from newsdigest import boilerplate

# Allow-list: structure and emphasis a reader needs, nothing that runs or restyles the page.
ALLOWED_TAGS = frozenset({
    "a", "abbr", "b", "blockquote", "br", "caption", "cite", "code", "dd", "del", "dfn", "dl", "dt",
    "em", "figcaption", "figure", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img", "ins", "kbd", "li",
    "mark", "ol", "p", "pre", "q", "s", "small", "strong", "sub", "sup", "table", "tbody", "td",
    "tfoot", "th", "thead", "time", "tr", "u", "ul",
})
ALLOWED_ATTRIBUTES = {
    "*": {"lang", "dir"},          # keeps right-to-left scripts (Urdu, Arabic) readable
    "a": {"href", "title"},
    "img": {"src", "alt", "title", "width", "height"},
    "abbr": {"title"},
    "blockquote": {"cite"},
    "q": {"cite"},
    "td": {"colspan", "rowspan"},
    "th": {"colspan", "rowspan", "scope"},
    "time": {"datetime"},
}
# Elements dropped together with everything inside them (their text is code or chrome, never prose).
DROP_WITH_CONTENT = frozenset({
    "script", "style", "svg", "math", "iframe", "object", "embed", "noscript", "template", "title",
    "head", "form", "select", "textarea", "button", "frameset", "frame", "applet",
})
URL_ATTRIBUTES = frozenset({"href", "src", "cite"})
SAFE_SCHEMES = frozenset({"http", "https", "mailto"})
LINK_REL = "nofollow noopener"

BLOCK_TAGS = frozenset({
    "address", "article", "aside", "blockquote", "dd", "div", "dl", "dt", "figure", "footer", "h1", "h2",
    "h3", "h4", "h5", "h6", "header", "hr", "li", "main", "nav", "ol", "p", "pre", "section", "table",
    "tr", "ul", "td", "th", "caption",
})
SKIP_TEXT_TAGS = DROP_WITH_CONTENT | {"figcaption"}   # captions and credits are not article prose

# A whole paragraph or line that is feed chrome, not article text; the phrasings are data (boilerplate.py).
BOILERPLATE_PARAGRAPH = re.compile(r"^\s*(?:" + "|".join(boilerplate.ALL) + r")\s*$", re.IGNORECASE | re.DOTALL)
# Trailing "Continue reading…" / "Read more »" links glued to the last paragraph.
TRAILING_MORE = re.compile(
    r"\s*(?:\[?(?:…|\.\.\.)\]?\s*)?(?:continue reading|read more|read (?:the )?full (?:story|article)|more\s*»)"
    r"[^.!?\n]{0,80}$",
    re.IGNORECASE,
)
# Share bars and tracking pixels identified by class or src.
SHARE_CLASS = re.compile(r"feedflare|share|social|sharedaddy|addtoany|jp-relatedposts|wp-block-buttons", re.IGNORECASE)
PULL_QUOTE_CLASS = re.compile(r"\bpull-?quote\b", re.IGNORECASE)
SHARE_ALT = re.compile(r"^\s*(?:add to|share (?:on|via|this)|email this|tweet this|post to)\b", re.IGNORECASE)
# Elements whose whole text can be one template line of a feed.
TEXT_BLOCKS = ("p", "li", "div", "h2", "h3", "h4", "h5", "h6", "blockquote", "dd", "dt", "figcaption")
# Below this much other text, a list of links is the item itself (a links post), so it stays.
MIN_PROSE_CHARS = 80
TRACKER_SRC = re.compile(r"feeds\.feedburner\.com/~r/|feedsportal\.com|/~ff/|pixel|doubleclick|stats\.wordpress|pheedo\.com", re.IGNORECASE)


def _resolve(value: str, base_url: str) -> str | None:
    """Absolute, safe URL for an attribute value, or None to drop the attribute."""
    value = value.strip()
    try:
        if base_url:
            value = urljoin(base_url, value)
        scheme = urlsplit(value).scheme.lower()
    except ValueError:  # malformed, e.g. "http://[broken"
        return None
    if scheme and scheme not in SAFE_SCHEMES:
        return None
    return value


def sanitize_html(html: str, base_url: str = "") -> str:
    """Allow-list sanitize untrusted HTML; relative URLs resolved against base_url."""
    if not html or not html.strip():
        return ""

    def attribute_filter(tag: str, attr: str, value: str) -> str | None:
        if attr in URL_ATTRIBUTES:
            return _resolve(value, base_url)
        return value

    cleaned = nh3.clean(
        html,
        tags=set(ALLOWED_TAGS),
        clean_content_tags=set(DROP_WITH_CONTENT),
        attributes={k: set(v) for k, v in ALLOWED_ATTRIBUTES.items()},
        attribute_filter=attribute_filter,
        url_schemes=set(SAFE_SCHEMES),
        link_rel=LINK_REL,
        strip_comments=True,
    )
    return cleaned.strip()


class _TextCollector(HTMLParser):
    """Collects readable text, turning block elements into paragraph breaks."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip_depth = 0
        self.pre_depth = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "pre":
            self.pre_depth += 1
        if tag in SKIP_TEXT_TAGS:
            self.skip_depth += 1
        elif tag == "br":
            self.parts.append("\n")
        elif tag in BLOCK_TAGS:
            self.parts.append("\n\n")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "br":
            self.parts.append("\n")
        elif tag in BLOCK_TAGS:
            self.parts.append("\n\n")

    def handle_endtag(self, tag: str) -> None:
        if tag == "pre":
            self.pre_depth = max(0, self.pre_depth - 1)
        if tag in SKIP_TEXT_TAGS:
            self.skip_depth = max(0, self.skip_depth - 1)
        elif tag in BLOCK_TAGS:
            self.parts.append("\n\n")

    def handle_data(self, data: str) -> None:
        if self.skip_depth:
            return
        # Source newlines are plain whitespace in HTML; only <br> and blocks break lines (<pre> keeps them).
        self.parts.append(data if self.pre_depth else re.sub(r"\s+", " ", data))


def _tidy_paragraphs(raw: str) -> list[str]:
    """Split on blank lines, collapse whitespace inside each paragraph, drop empties."""
    paragraphs = []
    for block in re.split(r"\n\s*\n", raw):
        lines = [re.sub(r"[ \t\r\f\v\u00a0]+", " ", line).strip() for line in block.split("\n")]
        text = "\n".join(line for line in lines if line)
        if text:
            paragraphs.append(text)
    return paragraphs


def html_to_text(html: str) -> str:
    """Plain text from HTML with a real parser; paragraphs separated by blank lines."""
    if not html:
        return ""
    collector = _TextCollector()
    collector.feed(html)
    collector.close()
    return "\n\n".join(_tidy_paragraphs("".join(collector.parts)))


def strip_tags(fragment: str) -> str:
    """One-line plain text of a short fragment such as a title: tags removed, entities decoded."""
    text = html_to_text(fragment)
    if re.search(r"&(?:#\d+|#x[0-9a-f]+|[a-z]+);", text, re.IGNORECASE):
        # Double-escaped titles ("&amp;#8217;") are common in feeds.
        text = htmllib.unescape(text)
    return re.sub(r"\s+", " ", text).strip()


def is_boilerplate(paragraph: str) -> bool:
    """True for paragraphs feed generators append to every item."""
    return bool(BOILERPLATE_PARAGRAPH.match(paragraph))


def remove_boilerplate(html: str) -> str:
    """Drop share bars, tracking pixels and "appeared first on / continue reading" chrome from feed HTML."""
    if not html or not html.strip():
        return ""
    try:
        from lxml import etree
        from lxml import html as lxml_html
    except ImportError:  # lxml is optional; the text-level filter still runs
        return html
    try:
        root = lxml_html.fragment_fromstring(html, create_parent="div")
    except (etree.LxmlError, ValueError):
        return html
    _drop_chrome(root)
    return _serialise(root)


def drop_blocks(html: str, drop: Callable[[str], bool]) -> str:
    """Sanitized HTML without the text blocks (p, li, div, headings …) whose whole text `drop` selects."""
    if not html or not html.strip():
        return ""
    try:
        from lxml import etree
        from lxml import html as lxml_html
    except ImportError:  # lxml is optional; callers rebuild the markup from the text instead
        return html
    try:
        root = lxml_html.fragment_fromstring(html, create_parent="div")
    except (etree.LxmlError, ValueError):
        return html
    for element in list(root.iter(*TEXT_BLOCKS)):
        if element.getparent() is not None and drop(" ".join((element.text_content() or "").split())):
            element.drop_tree()
    return _serialise(root)


def paragraphs_html(text: str) -> str:
    """Plain text as escaped paragraphs, line breaks kept."""
    return "".join("<p>" + "<br>".join(htmllib.escape(line) for line in paragraph.split("\n")) + "</p>"
                   for paragraph in text.split("\n\n") if paragraph.strip())


def _serialise(root: Any) -> str:
    from lxml import html as lxml_html

    inner = "".join(lxml_html.tostring(child, encoding="unicode") for child in root)
    return (root.text and htmllib.escape(root.text, quote=False) or "") + inner


def _drop_chrome(root: Any) -> None:
    """Remove chrome elements from an lxml tree in place."""
    for element in list(root.iter()):
        if element is root or not isinstance(element.tag, str) or element.getparent() is None:
            continue
        is_more_link = element.tag == "a" and TRAILING_MORE.fullmatch(" " + (element.text_content() or ""))
        if _is_chrome(element) or is_more_link:
            element.drop_tree()
    for element in list(root.iter("p", "div", "li", "figcaption")):
        if element.getparent() is not None and is_boilerplate(element.text_content() or ""):
            element.drop_tree()
    _drop_link_lists(root)


def _drop_link_lists(root: Any) -> None:
    """List items that are nothing but a link are related-story lists, not prose — unless they ARE the item."""
    link_only = [li for li in root.iter("li") if _is_link_only(li)]
    if not link_only:
        return
    rest = len(" ".join((root.text_content() or "").split())) - sum(
        len(" ".join((li.text_content() or "").split())) for li in link_only)
    if rest >= MIN_PROSE_CHARS:
        for li in link_only:
            if li.getparent() is not None:
                li.drop_tree()


def _is_link_only(element: Any) -> bool:
    text = " ".join((element.text_content() or "").split())
    linked = " ".join(" ".join((a.text_content() or "").split()) for a in element.iter("a"))
    return bool(text) and text == linked


def _is_chrome(element: Any) -> bool:
    """Share bars by class, and 1×1 or known tracking images."""
    get = element.get
    if element.tag in ("blockquote", "aside", "div") and PULL_QUOTE_CLASS.search(get("class", "") or ""):
        return True   # a pull quote repeats a sentence the article already has
    if SHARE_CLASS.search(get("class", "") or "") and element.tag in ("div", "p", "ul", "span", "section"):
        # Share bars are a few words; a long block is content whose wrapper merely has such a class.
        return len(element.text_content() or "") < 200
    if element.tag == "img":
        if get("width") in ("0", "1") or get("height") in ("0", "1") or SHARE_ALT.match(get("alt", "") or ""):
            return True
        return bool(TRACKER_SRC.search(get("src", "") or ""))
    return False


def clean_text(text: str) -> str:
    """Drop boilerplate paragraphs and lines, and trailing "read more" tails, from plain text."""
    kept = []
    for paragraph in text.split("\n\n"):
        paragraph = TRAILING_MORE.sub("", paragraph).rstrip()
        if paragraph and not is_boilerplate(paragraph):
            lines = [line for line in paragraph.split("\n") if not is_boilerplate(line)]
            if lines:
                kept.append("\n".join(lines))
    return "\n\n".join(kept)
