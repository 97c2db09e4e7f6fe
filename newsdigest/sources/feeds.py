"""Feed bytes → normalised Article records. Pure: no I/O, the caller fetches."""
from __future__ import annotations

import html as htmllib
import re
import xml.sax
from dataclasses import dataclass
from datetime import datetime, tzinfo
from typing import Any
from urllib.parse import urljoin, urlsplit

import feedparser

from newsdigest.archive import is_global_guid
from newsdigest.clean import clean_text, html_to_text, remove_boilerplate, sanitize_html, strip_tags
from newsdigest.model import Article, Source
from newsdigest.settings import FeedSettings
from newsdigest.sources.dates import parse_date
from newsdigest.sources.encoding import normalise_encoding, repair_text
from newsdigest.sources.template import remove_template
from newsdigest.urls import article_id, canonical_url

HTML_PAGE = re.compile(rb"^\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html[\s>]|head[\s>]|body[\s>])", re.IGNORECASE | re.DOTALL)
IMG_SRC = re.compile(r"""<img\b[^>]*\bsrc=["']([^"']+)["']""", re.IGNORECASE)
AUTHOR_IN_PARENS = re.compile(r"^\S+@\S+\s*\((.+)\)$")
LANGUAGE_TAG = re.compile(r"^[a-z]{2,3}(?:-[a-z0-9]{1,8})*$")
# feedparser files <media:description> (the caption of an item's photo or video) under `content`
# or `summary`, whichever is free, so only the document itself says which text is a caption.
MEDIA_DESCRIPTION = re.compile(rb"<media:description\b[^>]*>(.*?)</media:description\s*>", re.IGNORECASE | re.DOTALL)
HTML_MARKUP = re.compile(r"</?(?:p|br|div|a|img|span|strong|em|b|i|ul|ol|li|h[1-6]|figure|blockquote)\b[^<>]*>",
                         re.IGNORECASE)
CDATA = re.compile(r"<!\[CDATA\[(.*?)\]\]>", re.DOTALL)
# A caption shorter than this (as letters and digits) is too short to tell apart from real text.
MIN_CAPTION_KEY = 12


@dataclass(frozen=True)
class ParsedFeed:
    """What one feed document yielded. ``failure`` non-empty means it could not be read at all."""

    articles: tuple[Article, ...] = ()
    title: str = ""
    link: str = ""
    language: str = ""
    warnings: tuple[str, ...] = ()
    failure: str = ""              # the kind of failure, shown on the sources page: never quotes the response
    failure_detail: str = ""       # the same with the evidence (first bytes, parser message), for the build log
    items_in_feed: int = 0      # entries in the document, before `max_items` cut it

    @property
    def ok(self) -> bool:
        return not self.failure


def parse_feed(
    data: bytes, *, feed: FeedSettings, fetched_at: datetime, tz: tzinfo, content_type: str = "", max_items: int = 0
) -> ParsedFeed:
    """Parse RSS/Atom bytes into sanitized, deduplicated Articles; never raises for bad input.

    `max_items` > 0 keeps only that many newest entries, cut before they are sanitised (the costly step).
    """
    if not data or not data.strip():
        return ParsedFeed(failure="empty response (0 bytes of feed)")
    data, content_type, encoding_warning = normalise_encoding(data, content_type)
    # Local files have no Content-Type; application/xml lets the XML declaration name the encoding (RFC 7303).
    headers = {"content-type": content_type or "application/xml"}
    if _is_http(feed.url):
        headers["content-location"] = feed.url
    warnings = [encoding_warning] if encoding_warning else []
    try:
        parsed = feedparser.parse(data, response_headers=headers, sanitize_html=False, resolve_relative_uris=True)
    except Exception as exc:  # noqa: BLE001 — feedparser's lax parser can still trip on garbage; report, never raise
        return ParsedFeed(failure=f"feed could not be parsed ({type(exc).__name__})", warnings=tuple(warnings),
                          failure_detail=f"feed could not be parsed ({type(exc).__name__}: {exc})"[:300])
    failure = _failure(parsed, data)
    if failure:
        # The failure is published on the sources page, so it never quotes the response; the
        # first bytes (which may be what an internal service answered) go to the build log only.
        return ParsedFeed(failure=failure, warnings=tuple(warnings), failure_detail=_failure_detail(failure, parsed, data))
    warnings += _bozo_warnings(parsed)
    channel = parsed.get("feed", {})
    base = _http_or_empty(channel.get("link", "")) or (feed.url if _is_http(feed.url) else "")
    language = _language(channel.get("language"))
    entries = newest_entries(parsed.entries, max_items, fetched_at, tz) if max_items else parsed.entries
    captions = media_captions(data, parsed.get("encoding") or "utf-8")
    articles, skipped = _articles(entries, feed, base, language, fetched_at, tz, captions)
    warnings += skipped
    articles = remove_template(articles)
    if not articles:
        warnings.append("feed is well-formed but has no items")
    return ParsedFeed(
        articles=articles,
        title=repair_text(strip_tags(channel.get("title", ""))),
        link=base,
        language=language,
        warnings=tuple(warnings),
        items_in_feed=len(parsed.entries),
    )


