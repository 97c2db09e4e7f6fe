"""Fetch feeds and pages with hard limits: timeouts, a per-feed deadline, a size cap, redirects, retries.

feedparser never touches the network; everything goes through `Fetcher`, including local
paths and file: URLs, so one code path returns bytes plus validators for every kind of feed.

This is also the one network policy. Only http and https go over the network; every connect,
redirects included, goes to an address `AddressPolicy` allows (see sources/transport.py for how
the check and the connect are one step). Loopback and private-network addresses are open only
to a request made with allow_private (a feed URL the config allows) — never to article links —
and a redirect chain that has touched a public address never goes private again.

A FetchError's str() names the kind of failure and is safe to publish on the sources page; its
`detail` (URLs, addresses, library messages) is for the build log only.
"""
from __future__ import annotations

import email.utils
import http
import ipaddress
import re
import ssl
import threading
import time
from collections.abc import Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass, replace
from datetime import datetime, timezone
from pathlib import Path
from urllib.parse import urljoin, urlsplit
from urllib.request import url2pathname

import httpx

from newsdigest import USER_AGENT
from newsdigest.settings import FetchSettings
from newsdigest.sources.addresses import AddressPolicy, Reach
from newsdigest.sources.transport import AddressRefused, VettedTransport

# Characters no host name has: whitespace, controls and URL delimiters (IDN letters are fine).
BAD_HOST_CHARS = re.compile(r"[\s\x00-\x1f\x7f\\<>\"`{}|^]")
REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
MAX_RETRY_WAIT = 30.0          # never sleep longer than this for one Retry-After, whatever the server asks
BACKOFF_BASE = 0.5             # seconds; doubles per attempt
ACCEPT = "application/rss+xml, application/atom+xml, application/rdf+xml, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5"


class FetchError(Exception):
    """A fetch that failed. str() is the kind of failure, fit to publish; `detail` is the full story for the log."""

    def __init__(self, public: str, detail: str = "", *, private_refused: bool = False):
        super().__init__(public)
        self.public = public
        self.detail = detail or public
        self.private_refused = private_refused   # refused as loopback/private: allow_private would open it


@dataclass(frozen=True)
class FetchResult:
    """Bytes and validators of one successful fetch (or a 304)."""

    url: str
    final_url: str
    status: int                    # HTTP status; 200 for a local file read, 304 when unchanged
    data: bytes = b""
    content_type: str = ""
    etag: str = ""
    last_modified: str = ""
    moved_to: str = ""             # target of a permanent redirect, so the user can update the config
    attempts: int = 1

    @property
    def not_modified(self) -> bool:
        return self.status == 304


@dataclass(frozen=True)
class FetchRequest:
    """One URL to fetch, with the validators remembered from last time."""

    url: str
    etag: str = ""
    last_modified: str = ""
    allow_private: bool = False    # True only for a feed URL the config allows to be on a private network


@dataclass(frozen=True)
class _Redirect:
    status: int
    location: str
    from_private: bool             # the answering server was on a loopback/private address


def is_local(url: str) -> bool:
    """True for file: URLs and filesystem paths (absolute or relative)."""
    try:
        scheme = urlsplit(url).scheme.lower()
    except ValueError:      # "http://[::1" — a broken web URL, not a path
        return False
    return scheme == "file" or scheme == "" or (len(scheme) == 1 and url[1:3] in (":\\", ":/"))


def local_path(url: str) -> Path:
    """Filesystem path of a file: URL or a plain path."""
    parts = urlsplit(url)
    if parts.scheme.lower() == "file":
        return Path(url2pathname(parts.path))
    return Path(url)


