"""core.fetch: the checked address is the one connected to (no DNS rebinding), every
redirect is checked, one total deadline holds against a dripping server, a size cap, and
reasons that never quote the remote content. Real sockets on loopback; only the name
resolution is stood in for where a test needs a name to answer two ways."""

import contextlib
import socket
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from core import fetch
from core.fetch import AddressRefused, FetchFailed, public_fetch

# A global (public) address that is not this machine: nothing answers it here.
PUBLIC = "93.184.216.34"


class Log:
    def __init__(self) -> None:
        self.requests: list[tuple[str, str]] = []  # (path, Host header)
        self.drip_cut_short = threading.Event()


@pytest.fixture
def local() -> Iterator[tuple[int, Log]]:
    log = Log()

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_GET(self):
            log.requests.append((self.path, self.headers.get("Host", "")))
            if self.path == "/secret":
                self._send(200, b"INTERNAL-ADMIN-TOKEN=s3cr3t")
            elif self.path == "/redirect-private":
                self._send(302, b"", location="http://169.254.169.254/latest/meta-data/")
            elif self.path == "/redirect-rebind":
                port = self.server.server_port
                self._send(302, b"", location=f"http://rebind.example:{port}/secret")
            elif self.path == "/redirect-local":
                self._send(302, b"", location="/secret")
            elif self.path == "/too-many":
                self._send(302, b"", location="/too-many")
            elif self.path == "/big-declared":
                self._send(200, b"x" * 10, length=10_000_000)
            elif self.path == "/big":
                self._chunked(b"x" * 4096, 20)
            elif self.path == "/busy":
                self._send(429, b"wait", headers={"Retry-After": "120"})
            elif self.path == "/drip":
                self.send_response(200)
                self.send_header("Content-Length", "40")
                self.end_headers()
                try:
                    for _ in range(40):
                        self.wfile.write(b"x")
                        self.wfile.flush()
                        time.sleep(0.1)
                except OSError:
                    log.drip_cut_short.set()  # the client hung up before the end
            elif self.path == "/drip-headers":
                try:
                    self.wfile.write(b"HTTP/1.1 200 OK\r\n")
                    for number in range(40):
                        self.wfile.write(f"X-Slow-{number}: 1\r\n".encode())
                        self.wfile.flush()
                        time.sleep(0.1)
                except OSError:
                    log.drip_cut_short.set()
            else:
                self._send(404, b"")

        def _send(self, status, body, *, location=None, length=None, headers=None):
            self.send_response(status)
            if location:
                self.send_header("Location", location)
            for name, value in (headers or {}).items():
                self.send_header(name, value)
            self.send_header("Content-Length", str(length if length is not None else len(body)))
            self.end_headers()
            with contextlib.suppress(OSError):  # the client may hang up first
                self.wfile.write(body)

        def _chunked(self, chunk, count):
            self.send_response(200)
            self.send_header("Transfer-Encoding", "chunked")
            self.end_headers()
            try:
                for _ in range(count):
                    self.wfile.write(f"{len(chunk):x}\r\n".encode() + chunk + b"\r\n")
                self.wfile.write(b"0\r\n\r\n")
            except OSError:
                pass

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server.server_port, log
    server.shutdown()
    server.server_close()


@pytest.fixture
def resolver(monkeypatch):
    """Names that resolve as the test says, in turn (the last answer repeats); the count
    of lookups per name. Every other name resolves as usual."""
    real = socket.getaddrinfo
    answers: dict[str, list[str]] = {}
    lookups: dict[str, int] = {}

    def getaddrinfo(host, port, *args, **kwargs):
        if host not in answers:
            return real(host, port, *args, **kwargs)
        turn = lookups.get(host, 0)
        lookups[host] = turn + 1
        address = answers[host][min(turn, len(answers[host]) - 1)]
        return [(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP, "", (address, port))]

    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    return answers, lookups


def test_the_connection_goes_to_the_address_that_was_checked(local, resolver):
    port, log = local
    answers, lookups = resolver
    # The first answer is the one checked and used; a later lookup would go elsewhere.
    answers["calendar.example"] = ["127.0.0.1", PUBLIC]
    fetched = public_fetch(
        f"http://calendar.example:{port}/secret", max_bytes=1000, deadline=5, allow_private=True
    )
    assert fetched.status == 200
    assert lookups["calendar.example"] == 1
    assert log.requests == [("/secret", f"calendar.example:{port}")]  # the Host is the name


def test_a_name_that_rebinds_to_loopback_is_never_fetched(local, resolver):
    port, log = local
    answers, _ = resolver
    answers["rebind.example"] = [PUBLIC, "127.0.0.1"]
    with pytest.raises(FetchFailed) as failed:
        public_fetch(
            f"http://rebind.example:{port}/secret",
            max_bytes=1000,
            deadline=0.5,
            allow_private=False,
        )
    assert "s3cr3t" not in failed.value.reason
    assert log.requests == []  # the loopback server never heard of it


def test_a_redirect_to_a_name_that_rebinds_to_loopback_is_never_fetched(
    local, resolver, monkeypatch
):
    port, log = local
    answers, lookups = resolver
    answers["rebind.example"] = [PUBLIC, "127.0.0.1"]
    real = fetch.checked_target
    checked = []

    def loopback_first_only(url, allow_private=None):
        # The local server stands in for a public one; the hop it redirects to is held to
        # the real rule.
        checked.append(url)
        return real(url, allow_private=len(checked) == 1)

    monkeypatch.setattr(fetch, "checked_target", loopback_first_only)
    with pytest.raises(FetchFailed) as failed:
        public_fetch(f"http://127.0.0.1:{port}/redirect-rebind", max_bytes=1000, deadline=0.5)
    assert checked[-1] == f"http://rebind.example:{port}/secret"
    assert lookups["rebind.example"] == 1  # resolved once, for the check and the connection
    assert "s3cr3t" not in failed.value.reason
    assert log.requests == [("/redirect-rebind", f"127.0.0.1:{port}")]  # never /secret


