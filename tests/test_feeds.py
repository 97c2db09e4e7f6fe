"""parse_feed on every real feed in ../shared/data and on hand-made edge cases."""
from __future__ import annotations

import csv
import re
from datetime import datetime, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsdigest.settings import FeedSettings
from newsdigest.sources.feeds import ParsedFeed, parse_feed

FETCHED = datetime(2026, 11, 27, 12, 0, tzinfo=timezone.utc)
MOSCOW = ZoneInfo("Europe/Moscow")
FIXTURES = Path(__file__).parent / "fixtures" / "feeds"

# Where the article count differs from the MANIFEST's raw <item> count, and why.
COUNT_EXCEPTIONS = {
    "feeds/pcmag_1.xml": 10,          # 10 of its 20 <item>s are empty illegally-nested <item />: nothing to keep
    "feeds/scriptingnews_1.xml": 48,  # two items appear twice verbatim (same link and guid)
}
GARBLED = re.compile("[\ufffd\u0080-\u009f]")
# The classic marks of UTF-8 read as windows-1252 ("Ã©", "Ã£", "Â ", "â€™"), independent of the code's own repair.
MOJIBAKE = re.compile("Ã[\u0080-\u00bf]|Â[\u0080-\u00bf]|â€[\u0080-\u00bf\u2018-\u201e\u2122\u0153\u02dc\u0161]")


def parse_path(path: Path, tz=timezone.utc, url: str = "") -> ParsedFeed:
    return parse_feed(path.read_bytes(), feed=FeedSettings(name=path.stem, url=url or str(path)),
                      fetched_at=FETCHED, tz=tz)


def manifest_rows() -> list[dict[str, str]]:
    from conftest import SHARED_DATA
    manifest = SHARED_DATA / "feeds" / "MANIFEST.tsv"
    if not manifest.exists():
        return [{"file": "missing"}]
    with manifest.open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle, delimiter="\t"))


@pytest.mark.parametrize("row", manifest_rows(), ids=lambda row: row["file"])
def test_every_shared_feed_parses_as_the_manifest_says(shared_data: Path, row: dict[str, str]) -> None:
    parsed = parse_path(shared_data / row["file"])
    expected = COUNT_EXCEPTIONS.get(row["file"], int(row["items"]))
    assert len(parsed.articles) == expected
    if expected == 0:
        assert parsed.failure.startswith("malformed or truncated feed")
        return
    assert parsed.failure == ""
    assert parsed.articles[0].title == row["first_item_title"]
    undated = sum(a.published == FETCHED for a in parsed.articles)
    assert undated == (0 if row["file"] in COUNT_EXCEPTIONS else int(row["items_without_date"]))
    for article in parsed.articles:
        assert article.published.tzinfo is not None and article.published <= FETCHED
        assert article.published.year >= 2011
        assert re.match(r"^https?://[^/\s]+/", article.url), article.url
        assert "utm_" not in article.url
        assert article.id and article.source == parsed.articles[0].source
        assert article.sources[0].feed_url == str(shared_data / row["file"])
        assert not MOJIBAKE.search(article.title + article.text), (article.title, article.text[:200])
        assert not GARBLED.search(article.title + article.text)
        assert not re.search(r"</?[a-z!]", article.title, re.IGNORECASE), article.title  # tags stripped
    assert len({a.id for a in parsed.articles}) == len(parsed.articles)


def test_every_timeseries_snapshot_parses(shared_data: Path) -> None:
    files = sorted((shared_data / "feeds_timeseries").glob("*/*.xml"))
    assert len(files) == 28
    for path in files:
        parsed = parse_path(path)
        assert parsed.failure == "" and parsed.warnings == (), path
        assert len(parsed.articles) == (20 if path.parent.name == "arstechnica" else 10), path
        newest = max(a.published for a in parsed.articles)
        assert newest.date().isoformat() <= path.stem  # no item dated after its snapshot day


def test_undeclared_windows_1252_feed_reads_without_mojibake(shared_data: Path) -> None:
    parsed = parse_path(shared_data / "feeds" / "uolnoticias_1.xml")
    titles = " ".join(a.title for a in parsed.articles)
    assert "simulações" in titles and "Ã" not in titles
    assert any("read as windows-1252" in w for w in parsed.warnings)
    # Portuguese day and month names ("Seg, 24 Set 2018") are still understood as dates.
    assert parsed.articles[0].published == datetime(2018, 9, 24, 22, 42, 40, tzinfo=timezone.utc)


