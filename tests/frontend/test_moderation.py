"""The moderators' queue: reject with a reason, resubmit, approve, verify an organisation
(frontend/views/moderation.py)."""

import pytest
from django.test import Client

from events.models import Activity, ChangeAction, Status
from places.services import membership_add
from tests.factories import OrganisationFactory, PlaceFactory, UserFactory
from tests.frontend.workspace_support import client_for, form_data

pytestmark = pytest.mark.django_db


def test_moderation_reject_with_reason_resubmit_approve_and_verify(setting):
    newcomer = OrganisationFactory(verified=False, name="Nieuwe vzw")
    place = PlaceFactory(organisation=newcomer)
    poster = UserFactory(username="poster")
    membership_add(organisation=newcomer, user=poster)
    moderator = UserFactory(username="moderator")
    membership_add(organisation=setting["organisation"], user=moderator, role="moderator")
    worker, mod = client_for(poster), client_for(moderator)

    posted = worker.post("/werkruimte/nieuw/", form_data(place, title="Eerste post"))
    assert posted.status_code == 302
    first = Activity.objects.get(title="Eerste post")
    assert first.status == Status.PENDING
    assert Client().get(f"/activiteit/{first.pk}/").status_code == 404
    assert worker.get("/werkruimte/moderatie/").status_code == 403
    queue = mod.get("/werkruimte/moderatie/")
    assert [a.title for a in queue.context["pending"]] == ["Eerste post"]

    no_reason = mod.post(f"/werkruimte/moderatie/{first.pk}/afwijzen/", {"reason": ""})
    assert no_reason.status_code == 302
    first.refresh_from_db()
    assert first.status == Status.PENDING  # no reason, no rejection
    mod.post(f"/werkruimte/moderatie/{first.pk}/afwijzen/", {"reason": "Geef een uur op."})
    first.refresh_from_db()
    assert first.status == Status.DRAFT
    assert "Geef een uur op." in worker.get("/werkruimte/").content.decode()
    assert "Geef een uur op." in worker.get(f"/werkruimte/activiteit/{first.pk}/").content.decode()

    worker.post(f"/werkruimte/activiteit/{first.pk}/", form_data(place, title="Eerste post"))
    first.refresh_from_db()
    assert first.status == Status.PENDING  # corrected, back in the queue
    mod.post(f"/werkruimte/moderatie/{first.pk}/goedkeuren/")
    first.refresh_from_db()
    assert first.status == Status.PUBLISHED

    worker.post("/werkruimte/nieuw/", form_data(place, title="Tweede post", weekdays=["TH"]))
    second = Activity.objects.get(title="Tweede post")
    assert second.status == Status.PENDING
    mod.post(f"/werkruimte/moderatie/organisatie/{newcomer.pk}/verifieren/", {"confirm": "1"})
    second.refresh_from_db()
    newcomer.refresh_from_db()
    assert newcomer.verified and second.status == Status.PUBLISHED
    assert second.changes.filter(action=ChangeAction.PUBLISHED, by=moderator).exists()