def test_private_addresses_are_refused_before_connecting(local, resolver):
    port, log = local
    answers, _ = resolver
    answers["inside.example"] = ["10.1.2.3"]
    for url in (f"http://127.0.0.1:{port}/secret", "http://inside.example/", "http://[::1]/"):
        with pytest.raises(AddressRefused, match="private network"):
            public_fetch(url, max_bytes=1000, deadline=1, allow_private=False)
    with pytest.raises(AddressRefused, match="must start with http"):
        public_fetch("file:///etc/passwd", max_bytes=1000, deadline=1)
    assert log.requests == []


def test_every_redirect_is_checked(local, monkeypatch):
    port, log = local
    real = fetch.checked_target
    checked = []

    def loopback_first_only(url, allow_private=None):
        # The local server stands in for a public one: the hops after it are held to the
        # real rule.
        checked.append(url)
        return real(url, allow_private=len(checked) == 1)

    monkeypatch.setattr(fetch, "checked_target", loopback_first_only)
    with pytest.raises(AddressRefused, match="private network"):
        public_fetch(f"http://127.0.0.1:{port}/redirect-private", max_bytes=1000, deadline=2)
    assert checked[-1] == "http://169.254.169.254/latest/meta-data/"
    checked.clear()
    with pytest.raises(AddressRefused, match="private network"):
        public_fetch(f"http://127.0.0.1:{port}/redirect-local", max_bytes=1000, deadline=2)
    assert [path for path, _host in log.requests] == ["/redirect-private", "/redirect-local"]


def test_redirects_are_followed_and_bounded(local):
    port, _ = local
    fetched = public_fetch(
        f"http://127.0.0.1:{port}/redirect-local", max_bytes=1000, deadline=2, allow_private=True
    )
    assert (fetched.status, fetched.body) == (200, b"INTERNAL-ADMIN-TOKEN=s3cr3t")
    assert fetched.url.endswith("/secret")
    with pytest.raises(FetchFailed, match="more than 3 redirects"):
        public_fetch(
            f"http://127.0.0.1:{port}/too-many",
            max_bytes=1000,
            deadline=2,
            allow_private=True,
            max_redirects=3,
        )


@pytest.mark.parametrize("path", ["/drip", "/drip-headers"])
def test_one_deadline_for_the_whole_exchange(local, path):
    # 40 bytes (or header lines) a tenth of a second apart: 4 s in all, each read quick.
    port, log = local
    with pytest.raises(FetchFailed, match=r"did not answer within 0\.5 seconds"):
        public_fetch(
            f"http://127.0.0.1:{port}{path}", max_bytes=1000, deadline=0.5, allow_private=True
        )
    # The client hung up while the server was still dripping.
    assert log.drip_cut_short.wait(timeout=5)


@pytest.mark.parametrize("path", ["/big-declared", "/big"])
def test_the_size_cap(local, path):
    port, _ = local
    with pytest.raises(FetchFailed, match="larger than 50,000 bytes"):
        public_fetch(
            f"http://127.0.0.1:{port}{path}", max_bytes=50_000, deadline=5, allow_private=True
        )


def test_every_status_is_returned_with_its_headers(local):
    port, _ = local
    busy = public_fetch(
        f"http://127.0.0.1:{port}/busy", max_bytes=1000, deadline=2, allow_private=True
    )
    assert (busy.status, busy.headers["retry-after"], busy.body) == (429, "120", b"wait")
    missing = public_fetch(
        f"http://127.0.0.1:{port}/nothing", max_bytes=1000, deadline=2, allow_private=True
    )
    assert missing.status == 404


def test_an_unknown_host_and_a_closed_port_say_why_in_our_words():
    with pytest.raises(AddressRefused, match=r"the host nowhere\.invalid is unknown"):
        public_fetch("http://nowhere.invalid/", max_bytes=10, deadline=2)
    closed = socket.socket()
    closed.bind(("127.0.0.1", 0))
    port = closed.getsockname()[1]
    closed.close()
    with pytest.raises(FetchFailed, match=r"the connection failed \(ConnectionRefusedError\)"):
        public_fetch(f"http://127.0.0.1:{port}/", max_bytes=10, deadline=2, allow_private=True)


def test_the_deadline_holds_while_a_server_drips_its_tls_handshake():
    # A TLS record header announcing a long handshake, then its bytes one by one: every
    # read gets something in time, so only a deadline for the whole exchange ends it.
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(1)
    port = listener.getsockname()[1]
    cut_short = threading.Event()

    def drip():
        connection, _ = listener.accept()
        with connection:
            try:
                connection.sendall(b"\x16\x03\x03\x40\x00")
                for _ in range(60):
                    connection.sendall(b"\x00")
                    time.sleep(0.1)
            except OSError:
                cut_short.set()  # the client hung up before the end

    thread = threading.Thread(target=drip, daemon=True)
    thread.start()
    try:
        with pytest.raises(FetchFailed, match=r"did not answer within 0\.5 seconds"):
            public_fetch(
                f"https://127.0.0.1:{port}/", max_bytes=1000, deadline=0.5, allow_private=True
            )
        assert cut_short.wait(timeout=10)
    finally:
        thread.join(timeout=10)
        listener.close()
