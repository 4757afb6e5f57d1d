"""The HSDS API over a real HTTP connection (the other tests use the in-process client)."""

import json
import urllib.request

import pytest

from .schemas import errors


@pytest.mark.django_db(transaction=True)
def test_over_real_http(live_server):
    from django.core.management import call_command

    call_command("load_demo", verbosity=0)
    with urllib.request.urlopen(
        f"{live_server.url}/api/hsds/services?full=true&per_page=5"
    ) as answer:
        page = json.load(answer)
    assert page["size"] == 5
    assert [line for item in page["contents"] for line in errors("service.json", item)] == []
    assert all(item["url"].startswith(live_server.url) for item in page["contents"])
