"""What the workspace tests share: a logged-in client and the activity form's data."""

from datetime import timedelta

from django.test import Client
from django.utils import timezone


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def next_weekday(weekday: int):
    today = timezone.localdate()
    return today + timedelta(days=(weekday - today.weekday()) % 7 or 7)


def form_data(where, **overrides) -> dict:
    data = {
        "organisation": where.organisation_id,
        "title": "Praatgroep alleenstaande ouders",
        "summary": "Ouders die er alleen voor staan, ontmoeten elkaar bij een tas koffie.",
        "kind": "peer_group",
        "work_models": ["peer"],
        "place": where.pk,
        "date": next_weekday(0).isoformat(),
        "start_time": "19:00",
        "end_time": "21:00",
        "repeat": "weekly",
        "weekdays": ["TU"],
        "month_position": "",
        "until": "",
        "languages": ["nl", "ar"],
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}
