"""An httpx transport that opens sockets only to addresses the AddressPolicy allows.

The check sits where the socket is opened: the host is resolved once, every address is vetted,
and the connection goes to a vetted address itself — so a DNS answer that changes between a
check and the connect (DNS rebinding), an integer host such as 2130706433, or an IPv6 form
that wraps 127.0.0.1 cannot slip past. Connection pools are per host name, so TLS still
verifies the certificate against the name, and a reused connection was vetted when opened.
"""
from __future__ import annotations

import ipaddress
import socket
import ssl
from collections.abc import Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from contextlib import contextmanager

import httpcore
import httpx

from newsdigest.sources.addresses import AddressPolicy, IPAddress, Verdict


class AddressRefused(Exception):
    """The host resolves only to addresses the policy refuses; raised before any socket is opened."""

    def __init__(self, host: str, verdict: Verdict):
        super().__init__(f"{host} is {verdict.address}, a {verdict.kind} address")
        self.host = host
        self.verdict = verdict


# Name lookups run here so they can be given up on: getaddrinfo has no timeout of its own, and a
# feed's domain can answer slowly on purpose. A lookup given up on finishes in the background.
RESOLVER_THREADS = 8


class VettingBackend(httpcore.NetworkBackend):
    """httpcore's sync backend, but every TCP connect goes through the policy first."""

    def __init__(self, policy: AddressPolicy, *, allow_private: bool):
        self.policy = policy
        self.allow_private = allow_private
        self._inner = httpcore.SyncBackend()
        self._resolver = ThreadPoolExecutor(max_workers=RESOLVER_THREADS, thread_name_prefix="resolve")

    def close(self) -> None:
        self._resolver.shutdown(wait=False, cancel_futures=True)

    def connect_tcp(self, host: str, port: int, timeout: float | None = None, local_address: str | None = None,
                    socket_options: Iterable[httpcore.SOCKET_OPTION] | None = None) -> httpcore.NetworkStream:
        error: Exception | None = None
        for address in self.vetted(host, port, timeout):
            try:  # the address literal: no second lookup can answer differently
                return self._inner.connect_tcp(str(address), port, timeout, local_address, socket_options)
            except (httpcore.ConnectError, httpcore.ConnectTimeout) as exc:
                error = exc
        assert error is not None  # vetted() never returns an empty list
        raise error

    def connect_unix_socket(self, path: str, timeout: float | None = None,
                            socket_options: Iterable[httpcore.SOCKET_OPTION] | None = None) -> httpcore.NetworkStream:
        raise httpcore.ConnectError("unix sockets are never used for fetching")

    def sleep(self, seconds: float) -> None:
        self._inner.sleep(seconds)

    def vetted(self, host: str, port: int, timeout: float | None = None) -> list[IPAddress]:
        """The host's addresses the policy allows, in resolver order; AddressRefused when there are none."""
        try:
            addresses = self._resolver.submit(resolve, host, port).result(timeout=timeout)
        except FutureTimeout:
            raise httpcore.ConnectTimeout(f"name lookup for {host} took longer than {timeout:g}s") from None
        allowed = [a for a in addresses if self.policy.refusal(a, port, allow_private=self.allow_private) is None]
        if not allowed:
            refusal = self.policy.refusal(addresses[0], port, allow_private=self.allow_private)
            assert refusal is not None
            raise AddressRefused(host, refusal)
        return allowed


def resolve(host: str, port: int) -> list[IPAddress]:
    """Every address the system resolver gives for host (it also reads 2130706433 and 0x7f.1 as IPv4)."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as exc:
        raise httpcore.ConnectError(f"host not found: {host} ({exc})") from None
    addresses: list[IPAddress] = []
    for info in infos:
        address = ipaddress.ip_address(str(info[4][0]).split("%", 1)[0])  # drop an IPv6 zone index
        if address not in addresses:
            addresses.append(address)
    if not addresses:
        raise httpcore.ConnectError(f"host not found: {host} (no addresses)")
    return addresses


class VettedTransport(httpx.BaseTransport):
    """httpx.HTTPTransport's request/response plumbing over a pool whose backend is a VettingBackend."""

    def __init__(self, policy: AddressPolicy, *, allow_private: bool, max_connections: int,
                 ssl_context: ssl.SSLContext | None = None):
        self._backend = VettingBackend(policy, allow_private=allow_private)
        self._pool = httpcore.ConnectionPool(
            ssl_context=ssl_context or httpx.create_ssl_context(),
            max_connections=max_connections,
            max_keepalive_connections=max_connections,
            keepalive_expiry=5.0,
            network_backend=self._backend,
        )

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        assert isinstance(request.stream, httpx.SyncByteStream)
        core_request = httpcore.Request(
            method=request.method,
            url=httpcore.URL(scheme=request.url.raw_scheme, host=request.url.raw_host, port=request.url.port,
                             target=request.url.raw_path),
            headers=request.headers.raw,
            content=request.stream,
            extensions=request.extensions,
        )
        with _httpx_errors():
            response = self._pool.handle_request(core_request)
        assert isinstance(response.stream, Iterable)
        return httpx.Response(status_code=response.status, headers=response.headers,
                              stream=_ResponseStream(response.stream), extensions=response.extensions)

    def close(self) -> None:
        self._pool.close()
        self._backend.close()


class _ResponseStream(httpx.SyncByteStream):
    def __init__(self, stream: Iterable[bytes]):
        self._stream = stream

    def __iter__(self) -> Iterator[bytes]:
        with _httpx_errors():
            yield from self._stream

    def close(self) -> None:
        closer = getattr(self._stream, "close", None)
        if closer is not None:
            with _httpx_errors():
                closer()


# httpcore's exceptions and their httpx twins, most specific first (the Fetcher speaks httpx).
_ERRORS: tuple[tuple[type[Exception], type[httpx.TransportError]], ...] = (
    (httpcore.ConnectTimeout, httpx.ConnectTimeout), (httpcore.ReadTimeout, httpx.ReadTimeout),
    (httpcore.WriteTimeout, httpx.WriteTimeout), (httpcore.PoolTimeout, httpx.PoolTimeout),
    (httpcore.TimeoutException, httpx.TimeoutException), (httpcore.ConnectError, httpx.ConnectError),
    (httpcore.ReadError, httpx.ReadError), (httpcore.WriteError, httpx.WriteError),
    (httpcore.NetworkError, httpx.NetworkError), (httpcore.RemoteProtocolError, httpx.RemoteProtocolError),
    (httpcore.LocalProtocolError, httpx.LocalProtocolError), (httpcore.UnsupportedProtocol, httpx.UnsupportedProtocol),
    (httpcore.ProtocolError, httpx.ProtocolError),
)


@contextmanager
def _httpx_errors() -> Iterator[None]:
    try:
        yield
    except Exception as exc:
        for core_type, httpx_type in _ERRORS:
            if isinstance(exc, core_type):
                raise httpx_type(str(exc)) from exc
        raise
