"""Memory plumbing: building large results without the cyclic garbage collector."""

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while building a large result that stays alive
    (parsed files, decoded JSON): every collection its hundreds of thousands of new dicts
    and lists trigger walks them, and Django's objects, again, which can cost more than the
    building itself. Only for results without reference cycles."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
