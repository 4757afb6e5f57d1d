"""One clock decides what is past and what is upcoming: Python's. SQL is handed the time
from timezone.now() as a parameter and never asks PostgreSQL for it, so that a test that
moves the clock with time-machine (a pinned day, or the whole session a year ahead with
BUURTWIJZER_TEST_CLOCK_SHIFT_DAYS, see tests/conftest.py) moves the queries too."""

import io
import re
import tokenize
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
CHECKED = ("api", "bench", "buurt", "config", "events", "frontend", "places", "scripts", "tests")
# The database's clock in SQL; `.now()` (timezone.now, datetime.now, performance.now) is
# Python's or the browser's and allowed. Django's Now() is STATEMENT_TIMESTAMP() in SQL.
DATABASE_CLOCK = re.compile(
    r"(?<![\w.])(now\s*\(\s*\)|current_date\b|current_time\b|current_timestamp\b|localtime\b"
    r"|localtimestamp\b|statement_timestamp\s*\(|clock_timestamp\s*\(|transaction_timestamp\s*\("
    r"|timeofday\s*\()",
    re.IGNORECASE,
)
ALLOWED = {
    # bench.generate runs in a subprocess, on the real clock (time-machine does not reach
    # it); the smoke test compares its dates with the database's clock, also the real one.
    "tests/bench/test_generate_smoke.py",
    # Real servers on the real clock: the replica's statistics (query_start) and a row
    # locked by a subprocess that time-machine cannot reach.
    "tests/core/test_streaming_replica.py",
    "tests/faults/test_imports.py",
}


def strings_and_sql(path: Path) -> list[tuple[int, str]]:
    """The string literals of a Python file (where SQL lives; comments may say now()), or
    every line of an SQL file."""
    text = path.read_text(encoding="utf-8")
    if path.suffix == ".sql":
        return list(enumerate(text.splitlines(), start=1))
    tokens = tokenize.generate_tokens(io.StringIO(text).readline)
    return [(token.start[0], token.string) for token in tokens if token.type == tokenize.STRING]


def test_no_sql_asks_the_database_for_the_time():
    found = []
    for folder in CHECKED:
        for path in sorted((REPO / folder).rglob("*")):
            relative = path.relative_to(REPO).as_posix()
            if path.suffix not in (".py", ".sql") or relative in ALLOWED:
                continue
            if path == Path(__file__) or "/node_modules/" in relative:
                continue
            for line, text in strings_and_sql(path):
                match = DATABASE_CLOCK.search(text)
                if match:
                    found.append(f"{relative}:{line}: {match.group(0)}")
    assert not found, (
        "SQL asks PostgreSQL for the time, which time-machine does not move; pass "
        "timezone.now() as a parameter instead:\n" + "\n".join(found)
    )