class Fetcher:
    """Thread-safe fetcher sharing its connection pools across threads; use as a context manager."""

    def __init__(self, settings: FetchSettings, *, user_agent: str = USER_AGENT, backoff: float = BACKOFF_BASE,
                 policy: AddressPolicy | None = None):
        self.settings = settings
        self.backoff = backoff
        self.policy = policy or AddressPolicy()
        # Two pools, so a connection opened for a private-allowed feed is never reused by a request
        # that may not go there (a full-text link to the same intranet host, say).
        tls = httpx.create_ssl_context()   # ~50 ms to load the CA bundle: once, shared by both pools
        self._clients = {allow: self._client(user_agent, tls, allow_private=allow) for allow in (False, True)}
        self._host_slots: dict[str, threading.Semaphore] = {}
        self._lock = threading.Lock()

    def __enter__(self) -> Fetcher:  # noqa: PYI034 — Self needs 3.11, project supports 3.10
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _client(self, user_agent: str, tls: ssl.SSLContext, *, allow_private: bool) -> httpx.Client:
        connections = max(1, self.settings.concurrency) * 2
        return httpx.Client(
            headers={"User-Agent": user_agent, "Accept": ACCEPT, "Accept-Encoding": "gzip, deflate"},
            follow_redirects=False,
            transport=VettedTransport(self.policy, allow_private=allow_private, max_connections=connections,
                                      ssl_context=tls),
            timeout=self.settings.timeout,
            trust_env=False,  # no proxy from the environment (it would resolve hosts past the policy), no .netrc
        )

    def close(self) -> None:
        for client in self._clients.values():
            client.close()

    def fetch(self, url: str, *, etag: str = "", last_modified: str = "", allow_private: bool = False) -> FetchResult:
        """Fetch one URL or local file within the per-feed deadline; raise FetchError with the reason.

        allow_private opens loopback and private-network addresses to this URL (a feed the config allows)."""
        if is_local(url):
            return read_local(url, self.settings.max_bytes, etag=etag)
        problem = url_problem(url)
        if problem:
            raise FetchError(problem, f"{problem}: {url[:200]}")
        with self._slot(url):
            deadline = time.monotonic() + self.settings.deadline
            return self._fetch_with_retries(url, etag, last_modified, deadline, allow_private)

    def fetch_many(self, requests: Sequence[FetchRequest]) -> Iterator[tuple[FetchRequest, FetchResult | FetchError]]:
        """Fetch several URLs at once (settings.concurrency); yield each outcome as it completes."""
        if not requests:
            return
        with ThreadPoolExecutor(max_workers=max(1, self.settings.concurrency), thread_name_prefix="fetch") as pool:
            pending: dict[Future[FetchResult], FetchRequest] = {
                pool.submit(self.fetch, r.url, etag=r.etag, last_modified=r.last_modified,
                            allow_private=r.allow_private): r for r in requests
            }
            while pending:
                done, _ = wait(pending, return_when=FIRST_COMPLETED)
                for future in done:
                    request = pending.pop(future)
                    yield request, _outcome(future)

    def _slot(self, url: str) -> threading.Semaphore:
        """Per-host semaphore: at most settings.per_host requests to one host at a time (politeness)."""
        host = (urlsplit(url).hostname or "").lower()
        with self._lock:
            if host not in self._host_slots:
                self._host_slots[host] = threading.Semaphore(max(1, self.settings.per_host))
            return self._host_slots[host]

    def _fetch_with_retries(self, url: str, etag: str, last_modified: str, deadline: float,
                            allow_private: bool) -> FetchResult:
        attempts = max(0, self.settings.retries) + 1
        for attempt in range(1, attempts + 1):
            try:
                result = self._fetch_following_redirects(url, etag, last_modified, deadline, allow_private)
                return replace(result, attempts=attempt)
            except _Retryable as retry:
                if attempt == attempts:
                    raise FetchError(f"{retry.public} (gave up after {attempt} attempts)",
                                     f"{retry.detail} (gave up after {attempt} attempts)") from None
                pause = retry.wait if retry.wait is not None else self.backoff * 2 ** (attempt - 1)
                pause = min(pause, MAX_RETRY_WAIT)
                if time.monotonic() + pause >= deadline:
                    raise FetchError(f"{retry.public}; retry in {pause:.0f}s would pass the deadline",
                                     f"{retry.detail}; retry in {pause:.0f}s would pass the deadline") from None
                time.sleep(pause)
        raise FetchError("no attempt made")  # unreachable: the loop returns or raises

    def _fetch_following_redirects(self, url: str, etag: str, last_modified: str, deadline: float,
                                   allow_private: bool) -> FetchResult:
        seen = {url}
        current, moved_to, private_ok = url, "", allow_private
        for hop in range(self.settings.max_redirects + 1):
            outcome = self._request(current, etag, last_modified, deadline, private_ok=private_ok, hop=hop)
            if isinstance(outcome, FetchResult):
                return replace(outcome, url=url, moved_to=moved_to)
            target = _redirect_target(current, outcome.location)
            if target in seen:
                raise FetchError("redirect loop", f"redirect loop: {current} → {target}")
            if outcome.status in (301, 308) and current == url:
                moved_to = target
            # Once a public server answers, the chain may not lead inside: a public feed (or a
            # hijacked one) must not bounce the fetch to 127.0.0.1 even where private is allowed.
            private_ok = private_ok and outcome.from_private
            seen.add(target)
            current = target
        raise FetchError(f"too many redirects (more than {self.settings.max_redirects})")

    def _request(self, url: str, etag: str, last_modified: str, deadline: float, *, private_ok: bool,
                 hop: int) -> FetchResult | _Redirect:
        """One GET: a result, or a _Redirect; raise _Retryable / FetchError."""
        headers = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        timeout = _timeout(self.settings.timeout, deadline)
        try:
            with self._clients[private_ok].stream("GET", url, headers=headers, timeout=timeout) as response:
                return self._handle(response, url, deadline)
        except AddressRefused as refused:
            raise _refusal(refused, url, hop, private_ok) from None
        except httpx.TimeoutException as exc:
            raise FetchError(f"timed out ({_timeout_kind(exc)} timeout {self.settings.timeout:g}s)") from None
        except httpx.TransportError as exc:
            if isinstance(exc, httpx.RemoteProtocolError) and "location header" in str(exc).lower():
                # httpx could not even parse the redirect target
                raise FetchError("redirect refused: invalid URL", f"{url}: {_one_line(exc)}") from None
            raise _Retryable(f"network error: {_network_kind(exc)}", f"network error on {url}: {_one_line(exc)}") \
                from None
        except httpx.InvalidURL as exc:
            raise FetchError("invalid URL", f"invalid URL {url[:200]}: {_one_line(exc)}") from None

    def _handle(self, response: httpx.Response, url: str, deadline: float) -> FetchResult | _Redirect:
        status = response.status_code
        if status in REDIRECT_STATUSES and response.headers.get("location"):
            return _Redirect(status, response.headers["location"], _answered_from_private(response, self.policy))
        if status == 304:
            return _result(response, url, b"")
        if status == 429 or status >= 500:
            raise _Retryable(_status_words(status), f"{_status_words(status)} from {url}",
                             _retry_after(response.headers))
        if status >= 400:
            raise FetchError(_status_words(status), f"{_status_words(status)} from {url}")
        if status != 200:
            raise FetchError(f"unexpected {_status_words(status)}", f"unexpected {_status_words(status)} from {url}")
        return _result(response, url, self._read_capped(response, deadline))

    def _read_capped(self, response: httpx.Response, deadline: float) -> bytes:
        """Stream the (decompressed) body, stopping early at the size cap or the deadline."""
        cap = self.settings.max_bytes
        declared = response.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > cap:
            raise FetchError(f"response too large: {int(declared):,} bytes declared, cap is {cap:,}")
        chunks, total = [], 0
        try:
            for chunk in response.iter_bytes():  # no chunk_size: a size would buffer and delay the checks
                total += len(chunk)
                if total > cap:
                    raise FetchError(f"response too large: over the {cap:,}-byte cap, stopped reading")
                if time.monotonic() > deadline:
                    raise FetchError(f"deadline of {self.settings.deadline:g}s passed while reading the body")
                chunks.append(chunk)
        except httpx.DecodingError as exc:
            raise FetchError("could not decompress the body", f"could not decompress the body: {_one_line(exc)}") \
                from None
        except httpx.TransportError as exc:
            raise _Retryable(f"network error: {_network_kind(exc)}", f"network error while reading the body: "
                                                                      f"{_one_line(exc)}") from None
        return b"".join(chunks)


