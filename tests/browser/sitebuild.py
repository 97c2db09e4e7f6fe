"""Build the fixture site end to end through the CLI and serve it on 127.0.0.1, for browser and validator tests."""
from __future__ import annotations

import functools
import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

TESTS = Path(__file__).resolve().parent.parent
CONTENT = TESTS / "fixtures" / "site_content"
AXE = TESTS / "browser" / "node_modules" / "axe-core" / "axe.min.js"
ARTIFACTS = TESTS / "artifacts"
BUILD_EPOCH = "1795370400"            # 2026-11-22T18:00:00Z, the evening after the newest fixture article
SUB_PATH_BASE = "https://example.org/news/"
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
    "--disable-sync", "--no-first-run", "--disable-quic",
]
# One example of every page type, as a glob under the site root (sorted matches; the first is used).
PAGE_TYPES = {
    "home": "index.html",
    "topic": "topics/science/index.html",
    "article": "articles/narwhal-*/index.html",
    "story": "stories/*/index.html",
    "edition": "editions/2026-11-2*/index.html",
    "editions-index": "editions/index.html",
    "sources": "sources/index.html",
    "search": "search/index.html",
    "404": "404.html",
}
NARWHAL_URL = "https://coast.example.com/news/narwhal-pod"

CONFIG = """\
site:
  title: Fixture Digest
  description: Test digest built from hand-written fixture articles.
  base_url: {base_url}
  language: en
  timezone: UTC
content: [{content}]
feeds:
  - name: Fixture Wire
    url: {feed}
topics:
  - {{name: Politics, slug: politics}}
  - {{name: Business, slug: business}}
  - {{name: Science, slug: science}}
  - {{name: Sport, slug: sport}}
archive: {{path: {archive}}}
"""


def build_fixture_site(workdir: Path, base_url: str) -> Path:
    """Write a config for the fixture articles and feed, run the real CLI offline, return the site folder."""
    from newsdigest.cli import main

    workdir.mkdir(parents=True, exist_ok=True)
    config = workdir / "config.yaml"
    config.write_text(CONFIG.format(base_url=base_url, content=CONTENT, feed=CONTENT / "feeds" / "wire.xml",
                                    archive=workdir / "archive.sqlite"), encoding="utf-8")
    output = workdir / "site"
    with _environment(SOURCE_DATE_EPOCH=BUILD_EPOCH):
        status = main(["--config", str(config), "--output", str(output), "--offline", "--quiet"])
    assert status == 0, f"build failed with exit status {status}"
    return output


@contextmanager
def _environment(**values: str) -> Iterator[None]:
    saved = {key: os.environ.get(key) for key in values}
    os.environ.update(values)
    try:
        yield
    finally:
        for key, old in saved.items():
            if old is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = old


def page_of_type(site: Path, kind: str) -> str:
    """Relative path of one built page of the given type; fails clearly when the build made none."""
    matches = sorted(p.relative_to(site).as_posix() for p in site.glob(PAGE_TYPES[kind]))
    assert matches, f"no {kind} page matching {PAGE_TYPES[kind]} in {site}"
    return matches[0]


class _QuietHandler(SimpleHTTPRequestHandler):
    prefix = "/"

    def log_message(self, format: str, *args: object) -> None:
        pass

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        # Like GitHub Pages or Netlify: a missing path gets the site's own 404.html, with status 404.
        page = Path(self.directory) / "404.html"
        if code != 404 or not page.is_file():
            super().send_error(code, message, explain)
            return
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def translate_path(self, path: str) -> str:
        # Serve the site under the base URL's path, as a host would for https://example.org/news/.
        clean = urlsplit(path).path
        if not clean.startswith(self.prefix):
            return str(Path(self.directory) / "__outside_the_site__")
        return super().translate_path("/" + clean[len(self.prefix):])


@contextmanager
def serve(site: Path, prefix: str = "/") -> Iterator[str]:
    """Serve `site` on 127.0.0.1 under `prefix` in a thread; yields the site's root URL."""
    handler = type("Handler", (_QuietHandler,), {"prefix": prefix})
    handler.extensions_map = {**SimpleHTTPRequestHandler.extensions_map, ".wasm": "application/wasm",
                              ".js": "text/javascript", ".json": "application/json"}
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(site)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}{prefix}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
