"""Calendar sync against a real local HTTP server serving .ics files."""

import threading
import time
from collections.abc import Iterator
from datetime import timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from core import fetch
from events.calendars.sync import feeds_sync
from events.models import Activity, ActivityChange, CalendarFeed, ChangeAction, Status, WorkModel
from tests.factories import ActivityFactory, OrganisationFactory, PlaceFactory

pytestmark = pytest.mark.django_db


class Served:
    """What the local server answers, by path; tests change it between syncs."""

    def __init__(self) -> None:
        self.files: dict[str, bytes] = {}


@pytest.fixture
def server() -> Iterator[tuple[str, Served]]:
    served = Served()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):
            if self.path == "/slow.ics":
                time.sleep(1.5)
            if self.path == "/redirect.ics":
                self.send_response(302)
                self.send_header("Location", "http://169.254.169.254/latest/meta-data/")
                self.end_headers()
                return
            body = served.files.get(self.path)
            if body is None:
                self.send_response(404)
                self.end_headers()
                return
            self.send_response(200)
            self.send_header("Content-Type", "text/calendar")
            self.end_headers()  # no Content-Length: the cap must hold while reading
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_port}", served
    httpd.shutdown()
    httpd.server_close()


def ics(*events: str) -> bytes:
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Test//Buurtwijzer//NL", *events]
    return ("\r\n".join([*lines, "END:VCALENDAR"]) + "\r\n").encode()


def vevent(uid: str, title: str, start: str, *, extra: str = "", end: str | None = None) -> str:
    end = end or start[:9] + str(int(start[9:11]) + 2).zfill(2) + start[11:]
    body = [
        "BEGIN:VEVENT",
        f"UID:{uid}",
        "DTSTAMP:20261101T000000Z",
        f"DTSTART;TZID=Europe/Brussels:{start}",
        f"DTEND;TZID=Europe/Brussels:{end}",
        f"SUMMARY:{title}",
        *filter(None, extra.split("\n")),
        "END:VEVENT",
    ]
    return "\r\n".join(body)


def next_tuesday_stamp() -> str:
    today = timezone.localdate()
    day = today + timedelta(days=(1 - today.weekday()) % 7 or 7)
    return day.strftime("%Y%m%d") + "T190000"


@pytest.fixture
def feed_for(territory, server):
    base, served = server

    def make(name: str, path: str, *, verified: bool = True) -> CalendarFeed:
        organisation = OrganisationFactory(verified=verified)
        place = PlaceFactory(organisation=organisation)
        feed = CalendarFeed.objects.create(
            organisation=organisation, name=name, url=base + path, place=place
        )
        feed.work_models.set(WorkModel.objects.filter(code="community"))
        return feed

    return make, served


def run(*args) -> tuple[str, CommandError | None]:
    out = StringIO()
    try:
        call_command("sync_calendars", *args, stdout=out)
    except CommandError as error:
        return out.getvalue(), error
    return out.getvalue(), None


def test_events_become_activities_idempotently_and_changes_follow(feed_for):
    make, served = feed_for
    feed = make("Buurthuis agenda", "/buurthuis.ics")
    start = next_tuesday_stamp()
    weekly = vevent("weekly@x", "Praatcafé", start, extra="RRULE:FREQ=WEEKLY;BYDAY=TU")
    once = vevent("once@x", "Buurtfeest", start)
    served.files["/buurthuis.ics"] = ics(weekly, once)

    out, error = run()
    assert error is None, out
    assert "created 2" in out
    praat = Activity.objects.get(import_key=f"ical:{feed.pk}:weekly@x")
    assert praat.status == Status.PUBLISHED
    assert praat.kind == "recurring" and praat.schedule.rrule == "FREQ=WEEKLY;BYDAY=TU"
    assert praat.occurrences.count() > 40
    assert Activity.objects.get(import_key=f"ical:{feed.pk}:once@x").kind == "event"

    # A second run changes nothing and records nothing.
    changes = ActivityChange.objects.count()
    out, error = run()
    assert error is None and "unchanged 2" in out
    assert ActivityChange.objects.count() == changes

    # A new title, a cancelled event, and an event gone from the feed.
    served.files["/buurthuis.ics"] = ics(
        vevent("weekly@x", "Praatcafé op dinsdag", start, extra="RRULE:FREQ=WEEKLY;BYDAY=TU"),
    )
    out, error = run()
    assert error is None and "updated 1" in out and "cancelled 1" in out
    praat.refresh_from_db()
    assert praat.title == "Praatcafé op dinsdag"
    synced = praat.changes.filter(action=ChangeAction.SYNCED).get()
    assert synced.changes["title"] == ["Praatcafé", "Praatcafé op dinsdag"]
    gone = Activity.objects.get(import_key=f"ical:{feed.pk}:once@x")
    assert gone.status == Status.CANCELLED  # cancelled, never deleted
    assert gone.changes.filter(action=ChangeAction.SYNCED).exists()
    assert not gone.occurrences.filter(cancelled=False, start__gte=timezone.now()).exists()

    served.files["/buurthuis.ics"] = ics(
        vevent(
            "weekly@x",
            "Praatcafé op dinsdag",
            start,
            extra="RRULE:FREQ=WEEKLY;BYDAY=TU\nSTATUS:CANCELLED",
        ),
    )
    out, error = run()
    praat.refresh_from_db()
    assert praat.status == Status.CANCELLED


