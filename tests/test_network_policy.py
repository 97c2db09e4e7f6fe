"""The network policy: no fetch reaches loopback, private, link-local or reserved addresses unless the
config allows it for a feed URL, and never for an article link — checked on every redirect and on the
address actually connected to.

Every refusal is checked by what did NOT happen: the local test server received no request and no
socket was even asked to connect. A guard on socket.connect records every connect attempt and blocks
any that is not to 127.0.0.1, so even a broken policy could not make these tests reach further.
"""
from __future__ import annotations

import ipaddress
import shutil
import socket
import ssl
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import skip_or_fail
from httpserver import LocalServer, body, redirect

from newsdigest.settings import FetchSettings
from newsdigest.sources import transport
from newsdigest.sources.addresses import AddressPolicy, Reach, classify
from newsdigest.sources.http import Fetcher, FetchError, FetchRequest

FEED = b"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>T</title><link>http://example.com/</link>
<item><title>One</title><link>http://example.com/1</link></item></channel></rss>"""
SECRET = b"internal-service-secret-7d1e: do not publish"
FAST = FetchSettings(timeout=1.0, deadline=3.0, retries=0)
LOOPBACK = ipaddress.ip_address("127.0.0.1")


@pytest.fixture()
def connects(monkeypatch) -> Iterator[list[tuple[str, int]]]:
    """Every address a socket was asked to connect to; anything but 127.0.0.1 is blocked, not attempted."""
    attempts: list[tuple[str, int]] = []
    real_connect = socket.socket.connect

    def guarded(sock: socket.socket, address) -> None:  # type: ignore[no-untyped-def]
        host = str(address[0]) if isinstance(address, tuple) else str(address)
        attempts.append((host, int(address[1]) if isinstance(address, tuple) else 0))
        if host != "127.0.0.1":
            raise ConnectionRefusedError(f"test guard: no connection to {host} from a test")
        real_connect(sock, address)

    monkeypatch.setattr(socket.socket, "connect", guarded)
    yield attempts


@pytest.fixture()
def internal() -> Iterator[LocalServer]:
    """The 'internal service' a hostile feed would like us to read."""
    with LocalServer() as server:
        server.routes["/secret"] = body(SECRET, "text/html")
        server.routes["/feed.xml"] = body(FEED)
        yield server


def port_of(server: LocalServer) -> int:
    return int(server.base.rsplit(":", 1)[1])


# --- classification ------------------------------------------------------------------------------

CLASSIFIED = [
    ("127.0.0.1", Reach.PRIVATE, "loopback"), ("127.255.0.9", Reach.PRIVATE, "loopback"),
    ("10.0.0.1", Reach.PRIVATE, "private"), ("172.31.255.1", Reach.PRIVATE, "private"),
    ("192.168.1.1", Reach.PRIVATE, "private"), ("100.64.0.1", Reach.PRIVATE, "private"),
    ("169.254.169.254", Reach.NEVER, "link-local"), ("0.0.0.0", Reach.NEVER, "unspecified"),
    ("0.1.2.3", Reach.NEVER, "unspecified"), ("224.0.0.1", Reach.NEVER, "multicast"),
    ("255.255.255.255", Reach.NEVER, "reserved"), ("240.0.0.1", Reach.NEVER, "reserved"),
    ("192.0.2.1", Reach.NEVER, "reserved"), ("198.18.0.1", Reach.NEVER, "reserved"),
    ("93.184.216.34", Reach.PUBLIC, "public"), ("172.32.0.1", Reach.PUBLIC, "public"),
    ("::1", Reach.PRIVATE, "loopback"), ("::", Reach.NEVER, "unspecified"),
    ("::ffff:127.0.0.1", Reach.PRIVATE, "loopback"), ("::ffff:7f00:1", Reach.PRIVATE, "loopback"),
    ("::ffff:169.254.169.254", Reach.NEVER, "link-local"), ("::127.0.0.1", Reach.PRIVATE, "loopback"),
    ("::ffff:0:a00:1", Reach.PRIVATE, "private"),                 # IPv4-translated 10.0.0.1
    ("2002:7f00:1::", Reach.PRIVATE, "loopback"),                 # 6to4 of 127.0.0.1
    ("2002:a9fe:a9fe::1", Reach.NEVER, "link-local"),             # 6to4 of 169.254.169.254
    ("64:ff9b::a00:1", Reach.PRIVATE, "private"),                 # NAT64 of 10.0.0.1
    ("64:ff9b::5db8:d822", Reach.PUBLIC, "public"),               # NAT64 of 93.184.216.34
    ("64:ff9b:1::7f00:1", Reach.PRIVATE, "loopback"),             # local-use NAT64 of 127.0.0.1
    ("fe80::1", Reach.NEVER, "link-local"), ("fc00::1", Reach.PRIVATE, "private"),
    ("fd12:3456::1", Reach.PRIVATE, "private"), ("ff02::1", Reach.NEVER, "multicast"),
    ("2001:db8::1", Reach.NEVER, "reserved"), ("2001:0:4136:e378::1", Reach.NEVER, "reserved"),  # Teredo
    ("4000::1", Reach.NEVER, "reserved"), ("2606:4700::1111", Reach.PUBLIC, "public"),
]


