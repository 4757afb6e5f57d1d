import os
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import time_machine

from buurt.models import Area, AreaKind
from tests.factories import AreaFactory, square  # noqa: F401 (square: imported from here)

REPO = Path(__file__).resolve().parent.parent
REAL_DATA = REPO / "data"

# BUURTWIJZER_TEST_CLOCK_SHIFT_DAYS=365 (or -365) runs the whole session with Python's clock
# moved that many days and ticking, to find tests that pass only around the real date.
# time-machine moves Python's clock only: PostgreSQL's now() and subprocesses keep the real
# one, which is why the code hands SQL the time from timezone.now() instead of calling now().
CLOCK_SHIFT_VARIABLE = "BUURTWIJZER_TEST_CLOCK_SHIFT_DAYS"
_CLOCK_SHIFT = pytest.StashKey[time_machine.travel]()


def pytest_configure(config: pytest.Config) -> None:
    days = os.environ.get(CLOCK_SHIFT_VARIABLE, "").strip()
    if not days:
        return
    try:
        # Fractions move the time of day as well: 0.5 runs the suite twelve hours later.
        shift = timedelta(days=float(days))
    except ValueError:
        raise pytest.UsageError(f"{CLOCK_SHIFT_VARIABLE} must be a number of days") from None
    travel = time_machine.travel(datetime.now(UTC) + shift, tick=True)
    travel.start()
    config.stash[_CLOCK_SHIFT] = travel


def pytest_unconfigure(config: pytest.Config) -> None:
    travel = config.stash.get(_CLOCK_SHIFT, None)
    if travel is not None:
        travel.stop()


def pytest_report_header(config: pytest.Config) -> str | None:
    if config.stash.get(_CLOCK_SHIFT, None) is None:
        return None
    return (
        f"clock moved by {os.environ[CLOCK_SHIFT_VARIABLE]} days ({CLOCK_SHIFT_VARIABLE}): "
        f"now is {datetime.now(UTC):%Y-%m-%d %H:%M} UTC"
    )


@pytest.fixture
def real_data() -> Path:
    """The real Flemish open data that ships with Buurtwijzer (data/, README per folder)."""
    return REAL_DATA


@pytest.fixture
def territory(db) -> dict[str, Area]:
    """A small test town near Gent: one municipality split into two neighbourhoods."""
    town = AreaFactory(
        kind=AreaKind.MUNICIPALITY,
        code="T0001",
        name="Testdorp",
        origin=(3.70, 51.00),
        width=0.04,
        height=0.02,
        population=10000,
    )
    neighbourhood = {"parent": town, "size": 0.02}
    west = AreaFactory(
        code="T0001W1", name="West", origin=(3.70, 51.00), population=4000, **neighbourhood
    )
    east = AreaFactory(
        code="T0001W2", name="Oost", origin=(3.72, 51.00), population=6000, **neighbourhood
    )
    return {"town": town, "west": west, "east": east}


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Each test starts with an empty cache (throttle counters, cached tiles)."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _default_language():
    """Each test starts in Dutch: a request to a French or English page leaves its language
    active in the thread, as Django's LocaleMiddleware does."""
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


def _flushes_the_database(item: pytest.Item) -> bool:
    marker = item.get_closest_marker("django_db")
    return bool(
        {"transactional_db", "live_server"} & set(getattr(item, "fixturenames", ()))
        or (marker is not None and marker.kwargs.get("transaction"))
    )


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item: pytest.Item, nextitem: pytest.Item | None):
    """A transactional test ends with a flush of every table, which also removes the seven
    work models that a data migration created. Put them back straight after it, so that the
    next test on this worker (pytest-xdist sends whole files, in any order) finds them."""
    result = yield
    # After the last test the test database is gone and the connection is back on the
    # development database: nothing is left to repair, and nothing there may be written.
    if nextitem is not None and _flushes_the_database(item):
        from pytest_django.plugin import blocking_manager_key

        from events.work_models import work_models_ensure

        with item.config.stash[blocking_manager_key].unblock():
            work_models_ensure()
    return result
