"""A real PostgreSQL streaming replica (issue 14): `scripts/replica.sh` copies a primary with
`pg_basebackup -R`, and gunicorn with DATABASE_REPLICA_URL reads map data from it.

The pair is a scratch primary and its replica, both made here on free loopback ports, so the
machine's own server and the other tests' databases stay out of it. Everything goes through
real HTTP: a worker who has just posted a place sees it on the next map read while the
replica's replay is paused, a stranger does not (so the map really is read from the
replica), a stopped replica leaves the site serving from the primary, and `/healthz` shows
the lag.
"""

import http.cookiejar
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

from tests.config.test_gunicorn import free_port

REPO = Path(__file__).resolve().parents[2]
DB = "buurtwijzer_replica"
BBOX = "3.60,50.95,3.85,51.10"
GENT = {"type": "Point", "coordinates": [3.7250, 51.0540]}


def scratch_cluster(*args: str) -> None:
    result = subprocess.run(
        ["bash", "scripts/pg_scratch.sh", *args], cwd=REPO, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr


def sql(port: int, statement: str, database: str = DB) -> str:
    """The statement's result as psql prints it unaligned, without headers."""
    result = subprocess.run(
        ["psql", "-Atq", "-h", "127.0.0.1", "-p", str(port), "-U", "postgres", "-d", database],
        input=statement,
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "PGOPTIONS": "-c statement_timeout=10000"},
    )
    return result.stdout.strip()


def psql_value(port: int, statement: str) -> str:
    return sql(port, statement).splitlines()[-1]


class Browser:
    """One person's browser: its own cookies, forms with their CSRF token."""

    def __init__(self, base: str):
        self.base = base
        self.cookies = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.cookies))

    def request(self, method: str, path: str, body: bytes | None = None, headers=None):
        request = urllib.request.Request(
            self.base + path, data=body, method=method, headers=headers or {}
        )
        try:
            with self.opener.open(request, timeout=15) as response:
                return response.status, response.read()
        except urllib.error.HTTPError as error:
            return error.code, error.read()

    def cookie(self, name: str) -> str | None:
        return next((c.value for c in self.cookies if c.name == name), None)

    def log_in(self, username: str, password: str) -> None:
        status, _ = self.request("GET", "/accounts/login/")
        assert status == 200
        form = urllib.parse.urlencode(
            {
                "username": username,
                "password": password,
                "csrfmiddlewaretoken": self.cookie("csrftoken"),
            }
        ).encode()
        status, body = self.request(
            "POST",
            "/accounts/login/",
            form,
            {"Content-Type": "application/x-www-form-urlencoded"},
        )
        assert status == 200 and self.cookie("sessionid"), body[-500:]

    def post_json(self, path: str, payload: dict):
        return self.request(
            "POST",
            path,
            json.dumps(payload).encode(),
            {"Content-Type": "application/json", "X-CSRFToken": self.cookie("csrftoken")},
        )

    def place_names(self) -> list[str]:
        status, body = self.request("GET", f"/api/v1/places/?bbox={BBOX}")
        assert status == 200, body[:500]
        return sorted(f["properties"]["name"] for f in json.loads(body)["features"])

    def health(self) -> dict:
        status, body = self.request("GET", "/healthz")
        assert status == 200, body
        return json.loads(body)


def wait_for(check, what: str, seconds: float = 20):
    deadline = time.monotonic() + seconds
    while not check():
        assert time.monotonic() < deadline, f"{what} within {seconds} s"
        time.sleep(0.2)


@pytest.fixture(scope="module")
def scratch():
    base = Path(tempfile.mkdtemp(prefix="bw-replica-"))
    base.chmod(0o755)
    yield base
    shutil.rmtree(base, ignore_errors=True)


@pytest.fixture(scope="module")
def primary(scratch):
    """A scratch PostgreSQL cluster with the project's schema and one worker."""
    data = scratch / "primary"
    port = free_port()
    scratch_cluster("start", str(data), str(port))
    try:
        sql(port, f"CREATE DATABASE {DB}", database="postgres")
        sql(port, "CREATE EXTENSION postgis")
        env = {**os.environ, "DATABASE_URL": f"postgis://postgres@127.0.0.1:{port}/{DB}"}
        env.pop("DJANGO_SETTINGS_MODULE", None)
        manage = {"cwd": REPO, "env": env, "check": True, "capture_output": True}
        subprocess.run([sys.executable, "manage.py", "migrate", "-v0"], **manage)
        subprocess.run([sys.executable, "manage.py", "shell", "-c", WORKER_SETUP], **manage)
        yield port
    finally:
        scratch_cluster("stop", str(data))


WORKER_SETUP = """
from django.contrib.auth import get_user_model
from places.models import Membership, Organisation
organisation = Organisation.objects.create(name="Buurtwerk Noord", verified=True)
user = get_user_model().objects.create_user("ines", password="replica-test-pw")
Membership.objects.create(organisation=organisation, user=user)
print(organisation.id)
"""


@pytest.fixture(scope="module")
def replica(scratch, primary):
    port = free_port()
    env = {
        **os.environ,
        "DATABASE_URL": f"postgis://postgres@127.0.0.1:{primary}/{DB}",
        "REPLICA_PORT": str(port),
        "REPLICA_DIR": str(scratch / "replica"),
        "REPLICA_ENV_FILE": "-",
    }
    started = subprocess.run(
        ["bash", "scripts/replica.sh", "start"], cwd=REPO, env=env, capture_output=True, text=True
    )
    assert started.returncode == 0, started.stdout + started.stderr
    yield port
    subprocess.run(["bash", "scripts/replica.sh", "remove"], cwd=REPO, env=env, capture_output=True)