class _Retryable(Exception):
    def __init__(self, public: str, detail: str, wait: float | None = None):
        super().__init__(detail)
        self.public = public
        self.detail = detail
        self.wait = wait


def url_problem(url: str) -> str:
    """Why a URL cannot go over the network ("" when it can): only http(s) with a plausible host name."""
    try:
        parts = urlsplit(url)
        host, _ = parts.hostname, parts.port
    except ValueError:      # "http://[::1", "http://host:99999"
        return "invalid URL"
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https"):
        return f"unsupported URL scheme {scheme!r}" if scheme else "invalid URL"
    if not host or BAD_HOST_CHARS.search(host):   # never hand "exa mple.com" to the resolver
        return "invalid URL"
    return ""


def _redirect_target(current: str, location: str) -> str:
    """The absolute URL a redirect points to; FetchError when it may not be followed."""
    try:
        target = urljoin(current, location)
    except ValueError:
        target = ""
    problem = url_problem(target) if target else "invalid URL"
    if problem.startswith("unsupported"):
        raise FetchError("redirect refused: not an http(s) URL", f"redirect to a non-HTTP URL refused: "
                                                                 f"{current} → {target[:200]}")
    if problem:
        raise FetchError("redirect refused: invalid URL", f"redirect to an invalid URL refused: {current} → "
                                                          f"{location[:200]!r}")
    return target


def _refusal(refused: AddressRefused, url: str, hop: int, private_ok: bool) -> FetchError:
    """'refused: loopback address' for the page; the host, its address and what to do for the log."""
    verdict = refused.verdict
    public = f"{'redirect ' if hop else ''}refused: {verdict.kind} address"
    detail = f"{public}: {url[:200]} — {refused}"
    if verdict.reach is Reach.PRIVATE and hop:
        detail += " (a redirect that has passed through a public address never leads to a private one)"
    return FetchError(public, detail, private_refused=verdict.reach is Reach.PRIVATE and hop == 0 and not private_ok)


