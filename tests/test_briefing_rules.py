"""The briefing's rules on hand-made items: outlets, sponsored screening, importance, marks, line choice, cards."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone

from newsdigest.briefing.outlets import outlet_map, site_domain
from newsdigest.briefing.rank import rank_stories
from newsdigest.briefing.select import briefing_line, choose_briefing, fits
from newsdigest.briefing.sponsored import screen, sponsored_reason
from newsdigest.model import Analysed, Article, Extract, Source, Story, TopicMatch
from newsdigest.site.views import distinct_points, summary_adds

NOW = datetime(2026, 3, 4, 18, 0, tzinfo=timezone.utc)
UTC = timezone.utc


def article(ident: str, url: str, feed: str = "", *, hours: float = 1.0, title: str = "", text: str = "",
            categories: tuple[str, ...] = (), dated: bool = True, first_seen: datetime | None = None) -> Article:
    return Article(id=ident, title=title or f"Report {ident}", text=text or f"Text of {ident}.",
                   published=NOW - timedelta(hours=hours), source=feed or "Local", url=url, feed=feed,
                   categories=categories, dated=dated, first_seen=first_seen,
                   sources=(Source(feed or "Local", url, feed),))


def item(art: Article, points: tuple[str, ...] = (), headline: str = "", topic: float = 0.0) -> Analysed:
    topics = (TopicMatch("world", "World", topic),) if topic else ()
    return Analysed(art, Extract(headline or art.title, points, "", ()), topics)


def story(ident: str, *members: Analysed, points: tuple[str, ...] = ()) -> Story:
    return Story(ident, members[0].id, tuple(m.id for m in members), members[0].article.source, points)


# ---------------------------------------------------------------- outlets

def test_registrable_domain_folds_hosts_and_country_suffixes() -> None:
    assert site_domain("https://www.theguardian.com/world/x") == "theguardian.com"
    assert site_domain("https://feeds.bbci.co.uk/news/rss.xml") == "bbci.co.uk"
    assert site_domain("https://www.bbc.co.uk/news/x") == "bbc.co.uk"
    assert site_domain("javascript:alert(1)") == ""


def test_three_feeds_of_one_site_are_one_outlet_and_an_aggregator_is_one_too() -> None:
    arts = [article(f"g{i}", f"https://www.theguardian.com/a{i}", f"guardian-feed-{i % 3}") for i in range(6)]
    arts += [article(f"h{i}", f"https://site{i}.example/post", "hn-frontpage") for i in range(5)]
    outlets = outlet_map(arts)
    assert {o for a in arts[:6] for o in outlets[a.id]} == {"theguardian.com"}
    assert {o for a in arts[6:] for o in outlets[a.id]} == {"feed:hn-frontpage"}


# ---------------------------------------------------------------- sponsored

def test_each_sponsored_signal_gives_its_reason() -> None:
    labelled = article("a", "https://news.example/a", "news", categories=("Sponsored",))
    assert sponsored_reason(labelled, "news.example") == "feed category “Sponsored”"
    offer = article("b", "https://news.example/b", "news", title="Refi rates at 3.09% APR for qualified buyers")
    assert sponsored_reason(offer, "news.example").startswith("ad phrasing “Refi rates at 3.09% APR")
    code = article("c", "https://news.example/c", "news", title="Bookmaker promo code NEWS200 unlocks a $200 bonus")
    assert sponsored_reason(code, "news.example").startswith("ad phrasing")
    foreign = article("d", "https://offers.example/d", "news", title="Compare plans and buy now")
    assert sponsored_reason(foreign, "news.example") == (
        "links to offers.example (not the feed's site news.example) and says “buy now”")


def test_news_about_rates_and_ads_is_news() -> None:
    for title in ("Mortgage rates rise for a third week", "Regulator fines a sponsored-content network",
                  "Advertising market shrinks as budgets move to video"):
        assert sponsored_reason(article("n", "https://news.example/n", "news", title=title), "news.example") == ""
    # On an aggregator (no own site) a link elsewhere with ad wording alone proves nothing.
    assert sponsored_reason(article("h", "https://tool.example", "hn", title="Show HN: buy now, pay later"), "") == ""


def test_screen_drops_or_keeps_and_records_every_decision() -> None:
    items = [item(article(f"n{i}", f"https://news.example/{i}", "news")) for i in range(3)]
    items.append(item(article("ad", "https://news.example/ad", "news", categories=("Partner",))))
    dropped = screen(items, drop=True)
    assert [i.id for i in dropped.news] == ["n0", "n1", "n2"]
    assert [(d.article_id, d.reason) for d in dropped.not_news] == [("ad", "feed category “Partner”")]
    kept = screen(items, drop=False)
    assert len(kept.news) == 4 and len(kept.not_news) == 1


# ---------------------------------------------------------------- importance and marks

def test_outlets_first_then_day_then_dated_then_time_then_topic() -> None:
    one = [item(article(f"a{i}", f"https://a.example/{i}", "a", hours=0.5 + i)) for i in range(5)]   # 5 reports, 1 outlet
    three = [item(article(f"b{i}", f"https://{d}.example/x", d, hours=10)) for i, d in enumerate("bcd")]
    undated = item(article("u", "https://e.example/u", "e", hours=0.1, dated=False))
    dated_older = item(article("v", "https://f.example/v", "f", hours=3))
    weighty = item(article("w", "https://g.example/w", "g", hours=3), topic=4.0)
    stories = [story("s-one", *one), story("s-three", *three), story("s-undated", undated),
               story("s-older", dated_older), story("s-weighty", weighty)]
    items = {i.id: i for i in [*one, *three, undated, dated_older, weighty]}
    outlets = outlet_map([i.article for i in items.values()])
    order = rank_stories(stories, items, outlets, NOW, UTC)
    assert [s.id for s, _ in order] == ["s-three", "s-one", "s-weighty", "s-older", "s-undated"]
    ranks = {s.id: r for s, r in order}
    assert (ranks["s-one"].reports, ranks["s-one"].outlets) == (5, 1)
    assert ranks["s-one"].developing and not ranks["s-three"].developing     # 3+ reports in the last 6 hours
    assert ranks["s-three"].new


def test_a_story_seen_before_today_is_not_new() -> None:
    old = item(article("o", "https://a.example/o", "a", hours=30, first_seen=NOW - timedelta(hours=30)))
    fresh = item(article("p", "https://a.example/p", "a", hours=1, first_seen=NOW - timedelta(hours=1)))
    items = {i.id: i for i in (old, fresh)}
    ranks = dict(rank_stories([story("s", old, fresh)], items, outlet_map([old.article, fresh.article]), NOW, UTC))
    assert not next(iter(ranks.values())).new


# ---------------------------------------------------------------- the briefing lines

def test_a_line_is_a_whole_key_point_naming_the_event_else_the_headline() -> None:
    long_point = " ".join(["word"] * 30) + "."
    quake = item(article("q", "https://a.example/q", "a"), headline="Earthquake of magnitude 7 hits Atlantis coast",
                 points=(long_point, "But officials said more was to come.",
                         "An earthquake of magnitude 7 struck the Atlantis coast before dawn on Monday."))
    text, from_headline = briefing_line(story("s", quake), {"q": quake}, "Earthquake of magnitude 7 hits Atlantis coast")
    assert text == "An earthquake of magnitude 7 struck the Atlantis coast before dawn on Monday." and not from_headline
    vague = item(article("v", "https://a.example/v", "a"), headline="Ruritania elects a new president",
                 points=("The company is laying off five percent of its staff this year.",))
    assert briefing_line(story("t", vague), {"v": vague}, "Ruritania elects a new president") == (
        "Ruritania elects a new president", True)
    assert not fits("A clause cut in the middle of")                  # no sentence end: never shown cut


def test_no_two_lines_about_the_same_event() -> None:
    headlines = ["Flood waters rise in Riverton as dam fails", "Riverton dam failure floods town centre",
                 "Election count begins in Ruritania", "Chip maker opens plant in Techville"]
    items = {f"i{n}": item(article(f"i{n}", f"https://o{n}.example/x", f"o{n}"), headline=h)
             for n, h in enumerate(headlines)}
    stories = [story(f"s{n}", items[f"i{n}"]) for n in range(4)]
    ranked = rank_stories(stories, items, outlet_map([i.article for i in items.values()]), NOW, UTC)
    lines = choose_briefing(ranked, items, headline=lambda s: items[s.lead].extract.headline)
    texts = [line.text for line in lines]
    assert len(texts) == 3 and sum("Riverton" in t for t in texts) == 1


# ---------------------------------------------------------------- cards say each thing once

def test_a_key_point_repeating_another_or_the_summary_is_dropped() -> None:
    points = ("The council approved new cycle lanes on Monday.", "On Monday the council approved new cycle lanes.",
              "Work starts in spring and costs two million.")
    assert distinct_points(points) == (points[0], points[2])
    summary = "Work starts in spring and costs two million. Shops on the high street object to the loss of parking."
    assert summary_adds(summary, distinct_points(points))
    assert distinct_points(points, summary) == (points[0],)


def test_captions_and_production_notes_are_not_briefing_lines() -> None:
    from newsdigest.briefing.select import not_the_news

    assert not_the_news("A woman stands in front of a display of wrecked cars in Riverton on Monday.")
    assert not_the_news("The Daily Example will bring you the latest updates as markets react.")
    assert not not_the_news("The council approved new cycle lanes for Riverton on Monday.")
