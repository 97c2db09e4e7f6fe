"""URL and slug helpers shared by every stage that builds ids or paths."""
from __future__ import annotations

import hashlib
import re
import unicodedata
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

# Parameters that only track the click, never select content.
TRACKING_PARAMS = re.compile(
    r"^(utm_[a-z]+|fbclid|gclid|dclid|mc_cid|mc_eid|igshid|ocid|cmpid|ito|smid|_ga|ns_[a-z]+|at_[a-z]+|wt_[a-z]+)$",
    re.IGNORECASE,
)


def canonical_url(url: str) -> str:
    """Lower-case scheme/host, drop fragments, default ports and tracking parameters."""
    url = (url or "").strip()
    if not url:
        return ""
    parts = urlsplit(url)
    if parts.scheme.lower() not in ("http", "https"):
        return url
    host = (parts.hostname or "").lower()
    if ":" in host:         # an IPv6 literal keeps its brackets, or the URL would no longer parse
        host = f"[{host}]"
    try:
        port = parts.port
    except ValueError:      # a garbled port ("host:80x") cannot be normalised; keep the link as given
        return url
    if port and not (
        (parts.scheme.lower() == "http" and port == 80)
        or (parts.scheme.lower() == "https" and port == 443)
    ):
        host = f"{host}:{port}"
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not TRACKING_PARAMS.match(k)]
    return urlunsplit((parts.scheme.lower(), host, parts.path or "/", urlencode(query), ""))


def slugify(text: str, max_length: int = 60) -> str:
    """ASCII slug safe for a file name: lower-case words joined by hyphens."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    return slug[:max_length].rstrip("-")


def short_hash(text: str, length: int = 10) -> str:
    """Stable short hex digest, for ids that must not depend on Python's hash seed."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:length]


def article_id(key: str) -> str:
    """Stable article id from its canonical URL, guid or local path."""
    return short_hash(key, 16)
