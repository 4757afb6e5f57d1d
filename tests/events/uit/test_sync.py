"""UiT sync against a local Search API server: calendar types, changes, cancellations,
idempotency, mapping of the JSON-LD fields."""

from collections import Counter
from datetime import UTC, timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from events.models import Activity, ActivityChange, ActivityKind, ChangeAction, Status
from events.recurrence.rules import BRUSSELS, local_naive
from places.models import Place, Wheelchair
from tests.factories import ActivityFactory, PlaceFactory

from .conftest import run
from .uit_server import at, event, location, weeks_ahead

pytestmark = pytest.mark.django_db


def test_every_calendar_type_becomes_a_schedule_and_a_second_run_writes_nothing(source_for, uit):
    source = source_for("Buurtwerk in UiT", "regions:nis-44021 AND labels:buurtwerk")
    day = weeks_ahead(1)
    late = day + timedelta(days=300)  # a period of 300 days crosses a clock change
    uit.results[source.query] = [
        event("e-0001-single", "Buurtfeest", day=day),
        event(
            "e-0002-multiple",
            "Kookles",
            day=day,
            calendar="multiple",
            extra={
                "subEvent": [
                    {"startDate": at(day, 18), "endDate": at(day, 20)},
                    {
                        "startDate": at(day + timedelta(days=7), 18),
                        "endDate": at(day + timedelta(days=7), 20),
                        "status": {"type": "Unavailable"},
                    },
                    {
                        "startDate": at(day + timedelta(days=14), 18),
                        "endDate": at(day + timedelta(days=14), 20),
                    },
                ]
            },
        ),
        event(
            "e-0003-periodic",
            "Praatcafé",
            day=day,
            calendar="periodic",
            extra={
                "startDate": at(day, 0),
                "endDate": at(late, 23),
                "openingHours": [
                    {"dayOfWeek": ["tuesday", "thursday"], "opens": "19:00", "closes": "21:00"},
                    {"dayOfWeek": ["saturday"], "opens": "10:00", "closes": "12:00"},
                ],
            },
        ),
        event(
            "e-0004-permanent",
            "Weggeefwinkel",
            day=day,
            calendar="permanent",
            extra={
                "startDate": None,
                "endDate": None,
                "openingHours": [{"dayOfWeek": ["wednesday"], "opens": "14:00", "closes": "17:00"}],
            },
        ),
        event(
            "e-0005-always",
            "Buddywerking",
            day=day,
            calendar="permanent",
            extra={"startDate": None, "endDate": None},
        ),
    ]
    out, error = run()
    assert error is None, out
    assert "created 5" in out
    by_key = {a.import_key: a for a in Activity.objects.filter(uit_source=source)}
    assert set(by_key) == {
        "uit:e-0001-single",
        "uit:e-0002-multiple",
        "uit:e-0003-periodic",
        "uit:e-0004-permanent",
        "uit:e-0005-always",
    }
    single = by_key["uit:e-0001-single"]
    assert single.kind == ActivityKind.EVENT and single.status == Status.PUBLISHED
    assert [local_naive(o.start).hour for o in single.occurrences.all()] == [19]
    assert single.schedule.duration == timedelta(hours=2)

    multiple = by_key["uit:e-0002-multiple"]
    assert [(local_naive(o.start).date(), o.cancelled) for o in multiple.occurrences.all()] == [
        (day, False),
        (day + timedelta(days=7), True),  # a cancelled subEvent: a cancelled date
        (day + timedelta(days=14), False),
    ]

    periodic = by_key["uit:e-0003-periodic"]
    assert periodic.schedule.rrule.startswith("FREQ=WEEKLY;") and "BYDAY=TU,TH" in (
        periodic.schedule.rrule
    )
    sessions = list(periodic.occurrences.all())
    local = Counter((local_naive(o.start).weekday(), local_naive(o.start).hour) for o in sessions)
    assert set(local) == {(1, 19), (3, 19), (5, 10)}  # wall clock kept across the clock change
    assert {o.start.astimezone(UTC).hour for o in sessions if local_naive(o.start).hour == 19} == {
        17,
        18,
    }
    assert max(local_naive(o.start).date() for o in sessions) <= late

    permanent = by_key["uit:e-0004-permanent"]
    assert permanent.schedule.rrule == "FREQ=WEEKLY;BYDAY=WE"
    assert permanent.occurrences.filter(start__gte=timezone.now()).count() > 40
    always = by_key["uit:e-0005-always"]
    assert always.kind == ActivityKind.PROGRAMME and not hasattr(always, "schedule")

    # Every activity one row, created; a second run changes nothing and records nothing.
    assert Counter(ActivityChange.objects.values_list("action", flat=True)) == {"created": 5}
    changes = list(ActivityChange.objects.values_list("pk", flat=True))
    out, error = run()
    assert error is None and "unchanged 5" in out, out
    assert list(ActivityChange.objects.values_list("pk", flat=True)) == changes
    source.refresh_from_db()
    assert source.last_error == "" and source.last_synced_at is not None