@pytest.mark.parametrize("text, reach, kind", CLASSIFIED, ids=[c[0] for c in CLASSIFIED])
def test_every_special_address_is_classified(text: str, reach: Reach, kind: str) -> None:
    verdict = classify(ipaddress.ip_address(text))
    assert (verdict.reach, verdict.kind) == (reach, kind)


def test_allow_private_opens_private_but_never_link_local() -> None:
    policy = AddressPolicy()
    assert policy.refusal(LOOPBACK, 80, allow_private=True) is None
    assert policy.refusal(LOOPBACK, 80, allow_private=False) is not None
    assert policy.refusal(ipaddress.ip_address("169.254.169.254"), 80, allow_private=True) is not None
    assert policy.refusal(ipaddress.ip_address("93.184.216.34"), 80, allow_private=False) is None


# --- refused before any connection ----------------------------------------------------------------

def loopback_spellings(port: int) -> list[str]:
    """The one internal address written every way a URL can write it."""
    return [f"http://127.0.0.1:{port}/secret", f"http://localhost:{port}/secret",
            f"http://2130706433:{port}/secret", f"http://0x7f.1:{port}/secret", f"http://0x7f000001:{port}/secret",
            f"http://017700000001:{port}/secret", f"http://127.1:{port}/secret", f"http://0177.0.0.1:{port}/secret",
            f"http://[::ffff:127.0.0.1]:{port}/secret", f"http://[::ffff:7f00:1]:{port}/secret",
            f"http://[::1]:{port}/secret", f"http://0.0.0.0:{port}/secret", f"http://0:{port}/secret",
            f"http://[2002:7f00:1::]:{port}/secret", f"http://LOCALHOST:{port}/secret",
            f"https://127.0.0.1:{port}/secret"]


def test_article_links_to_loopback_are_refused_in_every_spelling(internal: LocalServer, connects) -> None:
    urls = loopback_spellings(port_of(internal))
    with Fetcher(FAST) as fetcher:
        outcomes = {r.url: o for r, o in fetcher.fetch_many([FetchRequest(url) for url in urls])}
    refused = {url: str(outcome) for url, outcome in outcomes.items() if isinstance(outcome, FetchError)}
    assert sorted(refused) == sorted(urls)
    unspecified = {u for u in urls if "//0.0.0.0:" in u or "//0:" in u}
    invalid = {u for u in urls if "//0177." in u}     # httpx refuses a dotted quad with a leading zero outright
    assert {u for u, text in refused.items() if text == "refused: unspecified address"} == unspecified
    assert {u for u, text in refused.items() if text == "invalid URL"} == invalid
    assert {text for u, text in refused.items() if u not in unspecified | invalid} == {"refused: loopback address"}
    assert internal.requests == [] and connects == []


