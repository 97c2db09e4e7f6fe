"""`python build.py serve`: build, serve the site on 127.0.0.1, rebuild when an input changes, reload open pages.

Watching is by polling modification times (no platform-specific watcher to install). Open pages
reload through a small script that only the server adds to the HTML it sends: the built files on
disk never contain it. Rebuilds are offline (saving a Markdown file should not fetch thirty feeds);
`--refresh` fetches the feeds on the first build, and typing `r` + Enter fetches them again.
"""
from __future__ import annotations

import re
import sys
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import TextIO

from newsdigest.config import ConfigError, load_config
from newsdigest.progress import Reporter
from newsdigest.settings import Settings
from newsdigest.sources.http import is_local, local_path

RELOAD_PATH = "/__newsdigest/reload.js"
BUILD_PATH = "/__newsdigest/build"
# Polls once a second: a reload within a second or two of saving, for one tiny request per second.
RELOAD_SCRIPT = b"""// Added by `build.py serve` only; the built site has no such script.
(() => {
  const mine = new URL(document.currentScript.src).searchParams.get("build");
  async function check() {
    try {
      const answer = await fetch("/__newsdigest/build", {cache: "no-store"});
      if (answer.ok && (await answer.text()) !== mine) { location.reload(); return; }
    } catch (error) { /* the server is restarting: try again */ }
    setTimeout(check, 1000);
  }
  setTimeout(check, 1000);
})();
"""
_CSP = re.compile(r'(<meta http-equiv="Content-Security-Policy" content=")([^"]*)(")')


@dataclass
class BuildState:
    """The number of the last finished build; pages loaded from an older one reload."""

    generation: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)

    def bump(self) -> None:
        with self.lock:
            self.generation += 1

    def current(self) -> int:
        with self.lock:
            return self.generation


def inject_reload(html: bytes, generation: int) -> bytes:
    """The served copy of a page: the reload script before </body>, and a CSP that lets it run and poll."""
    text = html.decode("utf-8", errors="replace")
    text = _CSP.sub(lambda m: m.group(1) + _allow_reload(m.group(2)) + m.group(3), text, count=1)
    tag = f'<script src="{RELOAD_PATH}?build={generation}"></script>\n'
    at = text.rfind("</body>")
    text = text[:at] + tag + text[at:] if at >= 0 else text + tag
    return text.encode("utf-8")


def _allow_reload(policy: str) -> str:
    """Add 'self' to script-src and connect-src (the theme's CSP has default-src 'none')."""
    for directive in ("script-src", "connect-src"):
        if directive not in policy:
            policy = f"{directive} 'self'; " + policy
    return policy


def make_handler(site: Path, state: BuildState) -> type[SimpleHTTPRequestHandler]:
    class Handler(SimpleHTTPRequestHandler):
        def do_GET(self) -> None:
            path = self.path.split("?", 1)[0]
            if path == RELOAD_PATH:
                self._send(200, RELOAD_SCRIPT, "text/javascript; charset=utf-8")
            elif path == BUILD_PATH:
                self._send(200, str(state.current()).encode(), "text/plain; charset=utf-8")
            else:
                self._page_or_file()

        def _page_or_file(self) -> None:
            target = Path(self.translate_path(self.path))
            if target.is_dir():
                target = target / "index.html"
            if target.suffix == ".html" and target.is_file():
                self._send(200, inject_reload(target.read_bytes(), state.current()), "text/html; charset=utf-8")
            elif not target.exists() and (site / "404.html").is_file():
                self._send(404, inject_reload((site / "404.html").read_bytes(), state.current()),
                           "text/html; charset=utf-8")
            else:
                super().do_GET()

        def _send(self, status: int, body: bytes, content_type: str) -> None:
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Cache-Control", "no-store")
            self.end_headers()
            self.wfile.write(body)

        def end_headers(self) -> None:
            self.send_header("Cache-Control", "no-store")   # a preview must never show yesterday's CSS
            super().end_headers()

        def log_message(self, format: str, *args: object) -> None:
            pass

    # Pagefind streams WebAssembly, which browsers accept only as application/wasm.
    Handler.extensions_map = {**SimpleHTTPRequestHandler.extensions_map, ".wasm": "application/wasm",
                              ".js": "text/javascript", ".json": "application/json"}
    return partial(Handler, directory=str(site))  # type: ignore[return-value]


