"""Fetching an address that someone outside gave the server: an organisation's calendar feed,
a UiT search. Such an address must not make the server reach its own network (the database,
Redis, cloud metadata at 169.254.169.254: SSRF), and a slow or huge answer must not hold a
worker.

- The host is resolved once; every address must be public (unless `allow_private`, for
  development and tests, which serve from 127.0.0.1); the connection goes to that very
  address, with the Host header and the TLS name of the host: a name that answers a public
  address to the check and 127.0.0.1 to the connect (DNS rebinding) gets nowhere. Every
  redirect is checked the same way.
- `deadline` is one budget in seconds for the whole exchange (connect, headers, body,
  redirects), not per read: a server dripping a byte a second is cut off at the deadline.
- A body over `max_bytes` fails. Every HTTP status is returned: the caller decides what a
  404 or a 429 means.
- A failure says why in a short English sentence of ours (`FetchFailed.reason`), never with
  the remote content, which could carry anything into logs and stored errors.
"""

import contextlib
import http.client
import ipaddress
import socket
import ssl
import threading
import time
from collections.abc import Mapping
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

from django.conf import settings

REDIRECTS = (301, 302, 303, 307, 308)
CHUNK = 65536


class FetchFailed(Exception):
    """Why a fetch failed: `reason`, a short English sentence for logs and stored errors."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class AddressRefused(FetchFailed):
    """The address itself is refused: `kind` is "scheme", "unknown" or "private"."""

    def __init__(self, kind: str, host: str = "") -> None:
        reasons = {
            "scheme": "the address must start with http:// or https://",
            "unknown": f"the host {host} is unknown",
            "private": f"the host {host} is on a private network",
        }
        super().__init__(reasons[kind])
        self.kind = kind
        self.host = host


@dataclass(frozen=True)
class Fetched:
    status: int
    headers: Mapping[str, str]  # case-insensitive (http.client.HTTPMessage)
    body: bytes
    url: str  # the final address, after redirects


@dataclass(frozen=True)
class Target:
    scheme: str
    host: str
    port: int
    address: str  # the checked IP address the connection goes to
    path: str


def _allowed_private(allow_private: bool | None) -> bool:
    if allow_private is None:
        return settings.CALENDAR_SYNC_ALLOW_PRIVATE_HOSTS
    return allow_private


def web_address(url: str) -> tuple[str, str, int]:
    """The scheme, host and port of an http(s) address; AddressRefused("scheme") else."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise AddressRefused("scheme")
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
    except ValueError:
        raise AddressRefused("scheme") from None
    return parts.scheme, parts.hostname, port


def checked_target(url: str, *, allow_private: bool | None = None) -> Target:
    """Where `url` may be fetched from: its host resolved once, every address public (or
    private ones allowed). Raises AddressRefused saying why not."""
    web_address(url)
    parts = urlsplit(url)
    port = parts.port or (443 if parts.scheme == "https" else 80)
    try:
        infos = socket.getaddrinfo(parts.hostname, port, proto=socket.IPPROTO_TCP)
    except (OSError, UnicodeError, ValueError):
        raise AddressRefused("unknown", parts.hostname) from None
    addresses = [info[4][0] for info in infos]
    if not addresses:
        raise AddressRefused("unknown", parts.hostname)
    if not _allowed_private(allow_private):
        for address in addresses:
            if not ipaddress.ip_address(address.split("%")[0]).is_global:
                raise AddressRefused("private", parts.hostname)
    path = parts.path or "/"
    if parts.query:
        path += f"?{parts.query}"
    return Target(parts.scheme, parts.hostname, port, addresses[0], path)


class _PinnedHTTP(http.client.HTTPConnection):
    """An HTTP connection to the checked address, whatever the name resolves to now."""

    def __init__(self, target: Target, timeout: float) -> None:
        super().__init__(target.host, target.port, timeout=timeout)
        self._address = target.address

    def connect(self) -> None:
        self.sock = socket.create_connection((self._address, self.port), self.timeout)


