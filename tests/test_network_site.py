"""A hostile feed against the whole build (real `python build.py`, a real server on 127.0.0.1, real SQLite):
nothing an internal address answers reaches any built page or feed out, and the sources page names
the kind of failure without quoting responses or internal URLs (those go to the build log only).
"""
from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from datetime import datetime, timezone
from ipaddress import ip_address
from pathlib import Path

import pytest
import yaml
from conftest import skip_or_fail
from httpserver import LocalServer, body, redirect

from newsdigest.archive import Archive
from newsdigest.settings import FeedSettings, FetchSettings
from newsdigest.sources.addresses import AddressPolicy
from newsdigest.sources.ingest import ingest_feeds

ROOT = Path(__file__).resolve().parent.parent
SECRET = "internal-only-7d1e"
SECRET_PAGE = f"""<!doctype html><html><head><title>Admin console</title></head><body><article>
<h1>Internal status page</h1>
<p>{SECRET}: the database password is hunter2 and the admin token is tok-{SECRET}. This paragraph is long
enough for the extractor to keep it as the main text of the page, so if it were fetched it would be published.</p>
<p>A second paragraph about the internal service {SECRET}, with more words so the page reads as an article:
the nightly backup runs at two, the replica lags by a minute, and the on-call rota is on the wiki.</p>
</article></body></html>"""
PUBLIC_TEXT = "The harbour reopened on Thursday morning after engineers finished repairs to the sea wall"
PUBLIC_PAGE = f"""<!doctype html><html><head><title>Harbour reopens</title></head><body><article>
<h1>Harbour reopens</h1><p>{PUBLIC_TEXT}, which had been closed for a week after the storm damaged it.</p>
<p>Fishing boats returned to their moorings by noon, and the ferry company said sailings would resume on
Friday once the last checks on the pier were done. Local traders welcomed the news after a hard week.</p>
</article></body></html>"""
CANARY_KEY = "AKIAIOSFODNN7EXAMPLE"
NOT_A_FEED = f"{CANARY_KEY}\naws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n".encode()


def rss(items: list[tuple[str, str]]) -> bytes:
    entries = "".join(
        f"<item><title>{title}</title><link>{link}</link><guid>{link}#{i}</guid>"
        f"<pubDate>Thu, 26 Nov 2026 0{i}:00:00 GMT</pubDate><description>Teaser {i}.</description></item>"
        for i, (title, link) in enumerate(items))
    return (f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Hostile</title>'
            f"<link>https://hostile.example/</link>{entries}</channel></rss>").encode()


def port_of(server: LocalServer) -> int:
    return int(server.base.rsplit(":", 1)[1])


def write_config(folder: Path, feeds: list[dict], fetch: dict | None = None) -> Path:
    config = {"site": {"title": "Test", "timezone": "UTC"}, "feeds": feeds, "search": False,
              "fetch": {"timeout": 2, "deadline": 4, "retries": 0, **(fetch or {})},
              "archive": {"path": "cache/news.sqlite"}}
    path = folder / "config.yaml"
    path.write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    return path


def build(config: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, str(ROOT / "build.py"), "--config", str(config), "--output",
                           str(config.parent / "site"), *extra],
                          check=False, cwd=config.parent, capture_output=True, text=True, timeout=180)


def site_files_containing(site: Path, needle: str) -> list[str]:
    """Every built file (pages, feeds out, search data) whose bytes contain needle."""
    return sorted(p.relative_to(site).as_posix() for p in site.rglob("*")
                  if p.is_file() and needle.encode() in p.read_bytes())


@pytest.fixture()
def trafilatura_installed() -> None:
    try:
        import trafilatura  # noqa: F401 — full text needs the optional extra; without it nothing is fetched
    except ImportError:
        skip_or_fail("trafilatura (the fulltext extra) is not installed")


@pytest.fixture()
def internal() -> Iterator[LocalServer]:
    with LocalServer() as server:
        server.routes["/secret"] = body(SECRET_PAGE.encode(), "text/html; charset=utf-8")
        server.routes["/bounce"] = redirect("/secret")
        yield server


def test_full_text_links_to_internal_addresses_never_reach_the_site(tmp_path: Path, internal: LocalServer,
                                                                    trafilatura_installed: None) -> None:
    port = port_of(internal)
    links = [f"http://127.0.0.1:{port}/secret", f"http://localhost:{port}/secret", f"http://2130706433:{port}/secret",
             f"http://0x7f.1:{port}/secret", f"http://[::ffff:127.0.0.1]:{port}/secret",
             f"http://127.0.0.1:{port}/bounce"]
    internal.routes["/feed.xml"] = body(rss([(f"Story {i}", link) for i, link in enumerate(links)]))
    # The feed itself is the user's own, on 127.0.0.1, so the config allows it; its links get nothing from that.
    config = write_config(tmp_path, [{"name": "Hostile", "url": internal.url("/feed.xml"), "full_text": True,
                                      "allow_private": True}])
    done = build(config)
    assert done.returncode == 0, done.stderr
    assert [r.path for r in internal.requests] == ["/feed.xml"]
    site = tmp_path / "site"
    assert len(list((site / "articles").glob("*/index.html"))) == len(links)
    assert site_files_containing(site, SECRET) == []
    assert site_files_containing(site, "hunter2") == []
    refused = [line for line in done.stderr.splitlines() if "not fetched: refused: loopback address" in line]
    assert len(refused) == len(links)
    assert not any("allow_private" in line for line in refused)   # no setting opens article links, so none is hinted


