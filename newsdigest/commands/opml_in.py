"""Reading another feed reader's OPML export (Miniflux, FreshRSS, Feedly, NetNewsWire, Inoreader ...).

Readers agree on little beyond `<outline xmlUrl=...>`: folders are outlines without xmlUrl (their
`text` or `title` is the folder name), names sit in `title` or `text`, some write `category`. Only
http(s) feeds are taken; an OPML file is untrusted input, so a `file:` or `javascript:` URL in it is
reported and skipped, never read.
"""
from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

MAX_OPML_BYTES = 10_000_000          # a reader's export of thousands of feeds is well under 2 MB
NOT_FEEDS = {"link", "include", "html+xpath", "xml+xpath", "json+dotnotation", "jsonfeed+xpath"}


class OpmlError(Exception):
    """The file cannot be read as OPML; the message names the file and, when known, the line."""


@dataclass(frozen=True)
class Subscription:
    name: str
    url: str
    category: str = ""


@dataclass(frozen=True)
class Skipped:
    name: str
    url: str
    reason: str


def read_opml(path: Path) -> tuple[list[Subscription], list[Skipped]]:
    """Every feed outline in document order (folders flattened into `category`), and what was skipped."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise OpmlError(f"{path}: cannot read the file: {exc.strerror or exc}") from None
    if len(data) > MAX_OPML_BYTES:
        raise OpmlError(f"{path}: {len(data):,} bytes is too large for an OPML subscription list")
    try:
        root = ET.fromstring(data)
    except ET.ParseError as exc:
        line, column = exc.position
        raise OpmlError(f"{path}:{line}:{column}: not well-formed XML ({exc}); export the list again") from None
    body = root.find("body") if root.tag.lower() == "opml" else None
    if body is None:
        raise OpmlError(f"{path}: no <opml><body> element: this is not an OPML subscription list")
    found: list[Subscription] = []
    skipped: list[Skipped] = []
    _walk(body, "", found, skipped)
    return found, skipped


def _attr(node: ET.Element, name: str) -> str:
    """Attribute by name in any case (xmlUrl, xmlurl and XMLURL all occur in the wild), stripped."""
    for key, value in node.attrib.items():
        if key.split("}")[-1].lower() == name.lower():
            return " ".join(value.split())
    return ""


def _walk(node: ET.Element, folder: str, found: list[Subscription], skipped: list[Skipped]) -> None:
    for outline in node.findall("outline"):
        url = _attr(outline, "xmlUrl")
        name = _attr(outline, "title") or _attr(outline, "text")
        if not url:
            _walk(outline, name or folder, found, skipped)
            continue
        kind = _attr(outline, "type").lower()
        parts = urlsplit(url)
        if kind in NOT_FEEDS:
            skipped.append(Skipped(name or url, url, f"type `{kind}` is not an RSS/Atom/JSON feed"))
        elif parts.scheme.lower() not in ("http", "https") or not parts.netloc:
            skipped.append(Skipped(name or url, url, "only http(s) feed URLs are imported"))
        else:
            category = _attr(outline, "category").split(",")[0].strip().strip("/") or folder
            found.append(Subscription(name or parts.netloc, url, category))
        _walk(outline, folder, found, skipped)   # some readers nest items under a feed: keep going


def same_feed_key(url: str) -> str:
    """Two URLs that name one feed: scheme, host case, default port, trailing slash and fragment ignored."""
    parts = urlsplit(url.strip())
    host = (parts.hostname or "").lower()
    port = f":{parts.port}" if parts.port and parts.port not in (80, 443) else ""
    path = parts.path.rstrip("/")
    return f"{host}{port}{path}{'?' + parts.query if parts.query else ''}"
