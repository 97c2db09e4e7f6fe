"""The fetcher against a real HTTP server on 127.0.0.1: validators, limits, retries, redirects, encodings."""
from __future__ import annotations

import email.utils
import gzip
import threading
import time
import zlib
from pathlib import Path

import pytest
from httpserver import Huge, LocalServer, body, flaky, gzipped, redirect, slow, trickle

from newsdigest import USER_AGENT
from newsdigest.settings import FetchSettings
from newsdigest.sources.http import Fetcher, FetchError, FetchRequest, read_local

FEED = b"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>T</title><link>http://example.com/</link>
<item><title>One</title><link>http://example.com/1</link></item></channel></rss>"""

FAST = FetchSettings(timeout=0.5, deadline=2.0, retries=2, max_bytes=1_000_000)


@pytest.fixture()
def server(tmp_path: Path):
    (tmp_path / "feed.xml").write_bytes(FEED)
    with LocalServer(static_dir=tmp_path) as srv:
        yield srv


def test_second_fetch_sends_validators_and_gets_304(server: LocalServer) -> None:
    with Fetcher(FAST) as fetcher:
        first = fetcher.fetch(server.url("/feed.xml"), allow_private=True)
        second = fetcher.fetch(server.url("/feed.xml"), allow_private=True, etag=first.etag, last_modified=first.last_modified)
    assert first.status == 200 and first.data == FEED and first.etag.startswith('"')
    assert second.not_modified and second.data == b""
    sent = server.hits("/feed.xml")[1].headers
    assert sent["if-none-match"] == first.etag
    assert sent["if-modified-since"] == first.last_modified


def test_last_modified_alone_gives_304(server: LocalServer) -> None:
    with Fetcher(FAST) as fetcher:
        first = fetcher.fetch(server.url("/feed.xml"), allow_private=True)
        second = fetcher.fetch(server.url("/feed.xml"), allow_private=True, last_modified=first.last_modified)
    assert second.status == 304


def test_user_agent_and_accept_encoding_are_sent(server: LocalServer) -> None:
    with Fetcher(FAST) as fetcher:
        fetcher.fetch(server.url("/feed.xml"), allow_private=True)
    headers = server.hits("/feed.xml")[0].headers
    assert headers["user-agent"] == USER_AGENT
    assert "newsdigest" in headers["user-agent"]
    assert "gzip" in headers["accept-encoding"] and "deflate" in headers["accept-encoding"]


def test_gzip_body_is_decompressed(server: LocalServer) -> None:
    server.routes["/gz"] = gzipped(FEED)
    with Fetcher(FAST) as fetcher:
        result = fetcher.fetch(server.url("/gz"), allow_private=True)
    assert result.data == FEED


def test_slow_server_hits_the_timeout_quickly(server: LocalServer) -> None:
    server.routes["/slow"] = slow(3.0, FEED)
    started = time.monotonic()
    with Fetcher(FetchSettings(timeout=0.3, deadline=1.0, retries=0)) as fetcher, pytest.raises(FetchError) as err:
        fetcher.fetch(server.url("/slow"), allow_private=True)
    assert "timed out" in str(err.value)
    assert time.monotonic() - started < 1.5


def test_trickling_body_hits_the_overall_deadline(server: LocalServer) -> None:
    # Each read succeeds within the read timeout, so only the per-feed deadline can stop it.
    server.routes["/trickle"] = trickle(FEED * 4, pause=0.05)
    started = time.monotonic()
    with Fetcher(FetchSettings(timeout=0.5, deadline=0.6, retries=0)) as fetcher, pytest.raises(FetchError) as err:
        fetcher.fetch(server.url("/trickle"), allow_private=True)
    assert "deadline" in str(err.value)
    assert time.monotonic() - started < 1.5


def test_500_then_200_is_retried(server: LocalServer) -> None:
    server.routes["/flaky"] = flaky(1, FEED, status=500)
    with Fetcher(FAST, backoff=0.05) as fetcher:
        result = fetcher.fetch(server.url("/flaky"), allow_private=True)
    assert result.data == FEED and result.attempts == 2
    assert len(server.hits("/flaky")) == 2


def test_retries_give_up_with_the_last_status(server: LocalServer) -> None:
    server.routes["/down"] = flaky(99, FEED, status=503)
    with Fetcher(FAST, backoff=0.05) as fetcher, pytest.raises(FetchError) as err:
        fetcher.fetch(server.url("/down"), allow_private=True)
    assert "HTTP 503" in str(err.value) and "3 attempts" in str(err.value)
    assert len(server.hits("/down")) == 3


