"""The load test's resident mix (bench/load_mix.py): every task's paths answer 200 on a live
server with the demo, so that a load run measures pages and not errors. No load is sent: a
few requests per task, one after the other. locust itself is not imported here (it patches
the standard library with gevent)."""

import random
import urllib.request
from datetime import date

import pytest
from django.db import connection

from bench.load import saturation, summarise
from bench.load_mix import TASKS, loopback_only, sample_draw, week_of

PATHS_PER_TASK = 4


@pytest.fixture
def demo(transactional_db):
    """The demo in a database the live server sees. A transactional test's flush removes
    the work models of the data migration, so they are put back first."""
    from io import StringIO

    from django.core.management import call_command

    from events.work_models import work_models_ensure

    work_models_ensure()
    call_command("load_demo", stdout=StringIO())


def fetch(sql: str) -> list[tuple]:
    with connection.cursor() as cursor:
        cursor.execute(sql)
        return cursor.fetchall()


def test_every_task_of_the_mix_answers_200_with_the_demo(demo, live_server):
    sample = sample_draw(fetch, date.today())
    assert sample.activity_ids and sample.neighbourhood_codes and sample.points
    # The demo has few neighbourhoods: the home page offers them, not municipalities.
    assert set(sample.area_codes) == set(sample.neighbourhood_codes)
    rng = random.Random(3)
    for task in TASKS:
        for _ in range(PATHS_PER_TASK):
            path = task.path(sample, rng)
            request = urllib.request.Request(
                live_server.url + path,
                headers={"Accept": task.accept, "Accept-Language": "nl-BE"},
            )
            with urllib.request.urlopen(request, timeout=30) as response:
                assert response.status == 200, path
                assert response.read(), path


def test_the_week_of_the_board_runs_from_monday_to_sunday():
    assert week_of(date(2026, 12, 3)) == (date(2026, 11, 30), date(2026, 12, 6))
    assert week_of(date(2026, 12, 6)) == (date(2026, 11, 30), date(2026, 12, 6))


@pytest.mark.parametrize("url", ["http://127.0.0.1:8000", "http://localhost:1", "http://[::1]:8"])
def test_loopback_targets_are_accepted(url):
    loopback_only(url)


@pytest.mark.parametrize("url", ["http://example.org", "http://10.0.0.1:8000", ""])
def test_other_targets_are_refused(url):
    with pytest.raises(SystemExit):
        loopback_only(url)


def step(users: int, rps: float, p95: float) -> dict:
    return {"users": users, "rps": rps, "p95_ms": p95, "failures": 0, "requests": 100}


def test_the_saturation_is_where_twice_the_users_no_longer_add_ten_percent():
    steps = [step(2, 50, 40), step(4, 95, 45), step(8, 100, 90), step(16, 101, 180)]
    assert saturation(steps) == {"users": 4, "rps": 95, "p95_ms": 45}
    assert saturation(steps[:2])["users"] == 4  # still growing at the last step


def test_the_figure_at_p95_under_300_ms_is_the_best_step_within_it():
    steps = [step(2, 50, 40), step(4, 95, 120), step(8, 110, 290), step(16, 112, 640)]
    for s in steps:
        s["cpu_percent_of_one_core"] = {
            "gunicorn": 100,
            "postgres": 60,
            "locust": 10,
            "others": 20,
            "machine": 170,
            "capacity": 200,
        }
        s["db_connections_max"], s["db_connections_active_max"] = 8, 2
    summary = summarise(1, 8, steps)
    assert summary["rps_at_p95_under_300ms"] == 110 and summary["users_at_that_rps"] == 8
    assert summary["saturation"]["users"] == 8
    assert summary["saturates_first"].startswith("the gunicorn worker processes")
