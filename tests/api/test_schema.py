"""The OpenAPI schema is valid, and schemathesis runs every operation of it (drf-spectacular,
/api/schema/) with at least 100 examples, anonymous and as a logged-in community worker:
no server error, and every response conforms to the schema (status, content type, body)."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections, transaction
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.renderers import OpenApiJsonRenderer
from hypothesis import HealthCheck, Phase, given
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
# At least 100 per operation in `make test`; SCHEMATHESIS_EXAMPLES=1000 (and
# SCHEMATHESIS_RANDOM=1) for a deeper, randomised hunt.
EXAMPLES_PER_OPERATION = int(os.environ.get("SCHEMATHESIS_EXAMPLES", "100"))
DERANDOMIZE = os.environ.get("SCHEMATHESIS_RANDOM") != "1"

# The schema as /api/schema/ serves it, read once at collection so that each operation is
# a test of its own (its time and failure reported apart); the calls go to the same Django
# in process through WSGI, on the test database.
SCHEMA = schemathesis.openapi.from_dict(
    json.loads(OpenApiJsonRenderer().render(SchemaGenerator().get_schema(public=True)))
)
SCHEMA.app = get_wsgi_application()
OPERATIONS = [result.ok() for result in SCHEMA.get_all_operations()]

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


def test_every_operation_is_run():
    assert len(OPERATIONS) >= 12
    assert {operation.method.upper() for operation in OPERATIONS} >= {"GET", "POST", "PATCH"}


@pytest.fixture(scope="module")
def small_world(django_db_setup, django_db_blocker):
    """A town with two neighbourhoods (one assessed), two organisations with a place each,
    a published activity with dated sessions, a draft and a programme serving an area, and a
    community worker of the first organisation with an API token; made once, rolled back at
    the end. Small on purpose: each example's response is read and checked against the
    schema, and the demo's full pages made the run ten times slower for no other finding."""
    from rest_framework.authtoken.models import Token

    from buurt.models import AreaKind, SensitivityAssessment, SensitivityType
    from events.models import Status
    from places.models import Precision
    from places.services import membership_add
    from tests.factories import (
        AreaFactory,
        OrganisationFactory,
        PlaceFactory,
        ScheduleFactory,
        UserFactory,
    )

    with django_db_blocker.unblock(), transaction.atomic():
        town = AreaFactory(
            kind=AreaKind.MUNICIPALITY,
            code="T0001",
            name="Testdorp",
            origin=(3.70, 51.00),
            width=0.04,
            height=0.02,
            population=10000,
        )
        west = AreaFactory(
            code="T0001W1",
            name="West",
            origin=(3.70, 51.00),
            parent=town,
            size=0.02,
            population=4000,
        )
        AreaFactory(
            code="T0001W2",
            name="Oost",
            origin=(3.72, 51.00),
            parent=town,
            size=0.02,
            population=6000,
        )
        SensitivityAssessment.objects.create(
            area=west,
            method_version="test",
            t0=2018,
            t1=2023,
            type=SensitivityType.INSUFFICIENT_DATA,
            reasons={"missing": []},
        )
        first, second = OrganisationFactory(), OrganisationFactory(verified=False)
        place = PlaceFactory(organisation=first)
        PlaceFactory(organisation=second, precision=Precision.AREA)
        ScheduleFactory(activity__organisation=first, activity__place=place)
        ScheduleFactory(
            activity__organisation=first, activity__place=place, activity__status=Status.DRAFT
        )
        ScheduleFactory(
            activity__organisation=second,
            activity__without_venue=True,
            activity__service_areas=[west],
            activity__work_models=("buddy",),
        )
        user = UserFactory(username="schemathesis-worker")
        membership_add(organisation=first, user=user)
        yield {"token": Token.objects.create(user=user).key}
        transaction.set_rollback(True)


@pytest.fixture
def in_process(settings):
    settings.ALLOWED_HOSTS = ["*"]
    # As Django's test client does: a request must not close the test's connection.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.mark.parametrize(
    "operation", OPERATIONS, ids=[f"{o.method.upper()} {o.path}" for o in OPERATIONS]
)
def test_operation_conforms_anonymous_and_as_worker(small_world, db, in_process, operation):
    # Each generated case goes out twice, anonymous and with the worker's token: the same
    # examples for both (generating them costs three times what calling them does).
    worker = {"Authorization": f"Token {small_world['token']}"}

    @given(case=operation.as_strategy())
    @hypothesis_settings(
        max_examples=EXAMPLES_PER_OPERATION,
        derandomize=DERANDOMIZE,
        deadline=None,
        database=None,
        phases=[Phase.explicit, Phase.generate, Phase.shrink],
        suppress_health_check=[
            HealthCheck.too_slow,
            HealthCheck.filter_too_much,
            HealthCheck.data_too_large,
        ],
    )
    def run(case):
        # Schemathesis' WSGI client asks for gzip but does not unpack it.
        for auth in ({}, worker):
            case.call_and_validate(checks=CHECKS, headers={"Accept-Encoding": "identity", **auth})

    run()


def test_the_workers_token_logs_in(small_world, db):
    # The run above as a worker means something only if the token is accepted.
    from rest_framework.test import APIClient

    client = APIClient()
    assert client.get("/api/v1/sensitivity/?kind=neighbourhood").status_code == 401
    client.credentials(HTTP_AUTHORIZATION=f"Token {small_world['token']}")
    assert client.get("/api/v1/sensitivity/?kind=neighbourhood").status_code == 200