def test_429_retry_after_is_honoured(server: LocalServer) -> None:
    server.routes["/busy"] = flaky(1, FEED, status=429, retry_after="1")
    started = time.monotonic()
    with Fetcher(FetchSettings(timeout=0.5, deadline=3.0, retries=1), backoff=0.01) as fetcher:
        result = fetcher.fetch(server.url("/busy"), allow_private=True)
    assert result.data == FEED
    assert 0.9 <= time.monotonic() - started < 2.5


def test_retry_after_beyond_the_deadline_fails_at_once(server: LocalServer) -> None:
    server.routes["/later"] = flaky(1, FEED, status=429, retry_after="3600")
    started = time.monotonic()
    with Fetcher(FAST) as fetcher, pytest.raises(FetchError) as err:
        fetcher.fetch(server.url("/later"), allow_private=True)
    assert "429" in str(err.value) and "deadline" in str(err.value)
    assert time.monotonic() - started < 1.0


def test_client_errors_are_not_retried(server: LocalServer) -> None:
    with Fetcher(FAST) as fetcher, pytest.raises(FetchError) as err:
        fetcher.fetch(server.url("/missing.xml"), allow_private=True)
    assert str(err.value) == "HTTP 404 Not Found"
    assert len(server.hits("/missing.xml")) == 1


def test_redirect_loop_is_detected(server: LocalServer) -> None:
    server.routes["/a"] = redirect("/b")
    server.routes["/b"] = redirect("/a")
    with Fetcher(FAST) as fetcher, pytest.raises(FetchError) as err:
        fetcher.fetch(server.url("/a"), allow_private=True)
    assert "redirect loop" in str(err.value)
    assert len(server.hits("/a")) == 1 and len(server.hits("/b")) == 1


def test_redirect_chain_longer_than_the_limit_fails(server: LocalServer) -> None:
    for i in range(6):
        server.routes[f"/r{i}"] = redirect(f"/r{i + 1}")
    server.routes["/r6"] = body(FEED)
    with Fetcher(FetchSettings(timeout=0.5, deadline=2.0, max_redirects=3)) as fetcher, \
            pytest.raises(FetchError) as err:
        fetcher.fetch(server.url("/r0"), allow_private=True)
    assert "too many redirects" in str(err.value)
    assert not server.hits("/r5")


def test_permanent_redirect_is_followed_and_reported(server: LocalServer) -> None:
    server.routes["/old"] = redirect("/feed.xml", status=301)
    with Fetcher(FAST) as fetcher:
        result = fetcher.fetch(server.url("/old"), allow_private=True)
    assert result.data == FEED
    assert result.moved_to == server.url("/feed.xml")
    assert result.final_url == server.url("/feed.xml")


def test_50_mb_body_stops_at_the_cap_without_reading_it_all(server: LocalServer) -> None:
    huge = Huge(50 * 1024 * 1024)
    server.routes["/huge"] = huge
    with Fetcher(FetchSettings(timeout=2.0, deadline=10.0, max_bytes=1_000_000)) as fetcher, \
            pytest.raises(FetchError) as err:
        fetcher.fetch(server.url("/huge"), allow_private=True)
    assert "too large" in str(err.value)
    time.sleep(0.2)
    assert huge.sent < 20 * 1024 * 1024  # the client hung up long before 50 MB


def test_declared_oversize_body_is_refused_before_reading(server: LocalServer) -> None:
    huge = Huge(50 * 1024 * 1024, declare_length=True)
    server.routes["/declared"] = huge
    with Fetcher(FetchSettings(timeout=2.0, deadline=10.0, max_bytes=1_000_000)) as fetcher, \
            pytest.raises(FetchError) as err:
        fetcher.fetch(server.url("/declared"), allow_private=True)
    assert "52,428,800 bytes declared" in str(err.value)


def test_gzip_bomb_is_capped_on_decompressed_size(server: LocalServer) -> None:
    bomb = b"<rss>" + b" " * 5_000_000
    server.routes["/bomb"] = gzipped(bomb)
    assert len(gzip.compress(bomb)) < 100_000
    with Fetcher(FetchSettings(max_bytes=1_000_000)) as fetcher, pytest.raises(FetchError) as err:
        fetcher.fetch(server.url("/bomb"), allow_private=True)
    assert "too large" in str(err.value)


def test_connection_refused_is_a_clear_failure() -> None:
    with LocalServer() as srv:
        url = srv.url("/gone")
    with Fetcher(FetchSettings(timeout=0.5, deadline=2.0, retries=1), backoff=0.05) as fetcher, \
            pytest.raises(FetchError) as err:
        fetcher.fetch(url, allow_private=True)
    assert "network error" in str(err.value)