def test_cancelled_and_moved_single_dates_follow(feed_for):
    make, served = feed_for
    feed = make("Agenda", "/a.ics")
    start = next_tuesday_stamp()
    first_day = start[:8]
    served.files["/a.ics"] = ics(
        vevent("w@x", "Praatcafé", start, extra="RRULE:FREQ=WEEKLY;BYDAY=TU;COUNT=4"),
        "\r\n".join(
            [
                "BEGIN:VEVENT",
                "UID:w@x",
                "DTSTAMP:20261101T000000Z",
                f"RECURRENCE-ID;TZID=Europe/Brussels:{first_day}T190000",
                f"DTSTART;TZID=Europe/Brussels:{first_day}T190000",
                f"DTEND;TZID=Europe/Brussels:{first_day}T210000",
                "SUMMARY:Praatcafé",
                "STATUS:CANCELLED",
                "END:VEVENT",
            ]
        ),
    )
    assert run()[1] is None
    activity = Activity.objects.get(import_key=f"ical:{feed.pk}:w@x")
    dates = list(activity.occurrences.values_list("cancelled", flat=True))
    assert dates == [True, False, False, False]


def test_hand_made_activities_and_other_feeds_are_never_touched(feed_for):
    make, served = feed_for
    feed = make("Agenda", "/a.ics")
    hand_made = ActivityFactory(
        organisation=feed.organisation, place=feed.place, title="Praatcafé", summary="Met de hand"
    )
    served.files["/a.ics"] = ics()  # an empty calendar: everything "gone"
    assert run()[1] is None
    hand_made.refresh_from_db()
    assert hand_made.status == Status.PUBLISHED
    assert not hand_made.changes.filter(action=ChangeAction.SYNCED).exists()


def test_malformed_oversized_and_missing_calendars_fail_alone(feed_for, settings):
    settings.CALENDAR_SYNC_MAX_BYTES = 20_000
    make, served = feed_for
    good = make("Goede agenda", "/good.ics")
    broken = make("Kapotte agenda", "/broken.ics")
    huge = make("Te grote agenda", "/huge.ics")
    make("Verdwenen agenda", "/missing.ics")
    start = next_tuesday_stamp()
    served.files["/good.ics"] = ics(vevent("g@x", "Naaicafé", start))
    # The broken feed synced once; its next download is garbage, which must not cancel.
    served.files["/broken.ics"] = ics(vevent("b@x", "Repair café", start))
    run()
    assert Activity.objects.filter(import_key=f"{broken.import_prefix}b@x").exists()
    served.files["/broken.ics"] = b"BEGIN:VCALENDAR\r\nthis is not ical\r\n\x00\xff"
    padding = "\r\n".join(vevent(f"h{i}@x", "Vol", start) for i in range(200))
    served.files["/huge.ics"] = ics(padding)
    served.files["/good.ics"] = ics(vevent("g@x", "Naaicafé", start), vevent("g2@x", "Soep", start))

    out, error = run()
    assert error is not None
    assert "3 of 4 calendar(s)" in str(error)
    assert "Kapotte agenda" in str(error) and "The other calendars were synced" in str(error)
    assert "not a valid iCalendar file" in out
    assert "larger than 20,000 bytes" in out
    assert "HTTP 404" in out
    # The good one synced, nothing of the broken one was lost, the huge one made nothing.
    assert Activity.objects.filter(import_key__startswith=good.import_prefix).count() == 2
    repair = Activity.objects.get(import_key=f"{broken.import_prefix}b@x")
    assert repair.status == Status.PUBLISHED
    assert not Activity.objects.filter(import_key__startswith=huge.import_prefix).exists()
    broken.refresh_from_db()
    assert "not a valid iCalendar file" in broken.last_error
    good.refresh_from_db()
    assert good.last_error == "" and good.last_synced_at is not None


