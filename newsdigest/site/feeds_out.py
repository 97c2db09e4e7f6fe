"""Outputs beside the pages: Atom, RSS 2.0 and JSON Feed 1.1, sitemap, robots.txt, OPML.

Everything here is built with xml.etree / json so untrusted feed text is escaped
by the serializer, never by string formatting. Output is deterministic: items are
sorted, dates come from the articles and ``data.build_time`` only.
"""
from __future__ import annotations

import html
import json
import re
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timezone
from email.utils import format_datetime
from urllib.parse import urlsplit

from newsdigest.model import Analysed, SiteData
from newsdigest.settings import Settings, TopicSettings
from newsdigest.site.paths import NOT_FOUND_PAGE, article_path, site_link, topic_path

FEED_ITEMS = 50                     # newest items per feed: enough for readers polling daily
ATOM_NS = "http://www.w3.org/2005/Atom"
SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
JSON_FEED_VERSION = "https://jsonfeed.org/version/1.1"
UTC = timezone.utc
EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
ET.register_namespace("atom", ATOM_NS)      # RSS carries atom:link rel=self under this prefix
# XML 1.0 forbids most C0 controls; a feed that carries one would make every reader choke.
_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


@dataclass(frozen=True)
class FeedSpec:
    """One feed to write: where it lives, what it says about itself, which items it holds."""

    folder: str                     # "" for the site feed, "topics/<slug>/" for a topic
    title: str
    description: str
    home: str                       # absolute (or root-relative) URL of the page the feed mirrors
    items: tuple[Analysed, ...]


def render_feeds(
    data: SiteData, settings: Settings, topics: Sequence[TopicSettings], page_paths: Sequence[str]
) -> dict[str, bytes]:
    """All non-page outputs, keyed by output path relative to the site root."""
    base = _base(settings.site.base_url)
    updated = _build_time(data)
    out: dict[str, bytes] = {}
    for spec in _feed_specs(data, settings, topics, base):
        out[f"{spec.folder}feed.xml"] = atom_feed(spec, settings, base, updated)
        out[f"{spec.folder}rss.xml"] = rss_feed(spec, settings, base, updated)
        out[f"{spec.folder}feed.json"] = json_feed(spec, settings, base)
    out["sitemap.xml"] = sitemap(page_paths, base)
    out["robots.txt"] = robots(base)
    out["feeds.opml"] = opml(settings, updated)
    return out


def _feed_specs(
    data: SiteData, settings: Settings, topics: Sequence[TopicSettings], base: str
) -> list[FeedSpec]:
    ordered = _newest_first(data.analysed)
    site = settings.site
    specs = [FeedSpec("", site.title, site.description, base, tuple(ordered[:FEED_ITEMS]))]
    for topic in sorted(topics, key=lambda t: t.slug):
        members = [a for a in ordered if topic.slug in [m.slug for m in a.topics]]
        folder = topic_path(topic.slug)
        description = topic.description or f"{topic.name} news from {site.title}."
        specs.append(FeedSpec(folder, f"{topic.name} — {site.title}", description, base + folder,
                              tuple(members[:FEED_ITEMS])))
    return specs


def _newest_first(items: Sequence[Analysed]) -> list[Analysed]:
    # Sort on our own keys so output never depends on the order the caller happened to use.
    return sorted(items, key=lambda a: (-_utc(a.article.published).timestamp(), a.article.id))


# ---------------------------------------------------------------- shared helpers

def _base(base_url: str) -> str:
    """Base URL ending in "/"; root-relative "/" when the config gives no absolute URL."""
    base = (base_url or "/").strip()
    return base if base.endswith("/") else base + "/"


def _is_absolute(url: str) -> bool:
    return urlsplit(url).scheme in ("http", "https")


def _safe_link(url: str) -> str:
    """Only http(s) links to originals: a javascript: or data: URL from a feed is dropped."""
    return url if url and _is_absolute(url) and urlsplit(url).netloc else ""


