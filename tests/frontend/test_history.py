"""The history of an activity in the workspace, reached through editing, "still correct" and
cancelling a date (frontend/views/history.py, cancellation.py)."""

from datetime import timedelta

import pytest
from django.utils import timezone

from events.models import Activity, ChangeAction
from tests.frontend.workspace_support import client_for, form_data

pytestmark = pytest.mark.django_db


def test_edit_history_still_correct_cancel_a_date_and_duplicate(setting):
    client = client_for(setting["worker"])
    client.post("/werkruimte/nieuw/", form_data(setting["place"]))
    activity = Activity.objects.get()
    page = client.get(f"/werkruimte/activiteit/{activity.pk}/")
    assert page.context["form"].initial["weekdays"] == ["TU"]
    edited = form_data(setting["place"], title="Praatgroep ouders", repeat="weekly")
    assert client.post(f"/werkruimte/activiteit/{activity.pk}/", edited).status_code == 302
    activity.refresh_from_db()
    assert activity.title == "Praatgroep ouders"

    Activity.objects.filter(pk=activity.pk).update(
        last_verified=timezone.localdate() - timedelta(days=120)
    )
    listing = client.get("/werkruimte/")
    assert [a.stale for a in listing.context["activities"]] == [True]
    client.post(f"/werkruimte/activiteit/{activity.pk}/klopt-nog/")
    activity.refresh_from_db()
    assert activity.last_verified == timezone.localdate()

    occurrence = activity.occurrences.order_by("start")[1]
    client.post(f"/werkruimte/sessie/{occurrence.pk}/annuleren/")
    occurrence.refresh_from_db()
    assert occurrence.cancelled and occurrence.start in activity.schedule.exdates

    # Editing again keeps the cancelled date, and an unchanged schedule is not rewritten.
    scheduled = activity.changes.filter(action=ChangeAction.SCHEDULED).count()
    again = form_data(
        setting["place"],
        title="Praatgroep ouders",
        host_name="Fatima",
        neighbourhood_only="on",
        contact_phone="09 123 45 67",
    )
    assert client.post(f"/werkruimte/activiteit/{activity.pk}/", again).status_code == 302
    occurrence.refresh_from_db()
    assert occurrence.cancelled
    assert activity.changes.filter(action=ChangeAction.SCHEDULED).count() == scheduled
    client.post(f"/werkruimte/sessie/{occurrence.pk}/annuleren/")  # twice: recorded once

    history = client.get(f"/werkruimte/activiteit/{activity.pk}/geschiedenis/")
    actions = [item["change"].action for item in history.context["changes"]]
    assert actions[:3] == [
        ChangeAction.UPDATED,
        ChangeAction.DATE_CANCELLED,
        ChangeAction.VERIFIED,
    ]
    assert ChangeAction.CREATED in actions
    text = history.content.decode()
    assert "Praatgroep alleenstaande ouders" in text and "Praatgroep ouders" in text
    assert "an" in text
    # Places by name: the second edit moved it to a neighbourhood-only twin.
    assert setting["place"].name in text and "Vergaderzaal in West" in text

    copy = client.get(f"/werkruimte/nieuw/?van={activity.pk}")
    assert copy.context["form"].initial["title"] == "Praatgroep ouders"
    assert copy.context["form"].initial["date"] is None
