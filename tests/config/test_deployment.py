"""The deployment files and settings stay honest: checked, not just written."""

import os
import secrets
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError

from core.spatial import srid_from_web

REPO = Path(__file__).resolve().parents[2]


def test_docker_compose_file_is_valid():
    docker_compose = shutil.which("docker-compose")
    assert docker_compose, "make setup installs Debian's docker-compose"
    result = subprocess.run(
        [docker_compose, "-f", "docker-compose.yml", "config"],
        cwd=REPO,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    assert "postgis/postgis" in result.stdout
    assert "gunicorn" in (REPO / "Dockerfile").read_text()


def test_every_path_the_dockerfile_copies_exists():
    for line in (REPO / "Dockerfile").read_text().splitlines():
        if line.startswith("COPY "):
            for source in line.split()[1:-1]:
                assert (REPO / source).exists(), f"Dockerfile copies missing {source}"


def test_the_dockerfile_copies_every_python_package_the_app_imports():
    copied = {
        line.split()[1]
        for line in (REPO / "Dockerfile").read_text().splitlines()
        if line.startswith("COPY ")
    }
    packages = {
        path.parent.name
        for path in REPO.glob("*/__init__.py")
        if path.parent.name not in {"tests", "bench"}
    }
    assert packages <= copied, packages - copied


def test_production_settings_pass_the_deploy_check_but_for_the_documented_gdal_warning():
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "buurtwijzer.example.org",
        "DEBUG": "false",
    }
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)  # set for the browser tests only
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy"],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    issues = [
        line
        for line in (result.stdout + result.stderr).splitlines()
        if line.startswith("?:") or ".W0" in line or ".E0" in line
    ]
    assert all("gis.W001" in line for line in issues), issues


@pytest.mark.parametrize("value", ["4326", "EPSG:31370", "epsg:3857", 3812])
def test_known_epsg_codes_are_accepted_from_the_web(value):
    assert srid_from_web(value) in {4326, 31370, 3857, 3812}


@pytest.mark.parametrize(
    "value",
    [
        "+proj=longlat +datum=WGS84",
        'GEOGCS["WGS 84",DATUM["WGS_1984"]]',
        "EPSG:2154",
        "",
        "4326; DROP",
    ],
)
def test_wkt_proj_strings_and_other_codes_are_refused(value):
    with pytest.raises(ValidationError):
        srid_from_web(value)


def compose_config() -> dict:
    import yaml

    result = subprocess.run(
        [shutil.which("docker-compose"), "-f", "docker-compose.yml", "config"],
        cwd=REPO,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    return yaml.safe_load(result.stdout)


def mount(volume) -> tuple[Path, str, str]:
    """(source, target, "ro" or "rw") of a volume in either of compose's notations."""
    if isinstance(volume, str):
        source, target, *mode = volume.split(":")
        return Path(source), target, (mode or ["rw"])[0]
    return Path(volume["source"]), volume["target"], "ro" if volume.get("read_only") else "rw"


def test_only_nginx_faces_the_clients_and_buffers_requests_for_gunicorn():
    services = compose_config()["services"]
    proxy = services["proxy"]
    assert proxy["image"].startswith("nginx:")
    published = {name for name, service in services.items() if service.get("ports")}
    assert published == {"proxy"}, f"only the proxy publishes a port, not {published}"
    # The proxy's configuration is a file in the repository, mounted read-only.
    mounts = [mount(volume) for volume in proxy["volumes"]]
    mounts = [(source, mode) for source, target, mode in mounts if target.startswith("/etc/nginx")]
    assert mounts and all(mode == "ro" for _source, mode in mounts), mounts
    for source, _mode in mounts:
        assert source.is_file() and REPO in source.parents, source
    conf = "\n".join(source.read_text() for source, _mode in mounts)
    for directive in (
        "proxy_request_buffering on",
        "client_header_timeout",
        "client_body_timeout",
        "proxy_pass http://web:8000",
        "X-Forwarded-For $proxy_add_x_forwarded_for",
    ):
        assert directive in conf, directive
    # One proxy appends to X-Forwarded-For: the app trusts exactly that one entry.
    assert str(services["web"]["environment"]["NUM_PROXIES"]) == "1"


def test_the_image_runs_gunicorn_with_the_projects_configuration():
    dockerfile = (REPO / "Dockerfile").read_text()
    assert '"-c", "config/gunicorn.py"' in dockerfile
    assert "COPY config config" in dockerfile