class _PinnedHTTPS(http.client.HTTPSConnection):
    """HTTPS to the checked address; the certificate is checked against the host's name."""

    def __init__(self, target: Target, timeout: float) -> None:
        super().__init__(
            target.host, target.port, timeout=timeout, context=ssl.create_default_context()
        )
        self._address = target.address

    def connect(self) -> None:
        sock = socket.create_connection((self._address, self.port), self.timeout)
        self.sock = self._context.wrap_socket(sock, server_hostname=self.host)


class _Deadline:
    """One budget for the whole exchange. When it runs out, the open socket is shut down,
    so that a read waiting on a dripping server returns at once."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.end = time.monotonic() + seconds
        self.passed = False
        self._sock: socket.socket | None = None
        self._timer = threading.Timer(seconds, self._cut)
        self._timer.daemon = True
        self._timer.start()

    def left(self) -> float:
        left = self.end - time.monotonic()
        if left <= 0:
            self.passed = True
            raise self.failure()
        return left

    def failure(self) -> FetchFailed:
        return FetchFailed(f"the server did not answer within {self.seconds:g} seconds")

    def watch(self, sock: socket.socket) -> None:
        self._sock = sock

    def _cut(self) -> None:
        self.passed = True
        sock = self._sock
        if sock is not None:
            with contextlib.suppress(OSError):  # already closed: nothing to cut
                sock.shutdown(socket.SHUT_RDWR)

    def close(self) -> None:
        self._timer.cancel()


def _exchange(
    target: Target, headers: Mapping[str, str], deadline: _Deadline, max_bytes: int
) -> tuple[int, http.client.HTTPMessage, bytes]:
    kind = _PinnedHTTPS if target.scheme == "https" else _PinnedHTTP
    connection = kind(target, timeout=deadline.left())
    try:
        connection.connect()
        # The socket itself: http.client hands it to the response (and forgets it) when the
        # server closes after answering.
        sock = connection.sock
        deadline.watch(sock)
        connection.request("GET", target.path, headers=dict(headers))
        sock.settimeout(deadline.left())
        response = connection.getresponse()
        declared = response.getheader("Content-Length", "")
        if declared.isdigit() and int(declared) > max_bytes:
            raise FetchFailed(f"the answer is larger than {max_bytes:,} bytes")
        chunks, size = [], 0
        if response.status not in REDIRECTS:
            while True:
                sock.settimeout(deadline.left())
                chunk = response.read1(CHUNK)
                if not chunk:
                    break
                size += len(chunk)
                if size > max_bytes:
                    raise FetchFailed(f"the answer is larger than {max_bytes:,} bytes")
                chunks.append(chunk)
        if deadline.passed:  # the cut socket reads as the end of the body: it is not
            raise deadline.failure()
        return response.status, response.msg, b"".join(chunks)
    finally:
        connection.close()


def public_fetch(
    url: str,
    *,
    headers: Mapping[str, str] | None = None,
    max_bytes: int,
    deadline: float,
    allow_private: bool | None = None,
    max_redirects: int = 5,
) -> Fetched:
    """GET `url` as the module docstring says; raises FetchFailed saying why not."""
    budget = _Deadline(deadline)
    try:
        for _hop in range(max_redirects + 1):
            target = checked_target(url, allow_private=allow_private)
            try:
                status, answer_headers, body = _exchange(target, headers or {}, budget, max_bytes)
            except FetchFailed:
                raise
            except TimeoutError:
                raise budget.failure() from None
            except ssl.SSLError:
                raise FetchFailed("the secure connection failed (TLS)") from None
            except (OSError, http.client.HTTPException) as error:
                if budget.passed:
                    raise budget.failure() from None
                raise FetchFailed(f"the connection failed ({type(error).__name__})") from None
            location = answer_headers.get("Location")
            if status in REDIRECTS and location:
                url = urljoin(url, location)
                continue
            return Fetched(status=status, headers=answer_headers, body=body, url=url)
        raise FetchFailed(f"more than {max_redirects} redirects")
    finally:
        budget.close()
