"""A feed full of XSS payloads builds into pages with none of them live.

The check parses every built page with a real HTML parser (what a browser would
see) rather than grepping, so escaped text such as `&lt;script&gt;` is fine
and only live elements, attributes and URLs count.
"""
from __future__ import annotations

import json
from html.parser import HTMLParser
from pathlib import Path

import pytest

from newsdigest.cli import main

LIVE_TAGS = {"script", "iframe", "object", "embed", "form", "input", "base", "meta", "style", "svg", "math"}
ALLOWED_SCRIPT = "assets/search.js"


class LiveContent(HTMLParser):
    """Collects whatever would run or load in a browser."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag in LIVE_TAGS and not self._expected(tag, values):
            self.found.append(f"<{tag} {values}>")
        for name, value in attrs:
            lowered = (value or "").strip().lower().replace("\t", "").replace("\n", "")
            if name.startswith("on"):
                self.found.append(f"{tag}[{name}]")
            if name == "style":
                self.found.append(f"{tag}[style]")
            if name in ("href", "src", "action", "xlink:href") and lowered.startswith(("javascript:", "data:",
                                                                                        "vbscript:")):
                self.found.append(f"{tag}[{name}={value}]")

    @staticmethod
    def _expected(tag: str, values: dict[str, str | None]) -> bool:
        """The theme's own head tags and the search page's one script are not feed content."""
        if tag == "meta" and ("charset" in values or values.get("name") in ("viewport", "description",
                                                                             "color-scheme", "generator")
                              or values.get("http-equiv") == "Content-Security-Policy"
                              or (values.get("property") or "").startswith("og:")):
            return True
        if tag == "script" and (values.get("src") or "").endswith(ALLOWED_SCRIPT):
            return True
        if tag in ("form", "input") and values.get("role") == "search" or values.get("type") == "search" \
                or values.get("name") == "q" or (values.get("action") or "").endswith("search/index.html"):
            return True
        return tag == "svg" and values.get("role") == "img" and "aria-labelledby" in values


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory, fixtures_dir) -> Path:
    work = tmp_path_factory.mktemp("hostile")
    (work / "config.yaml").write_text(
        "site: {title: Hostile test}\n"
        f"feeds:\n  - {{name: Hostile, url: '{fixtures_dir / 'feeds' / 'xss.xml'}'}}\n"
        "topics:\n  - {name: World}\nsearch: false\n", encoding="utf-8")
    assert main(["--config", str(work / "config.yaml"), "--output", str(work / "out"), "--quiet"]) == 0
    return work / "out"


def test_no_live_payload_in_any_page(hostile_site):
    pages = sorted(hostile_site.rglob("*.html"))
    assert len(pages) >= 5
    found = {}
    for page in pages:
        parser = LiveContent()
        parser.feed(page.read_text(encoding="utf-8"))
        if parser.found:
            found[str(page.relative_to(hostile_site))] = parser.found
    assert found == {}


def test_tags_in_feed_titles_are_stripped_and_the_words_kept(hostile_site):
    headings = [p.read_text(encoding="utf-8") for p in (hostile_site / "articles").glob("*/index.html")]
    assert any("<h1>Script in the title</h1>" in html for html in headings)


def test_feeds_out_carry_no_live_markup(hostile_site):
    atom = (hostile_site / "feed.xml").read_text(encoding="utf-8")
    assert "<script" not in atom and "javascript:" not in atom.lower()
    feed = json.loads((hostile_site / "feed.json").read_text(encoding="utf-8"))
    for item in feed["items"]:
        parser = LiveContent()
        parser.feed(item.get("content_html", ""))
        assert parser.found == []
