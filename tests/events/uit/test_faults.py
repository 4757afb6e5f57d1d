"""A UiT source that cannot be read whole changes nothing, gets its own error (stored, shown
in the workspace), and the others still sync; the command exits non-zero naming it."""

import logging
import socket
import time

import pytest

from events.models import Activity, ActivityChange, Status
from events.uit import client
from events.uit.client import UitError, search_url, uit_events

from .conftest import run
from .uit_server import event, weeks_ahead

pytestmark = pytest.mark.django_db


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


FAULTS = {
    "unreachable": "the connection failed",
    "slow": "UiT did not answer within 0.5 seconds",
    "status:401": "UiT refused the request (HTTP 401): check the API key",
    "status:403": "UiT refused the request (HTTP 403): check the API key",
    "throttled": "HTTP 429) and asked to wait longer than 2 seconds",
    "status:503": "UiT answered HTTP 503",
    "not-json": "UiT's answer is not valid JSON",
    "no-member": "UiT's answer is not a page of search results (no member list)",
    "over-cap": "the query matches 8 events, more than the limit of 5 (UIT_MAX_EVENTS)",
    "broken-page-2": "UiT's answer is not a page of search results",
}


@pytest.mark.parametrize("fault", list(FAULTS))
def test_a_failing_source_changes_nothing_and_the_others_sync(
    fault, source_for, uit, settings, monkeypatch
):
    settings.UIT_TIMEOUT = 0.5 if fault == "slow" else 10
    settings.UIT_MAX_EVENTS = 5
    settings.UIT_PAGE_SIZE = 2
    settings.UIT_RETRY_AFTER_MAX = 2
    good = source_for("Goede bron", "labels:goed")
    bad = source_for("Kapotte bron", "labels:kapot")
    day = weeks_ahead(1)
    uit.results[good.query] = [event("g-0001", "Naaicafé", day=day)]
    uit.results[bad.query] = [event("k-0001", "Repair café", day=day)]
    assert run()[1] is None
    history = ActivityChange.objects.count()

    # Now the bad source fails; had it been read, its event would be gone (cancelled) and a
    # new one created.
    uit.results[good.query] = [
        event("g-0001", "Naaicafé", day=day),
        event("g-0002", "Soepcafé", day=day),
    ]
    new_list = [event("k-0002", "Nieuw", day=day)]
    if fault == "unreachable":
        monkeypatch.setattr(
            settings, "UIT_API_URL", f"http://127.0.0.1:{_closed_port()}", raising=False
        )
        # The good source is served: point it at the live server by its own address.
        real = client.search_url

        def by_source(query, **kwargs):
            url = real(query, **kwargs)
            if query == good.query:
                return url.replace(settings.UIT_API_URL, uit_base(uit))
            return url

        monkeypatch.setattr(client, "search_url", by_source)
    elif fault == "throttled":
        uit.results[bad.query] = new_list
        uit.throttled[bad.query] = 1
        uit.retry_after = "3600"
    elif fault == "over-cap":
        uit.results[bad.query] = new_list
        uit.total_bonus[bad.query] = 7
    elif fault == "broken-page-2":
        # Page 1 is fine (and would cancel k-0001), page 2 breaks: nothing may change.
        uit.results[bad.query] = [*new_list, event("k-0003", "Twee", day=day), "broken"]
    else:
        uit.results[bad.query] = fault

    started = time.monotonic()
    out, error = run()
    assert error is not None
    assert "1 of 2 UiT source(s) could not be synced completely: Kapotte bron" in str(error)
    assert "The other sources were synced" in str(error)
    assert FAULTS[fault] in out, out
    if fault == "throttled":
        assert time.monotonic() - started < 2  # a long Retry-After is not waited out
    bad.refresh_from_db()
    good.refresh_from_db()
    assert FAULTS[fault] in bad.last_error
    assert good.last_error == ""
    assert "SECRET-REMOTE-TEXT" not in out + bad.last_error
    # The bad source: exactly as before; the good one synced.
    assert Activity.objects.get(import_key="uit:k-0001").status == Status.PUBLISHED
    assert not Activity.objects.filter(import_key__in=["uit:k-0002", "uit:k-0003"]).exists()
    assert Activity.objects.filter(uit_source=good).count() == 2
    assert ActivityChange.objects.count() == history + 1  # the good source's new event


def uit_base(served) -> str:
    # The live server's address, from the test settings it was started with.
    return served.base


def test_a_short_retry_after_is_honoured(source_for, uit, settings):
    settings.UIT_RETRY_AFTER_MAX = 2
    source = source_for("Bron", "labels:druk")
    uit.results[source.query] = [event("r-0001", "Druk", day=weeks_ahead(1))]
    uit.throttled[source.query] = 1
    uit.retry_after = "1"
    started = time.monotonic()
    out, error = run()
    assert error is None, out
    assert time.monotonic() - started >= 1
    assert Activity.objects.filter(import_key="uit:r-0001").exists()
    assert len(uit.requests) == 2


