"""The fictional demo territory Buurtegem: its content read and checked from
data/neighbourhoods/demo.yaml (content.py, fields.py) and loaded or removed (load.py)."""

from .content import DemoContentInvalid, demo_content_read
from .load import DEMO_ADMIN_USERNAME, DEMO_KEY, DemoSummary, demo_load, demo_remove, first_start

__all__ = [
    "DEMO_ADMIN_USERNAME",
    "DEMO_KEY",
    "DemoContentInvalid",
    "DemoSummary",
    "demo_content_read",
    "demo_load",
    "demo_remove",
    "first_start",
]