@pytest.mark.parametrize("url, kind", [
    ("http://10.0.0.1/", "private"), ("http://192.168.0.1:8080/admin", "private"),
    ("http://169.254.169.254/latest/meta-data/", "link-local"), ("http://[fe80::1]/", "link-local"),
    ("http://[::ffff:169.254.169.254]/", "link-local"), ("http://[::ffff:a00:1]/", "private"),
    ("http://[64:ff9b::a9fe:a9fe]/", "link-local"), ("http://224.0.0.251/", "multicast"),
    ("http://[ff02::1]/", "multicast"), ("http://255.255.255.255/", "reserved"), ("http://[fd00::1]/", "private"),
    ("http://2852039166/", "link-local"),   # 169.254.169.254 as one decimal number
])
def test_private_and_special_addresses_are_refused_before_connecting(url: str, kind: str, connects) -> None:
    with Fetcher(FAST) as fetcher, pytest.raises(FetchError) as err:
        fetcher.fetch(url)
    assert str(err.value) == f"refused: {kind} address"
    assert connects == []


def test_allow_private_never_opens_link_local(connects) -> None:
    with Fetcher(FAST) as fetcher, pytest.raises(FetchError) as err:
        fetcher.fetch("http://169.254.169.254/latest/meta-data/", allow_private=True)
    assert str(err.value) == "refused: link-local address"
    assert connects == []


def test_refusal_detail_for_the_log_names_host_address_and_the_setting(internal: LocalServer, connects) -> None:
    with Fetcher(FAST) as fetcher, pytest.raises(FetchError) as err:
        fetcher.fetch(internal.url("/feed.xml"))
    assert str(err.value) == "refused: loopback address"
    assert "127.0.0.1" in err.value.detail and err.value.private_refused
    assert "127.0.0.1" not in str(err.value)
    assert internal.requests == [] and connects == []


def test_non_http_schemes_never_touch_the_network(connects) -> None:
    with Fetcher(FAST) as fetcher:
        for url in ("ftp://127.0.0.1/x", "gopher://127.0.0.1/x", "javascript:alert(1)"):
            with pytest.raises(FetchError, match="unsupported URL scheme"):
                fetcher.fetch(url)
    assert connects == []


# --- allowed, and redirects ------------------------------------------------------------------------

def test_allowed_feed_on_loopback_is_fetched_through_the_vetted_address(internal: LocalServer, connects) -> None:
    with Fetcher(FAST) as fetcher:
        result = fetcher.fetch(f"http://localhost:{port_of(internal)}/feed.xml", allow_private=True)
    assert result.data == FEED
    assert connects == [("127.0.0.1", port_of(internal))]
    assert internal.hits("/feed.xml")[0].headers["host"] == f"localhost:{port_of(internal)}"


def test_allowed_feed_redirecting_to_link_local_is_not_followed(internal: LocalServer, connects) -> None:
    internal.routes["/moved"] = redirect("http://169.254.169.254/latest/meta-data/iam")
    with Fetcher(FAST) as fetcher, pytest.raises(FetchError) as err:
        fetcher.fetch(internal.url("/moved"), allow_private=True)
    assert str(err.value) == "redirect refused: link-local address"
    assert "169.254" not in str(err.value) and "169.254.169.254" in err.value.detail
    assert connects == [("127.0.0.1", port_of(internal))]    # the feed itself, nothing after


def test_allowed_feed_may_move_within_the_private_network(internal: LocalServer, connects) -> None:
    internal.routes["/moved"] = redirect(f"http://localhost:{port_of(internal)}/feed.xml", status=301)
    with Fetcher(FAST) as fetcher:
        result = fetcher.fetch(internal.url("/moved"), allow_private=True)
    assert result.data == FEED and result.moved_to.startswith("http://localhost:")


@pytest.fixture()
def public_site() -> Iterator[LocalServer]:
    """A second local server that the test policy treats as a public web site."""
    with LocalServer() as server:
        yield server


def public_policy(site: LocalServer) -> AddressPolicy:
    return AddressPolicy(public_endpoints=frozenset({(LOOPBACK, port_of(site))}))


@pytest.mark.parametrize("target", ["http://127.0.0.1:{port}/secret", "http://localhost:{port}/secret",
                                    "http://2130706433:{port}/secret", "http://[::ffff:127.0.0.1]:{port}/secret"])
def test_public_page_redirecting_inside_is_refused_even_with_allow_private(
        internal: LocalServer, public_site: LocalServer, connects, target: str) -> None:
    public_site.routes["/story"] = redirect(target.format(port=port_of(internal)))
    for allow_private in (False, True):
        with Fetcher(FAST, policy=public_policy(public_site)) as fetcher, pytest.raises(FetchError) as err:
            fetcher.fetch(public_site.url("/story"), allow_private=allow_private)
        assert str(err.value) == "redirect refused: loopback address"
    assert len(public_site.hits("/story")) == 2
    assert internal.requests == []
    assert {port for _, port in connects} == {port_of(public_site)}


