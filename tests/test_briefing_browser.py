"""The home page with a real day's briefing in Chromium, at desktop and phone width; the sources table on a phone.

Screenshots go to tests/artifacts/ (briefing-home-desktop.png, briefing-home-phone.png, briefing-sources-phone.png).
"""
from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from browser.sitebuild import ARTIFACTS, serve
from year2023_site import build_day, entries_by_day

pytestmark = [pytest.mark.browser, pytest.mark.shared_data]
DAY = "2023-02-06"


@pytest.fixture(scope="module")
def root_url(shared_data: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    site = build_day(tmp_path_factory.mktemp("briefing-browser"), DAY, entries_by_day(shared_data, [DAY])[DAY])
    with serve(site) as url:
        yield url


def open_page(browser: object, url: str, width: int, height: int) -> tuple[object, object]:
    context = browser.new_context(viewport={"width": width, "height": height}, is_mobile=width < 600,
                                  device_scale_factor=1)
    # Only the local server: a page of ours never needs anything else.
    context.route("**/*", lambda route: route.continue_() if route.request.url.startswith("http://127.0.0.1")
                  else route.abort())
    tab = context.new_page()
    tab.goto(url)
    return context, tab


def rows(tab: object, selector: str) -> list[int]:
    """How many elements matching `selector` share each visual row (by top edge), top to bottom."""
    tops = tab.eval_on_selector_all(selector, "els => els.map(e => Math.round(e.getBoundingClientRect().top))")
    counts: dict[int, int] = {}
    for top in tops:
        counts[top] = counts.get(top, 0) + 1
    return [counts[t] for t in sorted(counts)]


def test_home_with_briefing_at_desktop_width(browser: object, root_url: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    context, tab = open_page(browser, root_url, 1280, 900)
    tab.screenshot(path=str(ARTIFACTS / "briefing-home-desktop.png"), full_page=True)
    lines = tab.locator(".briefing-lines > li")
    assert lines.count() == 5 and lines.first.is_visible()
    briefing = tab.locator(".briefing").bounding_box()
    first_card = tab.locator(".top-stories .card").first.bounding_box()
    assert briefing["y"] + briefing["height"] <= first_card["y"]           # the briefing comes first
    assert briefing["width"] > 1000                                        # across the page, not a column
    card_rows = rows(tab, ".top-stories .card")
    assert card_rows[0] >= 3 and all(n == card_rows[0] for n in card_rows), card_rows   # no lone card in a row
    assert rows(tab, ".topic-section")[0] >= 3                              # the sections use the width too
    assert tab.evaluate("() => document.documentElement.scrollWidth - window.innerWidth") <= 0
    context.close()


def test_home_with_briefing_at_phone_width(browser: object, root_url: str) -> None:
    context, tab = open_page(browser, root_url, 390, 844)
    tab.screenshot(path=str(ARTIFACTS / "briefing-home-phone.png"), full_page=True)
    assert tab.locator(".briefing-lines > li").count() == 5
    assert tab.locator(".briefing").bounding_box()["y"] < 844              # on the first screen
    assert set(rows(tab, ".top-stories .card")) == {1}                     # one column
    assert tab.evaluate("() => document.documentElement.scrollWidth - window.innerWidth") <= 0
    context.close()


def test_sources_table_reads_on_a_phone(browser: object, root_url: str) -> None:
    context, tab = open_page(browser, root_url + "sources/index.html", 390, 844)
    tab.screenshot(path=str(ARTIFACTS / "briefing-sources-phone.png"), full_page=True)
    heights = tab.eval_on_selector_all(".feed-table tbody tr", "els => els.map(e => e.getBoundingClientRect().height)")
    assert len(heights) > 50 and max(heights) < 350, max(heights)        # the 350 px rows are gone
    assert sorted(heights)[len(heights) // 2] < 110                        # a healthy feed takes two short lines
    gone = tab.locator(".feed-table tbody tr", has_text="A feed that moved away")
    name, error = gone.locator(".feed-name").bounding_box(), gone.locator(".feed-error").bounding_box()
    assert error["y"] >= name["y"] + name["height"] - 1                    # the error wraps under the feed name
    assert error["width"] > 300                                            # across the row, not a thin column
    assert tab.evaluate("() => document.documentElement.scrollWidth - window.innerWidth") <= 0
    context.close()