def test_declared_iso_8859_1_feed(shared_data: Path) -> None:
    parsed = parse_path(shared_data / "feeds" / "jornaldenoticias_1.xml")
    assert parsed.articles[0].title.startswith("Mãe de utente é a nova presidente")
    assert parsed.warnings == ()


@pytest.mark.parametrize("name", ["cp1251_undeclared.xml", "cp1251_declared.xml", "cp1251_declared_utf8.xml"])
def test_windows_1251_feeds_read_as_cyrillic(name: str) -> None:
    parsed = parse_path(FIXTURES / name)
    assert parsed.title == "Новости дня"
    assert [a.title for a in parsed.articles] == [
        "Новый мост через реку открыт для движения", "Погода на выходные: ожидается похолодание"]
    assert parsed.articles[0].language == "ru"
    assert parsed.articles[0].published == datetime(2026, 3, 1, 22, 0, tzinfo=timezone.utc)


@pytest.mark.parametrize("name", ["cp1252_declared.xml", "cp1252_undeclared.xml", "latin1_label_cp1252_bytes.xml"])
def test_windows_1252_feeds_keep_accents_and_smart_quotes(name: str) -> None:
    article = parse_path(FIXTURES / name).articles[0]
    assert article.title == "\u201cÉté brûlant\u201d : la région bat un record de chaleur"
    assert article.text == "Les températures ont dépassé 40 °C à Besançon \u2013 un événement rare."


def test_html_page_is_a_failure_with_a_reason() -> None:
    parsed = parse_path(FIXTURES / "not_a_feed.html")
    assert parsed.failure == "not a feed (the response is HTML)"
    assert parsed.articles == ()


@pytest.mark.parametrize("data, reason", [
    (b"", "empty response"),
    (b"   \n", "empty response"),
    (b'{"items": []}', "not a feed"),
    (b'<?xml version="1.0"?><rss version="2.0"><channel><title>Cut', "malformed or truncated feed"),
])
def test_empty_and_non_feed_bodies_fail_clearly(data: bytes, reason: str) -> None:
    parsed = parse_feed(data, feed=FeedSettings(name="x", url="https://x.example/feed"), fetched_at=FETCHED,
                        tz=timezone.utc)
    assert parsed.failure.startswith(reason) and not parsed.ok


def test_well_formed_feed_without_items_is_only_a_warning() -> None:
    data = b'<?xml version="1.0"?><rss version="2.0"><channel><title>Quiet</title></channel></rss>'
    parsed = parse_feed(data, feed=FeedSettings(name="x", url="/x.xml"), fetched_at=FETCHED, tz=timezone.utc)
    assert parsed.ok and parsed.articles == ()
    assert parsed.warnings == ("feed is well-formed but has no items",)


def test_truncated_feed_keeps_complete_items_and_warns() -> None:
    parsed = parse_path(FIXTURES / "truncated.xml")
    assert parsed.ok
    assert [a.title for a in parsed.articles] == ["Full content wins over the teaser", "A date from the future"]
    assert "not strictly valid" in parsed.warnings[0]


def edge_articles() -> dict[str, object]:
    parsed = parse_path(FIXTURES / "edge_cases.xml", tz=MOSCOW)
    return {a.title: a for a in parsed.articles}


def test_full_content_beats_the_description_and_boilerplate_goes() -> None:
    article = edge_articles()["Full content wins over the teaser"]
    assert article.text == "First paragraph of the full text.\n\nSecond paragraph, with a link."
    assert "Teaser" not in article.html
    for chrome in ("appeared first on", "Continue reading", "Share on Facebook", "pixel.gif"):
        assert chrome not in article.html
    assert article.url == "https://edge.example/2026/full?page=2"
    assert article.guid == "edge-1"
    assert article.author == "Jane Reporter"
    assert article.categories == ("Science", "Space")
    assert article.image == "https://edge.example/lead.jpg"
    assert article.language == "en-gb"
    assert article.published == datetime(2026, 3, 2, 9, 30, tzinfo=timezone.utc)


def test_dates_future_missing_and_naive() -> None:
    articles = edge_articles()
    assert articles["A date from the future"].published == FETCHED
    assert articles["No date at all"].published == FETCHED
    naive = articles["Naive date"].published
    assert naive == datetime(2026, 3, 2, 8, 0, tzinfo=MOSCOW) and naive.utcoffset().total_seconds() == 3 * 3600


