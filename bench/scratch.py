"""The scratch databases of the benchmarks: where they live, how they are made, and the
project's own commands run against them."""

import os
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit

import environ
import psycopg

REPO = Path(__file__).resolve().parent.parent
DATA = REPO / "data" / "neighbourhoods" / "flanders_wijken"
MUNICIPALITIES = DATA / "gemeenten_vlaanderen_brussel_2025.geojson"
WIJKEN = DATA / "wijken_ggw7_vlaanderen_brussel.geojson"
MUNICIPALITY_ARGS = ["--kind", "municipality", "--code-field", "nis", "--name-field", "naam"]
WIJKEN_ARGS = [
    "--kind",
    "neighbourhood",
    "--code-field",
    "wijk_code",
    "--name-field",
    "wijk_naam",
    "--parent-kind",
    "municipality",
    "--parent-code-field",
    "gemeente_nis",
]


def server_url() -> str:
    """The project's DATABASE_URL, read as config/settings/base.py reads it."""
    env = environ.Env()
    env.read_env(REPO / ".env", overwrite=False)
    return env("DATABASE_URL", default="postgis://postgres@127.0.0.1:5432/buurtwijzer")


def database_url(name: str) -> str:
    return urlsplit(server_url())._replace(path=f"/{name}").geturl()


def connect(url: str, **kwargs) -> psycopg.Connection:
    config = environ.Env.db_url_config(url)
    return psycopg.connect(
        host=config["HOST"] or None,
        port=config["PORT"] or None,
        user=config["USER"] or None,
        password=config["PASSWORD"] or None,
        dbname=config["NAME"],
        **kwargs,
    )


def database_create(name: str) -> str:
    """Drop and create `name` with PostGIS; returns its URL. Fails if someone is connected."""
    with connect(database_url("postgres"), autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(f'CREATE DATABASE "{name}"')
    url = database_url(name)
    with connect(url, autocommit=True) as conn:
        conn.execute("CREATE EXTENSION postgis")
    return url


def database_drop(name: str) -> None:
    with connect(database_url("postgres"), autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')


def manage(url: str, *args: str) -> None:
    env = {**os.environ, "DATABASE_URL": url}
    done = subprocess.run(
        [sys.executable, "manage.py", *args], cwd=REPO, env=env, capture_output=True, text=True
    )
    if done.returncode:
        sys.stderr.write(done.stdout + done.stderr)
        raise SystemExit(f"manage.py {args[0]} failed ({done.returncode})")


def areas_import(url: str) -> None:
    """The real municipalities and wijken, loaded with the project's own import."""
    manage(url, "import_areas", str(MUNICIPALITIES), *MUNICIPALITY_ARGS)
    manage(url, "import_areas", str(WIJKEN), *WIJKEN_ARGS)


def manage_timed(url: str, *args: str) -> float:
    """Seconds that `manage.py ARGS` took against `url`, interpreter start included."""
    started = time.perf_counter()
    manage(url, *args)
    return time.perf_counter() - started
