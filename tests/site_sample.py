"""A small hand-made SiteData and Settings for the render-stage tests (no evaluation data, all invented)."""
from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta, timezone
from pathlib import Path

from newsdigest.model import Analysed, Article, Extract, FeedState, SiteData, Source, Story, TopicMatch
from newsdigest.settings import DigestSettings, FeedSettings, Settings, SiteSettings, TopicRules, TopicSettings

BUILD_TIME = datetime(2026, 11, 27, 18, 0, tzinfo=timezone.utc)
HOSTILE_TITLE = 'Chip maker <script>alert("x")</script> & partners'

TECH = TopicMatch("technology", "Technology", 3.0, (("software", 1.0), ("chip", 1.5), ("Apple", 0.5)))
SPORT = TopicMatch("sport", "Sport", 2.0, (("final", 1.0), ("cup", 1.0)))
TOWN = TopicMatch("town", "Town", 1.5, (("council", 1.5),))
GENERAL = TopicMatch("general", "General", 0.0, ())


def analysed(
    ident: str,
    title: str,
    hours_ago: float,
    source: str,
    topics: tuple[TopicMatch, ...],
    url: str = "",
) -> Analysed:
    """One article with a hand-written extract; text mentions the ident so search and body checks can find it."""
    article = Article(
        id=ident * 2,
        title=title,
        text=f"First paragraph about {title}.\n\nSecond paragraph, word marker{ident}.",
        published=BUILD_TIME - timedelta(hours=hours_ago),
        source=source,
        url=url or f"https://{source.lower().replace(' ', '')}.example/{ident}",
        credit="AP" if ident == "a1" else "",
        # a1 was carried by two outlets (merged duplicates); every copy is linked.
        sources=(Source(source, f"https://wire.example/{ident}"), Source("Partner Paper", "https://partner.example/x"))
        if ident == "a1" else (),
    )
    extract = Extract(
        headline=title,
        key_points=(f"Point one of {ident}.", f"Point two of {ident}.", f"Point three of {ident}."),
        summary=f"Summary of {ident}: what happened and why it matters.",
        keywords=("alpha", f"kw{ident}"),
        reading_minutes=4,
    )
    return Analysed(article, extract, topics)


def sample_items() -> tuple[Analysed, ...]:
    items = [
        analysed("a1", "Chip shortage eases as new plant opens", 2, "Daily Wire Service", (TECH,)),
        analysed("a2", "New chip plant starts production", 5, "Tech Weekly", (TECH,)),
        analysed("a3", HOSTILE_TITLE, 20, "Gazette", (TECH,)),
        analysed("a4", "Town wins the cup final", 30, "Sport Desk", (SPORT, TOWN)),
        analysed("a5", "Cup final: Town lift trophy", 28, "Gazette", (SPORT,)),
        analysed("a6", "Council approves cycle lanes", 50, "Local News", (TOWN,)),
        analysed("a7", "Bakery chain opens tenth shop", 75, "Gazette", (GENERAL,), url="javascript:alert(1)"),
        analysed("a8", "Old story from last month", 24 * 30, "Archive Times", (TECH,)),
    ]
    return tuple(sorted(items, key=lambda a: a.article.published, reverse=True))


def sample_stories() -> tuple[Story, ...]:
    return (
        Story("chip-plant-a1", "a1a1", ("a2a2", "a1a1"), "Tech Weekly", ("Merged point about chips.",), 9.0),
        Story("cup-final-a4", "a4a4", ("a4a4", "a5a5"), "Sport Desk", (), 7.0),
        Story("a3a3", "a3a3", ("a3a3",), "Gazette", (), 5.0),
    )


def sample_data(build_time: datetime = BUILD_TIME) -> SiteData:
    states = (
        FeedState("https://feeds.example/tech.xml", "Tech Weekly", last_success=build_time, item_count=12, status="ok"),
        FeedState("https://feeds.example/gone.xml", "Gone Feed", last_attempt=build_time - timedelta(hours=3),
                  last_error="connection refused", consecutive_failures=3, status="failed"),
    )
    return SiteData(sample_items(), sample_stories(), states, build_time)


def sample_settings(root: Path, base_url: str = "https://example.org/news/", **changes: object) -> Settings:
    settings = Settings(
        config_path=root / "config.yaml",
        root=root,
        site=SiteSettings(title="Test Digest", description="Invented news for tests.", base_url=base_url,
                          timezone="Europe/London"),
        feeds=(FeedSettings("Tech Weekly", "https://feeds.example/tech.xml"),
               FeedSettings("Gone Feed", "https://feeds.example/gone.xml"),
               FeedSettings("Quiet Feed", "https://feeds.example/quiet.xml")),
        topics=(TopicSettings("Technology", "technology", keywords=(("chip", 1.5),)),
                TopicSettings("Sport", "sport"),
                TopicSettings("Town", "town")),
        topic_rules=TopicRules(fallback="General"),
        digest=DigestSettings(per_page=2, front_page_days=2),
        output=root / "site",
        search=False,
    )
    return replace(settings, **changes)  # type: ignore[arg-type]