def _answered_from_private(response: httpx.Response, policy: AddressPolicy) -> bool:
    """True when the server that answered sits on a loopback/private address (unknown counts as public)."""
    stream = response.extensions.get("network_stream")
    peer = stream.get_extra_info("server_addr") if stream is not None else None
    if not peer:
        return False
    try:
        address = ipaddress.ip_address(str(peer[0]).split("%", 1)[0])
    except ValueError:
        return False
    return policy.verdict(address, int(peer[1])).reach is Reach.PRIVATE


def _status_words(status: int) -> str:
    """'HTTP 404 Not Found' with the standard phrase, never the server's own reason text."""
    try:
        return f"HTTP {status} {http.HTTPStatus(status).phrase}"
    except ValueError:
        return f"HTTP {status}"


def _network_kind(exc: BaseException) -> str:
    """A few words for what went wrong on the wire, without the host names and addresses in exc."""
    text = str(exc).lower()
    for needles, words in NETWORK_KINDS:
        if any(needle in text for needle in needles):
            return words
    return "connection failed"


NETWORK_KINDS = (
    (("host not found",), "host not found"),
    (("refused",), "connection refused"),
    (("reset", "broken pipe"), "connection reset"),
    (("certificate", "ssl", "tls"), "TLS error (certificate or handshake)"),
    (("unreachable", "no route"), "network unreachable"),
    (("server disconnected", "peer closed", "incomplete"), "the server closed the connection"),
)


def read_local(url: str, max_bytes: int, *, etag: str = "") -> FetchResult:
    """Read a local feed file under the same size cap; its mtime and size act as an ETag."""
    path = local_path(url)
    try:
        stat = path.stat()
    except OSError as exc:
        raise FetchError(f"cannot read the file ({exc.strerror or exc})", f"cannot read {path}: {exc.strerror or exc}") \
            from None
    if not path.is_file():
        raise FetchError("not a file", f"not a file: {path}")
    validator = f'"{stat.st_mtime_ns:x}-{stat.st_size:x}"'
    last_modified = email.utils.formatdate(stat.st_mtime, usegmt=True)
    if etag and etag == validator:
        return FetchResult(url=url, final_url=url, status=304, etag=validator, last_modified=last_modified)
    if stat.st_size > max_bytes:
        raise FetchError(f"file too large: {stat.st_size:,} bytes, cap is {max_bytes:,}")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise FetchError(f"cannot read the file ({exc.strerror or exc})", f"cannot read {path}: {exc.strerror or exc}") \
            from None
    return FetchResult(url=url, final_url=url, status=200, data=data, etag=validator, last_modified=last_modified)


def _result(response: httpx.Response, url: str, data: bytes) -> FetchResult:
    return FetchResult(
        url=url,
        final_url=str(response.url),
        status=response.status_code,
        data=data,
        content_type=response.headers.get("content-type", ""),
        etag=response.headers.get("etag", ""),
        last_modified=response.headers.get("last-modified", ""),
    )


def _outcome(future: Future[FetchResult]) -> FetchResult | FetchError:
    try:
        return future.result()
    except FetchError as exc:
        return exc
    except Exception as exc:  # noqa: BLE001 — one bad feed must never stop the others
        return FetchError(f"unexpected error ({type(exc).__name__})", f"unexpected error: {type(exc).__name__}: "
                                                                      f"{_one_line(exc)}")


def _timeout(per_request: float, deadline: float) -> httpx.Timeout:
    """Connect/read timeouts, never longer than what is left of the feed's deadline."""
    left = max(0.05, deadline - time.monotonic())
    limit = min(per_request, left)
    return httpx.Timeout(limit, connect=limit, read=limit, write=limit, pool=limit)


def _timeout_kind(exc: httpx.TimeoutException) -> str:
    return {
        httpx.ConnectTimeout: "connect", httpx.ReadTimeout: "read", httpx.WriteTimeout: "write", httpx.PoolTimeout: "pool",
    }.get(type(exc), "request")


def _retry_after(headers: httpx.Headers) -> float | None:
    """Seconds from a Retry-After header (delta-seconds or HTTP-date), or None."""
    value = headers.get("retry-after", "").strip()
    if not value:
        return None
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=timezone.utc)
    return max(0.0, (when - datetime.now(timezone.utc)).total_seconds())


def _one_line(exc: BaseException) -> str:
    return " ".join(str(exc).split())[:200] or type(exc).__name__

