from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from events.models import UitSource, WorkModel
from tests.factories import OrganisationFactory

from .uit_server import uit_server


@pytest.fixture
def uit(settings):
    with uit_server() as (base, served):
        settings.UIT_API_URL = base
        settings.UIT_API_KEY = "test-key-7f3a9c"
        yield served


@pytest.fixture
def source_for(territory, uit):
    def make(name: str, query: str, *, verified: bool = True, **fields) -> UitSource:
        organisation = fields.pop("organisation", None) or OrganisationFactory(verified=verified)
        source = UitSource.objects.create(
            organisation=organisation, name=name, query=query, **fields
        )
        source.work_models.set(WorkModel.objects.filter(code="community"))
        return source

    return make


def run(*args) -> tuple[str, CommandError | None]:
    out = StringIO()
    try:
        call_command("sync_uit", *args, stdout=out)
    except CommandError as error:
        return out.getvalue(), error
    return out.getvalue(), None