def newest_entries(entries: list[Any], limit: int, fetched_at: datetime, tz: tzinfo) -> list[Any]:
    """The `limit` newest entries by the date their Article would get (ties: earlier in the feed), in feed order."""
    if len(entries) <= limit:
        return entries
    dated = []
    for index, entry in enumerate(entries):
        try:
            when = _published(entry, fetched_at, tz)
        except Exception:  # noqa: BLE001 — an undatable entry counts as undated; _articles reports it if it breaks
            when = fetched_at
        dated.append((when, -index, index))
    return [entries[index] for index in sorted(index for _, _, index in sorted(dated, reverse=True)[:limit])]


def _is_http(url: str) -> bool:
    try:
        return urlsplit(url).scheme.lower() in ("http", "https")
    except ValueError:
        return False


def _http_or_empty(url: str) -> str:
    return url.strip() if _is_http(url.strip()) else ""


def _failure(parsed: Any, data: bytes) -> str:
    """A reason when the document is not a readable feed, else ""."""
    if parsed.entries and parsed.get("version"):
        return ""
    if HTML_PAGE.match(data[:2000]):
        return "not a feed (the response is HTML)"
    start = data.lstrip(b"\xef\xbb\xbf \t\r\n")[:40]
    if start[:1].isascii() and not start.startswith(b"<"):  # non-ASCII first byte: maybe a UTF-16 BOM
        return "not a feed (the response is not XML)"
    if parsed.entries:
        return ""
    if parsed.get("bozo"):
        return f"malformed or truncated feed, no items readable ({_published_exception(parsed)})"
    if not parsed.get("version"):
        return "not a feed (no RSS or Atom document found)"
    return ""


def _failure_detail(failure: str, parsed: Any, data: bytes) -> str:
    """The failure with its evidence for the build log: the first bytes, or the parser's whole message."""
    if failure.startswith("not a feed"):
        start = data.lstrip(b"\xef\xbb\xbf \t\r\n")[:40].decode("utf-8", "replace")
        return f"{failure}; the response starts with {start!r}"
    if parsed.get("bozo") and _exception_text(parsed) not in failure:
        return f"{failure}; the parser said: {_exception_text(parsed)}"
    return failure


def _published_exception(parsed: Any) -> str:
    """The XML parser's message ("<unknown>:19:84: no element found": fixed wording and a position, so
    safe on the sources page); for any other exception only its type, as its text may quote the
    response (a Content-Type header, an encoding name)."""
    exc = parsed.get("bozo_exception")
    return _exception_text(parsed) if isinstance(exc, xml.sax.SAXParseException) else type(exc).__name__


def _exception_text(parsed: Any) -> str:
    exc = parsed.get("bozo_exception")
    text = str(exc) if exc is not None else "unknown error"
    return re.sub(r"\s+", " ", text)[:200]


def _bozo_warnings(parsed: Any) -> list[str]:
    """bozo with items still readable is a warning, never a failure (encoding overrides, sloppy XML)."""
    exc = parsed.get("bozo_exception")
    if not parsed.get("bozo") or type(exc).__name__ == "NonXMLContentType":
        return []  # a feed served as text/html or text/plain reads fine; nothing for the user to fix
    kind = type(exc).__name__ if exc is not None else "bozo"
    return [f"feed is not strictly valid ({kind}: {_exception_text(parsed)}); items read anyway"]


