"""Sites built from three real days of year2023: the briefing, the ranking and the cards, checked on the output.

Each day's own entries are written as one local RSS file per feed and built at the end of the day
(tests/year2023_site.py). Days: a quiet Sunday with sportsbook promo-code items in one feed, a
Saturday, and the day of the Turkey–Syria earthquake.
"""
from __future__ import annotations

import html
import re
from pathlib import Path

import pytest
from year2023_site import build_day, entries_by_day

from newsdigest.text.sentences import split_sentences

pytestmark = pytest.mark.shared_data

DAYS = ("2023-01-15", "2023-01-21", "2023-02-06")
_TAGS = re.compile(r"<[^>]+>")
_NAME = re.compile(r"(?<![.!?]\s)(?<!^)\b[A-Z][a-z]{2,}\b")


@pytest.fixture(scope="module")
def sites(shared_data: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    entries = entries_by_day(shared_data, DAYS)
    return {day: build_day(tmp_path_factory.mktemp(f"y{day}"), day, entries[day]) for day in DAYS}


def text_of(fragment: str) -> str:
    return " ".join(html.unescape(_TAGS.sub(" ", fragment)).split())


def briefing_links(page: str) -> list[tuple[str, str]]:
    """(story link, line text) of each briefing line."""
    block = page.split('class="briefing"', 1)[1].split("</section>", 1)[0]
    return [(href, text_of(line)) for href, line in re.findall(r'<li><a href="([^"]+)">(.*?)</a>', block, re.DOTALL)]


def coverage(site: Path) -> dict[str, tuple[int, int]]:
    """Story folder → (reports, outlets), read from each story page's kicker."""
    found = {}
    for page in site.glob("stories/*/index.html"):
        kicker = page.read_text(encoding="utf-8").split('class="kicker"', 1)[1].split("</p>", 1)[0]
        match = re.search(r"(\d+) reports from (\d+) outlets?", kicker)
        assert match, f"{page}: no 'N reports from M outlets' in the kicker"
        found[page.parent.name] = (int(match.group(1)), int(match.group(2)))
    return found


@pytest.mark.parametrize("day", DAYS)
def test_briefing_has_five_lines_about_five_different_events(sites: dict[str, Path], day: str) -> None:
    home = (sites[day] / "index.html").read_text(encoding="utf-8")
    lines = briefing_links(home)
    assert len(lines) == 5
    assert len({href for href, _ in lines}) == 5                       # five stories
    for _, text in lines:
        assert len(text.split()) <= 25 or not text.endswith(".")      # a key point of ≤ 25 words, or a headline
    # Five events, checked here without the selection's own code: no two lines share more than two proper
    # names ("President Biden" opens many different stories) or a quarter of their words.
    names = [set(_NAME.findall(text)) for _, text in lines]
    words = [{w for w in re.findall(r"[a-z]{4,}", text.lower())} for _, text in lines]
    for i in range(5):
        for j in range(i + 1, 5):
            assert len(names[i] & names[j]) <= 2, (lines[i][1], lines[j][1])
            assert len(words[i] & words[j]) < 0.25 * len(words[i] | words[j]), (lines[i][1], lines[j][1])
    edition = (sites[day] / "editions" / day / "index.html").read_text(encoding="utf-8")
    assert [t for _, t in briefing_links(edition)] == [t for _, t in lines]     # the edition shows the same briefing


@pytest.mark.parametrize("day", DAYS)
def test_the_story_most_outlets_covered_is_in_the_briefing(sites: dict[str, Path], day: str) -> None:
    site = sites[day]
    stories = coverage(site)
    most = max(outlets for _, outlets in stories.values())
    widest = {folder for folder, (_, outlets) in stories.items() if outlets == most}
    linked = {href.split("/")[1] for href, _ in briefing_links((site / "index.html").read_text(encoding="utf-8"))}
    assert widest & linked, f"{day}: {widest} ({most} outlets) not in the briefing {linked}"
    assert most >= 15                                                  # a real day's big event, many outlets


@pytest.mark.parametrize("day", DAYS)
def test_story_cards_count_reports_and_outlets_apart(sites: dict[str, Path], day: str) -> None:
    for folder, (reports, outlets) in coverage(sites[day]).items():
        page = (sites[day] / "stories" / folder / "index.html").read_text(encoding="utf-8")
        takes = page.split('id="takes-heading"', 1)[1].count('<article class="take')
        assert takes == reports                                        # "N reports" is the number of reports
        assert 1 <= outlets <= reports


def test_sponsored_items_are_nowhere_and_explained_on_the_sources_page(sites: dict[str, Path]) -> None:
    site = sites["2023-01-15"]
    sources = (site / "sources" / "index.html").read_text(encoding="utf-8")
    section = sources.split('id="not-news"', 1)[1]
    flagged = [text_of(t) for t in re.findall(r"<li>(.*?) <span class=\"meta\">— ad phrasing", section, re.DOTALL)]
    assert len(flagged) == 2 and all("Promo Code" in t for t in flagged)
    assert "newsweek.com rss: 2 items" in section
    for day, folder in sites.items():
        home = (folder / "index.html").read_text(encoding="utf-8")
        top = home.split('id="top-heading"', 1)[1].split("</section>", 1)[0]
        shown = text_of(home.split('class="briefing"', 1)[1].split("</section>", 1)[0] + top)
        assert not re.search(r"promo code|bonus bets", shown, re.IGNORECASE), day
        everything = " ".join(p.read_text(encoding="utf-8") for p in folder.glob("articles/*/index.html"))
        for title in flagged:
            assert html.escape(title, quote=False) not in everything  # drop_sponsored (default): shown nowhere


@pytest.mark.parametrize("day", DAYS)
def test_no_card_says_the_same_sentence_twice(sites: dict[str, Path], day: str) -> None:
    pages = [sites[day] / "index.html", sites[day] / "editions" / day / "index.html"]
    cards = 0
    for page in pages:
        for card in re.findall(r'<article class="card.*?</article>', page.read_text(encoding="utf-8"), re.DOTALL):
            parts = re.findall(r"<li>(.*?)</li>|<p class=\"summary\">(.*?)</p>", card, re.DOTALL)
            # The project's splitter: "Sen. Ron Johnson" is one sentence, not "Sen." twice.
            sentences = [s.casefold() for a, b in parts for s in split_sentences(text_of(a or b)) if s]
            assert len(sentences) == len(set(sentences)), card[:300]
            cards += 1
    assert cards > 20
