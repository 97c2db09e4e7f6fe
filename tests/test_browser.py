"""The built fixture site in headless Chromium: navigation, search, dark mode, screenshots, axe-core."""
from __future__ import annotations

import contextlib
import json
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
from browser.sitebuild import (
    ARTIFACTS,
    AXE,
    NARWHAL_URL,
    PAGE_TYPES,
    SUB_PATH_BASE,
    build_fixture_site,
    page_of_type,
    serve,
)
from conftest import skip_or_fail

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Built under a sub-path base URL, the harder case for links and the search bundle."""
    return build_fixture_site(tmp_path_factory.mktemp("browser-site"), SUB_PATH_BASE)


@pytest.fixture(scope="module")
def root_url(site: Path) -> Iterator[str]:
    with serve(site, prefix=urlsplit(SUB_PATH_BASE).path) as url:
        yield url


class Outside:
    """Aborts and records every request that would leave 127.0.0.1: the site must need none.

    Absolute links to the configured base URL (the 404 page uses them, since a host serves it
    at any address) are answered from the built folder, as the real host would.
    """

    def __init__(self, site: Path) -> None:
        self.site = site
        self.requests: list[str] = []

    def __call__(self, route: object) -> None:
        url = route.request.url
        if urlsplit(url).hostname == "127.0.0.1" or url.startswith(("data:", "blob:", "about:", "file:")):
            route.continue_()
        elif url.startswith(SUB_PATH_BASE):
            path = self.site / urlsplit(url[len(SUB_PATH_BASE):]).path
            route.fulfill(path=str(path / "index.html" if path.is_dir() else path))
        else:
            self.requests.append(url)
            route.abort()


def new_context(browser: object, site: Path, **options: object) -> tuple[object, Outside]:
    context = browser.new_context(**options)
    outside = Outside(site)
    context.route("**/*", outside)
    return context, outside


@pytest.fixture()
def page(browser: object, site: Path) -> Iterator[tuple[object, Outside]]:
    context, outside = new_context(browser, site, viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    errors: list[str] = []
    tab.on("pageerror", lambda error: errors.append(str(error)))
    yield tab, outside
    context.close()
    assert not errors, f"JavaScript errors: {errors}"


def test_home_to_topic_to_article_to_original_source(page: tuple[object, Outside], root_url: str) -> None:
    tab, outside = page
    tab.goto(root_url)
    assert tab.locator("h1").count() == 1
    tab.get_by_role("link", name="Science", exact=True).first.click()
    assert urlsplit(tab.url).path.endswith("/news/topics/science/index.html")
    tab.get_by_role("link", name="Narwhal pod spotted far south of its usual range").first.click()
    assert "/news/articles/narwhal-" in tab.url or "/news/stories/" in tab.url
    if "/stories/" in tab.url:          # a story page lists its articles; go on to the article itself
        tab.get_by_role("link", name="Narwhal pod spotted far south of its usual range").first.click()
    original = tab.locator(f'a[href="{NARWHAL_URL}"]')
    assert original.count() >= 1, "the article page must link to the original"
    assert original.first.is_visible()
    assert outside.requests == []
    # Follow it: the browser goes to the original outlet's page (aborted here: tests stay on 127.0.0.1).
    with contextlib.suppress(Exception):
        original.first.click()
        tab.wait_for_timeout(300)
    assert outside.requests == [NARWHAL_URL]


def pagefind_available() -> bool:
    from newsdigest.site.search import pagefind_executable

    return pagefind_executable() is not None


def _need_pagefind() -> None:
    if not pagefind_available():
        skip_or_fail("the Pagefind binary is missing (pip install pagefind-bin); no search index to test")


def test_search_finds_the_fixture_article_first(page: tuple[object, Outside], root_url: str) -> None:
    _need_pagefind()
    tab, outside = page
    tab.goto(urljoin(root_url, "search/index.html"))
    tab.get_by_label("Search headlines, key points and summaries").fill("narwhals")
    tab.locator("#search-results li a").first.wait_for(timeout=10_000)
    first = tab.locator("#search-results li a").first
    assert first.inner_text() == "Narwhal pod spotted far south of its usual range"
    href = first.get_attribute("href")
    assert href.startswith("/news/articles/narwhal-") and href.endswith("/index.html")
    assert "result" in tab.locator("#search-status").inner_text()
    first.click()
    assert tab.locator("h1").inner_text() == "Narwhal pod spotted far south of its usual range"
    assert outside.requests == []


def test_search_query_in_the_url_runs_on_load(page: tuple[object, Outside], root_url: str) -> None:
    _need_pagefind()
    tab, _ = page
    tab.goto(urljoin(root_url, "search/index.html?q=penalties"))
    tab.locator("#search-results li a").first.wait_for(timeout=10_000)
    assert tab.locator("#search-results li a").first.inner_text() == "Lakeside Rovers win the county cup on penalties"
    assert tab.locator("#search-results mark").count() >= 1


def test_hostile_text_in_results_stays_text(page: tuple[object, Outside], root_url: str) -> None:
    """Feed text reaches the index; the result list must show it as text, never run or render it."""
    _need_pagefind()
    tab, _ = page
    dialogs: list[str] = []
    tab.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    tab.goto(urljoin(root_url, "search/index.html?q=museum+exhibition"))
    tab.locator("#search-results li a").first.wait_for(timeout=10_000)
    titles = tab.locator("#search-results li a").all_inner_texts()
    assert "Museum show on early web pages puts <img src=x onerror=alert(1)> & <script> tags on display" in titles
    assert tab.locator("#search-results img, #search-results script, #search-results b").count() == 0
    assert dialogs == []


def _luminance(css_colour: str) -> float:
    """Relative luminance (WCAG) of an rgb()/rgba() computed colour."""
    values = [float(v) for v in css_colour[css_colour.index("(") + 1:-1].split(",")[:3]]
    linear = [(c / 255 / 12.92) if c / 255 <= 0.03928 else ((c / 255 + 0.055) / 1.055) ** 2.4 for c in values]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_colour_scheme_renders(browser: object, site: Path, root_url: str, scheme: str) -> None:
    context, _ = new_context(browser, site, color_scheme=scheme)
    tab = context.new_page()
    tab.goto(root_url)
    style = tab.evaluate("""() => { const s = getComputedStyle(document.body);
        let bg = s.backgroundColor;
        if (bg === 'rgba(0, 0, 0, 0)') bg = getComputedStyle(document.documentElement).backgroundColor;
        return {bg, fg: s.color}; }""")
    context.close()
    background, text = _luminance(style["bg"]), _luminance(style["fg"])
    if scheme == "dark":
        assert background < 0.1 and text > 0.4, style
    else:
        assert background > 0.8 and text < 0.2, style
    contrast = (max(background, text) + 0.05) / (min(background, text) + 0.05)
    assert contrast >= 7, style


@pytest.mark.parametrize("width,height,name", [(1280, 900, "desktop"), (390, 844, "phone")])
def test_screenshots_and_no_sideways_scrolling(browser: object, site: Path, root_url: str,
                                                width: int, height: int, name: str) -> None:
    _need_pagefind()
    ARTIFACTS.mkdir(exist_ok=True)
    for scheme in ("light", "dark"):
        context, _ = new_context(browser, site, viewport={"width": width, "height": height}, color_scheme=scheme,
                                 is_mobile=name == "phone", device_scale_factor=1)
        tab = context.new_page()
        for kind in sorted(PAGE_TYPES):
            query = "?q=cycle+lanes" if kind == "search" else ""
            tab.goto(urljoin(root_url, page_of_type(site, kind) + query))
            if query:
                tab.locator("#search-results li").first.wait_for(timeout=10_000)
            tab.screenshot(path=str(ARTIFACTS / f"{kind}-{name}-{scheme}.png"), full_page=True)
            overflow = tab.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")
            assert overflow <= 0, f"{kind} scrolls sideways by {overflow}px at {width}px"
        context.close()


def _axe_source() -> str:
    if not AXE.is_file():
        skip_or_fail(f"axe-core not found at {AXE} (npm ci --prefix tests/browser)")
    return AXE.read_text(encoding="utf-8")


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("kind", sorted(PAGE_TYPES))
def test_axe_reports_no_violations(browser: object, site: Path, root_url: str, kind: str, scheme: str) -> None:
    source = _axe_source()
    # bypass_csp: the site's Content-Security-Policy rightly refuses inline scripts, axe included.
    context, outside = new_context(browser, site, color_scheme=scheme, bypass_csp=True)
    tab = context.new_page()
    with_results = kind == "search" and pagefind_available()     # check the results list, not an empty page
    tab.goto(urljoin(root_url, page_of_type(site, kind) + ("?q=cycle+lanes" if with_results else "")))
    if with_results:
        tab.locator("#search-results li").first.wait_for(timeout=10_000)
    tab.add_script_tag(content=source)
    result = tab.evaluate("""async () => {
        const r = await axe.run(document, {resultTypes: ['violations']});
        return r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
            nodes: v.nodes.slice(0, 3).map(n => n.html + ' :: ' + n.failureSummary)}));
    }""")
    context.close()
    assert result == [], json.dumps(result, indent=1)
    assert outside.requests == []


def test_pages_work_with_javascript_off(browser: object, site: Path, root_url: str) -> None:
    context, _ = new_context(browser, site, java_script_enabled=False)
    tab = context.new_page()
    tab.goto(urljoin(root_url, "search/index.html"))
    assert "needs JavaScript" in tab.locator("main").inner_text()
    tab.goto(root_url)
    tab.get_by_role("link", name="Sport", exact=True).first.click()
    assert tab.get_by_role("link", name="Lakeside Rovers win the county cup on penalties").count() >= 1
    context.close()


def test_site_works_opened_from_disk(browser: object, site: Path) -> None:
    context, outside = new_context(browser, site)
    tab = context.new_page()
    tab.goto((site / "index.html").as_uri())
    tab.get_by_role("link", name="Science", exact=True).first.click()
    assert tab.url.endswith("/topics/science/index.html")
    tab.get_by_role("link", name="Narwhal pod spotted far south of its usual range").first.click()
    assert tab.locator("h1").inner_text() == "Narwhal pod spotted far south of its usual range"
    background = tab.evaluate("() => getComputedStyle(document.body).backgroundColor")
    assert background != "rgba(0, 0, 0, 0)", "the stylesheet did not load from disk"
    context.close()
    assert outside.requests == []


@pytest.mark.parametrize("missing", ["no-such-page", "articles/gone/deeper/still/"])
def test_not_found_page_works_at_any_depth(page: tuple[object, Outside], root_url: str, missing: str) -> None:
    """A host serves 404.html at whatever URL was asked for: its stylesheet and links must still resolve."""
    tab, outside = page
    response = tab.goto(urljoin(root_url, missing))
    assert response.status == 404
    assert tab.locator("h1").count() == 1
    background = tab.evaluate("() => getComputedStyle(document.body).backgroundColor")
    assert background != "rgba(0, 0, 0, 0)", "the 404 page lost its stylesheet"
    tab.get_by_role("link", name="Browse earlier editions").click()
    assert urlsplit(tab.url).path.endswith("/news/editions/index.html") or tab.url.endswith("/news/editions/")
    assert tab.locator("h1").count() == 1
    assert outside.requests == []


def test_keyboard_skip_link_and_visible_focus(page: tuple[object, Outside], root_url: str) -> None:
    tab, _ = page
    tab.goto(root_url)
    tab.keyboard.press("Tab")
    focused = tab.evaluate("""() => { const e = document.activeElement, s = getComputedStyle(e), r = e.getBoundingClientRect();
        return {text: e.textContent.trim(), href: e.getAttribute('href'), outline: s.outlineStyle,
                shadow: s.boxShadow, visible: r.width > 0 && r.height > 0 && r.top >= 0 && r.top < innerHeight}; }""")
    assert focused["text"] == "Skip to content" and focused["href"].startswith("#"), focused
    assert focused["visible"], focused
    assert focused["outline"] != "none" or focused["shadow"] != "none", "focus must be visible"
    target = focused["href"][1:]
    assert tab.locator(f"#{target}").count() == 1
    tab.keyboard.press("Enter")
    tab.keyboard.press("Tab")                   # the next stop is inside the main content, past the navigation
    inside = tab.evaluate(f"() => !!document.activeElement.closest('#{target}')")
    assert inside