def test_local_path_and_file_url_go_through_the_same_fetch(tmp_path: Path) -> None:
    path = tmp_path / "local feed.xml"
    path.write_bytes(FEED)
    with Fetcher(FAST) as fetcher:
        by_path = fetcher.fetch(str(path))
        by_url = fetcher.fetch(path.as_uri())
        unchanged = fetcher.fetch(str(path), etag=by_path.etag)
    assert by_path.data == FEED == by_url.data
    assert by_path.etag == by_url.etag
    assert unchanged.not_modified


def test_local_file_errors_and_size_cap(tmp_path: Path) -> None:
    with pytest.raises(FetchError, match="cannot read"):
        read_local(str(tmp_path / "nope.xml"), 1000)
    big = tmp_path / "big.xml"
    big.write_bytes(b"x" * 2000)
    with pytest.raises(FetchError, match="file too large"):
        read_local(str(big), 1000)


def test_feeds_are_fetched_concurrently_but_politely_per_host(server: LocalServer) -> None:
    active = {"now": 0, "max": 0}
    lock = threading.Lock()

    def counting(handler) -> None:
        with lock:
            active["now"] += 1
            active["max"] = max(active["max"], active["now"])
        time.sleep(0.5)
        with lock:
            active["now"] -= 1
        body(FEED)(handler)

    for i in range(6):
        server.routes[f"/c{i}"] = counting
    requests = [FetchRequest(server.url(f"/c{i}"), allow_private=True) for i in range(6)]
    started = time.monotonic()
    with Fetcher(FetchSettings(timeout=2.0, deadline=5.0, concurrency=8, per_host=2)) as fetcher:
        outcomes = list(fetcher.fetch_many(requests))
    assert len(outcomes) == 6 and all(not isinstance(o, FetchError) for _, o in outcomes)
    assert active["max"] == 2            # per_host caps one host even with 8 workers
    assert time.monotonic() - started < 2.6   # 3 waves of 0.5 s, not 6 in a row (3 s)


def test_per_host_one_serialises_a_host(server: LocalServer) -> None:
    server.routes["/s"] = slow(0.2, FEED)
    started = time.monotonic()
    with Fetcher(FetchSettings(timeout=2.0, deadline=5.0, per_host=1)) as fetcher:
        outcomes = list(fetcher.fetch_many([FetchRequest(server.url("/s"), allow_private=True)] * 3))
    assert all(not isinstance(o, FetchError) for _, o in outcomes)
    assert time.monotonic() - started >= 0.6


def test_one_failure_does_not_stop_fetch_many(server: LocalServer) -> None:
    server.routes["/slow"] = slow(2.0, FEED)
    requests = [FetchRequest(server.url("/slow"), allow_private=True), FetchRequest(server.url("/feed.xml"), allow_private=True), FetchRequest("ftp://x/y")]
    with Fetcher(FetchSettings(timeout=0.3, deadline=1.0, retries=0)) as fetcher:
        outcomes = {r.url: o for r, o in fetcher.fetch_many(requests)}
    assert isinstance(outcomes[server.url("/slow")], FetchError)
    assert outcomes[server.url("/feed.xml")].data == FEED
    assert "unsupported URL scheme" in str(outcomes["ftp://x/y"])


def test_deflate_body_is_decompressed(server: LocalServer) -> None:
    server.routes["/deflate"] = body(zlib.compress(FEED), headers={"Content-Encoding": "deflate"})
    with Fetcher(FAST) as fetcher:
        assert fetcher.fetch(server.url("/deflate"), allow_private=True).data == FEED


def test_retry_after_as_http_date(server: LocalServer) -> None:
    when = email.utils.formatdate(time.time() + 2, usegmt=True)  # whole seconds: the wait is 1–2 s
    server.routes["/dated"] = flaky(1, FEED, status=503, retry_after=when)
    started = time.monotonic()
    with Fetcher(FetchSettings(timeout=0.5, deadline=5.0, retries=1), backoff=0.01) as fetcher:
        assert fetcher.fetch(server.url("/dated"), allow_private=True).data == FEED
    assert 0.9 <= time.monotonic() - started < 3.5


def test_redirect_to_a_local_file_is_refused(server: LocalServer, tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("do not read")
    server.routes["/sneaky"] = redirect(secret.as_uri())
    with Fetcher(FAST) as fetcher, pytest.raises(FetchError) as err:
        fetcher.fetch(server.url("/sneaky"), allow_private=True)
    assert str(err.value) == "redirect refused: not an http(s) URL"   # what the sources page may show
    assert "non-HTTP" in err.value.detail and secret.as_uri() in err.value.detail and str(secret) not in str(err.value)
