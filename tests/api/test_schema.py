"""The OpenAPI schema is valid, and a bounded schemathesis run against it finds no server
error and no response that contradicts it."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
import schemathesis
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

REPO = Path(__file__).resolve().parents[2]
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]
# Bounded for `make test`; set SCHEMATHESIS_EXAMPLES (and SCHEMATHESIS_RANDOM=1) for a
# deeper, randomised hunt.
EXAMPLES_PER_OPERATION = int(os.environ.get("SCHEMATHESIS_EXAMPLES", "20"))
DERANDOMIZE = os.environ.get("SCHEMATHESIS_RANDOM") != "1"

pytestmark = pytest.mark.django_db


def test_spectacular_validates_without_warnings():
    result = subprocess.run(
        [
            sys.executable,
            "manage.py",
            "spectacular",
            "--validate",
            "--fail-on-warn",
            "--file",
            os.devnull,
        ],
        cwd=REPO,
        capture_output=True,
        text=True,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.test"},
    )
    assert result.returncode == 0, result.stderr[-2000:]


def test_api_conforms_to_its_schema(demo, db, settings):
    # In process through WSGI (the same Django, the test database with the demo loaded);
    # the pytest plugin of schemathesis does not run under pytest 9, so the operations
    # are driven by hypothesis directly.
    from django.core.signals import request_finished, request_started
    from django.core.wsgi import get_wsgi_application
    from django.db import close_old_connections

    settings.ALLOWED_HOSTS = ["*"]
    # As Django's test client does: a request must not close the test's connection.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    schema = schemathesis.openapi.from_wsgi("/api/schema/", get_wsgi_application())
    failures = []
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 12
    for operation in operations:

        @given(case=operation.as_strategy())
        @hypothesis_settings(
            max_examples=EXAMPLES_PER_OPERATION,
            deadline=None,
            database=None,
            suppress_health_check=list(HealthCheck),
        )
        def run(case):
            # Schemathesis' WSGI client asks for gzip but does not unpack it.
            case.call_and_validate(checks=CHECKS, headers={"Accept-Encoding": "identity"})

        try:
            run()
        except Exception as error:  # collect every operation's failure, then report all
            failures.append(f"{operation.method.upper()} {operation.path}: {error}"[:1500])
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)
    assert not failures, "\n\n".join(failures)
