"""gunicorn as deployed (config/gunicorn.py) keeps answering while slow clients hold
connections open: a sync worker waits on one client's headers and serves nobody else."""

import http.client
import os
import runpy
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
# More than the three sync workers the image used to run (each held by one slow client),
# fewer than the threads of one gthread worker (however the kernel spreads them).
SLOW_CLIENTS = 6
# The worker timeout as deployed: a stalled sync worker was killed (and its slow client
# dropped) only after this long, and only then did a waiting request get an answer.
WORKER_TIMEOUT_S = runpy.run_path(str(REPO / "config" / "gunicorn.py"))["timeout"]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def get(port: int, path: str, timeout: float) -> int:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        connection.request("GET", path, headers={"Accept": "application/json"})
        return connection.getresponse().status
    finally:
        connection.close()


@pytest.fixture
def gunicorn(tmp_path):
    port = free_port()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "SECRET_KEY": "gunicorn-test-not-secret-" + "x" * 40,
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "false",
        "DEBUG": "false",
    }
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    log = (tmp_path / "gunicorn.log").open("w")
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "config.wsgi:application",
            "-c",
            "config/gunicorn.py",
            "--bind",
            f"127.0.0.1:{port}",
        ],
        cwd=REPO,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            assert process.poll() is None, (tmp_path / "gunicorn.log").read_text()[-2000:]
            try:
                get(port, "/api/v1/", timeout=2)
                break
            except OSError:
                assert time.monotonic() < deadline, "gunicorn did not start within 60 s"
                time.sleep(0.2)
        yield port
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)
        log.close()


def test_slow_header_clients_do_not_stall_a_normal_request(gunicorn):
    slow = []
    try:
        for _ in range(SLOW_CLIENTS):
            client = socket.create_connection(("127.0.0.1", gunicorn), timeout=5)
            # Headers that never end: a slowloris client sends a line now and then.
            client.sendall(b"GET /api/v1/ HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: 1\r\n")
            slow.append(client)
        time.sleep(1.0)  # every slow connection has been accepted and is being read
        for client in slow:
            client.sendall(b"X-Still-Here: 1\r\n")
        # Liveness, not speed (how fast the answer comes depends on the machine's load): the
        # request is answered while every slow client still holds its connection. The old
        # sync workers answered nothing until the worker timeout killed one and dropped its
        # slow client, so the request may wait a third of that timeout and no more, and the
        # slow clients must all still be connected (and unanswered) afterwards: they hold
        # their connections until this test closes them.
        assert get(gunicorn, "/api/v1/", timeout=WORKER_TIMEOUT_S / 3) == 200
        for client in slow:
            client.setblocking(False)
            with pytest.raises(BlockingIOError):  # nothing sent, not closed: still waiting
                client.recv(1, socket.MSG_PEEK)
    finally:
        for client in slow:
            client.close()
