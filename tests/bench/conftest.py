"""Helpers for the benchmark smoke runs: each benchmark runs as its own process, as
`make bench` runs it, on a throwaway generated database."""

import subprocess
import sys
from contextlib import contextmanager
from pathlib import Path

from bench.generate import database_drop

REPO = Path(__file__).resolve().parent.parent.parent


def run_bench(module: str, *args: str, timeout: int = 180) -> subprocess.CompletedProcess:
    """Run `python -m <module> <args>` from the repository; fail with its output."""
    done = subprocess.run(
        [sys.executable, "-m", module, *args],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    return done


@contextmanager
def generated_database(name: str, *, seed: int, **sizes: int):
    """A scratch database made by bench.generate at the given sizes, dropped afterwards;
    yields the generator's report (its standard output)."""
    try:
        done = run_bench(
            "bench.generate",
            *(f"--{option}={size}" for option, size in sizes.items()),
            f"--seed={seed}",
            f"--database={name}",
            timeout=120,
        )
        yield done.stdout
    finally:
        database_drop(name)
