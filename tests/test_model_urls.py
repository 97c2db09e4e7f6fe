"""URL helpers: canonical URLs for de-duplication, file-safe slugs, stable ids."""
from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from newsdigest.urls import article_id, canonical_url, short_hash, slugify

SLUG = re.compile(r"^(?:[a-z0-9]+(?:-[a-z0-9]+)*)?$")


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://news.example/a?utm_source=rss&utm_medium=feed&utm_campaign=x", "https://news.example/a"),
        ("https://news.example/a?UTM_Source=rss", "https://news.example/a"),
        ("https://news.example/a?fbclid=IwAR0abc", "https://news.example/a"),
        ("https://news.example/a?gclid=1&mc_cid=2&mc_eid=3&igshid=4", "https://news.example/a"),
        ("https://news.example/a#comments", "https://news.example/a"),
        ("https://news.example/a?id=7#top", "https://news.example/a?id=7"),
        ("https://news.example:443/a", "https://news.example/a"),
        ("http://news.example:80/a", "http://news.example/a"),
        ("http://news.example:8080/a", "http://news.example:8080/a"),
        ("https://news.example:80/a", "https://news.example:80/a"),
        ("HTTPS://News.Example/Path/Story", "https://news.example/Path/Story"),
        ("https://news.example", "https://news.example/"),
        ("  https://news.example/a  ", "https://news.example/a"),
    ],
)
def test_canonical_url_drops_tracking_fragment_and_default_port(url: str, expected: str) -> None:
    assert canonical_url(url) == expected


def test_canonical_url_keeps_ipv6_brackets() -> None:
    # Without them "http://[::1]:8080/a" became "http://::1:8080/a", which no client can parse.
    assert canonical_url("http://[::FFFF:127.0.0.1]:8080/a#x") == "http://[::ffff:127.0.0.1]:8080/a"
    assert canonical_url("https://[2606:4700::1111]:443/") == "https://[2606:4700::1111]/"


def test_canonical_url_keeps_content_parameters_in_order() -> None:
    url = "https://news.example/story?id=42&utm_source=x&page=2&fbclid=y&q=harbour+pier&tag=a&tag=b&empty="
    assert canonical_url(url) == "https://news.example/story?id=42&page=2&q=harbour+pier&tag=a&tag=b&empty="


def test_canonical_url_keeps_percent_encoded_values() -> None:
    assert canonical_url("https://news.example/s?q=caf%C3%A9&utm_term=x") == "https://news.example/s?q=caf%C3%A9"


def test_same_article_from_two_feeds_gets_one_canonical_url() -> None:
    from_rss = "http://NEWS.example:80/2024/pier?utm_source=rss&utm_medium=feed"
    from_social = "http://news.example/2024/pier?fbclid=abc#share"
    assert canonical_url(from_rss) == canonical_url(from_social) == "http://news.example/2024/pier"


@pytest.mark.parametrize("url", ["", "   ", "mailto:desk@news.example", "urn:uuid:1234", "/relative/path"])
def test_canonical_url_leaves_non_web_urls_alone(url: str) -> None:
    assert canonical_url(url) == url.strip()


@given(
    st.sampled_from(["http", "https", "HTTP"]),
    st.sampled_from(["news.example", "NEWS.Example", "news.example:443", "news.example:80", "news.example:8443"]),
    st.text(alphabet="abcXYZ019/-_.", max_size=20),
    st.lists(
        st.tuples(st.sampled_from(["id", "page", "utm_source", "fbclid", "q", "gclid"]), st.text("ab1 é", max_size=5)),
        max_size=5,
    ),
    st.text(alphabet="abc", max_size=5),
)
def test_canonical_url_is_idempotent_and_tracking_free(
    scheme: str, host: str, path: str, params: list[tuple[str, str]], fragment: str
) -> None:
    query = "&".join(f"{key}={value}" for key, value in params)
    url = f"{scheme}://{host}/{path}?{query}#{fragment}"
    once = canonical_url(url)
    assert canonical_url(once) == once
    assert "#" not in once and "utm_" not in once and "fbclid" not in once and "gclid" not in once
    assert once.startswith(("http://", "https://"))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Council Votes to Rebuild the Pier", "council-votes-to-rebuild-the-pier"),
        ("Café déjà vu à Zürich", "cafe-deja-vu-a-zurich"),
        ("  --Hello,   World!--  ", "hello-world"),
        ("Ça coûte 3 000 €", "ca-coute-3-000"),
        ("!!!", ""),
        ("Ελληνικά", ""),
    ],
)
def test_slugify_ascii_folds_to_hyphenated_words(text: str, expected: str) -> None:
    assert slugify(text) == expected


def test_slugify_bounds_length_without_a_trailing_hyphen() -> None:
    slug = slugify("harbour " * 30)
    assert len(slug) <= 60 and not slug.endswith("-")
    assert slug == "-".join(["harbour"] * 7) + "-harb"  # cut at the bound, even mid-word
    assert slugify("a" * 100, max_length=10) == "a" * 10


@given(st.text(max_size=200), st.integers(min_value=1, max_value=80))
def test_slugify_is_always_file_safe_and_bounded(text: str, max_length: int) -> None:
    slug = slugify(text, max_length)
    assert len(slug) <= max_length
    assert SLUG.match(slug)


def test_article_id_is_a_fixed_16_hex_digest() -> None:
    # pinned value: ids name archive rows and output files, so they must never change between releases
    assert article_id("https://news.example/2024/pier") == "41933a60954ef329"
    assert re.fullmatch(r"[0-9a-f]{16}", article_id("guid:1234"))
    assert article_id("a") != article_id("b")
    assert short_hash("x") == "2d711642b7" and len(short_hash("x", 4)) == 4


def test_article_id_does_not_depend_on_the_hash_seed(root: Path) -> None:
    code = "from newsdigest.urls import article_id; print(article_id('https://news.example/2024/pier'))"
    ids = {
        subprocess.run(
            [sys.executable, "-c", code], env={"PYTHONHASHSEED": seed}, cwd=root, capture_output=True, text=True,
            check=True,
        ).stdout.strip()
        for seed in ("1", "2", "3")
    }
    assert ids == {article_id("https://news.example/2024/pier")}


def test_canonical_url_keeps_a_link_with_a_garbled_port_instead_of_raising():
    assert canonical_url("http://example.org:80x/story") == "http://example.org:80x/story"


def test_canonical_url_drops_webtrekk_tracking_parameters():
    assert canonical_url("https://example.de/a?wt_mc=rss.feed&id=3") == "https://example.de/a?id=3"
