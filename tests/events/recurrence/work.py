"""The work of a date search, counted instead of timed (timed assertions fail on a busy
machine; performance is measured in bench/).

events.recurrence.search walks a rule period by period (`_periods`) and stops at the end
of a span, so the days it visits are bounded by the span, whatever the rule. dateutil's own
iteration (`rrule._iter`, behind iter(), list(), between(), after(), count() and [i]) checks
the end only on the dates it finds: for a rule that never matches it walks every day until
year 9999. `counted_walks` counts the days of each walk of our search and refuses dateutil's
iteration outright, so that a search that ignores its span fails at once instead of
running for minutes.
"""

from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import timedelta

import pytest
from dateutil.rrule import rrule

from events.recurrence import search

# FREQ=YEARLY, a leap year: the most days the walk takes in one period.
LONGEST_PERIOD_DAYS = 366


def walk_budget(span: timedelta) -> int:
    """The most days one walk may visit for a span: the span's days, plus whole periods at
    its edges (the days of the start's period before the start, the rest of the end's
    period, and the next period, which the walk looks at to see it has passed the end)."""
    return max(span.days, 0) + 1 + 3 * LONGEST_PERIOD_DAYS


class WalkTooLong(AssertionError):
    """A walk went beyond its budget: the search is not bounded by its span."""


class UnboundedIteration(AssertionError):
    """dateutil's own iteration was started: it has no bound for a rule that never matches."""


@dataclass
class Work:
    budget: int  # the days one walk may visit
    walks: list[int] = field(default_factory=list)  # the days each walk visited
    dateutil_iterations: int = 0

    def assert_bounded(self) -> None:
        """Every walk stayed within the budget and dateutil never iterated (also when the
        code under test caught the exception that stopped the walk)."""
        assert self.dateutil_iterations == 0, "dateutil's unbounded iteration was used"
        assert all(days <= self.budget for days in self.walks), (self.walks, self.budget)


@contextmanager
def counted_walks(budget: int):
    """Count the days of every walk of events.recurrence.search in the block, stop a walk
    that exceeds `budget` days (WalkTooLong) and any iteration by dateutil itself."""
    work = Work(budget=budget)
    real_periods = search._periods

    def periods(rule, start):
        work.walks.append(0)
        walk = len(work.walks) - 1
        for days in real_periods(rule, start):
            work.walks[walk] += len(days)
            if work.walks[walk] > budget:
                raise WalkTooLong(f"more than {budget} days visited, from {start}: {rule}")
            yield days

    def dateutil_iteration(self):
        work.dateutil_iterations += 1
        raise UnboundedIteration(f"dateutil iterates {self} with no bound")
        yield  # pragma: no cover - makes this a generator, as rrule._iter is

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(search, "_periods", periods)
        patch.setattr(rrule, "_iter", dateutil_iteration)
        yield work