def test_pages_are_read_with_start_and_limit_and_the_key_is_sent_never_shown(
    source_for, uit, settings, caplog
):
    settings.UIT_PAGE_SIZE = 2
    source = source_for("Bron", "regions:nis-44021 AND labels:buurtwerk")
    day = weeks_ahead(1)
    uit.results[source.query] = [event(f"p-000{n}", f"Activiteit {n}", day=day) for n in range(5)]
    with caplog.at_level(logging.DEBUG):
        out, error = run()
    assert error is None, out
    assert Activity.objects.count() == 5
    paths = [path for path, _headers in uit.requests]
    assert [search_url(source.query, start=s, limit=2).split("/events/")[1] for s in (0, 2, 4)] == [
        path.split("/events/")[1] for path in paths
    ]
    assert "embed=true" in paths[0] and "q=regions%3Anis-44021+AND+labels%3Abuurtwerk" in paths[0]
    assert all(headers.get("x-api-key") == "test-key-7f3a9c" for _path, headers in uit.requests)
    assert all("test-key-7f3a9c" not in path for path in paths)
    source.refresh_from_db()
    assert "test-key-7f3a9c" not in out + caplog.text + source.last_error


def test_the_client_never_reads_more_pages_than_the_cap_allows(uit, settings):
    settings.UIT_PAGE_SIZE = 2
    settings.UIT_MAX_EVENTS = 4
    # A server announcing 4 results but always giving an empty page after the first.
    uit.results["q"] = [event("c-0001", "Een", day=weeks_ahead(1))]
    uit.total_bonus["q"] = 3
    with pytest.raises(UitError, match="stopped giving results at 1 of the 4"):
        uit_events("q")


def test_one_bad_event_is_reported_by_position_and_id_and_the_rest_syncs(source_for, uit):
    source = source_for("Bron", "labels:half")
    day = weeks_ahead(1)
    broken = event("b-0002", "Geheim s3cr3t-TITEL", day=day)
    broken["subEvent"] = [{"startDate": "s3cr3t-DATUM", "endDate": None}]
    uit.results[source.query] = [
        event("b-0001", "Goed", day=day),
        broken,
        {"@type": "Event", "name": {"nl": "Zonder id s3cr3t"}},
        "not an event s3cr3t",
        event("b-0005", "Ook goed", day=day, extra={"calendarType": "s3cr3t-soort"}),
    ]
    out, error = run()
    assert error is not None and "Bron" in str(error)
    source.refresh_from_db()
    assert source.last_error == (
        "event 2 of the results (UiT id b-0002): its date start is not a date; "
        "event 3 of the results: it has no UiT id (@id); "
        "event 4 of the results: it has no UiT id (@id); "
        "event 5 of the results (UiT id b-0005): its calendar type is not single, multiple, "
        "periodic or permanent"
    )
    assert "s3cr3t" not in out + str(error) + source.last_error
    assert list(Activity.objects.values_list("import_key", flat=True)) == ["uit:b-0001"]

    # An event that synced before and cannot be read today is not taken for deleted.
    uit.results[source.query] = [broken]
    out, error = run()
    assert error is not None
    assert Activity.objects.get(import_key="uit:b-0001").status == Status.CANCELLED
    uit.results[source.query] = [event("b-0001", "Goed", day=day)]
    run()
    uit.results[source.query] = [{**event("b-0001", "Goed", day=day), "calendarType": "?"}]
    out, error = run()
    assert error is not None
    assert Activity.objects.get(import_key="uit:b-0001").status == Status.PUBLISHED


def test_an_unexpected_error_in_one_source_is_stored_by_its_kind_and_the_others_sync(
    source_for, uit, monkeypatch
):
    import events.uit.sync as sync

    first = source_for("Eerste", "labels:een")
    second = source_for("Tweede", "labels:twee")
    uit.results[first.query] = uit.results[second.query] = [
        event("x-0001", "X", day=weeks_ahead(1))
    ]
    real = sync.source_sync

    def flaky(source, **kwargs):
        if source.pk == first.pk:
            raise RuntimeError("SECRET-REMOTE-TEXT")
        return real(source, **kwargs)

    monkeypatch.setattr(sync, "source_sync", flaky)
    out, error = run()
    assert "SECRET-REMOTE-TEXT" not in out
    assert error is not None and "Eerste" in str(error) and "Tweede" not in str(error)
    first.refresh_from_db()
    assert first.last_error == "unexpected error (RuntimeError)"
    assert Activity.objects.get().uit_source == second