def _clean(text: str) -> str:
    return _XML_INVALID.sub("", text or "").strip()


def _utc(moment: datetime | None) -> datetime:
    if moment is None:
        return EPOCH
    if moment.tzinfo is None:                    # the model promises aware datetimes; be safe anyway
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC)


def _rfc3339(moment: datetime | None) -> str:
    return _utc(moment).strftime("%Y-%m-%dT%H:%M:%SZ")


def _build_time(data: SiteData) -> datetime:
    """Feed 'updated': the build time, else the newest article, else the epoch."""
    if data.build_time is not None:
        return _utc(data.build_time)
    return max((_utc(a.article.published) for a in data.analysed), default=EPOCH)


def _headline(item: Analysed) -> str:
    return _clean(item.extract.headline or item.article.title) or "Untitled"


def _summary(item: Analysed) -> str:
    return _clean(item.extract.summary or item.article.summary)


def _key_points(item: Analysed) -> list[str]:
    points = item.extract.key_points or item.article.key_points
    return [p for p in (_clean(p) for p in points) if p]


def _page_url(item: Analysed, base: str) -> str:
    return base + article_path(item.article, item.extract.headline)


def _entry_id(item: Analysed, base: str) -> str:
    # The page URL is the natural permalink; a urn keeps ids valid IRIs when no host is configured.
    return _page_url(item, base) if _is_absolute(base) else f"urn:newsdigest:article:{item.article.id}"


def _feed_id(spec: FeedSpec, base: str) -> str:
    return spec.home if _is_absolute(base) else f"urn:newsdigest:feed:{spec.folder or 'site'}"


def _author(item: Analysed) -> str:
    return _clean(item.article.author) or _clean(item.article.source) or "Unknown"


def content_html(item: Analysed, base: str) -> str:
    """Key points, summary and links as an HTML fragment; every piece of feed text escaped."""
    parts: list[str] = []
    points = _key_points(item)
    if points:
        parts.append("<ul>" + "".join(f"<li>{html.escape(p)}</li>" for p in points) + "</ul>")
    summary = _summary(item)
    if summary:
        parts.append(f"<p>{html.escape(summary)}</p>")
    links = [f'<a href="{html.escape(_page_url(item, base))}">Read the digest page</a>']
    original = _safe_link(item.article.url)
    if original:
        source = html.escape(_clean(item.article.source) or "the source")
        links.append(f'<a href="{html.escape(original)}">Original at {source}</a>')
    parts.append("<p>" + " · ".join(links) + "</p>")
    return "".join(parts)


def _text(parent: ET.Element, tag: str, text: str, **attrs: str) -> ET.Element:
    node = ET.SubElement(parent, tag, attrs)
    node.text = text
    return node


def _xml_bytes(root: ET.Element) -> bytes:
    # Namespaces are written as literal xmlns attributes: ET's default_namespace rejects
    # unqualified attribute names such as rel and href.
    ET.indent(root, space="  ")
    return ET.tostring(root, encoding="utf-8", xml_declaration=True) + b"\n"


def _topic_names(item: Analysed) -> list[str]:
    return sorted({_clean(m.name) for m in item.topics if _clean(m.name)})


# ---------------------------------------------------------------- Atom

def atom_feed(spec: FeedSpec, settings: Settings, base: str, updated: datetime) -> bytes:
    """Atom 1.0 (RFC 4287): feed id/title/updated/author/self link, one entry per article."""
    feed = ET.Element("feed", {"xmlns": ATOM_NS, XML_LANG: settings.site.language or "en"})
    _text(feed, "id", _feed_id(spec, base))
    _text(feed, "title", _clean(spec.title))
    _text(feed, "subtitle", _clean(spec.description))
    _text(feed, "updated", _rfc3339(updated))
    ET.SubElement(feed, "link", {"rel": "self", "type": "application/atom+xml",
                                                "href": f"{spec.home}feed.xml"})
    ET.SubElement(feed, "link", {"rel": "alternate", "type": "text/html", "href": spec.home})
    author = ET.SubElement(feed, "author")
    _text(author, "name", _clean(settings.site.title) or "News Digest")
    _text(feed, "generator", "newsdigest")
    for item in spec.items:
        _atom_entry(feed, item, base)
    return _xml_bytes(feed)


