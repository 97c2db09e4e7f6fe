"""Sanitizer, HTML→text and boilerplate removal, checked with a real HTML parser."""
from __future__ import annotations

from datetime import datetime, timezone
from html.parser import HTMLParser
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from newsdigest.clean import (
    ALLOWED_ATTRIBUTES,
    ALLOWED_TAGS,
    clean_text,
    html_to_text,
    remove_boilerplate,
    sanitize_html,
    strip_tags,
)
from newsdigest.settings import FeedSettings
from newsdigest.sources.feeds import parse_feed

XSS_FEED = Path(__file__).parent / "fixtures" / "feeds" / "xss.xml"
GLOBAL_ATTRIBUTES = {"rel"}  # nh3 adds rel to links itself


class Inspector(HTMLParser):
    """Collects every tag and attribute a browser would build from the markup."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    handle_startendtag = handle_starttag


def live_payloads(html: str) -> list[str]:
    """Every way the markup could run script or load foreign active content."""
    inspector = Inspector()
    inspector.feed(html)
    inspector.close()
    problems = []
    for tag, attrs in inspector.tags:
        if tag not in ALLOWED_TAGS:
            problems.append(f"tag <{tag}>")
        for name, value in attrs.items():
            if name not in ALLOWED_ATTRIBUTES.get(tag, set()) | ALLOWED_ATTRIBUTES["*"] | GLOBAL_ATTRIBUTES:
                problems.append(f"attribute {name} on <{tag}>")
            if name in ("href", "src", "cite") and value:
                scheme = value.split(":", 1)[0].lower() if ":" in value.split("/", 1)[0] else ""
                if scheme not in ("", "http", "https", "mailto"):
                    problems.append(f"{name}={value[:40]}")
    return problems


def hostile_articles():
    parsed = parse_feed(XSS_FEED.read_bytes(), feed=FeedSettings(name="Hostile", url="https://feeds.example/x.xml"),
                        fetched_at=datetime(2026, 3, 4, tzinfo=timezone.utc), tz=timezone.utc)
    assert parsed.ok and len(parsed.articles) == 2
    return parsed.articles


def test_xss_feed_leaves_no_live_payload() -> None:
    for article in hostile_articles():
        assert live_payloads(article.html) == [], article.html
        lowered = article.html.lower()
        for needle in ("<script", "onerror", "onload", "onclick", "javascript:alert(1)", "<iframe", "<svg",
                       "<object", "<embed", "<form", "<style", "style=", "<base", "<meta", "data:"):
            assert needle not in lowered, needle
        assert "alert('svg script')" not in article.text and "alert('script tag')" not in article.text


def test_xss_feed_keeps_harmless_content_and_shows_encoded_script_as_text() -> None:
    first, second = hostile_articles()
    assert "<p>Plain paragraph.</p>" in first.html
    assert "&lt;script&gt;alert('entity encoded')&lt;/script&gt; shown as text." in first.html
    assert 'href="https://hostile.example/relative/path"' in first.html or "/relative/path" in first.html
    assert first.title == "Script in the title"
    assert first.url == "https://hostile.example/a/1"
    assert "&lt;script&gt;alert('double encoded')&lt;/script&gt;" in second.html


def test_links_get_nofollow_noopener() -> None:
    html = sanitize_html('<a href="https://a.example/" rel="opener" target="_blank">x</a>')
    assert html == '<a href="https://a.example/" rel="nofollow noopener">x</a>'


def test_relative_urls_resolve_against_base() -> None:
    html = sanitize_html('<p><a href="../b">b</a><img src="/i.png" alt="i"></p>', base_url="https://s.example/x/y/z")
    assert 'href="https://s.example/x/b"' in html and 'src="https://s.example/i.png"' in html


def test_without_base_relative_urls_stay_relative() -> None:
    assert 'src="images/a.png"' in sanitize_html('<img src="images/a.png">')


def test_dangerous_schemes_are_dropped_even_obfuscated() -> None:
    for href in ("javascript:alert(1)", "JAVASCRIPT:alert(1)", " javascript:alert(1)", "java&#x09;script:alert(1)",
                 "vbscript:msgbox(1)", "data:text/html;base64,PHNjcmlwdD4="):
        html = sanitize_html(f'<a href="{href}">x</a>', base_url="https://s.example/")
        assert live_payloads(html) == [], html
        assert "script:" not in html.lower() and "data:" not in html


def test_inline_styles_and_event_handlers_are_removed() -> None:
    html = sanitize_html('<p style="color:red" onmouseover="x()" class="c" id="i">t</p>')
    assert html == "<p>t</p>"


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from([
    "<script>", "</script>", "<img src=x onerror=alert(1)>", "<svg onload=alert(1)>", "<a href='javascript:x'>",
    "<iframe src=//e>", "<style>", "</style>", "<!--", "-->", "<p>", "</p>", "text", "&lt;script&gt;", "<",
    ">", '"', "'", "<math>", "<noscript>", "</noscript>", "<p title='</noscript><img src=x onerror=1>'>",
    "<![CDATA[", "]]>", "<base href=//e>", "<object data=x>", "on", "error=", "<b", " ",
]), max_size=25))
def test_sanitizer_output_never_carries_a_payload(pieces: list[str]) -> None:
    html = sanitize_html("".join(pieces), base_url="https://s.example/")
    assert live_payloads(html) == [], html
    # Sanitizing is a fixed point: cleaning the output again changes nothing.
    assert sanitize_html(html, base_url="https://s.example/") == html


def test_html_to_text_paragraphs_lists_and_breaks() -> None:
    html = ("<h2>Head</h2><p>One &amp; <b>two</b>.</p><div>Three<br>four</div>"
            "<ul><li>a</li><li>b</li></ul><figure><img src=x><figcaption>Photo: credit</figcaption></figure>"
            "<script>var x;</script><p>  spaced\n  out  </p>")
    assert html_to_text(html) == "Head\n\nOne & two.\n\nThree\nfour\n\na\n\nb\n\nspaced out"


def test_html_to_text_handles_broken_markup() -> None:
    assert html_to_text("<p>unclosed <i>italic<p>next") == "unclosed italic\n\nnext"
    assert html_to_text("") == ""
    assert html_to_text("plain &eacute;t&eacute;") == "plain été"


def test_strip_tags_for_titles() -> None:
    assert strip_tags("  <b>Big</b>\n news &amp;amp; more ") == "Big news & more"
    assert strip_tags("Angie&amp;#8217;s List") == "Angie\u2019s List"


def test_boilerplate_paragraphs_and_share_bars_go() -> None:
    html = ("<p>Real first.</p><p>Real second.</p>"
            '<p>The post <a href="https://x.example/p">Thing</a> appeared first on <a href="https://x.example">X</a>.</p>'
            '<p><a href="https://x.example/p">Continue reading\u2026</a></p>'
            '<div class="feedflare"><a href="https://feeds.example/~ff/a"><img src="https://feeds.example/~ff/i"></a></div>'
            '<div class="share-buttons"><a href="https://fb.example/">Facebook</a></div>'
            '<img src="https://feeds.feedburner.com/~r/x/~4/abc" height="1" width="1">'
            '<p>Ends here. <a href="https://x.example/p">Read more \u00bb</a></p>')
    cleaned = html_to_text(sanitize_html(remove_boilerplate(html)))
    assert cleaned == "Real first.\n\nReal second.\n\nEnds here."


def test_boilerplate_rules_keep_real_sentences() -> None:
    text = ("Share prices fell sharply on Monday.\n\nReaders can read more about it in the report.\n\n"
            "Comments from the minister came later.\n\nThis article was originally published on Example News.")
    assert clean_text(text) == (
        "Share prices fell sharply on Monday.\n\nReaders can read more about it in the report.\n\n"
        "Comments from the minister came later.")


def test_remove_boilerplate_keeps_leading_text_and_escapes_it() -> None:
    out = remove_boilerplate("Intro &lt;tag&gt; text<p>Para</p>")
    assert html_to_text(out) == "Intro <tag> text\n\nPara"
    assert "<tag>" not in out


def test_long_block_with_a_share_like_class_is_kept() -> None:
    body = "<p>" + "Real reporting sentence. " * 20 + "</p>"
    html = f'<div class="shared-article-body">{body}</div><div class="social-share"><a href="https://s.example/">Tweet</a></div>'
    text = html_to_text(sanitize_html(remove_boilerplate(html)))
    assert text.startswith("Real reporting sentence.") and "Tweet" not in text


def test_common_feed_furniture_paragraphs_go() -> None:
    furniture = ["March 3, 2026 8:00 PM", "(Image credit: Some Agency)", "Related: Bridge plans approved last year",
                 "Share on Facebook", "Learn more", "Read full article >>", "3 March 2026", "Print this page"]
    prose = ["Officials opened the new bridge on Tuesday.", "Share prices rose", "Email newsletters are popular.",
             "The mayor praised the builders."]
    mixed = [furniture[0], prose[0], *furniture[1:4], "Traffic is expected to ease. Read full article", *prose[1:],
             *furniture[4:]]
    expected = [prose[0], "Traffic is expected to ease.", *prose[1:]]
    assert clean_text("\n\n".join(mixed)).split("\n\n") == expected