def _articles(
    entries: list[Any], feed: FeedSettings, base: str, language: str, fetched_at: datetime, tz: tzinfo,
    captions: frozenset[str] = frozenset(),
) -> tuple[tuple[Article, ...], list[str]]:
    """Articles in feed order, without empty entries or repeats of one id; and a warning per item that broke."""
    seen: set[str] = set()
    result = []
    skipped: list[str] = []
    shared = _shared_urls(entries, base)
    for entry in entries:
        try:
            article = _article(entry, feed, base, language, fetched_at, tz, shared, captions)
        except Exception as exc:  # noqa: BLE001 — one garbled item must not cost the others; name it
            name = str(entry.get("title") or entry.get("link") or entry.get("id") or "untitled")[:80]
            skipped.append(f"item {name!r} skipped as unreadable ({type(exc).__name__})")
            continue
        if article is not None and article.id not in seen:
            seen.add(article.id)
            result.append(article)
    return tuple(result), skipped


def _shared_urls(entries: list[Any], base: str) -> set[str]:
    """Canonical URLs that several distinct items share once fragments are dropped (blogs linking to #anchors)."""
    guids_by_url: dict[str, set[str]] = {}
    for entry in entries:
        url = _entry_url(entry, base)
        if url:
            guids_by_url.setdefault(url, set()).add((entry.get("id") or "") + "|" + (entry.get("title") or ""))
    return {url for url, keys in guids_by_url.items() if len(keys) > 1}


def _article(
    entry: Any, feed: FeedSettings, base: str, language: str, fetched_at: datetime, tz: tzinfo,
    shared: frozenset[str] | set[str] = frozenset(), captions: frozenset[str] = frozenset(),
) -> Article | None:
    """One normalised Article, or None for an entry with nothing in it."""
    title = repair_text(strip_tags(entry.get("title", "")))
    guid = (entry.get("id") or "").strip()
    url = _entry_url(entry, base)
    if url in shared:
        url = _with_fragment(url, entry)
    raw_html = _best_content(entry, title, captions)
    if not (title or url or guid or raw_html.strip()):
        return None
    html = sanitize_html(repair_text(remove_boilerplate(raw_html)), base_url=url or base)
    text = clean_text(html_to_text(html))
    published = _published(entry, fetched_at, tz)
    return Article(
        id=_article_id(url, guid, feed.url, title),
        title=title,
        text=text,
        html=html,
        published=published or fetched_at,     # undated: first seen now (the archive keeps the earliest)
        dated=published is not None,
        source=feed.name,
        url=url,
        guid=guid,
        author=_author(entry),
        categories=_categories(entry),
        topics=tuple(feed.topics),
        image=_image(entry, html, url or base),
        language=_language(entry.get("language")) or language,
        feed=feed.url,
        sources=(Source(name=feed.name, url=url, feed_url=feed.url),),
    )


def _entry_url(entry: Any, base: str) -> str:
    """Canonical http(s) link; feedburner's origLink beats its redirecting proxy link."""
    for candidate in (entry.get("feedburner_origlink"), entry.get("link"), _permalink_guid(entry)):
        candidate = (candidate or "").strip()
        if not candidate:
            continue
        resolved = _safe_url(candidate, base)
        if resolved:
            return canonical_url(resolved)
    return ""


def _safe_url(value: str, base: str) -> str:
    """value resolved against base when it is a well-formed http(s) URL, else "" (feeds carry broken ones)."""
    try:
        resolved = urljoin(base, value) if base else value
        parts = urlsplit(resolved)
        _ = parts.port  # raises ValueError for a garbled port such as ":\x0043"
    except ValueError:
        return ""
    return resolved if parts.scheme.lower() in ("http", "https") and parts.hostname else ""


def _with_fragment(url: str, entry: Any) -> str:
    """Put back the #fragment that tells this item apart from its siblings on one page."""
    for candidate in (entry.get("link"), _permalink_guid(entry)):
        fragment = urlsplit((candidate or "").strip()).fragment
        if fragment:
            return f"{url}#{fragment}"
    return url


def _permalink_guid(entry: Any) -> str:
    guid = entry.get("id") or ""
    return guid if entry.get("guidislink") else ""


def _article_id(url: str, guid: str, feed_url: str, title: str) -> str:
    """From the canonical URL; else a guid (scoped to the feed when it is too short to be global)."""
    if url:
        return article_id(url)
    if guid:
        return article_id(guid if is_global_guid(guid) else f"{feed_url}#{guid}")
    return article_id(f"{feed_url}#{title}")