@pytest.mark.parametrize("location, public_text", [
    ("//127.0.0.1:{port}/secret", "redirect refused: loopback address"),       # scheme-relative
    ("http://[::1", "redirect refused: invalid URL"),                          # too broken to parse
    ("http://in valid/", "redirect refused: invalid URL"),                     # never handed to the resolver
    ("http://user@localhost:{port}/secret", "redirect refused: loopback address"),
])
def test_odd_redirect_locations_are_refused(internal: LocalServer, public_site: LocalServer, connects,
                                            location: str, public_text: str) -> None:
    public_site.routes["/story"] = redirect(location.format(port=port_of(internal)))
    with Fetcher(FAST, policy=public_policy(public_site)) as fetcher, pytest.raises(FetchError) as err:
        fetcher.fetch(public_site.url("/story"))
    assert str(err.value) == public_text
    assert internal.requests == []


def test_broken_urls_fail_as_invalid_without_a_connection(connects) -> None:
    with Fetcher(FAST) as fetcher:
        outcomes = dict(fetcher.fetch_many([FetchRequest("http://[::1"), FetchRequest("http://exa mple.com/"),
                                            FetchRequest("http:///path-only"), FetchRequest("http://a:99999/")]))
    assert len(outcomes) == 4
    assert {str(o) for o in outcomes.values()} == {"invalid URL"}
    assert connects == []


def test_public_to_public_redirect_is_followed(public_site: LocalServer) -> None:
    public_site.routes["/old"] = redirect("/feed.xml")
    public_site.routes["/feed.xml"] = body(FEED)
    with Fetcher(FAST, policy=public_policy(public_site)) as fetcher:
        assert fetcher.fetch(public_site.url("/old")).data == FEED


def test_a_name_is_resolved_once_and_the_vetted_address_is_what_is_connected(
        public_site: LocalServer, connects, monkeypatch) -> None:
    """DNS rebinding: the resolver answers a public address first and an internal one on any later ask.
    Only DNS is stood in for here (a rebinding DNS server cannot run inside a test); the connect is real."""
    public_site.routes["/feed.xml"] = body(FEED)
    answers: list[str] = []
    real = socket.getaddrinfo

    def rebinding(host, port, *args, **kwargs):  # type: ignore[no-untyped-def]
        if host != "rebind.invalid":
            return real(host, port, *args, **kwargs)
        answers.append(host)
        address = "127.0.0.1" if len(answers) == 1 else "10.0.0.1"
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (address, port))]

    monkeypatch.setattr(transport.socket, "getaddrinfo", rebinding)
    with Fetcher(FAST, policy=public_policy(public_site)) as fetcher:
        result = fetcher.fetch(f"http://rebind.invalid:{port_of(public_site)}/feed.xml")
    assert result.data == FEED
    assert answers == ["rebind.invalid"]
    assert connects == [("127.0.0.1", port_of(public_site))]


def test_a_name_with_public_and_internal_answers_connects_only_to_the_public_one(
        public_site: LocalServer, connects, monkeypatch) -> None:
    public_site.routes["/feed.xml"] = body(FEED)
    real = socket.getaddrinfo

    def mixed(host, port, *args, **kwargs):  # type: ignore[no-untyped-def]
        if host != "mixed.invalid":
            return real(host, port, *args, **kwargs)
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (a, port)) for a in ("10.0.0.1", "127.0.0.1")]

    monkeypatch.setattr(transport.socket, "getaddrinfo", mixed)
    with Fetcher(FAST, policy=public_policy(public_site)) as fetcher:
        assert fetcher.fetch(f"http://mixed.invalid:{port_of(public_site)}/feed.xml").data == FEED
    assert connects == [("127.0.0.1", port_of(public_site))]