def _atom_entry(feed: ET.Element, item: Analysed, base: str) -> None:
    entry = ET.SubElement(feed, "entry")
    _text(entry, "id", _entry_id(item, base))
    _text(entry, "title", _headline(item), type="text")
    _text(entry, "updated", _rfc3339(item.article.published))
    _text(entry, "published", _rfc3339(item.article.published))
    ET.SubElement(entry, "link", {"rel": "alternate", "type": "text/html",
                                                 "href": _page_url(item, base)})
    original = _safe_link(item.article.url)
    if original:
        ET.SubElement(entry, "link", {"rel": "related", "href": original})
    author = ET.SubElement(entry, "author")
    _text(author, "name", _author(item))
    for name in _topic_names(item):
        ET.SubElement(entry, "category", {"term": name})
    summary = _summary(item)
    if summary:
        _text(entry, "summary", summary, type="text")
    _text(entry, "content", content_html(item, base), type="html")


# ---------------------------------------------------------------- RSS 2.0

def rss_feed(spec: FeedSpec, settings: Settings, base: str, updated: datetime) -> bytes:
    """RSS 2.0 with an atom:link rel=self, as the RSS Advisory Board recommends."""
    rss = ET.Element("rss", {"version": "2.0"})
    channel = ET.SubElement(rss, "channel")
    _text(channel, "title", _clean(spec.title))
    _text(channel, "link", spec.home)
    _text(channel, "description", _clean(spec.description) or _clean(spec.title))
    _text(channel, "language", settings.site.language or "en")
    _text(channel, "lastBuildDate", format_datetime(updated, usegmt=True))
    _text(channel, "generator", "newsdigest")
    ET.SubElement(channel, f"{{{ATOM_NS}}}link", {"href": f"{spec.home}rss.xml", "rel": "self",
                                                   "type": "application/rss+xml"})
    for item in spec.items:
        _rss_item(channel, item, base)
    return _xml_bytes(rss)


def _rss_item(channel: ET.Element, item: Analysed, base: str) -> None:
    node = ET.SubElement(channel, "item")
    _text(node, "title", _headline(item))
    _text(node, "link", _page_url(item, base))
    absolute = _is_absolute(base)
    _text(node, "guid", _entry_id(item, base), isPermaLink="true" if absolute else "false")
    _text(node, "pubDate", format_datetime(_utc(item.article.published), usegmt=True))
    for name in _topic_names(item):
        _text(node, "category", name)
    _text(node, "description", content_html(item, base))


# ---------------------------------------------------------------- JSON Feed 1.1