def _best_content(entry: Any, title: str = "", captions: frozenset[str] = frozenset()) -> str:
    """The candidate (content or description) holding the most article text.

    A candidate that is the item's media caption, or that only restates the title, or holds
    nothing once chrome is removed, is not the article; a caption is used only when nothing else is there.
    """
    candidates = [(c.get("value") or "", c.get("type") or "text/html") for c in entry.get("content", []) or []]
    candidates.append((entry.get("summary", "") or "", (entry.get("summary_detail") or {}).get("type", "text/html")))
    readable = []
    for value, content_type in candidates:
        html = _as_html(value, content_type)
        text = clean_text(html_to_text(html))
        if text and not restates_title(text, title):
            readable.append((len(text), text_key(text) in captions, html))
    article = [c for c in readable if not c[1]] or readable
    return max(article, key=lambda c: c[0])[2] if article else ""


def text_key(text: str) -> str:
    """Letters and digits only, case-folded: two texts with the same key say the same thing."""
    return re.sub(r"[\W_]+", "", htmllib.unescape(text).casefold())


def restates_title(text: str, title: str) -> bool:
    """True when the text is the title again (whole, or a cut-off piece of it)."""
    text, title = text_key(text), text_key(title)
    return bool(title) and (text == title or (len(text) >= MIN_CAPTION_KEY and text in title))


def media_captions(data: bytes, encoding: str = "utf-8") -> frozenset[str]:
    """Keys of every <media:description> text in a feed document (captions of photos and videos)."""
    try:
        "".encode(encoding)
    except LookupError:   # an encoding name Python does not know: read as UTF-8
        encoding = "utf-8"
    keys = set()
    for raw in MEDIA_DESCRIPTION.findall(data):
        value = CDATA.sub(lambda m: htmllib.escape(m.group(1)), raw.decode(encoding, "replace"))
        key = text_key(html_to_text(htmllib.unescape(value)))
        if len(key) >= MIN_CAPTION_KEY:
            keys.add(key)
    return frozenset(keys)


def _as_html(value: str, content_type: str) -> str:
    """HTML as is; plain text as paragraphs — unless the "plain" text holds markup (feedparser
    relabels a description text/plain when a later <media:description type="plain"> follows it)."""
    if "html" in (content_type or "html") or HTML_MARKUP.search(value):
        return value
    paragraphs = [p.strip() for p in re.split(r"\n\s*\n", value) if p.strip()]
    return "".join(f"<p>{htmllib.escape(p)}</p>" for p in paragraphs)


def _published(entry: Any, fetched_at: datetime, tz: tzinfo) -> datetime | None:
    """Published (or updated) date, aware; missing → None; in the future → clamped to fetched_at."""
    for key in ("published", "updated", "created"):
        value = parse_date(entry.get(key, ""), tz, entry.get(f"{key}_parsed"))
        if value is not None:
            return min(value, fetched_at)
    return None


def _language(value: str | None) -> str:
    """A BCP 47-looking tag such as "en-gb", or "" (the value may end up in a lang attribute)."""
    tag = (value or "").strip().lower().replace("_", "-")
    return tag if LANGUAGE_TAG.match(tag) and len(tag) <= 35 else ""


def _author(entry: Any) -> str:
    author = repair_text(strip_tags(entry.get("author", "") or ""))
    match = AUTHOR_IN_PARENS.match(author)
    return match.group(1).strip() if match else author


def _categories(entry: Any) -> tuple[str, ...]:
    names: list[str] = []
    for tag in entry.get("tags", []) or []:
        name = repair_text(strip_tags(tag.get("term") or tag.get("label") or ""))
        if name and name not in names:
            names.append(name)
    return tuple(names)


def _image(entry: Any, html: str, base: str) -> str:
    """Lead image: media:content / media:thumbnail / image enclosure, else the first <img> in the content."""
    candidates = [m.get("url", "") for m in entry.get("media_content", []) or []
                  if _is_image_media(m)]
    candidates += [m.get("url", "") for m in entry.get("media_thumbnail", []) or []]
    candidates += [link.get("href", "") for link in entry.get("links", []) or []
                   if link.get("rel") == "enclosure" and (link.get("type") or "").startswith("image/")]
    candidates += IMG_SRC.findall(html)
    for candidate in candidates:
        resolved = _safe_url(htmllib.unescape(candidate.strip()), base)
        if resolved:
            return resolved
    return ""


def _is_image_media(media: Any) -> bool:
    """media:content without a medium is an image unless its type says video or audio."""
    if media.get("medium"):
        return bool(media.get("medium") == "image")
    return not (media.get("type") or "").startswith(("video/", "audio/"))