def test_titles_are_decoded_and_stripped_and_odd_items_kept() -> None:
    articles = edge_articles()
    assert "Double-escaped \u201cquotes\u201d & tags" in articles
    assert articles["Double-escaped \u201cquotes\u201d & tags"].image == "https://edge.example/enclosure.jpg"
    assert articles["A date from the future"].author == "News Desk"
    assert articles["A date from the future"].text == "Clamped to the fetch time."  # "Read more" dropped
    untitled = articles[""]
    assert untitled.url == "https://edge.example/2026/permalink-only"
    assert len(articles) == 6  # the empty <item></item> is dropped


def test_relative_links_resolve_against_xml_base() -> None:
    parsed = parse_path(FIXTURES / "relative_links.xml", tz=MOSCOW, url="https://feeds.example/relative.xml")
    first, second = parsed.articles
    assert first.title == "Relative & resolved"
    assert first.url == "https://base.example/news/2026/story-one.html?id=7"
    assert 'href="https://base.example/about/"' in first.html
    assert first.image == "https://base.example/news/img/photo.jpg"
    assert second.url == "https://other.example/section/item.html"
    assert second.published == datetime(2026, 3, 1, 9, 0, tzinfo=MOSCOW)


def test_rss_relative_link_resolves_against_channel_link() -> None:
    data = b"""<rss version="2.0"><channel><title>R</title><link>https://site.example/news/</link>
    <item><title>Rel</title><link>/2026/rel.html?utm_source=x</link></item></channel></rss>"""
    parsed = parse_feed(data, feed=FeedSettings(name="r", url="/tmp/r.xml"), fetched_at=FETCHED, tz=timezone.utc)
    assert parsed.articles[0].url == "https://site.example/2026/rel.html"


def test_same_link_with_different_fragments_stays_separate() -> None:
    data = b"""<rss version="2.0"><channel><title>Blog</title><link>https://blog.example/</link>
    <item><description>Morning note.</description><link>https://blog.example/day.html#a1</link><guid>https://blog.example/day.html#a1</guid></item>
    <item><description>Evening note.</description><link>https://blog.example/day.html#a2</link><guid>https://blog.example/day.html#a2</guid></item>
    <item><title>Alone</title><link>https://blog.example/other.html#top</link></item>
    </channel></rss>"""
    parsed = parse_feed(data, feed=FeedSettings(name="b", url="/b.xml"), fetched_at=FETCHED, tz=timezone.utc)
    assert [a.url for a in parsed.articles] == [
        "https://blog.example/day.html#a1", "https://blog.example/day.html#a2", "https://blog.example/other.html"]


def test_parse_feed_is_pure() -> None:
    first = parse_path(FIXTURES / "edge_cases.xml")
    second = parse_path(FIXTURES / "edge_cases.xml")
    assert first == second


def test_feed_name_and_topics_flow_into_articles() -> None:
    feed = FeedSettings(name="Edge Daily", url="https://feeds.example/edge.xml", topics=("science",))
    parsed = parse_feed((FIXTURES / "edge_cases.xml").read_bytes(), feed=feed, fetched_at=FETCHED, tz=timezone.utc)
    article = parsed.articles[0]
    assert article.source == "Edge Daily" and article.feed == feed.url and article.topics == ("science",)
    assert article.sources[0].name == "Edge Daily" and article.sources[0].url == article.url


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be", "utf-8-sig"])
def test_utf16_and_bom_feeds(encoding: str) -> None:
    text = ('<?xml version="1.0" encoding="utf-16"?><rss version="2.0"><channel><title>T</title>'
            "<item><title>Été à Zürich</title><link>https://x.example/1</link></item></channel></rss>")
    parsed = parse_feed(text.encode(encoding), feed=FeedSettings(name="x", url="/x.xml"), fetched_at=FETCHED,
                        tz=timezone.utc)
    assert [a.title for a in parsed.articles] == ["Été à Zürich"]


def test_double_encoded_utf8_is_repaired() -> None:
    garbled = "Caf\u00c3\u00a9 owners say \u00e2\u20ac\u0153no\u00e2\u20ac\u009d"
    data = ('<rss version="2.0"><channel><title>M</title><item><title>' + garbled
            + "</title><link>https://m.example/1</link></item></channel></rss>").encode("utf-8")
    parsed = parse_feed(data, feed=FeedSettings(name="m", url="/m.xml"), fetched_at=FETCHED, tz=timezone.utc)
    assert parsed.articles[0].title == "Café owners say \u201cno\u201d"


