"""`/healthz` (config/health.py): the real test database, the real migration loader and a
real closed port for the cache and the broker; nothing is mocked."""

import os
import socket
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest
import yaml
from django.conf import settings
from django.test import override_settings

REPO = Path(__file__).resolve().parents[2]

# The test settings have a `replica` alias (a mirror of the test database), which the page
# probes too, from a thread of its own: a thread may only use it in a transactional test (in a
# plain one, Django's mirror connection is left open and the test database cannot be dropped).
pytestmark = pytest.mark.django_db(transaction=True, databases=["default", "replica"])


@pytest.fixture
def closed_port() -> int:
    """A local port that nothing listens on (bound once by us, then released)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_a_migrated_database_is_healthy(client):
    response = client.get("/healthz")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert "no-cache" in response["Cache-Control"]
    body = response.json()
    assert body["status"] == "ok"
    assert body["checks"]["database"] == {"ok": True, "critical": True}
    assert body["checks"]["migrations"] == {"ok": True, "critical": True}
    assert body["checks"]["cache"]["ok"] is True
    assert body["checks"]["replica"] == {"ok": True, "critical": False}


def test_healthz_needs_no_language_prefix_session_or_login(client):
    assert client.get("/en/healthz").status_code == 404
    response = client.head("/healthz")
    assert response.status_code == 200
    assert "sessionid" not in response.cookies
    assert "csrftoken" not in response.cookies
    assert client.post("/healthz").status_code == 405


@override_settings(MIGRATION_MODULES={"frontend": "tests.config.pending_migrations"})
def test_an_unapplied_migration_makes_the_site_unavailable(client):
    response = client.get("/healthz")

    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "unavailable"
    assert body["checks"]["database"]["ok"] is True
    migrations = body["checks"]["migrations"]
    assert migrations["ok"] is False
    assert "1 unapplied migration(s): frontend.0001_pending" in migrations["error"]


def test_a_cache_that_does_not_answer_is_reported_but_not_fatal(client, closed_port):
    redis_down = f"redis://127.0.0.1:{closed_port}/0"
    caches = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": redis_down,
            "OPTIONS": {"socket_connect_timeout": 2, "socket_timeout": 2},
        }
    }
    with override_settings(CACHES=caches, HEALTHZ_BROKER_URL=redis_down):
        response = client.get("/healthz")

    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "degraded"
    assert body["checks"]["migrations"]["ok"] is True
    for name in ("cache", "broker"):
        assert body["checks"][name]["ok"] is False, name
        assert body["checks"][name]["critical"] is False
        assert body["checks"][name]["error"]


def test_the_broker_is_only_checked_where_one_is_configured(client):
    with override_settings(HEALTHZ_BROKER_URL=""):
        assert "broker" not in client.get("/healthz").json()["checks"]


def compose_healthcheck_arguments(port: int) -> list[str]:
    """The arguments of the web service's healthcheck in docker-compose.yml (a Python
    command in the image), aimed at `port`."""
    compose = yaml.safe_load((REPO / "docker-compose.yml").read_text())
    kind, python, *arguments = compose["services"]["web"]["healthcheck"]["test"]
    assert (kind, python) == ("CMD", "python")
    return [argument.replace(":8000/", f":{port}/") for argument in arguments]


def test_the_docker_healthcheck_passes_only_while_the_site_is_healthy(live_server):
    port = urlsplit(live_server.url).port
    # A site whose name is not the address Docker probes: the command sends an allowed Host.
    env = {**os.environ, "ALLOWED_HOSTS": "buurtwijzer.example.org,localhost"}
    with override_settings(ALLOWED_HOSTS=["buurtwijzer.example.org"]):
        healthy = subprocess.run(
            [sys.executable, *compose_healthcheck_arguments(port)], env=env, capture_output=True
        )
        with override_settings(MIGRATION_MODULES={"frontend": "tests.config.pending_migrations"}):
            pending = subprocess.run(
                [sys.executable, *compose_healthcheck_arguments(port)], env=env, capture_output=True
            )

    assert healthy.returncode == 0, healthy.stderr
    assert pending.returncode != 0
    assert b"HTTP Error 503" in pending.stderr


def test_plain_http_probes_reach_healthz_under_the_production_settings():
    """The HTTPS redirect of production spares /healthz, and nothing else."""
    code = (
        "from django.test import Client; c = Client(HTTP_HOST='buurtwijzer.example.org'); "
        "print(c.get('/healthz').status_code, c.get('/').status_code)"
    )
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "SECRET_KEY": "a-test-key-that-is-long-enough-for-the-production-settings",
        "ALLOWED_HOSTS": "buurtwijzer.example.org",
        "SECURE_SSL_REDIRECT": "true",
        # The migrated test database, whatever state the development database is in.
        "DATABASE_URL": urlunsplit(
            urlsplit(
                os.environ.get("DATABASE_URL", "postgis://postgres@127.0.0.1:5432/x")
            )._replace(path="/" + settings.DATABASES["default"]["NAME"])
        ),
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "-v", "0", "-c", code],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[-2:] == ["200", "301"]