def watched_files(settings: Settings) -> list[Path]:
    """Everything a build reads from disk besides the archive: config, content, local feeds, templates."""
    from newsdigest.site.render import theme_dirs  # the site package is heavy; imported once serving starts

    folders = [*settings.content, *theme_dirs(settings)]
    files = [settings.config_path]
    files += [local_path(feed.url) for feed in settings.feeds if is_local(feed.url)]
    for folder in folders:
        if folder.is_dir():
            files += [p for p in folder.rglob("*") if p.is_file() and not p.name.startswith(".")]
    return files


def snapshot(paths: Iterable[Path]) -> dict[Path, tuple[int, int]]:
    """(mtime, size) per file; a file that vanished between listing and stat simply drops out."""
    found: dict[Path, tuple[int, int]] = {}
    for path in paths:
        try:
            info = path.stat()
        except OSError:
            continue
        found[path] = (info.st_mtime_ns, info.st_size)
    return found


@dataclass
class Server:
    """The preview: one builder thread, one HTTP server, one watcher loop."""

    config: str
    output: Path | None
    port: int
    refresh: bool
    reporter: Reporter
    interval: float = 0.5
    out: TextIO = field(default_factory=lambda: sys.stdout)
    state: BuildState = field(default_factory=BuildState)
    refresh_requested: threading.Event = field(default_factory=threading.Event)

    def build(self, online: bool) -> Settings | None:
        """One build; a broken config or template is reported and the last good site stays served."""
        from newsdigest.pipeline import run_build

        try:
            settings = load_config(self.config)
        except ConfigError as exc:
            for line in exc.errors:
                print(f"error: {line}", file=sys.stderr)
            print("error: the config is invalid; still serving the last good build", file=sys.stderr)
            return None
        try:
            result = run_build(settings, output=self.output, offline=not online, reporter=self.reporter)
        except Exception as exc:  # noqa: BLE001 — any failure must leave the preview running on the last site
            print(f"error: build failed: {type(exc).__name__}: {exc}; still serving the last good build",
                  file=sys.stderr)
            return settings
        self.state.bump()
        print(f"Built {result.articles} articles, {result.pages} pages in {result.seconds:.1f} s"
              f"{' (feeds fetched)' if online else ''}", file=self.out, flush=True)
        return settings

    def run(self, stop: threading.Event | None = None) -> int:
        """Serve until Ctrl+C (or `stop` is set, for tests)."""
        stop = stop or threading.Event()
        # The files as they were before the first build: an edit made while it runs still counts.
        try:
            seen = snapshot(watched_files(load_config(self.config)))
        except ConfigError:
            seen = {}
        settings = self.build(online=self.refresh)
        if settings is None:
            return 2
        site = (self.output or settings.output).resolve()
        try:
            httpd = ThreadingHTTPServer(("127.0.0.1", self.port), make_handler(site, self.state))
        except OSError as exc:
            print(f"error: cannot listen on 127.0.0.1:{self.port} ({exc.strerror}); pass --port N "
                  "(--port 0 picks a free port)", file=sys.stderr)
            return 1
        httpd.daemon_threads = True
        threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.2}, daemon=True).start()
        print(f"Serving {site} at http://127.0.0.1:{httpd.server_address[1]}/ — edits rebuild offline; "
              "type r + Enter to fetch feeds; Ctrl+C stops", file=self.out, flush=True)
        threading.Thread(target=self._read_keys, daemon=True).start()
        try:
            self._watch(settings, stop, seen)
        except KeyboardInterrupt:
            pass
        finally:
            httpd.shutdown()
            httpd.server_close()
        return 0

    def _watch(self, settings: Settings, stop: threading.Event, seen: dict[Path, tuple[int, int]]) -> None:
        while not stop.wait(self.interval):
            now = snapshot(watched_files(settings))
            online = self.refresh_requested.is_set()
            if now == seen and not online:
                continue
            self.refresh_requested.clear()
            time.sleep(self.interval / 2)            # editors write in steps: let the save finish
            seen = snapshot(watched_files(settings))  # taken before the build, for the same reason as above
            settings = self.build(online=online) or settings

    def _read_keys(self, read: Callable[[], str] | None = None) -> None:
        """`r` + Enter asks for a build that fetches the feeds; end of input just stops listening."""
        read = read or sys.stdin.readline
        while True:
            try:
                line = read()
            except (OSError, ValueError):
                return
            if not line:
                return
            if line.strip().lower() == "r":
                self.refresh_requested.set()
