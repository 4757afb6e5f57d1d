"""Filling in the design system's form components as a person does, by their labels."""

import datetime

from playwright.sync_api import Locator


def fill_date(group: Locator, day: datetime.date) -> None:
    """Types a date into the design system's three boxes (Dag, Maand, Jaar) of a field."""
    group.get_by_label("Dag", exact=True).fill(str(day.day))
    group.get_by_label("Maand", exact=True).fill(str(day.month))
    group.get_by_label("Jaar", exact=True).fill(str(day.year))