def test_changes_cancellations_and_vanished_events_follow_and_hand_made_stays(source_for, uit):
    source = source_for("Agenda", "labels:buurtwerk")
    day = weeks_ahead(2)
    hand_made = ActivityFactory(organisation=source.organisation, title="Met de hand")
    uit.results[source.query] = [
        event("e-1000-a", "Repair café", day=day),
        event("e-1000-b", "Soepcafé", day=day),
        event("e-1000-c", "Naaiatelier", day=day),
        event("e-1000-d", "Fietsatelier", day=day),
    ]
    assert run()[1] is None
    uit.results[source.query] = [
        event("e-1000-a", "Repair café in de Vonk", day=day),
        event("e-1000-b", "Soepcafé", day=day, extra={"status": {"type": "Unavailable"}}),
        event("e-1000-c", "Naaiatelier", day=day, extra={"workflowStatus": "REJECTED"}),
        # e-1000-d no longer matches the query
    ]
    out, error = run()
    assert error is None, out
    assert "updated 1" in out and "cancelled 3" in out
    repair = Activity.objects.get(import_key="uit:e-1000-a")
    assert repair.title == "Repair café in de Vonk"
    synced = repair.changes.get(action=ChangeAction.SYNCED)
    assert synced.changes["title"] == ["Repair café", "Repair café in de Vonk"]
    assert synced.note == "Agenda"
    for key in ("uit:e-1000-b", "uit:e-1000-c", "uit:e-1000-d"):
        gone = Activity.objects.get(import_key=key)  # cancelled, never deleted
        assert gone.status == Status.CANCELLED
        assert gone.changes.count() == 2
        assert not gone.occurrences.filter(cancelled=False, start__gte=timezone.now()).exists()
    hand_made.refresh_from_db()
    assert hand_made.status == Status.PUBLISHED
    assert not hand_made.changes.filter(action=ChangeAction.SYNCED).exists()

    # Back in UiT: back on the site, with its dates.
    uit.results[source.query] = [
        event("e-1000-a", "Repair café in de Vonk", day=day),
        event("e-1000-b", "Soepcafé", day=day),
    ]
    out, error = run()
    assert error is None and "updated 1" in out, out
    soup = Activity.objects.get(import_key="uit:e-1000-b")
    assert soup.status == Status.PUBLISHED
    assert soup.occurrences.filter(cancelled=False).exists()
    before = ActivityChange.objects.count()
    assert "unchanged 2" in run()[0]
    assert ActivityChange.objects.count() == before


def test_an_event_that_has_ended_is_not_cancelled_when_it_leaves_the_results(source_for, uit):
    source = source_for("Agenda", "labels:oud")
    yesterday = timezone.localdate() - timedelta(days=1)
    uit.results[source.query] = [event("e-2000-past", "Gisteren", day=yesterday)]
    assert run()[1] is None
    uit.results[source.query] = []  # UiT's default filter drops what is over
    out, error = run()
    assert error is None and "cancelled 0" in out
    assert Activity.objects.get(import_key="uit:e-2000-past").status == Status.PUBLISHED


