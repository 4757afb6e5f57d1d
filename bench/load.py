"""The load test: residents' requests (bench/load_mix.py) replayed by locust against gunicorn
as deployed (config/gunicorn.py, production settings, Redis cache) on the bench database.

    .venv/bin/python -m bench.load [--database buurtwijzer_bench] [--workers 1,2,4]
        [--users 2,4,8,16,32] [--seconds 20]

For each worker count, gunicorn starts on a free loopback port; locust then runs headless once
per number of users, each run bounded in time (--seconds) and in requests (--max-requests),
and its stats (the CSV it writes) are read back. While a step runs, the CPU time of the
gunicorn processes, of the PostgreSQL backends serving the bench database and of locust
itself is read from /proc (psutil), and the connections from pg_stat_activity, to say what
saturates first. The answer goes into bench/results.json under "load"; other keys are kept.

Traffic goes to 127.0.0.1 only. Figures from a shared machine are noisy: the load average
and the CPU others used during each step are recorded next to them.
"""

import argparse
import csv
import itertools
import json
import os
import signal
import subprocess
import sys
import tempfile
import threading
import time
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import psutil
import redis

from bench.generate import DEFAULT_DATABASE
from bench.load_mix import TASKS, sample_draw
from bench.map_render import collectstatic
from bench.scratch import REPO, connect, database_url
from bench.server import free_port

RESULTS = REPO / "bench" / "results.json"
P95_GOAL_MS = 300
RPS_GOAL = 200
# A step whose throughput is less than this much above the step before it (with twice the
# users) has found the saturation: more clients only wait longer.
SATURATION_GAIN = 1.10
# The cache of the bench server: a Redis database of its own, emptied before each worker count.
REDIS_DB = 13
BRUSSELS = ZoneInfo("Europe/Brussels")


def server_env(url: str, *, workers: int, threads: int, port: int, redis_db: int) -> dict:
    """The production settings as deployed, on loopback without TLS."""
    return {
        **os.environ,
        "DATABASE_URL": url,
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "SECRET_KEY": "bench-not-secret-" + "x" * 40,
        "ALLOWED_HOSTS": "127.0.0.1",
        # No TLS on loopback (the proxy terminates it in production).
        "SECURE_SSL_REDIRECT": "false",
        "DEBUG": "false",
        "REDIS_URL": f"redis://127.0.0.1:6379/{redis_db}",
        # Every simulated resident comes from 127.0.0.1: the per-address anonymous limit
        # (300/minute) would answer 429 to all of them together. Still counted in Redis.
        "THROTTLE_ANON": "100000000/minute",
        "GUNICORN_BIND": f"127.0.0.1:{port}",
        "WEB_CONCURRENCY": str(workers),
        "GUNICORN_THREADS": str(threads),
        "LOG_LEVEL": "WARNING",
    }


class Server:
    """`gunicorn config.wsgi:application -c config/gunicorn.py`, as the Dockerfile starts it."""

    def __init__(self, url: str, *, workers: int, threads: int, redis_db: int):
        self.port = free_port()
        self.workers = workers
        fd, self.log = tempfile.mkstemp(prefix="bench-load-gunicorn-", suffix=".log")
        env = server_env(url, workers=workers, threads=threads, port=self.port, redis_db=redis_db)
        command = [sys.executable, "-m", "gunicorn", "config.wsgi:application"]
        command += ["-c", "config/gunicorn.py"]
        self.process = subprocess.Popen(
            command, cwd=REPO, env=env, stdout=fd, stderr=subprocess.STDOUT
        )
        os.close(fd)
        self._wait_ready()

    def _wait_ready(self, timeout: float = 60) -> None:
        import http.client

        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise SystemExit(f"gunicorn exited ({self.process.returncode}):\n{self.tail()}")
            try:
                connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=5)
                connection.request("GET", "/healthz")
                connection.getresponse().read()
                connection.close()
                if len(self.pids()) > self.workers:  # the master and every worker
                    return
            except OSError:
                pass
            time.sleep(0.3)
        self.stop()
        raise SystemExit(f"gunicorn did not answer within {timeout} s:\n{self.tail()}")

    def pids(self) -> list[int]:
        try:
            master = psutil.Process(self.process.pid)
            return [master.pid, *(child.pid for child in master.children(recursive=True))]
        except psutil.NoSuchProcess:
            return []

    def tail(self, lines: int = 30) -> str:
        text = Path(self.log).read_text(errors="replace")
        return "\n".join(text.splitlines()[-lines:])

    def stop(self) -> None:
        if self.process.poll() is None:
            # Quick shutdown (SIGINT): the steps are over, nothing is left to finish, and
            # SIGTERM's graceful stop would wait on idle kept-alive connections.
            self.process.send_signal(signal.SIGINT)
            try:
                self.process.wait(timeout=35)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        Path(self.log).unlink(missing_ok=True)