def test_one_bad_event_is_reported_and_the_rest_of_its_calendar_syncs(feed_for):
    make, served = feed_for
    feed = make("Agenda", "/a.ics")
    start = next_tuesday_stamp()
    served.files["/a.ics"] = ics(
        vevent("ok@x", "Praatcafé", start),
        vevent("bad@x", "Elk uur", start, extra="RRULE:FREQ=DAILY;BYHOUR=1,2,3"),
    )
    out, error = run()
    assert error is not None and "Elk uur" in out and "BYHOUR" in out
    assert Activity.objects.filter(import_key=f"ical:{feed.pk}:ok@x").exists()
    assert not Activity.objects.filter(import_key=f"ical:{feed.pk}:bad@x").exists()

    # An event that synced before and cannot be read today is not taken for deleted.
    served.files["/a.ics"] = ics(
        vevent("ok@x", "Praatcafé", start).replace("DTSTART;TZID=Europe/Brussels:", "DTSTART:x"),
    )
    out, error = run()
    assert error is not None and "Praatcafé" in out
    kept = Activity.objects.get(import_key=f"ical:{feed.pk}:ok@x")
    assert kept.status == Status.PUBLISHED


def test_unverified_organisations_wait_for_moderation_dry_run_and_organisation_flag(feed_for):
    make, served = feed_for
    unverified = make("Nieuw", "/new.ics", verified=False)
    other = make("Ander", "/other.ics")
    served.files["/new.ics"] = ics(vevent("n@x", "Nieuw initiatief", next_tuesday_stamp()))
    served.files["/other.ics"] = ics(vevent("o@x", "Ander", next_tuesday_stamp()))

    out, error = run("--dry-run")
    assert error is None and "Dry run" in out and "created 1" in out
    assert not Activity.objects.exists()

    out, error = run("--organisation", str(unverified.organisation_id))
    assert error is None
    assert Activity.objects.get().status == Status.PENDING
    assert not Activity.objects.filter(import_key__startswith=other.import_prefix).exists()
    assert run("--organisation", "999999")[1] is not None


def test_feeds_sync_keeps_going_after_an_unexpected_error(feed_for, monkeypatch):
    make, served = feed_for
    first = make("Eerste", "/1.ics")
    make("Tweede", "/2.ics")
    served.files["/1.ics"] = served.files["/2.ics"] = ics(vevent("x@x", "X", next_tuesday_stamp()))
    import events.calendars.sync as sync

    real = sync.feed_sync

    def flaky(feed, **kwargs):
        if feed.pk == first.pk:
            raise RuntimeError("boom")
        return real(feed, **kwargs)

    monkeypatch.setattr(sync, "feed_sync", flaky)
    results = feeds_sync()
    assert [bool(r.error) for r in results] == [True, False]


def test_the_celery_task_and_beat_schedule_run_the_same_sync(feed_for):
    from config.celery import app
    from events.tasks import sync_calendars

    tasks = {entry["task"] for entry in app.conf.beat_schedule.values()}
    assert {
        "events.tasks.sync_calendars",
        "events.tasks.sync_uit",
        "events.tasks.materialise_occurrences",
    } <= tasks
    make, served = feed_for
    make("Agenda", "/a.ics")
    served.files["/a.ics"] = ics(vevent("t@x", "Via Celery", next_tuesday_stamp()))
    assert "created 1" in sync_calendars.apply().get()
    assert Activity.objects.filter(title="Via Celery").exists()


def test_slow_calendars_time_out(feed_for, settings):
    settings.CALENDAR_SYNC_TIMEOUT = 0.3
    make, served = feed_for
    make("Trage agenda", "/slow.ics")
    served.files["/slow.ics"] = ics()
    out, error = run()
    assert error is not None and "did not answer within 0.3 seconds" in out


def test_addresses_on_the_servers_own_network_are_refused(feed_for, settings, monkeypatch):
    import events.calendars.sync as sync

    make, served = feed_for
    local = make("Lokale agenda", "/a.ics")
    served.files["/a.ics"] = ics(vevent("a@x", "A", next_tuesday_stamp()))
    settings.CALENDAR_SYNC_ALLOW_PRIVATE_HOSTS = False
    out, error = run()
    assert error is not None and "private network" in out
    assert not Activity.objects.exists()

    # Nor through a redirect. The local server stands in for a public one: only the
    # address it redirects to is checked strictly.
    real_check = fetch.checked_target
    checked = []

    def strict_for_redirects(url, allow_private=None):
        checked.append(url)
        return real_check(url, allow_private=len(checked) == 1)

    monkeypatch.setattr(fetch, "checked_target", strict_for_redirects)
    with pytest.raises(sync.FeedError, match="private network"):
        sync.calendar_fetch(local.url.replace("/a.ics", "/redirect.ics"))
    assert checked[-1].startswith("http://169.254.169.254/")
    monkeypatch.undo()

    CalendarFeed.objects.filter(pk=local.pk).update(url="file:///etc/passwd")
    out, error = run()
    assert "must start with http" in out