def test_the_json_ld_fields_map_to_the_activity(source_for, uit):
    fallback = PlaceFactory(name="Ons lokaal")
    source = source_for(
        "Agenda", "q=*", audiences=["newcomers"], place=fallback, organisation=fallback.organisation
    )
    library = PlaceFactory(name="Bibliotheek Testdorp")  # at 51.005, 3.705
    day = weeks_ahead(1)
    uit.results[source.query] = [
        event(
            "e-3000-fr",
            {"fr": "Atelier de cuisine"},
            day=day,
            extra={
                "mainLanguage": "fr",
                "description": {"fr": "<p>Cuisinons ensemble.</p><p>Apportez un tablier.</p>"},
                "priceInfo": [
                    {
                        "category": "base",
                        "name": {"nl": "Basistarief"},
                        "price": 5,
                        "priceCurrency": "EUR",
                    },
                    {
                        "category": "uitpas",
                        "name": {"nl": "UiTPAS Regio Gent kansentarief"},
                        "price": 1.5,
                        "priceCurrency": "EUR",
                    },
                ],
                "typicalAgeRange": "6-12",
                "contactPoint": {"phone": ["09 123 45 67"], "email": ["info@vonk.be"], "url": []},
                "bookingInfo": {"url": "https://vonk.be/inschrijven", "phone": "09 765 43 21"},
                "location": location("p-3000-bib", "Bibliotheek Testdorp"),
            },
        ),
        event(
            "e-3001-nl",
            {"fr": "Repas", "nl": "Buurtmaaltijd"},
            day=day,
            extra={
                "mainLanguage": "fr",
                "priceInfo": [{"category": "base", "price": 0, "priceCurrency": "EUR"}],
                "typicalAgeRange": "65-",
                "location": location(
                    "p-3001-zaal",
                    "Zaal Nieuw",
                    geo=(51.015, 3.735),
                    terms=[
                        {"id": "3.23.1.0.0", "label": "Rolstoeltoegankelijk", "domain": "facility"}
                    ],
                ),
            },
        ),
        # A place without coordinates, known nowhere: the source's own place.
        event(
            "e-3002-nogeo",
            "Wandeling",
            day=day,
            extra={"location": location("p-3002-x", "Ergens", geo=None)},
        ),
        # Missing fields: no price, no contact, no description.
        event(
            "e-3003-bare",
            "Kaal",
            day=day,
            extra={"location": location("p-3001-zaal", "Zaal Nieuw", geo=(51.015, 3.735))},
        ),
    ]
    out, error = run()
    assert error is None, out
    french = Activity.objects.get(import_key="uit:e-3000-fr")
    assert (french.title, french.text_language) == ("Atelier de cuisine", "fr")
    assert french.summary == "Cuisinons ensemble."
    assert french.description == "Cuisinons ensemble.\nApportez un tablier."
    assert (french.cost, french.cost_amount) == ("paid", Decimal("5.00"))
    assert french.social_tariff == "UiTPAS kansentarief €1,50"
    assert french.audiences == ["newcomers", "children"]
    assert french.contact_phone == "09 123 45 67" and french.contact_email == "info@vonk.be"
    assert french.registration_required is True
    assert french.registration_how == "https://vonk.be/inschrijven · 09 765 43 21"
    assert french.place == library  # matched by distance and name
    assert set(french.work_models.values_list("code", flat=True)) == {"community"}

    dutch = Activity.objects.get(import_key="uit:e-3001-nl")
    assert (dutch.title, dutch.text_language) == ("Buurtmaaltijd", "nl")  # Dutch when there
    assert dutch.cost == "free" and dutch.cost_amount is None
    assert dutch.audiences == ["newcomers", "seniors"]
    hall = dutch.place
    assert hall.import_key == "uit:place:p-3001-zaal" and hall.wheelchair == Wheelchair.YES
    assert hall.address == "Dorpsstraat 1, 9000 Testdorp"
    assert Activity.objects.get(import_key="uit:e-3003-bare").place == hall  # by UiT id
    assert Place.objects.filter(import_key="uit:place:p-3001-zaal").count() == 1

    assert Activity.objects.get(import_key="uit:e-3002-nogeo").place == fallback
    bare = Activity.objects.get(import_key="uit:e-3003-bare")
    assert (bare.cost, bare.contact_phone, bare.registration_required) == ("unknown", "", None)
    assert bare.summary == "Kaal"


def test_a_place_without_coordinates_and_no_fallback_skips_only_that_event(source_for, uit):
    source = source_for("Agenda", "labels:x")
    day = weeks_ahead(1)
    uit.results[source.query] = [
        event("e-4000-ok", "Goed", day=day),
        event(
            "e-4001-nogeo",
            "Nergens",
            day=day,
            extra={"location": location("p-4001", "Onbekend", geo=None)},
        ),
    ]
    out, error = run()
    assert error is not None
    assert "event 2 of the results (UiT id e-4001-nogeo): its place has no coordinates" in out
    assert Activity.objects.filter(import_key="uit:e-4000-ok").exists()
    assert not Activity.objects.filter(import_key="uit:e-4001-nogeo").exists()


