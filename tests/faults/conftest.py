"""Real processes for the fault tests: a redis-server on a free loopback port that a test
stops and starts again, gunicorn serving the app as deployed (config/gunicorn.py) against the
test database, and management commands run as subprocesses. Every test that uses them is
transactional: the other processes see only committed rows."""

import http.client
import os
import re
import signal
import socket
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote

import psycopg
import pytest
from django.conf import settings

REPO = Path(__file__).resolve().parents[2]
REDIS_SERVER = "/usr/bin/redis-server"
SERVED_SETTINGS = "tests.faults.served_settings"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_until(ready: Callable[[], bool], *, seconds: float, what: str) -> None:
    deadline = time.monotonic() + seconds
    while not ready():
        assert time.monotonic() < deadline, f"{what} within {seconds} s"
        time.sleep(0.05)


def shared_database_url() -> str:
    """The test database (as pytest-django set it up) for another process."""
    db = settings.DATABASES["default"]
    login = quote(db["USER"] or "")
    if db.get("PASSWORD"):
        login += ":" + quote(db["PASSWORD"])
    host = db.get("HOST") or "127.0.0.1"
    return f"postgis://{login}@{host}:{db.get('PORT') or 5432}/{db['NAME']}"


def libpq_url() -> str:
    return re.sub(r"^postgis://", "postgresql://", shared_database_url())


def sql_connection() -> psycopg.Connection:
    """A connection of the test's own, outside Django's (to hold locks, kill backends)."""
    return psycopg.connect(libpq_url(), autocommit=True)


def environment(**extra: str) -> dict[str, str]:
    """What a process of the app gets: the test database, production-like settings."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": SERVED_SETTINGS,
        "DATABASE_URL": shared_database_url(),
        "SECRET_KEY": "faults-test-not-secret-" + "x" * 40,
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SECURE_SSL_REDIRECT": "false",
        "DEBUG": "false",
        "LOG_LEVEL": "WARNING",
        # Empty: no Redis at all unless the test gives one (the cache is then per process).
        "REDIS_URL": "",
        "CELERY_BROKER_URL": "memory://",
        **extra,
    }
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    return env


# --- Redis ------------------------------------------------------------------------------


@dataclass
class RedisServer:
    """A redis-server of the test's own: `stop()` kills it (as a crash or an OOM kill
    would), `start()` brings it back on the same port with the data it had on disk."""

    workdir: Path
    port: int = field(default_factory=free_port)
    process: subprocess.Popen | None = None

    def url(self, db: int = 0) -> str:
        return f"redis://127.0.0.1:{self.port}/{db}"

    def start(self) -> None:
        assert self.process is None
        log = (self.workdir / "redis.log").open("a")
        self.process = subprocess.Popen(
            [
                REDIS_SERVER,
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--dir",
                str(self.workdir),
                # The broker's queue survives a restart, as a broker's should (docs).
                "--appendonly",
                "yes",
                "--appendfsync",
                "always",
                "--save",
                "",
            ],
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        wait_until(self.answers, seconds=10, what="redis-server answers PING")

    def answers(self) -> bool:
        try:
            with socket.create_connection(("127.0.0.1", self.port), timeout=1) as sock:
                sock.sendall(b"PING\r\n")
                return sock.recv(16).startswith(b"+PONG")
        except OSError:
            return False

    def stop(self) -> None:
        assert self.process is not None
        self.process.kill()
        self.process.wait(timeout=10)
        self.process = None
        assert not self.answers()


@pytest.fixture
def redis_server(tmp_path) -> Iterator[RedisServer]:
    server = RedisServer(workdir=tmp_path)
    server.start()
    try:
        yield server
    finally:
        if server.process is not None:
            server.stop()


# --- HTTP -------------------------------------------------------------------------------


@dataclass
class Answer:
    status: int
    headers: dict[str, str]
    body: bytes
    cookies: dict[str, str]


def request(
    port: int,
    path: str,
    *,
    method: str = "GET",
    headers: dict[str, str] | None = None,
    body: bytes | None = None,
    timeout: float = 10,
) -> Answer:
    """One request on a connection of its own (so that a killed worker costs only it)."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        connection.request(
            method, path, body=body, headers={"Connection": "close", **(headers or {})}
        )
        response = connection.getresponse()
        cookies = {}
        for name, value in response.getheaders():
            if name.lower() == "set-cookie":
                key, _, rest = value.partition("=")
                cookies[key.strip()] = rest.split(";", 1)[0]
        return Answer(
            response.status,
            {name.lower(): value for name, value in response.getheaders()},
            response.read(),
            cookies,
        )
    finally:
        connection.close()


# --- gunicorn ---------------------------------------------------------------------------


@dataclass
class Served:
    port: int
    process: subprocess.Popen
    log: Path
    application_name: str

    def get(self, path: str, **kwargs) -> Answer:
        return request(self.port, path, **kwargs)

    def workers(self) -> list[int]:
        """The pids of gunicorn's worker processes (the master's children)."""
        children = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children")
        return [int(pid) for pid in children.read_text().split()]

    def log_tail(self) -> str:
        return self.log.read_text(errors="replace")[-3000:]


def gunicorn_start(directory: Path, **extra: str) -> Served:
    """gunicorn with config/gunicorn.py on a free loopback port, `extra` in its environment
    (2 workers of 4 threads unless told otherwise), once it answers /healthz."""
    port = free_port()
    name = f"bw-faults-{uuid.uuid4().hex[:8]}"
    log = directory / f"gunicorn-{port}.log"
    defaults = {"WEB_CONCURRENCY": "2", "GUNICORN_THREADS": "4"}
    # Every connection of the app says whose it is, for pg_terminate_backend.
    env = environment(**{**defaults, **extra, "PGAPPNAME": name})
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
        stdout=log.open("w"),
        stderr=subprocess.STDOUT,
    )
    served = Served(port, process, log, name)

    def up() -> bool:
        assert process.poll() is None, served.log_tail()
        try:
            return served.get("/healthz", timeout=5).status in (200, 503)
        except OSError:
            return False

    try:
        wait_until(up, seconds=90, what="gunicorn answers")
    except BaseException:
        gunicorn_stop(served)
        raise
    return served


def gunicorn_stop(served: Served) -> None:
    served.process.send_signal(signal.SIGTERM)
    try:
        served.process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        served.process.kill()
        served.process.wait()


@pytest.fixture
def serve(tmp_path) -> Iterator[Callable[..., Served]]:
    """`serve(**env)`: gunicorn_start for this test, stopped after it."""
    started: list[Served] = []

    def start(**extra: str) -> Served:
        started.append(gunicorn_start(tmp_path, **extra))
        return started[-1]

    yield start
    for served in started:
        gunicorn_stop(served)


def manage(*arguments: str, **extra: str) -> subprocess.Popen:
    """A management command as cron or an operator runs it, against the test database."""
    return subprocess.Popen(
        [sys.executable, "manage.py", *arguments],
        cwd=REPO,
        env=environment(**extra),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


@pytest.fixture(autouse=True)
def _work_models(request) -> None:
    """The seven work models, also in a test database kept from a run that ended with a
    flush (--reuse-db): every fault test that uses the database is transactional."""
    if request.node.get_closest_marker("django_db") is None:
        return
    request.getfixturevalue("transactional_db")
    from events.work_models import work_models_ensure

    work_models_ensure()