def test_language_tags_are_validated() -> None:
    data = b"""<rss version="2.0"><channel><title>L</title><language>en" onmouseover="x</language>
    <item><title>A</title><link>https://l.example/a</link></item></channel></rss>"""
    parsed = parse_feed(data, feed=FeedSettings(name="l", url="/l.xml"), fetched_at=FETCHED, tz=timezone.utc)
    assert parsed.language == "" and parsed.articles[0].language == ""


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(cut=st.integers(min_value=0, max_value=2600), junk=st.binary(max_size=40))
def test_parse_feed_never_raises_on_cut_or_corrupted_bytes(cut: int, junk: bytes) -> None:
    data = (FIXTURES / "edge_cases.xml").read_bytes()
    damaged = data[:cut] + junk + data[cut + len(junk):]
    parsed = parse_feed(damaged, feed=FeedSettings(name="f", url="/f.xml"), fetched_at=FETCHED, tz=timezone.utc)
    assert parsed.ok or parsed.failure
    for article in parsed.articles:
        assert article.published.tzinfo is not None and article.published <= FETCHED


# First item of each shared feed: its canonical link and its date in UTC, checked by hand against the
# raw XML (offsets such as "+1200", "EST", "-0300" and Portuguese day names converted; tracking
# parameters such as at_medium dropped; feedburner's origLink preferred). heise_1 is Atom, heise_2 RSS 1.0
# (undated: first seen = fetch time).
FIRST_ITEMS = [
    ("aktuality_1.xml", "https://www.aktuality.sk/clanok/856577/analytici-goldman-sachs-zvysili-odhad-rastu-ekonomiky-usa/",
     "2021-01-17T18:27:00+00:00"),
    ("arstechnica_1.xml", "https://arstechnica.com/science/2026/08/memories-stick-around-even-after-half-the-synapses-are-gone/",
     "2026-08-22T11:22:32+00:00"),
    ("bbc_1.xml", "https://www.bbc.co.uk/news/uk-58943184",
     "2021-10-17T12:07:17+00:00"),
    ("bbcurdu_1.xml", "http://www.bbc.com/urdu/pakistan-42575603",
     "2018-01-05T16:51:00+00:00"),
    ("cnn_1.xml", "https://www.cnn.com/2021/10/16/asia/covid-pill-merck-molnupiravir-asia-intl-dst-hnk/index.html",
     "2021-10-16T23:56:11+00:00"),
    ("dailymail_1.xml", "https://www.dailymail.co.uk/news/article-10100709/Fire-sparks-evacuation-Westfield-shopping-centre.html",
     "2021-10-17T13:14:05+00:00"),
    ("dailymail_2.xml", "http://www.dailymail.co.uk/news/article-2272640/Could-infamous-Black-Dahlia-case-solved-Cadaver-dog-discovers-death-scent-Hollywood-home-suspect-66-years-horrific-murder.html",
     "2013-02-03T04:13:03+00:00"),
    ("foxnews_1.xml", "https://www.foxnews.com/politics/book-fauci-allegedly-misled-trump-administration-gain-of-function-wuhan",
     "2021-10-17T13:12:26+00:00"),
    ("guardian_1.xml", "https://www.theguardian.com/us-news/2018/jan/31/donald-trump-state-of-the-union-address-unity-discord",
     "2018-01-31T07:26:05+00:00"),
    ("hackernews_1.xml", "https://aws.amazon.com/blogs/aws/announcing-aws-lambda-function-urls-built-in-https-endpoints-for-single-function-microservices/",
     "2022-04-06T21:07:47+00:00"),
    ("heise_1.xml", "http://www.heise.de/developer/meldung/Java-Anwendungsserver-Red-Hat-gibt-WildFly-10-frei-3088438.html",
     "2016-02-01T16:22:00+00:00"),
    ("heise_2.xml", "https://www.heise.de/newsticker/meldung/OLED-TVs-Vorsichtsmassnahmen-gegen-Einbrennen-4205274.html",
     "2026-11-27T12:00:00+00:00"),
    ("huffpost_1.xml", "http://www.huffingtonpost.ca/2017/10/17/winnipeg-high-school-orders-custom-hijabs-for-muslim-athletes_a_23246627/",
     "2017-10-17T22:17:00+00:00"),
    ("jornaldenoticias_1.xml", "https://www.jn.pt/nacional/interior/sonia-laig-e-a-nova-presidente-da-rarissimas-9021600.html",
     "2018-01-03T13:47:00+00:00"),
    ("latimes_1.xml", "https://www.latimes.com/california/story/2021-10-17/regulators-underestimated-california-oil-spill-scope",
     "2021-10-17T12:00:05+00:00"),
    ("livemint_1.xml", "https://www.livemint.com/news/india/pm-modi-xi-jinping-informal-summit-in-varanasi-this-october-report-1559104147038.html",
     "2019-05-29T10:16:00+00:00"),
    ("npr_1.xml", "https://www.npr.org/2026/08/22/nx-s1-5932426/opinion-mr-rogers-keeps-finding-a-new-neighborhood",
     "2026-08-22T12:00:00+00:00"),
    ("nytimes_1.xml", "https://www.nytimes.com/2021/10/16/us/benton-harbor-michigan-water.html",
     "2021-10-16T09:00:15+00:00"),
    ("nytimes_2.xml", "http://www.nytimes.com/2013/05/06/nyregion/epa-plan-to-clean-up-gowanus-canal-meets-local-resistance.html?partner=rss&emc=rss",
     "2013-05-05T17:15:11+00:00"),
    ("nzherald_1.xml", "https://www.nzherald.co.nz/nz/news/article.cfm?c_id=1&objectid=12479370&ref=rss",
     "2021-10-16T19:20:18+00:00"),
    ("pcmag_1.xml", "http://feedproxy.google.com/~r/ziffdavis/pcmag/dvorak/~3/0O-eUfOYo94/0,2817,2525649,00.asp",
     "2018-01-17T20:50:00+00:00"),
    ("reuters_1.xml", "http://www.reuters.com/article/us-northkorea-missiles-usa/u-s-general-says-north-korea-not-demonstrated-all-components-of-icbm-idUSKBN1FJ23Z?feedType=RSS&feedName=worldNews",
     "2018-01-30T17:29:57+00:00"),
    ("rnz_1.xml", "https://www.rnz.co.nz/news/national/453714/covid-19-what-happened-on-sunday-17-october",
     "2021-10-17T05:30:09+00:00"),
    ("scriptingnews_1.xml", "http://scripting.com/2017/06/26.html#a080605",
     "2017-06-26T12:20:05+00:00"),
    ("smh_1.xml", "https://www.smh.com.au/politics/federal/landmark-challenge-to-secrecy-over-native-title-payments-20211016-p590j2.html?ref=rss",
     "2021-10-17T13:15:00+00:00"),
    ("straitstimes_1.xml", "http://www.straitstimes.com/singapore/paediatricians-step-up-to-look-after-children-with-covid-19-who-are-on-home-recovery",
     "2021-10-17T12:00:00+00:00"),
    ("stuffnz_1.xml", "https://www.stuff.co.nz/entertainment/stuff-to-watch/300406240/the-women-of-911-disney-documentary-looks-at-how-some-picked-up-their-lives.html",
     "2021-09-16T23:30:00+00:00"),
    ("techcrunch_1.xml", "http://techcrunch.com/2011/11/02/angies-list-prices-ipo-at-11-to-13-per-share-valued-at-over-600m/",
     "2011-11-02T17:25:27+00:00"),
    ("uolnoticias_1.xml", "https://noticias.uol.com.br/politica/eleicoes/2018/noticias/2018/09/24/ibope-bolsonaro-perde-de-haddad-ciro-e-alckmin-em-simulacoes-de-2-turno.htm",
     "2018-09-24T22:42:40+00:00"),
    ("varthabharathi_1.xml", "http://www.varthabharati.in/article/english/74450",
     "2017-05-19T15:35:02+00:00"),
    ("washingtonpost_1.xml", "http://feeds.washingtonpost.com/click.phdo?i=cc0c5fb09865354bbec8415210a554da",
     "2012-08-21T15:33:00+00:00"),
    ("wgrz_1.xml", "https://www.wgrz.com/article/money/economy/visitor-spending-in-erie-county-in-2025-reached-a-new-record-high-region-continues-to-build-on-that-momentum/71-b3b24418-d776-4b1d-8b6a-5c03c1775fdd",
     "2026-08-22T03:32:55+00:00"),
]


@pytest.mark.parametrize("name,link,published", FIRST_ITEMS, ids=[row[0] for row in FIRST_ITEMS])
def test_first_item_link_and_date_of_every_shared_feed(shared_data: Path, name: str, link: str, published: str) -> None:
    first = parse_path(shared_data / "feeds" / name).articles[0]
    assert first.url == link
    assert first.published.astimezone(timezone.utc).isoformat() == published
