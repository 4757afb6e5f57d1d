"""The app as the benchmarks measure it: gunicorn with production settings on a free local
port, and one kept-alive HTTP client."""

import http.client
import os
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.scratch import REPO


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Gunicorn:
    """`gunicorn config.wsgi:application` with production settings on a free local port."""

    def __init__(self, url: str, *, worker_class: str, conn_max_age: int | None, app: str):
        self.port = free_port()
        log, self.log = tempfile.mkstemp(prefix="bench-gunicorn-", suffix=".log")
        env = {
            **os.environ,
            "DATABASE_URL": url,
            "DJANGO_SETTINGS_MODULE": "config.settings.production",
            "SECRET_KEY": "bench-not-secret-" + "x" * 40,
            "ALLOWED_HOSTS": "127.0.0.1",
            "SECURE_SSL_REDIRECT": "false",
            "DEBUG": "false",
            # The anonymous read limit (300/minute) would turn the benchmark into 429s.
            "THROTTLE_ANON": "1000000/minute",
        }
        if conn_max_age is not None:
            env["CONN_MAX_AGE"] = str(conn_max_age)
        command = [
            sys.executable,
            "-m",
            "gunicorn",
            app,
            "--workers",
            "1",
            "--worker-class",
            worker_class,
            "--bind",
            f"127.0.0.1:{self.port}",
        ]
        self.process = subprocess.Popen(
            command, cwd=REPO, env=env, stdout=log, stderr=subprocess.STDOUT
        )
        os.close(log)
        self._wait_ready()

    def _wait_ready(self, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                message = f"gunicorn exited ({self.process.returncode}):\n{self.tail()}"
                self.stop()
                raise SystemExit(message)
            try:
                connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=5)
                connection.request("GET", "/api/v1/", headers={"Accept": "application/json"})
                connection.getresponse().read()
                connection.close()
                return
            except OSError:
                time.sleep(0.2)
        message = f"gunicorn did not answer within {timeout} s:\n{self.tail()}"
        self.stop()
        raise SystemExit(message)

    def tail(self, lines: int = 30) -> str:
        text = Path(self.log).read_text(errors="replace")
        return "\n".join(text.splitlines()[-lines:])

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        Path(self.log).unlink(missing_ok=True)


class Client:
    """One HTTP/1.1 connection, kept alive when the server allows it (gunicorn's sync
    workers close after each response; http.client then reconnects by itself)."""

    def __init__(self, port: int):
        self.connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)

    def get(self, path: str) -> tuple[int, bytes]:
        self.connection.request("GET", path, headers={"Accept": "application/json"})
        response = self.connection.getresponse()
        return response.status, response.read()