def test_a_slow_name_lookup_is_given_up_at_the_connect_timeout(monkeypatch, connects) -> None:
    """getaddrinfo has no timeout; a feed's own DNS can answer slowly on purpose. Only DNS is stood in for."""
    real = socket.getaddrinfo

    def slow(host, port, *args, **kwargs):  # type: ignore[no-untyped-def]
        if host == "slow.invalid":
            time.sleep(3.0)
            raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")   # no real lookup, ever
        return real(host, port, *args, **kwargs)

    monkeypatch.setattr(transport.socket, "getaddrinfo", slow)
    started = time.monotonic()
    with Fetcher(FetchSettings(timeout=0.3, deadline=1.0, retries=0)) as fetcher, pytest.raises(FetchError) as err:
        fetcher.fetch("http://slow.invalid/feed.xml")
    assert str(err.value) == "timed out (connect timeout 0.3s)"
    assert time.monotonic() - started < 1.5
    assert connects == []


def test_pooled_connection_of_an_allowed_feed_is_not_reused_for_an_article_link(
        internal: LocalServer, connects) -> None:
    with Fetcher(FAST) as fetcher:
        assert fetcher.fetch(internal.url("/feed.xml"), allow_private=True).data == FEED
        with pytest.raises(FetchError, match="refused: loopback address"):
            fetcher.fetch(internal.url("/secret"))
    assert [r.path for r in internal.requests] == ["/feed.xml"]


def test_error_texts_never_carry_the_server_reason_phrase(internal: LocalServer) -> None:
    def custom(handler) -> None:  # type: ignore[no-untyped-def]
        handler.send_response(403, "AKIAIOSFODNN7EXAMPLE leaked")
        handler.send_header("Content-Length", "0")
        handler.end_headers()

    internal.routes["/forbidden"] = custom
    with Fetcher(FAST) as fetcher, pytest.raises(FetchError) as err:
        fetcher.fetch(internal.url("/forbidden"), allow_private=True)
    assert str(err.value) == "HTTP 403 Forbidden"


def test_local_file_errors_publish_no_path(tmp_path: Path) -> None:
    with Fetcher(FAST) as fetcher, pytest.raises(FetchError) as err:
        fetcher.fetch(str(tmp_path / "missing.xml"))
    assert str(err.value) == "cannot read the file (No such file or directory)"
    assert str(tmp_path) in err.value.detail


# --- TLS: the vetted address is connected to, the certificate is still checked against the name -------

@pytest.fixture()
def tls_server(tmp_path: Path, monkeypatch) -> Iterator[LocalServer]:
    """An HTTPS server on 127.0.0.1 whose self-made certificate names only `localhost`, trusted through
    SSL_CERT_FILE (the standard variable; httpx reads it when the Fetcher builds its TLS context)."""
    if shutil.which("openssl") is None:
        skip_or_fail("openssl is not installed")
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=localhost",
                    "-addext", "subjectAltName=DNS:localhost", "-keyout", str(key), "-out", str(cert)],
                   check=True, capture_output=True, timeout=60)
    monkeypatch.setenv("SSL_CERT_FILE", str(cert))
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    server = LocalServer()
    server._server.socket = context.wrap_socket(server._server.socket, server_side=True)
    server.routes["/feed.xml"] = body(FEED)
    with server:
        yield server


def test_https_goes_to_the_vetted_address_and_checks_the_certificate_name(tls_server: LocalServer, connects) -> None:
    port = port_of(tls_server)
    with Fetcher(FAST) as fetcher:
        assert fetcher.fetch(f"https://localhost:{port}/feed.xml", allow_private=True).data == FEED
        with pytest.raises(FetchError) as err:      # same server by address: the certificate does not name it
            fetcher.fetch(f"https://127.0.0.1:{port}/feed.xml", allow_private=True)
    assert str(err.value).startswith("network error: TLS error")
    assert connects == [("127.0.0.1", port), ("127.0.0.1", port)]
    assert [r.path for r in tls_server.requests] == ["/feed.xml"]


def test_https_without_a_trusted_certificate_fails(tls_server: LocalServer, monkeypatch) -> None:
    monkeypatch.delenv("SSL_CERT_FILE")
    with Fetcher(FAST) as fetcher, pytest.raises(FetchError) as err:
        fetcher.fetch(f"https://localhost:{port_of(tls_server)}/feed.xml", allow_private=True)
    assert str(err.value).startswith("network error: TLS error")
    assert tls_server.requests == []