def _cpu_seconds(pid: int) -> float | None:
    try:
        times = psutil.Process(pid).cpu_times()
    except (psutil.NoSuchProcess, psutil.AccessDenied):
        return None
    return times.user + times.system


class Watch:
    """CPU seconds of three groups of processes and the database's connections, sampled
    every `interval` seconds from a thread while a step runs."""

    def __init__(self, url: str, database: str, *, gunicorn: list[int], interval: float = 1.0):
        self.database = database
        self.gunicorn = gunicorn
        self.interval = interval
        self.locust: list[int] = []
        self.first: dict[str, dict[int, float]] = {"gunicorn": {}, "postgres": {}, "locust": {}}
        self.last: dict[str, dict[int, float]] = {"gunicorn": {}, "postgres": {}, "locust": {}}
        self.connections: list[dict[str, int]] = []
        self.conn = connect(url, autocommit=True)
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _backends(self) -> list[int]:
        rows = self.conn.execute(
            "SELECT pid, state FROM pg_stat_activity WHERE datname = %s AND pid <> "
            "pg_backend_pid()",
            [self.database],
        ).fetchall()
        states: dict[str, int] = {}
        for _pid, state in rows:
            states[state or "none"] = states.get(state or "none", 0) + 1
        self.connections.append({"total": len(rows), **states})
        return [pid for pid, _state in rows]

    def _read(self) -> None:
        groups = {"gunicorn": self.gunicorn, "postgres": self._backends(), "locust": self.locust}
        for group, pids in groups.items():
            for pid in pids:
                seconds = _cpu_seconds(pid)
                if seconds is None:
                    continue
                self.first[group].setdefault(pid, seconds)
                self.last[group][pid] = seconds

    def _run(self) -> None:
        while not self._stop.wait(self.interval):
            self._read()

    def start(self, locust_pid: int) -> None:
        self.locust = [locust_pid]
        self.started = time.monotonic()
        self.machine_before = psutil.cpu_times()
        self._read()
        self._thread.start()

    def stop(self) -> dict:
        self._stop.set()
        self._thread.join()
        self._read()
        elapsed = time.monotonic() - self.started
        machine_after = psutil.cpu_times()
        self.conn.close()
        busy_before = sum(machine_before_busy(self.machine_before))
        busy_after = sum(machine_before_busy(machine_after))
        cores = psutil.cpu_count() or 1
        # In % of one core (a 2-core machine has 200 %).
        cpu = {}
        for group, last in self.last.items():
            used = sum(seconds - self.first[group][pid] for pid, seconds in last.items())
            cpu[group] = round(100 * used / elapsed, 1)
        cpu["machine"] = round(100 * (busy_after - busy_before) / elapsed, 1)
        cpu["others"] = round(cpu["machine"] - cpu["gunicorn"] - cpu["postgres"] - cpu["locust"], 1)
        cpu["capacity"] = 100 * cores
        return {
            "cpu_percent_of_one_core": cpu,
            "db_connections_max": max((c["total"] for c in self.connections), default=0),
            "db_connections_active_max": max(
                (c.get("active", 0) for c in self.connections), default=0
            ),
        }


def machine_before_busy(times) -> tuple[float, ...]:
    """The busy parts of psutil.cpu_times() (everything but idle and iowait)."""
    return tuple(value for name, value in times._asdict().items() if name not in ("idle", "iowait"))


def locust_run(
    *, port: int, users: int, seconds: int, sample_file: str, max_requests: int, csv_prefix: str
) -> subprocess.Popen:
    env = {**os.environ, "LOAD_SAMPLE": sample_file, "LOAD_MAX_REQUESTS": str(max_requests)}
    command = [
        sys.executable,
        "-m",
        "locust",
        "-f",
        str(REPO / "bench" / "locustfile.py"),
        "--headless",
        "--host",
        f"http://127.0.0.1:{port}",
        "--users",
        str(users),
        "--spawn-rate",
        str(users),
        "--run-time",
        f"{seconds}s",
        "--stop-timeout",
        "5",
        "--csv",
        csv_prefix,
        "--only-summary",
        "--loglevel",
        "WARNING",
        "--exit-code-on-error",
        "0",
    ]
    return subprocess.Popen(
        command,
        cwd=REPO,
        env={**env, "PYTHONPATH": str(REPO)},
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )


def stats_read(csv_prefix: str) -> dict:
    """locust's own figures (its _stats.csv): per request name and the aggregate."""
    rows = {}
    with open(f"{csv_prefix}_stats.csv", newline="") as file:
        for row in csv.DictReader(file):
            rows[row["Name"]] = {
                "requests": int(row["Request Count"]),
                "failures": int(row["Failure Count"]),
                "rps": round(float(row["Requests/s"]), 1),
                "p50_ms": float(row["50%"]) if row["50%"] != "N/A" else None,
                "p95_ms": float(row["95%"]) if row["95%"] != "N/A" else None,
                "p99_ms": float(row["99%"]) if row["99%"] != "N/A" else None,
                "mean_ms": round(float(row["Average Response Time"]), 1),
            }
    failures = []
    path = Path(f"{csv_prefix}_failures.csv")
    if path.exists():
        with path.open(newline="") as file:
            failures = [
                {"name": row["Name"], "error": row["Error"][:200], "count": int(row["Occurrences"])}
                for row in csv.DictReader(file)
            ][:10]
    return {"aggregate": rows.pop("Aggregated"), "by_request": rows, "failure_samples": failures}


def step_run(
    *,
    server: Server,
    url: str,
    database: str,
    users: int,
    seconds: int,
    sample_file: str,
    max_requests: int,
    workdir: str,
) -> dict:
    prefix = os.path.join(workdir, f"w{server.workers}-u{users}")
    load_before = os.getloadavg()
    watch = Watch(url, database, gunicorn=server.pids())
    process = locust_run(
        port=server.port,
        users=users,
        seconds=seconds,
        sample_file=sample_file,
        max_requests=max_requests,
        csv_prefix=prefix,
    )
    watch.start(process.pid)
    try:
        output, _ = process.communicate(timeout=seconds + 60)
    except subprocess.TimeoutExpired:
        process.kill()
        output, _ = process.communicate()
        message = f"locust did not stop by itself after {seconds} s:\n{output[-2000:]}"
        raise SystemExit(message) from None
    finally:
        watched = watch.stop()
    if process.returncode:
        raise SystemExit(f"locust failed ({process.returncode}):\n{output[-3000:]}")
    stats = stats_read(prefix)
    return {
        "users": users,
        **stats["aggregate"],
        "by_request": stats["by_request"],
        "failure_samples": stats["failure_samples"],
        **watched,
        "loadavg_1min": [round(load_before[0], 2), round(os.getloadavg()[0], 2)],
    }


def saturation(steps: list[dict]) -> dict:
    """The knee: the last step before throughput stops growing by SATURATION_GAIN with
    twice the users (or the last step, if it never stops)."""
    knee = steps[-1]
    for before, after in itertools.pairwise(steps):
        if after["rps"] < before["rps"] * SATURATION_GAIN:
            knee = before
            break
    return {"users": knee["users"], "rps": knee["rps"], "p95_ms": knee["p95_ms"]}


def what_saturates(step: dict, workers: int) -> str:
    """A sentence from the CPU shares of the step at (or past) the saturation point."""
    cpu = step["cpu_percent_of_one_core"]
    machine_share = cpu["machine"] / cpu["capacity"]
    per_worker = cpu["gunicorn"] / workers
    parts = (
        f"gunicorn {cpu['gunicorn']:.0f} %, PostgreSQL {cpu['postgres']:.0f} %, "
        f"locust {cpu['locust']:.0f} %, others {cpu['others']:.0f} % "
        f"of {cpu['capacity']} %; {step['db_connections_max']} database connections "
        f"({step['db_connections_active_max']} active at most)"
    )
    if per_worker >= 85 and machine_share < 0.9:
        verdict = f"the gunicorn worker processes: {per_worker:.0f} % of a core each (the GIL)"
    elif machine_share >= 0.9:
        first = max(("gunicorn", "postgres", "locust", "others"), key=lambda name: cpu[name])
        names = {
            "gunicorn": "gunicorn (Python)",
            "postgres": "PostgreSQL",
            "locust": "the load generator",
            "others": "other processes",
        }
        verdict = f"the machine's CPU, most of it {names[first]}"
    else:
        verdict = "neither CPU nor connections (waiting: locks, I/O or the client)"
    return f"{verdict} — {parts}"