def start_replica(scratch):
    replica = scratch / "replica"
    scratch_cluster("pg_ctl", str(replica), "-w", "-l", str(replica / "replica.log"), "start")


def stop_replica(scratch):
    scratch_cluster("stop", str(scratch / "replica"))


@pytest.fixture(scope="module")
def site(scratch, primary, replica):
    """gunicorn as deployed (config/gunicorn.py), one worker, reading map data from the replica."""
    port = free_port()
    env = {
        **os.environ,
        # The development settings as `make run` has them (DEBUG: no collectstatic needed).
        "DJANGO_SETTINGS_MODULE": "config.settings.dev",
        "DEBUG": "true",
        "ALLOWED_HOSTS": "127.0.0.1",
        "DATABASE_URL": f"postgis://postgres@127.0.0.1:{primary}/{DB}",
        "DATABASE_REPLICA_URL": f"postgis://postgres@127.0.0.1:{replica}/{DB}",
        "REPLICA_RETRY_SECONDS": "1",
        "WEB_CONCURRENCY": "1",
        "PGAPPNAME": "buurtwijzer-site",
        "CELERY_BROKER_URL": "",
        "REDIS_URL": "",
    }
    log_path = scratch / "gunicorn.log"
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
        stdout=log_path.open("w"),
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    try:

        def answers() -> bool:
            assert process.poll() is None, log_path.read_text()[-3000:]
            try:
                return Browser(base).request("GET", "/healthz")[0] == 200
            except OSError:
                return False

        wait_for(answers, "gunicorn answers", 60)
        yield base
    finally:
        process.terminate()
        process.wait(10)


def now(port: int) -> str:
    return psql_value(port, "SELECT now()")


def served_places_since(port: int, since: str) -> bool:
    """The server's own statistics: a connection of the site ran a places read after `since`."""
    return (
        psql_value(
            port,
            "SELECT count(*) FROM pg_stat_activity WHERE application_name = 'buurtwijzer-site'"
            f" AND query LIKE '%places_place%' AND query_start >= '{since}'",
        )
        != "0"
    )


def test_the_replica_streams_and_the_map_reads_from_it(site, primary, replica):
    assert psql_value(primary, "SELECT state FROM pg_stat_replication") == "streaming"
    assert psql_value(replica, "SELECT pg_is_in_recovery()") == "t"

    since = now(replica)
    Browser(site).place_names()
    assert served_places_since(replica, since)
    assert not served_places_since(primary, since)


def test_a_worker_reads_their_own_write_while_the_replica_lags(site, primary, replica):
    organisation = psql_value(primary, "SELECT id FROM places_organisation")
    worker, stranger = Browser(site), Browser(site)
    worker.log_in("ines", "replica-test-pw")
    sql(replica, "SELECT pg_wal_replay_pause()")
    try:
        status, body = worker.post_json(
            "/api/v1/places/",
            {
                "name": "Buurthuis De Lage Lag",
                "location": GENT,
                "kind": "community_centre",
                "organisation": int(organisation),
            },
        )
        assert status == 201, body
        # The primary has it, the paused replica not: a stranger's map comes from the
        # replica and lacks it; the worker's next map read has it.
        assert psql_value(primary, "SELECT count(*) FROM places_place") == "1"
        assert psql_value(replica, "SELECT count(*) FROM places_place") == "0"
        since = now(primary)
        assert worker.place_names() == ["Buurthuis De Lage Lag"]
        assert served_places_since(primary, since)
        assert stranger.place_names() == []
        assert worker.place_names() == ["Buurthuis De Lage Lag"]

        health = stranger.health()["checks"]["replica"]
        assert health["ok"] is True and health["replay_paused"] is True
        assert health["lag_bytes"] > 0 and health["lag_seconds"] >= 0
    finally:
        sql(replica, "SELECT pg_wal_replay_resume()")

    wait_for(lambda: stranger.place_names() == ["Buurthuis De Lage Lag"], "the replica catches up")
    wait_for(lambda: stranger.health()["checks"]["replica"]["lag_bytes"] == 0, "no lag left")
    # Caught up: the worker's reads go back to the replica, and the cookie is dropped.
    since = now(replica)
    assert worker.place_names() == ["Buurthuis De Lage Lag"]
    assert worker.cookie("bw_written_lsn") is None
    assert served_places_since(replica, since)


def test_the_site_reads_the_primary_while_the_replica_is_down(site, scratch, primary, replica):
    names = Browser(site).place_names()
    stop_replica(scratch)
    try:
        resident = Browser(site)
        since = now(primary)
        for _ in range(3):
            assert resident.place_names() == names
        assert served_places_since(primary, since)
        status, body = resident.request("GET", "/api/v1/areas/?level=municipality")
        assert status in (200, 400), body[:300]
        health = resident.health()
        assert health["status"] == "degraded"
        assert health["checks"]["replica"]["ok"] is False
        assert health["checks"]["database"]["ok"] is True
    finally:
        start_replica(scratch)
    # Back: after REPLICA_RETRY_SECONDS the map reads the replica again.
    wait_for(
        lambda: psql_value(primary, "SELECT state FROM pg_stat_replication") == "streaming",
        "the replica streams again",
    )
    time.sleep(1.2)
    since = now(replica)
    assert Browser(site).place_names() == names
    assert served_places_since(replica, since)
