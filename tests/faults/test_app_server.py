"""The app server survives what happens to its neighbours and to itself, served as deployed
(gunicorn with config/gunicorn.py, the production settings) and asked over real HTTP:

- PostgreSQL terminates every connection of the app (pg_terminate_backend, as a failover
  or an administrator does): the next requests succeed without restarting the app, because
  persistent connections (CONN_MAX_AGE) are health-checked (CONN_HEALTH_CHECKS);
- a worker process is killed (SIGKILL, as the OOM killer does) under load: no request is
  lost beyond those in flight when it died, and the master starts a new worker."""

import http.client
import os
import signal
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import pytest

from tests.factories import ScheduleFactory
from tests.faults.conftest import (
    gunicorn_start,
    gunicorn_stop,
    request,
    sql_connection,
    wait_until,
)

pytestmark = pytest.mark.django_db(transaction=True)

READS = ["/api/v1/work-models/", "/api/v1/occurrences/", "/"]


@pytest.fixture(scope="module")
def app(django_db_setup, django_db_blocker, tmp_path_factory):
    """One gunicorn for this module (starting one costs seconds): 2 workers of 4 threads.
    It holds no rows of its own, so each test's flush of the database does not concern it."""
    with django_db_blocker.unblock():
        served = gunicorn_start(tmp_path_factory.mktemp("gunicorn"))
    yield served
    gunicorn_stop(served)


def app_backends(application_name: str) -> list[int]:
    with sql_connection() as connection:
        rows = connection.execute(
            "SELECT pid FROM pg_stat_activity WHERE application_name = %s", [application_name]
        ).fetchall()
    return [pid for (pid,) in rows]


def test_connections_terminated_by_postgresql_are_replaced_on_the_next_request(app):
    ScheduleFactory()
    # Every thread of the worker opens its persistent connection (CONN_MAX_AGE).
    with ThreadPoolExecutor(max_workers=8) as pool:
        for _ in range(2):
            statuses = list(pool.map(lambda path: app.get(path).status, READS * 8))
            assert set(statuses) == {200}
    before = app_backends(app.application_name)
    assert before, "the app keeps its connections open between requests"

    with sql_connection() as connection:
        # One by one: in a WHERE clause, PostgreSQL may call pg_terminate_backend() on rows
        # before the other condition has ruled them out.
        killed = sum(
            connection.execute("SELECT pg_terminate_backend(%s)", [pid]).fetchone()[0]
            for pid in before
        )
    assert killed == len(before)
    wait_until(
        lambda: not set(app_backends(app.application_name)) & set(before),
        seconds=5,
        what="the terminated backends are gone",
    )

    # The very next requests, on every thread and connection that was cut, succeed.
    with ThreadPoolExecutor(max_workers=8) as pool:
        statuses = list(pool.map(lambda path: app.get(path).status, READS * 16))
    assert statuses == [200] * len(statuses), app.log_tail()
    assert app.workers() and app.process.poll() is None  # no restart was needed
    after = app_backends(app.application_name)
    assert after and not set(after) & set(before)


CLIENTS = 6
REQUESTS = 240  # in all; bounded in time too (each has a 10 s timeout)
KILL_AFTER = 60  # answered requests before the worker is killed


def test_a_worker_killed_under_load_loses_only_the_requests_it_was_serving(app):
    ScheduleFactory()
    workers = app.workers()
    assert len(workers) == 2
    answered = threading.Semaphore(0)
    results: list[tuple[float, float, int | str]] = []  # start, end, status or error
    lock = threading.Lock()

    def one(number: int) -> None:
        start = time.monotonic()
        try:
            outcome: int | str = request(app.port, READS[number % 2], timeout=10).status
        except (OSError, http.client.HTTPException) as error:
            outcome = type(error).__name__
        with lock:
            results.append((start, time.monotonic(), outcome))
        if outcome == 200:
            answered.release()

    killed_at = None
    with ThreadPoolExecutor(max_workers=CLIENTS) as pool:
        futures = [pool.submit(one, number) for number in range(REQUESTS)]
        for _ in range(KILL_AFTER):
            assert answered.acquire(timeout=30), "no answers under load"
        victim = workers[0]
        killed_at = time.monotonic()
        os.kill(victim, signal.SIGKILL)
        for future in futures:
            future.result(timeout=60)

    failed = [(start, end, outcome) for start, end, outcome in results if outcome != 200]
    # Only requests that were under way when the worker died may fail: each client has one
    # request at a time, so no more than CLIENTS of them, and none started after the kill.
    assert len(failed) <= CLIENTS, failed
    assert all(start < killed_at for start, _, _ in failed), (killed_at, failed)
    assert len(results) == REQUESTS
    assert sum(1 for *_, outcome in results if outcome == 200) >= REQUESTS - CLIENTS
    # The master replaced the worker, and the new one serves.
    wait_until(lambda: len(app.workers()) == 2, seconds=20, what="a new worker")
    assert victim not in app.workers()
    assert all(app.get(path).status == 200 for path in READS * 2)
