"""A real threaded HTTP server on 127.0.0.1 for tests: static files with validators, plus scripted routes.

    with LocalServer(static_dir=path) as server:
        server.routes["/slow"] = slow(3.0, b"...")
        url = server.url("/slow")

Every request is recorded in ``server.requests`` (method, path, headers) so tests can check what
the client sent (User-Agent, If-None-Match) and how often it asked.
"""
from __future__ import annotations

import email.utils
import gzip
import hashlib
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit

Handler = Callable[[BaseHTTPRequestHandler], None]


@dataclass
class Recorded:
    method: str
    path: str
    headers: dict[str, str]


@dataclass
class LocalServer:
    """Threaded HTTP server bound to 127.0.0.1 on a free port."""

    static_dir: Path | None = None
    routes: dict[str, Handler] = field(default_factory=dict)
    requests: list[Recorded] = field(default_factory=list)
    content_type: str = "application/rss+xml"

    def __post_init__(self) -> None:
        self._lock = threading.Lock()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), _make_handler(self))
        self._server.daemon_threads = True
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, name="test-http", daemon=True
        )

    def __enter__(self) -> LocalServer:  # noqa: PYI034
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._server.shutdown()
        self._server.server_close()

    @property
    def base(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}"

    def url(self, path: str) -> str:
        return self.base + path

    def record(self, entry: Recorded) -> None:
        with self._lock:
            self.requests.append(entry)

    def hits(self, path: str) -> list[Recorded]:
        with self._lock:
            return [r for r in self.requests if r.path == path]


def _make_handler(server: LocalServer) -> type[BaseHTTPRequestHandler]:
    class RequestHandler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_GET(self) -> None:
            path = unquote(urlsplit(self.path).path)
            entry = Recorded("GET", path, {k.lower(): v for k, v in self.headers.items()})
            server.record(entry)
            handler = server.routes.get(path)
            try:
                if handler is not None:
                    handler(self)
                else:
                    serve_static(self, server, path)
            except (BrokenPipeError, ConnectionResetError):
                pass  # the client gave up (size cap, timeout): exactly what some tests provoke

        def log_message(self, format: str, *args: object) -> None:
            pass

    return RequestHandler


def serve_static(handler: BaseHTTPRequestHandler, server: LocalServer, path: str) -> None:
    """A file from static_dir with ETag and Last-Modified, answering 304 to matching validators."""
    root = server.static_dir
    target = (root / path.lstrip("/")).resolve() if root else None
    if root is None or target is None or not target.is_file() or root.resolve() not in target.parents:
        send(handler, 404, b"not found", "text/plain")
        return
    body = target.read_bytes()
    etag = '"' + hashlib.sha256(body).hexdigest()[:16] + '"'
    last_modified = email.utils.formatdate(target.stat().st_mtime, usegmt=True)
    if handler.headers.get("If-None-Match") == etag or (
        not handler.headers.get("If-None-Match") and handler.headers.get("If-Modified-Since") == last_modified
    ):
        handler.send_response(304)
        handler.send_header("ETag", etag)
        handler.send_header("Content-Length", "0")
        handler.end_headers()
        return
    send(handler, 200, body, server.content_type, {"ETag": etag, "Last-Modified": last_modified})


def send(handler: BaseHTTPRequestHandler, status: int, body: bytes, content_type: str,
         headers: dict[str, str] | None = None) -> None:
    handler.send_response(status)
    handler.send_header("Content-Type", content_type)
    handler.send_header("Content-Length", str(len(body)))
    for name, value in (headers or {}).items():
        handler.send_header(name, value)
    handler.end_headers()
    handler.wfile.write(body)


def body(data: bytes, content_type: str = "application/rss+xml", status: int = 200,
         headers: dict[str, str] | None = None) -> Handler:
    """Always answer with these bytes."""
    return lambda h: send(h, status, data, content_type, headers)


def slow(seconds: float, data: bytes) -> Handler:
    """Wait before answering (a hung server)."""
    def handle(h: BaseHTTPRequestHandler) -> None:
        time.sleep(seconds)
        send(h, 200, data, "application/rss+xml")
    return handle


def trickle(data: bytes, pause: float) -> Handler:
    """Send headers at once, then the body a few bytes at a time (defeats a plain read timeout)."""
    def handle(h: BaseHTTPRequestHandler) -> None:
        h.send_response(200)
        h.send_header("Content-Type", "application/rss+xml")
        h.send_header("Content-Length", str(len(data)))
        h.end_headers()
        for i in range(0, len(data), 16):
            h.wfile.write(data[i:i + 16])
            h.wfile.flush()
            time.sleep(pause)
    return handle


def flaky(failures: int, data: bytes, status: int = 500, retry_after: str | None = None) -> Handler:
    """Answer `status` for the first `failures` requests, then 200 with data."""
    count = {"n": 0}
    lock = threading.Lock()

    def handle(h: BaseHTTPRequestHandler) -> None:
        with lock:
            count["n"] += 1
            failing = count["n"] <= failures
        if failing:
            extra = {"Retry-After": retry_after} if retry_after is not None else {}
            send(h, status, b"try later", "text/plain", extra)
        else:
            send(h, 200, data, "application/rss+xml")
    return handle


def redirect(location: str, status: int = 302) -> Handler:
    def handle(h: BaseHTTPRequestHandler) -> None:
        h.send_response(status)
        h.send_header("Location", location)
        h.send_header("Content-Length", "0")
        h.end_headers()
    return handle


class Huge:
    """Generate `total` bytes on the fly (never held in memory); counts what was actually sent."""

    def __init__(self, total: int, declare_length: bool = False):
        self.total = total
        self.declare_length = declare_length
        self.sent = 0

    def __call__(self, h: BaseHTTPRequestHandler) -> None:
        h.send_response(200)
        h.send_header("Content-Type", "application/rss+xml")
        if self.declare_length:
            h.send_header("Content-Length", str(self.total))
        else:
            h.send_header("Connection", "close")  # body ends when the socket closes
            h.close_connection = True
        h.end_headers()
        chunk = b"<rss><channel>" + b"x" * (64 * 1024 - 14)
        while self.sent < self.total:
            piece = chunk[: self.total - self.sent]
            h.wfile.write(piece)
            self.sent += len(piece)


def gzipped(data: bytes, content_type: str = "application/rss+xml") -> Handler:
    """Answer with a gzip Content-Encoding body."""
    compressed = gzip.compress(data)
    return lambda h: send(h, 200, compressed, content_type, {"Content-Encoding": "gzip"})
