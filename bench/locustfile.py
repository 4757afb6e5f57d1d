"""Residents visiting Buurtwijzer, for locust (bench/load.py runs it headless):

    LOAD_SAMPLE=sample.json locust -f bench/locustfile.py --headless -u 8 -r 8 -t 20s \
        --host http://127.0.0.1:8000

Each simulated resident sends the requests of bench/load_mix.py one after the other, without
waiting between them: a closed loop, so that the number of users is the number of requests
under way and the step with more users finds the server's saturation. LOAD_MAX_REQUESTS
bounds the requests of one run (the run stops by itself there, or at -t, whichever is first).
Only loopback hosts are accepted.
"""

import json
import os
import random

from locust import constant, events
from locust.contrib.fasthttp import FastHttpUser

from bench.load_mix import TASKS, Sample, language_pick, loopback_only

MAX_REQUESTS = int(os.environ.get("LOAD_MAX_REQUESTS", "20000"))
_sample: Sample | None = None
_sent = 0


@events.init.add_listener
def _on_init(environment, **_kwargs):
    global _sample
    loopback_only(environment.host)
    with open(os.environ["LOAD_SAMPLE"]) as file:
        _sample = Sample.from_json(json.load(file))


def _weighted(mix_task):
    def run(user):
        global _sent
        _sent += 1
        if _sent > MAX_REQUESTS:
            user.environment.runner.quit()
            return
        path = mix_task.path(_sample, user.rng)
        headers = {"Accept": mix_task.accept, "Accept-Language": user.language}
        with user.client.get(path, headers=headers, name=mix_task.name, catch_response=True) as r:
            if r.status_code != 200:
                r.failure(f"{r.status_code} for {path}")

    run.__name__ = mix_task.name.replace(" ", "_")
    return run


class Resident(FastHttpUser):
    wait_time = constant(0)
    # One kept-alive connection per resident, as a browser keeps one; gunicorn closes it after
    # its keepalive (config/gunicorn.py) and the client reconnects by itself.
    connection_timeout = 10.0
    network_timeout = 30.0
    tasks = {_weighted(mix_task): mix_task.weight for mix_task in TASKS}

    def on_start(self):
        self.rng = random.Random()
        self.language = language_pick(self.rng)
