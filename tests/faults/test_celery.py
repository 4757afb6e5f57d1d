"""Celery tasks resume when the broker comes back: a real worker (`celery -A config worker`,
the production settings) on a real redis-server that is killed and started again. The task
is the nightly roll-forward (`events.tasks.materialise_occurrences`), seen in the database:
it puts back the dated sessions that the test deletes."""

import subprocess
import sys

import pytest
from celery import Celery

from events.models import Occurrence
from tests.factories import ScheduleFactory
from tests.faults.conftest import REPO, environment, wait_until

pytestmark = pytest.mark.django_db(transaction=True)

TASK = "events.tasks.materialise_occurrences"


def test_the_worker_takes_up_tasks_again_after_the_broker_restarts(redis_server, tmp_path):
    activity = ScheduleFactory().activity
    sessions = activity.occurrences.count()
    assert sessions > 0
    broker = redis_server.url(0)
    log = tmp_path / "worker.log"
    worker = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "config",
            "worker",
            "--pool",
            "solo",
            "--without-gossip",
            "--without-mingle",
            "--loglevel",
            "INFO",
        ],
        cwd=REPO,
        env=environment(CELERY_BROKER_URL=broker, REDIS_URL=redis_server.url(1)),
        stdout=log.open("w"),
        stderr=subprocess.STDOUT,
    )
    publisher = Celery(broker=broker)

    def sessions_back() -> bool:
        assert worker.poll() is None, log.read_text()[-3000:]
        return Occurrence.objects.filter(activity=activity).count() == sessions

    try:
        wait_until(lambda: "ready." in log.read_text(), seconds=60, what="the worker starts")
        Occurrence.objects.filter(activity=activity).delete()
        publisher.send_task(TASK)
        wait_until(sessions_back, seconds=30, what="the task ran")

        redis_server.stop()
        wait_until(
            lambda: (
                "Connection to broker lost" in log.read_text()
                or "Cannot connect to redis" in log.read_text()
            ),
            seconds=30,
            what="the worker notices that the broker is gone",
        )
        Occurrence.objects.filter(activity=activity).delete()
        redis_server.start()
        # Published at once: the worker has not reconnected yet, the task waits in Redis.
        publisher.send_task(TASK)
        wait_until(sessions_back, seconds=45, what="the worker takes up the task again")
        assert worker.poll() is None  # the same process, never restarted
    finally:
        publisher.close()
        worker.terminate()
        try:
            worker.wait(timeout=15)
        except subprocess.TimeoutExpired:
            worker.kill()
            worker.wait()
