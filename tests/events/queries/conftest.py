"""Fixtures of the tests of events.queries: the test territory and a clock pinned to a
Monday morning in Brussels, so that no test depends on the real date."""

from datetime import date, datetime, time, timedelta

import pytest

from events.recurrence.rules import BRUSSELS

TODAY = date(2026, 3, 2)  # a Monday


def at(days: int, hour: int = 19, minute: int = 0) -> datetime:
    """`hour`:`minute` in Brussels, `days` days after TODAY."""
    return datetime.combine(TODAY + timedelta(days=days), time(hour, minute), tzinfo=BRUSSELS)


@pytest.fixture
def clock(time_machine, territory):
    """Python's clock stopped at 09:00 on TODAY (the queries pass timezone.now() to SQL);
    shift it with `clock.shift(timedelta(...))`."""
    time_machine.move_to(at(0, hour=9), tick=False)
    return time_machine