def cpu_ms_per_request(step: dict) -> float | None:
    """CPU time that gunicorn and PostgreSQL spent per request in a step: unlike latency, it
    hardly depends on what else the shared machine runs."""
    cpu = step.get("cpu_percent_of_one_core")
    if not cpu or not step["rps"]:
        return None
    return round(10 * (cpu["gunicorn"] + cpu["postgres"]) / step["rps"], 1)


def capacity_estimate(steps: list[dict], cores: int) -> dict:
    """What this machine would serve with nothing else on it: its cores divided by the CPU
    time of one request (the median over the steps that kept the workers busy; an upper
    bound, since locust and the kernel's network work need some CPU too)."""
    costs = sorted(c for s in steps if s["users"] >= 2 and (c := cpu_ms_per_request(s)))
    if not costs:
        return {"cpu_ms_per_request": None, "rps": None}
    median = costs[len(costs) // 2]
    return {"cpu_ms_per_request": median, "rps": round(1000 * cores / median, 1)}


def summarise(workers: int, threads: int, steps: list[dict]) -> dict:
    for step in steps:
        step["cpu_ms_per_request"] = cpu_ms_per_request(step)
    within = [s for s in steps if s["p95_ms"] is not None and s["p95_ms"] < P95_GOAL_MS]
    best = max(within, key=lambda s: s["rps"]) if within else None
    knee = saturation(steps)
    knee_step = next(s for s in steps if s["users"] == knee["users"])
    after = [s for s in steps if s["users"] > knee["users"]]
    return {
        "workers": workers,
        "threads": threads,
        "rps_at_p95_under_300ms": best["rps"] if best else None,
        "users_at_that_rps": best["users"] if best else None,
        "p95_ms_at_that_rps": best["p95_ms"] if best else None,
        "saturation": knee,
        "saturates_first": what_saturates(after[0] if after else knee_step, workers),
        "alone_on_the_machine": capacity_estimate(steps, psutil.cpu_count() or 1),
        "errors": sum(s["failures"] for s in steps),
        "requests": sum(s["requests"] for s in steps),
        "steps": steps,
    }


def static_stale() -> bool:
    """Whether collectstatic must run: no manifest yet (the production settings' storage
    needs one), or a static file of the project newer than it. bench.map_render has usually
    just collected them, and collecting again costs 30 s of CPU."""
    manifest = REPO / "staticfiles" / "staticfiles.json"
    if not manifest.exists():
        return True
    collected = manifest.stat().st_mtime
    return any(
        path.stat().st_mtime > collected
        for folder in REPO.glob("*/static")
        for path in folder.rglob("*")
        if path.is_file()
    )


def results_write(section: dict, output: Path) -> None:
    results = json.loads(output.read_text()) if output.exists() else {}
    results["load"] = section
    output.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n")


def sample_write(url: str, path: str) -> dict:
    with connect(url) as conn:
        sample = sample_draw(
            lambda sql: conn.execute(sql).fetchall(), datetime.now(BRUSSELS).date()
        )
    Path(path).write_text(json.dumps(sample.as_json()))
    return {
        "activities": len(sample.activity_ids),
        "neighbourhoods": len(sample.neighbourhood_codes),
        "points": len(sample.points),
        "week": [sample.monday, sample.sunday],
    }


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database", default=DEFAULT_DATABASE)
    parser.add_argument("--workers", default="1,2,4", help="gunicorn worker counts, in turn")
    parser.add_argument("--threads", type=int, default=8, help="threads per worker (gthread)")
    parser.add_argument("--users", default="1,2,4,8,16", help="concurrent users, per step")
    parser.add_argument("--seconds", type=int, default=20, help="length of one step")
    parser.add_argument("--warmup", type=int, default=5, help="seconds before the steps")
    parser.add_argument("--max-requests", type=int, default=20_000, help="per step at most")
    parser.add_argument("--redis-db", type=int, default=REDIS_DB)
    parser.add_argument("--output", type=Path, default=RESULTS)
    parser.add_argument(
        "--summarise-only",
        action="store_true",
        help="recompute the summaries from the steps already in --output, without a run",
    )
    options = parser.parse_args(argv)
    if options.summarise_only:
        section = json.loads(options.output.read_text())["load"]
        section["by_workers"] = [
            summarise(s["workers"], s["threads"], s["steps"]) for s in section["by_workers"]
        ]
        results_write(section, options.output)
        return
    workers_list = [int(w) for w in options.workers.split(",")]
    users_list = [int(u) for u in options.users.split(",")]
    url = database_url(options.database)

    started = time.perf_counter()
    print(f"bench.load on {options.database}: workers {workers_list}, users {users_list}")
    if static_stale():
        collectstatic(url)
    cache = redis.Redis(host="127.0.0.1", port=6379, db=options.redis_db)
    by_workers = []
    with tempfile.TemporaryDirectory(prefix="bench-load-") as workdir:
        sample_file = os.path.join(workdir, "sample.json")
        drawn = sample_write(url, sample_file)
        for workers in workers_list:
            cache.flushdb()
            server = Server(
                url, workers=workers, threads=options.threads, redis_db=options.redis_db
            )
            try:
                if options.warmup:
                    locust_run(
                        port=server.port,
                        users=4,
                        seconds=options.warmup,
                        sample_file=sample_file,
                        max_requests=options.max_requests,
                        csv_prefix=os.path.join(workdir, f"warmup-{workers}"),
                    ).communicate(timeout=options.warmup + 60)
                steps = []
                for users in users_list:
                    step = step_run(
                        server=server,
                        url=url,
                        database=options.database,
                        users=users,
                        seconds=options.seconds,
                        sample_file=sample_file,
                        max_requests=options.max_requests,
                        workdir=workdir,
                    )
                    steps.append(step)
                    cpu = step["cpu_percent_of_one_core"]
                    print(
                        f"  {workers} worker(s) {users:>3} users: {step['rps']:7.1f} req/s  "
                        f"p50 {step['p50_ms']:6.0f} ms  p95 {step['p95_ms']:6.0f} ms  "
                        f"errors {step['failures']}  cpu gunicorn {cpu['gunicorn']:.0f} % "
                        f"postgres {cpu['postgres']:.0f} % locust {cpu['locust']:.0f} % "
                        f"others {cpu['others']:.0f} %  load {step['loadavg_1min'][1]}",
                        flush=True,
                    )
            finally:
                server.stop()
            summary = summarise(workers, options.threads, steps)
            by_workers.append(summary)
            print(
                f"  {workers} worker(s): {summary['rps_at_p95_under_300ms']} req/s at p95 < "
                f"{P95_GOAL_MS} ms; saturation at {summary['saturation']['users']} users "
                f"({summary['saturation']['rps']} req/s); first: {summary['saturates_first']}",
                flush=True,
            )

    best = max(by_workers, key=lambda s: s["rps_at_p95_under_300ms"] or 0)
    errors = sum(s["errors"] for s in by_workers)
    section = {
        "database": options.database,
        "when": datetime.now(BRUSSELS).isoformat(timespec="seconds"),
        "machine": {
            "cores": psutil.cpu_count(),
            "memory_gib": round(psutil.virtual_memory().total / 2**30, 1),
        },
        "app": {
            "wsgi": "config.wsgi:application",
            "config": "config/gunicorn.py (gthread)",
            "settings": "config.settings.production",
            "cache": f"Redis 127.0.0.1:6379/{options.redis_db}",
        },
        "mix": {task.name: task.weight for task in TASKS},
        "sample": drawn,
        "step_seconds": options.seconds,
        "users": users_list,
        "goal": f"≥ {RPS_GOAL} requests/s with p95 < {P95_GOAL_MS} ms and 0 errors",
        "best": {
            "workers": best["workers"],
            "rps_at_p95_under_300ms": best["rps_at_p95_under_300ms"],
            "errors": errors,
        },
        "met": (best["rps_at_p95_under_300ms"] or 0) >= RPS_GOAL and errors == 0,
        "by_workers": by_workers,
        "seconds": round(time.perf_counter() - started, 1),
    }
    results_write(section, options.output)
    print(
        f"  best: {best['rps_at_p95_under_300ms']} req/s at p95 < {P95_GOAL_MS} ms with "
        f"{best['workers']} worker(s), {errors} errors; goal met: {section['met']} "
        f"({section['seconds']} s)"
    )


if __name__ == "__main__":
    main()