def test_full_text_redirect_from_a_public_page_to_internal_is_refused(tmp_path: Path, internal: LocalServer,
                                                                      trafilatura_installed: None) -> None:
    """A public article page (a second local server, treated as public by a test-only policy) redirects
    to the internal service in several spellings; one honest page shows full text does work here."""
    with LocalServer() as public:
        port = port_of(internal)
        targets = [f"http://127.0.0.1:{port}/secret", f"http://localhost:{port}/secret",
                   f"http://2130706433:{port}/secret", f"http://[::ffff:127.0.0.1]:{port}/bounce"]
        items = [(f"Moved story {i}", public.url(f"/story{i}")) for i in range(len(targets))]
        items.append(("Harbour reopens", public.url("/harbour")))
        public.routes.update({f"/story{i}": redirect(target) for i, target in enumerate(targets)})
        public.routes.update({"/feed.xml": body(rss(items)),
                              "/harbour": body(PUBLIC_PAGE.encode(), "text/html; charset=utf-8")})
        config = write_config(tmp_path, [{"name": "Hostile", "url": public.url("/feed.xml"), "full_text": True}])
        policy = AddressPolicy(public_endpoints=frozenset({(ip_address("127.0.0.1"), port_of(public))}))
        feed = FeedSettings(name="Hostile", url=public.url("/feed.xml"), full_text=True)
        with Archive.open(tmp_path / "cache" / "news.sqlite") as archive:
            report = ingest_feeds([feed], archive, FetchSettings(timeout=2, deadline=4, retries=0),
                                  now=datetime.now(timezone.utc), tz=timezone.utc, policy=policy)
        assert report.failures == ()
        assert sum("redirect refused: loopback address" in w for w in report.warnings) == len(targets)
        assert internal.requests == []
        assert all(len(public.hits(f"/story{i}")) == 1 for i in range(len(targets)))
    done = build(config, "--offline")        # the site from what was archived
    assert done.returncode == 0, done.stderr
    site = tmp_path / "site"
    assert site_files_containing(site, SECRET) == []
    assert "articles/" in " ".join(site_files_containing(site, PUBLIC_TEXT))   # the control: full text works


def test_sources_page_names_failures_without_response_bytes_or_internal_urls(tmp_path: Path,
                                                                             internal: LocalServer) -> None:
    def leaky_reason(handler) -> None:  # type: ignore[no-untyped-def]
        handler.send_response(403, f"Forbidden {CANARY_KEY}")
        handler.send_header("Content-Length", "0")
        handler.end_headers()

    internal.routes.update({
        "/keys": body(NOT_A_FEED, "text/plain"),
        "/html": body(b"<!doctype html><html><body>Welcome to the router admin, " + CANARY_KEY.encode()
                      + b"</body></html>", "text/html"),
        # 0.0.0.0 reaches this machine's loopback, so even a broken policy could not leave 127.0.0.1 here
        # (169.254.169.254 is tested in-process, behind a guard on socket.connect: test_network_policy.py).
        "/metadata": redirect(f"http://0.0.0.0:{port_of(internal)}/latest/meta-data/iam/security-credentials/"),
        "/loop-a": redirect("/loop-b-internal-path"), "/loop-b-internal-path": redirect("/loop-a"),
        "/forbidden": leaky_reason,
        # XML without items, served with a header the parser would quote ("… is not an XML media type")
        "/ctype": body(b"<notes>nothing here</notes>", f"application/x-{CANARY_KEY.lower()}"),
    })
    feeds = [{"name": name, "url": internal.url(path)} for name, path in
             [("Keys", "/keys"), ("Html", "/html"), ("Metadata", "/metadata"), ("Loop", "/loop-a"),
              ("Forbidden", "/forbidden"), ("Ctype", "/ctype")]]
    feeds.append({"name": "NotAllowed", "url": f"http://localhost:{port_of(internal)}/keys", "allow_private": False})
    config = write_config(tmp_path, feeds, fetch={"allow_private": True})
    done = build(config)
    assert done.returncode == 0, done.stderr
    site = tmp_path / "site"
    sources = (site / "sources" / "index.html").read_text(encoding="utf-8")
    for reason in ("not a feed (the response is not XML)", "not a feed (the response is HTML)",
                   "redirect refused: unspecified address", "redirect loop", "HTTP 403 Forbidden",
                   "refused: loopback address", "malformed or truncated feed, no items readable (NonXMLContentType)"):
        assert reason in sources, reason
    for leak in (CANARY_KEY, CANARY_KEY.lower(), "wJalrXUtnFEMI", "0.0.0.0", "meta-data", "loop-b-internal-path", "router admin"):
        assert site_files_containing(site, leak) == [], leak
    # The whole story is in the build log, for the person running the build.
    assert CANARY_KEY in done.stderr and "meta-data" in done.stderr and "loop-b-internal-path" in done.stderr
    assert "allow_private: true" in done.stderr
    assert len(internal.hits("/keys")) == 1      # NotAllowed (the same server by name) was never asked
    assert internal.hits("/latest/meta-data/iam/security-credentials/") == []


def test_feed_url_on_loopback_needs_allow_private(tmp_path: Path, internal: LocalServer) -> None:
    internal.routes["/feed.xml"] = body(rss([("Harbour reopens", "https://hostile.example/harbour")]))
    config = write_config(tmp_path, [{"name": "Mine", "url": internal.url("/feed.xml")}])
    refused = build(config)
    assert refused.returncode == 0 and internal.requests == []
    assert "refused: loopback address" in (tmp_path / "site" / "sources" / "index.html").read_text(encoding="utf-8")
    config = write_config(tmp_path, [{"name": "Mine", "url": internal.url("/feed.xml"), "allow_private": True}])
    allowed = build(config)
    assert allowed.returncode == 0, allowed.stderr
    assert len(internal.hits("/feed.xml")) == 1
    assert site_files_containing(tmp_path / "site", "Harbour reopens") != []