def test_unverified_or_moderated_sources_wait_dry_run_and_one_source(source_for, uit):
    unverified = source_for("Nieuw", "labels:nieuw", verified=False)
    moderated = source_for("Nagekeken", "labels:nagekeken", needs_moderation=True)
    day = weeks_ahead(1)
    uit.results[unverified.query] = [event("e-5000-a", "A", day=day)]
    uit.results[moderated.query] = [
        event("e-5001-b", "B", day=day, extra={"workflowStatus": "READY_FOR_VALIDATION"})
    ]
    out, error = run("--dry-run")
    assert error is None and "Dry run" in out and out.count("created 1") == 2
    assert not Activity.objects.exists()
    unverified.refresh_from_db()
    assert unverified.last_synced_at is None

    out, error = run("--source", str(moderated.pk))
    assert error is None, out
    assert list(Activity.objects.values_list("import_key", "status")) == [
        ("uit:e-5001-b", Status.PENDING)
    ]
    assert run("--source", "999999")[1] is not None
    run()
    assert Activity.objects.get(import_key="uit:e-5000-a").status == Status.PENDING


def test_an_event_found_by_two_sources_is_imported_once(source_for, uit):
    first = source_for("Eerste", "labels:a")
    second = source_for("Tweede", "labels:b")
    day = weeks_ahead(1)
    uit.results[first.query] = uit.results[second.query] = [event("e-6000", "Samen", day=day)]
    out, error = run()
    assert error is None and "1 imported by another source" in out, out
    assert Activity.objects.get().uit_source == first


def test_the_celery_task_and_beat_schedule_run_the_same_sync(source_for, uit):
    from config.celery import app
    from events.tasks import sync_uit

    entries = {entry["task"]: entry for entry in app.conf.beat_schedule.values()}
    assert "events.tasks.sync_uit" in entries
    assert entries["events.tasks.sync_uit"]["schedule"].hour == set(range(24))  # hourly
    source = source_for("Agenda", "labels:celery")
    uit.results[source.query] = [event("e-7000", "Via Celery", day=weeks_ahead(1))]
    assert "created 1" in sync_uit.apply().get()
    assert Activity.objects.filter(title="Via Celery").exists()


def test_the_brussels_offset_of_the_answer_is_kept(source_for, uit):
    source = source_for("Agenda", "labels:tz")
    day = weeks_ahead(1)
    uit.results[source.query] = [
        event(
            "e-8000",
            "Om acht uur",
            day=day,
            extra={
                "subEvent": [
                    {"startDate": at(day, 20).replace("+01:00", "+01:00"), "endDate": at(day, 22)}
                ]
            },
        )
    ]
    assert run()[1] is None
    occurrence = Activity.objects.get().occurrences.get()
    assert occurrence.start.astimezone(BRUSSELS).hour == 20


def test_a_moderated_sources_changed_text_goes_back_to_the_moderators(source_for, uit):
    from events.services import activity_publish

    source = source_for("Nagekeken", "labels:nagekeken", needs_moderation=True)
    day = weeks_ahead(1)
    uit.results[source.query] = [event("m-0001", "Praatcafé", day=day)]
    assert run()[1] is None
    activity = Activity.objects.get()
    assert activity.status == Status.PENDING
    activity_publish(activity=activity)
    uit.results[source.query] = [event("m-0001", "Praatcafé op dinsdag", day=day)]
    assert run()[1] is None
    activity.refresh_from_db()
    assert activity.status == Status.PENDING
    synced = activity.changes.filter(action=ChangeAction.SYNCED).get()
    assert synced.changes["status"] == ["published", "pending"]


def test_other_languages_become_translations_kept_current_in_one_history_row(source_for, uit):
    source = source_for("Agenda", "labels:talen")
    day = weeks_ahead(1)
    names = {"nl": "Buurtmaaltijd", "fr": "Repas de quartier", "en": "Neighbourhood meal"}
    uit.results[source.query] = [event("e-6000-talen", names, day=day)]
    out, error = run()
    assert error is None, out
    meal = Activity.objects.get(import_key="uit:e-6000-talen")
    assert (meal.title, meal.text_language) == ("Buurtmaaltijd", "nl")
    assert {t.language: t.title for t in meal.translations.all()} == {
        "fr": "Repas de quartier",
        "en": "Neighbourhood meal",
    }
    assert list(meal.changes.values_list("action", flat=True)) == ["created"]

    out, error = run()  # nothing changed in UiT: nothing written
    assert error is None and meal.changes.count() == 1

    names = {"nl": "Buurtmaaltijd", "fr": "Repas du quartier"}
    uit.results[source.query] = [event("e-6000-talen", names, day=day)]
    out, error = run()
    assert error is None, out
    assert {t.language: t.title for t in meal.translations.all()} == {"fr": "Repas du quartier"}
    assert list(meal.changes.order_by("pk").values_list("action", flat=True)) == [
        "created",
        ChangeAction.SYNCED,
    ]