def json_feed(spec: FeedSpec, settings: Settings, base: str) -> bytes:
    """JSON Feed 1.1: items with content_html, summary, url (our page) and external_url."""
    feed = {
        "version": JSON_FEED_VERSION,
        "title": _clean(spec.title),
        "home_page_url": spec.home,
        "feed_url": f"{spec.home}feed.json",
        "description": _clean(spec.description),
        "language": settings.site.language or "en",
        "authors": [{"name": _clean(settings.site.title) or "News Digest"}],
        "items": [_json_item(item, base) for item in spec.items],
    }
    return (json.dumps(feed, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def _json_item(item: Analysed, base: str) -> dict[str, object]:
    entry: dict[str, object] = {
        "id": _entry_id(item, base),
        "url": _page_url(item, base),
        "title": _headline(item),
        "content_html": content_html(item, base),
        "date_published": _rfc3339(item.article.published),
        "authors": [{"name": _author(item)}],
    }
    original = _safe_link(item.article.url)
    if original:
        entry["external_url"] = original
    summary = _summary(item)
    if summary:
        entry["summary"] = summary
    tags = _topic_names(item)
    if tags:
        entry["tags"] = tags
    return entry


# ---------------------------------------------------------------- sitemap, robots, OPML

def sitemap(page_paths: Sequence[str], base: str) -> bytes:
    """sitemaps.org urlset over every page except the 404 page."""
    root = ET.Element("urlset", {"xmlns": SITEMAP_NS})
    for path in sorted({_page_folder(p) for p in page_paths if p != NOT_FOUND_PAGE}):
        url = ET.SubElement(root, "url")
        _text(url, "loc", base + path)
    return _xml_bytes(root)


def _page_folder(path: str) -> str:
    # Pages are `<folder>index.html`; the sitemap lists the folder URL readers actually use.
    return path.removesuffix("index.html")


def robots(base: str) -> bytes:
    """Allow everything; point crawlers at the sitemap when the site has an absolute URL."""
    lines = ["User-agent: *", "Allow: /"]
    if _is_absolute(base):
        lines.append(f"Sitemap: {base}sitemap.xml")
    return ("\n".join(lines) + "\n").encode("utf-8")


def opml(settings: Settings, updated: datetime) -> bytes:
    """OPML 2.0 list of the configured web feeds (local file feeds mean nothing to a reader)."""
    root = ET.Element("opml", {"version": "2.0"})
    head = ET.SubElement(root, "head")
    _text(head, "title", f"Feeds read by {_clean(settings.site.title)}")
    _text(head, "dateCreated", format_datetime(updated, usegmt=True))
    body = ET.SubElement(root, "body")
    for feed in sorted(settings.feeds, key=lambda f: (f.name.lower(), f.url)):
        url = _safe_link(feed.url)
        if not url:
            continue
        attrs = {"text": _clean(feed.name), "title": _clean(feed.name), "type": "rss", "xmlUrl": url}
        if feed.category:
            attrs["category"] = _clean(feed.category)
        ET.SubElement(body, "outline", attrs)
    return _xml_bytes(root)


# ---------------------------------------------------------------- the briefing feeds (one entry per day)

@dataclass(frozen=True)
class BriefingLine:
    text: str
    path: str                       # the story's page, relative to the site root
    outlets: int
    reports: int


@dataclass(frozen=True)
class DayBriefing:
    """One edition's briefing as the feeds and the e-mail show it."""

    day: date
    updated: datetime               # the edition's moment: the end of its day, or the build time for today
    path: str                       # the edition page, relative to the site root
    lines: tuple[BriefingLine, ...]


BRIEFING_FEED_DAYS = 30             # a month of briefings: a reader who subscribes gets the recent ones


def briefing_title(settings: Settings, day: date) -> str:
    return f"{_clean(settings.site.title) or 'News Digest'} — briefing for {day.strftime('%A %-d %B %Y')}"


def briefing_feeds(briefings: Sequence[DayBriefing], settings: Settings, updated: datetime) -> dict[str, bytes]:
    """briefing.xml (Atom), briefing.rss (RSS 2.0) and briefing.json (JSON Feed): one entry per day."""
    base = _base(settings.site.base_url)
    days = sorted((b for b in briefings if b.lines), key=lambda b: b.day, reverse=True)[:BRIEFING_FEED_DAYS]
    return {
        "briefing.xml": _briefing_atom(days, settings, base, updated),
        "briefing.rss": _briefing_rss(days, settings, base, updated),
        "briefing.json": _briefing_json(days, settings, base),
    }


def briefing_html(briefing: DayBriefing, base: str) -> str:
    """The day's lines as an ordered list of links, every piece of feed text escaped."""
    items = "".join(
        f'<li><a href="{html.escape(site_link(base, line.path))}">{html.escape(_clean(line.text))}</a> '
        f"({line.outlets} outlet{'s' if line.outlets != 1 else ''})</li>"
        for line in briefing.lines
    )
    edition = html.escape(base + briefing.path)
    return f'<ol>{items}</ol><p><a href="{edition}">The whole edition</a></p>'


def _briefing_id(briefing: DayBriefing, base: str) -> str:
    return base + briefing.path if _is_absolute(base) else f"urn:newsdigest:briefing:{briefing.day.isoformat()}"


def _briefing_atom(days: Sequence[DayBriefing], settings: Settings, base: str, updated: datetime) -> bytes:
    feed = ET.Element("feed", {"xmlns": ATOM_NS, XML_LANG: settings.site.language or "en"})
    _text(feed, "id", base + "briefing.xml" if _is_absolute(base) else "urn:newsdigest:feed:briefing")
    _text(feed, "title", f"{_clean(settings.site.title)} — the daily briefing")
    _text(feed, "subtitle", "The five most important stories of each day, one line each.")
    _text(feed, "updated", _rfc3339(updated))
    ET.SubElement(feed, "link", {"rel": "self", "type": "application/atom+xml", "href": f"{base}briefing.xml"})
    ET.SubElement(feed, "link", {"rel": "alternate", "type": "text/html", "href": base})
    author = ET.SubElement(feed, "author")
    _text(author, "name", _clean(settings.site.title) or "News Digest")
    for briefing in days:
        entry = ET.SubElement(feed, "entry")
        _text(entry, "id", _briefing_id(briefing, base))
        _text(entry, "title", briefing_title(settings, briefing.day), type="text")
        _text(entry, "updated", _rfc3339(briefing.updated))
        ET.SubElement(entry, "link", {"rel": "alternate", "type": "text/html", "href": base + briefing.path})
        _text(entry, "content", briefing_html(briefing, base), type="html")
    return _xml_bytes(feed)


def _briefing_rss(days: Sequence[DayBriefing], settings: Settings, base: str, updated: datetime) -> bytes:
    rss = ET.Element("rss", {"version": "2.0"})
    channel = ET.SubElement(rss, "channel")
    _text(channel, "title", f"{_clean(settings.site.title)} — the daily briefing")
    _text(channel, "link", base)
    _text(channel, "description", "The five most important stories of each day, one line each.")
    _text(channel, "language", settings.site.language or "en")
    _text(channel, "lastBuildDate", format_datetime(updated, usegmt=True))
    ET.SubElement(channel, f"{{{ATOM_NS}}}link", {"href": f"{base}briefing.rss", "rel": "self",
                                                   "type": "application/rss+xml"})
    for briefing in days:
        node = ET.SubElement(channel, "item")
        _text(node, "title", briefing_title(settings, briefing.day))
        _text(node, "link", base + briefing.path)
        _text(node, "guid", _briefing_id(briefing, base), isPermaLink="true" if _is_absolute(base) else "false")
        _text(node, "pubDate", format_datetime(_utc(briefing.updated), usegmt=True))
        _text(node, "description", briefing_html(briefing, base))
    return _xml_bytes(rss)


def _briefing_json(days: Sequence[DayBriefing], settings: Settings, base: str) -> bytes:
    feed = {
        "version": JSON_FEED_VERSION,
        "title": f"{_clean(settings.site.title)} — the daily briefing",
        "home_page_url": base,
        "feed_url": f"{base}briefing.json",
        "description": "The five most important stories of each day, one line each.",
        "language": settings.site.language or "en",
        "items": [{
            "id": _briefing_id(b, base),
            "url": base + b.path,
            "title": briefing_title(settings, b.day),
            "content_html": briefing_html(b, base),
            "content_text": "\n".join(f"{n}. {_clean(line.text)}" for n, line in enumerate(b.lines, 1)),
            "date_published": _rfc3339(b.updated),
        } for b in days],
    }
    return (json.dumps(feed, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