def test_the_language_of_the_texts_comes_from_the_calendar_else_from_a_guess(feed_for):
    make, served = feed_for
    feed = make("Agenda", "/langues.ics")
    start = next_tuesday_stamp()

    def said(uid, title, parameter, extra=""):
        event = vevent(uid, title, start, extra=extra)
        return event.replace("SUMMARY:", f"SUMMARY;{parameter}:") if parameter else event

    served.files["/langues.ics"] = ics(
        said("fr@x", "Atelier vélo", "LANGUAGE=fr-BE"),  # too short to guess: the calendar says
        said("en@x", "Vélo", "", extra="DESCRIPTION;LANGUAGE=en:Bring your bike"),
        said("de@x", "Fahrradwerkstatt", "LANGUAGE=de"),  # not a site language: the guess
        said("guess@x", "Un café pour les voisins et les enfants du quartier", ""),
    )
    out, error = run()
    assert error is None, out
    stored = dict(
        Activity.objects.filter(import_key__startswith=feed.import_prefix).values_list(
            "import_key", "text_language"
        )
    )
    assert stored == {
        f"{feed.import_prefix}fr@x": "fr",
        f"{feed.import_prefix}en@x": "en",
        f"{feed.import_prefix}de@x": "nl",
        f"{feed.import_prefix}guess@x": "fr",
    }


def test_a_stored_error_gives_a_reason_and_never_the_calendars_content(feed_for):
    make, served = feed_for
    broken = make("Kapot", "/secret.ics")
    served.files["/secret.ics"] = (
        b"BEGIN:VCALENDAR\r\nINTERNAL-ADMIN-TOKEN s3cr3t\r\nEND:VCALENDAR\r\n"
    )
    one_bad_event = make("Half", "/half.ics")
    served.files["/half.ics"] = ics(
        vevent("good@x", "Goed", next_tuesday_stamp()),
        # An event that cannot be read is never published: its title is not quoted either.
        "BEGIN:VEVENT\r\nUID:bad@x\r\nSUMMARY:Slecht TOKEN-s3cr3t\r\nDTSTART:TOKEN-s3cr3t\r\n"
        "END:VEVENT",
    )
    out, error = run()
    assert error is not None and "s3cr3t" not in str(error)
    broken.refresh_from_db()
    one_bad_event.refresh_from_db()
    assert broken.last_error == "this is not a valid iCalendar file (RFC 5545)"
    assert one_bad_event.last_error == "event 2 of the calendar: its start is not a date"
    assert "s3cr3t" not in out + broken.last_error + one_bad_event.last_error
    assert Activity.objects.filter(title="Goed").exists()


def test_hostile_calendar_texts_are_cleaned_once_and_stay_unchanged(feed_for):
    """A calendar is a front door like the API (issue 15): its texts are cleaned by the
    usertext rule, and the next run compares the cleaned text, so it changes nothing."""
    make, served = feed_for
    feed = make("Agenda", "/hostile.ics")
    title = r"<img src=x onerror=alert(1)> Praat\, \;\\ \ncafé \u202eSITARG"
    extra = r"DESCRIPTION:</script>Eerst\r\nkoffie\n\u2066dan\u2069 <b>praten</b>"
    event = vevent("hostile@x", title, next_tuesday_stamp(), extra=extra)
    for control in ("\u202e", "\u2066", "\u2069"):
        event = event.replace(control.encode("unicode_escape").decode(), control)
    served.files["/hostile.ics"] = ics(event)
    out, error = run()
    assert error is None and "created 1" in out, out
    activity = Activity.objects.get(import_key=f"ical:{feed.pk}:hostile@x")
    assert activity.title == "<img src=x onerror=alert(1)> Praat, ;\\  café SITARG"
    assert "\u2066" not in activity.description and "\r" not in activity.description
    changes = ActivityChange.objects.count()
    out, error = run()
    assert error is None and "unchanged 1" in out, out
    assert ActivityChange.objects.count() == changes
